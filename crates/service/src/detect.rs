//! Sign-in detections, computed from where a sign-in comes from against the person's history.
use super::api::SignInSource;
use super::geo::{self, Travel};
use crate::engine::{Detection, DetectionKind, RiskLevel, Timing};
use serde::{Deserialize, Serialize};

/// A sign-in the person made before, as the detectors remember it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PastSignIn {
    pub source: SignInSource,
    pub at_ms: u64,
}

/// Sample address ranges (documentation ranges, RFC 5737) standing in for
/// anonymising networks and for addresses known to be malicious.
pub const ANONYMOUS_PREFIX: &str = "198.51.100.";
pub const MALICIOUS_PREFIX: &str = "203.0.113.";

/// Everything unusual about `source`; empty for a first sign-in with no history to compare.
/// Addresses in `trusted` were confirmed safe by an administrator and raise no address detection.
pub fn detect(
    source: &SignInSource,
    history: &[PastSignIn],
    trusted: &[String],
    now_ms: u64,
) -> Vec<Detection> {
    let mut found = vec![];
    let mut raise = |kind, level| found.push(Detection::new(kind, level, Timing::RealTime, now_ms));
    let trusted = trusted.contains(&source.ip);
    if !trusted && source.ip.starts_with(ANONYMOUS_PREFIX) {
        raise(DetectionKind::AnonymousIp, RiskLevel::Medium);
    }
    if !trusted && source.ip.starts_with(MALICIOUS_PREFIX) {
        raise(DetectionKind::MaliciousIp, RiskLevel::High);
    }
    let Some(last) = history.iter().max_by_key(|p| p.at_ms) else {
        return found;
    };
    let known_place = history.iter().any(|p| p.source.location.city == source.location.city);
    let known_device = history.iter().any(|p| p.source.device == source.device);
    match (known_place, known_device) {
        (false, false) => raise(DetectionKind::UnfamiliarProperties, RiskLevel::Medium),
        (false, true) | (true, false) => raise(DetectionKind::UnfamiliarProperties, RiskLevel::Low),
        (true, true) => {}
    }
    if !history.iter().any(|p| p.source.location.country == source.location.country) {
        raise(DetectionKind::NewCountry, RiskLevel::Low);
    }
    match geo::classify(last.source.location.coords, last.at_ms, source.location.coords, now_ms) {
        Travel::Impossible => raise(DetectionKind::ImpossibleTravel, RiskLevel::High),
        Travel::Atypical => raise(DetectionKind::AtypicalTravel, RiskLevel::Medium),
        Travel::Ordinary => {}
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Location;
    use crate::engine::risk::sign_in_risk;
    use crate::geo::Coordinates;

    const HOUR: u64 = 60 * 60 * 1000;

    fn source(city: &str, country: &str, lat: f64, lon: f64, device: &str, ip: &str) -> SignInSource {
        SignInSource {
            location: Location {
                city: city.into(),
                country: country.into(),
                coords: Coordinates { lat, lon },
            },
            ip: ip.into(),
            device: device.into(),
            app: "Mail".into(),
        }
    }

    fn seattle(device: &str) -> SignInSource {
        source("Seattle", "US", 47.61, -122.33, device, "192.0.2.10")
    }

    fn kinds(ds: &[Detection]) -> Vec<DetectionKind> {
        ds.iter().map(|d| d.kind).collect()
    }

    #[test]
    fn familiar_place_and_device_raise_nothing() {
        let history = [PastSignIn { source: seattle("laptop"), at_ms: 0 }];
        assert!(detect(&seattle("laptop"), &history, &[], 48 * HOUR).is_empty());
    }

    #[test]
    fn a_first_sign_in_has_no_baseline_to_be_unfamiliar_against() {
        assert!(detect(&seattle("laptop"), &[], &[], 0).is_empty());
    }

    #[test]
    fn new_device_in_a_known_place_is_low_risk() {
        let history = [PastSignIn { source: seattle("laptop"), at_ms: 0 }];
        let ds = detect(&seattle("tablet"), &history, &[], 48 * HOUR);
        assert_eq!(kinds(&ds), vec![DetectionKind::UnfamiliarProperties]);
        assert_eq!(sign_in_risk(&ds), RiskLevel::Low);
    }

    #[test]
    fn new_place_new_device_new_country_is_medium_risk() {
        let history = [PastSignIn { source: seattle("laptop"), at_ms: 0 }];
        let lisbon = source("Lisbon", "PT", 38.72, -9.14, "phone", "192.0.2.99");
        let ds = detect(&lisbon, &history, &[], 72 * HOUR);
        assert_eq!(kinds(&ds), vec![DetectionKind::UnfamiliarProperties, DetectionKind::NewCountry]);
        assert_eq!(sign_in_risk(&ds), RiskLevel::Medium);
    }

    #[test]
    fn seattle_then_moscow_an_hour_later_is_impossible_travel() {
        let history = [PastSignIn { source: seattle("laptop"), at_ms: 0 }];
        let moscow = source("Moscow", "RU", 55.76, 37.62, "laptop", "192.0.2.50");
        let ds = detect(&moscow, &history, &[], HOUR);
        assert!(kinds(&ds).contains(&DetectionKind::ImpossibleTravel));
        assert_eq!(sign_in_risk(&ds), RiskLevel::High);
    }

    #[test]
    fn sample_ranges_flag_anonymous_and_malicious_addresses() {
        let history = [PastSignIn { source: seattle("laptop"), at_ms: 0 }];
        let tor = source("Seattle", "US", 47.61, -122.33, "laptop", "198.51.100.7");
        assert_eq!(kinds(&detect(&tor, &history, &[], 48 * HOUR)), vec![DetectionKind::AnonymousIp]);
        let bad = source("Seattle", "US", 47.61, -122.33, "laptop", "203.0.113.9");
        assert_eq!(sign_in_risk(&detect(&bad, &history, &[], 48 * HOUR)), RiskLevel::High);
        let trusted = ["203.0.113.9".to_string()];
        assert!(detect(&bad, &history, &trusted, 48 * HOUR).is_empty(), "an address an admin trusted");
    }
}
