//! The MFA challenge: a code from the app, one sent by text or call, or a passkey;
//! switch method, resend, or say none of them can be used.
use crate::backend::api::Field;
use crate::backend::Input;
use crate::engine::flow::MAX_MFA_FAILURES;
use crate::engine::{MethodKind, PolicyKind, Step};
use crate::ui::errors::show_error;
use crate::ui::kit::dom::{button, el, El};
use crate::ui::kit::{after_render, error_summary, heading, watch, Look};
use crate::ui::parts::code_challenge::{code_challenge, method_switch, Act, Challenge, OnAct};
use crate::ui::parts::identity::identity_chip;
use crate::ui::passkey;
use crate::ui::text::{Arg, Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

// account.rs and admin.rs name it here.

/// What the challenge step asks, read once when the screen is built.
#[derive(Default)]
struct Asked {
    methods: Vec<MethodKind>,
    /// Why only a passkey will do here, when a policy says so.
    passkey_only: Option<Key>,
    /// Why the challenge is asked, when the screen cannot tell by itself: a signed-in
    /// person proving themselves again (step-up).
    reason: Option<Key>,
}

fn asked(step: &Step) -> Asked {
    let Step::MfaChallenge { methods, phishing_resistant, why, .. } = step else {
        return Asked::default();
    };
    let passkey_only = phishing_resistant.then_some(match why.policy {
        PolicyKind::UserRisk => Key::MfaPasskeyRequiredUserRisk,
        _ => Key::MfaPasskeyRequiredSignInRisk,
    });
    let reason = (why.policy == PolicyKind::StepUp).then_some(Key::MfaStepUpLead);
    Asked { methods: methods.clone(), passkey_only, reason }
}

fn failures(step: &Step) -> u8 {
    match step {
        Step::MfaChallenge { failures, .. } => *failures,
        _ => 0,
    }
}

/// The method offered first: a passkey when there is one and the browser can use it.
fn first_method(methods: &[MethodKind]) -> MethodKind {
    if methods.contains(&MethodKind::Passkey) && passkey::available() {
        return MethodKind::Passkey;
    }
    methods
        .iter()
        .copied()
        .find(|m| *m != MethodKind::Passkey)
        .or(methods.first().copied())
        .unwrap_or(MethodKind::AuthenticatorApp)
}

/// Sends `input` for the challenge; an error about the code goes next to its field.
fn send(ui: Ui, c: Challenge, input: Input) {
    c.general.set(None);
    ui.send(input, move |e| show_error(e, Field::Code, c.error, c.general));
}

fn input(act: Act) -> Input {
    match act {
        Act::SendCode(method) => Input::SendCode { method },
        Act::BeginPasskey => Input::BeginPasskey,
        Act::Code(method, code) => Input::Code { method, code },
    }
}

/// A wrong code comes back as the same step with one more failure: the code is
/// cleared, and the field says how many tries are left.
fn count_wrong_codes(ui: Ui, c: Challenge) {
    let mut seen: Option<u8> = None;
    after_render(move || {
        let now = ui.with_reply(|r| failures(&r.step));
        if seen.is_some_and(|s| now > s) {
            c.code.set(String::new());
            let left = Arg::Number((MAX_MFA_FAILURES - now) as u64);
            c.error.set(Some(Message::from(Key::MfaWrong).with("left", left)));
        }
        seen = Some(now);
    });
}

#[component]
pub fn Mfa() -> impl IntoView {
    let ui = use_ui();
    let Asked { methods, passkey_only, reason } = ui.reply_now(|r| asked(&r.step));
    let general = RwSignal::new(None);
    let sent_to = watch(move || ui.with_reply(|r| r.code_sent_to.clone()));
    let challenge = Challenge::new(first_method(&methods), sent_to, general);
    count_wrong_codes(ui, challenge);
    passkey::answer_challenges(ui, general);
    let act = OnAct::new(move |act| send(ui, challenge, input(act)));
    let passkey_only =
        passkey_only.map(|key| el("p").class("rg-warning rg-passkey-only").attr("role", "note").say(ui, key));
    let form = el("form")
        .class("rg-form")
        .attr("novalidate", "")
        .on_submit(move || challenge.submit(act))
        .child(heading(ui, Key::MfaHeading))
        .maybe(identity_chip(ui))
        .child(error_summary(ui, vec![("rg-code", challenge.error)], Some(general)))
        .maybe(reason.map(|key| el("p").class("rg-step-up-lead").say(ui, key)))
        .maybe(passkey_only);
    let mut form = code_challenge(form, ui, challenge, "rg-code", act);
    if methods.len() > 1 {
        form = form.child(method_switch(ui, challenge, Key::MfaSwitch, move || methods.clone()));
    }
    cant_use(form, ui, challenge).into_view()
}

/// "I can't use any of these": help that opens below it, and a way to cancel.
fn cant_use(form: El, ui: Ui, c: Challenge) -> El {
    let open = RwSignal::new(false);
    let toggle = button(Look::Link, "")
        .attr_live("aria-expanded", move || Some(open.get().to_string()))
        .say(ui, Key::MfaCantUse)
        .on("click", move |_| open.update(|v| *v = !*v));
    let help = move || {
        let cancel = button(Look::Secondary, "")
            .say(ui, Key::CommonCancel)
            .on("click", move |_| send(ui, c, Input::Cancel));
        vec![el("div").class("rg-help").child(el("p").say(ui, Key::MfaCantUseHelp)).child(cancel)]
    };
    form.child(toggle).show_when(move || open.get(), help)
}
