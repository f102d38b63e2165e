//! Drives the real screens in a headless browser, the way a person would: type, click,
//! read what is on screen.
#![allow(dead_code)]
use leptos::prelude::*;
use riskgate::backend::platform::{OsEntropy, SystemClock};
use riskgate::backend::{totp, IdentityBackend, MockBackend};
use riskgate::ui::text::Locale;
use riskgate::ui::App;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

pub mod soft_authenticator;

pub struct Page {
    pub backend: Rc<MockBackend>,
    pub root: HtmlElement,
    _mounted: Box<dyn std::any::Any>,
}

impl Drop for Page {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// Mounts the app over a fresh seeded mock backend.
pub fn open() -> Page {
    open_with(mock())
}

/// A fresh seeded mock backend, to share between pages with `open_with`.
pub fn mock() -> Rc<MockBackend> {
    Rc::new(MockBackend::seeded(Rc::new(SystemClock), Rc::new(OsEntropy)))
}

/// Mounts the app over `backend`, so several pages (one after another, as separate
/// visits) see the same directory, sign-in log and sessions.
pub fn open_with(backend: Rc<MockBackend>) -> Page {
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let shared: Rc<dyn IdentityBackend> = backend.clone();
    let handle =
        leptos::mount::mount_to(root.clone(), move || view! { <App backend=shared locale=Locale::En/> });
    Page { backend, root, _mounted: Box::new(handle) }
}

/// Mounts the app over any backend (the HTTP adapter, say). The page's `backend` is
/// then a fresh mock the app does not use.
pub fn open_over(backend: Rc<dyn IdentityBackend>) -> Page {
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <App backend locale=Locale::En/> });
    Page { backend: mock(), root, _mounted: Box::new(handle) }
}

pub async fn sleep(ms: u64) {
    gloo_timers::future::sleep(Duration::from_millis(ms)).await;
}

impl Page {
    /// A page over a component mounted some other way.
    pub fn from_parts(backend: Rc<MockBackend>, root: HtmlElement, mounted: Box<dyn std::any::Any>) -> Page {
        Page { backend, root, _mounted: mounted }
    }

    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn heading(&self) -> String {
        self.find("h1").and_then(|h| h.text_content()).unwrap_or_default().trim().to_string()
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn value(&self, selector: &str) -> String {
        self.find(selector).expect(selector).unchecked_into::<HtmlInputElement>().value()
    }

    /// Waits (up to 5 s) until the input's value reads `expected`.
    pub async fn expect_value(&self, selector: &str, expected: &str) {
        for _ in 0..500 {
            if self.value(selector) == expected {
                return;
            }
            sleep(10).await;
        }
        panic!("expected {expected:?} in {selector}, found {:?}", self.value(selector));
    }

    /// Waits (up to 5 s) until the heading reads `expected`; panics with what is shown instead.
    pub async fn expect_heading(&self, expected: &str) {
        for _ in 0..500 {
            if self.heading() == expected {
                return;
            }
            sleep(10).await;
        }
        panic!("expected heading {expected:?}, the screen shows {:?}: {}", self.heading(), self.text());
    }

    /// Waits until `needle` appears anywhere in the component.
    pub async fn expect_text(&self, needle: &str) {
        for _ in 0..500 {
            if self.text().contains(needle) {
                return;
            }
            sleep(10).await;
        }
        panic!("expected {needle:?} on screen, found: {}", self.text());
    }

    /// Types into an input as a person would: the value, then a bubbling input event.
    pub async fn type_into(&self, selector: &str, text: &str) {
        let input: HtmlInputElement = self.find(selector).expect(selector).unchecked_into();
        input.set_value(text);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
        leptos::task::tick().await;
    }

    /// Picks a language from the language menu.
    pub async fn choose_locale(&self, tag: &str) {
        let select: HtmlSelectElement = self.find("#rg-locale").expect("language menu").unchecked_into();
        select.set_value(tag);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
        leptos::task::tick().await;
        sleep(5).await;
    }

    /// Clicks the button whose text is `label`.
    pub async fn click(&self, label: &str) {
        let buttons = self.root.query_selector_all("button").unwrap();
        let button = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .find(|b| b.text_content().unwrap_or_default().trim() == label)
            .unwrap_or_else(|| panic!("no button {label:?} on {:?}: {}", self.heading(), self.text()));
        button.unchecked_into::<HtmlElement>().click();
        leptos::task::tick().await;
        sleep(5).await;
    }

    /// Ravi signs in from somewhere new and passes MFA with his app, so his session
    /// may change his methods.
    pub async fn sign_in_ravi_with_mfa(&self) {
        self.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
        self.expect_heading("We noticed something unusual").await;
        self.click("Continue").await;
        self.expect_heading("Confirm it's you").await;
        self.type_into("#rg-code", &self.app_code("ravi@contoso.example")).await;
        self.click("Verify").await;
        self.expect_heading("You're signed in").await;
    }

    /// Username, then password, through the two sign-in screens.
    pub async fn sign_in(&self, username: &str, password: &str) {
        self.expect_heading("Sign in").await;
        self.type_into("#rg-username", username).await;
        self.click("Next").await;
        self.expect_heading("Enter your password").await;
        self.type_into("#rg-password", password).await;
        self.click("Sign in").await;
    }

    /// With the username already typed: Next, then the password, then Sign in.
    pub async fn sign_in_from_username(&self, password: &str) {
        self.click("Next").await;
        self.expect_heading("Enter your password").await;
        self.type_into("#rg-password", password).await;
        self.click("Sign in").await;
    }

    /// The code the persona's authenticator app shows now.
    pub fn app_code(&self, username: &str) -> String {
        let secret = self.backend.authenticator_secret(username).expect("persona has an authenticator app");
        totp::code_at(&secret, (js_sys::Date::now() / 1000.0) as u64)
    }

    /// A view asked for a step-up (the admin view, or changing methods with a password
    /// alone): passes it with `username`'s authenticator app, back to that view.
    pub async fn step_up(&self, username: &str) {
        self.expect_text("One more check").await;
        self.click_named("Confirm it's you").await;
        self.expect_heading("Confirm it's you").await;
        self.expect_text("You're already signed in.").await;
        self.type_into("#rg-code", &self.app_code(username)).await;
        self.click("Verify").await;
    }

    /// Signs an admin in with the password alone and opens the admin view, which asks
    /// them to prove themselves first; waits for the users once the step-up passed.
    pub async fn open_admin_view(&self, username: &str, password: &str) {
        self.sign_in(username, password).await;
        self.expect_heading("You're signed in").await;
        self.click_named("Open admin view").await;
        self.expect_heading("Admin view").await;
        self.step_up(username).await;
        self.expect_heading("Admin view").await;
        self.wait_for("table.rg-users").await;
    }

    /// Waits (up to 5 s) for an enabled button whose accessible name is `name` (its
    /// aria-label, or else its text), then clicks it.
    pub async fn click_named(&self, name: &str) {
        for _ in 0..500 {
            if let Some(button) = self.button_named(name) {
                if !button.has_attribute("disabled") {
                    button.unchecked_into::<HtmlElement>().click();
                    leptos::task::tick().await;
                    sleep(5).await;
                    return;
                }
            }
            sleep(10).await;
        }
        let names: Vec<String> = self.buttons().iter().map(accessible_name).collect();
        panic!("no button named {name:?} on {:?}; buttons: {names:?}", self.heading());
    }

    pub fn button_named(&self, name: &str) -> Option<Element> {
        self.buttons().into_iter().find(|b| accessible_name(b) == name)
    }

    fn buttons(&self) -> Vec<Element> {
        let list = self.root.query_selector_all("button").unwrap();
        (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.unchecked_into()).collect()
    }

    /// Waits until an element matching `selector` is in the component.
    pub async fn wait_for(&self, selector: &str) -> Element {
        for _ in 0..500 {
            if let Some(e) = self.find(selector) {
                return e;
            }
            sleep(10).await;
        }
        panic!("expected {selector:?} on {:?}: {}", self.heading(), self.text());
    }

    /// Waits until the text of `selector` contains `needle`.
    pub async fn expect_text_in(&self, selector: &str, needle: &str) {
        for _ in 0..500 {
            let text = self.find(selector).and_then(|e| e.text_content()).unwrap_or_default();
            if text.contains(needle) {
                return;
            }
            sleep(10).await;
        }
        let text = self.find(selector).and_then(|e| e.text_content());
        panic!("expected {needle:?} in {selector:?}, found {text:?}");
    }

    /// The element that has focus, if it is inside this component.
    pub fn focused(&self) -> Option<Element> {
        document().active_element().filter(|e| self.root.contains(Some(e.as_ref())))
    }

    /// Waits until the screen's heading, reading `expected`, has focus.
    pub async fn expect_focus_on_heading(&self, expected: &str) {
        for _ in 0..500 {
            if let Some(e) = self.focused() {
                if e.tag_name().eq_ignore_ascii_case("h1")
                    && e.text_content().unwrap_or_default().trim() == expected
                {
                    return;
                }
            }
            sleep(10).await;
        }
        let focused = self.focused().map(|e| (e.tag_name(), e.text_content()));
        panic!("expected focus on the heading {expected:?}, focus is on {focused:?}");
    }

    /// Moves focus to `selector`, as Tab would.
    pub fn focus(&self, selector: &str) {
        self.find(selector).expect(selector).unchecked_into::<HtmlElement>().focus().unwrap();
    }

    /// Submits the form holding the focused element, as Enter in a field does.
    pub async fn submit_focused(&self) {
        let focused = self.focused().expect("something in the component has focus");
        let form = focused.closest("form").unwrap().expect("the focused element is in a form");
        let submit = js_sys::Reflect::get(&form, &"requestSubmit".into()).unwrap();
        submit.unchecked_into::<js_sys::Function>().call0(&form).unwrap();
        leptos::task::tick().await;
        sleep(5).await;
    }

    /// Activates the focused button, as Enter or Space on it does.
    pub async fn activate_focused(&self) {
        let focused = self.focused().expect("something in the component has focus");
        assert!(focused.tag_name().eq_ignore_ascii_case("button"), "focus is on a {}", focused.tag_name());
        focused.unchecked_into::<HtmlElement>().click();
        leptos::task::tick().await;
        sleep(5).await;
    }

    /// Types into a textarea: the value, then a bubbling input event.
    pub async fn type_into_area(&self, selector: &str, text: &str) {
        let area = self.find(selector).expect(selector);
        js_sys::Reflect::set(&area, &"value".into(), &text.into()).unwrap();
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        area.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
        leptos::task::tick().await;
    }

    pub fn area_value(&self, selector: &str) -> String {
        let area = self.find(selector).expect(selector);
        js_sys::Reflect::get(&area, &"value".into()).unwrap().as_string().unwrap_or_default()
    }

    /// Picks the option whose text is `label` from a menu.
    pub async fn choose(&self, selector: &str, label: &str) {
        let select: HtmlSelectElement = self.find(selector).expect(selector).unchecked_into();
        let index = (0..select.length())
            .find(|i| select.item(*i).and_then(|o| o.text_content()).is_some_and(|t| t.trim() == label))
            .unwrap_or_else(|| panic!("no option {label:?} in {selector}"));
        select.set_selected_index(index as i32);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
        leptos::task::tick().await;
        sleep(5).await;
    }

    /// The text of the option a menu shows.
    pub fn selected_text(&self, selector: &str) -> String {
        let select: HtmlSelectElement = self.find(selector).expect(selector).unchecked_into();
        let index = select.selected_index();
        if index < 0 {
            return String::new();
        }
        select.item(index as u32).and_then(|o| o.text_content()).unwrap_or_default().trim().to_string()
    }
}

/// A button's accessible name: its aria-label, or else its text.
pub fn accessible_name(e: &Element) -> String {
    e.get_attribute("aria-label")
        .unwrap_or_else(|| e.text_content().unwrap_or_default())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The component mounted the way a host page mounts it, with `riskgate::embed`.
pub struct Embedded {
    pub host: HtmlElement,
    pub handle: riskgate::embed::Handle,
    pub page: Page,
    /// Every CustomEvent the host element received: its type and its detail as JSON.
    pub events: Rc<std::cell::RefCell<Vec<(String, String)>>>,
    _listeners: Vec<wasm_bindgen::closure::Closure<dyn FnMut(web_sys::CustomEvent)>>,
}

pub const HOST_EVENTS: [&str; 4] =
    ["riskgate:step", "riskgate:signed-in", "riskgate:blocked", "riskgate:error"];

/// Adds a host element to the page, listens to it, and mounts the component in it.
pub fn embed(options: riskgate::embed::Options, backend: Rc<MockBackend>) -> Embedded {
    let shared: Rc<dyn IdentityBackend> = backend.clone();
    embed_over(options, shared, backend)
}

/// Mounts the embedded component over any backend (an HTTP adapter over a stub); the
/// page's own helpers (authenticator codes) read `page_backend`.
pub fn embed_over(
    options: riskgate::embed::Options,
    shared: Rc<dyn IdentityBackend>,
    backend: Rc<MockBackend>,
) -> Embedded {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let events = Rc::new(std::cell::RefCell::new(Vec::new()));
    let listeners = HOST_EVENTS
        .iter()
        .map(|name| {
            let events = events.clone();
            let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
                move |e: web_sys::CustomEvent| {
                    let detail = js_sys::JSON::stringify(&e.detail()).unwrap().as_string().unwrap();
                    events.borrow_mut().push((e.type_(), detail));
                },
            );
            host.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref()).unwrap();
            listener
        })
        .collect();
    let handle = riskgate::embed::mount_over(&host, options, shared).expect("mounted");
    let root = handle.container().expect("a container in the shadow root");
    let page = Page { backend, root, _mounted: Box::new(()) };
    Embedded { host, handle, page, events, _listeners: listeners }
}

impl Embedded {
    /// The events received so far, of type `name`, as JSON details.
    pub fn events_named(&self, name: &str) -> Vec<String> {
        self.events.borrow().iter().filter(|(n, _)| n == name).map(|(_, d)| d.clone()).collect()
    }

    /// Waits (up to 5 s) for an event of type `name`, and returns its detail.
    pub async fn expect_event(&self, name: &str) -> serde_json::Value {
        for _ in 0..500 {
            if let Some(last) = self.events_named(name).last() {
                return serde_json::from_str(last).unwrap();
            }
            sleep(10).await;
        }
        panic!("no {name} event; received: {:?}", self.events.borrow());
    }
}

impl Drop for Embedded {
    fn drop(&mut self) {
        self.handle.unmount();
        self.host.remove();
    }
}

/// Helpers for the fault matrix, hostile input and brute-force tests.
impl Page {
    /// Waits (up to 5 s) for an enabled button whose accessible name or text is `label`,
    /// then clicks it.
    pub async fn press(&self, label: &str) {
        for _ in 0..500 {
            let found = self.buttons().into_iter().find(|b| {
                accessible_name(b) == label || b.text_content().unwrap_or_default().trim() == label
            });
            if let Some(button) = found.filter(|b| !b.has_attribute("disabled")) {
                button.unchecked_into::<HtmlElement>().click();
                leptos::task::tick().await;
                sleep(5).await;
                return;
            }
            sleep(10).await;
        }
        let names: Vec<String> = self.buttons().iter().map(accessible_name).collect();
        panic!("no enabled button {label:?} on {:?}; buttons: {names:?}", self.heading());
    }

    /// The text of every message on screen: alerts, field messages, password rules.
    pub fn messages(&self) -> Vec<String> {
        let list = self.root.query_selector_all("[role=alert], .rg-error").unwrap();
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.text_content()).collect()
    }

    /// Waits until a message on screen says `needle`.
    pub async fn expect_message(&self, needle: &str) {
        for _ in 0..500 {
            if self.messages().iter().any(|m| m.contains(needle)) {
                return;
            }
            sleep(10).await;
        }
        panic!("expected the message {needle:?} on {:?}; messages: {:?}", self.heading(), self.messages());
    }

    /// Whether the component says it is waiting for the backend.
    pub fn busy(&self) -> bool {
        self.find(".rg-card").and_then(|c| c.get_attribute("aria-busy")).as_deref() == Some("true")
    }

    /// Waits (up to 5 s) until no backend call is under way.
    pub async fn wait_idle(&self) {
        for _ in 0..500 {
            if !self.busy() {
                return;
            }
            sleep(10).await;
        }
        panic!("still waiting for the backend on {:?}", self.heading());
    }

    /// Whether `username` has a sign-in that ended signed in, in the backend's log.
    pub fn signed_in(&self, username: &str) -> bool {
        self.sign_ins(username) > 0
    }

    /// How many of `username`'s sign-ins ended signed in, in the backend's log.
    pub fn sign_ins(&self, username: &str) -> usize {
        use riskgate::backend::api::SignInOutcome;
        let log = self.backend.sign_in_log();
        log.iter().filter(|r| r.username == username && r.outcome == SignInOutcome::SignedIn).count()
    }

    /// The code an authenticator app set up from the key on screen shows now.
    pub fn shown_key_code(&self) -> String {
        let key = self.find(".rg-key code").expect("a key on screen").text_content().unwrap();
        let secret = totp::base32_decode(&key).expect("the shown key is base32");
        totp::code_at(&secret, (js_sys::Date::now() / 1000.0) as u64)
    }

    /// The last code the simulated phone received.
    pub fn last_phone_code(&self) -> String {
        self.backend.phone_messages().pop().expect("the phone got a code").code
    }
}
