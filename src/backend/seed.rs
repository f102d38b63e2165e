//! The seeded directory: one persona per scenario, so a reviewer can try each.
//! Passwords are listed in the README; here they are hashed as the seed is made.
use super::api::Branding;
use super::api::SignInSource;
use super::detect::PastSignIn;
use super::directory::{place, source, Account, Lockout, Tenant, TotpDevice};
use super::hash;
use super::platform::Entropy;
use crate::engine::password::BannedList;
use crate::engine::policy::{Enforcement, SignInAction, UserAction};
use crate::engine::risk::DAY_MS;
use crate::engine::{Detection, DetectionKind, MethodKind, RiskLevel, TenantPolicy, Timing, UserState};

pub const CONTOSO: &str = "contoso";
pub const WOODGROVE: &str = "woodgrove";
pub const FABRIKAM: &str = "fabrikam";
pub const NORTHWIND: &str = "northwind";

/// A persona as the README describes it.
pub struct Persona {
    pub username: &'static str,
    pub password: &'static str,
    pub name: (&'static str, &'static str),
    pub scenario: &'static str,
}

pub const PERSONAS: &[Persona] = &[
    Persona {
        username: "ada@contoso.example",
        password: "Harbor-Lantern-61",
        name: ("Ada", "Lindqvist"),
        scenario: "registered and clean",
    },
    Persona {
        username: "ravi@contoso.example",
        password: "Quiet-Meadow-17",
        name: ("Ravi", "Menon"),
        scenario: "unfamiliar location and device: MFA with the authenticator app",
    },
    Persona {
        username: "mia@contoso.example",
        password: "Copper-Falcon-28",
        name: ("Mia", "Novak"),
        scenario: "impossible travel (Seattle, then Moscow an hour later): MFA",
    },
    Persona {
        username: "omar@contoso.example",
        password: "Velvet-Canyon-35",
        name: ("Omar", "Haddad"),
        scenario: "anonymous IP address: MFA by text message",
    },
    Persona {
        username: "kim@contoso.example",
        password: "Silver-Orchard-44",
        name: ("Kim", "Park"),
        scenario: "leaked credentials (user risk high): MFA, then a new password",
    },
    Persona {
        username: "noor@contoso.example",
        password: "Amber-Glacier-52",
        name: ("Noor", "Aziz"),
        scenario: "new user, day 0 of the 14-day registration grace",
    },
    Persona {
        username: "tomas@contoso.example",
        password: "Maple-Thunder-73",
        name: ("Tomas", "Keller"),
        scenario: "registration grace ends tomorrow",
    },
    Persona {
        username: "lena@contoso.example",
        password: "Cobalt-Prairie-86",
        name: ("Lena", "Fischer"),
        scenario: "registration grace over: registration is forced",
    },
    Persona {
        username: "eli@contoso.example",
        password: "Granite-Willow-19",
        name: ("Eli", "Moreau"),
        scenario: "no MFA method and a risky sign-in: blocked",
    },
    Persona {
        username: "pat@contoso.example",
        password: "Temp-Kestrel-2468",
        name: ("Pat", "Quinn"),
        scenario: "temporary password from an admin: must change it",
    },
    Persona {
        username: "lou@contoso.example",
        password: "Hollow-Ember-37",
        name: ("Lou", "Bennett"),
        scenario: "locked out by smart lockout",
    },
    Persona {
        username: "dee@contoso.example",
        password: "Scarlet-Harbor-58",
        name: ("Dee", "Okafor"),
        scenario: "account disabled",
    },
    Persona {
        username: "sam@woodgrove.example",
        password: "Ivory-Summit-64",
        name: ("Sam", "Rivera"),
        scenario: "blocked by the sign-in risk policy (malicious IP)",
    },
    Persona {
        username: "jo@woodgrove.example",
        password: "Frosted-Cedar-71",
        name: ("Jo", "Tanaka"),
        scenario: "blocked by the user risk policy (leaked credentials)",
    },
    Persona {
        username: "tech@fabrikam.example",
        password: "Rapid-Beacon-83",
        name: ("Tess", "Hughes"),
        scenario: "guest technician at risk; home tenant allows self-remediation",
    },
    Persona {
        username: "tech@northwind.example",
        password: "Misty-Anchor-95",
        name: ("Nils", "Berg"),
        scenario: "guest technician at risk; home tenant admin must remediate",
    },
    Persona {
        username: "admin@contoso.example",
        password: "Steady-Compass-27",
        name: ("Alex", "Admin"),
        scenario: "IT administrator of Contoso",
    },
    Persona {
        username: "admin@woodgrove.example",
        password: "Steady-Ledger-39",
        name: ("Wren", "Admin"),
        scenario: "IT administrator of Woodgrove Bank",
    },
    Persona {
        username: "admin@northwind.example",
        password: "Steady-Beacon-48",
        name: ("Noel", "Admin"),
        scenario: "IT administrator of Northwind IT Partners, the second technician's home",
    },
    Persona {
        username: "admin@fabrikam.example",
        password: "Steady-Harbor-52",
        name: ("Fay", "Admin"),
        scenario: "IT administrator of Fabrikam Managed Services, the first technician's home",
    },
];

fn tenants() -> Vec<Tenant> {
    let strict = TenantPolicy {
        sign_in_risk: crate::engine::policy::SignInRiskPolicy {
            enforcement: Enforcement::On,
            min_level: RiskLevel::High,
            action: SignInAction::Block,
        },
        user_risk: crate::engine::policy::UserRiskPolicy {
            enforcement: Enforcement::On,
            min_level: RiskLevel::High,
            action: UserAction::Block,
        },
        ..TenantPolicy::default()
    };
    let mut hands_off = TenantPolicy::default();
    hands_off.sign_in_risk.enforcement = Enforcement::Off;
    hands_off.user_risk.enforcement = Enforcement::Off;
    let custom = |terms: &[&str]| BannedList { custom: terms.iter().map(|t| t.to_string()).collect() };
    vec![
        Tenant {
            id: CONTOSO.into(),
            name: "Contoso".into(),
            policy: TenantPolicy::default(),
            banned: custom(&["contoso", "blank"]),
            branding: Branding::accent("#0b5cad"),
        },
        Tenant {
            id: WOODGROVE.into(),
            name: "Woodgrove Bank".into(),
            policy: strict,
            banned: custom(&["woodgrove"]),
            branding: Branding::accent("#00704a"),
        },
        Tenant {
            id: FABRIKAM.into(),
            name: "Fabrikam Managed Services".into(),
            policy: TenantPolicy::default(),
            banned: custom(&["fabrikam"]),
            branding: Branding::accent("#6a2c91"),
        },
        Tenant {
            id: NORTHWIND.into(),
            name: "Northwind IT Partners".into(),
            policy: hands_off,
            banned: custom(&["northwind"]),
            branding: Branding::accent("#8a4b00"),
        },
    ]
}

fn usual_source() -> SignInSource {
    source(place("Seattle", "US", 47.61, -122.33), "192.0.2.10", "Work laptop", "Mail")
}

/// The seeded directory, as it is at `now_ms`.
pub fn directory(now_ms: u64, entropy: &dyn Entropy) -> (Vec<Tenant>, Vec<Account>) {
    let accounts = PERSONAS.iter().map(|p| account(p, now_ms, entropy)).collect();
    (tenants(), accounts)
}

fn account(p: &Persona, now_ms: u64, entropy: &dyn Entropy) -> Account {
    let domain_tenant = match p.username.split('@').nth(1) {
        Some("woodgrove.example") => WOODGROVE,
        Some("fabrikam.example") => FABRIKAM,
        Some("northwind.example") => NORTHWIND,
        _ => CONTOSO,
    };
    let mut salt = [0u8; 16];
    entropy.fill(&mut salt);
    let mut secret = vec![0u8; 20];
    entropy.fill(&mut secret);
    let mut a = Account {
        username: p.username.into(),
        display_name: format!("{} {}", p.name.0, p.name.1),
        given_name: p.name.0.into(),
        surname: p.name.1.into(),
        home_tenant: domain_tenant.into(),
        signs_in_to: domain_tenant.into(),
        password_hash: seed_hash(p.password, salt),
        state: UserState::new(p.username),
        totp: Some(TotpDevice { secret, last_step: None }),
        phone: None,
        detections: vec![],
        history: vec![PastSignIn { source: usual_source(), at_ms: now_ms.saturating_sub(2 * DAY_MS) }],
        next_source: None,
        lockout: Lockout::default(),
        risk_log: vec![],
        is_admin: false,
        trusted_ips: vec![],
        password_changed_ms: None,
    };
    a.state.methods = vec![MethodKind::AuthenticatorApp];
    script(&mut a, now_ms);
    a
}

/// Seeding hashes every persona's password, which is slow on purpose; remember the
/// results so a reset, or a test making many directories, pays once per salt.
fn seed_hash(password: &str, salt: [u8; 16]) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static DONE: RefCell<HashMap<(String, [u8; 16]), String>> = RefCell::default();
    }
    DONE.with(|done| {
        let key = (password.to_string(), salt);
        done.borrow_mut()
            .entry(key)
            .or_insert_with(|| hash::hash_password(password, &salt, hash::ITERATIONS))
            .clone()
    })
}

fn leaked(now_ms: u64) -> Detection {
    Detection::new(DetectionKind::LeakedCredentials, RiskLevel::High, Timing::Offline, now_ms - DAY_MS)
}

fn unregistered(a: &mut Account) {
    a.state.methods.clear();
    a.totp = None;
}

/// Gives each persona the state and the next sign-in its scenario needs.
fn script(a: &mut Account, now_ms: u64) {
    let local = a.username.split('@').next().unwrap_or_default().to_string();
    match (local.as_str(), a.home_tenant.as_str()) {
        ("ravi", _) => {
            a.next_source =
                Some(source(place("Lisbon", "PT", 38.72, -9.14), "192.0.2.77", "New phone", "Mail"))
        }
        ("mia", _) => {
            a.history[0].at_ms = now_ms - 60 * 60 * 1000;
            a.next_source =
                Some(source(place("Moscow", "RU", 55.76, 37.62), "192.0.2.50", "Work laptop", "Mail"));
        }
        ("omar", _) => {
            a.state.methods = vec![MethodKind::Sms];
            a.totp = None;
            a.phone = Some("+1 206 555 0147".into());
            a.next_source =
                Some(source(place("Seattle", "US", 47.61, -122.33), "198.51.100.23", "Work laptop", "Mail"));
        }
        ("kim", _) => a.detections.push(leaked(now_ms)),
        ("noor", _) => {
            unregistered(a);
            a.history.clear();
            a.next_source = Some(usual_source());
        }
        ("tomas", _) => {
            unregistered(a);
            a.state.grace_started_ms = Some(now_ms - 13 * DAY_MS);
        }
        ("lena", _) => {
            unregistered(a);
            a.state.grace_started_ms = Some(now_ms - 15 * DAY_MS);
        }
        ("eli", _) => {
            unregistered(a);
            a.next_source =
                Some(source(place("Seattle", "US", 47.61, -122.33), "198.51.100.40", "Work laptop", "Mail"));
        }
        ("pat", _) => a.state.temporary_password = true,
        ("lou", _) => {
            a.state.locked_until_ms = Some(now_ms + 10 * 60 * 1000);
            a.lockout.times_locked = 1;
        }
        ("dee", _) => a.state.disabled = true,
        ("sam", _) => {
            a.next_source =
                Some(source(place("Seattle", "US", 47.61, -122.33), "203.0.113.66", "Work laptop", "Mail"))
        }
        ("jo", _) => a.detections.push(leaked(now_ms)),
        ("tech", home) => {
            a.signs_in_to = CONTOSO.into();
            a.state.home_tenant = Some(home.into());
            a.detections.push(leaked(now_ms));
        }
        ("admin", _) => a.is_admin = true,
        _ => {}
    }
}
