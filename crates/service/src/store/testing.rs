//! A `Rows` that fails part-way, for tests that check a failing store keeps nothing
//! and hands out no session.
use super::{AccountId, Adding, Challenge, Fallible, FlowRecord, ResetRecord, Rows, Session, StoreError};
use crate::api::SignInRecord;
use crate::directory::{Account, Tenant};
use crate::mock::PhoneMessage;

/// When to fail: the `after`-th read (counting from 0), or the `after`-th write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    pub after: usize,
    pub on_write: bool,
}

pub struct FailingRows<'a> {
    inner: &'a mut dyn Rows,
    failure: Failure,
    reads: usize,
    writes: usize,
}

impl<'a> FailingRows<'a> {
    pub fn new(inner: &'a mut dyn Rows, failure: Failure) -> Self {
        FailingRows { inner, failure, reads: 0, writes: 0 }
    }

    fn read(&mut self) -> Fallible<&mut dyn Rows> {
        self.reads += 1;
        match !self.failure.on_write && self.reads > self.failure.after {
            true => Err(StoreError::Failed("read failed".into())),
            false => Ok(&mut *self.inner),
        }
    }

    fn write(&mut self) -> Fallible<&mut dyn Rows> {
        self.writes += 1;
        match self.failure.on_write && self.writes > self.failure.after {
            true => Err(StoreError::Failed("write failed".into())),
            false => Ok(&mut *self.inner),
        }
    }
}

impl Rows for FailingRows<'_> {
    fn tenant(&mut self, id: &str) -> Fallible<Option<Tenant>> {
        self.read()?.tenant(id)
    }
    fn tenant_ids(&mut self) -> Fallible<Vec<String>> {
        self.read()?.tenant_ids()
    }
    fn put_tenant(&mut self, tenant: &Tenant) -> Fallible<()> {
        self.write()?.put_tenant(tenant)
    }
    fn account(&mut self, id: AccountId) -> Fallible<Option<Account>> {
        self.read()?.account(id)
    }
    fn account_named(&mut self, username: &str) -> Fallible<Option<AccountId>> {
        self.read()?.account_named(username)
    }
    fn accounts_of_tenant(&mut self, tenant: &str) -> Fallible<Vec<AccountId>> {
        self.read()?.accounts_of_tenant(tenant)
    }
    fn account_with_passkey(&mut self, credential_id: &str) -> Fallible<Option<AccountId>> {
        self.read()?.account_with_passkey(credential_id)
    }
    fn put_account(&mut self, id: AccountId, account: &Account) -> Fallible<()> {
        self.write()?.put_account(id, account)
    }
    fn flow(&mut self, id: &str) -> Fallible<Option<FlowRecord>> {
        self.read()?.flow(id)
    }
    fn insert_flow(&mut self, id: &str, flow: &FlowRecord) -> Fallible<()> {
        self.write()?.insert_flow(id, flow)
    }
    fn update_flow(&mut self, id: &str, seq_read: u32, flow: &FlowRecord) -> Fallible<()> {
        self.write()?.update_flow(id, seq_read, flow)
    }
    fn delete_flow(&mut self, id: &str) -> Fallible<()> {
        self.write()?.delete_flow(id)
    }
    fn flows_of(&mut self, account: AccountId) -> Fallible<Vec<String>> {
        self.read()?.flows_of(account)
    }
    fn reset(&mut self, id: &str) -> Fallible<Option<ResetRecord>> {
        self.read()?.reset(id)
    }
    fn insert_reset(&mut self, id: &str, reset: &ResetRecord) -> Fallible<()> {
        self.write()?.insert_reset(id, reset)
    }
    fn update_reset(&mut self, id: &str, seq_read: u32, reset: &ResetRecord) -> Fallible<()> {
        self.write()?.update_reset(id, seq_read, reset)
    }
    fn delete_reset(&mut self, id: &str) -> Fallible<()> {
        self.write()?.delete_reset(id)
    }
    fn resets_of(&mut self, account: AccountId) -> Fallible<Vec<String>> {
        self.read()?.resets_of(account)
    }
    fn session(&mut self, token: &str) -> Fallible<Option<Session>> {
        self.read()?.session(token)
    }
    fn put_session(&mut self, token: &str, session: &Session) -> Fallible<()> {
        self.write()?.put_session(token, session)
    }
    fn delete_session(&mut self, token: &str) -> Fallible<()> {
        self.write()?.delete_session(token)
    }
    fn delete_sessions_of(&mut self, account: AccountId, keep: Option<&str>) -> Fallible<()> {
        self.write()?.delete_sessions_of(account, keep)
    }
    fn adding(&mut self, token: &str) -> Fallible<Option<Adding>> {
        self.read()?.adding(token)
    }
    fn put_adding(&mut self, token: &str, adding: &Adding) -> Fallible<()> {
        self.write()?.put_adding(token, adding)
    }
    fn delete_adding(&mut self, token: &str) -> Fallible<()> {
        self.write()?.delete_adding(token)
    }
    fn adding_passkey(&mut self, token: &str) -> Fallible<Option<Challenge>> {
        self.read()?.adding_passkey(token)
    }
    fn put_adding_passkey(&mut self, token: &str, challenge: &Challenge) -> Fallible<()> {
        self.write()?.put_adding_passkey(token, challenge)
    }
    fn delete_adding_passkey(&mut self, token: &str) -> Fallible<()> {
        self.write()?.delete_adding_passkey(token)
    }
    fn sign_in_challenges(&mut self, name: &str) -> Fallible<Vec<Challenge>> {
        self.read()?.sign_in_challenges(name)
    }
    fn put_sign_in_challenges(&mut self, name: &str, held: &[Challenge]) -> Fallible<()> {
        self.write()?.put_sign_in_challenges(name, held)
    }
    fn append_log(&mut self, account: AccountId, record: &SignInRecord) -> Fallible<u64> {
        self.write()?.append_log(account, record)
    }
    fn log_entry(&mut self, id: u64) -> Fallible<Option<(AccountId, SignInRecord)>> {
        self.read()?.log_entry(id)
    }
    fn update_log(&mut self, id: u64, record: &SignInRecord) -> Fallible<()> {
        self.write()?.update_log(id, record)
    }
    fn log_of_account(&mut self, account: AccountId, limit: usize) -> Fallible<Vec<SignInRecord>> {
        self.read()?.log_of_account(account, limit)
    }
    fn log_of_tenant(&mut self, tenant: &str, limit: usize) -> Fallible<Vec<SignInRecord>> {
        self.read()?.log_of_tenant(tenant, limit)
    }
    fn append_phone(&mut self, message: &PhoneMessage) -> Fallible<()> {
        self.write()?.append_phone(message)
    }
    fn phone(&mut self) -> Fallible<Vec<PhoneMessage>> {
        self.read()?.phone()
    }
    fn secret(&mut self, name: &str) -> Fallible<Option<Vec<u8>>> {
        self.read()?.secret(name)
    }
    fn put_secret(&mut self, name: &str, value: &[u8]) -> Fallible<()> {
        self.write()?.put_secret(name, value)
    }
    fn commit(&mut self) -> Fallible<()> {
        self.write()?.commit()
    }
    fn rollback(&mut self) {
        self.inner.rollback();
    }
}
