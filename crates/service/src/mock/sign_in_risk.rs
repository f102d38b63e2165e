//! Where each logged sign-in's risk stands: set when the sign-in is logged, moved when
//! the account's risk is later remediated, dismissed or judged, so the admin's log and
//! the person's own say what became of it (as Entra's risky sign-ins report does).
use crate::api::BackendError;
use crate::engine::flow::Remediation;
use crate::engine::{RiskDetail, RiskLevel, RiskState};
use crate::store::{AccountId, Work};

/// How many of an account's newest sign-ins a change of its risk reaches.
const ROWS_REACHED: usize = 200;

/// The state and detail a sign-in is logged with: none if it met no risk; remediated
/// by the last remediation it earned; otherwise still at risk, blocked or not.
pub fn logged(
    sign_in: RiskLevel,
    user: RiskLevel,
    remediations: &[Remediation],
    blocked: bool,
) -> (Option<RiskState>, Option<RiskDetail>) {
    if sign_in == RiskLevel::None && user == RiskLevel::None {
        return (None, None);
    }
    if let Some(r) = remediations.last() {
        return (Some(RiskState::Remediated), Some(r.detail));
    }
    (Some(RiskState::AtRisk), blocked.then_some(RiskDetail::SignInBlocked))
}

/// The account's sign-ins still at risk take the state its risk was closed with (a
/// raised risk closes nothing).
pub fn settle(
    w: &mut Work,
    idx: AccountId,
    state: RiskState,
    detail: RiskDetail,
) -> Result<(), BackendError> {
    if state == RiskState::AtRisk {
        return Ok(());
    }
    let rows = w.log_of_account(idx, ROWS_REACHED)?;
    for id in rows.iter().filter(|r| r.risk_state == Some(RiskState::AtRisk)).map(|r| r.id) {
        set(w, id, state, detail)?;
    }
    Ok(())
}

/// One sign-in's risk, judged (an administrator confirmed it safe, the person said it
/// was not them). A sign-in that met no risk is left as it is.
pub fn set(w: &mut Work, id: u64, state: RiskState, detail: RiskDetail) -> Result<(), BackendError> {
    if let Some((_, r)) = w.log_entry_mut(id)? {
        if r.risk_state.is_some() {
            r.risk_state = Some(state);
            r.risk_detail = Some(detail);
        }
    }
    Ok(())
}
