//! A flow that ended without signing in here: cancelled, the backend failed, or it
//! finished without this page (its reply lost, or another tab took the last step), so
//! the session went elsewhere.
use crate::engine::Step;
use crate::ui::use_ui;
use crate::ui::widgets::{handler, Heading};
use leptos::prelude::*;

#[component]
pub fn Ended() -> impl IntoView {
    let ui = use_ui();
    let (heading, lead) = ui.reply_now(|r| match r.step {
        Step::Failed => ("ended.failed", Some("ended.failed.lead")),
        Step::SignedIn { .. } => ("signedin.elsewhere.heading", Some("signedin.elsewhere.lead")),
        _ => ("ended.cancelled", None),
    });
    view! {
        <section class="rg-form">
            <Heading key=heading/>
            {lead.map(|key| view! { <p>{ui.text(key)}</p> })}
            <div class="rg-actions">
                <button type="button" class="rg-primary" on:click=handler(move |_| ui.restart())>
                    {ui.text("common.start_over")}
                </button>
            </div>
        </section>
    }
}
