//! What IT staff can see and do. An admin acts only on accounts and policies of
//! their own tenant: a guest's risk is for the guest's home tenant to fix.
use super::authority::Authority;
use super::sessions::{admin_account, revoke};
use super::MockBackend;
use crate::api::{
    invalid, AdminAction, AdminReceipt, AdminRecord, AdminView, BackendError, Field, Problem, SignInOutcome,
    SignInSource, TenantView, UserSummary,
};
use crate::detect::PastSignIn;
use crate::directory::Account;
use crate::engine::password::{validate_custom_list, BannedList};
use crate::engine::risk::user_risk;
use crate::engine::{DetectionKind, RiskDetail, RiskLevel, RiskState, TenantPolicy};
use crate::store::{AccountId, Work};

/// Letters and digits that cannot be mistaken for one another when read aloud or copied.
const TEMP_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

impl MockBackend {
    pub fn admin_overview_now(&self, session: &str) -> Result<AdminView, BackendError> {
        self.run(|a, w| a.admin_overview(w, session))
    }

    pub fn admin_act_now(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> Result<AdminReceipt, BackendError> {
        self.run(|a, w| a.admin_act(w, session, username, action))
    }

    pub fn set_policy_now(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> Result<AdminView, BackendError> {
        self.run(|a, w| a.set_policy(w, session, policy, banned))
    }
}

/// The admin's tenant, if `session` belongs to an administrator who proved
/// themselves recently (see `admin_account`).
fn admin_tenant(w: &mut Work, session: &str, now: u64) -> Result<String, BackendError> {
    let idx = admin_account(w, session, now)?;
    Ok(w.account(idx)?.home_tenant.clone())
}

impl Authority<'_> {
    /// The tenant an administrator's session (stepped up, as for the overview) looks
    /// after: what the server's telemetry pages are limited to.
    pub fn admin_tenant_of(&self, w: &mut Work, session: &str) -> Result<String, BackendError> {
        admin_tenant(w, session, self.clock.now_ms())
    }

    pub fn admin_overview(&self, w: &mut Work, session: &str) -> Result<AdminView, BackendError> {
        let now = self.clock.now_ms();
        let tenant = admin_tenant(w, session, now)?;
        overview(w, &tenant, now)
    }

    pub fn admin_act(
        &self,
        w: &mut Work,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> Result<AdminReceipt, BackendError> {
        let now = self.clock.now_ms();
        let admin = admin_account(w, session, now)?;
        let by = w.account(admin)?.display_name.clone();
        let tenant = w.account(admin)?.home_tenant.clone();
        let idx = match w.account_named(username)? {
            Some(i) if w.account(i)?.home_tenant == tenant => i,
            _ => return Err(BackendError::UnknownUser),
        };
        let temporary = (action == AdminAction::TemporaryPassword).then(|| self.temporary_password());
        let how = How {
            remediates: w.tenant(&tenant)?.is_some_and(|t| t.policy.admin_password_reset_remediates),
            confirmed: match action {
                AdminAction::ConfirmSignInSafe { sign_in } => Some(passed_sign_in(w, idx, sign_in)?),
                _ => None,
            },
            new_hash: temporary.as_deref().map(|text| self.hashing.new_hash(text, &self.salt())),
            now,
        };
        let account = w.account_mut(idx)?;
        let changes_before = account.risk_log.len();
        apply(account, action, how);
        record(account, AdminRecord { at_ms: now, action, by });
        // What the action did to the account's risk reaches its logged sign-ins too.
        let changes = account.risk_log[changes_before..].to_vec();
        for change in changes {
            super::sign_in_risk::settle(w, idx, change.state, change.detail)?;
        }
        if let AdminAction::ConfirmSignInSafe { sign_in } = action {
            super::sign_in_risk::set(w, sign_in, RiskState::ConfirmedSafe, RiskDetail::AdminConfirmedSafe)?;
        }
        if revokes(action) {
            revoke(w, idx, None)?;
        }
        let view = overview(w, &tenant, now)?;
        Ok(AdminReceipt { view, temporary_password: temporary })
    }

    pub fn set_policy(
        &self,
        w: &mut Work,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> Result<AdminView, BackendError> {
        validate_custom_list(&banned.custom).map_err(|_| invalid(Field::BannedList, Problem::InvalidList))?;
        let now = self.clock.now_ms();
        let tenant = admin_tenant(w, session, now)?;
        let t = w.tenant_mut(&tenant)?.ok_or(BackendError::UnknownUser)?;
        t.policy = policy;
        t.banned = banned;
        overview(w, &tenant, now)
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

/// Lifts every lock: both places' and the second factors'.
fn unlock(account: &mut Account) {
    account.state.locked_until_ms = None;
    account.lockout = Default::default();
}

/// What an admin action needs worked out before the account changes.
struct How {
    /// The tenant lets a temporary password remediate user risk.
    remediates: bool,
    /// The sign-in confirmed safe, where it came from.
    confirmed: Option<SignInSource>,
    /// The temporary password's hash.
    new_hash: Option<String>,
    now: u64,
}

fn apply(account: &mut Account, action: AdminAction, how: How) {
    let now = how.now;
    match action {
        AdminAction::DismissRisk => {
            account.close_risk(RiskState::Dismissed, RiskDetail::AdminDismissedAllRisk, now)
        }
        AdminAction::ConfirmSafe => {
            account.close_risk(RiskState::ConfirmedSafe, RiskDetail::AdminConfirmedSafe, now)
        }
        AdminAction::ConfirmCompromised => {
            account.raise_risk(
                DetectionKind::AdminConfirmedCompromised,
                RiskState::ConfirmedCompromised,
                RiskDetail::AdminConfirmedCompromised,
                now,
            );
            // Whoever took the account may have added a method: none stays.
            account.remove_all_methods();
            account.state.grace_started_ms = None;
        }
        AdminAction::TemporaryPassword => set_temporary_password(account, how),
        AdminAction::RequireReregistration => {
            account.remove_all_methods();
            account.state.grace_started_ms = None;
        }
        // Anyone can write a blocked sign-in while an account is locked: unblocking
        // makes no place familiar; the admin confirms one sign-in for that.
        AdminAction::Unblock => {
            unlock(account);
            if user_risk(&account.detections, now) > RiskLevel::None {
                account.close_risk(RiskState::Dismissed, RiskDetail::AdminDismissedAllRisk, now);
            }
        }
        AdminAction::ConfirmSignInSafe { .. } => {
            if let Some(source) = how.confirmed {
                account.trusted_ips.push(source.ip.clone());
                account.history.push(PastSignIn { source, at_ms: now });
            }
        }
        AdminAction::Enable => account.state.disabled = false,
        AdminAction::Disable => account.state.disabled = true,
    }
}

fn set_temporary_password(account: &mut Account, how: How) {
    // Fails closed: without a new hash the old password stays and nothing is unlocked.
    let Some(hash) = how.new_hash else { return };
    account.password_hash = hash;
    account.state.temporary_password = true;
    // A passwordless account now has a password, everywhere.
    account.state.has_password = true;
    account.pass_expires_ms = None;
    unlock(account);
    if how.remediates && user_risk(&account.detections, how.now) > RiskLevel::None {
        account.close_risk(RiskState::Remediated, RiskDetail::AdminGeneratedTemporaryPassword, how.now);
    }
}

/// How many of an account's administrator actions are kept.
const ADMIN_LOG_KEPT: usize = 50;

/// Keeps `entry` in the account's record of administrator actions, the oldest going first.
fn record(account: &mut Account, entry: AdminRecord) {
    account.admin_log.push(entry);
    let over = account.admin_log.len().saturating_sub(ADMIN_LOG_KEPT);
    account.admin_log.drain(..over);
}

/// Actions after which nobody may go on with what they had open.
fn revokes(action: AdminAction) -> bool {
    matches!(
        action,
        AdminAction::Disable
            | AdminAction::TemporaryPassword
            | AdminAction::ConfirmCompromised
            | AdminAction::RequireReregistration
    )
}

/// Where sign-in `id` of account `idx` came from, if it passed the password (a flow's
/// record: a reset's has no place of its own).
fn passed_sign_in(w: &mut Work, idx: AccountId, id: u64) -> Result<SignInSource, BackendError> {
    w.log_entry(id)?
        .filter(|(whose, r)| *whose == idx && r.outcome != SignInOutcome::PasswordReset)
        .map(|(_, r)| r.source.clone())
        .ok_or(BackendError::Unexpected { input: "ConfirmSignInSafe".into() })
}

/// Users who belong to `tenant` or sign in to it, the sign-ins of those users, and the tenant's policy.
fn overview(w: &mut Work, tenant: &str, now: u64) -> Result<AdminView, BackendError> {
    let mut users: Vec<UserSummary> = vec![];
    for id in w.accounts_of_tenant(tenant)? {
        users.push(summary(w.account(id)?, now));
    }
    let sign_ins = w.log_of_tenant(tenant, 50)?;
    let tenants = w
        .tenant(tenant)?
        .map(|t| TenantView {
            id: t.id.clone(),
            name: t.name.clone(),
            policy: t.policy.clone(),
            banned: t.banned.clone(),
        })
        .into_iter()
        .collect();
    Ok(AdminView { users, sign_ins, tenants })
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
        admin_actions: a.admin_log.clone(),
    }
}
