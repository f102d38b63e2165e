//! Every gallery entry: which screen in which state, how the stage is brought there,
//! and what a person would do once it shows.
use super::stage::{admin_view, flow, screen, signed_in_view, Prepared, Stage};
use crate::backend::api::Branding;
use crate::backend::{brands, Input};
use crate::engine::{MethodKind, Step};
use crate::ui::Screen;

/// What the gallery does once the entry is on screen, to show a state that only a
/// person's action brings about.
#[derive(Clone, Copy, Debug)]
pub enum Then {
    Nothing,
    /// Types `text` into the `field` (a selector) and submits its form.
    Submit {
        field: &'static str,
        text: &'static str,
    },
    /// The same, with the backend slowed right down: the "working on it" state.
    SubmitSlowly {
        field: &'static str,
        text: &'static str,
    },
    /// Clicks the button of this accessible name once it is shown.
    Click(&'static str),
}

pub struct Entry {
    pub id: &'static str,
    pub title: &'static str,
    /// The username the first screens show.
    pub username: &'static str,
    pub prepare: fn(&Stage) -> Prepared,
    pub then: Then,
    /// The branding the host page passes, as a page made for one tenant would.
    pub brand: Option<fn() -> Branding>,
}

const fn entry(id: &'static str, title: &'static str, prepare: fn(&Stage) -> Prepared) -> Entry {
    Entry { id, title, username: "", prepare, then: Then::Nothing, brand: None }
}

/// Every entry, in the order a person meets the screens.
pub const ENTRIES: &[Entry] = &[
    entry("sign-in", "Sign in: username", |_| screen(Screen::Username)),
    Entry {
        then: Then::Submit { field: "#rg-username", text: "" },
        ..entry("sign-in-empty", "Sign in: nothing typed", |_| screen(Screen::Username))
    },
    Entry {
        username: "ada@contoso.example",
        ..entry("password", "Sign in: password, the account in view", |_| screen(Screen::Password))
    },
    Entry {
        username: "ada@contoso.example",
        then: Then::Submit { field: "#rg-password", text: "not-her-password" },
        ..entry("password-wrong", "Sign in: wrong password", |_| screen(Screen::Password))
    },
    Entry {
        username: "ada@contoso.example",
        then: Then::SubmitSlowly { field: "#rg-password", text: "Harbor-Lantern-61" },
        ..entry("password-loading", "Sign in: waiting for a slow service", |_| screen(Screen::Password))
    },
    entry("notice-sign-in-risk", "Risky sign-in: something unusual", |s| {
        flow(s.sign_in("ravi@contoso.example")?)
    }),
    entry("notice-travel", "Risky sign-in: impossible travel", |s| flow(s.sign_in("mia@contoso.example")?)),
    entry("notice-user-risk", "Risky user: account at risk", |s| flow(s.sign_in("kim@contoso.example")?)),
    entry("mfa-app", "MFA: authenticator code", |s| flow(s.challenge("ravi@contoso.example")?)),
    Entry {
        then: Then::Submit { field: "#rg-code", text: "000 000" },
        ..entry("mfa-wrong-code", "MFA: wrong code", |s| flow(s.challenge("ravi@contoso.example")?))
    },
    entry("mfa-text", "MFA: code by text message", |s| {
        let challenge = s.challenge("omar@contoso.example")?;
        flow(s.send(&challenge, Input::SendCode { method: MethodKind::Sms })?)
    }),
    entry("interrupt", "Registration interrupt: day 0 of 14", |s| flow(s.sign_in("noor@contoso.example")?)),
    entry("interrupt-last-day", "Registration interrupt: last day to skip", |s| {
        flow(s.sign_in("tomas@contoso.example")?)
    }),
    entry("interrupt-forced", "Registration interrupt: grace over", |s| {
        flow(s.sign_in("lena@contoso.example")?)
    }),
    entry("register-choose", "Registration: choose a method", |s| {
        let interrupt = s.sign_in("lena@contoso.example")?;
        flow(s.send(&interrupt, Input::Continue)?)
    }),
    entry("register-app", "Registration: authenticator app (QR code)", |s| {
        register(s, MethodKind::AuthenticatorApp)
    }),
    Entry {
        then: Then::Submit { field: "#rg-code", text: "12" },
        ..entry("register-app-bad-code", "Registration: code too short", |s| {
            register(s, MethodKind::AuthenticatorApp)
        })
    },
    entry("register-phone", "Registration: phone, code sent", |s| register(s, MethodKind::Sms)),
    entry("register-passkey", "Registration: passwordless person, passkey offered", |s| {
        let interrupt = s.sign_in("pia@contoso.example")?;
        flow(s.send(&interrupt, Input::Continue)?)
    }),
    entry("password-change-user-risk", "Risky user: new password", |s| {
        flow(s.pass_mfa("kim@contoso.example")?)
    }),
    entry("password-change-rejected", "New password: rejected by password protection", |s| {
        let change = s.pass_mfa("kim@contoso.example")?;
        let weak = "C0ntos0Blank12".to_string();
        flow(s.send(&change, Input::NewPassword { password: weak.clone(), confirm: weak })?)
    }),
    entry("password-temporary", "Temporary password: must change", |s| {
        flow(s.sign_in("pat@contoso.example")?)
    }),
    entry("signed-in", "Signed in", |s| flow(s.sign_in("ada@contoso.example")?)),
    entry("signed-in-remediated", "Signed in: sign-in risk remediated", |s| {
        flow(s.pass_mfa("ravi@contoso.example")?)
    }),
    // The last step was taken elsewhere (a reply lost, or a second tab): read back, the
    // finished flow carries no session.
    entry("signed-in-elsewhere", "Signed in elsewhere: this page holds no session", |s| {
        let done = s.pass_mfa("ravi@contoso.example")?;
        flow(s.mock.current_now(&done.flow_id)?)
    }),
    entry("blocked-sign-in-risk", "Blocked: sign-in risk", |s| flow(s.sign_in("sam@woodgrove.example")?)),
    entry("blocked-user-risk", "Blocked: user risk", |s| flow(s.sign_in("jo@woodgrove.example")?)),
    entry("blocked-unregistered", "Blocked: no method while at risk", |s| {
        flow(s.sign_in("eli@contoso.example")?)
    }),
    entry("blocked-home-tenant", "Blocked: guest, home tenant must remediate", |s| {
        flow(s.sign_in("tech@northwind.example")?)
    }),
    entry("blocked-locked-out", "Blocked: smart lockout", |s| flow(s.sign_in("lou@contoso.example")?)),
    entry("blocked-disabled", "Blocked: account disabled", |s| flow(s.sign_in("dee@contoso.example")?)),
    entry("blocked-too-many-codes", "Blocked: too many wrong codes", too_many_codes),
    entry("notice-guest", "Guest technician: home tenant allows self-remediation", |s| {
        flow(s.sign_in("tech@fabrikam.example")?)
    }),
    entry("cancelled", "Sign-in cancelled", |s| {
        let notice = s.sign_in("ravi@contoso.example")?;
        flow(s.send(&notice, Input::Cancel)?)
    }),
    entry("reset", "Forgot password: start", |_| screen(Screen::Reset)),
    // Each demo tenant's branding as its own sign-in page would pass it; from the first
    // reply on, the tenant's own comes from the service (e.g. the Woodgrove blocks above).
    Entry {
        brand: Some(brands::contoso),
        ..entry("brand-contoso", "Branding: Contoso (logo, page text, username hint)", |_| {
            screen(Screen::Username)
        })
    },
    Entry {
        brand: Some(brands::woodgrove),
        ..entry("brand-woodgrove", "Branding: Woodgrove Bank (page colour)", |_| screen(Screen::Username))
    },
    Entry {
        brand: Some(brands::woodgrove),
        username: "jo@woodgrove.example",
        ..entry("brand-woodgrove-password", "Branding: Woodgrove Bank, password", |_| {
            screen(Screen::Password)
        })
    },
    Entry {
        brand: Some(brands::fabrikam),
        ..entry("brand-fabrikam", "Branding: Fabrikam (background picture)", |_| screen(Screen::Username))
    },
    Entry {
        brand: Some(brands::northwind),
        ..entry("brand-northwind", "Branding: Northwind (colour and name, no logo)", |_| {
            screen(Screen::Username)
        })
    },
    entry("account", "Account health", |s| signed_in_view(s, "ada@contoso.example", Screen::Account)),
    Entry {
        then: Then::Click("Add an authenticator app"),
        ..entry("account-step-up", "Account health: a password alone cannot change methods", |s| {
            signed_in_view(s, "ada@contoso.example", Screen::Account)
        })
    },
    entry("admin-step-up", "Admin view: a password alone asks for a step-up", |s| {
        signed_in_view(s, "admin@woodgrove.example", Screen::Admin)
    }),
    entry("mfa-step-up", "Step-up: the admin confirms it's them", |s| {
        flow(s.step_up("admin@woodgrove.example")?)
    }),
    entry("admin", "Admin view", |s| admin_view(s, "admin@woodgrove.example")),
    Entry {
        then: Then::Click("Jo Tanaka"),
        ..entry("admin-detail", "Admin view: one person's detections, sign-ins, methods and history", |s| {
            admin_view(s, "admin@woodgrove.example")
        })
    },
    Entry {
        then: Then::Click("Disable Sam Rivera"),
        ..entry("admin-confirm", "Admin view: asked before disabling an account", |s| {
            admin_view(s, "admin@woodgrove.example")
        })
    },
];

fn register(stage: &Stage, method: MethodKind) -> Prepared {
    let interrupt = stage.sign_in("lena@contoso.example")?;
    let choose = stage.send(&interrupt, Input::Continue)?;
    let phone = method.is_phone().then(|| "+1 425 555 0147".to_string());
    flow(stage.send(&choose, Input::BeginRegistration { method, phone })?)
}

fn too_many_codes(stage: &Stage) -> Prepared {
    let mut reply = stage.challenge("ravi@contoso.example")?;
    while matches!(reply.step, Step::MfaChallenge { .. }) {
        let wrong = Input::Code { method: MethodKind::AuthenticatorApp, code: "000000".into() };
        reply = stage.send(&reply, wrong)?;
    }
    flow(reply)
}

pub fn find(id: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.id == id)
}
