//! Passkeys in the mock: challenges made from injected entropy, each good once and
//! for a short while; registrations and sign-ins checked by `webauthn`; credentials
//! kept with the account.
use super::health::view;
use super::{MockBackend, Saved, Start, State};
use crate::api::{AccountView, BackendError, Reply};
use crate::directory::Account;
use crate::engine::reset::ResetEvent;
use crate::engine::{Event, MethodKind};
use crate::webauthn::{
    self, b64url_encode, PasskeyAssertion, PasskeyCreated, PasskeyOptions, RelyingParty, StoredPasskey,
    WebAuthnError,
};
use sha2::{Digest, Sha256};

/// A passkey challenge must be answered within two minutes.
pub const PASSKEY_CHALLENGE_TTL_MS: u64 = 2 * 60 * 1000;

/// Until the page says where it is (`set_relying_party`): what `make serve` uses.
pub(super) fn default_relying_party() -> RelyingParty {
    RelyingParty { id: "localhost".into(), origin: "http://localhost:8080".into() }
}

pub(super) struct Challenge {
    bytes: Vec<u8>,
    expires_ms: u64,
}

/// Sign-in challenges kept per username; the oldest goes first.
const SIGN_IN_CHALLENGES_PER_NAME: usize = 4;

/// The challenge's bytes, if there is one and it is still good. The caller has taken
/// it out of its slot, so it is used up whatever happens next.
fn redeem(slot: Option<Challenge>, now: u64) -> Result<Vec<u8>, BackendError> {
    match slot {
        Some(c) if c.expires_ms > now => Ok(c.bytes),
        _ => Err(BackendError::Passkey(WebAuthnError::ChallengeExpired)),
    }
}

/// Takes out of `held` the challenge `answer` says it signed, if it is one of them.
fn take_answered(held: &mut Vec<Challenge>, answer: &PasskeyAssertion) -> Option<Challenge> {
    let claimed = webauthn::claimed_challenge(&answer.client_data_json)?;
    let at = held.iter().position(|c| crate::hash::constant_time_eq(&c.bytes, &claimed))?;
    Some(held.remove(at))
}

fn refused(e: WebAuthnError) -> BackendError {
    BackendError::Passkey(e)
}

impl MockBackend {
    /// Where passkeys are valid: the RP id (host name) and the page's exact origin.
    pub fn set_relying_party(&self, rp: RelyingParty) {
        *self.rp.borrow_mut() = rp;
    }

    pub fn relying_party(&self) -> RelyingParty {
        self.rp.borrow().clone()
    }

    fn new_challenge(&self, now: u64) -> Challenge {
        let mut bytes = vec![0u8; 32];
        self.entropy.fill(&mut bytes);
        Challenge { bytes, expires_ms: now + PASSKEY_CHALLENGE_TTL_MS }
    }

    /// The options the browser needs for account `idx`, signed in already (a flow,
    /// a reset's proof, account health). `create`: exclude the account's passkeys;
    /// otherwise allow only them.
    fn options(&self, saved: &Saved, idx: usize, c: &Challenge, create: bool) -> PasskeyOptions {
        let account = &saved.accounts[idx];
        let tenant = saved.tenants.iter().find(|t| t.id == account.signs_in_to);
        PasskeyOptions {
            create,
            challenge: b64url_encode(&c.bytes),
            rp_id: self.rp.borrow().id.clone(),
            rp_name: tenant.map_or("Riskgate".into(), |t| t.name.clone()),
            user_id: user_handle(&account.username),
            user_name: account.username.clone(),
            display_name: account.display_name.clone(),
            credential_ids: account.passkeys.iter().map(|p| p.id.clone()).collect(),
        }
    }

    /// The options for signing in with a passkey, before anything is proven: alike for
    /// every username, known or not. The names are the ones the request gave, and an
    /// account without passkeys (or none at all) is offered a decoy id derived from
    /// the username, so the same name always gets the same answer.
    fn sign_in_options(
        &self,
        st: &State,
        idx: Option<usize>,
        username: &str,
        tenant: Option<&str>,
        c: &Challenge,
    ) -> PasskeyOptions {
        let tenant_name = tenant.and_then(|id| st.saved.tenants.iter().find(|t| t.id == id));
        let mut ids: Vec<String> = idx
            .map(|i| st.saved.accounts[i].passkeys.iter().map(|p| p.id.clone()).collect())
            .unwrap_or_default();
        if ids.is_empty() {
            ids.push(b64url_encode(&super::keyed(&st.decoy_key, "passkey", username)));
        }
        PasskeyOptions {
            create: false,
            challenge: b64url_encode(&c.bytes),
            rp_id: self.rp.borrow().id.clone(),
            rp_name: tenant_name.map_or("Riskgate".into(), |t| t.name.clone()),
            user_id: user_handle(username),
            user_name: username.to_string(),
            display_name: username.to_string(),
            credential_ids: ids,
        }
    }

    /// A challenge for signing in with a passkey. Any username gets one, so the
    /// answer does not tell whether the account exists (in `tenant`, if named).
    pub fn begin_passkey_sign_in_now(
        &self,
        username: &str,
        tenant: Option<&str>,
    ) -> Result<PasskeyOptions, BackendError> {
        let username = username.trim();
        if username.is_empty() {
            return Err(crate::api::invalid(crate::api::Field::Username, crate::api::Problem::Empty));
        }
        let now = self.clock.now_ms();
        let challenge = self.new_challenge(now);
        let mut st = self.state.borrow_mut();
        let idx = signing_in(&st.saved, username, tenant);
        let options = self.sign_in_options(&st, idx, username, tenant, &challenge);
        let held = st.passkey_sign_ins.entry(username.to_ascii_lowercase()).or_default();
        held.retain(|c| c.expires_ms > now);
        if held.len() >= SIGN_IN_CHALLENGES_PER_NAME {
            held.remove(0);
        }
        held.push(challenge);
        Ok(options)
    }

    /// Checks the passkey's answer, then runs the engine as after a password; the
    /// passkey counts as the sign-in's MFA.
    pub fn passkey_sign_in_now(
        &self,
        username: &str,
        tenant: Option<&str>,
        answer: &PasskeyAssertion,
    ) -> Result<Reply, BackendError> {
        let username = username.trim();
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let held = st.passkey_sign_ins.get_mut(&username.to_ascii_lowercase());
        let challenge = redeem(held.and_then(|held| take_answered(held, answer)), now)?;
        let idx = signing_in(&st.saved, username, tenant).ok_or(refused(WebAuthnError::UnknownCredential))?;
        let rp = self.relying_party();
        let checked = assert_with(&rp, &mut st.saved.accounts[idx], &challenge, answer, now);
        drop(st);
        self.save(); // the counter has moved on, whatever the engine decides
        checked?;
        let mut st = self.state.borrow_mut();
        let source = self.source_of(&st, idx, None)?;
        let out = self.start_flow(&mut st, idx, source, Start::Passkey, now);
        drop(st);
        self.save();
        out
    }

    /// A challenge for adding a passkey from account health (after a sign-in that
    /// proved the person, like any other method).
    pub fn begin_passkey_now(&self, session: &str) -> Result<PasskeyOptions, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let idx = Self::proven_session_account(&mut st, session, now)?;
        let (challenge, options) = self.challenge_for(&st.saved, idx, true, now);
        st.adding_passkeys.insert(session.to_string(), challenge);
        Ok(options)
    }

    pub fn confirm_passkey_now(
        &self,
        session: &str,
        created: &PasskeyCreated,
    ) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let mut st = self.state.borrow_mut();
        let idx = Self::proven_session_account(&mut st, session, now)?;
        let challenge = redeem(st.adding_passkeys.remove(session), now)?;
        store_new(&self.relying_party(), &mut st.saved, idx, &challenge, created, now)?;
        let out = view(&st, idx, now);
        drop(st);
        self.save();
        Ok(out)
    }

    /// Hands out a challenge in a flow: to answer its MFA challenge, or to register.
    pub(super) fn offer_passkey(
        &self,
        st: &mut State,
        flow_id: &str,
        create: bool,
        now: u64,
    ) -> Result<(), BackendError> {
        let idx = st.flows.get(flow_id).ok_or(BackendError::UnknownFlow)?.account;
        let (challenge, options) = self.challenge_for(&st.saved, idx, create, now);
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        rec.passkey = Some(challenge);
        rec.passkey_view = Some(options);
        Ok(())
    }

    /// A challenge for proving a reset with one of the account's passkeys.
    pub(super) fn offer_reset_passkey(
        &self,
        st: &mut State,
        reset_id: &str,
        now: u64,
    ) -> Result<(), BackendError> {
        let rec = st.resets.get(reset_id).ok_or(BackendError::UnknownFlow)?;
        let idx = rec.account.ok_or(BackendError::Unexpected { input: "BeginPasskey".into() })?;
        let (challenge, options) = self.challenge_for(&st.saved, idx, false, now);
        let rec = st.resets.get_mut(reset_id).ok_or(BackendError::UnknownFlow)?;
        rec.passkey = Some(challenge);
        rec.passkey_view = Some(options);
        Ok(())
    }

    /// A fresh challenge for account `idx`, and the options the browser needs for it.
    fn challenge_for(
        &self,
        saved: &Saved,
        idx: usize,
        create: bool,
        now: u64,
    ) -> (Challenge, PasskeyOptions) {
        let challenge = self.new_challenge(now);
        let options = self.options(saved, idx, &challenge, create);
        (challenge, options)
    }

    /// The passkey's answer for a reset: a proof, or a typed refusal that proves nothing.
    pub(super) fn check_reset_passkey(
        &self,
        st: &mut State,
        reset_id: &str,
        answer: &PasskeyAssertion,
        now: u64,
    ) -> Result<ResetEvent, BackendError> {
        let rec = st.resets.get_mut(reset_id).ok_or(BackendError::UnknownFlow)?;
        let challenge = redeem(rec.passkey.take(), now)?;
        let idx = rec.account.ok_or(refused(WebAuthnError::UnknownCredential))?;
        assert_with(&self.relying_party(), &mut st.saved.accounts[idx], &challenge, answer, now)?;
        Ok(ResetEvent::Verified(MethodKind::Passkey))
    }

    pub(super) fn check_flow_passkey(
        &self,
        st: &mut State,
        flow_id: &str,
        answer: &PasskeyAssertion,
        now: u64,
    ) -> Result<Event, BackendError> {
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        let challenge = redeem(rec.passkey.take(), now)?;
        let idx = rec.account;
        assert_with(&self.relying_party(), &mut st.saved.accounts[idx], &challenge, answer, now)?;
        Ok(Event::MfaPassed(MethodKind::Passkey))
    }

    pub(super) fn register_flow_passkey(
        &self,
        st: &mut State,
        flow_id: &str,
        created: &PasskeyCreated,
        now: u64,
    ) -> Result<Event, BackendError> {
        let rec = st.flows.get_mut(flow_id).ok_or(BackendError::UnknownFlow)?;
        let challenge = redeem(rec.passkey.take(), now)?;
        let idx = rec.account;
        store_new(&self.relying_party(), &mut st.saved, idx, &challenge, created, now)?;
        Ok(Event::RegistrationCompleted(MethodKind::Passkey))
    }
}

/// The account `username` names, if it may sign in here: with `tenant`, only that
/// organisation's members and guests (as for a password).
fn signing_in(saved: &Saved, username: &str, tenant: Option<&str>) -> Option<usize> {
    saved
        .accounts
        .iter()
        .position(|a| a.username.eq_ignore_ascii_case(username))
        .filter(|&i| tenant.is_none_or(|t| saved.accounts[i].signs_in_to == t))
}

/// Checks `answer` against the account's passkey it names and moves its counter on.
/// Either way it counts as a second factor: a refusal towards the lock, a pass clears it.
fn assert_with(
    rp: &RelyingParty,
    account: &mut Account,
    challenge: &[u8],
    answer: &PasskeyAssertion,
    now: u64,
) -> Result<(), BackendError> {
    let checked = verify_with(rp, account, challenge, answer);
    super::count_second_factor(account, checked.is_ok(), now);
    checked
}

fn verify_with(
    rp: &RelyingParty,
    account: &mut Account,
    challenge: &[u8],
    answer: &PasskeyAssertion,
) -> Result<(), BackendError> {
    let stored = account
        .passkeys
        .iter_mut()
        .find(|p| p.id == answer.id)
        .filter(|_| account.state.methods.contains(&MethodKind::Passkey))
        .ok_or(refused(WebAuthnError::UnknownCredential))?;
    stored.sign_count = webauthn::verify_assertion(rp, challenge, stored, answer).map_err(refused)?;
    Ok(())
}

/// The user handle must not be personal data: a hash of the username.
fn user_handle(username: &str) -> String {
    b64url_encode(&Sha256::digest(username.to_ascii_lowercase().as_bytes())[..16])
}

/// Checks a new passkey, refuses one that any account already holds, and stores it.
/// A passwordless account's temporary access pass ends with its first passkey.
fn store_new(
    rp: &RelyingParty,
    saved: &mut Saved,
    idx: usize,
    challenge: &[u8],
    created: &PasskeyCreated,
    now: u64,
) -> Result<(), BackendError> {
    let new = webauthn::verify_registration(rp, challenge, created).map_err(refused)?;
    let id = b64url_encode(&new.id);
    for account in &saved.accounts {
        webauthn::check_not_registered(&account.passkeys, &new).map_err(refused)?;
        // A passkey once removed (by its owner or an admin) never comes back.
        if account.revoked_passkeys.contains(&id) {
            return Err(refused(WebAuthnError::DuplicateCredential));
        }
    }
    let account = &mut saved.accounts[idx];
    account.passkeys.push(StoredPasskey {
        id: b64url_encode(&new.id),
        public_key: b64url_encode(&new.public_key),
        sign_count: new.sign_count,
        created_ms: now,
    });
    if !account.has_method(MethodKind::Passkey) {
        account.state.methods.push(MethodKind::Passkey);
    }
    if !account.state.has_password {
        account.password_hash.clear();
    }
    Ok(())
}
