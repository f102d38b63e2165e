//! The account being signed in, on each step after the username, with a way back to
//! change it: as Entra and Okta show it, so a person on a shared computer sees whose
//! sign-in this is before typing a password or a code.
use crate::ui::kit::dom::{button, el, El};
use crate::ui::kit::Look;
use crate::ui::text::Key;
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// "Signing in as …" and "Not you?", which goes back to the username with it filled in.
/// The flow under way is left: nothing was signed in, and the service lets it expire.
/// Nothing during a step-up, where the person is already signed in.
#[component]
pub fn IdentityChip() -> impl IntoView {
    identity_chip(use_ui()).map_or_else(|| ().into_any(), El::into_view)
}

/// The chip, built; none during a step-up.
pub fn identity_chip(ui: Ui) -> Option<El> {
    if ui.stepping_up() {
        return None;
    }
    let name = el("p")
        .class("rg-identity")
        .attr_live("title", move || Some(ui.username.get()))
        .text_live(move || ui.tf(Key::SigninSigningInAs, &[("username", &ui.username.get())]));
    let not_you = button(Look::Link, "").say(ui, Key::SigninNotYou).on("click", move |_| ui.restart());
    Some(el("div").class("rg-chip").child(name).child(not_you))
}
