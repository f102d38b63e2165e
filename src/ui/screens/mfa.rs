//! The MFA challenge: a code from the app, one sent by text or call, or a passkey;
//! switch method, resend, or say none of them can be used.
use crate::backend::api::Field;
use crate::backend::Input;
use crate::engine::flow::MAX_MFA_FAILURES;
use crate::engine::{MethodKind, PolicyKind, Step};
use crate::ui::errors::show_error;
use crate::ui::kit::{code_typed, on_submit, Button, FormMessage, Heading, Look, TextField, When};
use crate::ui::passkey;
use crate::ui::text::{Arg, Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;

pub fn method_key(m: MethodKind) -> Key {
    match m {
        MethodKind::AuthenticatorApp => Key::MethodAuthenticatorApp,
        MethodKind::Sms => Key::MethodSms,
        MethodKind::Voice => Key::MethodVoice,
        MethodKind::Passkey => Key::MethodPasskey,
    }
}

fn challenge(step: &Step) -> (Vec<MethodKind>, u8) {
    match step {
        Step::MfaChallenge { methods, failures, .. } => (methods.clone(), *failures),
        _ => (vec![], 0),
    }
}

/// Why only a passkey will do here, when a policy says so.
fn passkey_only_key(step: &Step) -> Option<Key> {
    match step {
        Step::MfaChallenge { phishing_resistant: true, why, .. } => Some(match why.policy {
            PolicyKind::UserRisk => Key::MfaPasskeyRequiredUserRisk,
            _ => Key::MfaPasskeyRequiredSignInRisk,
        }),
        _ => None,
    }
}

/// Why the challenge is asked, when the screen cannot tell by itself: a signed-in
/// person proving themselves again (step-up).
fn reason_key(step: &Step) -> Option<Key> {
    match step {
        Step::MfaChallenge { why, .. } if why.policy == PolicyKind::StepUp => Some(Key::MfaStepUpLead),
        _ => None,
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

#[component]
pub fn Mfa() -> impl IntoView {
    let ui = use_ui();
    let methods = ui.reply_now(|r| challenge(&r.step).0);
    let method = RwSignal::new(first_method(&methods));
    let passkey_only = ui.reply_now(|r| passkey_only_key(&r.step));
    let reason = ui.reply_now(|r| reason_key(&r.step));
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    let general = RwSignal::new(None);
    let cant_use = RwSignal::new(false);
    let failures = Memo::new(move |_| ui.with_reply(|r| challenge(&r.step).1));
    let sent_to = Memo::new(move |_| ui.with_reply(|r| r.code_sent_to.clone()));

    // A wrong code comes back as the same step with one more failure.
    Effect::new(move |seen: Option<u8>| {
        let now = failures.get();
        if seen.is_some_and(|s| now > s) {
            code.set(String::new());
            let left = Arg::Number((MAX_MFA_FAILURES - now) as u64);
            error.set(Some(Message::from(Key::MfaWrong).with("left", left)));
        }
        now
    });

    let send = move |input| {
        general.set(None);
        ui.send(input, move |e| show_error(e, Field::Code, error, general));
    };
    let submit = move || {
        if !code_typed(code, error) {
            return;
        }
        send(Input::Code { method: method.get_untracked(), code: code.get_untracked() });
    };
    let needs_sending = move || method.get().is_phone() && sent_to.get().is_none();
    let by_passkey = move || method.get() == MethodKind::Passkey;
    let others = methods.clone();
    passkey::answer_challenges(ui, general);
    let use_passkey = move |_| {
        if !passkey::available() {
            general.set(Some(passkey::Failure::Unavailable.key().into()));
            return;
        }
        send(Input::BeginPasskey);
    };

    view! {
        <form class="rg-form" novalidate on:submit=on_submit(submit)>
            <Heading key=Key::MfaHeading />
            {reason.map(|key| view! { <p class="rg-step-up-lead">{ui.text(key)}</p> })}
            {passkey_only
                .map(|key| {
                    view! {
                        <p class="rg-warning rg-passkey-only" role="note">
                            {ui.text(key)}
                        </p>
                    }
                })}
            <p>
                {move || {
                    if method.get() == MethodKind::Passkey {
                        ui.t(Key::MfaPasskeyLead).to_string()
                    } else if method.get() == MethodKind::AuthenticatorApp {
                        ui.t(Key::MfaAppLead).to_string()
                    } else if let Some(to) = sent_to.get() {
                        ui.tf(Key::MfaSent, &[("phone", &to)])
                    } else {
                        ui.t(Key::MfaPhoneLead).to_string()
                    }
                }}
            </p>
            <When when=needs_sending>
                <Button
                    look=Look::Primary
                    on_click=move |_| send(Input::SendCode {
                        method: method.get_untracked(),
                    })
                >
                    {move || {
                        ui.t(
                            if method.get() == MethodKind::Voice {
                                Key::MfaSendCall
                            } else {
                                Key::MfaSendText
                            },
                        )
                    }}
                </Button>
            </When>
            <When when=by_passkey>
                <div class="rg-actions">
                    <Button
                        look=Look::Primary
                        class="rg-use-passkey"
                        disabled=ui.pending
                        on_click=use_passkey
                        label=Key::MfaPasskeyUse
                    />
                </div>
            </When>
            <When when=move || !needs_sending() && !by_passkey()>
                <TextField
                    id="rg-code"
                    label=Key::MfaCode
                    autocomplete="one-time-code"
                    inputmode="numeric"
                    value=code
                    error
                />
                <div class="rg-actions">
                    <When when=move || method.get().is_phone()>
                        <Button
                            look=Look::Link
                            on_click=move |_| send(Input::SendCode {
                                method: method.get_untracked(),
                            })
                        >
                            {ui.text(Key::MfaResend)}
                        </Button>
                    </When>
                    <button type="submit" class="rg-primary" disabled=ui.pending>
                        {ui.text(Key::CommonVerify)}
                    </button>
                </div>
            </When>
            <FormMessage message=general />
            <When when=move || { others.len() > 1 }>
                <fieldset class="rg-methods">
                    <legend>{ui.text(Key::MfaSwitch)}</legend>
                    {methods
                        .clone()
                        .into_iter()
                        .map(|m| {
                            view! {
                                <Button
                                    look=Look::Link
                                    attr:aria-pressed=move || if method.get() == m { "true" } else { "false" }
                                    on_click=move |_| {
                                        method.set(m);
                                        error.set(None);
                                        general.set(None);
                                    }
                                >
                                    {ui.text(method_key(m))}
                                </Button>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </When>
            <Button
                look=Look::Link
                attr:aria-expanded=move || cant_use.get().to_string()
                on_click=move |_| cant_use.update(|v| *v = !*v)
                label=Key::MfaCantUse
            />
            <When when=move || cant_use.get()>
                <div class="rg-help">
                    <p>{ui.text(Key::MfaCantUseHelp)}</p>
                    <Button on_click=move |_| send(Input::Cancel) label=Key::CommonCancel />
                </div>
            </When>
        </form>
    }
}
