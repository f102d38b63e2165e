//! A flow that ended without signing in here: cancelled, the backend failed, or it
//! finished without this page (its reply lost, or another tab took the last step), so
//! the session went elsewhere.
use crate::engine::Step;
use crate::ui::kit::{Button, Heading, Look};
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

#[component]
pub fn Ended() -> impl IntoView {
    let ui = use_ui();
    let (heading, lead) = ui
        .reply_now(|r| match r.step {
            Step::Failed => Some((Key::EndedFailed, Some(Key::EndedFailedLead))),
            Step::SignedIn { .. } => Some((Key::SignedinElsewhereHeading, Some(Key::SignedinElsewhereLead))),
            _ => None,
        })
        .unwrap_or((Key::EndedCancelled, None));
    view! {
        <section class="rg-form">
            <Heading key=heading />
            {lead.map(|key| view! { <p>{ui.text(key)}</p> })}
            <div class="rg-actions">
                <Button look=Look::Primary on_click=move |_| ui.restart() label=Key::CommonStartOver />
            </div>
        </section>
    }
}
