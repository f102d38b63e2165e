//! What the tenant's policies require of one sign-in, worked out once when it starts:
//! account status, user risk, sign-in risk, unregistered at risk, temporary password,
//! registration. The flow (flow.rs) then derives each step from these and its progress.
use super::flow::{BlockReason, PolicyKind, ReportOnlyHit, SignInContext, Why};
use super::policy::{grace_days_left, Enforcement, SignInAction, TenantPolicy, UserAction};
use super::risk::{Detection, DetectionKind, RiskLevel};
use serde::{Deserialize, Serialize};

/// One thing the person must do before signing in, in the order they must do it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(crate) enum Requirement {
    Block(BlockReason, Why),
    UserRisk {
        why: Why,
        password_change: bool,
    },
    /// `strong`: only a phishing-resistant method satisfies it.
    SignInRisk {
        why: Why,
        strong: bool,
    },
    TemporaryPassword,
    /// `risk`: the open risk that makes this a registration an attacker could be doing.
    Registration {
        days_left: u32,
        can_skip: bool,
        risk: Option<Why>,
    },
    /// Proof with a method the account already has, and nothing else.
    StepUp {
        why: Why,
    },
}

impl Requirement {
    pub(crate) fn is_strong(&self) -> bool {
        match self {
            Requirement::SignInRisk { strong, .. } => *strong,
            // Without a password, only a passkey re-authenticates the person.
            Requirement::UserRisk { password_change, .. } => !password_change,
            _ => false,
        }
    }
}

fn detection_kinds(ds: &[Detection], pick: impl Fn(&Detection) -> bool) -> Vec<DetectionKind> {
    let mut kinds: Vec<_> = ds.iter().filter(|d| d.state.is_open() && pick(d)).map(|d| d.kind).collect();
    kinds.dedup();
    kinds
}

/// What the rules ask of one sign-in, as they are worked out.
#[derive(Default)]
struct Plan {
    blocks: Vec<Requirement>,
    reqs: Vec<Requirement>,
    report_only: Vec<ReportOnlyHit>,
}

impl Plan {
    fn block(&mut self, reason: BlockReason, why: Why) {
        self.blocks.push(Requirement::Block(reason, why));
    }

    /// Any block wins over every other requirement.
    fn finish(self) -> (Vec<Requirement>, Vec<ReportOnlyHit>) {
        match self.blocks.into_iter().next() {
            Some(first) => (vec![first], self.report_only),
            None => (self.reqs, self.report_only),
        }
    }
}

/// Works out, once per sign-in, what the person must do, in the engine's fixed order:
/// account status, user risk, sign-in risk, unregistered at risk, temporary password,
/// registration. A step-up asks only for the account status and a method it already has.
pub(crate) fn requirements(ctx: &SignInContext) -> (Vec<Requirement>, Vec<ReportOnlyHit>) {
    let mut plan = Plan::default();
    status_blocks(ctx, &mut plan);
    if ctx.step_up {
        let first = plan.blocks.into_iter().next().unwrap_or_else(|| step_up(ctx));
        return (vec![first], vec![]);
    }
    user_risk_rule(ctx, &mut plan);
    sign_in_risk_rule(ctx, &mut plan);
    // Block-unregistered is its own switch: it acts on any open risk, whether or not a risk
    // policy fires, is report-only or is off. Registering is what an attacker holding the
    // password would do, so the tenant that turned it on wants no registration at risk.
    if let Some(why) = unregistered_at_risk(ctx).filter(|_| ctx.policy.block_unregistered_at_risk) {
        plan.block(
            BlockReason::UnregisteredAtRisk,
            Why { policy: PolicyKind::BlockUnregisteredAtRisk, ..why },
        );
    }
    if ctx.user.temporary_password {
        plan.reqs.push(Requirement::TemporaryPassword);
    }
    registration_rule(ctx, &mut plan);
    plan.finish()
}

fn status_blocks(ctx: &SignInContext, plan: &mut Plan) {
    let why = || Why { policy: PolicyKind::AccountStatus, level: RiskLevel::None, detections: vec![] };
    if ctx.user.disabled {
        plan.block(BlockReason::Disabled, why());
    }
    if let Some(until_ms) = ctx.user.locked_until_ms.filter(|&t| t > ctx.now_ms) {
        plan.block(BlockReason::LockedOut { until_ms }, why());
    }
}

/// The backend never starts a step-up for an account without methods; should one come,
/// nothing can prove it, so it is blocked rather than offered a registration.
fn step_up(ctx: &SignInContext) -> Requirement {
    let why = Why { policy: PolicyKind::StepUp, level: RiskLevel::None, detections: vec![] };
    if ctx.user.methods.is_empty() {
        return Requirement::Block(BlockReason::UnregisteredAtRisk, why);
    }
    Requirement::StepUp { why }
}

/// A guest remediates at home, so the home tenant must allow self-remediation of that
/// kind of risk; an unknown home policy allows nothing.
fn home_refuses(ctx: &SignInContext, allows: fn(&TenantPolicy) -> bool) -> bool {
    ctx.user.home_tenant.is_some() && !ctx.home_policy.as_ref().is_some_and(allows)
}

fn block_unregistered(ctx: &SignInContext) -> bool {
    ctx.user.methods.is_empty() && ctx.policy.block_unregistered_at_risk
}

fn user_risk_rule(ctx: &SignInContext, plan: &mut Plan) {
    let (user, policy) = (&ctx.user, &ctx.policy.user_risk);
    let level = ctx.user_risk();
    if !policy.fires(level) {
        return;
    }
    let why = Why {
        policy: PolicyKind::UserRisk,
        level,
        detections: detection_kinds(&ctx.user_detections, |_| true),
    };
    let has_strong = user.methods.iter().any(|m| m.is_phishing_resistant());
    match (policy.enforcement, policy.action) {
        (Enforcement::ReportOnly, _) => {
            plan.report_only.push(ReportOnlyHit { policy: PolicyKind::UserRisk, level })
        }
        (_, UserAction::Block) => plan.block(BlockReason::UserRisk, why),
        _ if home_refuses(ctx, TenantPolicy::allows_user_self_remediation) => {
            plan.block(BlockReason::HomeTenantMustRemediate, Why { policy: PolicyKind::HomeTenant, ..why })
        }
        _ if block_unregistered(ctx) => plan.block(
            BlockReason::UnregisteredAtRisk,
            Why { policy: PolicyKind::BlockUnregisteredAtRisk, ..why },
        ),
        // Without a password there is nothing to change: only re-authentication can help.
        (_, UserAction::RequireMfaAndPasswordChange) if !user.has_password => {
            plan.block(BlockReason::UserRisk, why)
        }
        _ if !user.has_password && !has_strong => plan.block(BlockReason::NoPhishingResistantMethod, why),
        _ => plan.reqs.push(Requirement::UserRisk { why, password_change: user.has_password }),
    }
}

fn sign_in_risk_rule(ctx: &SignInContext, plan: &mut Plan) {
    let policy = &ctx.policy;
    let level = ctx.sign_in_risk();
    if !policy.sign_in_risk.fires(level) {
        return;
    }
    let why = Why {
        policy: PolicyKind::SignInRisk,
        level,
        detections: detection_kinds(&ctx.sign_in_detections, |d| d.kind.is_sign_in()),
    };
    let strong = policy.phishing_resistant_for_high_risk && level == RiskLevel::High;
    let has_strong = ctx.user.methods.iter().any(|m| m.is_phishing_resistant());
    match (policy.sign_in_risk.enforcement, policy.sign_in_risk.action) {
        (Enforcement::ReportOnly, _) => {
            plan.report_only.push(ReportOnlyHit { policy: PolicyKind::SignInRisk, level })
        }
        (_, SignInAction::Block) => plan.block(BlockReason::SignInRisk, why),
        _ if home_refuses(ctx, TenantPolicy::allows_sign_in_self_remediation) => {
            plan.block(BlockReason::HomeTenantMustRemediate, Why { policy: PolicyKind::HomeTenant, ..why })
        }
        _ if block_unregistered(ctx) => plan.block(
            BlockReason::UnregisteredAtRisk,
            Why { policy: PolicyKind::BlockUnregisteredAtRisk, ..why },
        ),
        _ if strong && !has_strong => plan.block(BlockReason::NoPhishingResistantMethod, why),
        _ => plan.reqs.push(Requirement::SignInRisk { why, strong }),
    }
}

/// For an account with no method, any open risk (user risk first, then this sign-in's),
/// whether or not a policy acts on it: whoever signs in may be an attacker.
fn unregistered_at_risk(ctx: &SignInContext) -> Option<Why> {
    if !ctx.user.methods.is_empty() {
        return None;
    }
    let (user_level, sign_in_level) = (ctx.user_risk(), ctx.sign_in_risk());
    let (level, detections) = if user_level > RiskLevel::None {
        (user_level, detection_kinds(&ctx.user_detections, |_| true))
    } else if sign_in_level > RiskLevel::None {
        (sign_in_level, detection_kinds(&ctx.sign_in_detections, |d| d.kind.is_sign_in()))
    } else {
        return None;
    };
    Some(Why { policy: PolicyKind::Registration, level, detections })
}

fn registration_rule(ctx: &SignInContext, plan: &mut Plan) {
    let (user, reg) = (&ctx.user, &ctx.policy.registration);
    if reg.enforcement == Enforcement::Off || !user.methods.is_empty() || !reg.applies_to(&user.id) {
        return;
    }
    if reg.enforcement == Enforcement::ReportOnly {
        plan.report_only.push(ReportOnlyHit { policy: PolicyKind::Registration, level: RiskLevel::None });
        return;
    }
    let days_left = grace_days_left(user.grace_started_ms, ctx.now_ms);
    let risk = unregistered_at_risk(ctx);
    plan.reqs.push(Requirement::Registration { days_left, can_skip: days_left > 0, risk });
}
