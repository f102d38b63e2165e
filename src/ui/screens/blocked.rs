//! Blocked: why, what the person can do, and details to give the help desk.
use crate::engine::{BlockReason, Step};
use crate::ui::kit::dom::{button, el};
use crate::ui::kit::{heading, Look};
use crate::ui::parts::identity::identity_chip;
use crate::ui::text::Key;
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// Codes the help desk can look up; stable across releases and locales.
pub fn error_code(reason: BlockReason) -> &'static str {
    match reason {
        BlockReason::Disabled => "RG1001",
        BlockReason::LockedOut { .. } => "RG1002",
        BlockReason::SignInRisk => "RG2001",
        BlockReason::UserRisk => "RG2002",
        BlockReason::UnregisteredAtRisk => "RG2003",
        BlockReason::HomeTenantMustRemediate => "RG2004",
        BlockReason::TooManyFailedCodes => "RG2005",
        BlockReason::NoPhishingResistantMethod => "RG2006",
    }
}

fn reason_key(reason: BlockReason) -> Key {
    match reason {
        BlockReason::Disabled => Key::BlockedDisabled,
        BlockReason::LockedOut { .. } => Key::BlockedLockedOut,
        BlockReason::SignInRisk => Key::BlockedSignInRisk,
        BlockReason::UserRisk => Key::BlockedUserRisk,
        BlockReason::UnregisteredAtRisk => Key::BlockedUnregisteredAtRisk,
        BlockReason::HomeTenantMustRemediate => Key::BlockedHomeTenantMustRemediate,
        BlockReason::TooManyFailedCodes => Key::BlockedTooManyFailedCodes,
        BlockReason::NoPhishingResistantMethod => Key::BlockedNoPhishingResistantMethod,
    }
}

/// A time in the person's locale, e.g. "21/11/2026, 14:05:09".
pub fn local_time(ms: u64, locale: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    date.to_locale_string(locale, &wasm_bindgen::JsValue::UNDEFINED).into()
}

/// Why the person is blocked, and what they can do, in words.
fn block_message(ui: Ui, reason: BlockReason) -> String {
    let until = match reason {
        BlockReason::LockedOut { until_ms } => local_time(until_ms, ui.locale.get().tag()),
        _ => String::new(),
    };
    let home = ui.with_reply(|r| r.home_tenant_name.clone().unwrap_or_default());
    ui.tf(reason_key(reason), &[("time", &until), ("home", &home)])
}

/// What the help desk needs: the code, the correlation ID and the time, each named.
fn details(ui: Ui, reason: BlockReason) -> [(&'static str, String); 3] {
    let (correlation, time) = ui.with_reply(|r| (r.correlation_id.clone(), r.time_ms));
    let time = local_time(time, ui.locale.get().tag());
    [
        (ui.t(Key::BlockedCode), error_code(reason).to_string()),
        (ui.t(Key::BlockedCorrelation), correlation),
        (ui.t(Key::BlockedTime), time),
    ]
}

/// Puts the details on the clipboard, a line each; true if the browser has one.
fn copy_details(ui: Ui, reason: BlockReason) -> bool {
    let lines: Vec<String> = details(ui, reason).iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let Some(w) = web_sys::window() else { return false };
    let _ = w.navigator().clipboard().write_text(&lines.join("\n"));
    true
}

#[component]
pub fn Blocked() -> impl IntoView {
    let ui = use_ui();
    let reason = ui.reply_now(|r| match r.step {
        Step::Blocked { reason, .. } => Some(reason),
        _ => None,
    });
    // A step that is not a block cannot be shown here; fail towards the strongest message.
    let reason = reason.unwrap_or(BlockReason::UserRisk);
    let copied = RwSignal::new(false);
    let copy = move |_| {
        if copy_details(ui, reason) {
            copied.set(true);
        }
    };
    let rows = move || {
        let pairs = details(ui, reason).into_iter();
        pairs.flat_map(|(k, v)| [el("dt").text(k), el("dd").text(&v)]).collect()
    };
    let copy_words = move || ui.t(if copied.get() { Key::CommonCopied } else { Key::CommonCopy }).to_string();
    let copy = button(Look::Secondary, "").text_live(copy_words).on("click", copy);
    let start_over =
        button(Look::Primary, "").say(ui, Key::CommonStartOver).on("click", move |_| ui.restart());
    el("section")
        .class("rg-form rg-blocked")
        .child(heading(ui, Key::BlockedHeading))
        .maybe(identity_chip(ui))
        .child(el("p").class("rg-reason").text_live(move || block_message(ui, reason)))
        .child(el("h2").say(ui, Key::BlockedDetails))
        .child(el("dl").class("rg-details").live(rows))
        .child(el("div").class("rg-actions").child(copy).child(start_over))
        .into_view()
}
