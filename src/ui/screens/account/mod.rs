//! Account health: the signed-in person's methods, recent sign-ins, alerts and what
//! they still need to do. "This was me" / "this wasn't me" and removing a method are
//! sent to the backend, which answers with the account as it now stands.
mod add_method;
mod alerts;
mod methods;
mod sign_ins;
pub(crate) mod words;

use super::step_up::StepUpPanel;
use crate::backend::AccountView;
use crate::ui::kit::{Button, Heading, Live, When};
use crate::ui::parts::load::{use_load, LoadFailed, StatusLine};
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Screen, Ui};
use add_method::AddMethod;
use alerts::{Alerts, Required};
use leptos::prelude::*;
use methods::Methods;
use sign_ins::SignIns;

// step_up.rs takes `focus` from here.
pub use crate::ui::parts::load::focus;

#[component]
pub fn Account() -> impl IntoView {
    let ui = use_ui();
    let health = use_load(|ui, done| ui.account(done));
    // Each table's error, kept here to outlive the tables that every answer redraws.
    let methods_error = RwSignal::new(None::<Message>);
    let sign_ins_error = RwSignal::new(None::<Message>);
    // The account build (no admin view) has nowhere to send staff.
    let is_admin =
        move || cfg!(feature = "admin") && health.view.with(|a| a.as_ref().is_some_and(|a| a.is_admin));
    view! {
        <section class="rg-form rg-account">
            <Heading key=Key::AccountHeading />
            <Live render=move || {
                health
                    .view
                    .with(|a| a.as_ref().map(|a| lead(ui, a)))
                    .map(|lead| view! { <p class="rg-identity">{lead}</p> })
            } />
            <LoadFailed error=health.error retry=health.retry />
            <StatusLine status=health.status />
            <Live render=move || {
                health
                    .view
                    .get()
                    .map(|a| {
                        view! {
                            <Required account=a.clone() />
                            <Alerts account=a.clone() />
                            <SignIns account=a.clone() health error=sign_ins_error />
                            <Methods account=a health error=methods_error />
                        }
                    })
            } />
            <When when=move || health.needs_step_up.get()>
                <StepUpPanel lead=Key::StepupAccountLead back=Screen::Account />
            </When>
            <When when=move || health.view.with(Option::is_some)>
                <AddMethod health />
            </When>
            <div class="rg-actions">
                <When when=is_admin>
                    <Button on_click=move |_| ui.open(Screen::Admin) label=Key::SignedinAdmin />
                </When>
                <Button on_click=move |_| ui.sign_out() label=Key::CommonSignOut />
            </div>
        </section>
    }
}

/// Who is signed in, and where.
fn lead(ui: Ui, a: &AccountView) -> String {
    ui.tf(
        Key::AccountLead,
        &[("name", &a.display_name), ("username", &a.username), ("tenant", &a.tenant_name)],
    )
}
