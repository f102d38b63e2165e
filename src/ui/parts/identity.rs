//! The account being signed in, on each step after the username, with a way back to
//! change it: as Entra and Okta show it, so a person on a shared computer sees whose
//! sign-in this is before typing a password or a code.
use crate::ui::kit::{Button, Look};
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

/// "Signing in as …" and "Not you?", which goes back to the username with it filled in.
/// The flow under way is left: nothing was signed in, and the service lets it expire.
/// Nothing during a step-up, where the person is already signed in.
#[component]
pub fn IdentityChip() -> impl IntoView {
    let ui = use_ui();
    if ui.stepping_up() {
        return ().into_any();
    }
    let name = move || ui.tf(Key::SigninSigningInAs, &[("username", &ui.username.get())]);
    view! {
        <div class="rg-chip">
            <p class="rg-identity" title=move || ui.username.get()>
                {name}
            </p>
            <Button look=Look::Link on_click=move |_| ui.restart() label=Key::SigninNotYou />
        </div>
    }
    .into_any()
}
