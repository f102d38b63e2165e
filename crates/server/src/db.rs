//! SQLite underneath the server (sqlx, no compile-time macros): the directory row the
//! authority saves into, and the hand-off codes. WAL with `synchronous = FULL`, so a
//! change acknowledged to a client survives the process being killed.
use riskgate_service::mock::Store;
use sha2::{Digest, Sha256};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Row, SqlSafeStr, SqlitePool};
use std::borrow::Cow;
use std::cell::Cell;
use std::str::FromStr;
use std::time::Duration;

/// The migrations, embedded in the binary (`crates/server/migrations/`).
const MIGRATIONS: &[(i64, &str, &str)] =
    &[(1, "directory and handoffs", include_str!("../migrations/0001_directory_and_handoffs.sql"))];

#[derive(Clone)]
pub struct Database {
    pool: SqlitePool,
}

/// What a hand-off code stands for, once exchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoffRow {
    pub subject: String,
    pub tenant: String,
    pub proven: bool,
    pub session_expires_ms: Option<u64>,
}

/// Why an exchange found nothing to hand over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExchangeRefusal {
    Unknown,
    /// Already exchanged, or past its two minutes.
    Spent,
}

pub fn sha256(text: &str) -> Vec<u8> {
    Sha256::digest(text.as_bytes()).to_vec()
}

impl Database {
    /// Opens (creating if missing) and migrates the database at `url`, e.g.
    /// `sqlite://riskgate.db`.
    pub async fn open(url: &str) -> Result<Database, String> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| format!("--database {url}: {e}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| format!("--database {url}: {e}"))?;
        let migrations = MIGRATIONS
            .iter()
            .map(|(v, d, sql)| {
                Migration::new(*v, Cow::Borrowed(*d), MigrationType::Simple, (*sql).into_sql_str(), false)
            })
            .collect();
        Migrator::with_migrations(migrations)
            .run(&pool)
            .await
            .map_err(|e| format!("--database {url}: migrating: {e}"))?;
        Ok(Database { pool })
    }

    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub async fn load_directory(&self) -> Result<Option<String>, sqlx::Error> {
        let row = sqlx::query("SELECT data FROM directory WHERE id = 1").fetch_optional(&self.pool).await?;
        Ok(row.map(|r| r.get::<String, _>(0)))
    }

    /// One transaction: the new directory replaces the old, or nothing changes.
    pub async fn save_directory(&self, text: &str, now_ms: u64) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO directory (id, data, saved_ms) VALUES (1, ?1, ?2) \
             ON CONFLICT (id) DO UPDATE SET data = ?1, saved_ms = ?2, saves = saves + 1",
        )
        .bind(text)
        .bind(now_ms as i64)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    pub async fn insert_handoff(
        &self,
        code: &str,
        row: &HandoffRow,
        expires_ms: u64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO handoffs (code_hash, subject, tenant, proven, session_expires_ms, expires_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(sha256(code))
        .bind(&row.subject)
        .bind(&row.tenant)
        .bind(row.proven)
        .bind(row.session_expires_ms.map(|t| t as i64))
        .bind(expires_ms as i64)
        .execute(&self.pool)
        .await?;
        // Spent codes are kept a day for the record, then dropped.
        let stale = now_ms_i64() - 24 * 60 * 60 * 1000;
        sqlx::query("DELETE FROM handoffs WHERE expires_ms < ?1").bind(stale).execute(&self.pool).await?;
        Ok(())
    }

    /// Uses the code up, once: a single UPDATE marks it spent and returns what it
    /// stands for, so two exchanges at once cannot both win.
    pub async fn exchange_handoff(
        &self,
        code: &str,
        now_ms: u64,
    ) -> Result<Result<HandoffRow, ExchangeRefusal>, sqlx::Error> {
        let hash = sha256(code);
        let row = sqlx::query(
            "UPDATE handoffs SET used_ms = ?2 WHERE code_hash = ?1 AND used_ms IS NULL AND expires_ms > ?2 \
             RETURNING subject, tenant, proven, session_expires_ms",
        )
        .bind(&hash)
        .bind(now_ms as i64)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(r) = row {
            return Ok(Ok(HandoffRow {
                subject: r.get(0),
                tenant: r.get(1),
                proven: r.get(2),
                session_expires_ms: r.get::<Option<i64>, _>(3).map(|t| t as u64),
            }));
        }
        let known = sqlx::query("SELECT 1 FROM handoffs WHERE code_hash = ?1")
            .bind(&hash)
            .fetch_optional(&self.pool)
            .await?
            .is_some();
        Ok(Err(if known { ExchangeRefusal::Spent } else { ExchangeRefusal::Unknown }))
    }
}

pub fn now_ms() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

fn now_ms_i64() -> i64 {
    now_ms() as i64
}

/// The authority's `Store`, over the directory row. It runs on the authority's own
/// thread and waits there for each transaction. `Store::save` cannot fail, so a failed
/// save is remembered: the authority then answers nothing more (`Unavailable`) rather
/// than acknowledge changes that are not on disk.
pub struct SqliteStore {
    db: Database,
    rt: tokio::runtime::Handle,
    failed: Cell<bool>,
}

impl SqliteStore {
    pub fn new(db: Database, rt: tokio::runtime::Handle) -> Self {
        SqliteStore { db, rt, failed: Cell::new(false) }
    }

    pub fn failed(&self) -> bool {
        self.failed.get()
    }
}

impl Store for SqliteStore {
    fn load(&self) -> Option<String> {
        match self.rt.block_on(self.db.load_directory()) {
            Ok(text) => text,
            Err(e) => {
                tracing::error!(error = %e, "loading the directory failed");
                self.failed.set(true);
                None
            }
        }
    }

    fn save(&self, text: &str) {
        if self.failed.get() {
            return;
        }
        if let Err(e) = self.rt.block_on(self.db.save_directory(text, now_ms())) {
            tracing::error!(error = %e, "saving the directory failed; the authority stops answering");
            self.failed.set(true);
        }
    }
}
