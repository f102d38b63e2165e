//! Self-service password reset ("forgot my password") as a pure state machine.
//!
//! Like the sign-in flow, the step is derived from the context and the progress so
//! far. An unknown username gets the same first steps as a real one, but no proof can
//! ever be accepted for it, so it can never reach a new password.
use super::flow::{MethodKind, Remediation, RiskKind, UserState, MAX_MFA_FAILURES};
use super::policy::{Enforcement, TenantPolicy, UserAction};
use super::risk::{self, Detection, RiskDetail, RiskLevel};
use serde::{Deserialize, Serialize};

/// Everything the engine needs to decide one reset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetContext {
    pub now_ms: u64,
    /// `None`: no such account.
    pub user: Option<UserState>,
    pub user_detections: Vec<Detection>,
    pub policy: TenantPolicy,
    /// For a guest (`user.home_tenant` set): the home tenant's policy, which decides
    /// whether the guest may close their own user risk; `None` means unknown (no).
    #[serde(default)]
    pub home_policy: Option<TenantPolicy>,
    /// Picks the methods an unknown username (or one with none usable) is offered,
    /// derived by the backend from the username so the same name always looks alike.
    #[serde(default)]
    pub decoy_seed: u8,
}

/// Wrong codes across resets after which the account can only be reset by an admin
/// (or after a completed sign-in clears the count).
pub const MAX_RESET_FAILURES: u32 = 10;

/// A kind of proof: a text and a call to the same phone are one proof, not two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Proof {
    App,
    Phone,
    Passkey,
}

pub fn proof_of(m: MethodKind) -> Proof {
    match m {
        MethodKind::AuthenticatorApp => Proof::App,
        MethodKind::Sms | MethodKind::Voice => Proof::Phone,
        MethodKind::Passkey => Proof::Passkey,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResetBlock {
    /// The tenant has not turned self-service reset on.
    NotEnabled,
    Disabled,
    /// Fewer registered methods than the policy asks for: only an admin can help.
    TooFewMethods,
    /// The user risk policy blocks this user: a reset would not lift it.
    UserRiskPolicyBlocks,
    TooManyFailedCodes,
    /// A guest at user risk whose home tenant does not let them close it themselves.
    HomeTenantMustRemediate,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResetStep {
    /// Prove who you are with one of `offered`; `proven` so far, `required` in all.
    Verify {
        offered: Vec<MethodKind>,
        proven: Vec<Proof>,
        required: u8,
        failures: u8,
    },
    NewPassword {
        rejected: bool,
    },
    Done {
        unlocked: bool,
        remediation: Option<Remediation>,
    },
    Blocked {
        reason: ResetBlock,
    },
    Cancelled,
    Failed,
}

impl ResetStep {
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Done { .. } | Self::Blocked { .. } | Self::Cancelled | Self::Failed)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResetEvent {
    Verified(MethodKind),
    VerifyFailed,
    PasswordChanged,
    PasswordRejected,
    Cancel,
    BackendError,
}

/// What the unknown username is offered, so its screens look like anyone's.
const DECOY: [MethodKind; 2] = [MethodKind::AuthenticatorApp, MethodKind::Sms];

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResetFlow {
    known: bool,
    block: Option<ResetBlock>,
    offered: Vec<MethodKind>,
    required: u8,
    locked: bool,
    at_risk: bool,
    proven: Vec<Proof>,
    failures: u8,
    changed: bool,
    rejected: bool,
    end: Option<ResetStep>,
}

impl ResetFlow {
    pub fn start(ctx: ResetContext) -> (ResetFlow, ResetStep) {
        let policy = &ctx.policy;
        let required = policy.reset.required() as u8;
        let user_level = risk::user_risk(&ctx.user_detections, ctx.now_ms);
        // Only a known account has a count; an unknown one keeps looking like anyone's.
        let too_many = None;
        let block = ctx
            .user
            .as_ref()
            .and_then(|u| block_for(u, policy, user_level))
            .or_else(|| (!policy.reset.enabled).then_some(ResetBlock::NotEnabled))
            .or(too_many);
        let offered = match &ctx.user {
            Some(u) => usable(u, policy),
            None => DECOY.iter().copied().filter(|m| policy.reset.allowed.contains(m)).collect(),
        };
        let flow = ResetFlow {
            known: ctx.user.is_some(),
            block,
            offered,
            required,
            locked: ctx.user.as_ref().is_some_and(|u| u.locked_until_ms.is_some_and(|t| t > ctx.now_ms)),
            at_risk: user_level > RiskLevel::None,
            proven: vec![],
            failures: 0,
            changed: false,
            rejected: false,
            end: None,
        };
        let step = flow.step();
        (flow, step)
    }

    pub fn step(&self) -> ResetStep {
        if let Some(end) = &self.end {
            return end.clone();
        }
        if let Some(reason) = self.block {
            return ResetStep::Blocked { reason };
        }
        if !self.known || self.proven.len() < self.required as usize {
            return ResetStep::Verify {
                offered: self.offered.clone(),
                proven: self.proven.clone(),
                required: self.required,
                failures: self.failures,
            };
        }
        if !self.changed {
            return ResetStep::NewPassword { rejected: self.rejected };
        }
        let remediation = self.at_risk.then_some(Remediation {
            risk: RiskKind::User,
            detail: RiskDetail::UserPerformedSecuredPasswordReset,
        });
        ResetStep::Done { unlocked: self.locked, remediation }
    }

    /// Applies `event` if the current step takes it; otherwise nothing changes.
    pub fn advance(&mut self, event: ResetEvent) -> Result<ResetStep, ResetStep> {
        let step = self.step();
        if !self.accepts(&step, event) {
            return Err(step);
        }
        match event {
            ResetEvent::Verified(m) => self.proven.push(proof_of(m)),
            ResetEvent::VerifyFailed => {
                self.failures += 1;
                if self.failures >= MAX_MFA_FAILURES {
                    self.end = Some(ResetStep::Blocked { reason: ResetBlock::TooManyFailedCodes });
                }
            }
            ResetEvent::PasswordChanged => self.changed = true,
            ResetEvent::PasswordRejected => self.rejected = true,
            ResetEvent::Cancel => self.end = Some(ResetStep::Cancelled),
            ResetEvent::BackendError => self.end = Some(ResetStep::Failed),
        }
        Ok(self.step())
    }

    fn accepts(&self, step: &ResetStep, event: ResetEvent) -> bool {
        if step.is_terminal() {
            return false;
        }
        match (step, event) {
            (_, ResetEvent::Cancel | ResetEvent::BackendError) => true,
            (ResetStep::Verify { offered, proven, .. }, ResetEvent::Verified(m)) => {
                // An unknown account can never be proven; each proof counts once.
                self.known && offered.contains(&m) && !proven.contains(&proof_of(m))
            }
            (ResetStep::Verify { .. }, ResetEvent::VerifyFailed) => true,
            (ResetStep::NewPassword { .. }, ResetEvent::PasswordChanged | ResetEvent::PasswordRejected) => {
                true
            }
            _ => false,
        }
    }
}

/// Registered methods the policy counts, in a stable order.
fn usable(user: &UserState, policy: &TenantPolicy) -> Vec<MethodKind> {
    user.methods.iter().copied().filter(|m| policy.reset.allowed.contains(m)).collect()
}

fn block_for(user: &UserState, policy: &TenantPolicy, user_level: RiskLevel) -> Option<ResetBlock> {
    if !policy.reset.enabled {
        return Some(ResetBlock::NotEnabled);
    }
    if user.disabled {
        return Some(ResetBlock::Disabled);
    }
    let up = &policy.user_risk;
    if up.enforcement == Enforcement::On && up.action == UserAction::Block && up.fires(user_level) {
        return Some(ResetBlock::UserRiskPolicyBlocks);
    }
    let mut proofs: Vec<Proof> = usable(user, policy).into_iter().map(proof_of).collect();
    proofs.sort_by_key(|p| *p as u8);
    proofs.dedup();
    (proofs.len() < policy.reset.required()).then_some(ResetBlock::TooFewMethods)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::risk::{DetectionKind, Timing};
    use MethodKind::*;

    fn ctx(methods: &[MethodKind]) -> ResetContext {
        let user = UserState { methods: methods.to_vec(), ..UserState::new("u") };
        ResetContext {
            now_ms: 1_000,
            user: Some(user),
            user_detections: vec![],
            policy: TenantPolicy::default(),
            home_policy: None,
            decoy_seed: 0,
        }
    }

    fn run(c: ResetContext, events: &[ResetEvent]) -> ResetStep {
        let (mut flow, mut step) = ResetFlow::start(c);
        for e in events {
            step = flow.advance(*e).unwrap_or_else(|s| panic!("{e:?} refused at {s:?}"));
        }
        step
    }

    #[test]
    fn one_proof_then_a_new_password_completes_the_reset() {
        let step = run(
            ctx(&[AuthenticatorApp]),
            &[ResetEvent::Verified(AuthenticatorApp), ResetEvent::PasswordChanged],
        );
        assert_eq!(step, ResetStep::Done { unlocked: false, remediation: None });
    }

    #[test]
    fn a_two_method_policy_needs_two_different_proofs() {
        let mut c = ctx(&[AuthenticatorApp, Sms, Voice]);
        c.policy.reset.methods_required = 2;
        let (mut flow, _) = ResetFlow::start(c);
        flow.advance(ResetEvent::Verified(Sms)).unwrap();
        assert!(
            flow.advance(ResetEvent::Verified(Voice)).is_err(),
            "a call to the same phone is not a second proof"
        );
        let step = flow.advance(ResetEvent::Verified(AuthenticatorApp)).unwrap();
        assert_eq!(step, ResetStep::NewPassword { rejected: false });
    }

    #[test]
    fn too_few_methods_sends_the_person_to_the_admin() {
        let mut c = ctx(&[Sms, Voice]);
        c.policy.reset.methods_required = 2;
        assert_eq!(ResetFlow::start(c).1, ResetStep::Blocked { reason: ResetBlock::TooFewMethods });
    }

    #[test]
    fn an_unknown_user_sees_a_code_step_that_never_accepts_a_proof() {
        let mut c = ctx(&[]);
        c.user = None;
        let (mut flow, step) = ResetFlow::start(c);
        assert!(matches!(step, ResetStep::Verify { ref offered, .. } if !offered.is_empty()));
        assert!(flow.advance(ResetEvent::Verified(AuthenticatorApp)).is_err());
        assert!(flow.advance(ResetEvent::VerifyFailed).is_ok());
    }

    #[test]
    fn a_reset_unlocks_and_remediates_user_risk() {
        let mut c = ctx(&[AuthenticatorApp]);
        c.user.as_mut().unwrap().locked_until_ms = Some(5_000);
        c.user_detections.push(Detection::new(
            DetectionKind::LeakedCredentials,
            RiskLevel::High,
            Timing::Offline,
            0,
        ));
        let step = run(c, &[ResetEvent::Verified(AuthenticatorApp), ResetEvent::PasswordChanged]);
        let remediation =
            Remediation { risk: RiskKind::User, detail: RiskDetail::UserPerformedSecuredPasswordReset };
        assert_eq!(step, ResetStep::Done { unlocked: true, remediation: Some(remediation) });
    }

    #[test]
    fn a_blocking_user_risk_policy_refuses_the_reset() {
        let mut c = ctx(&[AuthenticatorApp]);
        c.policy.user_risk.action = UserAction::Block;
        c.user_detections.push(Detection::new(
            DetectionKind::LeakedCredentials,
            RiskLevel::High,
            Timing::Offline,
            0,
        ));
        assert_eq!(ResetFlow::start(c).1, ResetStep::Blocked { reason: ResetBlock::UserRiskPolicyBlocks });
    }

    #[test]
    fn disabled_accounts_and_tenants_without_reset_are_refused() {
        let mut c = ctx(&[AuthenticatorApp]);
        c.user.as_mut().unwrap().disabled = true;
        assert_eq!(ResetFlow::start(c.clone()).1, ResetStep::Blocked { reason: ResetBlock::Disabled });
        c.policy.reset.enabled = false;
        assert_eq!(ResetFlow::start(c).1, ResetStep::Blocked { reason: ResetBlock::NotEnabled });
    }

    #[test]
    fn too_many_wrong_codes_end_the_reset() {
        let (mut flow, _) = ResetFlow::start(ctx(&[AuthenticatorApp]));
        for _ in 0..MAX_MFA_FAILURES {
            flow.advance(ResetEvent::VerifyFailed).unwrap();
        }
        assert_eq!(flow.step(), ResetStep::Blocked { reason: ResetBlock::TooManyFailedCodes });
        assert!(flow.advance(ResetEvent::Verified(AuthenticatorApp)).is_err());
    }

    #[test]
    fn methods_the_policy_does_not_count_are_not_offered() {
        let mut c = ctx(&[AuthenticatorApp, Sms]);
        c.policy.reset.allowed = vec![Sms];
        let (_, step) = ResetFlow::start(c);
        assert!(matches!(step, ResetStep::Verify { ref offered, .. } if offered == &vec![Sms]));
    }
}
