//! "Something unusual" and "your account may be at risk": what happened, in plain words.
use crate::backend::api::Field;
use crate::backend::Input;
use crate::engine::{DetectionKind, NoticeKind, Step};
use crate::ui::errors::show_error;
use crate::ui::kit::dom::{button, el};
use crate::ui::kit::{form_message, heading, Look};
use crate::ui::parts::identity::identity_chip;
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

pub fn detection_key(kind: DetectionKind) -> Key {
    match kind {
        DetectionKind::AnonymousIp => Key::UnusualAnonymousIp,
        DetectionKind::UnfamiliarProperties => Key::UnusualUnfamiliarProperties,
        DetectionKind::AtypicalTravel => Key::UnusualAtypicalTravel,
        DetectionKind::ImpossibleTravel => Key::UnusualImpossibleTravel,
        DetectionKind::MaliciousIp => Key::UnusualMaliciousIp,
        DetectionKind::NewCountry => Key::UnusualNewCountry,
        DetectionKind::PasswordSpray => Key::UnusualPasswordSpray,
        DetectionKind::ThreatActorIp => Key::UnusualThreatActorIp,
        DetectionKind::LeakedCredentials => Key::UnusualLeakedCredentials,
        DetectionKind::AnomalousActivity => Key::UnusualAnomalousActivity,
        DetectionKind::UserReportedSuspicious => Key::UnusualUserReportedSuspicious,
        DetectionKind::AdminConfirmedCompromised => Key::UnusualAdminConfirmedCompromised,
    }
}

#[component]
pub fn Notice() -> impl IntoView {
    let ui = use_ui();
    let general = RwSignal::new(None);
    let user_risk = ui.reply_now(|r| matches!(r.step, Step::Notice { kind: NoticeKind::UserRisk, .. }));
    let (heading_key, lead) = if user_risk {
        (Key::NoticeUserHeading, Key::NoticeUserLead)
    } else {
        (Key::NoticeSigninHeading, Key::NoticeSigninLead)
    };
    // What the person should recognise: for a risky sign-in, where it came from;
    // for a risky account, what was found.
    let items = move || {
        ui.with_reply(|r| {
            let Step::Notice { why, .. } = &r.step else { return vec![] };
            why.detections
                .iter()
                .map(|d| {
                    let seen = r.unusual.iter().find(|u| u.detection == *d);
                    let arg = |f: fn(&crate::backend::api::Unusual) -> &Option<String>| {
                        seen.and_then(|u| f(u).clone()).unwrap_or_default()
                    };
                    ui.tf(
                        detection_key(*d),
                        &[
                            ("location", &arg(|u| &u.location)),
                            ("device", &arg(|u| &u.device)),
                            ("app", &arg(|u| &u.app)),
                        ],
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let send = move |input| {
        general.set(None);
        ui.send(input, move |e| show_error(e, Field::Code, general, general));
    };
    let list = move || items().into_iter().map(|i| el("li").text(&i)).collect();
    let cancel =
        button(Look::Secondary, "").say(ui, Key::CommonCancel).on("click", move |_| send(Input::Cancel));
    let go_on =
        button(Look::Primary, "").say(ui, Key::CommonContinue).on("click", move |_| send(Input::Continue));
    el("section")
        .class(if user_risk { "rg-form rg-warning" } else { "rg-form" })
        .child(heading(ui, heading_key))
        .maybe(identity_chip(ui))
        .child(el("p").say(ui, lead))
        .child(el("ul").class("rg-unusual").live(list))
        .child(form_message(ui, general))
        .child(el("div").class("rg-actions").child(cancel).child(go_on))
        .into_view()
}
