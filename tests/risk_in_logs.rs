//! What became of a sign-in's risk, in the admin's log and in the person's own: a risky
//! sign-in passed with MFA, a risky user who changed the password, and a blocked user's
//! risk dismissed by the admin; and the admin's log filtered by risk state and by user.
#![cfg(target_arch = "wasm32")]
mod support;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

/// The risk cells of a log table, newest first, with the row's text before them.
fn rows(page: &support::Page, table: &str) -> Vec<(String, String)> {
    let Some(table) = page.find(table) else { return vec![] };
    let rows = table.query_selector_all("tbody tr").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|row| {
            let risk = row.query_selector("td.rg-risk").unwrap().and_then(|c| c.text_content());
            (row.text_content().unwrap_or_default(), risk.unwrap_or_default())
        })
        .collect()
}

/// The risk cell of the newest row naming `who` (the admin's log names the user).
fn risk_of(page: &support::Page, table: &str, who: &str) -> String {
    rows(page, table)
        .into_iter()
        .find(|(row, _)| row.contains(who))
        .map(|(_, risk)| risk)
        .unwrap_or_else(|| panic!("no row of {who} in {table}: {:?}", rows(page, table)))
}

/// Picks `value` in the select `selector`, as a person changing it does, and lets the
/// table redraw.
async fn choose(page: &support::Page, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = page.find(selector).expect(selector).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    support::sleep(100).await;
}

async fn own_log(page: &support::Page) {
    page.click_named("Review your account").await;
    page.expect_heading("Your account").await;
    page.wait_for("table.rg-sign-ins").await;
}

async fn admin_log(
    mock: &std::rc::Rc<riskgate::backend::MockBackend>,
    admin: &str,
    password: &str,
) -> support::Page {
    let page = support::open_with(mock.clone());
    page.open_admin_view(admin, password).await;
    page.wait_for("table.rg-admin-sign-ins").await;
    page
}

#[wasm_bindgen_test]
async fn a_risky_sign_in_passed_with_mfa_reads_remediated_in_both_logs() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.sign_in_ravi_with_mfa().await;
    own_log(&page).await;
    let expected = "Medium · Remediated (passed multifactor authentication)";
    assert_eq!(rows(&page, "table.rg-sign-ins")[0].1, expected);
    drop(page);

    let admin = admin_log(&mock, "admin@contoso.example", "Steady-Compass-27").await;
    assert_eq!(risk_of(&admin, "table.rg-admin-sign-ins", "Ravi Menon"), expected);
    assert_eq!(risk_of(&admin, "table.rg-admin-sign-ins", "Alex Admin"), "No risk");
}

#[wasm_bindgen_test]
async fn a_risky_user_who_changed_the_password_reads_remediated_in_both_logs() {
    let mock = support::mock();
    let page = support::open_with(mock.clone());
    page.sign_in("kim@contoso.example", "Silver-Orchard-44").await;
    page.expect_heading("Your account may be at risk").await;
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;
    page.type_into("#rg-code", &page.app_code("kim@contoso.example")).await;
    page.click("Verify").await;
    page.expect_heading("Choose a new password").await;
    page.type_into("#rg-new-password", "Lantern-Bicycle-Ocean-93").await;
    page.type_into("#rg-confirm-password", "Lantern-Bicycle-Ocean-93").await;
    page.click("Change password").await;
    page.expect_heading("You're signed in").await;
    own_log(&page).await;
    let expected = "High · Remediated (changed the password)";
    assert_eq!(rows(&page, "table.rg-sign-ins")[0].1, expected);
    drop(page);

    let admin = admin_log(&mock, "admin@contoso.example", "Steady-Compass-27").await;
    assert_eq!(risk_of(&admin, "table.rg-admin-sign-ins", "Kim Park"), expected);
}

#[wasm_bindgen_test]
async fn a_blocked_users_risk_dismissed_by_the_admin_reads_dismissed_in_both_logs() {
    let mock = support::mock();
    let jo = support::open_with(mock.clone());
    jo.sign_in("jo@woodgrove.example", "Frosted-Cedar-71").await;
    jo.expect_heading("You can't sign in right now").await;
    drop(jo);

    let admin = admin_log(&mock, "admin@woodgrove.example", "Steady-Ledger-39").await;
    let log = "table.rg-admin-sign-ins";
    assert_eq!(risk_of(&admin, log, "Jo Tanaka"), "High · At risk (blocked)");
    admin.click_named("Dismiss risk for Jo Tanaka").await;
    admin.expect_text("Done: Dismiss risk for Jo Tanaka.").await;
    admin.expect_text_in(log, "Dismissed").await;
    let expected = "High · Dismissed (dismissed by IT)";
    assert_eq!(risk_of(&admin, log, "Jo Tanaka"), expected);

    // Filtered by state, then by user: only the rows asked for.
    choose(&admin, "#rg-log-state", "3").await;
    let dismissed = rows(&admin, log);
    assert_eq!(dismissed.len(), 1, "{dismissed:?}");
    assert!(dismissed[0].0.contains("Jo Tanaka") && dismissed[0].1 == expected, "{dismissed:?}");
    choose(&admin, "#rg-log-state", "0").await;
    choose(&admin, "#rg-log-user", "admin@woodgrove.example").await;
    let own = rows(&admin, log);
    assert!(!own.is_empty() && own.iter().all(|(row, _)| !row.contains("Jo Tanaka")), "{own:?}");
    drop(admin);

    // Jo now gets in; her own log keeps the blocked sign-in, dismissed.
    let jo = support::open_with(mock.clone());
    jo.sign_in("jo@woodgrove.example", "Frosted-Cedar-71").await;
    jo.expect_heading("You're signed in").await;
    own_log(&jo).await;
    let mine = rows(&jo, "table.rg-sign-ins");
    assert_eq!(mine.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>(), vec!["No risk", expected]);
}
