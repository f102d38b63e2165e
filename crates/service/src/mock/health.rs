//! Account health: what a signed-in person sees of their own account.
use super::authority::Authority;
use super::sessions::{proven_session_account, revoke, session_account};
use super::{check_enrollment_code, enrol, is_wrong_code, limits, MockBackend, WRONG_CODES_PER_ENROLLMENT};
use crate::api::{
    invalid, AccountView, Alert, BackendError, Enrollment, Field, Problem, RequiredAction, SignInOutcome,
};
use crate::engine::policy::grace_days_left;
use crate::engine::risk::user_risk;
use crate::engine::{DetectionKind, MethodKind, RiskDetail, RiskLevel, RiskState};
use crate::store::{AccountId, Work};

/// How many recent sign-ins the account page lists.
const RECENT: usize = 10;

impl MockBackend {
    pub fn account_now(&self, session: &str) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.account(w, session))
    }

    /// "This was me" or "this wasn't me" about one of the person's sign-ins; the
    /// latter raises their user risk, as a report of suspicious activity.
    pub fn report_sign_in_now(
        &self,
        session: &str,
        sign_in: u64,
        was_me: bool,
    ) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.report_sign_in(w, session, sign_in, was_me))
    }

    /// Starts adding `method` for the signed-in person (replacing any unfinished one).
    pub fn begin_method_now(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<&str>,
    ) -> Result<Enrollment, BackendError> {
        self.run(|a, w| a.begin_method(w, session, method, phone))
    }

    /// Checks the code from the method being added; the account then has it.
    pub fn confirm_method_now(&self, session: &str, typed: &str) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.confirm_method(w, session, typed))
    }

    /// Removes a method; the last one stays, so the person can still prove who they are.
    pub fn remove_method_now(&self, session: &str, method: MethodKind) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.remove_method(w, session, method))
    }
}

impl Authority<'_> {
    pub fn account(&self, w: &mut Work, session: &str) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let idx = session_account(w, session, now)?;
        view(w, idx, now)
    }

    pub fn report_sign_in(
        &self,
        w: &mut Work,
        session: &str,
        sign_in: u64,
        was_me: bool,
    ) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let idx = session_account(w, session, now)?;
        let (_, record) = w
            .log_entry_mut(sign_in)?
            .filter(|(whose, _)| *whose == idx)
            .ok_or(BackendError::Unexpected { input: "ReportSignIn".into() })?;
        record.confirmed_by_user = Some(was_me);
        if !was_me {
            // Whatever it met, the sign-in is now a risk the person reported.
            record.risk_state = Some(RiskState::AtRisk);
            record.risk_detail = Some(RiskDetail::UserReportedSuspicious);
            w.account_mut(idx)?.raise_risk(
                DetectionKind::UserReportedSuspicious,
                RiskState::AtRisk,
                RiskDetail::UserReportedSuspicious,
                now,
            );
            // Whoever it was may hold a session or a flow: only this one stays.
            revoke(w, idx, Some(session))?;
        }
        view(w, idx, now)
    }

    pub fn begin_method(
        &self,
        w: &mut Work,
        session: &str,
        method: MethodKind,
        phone: Option<&str>,
    ) -> Result<Enrollment, BackendError> {
        let now = self.clock.now_ms();
        let idx = proven_session_account(w, session, now)?;
        let (pending, view) = self.new_enrollment(w, idx, method, phone)?;
        if pending.phone.is_some() {
            // One add at a time per session, so the account's hourly limit is the one that counts.
            limits::take_code_send(Some(w.account_mut(idx)?), &mut 0, now)?;
        }
        let code = pending.phone.as_deref().map(|to| self.deliver_code(w, to, method, now));
        w.put_adding(session, Some((pending, code)));
        Ok(view)
    }

    pub fn confirm_method(
        &self,
        w: &mut Work,
        session: &str,
        typed: &str,
    ) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let idx = proven_session_account(w, session, now)?;
        if w.adding(session)?.is_none() {
            return Err(invalid(Field::Code, Problem::NoCodeSent));
        }
        if limits::second_factors_locked(w.account(idx)?, now) {
            return Err(invalid(Field::Code, Problem::TooManyAttempts));
        }
        let (pending, sent) = w.adding(session)?.ok_or(invalid(Field::Code, Problem::NoCodeSent))?;
        let checked = check_enrollment_code(pending, sent, typed, now);
        let wrong_codes = pending.wrong_codes;
        if is_wrong_code(&checked) {
            limits::second_factor_failed(w.account_mut(idx)?, now);
        }
        if wrong_codes >= WRONG_CODES_PER_ENROLLMENT {
            w.put_adding(session, None);
            return Err(invalid(Field::Code, Problem::TooManyAttempts));
        }
        let last_step = checked?;
        let (done, _) = w.adding(session)?.cloned().ok_or(BackendError::UnknownFlow)?;
        w.put_adding(session, None);
        enrol(w.account_mut(idx)?, done, last_step);
        view(w, idx, now)
    }

    pub fn remove_method(
        &self,
        w: &mut Work,
        session: &str,
        method: MethodKind,
    ) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let idx = proven_session_account(w, session, now)?;
        let account = w.account(idx)?;
        if !account.has_method(method) {
            return Err(BackendError::Unexpected { input: "RemoveMethod".into() });
        }
        if account.state.methods.len() == 1 {
            return Err(invalid(Field::Code, Problem::LastMethod));
        }
        let account = w.account_mut(idx)?;
        account.state.methods.retain(|m| *m != method);
        match method {
            MethodKind::AuthenticatorApp => account.totp = None,
            m if m.is_phone() && !account.state.methods.iter().any(|m| m.is_phone()) => account.phone = None,
            MethodKind::Passkey => account.revoke_passkeys(),
            _ => {}
        }
        view(w, idx, now)
    }
}

pub(super) fn view(w: &mut Work, idx: AccountId, now: u64) -> Result<AccountView, BackendError> {
    let recent = w.log_of_account(idx, RECENT)?;
    let a = w.account(idx)?.clone();
    let unreviewed: Vec<u64> = recent
        .iter()
        .filter(|r| {
            !r.detections.is_empty() && r.confirmed_by_user.is_none() && r.outcome != SignInOutcome::Cancelled
        })
        .map(|r| r.id)
        .collect();
    let mut alerts: Vec<Alert> = unreviewed.iter().map(|&id| Alert::UnusualSignIn { sign_in: id }).collect();
    if let Some(at_ms) = a.password_changed_ms {
        alerts.push(Alert::PasswordChanged { at_ms });
    }
    if let Some(c) = a
        .risk_log
        .iter()
        .rev()
        .find(|c| c.state != RiskState::AtRisk && c.state != RiskState::ConfirmedCompromised)
    {
        alerts.push(Alert::RiskCleared { at_ms: c.at_ms, detail: c.detail });
    }
    let level = user_risk(&a.detections, now);
    if level > RiskLevel::None {
        alerts.push(Alert::AccountAtRisk { level });
    }
    let mut required = vec![];
    if a.state.methods.is_empty() {
        required
            .push(RequiredAction::RegisterMfa { days_left: grace_days_left(a.state.grace_started_ms, now) });
    }
    if a.state.temporary_password {
        required.push(RequiredAction::ChangePassword);
    }
    required.extend(unreviewed.iter().map(|&id| RequiredAction::ReviewSignIn { sign_in: id }));
    let tenant_name = w.tenant(&a.signs_in_to)?.map(|t| t.name.clone()).unwrap_or_default();
    Ok(AccountView {
        username: a.username.clone(),
        display_name: a.display_name.clone(),
        tenant_name,
        methods: a.state.methods.clone(),
        phone_hint: a.phone.as_deref().map(super::mask_phone),
        recent,
        alerts,
        required,
        is_admin: a.is_admin,
    })
}
