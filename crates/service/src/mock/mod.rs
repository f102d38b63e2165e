//! The mock identity backend: a whole directory held in memory (and, in the
//! browser, in localStorage), running the real engine for every sign-in.
mod admin;
mod faults;
mod health;
mod lab;
pub mod limits;
mod passkeys;
pub mod reset;
mod store;

pub use faults::{Fault, Operation};
pub use lab::Trace;
pub use passkeys::PASSKEY_CHALLENGE_TTL_MS;
#[cfg(target_arch = "wasm32")]
pub use store::LocalStore;
pub use store::{MemoryStore, Store, StoreStatus, STORE_VERSION};

use super::api::{
    invalid, AccountView, AdminAction, AdminReceipt, AdminView, BackendError, Branding, Enrollment, Field,
    Input, Problem, Reply, ResetInput, ResetReply, SignInOutcome, SignInRecord, SignInRequest, SignInSource,
    Unusual,
};
use super::detect::{detect, PastSignIn};
use super::directory::{Account, Tenant, TotpDevice};
use super::platform::{Clock, Entropy};
use super::webauthn::{PasskeyAssertion, PasskeyCreated, PasskeyOptions, RelyingParty};
use super::{hash, seed, totp, BackendFuture, IdentityBackend};
use crate::engine::password::{self, BannedList, PersonalTerms};
use crate::engine::{
    Detection, Event, Flow, MethodKind, RiskKind, RiskLevel, RiskState, SignInContext, Step, TenantPolicy,
};
use passkeys::Challenge;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A flow left alone this long is gone.
pub const FLOW_TTL_MS: u64 = 15 * 60 * 1000;
/// A flow is gone this long after it started, however busy.
pub const FLOW_MAX_MS: u64 = 30 * 60 * 1000;
/// A session unused this long has ended.
pub const SESSION_IDLE_MS: u64 = 30 * 60 * 1000;
/// A session has ended this long after its sign-in, however busy.
pub const SESSION_MAX_MS: u64 = 12 * 60 * 60 * 1000;
/// Admin calls need a sign-in or step-up that proved the person this recently.
pub const STEP_UP_FRESH_MS: u64 = 15 * 60 * 1000;
/// Phone codes are good for five minutes.
pub const PHONE_CODE_TTL_MS: u64 = 5 * 60 * 1000;
pub use limits::{LOCKOUT_BASE_MS, LOCKOUT_THRESHOLD};
const MAX_INPUT_CHARS: usize = 256;
/// Room for 15 digits with their spaces, brackets and a plus.
const MAX_PHONE_CHARS: usize = 32;

/// A message the simulated phone received.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PhoneMessage {
    pub to: String,
    pub method: MethodKind,
    pub code: String,
    pub at_ms: u64,
}

struct PendingCode {
    code: String,
    method: MethodKind,
    expires_ms: u64,
}

struct PendingEnrollment {
    method: MethodKind,
    secret: Vec<u8>,
    phone: Option<String>,
    /// Wrong codes typed for this method so far.
    wrong_codes: u32,
}

/// Wrong codes allowed while proving a new method; then it is dropped (and in a
/// sign-in, the flow ends blocked), so a code cannot be guessed by trying them all.
pub const WRONG_CODES_PER_ENROLLMENT: u32 = 5;

struct FlowRecord {
    flow: Flow,
    account: usize,
    seq: u32,
    started_ms: u64,
    touched_ms: u64,
    /// The policies the flow was decided under; changed ones end it.
    policy: TenantPolicy,
    home_policy: Option<TenantPolicy>,
    /// For a step-up: the session that the fresh one replaces.
    replaces: Option<String>,
    codes_sent: u32,
    source: SignInSource,
    detections: Vec<Detection>,
    unusual: Vec<Unusual>,
    code: Option<PendingCode>,
    code_sent_to: Option<String>,
    enrollment: Option<PendingEnrollment>,
    enrollment_view: Option<Enrollment>,
    verdict: Option<password::Verdict>,
    correlation_id: String,
    session: Option<String>,
    /// The passkey challenge handed out in this flow, until it is answered.
    passkey: Option<Challenge>,
    /// What the browser needs for it; only in the reply that hands it out.
    passkey_view: Option<PasskeyOptions>,
    /// For the scenario lab: the levels the engine saw and every step it chose.
    sign_in_risk: RiskLevel,
    user_risk: RiskLevel,
    steps: Vec<Step>,
}

/// What survives a reload: the directory, the logs and the simulated phone.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Saved {
    tenants: Vec<Tenant>,
    accounts: Vec<Account>,
    phone: Vec<PhoneMessage>,
    log: Vec<SignInRecord>,
}

/// A signed-in session: whose, when it last proved the person with a method they
/// already had (if ever), and when it began and was last used.
struct Session {
    account: usize,
    proven_ms: Option<u64>,
    started_ms: u64,
    used_ms: u64,
}

/// The saved part, plus flows and sessions, which live only as long as the page.
#[derive(Default)]
struct State {
    saved: Saved,
    flows: HashMap<String, FlowRecord>,
    sessions: HashMap<String, Session>,
    /// Keys the decoys shown for unknown usernames, so each name always looks alike.
    decoy_key: [u8; 32],
    resets: HashMap<String, reset::ResetRecord>,
    /// Methods being added from account health, by session, with any code sent.
    adding: HashMap<String, (PendingEnrollment, Option<PendingCode>)>,
    /// Passkey challenges for signing in without a password, by lower-case username:
    /// a few at once, so that nobody can overwrite or use up the one a person holds.
    passkey_sign_ins: HashMap<String, Vec<Challenge>>,
    /// Passkey challenges for adding one from account health, by session.
    adding_passkeys: HashMap<String, Challenge>,
    /// The flow that moved last, for the scenario lab's trace.
    last_flow: Option<String>,
    /// The reset started last, for tests that play a second tab.
    last_reset: Option<String>,
}

pub struct MockBackend {
    state: RefCell<State>,
    clock: Rc<dyn Clock>,
    entropy: Rc<dyn Entropy>,
    store: Rc<dyn Store>,
    status: StoreStatus,
    faults: RefCell<HashMap<Operation, Fault>>,
    /// Whether a sign-in request may say where it comes from (the scenario lab and
    /// tests); otherwise the mock decides, as a real service would from the connection.
    client_sources: std::cell::Cell<bool>,
    /// Where passkeys are valid: the page's origin in the browser.
    rp: RefCell<RelyingParty>,
}

impl MockBackend {
    /// A backend holding the seeded directory, kept only in memory.
    pub fn seeded(clock: Rc<dyn Clock>, entropy: Rc<dyn Entropy>) -> Self {
        Self::open(clock, entropy, Rc::new(MemoryStore::default()))
    }

    /// A backend that loads its directory from `store` and saves every change there.
    /// A corrupt or old store is reported through `store_status` and replaced by the seed.
    pub fn open(clock: Rc<dyn Clock>, entropy: Rc<dyn Entropy>, store: Rc<dyn Store>) -> Self {
        let (saved, status) = match store::load(store.as_ref()) {
            Ok(Some(saved)) => (saved, StoreStatus::Loaded),
            Ok(None) => (Self::seed(clock.as_ref(), entropy.as_ref()), StoreStatus::Fresh),
            Err(problem) => (Self::seed(clock.as_ref(), entropy.as_ref()), StoreStatus::Reset(problem)),
        };
        let backend = MockBackend {
            state: RefCell::new(State { saved, decoy_key: new_key(entropy.as_ref()), ..State::default() }),
            clock,
            entropy,
            store,
            status,
            faults: RefCell::default(),
            client_sources: std::cell::Cell::new(false),
            rp: RefCell::new(passkeys::default_relying_party()),
        };
        backend.save();
        backend
    }

    fn seed(clock: &dyn Clock, entropy: &dyn Entropy) -> Saved {
        let (tenants, accounts) = seed::directory(clock.now_ms(), entropy);
        Saved { tenants, accounts, ..Saved::default() }
    }

    /// Back to the seeded directory; flows and sessions end.
    pub fn reset(&self) {
        let saved = Self::seed(self.clock.as_ref(), self.entropy.as_ref());
        let decoy_key = new_key(self.entropy.as_ref());
        *self.state.borrow_mut() = State { saved, decoy_key, ..State::default() };
        self.save();
    }

    /// Lets sign-in requests name their own source; only for a lab or a test.
    pub fn accept_client_sources(&self, yes: bool) {
        self.client_sources.set(yes);
    }

    pub fn store_status(&self) -> &StoreStatus {
        &self.status
    }

    /// The account a session belongs to, if the session is still good (used within
    /// `SESSION_IDLE_MS`, begun within `SESSION_MAX_MS`, its account enabled).
    fn session_account(st: &mut State, session: &str, now: u64) -> Result<usize, BackendError> {
        let s = st.sessions.get_mut(session).ok_or(BackendError::NotAuthorized)?;
        if now > s.used_ms + SESSION_IDLE_MS || now > s.started_ms + SESSION_MAX_MS {
            Self::end_session(st, session);
            return Err(BackendError::NotAuthorized);
        }
        s.used_ms = now;
        let idx = s.account;
        if st.saved.accounts[idx].state.disabled {
            return Err(BackendError::NotAuthorized);
        }
        Ok(idx)
    }

    /// Like `session_account`, for changing the account's methods: a password alone is
    /// not enough, unless the account has no method yet to prove anything with.
    fn proven_session_account(st: &mut State, session: &str, now: u64) -> Result<usize, BackendError> {
        let idx = Self::session_account(st, session, now)?;
        let proven = st.sessions.get(session).is_some_and(|s| s.proven_ms.is_some());
        if !proven && !st.saved.accounts[idx].state.methods.is_empty() {
            return Err(BackendError::StepUpRequired);
        }
        Ok(idx)
    }

    /// Like `session_account`, for IT staff: an administrator whose session proved
    /// them with a method within `STEP_UP_FRESH_MS`.
    fn admin_account(st: &mut State, session: &str, now: u64) -> Result<usize, BackendError> {
        let idx = Self::session_account(st, session, now)?;
        if !st.saved.accounts[idx].is_admin {
            return Err(BackendError::NotAuthorized);
        }
        let proven = st.sessions.get(session).and_then(|s| s.proven_ms);
        if proven.is_none_or(|t| now > t + STEP_UP_FRESH_MS) {
            return Err(BackendError::StepUpRequired);
        }
        Ok(idx)
    }

    /// Step-up: a flow in which the person behind `session` proves themselves again
    /// with a method they already have; its end hands out a fresh, proven session in
    /// place of this one. Nothing to prove with: refused.
    pub fn step_up_now(&self, session: &str) -> Result<Reply, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let idx = Self::session_account(&mut st, session, now)?;
        let account = &st.saved.accounts[idx];
        if account.state.methods.is_empty() {
            return Err(BackendError::NotAuthorized);
        }
        let source = account.history.last().map(|p| p.source.clone());
        let source = source.ok_or(BackendError::Malformed("no sign-in source".into()))?;
        let out = self.start_flow(&mut st, idx, source, Start::StepUp(session.into()), now);
        drop(st);
        self.save();
        out
    }

    /// Ends one session (signing out): it opens nothing afterwards.
    pub fn sign_out_now(&self, session: &str) {
        Self::end_session(&mut self.state.borrow_mut(), session);
    }

    /// Ends a session and any method it was adding.
    fn end_session(st: &mut State, token: &str) {
        st.sessions.remove(token);
        st.adding.remove(token);
        st.adding_passkeys.remove(token);
    }

    /// Ends everything account `idx` has under way: its sessions, flows and resets,
    /// but for `keep` (the flow, reset or session making the change).
    fn revoke(st: &mut State, idx: usize, keep: Option<&str>) {
        let kept = |id: &String| Some(id.as_str()) == keep;
        let gone: Vec<String> = st
            .sessions
            .iter()
            .filter(|(t, s)| s.account == idx && !kept(t))
            .map(|(t, _)| t.clone())
            .collect();
        for token in gone {
            Self::end_session(st, &token);
        }
        st.flows.retain(|id, f| f.account != idx || kept(id));
        st.resets.retain(|id, r| r.account != Some(idx) || kept(id));
    }

    fn save(&self) {
        store::save(self.store.as_ref(), &self.state.borrow().saved);
    }

    /// The secret inside a persona's authenticator app, as the simulated device holds it.
    pub fn authenticator_secret(&self, username: &str) -> Option<Vec<u8>> {
        let a = self.account_of(username)?;
        a.totp.as_ref().map(|t| t.secret.clone())
    }

    /// What the simulated phone has received, newest last.
    pub fn phone_messages(&self) -> Vec<PhoneMessage> {
        self.state.borrow().saved.phone.clone()
    }

    pub fn sign_in_log(&self) -> Vec<SignInRecord> {
        self.state.borrow().saved.log.clone()
    }

    /// How many sessions `username` has open, for tests.
    pub fn open_sessions(&self, username: &str) -> usize {
        let st = self.state.borrow();
        let Some(idx) = st.saved.accounts.iter().position(|a| a.username.eq_ignore_ascii_case(username))
        else {
            return 0;
        };
        st.sessions.values().filter(|s| s.account == idx).count()
    }

    /// A copy of an account, for views and tests.
    pub fn account_of(&self, username: &str) -> Option<Account> {
        let st = self.state.borrow();
        st.saved.accounts.iter().find(|a| a.username.eq_ignore_ascii_case(username)).cloned()
    }

    fn random_hex(&self, bytes: usize) -> String {
        let mut buf = vec![0u8; bytes];
        self.entropy.fill(&mut buf);
        buf.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn random_code(&self) -> String {
        let mut buf = [0u8; 4];
        self.entropy.fill(&mut buf);
        format!("{:06}", u32::from_le_bytes(buf) % 1_000_000)
    }

    pub fn sign_in_now(&self, req: SignInRequest) -> Result<Reply, BackendError> {
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
        let mut st = self.state.borrow_mut();
        let found = st
            .saved
            .accounts
            .iter()
            .position(|a| a.username.eq_ignore_ascii_case(username))
            .filter(|&i| req.tenant.as_deref().is_none_or(|t| st.saved.accounts[i].signs_in_to == t));
        let Some(idx) = found else {
            limits::spend_like_a_wrong_password(&req.password);
            return Err(BackendError::InvalidCredentials);
        };
        // Nothing about the account is told before the password is right.
        let source = self.source_of(&st, idx, req.source.clone());
        let account = &mut st.saved.accounts[idx];
        if !first_factor_ok(account, &req.password, now) {
            let familiar = source.as_ref().is_ok_and(|s| limits::is_familiar(account, s));
            limits::record_wrong_password(account, &req.password, familiar, now);
            drop(st);
            self.save();
            return Err(BackendError::InvalidCredentials);
        }
        limits::password_passed(account);
        use_up_pass(account);
        let out = source.and_then(|source| self.start_flow(&mut st, idx, source, Start::Password, now));
        drop(st);
        self.save();
        out
    }

    /// Where a sign-in comes from: as the request says (lab and tests only), the
    /// persona's script, or where the person last signed in.
    fn source_of(
        &self,
        st: &State,
        idx: usize,
        requested: Option<SignInSource>,
    ) -> Result<SignInSource, BackendError> {
        requested
            .filter(|_| self.client_sources.get())
            .or_else(|| st.saved.accounts[idx].next_source.clone())
            .or_else(|| st.saved.accounts[idx].history.last().map(|p| p.source.clone()))
            .ok_or(BackendError::Malformed("no sign-in source".into()))
    }

    /// Runs the engine for a sign-in whose first factor has been checked (a password
    /// or a passkey), or for a step-up, and returns its first step.
    fn start_flow(
        &self,
        st: &mut State,
        idx: usize,
        source: SignInSource,
        start: Start,
        now: u64,
    ) -> Result<Reply, BackendError> {
        let account = &st.saved.accounts[idx];
        // A step-up is no new sign-in: nothing about its place is new.
        let detections = match start {
            Start::StepUp(_) => vec![],
            _ => detect(&source, &account.history, &account.trusted_ips, now),
        };
        let mut ctx = context(st, idx, &detections, now)?;
        // The password lock that holds here: one earned elsewhere does not lock the desk.
        ctx.user.locked_until_ms = limits::lock_for(account, limits::is_familiar(account, &source));
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
                Start::StepUp(session) => Some(session),
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
        st.flows.insert(flow_id.clone(), record);
        self.settle(st, &flow_id, now);
        Ok(reply(st, &flow_id, now))
    }

    /// The flow's current step, read again; without the session or a passkey challenge,
    /// which go out once, with the reply that earned them.
    pub fn current_now(&self, flow_id: &str) -> Result<Reply, BackendError> {
        let now = self.clock.now_ms();
        let st = self.state.borrow();
        let rec = st.flows.get(flow_id).ok_or(BackendError::UnknownFlow)?;
        if now > rec.ends_ms() {
            return Err(BackendError::FlowExpired);
        }
        Ok(Reply { session: None, passkey: None, ..reply(&st, flow_id, now) })
    }

    pub fn send_now(&self, flow_id: &str, seq: u32, input: Input) -> Result<Reply, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let rec = st.flows.get(flow_id).ok_or(BackendError::UnknownFlow)?;
        if let Err(e) = check_current(rec.ends_ms(), rec.seq, seq, now) {
            if e == BackendError::FlowExpired {
                st.flows.remove(flow_id);
            }
            return Err(e);
        }
        let holds = still_holds(&st, rec, now);
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        // A passkey challenge is shown once; the flow keeps it until it is answered.
        rec.passkey_view = None;
        let step = rec.flow.step();
        let unexpected = || BackendError::Unexpected { input: input_name(&input).into() };
        if step.is_terminal() {
            return Err(unexpected());
        }
        // Decided under facts that no longer hold: the flow ends, and no session comes of it.
        let event = match holds {
            true => self.event_for(&mut st, flow_id, &step, &input, now)?,
            false => Some(Event::BackendError),
        };
        if let Some(event) = event {
            let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
            rec.flow.advance(event).map_err(|_| unexpected())?;
        }
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        rec.seq += 1;
        rec.touched_ms = now;
        self.settle(&mut st, flow_id, now);
        let out = reply(&st, flow_id, now);
        drop(st);
        self.save();
        Ok(out)
    }

    /// Judges `new` for account `idx` and, if accepted, stores it (hashed) in place of
    /// the old one, which also ends a temporary password; a passwordless account then
    /// has a password, everywhere.
    fn try_new_password(&self, saved: &mut Saved, idx: usize, new: &str) -> password::Verdict {
        let is_current = hash::verify_password(new, &saved.accounts[idx].password_hash);
        let verdict = verdict_for(saved, idx, new, is_current);
        if verdict.accepted() {
            let mut salt = [0u8; 16];
            self.entropy.fill(&mut salt);
            let account = &mut saved.accounts[idx];
            account.password_hash = hash::hash_password(new, &salt, hash::ITERATIONS);
            account.state.temporary_password = false;
            account.state.has_password = true;
            account.pass_expires_ms = None;
            account.password_changed_ms = Some(self.clock.now_ms());
        }
        verdict
    }

    /// Live feedback while a new password is typed: the verdict, nothing stored. Only a
    /// flow that is asking for a new password may ask. (Whether it is the current
    /// password is checked on submit: hashing on every keystroke would be too slow.)
    pub fn check_password_now(
        &self,
        flow_id: &str,
        candidate: &str,
    ) -> Result<password::Verdict, BackendError> {
        check_new_password_length(candidate)?;
        let st = self.state.borrow();
        let asking = |asks: bool, idx: Option<usize>| idx.filter(|_| asks);
        // A sign-in flow at its password step, or a reset of a real account at its own.
        let idx = match (st.flows.get(flow_id), st.resets.get(flow_id)) {
            (Some(rec), _) => {
                asking(matches!(rec.flow.step(), Step::ChangePassword { .. }), Some(rec.account))
            }
            (None, Some(rec)) => asking(rec.asks_for_password(), rec.account),
            (None, None) => return Err(BackendError::UnknownFlow),
        };
        let idx = idx.ok_or(BackendError::Unexpected { input: "CheckPassword".into() })?;
        Ok(verdict_for(&st.saved, idx, candidate, false))
    }

    /// Checks `input` against the current step and turns it into an engine event;
    /// `None` for inputs that only prepare something (send a code, start registering).
    fn event_for(
        &self,
        st: &mut State,
        flow_id: &str,
        step: &Step,
        input: &Input,
        now: u64,
    ) -> Result<Option<Event>, BackendError> {
        let unexpected = || BackendError::Unexpected { input: input_name(input).into() };
        match (input, step) {
            (Input::Continue, _) => Ok(Some(Event::Continue)),
            (Input::Skip, _) => Ok(Some(Event::Skip)),
            (Input::Cancel, _) => Ok(Some(Event::Cancel)),
            (Input::SendCode { method }, Step::MfaChallenge { methods, .. }) if methods.contains(method) => {
                let idx = st.flows[flow_id].account;
                let phone = st.saved.accounts[idx].phone.clone().ok_or_else(unexpected)?;
                self.send_phone_code(st, flow_id, *method, &phone, now)?;
                Ok(None)
            }
            (Input::Code { method, code }, Step::MfaChallenge { methods, .. })
                if methods.contains(method) =>
            {
                self.check_mfa_code(st, flow_id, *method, code, now).map(Some)
            }
            (Input::BeginRegistration { method, phone }, Step::Register { allowed, .. })
                if allowed.contains(method) =>
            {
                self.begin_registration(st, flow_id, *method, phone.as_deref(), now)?;
                Ok(None)
            }
            (Input::SendCode { method }, Step::Register { .. }) => {
                let rec = &st.flows[flow_id];
                let phone = rec.enrollment.as_ref().and_then(|e| e.phone.clone()).ok_or_else(unexpected)?;
                self.send_phone_code(st, flow_id, *method, &phone, now)?;
                Ok(None)
            }
            (Input::ConfirmRegistration { code }, Step::Register { .. }) => {
                self.confirm_registration(st, flow_id, code, now).map(Some)
            }
            (Input::NewPassword { password, confirm }, Step::ChangePassword { .. }) => {
                self.change_password(st, flow_id, password, confirm).map(Some)
            }
            (Input::BeginPasskey, Step::MfaChallenge { methods, .. })
                if methods.contains(&MethodKind::Passkey) =>
            {
                self.offer_passkey(st, flow_id, false, now).map(|_| None)
            }
            (Input::BeginPasskey, Step::Register { allowed, .. })
                if allowed.contains(&MethodKind::Passkey) =>
            {
                self.offer_passkey(st, flow_id, true, now).map(|_| None)
            }
            (Input::PasskeyAssertion(answer), Step::MfaChallenge { methods, .. })
                if methods.contains(&MethodKind::Passkey) =>
            {
                self.check_flow_passkey(st, flow_id, answer, now).map(Some)
            }
            (Input::PasskeyCreated(created), Step::Register { allowed, .. })
                if allowed.contains(&MethodKind::Passkey) =>
            {
                self.register_flow_passkey(st, flow_id, created, now).map(Some)
            }
            _ => Err(unexpected()),
        }
    }

    fn send_phone_code(
        &self,
        st: &mut State,
        flow_id: &str,
        method: MethodKind,
        phone: &str,
        now: u64,
    ) -> Result<(), BackendError> {
        if !method.is_phone() {
            return Err(BackendError::Unexpected { input: "SendCode".into() });
        }
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        limits::take_code_send(Some(&mut st.saved.accounts[rec.account]), &mut rec.codes_sent, now)?;
        let code = self.deliver_code(&mut st.saved.phone, phone, method, now);
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        rec.code = Some(code);
        rec.code_sent_to = Some(mask_phone(phone));
        Ok(())
    }

    /// Texts or calls `phone` with a fresh code (to the simulated phone) and returns it.
    fn deliver_code(
        &self,
        inbox: &mut Vec<PhoneMessage>,
        phone: &str,
        method: MethodKind,
        now: u64,
    ) -> PendingCode {
        let code = self.random_code();
        inbox.push(PhoneMessage { to: phone.into(), method, code: code.clone(), at_ms: now });
        PendingCode { code, method, expires_ms: now + PHONE_CODE_TTL_MS }
    }

    /// What setting up `method` for account `idx` needs: a fresh secret and its QR code
    /// for an app, or the checked number for a phone.
    fn new_enrollment(
        &self,
        saved: &Saved,
        idx: usize,
        method: MethodKind,
        phone: Option<&str>,
    ) -> Result<(PendingEnrollment, Enrollment), BackendError> {
        if method.is_phone() {
            let number = clean_phone(phone.unwrap_or_default())?;
            let view = Enrollment {
                method,
                key: String::new(),
                uri: String::new(),
                qr_svg: String::new(),
                phone_hint: Some(mask_phone(&number)),
            };
            return Ok((
                PendingEnrollment { method, secret: vec![], phone: Some(number), wrong_codes: 0 },
                view,
            ));
        }
        if method != MethodKind::AuthenticatorApp {
            return Err(BackendError::Unexpected { input: "BeginRegistration".into() });
        }
        let account = &saved.accounts[idx];
        let issuer =
            saved.tenants.iter().find(|t| t.id == account.home_tenant).map_or("Riskgate", |t| &t.name);
        let mut secret = vec![0u8; 20];
        self.entropy.fill(&mut secret);
        let uri = totp::otpauth_uri(issuer, &account.username, &secret);
        let view = Enrollment {
            method,
            key: totp::group_key(&totp::base32_encode(&secret)),
            qr_svg: totp::qr_svg(&uri),
            uri,
            phone_hint: None,
        };
        Ok((PendingEnrollment { method, secret, phone: None, wrong_codes: 0 }, view))
    }

    fn check_mfa_code(
        &self,
        st: &mut State,
        flow_id: &str,
        method: MethodKind,
        typed: &str,
        now: u64,
    ) -> Result<Event, BackendError> {
        let code = clean_code(typed)?;
        let idx = st.flows[flow_id].account;
        // Locked by wrong second factors (here, in resets, anywhere): no code is checked.
        if limits::second_factors_locked(&st.saved.accounts[idx], now) {
            return Ok(Event::MfaFailed);
        }
        let event = self.mfa_code_event(st, flow_id, idx, method, &code, now)?;
        count_second_factor(&mut st.saved.accounts[idx], event == Event::MfaPassed(method), now);
        Ok(event)
    }

    fn mfa_code_event(
        &self,
        st: &mut State,
        flow_id: &str,
        idx: usize,
        method: MethodKind,
        code: &str,
        now: u64,
    ) -> Result<Event, BackendError> {
        if method == MethodKind::AuthenticatorApp {
            let passed = app_code_passes(&mut st.saved.accounts[idx], code, now)?;
            let passed = passed.ok_or(BackendError::Unexpected { input: "Code".into() })?;
            return Ok(if passed { Event::MfaPassed(method) } else { Event::MfaFailed });
        }
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        Ok(if take_phone_code(&mut rec.code, |c| c.method == method, code, now)? {
            Event::MfaPassed(method)
        } else {
            Event::MfaFailed
        })
    }

    fn begin_registration(
        &self,
        st: &mut State,
        flow_id: &str,
        method: MethodKind,
        phone: Option<&str>,
        now: u64,
    ) -> Result<(), BackendError> {
        let idx = st.flows[flow_id].account;
        let (pending, view) = self.new_enrollment(&st.saved, idx, method, phone)?;
        let number = pending.phone.clone();
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        rec.enrollment = Some(pending);
        rec.enrollment_view = Some(view);
        match number {
            Some(number) => self.send_phone_code(st, flow_id, method, &number, now),
            None => Ok(()),
        }
    }

    fn confirm_registration(
        &self,
        st: &mut State,
        flow_id: &str,
        typed: &str,
        now: u64,
    ) -> Result<Event, BackendError> {
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        let account = &mut st.saved.accounts[rec.account];
        // Locked by wrong second factors: no code is checked. A new method proven does not
        // clear the count: it was not one the account had.
        if limits::second_factors_locked(account, now) {
            return Ok(Event::TooManyWrongCodes);
        }
        let pending = rec.enrollment.as_mut().ok_or(invalid(Field::Code, Problem::NoCodeSent))?;
        let checked = check_enrollment_code(pending, &mut rec.code, typed, now);
        if is_wrong_code(&checked) {
            limits::second_factor_failed(account, now);
            if pending.wrong_codes >= WRONG_CODES_PER_ENROLLMENT {
                rec.enrollment = None;
                rec.enrollment_view = None;
                return Ok(Event::TooManyWrongCodes);
            }
        }
        let last_step = checked?;
        let done = rec.enrollment.take().ok_or(BackendError::UnknownFlow)?;
        rec.enrollment_view = None;
        let method = done.method;
        enrol(&mut st.saved.accounts[rec.account], done, last_step);
        Ok(Event::RegistrationCompleted(method))
    }

    fn change_password(
        &self,
        st: &mut State,
        flow_id: &str,
        new: &str,
        confirm: &str,
    ) -> Result<Event, BackendError> {
        check_confirmed(new, confirm)?;
        let idx = st.flows.get(flow_id).ok_or(BackendError::UnknownFlow)?.account;
        let verdict = self.try_new_password(&mut st.saved, idx, new);
        let accepted = verdict.accepted();
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        rec.verdict = Some(verdict);
        if !accepted {
            return Ok(Event::PasswordRejected);
        }
        // Whoever else knew the old password may hold a session or a flow: end them all.
        Self::revoke(st, idx, Some(flow_id));
        Ok(Event::PasswordChanged)
    }

    /// Persists what the flow has settled so far, and everything at its end.
    fn settle(&self, st: &mut State, flow_id: &str, now: u64) {
        lab::record_step(st, flow_id);
        let Some(rec) = st.flows.get(flow_id) else { return };
        let outcome = rec.flow.outcome();
        let step = rec.flow.step();
        let account = &mut st.saved.accounts[rec.account];
        if account.state.grace_started_ms.is_none() {
            account.state.grace_started_ms = outcome.grace_started_ms;
        }
        if !step.is_terminal() {
            return;
        }
        if outcome.signed_in {
            for r in outcome.remediations.iter().filter(|r| r.risk == RiskKind::User) {
                account.close_risk(RiskState::Remediated, r.detail, now);
            }
            // A risky place becomes familiar only once the person proved it was them.
            if outcome.verified || rec.sign_in_risk == RiskLevel::None {
                account.history.push(PastSignIn { source: rec.source.clone(), at_ms: now });
            }
            account.next_source = None;
        }
        let record = SignInRecord {
            id: st.saved.log.len() as u64 + 1,
            at_ms: now,
            username: account.username.clone(),
            source: rec.source.clone(),
            detections: rec.detections.iter().map(|d| d.kind).collect(),
            level: crate::engine::risk::sign_in_risk(&rec.detections),
            outcome: sign_in_outcome(&step),
            correlation_id: rec.correlation_id.clone(),
            confirmed_by_user: None,
        };
        st.saved.log.push(record);
        if outcome.signed_in {
            let idx = rec.account;
            let replaced = rec.replaces.clone();
            if outcome.revoke_sessions {
                Self::revoke(st, idx, Some(flow_id));
            }
            // A step-up proves the person again; it does not make the session live longer.
            let mut started_ms = now;
            if let Some(old) = replaced {
                started_ms = st.sessions.get(&old).map_or(now, |s| s.started_ms);
                Self::end_session(st, &old);
            }
            let token = self.random_hex(24);
            if let Some(rec) = st.flows.get_mut(flow_id) {
                rec.session = Some(token.clone());
            }
            let proven_ms = outcome.verified.then_some(now);
            st.sessions.insert(token, Session { account: idx, proven_ms, started_ms, used_ms: now });
        }
    }
}

/// Checks the code that proves a method being set up works: from the new app, or the
/// one sent to the new phone. Returns the app's time step, to stop its reuse.
fn check_enrollment_code(
    pending: &mut PendingEnrollment,
    sent: &mut Option<PendingCode>,
    typed: &str,
    now: u64,
) -> Result<Option<u64>, BackendError> {
    let checked = check_new_method_code(pending, sent, typed, now);
    if is_wrong_code(&checked) {
        pending.wrong_codes += 1;
    }
    checked
}

fn is_wrong_code<T>(checked: &Result<T, BackendError>) -> bool {
    matches!(checked, Err(BackendError::InvalidInput { problem: Problem::Mismatch, .. }))
}

fn check_new_method_code(
    pending: &PendingEnrollment,
    sent: &mut Option<PendingCode>,
    typed: &str,
    now: u64,
) -> Result<Option<u64>, BackendError> {
    let code = clean_code(typed)?;
    if pending.method != MethodKind::AuthenticatorApp {
        return match take_phone_code(sent, |_| true, &code, now)? {
            true => Ok(None),
            false => Err(invalid(Field::Code, Problem::Mismatch)),
        };
    }
    match totp::verify(&pending.secret, &code, now / 1000, None) {
        Ok(step) => Ok(Some(step)),
        Err(totp::TotpError::Malformed) => Err(invalid(Field::Code, Problem::NotACode)),
        Err(_) => Err(invalid(Field::Code, Problem::Mismatch)),
    }
}

/// The account gains the method that was just proven.
fn enrol(account: &mut Account, done: PendingEnrollment, last_step: Option<u64>) {
    if done.method == MethodKind::AuthenticatorApp {
        account.totp = Some(TotpDevice { secret: done.secret, last_step });
    } else {
        account.phone = done.phone;
    }
    if !account.has_method(done.method) {
        account.state.methods.push(done.method);
    }
}

/// An input for step `sent` of a flow that is on step `current` and lasts until
/// `ends_ms`: refused if the flow has expired or the input names another step.
fn check_current(ends_ms: u64, current: u32, sent: u32, now: u64) -> Result<(), BackendError> {
    if now > ends_ms {
        return Err(BackendError::FlowExpired);
    }
    if sent != current {
        return Err(BackendError::StaleStep { expected: current });
    }
    Ok(())
}

/// A new password and its confirmation, as typed, before anything else is checked.
fn check_confirmed(new: &str, confirm: &str) -> Result<(), BackendError> {
    if new.is_empty() {
        return Err(invalid(Field::NewPassword, Problem::Empty));
    }
    check_new_password_length(new)?;
    if new != confirm {
        return Err(invalid(Field::Confirm, Problem::Mismatch));
    }
    Ok(())
}

/// A new password longer than any allowed is refused before it is hashed or scored.
fn check_new_password_length(new: &str) -> Result<(), BackendError> {
    match new.chars().count() > password::MAX_LENGTH {
        true => Err(invalid(Field::NewPassword, Problem::TooLong)),
        false => Ok(()),
    }
}

/// Checks a typed phone code against the one in `slot` (if `fits`); true when it
/// matches, and then it is used up. Expired codes are dropped.
fn take_phone_code(
    slot: &mut Option<PendingCode>,
    fits: impl Fn(&PendingCode) -> bool,
    typed: &str,
    now: u64,
) -> Result<bool, BackendError> {
    let pending = slot.as_ref().filter(|c| fits(c)).ok_or(invalid(Field::Code, Problem::NoCodeSent))?;
    if pending.expires_ms <= now {
        *slot = None;
        return Err(invalid(Field::Code, Problem::CodeExpired));
    }
    let matches = hash::constant_time_eq(pending.code.as_bytes(), typed.as_bytes());
    if matches {
        *slot = None; // single use
    }
    Ok(matches)
}

/// Password protection for account `idx`: the tenant's banned list, the person's
/// names and the tenant's name.
fn verdict_for(saved: &Saved, idx: usize, candidate: &str, is_current: bool) -> password::Verdict {
    let account = &saved.accounts[idx];
    let tenant = saved.tenants.iter().find(|t| t.id == account.home_tenant);
    let personal = PersonalTerms {
        names: vec![
            account.given_name.clone(),
            account.surname.clone(),
            account.username.split('@').next().unwrap_or_default().to_string(),
        ],
        tenant_name: tenant.map(|t| t.name.clone()).unwrap_or_default(),
    };
    let banned = tenant.map(|t| t.banned.clone()).unwrap_or_default();
    password::check(candidate, is_current, &banned, &personal)
}

/// Checks a code from the account's authenticator app and uses up its time step, so it
/// works once. `None`: the account has no app.
fn app_code_passes(account: &mut Account, code: &str, now: u64) -> Result<Option<bool>, BackendError> {
    let Some(device) = account.totp.as_mut() else { return Ok(None) };
    match totp::verify(&device.secret, code, now / 1000, device.last_step) {
        Ok(step) => {
            device.last_step = Some(step);
            Ok(Some(true))
        }
        Err(totp::TotpError::Malformed) => Err(invalid(Field::Code, Problem::NotACode)),
        Err(_) => Ok(Some(false)),
    }
}

/// A second factor the account already had, checked: passed or wrong.
fn count_second_factor(account: &mut Account, passed: bool, now: u64) {
    match passed {
        true => limits::second_factor_passed(account),
        false => limits::second_factor_failed(account, now),
    }
}

/// The password, or for a passwordless account its temporary access pass while good.
fn first_factor_ok(account: &Account, typed: &str, now: u64) -> bool {
    let pass_expired = !account.state.has_password && account.pass_expires_ms.is_none_or(|t| t <= now);
    if pass_expired || account.password_hash.is_empty() {
        limits::spend_like_a_wrong_password(typed);
        return false;
    }
    hash::verify_password(typed, &account.password_hash)
}

/// A temporary access pass works once: used, it is gone.
fn use_up_pass(account: &mut Account) {
    if !account.state.has_password {
        account.password_hash.clear();
        account.pass_expires_ms = None;
    }
}

/// A keyed digest of `name` for `purpose`: decoys that cannot be computed without the key.
fn keyed(key: &[u8; 32], purpose: &str, name: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(key);
    h.update(purpose.as_bytes());
    h.update([0]);
    h.update(name.to_ascii_lowercase().as_bytes());
    h.finalize().into()
}

fn new_key(entropy: &dyn Entropy) -> [u8; 32] {
    let mut key = [0u8; 32];
    entropy.fill(&mut key);
    key
}

/// Whether what a flow was decided on still holds: the account enabled, the same
/// policies, and no more user risk than at its start.
fn still_holds(st: &State, rec: &FlowRecord, now: u64) -> bool {
    let account = &st.saved.accounts[rec.account];
    let policy_of = |id: &str| st.saved.tenants.iter().find(|t| t.id == id).map(|t| &t.policy);
    let home = account.state.home_tenant.as_deref().and_then(policy_of);
    !account.state.disabled
        && policy_of(&account.signs_in_to) == Some(&rec.policy)
        && home == rec.home_policy.as_ref()
        && crate::engine::risk::user_risk(&account.detections, now) <= rec.user_risk
}

/// How a flow begins: after a password, after a passkey, or as a step-up of a session.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Start {
    Password,
    Passkey,
    StepUp(String),
}

impl FlowRecord {
    /// When the flow expires: idle for `FLOW_TTL_MS`, or `FLOW_MAX_MS` after its start.
    fn ends_ms(&self) -> u64 {
        (self.touched_ms + FLOW_TTL_MS).min(self.started_ms + FLOW_MAX_MS)
    }
}

fn context(
    st: &State,
    idx: usize,
    detections: &[Detection],
    now: u64,
) -> Result<SignInContext, BackendError> {
    let account = &st.saved.accounts[idx];
    let policy_of = |id: &str| st.saved.tenants.iter().find(|t| t.id == id).map(|t| t.policy.clone());
    // Without the tenant's policy nothing can be decided: refuse rather than guess.
    let policy = policy_of(&account.signs_in_to).ok_or(BackendError::Malformed("unknown tenant".into()))?;
    let home_policy = account.state.home_tenant.as_deref().and_then(policy_of);
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

fn unusual(detections: &[Detection], source: &SignInSource) -> Vec<Unusual> {
    let place = format!("{}, {}", source.location.city, source.location.country);
    detections
        .iter()
        .map(|d| Unusual {
            detection: d.kind,
            location: Some(place.clone()),
            device: Some(source.device.clone()),
            app: Some(source.app.clone()),
        })
        .collect()
}

fn reply(st: &State, flow_id: &str, now: u64) -> Reply {
    let rec = &st.flows[flow_id];
    let account = &st.saved.accounts[rec.account];
    let name_of = |id: &str| st.saved.tenants.iter().find(|t| t.id == id).map(|t| t.name.clone());
    let tenant_name = name_of(&account.signs_in_to).unwrap_or_default();
    let branding = st
        .saved
        .tenants
        .iter()
        .find(|t| t.id == account.signs_in_to)
        .map(|t| t.branding.clone())
        .filter(Branding::is_valid);
    let home_tenant_name = account.state.home_tenant.as_deref().and_then(name_of);
    Reply {
        flow_id: flow_id.into(),
        seq: rec.seq,
        step: rec.flow.step(),
        display_name: account.display_name.clone(),
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
    }
}

/// Codes may be pasted with spaces, dashes or invisible joiners, and typed with
/// Arabic-Indic or full-width digits.
fn clean_code(typed: &str) -> Result<String, BackendError> {
    if typed.chars().count() > MAX_INPUT_CHARS {
        return Err(invalid(Field::Code, Problem::NotACode));
    }
    let kept: Vec<char> = typed.chars().filter(|c| !c.is_whitespace() && !is_code_separator(*c)).collect();
    if kept.is_empty() {
        return Err(invalid(Field::Code, Problem::Empty));
    }
    match kept.into_iter().map(ascii_digit).collect::<Option<String>>() {
        Some(code) if code.len() == 6 => Ok(code),
        _ => Err(invalid(Field::Code, Problem::NotACode)),
    }
}

/// Dashes, and the invisible characters a copy from a message or a page can carry.
fn is_code_separator(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
}

/// The ASCII digit for a decimal digit as typed: ASCII, Arabic-Indic, Eastern Arabic-Indic
/// or full-width.
fn ascii_digit(c: char) -> Option<char> {
    const ZEROS: [u32; 4] = [0x30, 0x660, 0x6F0, 0xFF10];
    let value = ZEROS.iter().find_map(|z| (c as u32).checked_sub(*z).filter(|d| *d < 10))?;
    char::from_digit(value, 10)
}

fn clean_phone(typed: &str) -> Result<String, BackendError> {
    let digits = typed.chars().filter(|c| c.is_ascii_digit()).count();
    let allowed = typed.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if typed.trim().is_empty() {
        return Err(invalid(Field::Phone, Problem::Empty));
    }
    if typed.chars().count() > MAX_PHONE_CHARS {
        return Err(invalid(Field::Phone, Problem::NotAPhoneNumber));
    }
    if !allowed || !(7..=15).contains(&digits) {
        return Err(invalid(Field::Phone, Problem::NotAPhoneNumber));
    }
    Ok(typed.trim().to_string())
}

/// "+1 206 555 0147" -> "•••• 47": enough to recognise, not enough to read off.
fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    let tail: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    format!("•••• {tail}")
}

fn input_name(input: &Input) -> &'static str {
    match input {
        Input::Continue => "Continue",
        Input::SendCode { .. } => "SendCode",
        Input::Code { .. } => "Code",
        Input::Skip => "Skip",
        Input::BeginRegistration { .. } => "BeginRegistration",
        Input::ConfirmRegistration { .. } => "ConfirmRegistration",
        Input::NewPassword { .. } => "NewPassword",
        Input::Cancel => "Cancel",
        Input::BeginPasskey => "BeginPasskey",
        Input::PasskeyCreated(_) => "PasskeyCreated",
        Input::PasskeyAssertion(_) => "PasskeyAssertion",
    }
}

fn sign_in_outcome(step: &Step) -> SignInOutcome {
    match step {
        Step::SignedIn { .. } => SignInOutcome::SignedIn,
        Step::Blocked { .. } => SignInOutcome::Blocked,
        Step::Cancelled => SignInOutcome::Cancelled,
        Step::Failed => SignInOutcome::Failed,
        _ => SignInOutcome::Interrupted,
    }
}

impl IdentityBackend for MockBackend {
    fn sign_in(&self, request: SignInRequest) -> BackendFuture<'_, Reply> {
        self.after_fault(Operation::SignIn, move |m| m.sign_in_now(request))
    }

    fn send(&self, flow_id: &str, seq: u32, input: Input) -> BackendFuture<'_, Reply> {
        let flow_id = flow_id.to_string();
        self.after_fault(Operation::Send, move |m| m.send_now(&flow_id, seq, input))
    }

    fn current(&self, flow_id: &str) -> BackendFuture<'_, Reply> {
        let flow_id = flow_id.to_string();
        self.after_fault(Operation::Send, move |m| m.current_now(&flow_id))
    }

    fn start_reset(&self, username: &str) -> BackendFuture<'_, ResetReply> {
        let username = username.to_string();
        self.after_fault(Operation::StartReset, move |m| m.start_reset_now(&username))
    }

    fn send_reset(&self, flow_id: &str, seq: u32, input: ResetInput) -> BackendFuture<'_, ResetReply> {
        let flow_id = flow_id.to_string();
        self.after_fault(Operation::SendReset, move |m| m.send_reset_now(&flow_id, seq, input))
    }

    fn current_reset(&self, flow_id: &str) -> BackendFuture<'_, ResetReply> {
        let flow_id = flow_id.to_string();
        self.after_fault(Operation::SendReset, move |m| m.current_reset_now(&flow_id))
    }

    fn check_password(&self, flow_id: &str, candidate: &str) -> BackendFuture<'_, password::Verdict> {
        let (flow_id, candidate) = (flow_id.to_string(), candidate.to_string());
        self.after_fault(Operation::CheckPassword, move |m| m.check_password_now(&flow_id, &candidate))
    }

    fn begin_method(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<String>,
    ) -> BackendFuture<'_, Enrollment> {
        let session = session.to_string();
        self.after_fault(Operation::Account, move |m| m.begin_method_now(&session, method, phone.as_deref()))
    }

    fn confirm_method(&self, session: &str, code: &str) -> BackendFuture<'_, AccountView> {
        let (session, code) = (session.to_string(), code.to_string());
        self.after_fault(Operation::Account, move |m| m.confirm_method_now(&session, &code))
    }

    fn account(&self, session: &str) -> BackendFuture<'_, AccountView> {
        let session = session.to_string();
        self.after_fault(Operation::Account, move |m| m.account_now(&session))
    }

    fn report_sign_in(&self, session: &str, sign_in: u64, was_me: bool) -> BackendFuture<'_, AccountView> {
        let session = session.to_string();
        self.after_fault(Operation::Account, move |m| m.report_sign_in_now(&session, sign_in, was_me))
    }

    fn remove_method(&self, session: &str, method: MethodKind) -> BackendFuture<'_, AccountView> {
        let session = session.to_string();
        self.after_fault(Operation::Account, move |m| m.remove_method_now(&session, method))
    }

    fn admin_overview(&self, session: &str) -> BackendFuture<'_, AdminView> {
        let session = session.to_string();
        self.after_fault(Operation::Admin, move |m| m.admin_overview_now(&session))
    }

    fn admin_act(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> BackendFuture<'_, AdminReceipt> {
        let (session, username) = (session.to_string(), username.to_string());
        self.after_fault(Operation::Admin, move |m| m.admin_act_now(&session, &username, action))
    }

    fn set_policy(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> BackendFuture<'_, AdminView> {
        let session = session.to_string();
        self.after_fault(Operation::Admin, move |m| m.set_policy_now(&session, policy, banned))
    }

    fn begin_passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
    ) -> BackendFuture<'_, PasskeyOptions> {
        let username = username.to_string();
        self.after_fault(Operation::PasskeyChallenge, move |m| {
            m.begin_passkey_sign_in_now(&username, tenant.as_deref())
        })
    }

    fn passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
        answer: PasskeyAssertion,
    ) -> BackendFuture<'_, Reply> {
        let username = username.to_string();
        self.after_fault(Operation::PasskeyAnswer, move |m| {
            m.passkey_sign_in_now(&username, tenant.as_deref(), &answer)
        })
    }

    fn begin_passkey(&self, session: &str) -> BackendFuture<'_, PasskeyOptions> {
        let session = session.to_string();
        self.after_fault(Operation::PasskeyChallenge, move |m| m.begin_passkey_now(&session))
    }

    fn confirm_passkey(&self, session: &str, created: PasskeyCreated) -> BackendFuture<'_, AccountView> {
        let session = session.to_string();
        self.after_fault(Operation::PasskeyAnswer, move |m| m.confirm_passkey_now(&session, &created))
    }

    fn sign_out(&self, session: &str) -> BackendFuture<'_, ()> {
        let session = session.to_string();
        self.after_fault(Operation::Account, move |m| {
            m.sign_out_now(&session);
            Ok(())
        })
    }

    fn step_up(&self, session: &str) -> BackendFuture<'_, Reply> {
        let session = session.to_string();
        self.after_fault(Operation::StepUp, move |m| m.step_up_now(&session))
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod passkey_tests;

#[cfg(test)]
mod fault_tests;

#[cfg(test)]
mod attack_tests;
