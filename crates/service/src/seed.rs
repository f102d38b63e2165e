//! The seeded directory: one persona per scenario, so a reviewer can try each.
//! Passwords are listed in the README; the directory holds only their hashes.
use super::api::SignInSource;
use super::brands;
use super::detect::PastSignIn;
use super::directory::{place, source, Account, Lockout, Tenant, TotpDevice};
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
    /// For the README and the tests; the directory keeps only `hash`.
    pub password: &'static str,
    /// Salted PBKDF2, made once (salt: the first 16 bytes of SHA-256 of the username),
    /// so a first page load does not spend a second hashing twenty passwords.
    pub hash: &'static str,
    pub name: (&'static str, &'static str),
    pub scenario: &'static str,
}

pub const PERSONAS: &[Persona] = &[
    Persona {
        username: "ada@contoso.example",
        password: "Harbor-Lantern-61",
        hash: "pbkdf2-sha256$20000$689ff7b2ca28a966dba8e30c9682718b$0aa1f5d98a1764f68a0451052f3244fe93d7b2bc38d5b0dea3a4876c1a30861d",
        name: ("Ada", "Lindqvist"),
        scenario: "registered and clean",
    },
    Persona {
        username: "ravi@contoso.example",
        password: "Quiet-Meadow-17",
        hash: "pbkdf2-sha256$20000$bd02247aef144a311da43e5e260ad57b$7cd2c3c7339c716d8d799e881eaff24556332230c768b5927a343d531e19ebf6",
        name: ("Ravi", "Menon"),
        scenario: "unfamiliar location and device: MFA with the authenticator app",
    },
    Persona {
        username: "mia@contoso.example",
        password: "Copper-Falcon-28",
        hash: "pbkdf2-sha256$20000$fc27ca4404394f4c679d11c4ae56b495$beb69911a95f5d3a89b22ddc3e0c446407c7f1cd6616af0a9ddb83d1a15698d4",
        name: ("Mia", "Novak"),
        scenario: "impossible travel (Seattle, then Moscow an hour later): MFA",
    },
    Persona {
        username: "omar@contoso.example",
        password: "Velvet-Canyon-35",
        hash: "pbkdf2-sha256$20000$85e5318593982cbe84773d069a85202f$6cc8e70f82326bc830a5d67d223a178cad474633f0e0a05e947cc3aec9916af4",
        name: ("Omar", "Haddad"),
        scenario: "anonymous IP address: MFA by text message",
    },
    Persona {
        username: "kim@contoso.example",
        password: "Silver-Orchard-44",
        hash: "pbkdf2-sha256$20000$97c7075ce721909c800f66e044cca551$fd394a3461fe2ec5b2779d7679651550f7fe67ab78904f689abd876a9e6d306b",
        name: ("Kim", "Park"),
        scenario: "leaked credentials (user risk high): MFA, then a new password",
    },
    Persona {
        username: "noor@contoso.example",
        password: "Amber-Glacier-52",
        hash: "pbkdf2-sha256$20000$e2e88dee3a8d0e66f67ffeb8ed475a45$6a75d5cff09ba8a2381fa29edb62181d19522e5d194b97d65fc2e03dfc24a420",
        name: ("Noor", "Aziz"),
        scenario: "new user, day 0 of the 14-day registration grace",
    },
    Persona {
        username: "tomas@contoso.example",
        password: "Maple-Thunder-73",
        hash: "pbkdf2-sha256$20000$7d92e2039792f5f1c7608fe7be36ceae$218a5cdc63e39952b278bd9d9cff460844b0c9069d489e3487a13b087fa6a7ec",
        name: ("Tomas", "Keller"),
        scenario: "registration grace ends tomorrow",
    },
    Persona {
        username: "lena@contoso.example",
        password: "Cobalt-Prairie-86",
        hash: "pbkdf2-sha256$20000$0fe699a350c368975769db4b143a055a$5f31dc4f250a201d89017393cb2a09fd3ceff5d0d68e6c55852af072c339b056",
        name: ("Lena", "Fischer"),
        scenario: "registration grace over: registration is forced",
    },
    Persona {
        username: "eli@contoso.example",
        password: "Granite-Willow-19",
        hash: "pbkdf2-sha256$20000$60dfb20d870557c2ccb8aaca0e246bf5$b19d645222194d03fc28d8a218b0275752e8fe905bbb55f6afe5a8e7074537d6",
        name: ("Eli", "Moreau"),
        scenario: "no MFA method and a risky sign-in: blocked",
    },
    Persona {
        username: "pat@contoso.example",
        password: "Temp-Kestrel-2468",
        hash: "pbkdf2-sha256$20000$69d2d6b5d05f759f429ec80cb58ddbca$e05c456ca5883f7800f5b99a492548b78d9d42d690635d8e05175236143bf977",
        name: ("Pat", "Quinn"),
        scenario: "temporary password from an admin: must change it",
    },
    Persona {
        username: "lou@contoso.example",
        password: "Hollow-Ember-37",
        hash: "pbkdf2-sha256$20000$9e5d5a29874df6995884aeaf3b3ba03c$08aff795be00739b6149d92509d0470b5b4deca0820747198107ab663d424ba8",
        name: ("Lou", "Bennett"),
        scenario: "locked out by smart lockout",
    },
    Persona {
        username: "dee@contoso.example",
        password: "Scarlet-Harbor-58",
        hash: "pbkdf2-sha256$20000$a6d51959e1609f01c80467428e112628$7766ed4c8c495b555da52b830043cd4c18563cb87ffbd9dc35dba122654393b1",
        name: ("Dee", "Okafor"),
        scenario: "account disabled",
    },
    Persona {
        username: "sam@woodgrove.example",
        password: "Ivory-Summit-64",
        hash: "pbkdf2-sha256$20000$4dc8404f2ae9cafc81db69d7ef34b1c9$58bf164b01c252b5f28ee131b3988a76eb537e939c5b7375efba9cccadb61066",
        name: ("Sam", "Rivera"),
        scenario: "blocked by the sign-in risk policy (malicious IP)",
    },
    Persona {
        username: "jo@woodgrove.example",
        password: "Frosted-Cedar-71",
        hash: "pbkdf2-sha256$20000$2ef85196a411a3de3fa3a0f00afd7ecf$648ae471c993cd36a38c88ed6785ed034752742ad3dd22e638aaae48d36ca15e",
        name: ("Jo", "Tanaka"),
        scenario: "blocked by the user risk policy (leaked credentials)",
    },
    Persona {
        username: "tech@fabrikam.example",
        password: "Rapid-Beacon-83",
        hash: "pbkdf2-sha256$20000$1a2965088b904a06bac0b9f88796acb4$396384e886fbe303381790dd7c2c4137a7235f232fdfadfc89f71a461f220c02",
        name: ("Tess", "Hughes"),
        scenario: "guest technician at risk; home tenant allows self-remediation",
    },
    Persona {
        username: "tech@northwind.example",
        password: "Misty-Anchor-95",
        hash: "pbkdf2-sha256$20000$be606d9a5cdf1fbddd5202ef59f34438$88b82bf052959c0b6f939054d3635ff88c3014ddd8319bf8305a75f2e4f2c7da",
        name: ("Nils", "Berg"),
        scenario: "guest technician at risk; home tenant admin must remediate",
    },
    Persona {
        username: "pia@contoso.example",
        // Passwordless: this is her temporary access pass, good until her first passkey.
        password: "Lagoon-Ribbon-4812",
        hash: "pbkdf2-sha256$20000$22a2fbd2c5c66e1362dccbdb8da63719$ff9848f492e5eadbf06c78dfe0bc2d090e0e76b872b7f28b5259597bcecd7d17",
        name: ("Pia", "Lund"),
        scenario: "passwordless: a temporary access pass once, then passkeys only",
    },
    Persona {
        username: "admin@contoso.example",
        password: "Steady-Compass-27",
        hash: "pbkdf2-sha256$20000$8302c9a920ed4fb39acc0fd7d00886db$e180fe3580f6b185bbb141ac9af790af451d00f0b84684d7d44613117646bc31",
        name: ("Alex", "Admin"),
        scenario: "IT administrator of Contoso",
    },
    Persona {
        username: "admin@woodgrove.example",
        password: "Steady-Ledger-39",
        hash: "pbkdf2-sha256$20000$4cf7790d9b0492dda9c8d2b0108d55ca$8bb33ebc06006b7510082dd83517afce96d981c721cbd0f86ece7e319bc8b816",
        name: ("Wren", "Admin"),
        scenario: "IT administrator of Woodgrove Bank",
    },
    Persona {
        username: "admin@northwind.example",
        password: "Steady-Beacon-48",
        hash: "pbkdf2-sha256$20000$af0fec794165c48c837b22e349c10df2$33d616d69eea03312d44b2523a37024341a4b4e75985d71b6a784c3b67c8091c",
        name: ("Noel", "Admin"),
        scenario: "IT administrator of Northwind IT Partners, the second technician's home",
    },
    Persona {
        username: "admin@fabrikam.example",
        password: "Steady-Harbor-52",
        hash: "pbkdf2-sha256$20000$8de75daccfc5277bdf2c2639dc03e5d2$922c5e37d72f06ef6bd7e3e0e3cc2433265d4c636b0d5639d44132322f4e15ca",
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
    // "Require risk remediation": a new password, or for passwordless people a passkey.
    let mut contoso = TenantPolicy::default();
    contoso.user_risk.action = UserAction::RequireRiskRemediation;
    let mut hands_off = TenantPolicy::default();
    hands_off.sign_in_risk.enforcement = Enforcement::Off;
    hands_off.user_risk.enforcement = Enforcement::Off;
    let custom = |terms: &[&str]| BannedList { custom: terms.iter().map(|t| t.to_string()).collect() };
    vec![
        Tenant {
            id: CONTOSO.into(),
            name: "Contoso".into(),
            policy: contoso,
            banned: custom(&["contoso", "blank"]),
            branding: brands::contoso(),
        },
        Tenant {
            id: WOODGROVE.into(),
            name: "Woodgrove Bank".into(),
            policy: strict,
            banned: custom(&["woodgrove"]),
            branding: brands::woodgrove(),
        },
        Tenant {
            id: FABRIKAM.into(),
            name: "Fabrikam Managed Services".into(),
            policy: TenantPolicy::default(),
            banned: custom(&["fabrikam"]),
            branding: brands::fabrikam(),
        },
        Tenant {
            id: NORTHWIND.into(),
            name: "Northwind IT Partners".into(),
            policy: hands_off,
            banned: custom(&["northwind"]),
            branding: brands::northwind(),
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
    let mut secret = vec![0u8; 20];
    entropy.fill(&mut secret);
    let mut a = plain_account(p.username, p.name, domain_tenant, p.hash, secret, now_ms);
    script(&mut a, now_ms);
    a
}

/// A member of `tenant` with an authenticator app, last seen at the usual place two days ago.
fn plain_account(
    username: &str,
    name: (&str, &str),
    tenant: &str,
    hash: &str,
    secret: Vec<u8>,
    now_ms: u64,
) -> Account {
    let mut a = Account {
        username: username.into(),
        display_name: format!("{} {}", name.0, name.1),
        given_name: name.0.into(),
        surname: name.1.into(),
        home_tenant: tenant.into(),
        signs_in_to: tenant.into(),
        password_hash: hash.into(),
        state: UserState::new(username),
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
        passkeys: vec![],
        revoked_passkeys: vec![],
        admin_log: vec![],
        pass_expires_ms: None,
        codes_sent_ms: vec![],
    };
    a.state.methods = vec![MethodKind::AuthenticatorApp];
    a
}

/// The password of every load-test account (`--seed bench:N`, `make bench`).
pub const BENCH_PASSWORD: &str = "Bench-Lantern-2468";

/// The `i`th load-test account, from 1: `load-00001@contoso.example`.
pub fn bench_username(i: u32) -> String {
    format!("load-{i:05}@contoso.example")
}

/// A load-test account's authenticator secret, derivable by the load tool: the first 20
/// bytes of SHA-256 of `riskgate bench authenticator:` and the username.
pub fn bench_secret(username: &str) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    Sha256::digest(format!("riskgate bench authenticator:{username}").as_bytes())[..20].to_vec()
}

/// `count` load-test accounts in Contoso, each like ravi before his risky sign-in: an
/// authenticator app and a usual place (Seattle), so a sign-in from anywhere new asks
/// for the notice and a code. `hash` is one stored hash of `BENCH_PASSWORD` for them all
/// (hashing each would make seeding thousands take minutes).
pub fn bench_accounts(count: u32, hash: &str, now_ms: u64) -> Vec<Account> {
    (1..=count)
        .map(|i| {
            let username = bench_username(i);
            let secret = bench_secret(&username);
            plain_account(&username, ("Load", &format!("{i:05}")), CONTOSO, hash, secret, now_ms)
        })
        .collect()
}

/// A temporary access pass is good for eight hours, and once.
pub const PASS_LIFETIME_MS: u64 = 8 * 60 * 60 * 1000;

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
        ("pia", _) => {
            unregistered(a);
            a.state.has_password = false;
            a.pass_expires_ms = Some(now_ms + PASS_LIFETIME_MS);
        }
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
