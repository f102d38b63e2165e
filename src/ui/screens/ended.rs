//! A flow that ended without signing in here: cancelled, the backend failed, or it
//! finished without this page (its reply lost, or another tab took the last step), so
//! the session went elsewhere.
use crate::engine::Step;
use crate::ui::kit::dom::{button, el};
use crate::ui::kit::{heading, Look};
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

#[component]
pub fn Ended() -> impl IntoView {
    let ui = use_ui();
    let (heading_key, lead) = ui
        .reply_now(|r| match r.step {
            Step::Failed => Some((Key::EndedFailed, Some(Key::EndedFailedLead))),
            Step::SignedIn { .. } => Some((Key::SignedinElsewhereHeading, Some(Key::SignedinElsewhereLead))),
            _ => None,
        })
        .unwrap_or((Key::EndedCancelled, None));
    let start_over =
        button(Look::Primary, "").say(ui, Key::CommonStartOver).on("click", move |_| ui.restart());
    el("section")
        .class("rg-form")
        .child(heading(ui, heading_key))
        .maybe(lead.map(|key| el("p").say(ui, key)))
        .child(el("div").class("rg-actions").child(start_over))
        .into_view()
}
