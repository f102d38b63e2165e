//! Personas of the mock directory signing in through the real screens, with codes
//! computed from the enrolled secret or read from the simulated phone.
#![cfg(target_arch = "wasm32")]
mod support;

use riskgate::backend::mock::{LocalStore, MockBackend, StoreStatus};
use riskgate::backend::platform::{OsEntropy, SystemClock};
use riskgate::backend::totp;
use std::rc::Rc;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn leaked_credentials_mean_notice_mfa_and_a_new_password() {
    let page = support::open();
    page.sign_in("kim@contoso.example", "Silver-Orchard-44").await;
    page.expect_heading("Your account may be at risk").await;
    page.expect_text("leaked passwords").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    page.type_into("#rg-code", &page.app_code("kim@contoso.example")).await;
    page.click("Verify").await;
    page.expect_heading("Choose a new password").await;
    page.type_into("#rg-new-password", "Contoso-Blank1").await;
    page.type_into("#rg-confirm-password", "Contoso-Blank1").await;
    page.click("Change password").await;
    page.expect_text("Too easy to guess").await;
    page.expect_text("Leave out your name").await;
    assert_eq!(page.value("#rg-new-password"), "Contoso-Blank1", "the rejected candidate stays for editing");
    assert!(
        !page.find(".rg-rules").unwrap().text_content().unwrap().contains("Contoso-Blank1"),
        "never echoed"
    );
    page.type_into("#rg-new-password", "Lantern-Bicycle-Ocean-93").await;
    page.type_into("#rg-confirm-password", "Lantern-Bicycle-Ocean-93").await;
    page.click("Change password").await;
    page.expect_heading("You're signed in").await;
    page.expect_text("Your account is safe again").await;
    let kim = page.backend.account_of("kim@contoso.example").unwrap();
    assert!(kim.detections.iter().all(|d| !d.state.is_open()), "user risk remediated in the store");
}

#[wasm_bindgen_test]
async fn a_text_message_code_is_read_from_the_simulated_phone() {
    let page = support::open();
    page.sign_in("omar@contoso.example", "Velvet-Canyon-35").await;
    page.expect_heading("We noticed something unusual").await;
    page.expect_text("hides where it comes from").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    page.click("Text me a code").await;
    page.expect_text("We sent a code to •••• 47.").await;
    let sms = page.backend.phone_messages().pop().expect("the phone got a text");
    page.type_into("#rg-code", &format!("{} {}", &sms.code[..3], &sms.code[3..])).await;
    page.click("Verify").await;
    page.expect_heading("You're signed in").await;
}

#[wasm_bindgen_test]
async fn forced_registration_sets_up_an_authenticator_app_from_the_shown_key() {
    let page = support::open();
    page.sign_in("lena@contoso.example", "Cobalt-Prairie-86").await;
    page.expect_heading("More information required").await;
    page.expect_text("The time to set this up has run out").await;
    assert!(!page.text().contains("Skip for now"), "no skip after the grace period");
    page.click("Next").await;
    page.expect_heading("Set up a way to confirm it's you").await;
    page.click("Authenticator app").await;
    page.expect_text("Scan this QR code").await;
    assert!(page.find(".rg-qr svg").is_some(), "the QR code is drawn");
    let key = page.find(".rg-key code").unwrap().text_content().unwrap();
    let secret = totp::base32_decode(&key).expect("the shown key is base32");
    let code = totp::code_at(&secret, (js_sys::Date::now() / 1000.0) as u64);
    page.type_into("#rg-code", &code).await;
    page.click("Verify").await;
    page.expect_heading("You're signed in").await;
    let lena = page.backend.account_of("lena@contoso.example").unwrap();
    assert_eq!(lena.totp.unwrap().secret, secret, "the app the person set up is the one stored");
}

#[wasm_bindgen_test]
async fn a_new_user_may_skip_registration_for_now() {
    let page = support::open();
    page.sign_in("noor@contoso.example", "Amber-Glacier-52").await;
    page.expect_heading("More information required").await;
    page.expect_text("You can skip this for 14 more days.").await;
    page.click("Skip for now").await;
    page.expect_heading("You're signed in").await;
    assert!(page.backend.account_of("noor@contoso.example").unwrap().state.grace_started_ms.is_some());
}

#[wasm_bindgen_test]
async fn a_temporary_password_must_be_replaced() {
    let page = support::open();
    page.sign_in("pat@contoso.example", "Temp-Kestrel-2468").await;
    page.expect_heading("Update your password").await;
    page.type_into("#rg-new-password", "Temp-Kestrel-2468").await;
    page.type_into("#rg-confirm-password", "Temp-Kestrel-2468").await;
    page.click("Change password").await;
    page.expect_text("different from your current one").await;
    page.type_into("#rg-new-password", "Orchid-Pylon-Meadow-71").await;
    page.type_into("#rg-confirm-password", "Orchid-Pylon-Meadow-72").await;
    page.click("Change password").await;
    page.expect_text("The two passwords are not the same.").await;
    page.type_into("#rg-confirm-password", "Orchid-Pylon-Meadow-71").await;
    page.click("Change password").await;
    page.expect_heading("You're signed in").await;
}

#[wasm_bindgen_test]
async fn guest_technicians_remediate_at_home_or_are_sent_to_the_home_admin() {
    let page = support::open();
    page.sign_in("tech@fabrikam.example", "Rapid-Beacon-83").await;
    page.expect_heading("Your account may be at risk").await;
    page.click("Continue").await;
    page.type_into("#rg-code", &page.app_code("tech@fabrikam.example")).await;
    page.click("Verify").await;
    page.expect_heading("Choose a new password").await;
    drop(page);

    let page = support::open();
    page.sign_in("tech@northwind.example", "Misty-Anchor-95").await;
    page.expect_heading("You can't sign in right now").await;
    page.expect_text("An administrator at Northwind IT Partners must fix this").await;
    page.expect_text("RG2004").await;
}

#[wasm_bindgen_test]
async fn locked_disabled_and_unregistered_risky_users_each_see_their_reason() {
    let cases = [
        ("lou@contoso.example", "Hollow-Ember-37", "Too many wrong passwords", "RG1002"),
        ("dee@contoso.example", "Scarlet-Harbor-58", "This account is turned off", "RG1001"),
        ("eli@contoso.example", "Granite-Willow-19", "no way to confirm it's you", "RG2003"),
        ("jo@woodgrove.example", "Frosted-Cedar-71", "Contact your administrator", "RG2002"),
    ];
    for (user, password, reason, code) in cases {
        let page = support::open();
        page.sign_in(user, password).await;
        page.expect_heading("You can't sign in right now").await;
        page.expect_text(reason).await;
        page.expect_text(code).await;
        assert!(page.find(".rg-details").unwrap().text_content().unwrap().contains("Correlation ID"));
    }
}

#[wasm_bindgen_test]
async fn the_directory_is_kept_in_local_storage_and_a_corrupt_store_is_reset() {
    let key = "riskgate.test.store";
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(key).unwrap();
    let open = || MockBackend::open(Rc::new(SystemClock), Rc::new(OsEntropy), Rc::new(LocalStore(key)));
    let first = open();
    assert_eq!(first.store_status(), &StoreStatus::Fresh);
    let _ = first.sign_in_now(riskgate::backend::SignInRequest {
        username: "ada@contoso.example".into(),
        password: "Harbor-Lantern-61".into(),
        source: None,
        tenant: None,
    });
    let second = open();
    assert_eq!(second.store_status(), &StoreStatus::Loaded);
    assert_eq!(second.sign_in_log().len(), 1, "the sign-in survived the reload");
    storage.set_item(key, "{broken").unwrap();
    let third = open();
    assert!(matches!(third.store_status(), StoreStatus::Reset(_)));
    assert!(third.sign_in_log().is_empty());
    storage.remove_item(key).unwrap();
}

#[wasm_bindgen_test]
async fn arabic_lays_the_component_out_right_to_left() {
    let page = support::open();
    page.expect_heading("Sign in").await;
    page.choose_locale("ar").await;
    let root = page.find(".riskgate").unwrap();
    assert_eq!(root.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(root.get_attribute("lang").as_deref(), Some("ar"));
    assert_ne!(page.heading(), "Sign in", "the heading is translated");
    page.choose_locale("de").await;
    assert_eq!(page.find(".riskgate").unwrap().get_attribute("dir").as_deref(), Some("ltr"));
}

#[wasm_bindgen_test]
async fn the_tenant_accent_colours_the_main_action_once_the_tenant_is_known() {
    let page = support::open();
    page.sign_in("sam@woodgrove.example", "Ivory-Summit-64").await;
    page.expect_heading("You can't sign in right now").await;
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(page.find(".riskgate").unwrap());
    assert_eq!(root.style().get_property_value("--rg-accent").unwrap().trim(), "#00704a");
    assert!(root.class_list().contains("rg-branded"));
}

#[wasm_bindgen_test]
async fn on_the_last_grace_day_a_phone_is_registered_by_text_message() {
    let page = support::open();
    page.sign_in("tomas@contoso.example", "Maple-Thunder-73").await;
    page.expect_heading("More information required").await;
    page.expect_text("This is the last day you can skip this.").await;
    page.click("Next").await;
    page.expect_heading("Set up a way to confirm it's you").await;
    page.click("Text message / Phone call").await;
    page.type_into("#rg-phone", "12").await;
    page.click("Text me a code").await;
    page.expect_text("Enter a phone number with 7 to 15 digits.").await;
    assert_eq!(page.value("#rg-phone"), "12", "what was typed stays");
    page.type_into("#rg-phone", "+1 425 555 0100").await;
    page.click("Text me a code").await;
    page.expect_text("We sent a code to •••• 00.").await;
    let sms = page.backend.phone_messages().pop().expect("a text to the new phone");
    assert_eq!(sms.to, "+1 425 555 0100");
    page.type_into("#rg-code", &sms.code).await;
    page.click("Verify").await;
    page.expect_heading("You're signed in").await;
    let tomas = page.backend.account_of("tomas@contoso.example").unwrap();
    assert_eq!(tomas.state.methods, vec![riskgate::engine::MethodKind::Sms]);
}

#[wasm_bindgen_test]
async fn arabic_counts_use_arabic_digits() {
    let page = support::open();
    page.sign_in("noor@contoso.example", "Amber-Glacier-52").await;
    page.expect_heading("More information required").await;
    page.choose_locale("ar").await;
    let grace = page.find(".rg-grace").unwrap().text_content().unwrap();
    assert!(grace.contains("١٤"), "{grace}");
    assert!(!grace.contains("14"), "{grace}");
}
