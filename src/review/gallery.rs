//! The review gallery at `#/review`: every screen in every state, rendered by the real
//! components over a fresh mock brought to that state, with a fixed clock so each entry
//! looks the same every time. Each entry has a stable link a reviewer can share:
//! `#/review/<id>?locale=de&theme=dark`. A review tool: its own words are English only.
use crate::backend::mock::{Fault, MockBackend, Operation};
use crate::backend::platform::{Clock, FixedClock, SeededEntropy};
use crate::backend::seed::PERSONAS;
use crate::backend::{totp, BackendError, IdentityBackend, Input, Reply, SignInRequest};
use crate::engine::{MethodKind, Step};
use crate::ui::text::Locale;
use crate::ui::{App, Preset, Screen, Theme};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Saturday 21 November 2026, 09:30 UTC: the gallery's "now".
const NOW_MS: u64 = 1_795_253_400_000;

/// A fresh mock at the gallery's fixed time, and shortcuts to move a flow along.
pub struct Stage {
    pub mock: Rc<MockBackend>,
    clock: Rc<FixedClock>,
}

type Prepared = Result<Preset, BackendError>;

impl Stage {
    pub fn new() -> Stage {
        let clock = Rc::new(FixedClock::at(NOW_MS));
        let mock = Rc::new(MockBackend::seeded(clock.clone(), Rc::new(SeededEntropy::default())));
        Stage { mock, clock }
    }

    fn sign_in(&self, username: &str) -> Result<Reply, BackendError> {
        let password = PERSONAS.iter().find(|p| p.username == username).map(|p| p.password);
        let request = SignInRequest {
            username: username.into(),
            password: password.unwrap_or_default().into(),
            source: None,
            tenant: None,
        };
        self.mock.sign_in_now(request)
    }

    fn send(&self, reply: &Reply, input: Input) -> Result<Reply, BackendError> {
        self.mock.send_now(&reply.flow_id, reply.seq, input)
    }

    fn app_code(&self, username: &str) -> Result<String, BackendError> {
        let secret = self.mock.authenticator_secret(username).ok_or(BackendError::UnknownUser)?;
        Ok(totp::code_at(&secret, self.clock.now_ms() / 1000))
    }

    /// Signs `username` in and continues past the notice, to the MFA challenge.
    fn challenge(&self, username: &str) -> Result<Reply, BackendError> {
        let notice = self.sign_in(username)?;
        self.send(&notice, Input::Continue)
    }

    /// A step-up for `username`, signed in with the password alone: its challenge, and
    /// the session it would replace.
    fn step_up(&self, username: &str) -> Result<(Reply, String), BackendError> {
        let session = self.sign_in(username)?.session.ok_or(BackendError::NotAuthorized)?;
        Ok((self.mock.step_up_now(&session)?, session))
    }

    /// A session of `username`'s that proved them just now (as the admin view needs).
    fn proven(&self, username: &str) -> Result<String, BackendError> {
        let (challenge, _) = self.step_up(username)?;
        let code = self.app_code(username)?;
        let done = self.send(&challenge, Input::Code { method: MethodKind::AuthenticatorApp, code })?;
        done.session.ok_or(BackendError::NotAuthorized)
    }

    /// Through the challenge with the persona's authenticator app.
    fn pass_mfa(&self, username: &str) -> Result<Reply, BackendError> {
        let challenge = self.challenge(username)?;
        let code = self.app_code(username)?;
        self.send(&challenge, Input::Code { method: MethodKind::AuthenticatorApp, code })
    }
}

impl Default for Stage {
    fn default() -> Self {
        Stage::new()
    }
}

fn flow(reply: Reply) -> Prepared {
    let session = reply.session.clone();
    Ok(Preset { screen: Screen::Flow, reply: Some(reply), session })
}

fn screen(screen: Screen) -> Prepared {
    Ok(Preset { screen, reply: None, session: None })
}

/// Opens a view that needs a session (account health, admin) for `username`.
fn signed_in_view(stage: &Stage, username: &str, view: Screen) -> Prepared {
    let reply = stage.sign_in(username)?;
    Ok(Preset { screen: view, session: reply.session.clone(), reply: Some(reply) })
}

/// The admin view for `username`, stepped up first, as it must be.
fn admin_view(stage: &Stage, username: &str) -> Prepared {
    Ok(Preset { screen: Screen::Admin, reply: None, session: Some(stage.proven(username)?) })
}

/// What the gallery does once the entry is on screen, to show a state that only a
/// person's action brings about.
#[derive(Clone, Copy, Debug)]
pub enum Then {
    Nothing,
    /// Types `text` into the field and submits its form.
    Submit(&'static str, &'static str),
    /// The same, with the backend slowed right down: the "working on it" state.
    SubmitSlowly(&'static str, &'static str),
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
}

const fn entry(id: &'static str, title: &'static str, prepare: fn(&Stage) -> Prepared) -> Entry {
    Entry { id, title, username: "", prepare, then: Then::Nothing }
}

/// Every entry, in the order a person meets the screens.
pub const ENTRIES: &[Entry] = &[
    entry("sign-in", "Sign in: username", |_| screen(Screen::Username)),
    Entry {
        then: Then::Submit("#rg-username", ""),
        ..entry("sign-in-empty", "Sign in: nothing typed", |_| screen(Screen::Username))
    },
    Entry {
        username: "ada@contoso.example",
        ..entry("password", "Sign in: password", |_| screen(Screen::Password))
    },
    Entry {
        username: "ada@contoso.example",
        then: Then::Submit("#rg-password", "not-her-password"),
        ..entry("password-wrong", "Sign in: wrong password", |_| screen(Screen::Password))
    },
    Entry {
        username: "ada@contoso.example",
        then: Then::SubmitSlowly("#rg-password", "Harbor-Lantern-61"),
        ..entry("password-loading", "Sign in: waiting for a slow service", |_| screen(Screen::Password))
    },
    entry("notice-sign-in-risk", "Risky sign-in: something unusual", |s| {
        flow(s.sign_in("ravi@contoso.example")?)
    }),
    entry("notice-travel", "Risky sign-in: impossible travel", |s| flow(s.sign_in("mia@contoso.example")?)),
    entry("notice-user-risk", "Risky user: account at risk", |s| flow(s.sign_in("kim@contoso.example")?)),
    entry("mfa-app", "MFA: authenticator code", |s| flow(s.challenge("ravi@contoso.example")?)),
    Entry {
        then: Then::Submit("#rg-code", "000 000"),
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
        then: Then::Submit("#rg-code", "12"),
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
        flow(s.step_up("admin@woodgrove.example")?.0)
    }),
    entry("admin", "Admin view", |s| admin_view(s, "admin@woodgrove.example")),
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

/// What a gallery address asks for: which entry (none: the index), language, theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub entry: Option<String>,
    pub locale: Locale,
    pub theme: Theme,
}

impl Address {
    /// Reads `#/review`, `#/review/<id>` and `#/review/<id>?locale=ar&theme=dark`.
    pub fn parse(hash: &str) -> Option<Address> {
        let rest = hash.strip_prefix("#/review")?;
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let entry = path.trim_matches('/');
        let mut address = Address {
            entry: (!entry.is_empty()).then(|| entry.to_string()),
            locale: Locale::En,
            theme: Theme::Light,
        };
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("locale", tag)) => address.locale = Locale::from_tag(tag).unwrap_or(Locale::En),
                Some(("theme", name)) => address.theme = Theme::from_name(name).unwrap_or(Theme::Light),
                _ => {}
            }
        }
        Some(address)
    }

    pub fn link(id: &str, locale: Locale, theme: Theme) -> String {
        let theme = if theme == Theme::Dark { "dark" } else { "light" };
        format!("#/review/{id}?locale={}&theme={theme}", locale.tag())
    }
}

/// The gallery page for `address`: the index, every entry at once, or one entry.
#[component]
pub fn Gallery(address: Address) -> impl IntoView {
    match address.entry.as_deref() {
        None => view! { <Index /> }.into_any(),
        Some("all") => view! { <All locale=address.locale theme=address.theme /> }.into_any(),
        Some(id) => match find(id) {
            Some(entry) => view! { <Single entry locale=address.locale theme=address.theme /> }.into_any(),
            None => view! {
                <main class="rg-gallery">
                    <h1>"No such screen"</h1>
                    <p>"There is no gallery entry called " <code>{id.to_string()}</code> "."</p>
                    <p>
                        <a href="#/review">"Back to the gallery"</a>
                    </p>
                </main>
            }
            .into_any(),
        },
    }
}

const VARIANTS: [(Locale, Theme, &str); 4] = [
    (Locale::En, Theme::Light, "English"),
    (Locale::En, Theme::Dark, "dark"),
    (Locale::De, Theme::Light, "Deutsch"),
    (Locale::Ar, Theme::Light, "العربية"),
];

#[component]
fn Index() -> impl IntoView {
    view! {
        <main class="rg-gallery">
            <h1>"Riskgate review gallery"</h1>
            <p>
                "Every screen in every state, drawn by the real components over the mock at a fixed time. "
                "Each link is stable: share it. "
                <a href="#/review/all?locale=en&theme=light">"All on one page"</a> ", "
                <a href="#/review/all?locale=en&theme=dark">"dark"</a> ", "
                <a href="#/review/all?locale=ar&theme=light">"right to left"</a> ". "
                <a href="#/">"Back to the live flow"</a>
            </p>
            <ol class="rg-gallery-list">
                {ENTRIES
                    .iter()
                    .map(|e| {
                        view! {
                            <li data-entry=e.id>
                                <a href=Address::link(e.id, Locale::En, Theme::Light)>{e.title}</a>
                                " "
                                <span class="rg-gallery-variants">
                                    {VARIANTS[1..]
                                        .iter()
                                        .map(|(l, t, name)| {
                                            view! {
                                                <a href=Address::link(e.id, *l, *t)>{*name}</a>
                                                " "
                                            }
                                        })
                                        .collect_view()}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </main>
    }
}

#[component]
fn All(locale: Locale, theme: Theme) -> impl IntoView {
    view! {
        <main class="rg-gallery">
            <h1>"Every screen"</h1>
            <p>
                <a href="#/review">"Back to the gallery"</a>
            </p>
            {ENTRIES
                .iter()
                .map(|entry| {
                    view! {
                        <section class="rg-gallery-entry" aria-label=entry.title>
                            <h2>
                                <a href=Address::link(entry.id, locale, theme)>{entry.title}</a>
                            </h2>
                            <Shown entry locale theme />
                        </section>
                    }
                })
                .collect_view()}
        </main>
    }
}

#[component]
fn Single(entry: &'static Entry, locale: Locale, theme: Theme) -> impl IntoView {
    view! {
        <div class="rg-gallery-single">
            <nav class="rg-gallery-bar" aria-label="Gallery">
                <a href="#/review">"Gallery"</a>
                " › "
                {entry.title}
                " · "
                {VARIANTS
                    .iter()
                    .map(|(l, t, name)| {
                        view! {
                            <a href=Address::link(entry.id, *l, *t)>{*name}</a>
                            " "
                        }
                    })
                    .collect_view()}
            </nav>
            <Shown entry locale theme />
        </div>
    }
}

/// One entry: the real component over a mock prepared for it.
#[component]
fn Shown(entry: &'static Entry, locale: Locale, theme: Theme) -> impl IntoView {
    let stage = Stage::new();
    let preset = match (entry.prepare)(&stage) {
        Ok(preset) => preset,
        Err(e) => {
            let problem = format!("gallery entry {} could not be prepared: {e:?}", entry.id);
            web_sys::console::error_1(&problem.clone().into());
            return view! {
                <p class="rg-gallery-problem" role="alert">
                    {problem}
                </p>
            }
            .into_any();
        }
    };
    let holder = NodeRef::<leptos::html::Div>::new();
    let mock = stage.mock.clone();
    Effect::new(move |_| {
        if let Some(el) = holder.get() {
            act(entry.then, el.unchecked_into(), &mock);
        }
    });
    let backend: Rc<dyn IdentityBackend> = stage.mock.clone();
    view! {
        <div class="rg-gallery-shown" data-entry=entry.id node_ref=holder>
            <App backend locale theme username=entry.username preset />
        </div>
    }
    .into_any()
}

/// How long the state takes to show after the action: a reply from the mock, or the
/// progress line, which appears only for calls slower than 300 ms.
fn settle_ms(then: Then) -> u64 {
    match then {
        Then::Nothing => 150,
        Then::Submit(..) | Then::Click(..) => 250,
        Then::SubmitSlowly(..) => 500,
    }
}

/// Clicks the button named `name` in `holder`, looking again every 50 ms while the view
/// loads, `tries` times at most.
fn click_when_shown(holder: web_sys::HtmlElement, name: &'static str, tries: u32) {
    let named = |b: &web_sys::Element| {
        b.get_attribute("aria-label").as_deref() == Some(name) || b.text_content().as_deref() == Some(name)
    };
    let buttons = holder.query_selector_all("button").ok();
    let found = buttons.and_then(|list| {
        (0..list.length()).filter_map(|i| list.item(i)).find_map(|n| {
            let b: web_sys::Element = n.unchecked_into();
            named(&b).then_some(b)
        })
    });
    match found {
        Some(button) => button.unchecked_into::<web_sys::HtmlElement>().click(),
        None if tries == 0 => web_sys::console::error_1(&format!("gallery: no button {name:?}").into()),
        None => set_timeout(
            move || click_when_shown(holder, name, tries - 1),
            std::time::Duration::from_millis(50),
        ),
    }
}

/// Carries out `then` inside `holder`, as a person would: type, then submit the form.
/// Marks the holder `data-ready` once the state has had time to show (for screenshots).
fn act(then: Then, holder: web_sys::HtmlElement, mock: &MockBackend) {
    let ready = holder.clone();
    set_timeout(
        move || {
            let _ = ready.set_attribute("data-ready", "true");
        },
        std::time::Duration::from_millis(settle_ms(then)),
    );
    let (selector, text) = match then {
        Then::Nothing => return,
        Then::Click(name) => return click_when_shown(holder, name, 20),
        Then::Submit(selector, text) => (selector, text),
        Then::SubmitSlowly(selector, text) => {
            // An hour: long enough to look at, and within what a browser timer can wait.
            let stalled = Fault { latency_ms: 3_600_000, ..Fault::default() };
            Operation::ALL.into_iter().for_each(|op| mock.set_fault(op, stalled));
            (selector, text)
        }
    };
    let Ok(Some(input)) = holder.query_selector(selector) else {
        web_sys::console::error_1(&format!("gallery: no {selector} to type into").into());
        return;
    };
    let input: web_sys::HtmlInputElement = input.unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = input.dispatch_event(&event);
    }
    if let Some(form) = input.form() {
        let _ = form.request_submit();
    }
}
