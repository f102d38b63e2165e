//! The mock as the authority under generated clients: every persona signs in and then
//! sends a random sequence of inputs (right and wrong codes, garbage, skips, stale step
//! numbers, weak and strong passwords). A sign-in may end signed in only after the steps
//! its persona's scenario requires went through, and a blocked persona never does.
//! Each case hashes a password (PBKDF2), so it runs fewer cases than the pure fuzzers.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use riskgate_service::api::{Input, Reply, SignInRequest};
use riskgate_service::engine::{MethodKind, Step};
use riskgate_service::mock::MockBackend;
use riskgate_service::platform::{Clock, FixedClock, SeededEntropy};
use riskgate_service::{seed, totp};
use std::rc::Rc;

const CASES: u32 = 2_000;
const START: u64 = 1_800_000_000_000;
const STRONG: &str = "Lantern-Bicycle-Ocean-93";

/// What a persona's sign-in needs before it may end signed in.
#[derive(Clone, Copy, Default)]
struct Needs {
    mfa: bool,
    new_password: bool,
    registration: bool,
    never: bool,
}

fn needs(username: &str) -> Needs {
    let user = username.split('@').next().unwrap_or_default();
    let home = username.split('@').nth(1).unwrap_or_default();
    match (user, home) {
        ("ravi" | "mia" | "omar", _) => Needs { mfa: true, ..Needs::default() },
        ("kim", _) | ("tech", "fabrikam.example") => {
            Needs { mfa: true, new_password: true, ..Needs::default() }
        }
        ("pat", _) => Needs { new_password: true, ..Needs::default() },
        ("lena", _) => Needs { registration: true, ..Needs::default() },
        ("eli" | "lou" | "dee" | "sam" | "jo", _) | ("tech", "northwind.example") => {
            Needs { never: true, ..Needs::default() }
        }
        _ => Needs::default(),
    }
}

#[derive(Clone, Copy, Debug)]
enum Move {
    Continue,
    Skip,
    Cancel,
    SendCode(MethodKind),
    /// The code the app or the phone has now.
    RightCode(MethodKind),
    WrongCode(MethodKind),
    Garbage(MethodKind),
    BeginApp,
    BeginPhone,
    ConfirmRight,
    ConfirmWrong,
    Strong,
    Weak,
    Mismatch,
}

fn phone_method() -> impl Strategy<Value = MethodKind> {
    prop::sample::select(vec![MethodKind::Sms, MethodKind::Voice])
}

fn any_method() -> impl Strategy<Value = MethodKind> {
    prop::sample::select(vec![
        MethodKind::AuthenticatorApp,
        MethodKind::Sms,
        MethodKind::Voice,
        MethodKind::Passkey,
    ])
}

fn a_move() -> impl Strategy<Value = Move> {
    prop_oneof![
        Just(Move::Continue),
        Just(Move::Skip),
        Just(Move::Cancel),
        phone_method().prop_map(Move::SendCode),
        any_method().prop_map(Move::RightCode),
        any_method().prop_map(Move::WrongCode),
        any_method().prop_map(Move::Garbage),
        Just(Move::BeginApp),
        Just(Move::BeginPhone),
        Just(Move::ConfirmRight),
        Just(Move::ConfirmWrong),
        Just(Move::Strong),
        Just(Move::Weak),
        Just(Move::Mismatch),
    ]
}

struct Client<'a> {
    backend: &'a MockBackend,
    clock: &'a FixedClock,
    username: &'static str,
}

impl Client<'_> {
    fn now_s(&self) -> u64 {
        self.clock.now_ms() / 1000
    }

    fn right_code(&self, method: MethodKind) -> String {
        match method {
            MethodKind::AuthenticatorApp => self
                .backend
                .authenticator_secret(self.username)
                .map(|s| totp::code_at(&s, self.now_s()))
                .unwrap_or_else(|| "123456".into()),
            _ => self.backend.phone_messages().pop().map_or("123456".into(), |m| m.code),
        }
    }

    /// The code for what is being registered: from the key shown, or the new phone's text.
    fn registration_code(&self, reply: &Reply) -> String {
        match &reply.enrollment {
            Some(e) if e.method == MethodKind::AuthenticatorApp => {
                let secret = totp::base32_decode(&e.key).unwrap_or_default();
                totp::code_at(&secret, self.now_s())
            }
            _ => self.right_code(MethodKind::Sms),
        }
    }

    fn wrong(&self, right: &str) -> String {
        if right == "000000" { "111111" } else { "000000" }.into()
    }

    fn input(&self, reply: &Reply, m: Move) -> Input {
        let code = |method, code: String| Input::Code { method, code };
        match m {
            Move::Continue => Input::Continue,
            Move::Skip => Input::Skip,
            Move::Cancel => Input::Cancel,
            Move::SendCode(method) => Input::SendCode { method },
            Move::RightCode(method) => code(method, self.right_code(method)),
            Move::WrongCode(method) => code(method, self.wrong(&self.right_code(method))),
            Move::Garbage(method) => code(method, "<12a>".into()),
            Move::BeginApp => Input::BeginRegistration { method: MethodKind::AuthenticatorApp, phone: None },
            Move::BeginPhone => {
                Input::BeginRegistration { method: MethodKind::Sms, phone: Some("+1 425 555 0100".into()) }
            }
            Move::ConfirmRight => Input::ConfirmRegistration { code: self.registration_code(reply) },
            Move::ConfirmWrong => {
                Input::ConfirmRegistration { code: self.wrong(&self.registration_code(reply)) }
            }
            Move::Strong => Input::NewPassword { password: STRONG.into(), confirm: STRONG.into() },
            Move::Weak => {
                Input::NewPassword { password: "Contoso-Blank1".into(), confirm: "Contoso-Blank1".into() }
            }
            Move::Mismatch => Input::NewPassword { password: STRONG.into(), confirm: "other".into() },
        }
    }
}

/// What went through so far, as the client saw it.
#[derive(Default)]
struct Done {
    mfa: bool,
    new_password: bool,
    registration: bool,
    mismatch_taken: bool,
}

fn note(done: &mut Done, before: &Step, m: Move, after: &Step) {
    let moved_on = std::mem::discriminant(before) != std::mem::discriminant(after);
    match (before, m) {
        (Step::MfaChallenge { .. }, Move::RightCode(_)) if moved_on => done.mfa = true,
        // Whether a candidate is strong enough is password protection's call (a tenant's
        // word may be fine for another tenant's user); two different ones never pass.
        (Step::ChangePassword { .. }, Move::Strong | Move::Weak) if moved_on => done.new_password = true,
        (Step::ChangePassword { .. }, Move::Mismatch) if moved_on => done.mismatch_taken = true,
        (Step::Register { .. }, Move::ConfirmRight) if moved_on => done.registration = true,
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_generated_client_gets_signed_in_past_a_required_step(
        persona in any::<prop::sample::Index>(),
        moves in prop::collection::vec((a_move(), 0u32..4, 0u64..20_000), 1..14),
    ) {
        let p = persona.get(seed::PERSONAS);
        let clock = Rc::new(FixedClock::at(START));
        let backend = MockBackend::seeded(clock.clone(), Rc::new(SeededEntropy::default()));
        let client = Client { backend: &backend, clock: &clock, username: p.username };
        let request = SignInRequest::new(p.username, p.password);
        let mut reply = backend.sign_in_now(request).unwrap();
        let mut done = Done::default();
        let need = needs(p.username);
        for (m, stale, wait_ms) in moves {
            if let Step::SignedIn { .. } = reply.step {
                break;
            }
            clock.advance(wait_ms);
            // One time in four, a step number that is not the current one.
            let seq = if stale == 0 { reply.seq.wrapping_add(1) } else { reply.seq };
            let input = client.input(&reply, m);
            if let Ok(next) = backend.send_now(&reply.flow_id, seq, input) {
                prop_assert!(stale != 0, "an input for another step was taken");
                note(&mut done, &reply.step, m, &next.step);
                reply = next;
            }
        }
        prop_assert!(!done.mismatch_taken, "two different new passwords were taken");
        if let Step::SignedIn { .. } = reply.step {
            prop_assert!(!need.never, "{} signed in", p.username);
            prop_assert!(!need.mfa || done.mfa, "{} signed in without MFA", p.username);
            prop_assert!(!need.new_password || done.new_password, "{} signed in without a new password", p.username);
            prop_assert!(!need.registration || done.registration, "{} signed in without registering", p.username);
            prop_assert!(reply.session.is_some());
        } else {
            prop_assert!(reply.session.is_none(), "a session before signing in");
        }
    }
}
