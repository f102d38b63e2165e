//! The mock identity backend: the authority (`Authority`) over a directory held in
//! memory (and, in the browser, in localStorage), running the real engine for every
//! sign-in. Each call is one unit of work (`store::Work`) over `MemoryRows`.
mod admin;
mod authority;
mod faults;
pub mod first_factor;
mod health;
mod lab;
pub mod limits;
mod passkeys;
pub mod reset;
pub mod sign_in_risk;
mod store;

pub(crate) use authority::signing_in;
pub use authority::Authority;
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

#[cfg(test)]
mod store_tests;
