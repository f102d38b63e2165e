//! Passkeys in the mock: challenges made from injected entropy, each good once and
//! for a short while; registrations and sign-ins checked by `webauthn`; credentials
//! kept with the account.
use super::authority::{decoy_key, flow, flow_mut, signing_in, Authority, Start};
use super::health::view;
use super::reset::reset_mut;
use super::sessions::proven_session_account;
use super::MockBackend;
use crate::api::{AccountView, BackendError, Reply};
use crate::directory::Account;
use crate::engine::reset::ResetEvent;
use crate::engine::{Event, MethodKind};
use crate::store::{AccountId, Challenge, Work};
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

    /// A challenge for signing in with a passkey. Any username gets one, so the
    /// answer does not tell whether the account exists (in `tenant`, if named).
    pub fn begin_passkey_sign_in_now(
        &self,
        username: &str,
        tenant: Option<&str>,
    ) -> Result<PasskeyOptions, BackendError> {
        self.run(|a, w| a.begin_passkey_sign_in(w, username, tenant))
    }

    /// Checks the passkey's answer, then runs the engine as after a password; the
    /// passkey counts as the sign-in's MFA.
    pub fn passkey_sign_in_now(
        &self,
        username: &str,
        tenant: Option<&str>,
        answer: &PasskeyAssertion,
    ) -> Result<Reply, BackendError> {
        self.run(|a, w| a.passkey_sign_in(w, username, tenant, answer))
    }

    /// A challenge for adding a passkey from account health (after a sign-in that
    /// proved the person, like any other method).
    pub fn begin_passkey_now(&self, session: &str) -> Result<PasskeyOptions, BackendError> {
        self.run(|a, w| a.begin_passkey(w, session))
    }

    pub fn confirm_passkey_now(
        &self,
        session: &str,
        created: &PasskeyCreated,
    ) -> Result<AccountView, BackendError> {
        self.run(|a, w| a.confirm_passkey(w, session, created))
    }
}

impl Authority<'_> {
    fn new_challenge(&self, now: u64) -> Challenge {
        let mut bytes = vec![0u8; 32];
        self.entropy.fill(&mut bytes);
        Challenge { bytes, expires_ms: now + PASSKEY_CHALLENGE_TTL_MS }
    }

    /// The options the browser needs for account `idx`, signed in already (a flow,
    /// a reset's proof, account health). `create`: exclude the account's passkeys;
    /// otherwise allow only them.
    fn options(
        &self,
        w: &mut Work,
        idx: AccountId,
        c: &Challenge,
        create: bool,
    ) -> Result<PasskeyOptions, BackendError> {
        let account = w.account(idx)?.clone();
        let rp_name = w.tenant(&account.signs_in_to)?.map_or("Riskgate".into(), |t| t.name.clone());
        Ok(PasskeyOptions {
            create,
            challenge: b64url_encode(&c.bytes),
            rp_id: self.rp.id.clone(),
            rp_name,
            user_id: user_handle(&account.username),
            user_name: account.username.clone(),
            display_name: account.display_name.clone(),
            credential_ids: account.passkeys.iter().map(|p| p.id.clone()).collect(),
        })
    }

    /// The options for signing in with a passkey, before anything is proven: alike for
    /// every username, known or not. The names are the ones the request gave, and an
    /// account without passkeys (or none at all) is offered a decoy id derived from
    /// the username, so the same name always gets the same answer.
    fn sign_in_options(
        &self,
        w: &mut Work,
        idx: Option<AccountId>,
        username: &str,
        tenant: Option<&str>,
        c: &Challenge,
    ) -> Result<PasskeyOptions, BackendError> {
        let rp_name = match tenant {
            Some(id) => w.tenant(id)?.map(|t| t.name.clone()),
            None => None,
        };
        let mut ids: Vec<String> = match idx {
            Some(i) => w.account(i)?.passkeys.iter().map(|p| p.id.clone()).collect(),
            None => vec![],
        };
        if ids.is_empty() {
            ids.push(b64url_encode(&super::keyed(&decoy_key(w)?, "passkey", username)));
        }
        Ok(PasskeyOptions {
            create: false,
            challenge: b64url_encode(&c.bytes),
            rp_id: self.rp.id.clone(),
            rp_name: rp_name.unwrap_or_else(|| "Riskgate".into()),
            user_id: user_handle(username),
            user_name: username.to_string(),
            display_name: username.to_string(),
            credential_ids: ids,
        })
    }

    pub fn begin_passkey_sign_in(
        &self,
        w: &mut Work,
        username: &str,
        tenant: Option<&str>,
    ) -> Result<PasskeyOptions, BackendError> {
        let username = username.trim();
        if username.is_empty() {
            return Err(crate::api::invalid(crate::api::Field::Username, crate::api::Problem::Empty));
        }
        let now = self.clock.now_ms();
        let challenge = self.new_challenge(now);
        let idx = signing_in(w, username, tenant)?;
        let options = self.sign_in_options(w, idx, username, tenant, &challenge)?;
        let held = w.sign_in_challenges(&username.to_ascii_lowercase())?;
        held.retain(|c| c.expires_ms > now);
        if held.len() >= SIGN_IN_CHALLENGES_PER_NAME {
            held.remove(0);
        }
        held.push(challenge);
        Ok(options)
    }

    pub fn passkey_sign_in(
        &self,
        w: &mut Work,
        username: &str,
        tenant: Option<&str>,
        answer: &PasskeyAssertion,
    ) -> Result<Reply, BackendError> {
        let username = username.trim();
        let now = self.clock.now_ms();
        let held = w.sign_in_challenges(&username.to_ascii_lowercase())?;
        let challenge = redeem(take_answered(held, answer), now)?;
        let idx = signing_in(w, username, tenant)?.ok_or(refused(WebAuthnError::UnknownCredential))?;
        // The counter moves on, whatever the engine decides.
        assert_with(self.rp, w.account_mut(idx)?, &challenge, answer, now)?;
        let source = self.source_of(w.account(idx)?, None)?;
        self.start_flow(w, idx, source, Start::Passkey, now)
    }

    pub fn begin_passkey(&self, w: &mut Work, session: &str) -> Result<PasskeyOptions, BackendError> {
        let now = self.clock.now_ms();
        let idx = proven_session_account(w, session, now)?;
        let (challenge, options) = self.challenge_for(w, idx, true, now)?;
        w.put_adding_passkey(session, challenge);
        Ok(options)
    }

    pub fn confirm_passkey(
        &self,
        w: &mut Work,
        session: &str,
        created: &PasskeyCreated,
    ) -> Result<AccountView, BackendError> {
        let now = self.clock.now_ms();
        let idx = proven_session_account(w, session, now)?;
        let challenge = redeem(w.take_adding_passkey(session)?, now)?;
        store_new(self.rp, w, idx, &challenge, created, now)?;
        view(w, idx, now)
    }

    /// Hands out a challenge in a flow: to answer its MFA challenge, or to register.
    pub(super) fn offer_passkey(
        &self,
        w: &mut Work,
        flow_id: &str,
        create: bool,
        now: u64,
    ) -> Result<(), BackendError> {
        let idx = flow(w, flow_id)?.account;
        let (challenge, options) = self.challenge_for(w, idx, create, now)?;
        let rec = flow_mut(w, flow_id)?;
        rec.passkey = Some(challenge);
        rec.passkey_view = Some(options);
        Ok(())
    }

    /// A challenge for proving a reset with one of the account's passkeys.
    pub(super) fn offer_reset_passkey(
        &self,
        w: &mut Work,
        reset_id: &str,
        now: u64,
    ) -> Result<(), BackendError> {
        let account = reset_mut(w, reset_id)?.account;
        let idx = account.ok_or(BackendError::Unexpected { input: "BeginPasskey".into() })?;
        let (challenge, options) = self.challenge_for(w, idx, false, now)?;
        let rec = reset_mut(w, reset_id)?;
        rec.passkey = Some(challenge);
        rec.passkey_view = Some(options);
        Ok(())
    }

    /// A fresh challenge for account `idx`, and the options the browser needs for it.
    fn challenge_for(
        &self,
        w: &mut Work,
        idx: AccountId,
        create: bool,
        now: u64,
    ) -> Result<(Challenge, PasskeyOptions), BackendError> {
        let challenge = self.new_challenge(now);
        let options = self.options(w, idx, &challenge, create)?;
        Ok((challenge, options))
    }

    /// The passkey's answer for a reset: a proof, or a typed refusal that proves nothing.
    pub(super) fn check_reset_passkey(
        &self,
        w: &mut Work,
        reset_id: &str,
        answer: &PasskeyAssertion,
        now: u64,
    ) -> Result<ResetEvent, BackendError> {
        let rec = reset_mut(w, reset_id)?;
        let (slot, account) = (rec.passkey.take(), rec.account);
        let challenge = redeem(slot, now)?;
        let idx = account.ok_or(refused(WebAuthnError::UnknownCredential))?;
        assert_with(self.rp, w.account_mut(idx)?, &challenge, answer, now)?;
        Ok(ResetEvent::Verified(MethodKind::Passkey))
    }

    pub(super) fn check_flow_passkey(
        &self,
        w: &mut Work,
        flow_id: &str,
        answer: &PasskeyAssertion,
        now: u64,
    ) -> Result<Event, BackendError> {
        let rec = flow_mut(w, flow_id)?;
        let (slot, idx) = (rec.passkey.take(), rec.account);
        let challenge = redeem(slot, now)?;
        assert_with(self.rp, w.account_mut(idx)?, &challenge, answer, now)?;
        Ok(Event::MfaPassed(MethodKind::Passkey))
    }

    pub(super) fn register_flow_passkey(
        &self,
        w: &mut Work,
        flow_id: &str,
        created: &PasskeyCreated,
        now: u64,
    ) -> Result<Event, BackendError> {
        let rec = flow_mut(w, flow_id)?;
        let (slot, idx) = (rec.passkey.take(), rec.account);
        let challenge = redeem(slot, now)?;
        store_new(self.rp, w, idx, &challenge, created, now)?;
        Ok(Event::RegistrationCompleted(MethodKind::Passkey))
    }
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

/// Checks a new passkey, refuses one that any account holds or once held, and stores
/// it. A passwordless account's temporary access pass ends with its first passkey.
fn store_new(
    rp: &RelyingParty,
    w: &mut Work,
    idx: AccountId,
    challenge: &[u8],
    created: &PasskeyCreated,
    now: u64,
) -> Result<(), BackendError> {
    let new = webauthn::verify_registration(rp, challenge, created).map_err(refused)?;
    let id = b64url_encode(&new.id);
    // A passkey once removed (by its owner or an admin) never comes back.
    if w.account_with_passkey(&id)?.is_some() {
        return Err(refused(WebAuthnError::DuplicateCredential));
    }
    let account = w.account_mut(idx)?;
    webauthn::check_not_registered(&account.passkeys, &new).map_err(refused)?;
    account.passkeys.push(StoredPasskey {
        id,
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
