//! The review gallery: every entry is prepared without error and shows the state it
//! names, drawn by the real components; its addresses are stable and parse back.
#![cfg(target_arch = "wasm32")]
mod support;

use leptos::prelude::*;
use riskgate::review::gallery::{Address, Gallery, ENTRIES};
use riskgate::ui::text::Locale;
use riskgate::ui::Theme;
use support::sleep;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;
wasm_bindgen_test_configure!(run_in_browser);

/// What each entry must show, in English: a heading and a telling piece of text.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("sign-in", "Sign in", "Email or username"),
    ("sign-in-empty", "Sign in", "Enter your email or username."),
    ("password", "Enter your password", "ada@contoso.example"),
    ("password-wrong", "Enter your password", "That username or password is not right"),
    ("password-loading", "Enter your password", "Working on it"),
    ("notice-sign-in-risk", "We noticed something unusual", "Lisbon"),
    ("notice-travel", "We noticed something unusual", ""),
    ("notice-user-risk", "Your account may be at risk", ""),
    ("mfa-app", "Confirm it's you", "authenticator app"),
    ("mfa-wrong-code", "Confirm it's you", "That code didn't work. 4 tries left."),
    ("mfa-text", "Confirm it's you", "We sent a code to"),
    ("interrupt", "More information required", "You can skip this for 14 more days."),
    ("interrupt-last-day", "More information required", "This is the last day you can skip this."),
    ("interrupt-forced", "More information required", "The time to set this up has run out"),
    ("register-choose", "Set up a way to confirm it's you", "Choose a method"),
    ("register-app", "Set up a way to confirm it's you", "Key"),
    ("register-app-bad-code", "Set up a way to confirm it's you", "A code is 6 digits."),
    ("register-phone", "Set up a way to confirm it's you", "We sent a code to"),
    ("register-passkey", "Set up a way to confirm it's you", "asskey"),
    ("password-change-user-risk", "Choose a new password", ""),
    ("password-change-rejected", "Choose a new password", ""),
    ("password-temporary", "Update your password", "temporary password"),
    ("signed-in", "You're signed in", "Ada Lindqvist"),
    ("signed-in-remediated", "You're signed in", "confirmed by you"),
    ("signed-in-elsewhere", "This sign-in finished without this page", "Start over"),
    ("blocked-sign-in-risk", "You can't sign in right now", "RG2001"),
    ("blocked-user-risk", "You can't sign in right now", "RG2002"),
    ("blocked-unregistered", "You can't sign in right now", "RG2003"),
    ("blocked-home-tenant", "You can't sign in right now", "RG2004"),
    ("blocked-locked-out", "You can't sign in right now", "RG1002"),
    ("blocked-disabled", "You can't sign in right now", "RG1001"),
    ("blocked-too-many-codes", "You can't sign in right now", "RG2005"),
    ("notice-guest", "Your account may be at risk", ""),
    ("cancelled", "Sign-in cancelled", ""),
    ("reset", "Reset your password", ""),
    ("brand-contoso", "Sign in", "Locked out? Call the service desk on extension 4100."),
    ("brand-woodgrove", "Sign in", "Woodgrove Bank will never ask for your password"),
    ("brand-woodgrove-password", "Enter your password", "jo@woodgrove.example"),
    ("brand-fabrikam", "Sign in", "For Fabrikam technicians"),
    ("brand-northwind", "Sign in", "Northwind IT Partners"),
    ("account", "Your account", "Recent sign-ins"),
    ("account-step-up", "Your account", "One more check"),
    ("admin-step-up", "Admin view", "One more check"),
    ("mfa-step-up", "Confirm it's you", "You're already signed in."),
    ("admin", "Admin view", "sam@woodgrove.example"),
    ("admin-detail", "Admin view", "Your password turned up in a list of leaked passwords"),
    ("admin-confirm", "Admin view", "Disable Sam Rivera's account?"),
];

struct Shown {
    root: HtmlElement,
    _mounted: Box<dyn std::any::Any>,
}

impl Drop for Shown {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn show(hash: &str) -> Shown {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let address = Address::parse(hash).expect("a gallery address");
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <Gallery address/> });
    Shown { root, _mounted: Box::new(handle) }
}

async fn ready(root: &HtmlElement) -> String {
    for _ in 0..500 {
        if root.query_selector("[data-ready] h1").unwrap().is_some() {
            sleep(20).await; // replies after the action, e.g. loaded account data
            return root.text_content().unwrap_or_default();
        }
        sleep(10).await;
    }
    panic!("the entry never became ready: {}", root.text_content().unwrap_or_default());
}

#[wasm_bindgen_test]
async fn every_entry_shows_the_state_it_names() {
    assert_eq!(EXPECTED.len(), ENTRIES.len(), "each entry has an expectation here");
    for (id, heading, text) in EXPECTED {
        let shown = show(&Address::link(id, Locale::En, Theme::Light));
        let all = ready(&shown.root).await;
        assert!(shown.root.query_selector(".rg-gallery-problem").unwrap().is_none(), "{id}: {all}");
        let h1 = shown.root.query_selector(".rg-gallery-shown h1").unwrap().unwrap();
        assert_eq!(h1.text_content().unwrap().trim(), *heading, "{id}");
        assert!(all.contains(text), "{id}: expected {text:?} in {all}");
    }
}

#[wasm_bindgen_test]
async fn states_are_real_not_pictures() {
    let qr = show("#/review/register-app");
    ready(&qr.root).await;
    assert!(qr.root.query_selector(".rg-qr svg").unwrap().is_some(), "a real QR code");
    drop(qr);

    let rejected = show("#/review/password-change-rejected");
    ready(&rejected.root).await;
    let rules = rejected.root.query_selector(".rg-rules").unwrap().expect("password protection's reasons");
    assert!(!rules.text_content().unwrap().is_empty());
    drop(rejected);

    // The slow state is slow: the button stays disabled while the call is under way.
    let loading = show("#/review/password-loading");
    ready(&loading.root).await;
    let submit = loading.root.query_selector("button[type=submit]").unwrap().unwrap();
    assert!(submit.has_attribute("disabled"));
    drop(loading);

    // Choosing a method: a list, recommended first, each button described by its line,
    // and the registration's steps counted.
    let choose = show("#/review/register-choose");
    let text = ready(&choose.root).await;
    assert!(text.contains("Step 1 of 2"), "{text}");
    let rows = choose.root.query_selector_all(".rg-options .rg-option").unwrap();
    let names: Vec<String> = (0..rows.length())
        .map(|i| rows.item(i).unwrap().unchecked_into::<web_sys::Element>())
        .map(|row| row.query_selector("button").unwrap().unwrap().text_content().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Add a passkey", "Authenticator app", "Text message / Phone call"],
        "a passkey, an app, a phone"
    );
    let recommended: Vec<bool> = (0..rows.length())
        .map(|i| rows.item(i).unwrap().text_content().unwrap().contains("Recommended"))
        .collect();
    assert_eq!(recommended, [true, true, false], "a passkey and an app are recommended");
    let app = rows.item(1).unwrap().unchecked_into::<web_sys::Element>();
    let button = app.query_selector("button").unwrap().unwrap();
    let about = button.get_attribute("aria-describedby").expect("described");
    let line = choose.root.query_selector(&format!("#{about}")).unwrap().expect("its line");
    assert!(line.text_content().unwrap().contains("6-digit code"), "{:?}", line.text_content());
    assert!(
        app.query_selector("svg[aria-hidden=true]").unwrap().is_some(),
        "an icon, hidden from screen readers"
    );
    drop(choose);
    let set_up = show("#/review/register-app");
    assert!(ready(&set_up.root).await.contains("Step 2 of 2"));
    drop(set_up);

    // A tenant's branding is its logo, with the name as its alternative text.
    let branded = show("#/review/brand-contoso");
    ready(&branded.root).await;
    let logo = branded.root.query_selector(".rg-logo").unwrap().expect("Contoso's logo");
    assert_eq!(logo.get_attribute("alt").as_deref(), Some("Contoso"));
}

#[wasm_bindgen_test]
async fn locale_and_theme_come_from_the_address() {
    let shown = show("#/review/blocked-user-risk?locale=ar&theme=dark");
    ready(&shown.root).await;
    let component = shown.root.query_selector(".riskgate").unwrap().unwrap();
    assert_eq!(component.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(component.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(component.get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(shown.root.text_content().unwrap().contains("RG2002"));
}

#[wasm_bindgen_test]
async fn the_index_links_every_entry_and_an_unknown_one_says_so() {
    let index = show("#/review");
    for entry in ENTRIES {
        let link = format!("a[href=\"{}\"]", Address::link(entry.id, Locale::En, Theme::Light));
        assert!(index.root.query_selector(&link).unwrap().is_some(), "no link to {}", entry.id);
        let parsed = Address::parse(&Address::link(entry.id, Locale::De, Theme::Dark)).unwrap();
        assert_eq!(parsed.entry.as_deref(), Some(entry.id));
        assert_eq!((parsed.locale, parsed.theme), (Locale::De, Theme::Dark));
    }
    drop(index);
    let unknown = show("#/review/no-such-screen");
    assert!(unknown.root.text_content().unwrap().contains("no-such-screen"));
    assert!(Address::parse("#/").is_none(), "the live flow is not the gallery");
}
