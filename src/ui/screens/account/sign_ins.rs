//! The person's recent sign-ins, and their answer to each one that looked unusual:
//! "This was me" or "This wasn't me".
use super::words::{detections_cell, outcome_key, place, risk_summary, when};
use crate::backend::api::SignInRecord;
use crate::backend::AccountView;
use crate::ui::kit::{data_table, Button, FormMessage, TableSpec};
use crate::ui::parts::load::Loaded;
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// The table of `account`'s recent sign-ins; an answer goes to the backend, and the
/// account it sends back replaces `health`'s.
#[component]
pub(super) fn SignIns(
    account: AccountView,
    health: Loaded<AccountView>,
    error: RwSignal<Option<Message>>,
) -> impl IntoView {
    let ui = use_ui();
    let empty = account.recent.is_empty();
    let report = move |id: u64, was_me: bool| report(ui, health, error, id, was_me);
    let rows = move || account.recent.iter().map(|r| sign_in_row(ui, r, report)).collect_view();
    let spec = TableSpec {
        id: "rg-sign-ins-heading",
        heading: Key::AccountSignIns,
        caption: Key::AccountSignInsCaption,
        class: "rg-sign-ins",
        columns: &[
            Key::ColTime,
            Key::ColPlace,
            Key::ColDevice,
            Key::ColApp,
            Key::ColUnusual,
            Key::ColLogRisk,
            Key::ColOutcome,
            Key::ColAnswer,
        ],
        none: Key::AccountSignInsNone,
    };
    view! {
        {data_table(spec, !empty, rows)}
        <FormMessage message=error />
    }
}

/// "This was me" (`was_me`) or "this wasn't me" about sign-in `id`.
fn report(ui: Ui, health: Loaded<AccountView>, error: RwSignal<Option<Message>>, id: u64, was_me: bool) {
    health.begin(error);
    ui.report_sign_in(id, was_me, move |r| match r {
        Ok(view) => {
            let thanks = if was_me { Key::AccountThanksMe } else { Key::AccountThanksNotMe };
            health.show(view, thanks.into());
        }
        Err(e) => health.failed(&e, error),
    });
}

fn sign_in_row(ui: Ui, r: &SignInRecord, report: impl Fn(u64, bool) + Copy + 'static) -> impl IntoView {
    let time = when(ui, r.at_ms);
    let place = place(&r.source);
    let unusual = detections_cell(ui, r, Key::AccountNothingUnusual);
    let answer = answer_cell(ui, r, &time, &place, report);
    view! {
        <tr>
            <th scope="row">{time}</th>
            <td>{place}</td>
            <td>{r.source.device.clone()}</td>
            <td>{r.source.app.clone()}</td>
            <td>{unusual}</td>
            <td class="rg-risk">{risk_summary(ui, r)}</td>
            <td>{ui.t(outcome_key(r.outcome))}</td>
            <td>{answer}</td>
        </tr>
    }
}

/// The person's answer about an unusual sign-in, or the buttons to give it; nothing for
/// a sign-in that met no detection. The buttons' names say which sign-in they are for.
fn answer_cell(
    ui: Ui,
    r: &SignInRecord,
    time: &str,
    place: &str,
    report: impl Fn(u64, bool) + Copy + 'static,
) -> AnyView {
    match (r.detections.is_empty(), r.confirmed_by_user) {
        (true, _) => ().into_any(),
        (false, Some(true)) => view! { {ui.t(Key::AccountAnsweredMe)} }.into_any(),
        (false, Some(false)) => view! { {ui.t(Key::AccountAnsweredNotMe)} }.into_any(),
        (false, None) => {
            let id = r.id;
            let args = [("time", time), ("place", place)];
            let me_label = ui.tf(Key::AccountWasMeNamed, &args);
            let not_me_label = ui.tf(Key::AccountNotMeNamed, &args);
            view! {
                <div class="rg-answer">
                    <Button attr:aria-label=me_label disabled=ui.pending on_click=move |_| report(id, true)>
                        {ui.t(Key::AccountWasMe)}
                    </Button>
                    <Button
                        attr:aria-label=not_me_label
                        disabled=ui.pending
                        on_click=move |_| report(id, false)
                    >
                        {ui.t(Key::AccountNotMe)}
                    </Button>
                </div>
            }
            .into_any()
        }
    }
}
