//! "More information required": the registration interrupt with its grace days.
use crate::backend::api::Field;
use crate::backend::Input;
use crate::engine::Step;
use crate::ui::errors::show_error;
use crate::ui::kit::{Button, FormMessage, Heading, Look, When};
use crate::ui::parts::identity::IdentityChip;
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
    view! {
        <section class="rg-form">
            <Heading key=Key::InterruptHeading />
            <IdentityChip />
            <p>{ui.text(Key::InterruptLead)}</p>
            <p class="rg-grace">{grace}</p>
            <FormMessage message=general />
            <div class="rg-actions">
                <When when=move || can_skip>
                    <Button on_click=move |_| send(Input::Skip) label=Key::InterruptSkip />
                </When>
                <Button look=Look::Primary on_click=move |_| send(Input::Continue) label=Key::CommonNext />
            </div>
        </section>
    }
}
