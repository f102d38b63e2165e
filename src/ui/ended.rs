//! A flow that ended without signing in: cancelled, or the backend failed.
use super::use_ui;
use super::widgets::Heading;
use crate::engine::Step;
use leptos::prelude::*;

#[component]
pub fn Ended() -> impl IntoView {
    let ui = use_ui();
    let failed = ui.reply_now(|r| r.step == Step::Failed);
    let heading = if failed { "ended.failed" } else { "ended.cancelled" };
    view! {
        <section class="rg-form">
            <Heading text=Signal::derive(move || ui.t(heading).to_string())/>
            <Show when=move || failed>
                <p>{move || ui.t("ended.failed.lead")}</p>
            </Show>
            <div class="rg-actions">
                <button type="button" class="rg-primary" on:click=move |_| ui.restart()>
                    {move || ui.t("common.start_over")}
                </button>
            </div>
        </section>
    }
}
