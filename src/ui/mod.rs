//! The screens. They send what the person did to the backend and render the step it
//! returns; they never decide policy.
mod account;
mod admin;
mod blocked;
mod change_password;
#[cfg(feature = "mock")]
pub mod demo;
pub mod embed;
mod ended;
#[cfg(feature = "mock")]
pub mod gallery;
pub mod host;
mod interrupt;
#[cfg(feature = "mock")]
pub mod lab;
mod mfa;
mod notice;
pub mod passkey;
mod register;
mod reset;
mod sign_in;
mod signed_in;
mod step_up;
pub mod text;
mod widgets;

use crate::backend::api::Branding;
#[cfg(feature = "mock")]
use crate::backend::mock::{LocalStore, StoreStatus};
#[cfg(feature = "mock")]
use crate::backend::platform::{OsEntropy, ShiftedClock, SystemClock};
use crate::backend::{
    AccountView, AdminAction, AdminReceipt, AdminView, BackendError, BackendFuture, Enrollment,
    IdentityBackend, Input, Reply, SignInRequest,
};
use crate::backend::{PasskeyCreated, PasskeyOptions};
use crate::engine::password::{BannedList, Verdict};
use crate::engine::{MethodKind, Step, TenantPolicy};
use host::{HostEvent, Listener, StepChanged};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use std::time::Duration;
use text::Locale;
use widgets::{effect, live_view};

/// Progress is shown only for calls slower than this, so quick ones don't flicker.
const SHOW_PROGRESS_AFTER: Duration = Duration::from_millis(300);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Username,
    Password,
    Flow,
    /// The signed-in person's own account (account health).
    Account,
    /// IT staff: users, sign-ins and the tenant's policy.
    Admin,
    /// "Forgot my password?": self-service reset.
    Reset,
}

/// What every screen shares: the backend, where the person is, and the last reply.
#[derive(Clone, Copy)]
pub struct Ui {
    backend: StoredValue<Rc<dyn IdentityBackend>, LocalStorage>,
    pub screen: RwSignal<Screen>,
    pub username: RwSignal<String>,
    pub reply: RwSignal<Option<Reply>>,
    pub pending: RwSignal<bool>,
    pub slow: RwSignal<bool>,
    pub locale: RwSignal<Locale>,
    /// The session of the last sign-in that finished; opens the account and admin views.
    pub session: RwSignal<Option<String>>,
    /// The tenant the host page signs in to, if it named one.
    pub tenant: StoredValue<Option<String>>,
    /// A step-up under way: its flow, and the view that asked for it, to go back to.
    stepping_up: StoredValue<Option<(String, Screen)>>,
    listener: StoredValue<Option<Listener>, LocalStorage>,
}

impl Ui {
    pub fn t(self, key: &'static str) -> &'static str {
        text::t(self.locale.get(), key)
    }

    /// `key`'s text in the chosen language, kept up to date as it changes. Every call
    /// returns the same closure type, so the view code that renders it is built once
    /// for all of them rather than once per text.
    pub fn text(self, key: &'static str) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    pub fn tf(self, key: &'static str, args: &[(&str, &str)]) -> String {
        text::tf(self.locale.get(), key, args)
    }

    pub(crate) fn backend(self) -> Rc<dyn IdentityBackend> {
        self.backend.get_value()
    }

    /// Tells the host page, if it listens.
    pub(crate) fn emit(self, event: HostEvent) {
        if let Some(Some(listener)) = self.listener.try_get_value() {
            listener(event);
        }
    }

    /// Reads the current reply, and in a reactive closure follows it; screens are only
    /// mounted while there is one.
    pub fn with_reply<T: Default>(self, f: impl FnOnce(&Reply) -> T) -> T {
        self.reply.track();
        self.reply_now(f)
    }

    /// Reads the current reply once, when a screen is built: a screen stays mounted for
    /// replies of the same step kind, so what it read then (and what was typed) stays.
    pub fn reply_now<T: Default>(self, f: impl FnOnce(&Reply) -> T) -> T {
        self.reply.with_untracked(|r| r.as_ref().map(f).unwrap_or_default())
    }

    pub fn sign_in(self, request: SignInRequest, on_error: impl FnOnce(BackendError) + 'static) {
        let backend = self.backend.get_value();
        self.call(async move { backend.sign_in(request).await }, on_error);
    }

    /// Sends `input` for the step on screen.
    pub fn send(self, input: Input, on_error: impl FnOnce(BackendError) + 'static) {
        let Some((flow_id, seq)) =
            self.reply.with_untracked(|r| r.as_ref().map(|r| (r.flow_id.clone(), r.seq)))
        else {
            return;
        };
        let backend = self.backend.get_value();
        let ui = self;
        let flow = flow_id.clone();
        self.call(async move { backend.send(&flow, seq, input).await }, move |e| match e {
            // The service took an earlier answer whose reply was lost: show where it stands.
            BackendError::StaleStep { .. } => ui.catch_up(flow_id, on_error),
            e => on_error(e),
        });
    }

    /// Shows the flow's current step, or why it could not be read. A flow that finished
    /// there comes without its session (see `finished_elsewhere`).
    fn catch_up(self, flow_id: String, on_error: impl FnOnce(BackendError) + 'static) {
        let backend = self.backend.get_value();
        self.call(async move { backend.current(&flow_id).await }, on_error);
    }

    fn call(
        self,
        work: impl std::future::Future<Output = Result<Reply, BackendError>> + 'static,
        on_error: impl FnOnce(BackendError) + 'static,
    ) {
        let ui = self;
        self.run(work, move |result| match result {
            Ok(reply) => ui.show(reply),
            Err(e) => on_error(e),
        });
    }

    /// Shows a flow's reply and keeps the session it brings. A step-up that passed goes
    /// back to the view that asked for it instead: the person was signed in all along,
    /// so there is no signed-in screen (and no `riskgate:signed-in` for the host).
    fn show(self, reply: Reply) {
        if let Some(session) = &reply.session {
            self.session.try_set(Some(session.clone()));
        }
        if let Some(back) = self.stepped_up(&reply) {
            self.stepping_up.try_set_value(None);
            self.screen.try_set(back);
            return;
        }
        self.reply.try_set(Some(reply));
        self.screen.try_set(Screen::Flow);
    }

    /// The view to go back to, if `reply` is the end of this page's step-up.
    fn stepped_up(self, reply: &Reply) -> Option<Screen> {
        let (flow_id, back) = self.stepping_up.try_get_value().flatten()?;
        let passed = matches!(reply.step, Step::SignedIn { .. }) && reply.session.is_some();
        (passed && flow_id == reply.flow_id).then_some(back)
    }

    /// Asks the signed-in person to prove themselves again (the backend answered
    /// `StepUpRequired`): the flow screens show the challenge, and once it is passed,
    /// the new session is kept and `back` is shown again.
    pub fn step_up(self, back: Screen, on_error: impl FnOnce(BackendError) + 'static) {
        let Some(session) = self.session.get_untracked() else {
            return on_error(BackendError::NotAuthorized);
        };
        let backend = self.backend.get_value();
        let ui = self;
        self.run(async move { backend.step_up(&session).await }, move |result| match result {
            Ok(reply) => {
                ui.stepping_up.try_set_value(Some((reply.flow_id.clone(), back)));
                ui.show(reply);
            }
            Err(e) => on_error(e),
        });
    }

    /// Runs one backend call with the shared progress line; `done` gets its result unless
    /// the component has gone. One call at a time: returns false (and drops `done`) if
    /// another is still under way, so a double click does not send twice.
    pub(crate) fn run<T: 'static>(
        self,
        work: impl std::future::Future<Output = Result<T, BackendError>> + 'static,
        done: impl FnOnce(Result<T, BackendError>) + 'static,
    ) -> bool {
        if !self.begin_pending() {
            return false;
        }
        spawn_local(async move {
            let result = work.await;
            if self.end_pending(result.as_ref().err()) {
                done(result);
            }
        });
        true
    }

    /// The call is over: hides the progress line and tells the host page of an error.
    /// False if the component has gone meanwhile, and then nothing is left to update.
    fn end_pending(self, error: Option<&BackendError>) -> bool {
        if self.pending.try_set(false).is_some() {
            return false;
        }
        self.slow.try_set(false);
        // A stale answer is caught up at once; that call's result is the one to report.
        match error {
            Some(BackendError::StaleStep { .. }) | None => {}
            Some(e) => self.report_error(e),
        }
        true
    }

    /// Marks a call under way, and shows the progress line if it is still under way a
    /// moment later; false if another call already is. Not generic, so `run`'s copies
    /// share it.
    fn begin_pending(self) -> bool {
        if self.pending.get_untracked() {
            return false;
        }
        self.pending.set(true);
        // The component may be gone by the time this runs (unmounted by the host page):
        // `try_` leaves disposed signals alone instead of panicking.
        set_timeout(
            move || {
                self.slow.try_set(self.pending.try_get_untracked().unwrap_or(false));
            },
            SHOW_PROGRESS_AFTER,
        );
        true
    }

    /// Tells the host page about a failed call, with the words the person is shown.
    fn report_error(self, e: &BackendError) {
        let message = self.locale.try_get_untracked().map(|l| text::t(l, widgets::error_text(e).1));
        self.emit(HostEvent::for_error(e, message.unwrap_or_default()));
    }

    /// A call made with the session, through `run`. Without a session it fails at once
    /// as the backend would.
    fn with_session<T: 'static>(
        self,
        work: impl for<'a> FnOnce(&'a dyn IdentityBackend, &str) -> BackendFuture<'a, T> + 'static,
        done: impl FnOnce(Result<T, BackendError>) + 'static,
    ) -> bool {
        let Some(session) = self.session.get_untracked() else {
            done(Err(BackendError::NotAuthorized));
            return false;
        };
        let backend = self.backend.get_value();
        self.run(async move { work(&*backend, &session).await }, done)
    }

    /// The person's own account.
    pub fn account(self, done: impl FnOnce(Result<AccountView, BackendError>) + 'static) -> bool {
        self.with_session(|b, s| b.account(s), done)
    }

    /// The account without the progress line or the one-call rule, for a quiet look
    /// (whether to offer the admin view); nothing is reported if the component has gone.
    pub fn peek_account(self, done: impl FnOnce(AccountView) + 'static) {
        let Some(session) = self.session.get_untracked() else { return };
        let backend = self.backend.get_value();
        let alive = self.pending;
        spawn_local(async move {
            if let Ok(view) = backend.account(&session).await {
                if alive.try_get_untracked().is_some() {
                    done(view);
                }
            }
        });
    }

    /// "This was me" (`true`) or "this wasn't me" about sign-in `id`.
    pub fn report_sign_in(
        self,
        id: u64,
        was_me: bool,
        done: impl FnOnce(Result<AccountView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.report_sign_in(s, id, was_me), done)
    }

    pub fn remove_method(
        self,
        method: MethodKind,
        done: impl FnOnce(Result<AccountView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.remove_method(s, method), done)
    }

    pub fn begin_method(
        self,
        method: MethodKind,
        phone: Option<String>,
        done: impl FnOnce(Result<Enrollment, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.begin_method(s, method, phone), done)
    }

    pub fn confirm_method(
        self,
        code: String,
        done: impl FnOnce(Result<AccountView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.confirm_method(s, &code), done)
    }

    pub fn admin_overview(self, done: impl FnOnce(Result<AdminView, BackendError>) + 'static) -> bool {
        self.with_session(|b, s| b.admin_overview(s), done)
    }

    pub fn admin_act(
        self,
        username: String,
        action: AdminAction,
        done: impl FnOnce(Result<AdminReceipt, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.admin_act(s, &username, action), done)
    }

    pub fn set_policy(
        self,
        policy: TenantPolicy,
        banned: BannedList,
        done: impl FnOnce(Result<AdminView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.set_policy(s, policy, banned), done)
    }

    /// Password protection's verdict on `candidate` for the flow on screen, for live
    /// feedback: no progress line and not held back by (nor holding back) a submit.
    pub fn check_password(
        self,
        flow_id: String,
        candidate: String,
        done: impl FnOnce(Result<Verdict, BackendError>) + 'static,
    ) {
        let backend = self.backend.get_value();
        let alive = self.pending;
        spawn_local(async move {
            let result = backend.check_password(&flow_id, &candidate).await;
            if alive.try_get_untracked().is_some() {
                done(result);
            }
        });
    }

    /// Shows the account or admin view (or any other screen).
    pub fn open(self, screen: Screen) {
        self.screen.set(screen);
    }

    /// Ends the session at the backend and goes back to the first screen with nothing
    /// filled in. The screen clears at once and the session is forgotten here either way;
    /// a backend that cannot be reached is reported to the host page.
    pub fn sign_out(self) {
        if let Some(session) = self.session.get_untracked() {
            let backend = self.backend.get_value();
            spawn_local(async move {
                if let Err(e) = backend.sign_out(&session).await {
                    self.report_error(&e);
                }
            });
        }
        self.session.set(None);
        self.reply.set(None);
        self.username.set(String::new());
        self.screen.set(Screen::Username);
    }

    /// Back to the first screen, keeping the username.
    pub fn restart(self) {
        self.reply.set(None);
        self.screen.set(Screen::Username);
    }

    /// A challenge for adding a passkey from account health.
    pub fn begin_passkey(self, done: impl FnOnce(Result<PasskeyOptions, BackendError>) + 'static) -> bool {
        self.with_session(|b, s| b.begin_passkey(s), done)
    }

    /// The new passkey, for the backend to check and keep.
    pub fn confirm_passkey(
        self,
        created: PasskeyCreated,
        done: impl FnOnce(Result<AccountView, BackendError>) + 'static,
    ) -> bool {
        self.with_session(move |b, s| b.confirm_passkey(s, created), done)
    }

    /// Signs in with a passkey instead of the password: the backend's challenge, the
    /// browser's passkey, the backend's check. `on_error` gets the message's text key.
    pub fn passkey_sign_in(self, on_error: impl FnOnce(&'static str) + 'static) {
        let backend = self.backend.get_value();
        let username = self.username.get_untracked();
        let tenant = self.tenant.get_value();
        let ui = self;
        let work = async move {
            let words = |e: BackendError| widgets::error_text(&e).1;
            let options = backend.begin_passkey_sign_in(&username, tenant.clone()).await.map_err(words)?;
            let answer = passkey::get(&options).await.map_err(passkey::Failure::key)?;
            backend.passkey_sign_in(&username, tenant, answer).await.map_err(words)
        };
        self.run(async move { Ok::<_, BackendError>(work.await) }, move |result| match result {
            Ok(Ok(reply)) => ui.show(reply),
            Ok(Err(key)) => on_error(key),
            Err(e) => on_error(widgets::error_text(&e).1),
        });
    }
}

/// Which component is on screen: it changes only when the step's kind changes, so a
/// new reply for the same step (a wrong code, a rejected password) keeps what was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum View {
    Username,
    Password,
    Step(String, &'static str),
    Account,
    Admin,
    Reset,
}

impl View {
    /// The screen's name for the host page.
    fn name(&self) -> &'static str {
        match self {
            View::Username => "username",
            View::Password => "password",
            View::Step(_, name) => name,
            View::Account => "account",
            View::Admin => "admin",
            View::Reset => "reset",
        }
    }
}

/// Light or dark regardless of the system setting, or (the default) follow it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn from_name(name: &str) -> Option<Theme> {
        match name {
            "system" | "auto" => Some(Theme::System),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    fn attr(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// A screen to open on instead of the first one, as the review gallery does.
#[derive(Clone, Debug)]
pub struct Preset {
    pub screen: Screen,
    pub reply: Option<Reply>,
    pub session: Option<String>,
}

/// A flow read back after it finished without this page (its reply lost, or another tab
/// took the last step): signed in, but the session is not this page's.
pub(crate) fn finished_elsewhere(reply: &Reply) -> bool {
    matches!(reply.step, Step::SignedIn { .. }) && reply.session.is_none()
}

fn step_name(reply: &Reply) -> &'static str {
    match &reply.step {
        _ if finished_elsewhere(reply) => "signed-in-elsewhere",
        Step::Notice { .. } => "notice",
        Step::MfaChallenge { .. } => "mfa",
        Step::RegistrationInterrupt { .. } => "interrupt",
        Step::Register { .. } => "register",
        Step::ChangePassword { .. } => "password",
        Step::Blocked { .. } => "blocked",
        Step::SignedIn { .. } => "signed-in",
        Step::Cancelled | Step::Failed => "ended",
    }
}

/// The first of the browser's preferred languages that Riskgate speaks.
pub fn browser_locale() -> Locale {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Locale::En };
    let tags: Vec<String> = nav.languages().iter().filter_map(|t| t.as_string()).collect();
    Locale::from_preferences(tags.iter().map(String::as_str))
}

/// The sign-in component. `locale` overrides the browser's language; `notice` is shown
/// above the first screen (for example, that saved demo data had to be reset).
/// `branding` is the host page's look until a tenant's own is known; `username` fills
/// the first field; `tenant` limits sign-in to one organisation; `listener` hears
/// every step, the outcome and errors; `preset` opens on a given screen.
#[component]
pub fn App(
    backend: Rc<dyn IdentityBackend>,
    #[prop(optional)] locale: Option<Locale>,
    #[prop(optional, into)] notice: String,
    #[prop(optional)] theme: Theme,
    #[prop(optional)] branding: Option<Branding>,
    #[prop(optional, into)] username: String,
    #[prop(optional)] tenant: Option<String>,
    #[prop(optional)] listener: Option<Listener>,
    #[prop(optional)] preset: Option<Preset>,
) -> impl IntoView {
    let (screen, reply, session) = match preset {
        Some(p) => (p.screen, p.reply, p.session),
        None => (Screen::Username, None, None),
    };
    let ui = Ui {
        backend: StoredValue::new_local(backend),
        screen: RwSignal::new(screen),
        username: RwSignal::new(username),
        reply: RwSignal::new(reply),
        pending: RwSignal::new(false),
        slow: RwSignal::new(false),
        locale: RwSignal::new(locale.unwrap_or_else(browser_locale)),
        session: RwSignal::new(session),
        tenant: StoredValue::new(tenant.filter(|t| !t.trim().is_empty())),
        stepping_up: StoredValue::new(None),
        listener: StoredValue::new_local(listener),
    };
    provide_context(ui);
    let host_accent = branding.filter(Branding::is_valid).map(|b| b.accent);
    let view = Memo::new(move |_| match ui.screen.get() {
        Screen::Username => View::Username,
        Screen::Password => View::Password,
        Screen::Flow => ui.reply.with(|r| match r {
            Some(r) => View::Step(r.flow_id.clone(), step_name(r)),
            None => View::Username,
        }),
        Screen::Account => View::Account,
        Screen::Admin => View::Admin,
        Screen::Reset => View::Reset,
    });
    announce(ui, view);
    let wide = move || matches!(view.get(), View::Account | View::Admin);
    let accent = move || accent(ui).or_else(|| host_accent.clone());
    view! {
        <div
            class="riskgate"
            lang=move || ui.locale.get().tag()
            dir=move || ui.locale.get().dir()
            data-theme=theme.attr()
            style:--rg-accent=accent.clone()
            class:rg-branded=move || accent().is_some()
        >
            // The account and admin views hold tables: they get a wider card.
            <main
                class="rg-card"
                aria-busy=move || if ui.pending.get() { "true" } else { "false" }
                class:rg-wide=wide
                style:max-width=move || if wide() { "72rem" } else { "" }
            >
                <widgets::LocalePicker/>
                {(!notice.is_empty()).then(|| view! { <p class="rg-warning" role="status">{notice}</p> })}
                {live_view(move || match view.get() {
                    View::Username => view! { <sign_in::Username/> }.into_any(),
                    View::Password => view! { <sign_in::Password/> }.into_any(),
                    View::Step(_, "notice") => view! { <notice::Notice/> }.into_any(),
                    View::Step(_, "mfa") => view! { <mfa::Mfa/> }.into_any(),
                    View::Step(_, "interrupt") => view! { <interrupt::Interrupt/> }.into_any(),
                    View::Step(_, "register") => view! { <register::Register/> }.into_any(),
                    View::Step(_, "password") => view! { <change_password::ChangePassword/> }.into_any(),
                    View::Step(_, "blocked") => view! { <blocked::Blocked/> }.into_any(),
                    View::Step(_, "signed-in") => view! { <signed_in::SignedIn/> }.into_any(),
                    View::Step(..) => view! { <ended::Ended/> }.into_any(),
                    View::Account => view! { <account::Account/> }.into_any(),
                    View::Admin => view! { <admin::Admin/> }.into_any(),
                    View::Reset => view! { <reset::ForgotPassword/> }.into_any(),
                })}
                <widgets::Progress/>
            </main>
        </div>
    }
}

/// Tells the host page about each new screen and how the flow ended.
fn announce(ui: Ui, view: Memo<View>) {
    Effect::new(effect(move |_| {
        let shown = view.get();
        let step = shown.name();
        let flow_id = match shown {
            View::Step(flow_id, _) => Some(flow_id),
            _ => None,
        };
        ui.emit(HostEvent::Step(StepChanged { step, flow_id }));
    }));
    Effect::new(effect(move |_| {
        let username = ui.username.get_untracked();
        let event = ui.reply.with(|r| r.as_ref().and_then(|r| HostEvent::for_outcome(r, &username)));
        if let Some(event) = event {
            ui.emit(event);
        }
    }));
}

/// The tenant's accent colour, once a reply has named the tenant (already checked
/// by the backend to be a plain `#rrggbb`).
fn accent(ui: Ui) -> Option<String> {
    ui.reply.with(|r| r.as_ref().and_then(|r| r.branding.as_ref()).map(|b| b.accent.clone()))
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}

/// Where the mock keeps its directory in the browser.
#[cfg(feature = "mock")]
pub const STORE_KEY: &str = "riskgate.mock";

/// The app as `make serve` runs it: the in-browser mock backend, saved in localStorage,
/// with the real clock and randomness, beside the review tools; `#/review` is the gallery.
#[cfg(feature = "mock")]
pub fn start() {
    use crate::backend::MockBackend;
    console_error_panic_hook::set_once();
    let clock = Rc::new(ShiftedClock::new(Rc::new(SystemClock)));
    let mock = Rc::new(MockBackend::open(clock.clone(), Rc::new(OsEntropy), Rc::new(LocalStore(STORE_KEY))));
    if let Some(rp) = passkey::page_relying_party() {
        mock.set_relying_party(rp);
    }
    let locale = browser_locale();
    let notice = match mock.store_status() {
        StoreStatus::Reset(why) => text::tf(locale, "store.reset", &[("why", why)]),
        _ => String::new(),
    };
    let hash = RwSignal::new(location_hash());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(location_hash()));
    std::mem::forget(listener); // for the page's lifetime
    leptos::mount::mount_to_body(move || {
        let mock = StoredValue::new_local(mock);
        let clock = StoredValue::new_local(clock);
        move || match gallery::Address::parse(&hash.get()) {
            Some(address) => view! { <gallery::Gallery address/> }.into_any(),
            None => {
                let mock = mock.get_value();
                let backend: Rc<dyn IdentityBackend> = mock.clone();
                let notice = notice.clone();
                let (lab_mock, clock) = (mock.clone(), clock.get_value());
                view! {
                    <div class="rg-page">
                        <App backend locale notice/>
                        <demo::DemoPanel mock/>
                        <lab::ScenarioLab mock=lab_mock clock/>
                    </div>
                }
                .into_any()
            }
        }
    });
}

#[cfg(feature = "mock")]
fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}
