//! One call's unit of work: rows are read once, changed in a cache, and written
//! together by `flush`, in one transaction. A call that met a store error flushes
//! nothing, so it can leave nothing half-written.
use super::{
    session_key, AccountId, Adding, Challenge, Fallible, FlowRecord, ResetRecord, Rows, Session, StoreError,
};
use crate::api::{BackendError, SignInRecord};
use crate::directory::{Account, Tenant};
use crate::mock::PhoneMessage;
use std::collections::BTreeMap;

/// A row as this unit knows it: `value` now (`None`: absent or deleted), the step it
/// was read at (`None`: it was not in the store), and whether it must be written.
struct Slot<V> {
    value: Option<V>,
    read_seq: Option<u32>,
    dirty: bool,
}

struct Cache<K, V>(BTreeMap<K, Slot<V>>);

impl<K, V> Default for Cache<K, V> {
    fn default() -> Self {
        Cache(BTreeMap::new())
    }
}

impl<K: Ord + Clone, V> Cache<K, V> {
    /// The row's slot, read with `read` the first time; `seq` gives its step, if it has one.
    fn slot(
        &mut self,
        key: &K,
        read: impl FnOnce() -> Fallible<Option<V>>,
        seq: impl Fn(&V) -> u32,
    ) -> Fallible<&mut Slot<V>> {
        if !self.0.contains_key(key) {
            let value = read()?;
            let read_seq = value.as_ref().map(&seq);
            self.0.insert(key.clone(), Slot { value, read_seq, dirty: false });
        }
        Ok(self.0.get_mut(key).expect("just inserted"))
    }

    /// Sets the row without reading it (a new one, or a deletion).
    fn set(&mut self, key: K, value: Option<V>) {
        let slot = self.0.entry(key).or_insert(Slot { value: None, read_seq: None, dirty: false });
        slot.value = value;
        slot.dirty = true;
    }

    fn changed(&self) -> impl Iterator<Item = (&K, &Slot<V>)> {
        self.0.iter().filter(|(_, s)| s.dirty)
    }

    /// Keys of rows this unit holds (read or new) that `pick` chooses.
    fn held(&self, pick: impl Fn(&V) -> bool) -> Vec<K> {
        self.0.iter().filter(|(_, s)| s.value.as_ref().is_some_and(&pick)).map(|(k, _)| k.clone()).collect()
    }

    /// Keys this unit has deleted.
    fn deleted(&self) -> Vec<K> {
        self.0.iter().filter(|(_, s)| s.dirty && s.value.is_none()).map(|(k, _)| k.clone()).collect()
    }
}

/// What the authority sees of a store error: the service is unavailable (the unit
/// keeps the error itself, to flush nothing and tell a conflict apart).
type Out<T> = Result<T, BackendError>;

fn no_seq<V>(_: &V) -> u32 {
    0
}

pub struct Work<'r> {
    rows: &'r mut dyn Rows,
    /// Set by the first store error: then nothing is flushed.
    failed: Option<StoreError>,
    tenants: Cache<String, Tenant>,
    accounts: Cache<AccountId, Account>,
    flows: Cache<String, FlowRecord>,
    resets: Cache<String, ResetRecord>,
    sessions: Cache<String, Session>,
    adding: Cache<String, Adding>,
    adding_passkeys: Cache<String, Challenge>,
    sign_in_challenges: Cache<String, Vec<Challenge>>,
    log: Cache<u64, (AccountId, SignInRecord)>,
    secrets: Cache<String, Vec<u8>>,
    /// Accounts whose sessions end (but for one, by key), in order.
    ended_sessions: Vec<(AccountId, Option<String>)>,
    new_log: Vec<(AccountId, SignInRecord)>,
    new_phone: Vec<PhoneMessage>,
    /// For the scenario lab and tests that play a second tab: what moved last.
    pub(crate) moved_flow: Option<String>,
    pub(crate) started_reset: Option<String>,
}

impl<'r> Work<'r> {
    pub fn new(rows: &'r mut dyn Rows) -> Self {
        Work {
            rows,
            failed: None,
            tenants: Cache::default(),
            accounts: Cache::default(),
            flows: Cache::default(),
            resets: Cache::default(),
            sessions: Cache::default(),
            adding: Cache::default(),
            adding_passkeys: Cache::default(),
            sign_in_challenges: Cache::default(),
            log: Cache::default(),
            secrets: Cache::default(),
            ended_sessions: Vec::new(),
            new_log: Vec::new(),
            new_phone: Vec::new(),
            moved_flow: None,
            started_reset: None,
        }
    }

    /// Notes a store error, so that the unit flushes nothing.
    fn note<T>(&mut self, result: Fallible<T>) -> Out<T> {
        note(&mut self.failed, result)
    }

    /// The store error this unit met, if any.
    pub fn failure(&self) -> Option<&StoreError> {
        self.failed.as_ref()
    }

    pub fn tenant(&mut self, id: &str) -> Out<Option<&Tenant>> {
        let rows = &mut *self.rows;
        let slot = self.tenants.slot(&id.to_string(), || rows.tenant(id), no_seq);
        Ok(note(&mut self.failed, slot)?.value.as_ref())
    }

    pub fn tenant_mut(&mut self, id: &str) -> Out<Option<&mut Tenant>> {
        let rows = &mut *self.rows;
        let slot = note(&mut self.failed, self.tenants.slot(&id.to_string(), || rows.tenant(id), no_seq))?;
        slot.dirty = true;
        Ok(slot.value.as_mut())
    }

    pub fn tenant_ids(&mut self) -> Out<Vec<String>> {
        let ids = self.rows.tenant_ids();
        self.note(ids)
    }

    /// An account a row points at: missing, the data is inconsistent and nothing goes on.
    pub fn account(&mut self, id: AccountId) -> Out<&Account> {
        Ok(&*self.account_mut_unmarked(id)?)
    }

    pub fn account_mut(&mut self, id: AccountId) -> Out<&mut Account> {
        self.account_slot(id)?.dirty = true;
        self.account_mut_unmarked(id)
    }

    fn account_slot(&mut self, id: AccountId) -> Out<&mut Slot<Account>> {
        let rows = &mut *self.rows;
        note(&mut self.failed, self.accounts.slot(&id, || rows.account(id), no_seq))
    }

    fn account_mut_unmarked(&mut self, id: AccountId) -> Out<&mut Account> {
        if self.account_slot(id)?.value.is_none() {
            self.failed.get_or_insert(StoreError::Missing(format!("account {id}")));
            return Err(BackendError::Unavailable);
        }
        Ok(self.accounts.0.get_mut(&id).and_then(|s| s.value.as_mut()).expect("read above"))
    }

    pub fn account_named(&mut self, username: &str) -> Out<Option<AccountId>> {
        let id = self.rows.account_named(username);
        self.note(id)
    }

    pub fn accounts_of_tenant(&mut self, tenant: &str) -> Out<Vec<AccountId>> {
        let ids = self.rows.accounts_of_tenant(tenant);
        self.note(ids)
    }

    pub fn account_with_passkey(&mut self, credential_id: &str) -> Out<Option<AccountId>> {
        let id = self.rows.account_with_passkey(credential_id);
        self.note(id)
    }

    pub fn flow(&mut self, id: &str) -> Out<Option<&FlowRecord>> {
        Ok(self.flow_slot(id)?.value.as_ref())
    }

    /// The flow to change; its write is checked against the step it was read at.
    pub fn flow_mut(&mut self, id: &str) -> Out<Option<&mut FlowRecord>> {
        let slot = self.flow_slot(id)?;
        slot.dirty |= slot.value.is_some();
        Ok(slot.value.as_mut())
    }

    fn flow_slot(&mut self, id: &str) -> Out<&mut Slot<FlowRecord>> {
        let rows = &mut *self.rows;
        note(&mut self.failed, self.flows.slot(&id.to_string(), || rows.flow(id), FlowRecord::seq))
    }

    pub fn insert_flow(&mut self, id: &str, flow: FlowRecord) {
        self.flows.set(id.to_string(), Some(flow));
    }

    pub fn delete_flow(&mut self, id: &str) {
        self.flows.set(id.to_string(), None);
    }

    /// A flow and its account, both to change.
    pub fn flow_and_account(&mut self, id: &str) -> Out<Option<(&mut FlowRecord, &mut Account)>> {
        let Some(account) = self.flow(id)?.map(|f| f.account) else { return Ok(None) };
        self.account_mut(account)?;
        let flow = self.flows.0.get_mut(id).and_then(|s| {
            s.dirty = true;
            s.value.as_mut()
        });
        let account = self.accounts.0.get_mut(&account).and_then(|s| s.value.as_mut());
        Ok(flow.zip(account))
    }

    /// The account's flows, in the store and new in this unit, not deleted.
    pub fn flows_of(&mut self, account: AccountId) -> Out<Vec<String>> {
        let stored = self.rows.flows_of(account);
        let mut ids = self.note(stored)?;
        ids.extend(self.flows.held(|f| f.account == account));
        let deleted = self.flows.deleted();
        ids.retain(|id| !deleted.contains(id));
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    pub fn reset(&mut self, id: &str) -> Out<Option<&ResetRecord>> {
        Ok(self.reset_slot(id)?.value.as_ref())
    }

    pub fn reset_mut(&mut self, id: &str) -> Out<Option<&mut ResetRecord>> {
        let slot = self.reset_slot(id)?;
        slot.dirty |= slot.value.is_some();
        Ok(slot.value.as_mut())
    }

    fn reset_slot(&mut self, id: &str) -> Out<&mut Slot<ResetRecord>> {
        let rows = &mut *self.rows;
        note(&mut self.failed, self.resets.slot(&id.to_string(), || rows.reset(id), ResetRecord::seq))
    }

    pub fn insert_reset(&mut self, id: &str, reset: ResetRecord) {
        self.resets.set(id.to_string(), Some(reset));
    }

    pub fn delete_reset(&mut self, id: &str) {
        self.resets.set(id.to_string(), None);
    }

    pub fn resets_of(&mut self, account: AccountId) -> Out<Vec<String>> {
        let stored = self.rows.resets_of(account);
        let mut ids = self.note(stored)?;
        ids.extend(self.resets.held(|r| r.account == Some(account)));
        let deleted = self.resets.deleted();
        ids.retain(|id| !deleted.contains(id));
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    // Sessions, and what they are adding, are found by the digest of their token
    // (`session_key`): the token itself reaches no store and no record.

    pub fn session(&mut self, token: &str) -> Out<Option<&Session>> {
        self.session_by_key(&session_key(token))
    }

    /// A session by its key, as a step-up's flow keeps the session it replaces.
    pub fn session_by_key(&mut self, key: &str) -> Out<Option<&Session>> {
        Ok(self.session_slot(key)?.value.as_ref())
    }

    pub fn session_mut(&mut self, token: &str) -> Out<Option<&mut Session>> {
        let slot = self.session_slot(&session_key(token))?;
        slot.dirty |= slot.value.is_some();
        Ok(slot.value.as_mut())
    }

    /// A session as the store has it, unless this unit has ended its account's sessions.
    fn session_slot(&mut self, key: &str) -> Out<&mut Slot<Session>> {
        let (rows, ended) = (&mut *self.rows, &self.ended_sessions);
        let read = || {
            let session = rows.session(key)?;
            let gone =
                |s: &Session| ended.iter().any(|(a, keep)| *a == s.account && keep.as_deref() != Some(key));
            Ok(session.filter(|s| !gone(s)))
        };
        note(&mut self.failed, self.sessions.slot(&key.to_string(), read, no_seq))
    }

    pub fn put_session(&mut self, token: &str, session: Session) {
        self.sessions.set(session_key(token), Some(session));
    }

    /// Ends a session, and any method or passkey it was adding.
    pub fn end_session(&mut self, token: &str) {
        self.end_session_by_key(&session_key(token));
    }

    pub fn end_session_by_key(&mut self, key: &str) {
        self.sessions.set(key.to_string(), None);
        self.adding.set(key.to_string(), None);
        self.adding_passkeys.set(key.to_string(), None);
    }

    /// Ends every session of `account` but the one of token `keep`: those this unit
    /// holds at once, the rest in the store when it flushes (before this unit's own new
    /// sessions are written).
    pub fn end_sessions_of(&mut self, account: AccountId, keep: Option<&str>) {
        let keep = keep.map(session_key);
        for key in self.sessions.held(|s| s.account == account) {
            if Some(&key) != keep.as_ref() {
                self.end_session_by_key(&key);
            }
        }
        self.ended_sessions.push((account, keep));
    }

    pub fn adding(&mut self, token: &str) -> Out<Option<&mut Adding>> {
        let (rows, key) = (&mut *self.rows, session_key(token));
        let slot = note(&mut self.failed, self.adding.slot(&key, || rows.adding(&key), no_seq))?;
        slot.dirty |= slot.value.is_some();
        Ok(slot.value.as_mut())
    }

    pub fn put_adding(&mut self, token: &str, adding: Option<Adding>) {
        self.adding.set(session_key(token), adding);
    }

    /// Takes the passkey challenge a session holds for adding one: used up either way.
    pub fn take_adding_passkey(&mut self, token: &str) -> Out<Option<Challenge>> {
        let (rows, key) = (&mut *self.rows, session_key(token));
        let read = self.adding_passkeys.slot(&key, || rows.adding_passkey(&key), no_seq);
        let slot = note(&mut self.failed, read)?;
        slot.dirty = true;
        Ok(slot.value.take())
    }

    pub fn put_adding_passkey(&mut self, token: &str, challenge: Challenge) {
        self.adding_passkeys.set(session_key(token), Some(challenge));
    }

    /// The passkey sign-in challenges held for a lower-case username, to change.
    pub fn sign_in_challenges(&mut self, name: &str) -> Out<&mut Vec<Challenge>> {
        let rows = &mut *self.rows;
        let read = || rows.sign_in_challenges(name).map(Some);
        let slot = note(&mut self.failed, self.sign_in_challenges.slot(&name.to_string(), read, no_seq))?;
        slot.dirty = true;
        Ok(slot.value.get_or_insert_with(Vec::new))
    }

    /// A sign-in record and whose it is.
    pub fn log_entry(&mut self, id: u64) -> Out<Option<&(AccountId, SignInRecord)>> {
        let rows = &mut *self.rows;
        let slot = note(&mut self.failed, self.log.slot(&id, || rows.log_entry(id), no_seq))?;
        Ok(slot.value.as_ref())
    }

    /// A sign-in record and whose it is, to change.
    pub fn log_entry_mut(&mut self, id: u64) -> Out<Option<&mut (AccountId, SignInRecord)>> {
        let rows = &mut *self.rows;
        let slot = note(&mut self.failed, self.log.slot(&id, || rows.log_entry(id), no_seq))?;
        slot.dirty |= slot.value.is_some();
        Ok(slot.value.as_mut())
    }

    /// Adds a record; the store numbers it when the unit flushes.
    pub fn append_log(&mut self, account: AccountId, record: SignInRecord) {
        self.new_log.push((account, record));
    }

    /// The account's newest records as stored (with this unit's changes to them).
    pub fn log_of_account(&mut self, account: AccountId, limit: usize) -> Out<Vec<SignInRecord>> {
        let stored = self.rows.log_of_account(account, limit);
        let stored = self.note(stored)?;
        Ok(self.with_changes(stored))
    }

    pub fn log_of_tenant(&mut self, tenant: &str, limit: usize) -> Out<Vec<SignInRecord>> {
        let stored = self.rows.log_of_tenant(tenant, limit);
        let stored = self.note(stored)?;
        Ok(self.with_changes(stored))
    }

    fn with_changes(&self, mut records: Vec<SignInRecord>) -> Vec<SignInRecord> {
        for r in &mut records {
            if let Some((_, changed)) = self.log.0.get(&r.id).and_then(|s| s.value.as_ref()) {
                *r = changed.clone();
            }
        }
        records
    }

    pub fn append_phone(&mut self, message: PhoneMessage) {
        self.new_phone.push(message);
    }

    pub fn secret(&mut self, name: &str) -> Out<Option<Vec<u8>>> {
        let rows = &mut *self.rows;
        let slot = self.secrets.slot(&name.to_string(), || rows.secret(name), no_seq);
        Ok(note(&mut self.failed, slot)?.value.clone())
    }

    pub fn put_secret(&mut self, name: &str, value: Vec<u8>) {
        self.secrets.set(name.to_string(), Some(value));
    }

    /// Writes every changed row in one transaction and commits it; on any error (or one
    /// met before) nothing is kept. A flow or reset moved by another writer since it was
    /// read is a `Conflict`.
    pub fn flush(mut self) -> Fallible<()> {
        if let Some(e) = self.failed.take() {
            self.rows.rollback();
            return Err(e);
        }
        let written = self.write_all().and_then(|()| self.rows.commit());
        if written.is_err() {
            self.rows.rollback();
        }
        written
    }

    fn write_all(&mut self) -> Fallible<()> {
        let rows = &mut *self.rows;
        for (account, keep) in &self.ended_sessions {
            rows.delete_sessions_of(*account, keep.as_deref())?;
        }
        self.write_flows()?;
        self.write_sessions()?;
        let rows = &mut *self.rows;
        for (name, slot) in self.sign_in_challenges.changed() {
            rows.put_sign_in_challenges(name, slot.value.as_deref().unwrap_or_default())?;
        }
        for (_, slot) in self.tenants.changed() {
            if let Some(t) = &slot.value {
                rows.put_tenant(t)?;
            }
        }
        for (id, slot) in self.accounts.changed() {
            if let Some(a) = &slot.value {
                rows.put_account(*id, a)?;
            }
        }
        for (id, slot) in self.log.changed() {
            if let Some((_, r)) = &slot.value {
                rows.update_log(*id, r)?;
            }
        }
        for (account, record) in &self.new_log {
            rows.append_log(*account, record)?;
        }
        for message in &self.new_phone {
            rows.append_phone(message)?;
        }
        for (name, slot) in self.secrets.changed() {
            if let Some(v) = &slot.value {
                rows.put_secret(name, v)?;
            }
        }
        Ok(())
    }

    /// Flows and resets: an update checks the row is still the one read.
    fn write_flows(&mut self) -> Fallible<()> {
        let rows = &mut *self.rows;
        for (id, slot) in self.flows.changed() {
            match (&slot.value, slot.read_seq) {
                (Some(f), Some(seq)) => rows.update_flow(id, seq, f)?,
                (Some(f), None) => rows.insert_flow(id, f)?,
                (None, _) => rows.delete_flow(id)?,
            }
        }
        for (id, slot) in self.resets.changed() {
            match (&slot.value, slot.read_seq) {
                (Some(r), Some(seq)) => rows.update_reset(id, seq, r)?,
                (Some(r), None) => rows.insert_reset(id, r)?,
                (None, _) => rows.delete_reset(id)?,
            }
        }
        Ok(())
    }

    /// Sessions and what they are adding, by key.
    fn write_sessions(&mut self) -> Fallible<()> {
        let rows = &mut *self.rows;
        for (token, slot) in self.sessions.changed() {
            match &slot.value {
                Some(s) => rows.put_session(token, s)?,
                None => rows.delete_session(token)?,
            }
        }
        for (token, slot) in self.adding.changed() {
            match &slot.value {
                Some(a) => rows.put_adding(token, a)?,
                None => rows.delete_adding(token)?,
            }
        }
        for (token, slot) in self.adding_passkeys.changed() {
            match &slot.value {
                Some(c) => rows.put_adding_passkey(token, c)?,
                None => rows.delete_adding_passkey(token)?,
            }
        }
        Ok(())
    }
}

/// Notes a store error, so that the unit flushes nothing, and answers it as `Unavailable`.
fn note<T>(failed: &mut Option<StoreError>, result: Fallible<T>) -> Out<T> {
    result.map_err(|e| {
        failed.get_or_insert(e);
        BackendError::Unavailable
    })
}
