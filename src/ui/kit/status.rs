//! What a screen says about itself: a slow call's progress, a load that failed and its
//! retry, and the language menu.
use super::erased::handler;
use super::{Button, FormMessage, Look, When};
use crate::ui::text::{Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;

/// Says "working on it" only when a call is slow.
#[component]
pub fn Progress() -> impl IntoView {
    let ui = use_ui();
    view! {
        <p class="rg-progress" role="status" aria-live="polite">
            {move || ui.slow.get().then(|| ui.t(Key::CommonWorking))}
        </p>
    }
}

/// A load that failed: what went wrong, and a button to try again.
#[component]
pub fn LoadFailed(error: RwSignal<Option<Message>>, retry: Callback<()>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <FormMessage message=error />
        <When when=move || error.with(Option::is_some)>
            <div class="rg-actions">
                <Button
                    look=Look::Primary
                    disabled=ui.pending
                    on_click=move |_| retry.run(())
                    label=Key::CommonRetry
                />
            </div>
        </When>
    }
}

/// The language menu: the browser's choice, overridable.
#[component]
pub fn LocalePicker() -> impl IntoView {
    use crate::ui::text::Locale;
    let ui = use_ui();
    view! {
        <div class="rg-locale">
            <label for="rg-locale">{ui.text(Key::CommonLanguage)}</label>
            <select
                id="rg-locale"
                on:change=handler(move |ev| {
                    if let Some(l) = Locale::from_tag(&event_target_value(&ev)) {
                        ui.locale.set(l);
                    }
                })
            >
                {Locale::ALL
                    .iter()
                    .map(|l| {
                        let l = *l;
                        view! {
                            <option value=l.tag() selected=move || ui.locale.get() == l lang=l.tag()>
                                {l.name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
