//! Adding a method: an authenticator app (QR code and key) or a phone, proven by a code;
//! or a passkey, which the browser makes and the backend checks.
use super::super::step_up::asks_step_up;
use crate::backend::api::{BackendError, Field, Problem};
use crate::backend::{AccountView, Enrollment, PasskeyOptions};
use crate::engine::MethodKind;
use crate::ui::errors::show_error;
use crate::ui::kit::{code_typed, Button, FormMessage, When};
use crate::ui::parts::load::Loaded;
use crate::ui::parts::method_setup::{CodeForm, Enrolled, PhoneEntry, SetupForm};
use crate::ui::parts::passkey_button::PasskeyButton;
use crate::ui::passkey;
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// A method being added, from the first button to the backend's yes.
#[derive(Clone, Copy)]
struct Adding {
    ui: Ui,
    health: Loaded<AccountView>,
    /// The method the backend has begun setting up, waiting for its code.
    enrollment: RwSignal<Option<Enrollment>>,
    adding_phone: RwSignal<bool>,
    /// A method was just added.
    added: RwSignal<bool>,
    form: SetupForm,
    passkey_error: RwSignal<Option<Message>>,
}

impl Adding {
    fn new(ui: Ui, health: Loaded<AccountView>) -> Self {
        Adding {
            ui,
            health,
            enrollment: RwSignal::new(None),
            adding_phone: RwSignal::new(false),
            added: RwSignal::new(false),
            form: SetupForm::default(),
            passkey_error: RwSignal::new(None),
        }
    }

    /// Asks the backend to set up `method`: an app's key, or a code sent to the phone.
    fn begin(self, method: MethodKind) {
        self.passkey_error.set(None);
        self.form.phone_error.set(None);
        self.form.general.set(None);
        self.added.set(false);
        let number = method.is_phone().then(|| self.form.phone.get_untracked());
        self.ui.begin_method(method, number, move |r| match r {
            Ok(e) => {
                self.enrollment.try_set(Some(e));
            }
            Err(e) if asks_step_up(&e, self.health.needs_step_up) => {}
            Err(e) => show_error(e, Field::Phone, self.form.phone_error, self.form.general),
        });
    }

    /// Sends the code that proves the method being set up.
    fn confirm(self) {
        if !code_typed(self.form.code, self.form.code_error) {
            return;
        }
        self.form.general.set(None);
        self.ui.confirm_method(self.form.code.get_untracked(), move |r| match r {
            Ok(view) => {
                self.health.view.try_set(Some(view));
                self.enrollment.try_set(None);
                self.adding_phone.try_set(false);
                self.form.code.try_set(String::new());
                self.added.try_set(true);
            }
            Err(e) if asks_step_up(&e, self.health.needs_step_up) => {}
            Err(e) => {
                // The backend dropped the method being added: back to choosing one.
                if matches!(e, BackendError::InvalidInput { problem: Problem::TooManyAttempts, .. }) {
                    self.enrollment.try_set(None);
                    self.form.code.try_set(String::new());
                }
                show_error(e, Field::Code, self.form.code_error, self.form.general)
            }
        });
    }

    /// The backend's challenge, then the browser's passkey (`create_passkey`).
    fn add_passkey(self) {
        self.added.set(false);
        self.ui.begin_passkey(move |r| match r {
            Ok(options) => leptos::task::spawn_local(self.create_passkey(options)),
            Err(e) => self.health.failed(&e, self.passkey_error),
        });
    }

    /// The browser makes the passkey; the backend checks and keeps it.
    async fn create_passkey(self, options: PasskeyOptions) {
        match passkey::create(&options).await {
            Ok(created) => {
                self.ui.confirm_passkey(created, move |r| match r {
                    Ok(view) => {
                        self.health.view.try_set(Some(view));
                        self.added.try_set(true);
                    }
                    Err(e) => self.health.failed(&e, self.passkey_error),
                });
            }
            Err(f) => {
                self.passkey_error.try_set(Some(f.key().into()));
            }
        }
    }
}

#[component]
pub(super) fn AddMethod(health: Loaded<AccountView>) -> impl IntoView {
    let ui = use_ui();
    let adding = Adding::new(ui, health);
    let Adding { enrollment, adding_phone, added, form, .. } = adding;
    // Not while the passkey button says passkeys can't be used here.
    let added_shown = move || added.get() && adding.passkey_error.with(Option::is_none);
    view! {
        <h2>{ui.text(Key::AccountAdd)}</h2>
        <p role="status">{move || added_shown().then(|| ui.t(Key::AccountAdded))}</p>
        <When when=move || enrollment.with(Option::is_none)>
            <div class="rg-actions rg-add">
                <Button
                    on_click=move |_| adding.begin(MethodKind::AuthenticatorApp)
                    label=Key::AccountAddApp
                />
                <Button on_click=move |_| adding_phone.set(true) label=Key::AccountAddPhone />
                <PasskeyButton
                    class="rg-add-passkey"
                    label=Key::PasskeyAdd
                    message=adding.passkey_error
                    on_click=move || adding.add_passkey()
                />
            </div>
            <FormMessage message=adding.passkey_error />
            <When when=move || adding_phone.get()>
                <PhoneEntry
                    id="rg-add-phone"
                    phone=form.phone
                    error=form.phone_error
                    send=Callback::new(move |method| adding.begin(method))
                />
            </When>
        </When>
        {move || enrollment.get().map(|e| view! { <CodeEntry adding enrollment=e /> })}
        <FormMessage message=adding.form.general />
    }
}

/// The method being set up (an app's QR code and key, or where the code went) and the
/// form for its code.
#[component]
fn CodeEntry(adding: Adding, enrollment: Enrollment) -> impl IntoView {
    let form = adding.form;
    view! {
        <Enrolled enrollment />
        <CodeForm id="rg-add-code" code=form.code error=form.code_error confirm=move || adding.confirm() />
    }
}
