//! A forced password change: after a temporary password, or to clear user risk.
use crate::backend::api::Field;
use crate::backend::{BackendError, Input};
use crate::engine::{PasswordReason, Step};
use crate::ui::errors::show_error;
use crate::ui::kit::dom::{el, submit as submit_button};
use crate::ui::kit::{error_summary, heading};
use crate::ui::parts::identity::identity_chip;
use crate::ui::parts::new_password::{choose_password, PasswordChoice};
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// The heading and the lead, by why the password must change.
fn words(reason: Option<PasswordReason>) -> (Key, Key) {
    match reason {
        Some(PasswordReason::TemporaryPassword) => {
            (Key::PasswordHeadingTemporaryPassword, Key::PasswordLeadTemporaryPassword)
        }
        _ => (Key::PasswordHeadingUserRisk, Key::PasswordLeadUserRisk),
    }
}

/// Sends the new password; a refusal goes next to the field it is about.
fn submit(ui: Ui, choice: PasswordChoice, general: RwSignal<Option<Message>>) {
    general.set(None);
    let Some((password, confirm)) = choice.typed() else { return };
    ui.send(Input::NewPassword { password, confirm }, move |e| {
        if matches!(e, BackendError::InvalidInput { field: Field::Confirm, .. }) {
            show_error(e, Field::Confirm, choice.confirm_error, general)
        } else {
            show_error(e, Field::NewPassword, choice.new_error, general)
        }
    });
}

#[component]
pub fn ChangePassword() -> impl IntoView {
    let ui = use_ui();
    let reason = ui.reply_now(|r| match r.step {
        Step::ChangePassword { reason, .. } => Some(reason),
        _ => None,
    });
    let (heading_key, lead) = words(reason);
    let general = RwSignal::new(None);
    // `try_`: a check still on its way when the component is unmounted finds nothing.
    let flow_id = move || ui.reply.try_with_untracked(|r| r.as_ref().map(|r| r.flow_id.clone())).flatten();
    let submitted = move || ui.reply.with(|r| r.as_ref().and_then(|r| r.verdict.clone()));
    let choice = PasswordChoice::new(ui, flow_id, submitted);
    let summary = vec![("rg-new-password", choice.new_error), ("rg-confirm-password", choice.confirm_error)];
    let form = el("form")
        .class("rg-form")
        .attr("novalidate", "")
        .on_submit(move || submit(ui, choice, general))
        .child(heading(ui, heading_key))
        .maybe(identity_chip(ui))
        .child(error_summary(ui, summary, Some(general)))
        .child(el("p").say(ui, lead));
    choose_password(form, ui, choice)
        .child(el("div").class("rg-actions").child(submit_button(ui, Key::PasswordSubmit)))
        .into_view()
}
