//! Self-service password reset in the mock: the engine's reset machine, with the
//! same checks of what was typed as a sign-in.
use super::authority::{decoy_key, Authority};
use super::sessions::revoke;
use super::{check_confirmed, check_current, mask_phone, take_phone_code, CodeTry, MockBackend};
use crate::api::{
    invalid, BackendError, Field, Problem, ResetInput, ResetReply, SignInOutcome, SignInRecord,
};
use crate::engine::reset::{proof_of, Proof, ResetContext, ResetEvent, ResetFlow, ResetStep};
use crate::engine::{MethodKind, RiskState};
use crate::hash;
use crate::store::{AccountId, PendingCode, ResetRecord, Work};

/// A reset lasts this long from its start, however busy.
pub const RESET_TTL_MS: u64 = 15 * 60 * 1000;

impl ResetRecord {
    pub(super) fn asks_for_password(&self) -> bool {
        matches!(self.flow.step(), ResetStep::NewPassword { .. })
    }
}

fn reset<'w>(w: &'w mut Work<'_>, id: &str) -> Result<&'w ResetRecord, BackendError> {
    w.reset(id)?.ok_or(BackendError::UnknownFlow)
}

pub(super) fn reset_mut<'w>(w: &'w mut Work<'_>, id: &str) -> Result<&'w mut ResetRecord, BackendError> {
    w.reset_mut(id)?.ok_or(BackendError::UnknownFlow)
}

impl MockBackend {
    pub fn start_reset_now(&self, username: &str) -> Result<ResetReply, BackendError> {
        self.run(|a, w| a.start_reset(w, username))
    }

    /// The reset as it stands, without the passkey options (shown once, to the answer
    /// that asked for them). Changes nothing.
    pub fn current_reset_now(&self, flow_id: &str) -> Result<ResetReply, BackendError> {
        self.run(|a, w| a.current_reset(w, flow_id))
    }

    /// The reset started last and its step number, as a second tab would know them.
    pub fn latest_reset(&self) -> Option<(String, u32)> {
        let id = self.last_reset.borrow().clone()?;
        let seq = self.rows.borrow().resets.get(&id)?.seq;
        Some((id, seq))
    }

    pub fn send_reset_now(
        &self,
        flow_id: &str,
        seq: u32,
        input: ResetInput,
    ) -> Result<ResetReply, BackendError> {
        self.run_step(flow_id, |a, w| a.send_reset(w, flow_id, seq, input))
    }
}

impl Authority<'_> {
    pub fn start_reset(&self, w: &mut Work, username: &str) -> Result<ResetReply, BackendError> {
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
        let account = w.account_named(username)?;
        let ctx = reset_context(w, account, username, now)?;
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
        w.insert_reset(&flow_id, record);
        w.started_reset = Some(flow_id.clone());
        reset_reply(w, &flow_id, now)
    }

    pub fn current_reset(&self, w: &mut Work, flow_id: &str) -> Result<ResetReply, BackendError> {
        let now = self.clock.now_ms();
        if now > reset(w, flow_id)?.ends_ms() {
            return Err(BackendError::FlowExpired);
        }
        Ok(ResetReply { passkey: None, ..reset_reply(w, flow_id, now)? })
    }

    pub fn send_reset(
        &self,
        w: &mut Work,
        flow_id: &str,
        seq: u32,
        input: ResetInput,
    ) -> Result<ResetReply, BackendError> {
        let now = self.clock.now_ms();
        let rec = reset(w, flow_id)?;
        if let Err(e) = check_current(rec.ends_ms(), rec.seq, seq, now) {
            if e == BackendError::FlowExpired {
                w.delete_reset(flow_id);
            }
            return Err(e);
        }
        let rec = reset_mut(w, flow_id)?;
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
                self.send_reset_code(w, flow_id, *method, now)?;
                None
            }
            // A kind of proof already given is refused before any code is checked.
            (ResetInput::Code { method, code }, ResetStep::Verify { offered, proven, .. })
                if offered.contains(method) && !proven.contains(&proof_of(*method)) =>
            {
                Some(self.check_reset_code(w, flow_id, CodeTry::new(*method, code, now)?)?)
            }
            (ResetInput::BeginPasskey, ResetStep::Verify { offered, proven, .. })
                if offered.contains(&MethodKind::Passkey) && !proven.contains(&Proof::Passkey) =>
            {
                self.offer_reset_passkey(w, flow_id, now)?;
                None
            }
            (ResetInput::PasskeyAssertion(answer), ResetStep::Verify { offered, proven, .. })
                if offered.contains(&MethodKind::Passkey) && !proven.contains(&Proof::Passkey) =>
            {
                Some(self.check_reset_passkey(w, flow_id, answer, now)?)
            }
            (ResetInput::NewPassword { password, confirm }, ResetStep::NewPassword { .. }) => {
                Some(self.reset_password(w, flow_id, password, confirm)?)
            }
            _ => return Err(unexpected()),
        };
        let rec = reset_mut(w, flow_id)?;
        if let Some(event) = event {
            rec.flow.advance(event).map_err(|_| unexpected())?;
        }
        rec.seq += 1;
        self.finish_reset(w, flow_id, now)?;
        reset_reply(w, flow_id, now)
    }

    /// A real text for a real account; for an unknown username the same answer, and nothing sent.
    fn send_reset_code(
        &self,
        w: &mut Work,
        flow_id: &str,
        method: MethodKind,
        now: u64,
    ) -> Result<(), BackendError> {
        let code = self.random_code();
        let rec = reset(w, flow_id)?;
        let (idx, mut codes_sent, username) = (rec.account, rec.codes_sent, rec.username.clone());
        let account = match idx {
            Some(i) => Some(w.account_mut(i)?),
            None => None,
        };
        super::limits::take_code_send(account, &mut codes_sent, now)?;
        reset_mut(w, flow_id)?.codes_sent = codes_sent;
        let phone = match idx {
            Some(i) => w.account(i)?.phone.clone(),
            None => None,
        };
        let hint = match &phone {
            Some(p) => mask_phone(p),
            None => mask_phone(
                &hash::sha256_hex(username.as_bytes())
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>(),
            ),
        };
        if let Some(to) = phone {
            w.append_phone(super::PhoneMessage { to, method, code: code.clone(), at_ms: now });
        }
        let rec = reset_mut(w, flow_id)?;
        rec.code = Some(PendingCode { code, method, expires_ms: now + super::PHONE_CODE_TTL_MS });
        rec.code_sent_to = Some(hint);
        Ok(())
    }

    fn check_reset_code(
        &self,
        w: &mut Work,
        flow_id: &str,
        tried: CodeTry,
    ) -> Result<ResetEvent, BackendError> {
        let CodeTry { method, code, now } = tried;
        // An unknown username, a method the account lacks, or codes locked by wrong
        // second factors: nothing is checked, and it looks like any wrong code.
        let idx = match reset(w, flow_id)?.account {
            Some(i) => {
                let account = w.account(i)?;
                (account.has_method(method) && !super::limits::second_factors_locked(account, now))
                    .then_some(i)
            }
            None => None,
        };
        let Some(idx) = idx else {
            return Ok(ResetEvent::VerifyFailed);
        };
        let passed = match method {
            MethodKind::AuthenticatorApp => {
                super::app_code_passes(w.account_mut(idx)?, &code, now)?.unwrap_or(false)
            }
            // Either phone method: the code went by text or call, whichever was asked for.
            _ => take_phone_code(&mut reset_mut(w, flow_id)?.code, |c| c.method.is_phone(), &code, now)?,
        };
        super::count_second_factor(w.account_mut(idx)?, passed, now);
        Ok(if passed { ResetEvent::Verified(method) } else { ResetEvent::VerifyFailed })
    }

    fn reset_password(
        &self,
        w: &mut Work,
        flow_id: &str,
        new: &str,
        confirm: &str,
    ) -> Result<ResetEvent, BackendError> {
        check_confirmed(new, confirm)?;
        let idx =
            reset(w, flow_id)?.account.ok_or(BackendError::Unexpected { input: "NewPassword".into() })?;
        let verdict = self.try_new_password(w, idx, new)?;
        let accepted = verdict.accepted();
        reset_mut(w, flow_id)?.verdict = Some(verdict);
        if !accepted {
            return Ok(ResetEvent::PasswordRejected);
        }
        Ok(ResetEvent::PasswordChanged)
    }

    /// At the end of a completed reset: unlock, remediate, and log it.
    fn finish_reset(&self, w: &mut Work, flow_id: &str, now: u64) -> Result<(), BackendError> {
        let Some(rec) = w.reset(flow_id)? else { return Ok(()) };
        let ResetStep::Done { remediation, .. } = rec.flow.step() else { return Ok(()) };
        let Some(idx) = rec.account else { return Ok(()) };
        let correlation_id = rec.correlation_id.clone();
        revoke(w, idx, Some(flow_id))?;
        if let Some(r) = &remediation {
            super::sign_in_risk::settle(w, idx, RiskState::Remediated, r.detail)?;
        }
        let account = w.account_mut(idx)?;
        let user_level = crate::engine::risk::user_risk(&account.detections, now);
        account.state.locked_until_ms = None;
        account.lockout = Default::default();
        if let Some(r) = &remediation {
            account.close_risk(RiskState::Remediated, r.detail, now);
        }
        let remediations: Vec<_> = remediation.iter().cloned().collect();
        let (risk_state, risk_detail) =
            super::sign_in_risk::logged(crate::engine::RiskLevel::None, user_level, &remediations, false);
        let source = account.history.last().map(|p| p.source.clone());
        let record = SignInRecord {
            id: 0, // numbered by the store
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
            user_level,
            outcome: SignInOutcome::PasswordReset,
            correlation_id,
            confirmed_by_user: None,
            risk_state,
            risk_detail,
        };
        w.append_log(idx, record);
        Ok(())
    }
}

fn reset_context(
    w: &mut Work,
    account: Option<AccountId>,
    username: &str,
    now: u64,
) -> Result<ResetContext, BackendError> {
    let account = match account {
        Some(i) => Some(w.account(i)?.clone()),
        None => None,
    };
    // An unknown username is judged by the tenant its domain names, so its answer looks alike.
    let tenant_id = match &account {
        Some(a) => a.home_tenant.clone(),
        None => username.split('@').nth(1).and_then(|d| d.split('.').next()).unwrap_or_default().to_string(),
    };
    let policy = match w.tenant(&tenant_id)? {
        Some(t) => Some(t.policy.clone()),
        None => match w.tenant_ids()?.first() {
            Some(first) => w.tenant(first)?.map(|t| t.policy.clone()),
            None => None,
        },
    };
    let policy = policy.ok_or(BackendError::Malformed("no tenant".into()))?;
    let (user, user_detections) = match account {
        Some(a) => (Some(a.state), a.detections),
        None => (None, vec![]),
    };
    // A guest closes user risk only as the home tenant's policy allows.
    let home_policy = match user.as_ref().and_then(|u| u.home_tenant.as_deref()) {
        Some(home) => w.tenant(home)?.map(|t| t.policy.clone()),
        None => None,
    };
    let decoy_seed = super::keyed(&decoy_key(w)?, "reset", username)[0];
    Ok(ResetContext { now_ms: now, user, user_detections, policy, home_policy, decoy_seed })
}

fn reset_reply(w: &mut Work, flow_id: &str, now: u64) -> Result<ResetReply, BackendError> {
    let rec = reset(w, flow_id)?;
    Ok(ResetReply {
        flow_id: flow_id.into(),
        seq: rec.seq,
        step: rec.flow.step(),
        code_sent_to: rec.code_sent_to.clone(),
        verdict: rec.verdict.clone(),
        passkey: rec.passkey_view.clone(),
        correlation_id: rec.correlation_id.clone(),
        time_ms: now,
    })
}
