//! One person's detail, opened from their row: what was detected, their recent
//! sign-ins, their methods, the history of their risk, and what administrators did to
//! the account, by whom.
use super::super::account::words::{
    detection_text, outcome_key, place, risk_detail_key, risk_key, risk_state_key, when,
};
use super::actions::action_keys;
use super::users::source_of;
use crate::backend::AdminView;
use crate::ui::kit::{after_render, Button};
use crate::ui::parts::code_challenge::method_key;
use crate::ui::text::Key;
use crate::ui::Ui;
use leptos::prelude::*;

/// How many of the person's sign-ins the panel lists, newest first.
const RECENT: usize = 5;

/// The panel for `username`, or nothing when no one is chosen; `close` empties `chosen`.
pub(super) fn panel(ui: Ui, view: &AdminView, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let view = view.clone();
    move || {
        let username = chosen.get()?;
        let u = view.users.iter().find(|u| u.username == username)?.clone();
        let heading = NodeRef::<leptos::html::H3>::new();
        after_render(move || {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        });
        let detections = u
            .detections
            .iter()
            .map(|d| {
                let text = format!(
                    "{} · {} · {} · {}",
                    detection_text(ui, d.kind, source_of(&view, &u, d.kind)),
                    ui.t(risk_key(d.level)),
                    ui.t(risk_state_key(d.state)),
                    when(ui, d.at_ms)
                );
                view! { <li>{text}</li> }
            })
            .collect_view();
        let recent: Vec<_> = view.sign_ins.iter().filter(|r| r.username == u.username).take(RECENT).collect();
        let no_sign_ins = recent.is_empty();
        let sign_ins = recent
            .into_iter()
            .map(|r| {
                let text = format!(
                    "{} · {} · {}",
                    when(ui, r.at_ms),
                    place(&r.source),
                    ui.t(outcome_key(r.outcome))
                );
                view! { <li>{text}</li> }
            })
            .collect_view();
        let methods = u.methods.iter().map(|m| view! { <li>{ui.t(method_key(*m))}</li> }).collect_view();
        let history = u
            .risk_history
            .iter()
            .rev()
            .map(|c| {
                let text = format!(
                    "{} · {} · {}",
                    when(ui, c.at_ms),
                    ui.t(risk_state_key(c.state)),
                    ui.t(risk_detail_key(c.detail))
                );
                view! { <li>{text}</li> }
            })
            .collect_view();
        let admin_actions = u
            .admin_actions
            .iter()
            .rev()
            .map(|a| {
                let text =
                    format!("{} · {} · {}", when(ui, a.at_ms), ui.t(action_keys(a.action).label), a.by);
                view! { <li>{text}</li> }
            })
            .collect_view();
        let list = |title: Key, items: AnyView, empty: bool| {
            view! {
                <h4>{ui.text(title)}</h4>
                {if empty {
                    view! { <p>{ui.t(Key::AdminNone)}</p> }.into_any()
                } else {
                    view! { <ul class="rg-cell-list">{items}</ul> }.into_any()
                }}
            }
        };
        Some(view! {
            <section class="rg-user-detail" aria-labelledby="rg-user-detail-heading">
                <h3 id="rg-user-detail-heading" tabindex="-1" node_ref=heading>
                    {u.display_name.clone()}
                    " "
                    <span class="rg-identity">{u.username.clone()}</span>
                </h3>
                {list(Key::ColDetections, detections.into_any(), u.detections.is_empty())}
                {list(Key::AccountSignIns, sign_ins.into_any(), no_sign_ins)}
                {list(Key::ColMethods, methods.into_any(), u.methods.is_empty())}
                {list(Key::AdminDetailHistory, history.into_any(), u.risk_history.is_empty())}
                {list(Key::AdminDetailActions, admin_actions.into_any(), u.admin_actions.is_empty())}
                <div class="rg-actions">
                    <Button on_click=move |_| chosen.set(None) label=Key::AdminDetailClose />
                </div>
            </section>
        })
    }
}
