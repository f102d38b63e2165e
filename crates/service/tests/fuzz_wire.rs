//! Generated inputs by the hundred thousand, beyond `fuzz.rs`: the JSON of every type that
//! crosses the line between the screens and a backend (every request, reply and error),
//! and the mock's saved store, decoded from arbitrary, damaged and structurally mutated
//! text without a panic; and the reset engine never completing a reset its policy and
//! proofs do not allow.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use riskgate_service::api::*;
use riskgate_service::engine::password::{BannedList, Verdict};
use riskgate_service::engine::reset::{proof_of, ResetBlock, ResetContext, ResetEvent, ResetFlow, ResetStep};
use riskgate_service::engine::*;
use riskgate_service::mock::{MemoryStore, MockBackend, Store};
use riskgate_service::platform::{Clock, FixedClock, SeededEntropy};
use riskgate_service::{seed, totp, IdentityBackend};
use serde_json::Value;
use std::rc::Rc;
use std::sync::OnceLock;

const CASES: u32 = 100_000;
const START: u64 = 1_800_000_000_000;

/// Decodes `text` as every wire type; none may panic. Returns how many accepted it.
fn decode_every_type(text: &str) -> usize {
    fn ok<T: serde::de::DeserializeOwned>(text: &str) -> usize {
        serde_json::from_str::<T>(text).is_ok() as usize
    }
    ok::<Reply>(text)
        + ok::<Input>(text)
        + ok::<SignInRequest>(text)
        + ok::<ResetInput>(text)
        + ok::<ResetReply>(text)
        + ok::<AccountView>(text)
        + ok::<AdminView>(text)
        + ok::<AdminReceipt>(text)
        + ok::<AdminAction>(text)
        + ok::<Enrollment>(text)
        + ok::<Verdict>(text)
        + ok::<BackendError>(text)
        + ok::<TenantPolicy>(text)
        + ok::<BannedList>(text)
        + ok::<MethodKind>(text)
        + ok::<Step>(text)
        + ok::<ResetStep>(text)
}

/// Opens a mock over `text` as its saved store: a damaged store is reported, never a panic.
fn open_store(text: &str) {
    let store = Rc::new(MemoryStore::default());
    store.save(text);
    let _ = MockBackend::open(Rc::new(FixedClock::at(START)), Rc::new(SeededEntropy::default()), store);
}

fn password_of(username: &str) -> &'static str {
    seed::PERSONAS.iter().find(|p| p.username == username).unwrap().password
}

fn block_on<T>(fut: impl std::future::Future<Output = T>) -> T {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => panic!("the mock never waits natively"),
    }
}

/// Real JSON of every wire type, taken from a mock going through its flows, and the
/// store it saved. Made once; each is valid as its own type.
fn samples() -> &'static [String] {
    static SAMPLES: OnceLock<Vec<String>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let clock = Rc::new(FixedClock::at(START));
        let store = Rc::new(MemoryStore::default());
        let b = MockBackend::open(clock.clone(), Rc::new(SeededEntropy::default()), store.clone());
        let sign_in = |u: &str| b.sign_in_now(SignInRequest::new(u, password_of(u)));
        let code = |u: &str| totp::code_at(&b.authenticator_secret(u).unwrap(), clock.now_ms() / 1000);
        let mut out: Vec<String> = vec![];
        let mut add = |v: &dyn erased::Json| out.push(v.json());

        let notice = sign_in("ravi@contoso.example").unwrap();
        add(&notice);
        let mfa = b.send_now(&notice.flow_id, notice.seq, Input::Continue).unwrap();
        add(&mfa);
        let input = Input::Code { method: MethodKind::AuthenticatorApp, code: code("ravi@contoso.example") };
        add(&input);
        let done = b.send_now(&mfa.flow_id, mfa.seq, input).unwrap();
        add(&done);
        let session = done.session.clone().unwrap();
        add(&b.account_now(&session).unwrap());
        add(&b.begin_method_now(&session, MethodKind::AuthenticatorApp, None).unwrap());
        let lena = sign_in("lena@contoso.example").unwrap();
        let lena = b.send_now(&lena.flow_id, lena.seq, Input::Continue).unwrap();
        let begin = Input::BeginRegistration { method: MethodKind::AuthenticatorApp, phone: None };
        add(&b.send_now(&lena.flow_id, lena.seq, begin).unwrap());
        let pat = sign_in("pat@contoso.example").unwrap();
        add(&b.check_password_now(&pat.flow_id, "Contoso-Blank1").unwrap());
        add(&sign_in("sam@woodgrove.example").unwrap());
        let reset = b.start_reset_now("lou@contoso.example").unwrap();
        add(&reset);
        // The admin view needs a step-up: a password alone is not enough.
        let admin = sign_in("admin@contoso.example").unwrap().session.unwrap();
        let step_up = b.step_up_now(&admin).unwrap();
        add(&step_up);
        let input = Input::Code { method: MethodKind::AuthenticatorApp, code: code("admin@contoso.example") };
        let admin = b.send_now(&step_up.flow_id, step_up.seq, input).unwrap().session.unwrap();
        add(&b.admin_overview_now(&admin).unwrap());
        add(&block_on(b.admin_act(&admin, "kim@contoso.example", AdminAction::TemporaryPassword)).unwrap());
        for input in [
            Input::Continue,
            Input::SendCode { method: MethodKind::Sms },
            Input::Skip,
            Input::BeginRegistration { method: MethodKind::Sms, phone: Some("+1 425 555 0100".into()) },
            Input::ConfirmRegistration { code: "123456".into() },
            Input::NewPassword { password: "a".into(), confirm: "b".into() },
            Input::Cancel,
        ] {
            add(&input);
        }
        for input in [
            ResetInput::SendCode { method: MethodKind::Voice },
            ResetInput::Code { method: MethodKind::Sms, code: "123456".into() },
            ResetInput::NewPassword { password: "a".into(), confirm: "a".into() },
            ResetInput::Cancel,
        ] {
            add(&input);
        }
        let source = b.sign_in_log()[0].source.clone();
        add(&SignInRequest {
            source: Some(source),
            tenant: Some("contoso".into()),
            ..SignInRequest::new("u", "p")
        });
        for e in [
            BackendError::InvalidInput { field: Field::Code, problem: Problem::NotACode },
            BackendError::StaleStep { expected: 3 },
            BackendError::Unexpected { input: "Code".into() },
            BackendError::Malformed("x".into()),
            BackendError::Timeout,
        ] {
            add(&e);
        }
        add(&TenantPolicy::default());
        add(&BannedList { custom: vec!["contoso".into(), "lantern".into()] });
        add(&AdminAction::Unblock);
        out.push(store.load().unwrap());
        out
    })
}

/// Serialising any wire value, for the sample list.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

/// JSON values of every kind, odd ones included: huge and negative numbers, markup,
/// direction overrides, very long strings, nesting.
fn odd_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,40}".prop_map(Value::String),
        prop::sample::select(vec![
            "<script>alert(1)</script>",
            "\u{202E}gnp.exe",
            "A\u{200D}\u{200B}B",
            "e\u{0301}\u{0302}",
            "SignedIn",
            "Blocked",
            "AuthenticatorApp",
            "",
        ])
        .prop_map(|s| Value::String(s.into())),
        (0usize..5000).prop_map(|n| Value::String("x".repeat(n))),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,12}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Every place in `value` (as JSON pointers), the root first.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                pointers(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
}

fn level() -> impl Strategy<Value = RiskLevel> {
    prop::sample::select(RiskLevel::ALL.to_vec())
}

fn method() -> impl Strategy<Value = MethodKind> {
    prop::sample::select(vec![
        MethodKind::AuthenticatorApp,
        MethodKind::Sms,
        MethodKind::Voice,
        MethodKind::Passkey,
    ])
}

fn enforcement() -> impl Strategy<Value = Enforcement> {
    prop::sample::select(vec![Enforcement::Off, Enforcement::ReportOnly, Enforcement::On])
}

/// A guest's home tenant: whether it enforces a user risk policy, and whether it blocks.
fn home_policy() -> impl Strategy<Value = TenantPolicy> {
    (enforcement(), any::<bool>(), enforcement()).prop_map(|(user, block, sign_in)| {
        let mut p = TenantPolicy::default();
        p.user_risk.enforcement = user;
        if block {
            p.user_risk.action = UserAction::Block;
        }
        p.sign_in_risk.enforcement = sign_in;
        p
    })
}

fn reset_context() -> impl Strategy<Value = ResetContext> {
    let user = (prop::collection::vec(method(), 0..4), any::<[bool; 3]>(), prop::option::of(0..2 * START));
    let detection = (level(), any::<bool>(), 0..START).prop_map(|(level, offline, at)| {
        let timing = if offline { Timing::Offline } else { Timing::RealTime };
        Detection::new(DetectionKind::LeakedCredentials, level, timing, at)
    });
    let policy = (any::<bool>(), 0..4u8, prop::collection::vec(method(), 0..4), any::<[bool; 2]>(), level());
    (
        prop::option::of(user),
        prop::collection::vec(detection, 0..3),
        policy,
        prop::option::of(home_policy()),
        any::<u8>(),
    )
        .prop_map(
            |(
                user,
                user_detections,
                (enabled, required, allowed, [enforced, block], min_level),
                home_policy,
                decoy_seed,
            )| {
                let user = user.map(|(methods, [disabled, temporary, guest], locked)| UserState {
                    methods,
                    disabled,
                    temporary_password: temporary,
                    locked_until_ms: locked,
                    home_tenant: guest.then(|| "home".into()),
                    ..UserState::new("fuzz")
                });
                let mut policy = TenantPolicy::default();
                policy.reset.enabled = enabled;
                policy.reset.methods_required = required;
                policy.reset.allowed = allowed;
                policy.user_risk.enforcement =
                    if enforced { Enforcement::On } else { Enforcement::ReportOnly };
                policy.user_risk.min_level = min_level;
                if block {
                    policy.user_risk.action = UserAction::Block;
                }
                ResetContext { now_ms: START, user, user_detections, policy, home_policy, decoy_seed }
            },
        )
}

fn reset_event() -> impl Strategy<Value = ResetEvent> {
    prop_oneof![
        method().prop_map(ResetEvent::Verified),
        Just(ResetEvent::VerifyFailed),
        Just(ResetEvent::PasswordChanged),
        Just(ResetEvent::PasswordRejected),
        Just(ResetEvent::Cancel),
        Just(ResetEvent::BackendError),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text, as every wire type: a value or an error, never a panic.
    #[test]
    fn every_wire_type_decodes_arbitrary_text_without_panic(text in ".{0,200}", bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        decode_every_type(&text);
        decode_every_type(&String::from_utf8_lossy(&bytes));
    }

    /// Real JSON of every type, cut short and with a byte changed and one put in.
    #[test]
    fn damaged_real_json_of_every_type_decodes_without_panic(
        which in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        keep in any::<bool>(),
    ) {
        let sample = which.get::<String>(samples());
        let is_store = sample.starts_with(r#"{"version""#);
        prop_assert!(is_store || decode_every_type(sample) >= 1, "a sample is valid as its own type: {sample:.80}");
        let mut bytes = sample.as_bytes().to_vec();
        if !keep {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        if !bytes.is_empty() {
            let i = at.index(bytes.len());
            bytes[i] = byte;
            bytes.insert(i, byte ^ 0x20);
        }
        decode_every_type(&String::from_utf8_lossy(&bytes));
    }

    /// Real JSON of every type with one value anywhere in it replaced by an odd one:
    /// every type decodes it without a panic.
    #[test]
    fn structurally_mutated_json_of_every_type_decodes_without_panic(
        which in any::<prop::sample::Index>(),
        place in any::<prop::sample::Index>(),
        replacement in odd_value(),
    ) {
        let mut value: Value = serde_json::from_str(which.get::<String>(samples())).unwrap();
        let mut places = vec![];
        pointers(&value, String::new(), &mut places);
        let pointer = place.get::<String>(&places).clone();
        if let Some(slot) = value.pointer_mut(&pointer) {
            *slot = replacement;
        }
        decode_every_type(&value.to_string());
    }

    /// The reset engine: whatever the context and events, it answers; it tells no reason an
    /// account can't be reset before a proof (only the tenant's NotEnabled); and a reset it
    /// completes was for a known, enabled, unblocked account that gave the proofs the
    /// policy asks for (each kind once, with methods it has) and a new password, and that
    /// is not a guest at risk whose home tenant must close the risk itself.
    #[test]
    fn the_reset_engine_never_fails_open(ctx in reset_context(), events in prop::collection::vec(reset_event(), 0..12)) {
        let known = ctx.user.is_some();
        let disabled = ctx.user.as_ref().is_some_and(|u| u.disabled);
        let enabled = ctx.policy.reset.enabled;
        let required = ctx.policy.reset.required();
        let level = riskgate_service::engine::risk::user_risk(&ctx.user_detections, START);
        let up = ctx.policy.user_risk;
        let risk_blocks = up.enforcement == Enforcement::On && up.action == UserAction::Block && up.fires(level);
        let guest = ctx.user.as_ref().is_some_and(|u| u.home_tenant.is_some());
        let home_lets = ctx.home_policy.as_ref().is_some_and(|h| {
            h.user_risk.enforcement == Enforcement::On && h.user_risk.action != UserAction::Block
        });
        let home_refuses = guest && level > RiskLevel::None && !home_lets;
        let usable: Vec<MethodKind> = ctx.user.as_ref().map_or(vec![], |u| {
            u.methods.iter().copied().filter(|m| ctx.policy.reset.allowed.contains(m)).collect()
        });
        let (mut flow, first) = ResetFlow::start(ctx);
        let told_early = |step: &ResetStep| matches!(step, ResetStep::Blocked { reason }
            if !matches!(reason, ResetBlock::NotEnabled | ResetBlock::TooManyFailedCodes));
        prop_assert!(!told_early(&first), "{first:?} before a proof");
        let (mut proofs, mut changed, mut failed) = (vec![], false, false);
        for e in events {
            if let Ok(step) = flow.advance(e) {
                match e {
                    ResetEvent::Verified(m) => {
                        prop_assert!(usable.contains(&m), "a proof with a method the account can't use");
                        proofs.push(proof_of(m));
                    }
                    ResetEvent::PasswordChanged => changed = true,
                    ResetEvent::BackendError => failed = true,
                    _ => {}
                }
                prop_assert!(!proofs.is_empty() || !told_early(&step), "{step:?} before a proof");
            }
        }
        if let ResetStep::Done { remediation, .. } = flow.step() {
            prop_assert!(known && enabled && !disabled && !risk_blocks && !failed && changed);
            prop_assert!(!home_refuses, "a guest closed a risk its home tenant must close");
            prop_assert_eq!(remediation.is_some(), level > RiskLevel::None);
            let mut kinds = proofs.clone();
            kinds.sort_by_key(|p| *p as u8);
            kinds.dedup();
            prop_assert_eq!(kinds.len(), proofs.len(), "a kind of proof counted twice");
            prop_assert!(proofs.len() >= required, "{} proofs of {required}", proofs.len());
        }
    }
}

/// The saved store, damaged: the mock reports it and starts from the seed. Fewer cases:
/// each reseeds and saves a whole directory.
#[test]
fn a_damaged_store_is_reported_never_a_panic() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let store = samples().last().unwrap().clone();
    let strategy = (any::<prop::sample::Index>(), any::<prop::sample::Index>(), odd_value());
    runner
        .run(&strategy, |(cut, place, replacement)| {
            open_store(&store[..cut.index(store.len() + 1)].chars().collect::<String>());
            let mut value: Value = serde_json::from_str(&store).unwrap();
            let mut places = vec![];
            pointers(&value, String::new(), &mut places);
            if let Some(slot) = value.pointer_mut(place.get::<String>(&places)) {
                *slot = replacement;
            }
            open_store(&value.to_string());
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_samples_cover_every_reply_and_request_type() {
    fn decodes<T: serde::de::DeserializeOwned>() -> bool {
        samples().iter().any(|s| serde_json::from_str::<T>(s).is_ok())
    }
    assert!(decodes::<Reply>() && decodes::<Input>() && decodes::<SignInRequest>());
    assert!(decodes::<ResetInput>() && decodes::<ResetReply>() && decodes::<AccountView>());
    assert!(decodes::<AdminView>() && decodes::<AdminReceipt>() && decodes::<AdminAction>());
    assert!(decodes::<Enrollment>() && decodes::<Verdict>() && decodes::<BackendError>());
    assert!(decodes::<TenantPolicy>() && decodes::<BannedList>());
}
