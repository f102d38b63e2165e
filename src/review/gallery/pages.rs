//! The gallery's pages: the index, every entry at once, one entry, and an entry shown
//! by the real component.
use super::act::act;
use super::entries::{Entry, ENTRIES};
use super::stage::Stage;
use super::Address;
use crate::backend::IdentityBackend;
use crate::ui::parts::brand::HostBranding;
use crate::ui::text::Locale;
use crate::ui::{App, Theme};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// A language and theme an entry is offered in, and the link's words.
struct Variant {
    locale: Locale,
    theme: Theme,
    name: &'static str,
}

const VARIANTS: [Variant; 4] = [
    Variant { locale: Locale::En, theme: Theme::Light, name: "English" },
    Variant { locale: Locale::En, theme: Theme::Dark, name: "dark" },
    Variant { locale: Locale::De, theme: Theme::Light, name: "Deutsch" },
    Variant { locale: Locale::Ar, theme: Theme::Light, name: "العربية" },
];

/// Links to `entry` in each of `variants`.
fn variant_links(entry: &'static Entry, variants: &'static [Variant]) -> impl IntoView {
    variants
        .iter()
        .map(|v| {
            view! {
                <a href=Address::link(entry.id, v.locale, v.theme)>{v.name}</a>
                " "
            }
        })
        .collect_view()
}

#[component]
pub(super) fn Index() -> impl IntoView {
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
                                <span class="rg-gallery-variants">{variant_links(e, &VARIANTS[1..])}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </main>
    }
}

#[component]
pub(super) fn All(locale: Locale, theme: Theme) -> impl IntoView {
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
pub(super) fn Single(entry: &'static Entry, locale: Locale, theme: Theme) -> impl IntoView {
    view! {
        <div class="rg-gallery-single">
            <nav class="rg-gallery-bar" aria-label="Gallery">
                <a href="#/review">"Gallery"</a>
                " › "
                {entry.title}
                " · "
                {variant_links(entry, &VARIANTS)}
            </nav>
            <Shown entry locale theme />
        </div>
    }
}

#[component]
pub(super) fn NotFound(id: String) -> impl IntoView {
    view! {
        <main class="rg-gallery">
            <h1>"No such screen"</h1>
            <p>"There is no gallery entry called " <code>{id}</code> "."</p>
            <p>
                <a href="#/review">"Back to the gallery"</a>
            </p>
        </main>
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
    let username = if entry.username.is_empty() { stage.username() } else { entry.username.to_string() };
    view! {
        <div class="rg-gallery-shown" data-entry=entry.id node_ref=holder>
            <App
                backend
                locale
                theme
                username
                preset
                branding=entry.brand.map(|brand| HostBranding::Given(brand()))
            />
        </div>
    }
    .into_any()
}
