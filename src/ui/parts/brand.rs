//! The tenant's (or host page's) branding on the card: the logo or the organisation's
//! name at the top, the main button's colour, the page's colour or picture, the sign-in
//! page text under the first screens, and the username hint.
//!
//! All of it is a Wasm part of its own (`split::brand_*`), fetched only once there is a
//! branding to show: a page without one does not pay for it. In the first module it
//! weighed 5.3 KB gzipped (reading and checking 3.4, drawing 1.9), which the 100 KB
//! first load could not hold. The host page's branding is read and checked here
//! too, so a branding that cannot be shown is refused when the part arrives, not by
//! `mount`: the component keeps its own look, logs why, and tells the host page with a
//! `riskgate:error` event. Texts are shown as text, never as markup.
use crate::backend::api::{BrandText, Branding};
use crate::backend::BackendError;
use crate::embed::events::HostEvent;
use crate::ui::kit::dom::{el, once_placed};
use crate::ui::kit::{after_render, Live};
use crate::ui::{use_ui, Screen, Ui};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// The host page's branding, as `App` takes it.
#[derive(Clone, Debug)]
pub enum HostBranding {
    /// From Rust (the gallery, tests).
    Given(Branding),
    /// `mount`'s `branding` option, read when the part arrives.
    FromPage(JsValue),
}

/// The branding to show and the organisation's name: the tenant's once a reply brought
/// it, else the host page's if it can be shown.
fn current(ui: Ui) -> Option<Look> {
    let tenant = ui.reply.with(|r| {
        let r = r.as_ref()?;
        let b = r.branding.clone()?;
        let name = b.name.clone().unwrap_or_else(|| r.tenant_name.clone());
        Some((b, Some(name)))
    });
    tenant.or_else(|| host(ui).map(|b| (b.clone(), b.name)))
}

/// The host page's branding, read and checked the first time any piece asks: kept as
/// read, or, when it cannot be shown, dropped after saying why once, in the console and
/// to the host page.
fn host(ui: Ui) -> Option<Branding> {
    let read = match ui.host_branding.get_value()? {
        HostBranding::Given(b) => b.check().map(|()| b).map_err(|problem| problem.to_string()),
        HostBranding::FromPage(js) => crate::embed::branding::from_js(&js),
    };
    match read {
        Ok(branding) => {
            ui.host_branding.set_value(Some(HostBranding::Given(branding.clone())));
            Some(branding)
        }
        Err(why) => {
            ui.host_branding.set_value(None);
            let why = format!("riskgate: the branding option is not used: {why}");
            web_sys::console::error_1(&why.clone().into());
            ui.emit(HostEvent::for_error(&BackendError::Malformed(why.clone()), &why));
            None
        }
    }
}

fn text_for(ui: Ui, pick: fn(&BrandText) -> &str) -> Option<String> {
    let tag = ui.locale.get().tag();
    let (b, _) = current(ui)?;
    let text = b.text_for(tag).map(pick).unwrap_or_default().trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The logo (or the organisation's name) at the top of the card, and the card's colours
/// on the component's root. Drawn by hand when the branding changes, not by a view and
/// a memo: each reactive or view type a part uses brings its own copy of Leptos's code.
#[component]
pub fn BrandTop() -> impl IntoView {
    let ui = use_ui();
    let mark = el("span").class("rg-brand");
    let node = mark.element();
    let drawn: Rc<RefCell<Option<Look>>> = Rc::default();
    after_render(move || {
        let look = current(ui);
        if *drawn.borrow() != look {
            draw_when_placed(node.clone(), look, drawn.clone());
        }
    });
    mark.into_view()
}

/// The branding shown and the organisation's name.
type Look = (Branding, Option<String>);

/// Paints `look` once the mark is inside the component's root, which may be before the
/// root is in the page (a host may mount off-page). If it never gets there, `drawn` is
/// left as it was, so the next change of reply tries again.
fn draw_when_placed(mark: web_sys::Element, look: Option<Look>, drawn: Rc<RefCell<Option<Look>>>) {
    once_placed(
        mark,
        |mark| root_of(mark).is_some(),
        move |mark| {
            if let Some(root) = root_of(mark) {
                paint(&root, look.as_ref().map(|(b, _)| b));
            }
            draw_mark(mark, look.as_ref());
            *drawn.borrow_mut() = look;
        },
    );
}

/// The component's root around `mark`, in the page or not.
fn root_of(mark: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    mark.closest(".riskgate").ok().flatten().and_then(|r| r.dyn_into().ok())
}

/// The logo, or else the organisation's name, in `mark`; as text and attributes, never
/// markup (the logo's address was checked with the rest of the branding).
fn draw_mark(mark: &web_sys::Element, look: Option<&Look>) {
    mark.set_text_content(None);
    let (Some((b, name)), Some(page)) = (look, mark.owner_document()) else { return };
    let drawn = match &b.logo {
        Some(logo) => page.create_element("img").and_then(|img| {
            img.set_attribute("src", &logo.url)?;
            img.set_attribute("alt", &logo.alt)?;
            img.set_class_name("rg-logo");
            Ok(img)
        }),
        None => page.create_element("span").inspect(|org| {
            org.set_class_name("rg-org");
            org.set_text_content(name.as_deref());
        }),
    };
    if let Ok(drawn) = drawn {
        let _ = mark.append_child(&drawn);
    }
}

/// The accent, the page's colour and picture on the component's root (through the
/// CSSOM, which a strict style-src allows).
fn paint(root: &web_sys::HtmlElement, b: Option<&Branding>) {
    let style = root.style();
    let set = |property: &str, value: Option<String>| {
        let _ = match value {
            Some(value) => style.set_property(property, &value),
            None => style.remove_property(property).map(drop),
        };
    };
    set("--rg-accent", b.map(|b| b.accent.clone()));
    set("background-color", b.and_then(|b| b.background.clone()));
    set("background-image", b.and_then(|b| b.background_image.as_ref()).map(|url| format!("url(\"{url}\")")));
    let _ = root.class_list().toggle_with_force("rg-branded", b.is_some());
}

/// The organisation's words under the username and password screens.
#[component]
pub fn BrandWords() -> impl IntoView {
    let ui = use_ui();
    let words = move || {
        let first_screens = matches!(ui.screen.get(), Screen::Username | Screen::Password);
        text_for(ui, |t| &t.sign_in_text).filter(|_| first_screens)
    };
    view! { <Live render=move || paragraph("rg-brand-text", words()) /> }
}

/// The organisation's hint for the username field, in the language shown.
#[component]
pub fn UsernameHint() -> impl IntoView {
    let ui = use_ui();
    view! { <Live render=move || paragraph("rg-hint", text_for(ui, |t| &t.username_hint)) /> }
}

/// A paragraph of `text` when there is one. Through `Live`, whose re-render code the
/// first module already has, rather than a closure type of its own (Leptos builds that
/// code once per type).
fn paragraph(class: &'static str, text: Option<String>) -> AnyView {
    match text {
        Some(text) => view! { <p class=class>{text}</p> }.into_any(),
        None => ().into_any(),
    }
}
