//! The authority for a server: `Send + Sync`, each call one unit of work in one
//! transaction from a `RowsFactory`. The browser's `MockBackend` is the same authority
//! with a page's faults and lab around it.
use crate::api::{
    AccountView, AdminAction, AdminReceipt, AdminView, BackendError, BackendFuture, Enrollment,
    IdentityBackend, Input, Reply, ResetInput, ResetReply, SignInRequest,
};
use crate::engine::password::{BannedList, Verdict};
use crate::engine::{MethodKind, TenantPolicy};
use crate::hash::Hashing;
use crate::mock::first_factor::Checked;
use crate::mock::{signing_in, Authority};
use crate::platform::{Clock, Entropy};
use crate::store::{rows_through, Fallible, MemoryRows, Rows, StoreError, Work};
use crate::webauthn::{PasskeyAssertion, PasskeyCreated, PasskeyOptions, RelyingParty};
use std::sync::{Arc, Mutex, MutexGuard};

/// Where units of work get their transactions; shared by every thread.
pub trait RowsFactory: Send + Sync {
    /// A transaction over the rows. Dropped without `commit`, it keeps nothing.
    fn begin(&self) -> Fallible<Box<dyn Rows + '_>>;
}

/// Every table in memory behind one lock, held for a whole unit: units run one at a
/// time, as SQLite's `BEGIN IMMEDIATE` makes them.
#[derive(Default)]
pub struct MutexRows(pub Mutex<MemoryRows>);

/// A unit's hold on `MutexRows`; an uncommitted one rolls back when dropped.
struct Locked<'a>(MutexGuard<'a, MemoryRows>);

impl Locked<'_> {
    fn rows(&mut self) -> Fallible<&mut MemoryRows> {
        Ok(&mut self.0)
    }
    fn base(&mut self) -> &mut MemoryRows {
        &mut self.0
    }
}

rows_through!(Locked<'_>, rows, rows, base);

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        self.0.rollback();
    }
}

impl RowsFactory for MutexRows {
    fn begin(&self) -> Fallible<Box<dyn Rows + '_>> {
        let guard = self.0.lock().map_err(|_| StoreError::Failed("an earlier unit panicked".into()))?;
        Ok(Box::new(Locked(guard)))
    }
}

pub struct Service<F> {
    rows: F,
    clock: Arc<dyn Clock + Send + Sync>,
    entropy: Arc<dyn Entropy + Send + Sync>,
    rp: RelyingParty,
    client_sources: bool,
    hashing: Hashing,
}

impl<F: RowsFactory> Service<F> {
    pub fn new(
        rows: F,
        clock: Arc<dyn Clock + Send + Sync>,
        entropy: Arc<dyn Entropy + Send + Sync>,
        rp: RelyingParty,
    ) -> Self {
        Service { rows, clock, entropy, rp, client_sources: false, hashing: Hashing::Argon2id }
    }

    /// The form new password hashes take (argon2id unless told otherwise).
    pub fn hashing(mut self, hashing: Hashing) -> Self {
        self.hashing = hashing;
        self
    }

    /// Whether a sign-in's `source` is taken as the request gives it. A server sets
    /// it from the connection (or, in demo mode, passes the lab's through); without
    /// this, the person's scripted or last place is used.
    pub fn accept_client_sources(mut self, yes: bool) -> Self {
        self.client_sources = yes;
        self
    }

    /// One call: one transaction, decided and written together. A store error keeps
    /// nothing and answers `Unavailable`, never a session.
    fn run<T>(
        &self,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        self.run_checked(None, call)
    }

    /// `run` with a sign-in's password work done before the transaction.
    fn run_checked<T>(
        &self,
        checked: Option<&Checked>,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        self.unit(checked, call).map_err(|_| BackendError::Unavailable)?
    }

    /// `run` for a step: one another writer moved first is answered as stale.
    fn run_step<T>(
        &self,
        id: &str,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        match self.unit(None, call) {
            Err(StoreError::Conflict) => Err(self.stale(id)),
            out => out.map_err(|_| BackendError::Unavailable)?,
        }
    }

    fn unit<T>(
        &self,
        checked: Option<&Checked>,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<Result<T, BackendError>, StoreError> {
        let authority = Authority {
            clock: self.clock.as_ref(),
            entropy: self.entropy.as_ref(),
            rp: &self.rp,
            client_sources: self.client_sources,
            hashing: self.hashing,
            checked,
        };
        let mut rows = self.rows.begin()?;
        let mut work = Work::new(rows.as_mut());
        let out = call(&authority, &mut work);
        work.flush()?;
        Ok(out)
    }

    fn stale(&self, id: &str) -> BackendError {
        let seq = self.rows.begin().and_then(|mut rows| {
            let flow = rows.flow(id)?.map(|f| f.seq());
            Ok(match flow {
                Some(seq) => Some(seq),
                None => rows.reset(id)?.map(|r| r.seq()),
            })
        });
        match seq {
            Ok(Some(expected)) => BackendError::StaleStep { expected },
            Ok(None) => BackendError::UnknownFlow,
            Err(_) => BackendError::Unavailable,
        }
    }

    /// The rows, for a host that seeds or inspects them.
    pub fn rows(&self) -> &F {
        &self.rows
    }

    /// The password is hashed between two units, not inside one: a database's write
    /// lock is never held while a password is hashed.
    pub fn sign_in(&self, req: SignInRequest) -> Result<Reply, BackendError> {
        let checked = self.check_first(&req)?;
        self.run_checked(Some(&checked), |a, w| a.sign_in(w, req))
    }

    /// Reads the account the sign-in names (a short unit that writes nothing), then
    /// does the password's slow work outside any transaction.
    fn check_first(&self, req: &SignInRequest) -> Result<Checked, BackendError> {
        let (username, tenant) = (req.username.trim(), req.tenant.as_deref());
        let account = self.run(|_, w| match signing_in(w, username, tenant)? {
            Some(id) => Ok(Some(w.account(id)?.clone())),
            None => Ok(None),
        })?;
        Ok(Checked::against(account.as_ref(), &req.password, self.clock.now_ms(), self.hashing))
    }
    pub fn send(&self, flow_id: &str, seq: u32, input: Input) -> Result<Reply, BackendError> {
        self.run_step(flow_id, |a, w| a.send(w, flow_id, seq, input))
    }
    pub fn current(&self, flow_id: &str) -> Result<Reply, BackendError> {
        self.run(|a, w| a.current(w, flow_id))
    }
    pub fn check_password(&self, flow_id: &str, candidate: &str) -> Result<Verdict, BackendError> {
        self.run(|a, w| a.check_password(w, flow_id, candidate))
    }
    pub fn step_up(&self, session: &str) -> Result<Reply, BackendError> {
        self.run(|a, w| a.step_up(w, session))
    }
    pub fn sign_out(&self, session: &str) -> Result<(), BackendError> {
        self.run(|_, w| {
            w.end_session(session);
            Ok(())
        })
    }
    pub fn start_reset(&self, username: &str) -> Result<ResetReply, BackendError> {
        self.run(|a, w| a.start_reset(w, username))
    }
    pub fn send_reset(&self, flow_id: &str, seq: u32, input: ResetInput) -> Result<ResetReply, BackendError> {
        self.run_step(flow_id, |a, w| a.send_reset(w, flow_id, seq, input))
    }
    pub fn current_reset(&self, flow_id: &str) -> Result<ResetReply, BackendError> {
        self.run(|a, w| a.current_reset(w, flow_id))
    }
    pub fn account(&self, session: &str) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.account(w, session))
    }
    pub fn report_sign_in(
        &self,
        session: &str,
        sign_in: u64,
        was_me: bool,
    ) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.report_sign_in(w, session, sign_in, was_me))
    }
    pub fn begin_method(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<&str>,
    ) -> Result<Enrollment, BackendError> {
        self.run(|a, w| a.begin_method(w, session, method, phone))
    }
    pub fn confirm_method(&self, session: &str, code: &str) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.confirm_method(w, session, code))
    }
    pub fn remove_method(&self, session: &str, method: MethodKind) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.remove_method(w, session, method))
    }
    pub fn admin_overview(&self, session: &str) -> Result<AdminView, BackendError> {
        self.run(|a, w| a.admin_overview(w, session))
    }
    pub fn admin_tenant(&self, session: &str) -> Result<String, BackendError> {
        self.run(|a, w| a.admin_tenant_of(w, session))
    }
    pub fn admin_act(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> Result<AdminReceipt, BackendError> {
        self.run(|a, w| a.admin_act(w, session, username, action))
    }
    pub fn set_policy(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> Result<AdminView, BackendError> {
        self.run(|a, w| a.set_policy(w, session, policy, banned))
    }
    pub fn begin_passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<&str>,
    ) -> Result<PasskeyOptions, BackendError> {
        self.run(|a, w| a.begin_passkey_sign_in(w, username, tenant))
    }
    pub fn passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<&str>,
        answer: &PasskeyAssertion,
    ) -> Result<Reply, BackendError> {
        self.run(|a, w| a.passkey_sign_in(w, username, tenant, answer))
    }
    pub fn begin_passkey(&self, session: &str) -> Result<PasskeyOptions, BackendError> {
        self.run(|a, w| a.begin_passkey(w, session))
    }
    pub fn confirm_passkey(
        &self,
        session: &str,
        created: &PasskeyCreated,
    ) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.confirm_passkey(w, session, created))
    }
}

/// The same calls behind the trait the component and the server's routes speak; each
/// answers at once (a native caller runs it off its async workers).
impl<F: RowsFactory> IdentityBackend for Service<F> {
    fn sign_in(&self, request: SignInRequest) -> BackendFuture<'_, Reply> {
        now(Service::sign_in(self, request))
    }
    fn send(&self, flow_id: &str, seq: u32, input: Input) -> BackendFuture<'_, Reply> {
        now(Service::send(self, flow_id, seq, input))
    }
    fn current(&self, flow_id: &str) -> BackendFuture<'_, Reply> {
        now(Service::current(self, flow_id))
    }
    fn start_reset(&self, username: &str) -> BackendFuture<'_, ResetReply> {
        now(Service::start_reset(self, username))
    }
    fn send_reset(&self, flow_id: &str, seq: u32, input: ResetInput) -> BackendFuture<'_, ResetReply> {
        now(Service::send_reset(self, flow_id, seq, input))
    }
    fn current_reset(&self, flow_id: &str) -> BackendFuture<'_, ResetReply> {
        now(Service::current_reset(self, flow_id))
    }
    fn check_password(&self, flow_id: &str, candidate: &str) -> BackendFuture<'_, Verdict> {
        now(Service::check_password(self, flow_id, candidate))
    }
    fn account(&self, session: &str) -> BackendFuture<'_, AccountView> {
        now(Service::account(self, session))
    }
    fn report_sign_in(&self, session: &str, sign_in: u64, was_me: bool) -> BackendFuture<'_, AccountView> {
        now(Service::report_sign_in(self, session, sign_in, was_me))
    }
    fn remove_method(&self, session: &str, method: MethodKind) -> BackendFuture<'_, AccountView> {
        now(Service::remove_method(self, session, method))
    }
    fn begin_method(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<String>,
    ) -> BackendFuture<'_, Enrollment> {
        now(Service::begin_method(self, session, method, phone.as_deref()))
    }
    fn confirm_method(&self, session: &str, code: &str) -> BackendFuture<'_, AccountView> {
        now(Service::confirm_method(self, session, code))
    }
    fn admin_overview(&self, session: &str) -> BackendFuture<'_, AdminView> {
        now(Service::admin_overview(self, session))
    }
    fn admin_act(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> BackendFuture<'_, AdminReceipt> {
        now(Service::admin_act(self, session, username, action))
    }
    fn set_policy(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> BackendFuture<'_, AdminView> {
        now(Service::set_policy(self, session, policy, banned))
    }
    fn begin_passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
    ) -> BackendFuture<'_, PasskeyOptions> {
        now(Service::begin_passkey_sign_in(self, username, tenant.as_deref()))
    }
    fn passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
        answer: PasskeyAssertion,
    ) -> BackendFuture<'_, Reply> {
        now(Service::passkey_sign_in(self, username, tenant.as_deref(), &answer))
    }
    fn begin_passkey(&self, session: &str) -> BackendFuture<'_, PasskeyOptions> {
        now(Service::begin_passkey(self, session))
    }
    fn confirm_passkey(&self, session: &str, created: PasskeyCreated) -> BackendFuture<'_, AccountView> {
        now(Service::confirm_passkey(self, session, &created))
    }
    fn sign_out(&self, session: &str) -> BackendFuture<'_, ()> {
        now(Service::sign_out(self, session))
    }
    fn step_up(&self, session: &str) -> BackendFuture<'_, Reply> {
        now(Service::step_up(self, session))
    }
}

fn now<'a, T: 'a>(out: Result<T, BackendError>) -> BackendFuture<'a, T> {
    Box::pin(std::future::ready(out))
}

#[cfg(test)]
mod tests;
