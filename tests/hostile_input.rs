//! Hostile input through the real screens: names and messages holding markup, direction
//! overrides, joiners, combining marks and very long text render as text; overlong and
//! odd input in every field gets a clear message and stays as typed; codes are accepted
//! with pasted spaces, dashes and other digits wherever a code is typed.
#![cfg(target_arch = "wasm32")]
mod support;

use leptos::prelude::*;
use riskgate::backend::mock::{MemoryStore, MockBackend, Store, StoreStatus};
use riskgate::backend::platform::{OsEntropy, SystemClock};
use riskgate::backend::IdentityBackend;
use riskgate::ui::text::{Arg, Key, Locale, Message};
use riskgate::ui::App;
use std::rc::Rc;
use support::Page;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

const MARKUP: &str = "<img src=x onerror=\"window.rgPwned=1\">";
const SCRIPT: &str = "<script>window.rgPwned=2</script>";
/// Right-to-left override, then a pop; zero-width joiner and space; combining marks.
const ODD: &str = "\u{202E}evil.exe\u{202C} A\u{200D}\u{200B}da Z\u{0351}\u{0358}a\u{0301}\u{0302}";
const PLACEHOLDER: &str = "{tenant}{username}";

fn hostile_name() -> String {
    format!("{MARKUP}{SCRIPT}{ODD}{PLACEHOLDER}{}", "W".repeat(2000))
}

fn hostile_tenant() -> String {
    format!("<b>Contoso</b>{SCRIPT}\u{202E}{{name}}")
}

/// A mock whose directory (as a reload would find it) holds hostile names and places.
fn hostile_mock() -> Rc<MockBackend> {
    let store = Rc::new(MemoryStore::default());
    let first = MockBackend::open(Rc::new(SystemClock), Rc::new(OsEntropy), store.clone());
    first.edit_directory(|tenants, accounts| {
        for account in accounts.iter_mut() {
            if ["ada@contoso.example", "kim@contoso.example"].contains(&account.username.as_str()) {
                account.display_name = hostile_name();
            }
            if account.username == "ravi@contoso.example" {
                let source = account.next_source.as_mut().expect("ravi's next sign-in is scripted");
                source.device = format!("{MARKUP}{ODD}");
                source.app = SCRIPT.into();
                source.location.city = format!("{MARKUP}Lisbon");
            }
        }
        for tenant in tenants.iter_mut().filter(|t| ["contoso", "northwind"].contains(&t.id.as_str())) {
            tenant.name = hostile_tenant();
        }
    });
    let mock = MockBackend::open(Rc::new(SystemClock), Rc::new(OsEntropy), store);
    assert_eq!(mock.store_status(), &StoreStatus::Loaded, "the changed directory loads");
    Rc::new(mock)
}

/// Nothing from the data became an element or ran.
fn assert_nothing_injected(page: &Page) {
    // The one image allowed is the tenant's logo, from an address its check let through.
    assert!(
        page.find("img:not(.rg-logo), script, b").is_none(),
        "an element was injected: {}",
        page.root.inner_html()
    );
    if let Some(logo) = page.find("img.rg-logo") {
        let src = logo.get_attribute("src").unwrap_or_default();
        assert!(riskgate::backend::api::safe_url(&src), "a logo from {src}");
    }
    let pwned = js_sys::Reflect::get(&js_sys::global(), &"rgPwned".into()).unwrap();
    assert!(pwned.is_undefined(), "injected code ran");
}

/// Waits until the text of some element matching `selector` equals `expected` exactly.
async fn expect_exact(page: &Page, selector: &str, expected: &str) {
    for _ in 0..500 {
        let list = page.root.query_selector_all(selector).unwrap();
        let texts: Vec<String> =
            (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.text_content()).collect();
        if texts.iter().any(|t| t == expected) {
            return;
        }
        support::sleep(10).await;
    }
    panic!("no {selector} reads exactly {expected:?}: {}", page.text());
}

#[wasm_bindgen_test]
async fn names_render_as_text_on_the_signed_in_and_account_screens() {
    let page = support::open_with(hostile_mock());
    page.sign_in("ada@contoso.example", "Harbor-Lantern-61").await;
    page.expect_heading("You're signed in").await;
    expect_exact(&page, ".rg-success p", &format!("Welcome, {}.", hostile_name())).await;
    assert_nothing_injected(&page);
    page.press("Review your account").await;
    page.expect_heading("Your account").await;
    let lead = format!("Signed in as {} (ada@contoso.example) at {}.", hostile_name(), hostile_tenant());
    expect_exact(&page, ".rg-identity", &lead).await;
    assert_nothing_injected(&page);
}

#[wasm_bindgen_test]
async fn names_and_places_render_as_text_in_the_admin_view() {
    let mock = hostile_mock();
    let page = support::open_with(mock.clone());
    page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    expect_exact(&page, ".rg-identity", &format!("Users, sign-ins and policy of {}.", hostile_tenant()))
        .await;
    page.expect_text_in("table.rg-users", &hostile_name()).await;
    assert!(page.button_named(&format!("Dismiss risk for {}", hostile_name())).is_some());
    assert_nothing_injected(&page);
    page.press(&format!("Dismiss risk for {}", hostile_name())).await;
    page.expect_text(&format!("Done: Dismiss risk for {}.", hostile_name())).await;
    assert_nothing_injected(&page);
}

#[wasm_bindgen_test]
async fn a_hostile_place_device_and_app_render_as_text_in_the_notice() {
    let page = support::open_with(hostile_mock());
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.expect_text(&format!("{MARKUP}Lisbon")).await;
    assert_nothing_injected(&page);
}

#[wasm_bindgen_test]
async fn a_hostile_home_tenant_name_renders_as_text_on_the_blocked_screen() {
    let page = support::open_with(hostile_mock());
    page.sign_in("tech@northwind.example", "Misty-Anchor-95").await;
    page.expect_heading("You can't sign in right now").await;
    page.expect_text(&format!("An administrator at {} must fix this", hostile_tenant())).await;
    assert_nothing_injected(&page);
}

#[wasm_bindgen_test]
async fn a_store_notice_holding_markup_renders_as_text() {
    // The store's own reasons are fixed words now; the notice must still never be markup.
    let store = Rc::new(MemoryStore::default());
    store.save("{\"version\":2,\"data\":{}}");
    let mock = Rc::new(MockBackend::open(Rc::new(SystemClock), Rc::new(OsEntropy), store));
    let StoreStatus::Reset(why) = mock.store_status().clone() else { panic!("the store is reported") };
    let markup = "<img src=x onerror=window.rgPwned=3>";
    let notice = Message::from(Key::StoreReset).with("why", Arg::Data(format!("{why} {markup}")));
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let backend: Rc<dyn IdentityBackend> = mock;
    let shown = notice.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <App backend locale=Locale::En notice=Some(shown.clone()) /> }
    });
    leptos::task::tick().await;
    let status = root.query_selector(".rg-warning").unwrap().expect("the notice is shown");
    assert_eq!(status.text_content().unwrap(), notice.text(Locale::En));
    assert!(root.query_selector("img").unwrap().is_none(), "no element from the notice");
    // It follows a change of language, as every message does.
    let menu: web_sys::HtmlSelectElement =
        root.query_selector("#rg-locale").unwrap().unwrap().unchecked_into();
    menu.set_value("de");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    menu.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    let status = root.query_selector(".rg-warning").unwrap().expect("the notice is shown");
    assert_eq!(status.text_content().unwrap(), notice.text(Locale::De));
    assert_ne!(notice.text(Locale::De), notice.text(Locale::En));
    assert!(root.query_selector("img").unwrap().is_none(), "no element from the notice");
    root.remove();
}

#[wasm_bindgen_test]
async fn overlong_and_odd_sign_in_input_gets_a_clear_message_and_stays_as_typed() {
    let page = support::open();
    let long = "a".repeat(300);
    page.sign_in(&long, "Harbor-Lantern-61").await;
    page.expect_message("That username is longer than we accept (256 characters at most).").await;
    assert_eq!(page.value("#rg-password"), "Harbor-Lantern-61");
    page.press("Back").await;
    assert_eq!(page.value("#rg-username"), long, "the username is kept, not cut");

    page.type_into("#rg-username", "ada@contoso.example").await;
    page.press("Next").await;
    page.type_into("#rg-password", &long).await;
    page.press("Sign in").await;
    page.expect_message("That is longer than we accept (256 characters at most).").await;
    assert_eq!(page.value("#rg-password"), long);

    for odd in [format!("ada@contoso.example{ODD}"), format!("{SCRIPT}@contoso.example")] {
        page.press("Back").await;
        page.type_into("#rg-username", &odd).await;
        page.press("Next").await;
        page.type_into("#rg-password", "Harbor-Lantern-61").await;
        page.press("Sign in").await;
        page.expect_message("That username or password is not right.").await;
        page.press("Back").await;
        assert_eq!(page.value("#rg-username"), odd);
        page.press("Next").await;
    }
    assert_nothing_injected(&page);
}

async fn ravi_at_mfa(page: &Page) {
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.press("Continue").await;
    page.expect_heading("Confirm it's you").await;
}

/// Types each of `bad` into the code field `selector` and submits: a clear message, the
/// text kept, and nothing else happens.
async fn refuses_bad_codes(page: &Page, selector: &str, heading: &str) {
    let bad = ["1".repeat(300), "12 345".into(), "١٢٣".into(), SCRIPT.to_string(), "12345\u{0301}6".into()];
    for typed in bad {
        page.type_into(selector, &typed).await;
        page.press("Verify").await;
        page.expect_message("A code is 6 digits. Check what you typed.").await;
        assert_eq!(page.value(selector), typed, "kept as typed");
        assert_eq!(page.heading(), heading);
    }
    assert_nothing_injected(page);
}

/// A code as it might be pasted: spaces around and inside, a dash, or an invisible
/// space and a no-break space.
fn pasted(code: &str, how: usize) -> String {
    let digits: Vec<char> = code.chars().collect();
    let (head, tail): (String, String) = (digits[..3].iter().collect(), digits[3..].iter().collect());
    match how {
        0 => format!(" {head} {tail} "),
        1 => format!("{head}-{tail}"),
        _ => format!("\u{200B}{head}\u{00A0}{tail}"),
    }
}

#[wasm_bindgen_test]
async fn mfa_codes_refuse_odd_input_and_accept_pasted_spaces() {
    let page = support::open();
    ravi_at_mfa(&page).await;
    refuses_bad_codes(&page, "#rg-code", "Confirm it's you").await;
    page.type_into("#rg-code", &pasted(&page.app_code("ravi@contoso.example"), 0)).await;
    page.press("Verify").await;
    page.expect_heading("You're signed in").await;
}

#[wasm_bindgen_test]
async fn registration_codes_accept_a_pasted_dash() {
    let page = support::open();
    page.sign_in("lena@contoso.example", "Cobalt-Prairie-86").await;
    page.expect_heading("More information required").await;
    page.press("Next").await;
    page.press("Authenticator app").await;
    page.wait_for(".rg-key code").await;
    refuses_bad_codes(&page, "#rg-code", "Set up a way to confirm it's you").await;
    page.type_into("#rg-code", &pasted(&page.shown_key_code(), 1)).await;
    page.press("Verify").await;
    page.expect_heading("You're signed in").await;
}

#[wasm_bindgen_test]
async fn reset_codes_accept_invisible_and_no_break_spaces_and_arabic_digits() {
    let page = support::open();
    page.expect_heading("Sign in").await;
    page.press("Forgot your password?").await;
    let long = "b".repeat(300);
    page.type_into("#rg-reset-username", &long).await;
    page.press("Next").await;
    page.expect_message("That username is longer than we accept").await;
    assert_eq!(page.value("#rg-reset-username"), long);
    page.type_into("#rg-reset-username", "lou@contoso.example").await;
    page.press("Next").await;
    page.expect_heading("Confirm it's you").await;
    refuses_bad_codes(&page, "#rg-reset-code", "Confirm it's you").await;
    let code = page.app_code("lou@contoso.example");
    let arabic: String =
        code.chars().map(|c| char::from_u32(0x660 + c.to_digit(10).unwrap()).unwrap()).collect();
    page.type_into("#rg-reset-code", &pasted(&arabic, 2)).await;
    page.press("Verify").await;
    page.expect_heading("Choose a new password").await;
}

#[wasm_bindgen_test]
async fn adding_a_method_refuses_odd_phones_and_accepts_pasted_codes() {
    let page = support::open();
    ravi_at_mfa(&page).await;
    page.type_into("#rg-code", &page.app_code("ravi@contoso.example")).await;
    page.press("Verify").await;
    page.press("Review your account").await;
    page.press("Add a phone").await;
    let odd_phones =
        [format!("+1 425 555 0100{}", " ".repeat(40)), "+1 425 555 0100 0000000".into(), SCRIPT.into()];
    for phone in odd_phones {
        page.type_into("#rg-add-phone", &phone).await;
        page.press("Text me a code").await;
        page.expect_message("Enter a phone number with 7 to 15 digits.").await;
        assert_eq!(page.value("#rg-add-phone"), phone);
    }
    page.type_into("#rg-add-phone", "+1 (425) 555-0199").await;
    page.press("Text me a code").await;
    page.expect_text("We sent a code to •••• 99.").await;
    refuses_bad_codes(&page, "#rg-add-code", "Your account").await;
    page.type_into("#rg-add-code", &pasted(&page.last_phone_code(), 0)).await;
    page.press("Verify").await;
    page.expect_text("Added.").await;
}

#[wasm_bindgen_test]
async fn an_overlong_new_password_is_refused_with_the_rule_and_kept() {
    let page = support::open();
    page.sign_in("pat@contoso.example", "Temp-Kestrel-2468").await;
    page.expect_heading("Update your password").await;
    let long = format!("Lantern-{}-93{ODD}", "Ocean".repeat(60));
    // The backend refuses it before hashing or scoring it: the rule, as it types and
    // at the field on submit, and no "could not be checked".
    let too_long = "That is longer than we accept (256 characters at most).";
    page.type_into("#rg-new-password", &long).await;
    page.expect_text_in(".rg-rules", too_long).await;
    assert!(!page.text().contains("could not be checked"), "it was checked: {}", page.text());
    page.type_into("#rg-confirm-password", &long).await;
    page.press("Change password").await;
    page.expect_text_in("#rg-new-password-message", too_long).await;
    assert_eq!(page.heading(), "Update your password");
    assert_eq!(page.value("#rg-new-password"), long);
    assert_eq!(page.value("#rg-confirm-password"), long);
}
