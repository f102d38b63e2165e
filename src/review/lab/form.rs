//! The lab's form, typed: who signs in, from where and when, and the tenant's policies;
//! and how it is put into the mock.
use super::fields::LabChoice;
use crate::backend::directory::{place, source};
use crate::backend::mock::MockBackend;
use crate::backend::platform::ShiftedClock;
use crate::backend::seed::{Persona, PERSONAS};
use crate::engine::policy::{Enforcement, SignInAction, UserAction};
use crate::engine::{RiskLevel, TenantPolicy};
use leptos::prelude::*;

/// A place the lab offers, with coordinates for the travel checks.
#[derive(Debug, PartialEq)]
pub(super) struct Place {
    city: &'static str,
    country: &'static str,
    lat: f64,
    lon: f64,
}

const fn at(city: &'static str, country: &'static str, lat: f64, lon: f64) -> Place {
    Place { city, country, lat, lon }
}

pub(super) const PLACES: &[Place] = &[
    at("Seattle", "US", 47.61, -122.33),
    at("Lisbon", "PT", 38.72, -9.14),
    at("Moscow", "RU", 55.75, 37.62),
    at("Sydney", "AU", -33.87, 151.21),
    at("São Paulo", "BR", -23.55, -46.63),
    at("Amsterdam", "NL", 52.37, 4.90),
];

const HOUR_MS: i64 = 3_600_000;

/// What a tenant's risk policy does, as the lab offers it: off, report only, or on
/// with one of its actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rule<A> {
    Off,
    ReportOnly,
    On(A),
}

impl<A: LabAction> Rule<A> {
    /// Off, report only, then each action.
    pub(super) fn all() -> Vec<Rule<A>> {
        [Rule::Off, Rule::ReportOnly].into_iter().chain(A::ALL.iter().map(|a| Rule::On(*a))).collect()
    }

    fn of(enforcement: Enforcement, action: A) -> Rule<A> {
        match enforcement {
            Enforcement::Off => Rule::Off,
            Enforcement::ReportOnly => Rule::ReportOnly,
            Enforcement::On => Rule::On(action),
        }
    }

    /// Sets a policy's enforcement and action to this rule; off and report-only keep the
    /// action it had.
    fn write(self, enforcement: &mut Enforcement, action: &mut A) {
        *enforcement = match self {
            Rule::Off => Enforcement::Off,
            Rule::ReportOnly => Enforcement::ReportOnly,
            Rule::On(a) => {
                *action = a;
                Enforcement::On
            }
        };
    }
}

impl<A: LabAction> LabChoice for Rule<A> {
    fn value(self) -> &'static str {
        match self {
            Rule::Off => "off",
            Rule::ReportOnly => "report",
            Rule::On(a) => a.value(),
        }
    }

    fn label(self) -> String {
        match self {
            Rule::Off => "Off",
            Rule::ReportOnly => "Report only",
            Rule::On(a) => a.label(),
        }
        .into()
    }
}

/// A risk policy's action as the lab names it: in the page and in words.
pub(super) trait LabAction: Copy + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn value(self) -> &'static str;
    fn label(self) -> &'static str;
}

impl LabAction for SignInAction {
    const ALL: &'static [Self] = &[SignInAction::RequireMfa, SignInAction::Block];

    fn value(self) -> &'static str {
        match self {
            SignInAction::RequireMfa => "mfa",
            SignInAction::Block => "block",
        }
    }

    fn label(self) -> &'static str {
        match self {
            SignInAction::RequireMfa => "Require MFA",
            SignInAction::Block => "Block",
        }
    }
}

impl LabAction for UserAction {
    const ALL: &'static [Self] =
        &[UserAction::RequireMfaAndPasswordChange, UserAction::RequireRiskRemediation, UserAction::Block];

    fn value(self) -> &'static str {
        match self {
            UserAction::RequireMfaAndPasswordChange => "password",
            UserAction::RequireRiskRemediation => "remediate",
            UserAction::Block => "block",
        }
    }

    fn label(self) -> &'static str {
        match self {
            UserAction::RequireMfaAndPasswordChange => "MFA and password change",
            UserAction::RequireRiskRemediation => "Require risk remediation",
            UserAction::Block => "Block",
        }
    }
}

/// The levels a policy can start at: none is not offered (it reads as low).
pub(super) const LEVELS: [RiskLevel; 3] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High];

impl LabChoice for RiskLevel {
    fn value(self) -> &'static str {
        match self {
            RiskLevel::None => "None",
            RiskLevel::Low => "Low",
            RiskLevel::Medium => "Medium",
            RiskLevel::High => "High",
        }
    }

    fn label(self) -> String {
        self.value().into()
    }
}

impl LabChoice for &'static Persona {
    fn value(self) -> &'static str {
        self.username
    }

    fn label(self) -> String {
        self.username.into()
    }
}

impl LabChoice for &'static Place {
    fn value(self) -> &'static str {
        self.city
    }

    fn label(self) -> String {
        format!("{}, {}", self.city, self.country)
    }
}

/// The lab's form: the context as typed, the policy as chosen.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub persona: RwSignal<&'static Persona>,
    pub place: RwSignal<&'static Place>,
    pub ip: RwSignal<String>,
    pub device: RwSignal<String>,
    pub app: RwSignal<String>,
    pub hours: RwSignal<String>,
    pub sign_in: RwSignal<Rule<SignInAction>>,
    pub sign_in_level: RwSignal<RiskLevel>,
    pub user: RwSignal<Rule<UserAction>>,
    pub user_level: RwSignal<RiskLevel>,
    pub block_unregistered: RwSignal<bool>,
    pub registration: RwSignal<bool>,
}

impl Form {
    pub(super) fn new() -> Form {
        Form {
            persona: RwSignal::new(&PERSONAS[0]),
            place: RwSignal::new(&PLACES[1]), // Lisbon
            ip: RwSignal::new("198.51.100.23".into()),
            device: RwSignal::new("Unknown Windows PC".into()),
            app: RwSignal::new("Browser".into()),
            hours: RwSignal::new("0".into()),
            sign_in: RwSignal::new(Rule::On(SignInAction::RequireMfa)),
            sign_in_level: RwSignal::new(RiskLevel::Medium),
            user: RwSignal::new(Rule::On(UserAction::RequireMfaAndPasswordChange)),
            user_level: RwSignal::new(RiskLevel::High),
            block_unregistered: RwSignal::new(false),
            registration: RwSignal::new(true),
        }
    }

    /// Shows the policy of the chosen persona's tenant.
    pub(super) fn load_policy(self, policy: &TenantPolicy) {
        self.sign_in.set(Rule::of(policy.sign_in_risk.enforcement, policy.sign_in_risk.action));
        self.sign_in_level.set(policy.sign_in_risk.min_level);
        self.user.set(Rule::of(policy.user_risk.enforcement, policy.user_risk.action));
        self.user_level.set(policy.user_risk.min_level);
        self.block_unregistered.set(policy.block_unregistered_at_risk);
        self.registration.set(policy.registration.enforcement == Enforcement::On);
    }

    /// The policy as the form now says, on top of the tenant's current one.
    fn policy(self, mut policy: TenantPolicy) -> TenantPolicy {
        let risk = &mut policy.sign_in_risk;
        self.sign_in.get_untracked().write(&mut risk.enforcement, &mut risk.action);
        policy.sign_in_risk.min_level = self.sign_in_level.get_untracked();
        let risk = &mut policy.user_risk;
        self.user.get_untracked().write(&mut risk.enforcement, &mut risk.action);
        policy.user_risk.min_level = self.user_level.get_untracked();
        policy.block_unregistered_at_risk = self.block_unregistered.get_untracked();
        policy.registration.enforcement =
            if self.registration.get_untracked() { Enforcement::On } else { Enforcement::Off };
        policy
    }
}

/// Puts the form into the mock: the persona's next sign-in, the clock, the policy.
pub(super) fn apply(mock: &MockBackend, clock: &ShiftedClock, form: Form) -> Result<String, String> {
    let persona = form.persona.get_untracked();
    let Place { city, country, lat, lon } = form.place.get_untracked();
    let ip = form.ip.get_untracked();
    if ip.trim().parse::<std::net::Ipv4Addr>().is_err() {
        return Err(format!("{ip:?} is not an IPv4 address such as 198.51.100.23"));
    }
    let hours: i64 = form.hours.get_untracked().trim().parse().map_err(|_| "hours must be a whole number")?;
    if !(-24 * 30..=24 * 30).contains(&hours) {
        return Err("keep the time within 30 days of now".into());
    }
    let (tenant, policy) = mock.policy_for(persona.username).ok_or("no such persona")?;
    let from = source(
        place(city, country, *lat, *lon),
        ip.trim(),
        &form.device.get_untracked(),
        &form.app.get_untracked(),
    );
    mock.script_next_sign_in(persona.username, from).map_err(|e| format!("{e:?}"))?;
    mock.replace_policy(&tenant, form.policy(policy)).map_err(|e| format!("{e:?}"))?;
    clock.set_offset_ms(hours * HOUR_MS);
    Ok(format!(
        "Ready: sign in as {} with {} in the form; the trace appears below.",
        persona.username, persona.password
    ))
}
