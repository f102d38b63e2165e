//! The reviewer's side panel beside the live flow: the simulated phone, the personas'
//! authenticator apps, fault controls and a reset. It talks to the mock directly; the
//! sign-in component itself never sees it.
use crate::backend::mock::{Fault, MockBackend, Operation};
use crate::backend::seed::PERSONAS;
use crate::backend::totp;
use crate::engine::MethodKind;
use crate::ui::screens::blocked::local_time;
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

/// How often the panel looks for new texts and codes.
const REFRESH: Duration = Duration::from_secs(1);

fn op_name(op: Operation) -> &'static str {
    match op {
        Operation::SignIn => "Sign-in",
        Operation::Send => "Flow steps",
        Operation::Account => "Account health",
        Operation::Admin => "Admin",
        Operation::StartReset => "Password reset: start",
        Operation::SendReset => "Password reset: steps",
        Operation::CheckPassword => "Live password check",
        Operation::PasskeyChallenge => "Passkeys: challenge",
        Operation::PasskeyAnswer => "Passkeys: answer",
        Operation::StepUp => "Step-up",
    }
}

#[component]
pub fn DemoPanel(mock: Rc<MockBackend>) -> impl IntoView {
    let mock = StoredValue::new_local(mock);
    let tick = RwSignal::new(0u64);
    let handle = set_interval_with_handle(move || tick.update(|t| *t += 1), REFRESH).ok();
    on_cleanup(move || {
        if let Some(h) = handle {
            h.clear();
        }
    });
    // The mock's time, which the scenario lab may have moved, so the codes match.
    let now_secs = move || {
        tick.track();
        mock.with_value(|m| m.now_ms()) / 1000
    };
    let phone = move || {
        tick.track();
        let mut messages = mock.with_value(|m| m.phone_messages());
        messages.reverse();
        messages.truncate(5);
        messages
    };
    let apps = move || {
        let now = now_secs();
        PERSONAS
            .iter()
            .filter_map(|p| {
                let secret = mock.with_value(|m| m.authenticator_secret(p.username))?;
                Some((p.username, totp::code_at(&secret, now)))
            })
            .collect::<Vec<_>>()
    };
    // Each persona's registered passkeys, by the sign count the directory holds.
    let passkeys = move || {
        tick.track();
        PERSONAS
            .iter()
            .filter_map(|p| {
                let keys = mock.with_value(|m| m.account_of(p.username))?.passkeys;
                let counts: Vec<String> = keys.iter().map(|k| k.sign_count.to_string()).collect();
                (!counts.is_empty()).then(|| (p.username, counts.join(",")))
            })
            .collect::<Vec<_>>()
    };
    let reset = move |_| {
        mock.with_value(|m| m.reset());
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <aside class="rg-demo" aria-label="Review tools">
            <h2>"Simulated phone"</h2>
            <ul class="rg-phone" aria-live="polite">
                {move || phone().is_empty().then(|| view! { <li>"No texts or calls yet."</li> })}
                {move || {
                    phone()
                        .into_iter()
                        .map(|m| {
                            let how = if m.method == MethodKind::Voice { "Call" } else { "Text" };
                            view! {
                                <li>
                                    {format!("{how} to {} at {}: code ", m.to, local_time(m.at_ms, "en"))}
                                    <strong class="rg-phone-code">{m.code}</strong>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <details>
                <summary>"Authenticator apps"</summary>
                <ul class="rg-apps">
                    {move || {
                        apps()
                            .into_iter()
                            .map(|(user, code)| view! { <li>{user} ": " <code>{code}</code></li> })
                            .collect_view()
                    }}
                </ul>
            </details>
            <details>
                <summary>"Passkeys"</summary>
                <ul class="rg-passkeys">
                    {move || {
                        passkeys()
                            .into_iter()
                            .map(|(user, counts)| {
                                view! {
                                    <li data-user=user>{user} ": sign counts " <code>{counts}</code></li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </details>
            <details>
                <summary>"Faults"</summary>
                {Operation::ALL.into_iter().map(|op| view! { <FaultRow mock op /> }).collect_view()}
            </details>
            <button type="button" class="rg-secondary" on:click=reset>
                "Reset demo data"
            </button>
        </aside>
    }
}

/// Latency, failure rate, timeout and malformed reply for one operation.
#[component]
fn FaultRow(mock: StoredValue<Rc<MockBackend>, LocalStorage>, op: Operation) -> impl IntoView {
    let fault = RwSignal::new(mock.with_value(|m| m.fault(op)));
    let apply = move |f: Fault| {
        fault.set(f);
        mock.with_value(|m| m.set_fault(op, f));
    };
    let id = |what: &str| format!("rg-fault-{op:?}-{what}");
    view! {
        <fieldset class="rg-fault">
            <legend>{op_name(op)}</legend>
            <label for=id("latency")>"Latency (ms)"</label>
            <input
                id=id("latency")
                type="number"
                min="0"
                step="100"
                prop:value=move || fault.get().latency_ms
                on:change=move |ev| apply(Fault {
                    latency_ms: event_target_value(&ev).parse().unwrap_or(0),
                    ..fault.get_untracked()
                })
            />
            <label for=id("failure")>"Failure rate (%)"</label>
            <input
                id=id("failure")
                type="number"
                min="0"
                max="100"
                prop:value=move || fault.get().failure_percent
                on:change=move |ev| apply(Fault {
                    failure_percent: event_target_value(&ev).parse::<u8>().unwrap_or(0).min(100),
                    ..fault.get_untracked()
                })
            />
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || fault.get().timeout
                    on:change=move |ev| apply(Fault {
                        timeout: event_target_checked(&ev),
                        ..fault.get_untracked()
                    })
                />
                " Time out"
            </label>
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || fault.get().malformed
                    on:change=move |ev| apply(Fault {
                        malformed: event_target_checked(&ev),
                        ..fault.get_untracked()
                    })
                />
                " Malformed reply"
            </label>
        </fieldset>
    }
}
