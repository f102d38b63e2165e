//! Every table in memory: the browser mock's and the tests' store. The whole of it is
//! what the browser saves (postcard) after each call.
use super::{AccountId, Adding, Challenge, Fallible, FlowRecord, ResetRecord, Rows, Session, StoreError};
use crate::api::SignInRecord;
use crate::directory::{Account, Tenant};
use crate::mock::PhoneMessage;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long ended rows are kept before `forget_ended` drops them.
pub const FORGET_AFTER_MS: u64 = 24 * 60 * 60 * 1000;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MemoryRows {
    pub(crate) tenants: Vec<Tenant>,
    /// An account's id is its place here.
    pub(crate) accounts: Vec<Account>,
    pub(crate) flows: BTreeMap<String, FlowRecord>,
    pub(crate) resets: BTreeMap<String, ResetRecord>,
    pub(crate) sessions: BTreeMap<String, Session>,
    pub(crate) adding: BTreeMap<String, Adding>,
    pub(crate) adding_passkeys: BTreeMap<String, Challenge>,
    pub(crate) sign_in_challenges: BTreeMap<String, Vec<Challenge>>,
    /// A record's id is its place here plus one.
    pub(crate) log: Vec<(AccountId, SignInRecord)>,
    pub(crate) phone: Vec<PhoneMessage>,
    pub(crate) secrets: BTreeMap<String, Vec<u8>>,
    /// The tables as they were before the first write since the last commit.
    #[serde(skip)]
    before: Option<Box<MemoryRows>>,
}

impl MemoryRows {
    pub fn new(tenants: Vec<Tenant>, accounts: Vec<Account>) -> Self {
        MemoryRows { tenants, accounts, ..MemoryRows::default() }
    }

    /// Keeps what is there now, for a rollback; once per transaction.
    fn writing(&mut self) {
        if self.before.is_none() {
            let mut copy = self.clone();
            copy.before = None;
            self.before = Some(Box::new(copy));
        }
    }

    fn index(id: AccountId) -> usize {
        usize::try_from(id).unwrap_or(usize::MAX)
    }

    pub fn tenants(&self) -> &[Tenant] {
        &self.tenants
    }
    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }
    pub fn log(&self) -> impl Iterator<Item = &SignInRecord> {
        self.log.iter().map(|(_, r)| r)
    }
    pub fn phone_messages(&self) -> &[PhoneMessage] {
        &self.phone
    }
    pub fn sessions_of(&self, account: AccountId) -> usize {
        self.sessions.values().filter(|s| s.account == account).count()
    }
    /// Changes the directory directly (the lab, tests); not through a transaction.
    pub fn edit(&mut self, edit: impl FnOnce(&mut Vec<Tenant>, &mut Vec<Account>)) {
        edit(&mut self.tenants, &mut self.accounts);
    }

    /// Drops flows, resets, sessions and challenges that ended over `FORGET_AFTER_MS` ago,
    /// so the saved copy does not grow without end (until then an old flow still answers
    /// `FlowExpired`, not `UnknownFlow`). A SQL store does this as a periodic job.
    pub fn forget_ended(&mut self, now: u64) {
        let ended = |ends_ms: u64| ends_ms.saturating_add(FORGET_AFTER_MS) < now;
        self.flows.retain(|_, f| !ended(f.ends_ms()));
        self.resets.retain(|_, r| !ended(r.ends_ms()));
        self.sessions.retain(|_, s| !ended(s.ends_ms()));
        let sessions = &self.sessions;
        self.adding.retain(|token, _| sessions.contains_key(token));
        self.adding_passkeys.retain(|token, _| sessions.contains_key(token));
        self.sign_in_challenges.retain(|_, held| held.iter().any(|c| !ended(c.expires_ms)));
    }

    fn in_tenant(account: &Account, tenant: &str) -> bool {
        account.home_tenant == tenant || account.signs_in_to == tenant
    }

    fn newest(
        log: &[(AccountId, SignInRecord)],
        keep: impl Fn(AccountId) -> bool,
        limit: usize,
    ) -> Vec<SignInRecord> {
        log.iter().rev().filter(|(a, _)| keep(*a)).take(limit).map(|(_, r)| r.clone()).collect()
    }
}

impl Rows for MemoryRows {
    fn tenant(&mut self, id: &str) -> Fallible<Option<Tenant>> {
        Ok(self.tenants.iter().find(|t| t.id == id).cloned())
    }
    fn tenant_ids(&mut self) -> Fallible<Vec<String>> {
        Ok(self.tenants.iter().map(|t| t.id.clone()).collect())
    }
    fn put_tenant(&mut self, tenant: &Tenant) -> Fallible<()> {
        self.writing();
        match self.tenants.iter_mut().find(|t| t.id == tenant.id) {
            Some(t) => *t = tenant.clone(),
            None => self.tenants.push(tenant.clone()),
        }
        Ok(())
    }

    fn account(&mut self, id: AccountId) -> Fallible<Option<Account>> {
        Ok(self.accounts.get(Self::index(id)).cloned())
    }
    fn account_named(&mut self, username: &str) -> Fallible<Option<AccountId>> {
        let at = self.accounts.iter().position(|a| a.username.eq_ignore_ascii_case(username));
        Ok(at.map(|i| i as AccountId))
    }
    fn accounts_of_tenant(&mut self, tenant: &str) -> Fallible<Vec<AccountId>> {
        let ids = self.accounts.iter().enumerate().filter(|(_, a)| Self::in_tenant(a, tenant));
        Ok(ids.map(|(i, _)| i as AccountId).collect())
    }
    fn account_with_passkey(&mut self, credential_id: &str) -> Fallible<Option<AccountId>> {
        let holds = |a: &Account| {
            a.passkeys.iter().any(|p| p.id == credential_id)
                || a.revoked_passkeys.iter().any(|r| r == credential_id)
        };
        Ok(self.accounts.iter().position(holds).map(|i| i as AccountId))
    }
    fn put_account(&mut self, id: AccountId, account: &Account) -> Fallible<()> {
        let at = Self::index(id);
        if at > self.accounts.len() {
            return Err(StoreError::Missing(format!("account {id}")));
        }
        self.writing();
        match self.accounts.get_mut(at) {
            Some(a) => *a = account.clone(),
            None => self.accounts.push(account.clone()),
        }
        Ok(())
    }

    fn flow(&mut self, id: &str) -> Fallible<Option<FlowRecord>> {
        Ok(self.flows.get(id).cloned())
    }
    fn insert_flow(&mut self, id: &str, flow: &FlowRecord) -> Fallible<()> {
        if self.flows.contains_key(id) {
            return Err(StoreError::Conflict);
        }
        self.writing();
        self.flows.insert(id.to_string(), flow.clone());
        Ok(())
    }
    fn update_flow(&mut self, id: &str, seq_read: u32, flow: &FlowRecord) -> Fallible<()> {
        if self.flows.get(id).is_none_or(|f| f.seq != seq_read) {
            return Err(StoreError::Conflict);
        }
        self.writing();
        self.flows.insert(id.to_string(), flow.clone());
        Ok(())
    }
    fn delete_flow(&mut self, id: &str) -> Fallible<()> {
        self.writing();
        self.flows.remove(id);
        Ok(())
    }
    fn flows_of(&mut self, account: AccountId) -> Fallible<Vec<String>> {
        Ok(self.flows.iter().filter(|(_, f)| f.account == account).map(|(id, _)| id.clone()).collect())
    }

    fn reset(&mut self, id: &str) -> Fallible<Option<ResetRecord>> {
        Ok(self.resets.get(id).cloned())
    }
    fn insert_reset(&mut self, id: &str, reset: &ResetRecord) -> Fallible<()> {
        if self.resets.contains_key(id) {
            return Err(StoreError::Conflict);
        }
        self.writing();
        self.resets.insert(id.to_string(), reset.clone());
        Ok(())
    }
    fn update_reset(&mut self, id: &str, seq_read: u32, reset: &ResetRecord) -> Fallible<()> {
        if self.resets.get(id).is_none_or(|r| r.seq != seq_read) {
            return Err(StoreError::Conflict);
        }
        self.writing();
        self.resets.insert(id.to_string(), reset.clone());
        Ok(())
    }
    fn delete_reset(&mut self, id: &str) -> Fallible<()> {
        self.writing();
        self.resets.remove(id);
        Ok(())
    }
    fn resets_of(&mut self, account: AccountId) -> Fallible<Vec<String>> {
        let of = self.resets.iter().filter(|(_, r)| r.account == Some(account));
        Ok(of.map(|(id, _)| id.clone()).collect())
    }

    fn session(&mut self, token: &str) -> Fallible<Option<Session>> {
        Ok(self.sessions.get(token).cloned())
    }
    fn put_session(&mut self, token: &str, session: &Session) -> Fallible<()> {
        self.writing();
        self.sessions.insert(token.to_string(), session.clone());
        Ok(())
    }
    fn delete_session(&mut self, token: &str) -> Fallible<()> {
        self.writing();
        self.sessions.remove(token);
        self.adding.remove(token);
        self.adding_passkeys.remove(token);
        Ok(())
    }
    fn delete_sessions_of(&mut self, account: AccountId, keep: Option<&str>) -> Fallible<()> {
        let gone: Vec<String> = self
            .sessions
            .iter()
            .filter(|(t, s)| s.account == account && Some(t.as_str()) != keep)
            .map(|(t, _)| t.clone())
            .collect();
        for token in gone {
            self.delete_session(&token)?;
        }
        Ok(())
    }

    fn adding(&mut self, token: &str) -> Fallible<Option<Adding>> {
        Ok(self.adding.get(token).cloned())
    }
    fn put_adding(&mut self, token: &str, adding: &Adding) -> Fallible<()> {
        self.writing();
        self.adding.insert(token.to_string(), adding.clone());
        Ok(())
    }
    fn delete_adding(&mut self, token: &str) -> Fallible<()> {
        self.writing();
        self.adding.remove(token);
        Ok(())
    }
    fn adding_passkey(&mut self, token: &str) -> Fallible<Option<Challenge>> {
        Ok(self.adding_passkeys.get(token).cloned())
    }
    fn put_adding_passkey(&mut self, token: &str, challenge: &Challenge) -> Fallible<()> {
        self.writing();
        self.adding_passkeys.insert(token.to_string(), challenge.clone());
        Ok(())
    }
    fn delete_adding_passkey(&mut self, token: &str) -> Fallible<()> {
        self.writing();
        self.adding_passkeys.remove(token);
        Ok(())
    }
    fn sign_in_challenges(&mut self, name: &str) -> Fallible<Vec<Challenge>> {
        Ok(self.sign_in_challenges.get(name).cloned().unwrap_or_default())
    }
    fn put_sign_in_challenges(&mut self, name: &str, held: &[Challenge]) -> Fallible<()> {
        self.writing();
        match held.is_empty() {
            true => self.sign_in_challenges.remove(name),
            false => self.sign_in_challenges.insert(name.to_string(), held.to_vec()),
        };
        Ok(())
    }

    fn append_log(&mut self, account: AccountId, record: &SignInRecord) -> Fallible<u64> {
        self.writing();
        let id = self.log.len() as u64 + 1;
        self.log.push((account, SignInRecord { id, ..record.clone() }));
        Ok(id)
    }
    fn log_entry(&mut self, id: u64) -> Fallible<Option<(AccountId, SignInRecord)>> {
        let at = id.checked_sub(1).map(Self::index);
        Ok(at.and_then(|i| self.log.get(i)).cloned())
    }
    fn update_log(&mut self, id: u64, record: &SignInRecord) -> Fallible<()> {
        let at = id.checked_sub(1).map(Self::index).filter(|i| *i < self.log.len());
        let at = at.ok_or_else(|| StoreError::Missing(format!("sign-in {id}")))?;
        self.writing();
        self.log[at].1 = SignInRecord { id, ..record.clone() };
        Ok(())
    }
    fn log_of_account(&mut self, account: AccountId, limit: usize) -> Fallible<Vec<SignInRecord>> {
        Ok(Self::newest(&self.log, |a| a == account, limit))
    }
    fn log_of_tenant(&mut self, tenant: &str, limit: usize) -> Fallible<Vec<SignInRecord>> {
        let accounts = &self.accounts;
        let mine = |a: AccountId| accounts.get(Self::index(a)).is_some_and(|a| Self::in_tenant(a, tenant));
        Ok(Self::newest(&self.log, mine, limit))
    }

    fn append_phone(&mut self, message: &PhoneMessage) -> Fallible<()> {
        self.writing();
        self.phone.push(message.clone());
        Ok(())
    }
    fn phone(&mut self) -> Fallible<Vec<PhoneMessage>> {
        Ok(self.phone.clone())
    }

    fn secret(&mut self, name: &str) -> Fallible<Option<Vec<u8>>> {
        Ok(self.secrets.get(name).cloned())
    }
    fn put_secret(&mut self, name: &str, value: &[u8]) -> Fallible<()> {
        self.writing();
        self.secrets.insert(name.to_string(), value.to_vec());
        Ok(())
    }

    fn commit(&mut self) -> Fallible<()> {
        self.before = None;
        Ok(())
    }
    fn rollback(&mut self) {
        if let Some(before) = self.before.take() {
            *self = *before;
        }
    }
}
