//! A new password typed twice, with password protection's live feedback between the
//! fields: the forced change and the reset's last step choose one the same way.
use crate::backend::api::Field;
use crate::backend::BackendError;
use crate::engine::password::{Rejection, Verdict};
use crate::ui::errors::error_text;
use crate::ui::kit::dom::{el, El};
use crate::ui::kit::{after_render, text_field, FieldSpec, Watched};
use crate::ui::text::{Key, Message};
use crate::ui::Ui;
use leptos::prelude::*;
use std::time::Duration;

/// Live feedback waits for a pause in typing this long before asking the backend.
const FEEDBACK_AFTER: Duration = Duration::from_millis(250);

/// Why a candidate was refused, without repeating any of it.
fn rejection_text(ui: Ui, r: Rejection) -> String {
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
struct Feedback {
    verdict: Watched<Option<Verdict>>,
    failed: Watched<Option<(Key, bool)>>,
    /// A submit bumps this so its own answer wins over any check still on its way.
    asked: Watched<u64>,
}

/// Password protection's verdict on what is typed in `new`, asked of the backend for
/// flow `flow_id` after a pause, or the verdict that came back with a refused submit
/// (`submitted`), whichever is newer.
fn live_feedback(
    ui: Ui,
    new: RwSignal<String>,
    flow_id: impl Fn() -> Option<String> + Copy + 'static,
    submitted: impl Fn() -> Option<Verdict> + 'static,
) -> Feedback {
    let feedback = Watched::new(None::<Verdict>);
    let failed = Watched::new(None::<(Key, bool)>);
    let asked = Watched::new(0u64);
    after_render(move || {
        if let Some(v) = submitted() {
            feedback.set(Some(v));
            failed.set(None);
        }
    });
    let mut typed = false;
    after_render(move || {
        let candidate = new.get();
        if !std::mem::replace(&mut typed, true) {
            return; // nothing typed yet
        }
        let ticket = asked.get_untracked() + 1;
        asked.set(ticket);
        if candidate.is_empty() {
            feedback.set(None);
            return;
        }
        // An answer for an older keystroke is dropped, so a slow one can't overwrite a newer one.
        let current = move || asked.try_get_untracked() == Some(ticket);
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
fn typed_twice(
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
fn feedback_lines(ui: Ui, feedback: Feedback) -> Vec<El> {
    if let Some((key, refused)) = feedback.failed.get() {
        let text = match refused {
            true => ui.t(key).to_string(),
            false => format!("{} {}", ui.t(key), ui.t(Key::PasswordCheckFailed)),
        };
        return vec![el("li").class("rg-error").text(&text)];
    }
    match feedback.verdict.get() {
        None => vec![],
        Some(v) if v.accepted() => vec![el("li").class("rg-ok").text(ui.t(Key::PasswordOk))],
        Some(v) => v.rejections.into_iter().map(|r| el("li").text(&rejection_text(ui, r))).collect(),
    }
}

/// A new password being chosen: both fields, their messages, and the live feedback.
#[derive(Clone, Copy)]
pub struct PasswordChoice {
    pub new: RwSignal<String>,
    pub confirm: RwSignal<String>,
    pub new_error: RwSignal<Option<Message>>,
    pub confirm_error: RwSignal<Option<Message>>,
    feedback: Feedback,
}

impl PasswordChoice {
    /// Feedback is asked for flow `flow_id`; `submitted` is the verdict a refused submit
    /// came back with (see `live_feedback`).
    pub fn new(
        ui: Ui,
        flow_id: impl Fn() -> Option<String> + Copy + 'static,
        submitted: impl Fn() -> Option<Verdict> + 'static,
    ) -> PasswordChoice {
        let new = RwSignal::new(String::new());
        PasswordChoice {
            new,
            confirm: RwSignal::new(String::new()),
            new_error: RwSignal::new(None),
            confirm_error: RwSignal::new(None),
            feedback: live_feedback(ui, new, flow_id, submitted),
        }
    }

    /// The password typed, twice alike, to submit; else what is wrong, next to the field.
    pub fn typed(self) -> Option<(String, String)> {
        if !typed_twice(self.new, self.confirm, self.new_error, self.confirm_error) {
            return None;
        }
        self.feedback.asked.set(self.feedback.asked.get_untracked() + 1); // the answer to this submit wins over any pending check
        Some((self.new.get_untracked(), self.confirm.get_untracked()))
    }
}

/// The new password, the rule list, and the password again, added to `form`.
pub fn choose_password(form: El, ui: Ui, choice: PasswordChoice) -> El {
    let field = |id, label, value, error| {
        let spec = FieldSpec {
            id,
            label,
            kind: "password",
            autocomplete: "new-password",
            inputmode: None,
            value,
            error,
        };
        text_field(ui, spec, None)
    };
    let rules = el("ul")
        .class("rg-rules")
        .attr("aria-live", "polite")
        .live(move || feedback_lines(ui, choice.feedback));
    form.child(field("rg-new-password", Key::PasswordNew, choice.new, choice.new_error))
        .child(rules)
        .child(field("rg-confirm-password", Key::PasswordConfirm, choice.confirm, choice.confirm_error))
}
