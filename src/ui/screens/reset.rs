//! "Forgot my password?": the username, proofs with registered methods, a new password.
//! The reply looks the same for an unknown username up to the code step.
use super::change_password::{feedback_lines, live_feedback, typed_twice};
use super::mfa::method_key;
use crate::backend::api::{BackendError, Field, ResetInput, ResetReply};
use crate::engine::reset::{ResetBlock, ResetStep};
use crate::engine::MethodKind;
use crate::ui::errors::error_text;
use crate::ui::kit::{code_typed, live_view, on_submit, Button, FormMessage, Heading, Look, TextField, When};
use crate::ui::passkey;
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// Which part of the reset is on screen; it changes only when the step's kind does,
/// so a wrong code or a rejected password keeps what was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Username,
    Verify,
    NewPassword,
    Done,
    Blocked,
    Ended,
}

fn part(reply: &Option<ResetReply>) -> Part {
    match reply.as_ref().map(|r| &r.step) {
        None => Part::Username,
        Some(ResetStep::Verify { .. }) => Part::Verify,
        Some(ResetStep::NewPassword { .. }) => Part::NewPassword,
        Some(ResetStep::Done { .. }) => Part::Done,
        Some(ResetStep::Blocked { .. }) => Part::Blocked,
        Some(_) => Part::Ended,
    }
}

/// The reset's own state, shared by its parts.
#[derive(Clone, Copy)]
struct Reset {
    ui: Ui,
    reply: RwSignal<Option<ResetReply>>,
    general: RwSignal<Option<Message>>,
}

impl Reset {
    /// Sends `input`; a field error goes to `field_error` when it names `field`.
    fn send(self, input: ResetInput, field: Field, field_error: RwSignal<Option<Message>>) {
        let Some((id, seq)) = self.reply.with_untracked(|r| r.as_ref().map(|r| (r.flow_id.clone(), r.seq)))
        else {
            return;
        };
        let backend = self.ui.backend();
        let reset = id.clone();
        self.run(async move { backend.send_reset(&reset, seq, input).await }, move |e| match e {
            // The service took an earlier answer whose reply was lost: show where it stands.
            BackendError::StaleStep { .. } => self.catch_up(id, field, field_error),
            e => self.show(e, field, field_error),
        });
    }

    /// Shows the reset's current step, or why it could not be read.
    fn catch_up(self, id: String, field: Field, field_error: RwSignal<Option<Message>>) {
        let backend = self.ui.backend();
        self.run(async move { backend.current_reset(&id).await }, move |e| self.show(e, field, field_error));
    }

    fn run(
        self,
        work: impl std::future::Future<Output = Result<ResetReply, BackendError>> + 'static,
        on_error: impl FnOnce(BackendError) + 'static,
    ) {
        self.general.set(None);
        self.ui.run(work, move |result| match result {
            Ok(r) => {
                self.reply.try_set(Some(r));
            }
            Err(e) => on_error(e),
        });
    }

    fn show(self, e: BackendError, field: Field, field_error: RwSignal<Option<Message>>) {
        let key = match e {
            BackendError::FlowExpired | BackendError::UnknownFlow => Key::ResetExpired,
            _ => error_text(&e).1,
        };
        let at_field = matches!(e, BackendError::InvalidInput { field: f, .. } if f == field);
        let slot = if at_field { field_error } else { self.general };
        slot.try_set(Some(key.into()));
        if matches!(e, BackendError::FlowExpired | BackendError::UnknownFlow) {
            self.reply.try_set(None); // back to the start, username kept
        }
    }
}

#[component]
pub fn ForgotPassword() -> impl IntoView {
    let ui = use_ui();
    let reset = Reset { ui, reply: RwSignal::new(None), general: RwSignal::new(None) };
    let current = Memo::new(move |_| reset.reply.with(part));
    view! {
        <section class="rg-form">
            {live_view(move || match current.get() {
                Part::Username => view! { <AskUsername reset /> }.into_any(),
                Part::Verify => view! { <Verify reset /> }.into_any(),
                Part::NewPassword => view! { <NewPassword reset /> }.into_any(),
                Part::Done => view! { <Done reset /> }.into_any(),
                Part::Blocked => view! { <Refused reset /> }.into_any(),
                Part::Ended => view! { <Ended reset /> }.into_any(),
            })} <FormMessage message=reset.general />
        </section>
    }
}

#[component]
fn AskUsername(reset: Reset) -> impl IntoView {
    let ui = reset.ui;
    let error = RwSignal::new(None);
    let submit = move || {
        let username = ui.username.get_untracked();
        if username.trim().is_empty() {
            error.set(Some(Key::ErrorUsernameEmpty.into()));
            return;
        }
        error.set(None);
        let backend = ui.backend();
        reset.run(async move { backend.start_reset(&username).await }, move |e| {
            reset.show(e, Field::Username, error)
        });
    };
    view! {
        <form novalidate on:submit=on_submit(submit)>
            <Heading key=Key::ResetHeading />
            <p>{ui.text(Key::ResetLead)}</p>
            <TextField
                id="rg-reset-username"
                label=Key::SigninUsername
                autocomplete="username"
                value=ui.username
                error
            />
            <div class="rg-actions">
                <Button on_click=move |_| ui.restart() label=Key::CommonBack />
                <button type="submit" class="rg-primary" disabled=ui.pending>
                    {ui.text(Key::CommonNext)}
                </button>
            </div>
        </form>
    }
}

fn verify_state(r: &Option<ResetReply>) -> (Vec<MethodKind>, usize, u8, u8, Option<String>) {
    match r {
        Some(ResetReply {
            step: ResetStep::Verify { offered, proven, required, failures },
            code_sent_to,
            ..
        }) => (offered.clone(), proven.len(), *required, *failures, code_sent_to.clone()),
        _ => (vec![], 0, 1, 0, None),
    }
}

#[component]
fn Verify(reset: Reset) -> impl IntoView {
    let ui = reset.ui;
    let state = Memo::new(move |_| reset.reply.with(verify_state));
    let method =
        RwSignal::new(state.get_untracked().0.first().copied().unwrap_or(MethodKind::AuthenticatorApp));
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    // A proof accepted or a wrong code: clear the code and say which.
    Effect::new(move |seen: Option<(usize, u8)>| {
        let (_, proven, _, failures, _) = state.get();
        if let Some((p, f)) = seen {
            if proven > p || failures > f {
                code.set(String::new());
            }
            if failures > f {
                error.set(Some(Key::ResetWrongCode.into()));
            }
            if proven > p {
                // The same kind of proof does not count twice: offer another.
                let used = method.get_untracked();
                let next = state
                    .get_untracked()
                    .0
                    .into_iter()
                    .find(|m| crate::engine::reset::proof_of(*m) != crate::engine::reset::proof_of(used));
                if let Some(m) = next {
                    method.set(m);
                }
            }
        }
        (proven, failures)
    });
    let submit = move || {
        if !code_typed(code, error) {
            return;
        }
        reset.send(
            ResetInput::Code { method: method.get_untracked(), code: code.get_untracked() },
            Field::Code,
            error,
        );
    };
    let send_code =
        move |_| reset.send(ResetInput::SendCode { method: method.get_untracked() }, Field::Code, error);
    let progress = move || {
        let (_, proven, required, _, _) = state.get();
        ui.tf(
            Key::ResetProgress,
            &[("done", &(proven + 1).min(required as usize).to_string()), ("of", &required.to_string())],
        )
    };
    let by_passkey = move || method.get() == MethodKind::Passkey;
    answer_passkey_challenges(reset, error);
    // The code field is hidden for a passkey: its messages are the form's.
    let use_passkey = move |_| {
        if !passkey::available() {
            reset.general.set(Some(passkey::Failure::Unavailable.key().into()));
            return;
        }
        reset.send(ResetInput::BeginPasskey, Field::Code, error);
    };
    let lead = move || match (method.get(), state.get().4) {
        (MethodKind::AuthenticatorApp, _) => ui.t(Key::MfaAppLead).to_string(),
        (MethodKind::Passkey, _) => ui.t(Key::MfaPasskeyLead).to_string(),
        (_, Some(to)) => ui.tf(Key::MfaSent, &[("phone", &to)]),
        _ => ui.t(Key::MfaPhoneLead).to_string(),
    };
    view! {
        <form novalidate on:submit=on_submit(submit)>
            <Heading key=Key::ResetVerifyHeading />
            <p class="rg-grace">{progress}</p>
            <fieldset class="rg-methods">
                <legend>{ui.text(Key::RegisterChoose)}</legend>
                {live_view(move || {
                    state
                        .get()
                        .0
                        .into_iter()
                        .map(|m| {
                            view! {
                                <Button
                                    look=Look::Link
                                    attr:aria-pressed=move || (method.get() == m).to_string()
                                    on_click=move |_| {
                                        method.set(m);
                                        error.set(None);
                                    }
                                >
                                    {ui.text(method_key(m))}
                                </Button>
                            }
                        })
                        .collect_view()
                })}
            </fieldset>
            <p>{lead}</p>
            <When when=move || method.get().is_phone()>
                <Button on_click=send_code>
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
            <When when=move || !by_passkey()>
                <TextField
                    id="rg-reset-code"
                    label=Key::MfaCode
                    autocomplete="one-time-code"
                    inputmode="numeric"
                    value=code
                    error
                />
            </When>
            <div class="rg-actions">
                <Button
                    on_click=move |_| reset.send(ResetInput::Cancel, Field::Code, error)
                    label=Key::CommonCancel
                />
                <When
                    when=by_passkey
                    fallback=move || {
                        view! {
                            <button type="submit" class="rg-primary" disabled=ui.pending>
                                {ui.text(Key::CommonVerify)}
                            </button>
                        }
                    }
                >
                    <Button
                        look=Look::Primary
                        class="rg-use-passkey"
                        disabled=ui.pending
                        on_click=use_passkey
                        label=Key::MfaPasskeyUse
                    />
                </When>
            </div>
        </form>
    }
}

/// Whenever a reply hands out a passkey challenge, asks the browser and sends back its
/// answer; a refusal or a closed prompt is the form's message.
fn answer_passkey_challenges(reset: Reset, error: RwSignal<Option<Message>>) {
    passkey::each_challenge(
        move || reset.reply.with(|r| r.as_ref().and_then(|r| r.passkey.clone())),
        move |options| async move {
            match passkey::get(&options).await {
                Ok(answer) => reset.send(ResetInput::PasskeyAssertion(answer), Field::Code, error),
                Err(f) => {
                    reset.general.try_set(Some(f.key().into()));
                }
            }
        },
    );
}

#[component]
fn NewPassword(reset: Reset) -> impl IntoView {
    let ui = reset.ui;
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let new_error = RwSignal::new(None);
    let confirm_error = RwSignal::new(None);
    let flow_id = move || reset.reply.with_untracked(|r| r.as_ref().map(|r| r.flow_id.clone()));
    let submitted = move || reset.reply.with(|r| r.as_ref().and_then(|r| r.verdict.clone()));
    let feedback = live_feedback(ui, new, flow_id, submitted);
    let submit = move || {
        if !typed_twice(new, confirm, new_error, confirm_error) {
            return;
        }
        feedback.asked.update_value(|n| *n += 1); // the answer to this submit wins over any pending check
        let input =
            ResetInput::NewPassword { password: new.get_untracked(), confirm: confirm.get_untracked() };
        reset.send(input, Field::NewPassword, new_error);
    };
    view! {
        <form novalidate on:submit=on_submit(submit)>
            <Heading key=Key::ResetPasswordHeading />
            <TextField
                id="rg-new-password"
                label=Key::PasswordNew
                kind="password"
                autocomplete="new-password"
                value=new
                error=new_error
            />
            <ul class="rg-rules" aria-live="polite">
                {live_view(move || feedback_lines(ui, feedback))}
            </ul>
            <TextField
                id="rg-confirm-password"
                label=Key::PasswordConfirm
                kind="password"
                autocomplete="new-password"
                value=confirm
                error=confirm_error
            />
            <div class="rg-actions">
                <button type="submit" class="rg-primary" disabled=ui.pending>
                    {ui.text(Key::PasswordSubmit)}
                </button>
            </div>
        </form>
    }
}

#[component]
fn Done(reset: Reset) -> impl IntoView {
    let ui = reset.ui;
    let (unlocked, remediated) = reset.reply.with_untracked(|r| match r.as_ref().map(|r| &r.step) {
        Some(ResetStep::Done { unlocked, remediation }) => (*unlocked, remediation.is_some()),
        _ => (false, false),
    });
    view! {
        <div class="rg-success">
            <Heading key=Key::ResetDoneHeading />
            <p>{ui.text(Key::ResetDoneLead)}</p>
            <When when=move || unlocked>
                <p>{ui.text(Key::ResetDoneUnlocked)}</p>
            </When>
            <When when=move || remediated>
                <p>{ui.text(Key::RemediationUser)}</p>
            </When>
            <div class="rg-actions">
                <Button look=Look::Primary on_click=move |_| ui.restart() label=Key::SigninSubmit />
            </div>
        </div>
    }
}

fn block_key(reason: ResetBlock) -> Key {
    match reason {
        ResetBlock::NotEnabled => Key::ResetBlockedNotEnabled,
        ResetBlock::Disabled => Key::BlockedDisabled,
        ResetBlock::TooFewMethods => Key::ResetBlockedTooFewMethods,
        ResetBlock::UserRiskPolicyBlocks => Key::BlockedUserRisk,
        ResetBlock::TooManyFailedCodes => Key::BlockedTooManyFailedCodes,
        ResetBlock::HomeTenantMustRemediate => Key::BlockedHomeTenantMustRemediate,
    }
}

#[component]
fn Refused(reset: Reset) -> impl IntoView {
    let ui = reset.ui;
    let reason = reset.reply.with_untracked(|r| match r.as_ref().map(|r| &r.step) {
        Some(ResetStep::Blocked { reason }) => *reason,
        _ => ResetBlock::UserRiskPolicyBlocks,
    });
    view! {
        <div class="rg-blocked">
            <Heading key=Key::ResetBlockedHeading />
            <p class="rg-reason">{ui.text(block_key(reason))}</p>
            <div class="rg-actions">
                <Button look=Look::Primary on_click=move |_| ui.restart() label=Key::CommonStartOver />
            </div>
        </div>
    }
}

#[component]
fn Ended(reset: Reset) -> impl IntoView {
    let ui = reset.ui;
    view! {
        <div>
            <Heading key=Key::ResetCancelled />
            <div class="rg-actions">
                <Button look=Look::Primary on_click=move |_| ui.restart() label=Key::CommonStartOver />
            </div>
        </div>
    }
}
