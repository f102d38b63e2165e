//! Telemetry for investigation (`riskgate_store_sql::telemetry`): the admin API's pages
//! of sign-ins and detections (`GET /api/admin/sign-ins`, `/api/admin/detections`, with
//! `since` and `limit`), and `--telemetry`: every change written as one JSON line, to a
//! file (resumed after its last line on a restart) or to standard output.
use crate::routes::{bearer, ok, store_failed, Answer, App};
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use riskgate_api::BackendError;
use riskgate_store_sql::telemetry::Stream;
use riskgate_store_sql::SqlStore;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

/// Where `--telemetry` writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    pub fn parse(value: &str) -> Target {
        match value {
            "-" => Target::Stdout,
            path => Target::File(PathBuf::from(path)),
        }
    }
}

pub async fn sign_ins(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Answer {
    page(app, headers, query, Stream::SignIns).await
}

pub async fn detections(State(app): State<App>, headers: HeaderMap, RawQuery(query): RawQuery) -> Answer {
    page(app, headers, query, Stream::Detections).await
}

/// One page of the administrator's own tenant.
async fn page(app: App, headers: HeaderMap, query: Option<String>, stream: Stream) -> Answer {
    let (since, limit) = since_and_limit(query.as_deref().unwrap_or(""))?;
    let session = bearer(&headers)?;
    let tenant = app.auth.call(move |s| s.admin_tenant(&session)).await?;
    let page =
        app.auth.store().changed_since(stream, Some(&tenant), since, limit).await.map_err(store_failed)?;
    ok(page)
}

/// `since=N&limit=M`: both optional; anything else is refused, not ignored.
fn since_and_limit(query: &str) -> Result<(u64, u32), BackendError> {
    let (mut since, mut limit) = (0, DEFAULT_LIMIT);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let bad = || BackendError::Malformed(format!("{name}={value}: give a whole number"));
        match name {
            "since" => since = value.parse().map_err(|_| bad())?,
            "limit" => limit = value.parse().map_err(|_| bad())?,
            _ => return Err(BackendError::Malformed(format!("{name}: the query takes since and limit"))),
        }
    }
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(BackendError::Malformed(format!("limit={limit}: from 1 to {MAX_LIMIT}")));
    }
    Ok((since, limit))
}

/// Writes every change as a JSON line, checking for new ones every `every`, until the
/// runtime stops. A database error is logged and the same changes tried again.
pub async fn export(store: SqlStore, target: Target, every: Duration) {
    let mut after = match &target {
        Target::File(path) => resume_point(path).await,
        Target::Stdout => [0, 0],
    };
    loop {
        for (i, stream) in Stream::ALL.into_iter().enumerate() {
            match export_changes(&store, &target, stream, after[i]).await {
                Ok(next) => after[i] = next,
                Err(e) => tracing::warn!(error = %e, stream = stream.name(), "telemetry not written yet"),
            }
        }
        tokio::time::sleep(every).await;
    }
}

/// Writes the changes of `stream` after `after`, a page at a time; the last written.
async fn export_changes(
    store: &SqlStore,
    target: &Target,
    stream: Stream,
    mut after: u64,
) -> Result<u64, String> {
    loop {
        let page = store.changed_since(stream, None, after, MAX_LIMIT).await.map_err(|e| e.to_string())?;
        if page.events.is_empty() {
            return Ok(after);
        }
        let mut lines = String::new();
        for event in &page.events {
            lines.push_str(&event.to_string());
            lines.push('\n');
        }
        write(target, lines.as_bytes()).await.map_err(|e| e.to_string())?;
        after = page.next;
    }
}

async fn write(target: &Target, bytes: &[u8]) -> std::io::Result<()> {
    match target {
        Target::Stdout => {
            let mut out = tokio::io::stdout();
            out.write_all(bytes).await?;
            out.flush().await
        }
        Target::File(path) => {
            let mut file = tokio::fs::OpenOptions::new().create(true).append(true).open(path).await?;
            file.write_all(bytes).await?;
            file.sync_data().await
        }
    }
}

/// The last change of each stream already in the file. A last line cut short (the
/// process stopped mid-write) is removed, so every line stays whole.
async fn resume_point(path: &Path) -> [u64; 2] {
    let Ok(text) = tokio::fs::read_to_string(path).await else { return [0, 0] };
    let whole = text.rfind('\n').map_or(0, |i| i + 1);
    if whole < text.len() {
        if let Ok(file) = std::fs::OpenOptions::new().write(true).open(path) {
            let _ = file.set_len(whole as u64);
        }
    }
    let mut after = [0, 0];
    for line in text[..whole].lines() {
        let Ok(event) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        for (i, stream) in Stream::ALL.into_iter().enumerate() {
            if event["type"] == stream.name() {
                after[i] = after[i].max(event["change"].as_u64().unwrap_or(0));
            }
        }
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_takes_since_and_limit_and_refuses_the_rest() {
        assert_eq!(since_and_limit("").unwrap(), (0, DEFAULT_LIMIT));
        assert_eq!(since_and_limit("since=42&limit=5").unwrap(), (42, 5));
        for bad in ["since=-1", "limit=0", "limit=1001", "since=x", "cursor=3", "limit"] {
            assert!(matches!(since_and_limit(bad), Err(BackendError::Malformed(_))), "{bad}");
        }
    }

    #[tokio::test]
    async fn a_file_resumes_after_its_last_whole_line() {
        let path = std::env::temp_dir().join(format!("riskgate-telemetry-{}.jsonl", std::process::id()));
        let lines = concat!(
            "{\"type\":\"sign_in\",\"change\":3}\n",
            "{\"type\":\"detection\",\"change\":9}\n",
            "{\"type\":\"sign_in\",\"change\":4}\n",
            "{\"type\":\"sign_in\",\"cha"
        );
        std::fs::write(&path, lines).unwrap();
        assert_eq!(resume_point(&path).await, [4, 9]);
        let kept = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(kept.ends_with("\"change\":4}\n"), "the cut line is gone: {kept:?}");
    }
}
