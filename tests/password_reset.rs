//! "Forgot my password?" end to end through the real screens.
#![cfg(target_arch = "wasm32")]
mod support;

use riskgate::backend::mock::MockBackend;
use riskgate::backend::platform::{Clock, FixedClock, OsEntropy};
use riskgate::backend::{totp, SignInRequest};
use riskgate::engine::Step;
use std::rc::Rc;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

async fn start_reset(page: &support::Page, username: &str) {
    page.expect_heading("Sign in").await;
    page.type_into("#rg-username", username).await;
    page.click("Forgot your password?").await;
    page.expect_heading("Reset your password").await;
    assert_eq!(page.value("#rg-reset-username"), username, "the username carries over");
    page.click("Next").await;
}

async fn choose_new_password(page: &support::Page, password: &str) {
    page.expect_heading("Choose a new password").await;
    page.type_into("#rg-new-password", password).await;
    page.type_into("#rg-confirm-password", password).await;
    page.click("Change password").await;
}

#[wasm_bindgen_test]
async fn a_locked_out_person_resets_and_then_signs_in() {
    let page = support::open();
    start_reset(&page, "lou@contoso.example").await;
    page.expect_heading("Confirm it's you").await;
    page.expect_text("Check 1 of 1").await;
    page.type_into("#rg-reset-code", &page.app_code("lou@contoso.example")).await;
    page.click("Verify").await;
    page.expect_heading("Choose a new password").await;
    page.type_into("#rg-new-password", "Contoso-Blank1").await;
    page.expect_text("Too easy to guess").await; // live, before any submit
    page.type_into("#rg-new-password", "Marigold-Ferry-Summit-58").await;
    page.expect_text("This password meets the requirements.").await;
    choose_new_password(&page, "Contoso-Blank1").await;
    page.expect_text("Too easy to guess").await;
    choose_new_password(&page, "Marigold-Ferry-Summit-58").await;
    page.expect_heading("Your password has been reset").await;
    page.expect_text("Your account is unlocked.").await;
    page.click("Sign in").await;
    page.sign_in("lou@contoso.example", "Marigold-Ferry-Summit-58").await;
    page.expect_heading("You're signed in").await;
}

#[wasm_bindgen_test]
async fn a_person_at_user_risk_resets_and_is_no_longer_at_risk() {
    let page = support::open();
    start_reset(&page, "kim@contoso.example").await;
    page.type_into("#rg-reset-code", &page.app_code("kim@contoso.example")).await;
    page.click("Verify").await;
    choose_new_password(&page, "Marigold-Ferry-Summit-58").await;
    page.expect_heading("Your password has been reset").await;
    page.expect_text("Your account is safe again").await;
    let kim = page.backend.account_of("kim@contoso.example").unwrap();
    assert!(kim.detections.iter().all(|d| !d.state.is_open()));
    let request = SignInRequest {
        username: "kim@contoso.example".into(),
        password: "Marigold-Ferry-Summit-58".into(),
        source: None,
        tenant: None,
    };
    assert!(matches!(page.backend.sign_in_now(request).unwrap().step, Step::SignedIn { .. }));
}

#[wasm_bindgen_test]
async fn one_method_under_a_two_method_policy_is_sent_to_the_admin() {
    let mock = support::mock();
    let admin = support::open_with(mock.clone());
    admin.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    admin.wait_for("#rg-reset-required").await;
    admin.choose("#rg-reset-required", "Two").await;
    admin.click("Save policy").await;
    admin.expect_text("Policy saved.").await;
    drop(admin);

    // Ada has one method. Before a proof her reset looks as anyone's (it tells no stranger
    // what she has); her proof then brings the reason.
    let page = support::open_with(mock);
    start_reset(&page, "ada@contoso.example").await;
    page.expect_heading("Confirm it's you").await;
    page.expect_text("Check 1 of 2").await;
    // Counted in the language's own digits.
    page.choose_locale("ar").await;
    page.expect_text("التحقق ١ من ٢").await;
    page.choose_locale("en").await;
    page.type_into("#rg-reset-code", &page.app_code("ada@contoso.example")).await;
    page.click("Verify").await;
    page.expect_heading("You can't reset your password here").await;
    page.expect_text("Contact your administrator").await;
}

#[wasm_bindgen_test]
async fn an_unknown_username_sees_the_same_screens_up_to_the_code() {
    let page = support::open();
    start_reset(&page, "omar@contoso.example").await;
    page.expect_heading("Confirm it's you").await;
    let known = page.heading();
    drop(page);

    let page = support::open();
    start_reset(&page, "nobody@contoso.example").await;
    page.expect_heading(&known).await;
    // The methods offered are a decoy of the organisation's usual ones; a phone, if
    // offered, "gets" a code that is never sent.
    if page.button_named("Text message").is_some() {
        page.click("Text message").await;
        page.click("Text me a code").await;
        page.expect_text("We sent a code to ••••").await;
    }
    assert!(page.backend.phone_messages().is_empty(), "nothing was really sent");
    page.type_into("#rg-reset-code", "123456").await;
    page.click("Verify").await;
    page.expect_text("That code didn't work").await;
    assert_eq!(page.heading(), known, "no way past the code step");
}

#[wasm_bindgen_test]
async fn an_expired_reset_says_so_and_starts_again_cleanly() {
    let clock = Rc::new(FixedClock::at(js_sys::Date::now() as u64));
    let mock = Rc::new(MockBackend::seeded(clock.clone(), Rc::new(OsEntropy)));
    let page = support::open_with(mock.clone());
    start_reset(&page, "lou@contoso.example").await;
    page.expect_heading("Confirm it's you").await;
    clock.advance(16 * 60 * 1000);
    let secret = mock.authenticator_secret("lou@contoso.example").unwrap();
    page.type_into("#rg-reset-code", &totp::code_at(&secret, clock.now_ms() / 1000)).await;
    page.click("Verify").await;
    page.expect_text("This reset took too long and has ended.").await;
    page.expect_heading("Reset your password").await;
    assert_eq!(page.value("#rg-reset-username"), "lou@contoso.example", "nothing typed is lost");
    page.click("Next").await;
    page.expect_heading("Confirm it's you").await;
}

#[wasm_bindgen_test]
async fn an_answer_taken_elsewhere_brings_the_reset_up_to_date() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    start_reset(&page, "lou@contoso.example").await;
    page.expect_heading("Confirm it's you").await;
    // The service takes a code (a reply lost to a timeout, or a second tab) ...
    let (reset, seq) = mock.latest_reset().unwrap();
    let secret = mock.authenticator_secret("lou@contoso.example").unwrap();
    let code = totp::code_at(&secret, mock.now_ms() / 1000);
    let input = riskgate::backend::ResetInput::Code {
        method: riskgate::engine::MethodKind::AuthenticatorApp,
        code: code.clone(),
    };
    mock.send_reset_now(&reset, seq, input).unwrap();
    // ... so this page's own answer is stale: it shows where the reset now stands.
    page.type_into("#rg-reset-code", &code).await;
    page.click("Verify").await;
    page.expect_heading("Choose a new password").await;
    assert!(!page.text().contains("out of date"), "caught up, so no error: {}", page.text());
}

/// The reset's forms summarise their problems at the top, as the sign-in's do.
#[wasm_bindgen_test]
async fn a_reset_sent_empty_is_summarised_with_a_link_to_the_field() {
    let page = support::open();
    start_reset(&page, "").await;
    page.expect_text("Enter your email or username.").await;
    let summary = page.find(".rg-error-summary").unwrap();
    assert!(!summary.has_attribute("hidden"));
    let link = summary.query_selector("a[href='#rg-reset-username']").unwrap().expect("a link to the field");
    assert_eq!(link.text_content().as_deref(), Some("Enter your email or username."));
    page.type_into("#rg-reset-username", "lou@contoso.example").await;
    page.click("Next").await;
    page.expect_heading("Confirm it's you").await;
}
