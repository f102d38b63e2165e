//! The tenant's (or host page's) branding on the card: the logo or the organisation's
//! name at the top, the sign-in page text under the first screens, and the username hint.
use crate::backend::api::Branding;
use crate::ui::{use_ui, Screen, Ui};
use leptos::prelude::*;

/// The logo with its alternative text; without one, the organisation's name.
#[component]
pub fn BrandMark(branding: Memo<Option<Branding>>) -> impl IntoView {
    move || {
        branding.with(|b| {
            let b = b.as_ref()?;
            Some(match &b.logo {
                Some(logo) => {
                    view! { <img class="rg-logo" src=logo.url.clone() alt=logo.alt.clone() /> }.into_any()
                }
                None => view! { <p class="rg-org">{b.name.clone()?}</p> }.into_any(),
            })
        })
    }
}

/// The organisation's words under the username and password screens, as text.
#[component]
pub fn SignInText(branding: Memo<Option<Branding>>) -> impl IntoView {
    let ui = use_ui();
    let text = move || {
        if !matches!(ui.screen.get(), Screen::Username | Screen::Password) {
            return None;
        }
        let tag = ui.locale.get().tag();
        let text = branding.with(|b| b.as_ref()?.text_for(tag).map(|t| t.sign_in_text.clone()));
        text.filter(|t| !t.trim().is_empty())
    };
    move || text().map(|text| view! { <p class="rg-brand-text">{text}</p> })
}

/// The organisation's hint for the username field, in the language shown.
pub fn username_hint(ui: Ui) -> Signal<String> {
    Signal::derive(move || {
        let tag = ui.locale.get().tag();
        let hint = ui.branding().and_then(|b| b.text_for(tag).map(|t| t.username_hint.clone()));
        hint.unwrap_or_default()
    })
}
