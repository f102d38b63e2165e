//! Sign-ins over HTTP against the server in this process: a clean one and a risky one
//! with MFA, the hand-off code exchanged once, the flow secret required, throttling.
mod support;

use serde_json::json;
use support::*;

#[test]
fn a_clean_sign_in_hands_off_once() {
    let s = TestServer::start();
    let c = s.client;
    let r = c.sign_in("ada@contoso.example", "Harbor-Lantern-61");
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    assert_eq!(step_name(&body), "SignedIn");
    assert!(body["session"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(body["flow_secret"].as_str().is_some_and(|s| s.len() >= 32));
    let code = body["handoff"].as_str().expect("a hand-off code").to_string();

    // The host's server: a wrong secret is refused and uses nothing up.
    c.exchange(&code, "not-the-host-secret-at-all").assert_error(
        401,
        json!("NotAuthorized"),
        "wrong host secret",
    );
    let r = request(
        c.0,
        "POST",
        "/api/handoffs/exchange",
        &[("Content-Type", "application/json")],
        Some(br#"{"code":"x"}"#),
    );
    r.assert_error(401, json!("NotAuthorized"), "no host secret");

    let r = c.exchange(&code, HOST_SECRET);
    assert_eq!(r.status, 200, "{}", r.body);
    let who = r.json();
    assert_eq!(who["subject"], "ada@contoso.example");
    assert_eq!(who["tenant"], "contoso");
    assert_eq!(who["proven"], false, "a password alone proves nobody");
    let expires = who["session_expires_ms"].as_u64().unwrap();
    assert_eq!(expires, body["time_ms"].as_u64().unwrap() + 12 * 60 * 60 * 1000);

    c.exchange(&code, HOST_SECRET).assert_error(410, json!("FlowExpired"), "the second exchange");
    c.exchange("no-such-code", HOST_SECRET).assert_error(404, json!("UnknownFlow"), "an unknown code");

    // The session works for the account API, and ends with sign-out.
    let session = body["session"].as_str().unwrap();
    let auth = format!("Bearer {session}");
    let r = c.get("/api/account", &[("Authorization", &auth)]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["username"], "ada@contoso.example");
    let r = request(c.0, "DELETE", "/api/session", &[("Authorization", &auth)], None);
    assert_eq!((r.status, r.body.as_str()), (200, "null"));
    c.get("/api/account", &[("Authorization", &auth)]).assert_error(
        401,
        json!("NotAuthorized"),
        "after sign-out",
    );
}

#[test]
fn a_risky_sign_in_needs_the_flow_secret_and_passes_mfa() {
    let s = TestServer::start();
    let c = s.client;
    let r = c.sign_in("ravi@contoso.example", "Quiet-Meadow-17");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(step_name(&r.json()), "Notice");
    assert_eq!(r.json()["handoff"], json!(null), "no session, no hand-off");
    let flow = Flow::of(&r);

    // Without the secret, or with another, the flow does not exist.
    let path = format!("/api/flows/{}/steps/0", flow.id);
    c.post(&path, &[], &json!("Continue")).assert_error(404, json!("UnknownFlow"), "no secret");
    let wrong = Flow { secret: "0".repeat(48), ..flow.clone() };
    c.step(&wrong, 0, json!("Continue")).assert_error(404, json!("UnknownFlow"), "a wrong secret");
    let read = format!("/api/flows/{}", flow.id);
    c.get(&read, &[]).assert_error(404, json!("UnknownFlow"), "reading without the secret");
    let check = json!({"flow_id": flow.id, "candidate": "Contoso2026!"});
    c.post("/api/password-checks", &[], &check).assert_error(404, json!("UnknownFlow"), "a check without it");

    let r = c.step(&flow, 0, json!("Continue"));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(step_name(&r.json()), "MfaChallenge");
    assert_eq!(r.json()["flow_secret"], json!(null), "the secret is sent once");

    // A replayed step is stale; reading the flow with its secret shows where it is.
    c.step(&flow, 0, json!("Continue")).assert_error(409, json!({"StaleStep": {"expected": 1}}), "a replay");
    let r = c.get(&read, &[("Riskgate-Flow-Secret", &flow.secret)]);
    assert_eq!((r.status, step_name(&r.json())), (200, "MfaChallenge".into()), "{}", r.body);

    c.step(&flow, 1, json!({"Code": {"method": "AuthenticatorApp", "code": "12345x"}})).assert_error(
        400,
        json!({"InvalidInput": {"field": "Code", "problem": "NotACode"}}),
        "not a code",
    );
    let code = s.app_code("ravi@contoso.example");
    let r = c.step(&flow, 1, json!({"Code": {"method": "AuthenticatorApp", "code": code}}));
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    assert_eq!(step_name(&body), "SignedIn");
    assert!(body["session"].is_string());
    let r = c.exchange(body["handoff"].as_str().expect("a hand-off"), HOST_SECRET);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        (r.json()["subject"].clone(), r.json()["proven"].clone()),
        (json!("ravi@contoso.example"), json!(true))
    );

    // Read back later, the flow hands out no session and no hand-off.
    let r = c.get(&read, &[("Riskgate-Flow-Secret", &flow.secret)]);
    assert_eq!(r.status, 200);
    assert_eq!((r.json()["session"].clone(), r.json()["handoff"].clone()), (json!(null), json!(null)));
}

#[test]
fn a_reset_needs_its_secret_too() {
    let s = TestServer::start();
    let c = s.client;
    let r = c.post("/api/resets", &[], &json!({"username": "ravi@contoso.example"}));
    assert_eq!(r.status, 200, "{}", r.body);
    let flow = Flow::of(&r);
    let path = format!("/api/resets/{}", flow.id);
    c.get(&path, &[]).assert_error(404, json!("UnknownFlow"), "a reset without its secret");
    let r = c.get(&path, &[("Riskgate-Flow-Secret", &flow.secret)]);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["flow_id"], json!(flow.id));
    // A reset's secret opens no sign-in flow, and the other way round.
    let step = format!("/api/flows/{}/steps/0", flow.id);
    c.post(&step, &[("Riskgate-Flow-Secret", &flow.secret)], &json!("Continue")).assert_error(
        404,
        json!("UnknownFlow"),
        "a reset id as a flow",
    );
}

#[test]
fn too_many_codes_sent_is_throttled_with_retry_after() {
    let s = TestServer::start();
    let c = s.client;
    let r = c.sign_in("omar@contoso.example", "Velvet-Canyon-35");
    assert_eq!(r.status, 200, "{}", r.body);
    let flow = Flow::of(&r);
    let mut seq = r.json()["seq"].as_u64().unwrap();
    let mut last = r;
    while step_name(&last.json()) != "MfaChallenge" {
        last = c.step(&flow, seq, json!("Continue"));
        assert_eq!(last.status, 200, "{}", last.body);
        seq = last.json()["seq"].as_u64().unwrap();
    }
    for n in 0..5 {
        let r = c.step(&flow, seq, json!({"SendCode": {"method": "Sms"}}));
        assert_eq!(r.status, 200, "code {n}: {}", r.body);
        seq = r.json()["seq"].as_u64().unwrap();
    }
    let r = c.step(&flow, seq, json!({"SendCode": {"method": "Sms"}}));
    r.assert_error(
        429,
        json!({"InvalidInput": {"field": "Code", "problem": "TooManyAttempts"}}),
        "the sixth code",
    );
    assert_eq!(r.header("retry-after"), Some("3600"));
    // A wrong code typed is not throttling: its own status.
    let r = c.step(&flow, seq, json!({"Code": {"method": "Sms", "code": "000000"}}));
    assert_ne!(r.status, 429, "{}", r.body);
}

#[test]
fn request_ids_are_kept_or_made_and_health_answers() {
    let s = TestServer::start();
    let c = s.client;
    let r = c.get("/api/nowhere", &[("X-Request-Id", "client-id-42")]);
    r.assert_error(404, json!("NotFound"), "an unknown route");
    assert_eq!(r.json()["request_id"], "client-id-42");
    let r = c.get("/api/nowhere", &[("X-Request-Id", "has spaces and <markup>")]);
    let made = r.json()["request_id"].as_str().unwrap().to_string();
    assert!(made.len() == 16 && made.bytes().all(|b| b.is_ascii_hexdigit()), "a fresh id: {made}");
    let r = c.get("/health/ready", &[]);
    assert_eq!((r.status, r.json()["status"].clone()), (200, json!("ready")));
    let r = c.get("/health/live", &[]);
    assert_eq!((r.status, r.json()["status"].clone()), (200, json!("live")));
}

#[test]
fn cors_answers_only_the_configured_origin() {
    let s = TestServer::with(|c| c.allow_origins = vec!["https://login.example.test".into()]);
    let preflight = |origin: &str| {
        request(
            s.client.0,
            "OPTIONS",
            "/api/flows/x/steps/0",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type,riskgate-flow-secret"),
            ],
            None,
        )
    };
    let r = preflight("https://login.example.test");
    assert_eq!(r.header("access-control-allow-origin"), Some("https://login.example.test"));
    let allowed = r.header("access-control-allow-headers").unwrap_or_default().to_ascii_lowercase();
    assert!(allowed.contains("riskgate-flow-secret") && allowed.contains("authorization"), "{allowed}");
    assert_eq!(r.header("access-control-allow-credentials"), None);
    let r = preflight("https://evil.example.test");
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[test]
fn an_empty_database_without_the_seed_is_refused() {
    let dir = TempDir::new("empty");
    let config = riskgate_server::config::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database: dir.database(),
        ..Default::default()
    };
    let rt = tokio::runtime::Runtime::new().unwrap();
    let err = rt.block_on(riskgate_server::start(config)).err().expect("refused");
    assert!(err.contains("--seed demo"), "{err}");
}

/// A sign-in body naming a far place and a new device, for ada (clean, usually Seattle).
fn from_moscow() -> serde_json::Value {
    json!({
        "username": "ada@contoso.example",
        "password": "Harbor-Lantern-61",
        "source": {
            "location": {"city": "Moscow", "country": "RU", "coords": {"lat": 55.76, "lon": 37.62}},
            "ip": "198.51.100.200", "device": "Unknown tablet", "app": "Browser"
        }
    })
}

#[test]
fn a_client_cannot_name_where_it_signs_in_from() {
    let s = TestServer::start();
    let r = s.client.post("/api/sign-in", &[], &from_moscow());
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(step_name(&r.json()), "SignedIn", "the body's place is ignored: {}", r.body);
    assert_eq!(r.json()["unusual"], json!([]), "{}", r.body);

    // In demo mode (the scenario lab) the same body is taken as said: a risky sign-in.
    let demo = TestServer::with(|c| c.demo_sources = true);
    let r = demo.client.post("/api/sign-in", &[], &from_moscow());
    assert_eq!(r.status, 200, "{}", r.body);
    assert_ne!(step_name(&r.json()), "SignedIn", "demo mode honours the place: {}", r.body);
}

#[test]
fn a_flow_goes_on_after_a_restart() {
    let kept = TempDir::new("restart");
    let database = kept.database();
    let first = TestServer::with(|c| c.database = database.clone());
    let r = first.client.sign_in("ravi@contoso.example", "Quiet-Meadow-17");
    assert_eq!(step_name(&r.json()), "Notice", "{}", r.body);
    let flow = Flow::of(&r);
    let r = first.client.step(&flow, r.json()["seq"].as_u64().unwrap(), json!("Continue"));
    assert_eq!(step_name(&r.json()), "MfaChallenge", "{}", r.body);
    let seq = r.json()["seq"].as_u64().unwrap();
    let code = first.app_code("ravi@contoso.example");
    drop(first);

    // A new process on the same database: the flow, its secret and its step are there.
    let second = TestServer::with(|c| c.database = database.clone());
    let r = second.client.step(&flow, seq, json!({"Code": {"method": "AuthenticatorApp", "code": code}}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(step_name(&r.json()), "SignedIn", "{}", r.body);
    let who = second.client.exchange(r.json()["handoff"].as_str().expect("a hand-off"), HOST_SECRET);
    assert_eq!(
        (who.json()["subject"].clone(), who.json()["proven"].clone()),
        (json!("ravi@contoso.example"), json!(true))
    );
}

#[test]
fn a_placed_connection_is_where_the_sign_in_comes_from() {
    // This machine's loopback, listed as Moscow: ada (usually Seattle) looks risky.
    let places = riskgate_server::places::Places::parse("127.0.0.0/8,Moscow,RU,55.76,37.62").unwrap();
    let s = TestServer::with(|c| c.places = places);
    let r = s.client.post(
        "/api/sign-in",
        &[],
        &json!({"username": "ada@contoso.example", "password": "Harbor-Lantern-61", "source": null}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_ne!(step_name(&r.json()), "SignedIn", "{}", r.body);
    let unusual = r.json()["unusual"].clone();
    assert_eq!(unusual[0]["location"], "Moscow, RU", "{unusual}");
    // A body naming her usual place changes nothing: the connection says where.
    let mut seattle = from_moscow();
    seattle["source"]["location"] =
        json!({"city": "Seattle", "country": "US", "coords": {"lat": 47.61, "lon": -122.33}});
    let r = s.client.post("/api/sign-in", &[], &seattle);
    assert_eq!(r.json()["unusual"][0]["location"], "Moscow, RU", "{}", r.body);
}

/// `--seed bench:N` (make bench's load): every load-test account signs in from a new
/// place through the notice and its authenticator code, derived from its username.
#[test]
fn a_load_test_account_signs_in_through_the_notice_and_a_code() {
    use riskgate_service::seed;
    let args = ["--seed", "bench:3"].map(String::from);
    let Ok(riskgate_server::config::Command::Run(config)) = riskgate_server::config::parse(args) else {
        panic!("--seed bench:3 parses");
    };
    assert_eq!((config.seed_demo, config.bench_accounts), (true, 3));
    assert!(riskgate_server::config::parse(["--seed".into(), "bench:0".into()]).is_err());

    let s = TestServer::with(|c| {
        c.bench_accounts = 3;
        c.demo_sources = true;
    });
    let username = seed::bench_username(3);
    let mut body = from_moscow();
    body["username"] = json!(username);
    body["password"] = json!(seed::BENCH_PASSWORD);
    let r = s.client.post("/api/sign-in", &[], &body);
    assert_eq!(step_name(&r.json()), "Notice", "{}", r.body);
    let flow = Flow::of(&r);
    let r = s.client.step(&flow, r.json()["seq"].as_u64().unwrap(), json!("Continue"));
    assert_eq!(step_name(&r.json()), "MfaChallenge", "{}", r.body);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let code = riskgate_service::totp::code_at(&seed::bench_secret(&username), now);
    let r = s.client.step(
        &flow,
        r.json()["seq"].as_u64().unwrap(),
        json!({"Code": {"method": "AuthenticatorApp", "code": code}}),
    );
    assert_eq!(step_name(&r.json()), "SignedIn", "{}", r.body);
    assert!(r.json()["session"].as_str().is_some_and(|s| !s.is_empty()), "{}", r.body);
}
