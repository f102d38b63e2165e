//! What the gallery does once an entry is on screen, as a person would: type and submit,
//! or click a button; then it marks the entry ready for screenshots and tests.
use super::entries::Then;
use crate::backend::mock::{Fault, MockBackend, Operation};
use leptos::prelude::set_timeout;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

/// Carries out `then` inside `holder`, and marks the holder `data-ready` once the state
/// has had time to show (for screenshots).
pub(super) fn act(then: Then, holder: HtmlElement, mock: &MockBackend) {
    mark_ready(holder.clone(), settle_ms(then));
    match then {
        Then::Nothing => {}
        Then::Click(name) => click_when_shown(holder, name, 20),
        Then::Submit { field, text } => type_and_submit(&holder, field, text),
        Then::SubmitSlowly { field, text } => {
            stall(mock);
            type_and_submit(&holder, field, text);
        }
    }
}

/// How long the state takes to show after the action: a reply from the mock, or the
/// progress line, which appears only for calls slower than 300 ms.
fn settle_ms(then: Then) -> u64 {
    match then {
        Then::Nothing => 150,
        Then::Submit { .. } | Then::Click(..) => 250,
        Then::SubmitSlowly { .. } => 500,
    }
}

fn mark_ready(holder: HtmlElement, after_ms: u64) {
    set_timeout(
        move || {
            let _ = holder.set_attribute("data-ready", "true");
        },
        Duration::from_millis(after_ms),
    );
}

/// Slows every call of the mock right down.
fn stall(mock: &MockBackend) {
    // An hour: long enough to look at, and within what a browser timer can wait.
    let stalled = Fault { latency_ms: 3_600_000, ..Fault::default() };
    Operation::ALL.into_iter().for_each(|op| mock.set_fault(op, stalled));
}

/// Types `text` into the input `field` (a selector) in `holder`, then submits its form.
fn type_and_submit(holder: &HtmlElement, field: &str, text: &str) {
    let Ok(Some(input)) = holder.query_selector(field) else {
        web_sys::console::error_1(&format!("gallery: no {field} to type into").into());
        return;
    };
    let input: HtmlInputElement = input.unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = input.dispatch_event(&event);
    }
    if let Some(form) = input.form() {
        let _ = form.request_submit();
    }
}

/// Clicks the button named `name` in `holder`, looking again every 50 ms while the view
/// loads, `tries` times at most.
fn click_when_shown(holder: HtmlElement, name: &'static str, tries: u32) {
    let named = |b: &web_sys::Element| {
        b.get_attribute("aria-label").as_deref() == Some(name) || b.text_content().as_deref() == Some(name)
    };
    let buttons = holder.query_selector_all("button").ok();
    let found = buttons.and_then(|list| {
        (0..list.length()).filter_map(|i| list.item(i)).find_map(|n| {
            let b: web_sys::Element = n.unchecked_into();
            named(&b).then_some(b)
        })
    });
    match found {
        Some(button) => button.unchecked_into::<HtmlElement>().click(),
        None if tries == 0 => web_sys::console::error_1(&format!("gallery: no button {name:?}").into()),
        None => set_timeout(move || click_when_shown(holder, name, tries - 1), Duration::from_millis(50)),
    }
}
