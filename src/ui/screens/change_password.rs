//! A forced password change: after a temporary password, or to clear user risk.
use crate::backend::api::Field;
use crate::backend::{BackendError, Input};
use crate::engine::password::{Rejection, Verdict};
use crate::engine::{PasswordReason, Step};
use crate::ui::errors::{error_text, show_error};
use crate::ui::kit::{effect, on_submit, FormMessage, Heading, TextField};
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;
use std::time::Duration;

/// Live feedback waits for a pause in typing this long before asking the backend.
const FEEDBACK_AFTER: Duration = Duration::from_millis(250);

/// Why a candidate was refused, without repeating any of it.
pub fn rejection_text(ui: crate::ui::Ui, r: Rejection) -> String {
    match r {
        Rejection::Empty => ui.t(Key::PasswordRuleEmpty).into(),
        Rejection::TooShort { min } => {
            ui.tf(Key::PasswordRuleTooShort, &[("min", &ui.locale.get().number(min as u64))])
        }
        Rejection::TooLong { max } => {
            ui.tf(Key::PasswordRuleTooLong, &[("max", &ui.locale.get().number(max as u64))])
        }
        Rejection::SameAsCurrent => ui.t(Key::PasswordRuleSameAsCurrent).into(),
        Rejection::Weak { .. } => ui.t(Key::PasswordRuleWeak).into(),
        Rejection::ContainsPersonalInfo => ui.t(Key::PasswordRuleContainsPersonalInfo).into(),
    }
}

/// What the rule list shows: the latest verdict, or the backend's error for the last
/// check (a text key, and whether it refused the candidate itself rather than failing
/// to check it), and a ticket counter.
#[derive(Clone, Copy)]
pub struct Feedback {
    pub verdict: RwSignal<Option<Verdict>>,
    pub failed: RwSignal<Option<(Key, bool)>>,
    /// A submit bumps this so its own answer wins over any check still on its way.
    pub asked: StoredValue<u64>,
}

/// Password protection's verdict on what is typed in `new`, asked of the backend for
/// flow `flow_id` after a pause, or the verdict that came back with a refused submit
/// (`submitted`), whichever is newer.
pub fn live_feedback(
    ui: Ui,
    new: RwSignal<String>,
    flow_id: impl Fn() -> Option<String> + Copy + 'static,
    submitted: impl Fn() -> Option<Verdict> + 'static,
) -> Feedback {
    let feedback = RwSignal::new(None::<Verdict>);
    let failed = RwSignal::new(None::<(Key, bool)>);
    let asked = StoredValue::new(0u64);
    Effect::new(effect(move |_| {
        if let Some(v) = submitted() {
            feedback.set(Some(v));
            failed.set(None);
        }
    }));
    Effect::new(move |first: Option<()>| {
        let candidate = new.get();
        if first.is_none() {
            return; // nothing typed yet
        }
        let ticket = asked.get_value() + 1;
        asked.set_value(ticket);
        if candidate.is_empty() {
            feedback.set(None);
            return;
        }
        // An answer for an older keystroke is dropped, so a slow one can't overwrite a newer one.
        let current = move || asked.try_get_value() == Some(ticket);
        set_timeout(
            move || {
                let Some(id) = flow_id().filter(|_| current()) else { return };
                ui.check_password(id, candidate, move |verdict| match (current(), verdict) {
                    (false, _) => {}
                    (true, Ok(v)) => {
                        feedback.try_set(Some(v));
                        failed.try_set(None);
                    }
                    (true, Err(e)) => {
                        feedback.try_set(None);
                        // Too long is refused before any check: a rule, not a failure.
                        let refused =
                            matches!(e, BackendError::InvalidInput { field: Field::NewPassword, .. });
                        failed.try_set(Some((error_text(&e).1, refused)));
                    }
                });
            },
            FEEDBACK_AFTER,
        );
    });
    Feedback { verdict: feedback, failed, asked }
}

/// Checks, before anything is sent, that a new password was typed and typed the same
/// twice; says what is wrong next to the field.
pub fn typed_twice(
    new: RwSignal<String>,
    confirm: RwSignal<String>,
    new_error: RwSignal<Option<Message>>,
    confirm_error: RwSignal<Option<Message>>,
) -> bool {
    new_error.set(None);
    confirm_error.set(None);
    if new.with_untracked(String::is_empty) {
        new_error.set(Some(Key::ErrorNewPasswordEmpty.into()));
        return false;
    }
    if new.get_untracked() != confirm.get_untracked() {
        confirm_error.set(Some(Key::ErrorConfirmMismatch.into()));
        return false;
    }
    true
}

/// The rule list: why a candidate is refused, that it meets the requirements, or why it
/// could not be checked.
pub fn feedback_lines(ui: Ui, feedback: Feedback) -> Vec<AnyView> {
    if let Some((key, refused)) = feedback.failed.get() {
        let text = match refused {
            true => ui.t(key).to_string(),
            false => format!("{} {}", ui.t(key), ui.t(Key::PasswordCheckFailed)),
        };
        return vec![view! { <li class="rg-error">{text}</li> }.into_any()];
    }
    match feedback.verdict.get() {
        None => vec![],
        Some(v) if v.accepted() => vec![view! { <li class="rg-ok">{ui.t(Key::PasswordOk)}</li> }.into_any()],
        Some(v) => {
            v.rejections.into_iter().map(|r| view! { <li>{rejection_text(ui, r)}</li> }.into_any()).collect()
        }
    }
}

#[component]
pub fn ChangePassword() -> impl IntoView {
    let ui = use_ui();
    let reason = ui.reply_now(|r| match r.step {
        Step::ChangePassword { reason, .. } => Some(reason),
        _ => None,
    });
    let (heading, lead) = match reason {
        Some(PasswordReason::TemporaryPassword) => {
            (Key::PasswordHeadingTemporaryPassword, Key::PasswordLeadTemporaryPassword)
        }
        _ => (Key::PasswordHeadingUserRisk, Key::PasswordLeadUserRisk),
    };
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let new_error = RwSignal::new(None);
    let confirm_error = RwSignal::new(None);
    let general = RwSignal::new(None);
    // `try_`: a check still on its way when the component is unmounted finds nothing.
    let flow_id = move || ui.reply.try_with_untracked(|r| r.as_ref().map(|r| r.flow_id.clone())).flatten();
    let submitted = move || ui.reply.with(|r| r.as_ref().and_then(|r| r.verdict.clone()));
    let feedback = live_feedback(ui, new, flow_id, submitted);
    let lines = move || feedback_lines(ui, feedback);
    let submit = move || {
        general.set(None);
        if !typed_twice(new, confirm, new_error, confirm_error) {
            return;
        }
        feedback.asked.update_value(|n| *n += 1); // the answer to this submit wins over any pending check
        let input = Input::NewPassword { password: new.get_untracked(), confirm: confirm.get_untracked() };
        ui.send(input, move |e| {
            if matches!(e, BackendError::InvalidInput { field: Field::Confirm, .. }) {
                show_error(e, Field::Confirm, confirm_error, general)
            } else {
                show_error(e, Field::NewPassword, new_error, general)
            }
        });
    };
    view! {
        <form class="rg-form" novalidate on:submit=on_submit(submit)>
            <Heading key=heading />
            <p>{ui.text(lead)}</p>
            <TextField
                id="rg-new-password"
                label=Key::PasswordNew
                kind="password"
                autocomplete="new-password"
                value=new
                error=new_error
            />
            <ul class="rg-rules" aria-live="polite">
                {lines}
            </ul>
            <TextField
                id="rg-confirm-password"
                label=Key::PasswordConfirm
                kind="password"
                autocomplete="new-password"
                value=confirm
                error=confirm_error
            />
            <FormMessage message=general />
            <div class="rg-actions">
                <button type="submit" class="rg-primary" disabled=ui.pending>
                    {ui.text(Key::PasswordSubmit)}
                </button>
            </div>
        </form>
    }
}
