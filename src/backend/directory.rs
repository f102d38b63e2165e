//! The mock directory: tenants, accounts and what is remembered about them.
use super::api::{Branding, RiskChange};
use super::api::{Location, SignInSource};
use super::detect::PastSignIn;
use super::geo::Coordinates;
use crate::engine::password::BannedList;
use crate::engine::risk::close_open;
use crate::engine::{
    Detection, DetectionKind, MethodKind, RiskDetail, RiskLevel, RiskState, TenantPolicy, Timing, UserState,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: String,
    pub name: String,
    pub policy: TenantPolicy,
    pub banned: BannedList,
    pub branding: Branding,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TotpDevice {
    pub secret: Vec<u8>,
    pub last_step: Option<u64>,
}

/// Smart lockout counters; wrong passwords are kept only as salted hashes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lockout {
    pub familiar_failures: u32,
    pub unfamiliar_failures: u32,
    pub recent_wrong: Vec<String>,
    pub times_locked: u32,
    /// Wrong codes in password resets since the last good sign-in or reset.
    #[serde(default)]
    pub reset_failures: u32,
    /// Wrong MFA codes in sign-ins since the last code that worked.
    #[serde(default)]
    pub mfa_failures: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub username: String,
    pub display_name: String,
    pub given_name: String,
    pub surname: String,
    /// The tenant the account belongs to.
    pub home_tenant: String,
    /// The tenant this account signs in to here; differs from home for a guest.
    pub signs_in_to: String,
    pub password_hash: String,
    pub state: UserState,
    pub totp: Option<TotpDevice>,
    pub phone: Option<String>,
    pub detections: Vec<Detection>,
    pub history: Vec<PastSignIn>,
    /// The mock's script: where this persona's next sign-in comes from.
    pub next_source: Option<SignInSource>,
    pub lockout: Lockout,
    pub risk_log: Vec<RiskChange>,
    pub is_admin: bool,
    /// Addresses an administrator confirmed as safe for this person.
    pub trusted_ips: Vec<String>,
    pub password_changed_ms: Option<u64>,
    /// Registered passkeys. Missing in older saved data: none.
    #[serde(default)]
    pub passkeys: Vec<super::webauthn::StoredPasskey>,
}

impl Account {
    pub fn has_method(&self, m: MethodKind) -> bool {
        self.state.methods.contains(&m)
    }

    /// Adds an offline detection (a report, an admin's verdict) and records it.
    pub fn raise_risk(&mut self, kind: DetectionKind, state: RiskState, detail: RiskDetail, now: u64) {
        let mut d = Detection::new(kind, RiskLevel::High, Timing::Offline, now);
        d.state = state;
        self.detections.push(d);
        self.risk_log.push(RiskChange { at_ms: now, state, detail });
    }

    /// Closes every open detection and records why.
    pub fn close_risk(&mut self, state: RiskState, detail: RiskDetail, now: u64) {
        close_open(&mut self.detections, state);
        self.risk_log.push(RiskChange { at_ms: now, state, detail });
    }
}

pub fn place(city: &str, country: &str, lat: f64, lon: f64) -> Location {
    Location { city: city.into(), country: country.into(), coords: Coordinates { lat, lon } }
}

pub fn source(location: Location, ip: &str, device: &str, app: &str) -> SignInSource {
    SignInSource { location, ip: ip.into(), device: device.into(), app: app.into() }
}
