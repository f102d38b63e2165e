//! The slow half of checking a password (its hash, a wrong one's fingerprint, moving an
//! old hash to today's form), done before a unit's transaction, so that a server does
//! not hold its database's write lock while it hashes. The unit uses the work only if
//! the account's stored hash is still the one it was done against; otherwise it hashes
//! as before, inside.
use super::limits;
use crate::directory::Account;
use crate::hash::{self, Hashing};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    /// The stored hash the work was done against; `None` for a name that signs in
    /// nowhere (its decoy work is done).
    pub stored: Option<String>,
    pub matches: bool,
    pub fingerprint: Option<String>,
    pub rehashed: Option<String>,
}

impl Checked {
    /// Does the work for `typed` against `account` as it stood (`None`: no such account).
    pub fn against(account: Option<&Account>, typed: &str, now: u64, hashing: Hashing) -> Checked {
        let Some(account) = account else {
            hashing.spend_like_a_wrong_password(typed);
            return Checked::default();
        };
        let matches = first_factor_ok(account, typed, now, hashing);
        let fingerprint = (!matches).then(|| limits::wrong_password_fingerprint(account, typed));
        // Without a salt to keep, the unit draws one (this side has no randomness).
        let rehashed = if matches { rehashed(account, typed, hashing, || None) } else { None };
        Checked { stored: Some(account.password_hash.clone()), matches, fingerprint, rehashed }
    }

    /// The work, if it was done against this account's stored hash.
    pub fn for_account<'c>(checked: Option<&'c Checked>, account: &Account) -> Option<&'c Checked> {
        checked.filter(|c| c.stored.as_deref() == Some(account.password_hash.as_str()))
    }

    /// Whether the decoy work for a name that signs in nowhere is done.
    pub fn spent_for_nobody(checked: Option<&Checked>) -> bool {
        checked.is_some_and(|c| c.stored.is_none())
    }
}

/// A passwordless account's temporary access pass past its time (or used).
pub fn pass_expired(account: &Account, now: u64) -> bool {
    !account.state.has_password && account.pass_expires_ms.is_none_or(|t| t <= now)
}

/// The password, or for a passwordless account its temporary access pass while good.
pub fn first_factor_ok(account: &Account, typed: &str, now: u64, hashing: Hashing) -> bool {
    if pass_expired(account, now) || account.password_hash.is_empty() {
        hashing.spend_like_a_wrong_password(typed);
        return false;
    }
    hash::verify_password(typed, &account.password_hash)
}

/// Today's form of a right password whose stored hash is older, with the old salt
/// (random per account already; a fresh one would move every later draw of a seeded
/// test), or else `fresh_salt`'s. `None` if it needs no rehash, or there is no salt.
pub fn rehashed(
    account: &Account,
    typed: &str,
    hashing: Hashing,
    fresh_salt: impl FnOnce() -> Option<[u8; 16]>,
) -> Option<String> {
    if !account.state.has_password || !hashing.needs_rehash(&account.password_hash) {
        return None;
    }
    let salt = hash::salt_of(&account.password_hash).or_else(fresh_salt)?;
    Some(hashing.new_hash(typed, &salt))
}
