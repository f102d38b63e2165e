//! How a logged sign-in, its risk and its detections read. The admin view's log reads
//! the same.
use super::super::blocked::local_time;
use super::super::notice::detection_key;
use crate::backend::api::{SignInOutcome, SignInRecord, SignInSource};
use crate::engine::{DetectionKind, RiskDetail, RiskLevel, RiskState};
use crate::ui::text::Key;
use crate::ui::Ui;
use leptos::prelude::*;

pub fn outcome_key(outcome: SignInOutcome) -> Key {
    match outcome {
        SignInOutcome::SignedIn => Key::OutcomeSignedIn,
        SignInOutcome::PasswordReset => Key::OutcomePasswordReset,
        SignInOutcome::Blocked => Key::OutcomeBlocked,
        SignInOutcome::Cancelled => Key::OutcomeCancelled,
        SignInOutcome::Failed => Key::OutcomeFailed,
        SignInOutcome::Interrupted => Key::OutcomeInterrupted,
    }
}

pub fn risk_key(level: RiskLevel) -> Key {
    match level {
        RiskLevel::None => Key::RiskNone,
        RiskLevel::Low => Key::RiskLow,
        RiskLevel::Medium => Key::RiskMedium,
        RiskLevel::High => Key::RiskHigh,
    }
}

pub fn risk_detail_key(detail: RiskDetail) -> Key {
    match detail {
        RiskDetail::UserPassedMfaDrivenByRiskPolicy => Key::RiskdetailUserPassedMfaDrivenByRiskPolicy,
        RiskDetail::UserPerformedSecuredPasswordChange => Key::RiskdetailUserPerformedSecuredPasswordChange,
        RiskDetail::UserPerformedSecuredPasswordReset => Key::RiskdetailUserPerformedSecuredPasswordReset,
        RiskDetail::UserReauthenticatedPasswordless => Key::RiskdetailUserReauthenticatedPasswordless,
        RiskDetail::AdminGeneratedTemporaryPassword => Key::RiskdetailAdminGeneratedTemporaryPassword,
        RiskDetail::AdminResetPassword => Key::RiskdetailAdminResetPassword,
        RiskDetail::AdminDismissedAllRisk => Key::RiskdetailAdminDismissedAllRisk,
        RiskDetail::AdminConfirmedCompromised => Key::RiskdetailAdminConfirmedCompromised,
        RiskDetail::AdminConfirmedSafe => Key::RiskdetailAdminConfirmedSafe,
        RiskDetail::UserReportedSuspicious => Key::RiskdetailUserReportedSuspicious,
        RiskDetail::SignInBlocked => Key::RiskdetailSignInBlocked,
    }
}

pub fn risk_state_key(state: RiskState) -> Key {
    match state {
        RiskState::AtRisk => Key::RiskstateAtRisk,
        RiskState::Remediated => Key::RiskstateRemediated,
        RiskState::Dismissed => Key::RiskstateDismissed,
        RiskState::ConfirmedCompromised => Key::RiskstateConfirmedCompromised,
        RiskState::ConfirmedSafe => Key::RiskstateConfirmedSafe,
    }
}

/// How a logged sign-in's risk changed, in the neutral words of a log (the person's
/// alerts speak to them instead).
fn log_detail_key(detail: RiskDetail) -> Key {
    match detail {
        RiskDetail::UserPassedMfaDrivenByRiskPolicy => Key::LogdetailUserPassedMfaDrivenByRiskPolicy,
        RiskDetail::UserPerformedSecuredPasswordChange => Key::LogdetailUserPerformedSecuredPasswordChange,
        RiskDetail::UserPerformedSecuredPasswordReset => Key::LogdetailUserPerformedSecuredPasswordReset,
        RiskDetail::UserReauthenticatedPasswordless => Key::LogdetailUserReauthenticatedPasswordless,
        RiskDetail::AdminGeneratedTemporaryPassword => Key::LogdetailAdminGeneratedTemporaryPassword,
        RiskDetail::AdminResetPassword => Key::LogdetailAdminResetPassword,
        RiskDetail::AdminDismissedAllRisk => Key::LogdetailAdminDismissedAllRisk,
        RiskDetail::AdminConfirmedCompromised => Key::LogdetailAdminConfirmedCompromised,
        RiskDetail::AdminConfirmedSafe => Key::LogdetailAdminConfirmedSafe,
        RiskDetail::UserReportedSuspicious => Key::LogdetailUserReportedSuspicious,
        RiskDetail::SignInBlocked => Key::LogdetailSignInBlocked,
    }
}

/// A logged sign-in's detections as a list, or `none` (a text key) if it had none.
pub fn detections_cell(ui: Ui, r: &SignInRecord, none: Key) -> AnyView {
    if r.detections.is_empty() {
        return view! { {ui.t(none)} }.into_any();
    }
    let items = r
        .detections
        .iter()
        .map(|d| view! { <li>{detection_text(ui, *d, Some(&r.source))}</li> })
        .collect_view();
    view! { <ul class="rg-cell-list">{items}</ul> }.into_any()
}

/// The risk a logged sign-in met and what became of it, e.g. "Medium · Remediated
/// (passed multifactor authentication)"; "No risk" if it met none.
pub fn risk_summary(ui: Ui, r: &SignInRecord) -> String {
    let Some(state) = r.risk_state else { return ui.t(Key::RiskstateNone).to_string() };
    let level = ui.t(risk_key(r.level.max(r.user_level)));
    let state = ui.t(risk_state_key(state));
    match r.risk_detail {
        Some(d) => ui.tf(
            Key::LogRiskDetail,
            &[("level", level), ("state", state), ("detail", ui.t(log_detail_key(d)))],
        ),
        None => ui.tf(Key::LogRisk, &[("level", level), ("state", state)]),
    }
}

/// "Lisbon, PT": place names are data, shown as the backend gives them.
pub fn place(source: &SignInSource) -> String {
    format!("{}, {}", source.location.city, source.location.country)
}

/// A detection in words, with the sign-in's place, device and app where it has any.
pub fn detection_text(ui: Ui, kind: DetectionKind, source: Option<&SignInSource>) -> String {
    let unknown = ui.t(Key::CommonUnknown);
    let (location, device, app) = match source {
        Some(s) => (place(s), s.device.clone(), s.app.clone()),
        None => (unknown.to_string(), unknown.to_string(), unknown.to_string()),
    };
    ui.tf(detection_key(kind), &[("location", &location), ("device", &device), ("app", &app)])
}

/// A time in the person's locale.
pub fn when(ui: Ui, ms: u64) -> String {
    local_time(ms, ui.locale.get().tag())
}
