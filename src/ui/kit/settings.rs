//! The settings forms' fields: menus, checkboxes and text areas. Only the admin policy
//! and the review tools have settings, so the sign-in component goes without them.
use super::erased::handler;
use super::field::Labelled;
use crate::ui::text::{Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;

/// A labelled menu over a fixed set of choices, each named by a text key.
#[component]
pub fn Choice<T>(id: &'static str, label: Key, options: Vec<(T, Key)>, value: RwSignal<T>) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let ui = use_ui();
    let picked = options.clone();
    view! {
        <Labelled id label>
            // No name: the form is never posted, and only text fields help password managers.
            <select
                id=id
                on:change=handler(move |ev| {
                    let index = event_target_value(&ev).parse::<usize>().ok();
                    if let Some((v, _)) = index.and_then(|i| picked.get(i)) {
                        value.set(*v);
                    }
                })
            >
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (v, key))| {
                        view! {
                            <option value=i.to_string() prop:selected=move || value.get() == v>
                                {ui.text(key)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </Labelled>
    }
}

/// A checkbox's change handler, boxed where it is taken; it gets whether the box is now
/// checked.
pub struct OnToggle(Box<dyn FnMut(bool)>);

impl<F: FnMut(bool) + 'static> From<F> for OnToggle {
    fn from(f: F) -> Self {
        OnToggle(Box::new(f))
    }
}

/// A checkbox with its label after it.
#[component]
pub fn Checkbox(
    id: &'static str,
    label: Key,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_toggle: OnToggle,
) -> impl IntoView {
    let ui = use_ui();
    let mut on_toggle = on_toggle.0;
    view! {
        <div class="rg-check">
            <input
                type="checkbox"
                id=id
                prop:checked=move || checked.get()
                on:change=handler(move |ev| on_toggle(event_target_checked(&ev)))
            />
            <label for=id>{ui.text(label)}</label>
        </div>
    }
}

/// A labelled text area with a hint under its label, and a message slot tied and
/// announced like `TextField`'s.
#[component]
pub fn TextArea(
    id: &'static str,
    label: Key,
    hint: Key,
    rows: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<Message>>,
) -> impl IntoView {
    let ui = use_ui();
    let hint_id = format!("{id}-hint");
    let message_id = format!("{id}-message");
    let described = format!("{hint_id} {message_id}");
    view! {
        <Labelled id label>
            <p id=hint_id class="rg-identity">
                {ui.text(hint)}
            </p>
            <textarea
                id=id
                name=id
                rows=rows
                spellcheck="false"
                autocapitalize="off"
                aria-describedby=described
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=handler(move |ev| value.set(event_target_value(&ev)))
            />
            <p id=message_id class="rg-error" aria-live="polite">
                {ui.message(error)}
            </p>
        </Labelled>
    }
}
