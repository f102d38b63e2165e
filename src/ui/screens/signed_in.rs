//! Signed in, and what was put right on the way.
use crate::engine::{RiskKind, Step};
use crate::ui::kit::dom::{button, el};
#[cfg(feature = "account")]
use crate::ui::kit::{after_render, Button, When};
use crate::ui::kit::{heading, Look};
use crate::ui::text::Key;
#[cfg(feature = "account")]
use crate::ui::Screen;
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

#[component]
pub fn SignedIn() -> impl IntoView {
    let ui = use_ui();
    let remediations = ui.reply_now(|r| match &r.step {
        Step::SignedIn { remediations } => remediations.clone(),
        _ => vec![],
    });
    let name = ui.reply_now(|r| r.display_name.clone());
    let any = !remediations.is_empty();
    let mut list = el("ul").class("rg-remediations");
    for r in &remediations {
        let key = match r.risk {
            RiskKind::SignIn => Key::RemediationSignIn,
            RiskKind::User => Key::RemediationUser,
        };
        list = list.child(el("li").say(ui, key));
    }
    let sign_out =
        button(Look::Secondary, "").say(ui, Key::CommonSignOut).on("click", move |_| ui.sign_out());
    el("section")
        .class("rg-form rg-success")
        .child(heading(ui, Key::SignedinHeading))
        .child(el("p").text_live(move || ui.tf(Key::SignedinLead, &[("name", &name)])))
        .maybe(any.then(|| el("p").say(ui, Key::SignedinRemediated)))
        .child(list)
        .child(el("div").class("rg-actions").view(views_to_open(ui)).child(sign_out))
        .into_view()
}

/// Where the build has them, the session opens the account and, for IT staff, the
/// admin view. Whether the person is staff is the backend's to say.
#[cfg(feature = "account")]
fn views_to_open(ui: Ui) -> AnyView {
    let is_admin = RwSignal::new(false);
    if cfg!(feature = "admin") {
        after_render(move || {
            ui.peek_account(move |a| {
                is_admin.try_set(a.is_admin);
            });
        });
    }
    view! {
        <When when=move || is_admin.get()>
            <Button on_click=move |_| ui.open(Screen::Admin) label=Key::SignedinAdmin />
        </When>
        <Button look=Look::Primary on_click=move |_| ui.open(Screen::Account) label=Key::SignedinReview />
    }
    .into_any()
}

/// The sign-in build has neither view, nor their code.
#[cfg(not(feature = "account"))]
fn views_to_open(_: Ui) -> AnyView {
    ().into_any()
}
