//! The authority for a server: `Send + Sync`, each call one unit of work in one
//! transaction from a `RowsFactory`. The browser's `MockBackend` is the same authority
//! with a page's faults and lab around it.
use crate::api::{
    AccountView, AdminAction, AdminReceipt, AdminView, BackendError, Enrollment, Input, Reply, ResetInput,
    ResetReply, SignInRequest,
};
use crate::engine::password::{BannedList, Verdict};
use crate::engine::{MethodKind, TenantPolicy};
use crate::mock::Authority;
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
}

impl<F: RowsFactory> Service<F> {
    pub fn new(
        rows: F,
        clock: Arc<dyn Clock + Send + Sync>,
        entropy: Arc<dyn Entropy + Send + Sync>,
        rp: RelyingParty,
    ) -> Self {
        Service { rows, clock, entropy, rp }
    }

    /// One call: one transaction, decided and written together. A store error keeps
    /// nothing and answers `Unavailable`, never a session.
    fn run<T>(
        &self,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        self.unit(call).map_err(|_| BackendError::Unavailable)?
    }

    /// `run` for a step: one another writer moved first is answered as stale.
    fn run_step<T>(
        &self,
        id: &str,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<T, BackendError> {
        match self.unit(call) {
            Err(StoreError::Conflict) => Err(self.stale(id)),
            out => out.map_err(|_| BackendError::Unavailable)?,
        }
    }

    fn unit<T>(
        &self,
        call: impl FnOnce(&Authority, &mut Work) -> Result<T, BackendError>,
    ) -> Result<Result<T, BackendError>, StoreError> {
        let authority = Authority {
            clock: self.clock.as_ref(),
            entropy: self.entropy.as_ref(),
            rp: &self.rp,
            client_sources: false,
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

    pub fn sign_in(&self, req: SignInRequest) -> Result<Reply, BackendError> {
        self.run(|a, w| a.sign_in(w, req))
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

#[cfg(test)]
mod tests;
