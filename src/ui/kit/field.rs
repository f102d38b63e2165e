//! The parts of a form: the screen's heading, labelled fields, menus and checkboxes with
//! their messages, and the form's own message.
use super::dom::{el, once_shown, El};
use super::erased::after_render;
use crate::ui::text::{Key, Message};
#[cfg(feature = "account")]
use crate::ui::use_ui;
use crate::ui::Ui;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The screen's heading. It takes focus when the screen appears, so screen readers
/// announce the new screen and keyboard users start from the top of it.
#[cfg(feature = "account")]
#[component]
pub fn Heading(key: Key) -> impl IntoView {
    heading(use_ui(), key).into_view()
}

/// The heading, built.
pub fn heading(ui: Ui, key: Key) -> El {
    let h1 = el("h1").attr("tabindex", "-1").class("rg-heading").say(ui, key);
    let node = h1.element();
    after_render(move || {
        once_shown(node.clone(), |h1| {
            let _ = h1.unchecked_ref::<web_sys::HtmlElement>().focus();
        })
    });
    h1
}

/// A labelled input with its message slot: what it is.
pub struct FieldSpec {
    pub id: &'static str,
    pub label: Key,
    /// The input's type: "text", "password", "tel".
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub inputmode: Option<&'static str>,
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<Message>>,
}

impl FieldSpec {
    /// A one-time code: from an app, a text or a call.
    pub fn code(id: &'static str, value: RwSignal<String>, error: RwSignal<Option<Message>>) -> FieldSpec {
        FieldSpec {
            id,
            label: Key::MfaCode,
            kind: "text",
            autocomplete: "one-time-code",
            inputmode: Some("numeric"),
            value,
            error,
        }
    }
}

/// The field, built. The message is tied with aria-describedby and announced through a
/// live region; the value stays as typed.
pub fn text_field(ui: Ui, f: FieldSpec, hint: Option<AnyView>) -> El {
    let FieldSpec { id, label, kind, autocomplete, inputmode, value, error } = f;
    let message_id = format!("{id}-message");
    let hint_id = format!("{id}-hint");
    let described = match hint {
        Some(_) => format!("{hint_id} {message_id}"),
        None => message_id.clone(),
    };
    let mut input = el("input")
        .id(id)
        .attr("name", id)
        .attr("type", kind)
        .attr("autocomplete", autocomplete)
        .attr("spellcheck", "false")
        .attr("autocapitalize", "off")
        .attr("aria-describedby", &described)
        .attr_live("aria-invalid", move || Some(error.with(Option::is_some).to_string()));
    if let Some(mode) = inputmode {
        input = input.attr("inputmode", mode);
    }
    let shown = input.element().unchecked_into::<web_sys::HtmlInputElement>();
    let input = input
        .on_render(move || shown.set_value(&value.get()))
        .on("input", move |ev| value.set(event_target_value(&ev)));
    let message =
        el("p").id(&message_id).class("rg-error").attr("aria-live", "polite").say_message(ui, error);
    let hint = hint.map(|hint| el("div").id(&hint_id).class("rg-hint-slot").view(hint));
    labelled(ui, id, label).maybe(hint).child(input).child(message)
}

/// A field's box with its label, built; the control and anything after it follow.
fn labelled(ui: Ui, id: &str, label: Key) -> El {
    el("div").class("rg-field").child(el("label").attr("for", id).say(ui, label))
}

/// A field's box with its label; the children are the control and anything after it.
#[cfg(feature = "admin")]
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
#[cfg(feature = "account")]
#[component]
pub fn FormMessage(message: RwSignal<Option<Message>>) -> impl IntoView {
    form_message(use_ui(), message).into_view()
}

/// The form's message, built.
pub fn form_message(ui: Ui, message: RwSignal<Option<Message>>) -> El {
    el("p").class("rg-error rg-form-error").attr("role", "alert").say_message(ui, message)
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
