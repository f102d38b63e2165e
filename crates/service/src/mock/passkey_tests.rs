//! Passkeys through the mock, with a software authenticator that signs as a real one
//! does: registration from account health and from guided registration, a risky
//! sign-in answered with a passkey, and every refusal (replay, reuse, expiry, origin,
//! duplicate) as a typed error that signs nobody in.
use super::*;
use crate::api::SignInSource;
use crate::api::{ResetInput, ResetReply};
use crate::engine::reset::ResetStep;
use crate::engine::{BlockReason, NoticeKind, RiskDetail, RiskKind, RiskLevel};
use crate::platform::{FixedClock, SeededEntropy};
use crate::soft_key::SoftKey;
use crate::webauthn::{b64url_decode, b64url_encode, WebAuthnError};

const START: u64 = 1_800_000_000_000;
const ORIGIN: &str = "https://login.riskgate.example";
const RP_ID: &str = "login.riskgate.example";

struct Fixture {
    clock: Rc<FixedClock>,
    backend: MockBackend,
}

fn fixture() -> Fixture {
    let clock = Rc::new(FixedClock::at(START));
    let backend = MockBackend::seeded(clock.clone(), Rc::new(SeededEntropy::default()));
    backend.set_relying_party(RelyingParty { id: RP_ID.into(), origin: ORIGIN.into() });
    Fixture { clock, backend }
}

fn password_of(username: &str) -> &'static str {
    seed::PERSONAS.iter().find(|p| p.username == username).expect(username).password
}

fn anonymous_network() -> SignInSource {
    let place = super::super::directory::place("Seattle", "US", 47.61, -122.33);
    super::super::directory::source(place, "198.51.100.99", "Work laptop", "Mail")
}

impl Fixture {
    fn sign_in(&self, username: &str, source: Option<SignInSource>) -> Reply {
        self.backend.accept_client_sources(source.is_some());
        let req = SignInRequest {
            username: username.into(),
            password: password_of(username).into(),
            source,
            tenant: None,
        };
        self.backend.sign_in_now(req).expect("signs in")
    }

    fn send(&self, reply: &Reply, input: Input) -> Result<Reply, BackendError> {
        self.backend.send_now(&reply.flow_id, reply.seq, input)
    }

    /// Ravi's risky first sign-in, passed with his app: a session that may add methods.
    fn proven_session(&self) -> String {
        let user = "ravi@contoso.example";
        let r = self.sign_in(user, None);
        let r = self.send(&r, Input::Continue).unwrap();
        let secret = self.backend.authenticator_secret(user).unwrap();
        let code = totp::code_at(&secret, self.clock.now_ms() / 1000);
        let r = self.send(&r, Input::Code { method: MethodKind::AuthenticatorApp, code }).unwrap();
        r.session.expect("signed in")
    }

    fn add_passkey(&self, session: &str, key: &mut SoftKey) -> AccountView {
        let options = self.backend.begin_passkey_now(session).unwrap();
        self.backend.confirm_passkey_now(session, &key.create(&options)).expect("passkey added")
    }

    /// A risky sign-in of Ravi's, up to the challenge for his passkey.
    fn risky_to_passkey(&self) -> Reply {
        let r = self.sign_in("ravi@contoso.example", Some(anonymous_network()));
        let r = self.send(&r, Input::Continue).unwrap();
        let Step::MfaChallenge { ref methods, .. } = r.step else { panic!("{:?}", r.step) };
        assert!(methods.contains(&MethodKind::Passkey));
        let r = self.send(&r, Input::BeginPasskey).unwrap();
        assert!(r.passkey.is_some(), "the reply carries the challenge");
        r
    }
}

fn passkey_error(e: WebAuthnError) -> BackendError {
    BackendError::Passkey(e)
}

#[test]
fn a_passkey_added_from_account_health_is_stored_with_its_key_and_count() {
    let f = fixture();
    let session = f.proven_session();
    let mut key = SoftKey::new(7, ORIGIN);
    let view = f.add_passkey(&session, &mut key);
    assert!(view.methods.contains(&MethodKind::Passkey));
    let stored = &f.backend.account_of("ravi@contoso.example").unwrap().passkeys;
    assert_eq!(stored.len(), 1);
    assert_eq!(b64url_decode(&stored[0].id).unwrap(), key.id);
    assert_eq!(stored[0].sign_count, 1);
    assert_eq!(b64url_decode(&stored[0].public_key).unwrap().len(), 65);
}

#[test]
fn a_password_only_session_cannot_add_a_passkey() {
    let f = fixture();
    let r = f.sign_in("ada@contoso.example", None);
    let session = r.session.unwrap();
    assert_eq!(f.backend.begin_passkey_now(&session).unwrap_err(), BackendError::StepUpRequired);
}

#[test]
fn a_risky_sign_in_is_passed_with_a_passkey_and_the_count_grows() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    let r = f.risky_to_passkey();
    let answer = key.get(r.passkey.as_ref().unwrap());
    let r = f.send(&r, Input::PasskeyAssertion(answer)).unwrap();
    assert!(matches!(r.step, Step::SignedIn { ref remediations } if remediations.len() == 1), "{:?}", r.step);
    assert_eq!(f.backend.account_of("ravi@contoso.example").unwrap().passkeys[0].sign_count, 2);
}

#[test]
fn a_replayed_answer_is_refused_and_does_not_sign_in() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    let r = f.risky_to_passkey();
    let old = key.get(r.passkey.as_ref().unwrap());
    f.send(&r, Input::PasskeyAssertion(old.clone())).unwrap();
    // Someone who captured that answer tries it on a new sign-in.
    let r = f.risky_to_passkey();
    let e = f.send(&r, Input::PasskeyAssertion(old)).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::ChallengeMismatch));
    let rec = f.backend.rows.borrow();
    assert!(matches!(rec.flows[&r.flow_id].flow.step(), Step::MfaChallenge { .. }), "not signed in");
}

#[test]
fn a_challenge_is_good_once_and_not_after_it_expires() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    let r = f.risky_to_passkey();
    let answer = key.get(r.passkey.as_ref().unwrap());
    f.clock.advance(PASSKEY_CHALLENGE_TTL_MS + 1);
    let e = f.send(&r, Input::PasskeyAssertion(answer.clone())).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::ChallengeExpired));
    let e = f.send(&r, Input::PasskeyAssertion(answer)).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::ChallengeExpired), "the expired one is gone too");
}

#[test]
fn an_answer_made_for_another_origin_is_refused() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    let r = f.risky_to_passkey();
    key.origin = "https://login.riskgate-example.net".into();
    let answer = key.get(r.passkey.as_ref().unwrap());
    let e = f.send(&r, Input::PasskeyAssertion(answer)).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::WrongOrigin));
}

#[test]
fn an_unregistered_passkey_is_refused() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    let r = f.risky_to_passkey();
    let mut stranger = SoftKey::new(9, ORIGIN);
    let answer = stranger.get(r.passkey.as_ref().unwrap());
    let e = f.send(&r, Input::PasskeyAssertion(answer)).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::UnknownCredential));
}

#[test]
fn the_same_passkey_cannot_be_registered_twice() {
    let f = fixture();
    let session = f.proven_session();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&session, &mut key);
    let options = f.backend.begin_passkey_now(&session).unwrap();
    assert_eq!(options.credential_ids.len(), 1, "the browser is told to exclude it");
    let e = f.backend.confirm_passkey_now(&session, &key.create(&options)).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::DuplicateCredential));
    assert_eq!(f.backend.account_of("ravi@contoso.example").unwrap().passkeys.len(), 1);
}

#[test]
fn a_passkey_challenge_is_refused_where_the_step_does_not_offer_passkeys() {
    let f = fixture();
    let r = f.sign_in("ravi@contoso.example", None);
    let r = f.send(&r, Input::Continue).unwrap();
    let e = f.send(&r, Input::BeginPasskey).unwrap_err();
    assert_eq!(e, BackendError::Unexpected { input: "BeginPasskey".into() });
}

/// Pia: her temporary access pass once, a passkey during registration, then only it.
fn pia_with_passkey(f: &Fixture, key: &mut SoftKey) -> String {
    let r = f.sign_in("pia@contoso.example", None);
    assert!(matches!(r.step, Step::RegistrationInterrupt { .. }), "{:?}", r.step);
    let r = f.send(&r, Input::Continue).unwrap();
    let Step::Register { ref allowed, .. } = r.step else { panic!("{:?}", r.step) };
    assert!(allowed.contains(&MethodKind::Passkey));
    let r = f.send(&r, Input::BeginPasskey).unwrap();
    let created = key.create(r.passkey.as_ref().unwrap());
    let r = f.send(&r, Input::PasskeyCreated(created)).unwrap();
    assert!(matches!(r.step, Step::SignedIn { .. }), "{:?}", r.step);
    r.session.unwrap()
}

fn passkey_sign_in(f: &Fixture, username: &str, key: &mut SoftKey) -> Result<Reply, BackendError> {
    let options = f.backend.begin_passkey_sign_in_now(username, None).unwrap();
    f.backend.passkey_sign_in_now(username, None, &key.get(&options))
}

#[test]
fn a_passwordless_persona_registers_a_passkey_and_her_pass_then_ends() {
    let f = fixture();
    let mut key = SoftKey::new(3, ORIGIN);
    pia_with_passkey(&f, &mut key);
    let req = SignInRequest {
        username: "pia@contoso.example".into(),
        password: password_of("pia@contoso.example").into(),
        source: None,
        tenant: None,
    };
    assert_eq!(f.backend.sign_in_now(req).unwrap_err(), BackendError::InvalidCredentials);
    let r = passkey_sign_in(&f, "pia@contoso.example", &mut key).unwrap();
    assert_eq!(r.step, Step::SignedIn { remediations: vec![] });
}

#[test]
fn a_passwordless_user_at_risk_re_authenticates_with_a_passkey_and_old_sessions_end() {
    let f = fixture();
    let mut key = SoftKey::new(3, ORIGIN);
    let old_session = pia_with_passkey(&f, &mut key);
    // "This wasn't me" raises her user risk.
    let id = f.backend.sign_in_log().last().unwrap().id;
    f.backend.report_sign_in_now(&old_session, id, false).unwrap();
    let r = passkey_sign_in(&f, "pia@contoso.example", &mut key).unwrap();
    assert!(matches!(r.step, Step::Notice { kind: NoticeKind::UserRisk, .. }), "{:?}", r.step);
    let r = f.send(&r, Input::Continue).unwrap();
    let expected = crate::engine::Remediation {
        risk: RiskKind::User,
        detail: RiskDetail::UserReauthenticatedPasswordless,
    };
    assert_eq!(r.step, Step::SignedIn { remediations: vec![expected] });
    assert_eq!(f.backend.account_now(&old_session).unwrap_err(), BackendError::NotAuthorized);
    assert!(f.backend.account_now(r.session.as_ref().unwrap()).is_ok(), "the new session stands");
    let pia = f.backend.account_of("pia@contoso.example").unwrap();
    assert_eq!(crate::engine::risk::user_risk(&pia.detections, f.clock.now_ms()), RiskLevel::None);
}

#[test]
fn passkey_sign_in_for_an_unknown_user_looks_the_same_until_it_fails() {
    let f = fixture();
    let options = f.backend.begin_passkey_sign_in_now("nobody@contoso.example", None).unwrap();
    assert_eq!(options.credential_ids.len(), 1, "a decoy, as an account with one passkey has");
    assert_eq!(
        (options.display_name.as_str(), options.rp_name.as_str()),
        ("nobody@contoso.example", "Riskgate")
    );
    let again = f.backend.begin_passkey_sign_in_now("nobody@contoso.example", None).unwrap();
    assert_eq!(again.credential_ids, options.credential_ids, "the same name always looks the same");
    let mut key = SoftKey::new(5, ORIGIN);
    let e = f.backend.passkey_sign_in_now("nobody@contoso.example", None, &key.get(&options)).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::UnknownCredential));
}

#[test]
fn a_page_for_one_organisation_takes_no_passkey_sign_in_from_another() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    let user = "ravi@contoso.example";
    let options = f.backend.begin_passkey_sign_in_now(user, Some(seed::WOODGROVE)).unwrap();
    let real = &f.backend.account_of(user).unwrap().passkeys[0].id;
    assert!(!options.credential_ids.contains(real), "looks like an unknown user");
    let e = f.backend.passkey_sign_in_now(user, Some(seed::WOODGROVE), &key.get(&options)).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::UnknownCredential));
    let options = f.backend.begin_passkey_sign_in_now(user, Some(seed::CONTOSO)).unwrap();
    assert!(f.backend.passkey_sign_in_now(user, Some(seed::CONTOSO), &key.get(&options)).is_ok());
}

#[test]
fn a_passkey_sign_in_answers_a_risky_sign_in_at_once() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    f.backend.rows.borrow_mut().accounts.iter_mut().for_each(|a| {
        if a.username == "ravi@contoso.example" {
            a.next_source = Some(anonymous_network());
        }
    });
    let r = passkey_sign_in(&f, "ravi@contoso.example", &mut key).unwrap();
    assert!(matches!(r.step, Step::SignedIn { ref remediations } if remediations.len() == 1), "{:?}", r.step);
}

#[test]
fn a_tenant_asking_for_passkeys_at_high_risk_blocks_those_without_one() {
    let f = fixture();
    f.backend
        .rows
        .borrow_mut()
        .tenants
        .iter_mut()
        .for_each(|t| t.policy.phishing_resistant_for_high_risk = true);
    // Woodgrove blocks high risk anyway; Mia (impossible travel, high) is in Contoso.
    let r = f.sign_in("mia@contoso.example", None);
    assert!(
        matches!(r.step, Step::Blocked { reason: BlockReason::NoPhishingResistantMethod, .. }),
        "{:?}",
        r.step
    );
}

#[test]
fn a_store_saved_before_passkeys_is_reset_not_misread() {
    let store = Rc::new(MemoryStore::default());
    let clock = Rc::new(FixedClock::at(START));
    MockBackend::open(clock.clone(), Rc::new(SeededEntropy::default()), store.clone());
    // Postcard has no field defaults: a directory saved before passkeys is another shape.
    let older = store.load().unwrap().replacen(&format!("{STORE_VERSION}"), "3", 1);
    assert!(older.starts_with(r#"{"version":3,"#), "{older:.40}");
    store.save(&older);
    let b = MockBackend::open(clock, Rc::new(SeededEntropy::default()), store);
    assert!(matches!(b.store_status(), StoreStatus::Reset(why) if why.contains("version 3")));
    assert!(b.account_of("pia@contoso.example").is_some(), "the seed, with its passwordless persona");
}

/// Ravi (app and passkey) starts "forgot my password": the reset offers his passkey.
fn reset_offering_passkey(f: &Fixture) -> ResetReply {
    let r = f.backend.start_reset_now("ravi@contoso.example").unwrap();
    let ResetStep::Verify { ref offered, .. } = r.step else { panic!("{:?}", r.step) };
    assert!(offered.contains(&MethodKind::Passkey), "{offered:?}");
    r
}

#[test]
fn a_passkey_proves_a_password_reset() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    let r = reset_offering_passkey(&f);
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, ResetInput::BeginPasskey).unwrap();
    let options = r.passkey.clone().expect("the reply carries the challenge");
    assert!(options.credential_ids.contains(&b64url_encode(&key.id)), "his passkey is named");
    let read_again = f.backend.current_reset_now(&r.flow_id).unwrap();
    assert_eq!((read_again.seq, read_again.passkey), (r.seq, None), "read again, no challenge is handed out");
    let answer = key.get(&options);
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, ResetInput::PasskeyAssertion(answer)).unwrap();
    assert!(matches!(r.step, ResetStep::NewPassword { .. }), "{:?}", r.step);
    assert_eq!(r.passkey, None, "a challenge is shown once");
    assert_eq!(f.backend.account_of("ravi@contoso.example").unwrap().passkeys[0].sign_count, 2);
}

#[test]
fn a_refused_or_replayed_passkey_proves_no_reset() {
    let f = fixture();
    let mut key = SoftKey::new(7, ORIGIN);
    f.add_passkey(&f.proven_session(), &mut key);
    let r = reset_offering_passkey(&f);
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, ResetInput::BeginPasskey).unwrap();
    let mut stranger = SoftKey::new(9, ORIGIN);
    let e = f
        .backend
        .send_reset_now(
            &r.flow_id,
            r.seq,
            ResetInput::PasskeyAssertion(stranger.get(r.passkey.as_ref().unwrap())),
        )
        .unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::UnknownCredential));
    // The challenge went with that answer: his own, made for it, comes too late.
    let late = key.get(r.passkey.as_ref().unwrap());
    let e = f.backend.send_reset_now(&r.flow_id, r.seq, ResetInput::PasskeyAssertion(late)).unwrap_err();
    assert_eq!(e, passkey_error(WebAuthnError::ChallengeExpired));
    let state = f.backend.rows.borrow();
    assert!(
        matches!(state.resets[&r.flow_id].flow.step(), ResetStep::Verify { ref proven, .. } if proven.is_empty())
    );
}

#[test]
fn a_reset_without_a_passkey_takes_no_passkey_answer() {
    let f = fixture();
    let r = f.backend.start_reset_now("ravi@contoso.example").unwrap();
    let e = f.backend.send_reset_now(&r.flow_id, r.seq, ResetInput::BeginPasskey).unwrap_err();
    assert!(matches!(e, BackendError::Unexpected { .. }), "{e:?}");
}
