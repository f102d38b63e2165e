//! The reviewer's panel beside the live flow: the simulated phone and authenticator apps.
#![cfg(target_arch = "wasm32")]
mod support;

use leptos::prelude::*;
use riskgate::backend::api::Input;
use riskgate::backend::platform::{OsEntropy, SystemClock};
use riskgate::backend::{totp, MockBackend, SignInRequest};
use riskgate::engine::MethodKind;
use riskgate::review::panel::DemoPanel;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_panel_shows_texts_sent_to_the_simulated_phone_and_app_codes() {
    let document = document();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let mock = Rc::new(MockBackend::seeded(Rc::new(SystemClock), Rc::new(OsEntropy)));
    let panel_mock = mock.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <DemoPanel mock=panel_mock/> });
    assert!(root.text_content().unwrap().contains("No texts or calls yet."));

    let request = SignInRequest {
        username: "omar@contoso.example".into(),
        password: "Velvet-Canyon-35".into(),
        source: None,
        tenant: None,
    };
    let r = mock.sign_in_now(request).unwrap();
    let r = mock.send_now(&r.flow_id, r.seq, Input::Continue).unwrap();
    mock.send_now(&r.flow_id, r.seq, Input::SendCode { method: MethodKind::Sms }).unwrap();
    let sms = mock.phone_messages().pop().unwrap();
    support::sleep(1200).await;
    let text = root.text_content().unwrap();
    assert!(text.contains(&sms.code), "the code shows on the simulated phone: {text}");
    assert!(text.contains("+1 206 555 0147"));

    let secret = mock.authenticator_secret("ravi@contoso.example").unwrap();
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let apps = root.query_selector(".rg-apps").unwrap().unwrap().text_content().unwrap();
    // The panel refreshes each second, so it may show the code of the step just before.
    let shown = [now, now - 30]
        .iter()
        .any(|t| apps.contains(&format!("ravi@contoso.example: {}", totp::code_at(&secret, *t))));
    assert!(shown, "{apps}");
    root.remove();
}
