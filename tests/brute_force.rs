//! Brute force through the real screens, with the directory in localStorage: wrong MFA
//! codes, wrong reset codes and wrong passwords are limited, and each limit holds when
//! the page is loaded again (a new backend over the same store). Wrong codes lock the
//! account's codes (even the right one is then turned away), not its password; a lock
//! says nothing to whoever guesses: a wrong password is just wrong, and a reset shows
//! its usual proof step.
#![cfg(target_arch = "wasm32")]
mod support;

use riskgate::backend::mock::{LocalStore, MockBackend, StoreStatus};
use riskgate::backend::platform::{OsEntropy, SystemClock};
use riskgate::backend::totp;
use std::rc::Rc;
use support::Page;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

const BLOCKED: &str = "You can't sign in right now";

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A page over the directory saved under `key`, as a (re)load of the app finds it.
fn load(key: &'static str) -> Page {
    let mock = MockBackend::open(Rc::new(SystemClock), Rc::new(OsEntropy), Rc::new(LocalStore(key)));
    support::open_with(Rc::new(mock))
}

/// Starts from nothing saved under `key`.
fn fresh(key: &'static str) -> Page {
    storage().remove_item(key).unwrap();
    let page = load(key);
    assert_eq!(page.backend.store_status(), &StoreStatus::Fresh);
    page
}

/// A code the persona's app does not show now, nor one step either side.
fn wrong_code(page: &Page, username: &str) -> String {
    let secret = page.backend.authenticator_secret(username).unwrap();
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let near: Vec<String> = [now - 30, now, now + 30].iter().map(|t| totp::code_at(&secret, *t)).collect();
    ["000000", "111111", "222222", "333333"]
        .into_iter()
        .find(|c| !near.iter().any(|n| n == c))
        .unwrap()
        .into()
}

/// Ravi signs in with the right password and sends five wrong codes.
async fn five_wrong_mfa_codes(page: &Page) {
    let user = "ravi@contoso.example";
    page.sign_in(user, "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.press("Continue").await;
    page.expect_heading("Confirm it's you").await;
    for _ in 0..5 {
        page.type_into("#rg-code", &wrong_code(page, user)).await;
        page.press("Verify").await;
        page.wait_idle().await;
    }
    page.expect_heading(BLOCKED).await;
    page.expect_text("Too many wrong codes").await;
}

#[wasm_bindgen_test]
async fn wrong_mfa_codes_lock_the_accounts_codes_and_the_lock_holds_across_reloads() {
    let key = "riskgate.test.brute.mfa";
    let user = "ravi@contoso.example";
    five_wrong_mfa_codes(&fresh(key)).await;
    five_wrong_mfa_codes(&load(key)).await;

    // The password still works (wrong codes must not let anyone lock a person out of it),
    // but the codes are locked: the right one is answered as a wrong one.
    let page = load(key);
    page.sign_in(user, "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.press("Continue").await;
    page.expect_heading("Confirm it's you").await;
    page.type_into("#rg-code", &page.app_code(user)).await;
    page.press("Verify").await;
    page.wait_idle().await;
    page.expect_message("That code didn't work.").await;
    assert_eq!(page.heading(), "Confirm it's you");
    assert!(!page.signed_in(user));
    storage().remove_item(key).unwrap();
}

/// Five wrong codes in one reset of Ada's password.
async fn five_wrong_reset_codes(page: &Page) {
    page.expect_heading("Sign in").await;
    page.press("Forgot your password?").await;
    page.type_into("#rg-reset-username", "ada@contoso.example").await;
    page.press("Next").await;
    page.expect_heading("Confirm it's you").await;
    for _ in 0..5 {
        page.type_into("#rg-reset-code", &wrong_code(page, "ada@contoso.example")).await;
        page.press("Verify").await;
        page.wait_idle().await;
    }
    page.expect_heading("You can't reset your password here").await;
}

#[wasm_bindgen_test]
async fn wrong_reset_codes_stop_resets_and_the_stop_holds_across_reloads() {
    let key = "riskgate.test.brute.reset";
    five_wrong_reset_codes(&fresh(key)).await;
    five_wrong_reset_codes(&load(key)).await;

    // A new reset looks as any other (no reason before a proof, so nobody learns of the
    // lock), but the lock holds: the right code is answered as a wrong one.
    let page = load(key);
    page.expect_heading("Sign in").await;
    page.press("Forgot your password?").await;
    page.type_into("#rg-reset-username", "ada@contoso.example").await;
    page.press("Next").await;
    page.expect_heading("Confirm it's you").await;
    page.type_into("#rg-reset-code", &page.app_code("ada@contoso.example")).await;
    page.press("Verify").await;
    page.wait_idle().await;
    page.expect_message("That code didn't work.").await;
    assert_eq!(page.heading(), "Confirm it's you", "no new password without a proof");
    storage().remove_item(key).unwrap();
}

#[wasm_bindgen_test]
async fn wrong_passwords_lock_the_account_and_the_lock_holds_across_a_reload() {
    let key = "riskgate.test.brute.password";
    let page = fresh(key);
    page.expect_heading("Sign in").await;
    page.type_into("#rg-username", "ada@contoso.example").await;
    page.press("Next").await;
    // The tenth locks the account, yet answers as any wrong password: a guesser learns
    // nothing about the lock.
    for i in 0..10 {
        page.type_into("#rg-password", &format!("Wrong-Guess-{i}")).await;
        page.press("Sign in").await;
        page.expect_message("That username or password is not right.").await;
        page.wait_idle().await;
    }
    assert_eq!(page.heading(), "Enter your password");
    drop(page);

    let page = load(key);
    page.sign_in("ada@contoso.example", "Harbor-Lantern-61").await;
    page.expect_heading(BLOCKED).await;
    page.expect_text("RG1002").await;
    assert!(!page.signed_in("ada@contoso.example"));
    storage().remove_item(key).unwrap();
}
