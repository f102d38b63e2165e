//! The passkey button of every screen that offers one. Whether this browser can use
//! passkeys at all is checked here, before anything is asked of the backend.
use crate::ui::kit::{Button, Look};
use crate::ui::passkey;
use crate::ui::text::{Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;

/// Runs `on_click` where passkeys work; elsewhere `message` says they can't be used
/// here, and nothing typed on the screen is touched. `message` is cleared first either
/// way, and the button waits while a call is under way.
#[component]
pub fn PasskeyButton(
    label: Key,
    class: &'static str,
    #[prop(optional)] look: Look,
    message: RwSignal<Option<Message>>,
    #[prop(into)] on_click: Callback<()>,
) -> impl IntoView {
    let ui = use_ui();
    let click = move |_| {
        message.set(None);
        if passkey::available() {
            on_click.run(());
        } else {
            message.set(Some(passkey::Failure::Unavailable.key().into()));
        }
    };
    view! { <Button look class disabled=ui.pending on_click=click label /> }
}
