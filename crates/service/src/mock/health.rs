//! Account health: what a signed-in person sees of their own account.
use super::{
    check_enrollment_code, enrol, is_wrong_code, limits, MockBackend, State, WRONG_CODES_PER_ENROLLMENT,
};
use crate::api::{
    invalid, AccountView, Alert, BackendError, Enrollment, Field, Problem, RequiredAction, SignInOutcome,
};
use crate::engine::policy::grace_days_left;
use crate::engine::risk::user_risk;
use crate::engine::{DetectionKind, MethodKind, RiskDetail, RiskLevel, RiskState};

/// How many recent sign-ins the account page lists.
const RECENT: usize = 10;

impl MockBackend {
    pub fn account_now(&self, session: &str) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let idx = Self::session_account(&mut st, session, now)?;
        Ok(view(&st, idx, now))
    }

    /// "This was me" or "this wasn't me" about one of the person's sign-ins; the
    /// latter raises their user risk, as a report of suspicious activity.
    pub fn report_sign_in_now(
        &self,
        session: &str,
        sign_in: u64,
        was_me: bool,
    ) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let idx = Self::session_account(&mut st, session, now)?;
        let username = st.saved.accounts[idx].username.clone();
        let record = st
            .saved
            .log
            .iter_mut()
            .find(|r| r.id == sign_in && r.username == username)
            .ok_or(BackendError::Unexpected { input: "ReportSignIn".into() })?;
        record.confirmed_by_user = Some(was_me);
        if !was_me {
            st.saved.accounts[idx].raise_risk(
                DetectionKind::UserReportedSuspicious,
                RiskState::AtRisk,
                RiskDetail::UserReportedSuspicious,
                now,
            );
            // Whoever it was may hold a session or a flow: only this one stays.
            Self::revoke(&mut st, idx, Some(session));
        }
        let out = view(&st, idx, now);
        drop(st);
        self.save();
        Ok(out)
    }

    /// Starts adding `method` for the signed-in person (replacing any unfinished one).
    pub fn begin_method_now(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<&str>,
    ) -> Result<Enrollment, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let idx = Self::proven_session_account(&mut st, session, now)?;
        let (pending, view) = self.new_enrollment(&st.saved, idx, method, phone)?;
        if pending.phone.is_some() {
            // One add at a time per session, so the account's hourly limit is the one that counts.
            limits::take_code_send(Some(&mut st.saved.accounts[idx]), &mut 0, now)?;
        }
        let code = pending.phone.as_deref().map(|to| self.deliver_code(&mut st.saved.phone, to, method, now));
        st.adding.insert(session.to_string(), (pending, code));
        drop(st);
        self.save();
        Ok(view)
    }

    /// Checks the code from the method being added; the account then has it.
    pub fn confirm_method_now(&self, session: &str, typed: &str) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let idx = Self::proven_session_account(&mut st, session, now)?;
        if !st.adding.contains_key(session) {
            return Err(invalid(Field::Code, Problem::NoCodeSent));
        }
        if limits::second_factors_locked(&st.saved.accounts[idx], now) {
            return Err(invalid(Field::Code, Problem::TooManyAttempts));
        }
        let (pending, sent) = st.adding.get_mut(session).ok_or(invalid(Field::Code, Problem::NoCodeSent))?;
        let checked = check_enrollment_code(pending, sent, typed, now);
        if is_wrong_code(&checked) {
            limits::second_factor_failed(&mut st.saved.accounts[idx], now);
        }
        let (pending, _) = st.adding.get_mut(session).ok_or(BackendError::UnknownFlow)?;
        if pending.wrong_codes >= WRONG_CODES_PER_ENROLLMENT {
            st.adding.remove(session);
            return Err(invalid(Field::Code, Problem::TooManyAttempts));
        }
        let last_step = checked?;
        let (done, _) = st.adding.remove(session).ok_or(BackendError::UnknownFlow)?;
        enrol(&mut st.saved.accounts[idx], done, last_step);
        let out = view(&st, idx, now);
        drop(st);
        self.save();
        Ok(out)
    }

    /// Removes a method; the last one stays, so the person can still prove who they are.
    pub fn remove_method_now(&self, session: &str, method: MethodKind) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let idx = Self::proven_session_account(&mut st, session, now)?;
        let account = &mut st.saved.accounts[idx];
        if !account.has_method(method) {
            return Err(BackendError::Unexpected { input: "RemoveMethod".into() });
        }
        if account.state.methods.len() == 1 {
            return Err(invalid(Field::Code, Problem::LastMethod));
        }
        account.state.methods.retain(|m| *m != method);
        match method {
            MethodKind::AuthenticatorApp => account.totp = None,
            m if m.is_phone() && !account.state.methods.iter().any(|m| m.is_phone()) => account.phone = None,
            MethodKind::Passkey => account.revoke_passkeys(),
            _ => {}
        }
        let out = view(&st, idx, now);
        drop(st);
        self.save();
        Ok(out)
    }
}

pub(super) fn view(st: &State, idx: usize, now: u64) -> AccountView {
    let a = &st.saved.accounts[idx];
    let recent: Vec<_> =
        st.saved.log.iter().rev().filter(|r| r.username == a.username).take(RECENT).cloned().collect();
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
    let tenant_name =
        st.saved.tenants.iter().find(|t| t.id == a.signs_in_to).map(|t| t.name.clone()).unwrap_or_default();
    AccountView {
        username: a.username.clone(),
        display_name: a.display_name.clone(),
        tenant_name,
        methods: a.state.methods.clone(),
        phone_hint: a.phone.as_deref().map(super::mask_phone),
        recent,
        alerts,
        required,
        is_admin: a.is_admin,
    }
}
