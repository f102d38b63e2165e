//! Self-service password reset in the mock: the engine's reset machine, with the
//! same checks of what was typed as a sign-in.
use super::passkeys::Challenge;
use super::{
    check_confirmed, check_current, clean_code, mask_phone, take_phone_code, MockBackend, PendingCode, State,
    PHONE_CODE_TTL_MS,
};
use crate::api::{
    invalid, BackendError, Field, Problem, ResetInput, ResetReply, SignInOutcome, SignInRecord,
};
use crate::engine::reset::{proof_of, Proof, ResetContext, ResetEvent, ResetFlow, ResetStep};
use crate::engine::{MethodKind, RiskState};
use crate::hash;
use crate::webauthn::PasskeyOptions;

/// A reset lasts this long from its start, however busy.
pub const RESET_TTL_MS: u64 = 15 * 60 * 1000;

pub(super) struct ResetRecord {
    pub(super) flow: ResetFlow,
    /// `None` for a username that does not exist.
    pub(super) account: Option<usize>,
    username: String,
    seq: u32,
    started_ms: u64,
    code: Option<PendingCode>,
    code_sent_to: Option<String>,
    verdict: Option<crate::engine::password::Verdict>,
    /// The passkey challenge out for this reset, and its options while not yet shown.
    pub(super) passkey: Option<Challenge>,
    pub(super) passkey_view: Option<PasskeyOptions>,
    correlation_id: String,
    codes_sent: u32,
}

impl ResetRecord {
    pub(super) fn asks_for_password(&self) -> bool {
        matches!(self.flow.step(), ResetStep::NewPassword { .. })
    }
}

impl MockBackend {
    pub fn start_reset_now(&self, username: &str) -> Result<ResetReply, BackendError> {
        let username = username.trim();
        if username.is_empty() {
            return Err(invalid(Field::Username, Problem::Empty));
        }
        if username.chars().count() > super::MAX_INPUT_CHARS {
            return Err(invalid(Field::Username, Problem::TooLong));
        }
        let now = self.clock.now_ms();
        let flow_id = self.random_hex(16);
        let correlation_id = self.random_hex(8);
        let mut st = self.state.borrow_mut();
        let account = st.saved.accounts.iter().position(|a| a.username.eq_ignore_ascii_case(username));
        let ctx = reset_context(&st, account, username, now)?;
        let (flow, _) = ResetFlow::start(ctx);
        let record = ResetRecord {
            flow,
            account,
            username: username.to_lowercase(),
            seq: 0,
            started_ms: now,
            code: None,
            code_sent_to: None,
            verdict: None,
            passkey: None,
            passkey_view: None,
            correlation_id,
            codes_sent: 0,
        };
        st.resets.insert(flow_id.clone(), record);
        st.last_reset = Some(flow_id.clone());
        Ok(reset_reply(&st, &flow_id, now))
    }

    /// The reset as it stands, without the passkey options (shown once, to the answer
    /// that asked for them). Changes nothing.
    pub fn current_reset_now(&self, flow_id: &str) -> Result<ResetReply, BackendError> {
        let now = self.clock.now_ms();
        let st = self.state.borrow();
        let rec = st.resets.get(flow_id).ok_or(BackendError::UnknownFlow)?;
        if now > rec.started_ms + RESET_TTL_MS {
            return Err(BackendError::FlowExpired);
        }
        Ok(ResetReply { passkey: None, ..reset_reply(&st, flow_id, now) })
    }

    /// The reset started last and its step number, as a second tab would know them.
    pub fn latest_reset(&self) -> Option<(String, u32)> {
        let st = self.state.borrow();
        let id = st.last_reset.clone()?;
        let seq = st.resets.get(&id)?.seq;
        Some((id, seq))
    }

    pub fn send_reset_now(
        &self,
        flow_id: &str,
        seq: u32,
        input: ResetInput,
    ) -> Result<ResetReply, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let rec = st.resets.get(flow_id).ok_or(BackendError::UnknownFlow)?;
        if let Err(e) = check_current(rec.started_ms + RESET_TTL_MS, rec.seq, seq, now) {
            if e == BackendError::FlowExpired {
                st.resets.remove(flow_id);
            }
            return Err(e);
        }
        let rec = st.resets.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        // A passkey challenge is shown once; the reset keeps it until it is answered.
        rec.passkey_view = None;
        let unexpected = || BackendError::Unexpected {
            input: format!("{input:?}").split([' ', '{']).next().unwrap_or("").into(),
        };
        let step = rec.flow.step();
        let event = match (&input, &step) {
            (ResetInput::Cancel, s) if !s.is_terminal() => Some(ResetEvent::Cancel),
            (ResetInput::SendCode { method }, ResetStep::Verify { offered, .. })
                if offered.contains(method) && method.is_phone() =>
            {
                self.send_reset_code(&mut st, flow_id, *method, now)?;
                None
            }
            // A kind of proof already given is refused before any code is checked.
            (ResetInput::Code { method, code }, ResetStep::Verify { offered, proven, .. })
                if offered.contains(method) && !proven.contains(&proof_of(*method)) =>
            {
                Some(self.check_reset_code(&mut st, flow_id, *method, code, now)?)
            }
            (ResetInput::BeginPasskey, ResetStep::Verify { offered, proven, .. })
                if offered.contains(&MethodKind::Passkey) && !proven.contains(&Proof::Passkey) =>
            {
                self.offer_reset_passkey(&mut st, flow_id, now)?;
                None
            }
            (ResetInput::PasskeyAssertion(answer), ResetStep::Verify { offered, proven, .. })
                if offered.contains(&MethodKind::Passkey) && !proven.contains(&Proof::Passkey) =>
            {
                Some(self.check_reset_passkey(&mut st, flow_id, answer, now)?)
            }
            (ResetInput::NewPassword { password, confirm }, ResetStep::NewPassword { .. }) => {
                Some(self.reset_password(&mut st, flow_id, password, confirm)?)
            }
            _ => return Err(unexpected()),
        };
        let rec = st.resets.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        if let Some(event) = event {
            rec.flow.advance(event).map_err(|_| unexpected())?;
        }
        rec.seq += 1;
        self.finish_reset(&mut st, flow_id, now);
        let out = reset_reply(&st, flow_id, now);
        drop(st);
        self.save();
        Ok(out)
    }

    /// A real text for a real account; for an unknown username the same answer, and nothing sent.
    fn send_reset_code(
        &self,
        st: &mut State,
        flow_id: &str,
        method: MethodKind,
        now: u64,
    ) -> Result<(), BackendError> {
        let code = self.random_code();
        let rec = st.resets.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        let account = rec.account.map(|i| &mut st.saved.accounts[i]);
        super::limits::take_code_send(account, &mut rec.codes_sent, now)?;
        let rec = &st.resets[flow_id];
        let phone = rec.account.and_then(|i| st.saved.accounts[i].phone.clone());
        let hint = match &phone {
            Some(p) => mask_phone(p),
            None => mask_phone(
                &hash::sha256_hex(rec.username.as_bytes())
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
            ),
        };
        if let Some(to) = phone {
            st.saved.phone.push(super::PhoneMessage { to, method, code: code.clone(), at_ms: now });
        }
        if let Some(rec) = st.resets.get_mut(flow_id) {
            rec.code = Some(PendingCode { code, method, expires_ms: now + PHONE_CODE_TTL_MS });
            rec.code_sent_to = Some(hint);
        }
        Ok(())
    }

    fn check_reset_code(
        &self,
        st: &mut State,
        flow_id: &str,
        method: MethodKind,
        typed: &str,
        now: u64,
    ) -> Result<ResetEvent, BackendError> {
        let code = clean_code(typed)?;
        let rec = st.resets.get(flow_id).ok_or(BackendError::UnknownFlow)?;
        // An unknown username, a method the account lacks, or codes locked by wrong
        // second factors: nothing is checked, and it looks like any wrong code.
        let Some(idx) = rec.account.filter(|&i| {
            let account = &st.saved.accounts[i];
            account.has_method(method) && !super::limits::second_factors_locked(account, now)
        }) else {
            return Ok(ResetEvent::VerifyFailed);
        };
        let event = self.reset_code_event(st, flow_id, idx, method, &code, now)?;
        super::count_second_factor(&mut st.saved.accounts[idx], event != ResetEvent::VerifyFailed, now);
        Ok(event)
    }

    fn reset_code_event(
        &self,
        st: &mut State,
        flow_id: &str,
        idx: usize,
        method: MethodKind,
        code: &str,
        now: u64,
    ) -> Result<ResetEvent, BackendError> {
        if method == MethodKind::AuthenticatorApp {
            let passed = super::app_code_passes(&mut st.saved.accounts[idx], code, now)?.unwrap_or(false);
            return Ok(if passed { ResetEvent::Verified(method) } else { ResetEvent::VerifyFailed });
        }
        let rec = st.resets.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        Ok(if take_phone_code(&mut rec.code, |c| c.method.is_phone(), code, now)? {
            ResetEvent::Verified(method)
        } else {
            ResetEvent::VerifyFailed
        })
    }

    fn reset_password(
        &self,
        st: &mut State,
        flow_id: &str,
        new: &str,
        confirm: &str,
    ) -> Result<ResetEvent, BackendError> {
        check_confirmed(new, confirm)?;
        let rec = st.resets.get(flow_id).ok_or(BackendError::UnknownFlow)?;
        let idx = rec.account.ok_or(BackendError::Unexpected { input: "NewPassword".into() })?;
        let verdict = self.try_new_password(&mut st.saved, idx, new);
        let accepted = verdict.accepted();
        if let Some(rec) = st.resets.get_mut(flow_id) {
            rec.verdict = Some(verdict);
        }
        if !accepted {
            return Ok(ResetEvent::PasswordRejected);
        }
        Ok(ResetEvent::PasswordChanged)
    }

    /// At the end of a completed reset: unlock, remediate, and log it.
    fn finish_reset(&self, st: &mut State, flow_id: &str, now: u64) {
        let Some(rec) = st.resets.get(flow_id) else { return };
        let ResetStep::Done { remediation, .. } = rec.flow.step() else { return };
        let Some(idx) = rec.account else { return };
        let correlation_id = rec.correlation_id.clone();
        Self::revoke(st, idx, Some(flow_id));
        let account = &mut st.saved.accounts[idx];
        account.state.locked_until_ms = None;
        account.lockout = Default::default();
        if let Some(r) = remediation {
            account.close_risk(RiskState::Remediated, r.detail, now);
        }
        let source = account.history.last().map(|p| p.source.clone());
        let record = SignInRecord {
            id: st.saved.log.len() as u64 + 1,
            at_ms: now,
            username: account.username.clone(),
            source: source.unwrap_or_else(|| {
                crate::directory::source(
                    crate::directory::place("Unknown", "", 0.0, 0.0),
                    "",
                    "",
                    "Password reset",
                )
            }),
            detections: vec![],
            level: crate::engine::RiskLevel::None,
            outcome: SignInOutcome::PasswordReset,
            correlation_id,
            confirmed_by_user: None,
        };
        st.saved.log.push(record);
    }
}

fn reset_context(
    st: &State,
    account: Option<usize>,
    username: &str,
    now: u64,
) -> Result<ResetContext, BackendError> {
    // An unknown username is judged by the tenant its domain names, so its answer looks alike.
    let tenant_id = match account {
        Some(i) => st.saved.accounts[i].home_tenant.clone(),
        None => username.split('@').nth(1).and_then(|d| d.split('.').next()).unwrap_or_default().to_string(),
    };
    let policy = st
        .saved
        .tenants
        .iter()
        .find(|t| t.id == tenant_id)
        .or_else(|| st.saved.tenants.first())
        .map(|t| t.policy.clone())
        .ok_or(BackendError::Malformed("no tenant".into()))?;
    let (user, user_detections) = match account {
        Some(i) => (Some(st.saved.accounts[i].state.clone()), st.saved.accounts[i].detections.clone()),
        None => (None, vec![]),
    };
    // A guest closes user risk only as the home tenant's policy allows.
    let home_policy = user
        .as_ref()
        .and_then(|u| u.home_tenant.as_deref())
        .and_then(|home| st.saved.tenants.iter().find(|t| t.id == home))
        .map(|t| t.policy.clone());
    let decoy_seed = super::keyed(&st.decoy_key, "reset", username)[0];
    Ok(ResetContext { now_ms: now, user, user_detections, policy, home_policy, decoy_seed })
}

fn reset_reply(st: &State, flow_id: &str, now: u64) -> ResetReply {
    let rec = &st.resets[flow_id];
    ResetReply {
        flow_id: flow_id.into(),
        seq: rec.seq,
        step: rec.flow.step(),
        code_sent_to: rec.code_sent_to.clone(),
        verdict: rec.verdict.clone(),
        passkey: rec.passkey_view.clone(),
        correlation_id: rec.correlation_id.clone(),
        time_ms: now,
    }
}
