//! The passkey button of every screen that offers one. Whether this browser can use
//! passkeys at all is checked here, before anything is asked of the backend.
use crate::ui::kit::dom::{button, El};
use crate::ui::kit::Look;
use crate::ui::passkey;
use crate::ui::text::{Key, Message};
#[cfg(feature = "account")]
use crate::ui::use_ui;
use crate::ui::Ui;
use leptos::prelude::*;

/// Runs `on_click` where passkeys work; elsewhere `message` says they can't be used
/// here, and nothing typed on the screen is touched. `message` is cleared first either
/// way, and the button waits while a call is under way.
#[cfg(feature = "account")]
#[component]
pub fn PasskeyButton(
    label: Key,
    class: &'static str,
    #[prop(optional)] look: Look,
    message: RwSignal<Option<Message>>,
    #[prop(into)] on_click: Callback<()>,
) -> impl IntoView {
    passkey_button(use_ui(), look, class, label, message, move || on_click.run(())).into_view()
}

/// The button, built.
pub fn passkey_button(
    ui: Ui,
    look: Look,
    class: &str,
    label: Key,
    message: RwSignal<Option<Message>>,
    on_click: impl Fn() + 'static,
) -> El {
    let click = move |_| {
        message.set(None);
        if passkey::available() {
            on_click();
        } else {
            message.set(Some(passkey::Failure::Unavailable.key().into()));
        }
    };
    button(look, class).disabled_when(move || ui.pending.get()).say(ui, label).on("click", click)
}
