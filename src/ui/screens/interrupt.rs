//! "More information required": the registration interrupt with its grace days.
use crate::backend::api::Field;
use crate::backend::Input;
use crate::engine::Step;
use crate::ui::errors::show_error;
use crate::ui::kit::dom::{button, el};
use crate::ui::kit::{form_message, heading, Look};
use crate::ui::parts::identity::identity_chip;
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

#[component]
pub fn Interrupt() -> impl IntoView {
    let ui = use_ui();
    let general = RwSignal::new(None);
    let (days_left, can_skip) = ui.reply_now(|r| match r.step {
        Step::RegistrationInterrupt { days_left, can_skip } => (days_left, can_skip),
        _ => (0, false),
    });
    let grace = move || match (can_skip, days_left) {
        (false, _) => ui.t(Key::InterruptForced).to_string(),
        (true, 1) => ui.t(Key::InterruptLastDay).to_string(),
        (true, d) => ui.tf(Key::InterruptDays, &[("days", &ui.locale.get().number(d as u64))]),
    };
    let send = move |input| {
        general.set(None);
        ui.send(input, move |e| show_error(e, Field::Code, general, general));
    };
    let next = button(Look::Primary, "").say(ui, Key::CommonNext).on("click", move |_| send(Input::Continue));
    let skip = can_skip.then(|| {
        button(Look::Secondary, "").say(ui, Key::InterruptSkip).on("click", move |_| send(Input::Skip))
    });
    el("section")
        .class("rg-form")
        .child(heading(ui, Key::InterruptHeading))
        .maybe(identity_chip(ui))
        .child(el("p").say(ui, Key::InterruptLead))
        .child(el("p").class("rg-grace").text_live(grace))
        .child(form_message(ui, general))
        .child(el("div").class("rg-actions").maybe(skip).child(next))
        .into_view()
}
