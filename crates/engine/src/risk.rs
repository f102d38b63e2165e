//! Risk levels, states, detections and how they add up to a sign-in or user risk.
use serde::{Deserialize, Serialize};

/// How likely it is that a sign-in or an account is not the person's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RiskLevel {
    None,
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] = [Self::None, Self::Low, Self::Medium, Self::High];
}

/// Where a detection (or a user's risk) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RiskState {
    AtRisk,
    Remediated,
    Dismissed,
    ConfirmedCompromised,
    ConfirmedSafe,
}

impl RiskState {
    /// Only these still count towards a user's risk.
    pub fn is_open(self) -> bool {
        matches!(self, Self::AtRisk | Self::ConfirmedCompromised)
    }
}

/// Why a risk state changed; recorded with every change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RiskDetail {
    UserPassedMfaDrivenByRiskPolicy,
    UserPerformedSecuredPasswordChange,
    UserPerformedSecuredPasswordReset,
    UserReauthenticatedPasswordless,
    AdminGeneratedTemporaryPassword,
    AdminResetPassword,
    AdminDismissedAllRisk,
    AdminConfirmedCompromised,
    AdminConfirmedSafe,
    UserReportedSuspicious,
    /// A sign-in stopped by policy: its risk stays open (sign-in logs only).
    SignInBlocked,
}

impl RiskDetail {
    pub const ALL: [RiskDetail; 11] = [
        Self::UserPassedMfaDrivenByRiskPolicy,
        Self::UserPerformedSecuredPasswordChange,
        Self::UserPerformedSecuredPasswordReset,
        Self::UserReauthenticatedPasswordless,
        Self::AdminGeneratedTemporaryPassword,
        Self::AdminResetPassword,
        Self::AdminDismissedAllRisk,
        Self::AdminConfirmedCompromised,
        Self::AdminConfirmedSafe,
        Self::UserReportedSuspicious,
        Self::SignInBlocked,
    ];

    /// The variant's name, as on the wire (the component's host events are built by hand).
    pub fn name(self) -> &'static str {
        match self {
            Self::UserPassedMfaDrivenByRiskPolicy => "UserPassedMfaDrivenByRiskPolicy",
            Self::UserPerformedSecuredPasswordChange => "UserPerformedSecuredPasswordChange",
            Self::UserPerformedSecuredPasswordReset => "UserPerformedSecuredPasswordReset",
            Self::UserReauthenticatedPasswordless => "UserReauthenticatedPasswordless",
            Self::AdminGeneratedTemporaryPassword => "AdminGeneratedTemporaryPassword",
            Self::AdminResetPassword => "AdminResetPassword",
            Self::AdminDismissedAllRisk => "AdminDismissedAllRisk",
            Self::AdminConfirmedCompromised => "AdminConfirmedCompromised",
            Self::AdminConfirmedSafe => "AdminConfirmedSafe",
            Self::UserReportedSuspicious => "UserReportedSuspicious",
            Self::SignInBlocked => "SignInBlocked",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Timing {
    RealTime,
    Offline,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DetectionKind {
    // Sign-in detections.
    AnonymousIp,
    UnfamiliarProperties,
    AtypicalTravel,
    ImpossibleTravel,
    MaliciousIp,
    NewCountry,
    PasswordSpray,
    ThreatActorIp,
    // User detections.
    LeakedCredentials,
    AnomalousActivity,
    UserReportedSuspicious,
    AdminConfirmedCompromised,
}

impl DetectionKind {
    pub fn is_sign_in(self) -> bool {
        !matches!(
            self,
            Self::LeakedCredentials
                | Self::AnomalousActivity
                | Self::UserReportedSuspicious
                | Self::AdminConfirmedCompromised
        )
    }
}

/// One detection with its level and when it was raised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detection {
    pub kind: DetectionKind,
    pub level: RiskLevel,
    pub timing: Timing,
    pub at_ms: u64,
    pub state: RiskState,
}

impl Detection {
    pub fn new(kind: DetectionKind, level: RiskLevel, timing: Timing, at_ms: u64) -> Self {
        Detection { kind, level, timing, at_ms, state: RiskState::AtRisk }
    }
}

/// Low detections stop counting towards user risk after this long.
pub const LOW_RISK_AGE_OUT_MS: u64 = 180 * DAY_MS;
pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Sign-in risk: the highest real-time sign-in detection of this sign-in.
pub fn sign_in_risk(detections: &[Detection]) -> RiskLevel {
    detections
        .iter()
        .filter(|d| d.kind.is_sign_in() && d.timing == Timing::RealTime && d.state.is_open())
        .map(|d| d.level)
        .max()
        .unwrap_or(RiskLevel::None)
}

/// User risk: the highest open detection; low ones age out, confirmed compromise is high.
pub fn user_risk(detections: &[Detection], now_ms: u64) -> RiskLevel {
    detections
        .iter()
        .filter(|d| d.state.is_open())
        .filter(|d| d.level != RiskLevel::Low || now_ms.saturating_sub(d.at_ms) < LOW_RISK_AGE_OUT_MS)
        .map(|d| match d.state {
            RiskState::ConfirmedCompromised => RiskLevel::High,
            _ => d.level,
        })
        .max()
        .unwrap_or(RiskLevel::None)
}

/// Marks every open detection with `state`, as a remediation or an admin action does.
pub fn close_open(detections: &mut [Detection], state: RiskState) {
    for d in detections.iter_mut().filter(|d| d.state.is_open()) {
        d.state = state;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DetectionKind::*;
    use RiskLevel::*;

    fn det(kind: DetectionKind, level: RiskLevel, timing: Timing, at: u64) -> Detection {
        Detection::new(kind, level, timing, at)
    }

    #[test]
    fn each_risk_detail_is_named_as_serde_writes_it() {
        for detail in RiskDetail::ALL {
            assert_eq!(serde_json::to_value(detail).unwrap(), detail.name(), "{detail:?}");
        }
        for kind in [crate::RiskKind::SignIn, crate::RiskKind::User] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name(), "{kind:?}");
        }
    }

    #[test]
    fn sign_in_risk_is_the_highest_real_time_sign_in_detection() {
        let ds = [
            det(UnfamiliarProperties, Medium, Timing::RealTime, 0),
            det(AnonymousIp, Low, Timing::RealTime, 0),
            det(ImpossibleTravel, High, Timing::Offline, 0),
            det(LeakedCredentials, High, Timing::Offline, 0),
        ];
        assert_eq!(sign_in_risk(&ds), Medium);
        assert_eq!(sign_in_risk(&[]), None);
    }

    #[test]
    fn low_user_risk_ages_out_after_180_days_but_medium_stays() {
        let low = det(AnomalousActivity, Low, Timing::Offline, 0);
        let med = det(LeakedCredentials, Medium, Timing::Offline, 0);
        assert_eq!(user_risk(std::slice::from_ref(&low), 179 * DAY_MS), Low);
        assert_eq!(user_risk(std::slice::from_ref(&low), 180 * DAY_MS), None);
        assert_eq!(user_risk(&[low, med], 400 * DAY_MS), Medium);
    }

    #[test]
    fn remediated_and_dismissed_detections_do_not_count() {
        let mut ds = vec![det(LeakedCredentials, High, Timing::Offline, 0)];
        close_open(&mut ds, RiskState::Remediated);
        assert_eq!(user_risk(&ds, 1), None);
        ds.push(det(AnomalousActivity, Medium, Timing::Offline, 0));
        ds[1].state = RiskState::Dismissed;
        assert_eq!(user_risk(&ds, 1), None);
    }

    #[test]
    fn confirmed_compromised_counts_as_high() {
        let mut d = det(AnomalousActivity, Low, Timing::Offline, 0);
        d.state = RiskState::ConfirmedCompromised;
        assert_eq!(user_risk(&[d], 1), High);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn level() -> impl Strategy<Value = RiskLevel> {
        prop::sample::select(RiskLevel::ALL.to_vec())
    }

    fn state() -> impl Strategy<Value = RiskState> {
        prop::sample::select(vec![
            RiskState::AtRisk,
            RiskState::Remediated,
            RiskState::Dismissed,
            RiskState::ConfirmedCompromised,
            RiskState::ConfirmedSafe,
        ])
    }

    fn kind() -> impl Strategy<Value = DetectionKind> {
        prop::sample::select(vec![
            DetectionKind::AnonymousIp,
            DetectionKind::UnfamiliarProperties,
            DetectionKind::ImpossibleTravel,
            DetectionKind::LeakedCredentials,
            DetectionKind::AnomalousActivity,
        ])
    }

    fn detection() -> impl Strategy<Value = Detection> {
        (kind(), level(), any::<bool>(), 0u64..400 * DAY_MS, state()).prop_map(
            |(kind, level, rt, at_ms, state)| {
                let timing = if rt { Timing::RealTime } else { Timing::Offline };
                Detection { kind, level, timing, at_ms, state }
            },
        )
    }

    proptest! {
        #[test]
        fn user_risk_is_never_above_the_highest_open_detection(ds in prop::collection::vec(detection(), 0..12), now in 0u64..800 * DAY_MS) {
            let open_max = ds.iter().filter(|d| d.state.is_open())
                .map(|d| if d.state == RiskState::ConfirmedCompromised { RiskLevel::High } else { d.level })
                .max().unwrap_or(RiskLevel::None);
            prop_assert!(user_risk(&ds, now) <= open_max);
        }

        #[test]
        fn closing_every_detection_clears_user_risk(mut ds in prop::collection::vec(detection(), 0..12), now in 0u64..800 * DAY_MS) {
            close_open(&mut ds, RiskState::Remediated);
            prop_assert_eq!(user_risk(&ds, now), RiskLevel::None);
        }

        #[test]
        fn adding_an_open_detection_never_lowers_user_risk(ds in prop::collection::vec(detection(), 0..12), extra in detection(), now in 0u64..800 * DAY_MS) {
            let before = user_risk(&ds, now);
            let mut more = ds.clone();
            more.push(extra);
            prop_assert!(user_risk(&more, now) >= before);
        }

        #[test]
        fn medium_and_high_risk_never_age_out(level in prop::sample::select(vec![RiskLevel::Medium, RiskLevel::High]), age in 0u64..10_000 * DAY_MS) {
            let d = Detection::new(DetectionKind::LeakedCredentials, level, Timing::Offline, 0);
            prop_assert_eq!(user_risk(&[d], age), level);
        }

        #[test]
        fn sign_in_risk_ignores_offline_and_user_detections(ds in prop::collection::vec(detection(), 0..12)) {
            let real_time: Vec<_> = ds.iter().filter(|d| d.timing == Timing::RealTime && d.kind.is_sign_in()).cloned().collect();
            prop_assert_eq!(sign_in_risk(&ds), sign_in_risk(&real_time));
        }
    }
}
