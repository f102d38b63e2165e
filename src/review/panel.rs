//! The reviewer's side panel beside the live flow: the simulated phone, the personas'
//! authenticator apps, fault controls and a reset. It talks to the mock directly; the
//! sign-in component itself never sees it.
use super::{every, Mock};
use crate::backend::mock::{Fault, MockBackend, Operation, PhoneMessage};
use crate::backend::seed::{Persona, PERSONAS};
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
    every(REFRESH, move || tick.update(|t| *t += 1));
    let reset = move |_| {
        mock.with_value(|m| m.reset());
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <aside class="rg-demo" aria-label="Review tools">
            <Phone mock tick />
            <PersonaLines mock tick summary="Authenticator apps" class="rg-apps" line=app_code />
            <PersonaLines mock tick summary="Passkeys" class="rg-passkeys" line=passkey_counts />
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

/// The texts and calls the mock sent, newest first, five at most.
#[component]
fn Phone(mock: Mock, tick: RwSignal<u64>) -> impl IntoView {
    let messages = move || {
        tick.track();
        let mut messages = mock.with_value(|m| m.phone_messages());
        messages.reverse();
        messages.truncate(5);
        messages
    };
    let line = |m: PhoneMessage| {
        let how = if m.method == MethodKind::Voice { "Call" } else { "Text" };
        view! {
            <li>
                {format!("{how} to {} at {}: code ", m.to, local_time(m.at_ms, "en"))}
                <strong class="rg-phone-code">{m.code}</strong>
            </li>
        }
    };
    view! {
        <h2>"Simulated phone"</h2>
        <ul class="rg-phone" aria-live="polite">
            {move || messages().is_empty().then(|| view! { <li>"No texts or calls yet."</li> })}
            {move || messages().into_iter().map(line).collect_view()}
        </ul>
    }
}

/// Each persona's authenticator app, showing its code at the mock's time (which the
/// scenario lab may have moved, so the codes match).
fn app_code(mock: Mock, p: &'static Persona) -> Option<AnyView> {
    let secret = mock.with_value(|m| m.authenticator_secret(p.username))?;
    let code = totp::code_at(&secret, mock.with_value(|m| m.now_ms()) / 1000);
    Some(view! { <li>{p.username} ": " <code>{code}</code></li> }.into_any())
}

/// Each persona's registered passkeys, by the sign count the directory holds.
fn passkey_counts(mock: Mock, p: &'static Persona) -> Option<AnyView> {
    let keys = mock.with_value(|m| m.account_of(p.username))?.passkeys;
    let counts: Vec<String> = keys.iter().map(|k| k.sign_count.to_string()).collect();
    let counts = (!counts.is_empty()).then(|| counts.join(","))?;
    Some(
        view! { <li data-user=p.username>{p.username} ": sign counts " <code>{counts}</code></li> }
            .into_any(),
    )
}

/// A folding list of one line per persona that has one, read again at every tick.
#[component]
fn PersonaLines(
    mock: Mock,
    tick: RwSignal<u64>,
    summary: &'static str,
    class: &'static str,
    line: fn(Mock, &'static Persona) -> Option<AnyView>,
) -> impl IntoView {
    let lines = move || {
        tick.track();
        PERSONAS.iter().filter_map(|p| line(mock, p)).collect_view()
    };
    view! {
        <details>
            <summary>{summary}</summary>
            <ul class=class>{lines}</ul>
        </details>
    }
}

/// Latency, failure rate, timeout and malformed reply for one operation.
#[component]
fn FaultRow(mock: Mock, op: Operation) -> impl IntoView {
    let fault = RwSignal::new(mock.with_value(|m| m.fault(op)));
    let change = move |edit: &dyn Fn(&mut Fault)| {
        let mut f = fault.get_untracked();
        edit(&mut f);
        fault.set(f);
        mock.with_value(|m| m.set_fault(op, f));
    };
    let id = |what: &str| format!("rg-fault-{op:?}-{what}");
    // A checkbox over one on/off part of the fault.
    let toggle = move |text: &'static str, get: fn(&Fault) -> bool, set: fn(&mut Fault, bool)| {
        view! {
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || get(&fault.get())
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(&|f| set(f, on))
                    }
                />
                {text}
            </label>
        }
    };
    // A number box over one numeric part of the fault; what does not parse counts as 0.
    let number = move |what: &str,
                       text: &'static str,
                       (step, max): (u32, Option<u32>),
                       get: fn(&Fault) -> u32,
                       set: fn(&mut Fault, u32)| {
        view! {
            <label for=id(what)>{text}</label>
            <input
                id=id(what)
                type="number"
                min="0"
                step=step
                max=max
                prop:value=move || get(&fault.get())
                on:change=move |ev| change(&|f| set(f, event_target_value(&ev).parse().unwrap_or(0)))
            />
        }
    };
    view! {
        <fieldset class="rg-fault">
            <legend>{op_name(op)}</legend>
            {number("latency", "Latency (ms)", (100, None), |f| f.latency_ms, |f, n| f.latency_ms = n)}
            {number(
                "failure",
                "Failure rate (%)",
                (1, Some(100)),
                |f| u32::from(f.failure_percent),
                |f, n| f.failure_percent = n.min(100) as u8,
            )}
            {toggle(" Time out", |f| f.timeout, |f, on| f.timeout = on)}
            {toggle(" Malformed reply", |f| f.malformed, |f, on| f.malformed = on)}
        </fieldset>
    }
}
