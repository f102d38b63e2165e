//! The tenant's sign-in log, filtered by where each sign-in's risk stands and by person,
//! with a button that confirms a sign-in was its person's.
use super::super::account::words::{detections_cell, outcome_key, place, risk_summary, when};
use super::actions::{action_keys, Actions, Request};
use crate::backend::api::{SignInOutcome, SignInRecord};
use crate::backend::{AdminAction, AdminView};
use crate::engine::RiskState;
use crate::ui::kit::{data_table, Button, Choice, TableSpec};
use crate::ui::text::Key;
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// Which logged sign-ins the admin's list shows, by where their risk stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StateFilter {
    All,
    NoRisk,
    State(RiskState),
}

impl StateFilter {
    fn keeps(self, r: &SignInRecord) -> bool {
        match self {
            StateFilter::All => true,
            StateFilter::NoRisk => r.risk_state.is_none(),
            StateFilter::State(s) => r.risk_state == Some(s),
        }
    }
}

const STATE_FILTERS: [(StateFilter, Key); 7] = [
    (StateFilter::All, Key::AdminFilterAll),
    (StateFilter::State(RiskState::AtRisk), Key::RiskstateAtRisk),
    (StateFilter::State(RiskState::Remediated), Key::RiskstateRemediated),
    (StateFilter::State(RiskState::Dismissed), Key::RiskstateDismissed),
    (StateFilter::State(RiskState::ConfirmedCompromised), Key::RiskstateConfirmedCompromised),
    (StateFilter::State(RiskState::ConfirmedSafe), Key::RiskstateConfirmedSafe),
    (StateFilter::NoRisk, Key::RiskstateNone),
];

/// Someone with a logged sign-in.
struct Person {
    username: String,
    /// Their display name where the tenant knows it, else their username.
    name: String,
}

/// The log's people, each once, by display name.
fn people_in(view: &AdminView) -> Vec<Person> {
    let mut people: Vec<Person> = vec![];
    for r in &view.sign_ins {
        if !people.iter().any(|p| p.username == r.username) {
            people.push(Person { username: r.username.clone(), name: display_name(view, &r.username) });
        }
    }
    people.sort_by(|a, b| a.name.cmp(&b.name));
    people
}

fn display_name(view: &AdminView, username: &str) -> String {
    let user = view.users.iter().find(|u| u.username == username);
    user.map(|u| u.display_name.clone()).unwrap_or_else(|| username.to_string())
}

/// The user filter: every person with a logged sign-in, by display name. (Not the kit's
/// `Choice`: its options are people, not text keys.)
#[component]
fn UserFilter(people: Vec<Person>, value: RwSignal<String>) -> impl IntoView {
    let ui = use_ui();
    let options = people
        .into_iter()
        .map(|Person { username, name }| {
            let current = username.clone();
            view! {
                <option value=username prop:selected=move || value.with(|v| *v == current)>
                    {name}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="rg-field">
            <label for="rg-log-user">{ui.text(Key::AdminFilterUser)}</label>
            <select
                id="rg-log-user"
                name="rg-log-user"
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="" prop:selected=move || value.with(String::is_empty)>
                    {ui.text(Key::AdminFilterAll)}
                </option>
                {options}
            </select>
        </div>
    }
}

#[component]
pub(super) fn SignIns(view: AdminView, actions: Actions) -> impl IntoView {
    let ui = use_ui();
    let empty = view.sign_ins.is_empty();
    let tenant = view.tenants.first().map(|t| t.id.clone()).unwrap_or_default();
    let state = RwSignal::new(StateFilter::All);
    let person = RwSignal::new(String::new());
    let people = people_in(&view);
    let rows = move || {
        let (state, person) = (state.get(), person.get());
        view.sign_ins
            .iter()
            .enumerate()
            .filter(|(_, r)| state.keeps(r) && (person.is_empty() || r.username == person))
            .map(|(i, r)| sign_in_row(ui, &view, &tenant, i, r, actions))
            .collect_view()
    };
    let spec = TableSpec {
        id: "rg-admin-sign-ins-heading",
        heading: Key::AccountSignIns,
        caption: Key::AdminSignInsCaption,
        class: "rg-admin-sign-ins",
        columns: &[
            Key::ColTime,
            Key::ColUser,
            Key::ColPlace,
            Key::ColDevice,
            Key::ColDetections,
            Key::ColLogRisk,
            Key::ColOutcome,
            Key::ColActions,
        ],
        none: Key::AccountSignInsNone,
    };
    view! {
        <div class="rg-filters">
            <Choice
                id="rg-log-state"
                label=Key::AdminFilterState
                options=STATE_FILTERS.to_vec()
                value=state
            />
            <UserFilter people value=person />
        </div>
        {data_table(spec, !empty, rows)}
    }
}

/// One logged sign-in (row `i` of the whole log, counted from 0).
fn sign_in_row(
    ui: Ui,
    view: &AdminView,
    tenant: &str,
    i: usize,
    r: &SignInRecord,
    actions: Actions,
) -> impl IntoView {
    let user = view.users.iter().find(|u| u.username == r.username);
    let name = display_name(view, &r.username);
    // Guests are their home organisation's to manage, as in the users table.
    let member = user.is_some_and(|u| u.home_tenant == tenant);
    let confirm = if member { confirm_button(ui, r, i + 1, &name, actions) } else { ().into_any() };
    let detections = detections_cell(ui, r, Key::AdminNone);
    view! {
        <tr>
            <th scope="row">{when(ui, r.at_ms)}</th>
            <td>{name}</td>
            <td>{place(&r.source)}</td>
            <td>{r.source.device.clone()}</td>
            <td>{detections}</td>
            <td class="rg-risk">{risk_summary(ui, r)}</td>
            <td>{ui.t(outcome_key(r.outcome))}</td>
            <td>{confirm}</td>
        </tr>
    }
}

/// The button that confirms sign-in `r` (at `row` of the table, counted from 1) was its
/// person's; none for a reset, which has no place of its own to trust. Its name gives
/// the row too, so two sign-ins alike to the second still have their own.
fn confirm_button(ui: Ui, r: &SignInRecord, row: usize, name: &str, actions: Actions) -> AnyView {
    if r.outcome == SignInOutcome::PasswordReset {
        return ().into_any();
    }
    let action = AdminAction::ConfirmSignInSafe { sign_in: r.id };
    let keys = action_keys(action);
    let (time, from) = (when(ui, r.at_ms), place(&r.source));
    let row = ui.locale.get().number(row as u64);
    let label = ui.tf(keys.named, &[("time", &time), ("place", &from), ("row", &row), ("name", name)]);
    let request = Request { username: r.username.clone(), name: name.to_string(), action };
    view! {
        <Button
            attr:aria-label=label
            disabled=ui.pending
            on_click=move |_| actions.request(request.clone(), None)
        >
            {ui.t(keys.label)}
        </Button>
    }
    .into_any()
}
