//! The HTTP adapter in a real browser, against a stub `fetch` in the page: for every
//! trait method, the exact request sent (method, URL, headers, JSON body) and the
//! documented reply parsed; every error mapped; and the real screens driven over it.
//! Requests and replies are the JSON blocks of docs/backend-api.md themselves.
#![cfg(target_arch = "wasm32")]
mod api_examples;
mod every_variant;
mod support;

use api_examples as ex;
use every_variant as every;
use riskgate::backend::api::{AdminReceipt, Branding, ErrorReply, Logo, Problem, Reply, ResetReply};
use riskgate::backend::http::{HttpBackend, DEFAULT_TIMEOUT};
use riskgate::backend::{totp, AdminAction, BackendError, Enrollment, IdentityBackend, Input, ResetInput};
use riskgate::engine::MethodKind;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;
use std::task::Poll;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// Replaces the page's fetch: records each request and answers from a queue of canned
// replies (a status and body, a network failure, or no answer until aborted).
#[wasm_bindgen(inline_js = r#"
const state = { calls: [], replies: [] };
async function stubFetch(input, init) {
  const request = input instanceof Request ? input : new Request(input, init);
  const headers = {};
  request.headers.forEach((value, key) => { headers[key] = value; });
  const call = { method: request.method, url: request.url, headers, body: null,
    credentials: request.credentials, cache: request.cache, redirect: request.redirect, aborted: false };
  state.calls.push(call);
  const next = state.replies.shift() || { kind: "reject" };
  if (request.body !== null) call.body = await request.text();
  if (next.kind === "reject") throw new TypeError("Failed to fetch");
  if (next.kind === "bogus") return { status: 200, text: "not a Response" };
  if (next.kind === "hang") {
    return new Promise((_, reject) => {
      const abort = () => { call.aborted = true; reject(request.signal.reason); };
      if (request.signal.aborted) abort(); else request.signal.addEventListener("abort", abort);
    });
  }
  // A 204 or 304 reply may not have a body, not even an empty one.
  const body = [204, 304].includes(next.status) ? null : next.body;
  return new Response(body, { status: next.status, headers: { "Content-Type": "application/json" } });
}
export function stub_install() { globalThis.fetch = stubFetch; }
export function stub_reset() { state.calls = []; state.replies = []; }
export function stub_reply(status, body) { state.replies.push({ kind: "reply", status, body }); }
export function stub_reject() { state.replies.push({ kind: "reject" }); }
export function stub_bogus() { state.replies.push({ kind: "bogus" }); }
export function stub_hang() { state.replies.push({ kind: "hang" }); }
export function stub_calls() { return JSON.stringify(state.calls); }
"#)]
extern "C" {
    fn stub_install();
    fn stub_reset();
    fn stub_reply(status: u16, body: &str);
    fn stub_reject();
    fn stub_bogus();
    fn stub_hang();
    fn stub_calls() -> String;
}

const BASE: &str = "https://id.example.test/riskgate/v1";
const DOC: &str = include_str!("../docs/backend-api.md");

/// One request as the stub saw it.
#[derive(Debug, Deserialize)]
struct Sent {
    method: String,
    url: String,
    headers: BTreeMap<String, String>,
    body: Option<String>,
    credentials: String,
    cache: String,
    redirect: String,
    aborted: bool,
}

/// A backend over a freshly reset stub; the trailing `/` must not double up.
fn backend() -> HttpBackend {
    stub_install();
    stub_reset();
    HttpBackend::new(format!("{BASE}/"))
}

fn sent() -> Vec<Sent> {
    serde_json::from_str(&stub_calls()).unwrap()
}

fn only_request() -> Sent {
    let mut calls = sent();
    assert_eq!(calls.len(), 1, "exactly one request: {calls:?}");
    calls.remove(0)
}

/// The JSON block the doc shows for example `name`.
fn doc_example(name: &str) -> &'static str {
    let mark = format!("<!-- example: {name} -->\n```json\n");
    let start = DOC.find(&mark).unwrap_or_else(|| panic!("no example {name} in the doc")) + mark.len();
    let len = DOC[start..].find("\n```").unwrap();
    &DOC[start..start + len]
}

/// Answers the next request with the doc's example `name`, as a 200.
fn answer(name: &str) {
    stub_reply(200, doc_example(name));
}

/// What a request must look like: `endpoint` as in the doc's table, the concrete path,
/// the session, and the doc example its body must equal.
struct Expect<'a> {
    endpoint: &'a str,
    path: &'a str,
    session: bool,
    body: Option<&'a str>,
}

fn check(sent: &Sent, expect: Expect) {
    let (method, _) = expect.endpoint.split_once(' ').unwrap();
    assert!(DOC.contains(&format!("`{}`", expect.endpoint)), "the doc lists `{}`", expect.endpoint);
    assert_eq!(sent.method, method);
    assert_eq!(sent.url, format!("{BASE}{}", expect.path));
    let mut headers = BTreeMap::from([("accept".to_string(), "application/json".to_string())]);
    if expect.body.is_some() {
        headers.insert("content-type".into(), "application/json".into());
    }
    if expect.session {
        headers.insert("authorization".into(), format!("Bearer {}", ex::SESSION));
    }
    assert_eq!(sent.headers, headers, "{} {}", sent.method, sent.url);
    let body = sent.body.as_deref().map(|b| serde_json::from_str::<serde_json::Value>(b).unwrap());
    let documented =
        expect.body.map(|name| serde_json::from_str::<serde_json::Value>(doc_example(name)).unwrap());
    assert_eq!(body, documented, "the body of {} {}", sent.method, sent.url);
    assert_eq!((sent.credentials.as_str(), sent.cache.as_str()), ("omit", "no-store"));
    assert_eq!(sent.redirect, "error");
}

// One test per trait method: the request and the parsed reply.

#[wasm_bindgen_test]
async fn sign_in_posts_the_request_and_parses_the_reply() {
    let http = backend();
    answer("reply_notice");
    let reply = http.sign_in(ex::sign_in_request()).await;
    assert_eq!(reply, Ok(ex::reply_notice()));
    let expect =
        Expect { endpoint: "POST /sign-in", path: "/sign-in", session: false, body: Some("sign_in_request") };
    check(&only_request(), expect);
}

#[wasm_bindgen_test]
async fn sign_in_sends_a_source_when_given_one() {
    let http = backend();
    answer("reply_signed_in");
    let reply = http.sign_in(ex::sign_in_request_with_source()).await;
    assert_eq!(reply, Ok(ex::reply_signed_in()));
    let body = Some("sign_in_request_with_source");
    check(&only_request(), Expect { endpoint: "POST /sign-in", path: "/sign-in", session: false, body });
}

#[wasm_bindgen_test]
async fn send_posts_each_documented_input_to_its_step() {
    for input in ex::inputs() {
        let http = backend();
        answer("reply_mfa");
        let reply = http.send(ex::FLOW_ID, 0, input.clone()).await;
        assert_eq!(reply, Ok(ex::reply_mfa()), "{input:?}");
        let name = format!("input_{}", ex::input_name(&input));
        let path = format!("/flows/{}/steps/0", ex::FLOW_ID);
        let endpoint = "POST /flows/{flow_id}/steps/{seq}";
        check(&only_request(), Expect { endpoint, path: &path, session: false, body: Some(&name) });
    }
}

#[wasm_bindgen_test]
async fn current_gets_the_flow_as_it_stands() {
    let http = backend();
    answer("reply_mfa");
    assert_eq!(http.current("f-3k9QzT7b").await, Ok(ex::reply_mfa()));
    let expect =
        Expect { endpoint: "GET /flows/{flow_id}", path: "/flows/f-3k9QzT7b", session: false, body: None };
    check(&only_request(), expect);
}

#[wasm_bindgen_test]
async fn current_never_hands_out_a_session_or_a_passkey_prompt() {
    let http = backend();
    let finished = Reply { passkey: Some(ex::passkey_options()), ..ex::reply_signed_in() };
    assert!(finished.session.is_some());
    stub_reply(200, &serde_json::to_string(&finished).unwrap());
    let read = http.current(ex::FLOW_ID).await.unwrap();
    assert_eq!(read, Reply { session: None, passkey: None, ..finished }, "what the service sent, less those");
    let reset = ResetReply { passkey: Some(ex::passkey_options()), ..ex::reset_reply() };
    stub_reply(200, &serde_json::to_string(&reset).unwrap());
    assert_eq!(http.current_reset("f-3k9QzT7b").await, Ok(ResetReply { passkey: None, ..reset }));
}

#[wasm_bindgen_test]
async fn current_reset_gets_the_reset_as_it_stands() {
    let http = backend();
    answer("reset_reply");
    assert_eq!(http.current_reset("f-3k9QzT7b").await, Ok(ex::reset_reply()));
    let expect =
        Expect { endpoint: "GET /resets/{flow_id}", path: "/resets/f-3k9QzT7b", session: false, body: None };
    check(&only_request(), expect);
}

#[wasm_bindgen_test]
async fn start_reset_posts_the_username() {
    let http = backend();
    answer("reset_reply");
    assert_eq!(http.start_reset("kim@contoso.example").await, Ok(ex::reset_reply()));
    check(
        &only_request(),
        Expect { endpoint: "POST /resets", path: "/resets", session: false, body: Some("reset_request") },
    );
}

#[wasm_bindgen_test]
async fn send_reset_posts_each_documented_input_to_its_step() {
    for input in ex::reset_inputs() {
        let http = backend();
        answer("reset_reply");
        let reply = http.send_reset(ex::RESET_ID, 1, input.clone()).await;
        assert_eq!(reply, Ok(ex::reset_reply()), "{input:?}");
        let name = format!("reset_input_{}", ex::reset_input_name(&input));
        let path = format!("/resets/{}/steps/1", ex::RESET_ID);
        let endpoint = "POST /resets/{flow_id}/steps/{seq}";
        check(&only_request(), Expect { endpoint, path: &path, session: false, body: Some(&name) });
    }
}

#[wasm_bindgen_test]
async fn check_password_posts_the_candidate_in_the_body() {
    let http = backend();
    answer("verdict");
    assert_eq!(http.check_password(ex::FLOW_ID, "Contoso2026!").await, Ok(ex::verdict()));
    let sent = only_request();
    assert!(!sent.url.contains("Contoso2026"), "the candidate stays out of the URL");
    let expect = Expect {
        endpoint: "POST /password-checks",
        path: "/password-checks",
        session: false,
        body: Some("password_check"),
    };
    check(&sent, expect);
}

#[wasm_bindgen_test]
async fn account_gets_with_the_bearer_session() {
    let http = backend();
    answer("account_view");
    assert_eq!(http.account(ex::SESSION).await, Ok(ex::account_view()));
    check(&only_request(), Expect { endpoint: "GET /account", path: "/account", session: true, body: None });
}

#[wasm_bindgen_test]
async fn report_sign_in_posts_was_me() {
    let http = backend();
    answer("account_view");
    assert_eq!(http.report_sign_in(ex::SESSION, 41, false).await, Ok(ex::account_view()));
    let endpoint = "POST /account/sign-ins/{sign_in}/report";
    let path = "/account/sign-ins/41/report";
    check(&only_request(), Expect { endpoint, path, session: true, body: Some("sign_in_report") });
}

#[wasm_bindgen_test]
async fn remove_method_deletes_the_method_by_name() {
    let http = backend();
    answer("account_view");
    assert_eq!(http.remove_method(ex::SESSION, MethodKind::Sms).await, Ok(ex::account_view()));
    let endpoint = "DELETE /account/methods/{method}";
    check(&only_request(), Expect { endpoint, path: "/account/methods/Sms", session: true, body: None });
}

#[wasm_bindgen_test]
async fn begin_method_posts_the_method_and_reads_the_enrollment() {
    let http = backend();
    answer("enrollment");
    let enrollment = http.begin_method(ex::SESSION, MethodKind::AuthenticatorApp, None).await.unwrap();
    assert_eq!(enrollment, ex::enrollment());
    let endpoint = "POST /account/methods";
    check(
        &only_request(),
        Expect { endpoint, path: "/account/methods", session: true, body: Some("method_request") },
    );
}

#[wasm_bindgen_test]
async fn confirm_method_posts_the_code() {
    let http = backend();
    answer("account_view");
    assert_eq!(http.confirm_method(ex::SESSION, "287082").await, Ok(ex::account_view()));
    let endpoint = "POST /account/methods/confirm";
    let path = "/account/methods/confirm";
    check(&only_request(), Expect { endpoint, path, session: true, body: Some("method_code") });
}

#[wasm_bindgen_test]
async fn admin_overview_gets_with_the_bearer_session() {
    let http = backend();
    answer("admin_view");
    assert_eq!(http.admin_overview(ex::SESSION).await, Ok(ex::admin_view()));
    check(&only_request(), Expect { endpoint: "GET /admin", path: "/admin", session: true, body: None });
}

#[wasm_bindgen_test]
async fn admin_act_posts_the_action_for_the_encoded_username() {
    let http = backend();
    answer("admin_receipt");
    let receipt = http.admin_act(ex::SESSION, "kim@contoso.example", AdminAction::TemporaryPassword).await;
    assert_eq!(receipt, Ok(ex::admin_receipt()));
    let endpoint = "POST /admin/users/{username}/actions";
    let path = "/admin/users/kim%40contoso.example/actions";
    check(&only_request(), Expect { endpoint, path, session: true, body: Some("admin_act_request") });
}

#[wasm_bindgen_test]
async fn set_policy_puts_the_policy_and_banned_list() {
    let http = backend();
    answer("admin_view");
    let update = ex::policy_update();
    assert_eq!(http.set_policy(ex::SESSION, update.policy, update.banned).await, Ok(ex::admin_view()));
    let endpoint = "PUT /admin/policy";
    check(
        &only_request(),
        Expect { endpoint, path: "/admin/policy", session: true, body: Some("policy_update") },
    );
}

#[wasm_bindgen_test]
async fn step_up_posts_with_the_bearer_session_and_no_body() {
    let http = backend();
    answer("reply_step_up");
    assert_eq!(http.step_up(ex::SESSION).await, Ok(ex::reply_step_up()));
    let endpoint = "POST /session/step-up";
    check(&only_request(), Expect { endpoint, path: "/session/step-up", session: true, body: None });
}

#[wasm_bindgen_test]
async fn step_up_errors_decode_and_a_bad_reply_is_malformed() {
    for error in [BackendError::NotAuthorized, BackendError::Unavailable] {
        let http = backend();
        stub_reply(error.http_status(), doc_example(&format!("error_{}", error.name())));
        assert_eq!(http.step_up(ex::SESSION).await, Err(error));
    }
    let http = backend();
    answer("account_view");
    let result = http.step_up(ex::SESSION).await;
    assert!(
        matches!(result, Err(BackendError::Malformed(ref why)) if why.starts_with("HTTP 200:")),
        "{result:?}"
    );
    let http = backend();
    let branded = Reply { branding: Some(Branding::accent("red")), ..ex::reply_step_up() };
    stub_reply(200, &serde_json::to_string(&branded).unwrap());
    assert!(matches!(http.step_up(ex::SESSION).await, Err(BackendError::Malformed(_))));
    let http = backend();
    assert_eq!(http.step_up("two words").await, Err(BackendError::NotAuthorized));
    assert!(sent().is_empty(), "a session that cannot be a header is not sent");
}

#[wasm_bindgen_test]
async fn admin_calls_answered_step_up_required_say_so() {
    let http = backend();
    stub_reply(403, doc_example("error_StepUpRequired"));
    assert_eq!(http.admin_overview(ex::SESSION).await, Err(BackendError::StepUpRequired));
    stub_reply(403, doc_example("error_StepUpRequired"));
    let act = http.admin_act(ex::SESSION, "kim@contoso.example", AdminAction::Unblock).await;
    assert_eq!(act, Err(BackendError::StepUpRequired));
    stub_reply(403, doc_example("error_StepUpRequired"));
    let update = ex::policy_update();
    let saved = http.set_policy(ex::SESSION, update.policy, update.banned).await;
    assert_eq!(saved, Err(BackendError::StepUpRequired));
}

#[wasm_bindgen_test]
async fn admin_act_posts_a_confirmed_sign_in_by_its_id() {
    let http = backend();
    answer("admin_receipt");
    let action = AdminAction::ConfirmSignInSafe { sign_in: 41 };
    let receipt = http.admin_act(ex::SESSION, "kim@contoso.example", action).await;
    assert_eq!(receipt, Ok(ex::admin_receipt()));
    let endpoint = "POST /admin/users/{username}/actions";
    let path = "/admin/users/kim%40contoso.example/actions";
    check(&only_request(), Expect { endpoint, path, session: true, body: Some("admin_act_confirm_sign_in") });
}

// Paths and sessions.

#[wasm_bindgen_test]
async fn sign_out_deletes_the_session_and_takes_null_or_no_content() {
    let http = backend();
    stub_reply(200, "null");
    assert_eq!(http.sign_out(ex::SESSION).await, Ok(()));
    check(
        &only_request(),
        Expect { endpoint: "DELETE /session", path: "/session", session: true, body: None },
    );
    let http = backend();
    stub_reply(204, "");
    assert_eq!(http.sign_out(ex::SESSION).await, Ok(()));
    let http = backend();
    stub_reply(401, doc_example("error_NotAuthorized"));
    assert_eq!(http.sign_out(ex::SESSION).await, Err(BackendError::NotAuthorized));
}

#[wasm_bindgen_test]
async fn path_segments_are_percent_encoded() {
    let http = backend();
    answer("reply_mfa");
    let _ = http.send("a/b c?é#", 3, Input::Continue).await;
    assert_eq!(only_request().url, format!("{BASE}/flows/a%2Fb%20c%3F%C3%A9%23/steps/3"));
}

#[wasm_bindgen_test]
async fn dot_segments_and_empty_ids_are_refused_without_a_request() {
    let http = backend();
    for id in ["", ".", ".."] {
        assert_eq!(http.send(id, 0, Input::Continue).await, Err(BackendError::UnknownFlow), "{id:?}");
        let reset = http.send_reset(id, 0, ResetInput::Cancel).await;
        assert_eq!(reset, Err(BackendError::UnknownFlow), "{id:?}");
        let act = http.admin_act(ex::SESSION, id, AdminAction::Unblock).await;
        assert_eq!(act, Err(BackendError::UnknownUser), "{id:?}");
    }
    assert!(sent().is_empty(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn a_session_that_cannot_be_a_header_is_refused_without_a_request() {
    let http = backend();
    for session in ["", "two words", "line\nbreak", "tö ken"] {
        assert_eq!(http.account(session).await, Err(BackendError::NotAuthorized), "{session:?}");
    }
    assert!(sent().is_empty(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn a_relative_base_url_resolves_against_the_page() {
    stub_install();
    stub_reset();
    answer("account_view");
    let http = HttpBackend::new("/idp");
    assert_eq!(http.account(ex::SESSION).await, Ok(ex::account_view()));
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(only_request().url, format!("{origin}/idp/account"));
}

// Errors: each documented status and body, and everything that is not one.

#[wasm_bindgen_test]
async fn each_documented_error_reply_is_that_error() {
    for error in ex::errors() {
        let http = backend();
        stub_reply(error.http_status(), doc_example(&format!("error_{}", error.name())));
        assert_eq!(http.sign_in(ex::sign_in_request()).await, Err(error));
    }
}

#[wasm_bindgen_test]
async fn an_error_body_is_believed_whatever_the_status() {
    let http = backend();
    let body = serde_json::to_string(&ErrorReply::new(BackendError::FlowExpired)).unwrap();
    stub_reply(500, &body);
    assert_eq!(http.send(ex::FLOW_ID, 0, Input::Continue).await, Err(BackendError::FlowExpired));
}

/// The reply to sign-in when the service answers `status` with `body`.
async fn sign_in_answered(status: u16, body: &str) -> Result<Reply, BackendError> {
    let http = backend();
    stub_reply(status, body);
    http.sign_in(ex::sign_in_request()).await
}

fn is_malformed(result: &Result<Reply, BackendError>, status: &str) -> bool {
    matches!(result, Err(BackendError::Malformed(why)) if why.starts_with(&format!("HTTP {status}:")))
}

#[wasm_bindgen_test]
async fn a_2xx_that_is_not_the_reply_type_is_malformed_never_success() {
    let error = doc_example("error_InvalidCredentials");
    let other_type = doc_example("reset_reply");
    let truncated = &doc_example("reply_signed_in")[..200];
    for body in ["", "<html>ok</html>", "null", "{}", error, other_type, truncated] {
        let result = sign_in_answered(200, body).await;
        assert!(is_malformed(&result, "200"), "{body:?} gave {result:?}");
    }
    let result = sign_in_answered(201, "{}").await;
    assert!(is_malformed(&result, "201"), "{result:?}");
}

#[wasm_bindgen_test]
async fn a_non_2xx_without_an_error_body_is_malformed() {
    for (status, body) in
        [(401, "Unauthorized"), (404, ""), (500, "{\"message\":\"boom\"}"), (409, "\"StaleStep\"")]
    {
        let result = sign_in_answered(status, body).await;
        assert!(is_malformed(&result, &status.to_string()), "{status} {body:?} gave {result:?}");
    }
}

#[wasm_bindgen_test]
async fn a_gateway_page_means_unavailable_or_timeout() {
    let page = "<html><body>Bad gateway</body></html>";
    assert_eq!(sign_in_answered(502, page).await, Err(BackendError::Unavailable));
    assert_eq!(sign_in_answered(503, page).await, Err(BackendError::Unavailable));
    assert_eq!(sign_in_answered(504, page).await, Err(BackendError::Timeout));
}

/// `value` as serde_json writes it.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// A backend whose next call is answered 200 with `value`.
fn answered<T: Serialize>(value: &T) -> HttpBackend {
    let http = backend();
    stub_reply(200, &json(value));
    http
}

/// The adapter reads replies by hand (src/backend/replies.rs): every variant of every
/// type it reads must come back as serde_json wrote it.
#[wasm_bindgen_test]
async fn every_step_and_error_reads_back_as_serde_json_wrote_it() {
    for step in every::steps() {
        let reply = Reply { step, ..ex::reply_notice() };
        assert_eq!(sign_in_answered(200, &json(&reply)).await, Ok(reply));
    }
    for reply in every::replies() {
        assert_eq!(sign_in_answered(200, &json(&reply)).await, Ok(reply));
    }
    for reply in every::reset_replies() {
        assert_eq!(answered(&reply).start_reset("kim@contoso.example").await, Ok(reply));
    }
    for error in every::errors() {
        let body = json(&ErrorReply::new(error.clone()));
        assert_eq!(sign_in_answered(error.http_status(), &body).await, Err(error));
    }
    let with_request_id = ex::error_with_request_id();
    assert_eq!(sign_in_answered(404, &json(&with_request_id)).await, Err(with_request_id.error));
}

/// The same for the replies of the other calls: views, receipts, set-ups and verdicts.
#[wasm_bindgen_test]
async fn every_view_and_setup_reads_back_as_serde_json_wrote_it() {
    for view in every::accounts() {
        assert_eq!(answered(&view).account(ex::SESSION).await, Ok(view));
    }
    for view in every::admin_views() {
        assert_eq!(answered(&view).admin_overview(ex::SESSION).await, Ok(view.clone()));
        let receipt = AdminReceipt { view, temporary_password: None };
        let act = answered(&receipt).admin_act(ex::SESSION, "kim", AdminAction::Unblock).await;
        assert_eq!(act, Ok(receipt));
    }
    for method in every::methods() {
        let enrollment = Enrollment { method, phone_hint: Some("+1 ••42".into()), ..ex::enrollment() };
        let begun = answered(&enrollment).begin_method(ex::SESSION, method, None).await;
        assert_eq!(begun, Ok(enrollment));
    }
    for create in [false, true] {
        let options = riskgate::backend::PasskeyOptions { create, ..ex::passkey_options() };
        assert_eq!(answered(&options).begin_passkey(ex::SESSION).await, Ok(options));
    }
    let verdict = every::verdict();
    assert_eq!(answered(&verdict).check_password(ex::FLOW_ID, "x").await, Ok(verdict));
}

/// `json` with the value at `pointer` replaced by the JSON text `with`, or removed when
/// `with` is empty.
fn edited(json: &str, pointer: &str, with: &str) -> String {
    use serde_json::Value;
    let mut value: Value = serde_json::from_str(json).unwrap();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = value.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer} in {json}"));
    let index = || key.parse::<usize>().unwrap();
    match (parent, with) {
        (Value::Array(items), "") => drop(items.remove(index())),
        (Value::Array(items), with) => items[index()] = serde_json::from_str(with).unwrap(),
        (Value::Object(fields), "") => assert!(fields.remove(key).is_some(), "{pointer} in {json}"),
        (parent, with) => parent[key] = serde_json::from_str(with).unwrap(),
    }
    value.to_string()
}

/// A key serde fills in when it is missing (`#[serde(default)]`) reads as serde_json
/// reads it, in every type that has one.
#[wasm_bindgen_test]
async fn a_missing_key_with_a_serde_default_reads_as_serde_json_reads_it() {
    fn serde_reads<T: DeserializeOwned>(text: &str) -> T {
        serde_json::from_str(text).unwrap()
    }
    let mfa = json(&ex::reply_mfa());
    let without = edited(&mfa, "/step/MfaChallenge/phishing_resistant", "");
    assert_eq!(sign_in_answered(200, &without).await, Ok(serde_reads(&without)));
    let with_handoff =
        json(&Reply { passkey: Some(ex::passkey_options()), ..ex::reply_signed_in_with_handoff() });
    let without = edited(&edited(&with_handoff, "/handoff", ""), "/passkey", "");
    assert_eq!(sign_in_answered(200, &without).await, Ok(serde_reads(&without)));

    let mut account = json(&every::accounts()[1]);
    for key in ["user_level", "risk_state", "risk_detail"] {
        account = edited(&account, &format!("/recent/1/{key}"), "");
    }
    assert_eq!(backend_answered(&account).account(ex::SESSION).await, Ok(serde_reads(&account)));

    let mut admin = json(&every::admin_views()[1]);
    for pointer in ["/tenants/0/policy/reset", "/tenants/2/policy/phishing_resistant_for_high_risk"] {
        admin = edited(&admin, pointer, "");
    }
    let read = backend_answered(&admin).admin_overview(ex::SESSION).await;
    assert_eq!(read, Ok(serde_reads(&admin)));
    assert_ne!(read, Ok(every::admin_views()[1].clone()), "the defaults differ from what was removed");
}

/// A backend whose next call is answered 200 with the JSON text `body`.
fn backend_answered(body: &str) -> HttpBackend {
    let http = backend();
    stub_reply(200, body);
    http
}

/// Forms serde_json takes or refuses, each read the same way: where serde_json reads
/// the reply the adapter reads the same reply, and where it refuses the adapter does.
#[wasm_bindgen_test]
async fn the_adapter_takes_and_refuses_what_serde_json_does() {
    let mfa = json(&ex::reply_mfa());
    let signed_in = json(&ex::reply_signed_in());
    // `usize`: at most 2^32 - 1 in Wasm, for serde_json as for the adapter.
    let verdict = json(&every::verdict());
    let cases = [
        (&mfa, "/step", r#"{"Cancelled": null}"#),
        (&mfa, "/step", r#""Failed""#),
        (&mfa, "/step", r#"{"Cancelled": {}}"#),
        (&mfa, "/step", r#""Notice""#),
        (&mfa, "/step", r#"{"Cancelled": null, "Failed": null}"#),
        (&mfa, "/step", "{}"),
        (&mfa, "/step", "[]"),
        (&mfa, "/step", "null"),
        (&mfa, "/step", "0"),
        (&mfa, "/step", r#""cancelled""#),
        (&mfa, "/step/MfaChallenge/extra", r#"{"added": [1, 2.5, null]}"#),
        (&mfa, "/step/MfaChallenge/failures", "255"),
        (&mfa, "/step/MfaChallenge/failures", "256"),
        (&mfa, "/step/MfaChallenge/failures", "\"1\""),
        (&mfa, "/step/MfaChallenge/methods", "[]"),
        (&mfa, "/step/MfaChallenge/methods", "null"),
        (&mfa, "/step/MfaChallenge/methods", r#"{"0": "Sms"}"#),
        (&mfa, "/step/MfaChallenge/methods/0", r#"{"Sms": null}"#),
        (&mfa, "/step/MfaChallenge/phishing_resistant", "null"),
        (&mfa, "/step/MfaChallenge/why", ""),
        (&mfa, "/step/MfaChallenge/why/detections", ""),
        (&mfa, "/seq", "4294967295"),
        (&mfa, "/seq", "4294967296"),
        (&mfa, "/seq", "-1"),
        (&mfa, "/seq", "null"),
        (&mfa, "/time_ms", "9007199254740991"),
        (&mfa, "/display_name", r#""Zoë \"Z\" \u2028 \ud83d\ude00""#),
        (&mfa, "/display_name", "7"),
        (&mfa, "/tenant_name", "null"),
        (&mfa, "/tenant_name", ""),
        (&mfa, "/code_sent_to", "null"),
        (&mfa, "/code_sent_to", ""),
        (&mfa, "/code_sent_to", "false"),
        (&mfa, "/unusual", "null"),
        (&mfa, "/unusual/0/detection", r#""NotADetection""#),
        (&mfa, "/verdict", r#"{"score": 0, "banned_terms": 0, "personal_terms": 0, "rejections": []}"#),
        (&mfa, "/verdict", &edited(&verdict, "/rejections/1/TooShort/min", "4294967295")),
        (&mfa, "/verdict", &edited(&verdict, "/rejections/1/TooShort/min", "4294967296")),
        (&mfa, "/branding", r##"{"accent": "#0b5cad", "theme": "dark"}"##),
        (&signed_in, "/session", "null"),
        (&signed_in, "/session", "5"),
        (&signed_in, "/step/SignedIn", "null"),
        (&signed_in, "/step/SignedIn/remediations/0/risk", r#""Everything""#),
        (&signed_in, "/step/SignedIn/remediations/0", ""),
    ];
    for (reply, pointer, with) in cases {
        let text = edited(reply, pointer, with);
        let serde = serde_json::from_str::<Reply>(&text);
        let read = sign_in_answered(200, &text).await;
        match serde {
            Ok(serde) => assert_eq!(read, Ok(serde), "{pointer}: {with}"),
            Err(_) => assert!(is_malformed(&read, "200"), "{pointer}: {with} gave {read:?}"),
        }
    }
}

/// A key the reply lacks is missing even when the page gave every object one, through
/// `Object.prototype`: only the reply's own keys are read.
#[wasm_bindgen_test]
async fn only_the_replys_own_keys_are_read() {
    let prototype = js_sys::Object::get_prototype_of(&js_sys::Object::new());
    let key = JsValue::from_str("session");
    js_sys::Reflect::set(&prototype, &key, &"s-planted".into()).unwrap();
    let read = sign_in_answered(200, &edited(&json(&ex::reply_mfa()), "/session", "")).await;
    js_sys::Reflect::delete_property(&prototype, &key).unwrap();
    assert_eq!(read, Ok(ex::reply_mfa()));
}

/// A reply that is not its type is refused, and the message names the field or variant
/// at fault and what came, for whoever runs the service. None of them signs anyone in.
#[wasm_bindgen_test]
async fn a_wrong_reply_is_refused_naming_the_field_or_variant_at_fault() {
    let mfa = json(&ex::reply_mfa());
    let signed_in = json(&ex::reply_signed_in());
    let cases = [
        (&mfa, "/seq", "\"2\"", "invalid type: string \"2\" at `seq`"),
        (&mfa, "/seq", "-1", "invalid value: integer `-1` at `seq`"),
        (&mfa, "/seq", "4294967296", "invalid value: integer `4294967296` at `seq`"),
        (&mfa, "/time_ms", "1.5", "invalid type: floating point `1.5` at `time_ms`"),
        (&mfa, "/unusual", "{}", "invalid type: map at `unusual`"),
        (&mfa, "/flow_id", "", "missing field `flow_id`"),
        (&mfa, "/step", "\"Teleport\"", "unknown variant `Teleport` at `step`"),
        (&mfa, "/step", r#"{"Failed": null, "Cancelled": null}"#, "invalid length 2 at `step`"),
        (&mfa, "/step", "\"MfaChallenge\"", "invalid type: unit variant at `step.MfaChallenge`"),
        (&mfa, "/step", r#"{"Cancelled": 0}"#, "invalid type: integer `0` at `step.Cancelled`"),
        (&mfa, "/step/MfaChallenge/why", "", "missing field `why` at `step.MfaChallenge`"),
        (
            &mfa,
            "/step/MfaChallenge/failures",
            "256",
            "invalid value: integer `256` at `step.MfaChallenge.failures`",
        ),
        (
            &mfa,
            "/step/MfaChallenge/methods/1",
            "\"Pigeon\"",
            "unknown variant `Pigeon` at `step.MfaChallenge.methods.1`",
        ),
        (
            &mfa,
            "/step/MfaChallenge/why/level",
            "[\"High\"]",
            "invalid type: sequence at `step.MfaChallenge.why.level`",
        ),
        (&signed_in, "/session", "true", "invalid type: boolean `true` at `session`"),
        (
            &signed_in,
            "/step/SignedIn/remediations/0/detail",
            "null",
            "invalid type: null at `step.SignedIn.remediations.0.detail`",
        ),
    ];
    for (reply, pointer, with, message) in cases {
        let read = sign_in_answered(200, &edited(reply, pointer, with)).await;
        assert_eq!(read, Err(BackendError::Malformed(format!("HTTP 200: {message}"))), "{pointer}: {with}");
    }

    let error = |body: &str| {
        edited(&json(&ErrorReply::new(ex::errors()[1].clone())), "/error/InvalidInput/problem", body)
    };
    let read = sign_in_answered(400, &error("\"Sideways\"")).await;
    let message = "HTTP 400: unknown variant `Sideways` at `error.InvalidInput.problem`";
    assert_eq!(read, Err(BackendError::Malformed(message.into())));
    let stale = edited(
        &json(&ErrorReply::new(BackendError::StaleStep { expected: 1 })),
        "/error/StaleStep/expected",
        "-3",
    );
    let message = "HTTP 409: invalid value: integer `-3` at `error.StaleStep.expected`";
    assert_eq!(sign_in_answered(409, &stale).await, Err(BackendError::Malformed(message.into())));

    let reset = edited(&json(&ex::reset_reply()), "/step/Verify/required", "300");
    let read = backend_answered(&reset).start_reset("kim@contoso.example").await;
    let message = "HTTP 200: invalid value: integer `300` at `step.Verify.required`";
    assert_eq!(read, Err(BackendError::Malformed(message.into())));
    let verdict = edited(&json(&every::verdict()), "/rejections/1/TooShort/min", "-1");
    let read = backend_answered(&verdict).check_password(ex::FLOW_ID, "x").await;
    let message = "HTTP 200: invalid value: integer `-1` at `rejections.1.TooShort.min`";
    assert_eq!(read, Err(BackendError::Malformed(message.into())));
    let account = edited(&json(&ex::account_view()), "/alerts/1", r#"{"PasswordChanged": {}}"#);
    let read = backend_answered(&account).account(ex::SESSION).await;
    let message = "HTTP 200: missing field `at_ms` at `alerts.1.PasswordChanged`";
    assert_eq!(read, Err(BackendError::Malformed(message.into())));
    let admin = edited(&json(&ex::admin_view()), "/tenants/0/policy/reset/methods_required", "300");
    let read = backend_answered(&admin).admin_overview(ex::SESSION).await;
    let message = "HTTP 200: invalid value: integer `300` at `tenants.0.policy.reset.methods_required`";
    assert_eq!(read, Err(BackendError::Malformed(message.into())));
}

#[wasm_bindgen_test]
async fn an_absent_optional_key_is_none_and_unknown_keys_are_ignored() {
    let mut json = serde_json::to_value(ex::reply_signed_in()).unwrap();
    let object = json.as_object_mut().unwrap();
    object.remove("session");
    object.insert("added_later".into(), serde_json::json!({"any": [1, 2.5, null]}));
    let got = sign_in_answered(200, &json.to_string()).await;
    assert_eq!(got, Ok(Reply { session: None, ..ex::reply_signed_in() }));
}

#[wasm_bindgen_test]
async fn a_number_that_is_not_the_fields_type_is_malformed() {
    let reply = serde_json::to_value(ex::reply_signed_in()).unwrap();
    let with = |key: &str, number: &str| {
        let mut json = reply.clone();
        json[key] = serde_json::Value::Null;
        json.to_string().replace(&format!("\"{key}\":null"), &format!("\"{key}\":{number}"))
    };
    // Past 2^53 a double is not exact: refused rather than read as a nearby integer.
    for (key, number) in
        [("seq", "1.5"), ("seq", "-1"), ("seq", "4294967296"), ("time_ms", "9007199254740993")]
    {
        let result = sign_in_answered(200, &with(key, number)).await;
        assert!(is_malformed(&result, "200"), "{key}: {number} gave {result:?}");
    }
    let result = sign_in_answered(200, &with("seq", "1.5")).await;
    let expected = "HTTP 200: invalid type: floating point `1.5` at `seq`";
    assert_eq!(result, Err(BackendError::Malformed(expected.into())));
    let mut json = serde_json::to_value(ex::reply_signed_in()).unwrap();
    json.as_object_mut().unwrap().remove("seq");
    let result = sign_in_answered(200, &json.to_string()).await;
    assert_eq!(result, Err(BackendError::Malformed("HTTP 200: missing field `seq`".into())));
    let result = sign_in_answered(200, &with("time_ms", "9007199254740991")).await;
    assert_eq!(result.map(|r| r.time_ms), Ok(9007199254740991));
}

#[wasm_bindgen_test]
async fn a_branding_the_screens_cannot_show_is_malformed() {
    let reply = Reply {
        branding: Some(Branding::accent("red; background: url(https://x.test)")),
        ..ex::reply_signed_in()
    };
    let result = sign_in_answered(200, &serde_json::to_string(&reply).unwrap()).await;
    assert!(matches!(result, Err(BackendError::Malformed(why)) if why.contains("branding")));
    // A service must send branding the screens can show: white text readable on the
    // accent, pictures only from safe addresses.
    let pale = Reply { branding: Some(Branding::accent("#ffcc00")), ..ex::reply_signed_in() };
    let mut unsafe_logo = Branding::accent("#0b5cad");
    unsafe_logo.logo = Some(Logo { url: "javascript:alert(1)".into(), alt: "Evil".into() });
    let unsafe_logo = Reply { branding: Some(unsafe_logo), ..ex::reply_signed_in() };
    for reply in [pale, unsafe_logo] {
        let result = sign_in_answered(200, &serde_json::to_string(&reply).unwrap()).await;
        assert!(
            matches!(&result, Err(BackendError::Malformed(why)) if why.contains("branding")),
            "{result:?}"
        );
    }
}

/// The screen draws the QR code from the setup link itself: markup a service puts in
/// `qr_svg` is never inserted into the page.
#[wasm_bindgen_test]
async fn markup_from_the_service_never_reaches_the_qr_code() {
    let page = app_over_http();
    let evil = "<img class=\"rg-evil\" src=x onerror=\"alert(1)\">";
    let hostile = Enrollment { qr_svg: evil.into(), ..ex::enrollment() };
    let reply = Reply { enrollment: Some(hostile.clone()), ..ex::reply_register() };
    stub_reply(200, &serde_json::to_string(&reply).unwrap());
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_text(&hostile.key).await;
    let qr = page.find(".rg-qr").expect("the QR code's box");
    assert!(qr.query_selector(".rg-evil").unwrap().is_none(), "no markup from the service");
    let modules = qr.query_selector("svg path").unwrap().and_then(|p| p.get_attribute("d"));
    let drawn = totp::qr_svg(&hostile.uri);
    let want = drawn.split(" d=\"").nth(1).and_then(|rest| rest.split('"').next());
    assert!(want.is_some_and(|d| d.len() > 100), "a QR code was drawn: {drawn}");
    assert_eq!(modules.as_deref(), want, "the QR code of the setup link");
}

#[wasm_bindgen_test]
async fn a_replaced_fetch_that_gives_no_response_is_malformed_not_a_crash() {
    let http = backend();
    stub_bogus();
    let e = http.account(ex::SESSION).await.unwrap_err();
    assert!(matches!(e, BackendError::Malformed(ref m) if m.contains("not a Response")), "{e:?}");
    answer("account_view");
    assert_eq!(http.account(ex::SESSION).await, Ok(ex::account_view()), "the next call works");
}

#[wasm_bindgen_test]
async fn a_network_failure_is_unavailable() {
    let http = backend();
    stub_reject();
    assert_eq!(http.sign_in(ex::sign_in_request()).await, Err(BackendError::Unavailable));
    stub_reject();
    assert_eq!(http.account(ex::SESSION).await, Err(BackendError::Unavailable));
}

#[wasm_bindgen_test]
async fn a_call_past_its_timeout_is_aborted_as_timeout() {
    assert_eq!(HttpBackend::new(BASE).timeout(), DEFAULT_TIMEOUT);
    assert_eq!(DEFAULT_TIMEOUT, Duration::from_secs(15));
    let http = backend().with_timeout(Duration::from_millis(50));
    stub_hang();
    let started = js_sys::Date::now();
    assert_eq!(http.sign_in(ex::sign_in_request()).await, Err(BackendError::Timeout));
    let took = js_sys::Date::now() - started;
    assert!((40.0..2_000.0).contains(&took), "took {took} ms");
    assert!(only_request().aborted, "the request itself was aborted");
}

#[wasm_bindgen_test]
async fn a_dropped_call_aborts_its_request() {
    let http = backend();
    stub_hang();
    let mut call = http.account(ex::SESSION);
    // Start it, then walk away.
    std::future::poll_fn(|cx| {
        assert!(call.as_mut().poll(cx).is_pending());
        Poll::Ready(())
    })
    .await;
    drop(call);
    support::sleep(20).await;
    assert!(only_request().aborted);
}

// The real screens over the adapter.

/// API v1: the secret the first reply of a flow carries goes with every later call
/// about that flow, and with no other.
#[wasm_bindgen_test]
async fn a_flow_secret_goes_with_every_call_about_its_flow() {
    let http = backend();
    answer("reply_notice_with_flow_secret");
    assert_eq!(http.sign_in(ex::sign_in_request()).await, Ok(ex::reply_notice()));
    answer("reply_mfa");
    http.send(ex::FLOW_ID, 0, Input::Continue).await.unwrap();
    answer("reply_mfa");
    http.current(ex::FLOW_ID).await.unwrap();
    answer("verdict");
    http.check_password(ex::FLOW_ID, "Contoso2026!").await.unwrap();
    answer("reply_mfa");
    let _ = http.send("f-another", 0, Input::Continue).await;
    let secret = |c: &Sent| c.headers.get("riskgate-flow-secret").cloned();
    let calls = sent();
    assert_eq!(calls.len(), 5, "{calls:?}");
    assert_eq!(secret(&calls[0]), None, "the sign-in itself has none to send");
    for call in &calls[1..4] {
        assert_eq!(secret(call).as_deref(), Some(ex::FLOW_SECRET), "{} {}", call.method, call.url);
    }
    assert_eq!(secret(&calls[4]), None, "another flow's calls carry no secret of this one");

    // A reset's secret goes with the reset's calls; a clone of the adapter shares them.
    let http = backend();
    let started = riskgate::backend::api::WithFlowSecret {
        reply: ex::reset_reply(),
        flow_secret: "reset-secret-7".into(),
    };
    stub_reply(200, &serde_json::to_string(&started).unwrap());
    assert_eq!(http.start_reset("ravi@contoso.example").await, Ok(ex::reset_reply()));
    let clone = http.clone();
    stub_reply(200, doc_example("reset_reply"));
    clone.current_reset(ex::RESET_ID).await.unwrap();
    stub_reply(200, doc_example("reset_reply"));
    http.send_reset(ex::RESET_ID, 0, ResetInput::Cancel).await.unwrap();
    let calls = sent();
    assert_eq!(secret(&calls[1]).as_deref(), Some("reset-secret-7"));
    assert_eq!(secret(&calls[2]).as_deref(), Some("reset-secret-7"));
}

/// API v1: the hand-off code of the reply that signs in reaches the host page in the
/// `riskgate:signed-in` event, and only there.
#[wasm_bindgen_test]
async fn the_hand_off_code_reaches_the_host_page_in_the_signed_in_event() {
    let http = backend();
    let options =
        riskgate::embed::Options { locale: Some(riskgate::ui::text::Locale::En), ..Default::default() };
    let e = support::embed_over(options, Rc::new(http), support::mock());
    answer("reply_signed_in_with_handoff");
    e.page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    let signed_in = e.expect_event("riskgate:signed-in").await;
    assert_eq!(signed_in["handoff"], ex::HANDOFF, "{signed_in}");
    assert_eq!(signed_in["username"], "ravi@contoso.example");
    for (name, detail) in e.events.borrow().iter().filter(|(n, _)| n != "riskgate:signed-in") {
        assert!(!detail.contains(ex::HANDOFF), "{name} carries no hand-off: {detail}");
    }
}

fn app_over_http() -> support::Page {
    let http = backend();
    support::open_over(Rc::new(http))
}

#[wasm_bindgen_test]
async fn the_app_signs_in_over_http_and_shows_the_documented_steps() {
    let page = app_over_http();
    answer("reply_notice");
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("We noticed something unusual").await;
    page.expect_text("Lisbon, PT").await;

    answer("reply_mfa");
    page.click("Continue").await;
    page.expect_heading("Confirm it's you").await;

    let calls = sent();
    assert_eq!(calls.len(), 2, "{calls:?}");
    check(
        &calls[0],
        Expect { endpoint: "POST /sign-in", path: "/sign-in", session: false, body: Some("sign_in_request") },
    );
    let path = format!("/flows/{}/steps/0", ex::FLOW_ID);
    let endpoint = "POST /flows/{flow_id}/steps/{seq}";
    check(&calls[1], Expect { endpoint, path: &path, session: false, body: Some("input_continue") });
}

/// An admin over HTTP: the admin view answers `StepUpRequired`, the step-up's challenge
/// is passed, and the view is asked for again with the fresh session.
#[wasm_bindgen_test]
async fn the_app_steps_up_over_http_and_uses_the_new_session() {
    let page = app_over_http();
    answer("reply_signed_in");
    let staff = riskgate::backend::AccountView { is_admin: true, ..ex::account_view() };
    stub_reply(200, &serde_json::to_string(&staff).unwrap());
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("You're signed in").await;
    stub_reply(403, doc_example("error_StepUpRequired"));
    page.click_named("Open admin view").await;
    page.expect_text("One more check").await;
    assert!(page.find("table.rg-users").is_none(), "no users before the step-up");

    answer("reply_step_up");
    page.click_named("Confirm it's you").await;
    page.expect_heading("Confirm it's you").await;
    answer("reply_stepped_up");
    answer("admin_view");
    page.type_into("#rg-code", "287082").await;
    page.click("Verify").await;
    page.expect_heading("Admin view").await;
    page.expect_text_in("table.rg-users", "Kim Abercrombie").await;

    let calls = sent();
    let step_up = &calls[calls.len() - 3];
    check(
        step_up,
        Expect { endpoint: "POST /session/step-up", path: "/session/step-up", session: true, body: None },
    );
    assert_eq!(calls[calls.len() - 2].url, format!("{BASE}/flows/{}/steps/0", ex::STEP_UP_ID));
    let again = calls.last().unwrap();
    assert_eq!(again.url, format!("{BASE}/admin"));
    let bearer = format!("Bearer {}", ex::STEPPED_UP_SESSION);
    assert_eq!(again.headers.get("authorization"), Some(&bearer), "the new session, not the old one");
}

#[wasm_bindgen_test]
async fn the_app_shows_the_services_errors_and_stays_on_the_password() {
    let page = app_over_http();
    stub_reply(401, doc_example("error_InvalidCredentials"));
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_text("That username or password is not right.").await;
    assert_eq!(page.heading(), "Enter your password");

    stub_reply(200, "<html>captive portal</html>");
    page.click("Sign in").await;
    page.expect_text("The sign-in service sent an answer we couldn't read.").await;
    assert_eq!(page.heading(), "Enter your password");

    stub_reject();
    page.click("Sign in").await;
    page.expect_text("We couldn't reach the sign-in service.").await;
    assert_eq!(page.heading(), "Enter your password");
    assert_eq!(sent().len(), 3);
}

#[wasm_bindgen_test]
async fn the_app_reports_invalid_input_by_the_field() {
    let page = app_over_http();
    answer("reply_mfa");
    page.sign_in("ravi@contoso.example", "Quiet-Meadow-17").await;
    page.expect_heading("Confirm it's you").await;
    let error = ErrorReply::new(BackendError::InvalidInput {
        field: riskgate::backend::api::Field::Code,
        problem: Problem::NotACode,
    });
    stub_reply(400, &serde_json::to_string(&error).unwrap());
    page.type_into("#rg-code", "12345x").await;
    page.click("Verify").await;
    page.expect_text("A code is 6 digits. Check what you typed.").await;
    page.wait_for("#rg-code[aria-invalid='true']").await;
    assert_eq!(page.heading(), "Confirm it's you");
    let last = sent().pop().unwrap();
    assert_eq!(last.url, format!("{BASE}/flows/{}/steps/1", ex::FLOW_ID));
}
