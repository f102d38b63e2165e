//! Buttons' looks, and the `Button` and `Submit` components of the account and admin
//! views, which are written with `view!` (the sign-in screens build theirs with
//! dom.rs). Each takes a plain closure and boxes it inside (erased.rs), so those views
//! write `on_click=move |_| ...` and still share one copy of Leptos's event code.
#[cfg(feature = "account")]
use {
    crate::ui::{text::Key, use_ui},
    leptos::ev::{MouseEvent, SubmitEvent},
    leptos::prelude::*,
};

/// What a button is to the person: the screen's main action, another action, or a
/// quiet one that reads like a link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Look {
    Primary,
    #[default]
    Secondary,
    Link,
}

impl Look {
    pub(super) fn class(self) -> &'static str {
        match self {
            Look::Primary => "rg-primary",
            Look::Secondary => "rg-secondary",
            Look::Link => "rg-link",
        }
    }
}

/// A click handler, boxed where it is taken.
#[cfg(feature = "account")]
pub struct OnClick(Box<dyn FnMut(MouseEvent)>);

#[cfg(feature = "account")]
impl<F: FnMut(MouseEvent) + 'static> From<F> for OnClick {
    fn from(f: F) -> Self {
        OnClick(Box::new(f))
    }
}

/// A button that is not a form's submit. `class` adds to the look's class; other
/// attributes (`attr:aria-pressed`, ...) pass through to the `<button>`.
#[cfg(feature = "account")]
#[component]
pub fn Button(
    #[prop(into)] on_click: OnClick,
    #[prop(optional)] look: Look,
    #[prop(optional)] class: &'static str,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// The button's words; `children` instead when they change.
    #[prop(optional)]
    label: Option<Key>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let ui = use_ui();
    let class = [look.class(), class].join(" ");
    let words = match (label, children) {
        (Some(key), _) => ui.text(key).into_any(),
        (None, Some(children)) => children(),
        (None, None) => ().into_any(),
    };
    view! {
        <button type="button" class=class disabled=disabled on:click=on_click.0>
            {words}
        </button>
    }
}

/// A form's main button, which submits it; it waits while a call is under way.
#[cfg(feature = "account")]
#[component]
pub fn Submit(label: Key) -> impl IntoView {
    let ui = use_ui();
    view! {
        <button type="submit" class="rg-primary" disabled=ui.pending>
            {ui.text(label)}
        </button>
    }
}

/// A form's submit handler: `<form novalidate on:submit=on_submit(move || ...)>`. It keeps
/// the page from loading, and boxes the closure like `handler`. (A `Form` component
/// cost 2.1 KB gzipped more than this over ten forms: its children became boxed views.)
#[cfg(feature = "account")]
pub fn on_submit(mut f: impl FnMut() + 'static) -> Box<dyn FnMut(SubmitEvent)> {
    Box::new(move |ev: SubmitEvent| {
        ev.prevent_default();
        f();
    })
}
