//! The authority's sign-in flows over one unit of work: what it needs from outside
//! (time, randomness, where passkeys are valid) comes in, and every row goes through
//! `Work`, so the same code runs over the browser's rows and a database's.
use super::first_factor::{self, Checked};
use super::sessions::{revoke, session_account};
use super::{
    check_current, check_new_password_length, input_name, lab, limits, sign_in_outcome, unusual, use_up_pass,
    CodeTry, MAX_INPUT_CHARS,
};
use crate::api::{
    invalid, BackendError, Field, Input, Problem, Reply, SignInRecord, SignInRequest, SignInSource,
};
use crate::detect::{detect, PastSignIn};
use crate::directory::Account;
use crate::engine::password::{self, PersonalTerms};
use crate::engine::{
    Detection, Event, Flow, MethodKind, RiskKind, RiskLevel, RiskState, SignInContext, Step,
};
use crate::hash;
use crate::platform::{Clock, Entropy};
use crate::store::{AccountId, FlowRecord, Session, Work, DECOY_KEY};
use crate::webauthn::RelyingParty;

/// What the authority takes from its host for one call.
pub struct Authority<'a> {
    pub clock: &'a dyn Clock,
    pub entropy: &'a dyn Entropy,
    /// Where passkeys are valid.
    pub rp: &'a RelyingParty,
    /// Whether a sign-in request may say where it comes from (the lab, tests).
    pub client_sources: bool,
    /// The form new password hashes take.
    pub hashing: hash::Hashing,
    /// A sign-in's password work done before this unit's transaction, if any.
    pub checked: Option<&'a Checked>,
}

/// How a flow begins: after a password, after a passkey, or as a step-up of a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Start {
    Password,
    Passkey,
    StepUp(String),
}

pub(super) fn flow<'w>(w: &'w mut Work<'_>, id: &str) -> Result<&'w FlowRecord, BackendError> {
    w.flow(id)?.ok_or(BackendError::UnknownFlow)
}

pub(super) fn flow_mut<'w>(w: &'w mut Work<'_>, id: &str) -> Result<&'w mut FlowRecord, BackendError> {
    w.flow_mut(id)?.ok_or(BackendError::UnknownFlow)
}

/// The account `username` names, if it may sign in here: with `tenant`, only that
/// organisation's members and guests.
pub(crate) fn signing_in(
    w: &mut Work,
    username: &str,
    tenant: Option<&str>,
) -> Result<Option<AccountId>, BackendError> {
    let Some(id) = w.account_named(username)? else { return Ok(None) };
    let Some(tenant) = tenant else { return Ok(Some(id)) };
    Ok((w.account(id)?.signs_in_to == tenant).then_some(id))
}

/// The key for decoys; without it nothing about an unknown name can be answered alike.
pub(super) fn decoy_key(w: &mut Work) -> Result<[u8; 32], BackendError> {
    let key = w.secret(DECOY_KEY)?.and_then(|k| <[u8; 32]>::try_from(k).ok());
    key.ok_or(BackendError::Unavailable)
}

impl Authority<'_> {
    pub(super) fn random_hex(&self, bytes: usize) -> String {
        let mut buf = vec![0u8; bytes];
        self.entropy.fill(&mut buf);
        buf.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub(super) fn random_code(&self) -> String {
        let mut buf = [0u8; 4];
        self.entropy.fill(&mut buf);
        format!("{:06}", u32::from_le_bytes(buf) % 1_000_000)
    }

    pub fn sign_in(&self, w: &mut Work, req: SignInRequest) -> Result<Reply, BackendError> {
        let username = req.username.trim();
        if username.is_empty() {
            return Err(invalid(Field::Username, Problem::Empty));
        }
        if req.password.is_empty() {
            return Err(invalid(Field::Password, Problem::Empty));
        }
        if username.chars().count() > MAX_INPUT_CHARS {
            return Err(invalid(Field::Username, Problem::TooLong));
        }
        if req.password.chars().count() > MAX_INPUT_CHARS {
            return Err(invalid(Field::Password, Problem::TooLong));
        }
        let now = self.clock.now_ms();
        let Some(idx) = signing_in(w, username, req.tenant.as_deref())? else {
            if !Checked::spent_for_nobody(self.checked) {
                self.hashing.spend_like_a_wrong_password(&req.password);
            }
            return Err(BackendError::InvalidCredentials);
        };
        // Nothing about the account is told before the password is right.
        let account = w.account_mut(idx)?;
        let source = self.source_of(account, req.source.clone());
        let done = Checked::for_account(self.checked, account).cloned();
        let right = match &done {
            Some(c) => c.matches && !first_factor::pass_expired(account, now),
            None => first_factor::first_factor_ok(account, &req.password, now, self.hashing),
        };
        if !right {
            let familiar = source.as_ref().is_ok_and(|s| limits::is_familiar(account, s));
            let fingerprint = done.and_then(|c| c.fingerprint);
            limits::record_wrong_password(account, &req.password, fingerprint, familiar, now);
            return Err(BackendError::InvalidCredentials);
        }
        // Before anything about the account changes: an error here must change nothing.
        let source = source?;
        limits::password_passed(account);
        match done.and_then(|c| c.rehashed) {
            Some(new) => account.password_hash = new,
            None => self.rehash_if_old(account, &req.password),
        }
        use_up_pass(account);
        self.start_flow(w, idx, source, Start::Password, now)
    }

    /// A password that just proved right, stored in an older form, is hashed again in
    /// today's (`first_factor::rehashed`), with a salt drawn here if it has none to keep.
    fn rehash_if_old(&self, account: &mut Account, typed: &str) {
        let fresh_salt = || {
            let mut salt = [0u8; 16];
            self.entropy.fill(&mut salt);
            Some(salt)
        };
        if let Some(new) = first_factor::rehashed(account, typed, self.hashing, fresh_salt) {
            account.password_hash = new;
        }
    }

    /// Where a sign-in comes from: as the request says (lab and tests only), the
    /// persona's script, or where the person last signed in.
    pub(super) fn source_of(
        &self,
        account: &Account,
        requested: Option<SignInSource>,
    ) -> Result<SignInSource, BackendError> {
        requested
            .filter(|_| self.client_sources)
            .or_else(|| account.next_source.clone())
            .or_else(|| account.history.last().map(|p| p.source.clone()))
            .ok_or(BackendError::Malformed("no sign-in source".into()))
    }

    pub fn step_up(&self, w: &mut Work, session: &str) -> Result<Reply, BackendError> {
        let now = self.clock.now_ms();
        let idx = session_account(w, session, now)?;
        let account = w.account(idx)?;
        if account.state.methods.is_empty() {
            return Err(BackendError::NotAuthorized);
        }
        let source = account.history.last().map(|p| p.source.clone());
        let source = source.ok_or(BackendError::Malformed("no sign-in source".into()))?;
        self.start_flow(w, idx, source, Start::StepUp(session.into()), now)
    }

    /// Runs the engine for a sign-in whose first factor has been checked (a password
    /// or a passkey), or for a step-up, and returns its first step.
    pub(super) fn start_flow(
        &self,
        w: &mut Work,
        idx: AccountId,
        source: SignInSource,
        start: Start,
        now: u64,
    ) -> Result<Reply, BackendError> {
        let account = w.account(idx)?.clone();
        // A step-up is no new sign-in: nothing about its place is new.
        let detections = match start {
            Start::StepUp(_) => vec![],
            _ => detect(&source, &account.history, &account.trusted_ips, now),
        };
        let mut ctx = context(w, &account, &detections, now)?;
        // The password lock that holds here: one earned elsewhere does not lock the desk.
        ctx.user.locked_until_ms = limits::lock_for(&account, limits::is_familiar(&account, &source));
        ctx.signed_in_with = (start == Start::Passkey).then_some(MethodKind::Passkey);
        ctx.step_up = matches!(start, Start::StepUp(_));
        let (sign_in_risk, user_risk) = (ctx.sign_in_risk(), ctx.user_risk());
        let (policy, home_policy) = (ctx.policy.clone(), ctx.home_policy.clone());
        let (flow, _) = Flow::start(ctx);
        let flow_id = self.random_hex(16);
        let record = FlowRecord {
            flow,
            account: idx,
            seq: 0,
            started_ms: now,
            touched_ms: now,
            policy,
            home_policy,
            replaces: match start {
                Start::StepUp(session) => Some(crate::store::session_key(&session)),
                _ => None,
            },
            codes_sent: 0,
            unusual: unusual(&detections, &source),
            source,
            detections,
            code: None,
            code_sent_to: None,
            enrollment: None,
            enrollment_view: None,
            verdict: None,
            correlation_id: self.random_hex(8),
            session: None,
            passkey: None,
            passkey_view: None,
            sign_in_risk,
            user_risk,
            steps: Vec::new(),
        };
        w.insert_flow(&flow_id, record);
        self.settle(w, &flow_id, now)?;
        reply(w, &flow_id, now)
    }

    pub fn current(&self, w: &mut Work, flow_id: &str) -> Result<Reply, BackendError> {
        let now = self.clock.now_ms();
        if now > flow(w, flow_id)?.ends_ms() {
            return Err(BackendError::FlowExpired);
        }
        Ok(Reply { session: None, passkey: None, ..reply(w, flow_id, now)? })
    }

    pub fn send(&self, w: &mut Work, flow_id: &str, seq: u32, input: Input) -> Result<Reply, BackendError> {
        let now = self.clock.now_ms();
        let rec = flow(w, flow_id)?;
        if let Err(e) = check_current(rec.ends_ms(), rec.seq, seq, now) {
            if e == BackendError::FlowExpired {
                w.delete_flow(flow_id);
            }
            return Err(e);
        }
        let holds = still_holds(w, flow_id, now)?;
        let rec = flow_mut(w, flow_id)?;
        // A passkey challenge is shown once; the flow keeps it until it is answered.
        rec.passkey_view = None;
        let step = rec.flow.step();
        if step.is_terminal() {
            return Err(unexpected(&input));
        }
        // Decided under facts that no longer hold: the flow ends, and no session comes of it.
        let event = match holds {
            true => self.event_for(w, flow_id, &step, &input, now)?,
            false => Some(Event::BackendError),
        };
        if let Some(event) = event {
            flow_mut(w, flow_id)?.flow.advance(event).map_err(|_| unexpected(&input))?;
        }
        let rec = flow_mut(w, flow_id)?;
        rec.seq += 1;
        rec.touched_ms = now;
        self.settle(w, flow_id, now)?;
        reply(w, flow_id, now)
    }

    /// Judges `new` for account `idx` and, if accepted, stores it (hashed) in place of
    /// the old one, which also ends a temporary password; a passwordless account then
    /// has a password, everywhere.
    pub(super) fn try_new_password(
        &self,
        w: &mut Work,
        idx: AccountId,
        new: &str,
    ) -> Result<password::Verdict, BackendError> {
        let is_current = hash::verify_password(new, &w.account(idx)?.password_hash);
        let verdict = verdict_for(w, idx, new, is_current)?;
        if verdict.accepted() {
            let mut salt = [0u8; 16];
            self.entropy.fill(&mut salt);
            let account = w.account_mut(idx)?;
            account.password_hash = self.hashing.new_hash(new, &salt);
            account.state.temporary_password = false;
            account.state.has_password = true;
            account.pass_expires_ms = None;
            account.password_changed_ms = Some(self.clock.now_ms());
        }
        Ok(verdict)
    }

    pub fn check_password(
        &self,
        w: &mut Work,
        flow_id: &str,
        candidate: &str,
    ) -> Result<password::Verdict, BackendError> {
        check_new_password_length(candidate)?;
        let asking = |asks: bool, idx: Option<AccountId>| idx.filter(|_| asks);
        // A sign-in flow at its password step, or a reset of a real account at its own.
        let in_flow = w
            .flow(flow_id)?
            .map(|rec| asking(matches!(rec.flow.step(), Step::ChangePassword { .. }), Some(rec.account)));
        let idx = match in_flow {
            Some(idx) => idx,
            None => {
                let rec = w.reset(flow_id)?.ok_or(BackendError::UnknownFlow)?;
                asking(rec.asks_for_password(), rec.account)
            }
        };
        let idx = idx.ok_or(BackendError::Unexpected { input: "CheckPassword".into() })?;
        verdict_for(w, idx, candidate, false)
    }

    /// Checks `input` against the current step and turns it into an engine event;
    /// `None` for inputs that only prepare something (send a code, start registering).
    fn event_for(
        &self,
        w: &mut Work,
        flow_id: &str,
        step: &Step,
        input: &Input,
        now: u64,
    ) -> Result<Option<Event>, BackendError> {
        match (input, step) {
            (Input::Continue, _) => Ok(Some(Event::Continue)),
            (Input::Skip, _) => Ok(Some(Event::Skip)),
            (Input::Cancel, _) => Ok(Some(Event::Cancel)),
            (_, Step::MfaChallenge { methods, .. }) => self.mfa_event(w, flow_id, methods, input, now),
            (_, Step::Register { allowed, .. }) => self.register_event(w, flow_id, allowed, input, now),
            (Input::NewPassword { password, confirm }, Step::ChangePassword { .. }) => {
                self.change_password(w, flow_id, password, confirm).map(Some)
            }
            _ => Err(unexpected(input)),
        }
    }

    /// `input` on the MFA challenge, which offers `methods`.
    fn mfa_event(
        &self,
        w: &mut Work,
        flow_id: &str,
        methods: &[MethodKind],
        input: &Input,
        now: u64,
    ) -> Result<Option<Event>, BackendError> {
        match input {
            Input::SendCode { method } if methods.contains(method) => {
                let idx = flow(w, flow_id)?.account;
                let phone = w.account(idx)?.phone.clone().ok_or_else(|| unexpected(input))?;
                self.send_phone_code(w, flow_id, *method, &phone, now)?;
                Ok(None)
            }
            Input::Code { method, code } if methods.contains(method) => {
                self.check_mfa_code(w, flow_id, CodeTry::new(*method, code, now)?).map(Some)
            }
            Input::BeginPasskey if methods.contains(&MethodKind::Passkey) => {
                self.offer_passkey(w, flow_id, false, now).map(|_| None)
            }
            Input::PasskeyAssertion(answer) if methods.contains(&MethodKind::Passkey) => {
                self.check_flow_passkey(w, flow_id, answer, now).map(Some)
            }
            _ => Err(unexpected(input)),
        }
    }

    /// `input` on the registration step, which allows `allowed`.
    fn register_event(
        &self,
        w: &mut Work,
        flow_id: &str,
        allowed: &[MethodKind],
        input: &Input,
        now: u64,
    ) -> Result<Option<Event>, BackendError> {
        match input {
            Input::BeginRegistration { method, phone } if allowed.contains(method) => {
                self.begin_registration(w, flow_id, *method, phone.as_deref(), now)?;
                Ok(None)
            }
            Input::SendCode { method } => {
                let rec = flow(w, flow_id)?;
                let phone =
                    rec.enrollment.as_ref().and_then(|e| e.phone.clone()).ok_or_else(|| unexpected(input))?;
                self.send_phone_code(w, flow_id, *method, &phone, now)?;
                Ok(None)
            }
            Input::ConfirmRegistration { code } => self.confirm_registration(w, flow_id, code, now).map(Some),
            Input::BeginPasskey if allowed.contains(&MethodKind::Passkey) => {
                self.offer_passkey(w, flow_id, true, now).map(|_| None)
            }
            Input::PasskeyCreated(created) if allowed.contains(&MethodKind::Passkey) => {
                self.register_flow_passkey(w, flow_id, created, now).map(Some)
            }
            _ => Err(unexpected(input)),
        }
    }

    /// Persists what the flow has settled so far, and everything at its end.
    fn settle(&self, w: &mut Work, flow_id: &str, now: u64) -> Result<(), BackendError> {
        lab::record_step(w, flow_id)?;
        let Some(rec) = w.flow(flow_id)?.cloned() else { return Ok(()) };
        let outcome = rec.flow.outcome();
        let step = rec.flow.step();
        let idx = rec.account;
        if w.account(idx)?.state.grace_started_ms.is_none() && outcome.grace_started_ms.is_some() {
            w.account_mut(idx)?.state.grace_started_ms = outcome.grace_started_ms;
        }
        if !step.is_terminal() {
            return Ok(());
        }
        let user_closed: Vec<_> = match outcome.signed_in {
            true => outcome.remediations.iter().filter(|r| r.risk == RiskKind::User).collect(),
            false => vec![],
        };
        for r in &user_closed {
            super::sign_in_risk::settle(w, idx, RiskState::Remediated, r.detail)?;
        }
        let account = w.account_mut(idx)?;
        if outcome.signed_in {
            for r in &user_closed {
                account.close_risk(RiskState::Remediated, r.detail, now);
            }
            // A risky place becomes familiar only once the person proved it was them.
            if outcome.verified || rec.sign_in_risk == RiskLevel::None {
                account.history.push(PastSignIn { source: rec.source.clone(), at_ms: now });
            }
            account.next_source = None;
        }
        let level = crate::engine::risk::sign_in_risk(&rec.detections);
        let remediations = if outcome.signed_in { &outcome.remediations[..] } else { &[] };
        let blocked = matches!(step, Step::Blocked { .. });
        let (risk_state, risk_detail) =
            super::sign_in_risk::logged(level, rec.user_risk, remediations, blocked);
        let record = SignInRecord {
            id: 0, // numbered by the store
            at_ms: now,
            username: account.username.clone(),
            source: rec.source.clone(),
            detections: rec.detections.iter().map(|d| d.kind).collect(),
            level,
            user_level: rec.user_risk,
            outcome: sign_in_outcome(&step),
            correlation_id: rec.correlation_id.clone(),
            confirmed_by_user: None,
            risk_state,
            risk_detail,
        };
        w.append_log(idx, record);
        if outcome.signed_in {
            self.hand_out_session(w, &rec, flow_id, outcome.revoke_sessions, outcome.verified, now)?;
        }
        Ok(())
    }

    /// The session a signed-in flow earns (in place of the one a step-up replaces).
    fn hand_out_session(
        &self,
        w: &mut Work,
        rec: &FlowRecord,
        flow_id: &str,
        revoke_sessions: bool,
        verified: bool,
        now: u64,
    ) -> Result<(), BackendError> {
        if revoke_sessions {
            revoke(w, rec.account, Some(flow_id))?;
        }
        // A step-up proves the person again; it does not make the session live longer.
        let mut started_ms = now;
        if let Some(old) = &rec.replaces {
            started_ms = w.session_by_key(old)?.map_or(now, |s| s.started_ms);
            w.end_session_by_key(old);
        }
        let token = self.random_hex(24);
        if let Some(rec) = w.flow_mut(flow_id)? {
            rec.session = Some(token.clone());
        }
        let proven_ms = verified.then_some(now);
        w.put_session(&token, Session { account: rec.account, proven_ms, started_ms, used_ms: now });
        Ok(())
    }
}

/// Password protection for account `idx`: the tenant's banned list, the person's
/// names and the tenant's name.
pub(super) fn verdict_for(
    w: &mut Work,
    idx: AccountId,
    candidate: &str,
    is_current: bool,
) -> Result<password::Verdict, BackendError> {
    let account = w.account(idx)?;
    let names = vec![
        account.given_name.clone(),
        account.surname.clone(),
        account.username.split('@').next().unwrap_or_default().to_string(),
    ];
    let home = account.home_tenant.clone();
    let tenant = w.tenant(&home)?;
    let personal = PersonalTerms { names, tenant_name: tenant.map(|t| t.name.clone()).unwrap_or_default() };
    let banned = tenant.map(|t| t.banned.clone()).unwrap_or_default();
    Ok(password::check(candidate, is_current, &banned, &personal))
}

/// The refusal of an input the current step does not expect.
fn unexpected(input: &Input) -> BackendError {
    BackendError::Unexpected { input: input_name(input).into() }
}

/// Whether what a flow was decided on still holds: the account enabled, the same
/// policies, and no more user risk than at its start.
fn still_holds(w: &mut Work, flow_id: &str, now: u64) -> Result<bool, BackendError> {
    let rec = flow(w, flow_id)?;
    let (idx, policy, home_policy, risk) =
        (rec.account, rec.policy.clone(), rec.home_policy.clone(), rec.user_risk);
    let account = w.account(idx)?;
    let (disabled, signs_in_to, home) =
        (account.state.disabled, account.signs_in_to.clone(), account.state.home_tenant.clone());
    let risk_now = crate::engine::risk::user_risk(&account.detections, now);
    let policy_now = w.tenant(&signs_in_to)?.map(|t| t.policy.clone());
    let home_now = match home {
        Some(home) => w.tenant(&home)?.map(|t| t.policy.clone()),
        None => None,
    };
    Ok(!disabled && policy_now == Some(policy) && home_now == home_policy && risk_now <= risk)
}

fn context(
    w: &mut Work,
    account: &Account,
    detections: &[Detection],
    now: u64,
) -> Result<SignInContext, BackendError> {
    // Without the tenant's policy nothing can be decided: refuse rather than guess.
    let policy = w.tenant(&account.signs_in_to)?.map(|t| t.policy.clone());
    let policy = policy.ok_or(BackendError::Malformed("unknown tenant".into()))?;
    let home_policy = match account.state.home_tenant.as_deref() {
        Some(home) => w.tenant(home)?.map(|t| t.policy.clone()),
        None => None,
    };
    Ok(SignInContext {
        now_ms: now,
        user: account.state.clone(),
        sign_in_detections: detections.to_vec(),
        user_detections: account.detections.clone(),
        policy,
        home_policy,
        signed_in_with: None,
        step_up: false,
    })
}

fn reply(w: &mut Work, flow_id: &str, now: u64) -> Result<Reply, BackendError> {
    let idx = flow(w, flow_id)?.account;
    let account = w.account(idx)?;
    let (display_name, signs_in_to, home) =
        (account.display_name.clone(), account.signs_in_to.clone(), account.state.home_tenant.clone());
    let tenant = w.tenant(&signs_in_to)?;
    let tenant_name = tenant.map(|t| t.name.clone()).unwrap_or_default();
    // A tenant record's branding is shown as far as it can be: a pale accent darkened
    // until white reads on it, any part that fails its check left out.
    let branding = tenant.and_then(|t| t.branding.readable());
    let home_tenant_name = match home {
        Some(home) => w.tenant(&home)?.map(|t| t.name.clone()),
        None => None,
    };
    let rec = flow(w, flow_id)?;
    Ok(Reply {
        flow_id: flow_id.into(),
        seq: rec.seq,
        step: rec.flow.step(),
        display_name,
        tenant_name,
        branding,
        home_tenant_name,
        unusual: rec.unusual.clone(),
        enrollment: rec.enrollment_view.clone(),
        code_sent_to: rec.code_sent_to.clone(),
        verdict: rec.verdict.clone(),
        correlation_id: rec.correlation_id.clone(),
        time_ms: now,
        session: rec.session.clone(),
        passkey: rec.passkey_view.clone(),
        handoff: None,
    })
}
