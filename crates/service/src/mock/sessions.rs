//! Who a session speaks for, at the strength a call needs (any session, one proven with a
//! method, a freshly proven administrator), and ending everything an account has open.
use super::{SESSION_IDLE_MS, SESSION_MAX_MS, STEP_UP_FRESH_MS};
use crate::api::BackendError;
use crate::store::{AccountId, Work};

/// The account a session belongs to, if the session is still good (used within
/// `SESSION_IDLE_MS`, begun within `SESSION_MAX_MS`, its account enabled).
pub(super) fn session_account(w: &mut Work, session: &str, now: u64) -> Result<AccountId, BackendError> {
    let s = w.session_mut(session)?.ok_or(BackendError::NotAuthorized)?;
    if now > s.used_ms + SESSION_IDLE_MS || now > s.started_ms + SESSION_MAX_MS {
        w.end_session(session);
        return Err(BackendError::NotAuthorized);
    }
    s.used_ms = now;
    let idx = s.account;
    if w.account(idx)?.state.disabled {
        return Err(BackendError::NotAuthorized);
    }
    Ok(idx)
}

/// Like `session_account`, for changing the account's methods: a password alone is
/// not enough, unless the account has no method yet to prove anything with.
pub(super) fn proven_session_account(
    w: &mut Work,
    session: &str,
    now: u64,
) -> Result<AccountId, BackendError> {
    let idx = session_account(w, session, now)?;
    let proven = w.session(session)?.is_some_and(|s| s.proven_ms.is_some());
    if !proven && !w.account(idx)?.state.methods.is_empty() {
        return Err(BackendError::StepUpRequired);
    }
    Ok(idx)
}

/// Like `session_account`, for IT staff: an administrator whose session proved
/// them with a method within `STEP_UP_FRESH_MS`.
pub(super) fn admin_account(w: &mut Work, session: &str, now: u64) -> Result<AccountId, BackendError> {
    let idx = session_account(w, session, now)?;
    if !w.account(idx)?.is_admin {
        return Err(BackendError::NotAuthorized);
    }
    let proven = w.session(session)?.and_then(|s| s.proven_ms);
    if proven.is_none_or(|t| now > t + STEP_UP_FRESH_MS) {
        return Err(BackendError::StepUpRequired);
    }
    Ok(idx)
}

/// Ends everything account `idx` has under way: its sessions, flows and resets,
/// but for `keep` (the flow, reset or session making the change).
pub(super) fn revoke(w: &mut Work, idx: AccountId, keep: Option<&str>) -> Result<(), BackendError> {
    w.end_sessions_of(idx, keep);
    for id in w.flows_of(idx)? {
        if Some(id.as_str()) != keep {
            w.delete_flow(&id);
        }
    }
    for id in w.resets_of(idx)? {
        if Some(id.as_str()) != keep {
            w.delete_reset(&id);
        }
    }
    Ok(())
}
