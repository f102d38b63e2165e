//! Where a connection comes from. `--places FILE` is a table of networks and their
//! places, standing in for an IP geolocation database; an address outside it tells
//! nothing, and the authority then uses the person's last known place. The device and
//! app come from the `User-Agent` header, the address from the connection: never from
//! the request body.
use riskgate_api::{Coordinates, Location, SignInSource};
use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq)]
struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    fn parse(text: &str) -> Option<Network> {
        let (addr, prefix) = text.split_once('/').unwrap_or((text, ""));
        let base: IpAddr = addr.trim().parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = if prefix.is_empty() { max } else { prefix.trim().parse().ok()? };
        (prefix <= max).then_some(Network { base, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        let bits = |ip: IpAddr| match ip {
            IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
            IpAddr::V6(v6) => (u128::from(v6), 128),
        };
        let ((base, width), (addr, other)) = (bits(self.base), bits(ip));
        if width != other {
            return false;
        }
        let host_bits = u32::from(width - self.prefix);
        base.checked_shr(host_bits).unwrap_or(0) == addr.checked_shr(host_bits).unwrap_or(0)
    }
}

/// Networks and their places; the longest matching prefix wins.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Places(Vec<(Network, Location)>);

impl Places {
    /// Reads `network,city,country,latitude,longitude` lines (`#` starts a comment),
    /// e.g. `198.51.100.0/24,Lisbon,PT,38.72,-9.14`.
    pub fn parse(text: &str) -> Result<Places, String> {
        let mut table = vec![];
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let row = place_row(line).ok_or_else(|| {
                format!("line {}: expected network,city,country,latitude,longitude, not {line:?}", n + 1)
            })?;
            table.push(row);
        }
        table.sort_by_key(|(net, _)| std::cmp::Reverse(net.prefix));
        Ok(Places(table))
    }

    /// An IPv4 client of an IPv6 listener (`::ffff:a.b.c.d`) is looked up as IPv4.
    pub fn locate(&self, ip: IpAddr) -> Option<Location> {
        let ip = ip.to_canonical();
        self.0.iter().find(|(net, _)| net.contains(ip)).map(|(_, place)| place.clone())
    }

    /// The sign-in's source as the connection shows it, if its address is placed.
    pub fn source(&self, ip: Option<IpAddr>, user_agent: &str) -> Option<SignInSource> {
        let ip = ip?.to_canonical();
        let location = self.locate(ip)?;
        let (device, app) = device_and_app(user_agent);
        Some(SignInSource { location, ip: ip.to_string(), device, app })
    }
}

fn place_row(line: &str) -> Option<(Network, Location)> {
    let cells: Vec<&str> = line.split(',').map(str::trim).collect();
    let [net, city, country, lat, lon] = cells.as_slice() else { return None };
    let (lat, lon): (f64, f64) = (lat.parse().ok()?, lon.parse().ok()?);
    let valid = !city.is_empty() && country.len() == 2 && lat.abs() <= 90.0 && lon.abs() <= 180.0;
    let location =
        Location { city: city.to_string(), country: country.to_string(), coords: Coordinates { lat, lon } };
    valid.then_some((Network::parse(net)?, location))
}

/// A device and an app named as a person recognises them, from a `User-Agent`.
pub fn device_and_app(user_agent: &str) -> (String, String) {
    let has = |needle: &str| user_agent.contains(needle);
    let device = if has("iPhone") {
        "iPhone"
    } else if has("iPad") {
        "iPad"
    } else if has("Android") {
        "Android device"
    } else if has("Windows") {
        "Windows computer"
    } else if has("Macintosh") || has("Mac OS") {
        "Mac"
    } else if has("Linux") || has("X11") {
        "Linux computer"
    } else {
        "Unknown device"
    };
    let app = if has("Edg/") {
        "Edge"
    } else if has("Firefox/") {
        "Firefox"
    } else if has("Chrome/") || has("Chromium/") {
        "Chrome"
    } else if has("Safari/") {
        "Safari"
    } else {
        "Browser"
    };
    (device.into(), app.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# test networks\n\
        198.51.100.0/24, Lisbon, PT, 38.72, -9.14\n\
        198.51.100.128/25, Porto, PT, 41.15, -8.61  # a narrower one wins\n\
        2001:db8::/32, Oslo, NO, 59.91, 10.75\n";

    fn city(places: &Places, ip: &str) -> Option<String> {
        places.locate(ip.parse().unwrap()).map(|l| l.city)
    }

    #[test]
    fn the_longest_matching_network_places_an_address() {
        let places = Places::parse(TABLE).unwrap();
        assert_eq!(city(&places, "198.51.100.7").as_deref(), Some("Lisbon"));
        assert_eq!(city(&places, "198.51.100.200").as_deref(), Some("Porto"));
        assert_eq!(city(&places, "2001:db8::1").as_deref(), Some("Oslo"));
        assert_eq!(city(&places, "198.51.101.7"), None);
        assert_eq!(city(&places, "::ffff:198.51.100.7").as_deref(), Some("Lisbon"), "mapped IPv4 is IPv4");
        assert_eq!(city(&places, "::198.51.100.7"), None, "other families are not mixed");
    }

    #[test]
    fn a_bad_line_is_named() {
        let err = Places::parse("10.0.0.0/8,Oslo,NO,59.9,10.7\n10.0.0.0/40,Oslo,NO,1,1\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        assert!(Places::parse("10.0.0.0/8,Oslo,Norway,59.9,10.7").is_err(), "a two-letter country");
        assert!(Places::parse("10.0.0.0/8,Oslo,NO,95,10.7").is_err(), "a latitude");
    }

    #[test]
    fn the_source_is_the_connection_and_its_user_agent() {
        let places = Places::parse(TABLE).unwrap();
        let ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36 Edg/120.0";
        let source = places.source(Some("198.51.100.7".parse().unwrap()), ua).unwrap();
        assert_eq!(
            (source.ip.as_str(), source.device.as_str(), source.app.as_str(), source.location.city.as_str()),
            ("198.51.100.7", "Windows computer", "Edge", "Lisbon")
        );
        assert_eq!(places.source(Some("192.0.2.1".parse().unwrap()), ua), None, "not placed");
        assert_eq!(places.source(None, ua), None);
    }
}
