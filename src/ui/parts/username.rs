//! The username field of sign-in and of the reset's first step.
use crate::ui::kit::dom::El;
use crate::ui::kit::{text_field, FieldSpec, When};
use crate::ui::split;
use crate::ui::text::{Key, Message};
use crate::ui::Ui;
use leptos::prelude::*;

/// The username, kept in `Ui` so what was typed on one screen is there on the other.
/// Its hint is the tenant's, once the branding's part is here.
pub fn username_field(ui: Ui, id: &'static str, error: RwSignal<Option<Message>>) -> El {
    let hint = view! { <When when=move || ui.branded()>{split::if_fetched(split::brand_hint_view())}</When> }
        .into_any();
    let field = FieldSpec {
        id,
        label: Key::SigninUsername,
        kind: "text",
        autocomplete: "username",
        inputmode: None,
        value: ui.username,
        error,
    };
    text_field(ui, field, Some(hint))
}
