//! Sign-in: the username, then the password or a passkey.
use crate::backend::api::Field;
use crate::backend::SignInRequest;
use crate::ui::errors::show_error;
use crate::ui::kit::{on_submit, Button, ErrorSummary, Heading, Look, Submit, TextField, When};
use crate::ui::parts::identity::IdentityChip;
use crate::ui::parts::passkey_button::PasskeyButton;
use crate::ui::parts::username::UsernameField;
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
    view! { <ErrorSummary fields=vec![("rg-username", error)] /> }
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
    view! {
        // Typing, a key or a press on the first screen fetches the password screen's part,
        // which holds the HTTP adapter too (not focus: the heading takes it when the screen
        // appears).
        <form
            class="rg-form"
            novalidate
            on:submit=on_submit(submit)
            on:input=move |_| split::preload_password_once()
            on:keydown=move |_| split::preload_password_once()
            on:pointerdown=move |_| split::preload_password_once()
        >
            <Heading key=Key::SigninHeading />
            <When when=move || {
                error.with(Option::is_some)
            }>{split::if_fetched(split::username_summary_view())}</When>
            <UsernameField id="rg-username" error />
            <div class="rg-actions">
                <Button
                    look=Look::Link
                    on_click=move |_| ui.screen.set(Screen::Reset)
                    label=Key::SigninForgot
                />
                <Submit label=Key::CommonNext />
            </div>
        </form>
    }
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
    view! {
        <form class="rg-form" novalidate on:submit=on_submit(move || sign_in(ui, password, error, general))>
            <Heading key=Key::SigninPasswordHeading />
            <IdentityChip />
            <ErrorSummary fields=vec![("rg-password", error)] general />
            <TextField
                id="rg-password"
                label=Key::SigninPassword
                kind="password"
                autocomplete="current-password"
                value=password
                error
            />
            <div class="rg-actions">
                <Button on_click=move |_| ui.screen.set(Screen::Username) label=Key::CommonBack />
                <Submit label=Key::SigninSubmit />
            </div>
            <div class="rg-actions">
                <PasskeyButton
                    look=Look::Link
                    class="rg-passkey-sign-in"
                    label=Key::SigninPasskey
                    message=general
                    on_click=with_passkey
                />
            </div>
        </form>
    }
}
