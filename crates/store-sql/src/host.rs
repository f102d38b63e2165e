//! What a server keeps beside the authority's rows, in the same database: each flow's
//! secret and what its hand-off needs, and the one-time hand-off codes. Secrets and
//! codes are stored as SHA-256 digests only. These calls are async: each is one
//! statement on the pool, not part of an authority's unit.
use crate::SqlStore;
use sha2::{Digest, Sha256};
use sqlx::Row;

pub fn sha256(text: &str) -> Vec<u8> {
    Sha256::digest(text.as_bytes()).to_vec()
}

/// A flow's grant: whose it is and what kind, found by the flow's id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub secret_hash: Vec<u8>,
    pub kind: String,
    pub username: Option<String>,
    pub saw_mfa: bool,
}

/// What a hand-off code stands for, once exchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Already exchanged, or past its time.
    Spent,
}

type Sql<T> = Result<T, sqlx::Error>;

fn ms(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl SqlStore {
    /// Records a new flow's secret; grants older than `forget_before_ms` go.
    pub async fn grant_flow(
        &self,
        flow_id: &str,
        grant: &Grant,
        now_ms: u64,
        forget_before_ms: u64,
    ) -> Sql<()> {
        let sql = "INSERT INTO flow_grants (flow_id, secret_hash, kind, username, saw_mfa, started_ms) \
                   VALUES ($1, $2, $3, $4, $5, $6)";
        sqlx::query(sql)
            .bind(flow_id)
            .bind(&grant.secret_hash)
            .bind(&grant.kind)
            .bind(&grant.username)
            .bind(i64::from(grant.saw_mfa))
            .bind(ms(now_ms))
            .execute(&self.pool)
            .await?;
        sqlx::query("DELETE FROM flow_grants WHERE started_ms < $1")
            .bind(ms(forget_before_ms))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn flow_grant(&self, flow_id: &str) -> Sql<Option<Grant>> {
        let sql = "SELECT secret_hash, kind, username, saw_mfa FROM flow_grants WHERE flow_id = $1";
        let row = sqlx::query(sql).bind(flow_id).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| Grant {
            secret_hash: r.get(0),
            kind: r.get(1),
            username: r.get(2),
            saw_mfa: r.get::<i64, _>(3) != 0,
        }))
    }

    /// The flow asked for a second factor: its hand-off will say the sign-in was proven.
    pub async fn note_mfa(&self, flow_id: &str) -> Sql<()> {
        sqlx::query("UPDATE flow_grants SET saw_mfa = 1 WHERE flow_id = $1")
            .bind(flow_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Stores a hand-off code (its digest); spent ones older than a day go.
    pub async fn insert_handoff(
        &self,
        code: &str,
        row: &HandoffRow,
        now_ms: u64,
        expires_ms: u64,
    ) -> Sql<()> {
        let sql =
            "INSERT INTO handoffs (code_hash, subject, tenant, proven, session_expires_ms, expires_ms) \
                   VALUES ($1, $2, $3, $4, $5, $6)";
        sqlx::query(sql)
            .bind(sha256(code))
            .bind(&row.subject)
            .bind(&row.tenant)
            .bind(i64::from(row.proven))
            .bind(row.session_expires_ms.map(ms))
            .bind(ms(expires_ms))
            .execute(&self.pool)
            .await?;
        let stale = ms(now_ms.saturating_sub(24 * 60 * 60 * 1000));
        sqlx::query("DELETE FROM handoffs WHERE expires_ms < $1").bind(stale).execute(&self.pool).await?;
        Ok(())
    }

    /// Uses the code up, once: one UPDATE marks it spent and returns what it stands
    /// for, so two exchanges at once cannot both win.
    pub async fn exchange_handoff(
        &self,
        code: &str,
        now_ms: u64,
    ) -> Sql<Result<HandoffRow, ExchangeRefusal>> {
        let hash = sha256(code);
        let sql =
            "UPDATE handoffs SET used_ms = $2 WHERE code_hash = $1 AND used_ms IS NULL AND expires_ms > $2 \
                   RETURNING subject, tenant, proven, session_expires_ms";
        let row = sqlx::query(sql).bind(&hash).bind(ms(now_ms)).fetch_optional(&self.pool).await?;
        if let Some(r) = row {
            return Ok(Ok(HandoffRow {
                subject: r.get(0),
                tenant: r.get(1),
                proven: r.get::<i64, _>(2) != 0,
                session_expires_ms: r.get::<Option<i64>, _>(3).and_then(|t| u64::try_from(t).ok()),
            }));
        }
        let known =
            sqlx::query("SELECT 1 FROM handoffs WHERE code_hash = $1").bind(&hash).fetch_optional(&self.pool);
        Ok(Err(if known.await?.is_some() { ExchangeRefusal::Spent } else { ExchangeRefusal::Unknown }))
    }
}
