//! The tenant's users for triage: those at risk first, highest risk first, with a
//! filter to them alone; their risk, open detections, status and methods; and what IT
//! staff can do about each, the actions that restrict the account set apart.
use super::super::account::words::{detection_text, risk_key, when};
use super::actions::{action_keys, actions_for, at_risk, restricts, Actions, Request};
use super::detail;
use crate::backend::api::{SignInSource, UserSummary};
use crate::backend::{AdminAction, AdminView};
use crate::engine::DetectionKind;
use crate::ui::kit::{Button, Checkbox, Look};
use crate::ui::parts::code_challenge::method_key;
use crate::ui::text::Key;
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub(super) fn Users(view: AdminView, actions: Actions) -> impl IntoView {
    let ui = use_ui();
    let tenant = view.tenants.first().map(|t| t.id.clone()).unwrap_or_default();
    let at_risk_only = RwSignal::new(false);
    let chosen = RwSignal::new(None::<String>);
    let users = triage_order(&view.users);
    let detail = detail::panel(ui, &view, chosen);
    let rows = move || {
        let only = at_risk_only.get();
        users
            .iter()
            .filter(|u| !only || at_risk(u))
            .map(|u| user_row(ui, &view, &tenant, u, actions, chosen))
            .collect_view()
    };
    view! {
        <h2 id="rg-users-heading">{ui.text(Key::AdminUsers)}</h2>
        <Checkbox
            id="rg-users-at-risk"
            label=Key::AdminUsersAtRiskOnly
            checked=at_risk_only
            on_toggle=move |on| at_risk_only.set(on)
        />
        <div class="rg-table" role="region" aria-labelledby="rg-users-heading" tabindex="0">
            <table class="rg-users rg-data">
                <caption>{ui.text(Key::AdminUsersCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{ui.text(Key::ColUser)}</th>
                        <th scope="col">{ui.text(Key::ColRisk)}</th>
                        <th scope="col">{ui.text(Key::ColOpenDetections)}</th>
                        <th scope="col">{ui.text(Key::ColStatus)}</th>
                        <th scope="col">{ui.text(Key::ColMethods)}</th>
                        <th scope="col">{ui.text(Key::ColActions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {detail}
    }
}

/// Users at risk first, the highest risk first, then by name.
pub(super) fn triage_order(users: &[UserSummary]) -> Vec<UserSummary> {
    let mut out = users.to_vec();
    out.sort_by(|a, b| {
        (!at_risk(a), std::cmp::Reverse(a.user_risk), &a.display_name).cmp(&(
            !at_risk(b),
            std::cmp::Reverse(b.user_risk),
            &b.display_name,
        ))
    });
    out
}

/// One user of the tenant `tenant`; guests are their home organisation's to manage.
fn user_row(
    ui: Ui,
    view: &AdminView,
    tenant: &str,
    u: &UserSummary,
    actions: Actions,
    chosen: RwSignal<Option<String>>,
) -> impl IntoView {
    let guest = u.home_tenant != tenant;
    let detections = open_detections(ui, view, u);
    let detections = if detections.is_empty() {
        view! { {ui.t(Key::AdminNone)} }.into_any()
    } else {
        let items = detections.into_iter().map(|d| view! { <li>{d}</li> }).collect_view();
        view! { <ul class="rg-cell-list">{items}</ul> }.into_any()
    };
    let status = status_texts(ui, u, guest).join("; ");
    let methods = if u.methods.is_empty() {
        ui.t(Key::AdminMethodsNone).to_string()
    } else {
        u.methods.iter().map(|m| ui.t(method_key(*m))).collect::<Vec<_>>().join(", ")
    };
    let buttons =
        if guest { view! { {ui.t(Key::AdminGuestNote)} }.into_any() } else { buttons(ui, u, actions) };
    view! {
        <tr>
            <th scope="row">
                {name_button(u, chosen)} <br /> <span class="rg-identity">{u.username.clone()}</span>
            </th>
            <td>{ui.t(risk_key(u.user_risk))}</td>
            <td>{detections}</td>
            <td>{status}</td>
            <td>{methods}</td>
            <td>{buttons}</td>
        </tr>
    }
}

/// The person's name, which opens their detail below the table.
fn name_button(u: &UserSummary, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let username = u.username.clone();
    let open = username.clone();
    let name = u.display_name.clone();
    view! {
        <Button
            look=Look::Link
            attr:aria-expanded=move || chosen.with(|c| c.as_deref() == Some(username.as_str())).to_string()
            attr:aria-controls="rg-user-detail-heading"
            on_click=move |_| chosen.set(Some(open.clone()))
        >
            {name}
        </Button>
    }
}

/// A button for each action worth offering for `u`, named with whom it is for: first
/// those that lift a block or clear risk, then, set apart and asked about before they
/// are sent, those that restrict the account.
fn buttons(ui: Ui, u: &UserSummary, actions: Actions) -> AnyView {
    let (restricting, lifting): (Vec<_>, Vec<_>) = actions_for(u).into_iter().partition(|a| restricts(*a));
    let lifting = action_buttons(ui, u, actions, lifting);
    let restricting = action_buttons(ui, u, actions, restricting);
    view! {
        <div class="rg-row-actions">{lifting}</div>
        <div class="rg-row-actions rg-restricting" role="group" aria-label=ui.t(Key::AdminUsersRestricting)>
            {restricting}
        </div>
    }
    .into_any()
}

fn action_buttons(ui: Ui, u: &UserSummary, actions: Actions, list: Vec<AdminAction>) -> AnyView {
    list.into_iter()
        .map(|action| {
            let keys = action_keys(action);
            let label = ui.tf(keys.named, &[("name", &u.display_name)]);
            let request = Request { username: u.username.clone(), name: u.display_name.clone(), action };
            view! {
                <Button
                    attr:aria-label=label
                    disabled=ui.pending
                    on_click=move |ev: leptos::ev::MouseEvent| {
                        let button = ev.current_target().and_then(|t| t.dyn_into().ok());
                        actions.request(request.clone(), button)
                    }
                >
                    {ui.t(keys.label)}
                </Button>
            }
        })
        .collect_view()
        .into_any()
}

/// The open detections of `user`, in words, each kind once, with the place of the
/// latest sign-in that raised it where the view has one.
fn open_detections(ui: Ui, view: &AdminView, user: &UserSummary) -> Vec<String> {
    let mut kinds = vec![];
    for d in user.detections.iter().filter(|d| d.state.is_open()) {
        if !kinds.contains(&d.kind) {
            kinds.push(d.kind);
        }
    }
    kinds.into_iter().map(|kind| detection_text(ui, kind, source_of(view, user, kind))).collect()
}

/// Where the latest of `user`'s sign-ins in the view that raised `kind` came from.
pub(super) fn source_of<'a>(
    view: &'a AdminView,
    user: &UserSummary,
    kind: DetectionKind,
) -> Option<&'a SignInSource> {
    view.sign_ins
        .iter()
        .find(|r| r.username == user.username && r.detections.contains(&kind))
        .map(|r| &r.source)
}

fn status_texts(ui: Ui, user: &UserSummary, guest: bool) -> Vec<String> {
    let mut out = vec![];
    if user.disabled {
        out.push(ui.t(Key::AdminStatusDisabled).to_string());
    }
    if let Some(until) = user.locked_until_ms {
        out.push(ui.tf(Key::AdminStatusLocked, &[("time", &when(ui, until))]));
    }
    if user.temporary_password {
        out.push(ui.t(Key::AdminStatusTemporary).to_string());
    }
    if guest {
        out.push(ui.t(Key::AdminStatusGuest).to_string());
    }
    if out.is_empty() {
        out.push(ui.t(Key::AdminStatusActive).to_string());
    }
    out
}
