//! The authority's rows in SQL, through sqlx: SQLite (one file, created and migrated
//! on open) or PostgreSQL (a database several servers share). Each call of the service
//! is one transaction (`begin`) that holds the database's one write lock — SQLite's
//! `BEGIN IMMEDIATE`, or on PostgreSQL a transaction-scoped advisory lock — so writers
//! queue instead of failing half way and never overwrite each other's reads; a flow's
//! or reset's step moves only by compare-and-swap on its `seq` as well. The password
//! work is done before a unit begins (`riskgate_service::service`), so a unit holds the
//! lock for a few statements only.
//!
//! `Rows` is synchronous (the authority also runs in the browser), so `SqlRows` runs
//! each query to completion on the tokio runtime it was opened on. Call `begin` and
//! everything after it off the async workers (`tokio::task::spawn_blocking`).
mod account;
mod dialect;
pub mod host;
pub mod telemetry;
#[cfg(any(test, feature = "testing"))]
pub mod throwaway;

pub use dialect::Dialect;
use riskgate_service::api::SignInRecord;
use riskgate_service::directory::{Account, Tenant};
use riskgate_service::mock::PhoneMessage;
use riskgate_service::service::RowsFactory;
use riskgate_service::store::{
    AccountId, Adding, Challenge, Fallible, FlowRecord, ResetRecord, Rows, Session, StoreError,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::any::AnyPoolOptions;
use sqlx::AnyConnection;
use sqlx::{Any, AnyPool, Executor, Row, Transaction};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::runtime::Handle;

/// How long a unit waits for a connection. Units run one per worker, so the pool is
/// rarely short of one: a wait this long means the database cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// After a unit found the database unreachable, the units that follow for this long
/// fail at once instead of each waiting `CONNECT_TIMEOUT`: a queue of requests then
/// answers 503 promptly, not 504 after the request time limit.
const UNREACHABLE_FOR: Duration = Duration::from_secs(1);

/// An open database: a pool of connections to one SQLite file or PostgreSQL database.
#[derive(Clone)]
pub struct SqlStore {
    pool: AnyPool,
    dialect: Dialect,
    runtime: Handle,
    unreachable: Arc<Unreachable>,
}

/// When the database was last found unreachable, in nanoseconds since the store
/// opened (0: never).
struct Unreachable {
    opened: Instant,
    last_ns: AtomicU64,
}

impl Unreachable {
    fn new() -> Unreachable {
        Unreachable { opened: Instant::now(), last_ns: AtomicU64::new(0) }
    }

    fn now_ns(&self) -> u64 {
        u64::try_from(self.opened.elapsed().as_nanos()).unwrap_or(u64::MAX).max(1)
    }

    fn found(&self) {
        self.last_ns.store(self.now_ns(), Ordering::SeqCst);
    }

    fn recently(&self) -> bool {
        let last = self.last_ns.load(Ordering::SeqCst);
        last != 0 && self.now_ns().saturating_sub(last) < UNREACHABLE_FOR.as_nanos() as u64
    }
}

/// Errors that say the database itself cannot be reached (not a refused statement).
fn is_unreachable(e: &sqlx::Error) -> bool {
    matches!(
        e,
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolClosed
    )
}

impl SqlStore {
    /// Opens and migrates the database at `url`: `sqlite://riskgate.db` (created if
    /// missing; not `sqlite::memory:`, where each connection would see its own empty
    /// database) or `postgres://user@host/db` (which must exist).
    pub async fn open(url: &str, max_connections: u32) -> Result<SqlStore, String> {
        sqlx::any::install_default_drivers();
        let dialect = Dialect::of(url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(CONNECT_TIMEOUT)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    for setting in dialect.session_settings() {
                        conn.execute(*setting).await?;
                    }
                    Ok(())
                })
            })
            .connect(&dialect.connect_url(url))
            .await
            .map_err(|e| format!("cannot open {}: {e}", dialect::redacted(url)))?;
        dialect
            .migrator()
            .run(&pool)
            .await
            .map_err(|e| format!("cannot migrate {}: {e}", dialect::redacted(url)))?;
        Ok(SqlStore { pool, dialect, runtime: Handle::current(), unreachable: Arc::new(Unreachable::new()) })
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Starts one call's transaction, holding the write lock. Blocks: call it off the
    /// async workers.
    pub fn transaction(&self) -> Fallible<SqlRows> {
        if self.unreachable.recently() {
            return Err(StoreError::Failed("the database was unreachable a moment ago".into()));
        }
        let begun = self.runtime.block_on(self.pool.begin_with(self.dialect.begin()));
        let tx = begun.map_err(|e| {
            if is_unreachable(&e) {
                self.unreachable.found();
            }
            failed(e)
        })?;
        let mut rows = SqlRows { tx: Some(tx), runtime: self.runtime.clone() };
        if let Some(lock) = self.dialect.write_lock() {
            rows.execute(lock, vec![])?;
        }
        Ok(rows)
    }

    /// Whether the directory has no tenant yet (a new database, before `--seed`).
    pub async fn is_empty(&self) -> Result<bool, String> {
        let row = sqlx::query("SELECT COUNT(*) FROM tenants")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| e.to_string())?;
        Ok(row.get::<i64, _>(0) == 0)
    }

    /// Answers when the database can be read: for readiness checks.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT COUNT(*) FROM tenants").fetch_one(&self.pool).await.is_ok()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The pool, for statements outside a unit (`host`, tests).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

impl RowsFactory for SqlStore {
    fn begin(&self) -> Fallible<Box<dyn Rows + '_>> {
        Ok(Box::new(self.transaction()?))
    }
}

/// One transaction. Dropped without `commit`, it rolls back.
pub struct SqlRows {
    tx: Option<Transaction<'static, Any>>,
    runtime: Handle,
}

impl Drop for SqlRows {
    /// Rolls back on the store's runtime: sqlx returns a dropped connection to its
    /// pool from a task, which needs a runtime this thread may not have.
    fn drop(&mut self) {
        self.rollback();
    }
}

fn failed(e: impl std::fmt::Display) -> StoreError {
    StoreError::Failed(e.to_string())
}

fn to_json(value: &impl Serialize) -> Fallible<String> {
    serde_json::to_string(value).map_err(failed)
}

fn from_json<T: DeserializeOwned>(text: &str) -> Fallible<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Failed(format!("unreadable row: {e}")))
}

fn id_of(account: AccountId) -> Fallible<i64> {
    i64::try_from(account).map_err(failed)
}

fn account_id(value: i64) -> Fallible<AccountId> {
    AccountId::try_from(value).map_err(failed)
}

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl SqlRows {
    /// Runs one statement's future to completion on the store's runtime.
    fn run<T>(
        &mut self,
        query: impl for<'c> FnOnce(&'c mut AnyConnection) -> futures_like::Boxed<'c, T>,
    ) -> Fallible<T> {
        let tx = self.tx.as_mut().ok_or_else(|| StoreError::Failed("transaction already ended".into()))?;
        self.runtime.block_on(query(tx)).map_err(failed)
    }

    fn body<T: DeserializeOwned>(&mut self, sql: &'static str, key: String) -> Fallible<Option<T>> {
        let row = self.run(move |c| Box::pin(sqlx::query(sql).bind(key).fetch_optional(c)))?;
        row.map(|r| from_json(r.get::<&str, _>(0))).transpose()
    }

    fn execute(&mut self, sql: &'static str, binds: Vec<Bind>) -> Fallible<u64> {
        let done = self.run(move |c| {
            let mut q = sqlx::query(sql);
            for b in binds {
                q = match b {
                    Bind::Text(t) => q.bind(t),
                    Bind::OptText(t) => q.bind(t),
                    Bind::Int(i) => q.bind(i),
                    Bind::OptInt(i) => q.bind(i),
                    Bind::Blob(b) => q.bind(b),
                };
            }
            Box::pin(q.execute(c))
        })?;
        Ok(done.rows_affected())
    }

    /// Runs a write that must change exactly one row; none changed (an id already
    /// taken, a step that moved on or is gone) is `Conflict`.
    fn write_one(&mut self, sql: &'static str, binds: Vec<Bind>) -> Fallible<()> {
        match self.execute(sql, binds)? {
            1 => Ok(()),
            _ => Err(StoreError::Conflict),
        }
    }

    /// A new flow or reset row (`sql` names the table); an id is used once.
    fn insert_step(&mut self, sql: &'static str, id: &str, account: Option<i64>, step: Step) -> Fallible<()> {
        let binds = vec![
            Bind::Text(id.to_string()),
            Bind::OptInt(account),
            Bind::Int(i64::from(step.seq)),
            Bind::Int(ms(step.ends_ms)),
            Bind::Text(step.body),
        ];
        self.write_one(sql, binds)
    }

    /// A flow or reset row moved on, only from the step it was read at.
    fn update_step(&mut self, sql: &'static str, id: &str, seq_read: u32, step: Step) -> Fallible<()> {
        let binds = vec![
            Bind::Int(i64::from(step.seq)),
            Bind::Int(ms(step.ends_ms)),
            Bind::Text(step.body),
            Bind::Text(id.to_string()),
            Bind::Int(i64::from(seq_read)),
        ];
        self.write_one(sql, binds)
    }

    fn ids(&mut self, sql: &'static str, key: Bind) -> Fallible<Vec<String>> {
        let rows = self.run(move |c| {
            let q = sqlx::query(sql);
            let q = match key {
                Bind::Int(i) => q.bind(i),
                Bind::Text(t) => q.bind(t),
                _ => q,
            };
            Box::pin(q.fetch_all(c))
        })?;
        Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
    }
}

/// What a flow's or reset's row holds beside its id and account.
struct Step {
    seq: u32,
    ends_ms: u64,
    body: String,
}

enum Bind {
    Text(String),
    OptText(Option<String>),
    Int(i64),
    OptInt(Option<i64>),
    Blob(Vec<u8>),
}

/// A boxed future of one sqlx call, borrowing the connection.
mod futures_like {
    pub type Boxed<'c, T> =
        std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, sqlx::Error>> + Send + 'c>>;
}

impl Rows for SqlRows {
    fn tenant(&mut self, id: &str) -> Fallible<Option<Tenant>> {
        self.body("SELECT body FROM tenants WHERE id = $1", id.to_string())
    }
    fn tenant_ids(&mut self) -> Fallible<Vec<String>> {
        // `rowid`: SQLite's own; PostgreSQL's table has a column of that name.
        let rows =
            self.run(|c| Box::pin(sqlx::query("SELECT id FROM tenants ORDER BY rowid").fetch_all(c)))?;
        Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
    }
    fn put_tenant(&mut self, tenant: &Tenant) -> Fallible<()> {
        let sql = "INSERT INTO tenants (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = excluded.body";
        self.execute(sql, vec![Bind::Text(tenant.id.clone()), Bind::Text(to_json(tenant)?)])?;
        Ok(())
    }

    fn account(&mut self, id: AccountId) -> Fallible<Option<Account>> {
        account::load(self, id_of(id)?)
    }
    fn account_named(&mut self, username: &str) -> Fallible<Option<AccountId>> {
        let key = username.to_ascii_lowercase();
        let row = self.run(move |c| {
            Box::pin(
                sqlx::query("SELECT id FROM accounts WHERE username_lower = $1").bind(key).fetch_optional(c),
            )
        })?;
        row.map(|r| account_id(r.get::<i64, _>(0))).transpose()
    }
    fn accounts_of_tenant(&mut self, tenant: &str) -> Fallible<Vec<AccountId>> {
        let key = tenant.to_string();
        let rows = self.run(move |c| {
            let sql = "SELECT id FROM accounts WHERE home_tenant = $1 OR signs_in_to = $1 ORDER BY id";
            Box::pin(sqlx::query(sql).bind(key).fetch_all(c))
        })?;
        rows.iter().map(|r| account_id(r.get::<i64, _>(0))).collect()
    }
    fn account_with_passkey(&mut self, credential_id: &str) -> Fallible<Option<AccountId>> {
        let key = credential_id.to_string();
        let row = self.run(move |c| {
            Box::pin(
                sqlx::query("SELECT account_id FROM passkeys WHERE credential_id = $1")
                    .bind(key)
                    .fetch_optional(c),
            )
        })?;
        row.map(|r| account_id(r.get::<i64, _>(0))).transpose()
    }
    fn put_account(&mut self, id: AccountId, account: &Account) -> Fallible<()> {
        account::store(self, id_of(id)?, account)
    }

    fn flow(&mut self, id: &str) -> Fallible<Option<FlowRecord>> {
        self.body("SELECT body FROM flows WHERE id = $1", id.to_string())
    }
    fn insert_flow(&mut self, id: &str, flow: &FlowRecord) -> Fallible<()> {
        let sql = "INSERT INTO flows (id, account_id, seq, expires_ms, body) VALUES ($1, $2, $3, $4, $5) \
                   ON CONFLICT (id) DO NOTHING";
        let step = Step { seq: flow.seq(), ends_ms: flow.ends_ms(), body: to_json(flow)? };
        self.insert_step(sql, id, Some(id_of(flow.account())?), step)
    }
    fn update_flow(&mut self, id: &str, seq_read: u32, flow: &FlowRecord) -> Fallible<()> {
        let sql = "UPDATE flows SET seq = $1, expires_ms = $2, body = $3 WHERE id = $4 AND seq = $5";
        let step = Step { seq: flow.seq(), ends_ms: flow.ends_ms(), body: to_json(flow)? };
        self.update_step(sql, id, seq_read, step)
    }
    fn delete_flow(&mut self, id: &str) -> Fallible<()> {
        self.execute("DELETE FROM flows WHERE id = $1", vec![Bind::Text(id.to_string())])?;
        Ok(())
    }
    fn flows_of(&mut self, account: AccountId) -> Fallible<Vec<String>> {
        self.ids("SELECT id FROM flows WHERE account_id = $1 ORDER BY id", Bind::Int(id_of(account)?))
    }

    fn reset(&mut self, id: &str) -> Fallible<Option<ResetRecord>> {
        self.body("SELECT body FROM resets WHERE id = $1", id.to_string())
    }
    fn insert_reset(&mut self, id: &str, reset: &ResetRecord) -> Fallible<()> {
        let sql = "INSERT INTO resets (id, account_id, seq, expires_ms, body) VALUES ($1, $2, $3, $4, $5) \
                   ON CONFLICT (id) DO NOTHING";
        let step = Step { seq: reset.seq(), ends_ms: reset.ends_ms(), body: to_json(reset)? };
        self.insert_step(sql, id, reset.account().map(id_of).transpose()?, step)
    }
    fn update_reset(&mut self, id: &str, seq_read: u32, reset: &ResetRecord) -> Fallible<()> {
        let sql = "UPDATE resets SET seq = $1, expires_ms = $2, body = $3 WHERE id = $4 AND seq = $5";
        let step = Step { seq: reset.seq(), ends_ms: reset.ends_ms(), body: to_json(reset)? };
        self.update_step(sql, id, seq_read, step)
    }
    fn delete_reset(&mut self, id: &str) -> Fallible<()> {
        self.execute("DELETE FROM resets WHERE id = $1", vec![Bind::Text(id.to_string())])?;
        Ok(())
    }
    fn resets_of(&mut self, account: AccountId) -> Fallible<Vec<String>> {
        self.ids("SELECT id FROM resets WHERE account_id = $1 ORDER BY id", Bind::Int(id_of(account)?))
    }

    fn session(&mut self, key: &str) -> Fallible<Option<Session>> {
        self.body("SELECT body FROM sessions WHERE token_hash = $1", key.to_string())
    }
    fn put_session(&mut self, key: &str, session: &Session) -> Fallible<()> {
        let sql = "INSERT INTO sessions (token_hash, account_id, expires_ms, body) VALUES ($1, $2, $3, $4) \
                   ON CONFLICT (token_hash) DO UPDATE SET expires_ms = excluded.expires_ms, body = excluded.body";
        let binds = vec![
            Bind::Text(key.to_string()),
            Bind::Int(id_of(session.account())?),
            Bind::Int(ms(session.ends_ms())),
            Bind::Text(to_json(session)?),
        ];
        self.execute(sql, binds)?;
        Ok(())
    }
    fn delete_session(&mut self, key: &str) -> Fallible<()> {
        let hash = key.to_string();
        for sql in [
            "DELETE FROM adding_methods WHERE token_hash = $1",
            "DELETE FROM adding_passkeys WHERE token_hash = $1",
            "DELETE FROM sessions WHERE token_hash = $1",
        ] {
            self.execute(sql, vec![Bind::Text(hash.clone())])?;
        }
        Ok(())
    }
    fn delete_sessions_of(&mut self, account: AccountId, keep: Option<&str>) -> Fallible<()> {
        let keep = keep.unwrap_or_default().to_string();
        let account = id_of(account)?;
        for sql in [
            "DELETE FROM adding_methods WHERE token_hash IN \
             (SELECT token_hash FROM sessions WHERE account_id = $1 AND token_hash <> $2)",
            "DELETE FROM adding_passkeys WHERE token_hash IN \
             (SELECT token_hash FROM sessions WHERE account_id = $1 AND token_hash <> $2)",
            "DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2",
        ] {
            self.execute(sql, vec![Bind::Int(account), Bind::Text(keep.clone())])?;
        }
        Ok(())
    }

    fn adding(&mut self, key: &str) -> Fallible<Option<Adding>> {
        self.body("SELECT body FROM adding_methods WHERE token_hash = $1", key.to_string())
    }
    fn put_adding(&mut self, key: &str, adding: &Adding) -> Fallible<()> {
        let sql = "INSERT INTO adding_methods (token_hash, body) VALUES ($1, $2) \
                   ON CONFLICT (token_hash) DO UPDATE SET body = excluded.body";
        self.execute(sql, vec![Bind::Text(key.to_string()), Bind::Text(to_json(adding)?)])?;
        Ok(())
    }
    fn delete_adding(&mut self, key: &str) -> Fallible<()> {
        self.execute("DELETE FROM adding_methods WHERE token_hash = $1", vec![Bind::Text(key.to_string())])?;
        Ok(())
    }
    fn adding_passkey(&mut self, key: &str) -> Fallible<Option<Challenge>> {
        self.body("SELECT body FROM adding_passkeys WHERE token_hash = $1", key.to_string())
    }
    fn put_adding_passkey(&mut self, key: &str, challenge: &Challenge) -> Fallible<()> {
        let sql = "INSERT INTO adding_passkeys (token_hash, body) VALUES ($1, $2) \
                   ON CONFLICT (token_hash) DO UPDATE SET body = excluded.body";
        self.execute(sql, vec![Bind::Text(key.to_string()), Bind::Text(to_json(challenge)?)])?;
        Ok(())
    }
    fn delete_adding_passkey(&mut self, key: &str) -> Fallible<()> {
        self.execute("DELETE FROM adding_passkeys WHERE token_hash = $1", vec![Bind::Text(key.to_string())])?;
        Ok(())
    }
    fn sign_in_challenges(&mut self, name: &str) -> Fallible<Vec<Challenge>> {
        let held: Option<Vec<Challenge>> =
            self.body("SELECT body FROM sign_in_challenges WHERE name = $1", name.to_string())?;
        Ok(held.unwrap_or_default())
    }
    fn put_sign_in_challenges(&mut self, name: &str, held: &[Challenge]) -> Fallible<()> {
        if held.is_empty() {
            self.execute(
                "DELETE FROM sign_in_challenges WHERE name = $1",
                vec![Bind::Text(name.to_string())],
            )?;
            return Ok(());
        }
        let sql = "INSERT INTO sign_in_challenges (name, body) VALUES ($1, $2) \
                   ON CONFLICT (name) DO UPDATE SET body = excluded.body";
        self.execute(sql, vec![Bind::Text(name.to_string()), Bind::Text(to_json(&held)?)])?;
        Ok(())
    }

    fn append_log(&mut self, account: AccountId, record: &SignInRecord) -> Fallible<u64> {
        let account = id_of(account)?;
        let row = self.run(move |c| {
            let sql = "INSERT INTO sign_in_log (account_id, body) VALUES ($1, '{}') RETURNING id";
            Box::pin(sqlx::query(sql).bind(account).fetch_one(c))
        })?;
        let id = u64::try_from(row.get::<i64, _>(0)).map_err(failed)?;
        self.update_log(id, record)?;
        Ok(id)
    }
    fn log_entry(&mut self, id: u64) -> Fallible<Option<(AccountId, SignInRecord)>> {
        let key = ms(id);
        let row = self.run(move |c| {
            Box::pin(
                sqlx::query("SELECT account_id, body FROM sign_in_log WHERE id = $1")
                    .bind(key)
                    .fetch_optional(c),
            )
        })?;
        row.map(|r| Ok((account_id(r.get::<i64, _>(0))?, from_json(r.get::<&str, _>(1))?))).transpose()
    }
    fn update_log(&mut self, id: u64, record: &SignInRecord) -> Fallible<()> {
        let record = SignInRecord { id, ..record.clone() };
        // The next change number: units write one at a time, so MAX + 1 is unique.
        let sql = "UPDATE sign_in_log SET body = $1, \
                   changed = (SELECT COALESCE(MAX(changed), 0) + 1 FROM sign_in_log) WHERE id = $2 \
                   RETURNING account_id";
        let (body, key) = (to_json(&record)?, ms(id));
        let row = self.run(move |c| Box::pin(sqlx::query(sql).bind(body).bind(key).fetch_optional(c)))?;
        let row = row.ok_or_else(|| StoreError::Missing(format!("sign-in {id}")))?;
        account::store_sign_in_detections(self, row.get::<i64, _>(0), &record)
    }
    fn log_of_account(&mut self, account: AccountId, limit: usize) -> Fallible<Vec<SignInRecord>> {
        let (account, limit) = (id_of(account)?, ms(limit as u64));
        let rows = self.run(move |c| {
            let sql = "SELECT body FROM sign_in_log WHERE account_id = $1 ORDER BY id DESC LIMIT $2";
            Box::pin(sqlx::query(sql).bind(account).bind(limit).fetch_all(c))
        })?;
        rows.iter().map(|r| from_json(r.get::<&str, _>(0))).collect()
    }
    fn log_of_tenant(&mut self, tenant: &str, limit: usize) -> Fallible<Vec<SignInRecord>> {
        let (tenant, limit) = (tenant.to_string(), ms(limit as u64));
        let rows = self.run(move |c| {
            let sql = "SELECT l.body FROM sign_in_log l JOIN accounts a ON a.id = l.account_id \
                       WHERE a.home_tenant = $1 OR a.signs_in_to = $1 ORDER BY l.id DESC LIMIT $2";
            Box::pin(sqlx::query(sql).bind(tenant).bind(limit).fetch_all(c))
        })?;
        rows.iter().map(|r| from_json(r.get::<&str, _>(0))).collect()
    }

    fn append_phone(&mut self, message: &PhoneMessage) -> Fallible<()> {
        let sql = "INSERT INTO phone_outbox (recipient, body) VALUES ($1, $2)";
        self.execute(sql, vec![Bind::Text(message.to.clone()), Bind::Text(to_json(message)?)])?;
        Ok(())
    }
    fn phone(&mut self) -> Fallible<Vec<PhoneMessage>> {
        let rows =
            self.run(|c| Box::pin(sqlx::query("SELECT body FROM phone_outbox ORDER BY id").fetch_all(c)))?;
        rows.iter().map(|r| from_json(r.get::<&str, _>(0))).collect()
    }

    fn secret(&mut self, name: &str) -> Fallible<Option<Vec<u8>>> {
        let key = name.to_string();
        let row = self.run(move |c| {
            Box::pin(sqlx::query("SELECT value FROM secrets WHERE name = $1").bind(key).fetch_optional(c))
        })?;
        Ok(row.map(|r| r.get::<Vec<u8>, _>(0)))
    }
    fn put_secret(&mut self, name: &str, value: &[u8]) -> Fallible<()> {
        let sql = "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
        self.execute(sql, vec![Bind::Text(name.to_string()), Bind::Blob(value.to_vec())])?;
        Ok(())
    }

    fn commit(&mut self) -> Fallible<()> {
        let tx = self.tx.take().ok_or_else(|| StoreError::Failed("transaction already ended".into()))?;
        self.runtime.block_on(tx.commit()).map_err(failed)
    }
    fn rollback(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = self.runtime.block_on(tx.rollback());
        }
    }
}

#[cfg(test)]
mod tests;
