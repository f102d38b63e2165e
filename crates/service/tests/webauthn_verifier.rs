//! The passkey verifier against answers recorded from Chromium's virtual authenticator
//! (scripts/record-webauthn.mjs), as recorded and tampered with.
#![cfg(not(target_arch = "wasm32"))]

use riskgate_service::webauthn::{
    b64url_decode, b64url_encode, check_not_registered, verify_assertion, verify_registration,
    PasskeyAssertion, PasskeyCreated, RelyingParty, StoredPasskey, WebAuthnError,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Recorded {
    rp_id: String,
    origin: String,
    registration: Registration,
    assertions: Vec<Assertion>,
}

#[derive(Deserialize)]
struct Registration {
    challenge: String,
    #[serde(flatten)]
    created: PasskeyCreated,
}

#[derive(Deserialize)]
struct Assertion {
    challenge: String,
    #[serde(flatten)]
    answer: PasskeyAssertion,
}

fn recorded() -> Recorded {
    serde_json::from_str(include_str!("fixtures/webauthn/recorded.json")).expect("fixture")
}

fn rp(r: &Recorded) -> RelyingParty {
    RelyingParty { id: r.rp_id.clone(), origin: r.origin.clone() }
}

fn bytes(b64: &str) -> Vec<u8> {
    b64url_decode(b64).unwrap()
}

/// The registered passkey, as the directory would store it.
fn stored(r: &Recorded) -> StoredPasskey {
    let new = verify_registration(&rp(r), &bytes(&r.registration.challenge), &r.registration.created)
        .expect("the recorded registration is good");
    StoredPasskey {
        id: b64url_encode(&new.id),
        public_key: b64url_encode(&new.public_key),
        sign_count: new.sign_count,
        created_ms: 0,
    }
}

fn check(r: &Recorded, key: &StoredPasskey, i: usize) -> Result<u32, WebAuthnError> {
    let a = &r.assertions[i];
    verify_assertion(&rp(r), &bytes(&a.challenge), key, &a.answer)
}

/// clientDataJSON with `from` replaced by `to`, re-encoded.
fn edit_client_data(b64: &str, from: &str, to: &str) -> String {
    let text = String::from_utf8(bytes(b64)).unwrap();
    assert!(text.contains(from), "{from} not in {text}");
    b64url_encode(text.replace(from, to).as_bytes())
}

fn edit_bytes(b64: &str, edit: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut b = bytes(b64);
    edit(&mut b);
    b64url_encode(&b)
}

#[test]
fn a_recorded_registration_gives_the_credential_id_key_and_count() {
    let r = recorded();
    let key = stored(&r);
    assert_eq!(key.id, r.registration.created.id);
    assert_eq!(bytes(&key.public_key).len(), 65, "SEC1 uncompressed P-256 point");
    assert_eq!(key.sign_count, 1, "Chromium's virtual authenticator counts from 1");
}

#[test]
fn recorded_sign_ins_verify_and_the_count_grows() {
    let r = recorded();
    let mut key = stored(&r);
    key.sign_count = check(&r, &key, 0).expect("first sign-in");
    assert_eq!(key.sign_count, 2);
    key.sign_count = check(&r, &key, 1).expect("second sign-in");
    assert_eq!(key.sign_count, 3);
}

#[test]
fn a_replayed_older_answer_is_refused_by_its_count() {
    let r = recorded();
    let mut key = stored(&r);
    key.sign_count = check(&r, &key, 1).unwrap();
    assert_eq!(check(&r, &key, 0), Err(WebAuthnError::SignCountNotGrowing));
    assert_eq!(check(&r, &key, 1), Err(WebAuthnError::SignCountNotGrowing), "the same answer twice");
}

#[test]
fn a_zero_counter_on_both_sides_is_accepted_but_a_drop_to_zero_is_not() {
    let r = recorded();
    let key = stored(&r);
    // The counter is signed, so only a stored count can be varied here.
    let fresh = StoredPasskey { sign_count: 0, ..key.clone() };
    assert_eq!(check(&r, &fresh, 0), Ok(2));
    let ahead = StoredPasskey { sign_count: 2, ..key };
    assert_eq!(check(&r, &ahead, 0), Err(WebAuthnError::SignCountNotGrowing));
}

#[test]
fn a_flipped_signature_byte_is_refused() {
    let r = recorded();
    let key = stored(&r);
    let mut a = r.assertions[0].answer.clone();
    // The last byte is inside the S integer of the DER signature.
    a.signature = edit_bytes(&a.signature, |b| *b.last_mut().unwrap() ^= 0x01);
    let challenge = bytes(&r.assertions[0].challenge);
    assert_eq!(verify_assertion(&rp(&r), &challenge, &key, &a), Err(WebAuthnError::BadSignature));
    // Another signature altogether (the second sign-in's) does not fit either.
    let mut b = r.assertions[0].answer.clone();
    b.signature = r.assertions[1].answer.signature.clone();
    assert_eq!(verify_assertion(&rp(&r), &challenge, &key, &b), Err(WebAuthnError::BadSignature));
}

#[test]
fn a_wrong_challenge_is_refused() {
    let r = recorded();
    let key = stored(&r);
    let other = bytes(&r.assertions[1].challenge);
    assert_eq!(
        verify_assertion(&rp(&r), &other, &key, &r.assertions[0].answer),
        Err(WebAuthnError::ChallengeMismatch)
    );
    let other = bytes(&r.assertions[0].challenge);
    assert_eq!(
        verify_registration(&rp(&r), &other, &r.registration.created),
        Err(WebAuthnError::ChallengeMismatch)
    );
}

#[test]
fn a_wrong_origin_is_refused_as_recorded_and_as_tampered() {
    let r = recorded();
    let key = stored(&r);
    // A phishing site's page: the browser reports its own origin.
    let phishing = RelyingParty { id: r.rp_id.clone(), origin: "https://login.contoso-example.net".into() };
    let a = &r.assertions[0];
    assert_eq!(
        verify_assertion(&phishing, &bytes(&a.challenge), &key, &a.answer),
        Err(WebAuthnError::WrongOrigin)
    );
    assert_eq!(
        verify_registration(&phishing, &bytes(&r.registration.challenge), &r.registration.created),
        Err(WebAuthnError::WrongOrigin)
    );
    let mut tampered = a.answer.clone();
    tampered.client_data_json =
        edit_client_data(&tampered.client_data_json, &r.origin, "http://evil.example");
    assert_eq!(check_answer(&r, &key, &tampered), Err(WebAuthnError::WrongOrigin));
    let mut framed = a.answer.clone();
    framed.client_data_json =
        edit_client_data(&framed.client_data_json, "\"crossOrigin\":false", "\"crossOrigin\":true");
    assert_eq!(check_answer(&r, &key, &framed), Err(WebAuthnError::WrongOrigin));
}

fn check_answer(r: &Recorded, key: &StoredPasskey, answer: &PasskeyAssertion) -> Result<u32, WebAuthnError> {
    verify_assertion(&rp(r), &bytes(&r.assertions[0].challenge), key, answer)
}

#[test]
fn a_wrong_type_is_refused() {
    let r = recorded();
    let key = stored(&r);
    let mut a = r.assertions[0].answer.clone();
    a.client_data_json = edit_client_data(&a.client_data_json, "webauthn.get", "webauthn.create");
    assert_eq!(check_answer(&r, &key, &a), Err(WebAuthnError::WrongType));
    let mut c = r.registration.created.clone();
    c.client_data_json = edit_client_data(&c.client_data_json, "webauthn.create", "webauthn.get");
    let challenge = bytes(&r.registration.challenge);
    assert_eq!(verify_registration(&rp(&r), &challenge, &c), Err(WebAuthnError::WrongType));
}

#[test]
fn a_wrong_rp_id_hash_is_refused() {
    let r = recorded();
    let key = stored(&r);
    let mut a = r.assertions[0].answer.clone();
    a.authenticator_data = edit_bytes(&a.authenticator_data, |b| b[0] ^= 0xff);
    assert_eq!(check_answer(&r, &key, &a), Err(WebAuthnError::WrongRelyingParty));
    // Or the RP id we expect differs from the one the passkey was made for.
    let elsewhere = RelyingParty { id: "contoso.example".into(), origin: r.origin.clone() };
    let first = &r.assertions[0];
    assert_eq!(
        verify_assertion(&elsewhere, &bytes(&first.challenge), &key, &first.answer),
        Err(WebAuthnError::WrongRelyingParty)
    );
}

#[test]
fn cleared_user_present_or_verified_flags_are_refused() {
    let r = recorded();
    let key = stored(&r);
    for (bit, expected) in [(0x01, WebAuthnError::UserNotPresent), (0x04, WebAuthnError::UserNotVerified)] {
        let mut a = r.assertions[0].answer.clone();
        a.authenticator_data = edit_bytes(&a.authenticator_data, |b| b[32] &= !bit);
        assert_eq!(check_answer(&r, &key, &a), Err(expected));
    }
}

#[test]
fn a_tampered_counter_breaks_the_signature() {
    let r = recorded();
    let key = stored(&r);
    let mut a = r.assertions[0].answer.clone();
    a.authenticator_data = edit_bytes(&a.authenticator_data, |b| b[36] = 0x7f);
    assert_eq!(check_answer(&r, &key, &a), Err(WebAuthnError::BadSignature));
}

#[test]
fn a_tampered_registration_is_refused() {
    let r = recorded();
    let challenge = bytes(&r.registration.challenge);
    let mut c = r.registration.created.clone();
    c.attestation_object = edit_bytes(&c.attestation_object, |b| b.truncate(b.len() - 3));
    assert_eq!(verify_registration(&rp(&r), &challenge, &c), Err(WebAuthnError::Malformed));
    let mut c = r.registration.created.clone();
    c.id = b64url_encode(b"another id");
    assert_eq!(verify_registration(&rp(&r), &challenge, &c), Err(WebAuthnError::Malformed));
    let mut c = r.registration.created.clone();
    c.client_data_json = "not base64!".into();
    assert_eq!(verify_registration(&rp(&r), &challenge, &c), Err(WebAuthnError::Malformed));
}

#[test]
fn the_recorded_passkey_cannot_be_registered_twice() {
    let r = recorded();
    let first = stored(&r);
    let again =
        verify_registration(&rp(&r), &bytes(&r.registration.challenge), &r.registration.created).unwrap();
    assert_eq!(check_not_registered(&[], &again), Ok(()));
    assert_eq!(check_not_registered(&[first], &again), Err(WebAuthnError::DuplicateCredential));
}
