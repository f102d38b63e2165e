//! What the person still has to do, and what they should know about their account.
use super::words::{place, risk_detail_key, risk_key, when};
use crate::backend::api::{Alert, RequiredAction, SignInRecord};
use crate::backend::AccountView;
use crate::ui::kit::Live;
use crate::ui::text::Key;
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

fn find(account: &AccountView, id: u64) -> Option<&SignInRecord> {
    account.recent.iter().find(|r| r.id == id)
}

/// The time and place of sign-in `id`, for sentences about it.
fn time_and_place(ui: Ui, account: &AccountView, id: u64) -> (String, String) {
    find(account, id)
        .map(|r| (when(ui, r.at_ms), place(&r.source)))
        .unwrap_or_else(|| (ui.t(Key::CommonUnknown).to_string(), ui.t(Key::CommonUnknown).to_string()))
}

#[component]
pub(super) fn Required(account: AccountView) -> impl IntoView {
    let ui = use_ui();
    let any = !account.required.is_empty();
    let items = move || {
        account
            .required
            .iter()
            .map(|r| match r {
                RequiredAction::RegisterMfa { days_left: 0 } => {
                    ui.t(Key::AccountRequiredRegisterMfaNow).to_string()
                }
                RequiredAction::RegisterMfa { days_left } => ui.tf(
                    Key::AccountRequiredRegisterMfa,
                    &[("days", &ui.locale.get().number(*days_left as u64))],
                ),
                RequiredAction::ChangePassword => ui.t(Key::AccountRequiredChangePassword).to_string(),
                RequiredAction::ReviewSignIn { sign_in } => {
                    let (time, place) = time_and_place(ui, &account, *sign_in);
                    ui.tf(Key::AccountRequiredReviewSignIn, &[("time", &time), ("place", &place)])
                }
            })
            .map(|text| view! { <li>{text}</li> })
            .collect_view()
    };
    any.then(|| {
        view! {
            <h2>{ui.text(Key::AccountRequired)}</h2>
            <ul class="rg-required">{items}</ul>
        }
    })
}

#[component]
pub(super) fn Alerts(account: AccountView) -> impl IntoView {
    let ui = use_ui();
    let empty = account.alerts.is_empty();
    let items = move || {
        account
            .alerts
            .iter()
            .map(|alert| match alert {
                Alert::UnusualSignIn { sign_in } => {
                    let (time, place) = time_and_place(ui, &account, *sign_in);
                    let text = ui.tf(Key::AccountAlertUnusualSignIn, &[("time", &time), ("place", &place)]);
                    view! { <li class="rg-alert">{text}</li> }.into_any()
                }
                Alert::PasswordChanged { at_ms } => {
                    let text = ui.tf(Key::AccountAlertPasswordChanged, &[("time", &when(ui, *at_ms))]);
                    view! { <li class="rg-alert">{text}</li> }.into_any()
                }
                Alert::RiskCleared { at_ms, detail } => {
                    let text = ui.tf(Key::AccountAlertRiskCleared, &[("time", &when(ui, *at_ms))]);
                    let how = ui.t(risk_detail_key(*detail));
                    view! { <li class="rg-alert">{text}" "{how}</li> }.into_any()
                }
                Alert::AccountAtRisk { level } => {
                    let text = ui.tf(Key::AccountAlertAccountAtRisk, &[("level", ui.t(risk_key(*level)))]);
                    view! { <li class="rg-alert rg-warning rg-at-risk">{text}</li> }.into_any()
                }
            })
            .collect_view()
    };
    view! {
        <h2>{ui.text(Key::AccountAlerts)}</h2>
        <Live render=move || {
            if empty {
                view! { <p>{ui.t(Key::AccountAlertsNone)}</p> }.into_any()
            } else {
                view! { <ul class="rg-alerts">{items.clone()}</ul> }.into_any()
            }
        } />
    }
}
