//! What differs between the two databases: how a unit takes the write lock, the
//! settings of each connection, and the schema. The queries themselves are shared
//! (sqlx maps `$1` placeholders on SQLite too).
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::SqlSafeStr;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    pub fn of(url: &str) -> Result<Dialect, String> {
        if url.starts_with("sqlite:") {
            Ok(Dialect::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Dialect::Postgres)
        } else {
            Err(format!("--database {}: give a sqlite:// or postgres:// URL", redacted(url)))
        }
    }

    /// The URL to connect with: a SQLite file is created if missing.
    pub(crate) fn connect_url(self, url: &str) -> String {
        match self {
            Dialect::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        }
    }

    /// Run on each new connection. A unit waits at most 5 s for another's write lock
    /// (then `Unavailable`): well inside a server's request time limit (10 s).
    pub(crate) fn session_settings(self) -> &'static [&'static str] {
        match self {
            Dialect::Sqlite => &[
                "PRAGMA journal_mode = WAL",
                // FULL: a transaction that committed is on disk, whatever kills the process.
                "PRAGMA synchronous = FULL",
                "PRAGMA foreign_keys = ON",
                "PRAGMA busy_timeout = 5000",
            ],
            Dialect::Postgres => &[
                // Waiting for the write lock ends as SQLite's busy wait does.
                "SET lock_timeout = '5s'",
                "SET statement_timeout = '8s'",
                // A server that stops mid-unit cannot keep the lock from the others.
                "SET idle_in_transaction_session_timeout = '15s'",
            ],
        }
    }

    pub(crate) fn begin(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        }
    }

    /// Taken first in each unit (SQLite's `BEGIN IMMEDIATE` already holds it).
    pub(crate) fn write_lock(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => None,
            Dialect::Postgres => Some(PG_LOCK),
        }
    }

    /// The schema, embedded in the binary (sqlx's `migrate!` would need its macros).
    pub(crate) fn migrator(self) -> Migrator {
        let migration = |version, name, sql: &'static str| {
            Migration::new(version, Cow::Borrowed(name), MigrationType::Simple, sql.into_sql_str(), false)
        };
        Migrator::with_migrations(match self {
            Dialect::Sqlite => vec![
                migration(1, "rows", include_str!("../migrations/sqlite/0001_rows.sql")),
                migration(2, "host", include_str!("../migrations/sqlite/0002_host.sql")),
                migration(3, "telemetry", include_str!("../migrations/sqlite/0003_telemetry.sql")),
            ],
            Dialect::Postgres => vec![
                migration(1, "rows", include_str!("../migrations/postgres/0001_rows.sql")),
                migration(2, "host", include_str!("../migrations/postgres/0002_host.sql")),
                migration(3, "telemetry", include_str!("../migrations/postgres/0003_telemetry.sql")),
            ],
        })
    }
}

/// The advisory lock every unit on PostgreSQL holds until it ends; its key is
/// "riskgate" in ASCII, spelled as a literal so the statement has no binds.
const PG_LOCK: &str = "SELECT pg_advisory_xact_lock(8244247498011538533)";

/// The URL without its password, for messages.
pub(crate) fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user_info = &url[scheme + 3..at];
            let user = user_info.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_statement_names_the_key() {
        let key = i64::from_be_bytes(*b"riskgate");
        assert_eq!(PG_LOCK, format!("SELECT pg_advisory_xact_lock({key})"));
    }

    #[test]
    fn a_password_never_reaches_a_message() {
        assert_eq!(redacted("postgres://rg:s3cret@db:5432/rg"), "postgres://rg:***@db:5432/rg");
        assert_eq!(
            Dialect::of("mysql://x").unwrap_err(),
            "--database mysql://x: give a sqlite:// or postgres:// URL"
        );
        assert!(!format!("{:?}", Dialect::of("redis://a:hunter2@h")).contains("hunter2"));
    }
}
