//! The authority's state as rows, read and written one at a time through `Rows`, so
//! that a SQL database is a second implementation of the same trait. `MemoryRows` is
//! the browser's and the tests'; `Work` is one call's unit of work over any of them.
#[macro_use]
mod forward;
pub(crate) use forward::rows_through;
mod memory;
mod records;
#[cfg(test)]
pub(crate) mod testing;
mod work;

pub use memory::{MemoryRows, FORGET_AFTER_MS};
pub use records::{Adding, Challenge, FlowRecord, PendingCode, PendingEnrollment, ResetRecord, Session};
pub use work::Work;

use crate::api::SignInRecord;
use crate::directory::{Account, Tenant};
use crate::mock::PhoneMessage;
use sha2::{Digest, Sha256};

/// An account's number; accounts are never deleted, so it never changes hands.
pub type AccountId = u64;

/// The name under which the key for decoys (unknown usernames) is kept.
pub const DECOY_KEY: &str = "decoy";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Another writer moved the row's step since it was read: nothing was written.
    Conflict,
    /// A row that another row points at is not there.
    Missing(String),
    /// The store could not be read or written.
    Failed(String),
}

pub type Fallible<T> = Result<T, StoreError>;

/// One transaction's view of the rows. Reads see the transaction's own writes. Nothing
/// is kept until `commit`; `rollback` (or dropping an uncommitted SQL transaction)
/// forgets every write. Methods take `&mut self` so a SQL transaction can run queries.
pub trait Rows {
    fn tenant(&mut self, id: &str) -> Fallible<Option<Tenant>>;
    fn tenant_ids(&mut self) -> Fallible<Vec<String>>;
    fn put_tenant(&mut self, tenant: &Tenant) -> Fallible<()>;

    fn account(&mut self, id: AccountId) -> Fallible<Option<Account>>;
    /// The account with this username, compared without regard to ASCII case.
    fn account_named(&mut self, username: &str) -> Fallible<Option<AccountId>>;
    /// Accounts that belong to `tenant` or sign in to it, in id order.
    fn accounts_of_tenant(&mut self, tenant: &str) -> Fallible<Vec<AccountId>>;
    /// The account that holds, or once held (revoked), the passkey with this id.
    fn account_with_passkey(&mut self, credential_id: &str) -> Fallible<Option<AccountId>>;
    /// Writes an existing account; a new one with `id` one past the last.
    fn put_account(&mut self, id: AccountId, account: &Account) -> Fallible<()>;

    fn flow(&mut self, id: &str) -> Fallible<Option<FlowRecord>>;
    fn insert_flow(&mut self, id: &str, flow: &FlowRecord) -> Fallible<()>;
    /// Writes the flow if its stored step is still `seq_read`; otherwise (or if it is
    /// gone) `Conflict`, and nothing is written.
    fn update_flow(&mut self, id: &str, seq_read: u32, flow: &FlowRecord) -> Fallible<()>;
    fn delete_flow(&mut self, id: &str) -> Fallible<()>;
    fn flows_of(&mut self, account: AccountId) -> Fallible<Vec<String>>;

    fn reset(&mut self, id: &str) -> Fallible<Option<ResetRecord>>;
    fn insert_reset(&mut self, id: &str, reset: &ResetRecord) -> Fallible<()>;
    /// As `update_flow`.
    fn update_reset(&mut self, id: &str, seq_read: u32, reset: &ResetRecord) -> Fallible<()>;
    fn delete_reset(&mut self, id: &str) -> Fallible<()>;
    fn resets_of(&mut self, account: AccountId) -> Fallible<Vec<String>>;

    /// Sessions by their key: the digest of their token (`session_key`), never the
    /// token, so no store holds a token that would open a session.
    fn session(&mut self, key: &str) -> Fallible<Option<Session>>;
    fn put_session(&mut self, key: &str, session: &Session) -> Fallible<()>;
    /// Ends a session, with any method or passkey it was adding.
    fn delete_session(&mut self, key: &str) -> Fallible<()>;
    /// Ends every session of `account` but the one keyed `keep`, with what they were adding.
    fn delete_sessions_of(&mut self, account: AccountId, keep: Option<&str>) -> Fallible<()>;

    /// A method being added from account health, by session key.
    fn adding(&mut self, key: &str) -> Fallible<Option<Adding>>;
    fn put_adding(&mut self, key: &str, adding: &Adding) -> Fallible<()>;
    fn delete_adding(&mut self, key: &str) -> Fallible<()>;
    /// A passkey challenge for adding one from account health, by session key.
    fn adding_passkey(&mut self, key: &str) -> Fallible<Option<Challenge>>;
    fn put_adding_passkey(&mut self, key: &str, challenge: &Challenge) -> Fallible<()>;
    fn delete_adding_passkey(&mut self, key: &str) -> Fallible<()>;
    /// Challenges for signing in with a passkey, by lower-case username (empty: none).
    fn sign_in_challenges(&mut self, name: &str) -> Fallible<Vec<Challenge>>;
    fn put_sign_in_challenges(&mut self, name: &str, held: &[Challenge]) -> Fallible<()>;

    /// Appends a sign-in record of `account` and returns its id: one more than any before.
    fn append_log(&mut self, account: AccountId, record: &SignInRecord) -> Fallible<u64>;
    fn log_entry(&mut self, id: u64) -> Fallible<Option<(AccountId, SignInRecord)>>;
    fn update_log(&mut self, id: u64, record: &SignInRecord) -> Fallible<()>;
    /// The newest `limit` records of an account, newest first.
    fn log_of_account(&mut self, account: AccountId, limit: usize) -> Fallible<Vec<SignInRecord>>;
    /// The newest `limit` records of accounts in `tenant` (as `accounts_of_tenant`), newest first.
    fn log_of_tenant(&mut self, tenant: &str, limit: usize) -> Fallible<Vec<SignInRecord>>;

    /// The simulated phone (a real service: its outbox).
    fn append_phone(&mut self, message: &PhoneMessage) -> Fallible<()>;
    fn phone(&mut self) -> Fallible<Vec<PhoneMessage>>;

    fn secret(&mut self, name: &str) -> Fallible<Option<Vec<u8>>>;
    fn put_secret(&mut self, name: &str, value: &[u8]) -> Fallible<()>;

    fn commit(&mut self) -> Fallible<()>;
    fn rollback(&mut self);
}

#[cfg(test)]
mod tests;

/// What sessions are stored and found under: the SHA-256 of the token, in hex.
pub fn session_key(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}
