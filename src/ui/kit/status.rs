//! What a screen says about itself while a call is slow.
use super::dom::{el, El};
use crate::ui::text::Key;
use crate::ui::Ui;
use leptos::prelude::*;

/// Says "working on it" only when a call is slow.
pub fn progress(ui: Ui) -> El {
    let words = move || if ui.slow.get() { ui.t(Key::CommonWorking).to_string() } else { String::new() };
    el("p").class("rg-progress").attr("role", "status").attr("aria-live", "polite").text_live(words)
}
