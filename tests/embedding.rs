//! The component as a host page embeds it: `mount()` into an element, the events the
//! page receives, two instances side by side, `unmount()`, options, scoped styles.
#![cfg(target_arch = "wasm32")]
mod support;

use riskgate::embed::{self, BackendChoice, Options};
use riskgate::ui::Theme;
use support::{embed, mock, sleep};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
wasm_bindgen_test_configure!(run_in_browser);

fn english() -> Options {
    Options { locale: Some(riskgate::ui::text::Locale::En), ..Options::default() }
}

fn steps(e: &support::Embedded) -> Vec<String> {
    e.events_named("riskgate:step")
        .iter()
        .map(|d| serde_json::from_str::<serde_json::Value>(d).unwrap()["step"].as_str().unwrap().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_host_page_hears_each_step_and_the_sign_in_with_its_remediations() {
    let e = embed(english(), mock());
    let page = &e.page;
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    let code = page.app_code("ravi@contoso.example");
    page.type_into("#rg-code", &code).await;
    page.click("Verify").await;
    page.expect_heading("You're signed in").await;

    let signed_in = e.expect_event("riskgate:signed-in").await;
    assert_eq!(signed_in["username"], "ravi@contoso.example");
    assert_eq!(signed_in["tenant"], "Contoso");
    assert_eq!(signed_in["remediations"][0]["risk"], "SignIn", "{signed_in}");
    assert!(signed_in["correlationId"].as_str().is_some_and(|c| !c.is_empty()));
    assert_eq!(steps(&e), ["username", "password", "notice", "mfa", "signed-in"]);
    assert!(e.events_named("riskgate:blocked").is_empty());
}

/// The password entry and a forced password change are two screens with two names: a
/// host page can tell "type your password" from "choose a new one".
#[wasm_bindgen_test]
async fn a_forced_password_change_has_its_own_step_name() {
    let e = embed(english(), mock());
    e.page.sign_in("pat@contoso.example", "Temp-Kestrel-2468").await;
    e.page.expect_heading("Update your password").await;
    e.page.type_into("#rg-new-password", "Orchid-Pylon-Meadow-71").await;
    e.page.type_into("#rg-confirm-password", "Orchid-Pylon-Meadow-71").await;
    e.page.click("Change password").await;
    e.page.expect_heading("You're signed in").await;
    assert_eq!(steps(&e), ["username", "password", "new-password", "signed-in"]);
}

/// A step-up is no new sign-in: the host hears its screens, never a second `signed-in`.
#[wasm_bindgen_test]
async fn a_step_up_tells_the_host_its_screens_but_no_second_sign_in() {
    let e = embed(english(), mock());
    e.page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    assert_eq!(e.events_named("riskgate:signed-in").len(), 1, "only the sign-in itself");
    assert_eq!(steps(&e), ["username", "password", "signed-in", "admin", "mfa", "admin"]);
    assert!(e.events_named("riskgate:blocked").is_empty());
}

#[wasm_bindgen_test]
async fn a_block_and_an_error_reach_the_host_page_with_their_codes() {
    let e = embed(english(), mock());
    e.page.sign_in("ada@contoso.example", "wrong-password").await;
    let error = e.expect_event("riskgate:error").await;
    assert_eq!(error["error"], "InvalidCredentials");
    assert!(error["message"].as_str().unwrap().contains("password"), "{error}");

    e.page.click("Back").await;
    e.page.type_into("#rg-username", "sam@woodgrove.example").await;
    e.page.click("Next").await;
    e.page.type_into("#rg-password", "Ivory-Summit-64").await;
    e.page.click("Sign in").await;
    let blocked = e.expect_event("riskgate:blocked").await;
    assert_eq!(blocked["reason"], "SignInRisk");
    assert_eq!(blocked["code"], "RG2001");
    e.page.expect_text("RG2001").await;
    assert!(e.events_named("riskgate:signed-in").is_empty());
}

#[wasm_bindgen_test]
async fn two_instances_on_one_page_keep_to_themselves() {
    let first = embed(english(), mock());
    let second = embed(english(), mock());
    first.page.type_into("#rg-username", "ada@contoso.example").await;
    assert_eq!(second.page.value("#rg-username"), "", "typing in one does not fill the other");
    first.page.sign_in_from_username("Harbor-Lantern-61").await;
    first.page.expect_heading("You're signed in").await;
    first.expect_event("riskgate:signed-in").await;
    sleep(20).await;
    assert_eq!(second.page.heading(), "Sign in");
    assert!(second.events_named("riskgate:signed-in").is_empty(), "the other host heard nothing");
    assert_eq!(steps(&second), ["username"]);
    // Ids repeat, but each shadow root keeps its own labels: the field is still labelled.
    let label = second.page.find("label[for=rg-username]").expect("label");
    assert!(label.text_content().unwrap().contains("Email"), "{:?}", label.text_content());
}

#[wasm_bindgen_test]
async fn unmount_removes_the_component_and_silences_it() {
    let backend = mock();
    let mut e = embed(english(), backend.clone());
    let shadow = e.host.shadow_root().expect("an open shadow root");
    assert_eq!(shadow.child_element_count(), 1);
    e.page.type_into("#rg-username", "ada@contoso.example").await;
    e.page.click("Next").await;
    e.page.type_into("#rg-password", "Harbor-Lantern-61").await;
    // The answer arrives after unmount: nothing may be rendered or announced.
    backend.set_fault(
        riskgate::backend::mock::Operation::SignIn,
        riskgate::backend::mock::Fault { latency_ms: 100, ..Default::default() },
    );
    e.page.click("Sign in").await;
    let before = e.events.borrow().len();
    e.handle.unmount();
    assert!(!e.handle.mounted());
    assert_eq!(shadow.child_element_count(), 0, "nothing left in the shadow root");
    let sheets = js_sys::Reflect::get(&shadow, &"adoptedStyleSheets".into()).unwrap();
    assert_eq!(sheets.unchecked_into::<js_sys::Array>().length(), 0);
    sleep(250).await;
    assert_eq!(e.events.borrow().len(), before, "no event after unmount");
    e.handle.unmount(); // twice is harmless

    let again = embed::mount_with(&e.host, english()).expect("mounts again in the same element");
    assert_eq!(shadow.child_element_count(), 1);
    {
        let _dropped_at_the_end_of_this_block = again;
    }
    assert_eq!(shadow.child_element_count(), 1, "dropping the handle leaves the component");
    let found = embed::instance(&e.host).expect("the element's instance is found again");
    assert!(found.mounted());
    assert!(embed::unmount(&e.host), "unmounted through the element");
    assert!(!found.mounted());
    assert_eq!(shadow.child_element_count(), 0);
    assert!(!embed::unmount(&e.host), "nothing left to unmount");
    assert!(embed::instance(&e.host).is_none());
}

#[wasm_bindgen_test]
async fn a_dropped_handle_leaves_the_component_working() {
    let backend = mock();
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let shared: std::rc::Rc<dyn riskgate::backend::IdentityBackend> = backend.clone();
    // The host keeps nothing, as `mount(el, opts);` without a variable does.
    let _ = embed::mount_over(&host, english(), shared).expect("mounted");
    let container = embed::instance(&host).and_then(|h| h.container()).expect("still mounted");
    let page = support::Page::from_parts(backend, container, Box::new(()));
    page.sign_in("ada@contoso.example", "Harbor-Lantern-61").await;
    page.expect_heading("You're signed in").await;
    assert!(embed::unmount(&host));
    host.remove();
}

#[wasm_bindgen_test]
async fn mounting_twice_in_one_element_is_refused() {
    let e = embed(english(), mock());
    let second = embed::mount_with(&e.host, english());
    assert!(second.unwrap_err().contains("already mounted"));
    assert_eq!(e.host.shadow_root().unwrap().child_element_count(), 1);
}

fn js_options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        js_sys::Reflect::set(&object, &(*key).into(), value).unwrap();
    }
    object.into()
}

#[wasm_bindgen_test]
fn options_from_javascript_are_read_and_wrong_ones_named() {
    let branding = js_options(&[("accent", "#6b2c91".into())]);
    let options = js_options(&[
        ("backend", "https://id.example/api/".into()),
        ("locale", "de-AT".into()),
        ("locales", "https://cdn.example/riskgate/locales".into()),
        ("theme", "dark".into()),
        ("branding", branding),
        ("username", "ada@contoso.example".into()),
        ("tenant", "contoso".into()),
    ]);
    let read = Options::from_js(&options).unwrap();
    assert_eq!(read.backend, BackendChoice::Http("https://id.example/api".into()));
    assert_eq!(read.locale, Some(riskgate::ui::text::Locale::De));
    assert_eq!(read.locales.as_deref(), Some("https://cdn.example/riskgate/locales/"));
    assert_eq!(read.theme, Theme::Dark);
    assert!(read.branding.is_some_and(|b| b.is_object()), "kept for the branding's part to read");
    assert_eq!(read.username, "ada@contoso.example");
    assert_eq!(read.tenant.as_deref(), Some("contoso"));
    assert_eq!(Options::from_js(&JsValue::UNDEFINED).unwrap(), Options::default());

    let wrong = |key: &str, value: JsValue| Options::from_js(&js_options(&[(key, value)])).unwrap_err();
    let unknown = wrong("locale", "it".into());
    assert!(
        unknown.contains("locale \"it\" is not one of en, de, fr, es, pt, ja, zh, ar, he, hi"),
        "{unknown}"
    );
    assert!(wrong("theme", "pink".into()).contains("theme"));
    assert!(wrong("backend", "ftp://x".into()).contains("backend"));
    assert!(wrong("backend", "http://id.example/api".into()).contains("must use https"));
    assert!(wrong("backend", "http://127.evil.example/api".into()).contains("must use https"));
    for local in ["http://localhost:8081/api", "http://127.0.0.1:8081", "http://[::1]:8081/api"] {
        let read = Options::from_js(&js_options(&[("backend", local.into())])).unwrap();
        assert_eq!(read.backend, BackendChoice::Http(local.into()), "{local}");
    }
    assert!(wrong("username", 7.into()).contains("username must be a string"));
    assert!(wrong("branding", "red".into()).contains("branding must be an object"));
}

/// Waits until `cond` holds (the branding's part arrives after the first render).
async fn until(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..300 {
        if cond() {
            return;
        }
        sleep(10).await;
    }
    panic!("never: {what}");
}

/// A data: address of a tiny SVG, as a host page might inline its logo.
const LOGO: &str = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSI4IiBoZWlnaHQ9IjgiLz4=";

fn js_array(items: Vec<JsValue>) -> JsValue {
    items.into_iter().collect::<js_sys::Array>().into()
}

fn host_branding() -> JsValue {
    let logo = js_options(&[("url", LOGO.into()), ("alt", "Tailspin Toys".into())]);
    let english = js_options(&[
        ("signInText", "Tailspin staff only.\nHelp: ext. 200.".into()),
        ("usernameHint", "name@tailspin.example".into()),
    ]);
    let german = js_options(&[
        ("locale", "de".into()),
        ("signInText", "Nur für Tailspin.".into()),
        ("usernameHint", "name@tailspin.example (Arbeit)".into()),
    ]);
    js_options(&[
        ("accent", "#8a1538".into()),
        ("name", "Tailspin Toys".into()),
        ("logo", logo),
        ("background", "#f2e8eb".into()),
        ("texts", js_array(vec![english, german])),
    ])
}

#[wasm_bindgen_test]
fn branding_from_javascript_is_read_and_what_cannot_be_shown_is_refused_with_a_reason() {
    let read = riskgate::embed::branding::from_js(&host_branding()).unwrap();
    assert_eq!(read.accent, "#8a1538");
    assert_eq!(read.logo.as_ref().map(|l| l.alt.as_str()), Some("Tailspin Toys"));
    assert_eq!(read.background.as_deref(), Some("#f2e8eb"));
    assert_eq!(read.text_for("de-CH").map(|t| t.sign_in_text.as_str()), Some("Nur für Tailspin."));
    assert_eq!(read.text_for("fr").map(|t| t.username_hint.as_str()), Some("name@tailspin.example"));

    let refused =
        |pairs: &[(&str, JsValue)]| riskgate::embed::branding::from_js(&js_options(pairs)).unwrap_err();
    // White on this yellow is 1.5:1: refused, naming the contrast and a colour that reads.
    let pale = refused(&[("accent", "#ffcc00".into())]);
    assert!(pale.contains("1.5:1") && pale.contains("4.5:1"), "{pale}");
    let suggested = pale.split_whitespace().find(|w| w.starts_with('#') && *w != "#ffcc00").unwrap();
    let retried = riskgate::embed::branding::from_js(&js_options(&[("accent", suggested.into())]));
    assert!(retried.is_ok(), "the suggested {suggested} reads: {retried:?}");
    let no_alt = js_options(&[("url", LOGO.into())]);
    assert!(refused(&[("logo", no_alt)]).contains("alternative text"));
    let script = js_options(&[("url", "javascript:alert(1)".into()), ("alt", "x".into())]);
    assert!(refused(&[("logo", script)]).contains("branding.logo.url"));
    assert!(refused(&[("backgroundImage", "https://x.example/a.png\")".into())]).contains("backgroundImage"));
    assert!(refused(&[("background", "pink".into())]).contains("branding.background"));
    assert!(refused(&[("texts", "hello".into())]).contains("branding.texts must be an array"));
    let long_hint = js_options(&[("usernameHint", "x".repeat(65).into())]);
    assert!(refused(&[("texts", js_array(vec![long_hint]))]).contains("usernameHint"));
    assert!(refused(&[("name", 7.into())]).contains("branding.name must be a string"));
}

/// A host may build its sign-in off the page (a dialog made ahead, say) and show it
/// later: the branding is drawn all the same, however long that takes.
#[wasm_bindgen_test]
async fn a_branding_mounted_off_the_page_shows_once_the_page_takes_it() {
    let backend = mock();
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    let options =
        Options::from_js(&js_options(&[("locale", "en".into()), ("branding", host_branding())])).unwrap();
    let shared: std::rc::Rc<dyn riskgate::backend::IdentityBackend> = backend.clone();
    let _ = embed::mount_over(&host, options, shared).expect("mounted off the page");
    let container = embed::instance(&host).and_then(|h| h.container()).expect("mounted");
    let page = support::Page::from_parts(backend, container, Box::new(()));
    sleep(500).await;
    document.body().unwrap().append_child(&host).unwrap();
    page.expect_heading("Sign in").await;
    until("the logo", || page.find(".rg-logo").is_some()).await;
    assert_eq!(page.find(".rg-logo").unwrap().get_attribute("alt").as_deref(), Some("Tailspin Toys"));
    assert!(embed::unmount(&host));
    host.remove();
}

#[wasm_bindgen_test]
async fn the_host_pages_branding_shows_until_the_tenant_brings_its_own() {
    let options =
        Options::from_js(&js_options(&[("locale", "en".into()), ("branding", host_branding())])).unwrap();
    let e = embed(options, mock());
    let window = web_sys::window().unwrap();
    let computed = |el: &web_sys::Element, prop: &str| {
        window.get_computed_style(el).unwrap().unwrap().get_property_value(prop).unwrap()
    };
    e.page.expect_heading("Sign in").await;
    until("the logo", || e.page.find(".rg-logo").is_some()).await;
    let logo = e.page.find(".rg-logo").unwrap();
    assert_eq!(logo.get_attribute("alt").as_deref(), Some("Tailspin Toys"));
    assert_eq!(logo.get_attribute("src").as_deref(), Some(LOGO));
    let words = e.page.find(".rg-brand-text").unwrap();
    assert_eq!(words.text_content().as_deref(), Some("Tailspin staff only.\nHelp: ext. 200."));
    let field = e.page.find("#rg-username").unwrap();
    assert_eq!(
        field.get_attribute("aria-describedby").as_deref(),
        Some("rg-username-hint rg-username-message")
    );
    let hint = e.page.find("#rg-username-hint").unwrap();
    assert_eq!(hint.text_content().as_deref(), Some("name@tailspin.example"));
    let root = e.page.find(".riskgate").unwrap();
    until("the page colour", || computed(&root, "background-color") == "rgb(242, 232, 235)").await;
    // The button's colour eases in (a 120 ms transition).
    let button = e.page.find(".rg-primary").unwrap();
    until("the accent", || computed(&button, "background-color") == "rgb(138, 21, 56)").await;

    // In German, the German words and hint.
    e.page.choose_locale("de").await;
    e.page.expect_text("Nur für Tailspin.").await;
    until("the German hint", || e.page.text().contains("(Arbeit)")).await;
    assert_eq!(
        e.page.find("#rg-username-hint").unwrap().text_content().as_deref(),
        Some("name@tailspin.example (Arbeit)")
    );
    e.page.choose_locale("en").await;

    // Once a reply names the tenant, its own look: Woodgrove's logo, page and accent;
    // the sign-in page text belongs to the first screens only.
    e.page.sign_in("sam@woodgrove.example", "Ivory-Summit-64").await;
    e.page.expect_heading("You can't sign in right now").await;
    let alt = || e.page.find(".rg-logo").and_then(|l| l.get_attribute("alt"));
    until("Woodgrove's logo", || alt().as_deref() == Some("Woodgrove Bank")).await;
    let logo = e.page.find(".rg-logo").unwrap();
    assert_eq!(logo.get_attribute("alt").as_deref(), Some("Woodgrove Bank"));
    assert!(logo.get_attribute("src").unwrap().starts_with("data:image/svg+xml;base64,"));
    until("Woodgrove's page colour", || computed(&root, "background-color") == "rgb(227, 239, 232)").await;
    assert!(e.page.find(".rg-brand-text").is_none(), "no page text past the password");
}

#[wasm_bindgen_test]
async fn without_a_logo_the_card_names_the_organisation() {
    let branding = js_options(&[("name", "Tailspin Toys".into())]);
    let options = Options::from_js(&js_options(&[("locale", "en".into()), ("branding", branding)])).unwrap();
    let e = embed(options, mock());
    e.page.expect_heading("Sign in").await;
    until("the name", || e.page.find(".rg-org").is_some()).await;
    assert!(e.page.find(".rg-logo").is_none());
    assert_eq!(e.page.find(".rg-org").unwrap().text_content().as_deref(), Some("Tailspin Toys"));
    let field = e.page.find("#rg-username").unwrap();
    assert_eq!(
        field.get_attribute("aria-describedby").as_deref(),
        Some("rg-username-hint rg-username-message")
    );
    let hint = e.page.find("#rg-username-hint").unwrap().text_content();
    assert_eq!(hint.as_deref(), Some(""), "no hint: none shown");
}

/// A branding that cannot be shown is refused when its part reads it: the component
/// keeps its own look and tells the host page why, naming the contrast.
#[wasm_bindgen_test]
async fn a_branding_that_cannot_be_shown_is_refused_and_the_host_page_told_why() {
    let pale = js_options(&[("accent", "#ffcc00".into()), ("name", "Pale Inc".into())]);
    let options = Options::from_js(&js_options(&[("locale", "en".into()), ("branding", pale)])).unwrap();
    let e = embed(options, mock());
    e.page.expect_heading("Sign in").await;
    let error = e.expect_event("riskgate:error").await;
    assert_eq!(error["error"], "Malformed");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("branding.accent \"#ffcc00\"") && message.contains("1.5:1"), "{message}");
    let root = e.page.find(".riskgate").unwrap();
    assert!(!root.class_list().contains("rg-branded"), "the component's own look");
    assert!(e.page.find(".rg-org").is_none(), "nothing of the refused branding is shown");
}

#[wasm_bindgen_test]
async fn the_options_set_language_theme_accent_username_and_tenant() {
    let options = Options {
        locale: Some(riskgate::ui::text::Locale::De),
        theme: Theme::Dark,
        branding: Some(js_options(&[("accent", "#6b2c91".into())])),
        username: "sam@woodgrove.example".into(),
        tenant: Some("contoso".into()),
        ..Options::default()
    };
    let e = embed(options, mock());
    let root = e.page.find(".riskgate").unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("de"));
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    e.page.expect_value("#rg-username", "sam@woodgrove.example").await;
    let card = e.page.find(".rg-card").unwrap();
    let style = web_sys::window().unwrap().get_computed_style(&card).unwrap().unwrap();
    assert_eq!(style.get_property_value("background-color").unwrap(), "rgb(28, 33, 40)", "dark card");
    let button = e.page.find(".rg-primary").unwrap();
    let style = web_sys::window().unwrap().get_computed_style(&button).unwrap().unwrap();
    let colour = || style.get_property_value("background-color").unwrap();
    until("the host accent", || colour() == "rgb(107, 44, 145)").await;

    // A Woodgrove account cannot sign in on a page for Contoso.
    e.page.click("Weiter").await;
    e.page.type_into("#rg-password", "Ivory-Summit-64").await;
    e.page.click("Anmelden").await;
    let error = e.expect_event("riskgate:error").await;
    assert_eq!(error["error"], "InvalidCredentials");
    assert!(e.events_named("riskgate:blocked").is_empty(), "never reached Woodgrove's policy");
}

#[wasm_bindgen_test]
async fn the_host_pages_css_does_not_reach_in_and_the_components_does_not_leak_out() {
    let document = web_sys::window().unwrap().document().unwrap();
    let hostile = document.create_element("style").unwrap();
    hostile.set_text_content(Some(
        "button { visibility: hidden !important; } h1 { color: rgb(255, 0, 0) !important; } \
         * { font-family: 'Comic Sans MS' !important; }",
    ));
    document.head().unwrap().append_child(&hostile).unwrap();
    let outside: HtmlElement = document.create_element("button").unwrap().unchecked_into();
    outside.set_class_name("rg-primary");
    document.body().unwrap().append_child(&outside).unwrap();

    let e = embed(english(), mock());
    let window = web_sys::window().unwrap();
    let computed = |el: &web_sys::Element, prop: &str| {
        window.get_computed_style(el).unwrap().unwrap().get_property_value(prop).unwrap()
    };
    let button = e.page.find(".rg-primary").unwrap();
    let heading = e.page.find("h1").unwrap();
    assert_eq!(computed(&button, "visibility"), "visible");
    assert_ne!(computed(&heading, "color"), "rgb(255, 0, 0)");
    assert!(!computed(&heading, "font-family").contains("Comic Sans"));
    assert_eq!(computed(&button, "background-color"), "rgb(11, 92, 173)", "the component's own look");
    assert_ne!(computed(&outside, "background-color"), "rgb(11, 92, 173)", "nothing leaks out");
    let document_sheets = js_sys::Reflect::get(&document, &"adoptedStyleSheets".into()).unwrap();
    assert_eq!(document_sheets.unchecked_into::<js_sys::Array>().length(), 0);

    hostile.remove();
    outside.remove();
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "
export function refuse_fetch() {
  const calls = [];
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => { calls.push(String(input instanceof Request ? input.url : input)); return Promise.reject(new TypeError('offline')); };
  return { calls, restore: () => { globalThis.fetch = original; } };
}")]
extern "C" {
    fn refuse_fetch() -> JsValue;
}

#[wasm_bindgen_test]
async fn with_an_http_backend_option_the_component_calls_that_service() {
    let stub = refuse_fetch();
    let options = Options { backend: BackendChoice::Http("/api".into()), ..english() };
    let host: HtmlElement =
        web_sys::window().unwrap().document().unwrap().create_element("div").unwrap().unchecked_into();
    web_sys::window().unwrap().document().unwrap().body().unwrap().append_child(&host).unwrap();
    let events = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let seen = events.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
        move |e: web_sys::CustomEvent| {
            seen.borrow_mut().push(js_sys::JSON::stringify(&e.detail()).unwrap().as_string().unwrap());
        },
    );
    host.add_event_listener_with_callback("riskgate:error", listener.as_ref().unchecked_ref()).unwrap();
    let mut handle = embed::mount_with(&host, options).expect("mounts over HTTP");
    let page = support::Page::from_parts(mock(), handle.container().unwrap(), Box::new(()));
    page.sign_in("ada@contoso.example", "Harbor-Lantern-61").await;
    for _ in 0..300 {
        if !events.borrow().is_empty() {
            break;
        }
        sleep(10).await;
    }
    let calls = js_sys::Reflect::get(&stub, &"calls".into()).unwrap().unchecked_into::<js_sys::Array>();
    let first = calls.get(0).as_string().unwrap_or_default();
    assert!(first.ends_with("/api/sign-in"), "asked the service, not a mock: {first}");
    assert!(events.borrow()[0].contains("\"error\":\"Unavailable\""), "{:?}", events.borrow());
    assert_eq!(page.heading(), "Enter your password", "not signed in by a service that never answered");
    handle.unmount();
    host.remove();
    let restore =
        js_sys::Reflect::get(&stub, &"restore".into()).unwrap().unchecked_into::<js_sys::Function>();
    restore.call0(&JsValue::NULL).unwrap();
}

#[wasm_bindgen_test]
async fn a_sign_in_finished_elsewhere_is_not_announced_as_signed_in_here() {
    let backend = mock();
    let e = embed(english(), backend.clone());
    let page = &e.page;
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    // The code is taken elsewhere (this page's reply lost, or a second tab) ...
    let code = page.app_code("ravi@contoso.example");
    let (flow, seq) = backend.latest_flow().unwrap();
    let input =
        riskgate::backend::Input::Code { method: riskgate::engine::MethodKind::AuthenticatorApp, code };
    backend.send_now(&flow, seq, input).unwrap();
    // ... so this page's answer is stale, and the flow it reads back holds no session.
    page.type_into("#rg-code", "000000").await;
    page.click("Verify").await;
    page.expect_heading("This sign-in finished without this page").await;
    assert!(page.button_named("Review your account").is_none(), "no session, no account");
    assert!(e.events_named("riskgate:signed-in").is_empty(), "the host is not told this page signed in");
    assert!(e.events_named("riskgate:error").is_empty(), "caught up, so no error was reported");
    assert_eq!(steps(&e).last().map(String::as_str), Some("signed-in-elsewhere"));
    page.click("Start over").await;
    page.expect_heading("Sign in").await;
    assert_eq!(page.value("#rg-username"), "ravi@contoso.example", "the username is kept");
}

/// The details are built by hand; each reads back as what serde writes for its type.
#[wasm_bindgen_test]
fn each_event_detail_is_what_serde_would_write() {
    use riskgate::embed::events::{Blocked, Failure, HostEvent, SignedIn, StepChanged};
    use riskgate::engine::{Remediation, RiskDetail, RiskKind};
    let remediations = vec![
        Remediation { risk: RiskKind::SignIn, detail: RiskDetail::UserPassedMfaDrivenByRiskPolicy },
        Remediation { risk: RiskKind::User, detail: RiskDetail::UserPerformedSecuredPasswordChange },
    ];
    let signed_in = SignedIn {
        username: "ravi@contoso.example".into(),
        display_name: "Ravi Patel".into(),
        tenant: "Contoso".into(),
        remediations,
        correlation_id: "5d20b7e4".into(),
        handoff: Some("h-1".into()),
    };
    let cases: Vec<(HostEvent, serde_json::Value)> = vec![
        step(StepChanged { step: "password", flow_id: None }),
        step(StepChanged { step: "mfa", flow_id: Some("f-1".into()) }),
        (HostEvent::SignedIn(signed_in.clone()), serde_json::to_value(&signed_in).unwrap()),
        {
            let d = SignedIn { handoff: None, remediations: vec![], ..signed_in };
            (HostEvent::SignedIn(d.clone()), serde_json::to_value(&d).unwrap())
        },
        {
            let d = Blocked { reason: "SignInRisk".into(), code: "RG2001", correlation_id: "c".into() };
            (HostEvent::Blocked(d.clone()), serde_json::to_value(&d).unwrap())
        },
        {
            let d = Failure { error: "Unavailable".into(), message: "We couldn't reach it".into() };
            (HostEvent::Error(d.clone()), serde_json::to_value(&d).unwrap())
        },
    ];
    for (event, want) in cases {
        let got: serde_json::Value = serde_json::from_str(&event.detail_json()).unwrap();
        assert_eq!(got, want, "{}", event.name());
    }
}

fn step(d: riskgate::embed::events::StepChanged) -> (riskgate::embed::events::HostEvent, serde_json::Value) {
    let want = serde_json::to_value(&d).unwrap();
    (riskgate::embed::events::HostEvent::Step(d), want)
}
