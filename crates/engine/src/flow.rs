//! The sign-in flow: a pure state machine that decides which step comes next and why.
//!
//! The context is fixed when the flow starts; events only record progress. The
//! current step is always derived from the context's requirements and that
//! progress, so there is no step that can be reached by a path the rules do not allow.
use super::policy::TenantPolicy;
use super::risk::{self, Detection, DetectionKind, RiskDetail, RiskLevel};
use super::rules::{requirements, Requirement};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MethodKind {
    AuthenticatorApp,
    Sms,
    Voice,
    Passkey,
}

impl MethodKind {
    pub fn is_phone(self) -> bool {
        matches!(self, Self::Sms | Self::Voice)
    }

    /// Bound to the real site by the browser, so a phishing page cannot relay it.
    pub fn is_phishing_resistant(self) -> bool {
        self == Self::Passkey
    }
}

/// What the directory knows about the person signing in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserState {
    pub id: String,
    pub methods: Vec<MethodKind>,
    pub has_password: bool,
    pub temporary_password: bool,
    pub disabled: bool,
    pub locked_until_ms: Option<u64>,
    /// When the registration interrupt was first shown.
    pub grace_started_ms: Option<u64>,
    /// Set for a guest: the tenant the account belongs to.
    pub home_tenant: Option<String>,
}

impl UserState {
    pub fn new(id: &str) -> Self {
        UserState {
            id: id.into(),
            methods: vec![],
            has_password: true,
            temporary_password: false,
            disabled: false,
            locked_until_ms: None,
            grace_started_ms: None,
            home_tenant: None,
        }
    }
}

/// Everything the engine needs to decide one sign-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInContext {
    pub now_ms: u64,
    pub user: UserState,
    /// Detections raised for this sign-in.
    pub sign_in_detections: Vec<Detection>,
    /// The user's risk history (all detections, open or closed).
    pub user_detections: Vec<Detection>,
    /// The policy of the tenant being signed in to.
    pub policy: TenantPolicy,
    /// For a guest, the home tenant's policy; `None` for a guest means unknown.
    pub home_policy: Option<TenantPolicy>,
    /// The method the sign-in itself was made with, when it was not a password
    /// (a passkey: possession and the person's PIN or biometric, so it is also MFA).
    #[serde(default)]
    pub signed_in_with: Option<MethodKind>,
    /// A signed-in person proving themselves again (step-up, e.g. before IT staff
    /// act): only a method already registered counts, and nothing else is asked.
    #[serde(default)]
    pub step_up: bool,
}

impl SignInContext {
    pub fn sign_in_risk(&self) -> RiskLevel {
        risk::sign_in_risk(&self.sign_in_detections)
    }
    pub fn user_risk(&self) -> RiskLevel {
        risk::user_risk(&self.user_detections, self.now_ms)
    }
}

/// Which rule produced a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PolicyKind {
    AccountStatus,
    UserRisk,
    SignInRisk,
    BlockUnregisteredAtRisk,
    HomeTenant,
    TemporaryPassword,
    Registration,
    MfaAttempts,
    /// A signed-in person proving themselves again before a sensitive action.
    StepUp,
}

/// Why a step was chosen: the rule, the risk level it saw and the detections behind it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Why {
    pub policy: PolicyKind,
    pub level: RiskLevel,
    pub detections: Vec<DetectionKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BlockReason {
    Disabled,
    LockedOut {
        until_ms: u64,
    },
    SignInRisk,
    UserRisk,
    UnregisteredAtRisk,
    HomeTenantMustRemediate,
    TooManyFailedCodes,
    /// A phishing-resistant method (a passkey) is required and the person has none.
    NoPhishingResistantMethod,
}

impl BlockReason {
    /// The variant's name, as on the wire ("LockedOut", not "LockedOut { until_ms: .. }").
    pub fn name(self) -> &'static str {
        match self {
            Self::Disabled => "Disabled",
            Self::LockedOut { .. } => "LockedOut",
            Self::SignInRisk => "SignInRisk",
            Self::UserRisk => "UserRisk",
            Self::UnregisteredAtRisk => "UnregisteredAtRisk",
            Self::HomeTenantMustRemediate => "HomeTenantMustRemediate",
            Self::TooManyFailedCodes => "TooManyFailedCodes",
            Self::NoPhishingResistantMethod => "NoPhishingResistantMethod",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoticeKind {
    SignInRisk,
    UserRisk,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PasswordReason {
    TemporaryPassword,
    UserRisk,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RiskKind {
    SignIn,
    User,
}

impl RiskKind {
    /// The variant's name, as on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Self::SignIn => "SignIn",
            Self::User => "User",
        }
    }
}

/// A risk closed by this sign-in, to be persisted with its detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Remediation {
    pub risk: RiskKind,
    pub detail: RiskDetail,
}

/// The screen the person should see next.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    /// "Something unusual happened" or "your account is at risk"; continue to verify.
    Notice {
        kind: NoticeKind,
        why: Why,
    },
    MfaChallenge {
        methods: Vec<MethodKind>,
        failures: u8,
        why: Why,
        /// Only phishing-resistant methods count here; `why` says which policy asks.
        #[serde(default)]
        phishing_resistant: bool,
    },
    /// "More information required", with the grace days left.
    RegistrationInterrupt {
        days_left: u32,
        can_skip: bool,
    },
    /// Guided registration. `attacker_risk` is set when it happens during a risky sign-in.
    Register {
        allowed: Vec<MethodKind>,
        attacker_risk: bool,
        why: Option<Why>,
    },
    ChangePassword {
        reason: PasswordReason,
        rejected: bool,
    },
    Blocked {
        reason: BlockReason,
        why: Why,
    },
    SignedIn {
        remediations: Vec<Remediation>,
    },
    Cancelled,
    /// The backend failed; the person starts again.
    Failed,
}

impl Step {
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Blocked { .. } | Self::SignedIn { .. } | Self::Cancelled | Self::Failed)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Event {
    /// Acknowledge a notice or the registration interrupt.
    Continue,
    MfaPassed(MethodKind),
    MfaFailed,
    RegistrationCompleted(MethodKind),
    Skip,
    PasswordChanged,
    PasswordRejected,
    BackendError,
    Cancel,
    /// The backend saw too many wrong codes for the method being registered: the flow
    /// ends blocked, as it does after too many wrong MFA codes.
    TooManyWrongCodes,
}

/// An event the current step does not accept; the flow has not moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refused {
    pub event: Event,
    pub step: Step,
}

/// A policy in report-only mode that would have acted on this sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportOnlyHit {
    pub policy: PolicyKind,
    pub level: RiskLevel,
}

/// After this many wrong codes the flow ends blocked.
pub const MAX_MFA_FAILURES: u8 = 5;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct Progress {
    saw_user_notice: bool,
    saw_sign_in_notice: bool,
    saw_interrupt: bool,
    mfa: Option<MethodKind>,
    registered: Option<MethodKind>,
    password_changed: bool,
    password_rejected: bool,
    skipped: bool,
    mfa_failures: u8,
    end: Option<End>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
enum End {
    Cancelled,
    Failed,
    TooManyFailedCodes,
}

/// Outcome of a flow, for the backend to persist.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub signed_in: bool,
    /// The person proved it with a method the account already had (MFA, or a passkey
    /// sign-in). Registering a method in this sign-in never counts: whoever holds the
    /// password could do that.
    pub verified: bool,
    pub remediations: Vec<Remediation>,
    pub revoke_sessions: bool,
    pub grace_started_ms: Option<u64>,
    pub registered: Option<MethodKind>,
    pub report_only: Vec<ReportOnlyHit>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Flow {
    now_ms: u64,
    methods: Vec<MethodKind>,
    /// Some requirement accepts only a phishing-resistant method.
    strong: bool,
    sign_in_risk: RiskLevel,
    first_interrupt: bool,
    requirements: Vec<Requirement>,
    report_only: Vec<ReportOnlyHit>,
    progress: Progress,
}

impl Flow {
    pub fn start(ctx: SignInContext) -> (Flow, Step) {
        let (requirements, report_only) = requirements(&ctx);
        let strong = requirements.iter().any(Requirement::is_strong);
        // A passkey sign-in is itself multifactor; the backend has checked it. A step-up
        // is proof after the sign-in, so the sign-in's own method does not count there.
        let primary = ctx
            .signed_in_with
            .filter(|m| !ctx.step_up && m.is_phishing_resistant() && ctx.user.methods.contains(m));
        // A step-up weighs no risk, so it closes none.
        let sign_in_risk = if ctx.step_up { RiskLevel::None } else { ctx.sign_in_risk() };
        let flow = Flow {
            now_ms: ctx.now_ms,
            strong,
            methods: ctx.user.methods.clone(),
            sign_in_risk,
            first_interrupt: ctx.user.grace_started_ms.is_none(),
            requirements,
            report_only,
            progress: Progress { mfa: primary, ..Progress::default() },
        };
        let step = flow.step();
        (flow, step)
    }

    /// Applies `event` if the current step accepts it; otherwise nothing changes.
    pub fn advance(&mut self, event: Event) -> Result<Step, Refused> {
        let step = self.step();
        if !accepts(&step, event) {
            return Err(Refused { event, step });
        }
        self.record(event);
        Ok(self.step())
    }

    pub fn report_only(&self) -> &[ReportOnlyHit] {
        &self.report_only
    }

    pub fn outcome(&self) -> Outcome {
        let p = &self.progress;
        let grace_started_ms = (p.saw_interrupt && self.first_interrupt).then_some(self.now_ms);
        let mut outcome = Outcome {
            grace_started_ms,
            registered: p.registered,
            report_only: self.report_only.clone(),
            ..Outcome::default()
        };
        if let Step::SignedIn { remediations } = self.step() {
            outcome.signed_in = true;
            outcome.verified = p.mfa.is_some();
            outcome.revoke_sessions =
                remediations.iter().any(|r| r.detail == RiskDetail::UserReauthenticatedPasswordless);
            outcome.remediations = remediations;
        }
        outcome
    }

    fn record(&mut self, event: Event) {
        let step = self.step();
        let p = &mut self.progress;
        match (event, step) {
            (Event::Continue, Step::Notice { kind: NoticeKind::UserRisk, .. }) => p.saw_user_notice = true,
            (Event::Continue, Step::Notice { kind: NoticeKind::SignInRisk, .. }) => {
                p.saw_sign_in_notice = true
            }
            (Event::Continue, _) => p.saw_interrupt = true,
            (Event::MfaPassed(m), _) => p.mfa = Some(m),
            (Event::MfaFailed, _) => {
                p.mfa_failures += 1;
                if p.mfa_failures >= MAX_MFA_FAILURES {
                    p.end = Some(End::TooManyFailedCodes);
                }
            }
            (Event::RegistrationCompleted(m), _) => p.registered = Some(m),
            (Event::Skip, _) => {
                p.saw_interrupt = true;
                p.skipped = true;
            }
            (Event::PasswordChanged, _) => p.password_changed = true,
            (Event::PasswordRejected, _) => p.password_rejected = true,
            (Event::BackendError, _) => p.end = Some(End::Failed),
            (Event::Cancel, _) => p.end = Some(End::Cancelled),
            (Event::TooManyWrongCodes, _) => p.end = Some(End::TooManyFailedCodes),
        }
    }

    /// The current step, derived from the requirements and the progress so far.
    pub fn step(&self) -> Step {
        let p = &self.progress;
        match p.end {
            Some(End::Cancelled) => return Step::Cancelled,
            Some(End::Failed) => return Step::Failed,
            Some(End::TooManyFailedCodes) => {
                let why =
                    Why { policy: PolicyKind::MfaAttempts, level: self.sign_in_risk, detections: vec![] };
                return Step::Blocked { reason: BlockReason::TooManyFailedCodes, why };
            }
            None => {}
        }
        for req in &self.requirements {
            if let Some(step) = self.pending(req) {
                return step;
            }
        }
        Step::SignedIn { remediations: self.remediations() }
    }

    /// The step `req` still needs, or `None` when it is satisfied.
    fn pending(&self, req: &Requirement) -> Option<Step> {
        let p = &self.progress;
        match req {
            Requirement::Block(reason, why) => Some(Step::Blocked { reason: *reason, why: why.clone() }),
            Requirement::UserRisk { why, password_change } => {
                if !p.saw_user_notice {
                    return Some(Step::Notice { kind: NoticeKind::UserRisk, why: why.clone() });
                }
                if !self.verified() {
                    return Some(self.verify(why));
                }
                (*password_change && !p.password_changed).then_some(Step::ChangePassword {
                    reason: PasswordReason::UserRisk,
                    rejected: p.password_rejected,
                })
            }
            Requirement::SignInRisk { why, .. } => {
                if self.verified() {
                    return None;
                }
                if !p.saw_sign_in_notice {
                    return Some(Step::Notice { kind: NoticeKind::SignInRisk, why: why.clone() });
                }
                Some(self.verify(why))
            }
            Requirement::TemporaryPassword => (!p.password_changed).then_some(Step::ChangePassword {
                reason: PasswordReason::TemporaryPassword,
                rejected: p.password_rejected,
            }),
            Requirement::Registration { days_left, can_skip, risk } => {
                if p.skipped || p.registered.is_some() {
                    return None;
                }
                if !p.saw_interrupt {
                    return Some(Step::RegistrationInterrupt { days_left: *days_left, can_skip: *can_skip });
                }
                Some(match risk {
                    Some(why) => register_at_risk(why),
                    None => Step::Register { allowed: all_methods(), attacker_risk: false, why: None },
                })
            }
            Requirement::StepUp { why } => p.mfa.is_none().then(|| Step::MfaChallenge {
                methods: self.methods.clone(),
                failures: p.mfa_failures,
                why: why.clone(),
                phishing_resistant: false,
            }),
        }
    }

    /// MFA passed, or (only reachable with block-unregistered off) a method registered;
    /// with a phishing-resistant method where a requirement asks for one. This lets the
    /// person in; only MFA makes the session proven (`Outcome::verified`).
    fn verified(&self) -> bool {
        let p = &self.progress;
        let proof = if self.strong { p.mfa } else { p.mfa.or(p.registered) };
        proof.is_some_and(|m| !self.strong || m.is_phishing_resistant())
    }

    fn verify(&self, why: &Why) -> Step {
        if self.methods.is_empty() {
            return register_at_risk(why);
        }
        let methods = self.methods.iter().copied().filter(|m| !self.strong || m.is_phishing_resistant());
        Step::MfaChallenge {
            methods: methods.collect(),
            failures: self.progress.mfa_failures,
            why: why.clone(),
            phishing_resistant: self.strong,
        }
    }

    /// Only proof with an already registered method closes risk; registering a new
    /// method during a risky sign-in lets the person in but leaves the risk open.
    fn remediations(&self) -> Vec<Remediation> {
        let p = &self.progress;
        let mut out = vec![];
        if p.mfa.is_none() {
            return out;
        }
        for req in &self.requirements {
            if let Requirement::UserRisk { password_change, .. } = req {
                let detail = if *password_change {
                    RiskDetail::UserPerformedSecuredPasswordChange
                } else {
                    RiskDetail::UserReauthenticatedPasswordless
                };
                out.push(Remediation { risk: RiskKind::User, detail });
            }
        }
        if self.sign_in_risk > RiskLevel::None {
            out.push(Remediation {
                risk: RiskKind::SignIn,
                detail: RiskDetail::UserPassedMfaDrivenByRiskPolicy,
            });
        }
        out
    }
}

fn all_methods() -> Vec<MethodKind> {
    vec![MethodKind::AuthenticatorApp, MethodKind::Sms, MethodKind::Voice, MethodKind::Passkey]
}

/// Registration while the account is at risk: the person may be an attacker holding the
/// password, who must not be able to add a phone.
fn register_at_risk(why: &Why) -> Step {
    let allowed = all_methods().into_iter().filter(|m| !m.is_phone()).collect();
    Step::Register { allowed, attacker_risk: true, why: Some(why.clone()) }
}

fn accepts(step: &Step, event: Event) -> bool {
    if step.is_terminal() {
        return false;
    }
    if matches!(event, Event::Cancel | Event::BackendError) {
        return true;
    }
    match step {
        Step::Notice { .. } => event == Event::Continue,
        Step::MfaChallenge { methods, .. } => match event {
            Event::MfaPassed(m) => methods.contains(&m),
            Event::MfaFailed => true,
            _ => false,
        },
        Step::RegistrationInterrupt { can_skip, .. } => {
            event == Event::Continue || (*can_skip && event == Event::Skip)
        }
        Step::Register { allowed, .. } => match event {
            Event::RegistrationCompleted(m) => allowed.contains(&m),
            Event::TooManyWrongCodes => true,
            _ => false,
        },
        Step::ChangePassword { .. } => matches!(event, Event::PasswordChanged | Event::PasswordRejected),
        _ => false,
    }
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
