//! GOV.UK's error summary: when a form is sent with problems, a box at its top lists
//! them, each field's message a link that moves focus to the field. The box takes focus
//! as it appears, so a screen reader reads it first; each message also stays beside its
//! field, with what was typed. A problem with no field (the service is unreachable, a
//! passkey failed) is listed without a link.
use super::dom::{el, El};
use super::erased::after_render;
use crate::ui::text::{Key, Message};
use crate::ui::Ui;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A field's id and the slot holding its message.
pub type FieldError = (&'static str, RwSignal<Option<Message>>);

/// The summary of `fields` and of `general`, the form's message that belongs to no field.
pub fn error_summary(ui: Ui, fields: Vec<FieldError>, general: Option<RwSignal<Option<Message>>>) -> El {
    let slots: Vec<_> = fields.iter().map(|(_, slot)| *slot).chain(general).collect();
    let shown = Memo::new(move |_| slots.iter().any(|slot| slot.with(Option::is_some)));
    let mut list = el("ul");
    for (id, slot) in fields {
        let link = el("a")
            .attr("href", &format!("#{id}"))
            .on("click", move |ev| focus_field(ev, id))
            .say_message(ui, slot);
        list = list.child(el("li").hidden_when(move || slot.with(Option::is_none)).child(link));
    }
    if let Some(slot) = general {
        list = list.child(el("li").hidden_when(move || slot.with(Option::is_none)).say_message(ui, slot));
    }
    let alert = el("div").attr("role", "alert").child(el("h2").say(ui, Key::ErrorSummary));
    let summary = el("div")
        .class("rg-error-summary")
        .attr("tabindex", "-1")
        .hidden_when(move || !shown.get())
        .child(alert.child(list));
    focus_on_show(summary.element(), shown);
    summary
}

/// Moves focus to the summary each time it appears, so a screen reader reads it first.
fn focus_on_show(summary: web_sys::Element, shown: Memo<bool>) {
    let mut was_shown = false;
    after_render(move || {
        let now = shown.get();
        if now && !was_shown {
            if let Some(el) = summary.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
        was_shown = now;
    });
}

/// Focuses the field itself: inside a shadow root the page's own jump to `#id` finds
/// nothing, so the link looks in its own form (a `.rg-form`, which may hold several).
fn focus_field(ev: web_sys::Event, id: &str) {
    ev.prevent_default();
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|a| a.closest(".rg-form").ok().flatten());
    let field = form.and_then(|f| f.query_selector(&format!("#{id}")).ok().flatten());
    if let Some(field) = field.and_then(|f| f.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = field.focus();
    }
}
