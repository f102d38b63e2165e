//! The passkey screens in a real browser, where WebAuthn is missing or its prompt is
//! closed: a clear message, another way on, and nothing typed lost. (A working
//! authenticator is driven end to end by scripts/passkeys.mjs.)
#![cfg(target_arch = "wasm32")]
mod support;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

/// Runs `body` as JavaScript in the page.
fn js(body: &str) {
    js_sys::Function::new_no_args(body).call0(&JsValue::NULL).expect(body);
}

/// Changes the page's WebAuthn for one test and puts it back afterwards.
struct Browser;

impl Browser {
    fn save() {
        js("window.__saved = window.__saved || { pkc: window.PublicKeyCredential, \
            get: navigator.credentials.get, create: navigator.credentials.create };");
    }

    /// As in a browser without WebAuthn.
    fn without_webauthn() -> Browser {
        Self::save();
        js("window.PublicKeyCredential = undefined;");
        Browser
    }

    /// As when the person closes the passkey prompt.
    fn prompt_closed() -> Browser {
        Self::save();
        js("window.PublicKeyCredential = window.__saved.pkc || function () {}; \
            const closed = () => Promise.reject(new DOMException('closed', 'NotAllowedError')); \
            navigator.credentials.get = closed; navigator.credentials.create = closed;");
        Browser
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        js("window.PublicKeyCredential = window.__saved.pkc; \
            navigator.credentials.get = window.__saved.get; navigator.credentials.create = window.__saved.create;");
    }
}

/// Lena's registration is forced (her grace is over); it offers a passkey.
async fn lena_registers(page: &support::Page) {
    page.sign_in("lena@contoso.example", "Cobalt-Prairie-86").await;
    page.expect_heading("More information required").await;
    page.click("Next").await;
    page.expect_heading("Set up a way to confirm it's you").await;
}

#[wasm_bindgen_test]
async fn without_webauthn_registration_says_so_and_offers_the_other_methods() {
    let _browser = Browser::without_webauthn();
    let page = support::open();
    lena_registers(&page).await;
    page.click("Add a passkey").await;
    page.expect_text("This browser or device can't use passkeys.").await;
    page.click("Authenticator app").await;
    page.expect_text("Scan this QR code with your authenticator app").await;
    let lena = page.backend.account_of("lena@contoso.example").unwrap();
    assert!(lena.passkeys.is_empty());
}

#[wasm_bindgen_test]
async fn without_webauthn_passkey_sign_in_says_so_and_keeps_the_password() {
    let _browser = Browser::without_webauthn();
    let page = support::open();
    page.type_into("#rg-username", "ada@contoso.example").await;
    page.click("Next").await;
    page.expect_heading("Enter your password").await;
    page.type_into("#rg-password", "Harbor-Lantern-61").await;
    page.click("Sign in with a passkey instead").await;
    page.expect_text("This browser or device can't use passkeys.").await;
    assert_eq!(page.value("#rg-password"), "Harbor-Lantern-61", "what was typed stays");
    page.click("Sign in").await;
    page.expect_heading("You're signed in").await;
}

#[wasm_bindgen_test]
async fn a_closed_prompt_in_registration_says_so_and_stays_on_the_choice() {
    let _browser = Browser::prompt_closed();
    let page = support::open();
    lena_registers(&page).await;
    page.click("Add a passkey").await;
    page.expect_text("The passkey prompt was closed before it finished.").await;
    assert_eq!(page.heading(), "Set up a way to confirm it's you");
    assert!(page.backend.account_of("lena@contoso.example").unwrap().passkeys.is_empty());
    assert!(page.text().contains("Text message"), "another method is still offered");
}

#[wasm_bindgen_test]
async fn a_closed_prompt_at_sign_in_says_so_and_keeps_the_password() {
    let _browser = Browser::prompt_closed();
    let page = support::open();
    page.type_into("#rg-username", "ada@contoso.example").await;
    page.click("Next").await;
    page.expect_heading("Enter your password").await;
    page.type_into("#rg-password", "typed-before").await;
    page.click("Sign in with a passkey instead").await;
    page.expect_text("The passkey prompt was closed before it finished.").await;
    assert_eq!(page.heading(), "Enter your password");
    assert_eq!(page.value("#rg-password"), "typed-before");
    assert!(page.backend.sign_in_log().is_empty(), "nothing was signed in or logged");
}
