//! Element trees built by plain calls, `el("div").class("rg-x").child(…)`, where `view!`
//! would make each tree a type of its own: Leptos builds the code that creates, updates
//! and mounts a view once per view type, so in the split build every screen's part
//! carried its own copy (bench/size.md). These calls are the same for every tree, and
//! what changes is kept up to date by boxed render effects, one type for all.
//! A tree is an `AnyView` like any other once built (`into_view`), and holds Leptos
//! views inside it (`view`), so screens mix the two.
use super::button::Look;
use crate::ui::text::{Key, Message};
use crate::ui::Ui;
use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use std::any::Any;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// An element being built, with what must live as long as it is shown: its render
/// effects, event handlers and the Leptos views inside it.
#[must_use = "an element dropped unshown takes its effects and handlers with it"]
pub struct El {
    el: web_sys::Element,
    keep: Vec<Box<dyn Any>>,
}

/// A new element `tag`.
pub fn el(tag: &str) -> El {
    El::from(document().create_element(tag).expect("an element the document can create"))
}

/// A new SVG element `tag` (an icon's `svg` or `path`).
pub fn svg(tag: &str) -> El {
    let made = document().create_element_ns(Some("http://www.w3.org/2000/svg"), tag);
    El::from(made.expect("an SVG element the document can create"))
}

/// A `<button type="button">` with `look`'s class and `class` beside it.
pub fn button(look: Look, class: &str) -> El {
    let classes =
        if class.is_empty() { look.class().to_string() } else { format!("{} {class}", look.class()) };
    el("button").attr("type", "button").class(&classes)
}

/// A form's main button, which submits it; it waits while a call is under way.
pub fn submit(ui: Ui, label: Key) -> El {
    el("button")
        .attr("type", "submit")
        .class(Look::Primary.class())
        .disabled_when(move || ui.pending.get())
        .say(ui, label)
}

/// Runs `f` on `node` once it is in the page (see `once_placed`).
pub fn once_shown(node: web_sys::Element, f: impl FnOnce(&web_sys::Element) + 'static) {
    once_placed(node, |node| node.is_connected(), f);
}

/// Runs `f` on `node` once `placed` holds for it. A step shown in place of another is
/// built a tick before it is mounted (tachys's `Suspend` rebuilds, waits a tick, then
/// mounts), and its effects run in that tick, so this looks again on each of the next
/// few frames, and then gives up.
pub fn once_placed(
    node: web_sys::Element,
    placed: fn(&web_sys::Element) -> bool,
    f: impl FnOnce(&web_sys::Element) + 'static,
) {
    look_again(node, placed, Box::new(f), 10);
}

fn look_again(
    node: web_sys::Element,
    placed: fn(&web_sys::Element) -> bool,
    f: Box<dyn FnOnce(&web_sys::Element)>,
    frames: u8,
) {
    if placed(&node) {
        f(&node);
    } else if frames > 0 {
        request_animation_frame(move || look_again(node, placed, f, frames - 1));
    }
}

impl From<web_sys::Element> for El {
    fn from(el: web_sys::Element) -> El {
        El { el, keep: Vec::new() }
    }
}

impl El {
    pub fn attr(self, name: &str, value: &str) -> El {
        let _ = self.el.set_attribute(name, value);
        self
    }

    pub fn class(self, class: &str) -> El {
        self.attr("class", class)
    }

    pub fn id(self, id: &str) -> El {
        self.attr("id", id)
    }

    /// An attribute kept up to date with `value`: set to what it gives, or removed.
    pub fn attr_live(self, name: &'static str, value: impl Fn() -> Option<String> + 'static) -> El {
        self.attr_live_boxed(name, Box::new(value))
    }

    fn attr_live_boxed(self, name: &'static str, value: Box<dyn Fn() -> Option<String>>) -> El {
        let el = self.el.clone();
        self.effect(Box::new(move || {
            let _ = match value() {
                Some(v) => el.set_attribute(name, &v),
                None => el.remove_attribute(name),
            };
        }))
    }

    /// `hidden` while `hide` holds.
    pub fn hidden_when(self, hide: impl Fn() -> bool + 'static) -> El {
        self.attr_live("hidden", move || hide().then(String::new))
    }

    /// Text after what the element holds so far.
    pub fn text(self, text: &str) -> El {
        let _ = self.el.append_with_str_1(text);
        self
    }

    /// The text `key` names, in the chosen language.
    pub fn say(self, ui: Ui, key: Key) -> El {
        self.text_live(move || ui.t(key).to_string())
    }

    /// The message `slot` holds, in the chosen language, kept up to date.
    pub fn say_message(self, ui: Ui, slot: RwSignal<Option<Message>>) -> El {
        let text = ui.message(slot);
        self.text_live(move || text().unwrap_or_default())
    }

    /// `disabled` while `off` holds (a button waits while a call is under way).
    pub fn disabled_when(self, off: impl Fn() -> bool + 'static) -> El {
        self.attr_live("disabled", move || off().then(String::new))
    }

    /// Text kept up to date with `text`.
    pub fn text_live(self, text: impl Fn() -> String + 'static) -> El {
        self.text_live_boxed(Box::new(text))
    }

    fn text_live_boxed(self, text: Box<dyn Fn() -> String>) -> El {
        let node = document().create_text_node("");
        let _ = self.el.append_child(&node);
        self.effect(Box::new(move || node.set_data(&text())))
    }

    /// A child element after what the element holds so far.
    pub fn child(mut self, child: El) -> El {
        let _ = self.el.append_child(&child.el);
        self.keep.push(Box::new(child.keep));
        self
    }

    /// `child` when there is one.
    pub fn maybe(self, child: Option<El>) -> El {
        match child {
            Some(child) => self.child(child),
            None => self,
        }
    }

    /// A Leptos view (a kit component, say) after what the element holds so far.
    pub fn view(mut self, view: AnyView) -> El {
        let mut state = view.build();
        state.mount(&self.el, None);
        self.keep.push(Box::new(state));
        self
    }

    /// `build`'s trees at this place while `when` holds, nothing otherwise: Leptos's
    /// `Show`. What they create (signals, effects) lives until they are taken away.
    pub fn show_when(self, when: impl Fn() -> bool + 'static, build: impl Fn() -> Vec<El> + 'static) -> El {
        self.show_when_boxed(Box::new(when), Box::new(build))
    }

    fn show_when_boxed(self, when: Box<dyn Fn() -> bool>, build: Box<dyn Fn() -> Vec<El>>) -> El {
        let place_at = document().create_text_node("");
        let _ = self.el.append_child(&place_at);
        // Its own owner: the effect's is cleaned up each time the effect runs again.
        let branch = Owner::new();
        let mut shown: Vec<El> = Vec::new();
        let mut showing = false;
        self.effect(Box::new(move || match (when(), showing) {
            (true, false) => {
                shown = place(&place_at, branch.with(|| untrack(&build)));
                showing = true;
            }
            (false, true) => {
                take(&mut shown);
                branch.cleanup();
                showing = false;
            }
            _ => {}
        }))
    }

    /// `build`'s trees at this place, built again whenever a signal it reads changes:
    /// Leptos's `{move || …}` (a list of what the reply offers, say).
    pub fn live(self, build: impl Fn() -> Vec<El> + 'static) -> El {
        self.live_boxed(Box::new(build))
    }

    fn live_boxed(self, build: Box<dyn Fn() -> Vec<El>>) -> El {
        let place_at = document().create_text_node("");
        let _ = self.el.append_child(&place_at);
        let branch = Owner::new();
        let mut shown: Vec<El> = Vec::new();
        self.effect(Box::new(move || {
            take(&mut shown);
            branch.cleanup();
            shown = place(&place_at, branch.with(&build));
        }))
    }

    /// Calls `handle` on each `event` the element receives.
    pub fn on(self, event: &str, handle: impl FnMut(web_sys::Event) + 'static) -> El {
        self.on_boxed(event, Box::new(handle))
    }

    fn on_boxed(mut self, event: &str, handle: Box<dyn FnMut(web_sys::Event)>) -> El {
        let handle = Closure::wrap(handle);
        let _ = self.el.add_event_listener_with_callback(event, handle.as_ref().unchecked_ref());
        self.keep.push(Box::new(handle));
        self
    }

    /// A form's submit handler: keeps the page from loading and calls `f`.
    pub fn on_submit(self, mut f: impl FnMut() + 'static) -> El {
        self.on("submit", move |ev| {
            ev.prevent_default();
            f();
        })
    }

    /// The element itself, to focus it or read it later.
    pub fn element(&self) -> web_sys::Element {
        self.el.clone()
    }

    /// Runs `f` now and again whenever a signal it reads changes, while the tree is shown
    /// (an input's value kept to its signal, say).
    pub fn on_render(self, f: impl FnMut() + 'static) -> El {
        self.effect(Box::new(f))
    }

    fn effect(mut self, mut f: Box<dyn FnMut()>) -> El {
        self.keep.push(Box::new(RenderEffect::new(move |_: Option<()>| f())));
        self
    }

    /// The finished tree, to show where views go.
    pub fn into_view(self) -> AnyView {
        Tree(SendWrapper::new(self)).into_any()
    }
}

/// Puts `trees` before `place_at`, in order, and gives them back to be kept.
fn place(place_at: &web_sys::Text, trees: Vec<El>) -> Vec<El> {
    if let Some(parent) = place_at.parent_node() {
        for tree in &trees {
            let _ = parent.insert_before(&tree.el, Some(place_at));
        }
    }
    trees
}

/// Takes `shown` out of the page and drops what it kept.
fn take(shown: &mut Vec<El>) {
    for tree in shown.drain(..) {
        tree.el.remove();
    }
}

/// A built tree as a Leptos view. Send only in name: views are made and shown on the
/// browser's one thread, which `SendWrapper` checks.
struct Tree(SendWrapper<El>);

impl Render for Tree {
    type State = Tree;

    fn build(self) -> Tree {
        self
    }

    fn rebuild(self, state: &mut Tree) {
        let old = &state.0.el;
        if let Some(parent) = old.parent_node() {
            let _ = parent.insert_before(&self.0.el, Some(old));
            old.remove();
        }
        *state = self;
    }
}

impl Mountable for Tree {
    fn unmount(&mut self) {
        self.0.el.remove();
    }

    fn mount(&mut self, parent: &web_sys::Element, marker: Option<&web_sys::Node>) {
        let _ = parent.insert_before(&self.0.el, marker);
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        match self.0.el.parent_element() {
            Some(parent) => {
                child.mount(&parent, Some(&self.0.el));
                true
            }
            None => false,
        }
    }

    fn elements(&self) -> Vec<web_sys::Element> {
        vec![self.0.el.clone()]
    }
}

leptos::tachys::no_attrs!(Tree);

// The component renders in the browser only: no server rendering or hydration.
impl RenderHtml for Tree {
    type AsyncOutput = Tree;
    type Owned = Tree;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Tree {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        _escape: bool,
        _mark_branches: bool,
        _extra_attrs: Vec<leptos::attr::any_attribute::AnyAttribute>,
    ) {
        buf.push_str(&self.0.el.outer_html());
        *position = Position::NextChild;
    }

    fn hydrate<const FROM_SERVER: bool>(self, _cursor: &Cursor, _position: &PositionState) -> Tree {
        self
    }

    fn into_owned(self) -> Tree {
        self
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::el;
    use leptos::prelude::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Lets queued effects run, each of which may queue the next.
    async fn settle() {
        for _ in 0..3 {
            leptos::task::tick().await;
        }
    }

    fn host() -> web_sys::HtmlElement {
        let host = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&host).unwrap();
        host.unchecked_into()
    }

    #[wasm_bindgen_test]
    async fn a_tree_follows_its_signals_while_shown_and_stops_once_gone() {
        let name = RwSignal::new("ada".to_string());
        let mounted = leptos::mount::mount_to(host(), move || {
            el("p")
                .class("rg-x")
                .attr_live("title", move || Some(name.get()))
                .hidden_when(move || name.with(String::is_empty))
                .text("Hello, ")
                .text_live(move || name.get())
                .into_view()
        });
        let p = document().query_selector("p.rg-x").unwrap().expect("the tree is in the page");
        assert_eq!(
            (p.text_content().unwrap(), p.get_attribute("title")),
            ("Hello, ada".into(), Some("ada".into()))
        );
        assert!(!p.has_attribute("hidden"));
        name.set(String::new());
        settle().await;
        assert_eq!((p.text_content().unwrap(), p.has_attribute("hidden")), ("Hello, ".into(), true));
        drop(mounted);
        assert!(!p.is_connected(), "unmounted with its view");
        name.set("grace".into());
        settle().await;
        assert_eq!(p.text_content().unwrap(), "Hello, ", "its effects stopped with it");
    }

    #[wasm_bindgen_test]
    async fn show_when_builds_in_place_and_disposes_what_it_made_when_taken_away() {
        let open = RwSignal::new(false);
        let made: Rc<Cell<Option<RwSignal<u8>>>> = Rc::default();
        let kept = made.clone();
        let _mounted = leptos::mount::mount_to(host(), move || {
            let kept = kept.clone();
            el("div")
                .id("rg-show")
                .show_when(
                    move || open.get(),
                    move || {
                        kept.set(Some(RwSignal::new(1)));
                        vec![el("p").text("one"), el("p").text("two")]
                    },
                )
                .child(el("span").text("after"))
                .into_view()
        });
        let div = document().get_element_by_id("rg-show").unwrap();
        assert_eq!(div.text_content().unwrap(), "after");
        open.set(true);
        settle().await;
        assert_eq!(div.text_content().unwrap(), "onetwoafter", "shown where it was placed");
        let signal = made.get().expect("built when shown");
        assert_eq!(signal.try_get_untracked(), Some(1));
        open.set(false);
        settle().await;
        assert_eq!(div.text_content().unwrap(), "after");
        assert_eq!(signal.try_get_untracked(), None, "what it made is disposed");
    }

    #[wasm_bindgen_test]
    async fn live_builds_its_list_again_when_what_it_reads_changes() {
        let items = RwSignal::new(vec!["a", "b"]);
        let _mounted = leptos::mount::mount_to(host(), move || {
            let list = move || items.get().into_iter().map(|i| el("li").text(i)).collect();
            el("ul").id("rg-live").live(list).into_view()
        });
        let ul = document().get_element_by_id("rg-live").unwrap();
        assert_eq!((ul.text_content().unwrap(), ul.children().length()), ("ab".into(), 2));
        items.set(vec!["c"]);
        settle().await;
        assert_eq!((ul.text_content().unwrap(), ul.children().length()), ("c".into(), 1));
    }

    #[wasm_bindgen_test]
    fn a_handler_runs_on_its_event_and_a_submit_stays_on_the_page() {
        let clicks = RwSignal::new(0);
        let sent = RwSignal::new(0);
        let _mounted = leptos::mount::mount_to(host(), move || {
            let button = el("button")
                .attr("type", "button")
                .id("rg-click")
                .on("click", move |_| clicks.update(|n| *n += 1));
            el("form").id("rg-form").on_submit(move || sent.update(|n| *n += 1)).child(button).into_view()
        });
        let button = document().get_element_by_id("rg-click").unwrap();
        button.unchecked_ref::<web_sys::HtmlElement>().click();
        button.unchecked_ref::<web_sys::HtmlElement>().click();
        assert_eq!(clicks.get_untracked(), 2);
        let submit = web_sys::Event::new_with_event_init_dict("submit", &{
            let init = web_sys::EventInit::new();
            init.set_cancelable(true);
            init
        })
        .unwrap();
        let form = document().get_element_by_id("rg-form").unwrap();
        form.dispatch_event(&submit).unwrap();
        assert_eq!((sent.get_untracked(), submit.default_prevented()), (1, true));
    }
}
