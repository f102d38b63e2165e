//! What IT staff can see and do. An admin acts only on accounts and policies of
//! their own tenant: a guest's risk is for the guest's home tenant to fix.
use super::{MockBackend, State};
use crate::backend::api::{
    invalid, AdminAction, AdminReceipt, AdminView, BackendError, Field, Problem, SignInOutcome, TenantView,
    UserSummary,
};
use crate::backend::detect::PastSignIn;
use crate::backend::directory::Account;
use crate::backend::hash;
use crate::engine::password::{validate_custom_list, BannedList};
use crate::engine::risk::user_risk;
use crate::engine::{DetectionKind, RiskDetail, RiskLevel, RiskState, TenantPolicy};

/// Letters and digits that cannot be mistaken for one another when read aloud or copied.
const TEMP_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

impl MockBackend {
    /// The admin's tenant, if `session` belongs to an administrator.
    fn admin_tenant(st: &State, session: &str) -> Result<String, BackendError> {
        let idx = Self::session_account(st, session)?;
        let admin = &st.saved.accounts[idx];
        admin.is_admin.then(|| admin.home_tenant.clone()).ok_or(BackendError::NotAuthorized)
    }

    pub fn admin_overview_now(&self, session: &str) -> Result<AdminView, BackendError> {
        let st = self.state.borrow();
        let tenant = Self::admin_tenant(&st, session)?;
        Ok(overview(&st, &tenant, self.clock.now_ms()))
    }

    pub fn admin_act_now(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> Result<AdminReceipt, BackendError> {
        let now = self.clock.now_ms();
        let temporary = (action == AdminAction::TemporaryPassword).then(|| self.temporary_password());
        let mut st = self.state.borrow_mut();
        let tenant = Self::admin_tenant(&st, session)?;
        let remediates =
            st.saved.tenants.iter().any(|t| t.id == tenant && t.policy.admin_password_reset_remediates);
        let last_blocked = st
            .saved
            .log
            .iter()
            .rev()
            .find(|r| r.username.eq_ignore_ascii_case(username) && r.outcome == SignInOutcome::Blocked)
            .map(|r| r.source.clone());
        let account = st
            .saved
            .accounts
            .iter_mut()
            .find(|a| a.username.eq_ignore_ascii_case(username) && a.home_tenant == tenant)
            .ok_or(BackendError::UnknownUser)?;
        match action {
            AdminAction::DismissRisk => {
                account.close_risk(RiskState::Dismissed, RiskDetail::AdminDismissedAllRisk, now)
            }
            AdminAction::ConfirmSafe => {
                account.close_risk(RiskState::ConfirmedSafe, RiskDetail::AdminConfirmedSafe, now)
            }
            AdminAction::ConfirmCompromised => account.raise_risk(
                DetectionKind::AdminConfirmedCompromised,
                RiskState::ConfirmedCompromised,
                RiskDetail::AdminConfirmedCompromised,
                now,
            ),
            AdminAction::TemporaryPassword => {
                let salt = self.salt();
                let text = temporary.as_deref().unwrap_or_default();
                account.password_hash = hash::hash_password(text, &salt, hash::ITERATIONS);
                account.state.temporary_password = true;
                unlock(account);
                if remediates && user_risk(&account.detections, now) > RiskLevel::None {
                    account.close_risk(
                        RiskState::Remediated,
                        RiskDetail::AdminGeneratedTemporaryPassword,
                        now,
                    );
                }
            }
            AdminAction::RequireReregistration => {
                account.state.methods.clear();
                account.totp = None;
                account.phone = None;
                account.state.grace_started_ms = None;
            }
            AdminAction::Unblock => {
                unlock(account);
                if user_risk(&account.detections, now) > RiskLevel::None {
                    account.close_risk(RiskState::Dismissed, RiskDetail::AdminDismissedAllRisk, now);
                }
                // The blocked sign-in's place, device and address become familiar.
                if let Some(source) = last_blocked {
                    account.trusted_ips.push(source.ip.clone());
                    account.history.push(PastSignIn { source, at_ms: now });
                }
            }
            AdminAction::ConfirmSignInSafe { .. } => {}
            AdminAction::Enable => account.state.disabled = false,
            AdminAction::Disable => account.state.disabled = true,
        }
        let revokes = matches!(
            action,
            AdminAction::Disable
                | AdminAction::TemporaryPassword
                | AdminAction::ConfirmCompromised
                | AdminAction::RequireReregistration
        );
        if revokes {
            if let Some(idx) =
                st.saved.accounts.iter().position(|a| a.username.eq_ignore_ascii_case(username))
            {
                Self::revoke_sessions(&mut st, idx);
            }
        }
        let view = overview(&st, &tenant, now);
        drop(st);
        self.save();
        Ok(AdminReceipt { view, temporary_password: temporary })
    }

    pub fn set_policy_now(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> Result<AdminView, BackendError> {
        validate_custom_list(&banned.custom).map_err(|_| invalid(Field::BannedList, Problem::InvalidList))?;
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let tenant = Self::admin_tenant(&st, session)?;
        let t = st.saved.tenants.iter_mut().find(|t| t.id == tenant).ok_or(BackendError::UnknownUser)?;
        t.policy = policy;
        t.banned = banned;
        let view = overview(&st, &tenant, now);
        drop(st);
        self.save();
        Ok(view)
    }

    fn salt(&self) -> [u8; 16] {
        let mut salt = [0u8; 16];
        self.entropy.fill(&mut salt);
        salt
    }

    /// Four groups of four, e.g. "Hq7m-Rt2x-Kp9w-Ab3d": long enough to pass password protection.
    fn temporary_password(&self) -> String {
        let mut bytes = [0u8; 16];
        self.entropy.fill(&mut bytes);
        let chars: Vec<char> =
            bytes.iter().map(|b| TEMP_ALPHABET[*b as usize % TEMP_ALPHABET.len()] as char).collect();
        chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
    }
}

fn unlock(account: &mut Account) {
    account.state.locked_until_ms = None;
    account.lockout = Default::default();
}

/// Users who belong to `tenant` or sign in to it, the sign-ins of those users, and the tenant's policy.
fn overview(st: &State, tenant: &str, now: u64) -> AdminView {
    let mine = |a: &Account| a.home_tenant == tenant || a.signs_in_to == tenant;
    let users: Vec<UserSummary> =
        st.saved.accounts.iter().filter(|a| mine(a)).map(|a| summary(a, now)).collect();
    let sign_ins = st
        .saved
        .log
        .iter()
        .rev()
        .filter(|r| users.iter().any(|u| u.username == r.username))
        .take(50)
        .cloned()
        .collect();
    let tenants = st
        .saved
        .tenants
        .iter()
        .filter(|t| t.id == tenant)
        .map(|t| TenantView {
            id: t.id.clone(),
            name: t.name.clone(),
            policy: t.policy.clone(),
            banned: t.banned.clone(),
        })
        .collect();
    AdminView { users, sign_ins, tenants }
}

fn summary(a: &Account, now: u64) -> UserSummary {
    UserSummary {
        username: a.username.clone(),
        display_name: a.display_name.clone(),
        tenant: a.signs_in_to.clone(),
        home_tenant: a.home_tenant.clone(),
        user_risk: user_risk(&a.detections, now),
        detections: a.detections.clone(),
        risk_history: a.risk_log.clone(),
        methods: a.state.methods.clone(),
        disabled: a.state.disabled,
        locked_until_ms: a.state.locked_until_ms.filter(|t| *t > now),
        temporary_password: a.state.temporary_password,
    }
}
