//! An account across three tables: the account row, one row per registered method
//! (authenticator app, phone) and one per passkey (and per removed passkey's id). The
//! authority sees one `Account`; the split happens here, by the record's field names,
//! and `tests.rs` round-trips every seeded account to catch a renamed field.
use super::{account_id, failed, from_json, to_json, Bind, SqlRows};
use riskgate_service::api::SignInRecord;
use riskgate_service::directory::Account;
use riskgate_service::engine::Timing;
use riskgate_service::store::{Fallible, StoreError};
use serde_json::{json, Map, Value};
use sqlx::Row;

/// Method fields of `Account`, each kept as a row of `methods` under this kind.
const METHODS: [(&str, &str); 2] = [("totp", "AuthenticatorApp"), ("phone", "Phone")];
const PASSKEYS: &str = "passkeys";
const REVOKED: &str = "revoked_passkeys";

struct Parts {
    body: Map<String, Value>,
    methods: Vec<(&'static str, Value)>,
    passkeys: Vec<(String, Option<Value>)>,
}

fn split(account: &Account) -> Fallible<Parts> {
    let Value::Object(mut body) = serde_json::to_value(account).map_err(failed)? else {
        return Err(StoreError::Failed("an account is not a JSON object".into()));
    };
    let mut methods = vec![];
    for (field, kind) in METHODS {
        match body.remove(field) {
            Some(Value::Null) | None => {}
            Some(value) => methods.push((kind, value)),
        }
    }
    let mut passkeys = vec![];
    for key in take_array(&mut body, PASSKEYS)? {
        let id = key.get("id").and_then(Value::as_str).ok_or_else(|| failed("a passkey without an id"))?;
        passkeys.push((id.to_string(), Some(key)));
    }
    for id in take_array(&mut body, REVOKED)? {
        let id = id.as_str().ok_or_else(|| failed("a revoked passkey id that is not text"))?;
        passkeys.push((id.to_string(), None));
    }
    Ok(Parts { body, methods, passkeys })
}

fn take_array(body: &mut Map<String, Value>, field: &str) -> Fallible<Vec<Value>> {
    match body.remove(field) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(StoreError::Failed(format!("an account without {field}"))),
    }
}

fn join(mut parts: Parts) -> Fallible<Account> {
    for (field, kind) in METHODS {
        let value = parts.methods.iter().find(|(k, _)| *k == kind).map(|(_, v)| v.clone());
        parts.body.insert(field.into(), value.unwrap_or(Value::Null));
    }
    let (mut live, mut revoked) = (vec![], vec![]);
    for (id, body) in parts.passkeys {
        match body {
            Some(body) => live.push(body),
            None => revoked.push(Value::String(id)),
        }
    }
    parts.body.insert(PASSKEYS.into(), Value::Array(live));
    parts.body.insert(REVOKED.into(), Value::Array(revoked));
    serde_json::from_value(Value::Object(parts.body))
        .map_err(|e| StoreError::Failed(format!("unreadable account: {e}")))
}

pub(crate) fn load(rows: &mut SqlRows, id: i64) -> Fallible<Option<Account>> {
    let found = rows.run(move |c| {
        Box::pin(sqlx::query("SELECT body FROM accounts WHERE id = $1").bind(id).fetch_optional(c))
    })?;
    let Some(found) = found else { return Ok(None) };
    let body: Map<String, Value> = from_json(found.get::<&str, _>(0))?;
    let method_rows = rows.run(move |c| {
        Box::pin(sqlx::query("SELECT kind, body FROM methods WHERE account_id = $1").bind(id).fetch_all(c))
    })?;
    let mut methods = vec![];
    for row in method_rows {
        let kind = row.get::<&str, _>(0);
        let known = METHODS
            .iter()
            .find(|(_, k)| *k == kind)
            .ok_or_else(|| failed(format!("unknown method {kind}")))?;
        methods.push((known.1, from_json(row.get::<&str, _>(1))?));
    }
    let key_rows = rows.run(move |c| {
        let sql = "SELECT credential_id, body FROM passkeys WHERE account_id = $1 ORDER BY position";
        Box::pin(sqlx::query(sql).bind(id).fetch_all(c))
    })?;
    let mut passkeys = vec![];
    for row in key_rows {
        let body = row.get::<Option<&str>, _>(1).map(from_json).transpose()?;
        passkeys.push((row.get::<String, _>(0), body));
    }
    join(Parts { body, methods, passkeys }).map(Some)
}

pub(crate) fn store(rows: &mut SqlRows, id: i64, account: &Account) -> Fallible<()> {
    account_id(id)?;
    let parts = split(account)?;
    let sql = "INSERT INTO accounts (id, username_lower, home_tenant, signs_in_to, body) VALUES ($1, $2, $3, $4, $5) \
               ON CONFLICT (id) DO UPDATE SET username_lower = excluded.username_lower, \
               home_tenant = excluded.home_tenant, signs_in_to = excluded.signs_in_to, body = excluded.body";
    let binds = vec![
        Bind::Int(id),
        Bind::Text(account.username.to_ascii_lowercase()),
        Bind::Text(account.home_tenant.clone()),
        Bind::Text(account.signs_in_to.clone()),
        Bind::Text(to_json(&parts.body)?),
    ];
    rows.execute(sql, binds)?;
    rows.execute("DELETE FROM methods WHERE account_id = $1", vec![Bind::Int(id)])?;
    for (kind, body) in parts.methods {
        let sql = "INSERT INTO methods (account_id, kind, body) VALUES ($1, $2, $3)";
        rows.execute(sql, vec![Bind::Int(id), Bind::Text(kind.into()), Bind::Text(to_json(&body)?)])?;
    }
    rows.execute("DELETE FROM passkeys WHERE account_id = $1", vec![Bind::Int(id)])?;
    for (position, (credential, body)) in parts.passkeys.into_iter().enumerate() {
        let sql = "INSERT INTO passkeys (credential_id, account_id, position, revoked, body) VALUES ($1, $2, $3, $4, $5)";
        let body = body.as_ref().map(to_json).transpose()?;
        let binds = vec![
            Bind::Text(credential),
            Bind::Int(id),
            Bind::Int(position as i64),
            Bind::Int(i64::from(body.is_none())),
            Bind::OptText(body),
        ];
        rows.execute(sql, binds)?;
    }
    store_detections(rows, id, account)
}

/// Each of the account's detections in its row (`migrations/*/0003_telemetry.sql`).
fn store_detections(rows: &mut SqlRows, id: i64, account: &Account) -> Fallible<()> {
    let bodies = account.detections.iter().map(to_json).collect::<Fallible<Vec<_>>>()?;
    detection_rows(rows, id, 0, bodies)
}

/// A sign-in's detections, each in its row, as the risk detections API lists them: at
/// the sign-in's time and level, in the state its risk is in now.
pub(crate) fn store_sign_in_detections(
    rows: &mut SqlRows,
    account: i64,
    record: &SignInRecord,
) -> Fallible<()> {
    let id = i64::try_from(record.id).map_err(failed)?;
    let bodies = record
        .detections
        .iter()
        .map(|kind| {
            to_json(&json!({
                "kind": kind, "level": record.level, "timing": Timing::RealTime,
                "at_ms": record.at_ms, "state": record.risk_state, "sign_in": record.id,
            }))
        })
        .collect::<Fallible<Vec<_>>>()?;
    detection_rows(rows, account, id, bodies)
}

/// Writes `bodies` as the detections of (`account`, `sign_in`) by position: a row whose
/// body changed takes the next change number, one that did not keeps its number.
fn detection_rows(rows: &mut SqlRows, account: i64, sign_in: i64, bodies: Vec<String>) -> Fallible<()> {
    let sql = "INSERT INTO detections (account_id, sign_in_id, position, changed, body) \
               VALUES ($1, $2, $3, (SELECT COALESCE(MAX(changed), 0) + 1 FROM detections), $4) \
               ON CONFLICT (account_id, sign_in_id, position) \
               DO UPDATE SET body = excluded.body, changed = excluded.changed \
               WHERE detections.body <> excluded.body";
    let count = bodies.len() as i64;
    for (position, body) in bodies.into_iter().enumerate() {
        let binds =
            vec![Bind::Int(account), Bind::Int(sign_in), Bind::Int(position as i64), Bind::Text(body)];
        rows.execute(sql, binds)?;
    }
    let gone = "DELETE FROM detections WHERE account_id = $1 AND sign_in_id = $2 AND position >= $3";
    rows.execute(gone, vec![Bind::Int(account), Bind::Int(sign_in), Bind::Int(count)])?;
    Ok(())
}
