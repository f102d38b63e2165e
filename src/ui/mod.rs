//! The screens. They send what the person did to the backend and render the step it
//! returns; they never decide policy.
mod calls;
pub(crate) mod errors;
pub(crate) mod kit;
pub(crate) mod parts;
pub mod passkey;
pub(crate) mod screens;
mod split;
pub mod text;
mod view;

use crate::backend::{IdentityBackend, Reply};
use crate::embed::events::{HostEvent, Listener, StepChanged};
use kit::after_render;
use kit::dom::el;
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;
use text::{Key, Locale, Message};
use view::View;
use wasm_bindgen::JsCast;

pub(crate) use view::finished_elsewhere;

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
    /// The language shown; `switch` says whether another is on its way.
    pub locale: RwSignal<Locale>,
    pub switch: RwSignal<parts::language::Switch>,
    /// Where the locale files are fetched from, ending in '/'.
    locales: StoredValue<String>,
    /// The session of the last sign-in that finished; opens the account and admin views.
    pub session: RwSignal<Option<String>>,
    /// The tenant the host page signs in to, if it named one.
    pub tenant: StoredValue<Option<String>>,
    /// The host page's look, until a reply brings the tenant's (`parts::brand` reads it).
    host_branding: StoredValue<Option<parts::brand::HostBranding>, LocalStorage>,
    /// A step-up under way: its flow, and the view that asked for it, to go back to.
    stepping_up: StoredValue<Option<(String, Screen)>>,
    listener: StoredValue<Option<Listener>, LocalStorage>,
}

impl Ui {
    /// The state of a component that opens on `preset`.
    fn new(
        backend: Rc<dyn IdentityBackend>,
        preset: Preset,
        locales: String,
        username: String,
        tenant: Option<String>,
        host_branding: Option<parts::brand::HostBranding>,
        listener: Option<Listener>,
    ) -> Ui {
        Ui {
            backend: StoredValue::new_local(backend),
            screen: RwSignal::new(preset.screen),
            username: RwSignal::new(username),
            reply: RwSignal::new(preset.reply),
            pending: RwSignal::new(false),
            slow: RwSignal::new(false),
            // English, which is always here, until `App` chooses the wanted language.
            locale: RwSignal::new(Locale::En),
            switch: RwSignal::new(parts::language::Switch::Idle),
            locales: StoredValue::new(locales),
            session: RwSignal::new(preset.session),
            tenant: StoredValue::new(tenant.filter(|t| !t.trim().is_empty())),
            host_branding: StoredValue::new_local(host_branding),
            stepping_up: StoredValue::new(None),
            listener: StoredValue::new_local(listener),
        }
    }

    pub fn t(self, key: Key) -> &'static str {
        text::t(self.locale.get(), key)
    }

    /// `key`'s text in the chosen language, kept up to date as it changes. Every call
    /// returns the same closure type, so the view code that renders it is built once
    /// for all of them rather than once per text.
    pub fn text(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    pub fn tf(self, key: Key, args: &[(&str, &str)]) -> String {
        text::tf(self.locale.get(), key, args)
    }

    /// The message `slot` holds, in the chosen language, kept up to date as either changes.
    pub fn message(
        self,
        slot: RwSignal<Option<Message>>,
    ) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        move || slot.with(|m| m.as_ref().map(|m| m.text(self.locale.get())))
    }

    /// Where the locale files are, ending in '/'.
    pub(crate) fn locales_url(self) -> String {
        self.locales.get_value()
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

    /// Whether there is a branding to show (the host page's, or the tenant's once a reply
    /// named it): only then is the branding's part fetched.
    pub fn branded(self) -> bool {
        self.host_branding.with_value(Option::is_some)
            || self.reply.with(|r| r.as_ref().is_some_and(|r| r.branding.is_some()))
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

/// The first of the browser's preferred languages that Riskgate speaks.
pub fn browser_locale() -> Locale {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Locale::En };
    let tags: Vec<String> = nav.languages().iter().filter_map(|t| t.as_string()).collect();
    Locale::from_preferences(tags.iter().map(String::as_str))
}

/// The sign-in component. `locale` overrides the browser's language, and `locales` is
/// where the files of locales not packed into the module are (by default, locales/
/// beside the module); `notice` is shown above the first screen, in the language shown
/// (for example, that saved demo data had to be reset).
/// `branding` is the host page's look until a tenant's own is known; `username` fills
/// the first field; `tenant` limits sign-in to one organisation; `listener` hears
/// every step, the outcome and errors; `preset` opens on a given screen.
#[component]
pub fn App(
    backend: Rc<dyn IdentityBackend>,
    #[prop(optional)] locale: Option<Locale>,
    #[prop(optional)] locales: Option<String>,
    #[prop(default = None)] notice: Option<Message>,
    #[prop(optional)] theme: Theme,
    #[prop(default = None)] branding: Option<parts::brand::HostBranding>,
    #[prop(optional, into)] username: String,
    #[prop(optional)] tenant: Option<String>,
    #[prop(optional)] listener: Option<Listener>,
    #[prop(optional)] preset: Option<Preset>,
) -> impl IntoView {
    let preset = preset.unwrap_or(Preset { screen: Screen::Username, reply: None, session: None });
    let locales = locales.unwrap_or_else(parts::language::default_locales_url);
    let ui = Ui::new(backend, preset, locales, username, tenant, branding, listener);
    provide_context(ui);
    parts::language::choose(ui, locale.unwrap_or_else(browser_locale));
    let view = view::current(ui);
    announce(ui, view);
    let wide = move || matches!(view.get(), View::Account | View::Admin);
    let top = el("div")
        .class("rg-top")
        .view(view! { <kit::When when=move || ui.branded()>{split::if_fetched(split::brand_top_view())}</kit::When> }.into_any())
        .view(view! { <parts::language::LanguagePicker /> }.into_any());
    let notice = notice.map(|notice| {
        el("p").class("rg-warning").attr("role", "status").text_live(move || notice.text(ui.locale.get()))
    });
    let words = view! { <kit::When when=move || ui.branded()>{split::if_fetched(split::brand_words_view())}</kit::When> };
    // The account and admin views hold tables: they get a wider card.
    let card = el("main").class("rg-card");
    let node = card.element().unchecked_into::<web_sys::HtmlElement>();
    let card = card
        .attr_live("aria-busy", move || Some(ui.pending.get().to_string()))
        .on_render(move || widen(&node, wide()))
        .child(top)
        .maybe(notice)
        .view(view::screen(view).into_any())
        .child(kit::progress(ui))
        .view(words.into_any());
    let mut root = el("div")
        .class("riskgate")
        .attr_live("lang", move || Some(ui.locale.get().tag().to_string()))
        .attr_live("dir", move || Some(ui.locale.get().dir().to_string()));
    if let Some(theme) = theme.attr() {
        root = root.attr("data-theme", theme);
    }
    root.child(card).into_view()
}

/// The wider card, or back to the narrow one (through the CSSOM, which a strict
/// style-src allows).
fn widen(card: &web_sys::HtmlElement, wide: bool) {
    let _ = card.class_list().toggle_with_force("rg-wide", wide);
    let _ = card.style().set_property("max-width", if wide { "72rem" } else { "" });
}

/// Tells the host page about each new screen and how the flow ended.
fn announce(ui: Ui, view: Memo<View>) {
    after_render(move || {
        let shown = view.get();
        let step = shown.name();
        let flow_id = match shown {
            View::Step(flow_id, _) => Some(flow_id),
            _ => None,
        };
        ui.emit(HostEvent::Step(StepChanged { step, flow_id }));
    });
    after_render(move || {
        let username = ui.username.get_untracked();
        let event = ui.reply.with(|r| r.as_ref().and_then(|r| HostEvent::for_outcome(r, &username)));
        if let Some(event) = event {
            ui.emit(event);
        }
    });
}

pub fn use_ui() -> Ui {
    expect_context::<Ui>()
}
