//! The scenario lab: a context and a policy chosen in the lab decide the next sign-in
//! in the live component, and the trace shows why.
#![cfg(target_arch = "wasm32")]
mod support;

use leptos::prelude::*;
use riskgate::backend::platform::{OsEntropy, ShiftedClock, SystemClock};
use riskgate::backend::{IdentityBackend, MockBackend};
use riskgate::review::lab::ScenarioLab;
use riskgate::ui::text::Locale;
use riskgate::ui::App;
use std::rc::Rc;
use support::{sleep, Page};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};
wasm_bindgen_test_configure!(run_in_browser);

fn open_lab() -> (Page, Rc<ShiftedClock>) {
    let clock = Rc::new(ShiftedClock::new(Rc::new(SystemClock)));
    let mock = Rc::new(MockBackend::seeded(clock.clone(), Rc::new(OsEntropy)));
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let (backend, lab_mock, lab_clock): (Rc<dyn IdentityBackend>, _, _) =
        (mock.clone(), mock.clone(), clock.clone());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <App backend locale=Locale::En/>
            <ScenarioLab mock=lab_mock clock=lab_clock/>
        }
    });
    (Page::from_parts(mock, root, Box::new(handle)), clock)
}

async fn choose(page: &Page, selector: &str, value: &str) {
    let select: HtmlSelectElement = page.find(selector).expect(selector).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn a_context_and_policy_from_the_lab_decide_the_sign_in_and_the_trace_says_why() {
    let (page, clock) = open_lab();
    choose(&page, "#rg-lab-persona", "ada@contoso.example").await;
    choose(&page, "#rg-lab-place", "Moscow").await;
    page.type_into("#rg-lab-ip", "203.0.113.9").await;
    page.type_into("#rg-lab-hours", "2").await;
    choose(&page, "#rg-lab-sign-in", "block").await;
    page.click("Apply").await;
    page.expect_text_in(".rg-lab-status", "Ready: sign in as ada@contoso.example").await;
    assert_eq!(clock.offset_ms(), 2 * 3_600_000);

    page.sign_in("ada@contoso.example", "Harbor-Lantern-61").await;
    page.expect_heading("You can't sign in right now").await;
    page.expect_text("RG2001").await;
    page.expect_text_in(".rg-lab-trace", "MaliciousIp").await;
    let trace = page.find(".rg-lab-trace").unwrap().text_content().unwrap();
    assert!(trace.contains("Moscow, RU · 203.0.113.9"), "{trace}");
    assert!(trace.contains("Blocked SignInRisk (policy SignInRisk"), "{trace}");
    assert!(trace.contains("signed in: false"), "{trace}");
    let (_, policy) = page.backend.policy_for("ada@contoso.example").unwrap();
    assert_eq!(policy.sign_in_risk.action, riskgate::engine::policy::SignInAction::Block);
}

#[wasm_bindgen_test]
async fn a_bad_context_is_refused_with_a_reason_and_changes_nothing() {
    let (page, clock) = open_lab();
    page.type_into("#rg-lab-ip", "not an address").await;
    page.click("Apply").await;
    page.expect_text_in(".rg-lab-status", "is not an IPv4 address").await;
    assert_eq!(page.value("#rg-lab-ip"), "not an address", "what was typed stays");
    page.type_into("#rg-lab-ip", "198.51.100.7").await;
    page.type_into("#rg-lab-hours", "soon").await;
    page.click("Apply").await;
    page.expect_text_in(".rg-lab-status", "hours must be a whole number").await;
    assert_eq!(clock.offset_ms(), 0);
    let persona = riskgate::backend::seed::PERSONAS[0].username;
    assert_eq!(page.backend.account_of(persona).unwrap().next_source, None, "nothing scripted");
    sleep(10).await;
}
