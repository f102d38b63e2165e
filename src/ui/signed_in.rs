//! Signed in, and what was put right on the way.
use super::use_ui;
use super::widgets::Heading;
use crate::engine::{RiskKind, Step};
use leptos::prelude::*;

#[component]
pub fn SignedIn() -> impl IntoView {
    let ui = use_ui();
    let remediations = ui.with_reply(|r| match &r.step {
        Step::SignedIn { remediations } => remediations.clone(),
        _ => vec![],
    });
    let name = ui.with_reply(|r| r.display_name.clone());
    let any = !remediations.is_empty();
    view! {
        <section class="rg-form rg-success">
            <Heading text=Signal::derive(move || ui.t("signedin.heading").to_string())/>
            <p>{move || ui.tf("signedin.lead", &[("name", &name)])}</p>
            <Show when=move || any>
                <p>{move || ui.t("signedin.remediated")}</p>
            </Show>
            <ul class="rg-remediations">
                {remediations
                    .iter()
                    .map(|r| {
                        let key = match r.risk {
                            RiskKind::SignIn => "remediation.SignIn",
                            RiskKind::User => "remediation.User",
                        };
                        view! { <li>{move || ui.t(key)}</li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
