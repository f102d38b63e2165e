//! The lab's form, typed: who signs in, from where and when, and the tenant's policies;
//! and how it is put into the mock.
use super::fields::LabChoice;
use crate::backend::directory::{place, source};
use crate::backend::mock::MockBackend;
use crate::backend::platform::ShiftedClock;
use crate::backend::seed::{Persona, PERSONAS};
use crate::engine::policy::{Enforcement, SignInAction, SignInRiskPolicy, UserAction, UserRiskPolicy};
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

/// What the tenant's sign-in risk policy does, as the lab offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SignInRule {
    Off,
    ReportOnly,
    RequireMfa,
    Block,
}

impl SignInRule {
    pub(super) const ALL: [SignInRule; 4] =
        [SignInRule::Off, SignInRule::ReportOnly, SignInRule::RequireMfa, SignInRule::Block];

    fn of(policy: &SignInRiskPolicy) -> SignInRule {
        match (policy.enforcement, policy.action) {
            (Enforcement::Off, _) => SignInRule::Off,
            (Enforcement::ReportOnly, _) => SignInRule::ReportOnly,
            (Enforcement::On, SignInAction::RequireMfa) => SignInRule::RequireMfa,
            (Enforcement::On, SignInAction::Block) => SignInRule::Block,
        }
    }

    /// Sets `policy` to this rule; off and report-only keep the action it had.
    fn write(self, policy: &mut SignInRiskPolicy) {
        let (enforcement, action) = match self {
            SignInRule::Off => (Enforcement::Off, policy.action),
            SignInRule::ReportOnly => (Enforcement::ReportOnly, policy.action),
            SignInRule::RequireMfa => (Enforcement::On, SignInAction::RequireMfa),
            SignInRule::Block => (Enforcement::On, SignInAction::Block),
        };
        policy.enforcement = enforcement;
        policy.action = action;
    }
}

impl LabChoice for SignInRule {
    fn value(self) -> &'static str {
        match self {
            SignInRule::Off => "off",
            SignInRule::ReportOnly => "report",
            SignInRule::RequireMfa => "mfa",
            SignInRule::Block => "block",
        }
    }

    fn label(self) -> String {
        match self {
            SignInRule::Off => "Off",
            SignInRule::ReportOnly => "Report only",
            SignInRule::RequireMfa => "Require MFA",
            SignInRule::Block => "Block",
        }
        .into()
    }
}

/// What the tenant's user risk policy does, as the lab offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UserRule {
    Off,
    ReportOnly,
    MfaAndPasswordChange,
    RequireRemediation,
    Block,
}

impl UserRule {
    pub(super) const ALL: [UserRule; 5] = [
        UserRule::Off,
        UserRule::ReportOnly,
        UserRule::MfaAndPasswordChange,
        UserRule::RequireRemediation,
        UserRule::Block,
    ];

    fn of(policy: &UserRiskPolicy) -> UserRule {
        match (policy.enforcement, policy.action) {
            (Enforcement::Off, _) => UserRule::Off,
            (Enforcement::ReportOnly, _) => UserRule::ReportOnly,
            (Enforcement::On, UserAction::RequireMfaAndPasswordChange) => UserRule::MfaAndPasswordChange,
            (Enforcement::On, UserAction::RequireRiskRemediation) => UserRule::RequireRemediation,
            (Enforcement::On, UserAction::Block) => UserRule::Block,
        }
    }

    /// Sets `policy` to this rule; off and report-only keep the action it had.
    fn write(self, policy: &mut UserRiskPolicy) {
        let (enforcement, action) = match self {
            UserRule::Off => (Enforcement::Off, policy.action),
            UserRule::ReportOnly => (Enforcement::ReportOnly, policy.action),
            UserRule::MfaAndPasswordChange => (Enforcement::On, UserAction::RequireMfaAndPasswordChange),
            UserRule::RequireRemediation => (Enforcement::On, UserAction::RequireRiskRemediation),
            UserRule::Block => (Enforcement::On, UserAction::Block),
        };
        policy.enforcement = enforcement;
        policy.action = action;
    }
}

impl LabChoice for UserRule {
    fn value(self) -> &'static str {
        match self {
            UserRule::Off => "off",
            UserRule::ReportOnly => "report",
            UserRule::MfaAndPasswordChange => "password",
            UserRule::RequireRemediation => "remediate",
            UserRule::Block => "block",
        }
    }

    fn label(self) -> String {
        match self {
            UserRule::Off => "Off",
            UserRule::ReportOnly => "Report only",
            UserRule::MfaAndPasswordChange => "MFA and password change",
            UserRule::RequireRemediation => "Require risk remediation",
            UserRule::Block => "Block",
        }
        .into()
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
    pub sign_in: RwSignal<SignInRule>,
    pub sign_in_level: RwSignal<RiskLevel>,
    pub user: RwSignal<UserRule>,
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
            sign_in: RwSignal::new(SignInRule::RequireMfa),
            sign_in_level: RwSignal::new(RiskLevel::Medium),
            user: RwSignal::new(UserRule::MfaAndPasswordChange),
            user_level: RwSignal::new(RiskLevel::High),
            block_unregistered: RwSignal::new(false),
            registration: RwSignal::new(true),
        }
    }

    /// Shows the policy of the chosen persona's tenant.
    pub(super) fn load_policy(self, policy: &TenantPolicy) {
        self.sign_in.set(SignInRule::of(&policy.sign_in_risk));
        self.sign_in_level.set(policy.sign_in_risk.min_level);
        self.user.set(UserRule::of(&policy.user_risk));
        self.user_level.set(policy.user_risk.min_level);
        self.block_unregistered.set(policy.block_unregistered_at_risk);
        self.registration.set(policy.registration.enforcement == Enforcement::On);
    }

    /// The policy as the form now says, on top of the tenant's current one.
    fn policy(self, mut policy: TenantPolicy) -> TenantPolicy {
        self.sign_in.get_untracked().write(&mut policy.sign_in_risk);
        policy.sign_in_risk.min_level = self.sign_in_level.get_untracked();
        self.user.get_untracked().write(&mut policy.user_risk);
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
