//! The mock identity backend: the authority (`Authority`) over a directory held in
//! memory (and, in the browser, in localStorage), running the real engine for every
//! sign-in. Each call is one unit of work (`store::Work`) over `MemoryRows`.
mod admin;
mod authority;
mod codes;
mod faults;
pub mod first_factor;
mod health;
mod lab;
pub mod limits;
mod passkeys;
pub mod reset;
mod sessions;
pub mod sign_in_risk;
mod steps;
mod store;

pub(crate) use authority::signing_in;
pub use authority::Authority;
use codes::*;
pub use faults::{Fault, Operation};
pub use lab::Trace;
pub use passkeys::PASSKEY_CHALLENGE_TTL_MS;
#[cfg(target_arch = "wasm32")]
pub use store::LocalStore;
pub use store::{MemoryStore, Store, StoreStatus, STORE_VERSION};

use super::api::{
    invalid, AccountView, AdminAction, AdminReceipt, AdminView, BackendError, Enrollment, Field, Input,
    Problem, Reply, ResetInput, ResetReply, SignInOutcome, SignInRecord, SignInRequest, SignInSource,
    Unusual,
};
use super::directory::{Account, TotpDevice};
use super::platform::{Clock, Entropy};
use super::webauthn::{PasskeyAssertion, PasskeyCreated, PasskeyOptions, RelyingParty};
use super::{hash, seed, totp, BackendFuture, IdentityBackend};
use crate::engine::password::{self, BannedList};
use crate::engine::{Detection, MethodKind, Step, TenantPolicy};
use crate::store::{MemoryRows, PendingCode, PendingEnrollment, Rows, StoreError, Work, DECOY_KEY};
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

/// Wrong codes allowed while proving a new method; then it is dropped (and in a
/// sign-in, the flow ends blocked), so a code cannot be guessed by trying them all.
pub const WRONG_CODES_PER_ENROLLMENT: u32 = 5;

/// The browser's facade over the authority: one page's rows, clock and randomness,
/// fault injection and the lab's notes, saved to `store` after every call.
pub struct MockBackend {
    rows: RefCell<MemoryRows>,
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
    /// The flow that moved last, for the scenario lab's trace.
    last_flow: RefCell<Option<String>>,
    /// The reset started last, for tests that play a second tab.
    last_reset: RefCell<Option<String>>,
    /// Tests: make the store fail part-way through the next calls.
    #[cfg(test)]
    store_fault: std::cell::Cell<Option<crate::store::testing::Failure>>,
}

impl MockBackend {
    /// A backend holding the seeded directory, kept only in memory.
    pub fn seeded(clock: Rc<dyn Clock>, entropy: Rc<dyn Entropy>) -> Self {
        Self::open(clock, entropy, Rc::new(MemoryStore::default()))
    }

    /// A backend that loads its directory from `store` and saves every change there.
    /// A corrupt or old store is reported through `store_status` and replaced by the seed.
    pub fn open(clock: Rc<dyn Clock>, entropy: Rc<dyn Entropy>, store: Rc<dyn Store>) -> Self {
        let (rows, status) = match store::load(store.as_ref()) {
            Ok(Some(rows)) => (rows, StoreStatus::Loaded),
            Ok(None) => (Self::seed(clock.as_ref(), entropy.as_ref()), StoreStatus::Fresh),
            Err(problem) => (Self::seed(clock.as_ref(), entropy.as_ref()), StoreStatus::Reset(problem)),
        };
        let backend = MockBackend {
            rows: RefCell::new(rows),
            clock,
            entropy,
            store,
            status,
            faults: RefCell::default(),
            client_sources: std::cell::Cell::new(false),
            rp: RefCell::new(passkeys::default_relying_party()),
            last_flow: RefCell::default(),
            last_reset: RefCell::default(),
            #[cfg(test)]
            store_fault: std::cell::Cell::new(None),
        };
        backend.keep_decoy_key();
        backend.save();
        backend
    }

    fn seed(clock: &dyn Clock, entropy: &dyn Entropy) -> MemoryRows {
        let (tenants, accounts) = seed::directory(clock.now_ms(), entropy);
        MemoryRows::new(tenants, accounts)
    }

    /// A key for decoys, drawn at every opening (so the draws of randomness stay in
    /// step) but kept only if the rows hold none: decoys then look alike across reloads.
    fn keep_decoy_key(&self) {
        let key = new_key(self.entropy.as_ref());
        let mut rows = self.rows.borrow_mut();
        if rows.secret(DECOY_KEY).ok().flatten().is_none() {
            let _ = rows.put_secret(DECOY_KEY, &key);
            let _ = rows.commit();
        }
    }

    /// Back to the seeded directory; flows and sessions end.
    pub fn reset(&self) {
        *self.rows.borrow_mut() = Self::seed(self.clock.as_ref(), self.entropy.as_ref());
        *self.last_flow.borrow_mut() = None;
        *self.last_reset.borrow_mut() = None;
        self.keep_decoy_key();
        self.save();
    }

    /// Lets sign-in requests name their own source; only for a lab or a test.
    pub fn accept_client_sources(&self, yes: bool) {
        self.client_sources.set(yes);
    }

    pub fn store_status(&self) -> &StoreStatus {
        &self.status
    }

    /// Runs one call of the authority as one unit of work, then saves. A store error
    /// keeps nothing and answers `Unavailable`, never a session.
    fn run<T>(
        &self,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        self.run_unit(call).map_err(|_| BackendError::Unavailable)?
    }

    /// `run` for a step of a flow or reset: a step another writer moved first is stale,
    /// as if this input had come second.
    fn run_step<T>(
        &self,
        id: &str,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        match self.run_unit(call) {
            Err(StoreError::Conflict) => Err(self.stale(id)),
            out => out.map_err(|_| BackendError::Unavailable)?,
        }
    }

    fn run_unit<T>(
        &self,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<Result<T, BackendError>, StoreError> {
        let rp = self.rp.borrow().clone();
        let authority = Authority {
            clock: self.clock.as_ref(),
            entropy: self.entropy.as_ref(),
            rp: &rp,
            client_sources: self.client_sources.get(),
            hashing: hash::Hashing::Pbkdf2,
            checked: None,
        };
        let mut rows = self.rows.borrow_mut();
        let (out, moved, started) = self.with_rows(&mut rows, |rows| {
            let mut work = Work::new(rows);
            let out = call(&authority, &mut work);
            let (moved, started) = (work.moved_flow.take(), work.started_reset.take());
            work.flush().map(|()| (out, moved, started))
        })?;
        drop(rows);
        if moved.is_some() {
            *self.last_flow.borrow_mut() = moved;
        }
        if started.is_some() {
            *self.last_reset.borrow_mut() = started;
        }
        self.rows.borrow_mut().forget_ended(self.clock.now_ms());
        self.save();
        Ok(out)
    }

    /// The rows a unit works on: the page's own (in tests, maybe failing part-way).
    fn with_rows<R>(&self, rows: &mut MemoryRows, f: impl FnOnce(&mut dyn Rows) -> R) -> R {
        #[cfg(test)]
        if let Some(failure) = self.store_fault.take() {
            return f(&mut crate::store::testing::FailingRows::new(rows, failure));
        }
        f(rows)
    }

    /// The answer to a step another writer moved first: the step now expected.
    fn stale(&self, id: &str) -> BackendError {
        let rows = self.rows.borrow();
        let seq = rows.flows.get(id).map(|f| f.seq()).or_else(|| rows.resets.get(id).map(|r| r.seq()));
        seq.map_or(BackendError::UnknownFlow, |expected| BackendError::StaleStep { expected })
    }

    fn save(&self) {
        store::save(self.store.as_ref(), &self.rows.borrow());
    }

    /// The secret inside a persona's authenticator app, as the simulated device holds it.
    pub fn authenticator_secret(&self, username: &str) -> Option<Vec<u8>> {
        let a = self.account_of(username)?;
        a.totp.as_ref().map(|t| t.secret.clone())
    }

    /// What the simulated phone has received, newest last.
    pub fn phone_messages(&self) -> Vec<PhoneMessage> {
        self.rows.borrow().phone_messages().to_vec()
    }

    pub fn sign_in_log(&self) -> Vec<SignInRecord> {
        self.rows.borrow().log().cloned().collect()
    }

    /// How many sessions `username` has open, for tests.
    pub fn open_sessions(&self, username: &str) -> usize {
        let mut rows = self.rows.borrow_mut();
        let id = rows.account_named(username).ok().flatten();
        id.map_or(0, |id| rows.sessions_of(id))
    }

    /// A copy of an account, for views and tests.
    pub fn account_of(&self, username: &str) -> Option<Account> {
        let rows = self.rows.borrow();
        rows.accounts().iter().find(|a| a.username.eq_ignore_ascii_case(username)).cloned()
    }

    pub fn sign_in_now(&self, req: SignInRequest) -> Result<Reply, BackendError> {
        self.run(|a, w| a.sign_in(w, req))
    }

    /// Step-up: a flow in which the person behind `session` proves themselves again
    /// with a method they already have; its end hands out a fresh, proven session in
    /// place of this one. Nothing to prove with: refused.
    pub fn step_up_now(&self, session: &str) -> Result<Reply, BackendError> {
        self.run(|a, w| a.step_up(w, session))
    }

    /// Ends one session (signing out): it opens nothing afterwards.
    pub fn sign_out_now(&self, session: &str) {
        let _ = self.run(|_, w| {
            w.end_session(session);
            Ok(())
        });
    }

    /// The flow's current step, read again; without the session or a passkey challenge,
    /// which go out once, with the reply that earned them.
    pub fn current_now(&self, flow_id: &str) -> Result<Reply, BackendError> {
        self.run(|a, w| a.current(w, flow_id))
    }

    pub fn send_now(&self, flow_id: &str, seq: u32, input: Input) -> Result<Reply, BackendError> {
        self.run_step(flow_id, |a, w| a.send(w, flow_id, seq, input))
    }

    /// Live feedback while a new password is typed: the verdict, nothing stored. Only a
    /// flow that is asking for a new password may ask. (Whether it is the current
    /// password is checked on submit: hashing on every keystroke would be too slow.)
    pub fn check_password_now(
        &self,
        flow_id: &str,
        candidate: &str,
    ) -> Result<password::Verdict, BackendError> {
        self.run(|a, w| a.check_password(w, flow_id, candidate))
    }
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

#[cfg(test)]
mod store_tests;
