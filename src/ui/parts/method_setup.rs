//! Setting up a method, as the registration and account health both do: what is typed
//! with its messages, an app's QR code and key or where a code went, the phone's send
//! buttons, and the code that proves the method works.
use crate::backend::api::Enrollment;
use crate::engine::MethodKind;
use crate::ui::kit::{on_submit, Button, Look, Submit, TextField};
use crate::ui::text::{Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;

/// What is typed while setting up a method, and the messages beside it.
#[derive(Clone, Copy)]
pub struct SetupForm {
    pub phone: RwSignal<String>,
    pub code: RwSignal<String>,
    pub phone_error: RwSignal<Option<Message>>,
    pub code_error: RwSignal<Option<Message>>,
    /// An error that belongs to no field shown (the service down, a method refused).
    pub general: RwSignal<Option<Message>>,
}

impl Default for SetupForm {
    fn default() -> Self {
        SetupForm {
            phone: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
            phone_error: RwSignal::new(None),
            code_error: RwSignal::new(None),
            general: RwSignal::new(None),
        }
    }
}

/// The method the backend began setting up: an app's QR code and key, or where the
/// code was sent.
#[component]
pub fn Enrolled(enrollment: Enrollment) -> impl IntoView {
    let ui = use_ui();
    if enrollment.method == MethodKind::AuthenticatorApp {
        return view! { <AppKey enrollment /> }.into_any();
    }
    let sent = enrollment.phone_hint.map(|hint| move || ui.tf(Key::MfaSent, &[("phone", &hint)]));
    view! { <p>{sent}</p> }.into_any()
}

/// The code that proves a method being set up works, and Verify.
#[component]
pub fn CodeForm(
    id: &'static str,
    code: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    confirm: impl FnMut() + 'static,
) -> impl IntoView {
    view! {
        <form novalidate on:submit=on_submit(confirm)>
            <TextField
                id=id
                label=Key::MfaCode
                autocomplete="one-time-code"
                inputmode="numeric"
                value=code
                error
            />
            <div class="rg-actions">
                <Submit label=Key::CommonVerify />
            </div>
        </form>
    }
}

/// An authenticator app being set up: its QR code and the key to type by hand. The QR
/// code is drawn here from the URI, so no markup from the backend is ever inserted (the
/// reply's `qr_svg` is not used), and only the flows that set up an app carry the drawing.
#[component]
fn AppKey(enrollment: Enrollment) -> impl IntoView {
    let ui = use_ui();
    let qr = crate::backend::api::qr::qr_svg(&enrollment.uri);
    view! {
        <p>{ui.text(Key::RegisterAppLead)}</p>
        <div class="rg-qr" role="img" aria-label=ui.text(Key::RegisterAppQr) inner_html=qr></div>
        <p class="rg-key">{ui.text(Key::RegisterAppKey)} ": " <code>{enrollment.key}</code></p>
    }
}

/// A phone number with "call me" and "text me": `send` gets the method chosen.
#[component]
pub fn PhoneEntry(
    id: &'static str,
    phone: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    send: Callback<MethodKind>,
) -> impl IntoView {
    view! {
        <TextField
            id
            label=Key::RegisterPhoneNumber
            kind="tel"
            autocomplete="tel"
            inputmode="tel"
            value=phone
            error
        />
        <div class="rg-actions">
            <Button on_click=move |_| send.run(MethodKind::Voice) label=Key::MfaSendCall />
            <Button look=Look::Primary on_click=move |_| send.run(MethodKind::Sms) label=Key::MfaSendText />
        </div>
    }
}
