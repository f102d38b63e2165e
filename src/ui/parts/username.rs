//! The username field of sign-in and of the reset's first step.
use crate::ui::kit::{TextField, When};
use crate::ui::split;
use crate::ui::text::{Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;

/// The username, kept in `Ui` so what was typed on one screen is there on the other.
#[component]
pub fn UsernameField(id: &'static str, error: RwSignal<Option<Message>>) -> impl IntoView {
    let ui = use_ui();
    let hint = view! { <When when=move || ui.branded()>{split::if_fetched(split::brand_hint_view())}</When> }
        .into_any();
    view! { <TextField id label=Key::SigninUsername autocomplete="username" value=ui.username error hint /> }
}
