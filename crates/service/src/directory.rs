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
/// Familiar and unfamiliar places count and lock apart, so that wrong passwords
/// from elsewhere do not lock the person out at their desk. The familiar lock is
/// `UserState::locked_until_ms`, which also holds elsewhere.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lockout {
    pub familiar_failures: u32,
    pub unfamiliar_failures: u32,
    pub recent_wrong: Vec<String>,
    /// Familiar-place locks so far; each lasts twice the one before.
    pub times_locked: u32,
    pub unfamiliar_times_locked: u32,
    pub unfamiliar_locked_until_ms: Option<u64>,
    /// Wrong second factors (sign-in codes, codes proving a new method, reset codes,
    /// passkey answers) since the last one that passed. A right password never clears it.
    pub second_factor_failures: u32,
    /// Second-factor locks so far; each waits twice as long as the one before.
    pub second_factor_locks: u32,
    pub second_factors_locked_until_ms: Option<u64>,
    /// Every wrong second factor that was checked, ever: what guessing has got.
    pub wrong_second_factors: u64,
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
    /// What administrators did to the account, oldest first (the last `ADMIN_LOG_KEPT`).
    /// Missing in older saved data: none.
    #[serde(default)]
    pub admin_log: Vec<super::api::AdminRecord>,
    /// Ids of passkeys removed from the account: never accepted or registered again.
    pub revoked_passkeys: Vec<String>,
    /// When a passwordless account's temporary access pass (kept as its password
    /// hash) stops working; it also works only once.
    pub pass_expires_ms: Option<u64>,
    /// When codes were last sent to this account's phones, within the last hour.
    pub codes_sent_ms: Vec<u64>,
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

    /// Removes every method, passkeys included; removed passkeys stay refused.
    pub fn remove_all_methods(&mut self) {
        self.state.methods.clear();
        self.totp = None;
        self.phone = None;
        self.revoke_passkeys();
    }

    pub fn revoke_passkeys(&mut self) {
        let ids = self.passkeys.drain(..).map(|p| p.id);
        self.revoked_passkeys.extend(ids);
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
