//! The code challenge MFA and the reset's proof share: a method to switch to, what to do
//! with it (a code from the app, one sent by text or call, or a passkey), and the code.
//! The screen decides what its actions send and which words frame them.
use super::method_option::{about_id, method_option, recommended_first};
use super::passkey_button::passkey_button;
use crate::engine::MethodKind;
use crate::ui::kit::dom::{button, el, submit, El};
use crate::ui::kit::{code_typed, text_field, FieldSpec, Look, Watched};
use crate::ui::text::{Key, Message};
use crate::ui::Ui;
use leptos::prelude::*;
use std::sync::Arc;

/// A method's name, as the switch and the account's lists show it.
pub fn method_key(m: MethodKind) -> Key {
    match m {
        MethodKind::AuthenticatorApp => Key::MethodAuthenticatorApp,
        MethodKind::Sms => Key::MethodSms,
        MethodKind::Voice => Key::MethodVoice,
        MethodKind::Passkey => Key::MethodPasskey,
    }
}

/// What the person asks of the challenge; the screen sends it as its own backend input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Act {
    /// "Text me a code", "Call me", or "Resend code".
    SendCode(MethodKind),
    /// "Use a passkey", once this browser is known to have passkeys.
    BeginPasskey,
    /// The code typed, for the method chosen.
    Code(MethodKind, String),
}

/// What the screen does with an `Act`: a `Callback<Act>`, kept by `Watched`'s shared
/// code instead of a callback's own copy of it.
#[derive(Clone, Copy)]
pub struct OnAct(Watched<Arc<dyn Fn(Act) + Send + Sync>>);

impl OnAct {
    pub fn new(f: impl Fn(Act) + Send + Sync + 'static) -> OnAct {
        OnAct(Watched::new(Arc::new(f)))
    }

    /// Does what the screen said; nothing once the screen is gone.
    pub fn run(self, act: Act) {
        if let Some(f) = self.0.try_get_untracked() {
            f(act);
        }
    }
}

/// The challenge's state: the method chosen, where a code went, what is typed.
#[derive(Clone, Copy)]
pub struct Challenge {
    pub method: Watched<MethodKind>,
    /// The masked number the last code was sent to, once one was.
    pub sent_to: Watched<Option<String>>,
    pub code: RwSignal<String>,
    /// The code field's message.
    pub error: RwSignal<Option<Message>>,
    /// The form's message (a passkey this browser can't use, for one).
    pub general: RwSignal<Option<Message>>,
}

impl Challenge {
    pub fn new(
        first: MethodKind,
        sent_to: Watched<Option<String>>,
        general: RwSignal<Option<Message>>,
    ) -> Challenge {
        Challenge {
            method: Watched::new(first),
            sent_to,
            code: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            general,
        }
    }

    /// The form's submit: the typed code goes to `act`, or the field says none was typed.
    pub fn submit(self, act: OnAct) {
        if code_typed(self.code, self.error) {
            act.run(Act::Code(self.method.get_untracked(), self.code.get_untracked()));
        }
    }

    fn choose(self, m: MethodKind) {
        self.method.set(m);
        self.error.set(None);
        self.general.set(None);
    }

    /// A phone method before any code went out: there is nothing to type yet.
    fn needs_sending(self) -> bool {
        self.method.get().is_phone() && self.sent_to.with(Option::is_none)
    }

    fn by_passkey(self) -> bool {
        self.method.get() == MethodKind::Passkey
    }

    /// What to do with the method chosen.
    fn lead(self, ui: Ui) -> String {
        match self.method.get() {
            MethodKind::Passkey => ui.t(Key::MfaPasskeyLead).to_string(),
            MethodKind::AuthenticatorApp => ui.t(Key::MfaAppLead).to_string(),
            _ => match self.sent_to.get() {
                Some(to) => ui.tf(Key::MfaSent, &[("phone", &to)]),
                None => ui.t(Key::MfaPhoneLead).to_string(),
            },
        }
    }

    fn send_code(self, act: OnAct) {
        act.run(Act::SendCode(self.method.get_untracked()));
    }
}

/// The lead for the method chosen; for a phone, "text me a code" or "call me" until a
/// code went out; then the code field. A passkey has its button instead. The field's
/// Verify submits the screen's form, whose handler calls `Challenge::submit`. All of it
/// is added to `form`.
pub fn code_challenge(form: El, ui: Ui, c: Challenge, code_id: &'static str, act: OnAct) -> El {
    let send_key =
        move || if c.method.get() == MethodKind::Voice { Key::MfaSendCall } else { Key::MfaSendText };
    let send = move || {
        let words = move || ui.t(send_key()).to_string();
        vec![button(Look::Primary, "").text_live(words).on("click", move |_| c.send_code(act))]
    };
    let use_passkey = move || {
        let begin = move || act.run(Act::BeginPasskey);
        let passkey =
            passkey_button(ui, Look::Primary, "rg-use-passkey", Key::MfaPasskeyUse, c.general, begin);
        vec![el("div").class("rg-actions").child(passkey)]
    };
    form.child(el("p").text_live(move || c.lead(ui)))
        .show_when(move || c.needs_sending(), send)
        .show_when(move || c.by_passkey(), use_passkey)
        .show_when(move || !c.needs_sending() && !c.by_passkey(), move || code_entry(ui, c, code_id, act))
}

/// The code field, "resend" for a phone, and the form's submit.
fn code_entry(ui: Ui, c: Challenge, code_id: &'static str, act: OnAct) -> Vec<El> {
    let field = FieldSpec::code(code_id, c.code, c.error);
    let resend =
        move || vec![button(Look::Link, "").say(ui, Key::MfaResend).on("click", move |_| c.send_code(act))];
    let actions = el("div")
        .class("rg-actions")
        .show_when(move || c.method.get().is_phone(), resend)
        .child(submit(ui, Key::CommonVerify));
    vec![text_field(ui, field, None), actions]
}

/// The methods to switch between, the chosen one pressed, under `legend`.
pub fn method_switch(
    ui: Ui,
    c: Challenge,
    legend: Key,
    methods: impl Fn() -> Vec<MethodKind> + 'static,
) -> El {
    let option = move |m: MethodKind| {
        let pressed = move || Some((c.method.get() == m).to_string());
        let choose = button(Look::Link, "")
            .attr_live("aria-pressed", pressed)
            .attr("aria-describedby", about_id(m))
            .say(ui, method_key(m))
            .on("click", move |_| c.choose(m));
        method_option(ui, m, |body| body.child(choose))
    };
    let options = el("ul")
        .class("rg-options")
        .live(move || recommended_first(methods()).into_iter().map(option).collect());
    el("fieldset").class("rg-methods").child(el("legend").say(ui, legend)).child(options)
}
