//! Telemetry for investigation: the sign-in log and the risk detections, read in the
//! order they changed, after a change number the reader last saw. Each event is one
//! JSON object: the record as the log or the account keeps it, with what a SIEM needs
//! to place it (`type`, `change`, `id`, `tenant`, `home_tenant`, `username`). A row
//! that changes again (a risk remediated, a detection dismissed) comes again with a
//! later change number and the same `id`.
//!
//! Nothing secret is in these rows: sign-in records and detections hold no password,
//! code, token or flow secret (`crates/server/tests/telemetry.rs` checks a log written
//! under load for each secret it used).
use crate::SqlStore;
use serde_json::{Map, Value};
use sqlx::Row;

/// The query for one table: its rows changed after `$1`, for tenant `$2` ('' for all),
/// at most `$3`, in change order, with the account's tenants and name.
macro_rules! changed_since_sql {
    ($table:literal) => {
        concat!(
            "SELECT t.id, t.changed, t.body, a.signs_in_to, a.home_tenant, a.username_lower FROM ",
            $table,
            " t JOIN accounts a ON a.id = t.account_id \
             WHERE t.changed > $1 AND ($2 = '' OR a.home_tenant = $2 OR a.signs_in_to = $2) \
             ORDER BY t.changed LIMIT $3"
        )
    };
}

/// Which table to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    SignIns,
    Detections,
}

impl Stream {
    pub const ALL: [Stream; 2] = [Stream::SignIns, Stream::Detections];

    /// The event's `type`.
    pub fn name(self) -> &'static str {
        match self {
            Stream::SignIns => "sign_in",
            Stream::Detections => "detection",
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Stream::SignIns => changed_since_sql!("sign_in_log"),
            Stream::Detections => changed_since_sql!("detections"),
        }
    }
}

/// One page: the events in change order, and the change number to ask after next.
#[derive(Debug, Default, serde::Serialize)]
pub struct Page {
    pub events: Vec<Value>,
    pub next: u64,
}

fn number(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

impl SqlStore {
    /// Up to `limit` events of `stream` changed after `after`, for one tenant (its
    /// members and its guests) or, with `None`, for all.
    pub async fn changed_since(
        &self,
        stream: Stream,
        tenant: Option<&str>,
        after: u64,
        limit: u32,
    ) -> Result<Page, sqlx::Error> {
        let rows = sqlx::query(stream.sql())
            .bind(i64::try_from(after).unwrap_or(i64::MAX))
            .bind(tenant.unwrap_or("").to_string())
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        let mut page = Page { events: vec![], next: after };
        for row in rows {
            let change = number(row.get::<i64, _>(1));
            let mut event: Map<String, Value> =
                serde_json::from_str(row.get::<&str, _>(2)).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            event.insert("type".into(), stream.name().into());
            event.insert("change".into(), change.into());
            event.insert("tenant".into(), row.get::<String, _>(3).into());
            event.insert("home_tenant".into(), row.get::<String, _>(4).into());
            // A sign-in record has its own id and username; a detection has neither.
            event.entry("id").or_insert(number(row.get::<i64, _>(0)).into());
            event.entry("username").or_insert(row.get::<String, _>(5).into());
            page.next = change;
            page.events.push(Value::Object(event));
        }
        Ok(page)
    }
}
