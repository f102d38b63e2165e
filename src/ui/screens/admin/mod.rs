//! The admin view: the tenant's users with their risk and what IT staff can do about it,
//! recent sign-ins, and the tenant's policy. Every action goes to the backend, which
//! checks the session and answers with the view as it now stands.
mod actions;
mod detail;
mod policy;
mod policy_form;
mod sign_ins;
mod temporary;
mod users;

use super::step_up::StepUpPanel;
use crate::ui::kit::{Button, FormMessage, Heading, Live, When};
use crate::ui::parts::load::{use_load, LoadFailed, StatusLine};
use crate::ui::text::Key;
use crate::ui::{use_ui, Screen};
use actions::{Actions, Question};
use leptos::prelude::*;
use policy::Policy;
use sign_ins::SignIns;
use temporary::TemporaryPassword;
use users::Users;

#[component]
pub fn Admin() -> impl IntoView {
    let ui = use_ui();
    let overview = use_load(|ui, done| ui.admin_overview(done));
    let actions = Actions::new(ui, overview);
    let tenant_name =
        move || overview.view.with(|v| v.as_ref().and_then(|v| v.tenants.first()).map(|t| t.name.clone()));
    view! {
        <section class="rg-form rg-admin">
            <Heading key=Key::AdminHeading />
            <Live render=move || {
                tenant_name()
                    .map(|t| ui.tf(Key::AdminLead, &[("tenant", &t)]))
                    .map(|lead| view! { <p class="rg-identity">{lead}</p> })
            } />
            <LoadFailed error=overview.error retry=overview.retry />
            <When when=move || overview.needs_step_up.get()>
                <StepUpPanel lead=Key::StepupAdminLead back=Screen::Admin />
            </When>
            <StatusLine status=overview.status />
            <FormMessage message=actions.error />
            <Question actions />
            <TemporaryPassword temporary=actions.temporary />
            <Live render=move || {
                overview
                    .view
                    .get()
                    .map(|v| {
                        view! {
                            <Users view=v.clone() actions />
                            <SignIns view=v actions />
                        }
                    })
            } />
            <When when=move || tenant_name().is_some()>
                <Policy overview />
            </When>
            <div class="rg-actions">
                <Button on_click=move |_| ui.open(Screen::Account) label=Key::AdminBack />
                <Button on_click=move |_| ui.sign_out() label=Key::CommonSignOut />
            </div>
        </section>
    }
}
