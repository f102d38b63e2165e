//! GOV.UK's error summary: when a form is sent with problems, a box at its top lists
//! them, each field's message a link that moves focus to the field. The box takes focus
//! as it appears, so a screen reader reads it first; each message also stays beside its
//! field, with what was typed. A problem with no field (the service is unreachable, a
//! passkey failed) is listed without a link.
use super::erased::{after_render, handler};
use crate::ui::text::{Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A field's id and the slot holding its message.
pub type FieldError = (&'static str, RwSignal<Option<Message>>);

#[component]
pub fn ErrorSummary(
    fields: Vec<FieldError>,
    /// The form's message that belongs to no field; the summary is where it shows.
    #[prop(optional)]
    general: Option<RwSignal<Option<Message>>>,
) -> impl IntoView {
    let ui = use_ui();
    let node = NodeRef::<leptos::html::Div>::new();
    let slots: Vec<_> = fields.iter().map(|(_, slot)| *slot).chain(general).collect();
    let shown = Memo::new(move |_| slots.iter().any(|slot| slot.with(Option::is_some)));
    let mut was_shown = false;
    after_render(move || {
        let now = shown.get();
        if now && !was_shown {
            if let Some(el) = node.get_untracked() {
                let _ = el.focus();
            }
        }
        was_shown = now;
    });
    let items = fields.into_iter().map(|(id, slot)| {
        let text = ui.message(slot);
        view! {
            <li hidden=move || text().is_none()>
                <a href=format!("#{id}") on:click=handler(move |ev: web_sys::MouseEvent| focus_field(ev, id))>
                    {text}
                </a>
            </li>
        }
        .into_any()
    });
    let general = general.map(|slot| {
        let text = ui.message(slot);
        view! { <li hidden=move || text().is_none()>{text}</li> }
    });
    view! {
        <div node_ref=node class="rg-error-summary" tabindex="-1" hidden=move || !shown.get()>
            <div role="alert">
                <h2>{ui.text(Key::ErrorSummary)}</h2>
                <ul>{items.collect_view()} {general}</ul>
            </div>
        </div>
    }
}

/// Focuses the field itself: inside a shadow root the page's own jump to `#id` finds
/// nothing, so the link looks in its own form (a `.rg-form`, which may hold several).
fn focus_field(ev: web_sys::MouseEvent, id: &str) {
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
