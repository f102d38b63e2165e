//! Sign-in: the username, then the password or a passkey.
use crate::backend::api::Field;
use crate::backend::SignInRequest;
use crate::ui::text::Key;
use crate::ui::widgets::{handler, show_error, FormMessage, Heading, TextField};
use crate::ui::{use_ui, Screen};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn Username() -> impl IntoView {
    let ui = use_ui();
    let error = RwSignal::new(None);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if ui.username.with_untracked(|u| u.trim().is_empty()) {
            error.set(Some(Key::ErrorUsernameEmpty.into()));
            return;
        }
        error.set(None);
        ui.screen.set(Screen::Password);
    };
    view! {
        <form class="rg-form" on:submit=handler(submit) novalidate>
            <Heading key=Key::SigninHeading />
            <TextField
                id="rg-username"
                label=Key::SigninUsername
                autocomplete="username"
                value=ui.username
                error
            />
            <div class="rg-actions">
                <button type="button" class="rg-link" on:click=handler(move |_| ui.screen.set(Screen::Reset))>
                    {ui.text(Key::SigninForgot)}
                </button>
                <button type="submit" class="rg-primary">
                    {ui.text(Key::CommonNext)}
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn Password() -> impl IntoView {
    let ui = use_ui();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None);
    let general = RwSignal::new(None);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
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
    };
    // Nothing typed is lost: a failed passkey leaves the password field as it was.
    let with_passkey = move |_| {
        general.set(None);
        if !crate::ui::passkey::available() {
            general.set(Some(crate::ui::passkey::Failure::Unavailable.key().into()));
            return;
        }
        ui.passkey_sign_in(move |key| {
            general.try_set(Some(key.into()));
        });
    };
    view! {
        <form class="rg-form" on:submit=handler(submit) novalidate>
            <Heading key=Key::SigninPasswordHeading />
            <p class="rg-identity">
                {move || ui.tf(Key::SigninSigningInAs, &[("username", &ui.username.get())])}
            </p>
            <TextField
                id="rg-password"
                label=Key::SigninPassword
                kind="password"
                autocomplete="current-password"
                value=password
                error
            />
            <FormMessage message=general />
            <div class="rg-actions">
                <button
                    type="button"
                    class="rg-secondary"
                    on:click=handler(move |_| ui.screen.set(Screen::Username))
                >
                    {ui.text(Key::CommonBack)}
                </button>
                <button type="submit" class="rg-primary" disabled=ui.pending>
                    {ui.text(Key::SigninSubmit)}
                </button>
            </div>
            <div class="rg-actions">
                <button
                    type="button"
                    class="rg-link rg-passkey-sign-in"
                    disabled=ui.pending
                    on:click=handler(with_passkey)
                >
                    {ui.text(Key::SigninPasskey)}
                </button>
            </div>
        </form>
    }
}
