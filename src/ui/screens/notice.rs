//! "Something unusual" and "your account may be at risk": what happened, in plain words.
use crate::backend::api::Field;
use crate::backend::Input;
use crate::engine::{DetectionKind, NoticeKind, Step};
use crate::ui::errors::show_error;
use crate::ui::kit::{Button, FormMessage, Heading, Live, Look};
use crate::ui::parts::identity::IdentityChip;
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
    let (heading, lead) = if user_risk {
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
    view! {
        <section class="rg-form" class:rg-warning=user_risk>
            <Heading key=heading />
            <IdentityChip />
            <p>{ui.text(lead)}</p>
            <ul class="rg-unusual">
                <Live render=move || {
                    items().into_iter().map(|i| view! { <li>{i}</li> }.into_any()).collect_view()
                } />
            </ul>
            <FormMessage message=general />
            <div class="rg-actions">
                <Button on_click=move |_| send(Input::Cancel) label=Key::CommonCancel />
                <Button
                    look=Look::Primary
                    on_click=move |_| send(Input::Continue)
                    label=Key::CommonContinue
                />
            </div>
        </section>
    }
}
