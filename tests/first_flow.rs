//! The first vertical slice in a real browser: sign-in, risky sign-in notice, MFA,
//! signed in, plus the wrong-password, wrong-code and empty-field cases.
#![cfg(target_arch = "wasm32")]
mod support;

use riskgate::backend::api::SignInOutcome;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_clean_user_signs_in_without_interruption() {
    let page = support::open();
    page.sign_in("ada@contoso.example", "Harbor-Lantern-61").await;
    page.expect_heading("You're signed in").await;
    page.expect_text("Welcome, Ada Lindqvist.").await;
    assert!(!page.text().contains("took care of"), "nothing to remediate");
}

#[wasm_bindgen_test]
async fn a_risky_sign_in_shows_the_notice_then_mfa_then_signs_in() {
    let page = support::open();
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.expect_text("Lisbon, PT").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    let code = page.app_code("ravi@contoso.example");
    page.type_into("#rg-code", &code).await;
    page.click("Verify").await;
    page.expect_heading("You're signed in").await;
    page.expect_text("The unusual sign-in was confirmed by you.").await;
    let log = page.backend.sign_in_log();
    assert_eq!(log.last().map(|e| e.outcome), Some(SignInOutcome::SignedIn));
}

#[wasm_bindgen_test]
async fn a_wrong_password_shows_a_message_by_the_field_and_keeps_the_input() {
    let page = support::open();
    page.sign_in("ada@contoso.example", "not-her-password").await;
    page.expect_text("That username or password is not right.").await;
    assert_eq!(page.heading(), "Enter your password");
    assert_eq!(page.value("#rg-password"), "not-her-password");
    let field = page.find("#rg-password").unwrap();
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(field.get_attribute("aria-describedby").as_deref(), Some("rg-password-message"));
    let message = page.find("#rg-password-message").unwrap().text_content().unwrap();
    assert!(message.contains("not right"), "{message}");
}

/// GOV.UK's pattern: a summary at the top takes focus and links to the field, whose own
/// message and value stay.
#[wasm_bindgen_test]
async fn a_wrong_password_is_summarised_at_the_top_with_a_link_to_the_field() {
    let page = support::open();
    page.expect_heading("Sign in").await;
    page.type_into("#rg-username", "ada@contoso.example").await;
    page.click("Next").await;
    page.expect_heading("Enter your password").await;
    let summary = page.find(".rg-error-summary").unwrap();
    assert!(summary.has_attribute("hidden"), "no summary before anything was sent");
    page.type_into("#rg-password", "not-her-password").await;
    page.click("Sign in").await;
    page.expect_text("That username or password is not right.").await;
    let summary = page.find(".rg-error-summary").unwrap();
    assert!(!summary.has_attribute("hidden"));
    assert_eq!(
        summary.query_selector("h2").unwrap().unwrap().text_content().as_deref(),
        Some("There is a problem")
    );
    let active = || web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(active().class_name(), "rg-error-summary", "the summary takes focus");
    let link: web_sys::HtmlElement = summary
        .query_selector("a[href='#rg-password']")
        .unwrap()
        .expect("a link to the field")
        .unchecked_into();
    let field_message = page.find("#rg-password-message").unwrap().text_content().unwrap();
    assert_eq!(link.text_content().unwrap(), field_message, "the same words as beside the field");
    link.click();
    assert_eq!(active().id(), "rg-password", "the link moves focus to the field");
    assert_eq!(page.value("#rg-password"), "not-her-password", "what was typed stays");
    // Set right, the summary goes.
    page.type_into("#rg-password", "Harbor-Lantern-61").await;
    page.click("Sign in").await;
    page.expect_heading("You're signed in").await;
}

#[wasm_bindgen_test]
async fn a_message_on_screen_follows_a_change_of_language() {
    let page = support::open();
    page.sign_in("ada@contoso.example", "not-her-password").await;
    page.expect_text("That username or password is not right.").await;
    page.choose_locale("de").await;
    page.expect_heading("Passwort eingeben").await;
    let message = page.find("#rg-password-message").unwrap().text_content().unwrap();
    assert_eq!(
        message,
        "Benutzername oder Passwort ist falsch. Überprüfen Sie Ihre Eingabe und versuchen Sie es erneut."
    );
}

#[wasm_bindgen_test]
async fn every_language_in_the_menu_shows_its_own_words_and_direction() {
    use riskgate::ui::text::{t, Key, Locale};
    let page = support::open();
    page.expect_heading("Sign in").await;
    for locale in Locale::ALL.into_iter().rev() {
        page.choose_locale(locale.tag()).await;
        page.expect_heading(t(locale, Key::SigninHeading)).await;
        let root = page.find(".riskgate").unwrap();
        assert_eq!(root.get_attribute("lang").as_deref(), Some(locale.tag()));
        assert_eq!(root.get_attribute("dir").as_deref(), Some(locale.dir()));
        let label = page.find("label[for=rg-locale]").unwrap().text_content().unwrap();
        assert_eq!(label, t(locale, Key::CommonLanguage), "{locale:?}");
        let status = page.find(".rg-locale-status").unwrap().text_content().unwrap();
        assert_eq!(status, "", "{locale:?} is packed in tests: nothing to load");
    }
    let names: Vec<String> = (0..10)
        .map(|i| {
            page.find(&format!("#rg-locale option:nth-child({})", i + 1)).unwrap().text_content().unwrap()
        })
        .collect();
    assert_eq!(names, Locale::ALL.map(|l| l.name().to_string()));
}

/// Ravi at the MFA challenge after one wrong app code, told how many tries are left.
async fn one_wrong_code() -> support::Page {
    let page = support::open();
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    let right = page.app_code("ravi@contoso.example");
    let wrong = if right == "000000" { "111111" } else { "000000" };
    page.type_into("#rg-code", wrong).await;
    page.click("Verify").await;
    page.expect_text("That code didn't work. 4 tries left.").await;
    page
}

#[wasm_bindgen_test]
async fn a_wrong_code_keeps_the_challenge_and_says_how_many_tries_are_left() {
    let page = one_wrong_code().await;
    assert_eq!(page.heading(), "Confirm it's you");
    let flow = page.backend.sign_in_log();
    assert!(flow.is_empty(), "the sign-in has not ended");
}

#[wasm_bindgen_test]
async fn the_tries_left_follow_a_change_of_language_digits_and_all() {
    let page = one_wrong_code().await;
    page.choose_locale("ar").await;
    page.expect_heading("تأكيد الهوية").await;
    let message = page.find("#rg-code-message").unwrap().text_content().unwrap();
    assert_eq!(message, "لم يُقبل هذا الرمز. عدد المحاولات المتبقية: ٤.");
}

#[wasm_bindgen_test]
async fn empty_fields_get_a_message_and_nothing_is_sent() {
    let page = support::open();
    page.expect_heading("Sign in").await;
    page.click("Next").await;
    page.expect_text("Enter your email or username.").await;
    assert_eq!(page.heading(), "Sign in");
    page.type_into("#rg-username", "ada@contoso.example").await;
    page.click("Next").await;
    page.expect_heading("Enter your password").await;
    page.click("Sign in").await;
    page.expect_text("Enter your password.").await;
    page.click("Back").await;
    page.expect_heading("Sign in").await;
    assert_eq!(page.value("#rg-username"), "ada@contoso.example", "the username was kept");
}

#[wasm_bindgen_test]
async fn a_user_blocked_by_sign_in_risk_sees_why_and_the_troubleshooting_details() {
    let page = support::open();
    page.sign_in("sam@woodgrove.example", "Ivory-Summit-64").await;
    page.expect_heading("You can't sign in right now").await;
    page.expect_text("Try again from a device or place you usually use").await;
    page.expect_text("RG2001").await;
    let log = page.backend.sign_in_log();
    assert_eq!(log.last().map(|e| e.outcome), Some(SignInOutcome::Blocked));
}

/// After the username each step says whose sign-in it is; "Not you?" goes back to the
/// username, filled in, from the password or from a step deep in the flow.
#[wasm_bindgen_test]
async fn each_step_shows_the_account_and_not_you_goes_back_to_the_username() {
    let page = support::open();
    page.expect_heading("Sign in").await;
    assert!(page.find(".rg-chip").is_none(), "no account shown before one is typed");
    page.type_into("#rg-username", "ravi@contoso.example").await;
    page.click("Next").await;
    page.expect_heading("Enter your password").await;
    page.expect_text_in(".rg-chip", "Signing in as ravi@contoso.example").await;
    let chip = page.find(".rg-chip .rg-identity").unwrap();
    assert_eq!(chip.get_attribute("title").as_deref(), Some("ravi@contoso.example"));
    page.click("Not you?").await;
    page.expect_heading("Sign in").await;
    page.expect_value("#rg-username", "ravi@contoso.example").await;

    page.sign_in_from_username("Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    page.expect_text_in(".rg-chip", "ravi@contoso.example").await;
    page.click("Not you?").await;
    page.expect_heading("Sign in").await;
    page.expect_value("#rg-username", "ravi@contoso.example").await;
    assert!(page.find(".rg-chip").is_none(), "the first screen shows no account");
}

/// The username screen summarises its problem too (its summary comes with the part the
/// password screen needs, fetched as the name is typed).
#[wasm_bindgen_test]
async fn an_empty_username_is_summarised_at_the_top_with_a_link_to_the_field() {
    let page = support::open();
    page.expect_heading("Sign in").await;
    assert!(page.find(".rg-error-summary").is_none(), "no summary before anything was sent");
    page.click("Next").await;
    let summary = page.wait_for(".rg-error-summary").await;
    let link = summary.query_selector("a[href='#rg-username']").unwrap().expect("a link to the field");
    assert_eq!(link.text_content().as_deref(), Some("Enter your email or username."));
    let message = page.find("#rg-username-message").unwrap().text_content();
    assert_eq!(message.as_deref(), Some("Enter your email or username."), "and beside the field");
    support::sleep(20).await;
    let active = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(active.class_name(), "rg-error-summary", "the summary takes focus");
    page.type_into("#rg-username", "ada@contoso.example").await;
    page.click("Next").await;
    page.expect_heading("Enter your password").await;
}
