//! What keeps guessing and flooding slow: smart lockout for passwords (familiar and
//! unfamiliar places apart), one count of wrong second factors per account with
//! growing waits, and limits on sending codes.
use crate::api::{invalid, BackendError, Field, Problem, SignInSource};
use crate::directory::Account;
use crate::hash;

/// Smart lockout: this many wrong passwords from one kind of place lock it.
pub const LOCKOUT_THRESHOLD: u32 = 10;
pub const LOCKOUT_BASE_MS: u64 = 60 * 1000;
/// A lock lasts at most 64 times the first.
const LOCKOUT_MAX_DOUBLINGS: u32 = 6;

/// This many wrong second factors in a row lock the account's codes.
pub const SECOND_FACTOR_LIMIT: u32 = 5;
pub const SECOND_FACTOR_BASE_MS: u64 = 60 * 1000;
/// The wait stops growing at 1,024 minutes (about 17 hours).
pub const SECOND_FACTOR_MAX_DOUBLINGS: u32 = 10;

/// Codes one flow or one reset may send.
pub const CODES_PER_FLOW: u32 = 5;
/// Codes one account's phones may be sent in an hour, by every path together.
pub const CODES_PER_HOUR: usize = 10;
const HOUR_MS: u64 = 60 * 60 * 1000;

/// Whether `source` is a place the person has signed in from before.
pub fn is_familiar(account: &Account, source: &SignInSource) -> bool {
    account.history.iter().any(|p| p.source.location.city == source.location.city)
}

/// The password lock that holds for a sign-in from a familiar place or not: a lock
/// earned at the person's own places holds everywhere; one earned elsewhere only there.
pub fn lock_for(account: &Account, familiar: bool) -> Option<u64> {
    let own = account.state.locked_until_ms;
    if familiar {
        return own;
    }
    own.max(account.lockout.unfamiliar_locked_until_ms)
}

/// A right password clears the wrong-password counts, not how often the places were
/// locked (so the next lock is longer) and not the second-factor count.
pub fn password_passed(account: &mut Account) {
    let l = &mut account.lockout;
    l.familiar_failures = 0;
    l.unfamiliar_failures = 0;
    l.recent_wrong.clear();
}

/// Counts a wrong password for smart lockout; true when it has just locked the place.
/// The same wrong password again counts once.
/// `fingerprint`: one made before the unit (`first_factor::Checked`), if any.
pub fn record_wrong_password(
    account: &mut Account,
    typed: &str,
    fingerprint: Option<String>,
    familiar: bool,
    now: u64,
) -> bool {
    let fingerprint = fingerprint.unwrap_or_else(|| wrong_password_fingerprint(account, typed));
    let l = &mut account.lockout;
    if l.recent_wrong.contains(&fingerprint) {
        return false;
    }
    l.recent_wrong.push(fingerprint);
    if l.recent_wrong.len() > 3 {
        l.recent_wrong.remove(0);
    }
    let count = if familiar { &mut l.familiar_failures } else { &mut l.unfamiliar_failures };
    *count += 1;
    if *count < LOCKOUT_THRESHOLD {
        return false;
    }
    *count = 0;
    let (times, until) = if familiar {
        (&mut l.times_locked, &mut account.state.locked_until_ms)
    } else {
        (&mut l.unfamiliar_times_locked, &mut l.unfamiliar_locked_until_ms)
    };
    *times += 1;
    *until = Some(now + (LOCKOUT_BASE_MS << (*times - 1).min(LOCKOUT_MAX_DOUBLINGS)));
    true
}

/// Wrong passwords are often near the right one: keep them only as slow hashes,
/// salted per account and per password (the stored hash changes with the password).
pub fn wrong_password_fingerprint(account: &Account, typed: &str) -> String {
    let digest = hash::sha256_hex(account.password_hash.as_bytes());
    let mut salt = [0u8; 16];
    for (i, b) in salt.iter_mut().enumerate() {
        *b = u8::from_str_radix(&digest[2 * i..2 * i + 2], 16).unwrap_or(0);
    }
    hash::hash_password(typed, &salt, hash::ITERATIONS)
}

/// While locked, no code, old or new, is checked for this account (passkeys are, as
/// they cannot be guessed, and one that passes ends the lock).
pub fn second_factors_locked(account: &Account, now: u64) -> bool {
    account.lockout.second_factors_locked_until_ms.is_some_and(|t| t > now)
}

/// A second factor the account already had passed: the count starts again.
pub fn second_factor_passed(account: &mut Account) {
    let l = &mut account.lockout;
    l.second_factor_failures = 0;
    l.second_factor_locks = 0;
    l.second_factors_locked_until_ms = None;
}

/// A checked second factor was wrong. Every `SECOND_FACTOR_LIMIT` in a row lock the
/// codes for a wait that doubles each time.
pub fn second_factor_failed(account: &mut Account, now: u64) {
    let l = &mut account.lockout;
    l.wrong_second_factors += 1;
    l.second_factor_failures += 1;
    if l.second_factor_failures < SECOND_FACTOR_LIMIT {
        return;
    }
    l.second_factor_failures = 0;
    l.second_factor_locks += 1;
    let doublings = (l.second_factor_locks - 1).min(SECOND_FACTOR_MAX_DOUBLINGS);
    l.second_factors_locked_until_ms = Some(now + (SECOND_FACTOR_BASE_MS << doublings));
}

/// Whether one more code may go out: `sent_here` in this flow or reset, and the
/// account's phones (if there is an account) within the hour. Counts it if so.
pub fn take_code_send(
    account: Option<&mut Account>,
    sent_here: &mut u32,
    now: u64,
) -> Result<(), BackendError> {
    let too_many = || invalid(Field::Code, Problem::TooManyAttempts);
    if *sent_here >= CODES_PER_FLOW {
        return Err(too_many());
    }
    if let Some(account) = account {
        account.codes_sent_ms.retain(|t| t + HOUR_MS > now);
        if account.codes_sent_ms.len() >= CODES_PER_HOUR {
            return Err(too_many());
        }
        account.codes_sent_ms.push(now);
    }
    *sent_here += 1;
    Ok(())
}
