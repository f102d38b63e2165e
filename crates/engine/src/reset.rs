//! Self-service password reset ("forgot my password") as a pure state machine.
//!
//! Like the sign-in flow, the step is derived from the context and the progress so
//! far. Before a first proof every username looks alike: it is offered methods to prove
//! (a decoy drawn from common shapes when it has none usable, as an unknown username
//! has) and told no reason it could not be reset, save the tenant-wide `NotEnabled`.
//! An account's own reason (disabled, too few methods, blocked by risk, a guest's home
//! tenant) is told once it has given a proof. No proof is ever accepted for an unknown
//! username or a decoy method, so neither gets past `Verify`.
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

/// Common shapes of registered methods. An unknown username (or an account with no
/// usable method) is offered one of them, picked by its seed, so it looks like anyone's.
const DECOYS: [&[MethodKind]; 4] = [
    &[MethodKind::AuthenticatorApp],
    &[MethodKind::AuthenticatorApp, MethodKind::Sms],
    &[MethodKind::Sms],
    &[MethodKind::AuthenticatorApp, MethodKind::Passkey],
];

/// One reset. Until a first proof it looks the same for an unknown username and for an
/// account that can't be reset.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResetFlow {
    /// Why the reset cannot complete; see `step` for when it is told.
    block: Option<ResetBlock>,
    offered: Vec<MethodKind>,
    /// The methods a proof is accepted for: none for an unknown username or a decoy.
    provable: Vec<MethodKind>,
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
        let user_level = risk::user_risk(&ctx.user_detections, ctx.now_ms);
        let block = if policy.reset.enabled {
            ctx.user.as_ref().and_then(|u| block_for(u, &ctx, user_level))
        } else {
            Some(ResetBlock::NotEnabled)
        };
        let provable = ctx.user.as_ref().map_or(vec![], |u| usable(u, policy));
        let offered = if provable.is_empty() { decoy(ctx.decoy_seed, policy) } else { provable.clone() };
        let flow = ResetFlow {
            block,
            offered,
            provable,
            required: policy.reset.required() as u8,
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
        // `NotEnabled` is the tenant's, the same for every username. Any other reason is
        // the account's own: told only to someone who has proven one of its methods.
        let told = |r: &ResetBlock| *r == ResetBlock::NotEnabled || !self.proven.is_empty();
        if let Some(reason) = self.block.filter(told) {
            return ResetStep::Blocked { reason };
        }
        // An unknown username never has a proof, so it stays here.
        if self.proven.len() < self.required as usize {
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
            (ResetStep::Verify { proven, .. }, ResetEvent::Verified(m)) => {
                // Never a decoy or an unknown account's method; each proof counts once.
                self.provable.contains(&m) && !proven.contains(&proof_of(m))
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

/// The shape `seed` picks, with the methods the tenant counts; if none is left, the
/// first shape that keeps one, else the first method the tenant counts.
fn decoy(seed: u8, policy: &TenantPolicy) -> Vec<MethodKind> {
    let counted = |shape: &[MethodKind]| -> Vec<MethodKind> {
        shape.iter().copied().filter(|m| policy.reset.allowed.contains(m)).collect()
    };
    std::iter::once(DECOYS[seed as usize % DECOYS.len()])
        .chain(DECOYS)
        .map(counted)
        .find(|offered| !offered.is_empty())
        .unwrap_or_else(|| policy.reset.allowed.iter().copied().take(1).collect())
}

/// Why a known account (of a tenant with reset on) cannot be reset.
fn block_for(user: &UserState, ctx: &ResetContext, user_level: RiskLevel) -> Option<ResetBlock> {
    let policy = &ctx.policy;
    if user.disabled {
        return Some(ResetBlock::Disabled);
    }
    let up = &policy.user_risk;
    if up.enforcement == Enforcement::On && up.action == UserAction::Block && up.fires(user_level) {
        return Some(ResetBlock::UserRiskPolicyBlocks);
    }
    // A reset closes the user risk, and a guest's is closed at home: only if the home
    // tenant lets its people do it themselves (an unknown home policy does not).
    let home_allows = ctx.home_policy.as_ref().is_some_and(TenantPolicy::allows_user_self_remediation);
    if user.home_tenant.is_some() && user_level > RiskLevel::None && !home_allows {
        return Some(ResetBlock::HomeTenantMustRemediate);
    }
    let mut proofs: Vec<Proof> = usable(user, policy).into_iter().map(proof_of).collect();
    proofs.sort_by_key(|p| *p as u8);
    proofs.dedup();
    (proofs.len() < policy.reset.required()).then_some(ResetBlock::TooFewMethods)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::{DetectionKind, Timing};
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

    /// The blocked step a known account reaches after its first proof with `m`.
    fn after_one_proof(c: ResetContext, m: MethodKind) -> ResetStep {
        let (mut flow, step) = ResetFlow::start(c);
        assert!(matches!(step, ResetStep::Verify { .. }), "a reason told before a proof: {step:?}");
        flow.advance(ResetEvent::Verified(m)).unwrap()
    }

    fn leaked(c: &mut ResetContext, level: RiskLevel) {
        c.user_detections.push(Detection::new(DetectionKind::LeakedCredentials, level, Timing::Offline, 0));
    }

    #[test]
    fn too_few_methods_sends_the_person_to_the_admin_after_a_proof() {
        let mut c = ctx(&[Sms, Voice]);
        c.policy.reset.methods_required = 2;
        let step = after_one_proof(c, Sms);
        assert_eq!(step, ResetStep::Blocked { reason: ResetBlock::TooFewMethods });
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
    fn a_blocking_user_risk_policy_refuses_the_reset_after_a_proof() {
        let mut c = ctx(&[AuthenticatorApp]);
        c.policy.user_risk.action = UserAction::Block;
        leaked(&mut c, RiskLevel::High);
        let step = after_one_proof(c, AuthenticatorApp);
        assert_eq!(step, ResetStep::Blocked { reason: ResetBlock::UserRiskPolicyBlocks });
    }

    #[test]
    fn disabled_accounts_are_refused_after_a_proof_and_tenants_without_reset_at_once() {
        let mut c = ctx(&[AuthenticatorApp]);
        c.user.as_mut().unwrap().disabled = true;
        let step = after_one_proof(c.clone(), AuthenticatorApp);
        assert_eq!(step, ResetStep::Blocked { reason: ResetBlock::Disabled });
        c.policy.reset.enabled = false;
        assert_eq!(ResetFlow::start(c.clone()).1, ResetStep::Blocked { reason: ResetBlock::NotEnabled });
        c.user = None;
        assert_eq!(ResetFlow::start(c).1, ResetStep::Blocked { reason: ResetBlock::NotEnabled });
    }

    #[test]
    fn a_stranger_cannot_tell_a_blocked_account_from_an_unknown_username_before_a_proof() {
        let mut unknown = ctx(&[]);
        unknown.user = None;
        let first = ResetFlow::start(unknown).1;
        let mut disabled = ctx(&[AuthenticatorApp]);
        disabled.user.as_mut().unwrap().disabled = true;
        let mut flagged = ctx(&[AuthenticatorApp]);
        flagged.policy.user_risk.action = UserAction::Block;
        leaked(&mut flagged, RiskLevel::High);
        let mut too_few = ctx(&[AuthenticatorApp]);
        too_few.policy.reset.methods_required = 2;
        let mut guest = ctx(&[AuthenticatorApp]);
        guest.user.as_mut().unwrap().home_tenant = Some("home".into());
        leaked(&mut guest, RiskLevel::Medium);
        for (name, c) in [("disabled", disabled), ("flagged", flagged), ("guest", guest)] {
            assert_eq!(ResetFlow::start(c).1, first, "{name}");
        }
        let ResetStep::Verify { offered, required: 2, .. } = ResetFlow::start(too_few).1 else { panic!() };
        assert_eq!(offered, vec![AuthenticatorApp]);
    }

    #[test]
    fn an_unknown_username_is_offered_a_common_shape_picked_by_its_seed() {
        let offered = |seed: u8, allowed: &[MethodKind]| {
            let mut c = ctx(&[]);
            c.user = None;
            c.decoy_seed = seed;
            c.policy.reset.allowed = allowed.to_vec();
            match ResetFlow::start(c).1 {
                ResetStep::Verify { offered, .. } => offered,
                step => panic!("{step:?}"),
            }
        };
        let all = [AuthenticatorApp, Sms, Voice, Passkey];
        assert_eq!(offered(0, &all), vec![AuthenticatorApp]);
        assert_eq!(offered(1, &all), vec![AuthenticatorApp, Sms]);
        assert_eq!(offered(2, &all), vec![Sms]);
        assert_eq!(offered(3, &all), vec![AuthenticatorApp, Passkey]);
        assert_eq!(offered(4, &all), vec![AuthenticatorApp], "the seed wraps");
        assert_eq!(offered(3, &[AuthenticatorApp, Sms]), vec![AuthenticatorApp], "only counted methods");
        assert_eq!(offered(0, &[Sms, Voice]), vec![Sms], "the first shape that keeps one");
        assert_eq!(offered(0, &[Voice]), vec![Voice], "else the first method counted");
    }

    #[test]
    fn an_account_with_no_usable_method_gets_a_decoy_it_can_never_prove() {
        let mut c = ctx(&[Passkey]);
        c.policy.reset.allowed = vec![AuthenticatorApp, Sms];
        c.decoy_seed = 1;
        let (mut flow, step) = ResetFlow::start(c);
        assert!(
            matches!(step, ResetStep::Verify { ref offered, .. } if offered == &vec![AuthenticatorApp, Sms])
        );
        assert!(flow.advance(ResetEvent::Verified(AuthenticatorApp)).is_err());
        assert!(flow.advance(ResetEvent::Verified(Passkey)).is_err(), "not a method the tenant counts");
    }

    fn guest(home: Option<TenantPolicy>) -> ResetContext {
        let mut c = ctx(&[AuthenticatorApp]);
        c.user.as_mut().unwrap().home_tenant = Some("northwind".into());
        c.policy.user_risk.enforcement = Enforcement::Off;
        c.home_policy = home;
        c
    }

    fn hands_off() -> TenantPolicy {
        let mut p = TenantPolicy::default();
        p.user_risk.enforcement = Enforcement::Off;
        p.sign_in_risk.enforcement = Enforcement::Off;
        p
    }

    #[test]
    fn a_guest_technician_cannot_close_user_risk_by_reset_when_the_home_tenant_does_not_allow_it() {
        for home in [Some(hands_off()), None] {
            let mut c = guest(home);
            leaked(&mut c, RiskLevel::High);
            let (mut flow, _) = ResetFlow::start(c);
            let step = flow.advance(ResetEvent::Verified(AuthenticatorApp)).unwrap();
            assert_eq!(step, ResetStep::Blocked { reason: ResetBlock::HomeTenantMustRemediate });
            assert!(flow.advance(ResetEvent::PasswordChanged).is_err(), "no new password either");
        }
    }

    #[test]
    fn a_guest_not_at_risk_resets_as_anyone() {
        let step = run(
            guest(Some(hands_off())),
            &[ResetEvent::Verified(AuthenticatorApp), ResetEvent::PasswordChanged],
        );
        assert_eq!(step, ResetStep::Done { unlocked: false, remediation: None });
    }

    #[test]
    fn a_guest_whose_home_tenant_allows_self_remediation_resets_and_remediates() {
        let mut c = guest(Some(TenantPolicy::default()));
        leaked(&mut c, RiskLevel::High);
        let step = run(c, &[ResetEvent::Verified(AuthenticatorApp), ResetEvent::PasswordChanged]);
        assert!(matches!(step, ResetStep::Done { remediation: Some(_), .. }), "{step:?}");
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
