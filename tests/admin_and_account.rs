//! Account health and the admin view through the real screens: IT staff lifting blocks
//! and clearing risk, a temporary password shown once, a person reporting a sign-in that
//! wasn't them, live password feedback, and the sign-in done from the keyboard.
#![cfg(target_arch = "wasm32")]
mod support;

use riskgate::backend::api::SignInOutcome;
use riskgate::backend::mock::{Fault, Operation};
use riskgate::engine::reset::ResetStep;
use riskgate::engine::DetectionKind;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_password_alone_cannot_add_a_method_until_the_person_steps_up() {
    let page = support::open();
    page.sign_in("ada@contoso.example", "Harbor-Lantern-61").await;
    page.expect_heading("You're signed in").await;
    page.click_named("Review your account").await;
    page.expect_heading("Your account").await;
    page.click("Add a phone").await;
    page.type_into("#rg-add-phone", "+44 20 7946 0958").await;
    page.click("Text me a code").await;
    page.expect_text("To change how you confirm it's you, first confirm it's you").await;
    assert!(page.backend.phone_messages().is_empty(), "nothing was sent");
    assert_eq!(page.value("#rg-add-phone"), "+44 20 7946 0958", "the number stays");

    page.step_up("ada@contoso.example").await;
    page.expect_heading("Your account").await;
    page.wait_for("table.rg-sign-ins").await;
    assert!(!page.text().contains("One more check"), "proven now: no second ask");
    page.click("Add a phone").await;
    page.type_into("#rg-add-phone", "+44 20 7946 0958").await;
    page.click("Text me a code").await;
    page.expect_text("We sent a code to •••• 58.").await;
}

#[wasm_bindgen_test]
async fn a_password_alone_does_not_open_the_admin_view() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.sign_in("admin@contoso.example", "Steady-Compass-27").await;
    page.expect_heading("You're signed in").await;
    page.click_named("Open admin view").await;
    page.expect_heading("Admin view").await;
    page.expect_text("One more check").await;
    support::sleep(50).await;
    assert!(page.find("table.rg-users").is_none(), "no users for a password alone");
    assert!(page.find("table.rg-admin-sign-ins").is_none(), "no sign-ins either");
    assert!(page.find("form.rg-policy").is_none(), "nor the policy");
    assert!(!page.text().contains("Kim Park"));

    page.step_up("admin@contoso.example").await;
    page.expect_heading("Admin view").await;
    page.expect_text_in("table.rg-users", "Kim Park").await;
    assert!(!page.text().contains("One more check"), "the panel is gone once proven");
    assert_eq!(mock.open_sessions("admin@contoso.example"), 1, "the step-up's session replaced the first");
}

#[wasm_bindgen_test]
async fn a_step_up_given_up_does_not_open_the_admin_view() {
    let page = support::open();
    page.sign_in("admin@contoso.example", "Steady-Compass-27").await;
    page.expect_heading("You're signed in").await;
    page.click_named("Open admin view").await;
    page.click_named("Confirm it's you").await;
    page.expect_heading("Confirm it's you").await;
    page.click("I can't use any of these").await;
    page.click("Cancel").await;
    page.expect_heading("Sign-in cancelled").await;
    assert!(page.find("table.rg-users").is_none());
}

/// The accessible names of the buttons in the admin's sign-ins table.
fn sign_in_buttons(page: &support::Page) -> Vec<String> {
    let table = page.find("table.rg-admin-sign-ins").expect("the sign-ins table");
    let buttons = table.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| support::accessible_name(wasm_bindgen::JsCast::unchecked_ref(&b)))
        .collect()
}

/// The accessible name of the button confirming `name`'s sign-in, for the first row of
/// the sign-ins table whose label names them.
fn confirm_label(page: &support::Page, name: &str) -> String {
    sign_in_buttons(page)
        .into_iter()
        .find(|label| label.starts_with(&format!("Confirm it was them: {name}, on ")))
        .unwrap_or_else(|| panic!("no button confirming a sign-in of {name}"))
}

#[wasm_bindgen_test]
async fn an_admin_confirms_a_blocked_sign_in_was_the_person_and_they_get_in() {
    let mock = support::mock();

    let page = support::open_with(mock.clone());
    page.sign_in("sam@woodgrove.example", "Ivory-Summit-64").await;
    page.expect_heading("You can't sign in right now").await;
    drop(page);

    let page = support::open_with(mock.clone());
    page.open_admin_view("admin@woodgrove.example", "Steady-Ledger-39").await;
    page.expect_text_in("table.rg-users", "Sam Rivera").await;
    page.expect_text_in("table.rg-admin-sign-ins", "Blocked").await;
    // Unblocking trusts no place: Sam's sign-in from there is still blocked.
    page.click_named("Unblock Sam Rivera").await;
    page.expect_text("Done: Unblock for Sam Rivera.").await;
    let sam = support::open_with(mock.clone());
    sam.sign_in("sam@woodgrove.example", "Ivory-Summit-64").await;
    sam.expect_heading("You can't sign in right now").await;
    drop(sam);

    page.click_named("Back to your account").await;
    page.click_named("Open admin view").await;
    page.wait_for("table.rg-admin-sign-ins").await;
    let label = confirm_label(&page, "Sam Rivera");
    assert!(label.contains("Seattle, US"), "the label says which sign-in: {label}");
    page.click_named(&label).await;
    page.expect_text("Confirmed: that sign-in was Sam Rivera.").await;
    drop(page);

    let page = support::open_with(mock.clone());
    page.sign_in("sam@woodgrove.example", "Ivory-Summit-64").await;
    page.expect_heading("You're signed in").await;
    let log = mock.sign_in_log();
    assert_eq!(log.last().map(|r| r.outcome), Some(SignInOutcome::SignedIn));
}

/// Ada resets her password with her app: the log gets a `PasswordReset` row.
fn ada_resets(mock: &riskgate::backend::MockBackend, code: String) {
    use riskgate::backend::ResetInput;
    let reset = mock.start_reset_now("ada@contoso.example").unwrap();
    let method = riskgate::engine::MethodKind::AuthenticatorApp;
    let reset = mock.send_reset_now(&reset.flow_id, reset.seq, ResetInput::Code { method, code }).unwrap();
    let password = "Lantern-Bicycle-Ocean-93".to_string();
    let new = ResetInput::NewPassword { password: password.clone(), confirm: password };
    let done = mock.send_reset_now(&reset.flow_id, reset.seq, new).unwrap();
    assert!(matches!(done.step, ResetStep::Done { .. }), "{:?}", done.step);
}

#[wasm_bindgen_test]
async fn each_sign_in_row_but_a_reset_offers_its_own_confirmation() {
    let page = support::open();
    ada_resets(&page.backend, page.app_code("ada@contoso.example"));
    page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    page.expect_text_in("table.rg-admin-sign-ins", "Password reset").await;
    let table = page.find("table.rg-admin-sign-ins").expect("the admin's own sign-in is listed");
    let labels = sign_in_buttons(&page);
    assert!(!labels.is_empty());
    assert!(labels.iter().all(|l| l.starts_with("Confirm it was them: Alex Admin, on ")));
    let rows = table.query_selector_all("tbody tr").unwrap().length() as usize;
    assert_eq!(labels.len(), rows - 1, "one per row but the reset's: {labels:?}");
    let unique: std::collections::BTreeSet<&String> = labels.iter().collect();
    assert_eq!(unique.len(), labels.len(), "each names its own row: {labels:?}");
}

#[wasm_bindgen_test]
async fn the_home_tenant_admin_dismisses_a_guest_technicians_risk() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.open_admin_view("admin@northwind.example", "Steady-Beacon-48").await;
    page.click_named("Dismiss risk for Nils Berg").await;
    page.expect_text("Done: Dismiss risk for Nils Berg.").await;
    let tech = mock.account_of("tech@northwind.example").unwrap();
    assert!(tech.detections.iter().all(|d| !d.state.is_open()), "the risk is closed in the store");

    // The same page, the next person: sign out, then the technician signs in.
    page.click_named("Sign out").await;
    page.expect_heading("Sign in").await;
    assert_eq!(page.value("#rg-username"), "", "signing out forgets who was signed in");
    page.sign_in("tech@northwind.example", "Misty-Anchor-95").await;
    page.expect_heading("You're signed in").await;
}

#[wasm_bindgen_test]
async fn a_temporary_password_is_shown_once_and_works_once() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    page.click_named("Temporary password for Kim Park").await;
    page.expect_text("Give Kim Park a temporary password? Their current password stops working at once.")
        .await;
    assert!(!mock.account_of("kim@contoso.example").unwrap().state.temporary_password, "not before yes");
    page.click("Yes: Temporary password").await;
    let shown = page.wait_for(".rg-temp-password").await.text_content().unwrap();
    assert_eq!(shown.len(), 19, "four groups of four: {shown}");
    page.expect_text("Temporary password for Kim Park").await;
    assert_eq!(page.text().matches(&shown).count(), 1, "shown once, in one place");
    assert!(mock.account_of("kim@contoso.example").unwrap().state.temporary_password);
    page.click_named("Hide password").await;
    assert!(page.find(".rg-temp-password").is_none());
    assert!(!page.text().contains(&shown), "gone once hidden");
    page.expect_text_in("table.rg-users", "Must replace a temporary password").await;

    page.click_named("Sign out").await;
    page.sign_in("kim@contoso.example", &shown).await;
    page.expect_heading("Update your password").await;
}

#[wasm_bindgen_test]
async fn a_person_reports_a_sign_in_that_was_not_them() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    page.type_into("#rg-code", &page.app_code("ravi@contoso.example")).await;
    page.click("Verify").await;
    page.expect_heading("You're signed in").await;
    page.click_named("Review your account").await;
    page.expect_heading("Your account").await;
    page.expect_text_in("table.rg-sign-ins", "Lisbon, PT").await;
    page.expect_text("Unusual sign-in on").await;
    assert!(!page.text().contains("Your account may be at risk"));
    let table = page.find("table.rg-sign-ins").unwrap();
    assert!(table.query_selector("caption").unwrap().is_some(), "the table has a caption");
    assert!(table.query_selector("th[scope=row]").unwrap().is_some());

    page.click("This wasn't me").await;
    page.expect_text("Your account may be at risk").await;
    assert!(page.find(".rg-at-risk").is_some());
    page.expect_text("You said this wasn't you.").await;
    assert!(page.button_named("This wasn't me").is_none(), "answered once");
    let ravi = mock.account_of("ravi@contoso.example").unwrap();
    assert!(
        ravi.detections.iter().any(|d| d.kind == DetectionKind::UserReportedSuspicious && d.state.is_open()),
        "the report is an open detection in the store"
    );
    assert_eq!(mock.sign_in_log().last().and_then(|r| r.confirmed_by_user), Some(false));
}

#[wasm_bindgen_test]
async fn the_last_method_cannot_be_removed_and_the_message_is_by_the_list() {
    let page = support::open();
    page.sign_in_ravi_with_mfa().await;
    page.click_named("Review your account").await;
    page.expect_heading("Your account").await;
    assert_eq!(page.backend.account_of("ravi@contoso.example").unwrap().state.methods.len(), 1);
    page.click_named("Remove Authenticator app").await;
    let message = "This is your only way to confirm it's you, so it can't be removed.";
    page.expect_text(message).await;
    let by_the_list =
        page.find("table.rg-methods-table + [role=alert]").expect("a message right after the list");
    assert!(by_the_list.text_content().unwrap().contains(message));
    assert_eq!(page.backend.account_of("ravi@contoso.example").unwrap().state.methods.len(), 1);
}

#[wasm_bindgen_test]
async fn a_failed_load_offers_retry_and_a_slow_one_shows_progress() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.sign_in("ada@contoso.example", "Harbor-Lantern-61").await;
    page.expect_heading("You're signed in").await;
    mock.set_fault(Operation::Account, Fault { failure_percent: 100, ..Fault::default() });
    page.click_named("Review your account").await;
    page.expect_heading("Your account").await;
    page.expect_text("We couldn't reach the sign-in service.").await;
    assert!(page.find("table.rg-sign-ins").is_none());

    mock.set_fault(Operation::Account, Fault { latency_ms: 800, ..Fault::default() });
    page.click_named("Retry").await;
    page.expect_text("Working on it…").await;
    page.wait_for("table.rg-sign-ins").await;
    assert!(!page.text().contains("We couldn't reach"), "the message goes once it worked");
    assert!(!page.text().contains("Working on it…"));
    mock.clear_faults();
}

#[wasm_bindgen_test]
async fn an_invalid_banned_list_is_refused_by_the_field_and_kept() {
    let page = support::open();
    page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    page.wait_for("#rg-banned").await;
    let typed = "contoso\nab\nlantern";
    page.type_into_area("#rg-banned", typed).await;
    page.click("Save policy").await;
    page.expect_text_in("#rg-banned-message", "at most 1000 terms of 4 to 16 characters").await;
    assert_eq!(page.area_value("#rg-banned"), typed, "what was typed is kept");
    assert_eq!(page.find("#rg-banned").unwrap().get_attribute("aria-invalid").as_deref(), Some("true"));

    page.type_into_area("#rg-banned", "contoso\nlantern").await;
    page.choose("#rg-sign-in-enforcement", "Report only").await;
    page.click("Save policy").await;
    page.expect_text("Policy saved.").await;
    assert_eq!(page.area_value("#rg-banned"), "contoso\nlantern");
    assert_eq!(page.find("#rg-banned").unwrap().get_attribute("aria-invalid").as_deref(), Some("false"));
    // Reload the view from the backend: the saved policy is what it now holds.
    page.click_named("Back to your account").await;
    page.expect_heading("Your account").await;
    page.click_named("Open admin view").await;
    page.expect_heading("Admin view").await;
    page.wait_for("#rg-banned").await;
    assert_eq!(page.area_value("#rg-banned"), "contoso\nlantern");
    assert_eq!(page.selected_text("#rg-sign-in-enforcement"), "Report only");
}

#[wasm_bindgen_test]
async fn a_new_password_gets_live_feedback_while_typing() {
    let page = support::open();
    page.sign_in("pat@contoso.example", "Temp-Kestrel-2468").await;
    page.expect_heading("Update your password").await;
    page.type_into("#rg-new-password", "Contoso-Blank1").await;
    page.expect_text_in(".rg-rules", "Too easy to guess").await;
    page.expect_text_in(".rg-rules", "Leave out your name and your organisation's name.").await;
    assert!(
        !page.find(".rg-rules").unwrap().text_content().unwrap().contains("Contoso-Blank1"),
        "never echoed"
    );
    assert_eq!(page.heading(), "Update your password");
    assert!(page.backend.sign_in_log().is_empty(), "nothing was submitted");

    page.type_into("#rg-new-password", "Orchid-Pylon-Meadow-71").await;
    page.expect_text_in(".rg-rules", "This password meets the requirements.").await;
    assert!(!page.text().contains("Too easy to guess"));
    assert!(page.backend.sign_in_log().is_empty(), "still nothing submitted");
    assert!(page.backend.account_of("pat@contoso.example").unwrap().state.temporary_password);
}

#[wasm_bindgen_test]
async fn only_the_newest_feedback_is_shown_when_typing_fast() {
    let page = support::open();
    page.sign_in("pat@contoso.example", "Temp-Kestrel-2468").await;
    page.expect_heading("Update your password").await;
    // Faster than the debounce: only the last candidate is checked, and no answer about
    // the first one shows up, not even for a moment.
    page.type_into("#rg-new-password", "Orchid-Pylon-Meadow-71").await;
    support::sleep(50).await;
    page.type_into("#rg-new-password", "Contoso-Blank1").await;
    for _ in 0..60 {
        assert!(!page.text().contains("This password meets the requirements."), "a stale answer was shown");
        support::sleep(10).await;
    }
    page.expect_text_in(".rg-rules", "Too easy to guess").await;
}

#[wasm_bindgen_test]
async fn the_sign_in_works_from_the_keyboard_and_focus_follows_each_screen() {
    let page = support::open();
    page.expect_heading("Sign in").await;
    page.expect_focus_on_heading("Sign in").await;
    page.focus("#rg-username");
    page.type_into("#rg-username", "ada@contoso.example").await;
    page.submit_focused().await;
    page.expect_heading("Enter your password").await;
    page.expect_focus_on_heading("Enter your password").await;
    page.focus("#rg-password");
    page.type_into("#rg-password", "Harbor-Lantern-61").await;
    page.submit_focused().await;
    page.expect_heading("You're signed in").await;
    page.expect_focus_on_heading("You're signed in").await;

    page.wait_for("button").await;
    let review = page.button_named("Review your account").expect("a button to the account");
    wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&review).focus().unwrap();
    page.activate_focused().await;
    page.expect_heading("Your account").await;
    page.expect_focus_on_heading("Your account").await;
    page.wait_for("table.rg-sign-ins").await;

    let sign_out = page.button_named("Sign out").expect("a way out");
    wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&sign_out).focus().unwrap();
    page.activate_focused().await;
    page.expect_heading("Sign in").await;
    page.expect_focus_on_heading("Sign in").await;
}

#[wasm_bindgen_test]
async fn admin_tables_are_labelled_and_actions_name_the_user() {
    let page = support::open();
    page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    let users = page.find("table.rg-users").unwrap();
    assert_eq!(
        users.query_selector("caption").unwrap().unwrap().text_content().unwrap(),
        "Users, their risk and what you can do"
    );
    assert!(users.query_selector_all("thead th[scope=col]").unwrap().length() >= 6);
    assert!(users.query_selector_all("tbody th[scope=row]").unwrap().length() >= 10);
    assert!(page.button_named("Unblock Kim Park").is_some());
    assert!(page.button_named("Enable Dee Okafor").is_some(), "a turned-off account can be turned on");
    assert!(page.button_named("Disable Dee Okafor").is_none());
    // Guests are their home organisation's to manage.
    page.expect_text("Their home organisation manages this account.").await;
    for id in [
        "rg-sign-in-enforcement",
        "rg-sign-in-level",
        "rg-sign-in-action",
        "rg-user-enforcement",
        "rg-user-action",
    ] {
        let label = page.find(&format!("label[for={id}]")).expect("each menu has a label");
        assert!(!label.text_content().unwrap().is_empty());
    }
}

/// Triage: people at risk first, the highest risk first; a filter to them alone; and
/// the actions that restrict an account grouped apart from those that lift a block.
#[wasm_bindgen_test]
async fn the_admin_view_puts_people_at_risk_first_and_sets_restricting_actions_apart() {
    let page = support::open();
    page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    // Each row: the person, their risk level (the second column, as a rank) and whether a
    // detection is open (the third column names it, or says "None").
    let rows = |page: &support::Page| -> Vec<(String, usize, bool)> {
        let rows = page.find("table.rg-users tbody").unwrap().query_selector_all("tr").unwrap();
        (0..rows.length())
            .map(|i| rows.item(i).unwrap().unchecked_into::<web_sys::Element>())
            .map(|row| {
                let cell = |n: usize| row.children().item(n as u32).unwrap().text_content().unwrap();
                let rank =
                    ["None", "Low", "Medium", "High"].iter().position(|l| *l == cell(1)).expect("a level");
                (cell(0), rank, cell(2) != "None")
            })
            .collect()
    };
    let all = rows(&page);
    let at_risk = |r: &(String, usize, bool)| r.1 > 0 || r.2;
    let first_safe = all.iter().position(|r| !at_risk(r)).unwrap_or(all.len());
    assert!(first_safe > 0, "someone at risk: {all:?}");
    assert!(all[first_safe..].iter().all(|r| !at_risk(r)), "at risk first: {all:?}");
    assert!(all[..first_safe].windows(2).all(|w| w[0].1 >= w[1].1), "highest risk first: {all:?}");

    let filter: web_sys::HtmlElement = page.find("#rg-users-at-risk").unwrap().unchecked_into();
    filter.click();
    support::sleep(20).await;
    assert_eq!(rows(&page), all[..first_safe].to_vec(), "only people at risk");

    let kim = page.button_named("Disable Kim Park").expect("Disable Kim Park");
    let group = kim.closest(".rg-restricting").unwrap().expect("set apart");
    assert_eq!(group.get_attribute("aria-label").as_deref(), Some("Restricts the account"));
    let unblock = page.button_named("Unblock Kim Park").unwrap();
    assert!(unblock.closest(".rg-restricting").unwrap().is_none(), "lifting a block is not with them");

    // The name opens the person's detail below the table, which takes focus.
    page.click("Kim Park").await;
    let panel = page.wait_for(".rg-user-detail").await;
    let text = panel.text_content().unwrap();
    for part in
        ["Kim Park", "Detections", "Recent sign-ins", "Methods", "Authenticator app", "Risk history", "High"]
    {
        assert!(text.contains(part), "{part} in {text}");
    }
    let active = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(active.id(), "rg-user-detail-heading");
    let name = page.button_named("Kim Park").unwrap();
    assert_eq!(name.get_attribute("aria-expanded").as_deref(), Some("true"));
    page.click("Close").await;
    assert!(page.find(".rg-user-detail").is_none(), "closed");

    // What an administrator does is kept, with who did it.
    let unblock: web_sys::HtmlElement = page.button_named("Unblock Kim Park").unwrap().unchecked_into();
    unblock.click();
    page.expect_text("Unblock").await;
    support::sleep(50).await;
    page.click("Kim Park").await;
    let panel = page.wait_for(".rg-user-detail").await;
    let text = panel.text_content().unwrap();
    assert!(text.contains("What administrators did") && text.contains("Unblock · Alex Admin"), "{text}");
}

#[wasm_bindgen_test]
async fn a_risky_sign_in_works_from_the_keyboard_through_notice_and_mfa() {
    let page = support::open();
    page.expect_focus_on_heading("Sign in").await;
    page.focus("#rg-username");
    page.type_into("#rg-username", "ravi@contoso.example").await;
    page.submit_focused().await;
    page.expect_focus_on_heading("Enter your password").await;
    page.focus("#rg-password");
    page.type_into("#rg-password", "Quiet-Meadow-17").await;
    page.submit_focused().await;
    page.expect_focus_on_heading("We noticed something unusual").await;
    let go_on = page.button_named("Continue").expect("a continue button");
    wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&go_on).focus().unwrap();
    page.activate_focused().await;
    page.expect_focus_on_heading("Confirm it's you").await;
    page.focus("#rg-code");
    page.type_into("#rg-code", &page.app_code("ravi@contoso.example")).await;
    page.submit_focused().await;
    page.expect_heading("You're signed in").await;
    page.expect_focus_on_heading("You're signed in").await;
}

/// Ravi signs in with MFA and asks, from account health, for a code to a new phone.
async fn start_adding_a_phone(page: &support::Page) -> riskgate::backend::mock::PhoneMessage {
    page.sign_in_ravi_with_mfa().await;
    page.click_named("Review your account").await;
    page.expect_heading("Your account").await;
    page.click("Add a phone").await;
    page.type_into("#rg-add-phone", "+44 20 7946 0958").await;
    page.click("Text me a code").await;
    page.expect_text("We sent a code to •••• 58.").await;
    page.backend.phone_messages().pop().expect("a text to the new phone")
}

#[wasm_bindgen_test]
async fn a_person_adds_a_phone_from_account_health() {
    let page = support::open();
    let sms = start_adding_a_phone(&page).await;
    page.type_into("#rg-add-code", &sms.code).await;
    page.click("Verify").await;
    page.expect_text("Added.").await;
    page.expect_text_in("table.rg-methods-table", "Text message").await;
    let ravi = page.backend.account_of("ravi@contoso.example").unwrap();
    assert_eq!(ravi.phone.as_deref(), Some("+44 20 7946 0958"));
}

#[wasm_bindgen_test]
async fn too_many_wrong_codes_for_a_new_phone_drop_it_and_offer_a_fresh_start() {
    let page = support::open();
    let sms = start_adding_a_phone(&page).await;
    let wrong = if sms.code == "000000" { "111111" } else { "000000" };
    for _ in 1..riskgate::backend::mock::WRONG_CODES_PER_ENROLLMENT {
        page.type_into("#rg-add-code", wrong).await;
        page.click("Verify").await;
        page.expect_text("That code didn't match. Try again.").await;
        while page.find("[aria-busy=true]").is_some() {
            support::sleep(10).await;
        }
    }
    page.type_into("#rg-add-code", wrong).await;
    page.click("Verify").await;
    page.expect_text("Too many wrong codes. Start adding the method again to get a new code.").await;
    assert!(page.find("#rg-add-code").is_none(), "the code field went with the dropped phone");
    assert_eq!(page.value("#rg-add-phone"), "+44 20 7946 0958", "the number typed is kept");
    let ravi = page.backend.account_of("ravi@contoso.example").unwrap();
    assert_eq!(ravi.phone, None, "the phone was not added");
}

#[wasm_bindgen_test]
async fn disabling_an_account_asks_first_and_cancel_changes_nothing() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    page.click_named("Disable Kim Park").await;
    page.expect_text("Disable Kim Park's account? They can't sign in until it is enabled again.").await;
    // Focus moves once the question is drawn (the next animation frame).
    for _ in 0..100 {
        if page.focused().is_some_and(|e| e.class_name() == "rg-confirm") {
            break;
        }
        support::sleep(10).await;
    }
    assert_eq!(
        page.focused().map(|e| e.class_name()),
        Some("rg-confirm".into()),
        "focus goes to the question"
    );
    page.click("Cancel").await;
    assert!(!page.text().contains("Disable Kim Park's account?"), "the question is gone");
    assert_eq!(
        page.focused().and_then(|e| e.get_attribute("aria-label")),
        Some("Disable Kim Park".into()),
        "focus goes back to the button that asked"
    );
    assert!(!mock.account_of("kim@contoso.example").unwrap().state.disabled, "nothing was sent");

    page.click_named("Disable Kim Park").await;
    page.click("Yes: Disable").await;
    page.expect_text("Done: Disable for Kim Park.").await;
    assert!(mock.account_of("kim@contoso.example").unwrap().state.disabled);
    assert!(page.button_named("Enable Kim Park").is_some());
}

#[wasm_bindgen_test]
async fn signing_out_ends_the_session_at_the_backend() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.sign_in_ravi_with_mfa().await;
    assert_eq!(mock.open_sessions("ravi@contoso.example"), 1);
    page.click_named("Sign out").await;
    page.expect_heading("Sign in").await;
    for _ in 0..100 {
        if mock.open_sessions("ravi@contoso.example") == 0 {
            break;
        }
        support::sleep(10).await;
    }
    assert_eq!(mock.open_sessions("ravi@contoso.example"), 0, "the backend no longer takes the session");
}

#[wasm_bindgen_test]
async fn an_admin_chooses_which_methods_count_for_a_password_reset() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.open_admin_view("admin@contoso.example", "Steady-Compass-27").await;
    let sms = page.wait_for("#rg-reset-sms").await;
    assert_eq!(accessible_label(&page, "rg-reset-sms"), "Text message");
    wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&sms).click();
    page.click("Save policy").await;
    page.expect_text("Policy saved.").await;
    let (_, policy) = mock.policy_for("admin@contoso.example").unwrap();
    use riskgate::engine::MethodKind::*;
    assert_eq!(policy.reset.allowed, vec![AuthenticatorApp, Voice, Passkey]);
    // Omar's only method is his phone: a reset can no longer be proven by him alone. It
    // is not offered, and (as for anyone, so as not to tell who exists) the reason comes
    // only after a proof, which he cannot give.
    page.click_named("Sign out").await;
    let reset = mock.start_reset_now("omar@contoso.example").unwrap();
    match reset.step {
        ResetStep::Verify { offered, .. } => assert!(!offered.contains(&Sms), "his phone: {offered:?}"),
        other => panic!("expected the proof step, got {other:?}"),
    }
}

fn accessible_label(page: &support::Page, id: &str) -> String {
    page.find(&format!("label[for={id}]")).and_then(|l| l.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_answer_taken_elsewhere_brings_the_page_up_to_date() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    // The service takes "continue" (a reply lost to a timeout, or a second tab) ...
    let (flow, seq) = mock.latest_flow().unwrap();
    mock.send_now(&flow, seq, riskgate::backend::Input::Continue).unwrap();
    // ... so this page's own "continue" is stale: it shows where the flow now stands.
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    assert!(!page.text().contains("out of date"), "caught up, so no error: {}", page.text());
}
