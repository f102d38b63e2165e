//! The review gallery at `#/review`: every screen in every state, rendered by the real
//! components over a fresh mock brought to that state, with a fixed clock so each entry
//! looks the same every time. Each entry has a stable link a reviewer can share:
//! `#/review/<id>?locale=de&theme=dark`. A review tool: its own words are English only.
//!
//! `stage` prepares the mock, `entries` lists what to show, `pages` draws it and `act`
//! does what a person would once an entry shows.
mod act;
mod entries;
mod pages;
mod stage;

pub use entries::{find, Entry, Then, ENTRIES};
pub use stage::Stage;

use crate::ui::text::Locale;
use crate::ui::Theme;
use leptos::prelude::*;
use pages::{All, Index, NotFound, Single};

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
    let Address { entry, locale, theme } = address;
    match entry.as_deref() {
        None => view! { <Index /> }.into_any(),
        Some("all") => view! { <All locale theme /> }.into_any(),
        Some(id) => match find(id) {
            Some(entry) => view! { <Single entry locale theme /> }.into_any(),
            None => view! { <NotFound id=id.to_string() /> }.into_any(),
        },
    }
}
