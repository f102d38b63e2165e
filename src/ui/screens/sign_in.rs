//! Sign-in: the username, then the password or a passkey.
use crate::backend::api::Field;
use crate::backend::SignInRequest;
use crate::ui::errors::show_error;
use crate::ui::kit::dom::{button, el, submit as submit_button};
use crate::ui::kit::{error_summary, heading, text_field, FieldSpec, Look, When};
use crate::ui::parts::identity::identity_chip;
use crate::ui::parts::passkey_button::passkey_button;
use crate::ui::parts::username::username_field;
use crate::ui::split;
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Screen, Ui};
use leptos::prelude::*;

/// The username screen's message, for its error summary in the `signin` part.
#[derive(Clone, Copy)]
struct UsernameError(RwSignal<Option<Message>>);

/// The username screen's error summary. It lives in the `signin` part, fetched while the
/// name is typed, as the first module has no room for the summary's code.
#[component]
pub fn UsernameSummary() -> impl IntoView {
    let error = expect_context::<UsernameError>().0;
    error_summary(use_ui(), vec![("rg-username", error)], None).into_view()
}

#[component]
pub fn Username() -> impl IntoView {
    let ui = use_ui();
    let error = RwSignal::new(None);
    provide_context(UsernameError(error));
    let submit = move || {
        if ui.username.with_untracked(|u| u.trim().is_empty()) {
            error.set(Some(Key::ErrorUsernameEmpty.into()));
            return;
        }
        error.set(None);
        ui.screen.set(Screen::Password);
    };
    let summary = view! {
        <When when=move || {
            error.with(Option::is_some)
        }>{split::if_fetched(split::username_summary_view())}</When>
    };
    let forgot =
        button(Look::Link, "").say(ui, Key::SigninForgot).on("click", move |_| ui.screen.set(Screen::Reset));
    // Typing, a key or a press on the first screen fetches the password screen's part,
    // which holds the HTTP adapter too (not focus: the heading takes it when the screen
    // appears).
    el("form")
        .class("rg-form")
        .attr("novalidate", "")
        .on_submit(submit)
        .on("input", move |_| split::preload_password_once())
        .on("keydown", move |_| split::preload_password_once())
        .on("pointerdown", move |_| split::preload_password_once())
        .child(heading(ui, Key::SigninHeading))
        .view(summary.into_any())
        .child(username_field(ui, "rg-username", error))
        .child(el("div").class("rg-actions").child(forgot).child(submit_button(ui, Key::CommonNext)))
        .into_view()
}

/// Signs in with the username and the password typed; says why not next to the field.
fn sign_in(
    ui: Ui,
    password: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    general: RwSignal<Option<Message>>,
) {
    if password.with_untracked(String::is_empty) {
        error.set(Some(Key::ErrorPasswordEmpty.into()));
        return;
    }
    error.set(None);
    general.set(None);
    let request = SignInRequest {
        username: ui.username.get_untracked(),
        password: password.get_untracked(),
        source: None,
        tenant: ui.tenant.get_value(),
    };
    ui.sign_in(request, move |e| show_error(e, Field::Password, error, general));
}

#[component]
pub fn Password() -> impl IntoView {
    let ui = use_ui();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    let general = RwSignal::new(None);
    // Nothing typed is lost: a failed passkey leaves the password field as it was.
    let with_passkey = move || {
        ui.passkey_sign_in(move |key| {
            general.try_set(Some(key.into()));
        })
    };
    let field = FieldSpec {
        id: "rg-password",
        label: Key::SigninPassword,
        kind: "password",
        autocomplete: "current-password",
        inputmode: None,
        value: password,
        error,
    };
    let back = button(Look::Secondary, "")
        .say(ui, Key::CommonBack)
        .on("click", move |_| ui.screen.set(Screen::Username));
    let passkey =
        passkey_button(ui, Look::Link, "rg-passkey-sign-in", Key::SigninPasskey, general, with_passkey);
    el("form")
        .class("rg-form")
        .attr("novalidate", "")
        .on_submit(move || sign_in(ui, password, error, general))
        .child(heading(ui, Key::SigninPasswordHeading))
        .maybe(identity_chip(ui))
        .child(error_summary(ui, vec![("rg-password", error)], Some(general)))
        .child(text_field(ui, field, None))
        .child(el("div").class("rg-actions").child(back).child(submit_button(ui, Key::SigninSubmit)))
        .child(el("div").class("rg-actions").child(passkey))
        .into_view()
}
