//! Signed in, and what was put right on the way.
use crate::engine::{RiskKind, Step};
use crate::ui::kit::{Button, Heading, When};
use crate::ui::text::Key;
#[cfg(feature = "account")]
use crate::ui::{
    kit::{after_render, Look},
    Screen,
};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

#[component]
pub fn SignedIn() -> impl IntoView {
    let ui = use_ui();
    let remediations = ui.reply_now(|r| match &r.step {
        Step::SignedIn { remediations } => remediations.clone(),
        _ => vec![],
    });
    let name = ui.reply_now(|r| r.display_name.clone());
    let any = !remediations.is_empty();
    view! {
        <section class="rg-form rg-success">
            <Heading key=Key::SignedinHeading />
            <p>{move || ui.tf(Key::SignedinLead, &[("name", &name)])}</p>
            <When when=move || any>
                <p>{ui.text(Key::SignedinRemediated)}</p>
            </When>
            <ul class="rg-remediations">
                {remediations
                    .iter()
                    .map(|r| {
                        let key = match r.risk {
                            RiskKind::SignIn => Key::RemediationSignIn,
                            RiskKind::User => Key::RemediationUser,
                        };
                        view! { <li>{ui.text(key)}</li> }.into_any()
                    })
                    .collect_view()}
            </ul>
            <div class="rg-actions">
                {views_to_open(ui)} <Button on_click=move |_| ui.sign_out() label=Key::CommonSignOut />
            </div>
        </section>
    }
}

/// Where the build has them, the session opens the account and, for IT staff, the
/// admin view. Whether the person is staff is the backend's to say.
#[cfg(feature = "account")]
fn views_to_open(ui: Ui) -> AnyView {
    let is_admin = RwSignal::new(false);
    if cfg!(feature = "admin") {
        after_render(move || {
            ui.peek_account(move |a| {
                is_admin.try_set(a.is_admin);
            });
        });
    }
    view! {
        <When when=move || is_admin.get()>
            <Button on_click=move |_| ui.open(Screen::Admin) label=Key::SignedinAdmin />
        </When>
        <Button look=Look::Primary on_click=move |_| ui.open(Screen::Account) label=Key::SignedinReview />
    }
    .into_any()
}

/// The sign-in build has neither view, nor their code.
#[cfg(not(feature = "account"))]
fn views_to_open(_: Ui) -> AnyView {
    ().into_any()
}
