//! The scenario lab beside the live flow: pick a persona, where and when their next
//! sign-in comes from and the tenant's policies; sign in through the component; read
//! the engine's decision trace. A review tool: it talks to the mock directly and its
//! own words are English only.
use crate::backend::directory::{place, source};
use crate::backend::mock::{MockBackend, Trace};
use crate::backend::platform::ShiftedClock;
use crate::backend::seed::PERSONAS;
use crate::engine::policy::{Enforcement, SignInAction, UserAction};
use crate::engine::{RiskLevel, Step, TenantPolicy};
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

/// Places the lab offers, with coordinates for the travel checks.
const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Seattle", "US", 47.61, -122.33),
    ("Lisbon", "PT", 38.72, -9.14),
    ("Moscow", "RU", 55.75, 37.62),
    ("Sydney", "AU", -33.87, 151.21),
    ("São Paulo", "BR", -23.55, -46.63),
    ("Amsterdam", "NL", 52.37, 4.90),
];

const HOUR_MS: i64 = 3_600_000;

/// The lab's form, as typed.
#[derive(Clone, Copy)]
struct Form {
    persona: RwSignal<String>,
    place: RwSignal<String>,
    ip: RwSignal<String>,
    device: RwSignal<String>,
    app: RwSignal<String>,
    hours: RwSignal<String>,
    sign_in: RwSignal<String>,
    sign_in_level: RwSignal<String>,
    user: RwSignal<String>,
    user_level: RwSignal<String>,
    block_unregistered: RwSignal<bool>,
    registration: RwSignal<bool>,
}

impl Form {
    fn new() -> Form {
        Form {
            persona: RwSignal::new(PERSONAS[0].username.to_string()),
            place: RwSignal::new("Lisbon".into()),
            ip: RwSignal::new("198.51.100.23".into()),
            device: RwSignal::new("Unknown Windows PC".into()),
            app: RwSignal::new("Browser".into()),
            hours: RwSignal::new("0".into()),
            sign_in: RwSignal::new("mfa".into()),
            sign_in_level: RwSignal::new("Medium".into()),
            user: RwSignal::new("password".into()),
            user_level: RwSignal::new("High".into()),
            block_unregistered: RwSignal::new(false),
            registration: RwSignal::new(true),
        }
    }

    /// Shows the policy of the chosen persona's tenant.
    fn load_policy(self, policy: &TenantPolicy) {
        let s = &policy.sign_in_risk;
        self.sign_in.set(
            match (s.enforcement, s.action) {
                (Enforcement::Off, _) => "off",
                (Enforcement::ReportOnly, _) => "report",
                (Enforcement::On, SignInAction::RequireMfa) => "mfa",
                (Enforcement::On, SignInAction::Block) => "block",
            }
            .into(),
        );
        self.sign_in_level.set(format!("{:?}", s.min_level));
        let u = &policy.user_risk;
        self.user.set(
            match (u.enforcement, u.action) {
                (Enforcement::Off, _) => "off",
                (Enforcement::ReportOnly, _) => "report",
                (Enforcement::On, UserAction::Block) => "block",
                (Enforcement::On, UserAction::RequireRiskRemediation) => "remediate",
                (Enforcement::On, UserAction::RequireMfaAndPasswordChange) => "password",
            }
            .into(),
        );
        self.user_level.set(format!("{:?}", u.min_level));
        self.block_unregistered.set(policy.block_unregistered_at_risk);
        self.registration.set(policy.registration.enforcement == Enforcement::On);
    }

    /// The policy as the form now says, on top of the tenant's current one.
    fn policy(self, mut policy: TenantPolicy) -> TenantPolicy {
        let (enforcement, action) = match self.sign_in.get_untracked().as_str() {
            "off" => (Enforcement::Off, policy.sign_in_risk.action),
            "report" => (Enforcement::ReportOnly, policy.sign_in_risk.action),
            "block" => (Enforcement::On, SignInAction::Block),
            _ => (Enforcement::On, SignInAction::RequireMfa),
        };
        policy.sign_in_risk.enforcement = enforcement;
        policy.sign_in_risk.action = action;
        policy.sign_in_risk.min_level = level(&self.sign_in_level.get_untracked());
        let (enforcement, action) = match self.user.get_untracked().as_str() {
            "off" => (Enforcement::Off, policy.user_risk.action),
            "report" => (Enforcement::ReportOnly, policy.user_risk.action),
            "block" => (Enforcement::On, UserAction::Block),
            "remediate" => (Enforcement::On, UserAction::RequireRiskRemediation),
            _ => (Enforcement::On, UserAction::RequireMfaAndPasswordChange),
        };
        policy.user_risk.enforcement = enforcement;
        policy.user_risk.action = action;
        policy.user_risk.min_level = level(&self.user_level.get_untracked());
        policy.block_unregistered_at_risk = self.block_unregistered.get_untracked();
        policy.registration.enforcement =
            if self.registration.get_untracked() { Enforcement::On } else { Enforcement::Off };
        policy
    }
}

fn level(name: &str) -> RiskLevel {
    RiskLevel::ALL.into_iter().find(|l| format!("{l:?}") == name).unwrap_or(RiskLevel::High)
}

/// Puts the form into the mock: the persona's next sign-in, the clock, the policy.
fn apply(mock: &MockBackend, clock: &ShiftedClock, form: Form) -> Result<String, String> {
    let username = form.persona.get_untracked();
    let place_name = form.place.get_untracked();
    let (city, country, lat, lon) =
        *PLACES.iter().find(|p| p.0 == place_name).ok_or("choose a place from the list")?;
    let ip = form.ip.get_untracked();
    if ip.trim().parse::<std::net::Ipv4Addr>().is_err() {
        return Err(format!("{ip:?} is not an IPv4 address such as 198.51.100.23"));
    }
    let hours: i64 = form.hours.get_untracked().trim().parse().map_err(|_| "hours must be a whole number")?;
    if !(-24 * 30..=24 * 30).contains(&hours) {
        return Err("keep the time within 30 days of now".into());
    }
    let (tenant, policy) = mock.policy_for(&username).ok_or("no such persona")?;
    let from = source(
        place(city, country, lat, lon),
        ip.trim(),
        &form.device.get_untracked(),
        &form.app.get_untracked(),
    );
    mock.script_next_sign_in(&username, from).map_err(|e| format!("{e:?}"))?;
    mock.replace_policy(&tenant, form.policy(policy)).map_err(|e| format!("{e:?}"))?;
    clock.set_offset_ms(hours * HOUR_MS);
    let password = PERSONAS.iter().find(|p| p.username == username).map_or("", |p| p.password);
    Ok(format!("Ready: sign in as {username} with {password} in the form; the trace appears below."))
}

#[component]
pub fn ScenarioLab(mock: Rc<MockBackend>, clock: Rc<ShiftedClock>) -> impl IntoView {
    let mock = StoredValue::new_local(mock);
    let clock = StoredValue::new_local(clock);
    let form = Form::new();
    let status = RwSignal::new(String::new());
    let trace = RwSignal::new(None::<Trace>);
    let handle = set_interval_with_handle(
        move || {
            let latest = mock.with_value(|m| m.latest_trace());
            if trace.with_untracked(|t| *t != latest) {
                trace.set(latest);
            }
        },
        Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = handle {
            h.clear();
        }
    });
    Effect::new(move |_| {
        let username = form.persona.get();
        if let Some((_, policy)) = mock.with_value(|m| m.policy_for(&username)) {
            form.load_policy(&policy);
        }
    });
    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = mock.with_value(|m| clock.with_value(|c| apply(m, c, form)));
        status.set(result.unwrap_or_else(|e| format!("Not applied: {e}")));
    };
    view! {
        <aside class="rg-demo rg-lab" aria-label="Scenario lab">
            <h2>"Scenario lab"</h2>
            <form on:submit=run novalidate>
                <fieldset>
                    <legend>"Who and where"</legend>
                    <LabSelect
                        id="rg-lab-persona"
                        label="Persona"
                        value=form.persona
                        options=PERSONAS
                            .iter()
                            .map(|p| (p.username.to_string(), p.username.to_string()))
                            .collect()
                    />
                    <LabSelect
                        id="rg-lab-place"
                        label="Place"
                        value=form.place
                        options=PLACES
                            .iter()
                            .map(|p| (p.0.to_string(), format!("{}, {}", p.0, p.1)))
                            .collect()
                    />
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
                <fieldset>
                    <legend>"Tenant policy"</legend>
                    <LabSelect
                        id="rg-lab-sign-in"
                        label="Sign-in risk policy"
                        value=form.sign_in
                        options=pairs(
                            &[
                                ("off", "Off"),
                                ("report", "Report only"),
                                ("mfa", "Require MFA"),
                                ("block", "Block"),
                            ],
                        )
                    />
                    <LabSelect
                        id="rg-lab-sign-in-level"
                        label="at or above"
                        value=form.sign_in_level
                        options=levels()
                    />
                    <LabSelect
                        id="rg-lab-user"
                        label="User risk policy"
                        value=form.user
                        options=pairs(
                            &[
                                ("off", "Off"),
                                ("report", "Report only"),
                                ("password", "MFA and password change"),
                                ("remediate", "Require risk remediation"),
                                ("block", "Block"),
                            ],
                        )
                    />
                    <LabSelect
                        id="rg-lab-user-level"
                        label="at or above"
                        value=form.user_level
                        options=levels()
                    />
                    <label>
                        <input
                            type="checkbox"
                            prop:checked=move || form.block_unregistered.get()
                            on:change=move |ev| form.block_unregistered.set(event_target_checked(&ev))
                        />
                        " Block risky users with no MFA method"
                    </label>
                    <label>
                        <input
                            type="checkbox"
                            prop:checked=move || form.registration.get()
                            on:change=move |ev| form.registration.set(event_target_checked(&ev))
                        />
                        " MFA registration policy"
                    </label>
                </fieldset>
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

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect()
}

fn levels() -> Vec<(String, String)> {
    RiskLevel::ALL[1..].iter().map(|l| (format!("{l:?}"), format!("{l:?}"))).collect()
}

#[component]
fn LabSelect(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select id=id on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
            {options
                .into_iter()
                .map(|(v, l)| {
                    let selected = v.clone();
                    view! {
                        <option value=v selected=move || value.get() == selected>
                            {l}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn LabText(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    hint: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            type="text"
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
        />
        {(!hint.is_empty()).then(|| view! { <small id=hint_id>{hint}</small> })}
    }
}

/// One step as the trace shows it: its kind and the rule behind it.
fn step_line(step: &Step) -> String {
    let why = |w: &crate::engine::Why| {
        format!(" (policy {:?}, level {:?}, detections {:?})", w.policy, w.level, w.detections)
    };
    match step {
        Step::Notice { kind, why: w } => format!("Notice {kind:?}{}", why(w)),
        Step::MfaChallenge { methods, failures, why: w, phishing_resistant } => format!(
            "MFA challenge {methods:?}, {failures} wrong{}{}",
            if *phishing_resistant { ", phishing-resistant only" } else { "" },
            why(w)
        ),
        Step::RegistrationInterrupt { days_left, can_skip } => {
            format!(
                "Registration interrupt: {days_left} days left, skip {}",
                if *can_skip { "allowed" } else { "not allowed" }
            )
        }
        Step::Register { allowed, attacker_risk, why: w } => format!(
            "Register {allowed:?}{}{}",
            if *attacker_risk { ", during a risky sign-in" } else { "" },
            w.as_ref().map(why).unwrap_or_default()
        ),
        Step::ChangePassword { reason, rejected } => {
            format!("Change password ({reason:?}){}", if *rejected { ", last one rejected" } else { "" })
        }
        Step::Blocked { reason, why: w } => format!("Blocked {reason:?}{}", why(w)),
        Step::SignedIn { remediations } => format!("Signed in, {} remediation(s)", remediations.len()),
        Step::Cancelled => "Cancelled".into(),
        Step::Failed => "Failed".into(),
    }
}

#[component]
fn TraceView(trace: Trace) -> impl IntoView {
    let s = &trace.source;
    let source = format!("{}, {} · {} · {} · {}", s.location.city, s.location.country, s.ip, s.device, s.app);
    let detections: Vec<String> = trace
        .detections
        .iter()
        .map(|d| format!("{:?}: {:?}, {:?}, {:?}", d.kind, d.level, d.timing, d.state))
        .collect();
    let o = &trace.outcome;
    let remediations: Vec<String> =
        o.remediations.iter().map(|r| format!("{:?}: {:?}", r.risk, r.detail)).collect();
    let report_only: Vec<String> =
        o.report_only.iter().map(|h| format!("{:?} at {:?}", h.policy, h.level)).collect();
    view! {
        <dl class="rg-lab-trace">
            <dt>"Who"</dt>
            <dd>{format!("{} signing in to {}", trace.username, trace.tenant)}</dd>
            <dt>"From"</dt>
            <dd>{source}</dd>
            <dt>"Detections"</dt>
            <dd>{list(detections, "none")}</dd>
            <dt>"Levels"</dt>
            <dd>{format!("sign-in risk {:?}, user risk {:?}", trace.sign_in_risk, trace.user_risk)}</dd>
            <dt>"Steps"</dt>
            <dd>
                <ol>{trace.steps.iter().map(|s| view! { <li>{step_line(s)}</li> }).collect_view()}</ol>
            </dd>
            <dt>"Report-only policies that would have fired"</dt>
            <dd>{list(report_only, "none")}</dd>
            <dt>"Recorded"</dt>
            <dd>
                {format!(
                    "signed in: {}, proved with a method: {}, sessions revoked: {}",
                    o.signed_in,
                    o.verified,
                    o.revoke_sessions,
                )} {list(remediations, "no remediation")}
            </dd>
        </dl>
    }
}

fn list(items: Vec<String>, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <span>{empty}</span> }.into_any();
    }
    view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
}
