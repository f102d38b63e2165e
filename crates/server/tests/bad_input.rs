//! Every endpoint answers malformed JSON, a body over the limit, a wrong method and an
//! unknown route with the API's JSON error and its status; and a panic or a timeout
//! in a route does too. Never a plain-text body.
mod support;

use axum::routing::get;
use axum::Router;
use serde_json::json;
use support::*;

/// Every endpoint of docs/backend-api.md (API v1), with whether it takes a body.
const ENDPOINTS: &[(&str, &str, bool)] = &[
    ("POST", "/api/sign-in", true),
    ("POST", "/api/flows/f-1/steps/0", true),
    ("GET", "/api/flows/f-1", false),
    ("POST", "/api/resets", true),
    ("GET", "/api/resets/r-1", false),
    ("POST", "/api/resets/r-1/steps/0", true),
    ("POST", "/api/password-checks", true),
    ("GET", "/api/account", false),
    ("POST", "/api/account/sign-ins/1/report", true),
    ("DELETE", "/api/account/methods/Sms", false),
    ("POST", "/api/account/methods", true),
    ("POST", "/api/account/methods/confirm", true),
    ("GET", "/api/admin", false),
    ("POST", "/api/admin/users/kim%40contoso.example/actions", true),
    ("PUT", "/api/admin/policy", true),
    ("POST", "/api/passkey-sign-ins", true),
    ("POST", "/api/passkey-sign-ins/answer", true),
    ("POST", "/api/account/passkeys", false),
    ("POST", "/api/account/passkeys/confirm", true),
    ("DELETE", "/api/session", false),
    ("POST", "/api/session/step-up", false),
    ("POST", "/api/handoffs/exchange", true),
];

fn is_malformed(r: &Resp, what: &str) {
    assert_eq!(r.status, 400, "{what}: {}", r.body);
    assert_eq!(r.header("content-type"), Some("application/json"), "{what}");
    assert!(r.json()["error"]["Malformed"].is_string(), "{what}: {}", r.body);
    assert!(r.json()["request_id"].is_string(), "{what}: {}", r.body);
}

#[test]
fn every_endpoint_answers_bad_input_with_the_json_error() {
    let s = TestServer::start();
    let addr = s.client.0;
    let json_type = [("Content-Type", "application/json")];
    let big = vec![b'a'; 70 * 1024];
    for &(method, path, body) in ENDPOINTS {
        let what = format!("{method} {path}");
        if body {
            is_malformed(
                &request(addr, method, path, &json_type, Some(b"{\"username\":")),
                &format!("{what}, cut JSON"),
            );
            is_malformed(
                &request(addr, method, path, &json_type, Some(b"{}")),
                &format!("{what}, missing fields"),
            );
            is_malformed(
                &request(addr, method, path, &json_type, Some(b"[1,2")),
                &format!("{what}, not JSON"),
            );
            let text = [("Content-Type", "text/plain")];
            is_malformed(&request(addr, method, path, &text, Some(b"{}")), &format!("{what}, text/plain"));
            is_malformed(&request(addr, method, path, &[], Some(b"{}")), &format!("{what}, no content type"));
        }
        request(addr, method, path, &json_type, Some(&big)).assert_error(
            413,
            json!("TooLarge"),
            &format!("{what}, 70 KiB"),
        );
        request(addr, "PATCH", path, &json_type, Some(b"{}")).assert_error(
            405,
            json!("MethodNotAllowed"),
            &format!("PATCH {path}"),
        );
        let wrong = if method == "GET" { "POST" } else { "GET" };
        // Another method the route does not take (GET /api/flows/x is a route, POST is not).
        let r = request(addr, wrong, path, &json_type, Some(b"{}"));
        if r.status != 405 {
            assert!(
                path.contains("/account/methods/") || path == "/api/session",
                "{wrong} {path}: {}",
                r.body
            );
        } else {
            r.assert_error(405, json!("MethodNotAllowed"), &format!("{wrong} {path}"));
        }
        let unknown = format!("{path}/no/such");
        request(addr, method, &unknown, &json_type, Some(b"{}")).assert_error(
            404,
            json!("NotFound"),
            &format!("{method} {unknown}"),
        );
    }
    for path in ["/api/flows/f-1/steps/one", "/api/resets/r-1/steps/-1", "/api/account/sign-ins/x/report"] {
        is_malformed(
            &request(addr, "POST", path, &json_type, Some(b"\"Continue\"")),
            &format!("POST {path}"),
        );
    }
    let r = request(
        addr,
        "DELETE",
        "/api/account/methods/Carrier-Pigeon",
        &[("Authorization", "Bearer x")],
        None,
    );
    is_malformed(&r, "an unknown method name");
    request(addr, "GET", "/nowhere", &[], None).assert_error(404, json!("NotFound"), "outside the API");
    request(addr, "GET", "/api/account", &[], None).assert_error(401, json!("NotAuthorized"), "no session");
    request(addr, "GET", "/api/admin", &[("Authorization", "Bearer nobody")], None).assert_error(
        401,
        json!("NotAuthorized"),
        "an unknown session",
    );
}

#[test]
fn a_panic_and_a_timeout_in_a_route_answer_the_json_error() {
    let config = riskgate_server::config::Config {
        request_timeout: std::time::Duration::from_secs(1),
        ..Default::default()
    };
    let router = Router::new()
        .route("/panic", get(|| async { panic!("on purpose") as () }))
        .route("/slow", get(|| async { tokio::time::sleep(std::time::Duration::from_secs(5)).await }));
    let app: Router = riskgate_server::layered(router, &config);
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move { axum::serve(listener, app).await });
    request(addr, "GET", "/panic", &[], None).assert_error(503, json!("Unavailable"), "a panic");
    request(addr, "GET", "/slow", &[], None).assert_error(504, json!("Timeout"), "a timeout");
    rt.shutdown_background();
}
