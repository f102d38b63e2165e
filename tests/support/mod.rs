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
    let document = document();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let backend = Rc::new(MockBackend::seeded(Rc::new(SystemClock), Rc::new(OsEntropy)));
    let shared: Rc<dyn IdentityBackend> = backend.clone();
    let handle =
        leptos::mount::mount_to(root.clone(), move || view! { <App backend=shared locale=Locale::En/> });
    Page { backend, root, _mounted: Box::new(handle) }
}

pub async fn sleep(ms: u64) {
    gloo_timers::future::sleep(Duration::from_millis(ms)).await;
}

impl Page {
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

    /// Username, then password, through the two sign-in screens.
    pub async fn sign_in(&self, username: &str, password: &str) {
        self.expect_heading("Sign in").await;
        self.type_into("#rg-username", username).await;
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
}
