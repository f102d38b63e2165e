//! "Forgot my password?": the username, proofs with registered methods, a new password.
//! The reply looks the same for an unknown username up to the code step.
use crate::backend::api::{BackendError, Field, ResetInput, ResetReply};
use crate::engine::reset::{proof_of, ResetBlock, ResetStep};
use crate::engine::MethodKind;
use crate::ui::calls::{OnError, Work};
use crate::ui::errors::error_text;
use crate::ui::kit::dom::{button, el, submit as submit_button, El};
use crate::ui::kit::{after_render, error_summary, form_message, heading, watch, Look, Watched};
use crate::ui::parts::code_challenge::{code_challenge, method_switch, Act, Challenge, OnAct};
use crate::ui::parts::new_password::{choose_password, PasswordChoice};
use crate::ui::parts::username::username_field;
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
    reply: Watched<Option<ResetReply>>,
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
        self.run(
            Box::pin(async move { backend.send_reset(&reset, seq, input).await }),
            Box::new(move |e| match e {
                // The service took an earlier answer whose reply was lost: show where it stands.
                BackendError::StaleStep { .. } => self.catch_up(id, field, field_error),
                e => self.show(e, field, field_error),
            }),
        );
    }

    /// Shows the reset's current step, or why it could not be read.
    fn catch_up(self, id: String, field: Field, field_error: RwSignal<Option<Message>>) {
        let backend = self.ui.backend();
        self.run(
            Box::pin(async move { backend.current_reset(&id).await }),
            Box::new(move |e| self.show(e, field, field_error)),
        );
    }

    /// Boxed, as `Ui::run_boxed` is, so its task is built once.
    fn run(self, work: Work<ResetReply>, on_error: OnError) {
        self.general.set(None);
        self.ui.run_boxed(
            work,
            Box::new(move |result| match result {
                Ok(r) => {
                    self.reply.try_set(Some(r));
                }
                Err(e) => on_error(e),
            }),
        );
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
    let reset = Reset { ui, reply: Watched::new(None), general: RwSignal::new(None) };
    let current = watch(move || reset.reply.with(part));
    // Each part reads the reply as it needs; only a change of part builds another.
    let shown = move || {
        let part = current.get();
        untrack(|| vec![part_view(reset, part)])
    };
    el("section").class("rg-form").live(shown).child(form_message(ui, reset.general)).into_view()
}

fn part_view(reset: Reset, part: Part) -> El {
    match part {
        Part::Username => ask_username(reset),
        Part::Verify => verify(reset),
        Part::NewPassword => new_password(reset),
        Part::Done => done(reset),
        Part::Blocked => refused(reset),
        Part::Ended => ended(reset),
    }
}

fn ask_username(reset: Reset) -> El {
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
        reset.run(
            Box::pin(async move { backend.start_reset(&username).await }),
            Box::new(move |e| reset.show(e, Field::Username, error)),
        );
    };
    let back = button(Look::Secondary, "").say(ui, Key::CommonBack).on("click", move |_| ui.restart());
    el("form")
        .attr("novalidate", "")
        .on_submit(submit)
        .child(heading(ui, Key::ResetHeading))
        .child(error_summary(ui, vec![("rg-reset-username", error)], None))
        .child(el("p").say(ui, Key::ResetLead))
        .child(username_field(ui, "rg-reset-username", error))
        .child(el("div").class("rg-actions").child(back).child(submit_button(ui, Key::CommonNext)))
}

/// The proof step as the reply tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Proofs {
    offered: Vec<MethodKind>,
    /// How many proofs were accepted so far, of how many the policy asks for.
    proven: usize,
    required: u8,
    failures: u8,
    sent_to: Option<String>,
}

impl Proofs {
    fn of(r: &Option<ResetReply>) -> Proofs {
        match r {
            Some(ResetReply {
                step: ResetStep::Verify { offered, proven, required, failures },
                code_sent_to,
                ..
            }) => Proofs {
                offered: offered.clone(),
                proven: proven.len(),
                required: *required,
                failures: *failures,
                sent_to: code_sent_to.clone(),
            },
            _ => Proofs { offered: vec![], proven: 0, required: 1, failures: 0, sent_to: None },
        }
    }

    /// "Check 1 of 2": the proof asked for now, in the locale's digits.
    fn progress(&self, ui: Ui) -> String {
        let locale = ui.locale.get();
        let now = locale.number((self.proven + 1).min(self.required as usize) as u64);
        ui.tf(Key::ResetProgress, &[("done", &now), ("of", &locale.number(self.required.into()))])
    }
}

fn input(act: Act) -> ResetInput {
    match act {
        Act::SendCode(method) => ResetInput::SendCode { method },
        Act::BeginPasskey => ResetInput::BeginPasskey,
        Act::Code(method, code) => ResetInput::Code { method, code },
    }
}

/// A proof accepted or a wrong code: clears the code and says which; after a proof,
/// offers a method of another kind, as the same kind does not count twice.
fn follow_proofs(proofs: Watched<Proofs>, c: Challenge) {
    let mut seen: Option<(usize, u8)> = None;
    after_render(move || {
        let (proven, failures) = proofs.with(|p| (p.proven, p.failures));
        if let Some((p, f)) = seen {
            if proven > p || failures > f {
                c.code.set(String::new());
            }
            if failures > f {
                c.error.set(Some(Key::ResetWrongCode.into()));
            }
            if proven > p {
                let used = proof_of(c.method.get_untracked());
                let next =
                    proofs.with_untracked(|p| p.offered.iter().copied().find(|m| proof_of(*m) != used));
                if let Some(m) = next {
                    c.method.set(m);
                }
            }
        }
        seen = Some((proven, failures));
    });
}

fn verify(reset: Reset) -> El {
    let ui = reset.ui;
    let proofs = watch(move || reset.reply.with(Proofs::of));
    let first = proofs.with_untracked(|p| p.offered.first().copied()).unwrap_or(MethodKind::AuthenticatorApp);
    let sent_to = watch(move || proofs.with(|p| p.sent_to.clone()));
    let challenge = Challenge::new(first, sent_to, reset.general);
    follow_proofs(proofs, challenge);
    answer_passkey_challenges(reset, challenge.error);
    let act = OnAct::new(move |act| reset.send(input(act), Field::Code, challenge.error));
    let cancel = move |_| reset.send(ResetInput::Cancel, Field::Code, challenge.error);
    let form = el("form")
        .attr("novalidate", "")
        .on_submit(move || challenge.submit(act))
        .child(heading(ui, Key::ResetVerifyHeading))
        .child(error_summary(ui, vec![("rg-reset-code", challenge.error)], None))
        .child(el("p").class("rg-grace").text_live(move || proofs.with(|p| p.progress(ui))))
        .child(method_switch(ui, challenge, Key::RegisterChoose, move || proofs.with(|p| p.offered.clone())));
    let cancel = el("div")
        .class("rg-actions")
        .child(button(Look::Secondary, "").say(ui, Key::CommonCancel).on("click", cancel));
    code_challenge(form, ui, challenge, "rg-reset-code", act).child(cancel)
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

fn new_password(reset: Reset) -> El {
    let ui = reset.ui;
    let flow_id = move || reset.reply.with_untracked(|r| r.as_ref().map(|r| r.flow_id.clone()));
    let submitted = move || reset.reply.with(|r| r.as_ref().and_then(|r| r.verdict.clone()));
    let choice = PasswordChoice::new(ui, flow_id, submitted);
    let submit = move || {
        if let Some((password, confirm)) = choice.typed() {
            reset.send(ResetInput::NewPassword { password, confirm }, Field::NewPassword, choice.new_error);
        }
    };
    let summary = vec![("rg-new-password", choice.new_error), ("rg-confirm-password", choice.confirm_error)];
    let form = el("form")
        .attr("novalidate", "")
        .on_submit(submit)
        .child(heading(ui, Key::ResetPasswordHeading))
        .child(error_summary(ui, summary, None));
    choose_password(form, ui, choice)
        .child(el("div").class("rg-actions").child(submit_button(ui, Key::PasswordSubmit)))
}

fn done(reset: Reset) -> El {
    let ui = reset.ui;
    let (unlocked, remediated) = reset.reply.with_untracked(|r| match r.as_ref().map(|r| &r.step) {
        Some(ResetStep::Done { unlocked, remediation }) => (*unlocked, remediation.is_some()),
        _ => (false, false),
    });
    el("div")
        .class("rg-success")
        .child(heading(ui, Key::ResetDoneHeading))
        .child(el("p").say(ui, Key::ResetDoneLead))
        .maybe(unlocked.then(|| el("p").say(ui, Key::ResetDoneUnlocked)))
        .maybe(remediated.then(|| el("p").say(ui, Key::RemediationUser)))
        .child(start_again(ui, Key::SigninSubmit))
}

/// The reset's way out: back to the start of sign-in.
fn start_again(ui: Ui, label: Key) -> El {
    let again = button(Look::Primary, "").say(ui, label).on("click", move |_| ui.restart());
    el("div").class("rg-actions").child(again)
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

fn refused(reset: Reset) -> El {
    let ui = reset.ui;
    let reason = reset.reply.with_untracked(|r| match r.as_ref().map(|r| &r.step) {
        Some(ResetStep::Blocked { reason }) => *reason,
        _ => ResetBlock::UserRiskPolicyBlocks,
    });
    el("div")
        .class("rg-blocked")
        .child(heading(ui, Key::ResetBlockedHeading))
        .child(el("p").class("rg-reason").say(ui, block_key(reason)))
        .child(start_again(ui, Key::CommonStartOver))
}

fn ended(reset: Reset) -> El {
    el("div").child(heading(reset.ui, Key::ResetCancelled)).child(start_again(reset.ui, Key::CommonStartOver))
}
