//! Setting up a method, as the registration and account health both do: what is typed
//! with its messages, an app's QR code and key or where a code went, the phone's send
//! buttons, and the code that proves the method works.
use crate::backend::api::Enrollment;
use crate::engine::MethodKind;
use crate::ui::kit::dom::{button, el, submit, El};
use crate::ui::kit::{text_field, FieldSpec, Look};
use crate::ui::text::{Key, Message};
#[cfg(feature = "account")]
use crate::ui::use_ui;
use crate::ui::Ui;
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
#[cfg(feature = "account")]
#[component]
pub fn Enrolled(enrollment: Enrollment) -> impl IntoView {
    enrolled(use_ui(), enrollment).into_iter().map(El::into_view).collect_view()
}

/// The method begun, built.
pub fn enrolled(ui: Ui, enrollment: Enrollment) -> Vec<El> {
    if enrollment.method == MethodKind::AuthenticatorApp {
        return app_key(ui, enrollment);
    }
    let sent = el("p");
    let sent = match enrollment.phone_hint {
        Some(hint) => sent.text_live(move || ui.tf(Key::MfaSent, &[("phone", &hint)])),
        None => sent,
    };
    vec![sent]
}

/// The code that proves a method being set up works, and Verify.
#[cfg(feature = "account")]
#[component]
pub fn CodeForm(
    id: &'static str,
    code: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    confirm: impl FnMut() + 'static,
) -> impl IntoView {
    code_form(use_ui(), id, code, error, confirm).into_view()
}

/// The code's form, built.
pub fn code_form(
    ui: Ui,
    id: &'static str,
    code: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    confirm: impl FnMut() + 'static,
) -> El {
    let field = FieldSpec::code(id, code, error);
    el("form")
        .attr("novalidate", "")
        .on_submit(confirm)
        .child(text_field(ui, field, None))
        .child(el("div").class("rg-actions").child(submit(ui, Key::CommonVerify)))
}

/// An authenticator app being set up: its QR code and the key to type by hand. The QR
/// code is drawn here from the URI, so no markup from the backend is ever inserted (the
/// reply's `qr_svg` is not used), and only the flows that set up an app carry the drawing.
fn app_key(ui: Ui, enrollment: Enrollment) -> Vec<El> {
    let qr = el("div")
        .class("rg-qr")
        .attr("role", "img")
        .attr_live("aria-label", move || Some(ui.t(Key::RegisterAppQr).to_string()));
    qr.element().set_inner_html(&crate::backend::api::qr::qr_svg(&enrollment.uri));
    let key = el("p")
        .class("rg-key")
        .say(ui, Key::RegisterAppKey)
        .text(": ")
        .child(el("code").text(&enrollment.key));
    vec![el("p").say(ui, Key::RegisterAppLead), qr, key]
}

/// A phone number with "call me" and "text me": `send` gets the method chosen.
#[cfg(feature = "account")]
#[component]
pub fn PhoneEntry(
    id: &'static str,
    phone: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    send: Callback<MethodKind>,
) -> impl IntoView {
    let send = move |m| send.run(m);
    phone_entry(use_ui(), id, phone, error, send).into_iter().map(El::into_view).collect_view()
}

/// The number's field and its buttons, built.
pub fn phone_entry(
    ui: Ui,
    id: &'static str,
    phone: RwSignal<String>,
    error: RwSignal<Option<Message>>,
    send: impl Fn(MethodKind) + Copy + 'static,
) -> Vec<El> {
    let field = FieldSpec {
        id,
        label: Key::RegisterPhoneNumber,
        kind: "tel",
        autocomplete: "tel",
        inputmode: Some("tel"),
        value: phone,
        error,
    };
    let call =
        button(Look::Secondary, "").say(ui, Key::MfaSendCall).on("click", move |_| send(MethodKind::Voice));
    let text =
        button(Look::Primary, "").say(ui, Key::MfaSendText).on("click", move |_| send(MethodKind::Sms));
    vec![text_field(ui, field, None), el("div").class("rg-actions").child(call).child(text)]
}
