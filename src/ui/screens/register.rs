//! Guided registration: choose a method, set it up (QR code and key, or a phone
//! number), and prove it works with a code; or create a passkey on this device.
use crate::backend::api::{Enrollment, Field};
use crate::backend::{BackendError, Input};
use crate::engine::{MethodKind, Step};
use crate::ui::errors::show_error;
use crate::ui::kit::{code_typed, on_submit, Button, FormMessage, Heading, Look, TextField, When};
use crate::ui::parts::code_challenge::method_key;
use crate::ui::parts::passkey_button::PasskeyButton;
use crate::ui::passkey;
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// What the step offers to set up.
#[derive(Clone, Copy, Default)]
struct Offer {
    app: bool,
    /// A text or a call: one button, then the number.
    phone: bool,
    passkey: bool,
    /// The sign-in looked like an attacker's: say that the method should be one's own.
    attacker_risk: bool,
}

fn offer(step: &Step) -> Offer {
    let Step::Register { allowed, attacker_risk, .. } = step else { return Offer::default() };
    Offer {
        app: allowed.contains(&MethodKind::AuthenticatorApp),
        phone: allowed.iter().any(|m| m.is_phone()),
        passkey: allowed.contains(&MethodKind::Passkey),
        attacker_risk: *attacker_risk,
    }
}

/// The registration's state: the method chosen, what is typed, and the messages.
#[derive(Clone, Copy)]
struct Registration {
    ui: Ui,
    chosen: RwSignal<Option<MethodKind>>,
    phone: RwSignal<String>,
    code: RwSignal<String>,
    phone_error: RwSignal<Option<Message>>,
    code_error: RwSignal<Option<Message>>,
    general: RwSignal<Option<Message>>,
    /// The method being set up, once the backend began it.
    enrollment: Memo<Option<Enrollment>>,
}

impl Registration {
    fn new(ui: Ui) -> Registration {
        Registration {
            ui,
            chosen: RwSignal::new(None),
            phone: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
            phone_error: RwSignal::new(None),
            code_error: RwSignal::new(None),
            general: RwSignal::new(None),
            enrollment: Memo::new(move |_| ui.with_reply(|r| r.enrollment.clone())),
        }
    }

    /// Sets up `method`; a phone's with the number typed.
    fn begin(self, method: MethodKind) {
        self.general.set(None);
        self.phone_error.set(None);
        let phone = method.is_phone().then(|| self.phone.get_untracked());
        self.ui.send(Input::BeginRegistration { method, phone }, move |e| {
            show_error(e, Field::Phone, self.phone_error, self.general)
        });
    }

    /// Proves the method being set up with the code typed.
    fn confirm(self) {
        if !code_typed(self.code, self.code_error) {
            return;
        }
        self.ui.send(Input::ConfirmRegistration { code: self.code.get_untracked() }, self.on_code_error());
    }

    fn create_passkey(self) {
        self.chosen.set(Some(MethodKind::Passkey));
        self.ui.send(Input::BeginPasskey, self.on_code_error());
    }

    fn on_code_error(self) -> impl FnOnce(BackendError) + 'static {
        move |e| show_error(e, Field::Code, self.code_error, self.general)
    }
}

#[component]
pub fn Register() -> impl IntoView {
    let ui = use_ui();
    let offer = ui.reply_now(|r| offer(&r.step));
    let reg = Registration::new(ui);
    passkey::answer_challenges(ui, reg.general);
    let setting_up = move || reg.enrollment.with(Option::is_some);
    view! {
        <section class="rg-form">
            <Heading key=Key::RegisterHeading />
            <When when=move || offer.attacker_risk>
                <p class="rg-warning" role="note">
                    {ui.text(Key::RegisterAttackerRisk)}
                </p>
            </When>
            <When when=move || !setting_up()>{choose_method(reg, offer)}</When>
            <When when=setting_up>{set_up(reg)}</When>
            <FormMessage message=reg.general />
        </section>
    }
}

/// The methods offered; for a phone, then its number.
fn choose_method(reg: Registration, offer: Offer) -> impl IntoView {
    let ui = reg.ui;
    let app = MethodKind::AuthenticatorApp;
    let choose_app = move |_| {
        reg.chosen.set(Some(app));
        reg.begin(app);
    };
    let phone_chosen = move || reg.chosen.get().is_some_and(|m| m.is_phone());
    view! {
        <fieldset class="rg-methods">
            <legend>{ui.text(Key::RegisterChoose)}</legend>
            <When when=move || offer.passkey>
                <PasskeyButton
                    class="rg-add-passkey"
                    label=Key::AccountAddPasskey
                    message=reg.general
                    on_click=move || reg.create_passkey()
                />
            </When>
            <When when=move || offer.app>
                <Button on_click=choose_app>{ui.text(method_key(app))}</Button>
            </When>
            <When when=move || offer.phone>
                <Button
                    attr:aria-expanded=move || (reg.chosen.get() == Some(MethodKind::Sms)).to_string()
                    on_click=move |_| reg.chosen.set(Some(MethodKind::Sms))
                >
                    {ui.text(Key::MethodSms)}
                    " / "
                    {ui.text(Key::MethodVoice)}
                </Button>
            </When>
        </fieldset>
        <When when=phone_chosen>
            <p>{ui.text(Key::RegisterPhoneLead)}</p>
            <PhoneEntry
                id="rg-phone"
                phone=reg.phone
                error=reg.phone_error
                send=Callback::new(move |m| reg.begin(m))
            />
        </When>
    }
}

/// The method being set up (an app's QR code and key, or where a code was sent) and
/// the code that proves it works.
fn set_up(reg: Registration) -> impl IntoView {
    let ui = reg.ui;
    let shown = move || match reg.enrollment.get() {
        Some(e) if e.method == MethodKind::AuthenticatorApp => view! { <AppKey enrollment=e /> }.into_any(),
        Some(Enrollment { phone_hint: Some(hint), .. }) => {
            view! { <p>{move || ui.tf(Key::MfaSent, &[("phone", &hint)])}</p> }.into_any()
        }
        _ => ().into_any(),
    };
    view! {
        {shown}
        <CodeForm id="rg-code" code=reg.code error=reg.code_error confirm=move || reg.confirm() />
    }
}

/// The code that proves a method being set up works, and Verify: the registration's and
/// account health's add-method forms.
#[component]
pub fn CodeForm(
    id: &'static str,
    code: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    confirm: impl FnMut() + 'static,
) -> impl IntoView {
    let ui = use_ui();
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
                <button type="submit" class="rg-primary" disabled=ui.pending>
                    {ui.text(Key::CommonVerify)}
                </button>
            </div>
        </form>
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
