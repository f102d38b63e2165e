//! Guided registration: choose a method, set it up (QR code and key, or a phone
//! number), and prove it works with a code; or create a passkey on this device.
use crate::backend::api::{Enrollment, Field};
use crate::backend::{BackendError, Input};
use crate::engine::{MethodKind, Step};
use crate::ui::errors::show_error;
use crate::ui::kit::dom::{button, el, El};
use crate::ui::kit::{code_typed, error_summary, heading, Look};
use crate::ui::parts::code_challenge::method_key;
use crate::ui::parts::identity::identity_chip;
use crate::ui::parts::method_option::{about_id, method_option};
use crate::ui::parts::method_setup::{code_form, enrolled, phone_entry, SetupForm};
use crate::ui::parts::passkey_button::passkey_button;
use crate::ui::passkey;
use crate::ui::text::{Arg, Key, Message};
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

/// The registration's state: whether a phone was chosen (its number is asked for then),
/// what is typed, and the messages.
#[derive(Clone, Copy)]
struct Registration {
    ui: Ui,
    /// A flag rather than the method chosen: only "a phone" opens anything, and a
    /// `bool` signal's code is in the first module already.
    phone_chosen: RwSignal<bool>,
    form: SetupForm,
    /// The method being set up, once the backend began it.
    enrollment: Memo<Option<Enrollment>>,
}

impl Registration {
    fn new(ui: Ui) -> Registration {
        Registration {
            ui,
            phone_chosen: RwSignal::new(false),
            form: SetupForm::default(),
            enrollment: Memo::new(move |_| ui.with_reply(|r| r.enrollment.clone())),
        }
    }

    /// Sets up `method`; a phone's with the number typed.
    fn begin(self, method: MethodKind) {
        self.form.general.set(None);
        self.form.phone_error.set(None);
        let phone = method.is_phone().then(|| self.form.phone.get_untracked());
        self.ui.send(Input::BeginRegistration { method, phone }, move |e| {
            show_error(e, Field::Phone, self.form.phone_error, self.form.general)
        });
    }

    /// Proves the method being set up with the code typed.
    fn confirm(self) {
        if !code_typed(self.form.code, self.form.code_error) {
            return;
        }
        self.ui
            .send(Input::ConfirmRegistration { code: self.form.code.get_untracked() }, self.on_code_error());
    }

    fn create_passkey(self) {
        self.phone_chosen.set(false);
        self.ui.send(Input::BeginPasskey, self.on_code_error());
    }

    fn on_code_error(self) -> impl FnOnce(BackendError) + 'static {
        move |e| show_error(e, Field::Code, self.form.code_error, self.form.general)
    }
}

#[component]
pub fn Register() -> impl IntoView {
    let ui = use_ui();
    let offer = ui.reply_now(|r| offer(&r.step));
    let reg = Registration::new(ui);
    passkey::answer_challenges(ui, reg.form.general);
    let setting_up = move || reg.enrollment.with(Option::is_some);
    // Choosing a method is the first step, setting it up the second.
    let step = move || {
        let n = if setting_up() { 2 } else { 1 };
        let step = Message::from(Key::RegisterStep).with("n", Arg::Number(n)).with("total", Arg::Number(2));
        step.text(ui.locale.get())
    };
    let summary = vec![("rg-phone", reg.form.phone_error), ("rg-code", reg.form.code_error)];
    let warning = offer
        .attacker_risk
        .then(|| el("p").class("rg-warning").attr("role", "note").say(ui, Key::RegisterAttackerRisk));
    let phone_chosen = reg.phone_chosen;
    let form = reg.form;
    // The method being set up (an app's QR code and key, or where a code was sent).
    let enrolled_now = move || reg.enrollment.get().map(|e| untrack(|| enrolled(ui, e))).unwrap_or_default();
    el("section")
        .class("rg-form")
        .child(heading(ui, Key::RegisterHeading))
        .maybe(identity_chip(ui))
        .child(el("p").class("rg-step").text_live(step))
        .child(error_summary(ui, summary, Some(reg.form.general)))
        .maybe(warning)
        .show_when(move || !setting_up(), move || vec![methods(reg, offer)])
        .show_when(move || !setting_up() && phone_chosen.get(), move || phone_number(reg))
        .live(enrolled_now)
        .show_when(setting_up, move || {
            vec![code_form(ui, "rg-code", form.code, form.code_error, move || reg.confirm())]
        })
        .into_view()
}

/// For a text or a call: the number, and which of the two.
fn phone_number(reg: Registration) -> Vec<El> {
    let form = reg.form;
    let lead = el("p").say(reg.ui, Key::RegisterPhoneLead);
    let entry = phone_entry(reg.ui, "rg-phone", form.phone, form.phone_error, move |m| reg.begin(m));
    std::iter::once(lead).chain(entry).collect()
}

/// The list of methods, recommended first: a passkey, then an app, then a phone.
fn methods(reg: Registration, offer: Offer) -> El {
    let ui = reg.ui;
    let (passkey, app, sms) = (MethodKind::Passkey, MethodKind::AuthenticatorApp, MethodKind::Sms);
    let mut list = el("ul").class("rg-options");
    if offer.passkey {
        let add = move || reg.create_passkey();
        let add_passkey =
            passkey_button(ui, Look::Secondary, "rg-add-passkey", Key::PasskeyAdd, reg.form.general, add)
                .attr("aria-describedby", about_id(passkey));
        list = list.child(method_option(ui, passkey, |body| body.child(add_passkey)));
    }
    if offer.app {
        let choose_app = move |_| {
            reg.phone_chosen.set(false);
            reg.begin(app);
        };
        let use_app = button(Look::Secondary, "")
            .attr("aria-describedby", about_id(app))
            .say(ui, method_key(app))
            .on("click", choose_app);
        list = list.child(method_option(ui, app, |body| body.child(use_app)));
    }
    if offer.phone {
        let phone_chosen = reg.phone_chosen;
        let use_phone = button(Look::Secondary, "")
            .attr_live("aria-expanded", move || Some(phone_chosen.get().to_string()))
            .attr("aria-describedby", about_id(sms))
            .say(ui, Key::MethodSms)
            .text(" / ")
            .say(ui, Key::MethodVoice)
            .on("click", move |_| phone_chosen.set(true));
        list = list.child(method_option(ui, sms, |body| body.child(use_phone)));
    }
    el("fieldset").class("rg-methods").child(el("legend").say(ui, Key::RegisterChoose)).child(list)
}
