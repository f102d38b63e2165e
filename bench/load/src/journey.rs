//! The goose scenario: one full risky sign-in per iteration, on a fresh account.
use crate::record::{Record, Times};
use goose::config::GooseConfiguration;
use goose::prelude::*;
use riskgate_service::seed;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

pub struct Options {
    pub nodes: Vec<String>,
    pub accounts: u32,
    pub users: usize,
    pub seconds: usize,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut o = Options { nodes: vec![], accounts: 0, users: 8, seconds: 20 };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let number = || value.parse::<usize>().map_err(|_| format!("{flag} {value}: not a number"));
            match flag.as_str() {
                "--node" => o.nodes.push(value.trim_end_matches('/').to_string()),
                "--accounts" => o.accounts = number()? as u32,
                "--users" => o.users = number()?.max(1),
                "--seconds" => o.seconds = number()?.max(1),
                other => return Err(format!("unknown option {other}")),
            }
        }
        if o.nodes.is_empty() || o.accounts == 0 {
            return Err("journeys needs at least one --node and --accounts".into());
        }
        Ok(o)
    }
}

/// What every goose user shares.
struct Plan {
    nodes: Vec<String>,
    accounts: u32,
    next_account: AtomicU32,
    record: Record,
}

static PLAN: OnceLock<Plan> = OnceLock::new();

fn plan() -> &'static Plan {
    PLAN.get().expect("the plan is set before goose starts")
}

/// Runs the journeys for `options.seconds` with `options.users` goose users and returns
/// the record's summary.
pub fn run(options: Options) -> Result<Value, String> {
    let shared = Plan {
        nodes: options.nodes.clone(),
        accounts: options.accounts,
        next_account: AtomicU32::new(1),
        record: Record::default(),
    };
    PLAN.set(shared).map_err(|_| "journeys run once per process".to_string())?;
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    let metrics = runtime.block_on(attack(&options)).map_err(|e| format!("goose: {e}"))?;
    let mut summary = plan().record.summary();
    summary["nodes"] = json!(options.nodes.len());
    summary["users"] = json!(options.users);
    summary["accounts_used"] = json!(plan().next_account.load(Ordering::Relaxed).saturating_sub(1));
    summary["goose_seconds"] = json!(metrics.duration);
    Ok(summary)
}

async fn attack(options: &Options) -> Result<GooseMetrics, GooseError> {
    GooseAttack::initialize_with_config(GooseConfiguration::default())?
        .register_scenario(scenario!("RiskySignIn").register_transaction(transaction!(journey)))
        .set_default(GooseDefault::Host, options.nodes[0].as_str())?
        .set_default(GooseDefault::Users, options.users)?
        // All users within a tenth of a second: the window measured is all full load.
        .set_default(GooseDefault::IncreaseRate, (options.users * 10).to_string().as_str())?
        .set_default(GooseDefault::RunTime, options.seconds)?
        // The tool prints its own JSON last; goose's tables and progress would bury it
        // (goose logs to standard output: warnings only).
        .set_default(GooseDefault::NoPrintMetrics, true)?
        .set_default(GooseDefault::NoErrorSummary, true)?
        .set_default(GooseDefault::Quiet, 1)?
        // No control port: nothing listens but the servers under test.
        .set_default(GooseDefault::NoTelnet, true)?
        .execute()
        .await
}

/// One journey: password from a new place, the notice, the authenticator code.
async fn journey(user: &mut GooseUser) -> TransactionResult {
    let plan = plan();
    let account = plan.next_account.fetch_add(1, Ordering::Relaxed);
    if account > plan.accounts {
        plan.record.error("out of load-test accounts (seed more with --seed bench:N)".into(), false);
        return Err(Box::new(TransactionError::Custom("out of accounts".into())));
    }
    let started = Instant::now();
    plan.record.started(started);
    match walk(user, plan, account).await {
        Ok(mut times) => {
            times.total = ms_since(started);
            plan.record.done(times);
            Ok(())
        }
        Err(what) => {
            plan.record.error(what.clone(), true);
            Err(Box::new(TransactionError::Custom(what)))
        }
    }
}

/// The three requests of a journey; the error names the step and what came back.
async fn walk(user: &mut GooseUser, plan: &Plan, account: u32) -> Result<Times, String> {
    let username = seed::bench_username(account);
    // Each request goes to the next node, starting from a different one each journey.
    let node = |k: u32| plan.nodes[(account + k) as usize % plan.nodes.len()].as_str();
    let mut times = Times { total: 0.0, sign_in: 0.0, notice: 0.0, code: 0.0 };

    let body = json!({"username": username, "password": seed::BENCH_PASSWORD, "source": far_away()});
    let at = Instant::now();
    let reply = post(user, "sign-in", &format!("{}/api/sign-in", node(0)), None, &body).await?;
    times.sign_in = ms_since(at);
    expect_step(&reply, "Notice", "sign-in")?;
    let flow_id = text(&reply, "flow_id", "sign-in")?;
    let secret = text(&reply, "flow_secret", "sign-in")?;

    let at = Instant::now();
    let url = format!("{}/api/flows/{flow_id}/steps/{}", node(1), seq(&reply));
    let reply = post(user, "notice", &url, Some(&secret), &json!("Continue")).await?;
    times.notice = ms_since(at);
    expect_step(&reply, "MfaChallenge", "notice")?;

    let code = riskgate_service::totp::code_at(&seed::bench_secret(&username), unix_secs());
    let input = json!({"Code": {"method": "AuthenticatorApp", "code": code}});
    let at = Instant::now();
    let url = format!("{}/api/flows/{flow_id}/steps/{}", node(2), seq(&reply));
    let reply = post(user, "code", &url, Some(&secret), &input).await?;
    times.code = ms_since(at);
    expect_step(&reply, "SignedIn", "code")?;
    text(&reply, "session", "code")?;
    Ok(times)
}

/// A place and device no load-test account has seen (they were all last in Seattle).
fn far_away() -> Value {
    json!({
        "location": {"city": "Lisbon", "country": "PT", "coords": {"lat": 38.72, "lon": -9.14}},
        "ip": "192.0.2.77", "device": "New phone", "app": "Mail"
    })
}

/// POSTs `body` as JSON; a reply that is not 200 with a JSON body is an error naming
/// `step`, its status and the API's error.
async fn post(
    user: &mut GooseUser,
    step: &'static str,
    url: &str,
    flow_secret: Option<&str>,
    body: &Value,
) -> Result<Value, String> {
    let mut builder =
        user.get_request_builder(&GooseMethod::Post, url).map_err(|e| format!("{step}: {e}"))?;
    builder = builder.json(body);
    if let Some(secret) = flow_secret {
        builder = builder.header("Riskgate-Flow-Secret", secret);
    }
    let request = GooseRequest::builder().name(step).set_request_builder(builder).build();
    let goose = user.request(request).await.map_err(|e| format!("{step}: {e}"))?;
    let response = goose.response.map_err(|e| format!("{step}: no reply ({})", short(&e.to_string())))?;
    let status = response.status().as_u16();
    let reply: Value = response.json().await.map_err(|_| format!("{step}: {status}, not JSON"))?;
    if status != 200 {
        return Err(format!("{step}: {status} {}", reply["error"]));
    }
    Ok(reply)
}

/// The kind of step a reply shows: `"SignedIn"` or the key of `{"Notice": {...}}`.
fn step_name(reply: &Value) -> String {
    match &reply["step"] {
        Value::String(s) => s.clone(),
        Value::Object(o) => o.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

fn expect_step(reply: &Value, expected: &str, after: &str) -> Result<(), String> {
    let got = step_name(reply);
    if got == expected {
        Ok(())
    } else {
        Err(format!("{after}: expected {expected}, got {got:?}"))
    }
}

fn text(reply: &Value, field: &str, step: &str) -> Result<String, String> {
    match reply[field].as_str() {
        Some(s) if !s.is_empty() => Ok(s.to_string()),
        _ => Err(format!("{step}: no {field}")),
    }
}

fn seq(reply: &Value) -> u64 {
    reply["seq"].as_u64().unwrap_or_default()
}

fn ms_since(at: Instant) -> f64 {
    at.elapsed().as_secs_f64() * 1000.0
}

fn unix_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The first line of an error, so kinds group together.
fn short(text: &str) -> String {
    text.lines().next().unwrap_or_default().chars().take(120).collect()
}
