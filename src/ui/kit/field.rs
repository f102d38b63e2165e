//! The parts of a form: the screen's heading, labelled fields, menus and checkboxes with
//! their messages, and the form's own message.
use super::erased::{after_render, handler};
use crate::ui::text::{Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;

/// The screen's heading. It takes focus when the screen appears, so screen readers
/// announce the new screen and keyboard users start from the top of it.
#[component]
pub fn Heading(key: Key) -> impl IntoView {
    let ui = use_ui();
    let node = NodeRef::<leptos::html::H1>::new();
    after_render(move || {
        if let Some(h) = node.get() {
            let _ = h.focus();
        }
    });
    view! {
        <h1 node_ref=node tabindex="-1" class="rg-heading">
            {ui.text(key)}
        </h1>
    }
}

/// A labelled input with its message slot. The message is tied with aria-describedby
/// and announced through a live region; the value stays as typed.
#[component]
pub fn TextField(
    id: &'static str,
    label: Key,
    #[prop(default = "text")] kind: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    value: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    /// Said between the label and the field, e.g. what a username looks like here.
    #[prop(optional)]
    hint: Option<AnyView>,
) -> impl IntoView {
    let ui = use_ui();
    let message_id = format!("{id}-message");
    let hint_id = format!("{id}-hint");
    let described = match hint {
        Some(_) => format!("{hint_id} {message_id}"),
        None => message_id.clone(),
    };
    let hint = hint.map(|hint| {
        view! {
            <div id=hint_id class="rg-hint-slot">
                {hint}
            </div>
        }
    });
    view! {
        <Labelled id label>
            {hint}
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                autocapitalize="off"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get()
                on:input=handler(move |ev| {
                    value.set(event_target_value(&ev));
                })
            />
            <p id=message_id class="rg-error" aria-live="polite">
                {ui.message(error)}
            </p>
        </Labelled>
    }
}

/// A field's box with its label; the children are the control and anything after it.
#[component]
pub(super) fn Labelled(id: &'static str, label: Key, children: Children) -> impl IntoView {
    let ui = use_ui();
    view! {
        <div class="rg-field">
            <label for=id>{ui.text(label)}</label>
            {children()}
        </div>
    }
}

/// A message for the whole form, announced when it changes, in the chosen language.
#[component]
pub fn FormMessage(message: RwSignal<Option<Message>>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <p class="rg-error rg-form-error" role="alert">
            {ui.message(message)}
        </p>
    }
}

/// Checks, before anything is sent, that a code was typed; says so next to the field.
pub fn code_typed(code: RwSignal<String>, error: RwSignal<Option<Message>>) -> bool {
    if code.with_untracked(|c| c.trim().is_empty()) {
        error.set(Some(Key::ErrorCodeEmpty.into()));
        return false;
    }
    error.set(None);
    true
}
