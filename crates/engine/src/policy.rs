//! Per-tenant policies, as an administrator configures them.
use super::flow::MethodKind;
use super::risk::RiskLevel;
use serde::{Deserialize, Serialize};

/// Whether a policy is applied, only recorded (report-only), or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Enforcement {
    Off,
    ReportOnly,
    On,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SignInAction {
    RequireMfa,
    Block,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UserAction {
    /// MFA, then a secured password change.
    RequireMfaAndPasswordChange,
    /// Like the above, but passwordless users re-authenticate instead.
    RequireRiskRemediation,
    Block,
}

/// Grace period of the MFA registration policy, counted from the first interrupt.
pub const GRACE_DAYS: u32 = 14;

/// Whole days of grace left at `now_ms` for a grace that started at `started_ms`
/// (`None`: not started, so all of it).
pub fn grace_days_left(started_ms: Option<u64>, now_ms: u64) -> u32 {
    let used = started_ms.map_or(0, |s| now_ms.saturating_sub(s) / super::risk::DAY_MS);
    (GRACE_DAYS as u64).saturating_sub(used) as u32
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationPolicy {
    pub enforcement: Enforcement,
    /// Empty means every user.
    pub included: Vec<String>,
    pub excluded: Vec<String>,
}

impl RegistrationPolicy {
    pub fn applies_to(&self, user_id: &str) -> bool {
        let included = self.included.is_empty() || self.included.iter().any(|u| u == user_id);
        included && !self.excluded.iter().any(|u| u == user_id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SignInRiskPolicy {
    pub enforcement: Enforcement,
    pub min_level: RiskLevel,
    pub action: SignInAction,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserRiskPolicy {
    pub enforcement: Enforcement,
    pub min_level: RiskLevel,
    pub action: UserAction,
}

/// Fires when the policy is not off and the level reaches its minimum.
/// A minimum of `None` would fire for everyone, so it is read as `Low`.
fn reaches(level: RiskLevel, min: RiskLevel) -> bool {
    level != RiskLevel::None && level >= min.max(RiskLevel::Low)
}

impl SignInRiskPolicy {
    pub fn fires(&self, level: RiskLevel) -> bool {
        self.enforcement != Enforcement::Off && reaches(level, self.min_level)
    }
}

impl UserRiskPolicy {
    pub fn fires(&self, level: RiskLevel) -> bool {
        self.enforcement != Enforcement::Off && reaches(level, self.min_level)
    }
}

/// Everything one tenant has configured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantPolicy {
    pub registration: RegistrationPolicy,
    pub sign_in_risk: SignInRiskPolicy,
    pub user_risk: UserRiskPolicy,
    /// A risky user with no MFA method is blocked rather than offered registration.
    pub block_unregistered_at_risk: bool,
    /// An admin or on-premises password reset also remediates user risk.
    pub admin_password_reset_remediates: bool,
    /// Self-service password reset. Missing in older saved data: the default then.
    #[serde(default)]
    pub reset: ResetPolicy,
    /// High sign-in risk is answered only by a phishing-resistant method (a passkey).
    /// Missing in older saved data: off.
    #[serde(default)]
    pub phishing_resistant_for_high_risk: bool,
}

/// Self-service password reset: how many proofs, and which methods count.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResetPolicy {
    pub enabled: bool,
    /// One or two; anything else is read as two, the stricter.
    pub methods_required: u8,
    pub allowed: Vec<MethodKind>,
}

impl Default for ResetPolicy {
    fn default() -> Self {
        ResetPolicy {
            enabled: true,
            methods_required: 1,
            allowed: vec![
                MethodKind::AuthenticatorApp,
                MethodKind::Sms,
                MethodKind::Voice,
                MethodKind::Passkey,
            ],
        }
    }
}

impl ResetPolicy {
    pub fn required(&self) -> usize {
        if self.methods_required == 1 {
            1
        } else {
            2
        }
    }
}

impl Default for TenantPolicy {
    /// The recommended baseline: every policy on.
    fn default() -> Self {
        TenantPolicy {
            registration: RegistrationPolicy {
                enforcement: Enforcement::On,
                included: vec![],
                excluded: vec![],
            },
            sign_in_risk: SignInRiskPolicy {
                enforcement: Enforcement::On,
                min_level: RiskLevel::Medium,
                action: SignInAction::RequireMfa,
            },
            user_risk: UserRiskPolicy {
                enforcement: Enforcement::On,
                min_level: RiskLevel::High,
                action: UserAction::RequireMfaAndPasswordChange,
            },
            block_unregistered_at_risk: true,
            admin_password_reset_remediates: true,
            reset: ResetPolicy::default(),
            phishing_resistant_for_high_risk: false,
        }
    }
}

impl TenantPolicy {
    /// A home tenant lets its people fix user risk themselves only with an
    /// enforced user-risk policy whose action is not block.
    pub fn allows_user_self_remediation(&self) -> bool {
        self.user_risk.enforcement == Enforcement::On && self.user_risk.action != UserAction::Block
    }

    /// Likewise for sign-in risk: an enforced sign-in policy that asks for MFA.
    pub fn allows_sign_in_self_remediation(&self) -> bool {
        self.sign_in_risk.enforcement == Enforcement::On
            && self.sign_in_risk.action == SignInAction::RequireMfa
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_fires_at_or_above_its_minimum_level_only() {
        let p = SignInRiskPolicy {
            enforcement: Enforcement::On,
            min_level: RiskLevel::Medium,
            action: SignInAction::Block,
        };
        assert!(!p.fires(RiskLevel::Low));
        assert!(p.fires(RiskLevel::Medium));
        assert!(p.fires(RiskLevel::High));
    }

    #[test]
    fn a_policy_that_is_off_never_fires() {
        let p = UserRiskPolicy {
            enforcement: Enforcement::Off,
            min_level: RiskLevel::Low,
            action: UserAction::Block,
        };
        assert!(!p.fires(RiskLevel::High));
    }

    #[test]
    fn no_risk_never_fires_even_with_a_minimum_of_none() {
        let p = SignInRiskPolicy {
            enforcement: Enforcement::On,
            min_level: RiskLevel::None,
            action: SignInAction::Block,
        };
        assert!(!p.fires(RiskLevel::None));
        assert!(p.fires(RiskLevel::Low));
    }

    #[test]
    fn registration_policy_honours_included_and_excluded_users() {
        let mut p = TenantPolicy::default().registration;
        assert!(p.applies_to("ana"));
        p.excluded.push("ana".into());
        assert!(!p.applies_to("ana"));
        p.included.push("ben".into());
        assert!(p.applies_to("ben"));
        assert!(!p.applies_to("cem"));
    }
}
