//! Travel arithmetic for atypical and impossible travel detection: great-circle distance between two
//! sign-in locations and the speed someone would need to get from one to the other.
//!
//! Times are Unix milliseconds passed in by the caller.

pub use riskgate_api::Coordinates;

/// Mean Earth radius; the sphere is off by under 0.5 %, far less than IP geolocation error.
const EARTH_RADIUS_KM: f64 = 6371.0;
const MS_PER_HOUR: f64 = 3_600_000.0;

/// An airliner cruises at about 900 km/h, so door-to-door speeds of 500-1000 km/h need a flight:
/// possible, but unusual enough to flag.
pub const ATYPICAL_KMH: f64 = 500.0;
/// Faster than any scheduled flight once airport time is counted: one person cannot have made both sign-ins.
pub const IMPOSSIBLE_KMH: f64 = 1000.0;
/// IP geolocation is often tens of kilometres out (mobile carriers, regional gateways), so shorter
/// hops are noise, however fast they look.
pub const MIN_DISTANCE_KM: f64 = 100.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Travel {
    Ordinary,
    Atypical,
    Impossible,
}

/// Great-circle distance by the haversine formula, Earth radius 6371 km.
pub fn distance_km(a: Coordinates, b: Coordinates) -> f64 {
    let (lat_a, lat_b) = (a.lat.to_radians(), b.lat.to_radians());
    let half_dlat = (lat_b - lat_a) / 2.0;
    let half_dlon = (b.lon - a.lon).to_radians() / 2.0;
    let h = half_dlat.sin().powi(2) + lat_a.cos() * lat_b.cos() * half_dlon.sin().powi(2);
    // Rounding can push h just past 1 for antipodal points, and asin would then give NaN.
    2.0 * EARTH_RADIUS_KM * h.clamp(0.0, 1.0).sqrt().asin()
}

/// Speed needed to cover the distance in the elapsed time; timestamp order does not matter.
/// No elapsed time gives infinity if the points differ and 0 if they are the same.
pub fn speed_kmh(a: Coordinates, a_ms: u64, b: Coordinates, b_ms: u64) -> f64 {
    let distance = distance_km(a, b);
    let elapsed_ms = a_ms.abs_diff(b_ms);
    if elapsed_ms == 0 {
        return if distance > 0.0 { f64::INFINITY } else { 0.0 };
    }
    distance / (elapsed_ms as f64 / MS_PER_HOUR)
}

/// Under `MIN_DISTANCE_KM` is always ordinary; otherwise the speed decides.
pub fn classify(a: Coordinates, a_ms: u64, b: Coordinates, b_ms: u64) -> Travel {
    if distance_km(a, b) < MIN_DISTANCE_KM {
        return Travel::Ordinary;
    }
    let speed = speed_kmh(a, a_ms, b, b_ms);
    if speed >= IMPOSSIBLE_KMH {
        Travel::Impossible
    } else if speed >= ATYPICAL_KMH {
        Travel::Atypical
    } else {
        Travel::Ordinary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONDON: Coordinates = Coordinates { lat: 51.5074, lon: -0.1278 };
    const LONDON_CITY: Coordinates = Coordinates { lat: 51.5155, lon: -0.0922 };
    const PARIS: Coordinates = Coordinates { lat: 48.8566, lon: 2.3522 };
    const SYDNEY: Coordinates = Coordinates { lat: -33.8688, lon: 151.2093 };
    const SEATTLE: Coordinates = Coordinates { lat: 47.6062, lon: -122.3321 };
    const MOSCOW: Coordinates = Coordinates { lat: 55.7558, lon: 37.6173 };
    const NEW_YORK: Coordinates = Coordinates { lat: 40.7128, lon: -74.0060 };

    const T0: u64 = 1_700_000_000_000;
    const MINUTE: u64 = 60_000;
    const HOUR: u64 = 60 * MINUTE;

    #[test]
    fn london_to_paris_is_about_344_km() {
        let d = distance_km(LONDON, PARIS);
        assert!((d - 344.0).abs() < 2.0, "{d}");
    }

    #[test]
    fn sydney_to_london_is_about_17000_km() {
        let d = distance_km(SYDNEY, LONDON);
        assert!((16_900.0..17_100.0).contains(&d), "{d}");
    }

    #[test]
    fn same_point_is_zero_km() {
        assert_eq!(distance_km(PARIS, PARIS), 0.0);
    }

    #[test]
    fn antipodes_are_half_the_circumference() {
        let d = distance_km(Coordinates { lat: 0.0, lon: 0.0 }, Coordinates { lat: 0.0, lon: 180.0 });
        assert!((d - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6, "{d}");
    }

    #[test]
    fn speed_is_distance_over_elapsed_hours() {
        let speed = speed_kmh(LONDON, T0, PARIS, T0 + 2 * HOUR);
        assert!((speed - distance_km(LONDON, PARIS) / 2.0).abs() < 1e-9, "{speed}");
    }

    #[test]
    fn speed_ignores_timestamp_order() {
        assert_eq!(speed_kmh(LONDON, T0 + HOUR, PARIS, T0), speed_kmh(LONDON, T0, PARIS, T0 + HOUR));
    }

    #[test]
    fn simultaneous_sign_ins_far_apart_are_infinitely_fast() {
        assert_eq!(speed_kmh(LONDON, T0, PARIS, T0), f64::INFINITY);
    }

    #[test]
    fn simultaneous_sign_ins_at_one_place_have_zero_speed() {
        assert_eq!(speed_kmh(LONDON, T0, LONDON, T0), 0.0);
    }

    #[test]
    fn seattle_then_moscow_an_hour_later_is_impossible() {
        // About 8,400 km in one hour.
        assert_eq!(classify(SEATTLE, T0, MOSCOW, T0 + HOUR), Travel::Impossible);
    }

    #[test]
    fn london_then_paris_ten_minutes_later_is_impossible() {
        // About 2,060 km/h.
        assert_eq!(classify(LONDON, T0, PARIS, T0 + 10 * MINUTE), Travel::Impossible);
    }

    #[test]
    fn london_then_paris_half_an_hour_later_is_atypical() {
        // About 690 km/h: only a flight would do it.
        assert_eq!(classify(LONDON, T0, PARIS, T0 + 30 * MINUTE), Travel::Atypical);
    }

    #[test]
    fn london_then_paris_45_minutes_later_is_ordinary() {
        // About 458 km/h, under ATYPICAL_KMH.
        assert_eq!(classify(LONDON, T0, PARIS, T0 + 45 * MINUTE), Travel::Ordinary);
    }

    #[test]
    fn transatlantic_flight_time_is_atypical() {
        // About 5,570 km in 8 hours, about 700 km/h.
        assert_eq!(classify(LONDON, T0, NEW_YORK, T0 + 8 * HOUR), Travel::Atypical);
    }

    #[test]
    fn a_day_later_on_the_other_side_of_the_world_is_ordinary() {
        // About 17,000 km in 36 hours, about 470 km/h.
        assert_eq!(classify(SYDNEY, T0, LONDON, T0 + 36 * HOUR), Travel::Ordinary);
    }

    #[test]
    fn same_city_is_ordinary_even_within_a_second() {
        assert_eq!(classify(LONDON, T0, LONDON_CITY, T0 + 1_000), Travel::Ordinary);
        assert_eq!(classify(LONDON, T0, LONDON, T0), Travel::Ordinary);
    }

    #[test]
    fn speeds_just_either_side_of_thresholds_change_the_class() {
        let distance = distance_km(LONDON, PARIS);
        let at_speed = |kmh: f64| T0 + (distance / kmh * MS_PER_HOUR).round() as u64;
        // Rounding to whole milliseconds can only nudge the speed a hair either side.
        let just_atypical = classify(LONDON, T0, PARIS, at_speed(ATYPICAL_KMH + 0.01));
        let just_impossible = classify(LONDON, T0, PARIS, at_speed(IMPOSSIBLE_KMH + 0.01));
        assert_eq!(just_atypical, Travel::Atypical);
        assert_eq!(just_impossible, Travel::Impossible);
        assert_eq!(classify(LONDON, T0, PARIS, at_speed(ATYPICAL_KMH - 0.01)), Travel::Ordinary);
    }

    // proptest is a native-only dev-dependency of the main crate.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn coordinates() -> impl Strategy<Value = Coordinates> {
            (-90.0..=90.0f64, -180.0..=180.0f64).prop_map(|(lat, lon)| Coordinates { lat, lon })
        }

        proptest! {
            #[test]
            fn distance_is_symmetric_bounded_and_never_nan(a in coordinates(), b in coordinates()) {
                let (ab, ba) = (distance_km(a, b), distance_km(b, a));
                prop_assert!(!ab.is_nan());
                prop_assert!((ab - ba).abs() < 1e-9, "{} vs {}", ab, ba);
                prop_assert!((0.0..=std::f64::consts::PI * EARTH_RADIUS_KM + 1e-9).contains(&ab));
            }

            #[test]
            fn classification_ignores_order(a in coordinates(), b in coordinates(), a_ms in 0u64..1u64 << 45, b_ms in 0u64..1u64 << 45) {
                prop_assert_eq!(classify(a, a_ms, b, b_ms), classify(b, b_ms, a, a_ms));
            }
        }
    }
}
