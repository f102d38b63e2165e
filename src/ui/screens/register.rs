//! Guided registration: choose a method, set it up (QR code and key, or a phone
//! number), and prove it works with a code; or create a passkey on this device.
use super::mfa::method_key;
use crate::backend::api::Enrollment;
use crate::backend::api::Field;
use crate::backend::Input;
use crate::engine::{MethodKind, Step};
use crate::ui::errors::show_error;
use crate::ui::kit::{code_typed, on_submit, Button, FormMessage, Heading, Look, TextField, When};
use crate::ui::passkey;
use crate::ui::text::{Key, Message};
use crate::ui::use_ui;
use leptos::prelude::*;

#[component]
pub fn Register() -> impl IntoView {
    let ui = use_ui();
    let (allowed, attacker_risk) = ui.reply_now(|r| match &r.step {
        Step::Register { allowed, attacker_risk, .. } => (allowed.clone(), *attacker_risk),
        _ => (vec![], false),
    });
    let chosen = RwSignal::new(None::<MethodKind>);
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let phone_error = RwSignal::new(None);
    let code_error = RwSignal::new(None);
    let general = RwSignal::new(None);
    let enrollment = Memo::new(move |_| ui.with_reply(|r| r.enrollment.clone()));
    let phones: Vec<MethodKind> = allowed.iter().copied().filter(|m| m.is_phone()).collect();
    let offers_app = allowed.contains(&MethodKind::AuthenticatorApp);
    let offers_phone = !phones.is_empty();
    let offers_passkey = allowed.contains(&MethodKind::Passkey);
    passkey::answer_challenges(ui, general);
    let create_passkey = move |_| {
        general.set(None);
        chosen.set(Some(MethodKind::Passkey));
        if !passkey::available() {
            general.set(Some(passkey::Failure::Unavailable.key().into()));
            return;
        }
        ui.send(Input::BeginPasskey, move |e| show_error(e, Field::Code, code_error, general));
    };

    let begin = move |method: MethodKind| {
        general.set(None);
        phone_error.set(None);
        let number = method.is_phone().then(|| phone.get_untracked());
        ui.send(Input::BeginRegistration { method, phone: number }, move |e| {
            show_error(e, Field::Phone, phone_error, general)
        });
    };
    let confirm = move || {
        if !code_typed(code, code_error) {
            return;
        }
        ui.send(Input::ConfirmRegistration { code: code.get_untracked() }, move |e| {
            show_error(e, Field::Code, code_error, general)
        });
    };
    let app_view = move || {
        enrollment
            .get()
            .filter(|e| e.method == MethodKind::AuthenticatorApp)
            .map(|e| view! { <AppKey enrollment=e /> })
    };
    let phone_sent = move || {
        enrollment
            .get()
            .and_then(|e| e.phone_hint)
            .map(|hint| view! { <p>{move || ui.tf(Key::MfaSent, &[("phone", &hint)])}</p> })
    };

    view! {
        <section class="rg-form">
            <Heading key=Key::RegisterHeading />
            <When when=move || attacker_risk>
                <p class="rg-warning" role="note">
                    {ui.text(Key::RegisterAttackerRisk)}
                </p>
            </When>
            <When when=move || enrollment.get().is_none()>
                <fieldset class="rg-methods">
                    <legend>{ui.text(Key::RegisterChoose)}</legend>
                    <When when=move || offers_passkey>
                        <Button class="rg-add-passkey" on_click=create_passkey label=Key::AccountAddPasskey />
                    </When>
                    <When when=move || offers_app>
                        <Button on_click=move |_| {
                            chosen.set(Some(MethodKind::AuthenticatorApp));
                            begin(MethodKind::AuthenticatorApp);
                        }>{ui.text(method_key(MethodKind::AuthenticatorApp))}</Button>
                    </When>
                    <When when=move || offers_phone>
                        <Button
                            attr:aria-expanded=move || (chosen.get() == Some(MethodKind::Sms)).to_string()
                            on_click=move |_| chosen.set(Some(MethodKind::Sms))
                        >
                            {ui.text(Key::MethodSms)}
                            " / "
                            {ui.text(Key::MethodVoice)}
                        </Button>
                    </When>
                </fieldset>
                <When when=move || chosen.get().is_some_and(|m| m.is_phone())>
                    <p>{ui.text(Key::RegisterPhoneLead)}</p>
                    <PhoneEntry id="rg-phone" phone error=phone_error send=Callback::new(begin) />
                </When>
            </When>
            {app_view}
            {phone_sent}
            <When when=move || enrollment.get().is_some()>
                <form novalidate on:submit=on_submit(confirm)>
                    <TextField
                        id="rg-code"
                        label=Key::MfaCode
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        value=code
                        error=code_error
                    />
                    <div class="rg-actions">
                        <button type="submit" class="rg-primary" disabled=ui.pending>
                            {ui.text(Key::CommonVerify)}
                        </button>
                    </div>
                </form>
            </When>
            <FormMessage message=general />
        </section>
    }
}

/// An authenticator app being set up: its QR code and the key to type by hand.
#[component]
pub fn AppKey(enrollment: Enrollment) -> impl IntoView {
    let ui = use_ui();
    view! {
        <p>{ui.text(Key::RegisterAppLead)}</p>
        <div
            class="rg-qr"
            role="img"
            aria-label=ui.text(Key::RegisterAppQr)
            inner_html=enrollment.qr_svg
        ></div>
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
    let _ui = use_ui();
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
