//! The scenario lab beside the live flow: pick a persona, where and when their next
//! sign-in comes from and the tenant's policies; sign in through the component; read
//! the engine's decision trace. A review tool: it talks to the mock directly and its
//! own words are English only.
mod fields;
mod form;
mod trace;

use super::{every, Mock};
use crate::backend::mock::{MockBackend, Trace};
use crate::backend::platform::ShiftedClock;
use crate::backend::seed::PERSONAS;
use crate::engine::RiskLevel;
use crate::ui::kit::on_submit;
use fields::{LabCheck, LabSelect, LabText};
use form::{Form, LabAction, Rule, LEVELS, PLACES};
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;
use trace::TraceView;

/// How often the lab looks for a new trace.
const REFRESH: Duration = Duration::from_millis(500);

#[component]
pub fn ScenarioLab(mock: Rc<MockBackend>, clock: Rc<ShiftedClock>) -> impl IntoView {
    let mock = StoredValue::new_local(mock);
    let clock = StoredValue::new_local(clock);
    let form = Form::new();
    let status = RwSignal::new(String::new());
    let trace = latest_trace(mock);
    Effect::new(move |_| {
        let username = form.persona.get().username;
        if let Some((_, policy)) = mock.with_value(|m| m.policy_for(username)) {
            form.load_policy(&policy);
        }
    });
    let run = move || {
        let result = mock.with_value(|m| clock.with_value(|c| form::apply(m, c, form)));
        status.set(result.unwrap_or_else(|e| format!("Not applied: {e}")));
    };
    view! {
        <aside class="rg-demo rg-lab" aria-label="Scenario lab">
            <h2>"Scenario lab"</h2>
            <form on:submit=on_submit(run) novalidate>
                <WhoAndWhere form />
                <PolicyFields form />
                <button type="submit">"Apply"</button>
                <p class="rg-lab-status" role="status">
                    {move || status.get()}
                </p>
            </form>
            <h2>"Decision trace"</h2>
            {move || match trace.get() {
                None => view! { <p>"No sign-in yet."</p> }.into_any(),
                Some(t) => view! { <TraceView trace=t /> }.into_any(),
            }}
        </aside>
    }
}

/// The mock's trace of the last sign-in, looked at every `REFRESH`.
fn latest_trace(mock: Mock) -> RwSignal<Option<Trace>> {
    let trace = RwSignal::new(None::<Trace>);
    every(REFRESH, move || {
        let latest = mock.with_value(|m| m.latest_trace());
        if trace.with_untracked(|t| *t != latest) {
            trace.set(latest);
        }
    });
    trace
}

/// The persona's next sign-in: where from, on what, and when.
#[component]
fn WhoAndWhere(form: Form) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Who and where"</legend>
            <LabSelect
                id="rg-lab-persona"
                label="Persona"
                value=form.persona
                options=PERSONAS.iter().collect()
            />
            <LabSelect id="rg-lab-place" label="Place" value=form.place options=PLACES.iter().collect() />
            <LabText
                id="rg-lab-ip"
                label="IP address"
                value=form.ip
                hint="198.51.100.x: anonymising network; 203.0.113.x: known malicious"
            />
            <LabText id="rg-lab-device" label="Device" value=form.device hint="" />
            <LabText id="rg-lab-app" label="App" value=form.app hint="" />
            <LabText
                id="rg-lab-hours"
                label="Hours from now"
                value=form.hours
                hint="Moves the mock's clock: travel speed, grace days"
            />
        </fieldset>
    }
}

/// The persona's tenant's risk and registration policies.
#[component]
fn PolicyFields(form: Form) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Tenant policy"</legend>
            <RuleFields
                ids=["rg-lab-sign-in", "rg-lab-sign-in-level"]
                label="Sign-in risk policy"
                rule=form.sign_in
                level=form.sign_in_level
            />
            <RuleFields
                ids=["rg-lab-user", "rg-lab-user-level"]
                label="User risk policy"
                rule=form.user
                level=form.user_level
            />
            <LabCheck label="Block risky users with no MFA method" value=form.block_unregistered />
            <LabCheck label="MFA registration policy" value=form.registration />
        </fieldset>
    }
}

/// A risk policy's rule and the level it starts at.
#[component]
fn RuleFields<A: LabAction>(
    ids: [&'static str; 2],
    label: &'static str,
    rule: RwSignal<Rule<A>>,
    level: RwSignal<RiskLevel>,
) -> impl IntoView {
    view! {
        <LabSelect id=ids[0] label=label value=rule options=Rule::all() />
        <LabSelect id=ids[1] label="at or above" value=level options=LEVELS.to_vec() />
    }
}
