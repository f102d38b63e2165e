//! A way to confirm it's you, offered as a row of a list: its icon, its name (the button
//! itself, so its accessible name stays the method's), and one line of what it is, tied
//! to the button as its description. The recommended ones (a passkey, then an app) come
//! first and say so.
use crate::engine::MethodKind;
use crate::ui::kit::dom::{el, svg, El};
use crate::ui::text::Key;
use crate::ui::Ui;

/// The order a list offers methods in: the strongest and easiest first (presentation
/// only: which methods are offered is the backend's decision).
pub fn recommended_first(mut methods: Vec<MethodKind>) -> Vec<MethodKind> {
    methods.sort_by_key(|m| rank(*m));
    methods
}

fn rank(m: MethodKind) -> u8 {
    match m {
        MethodKind::Passkey => 0,
        MethodKind::AuthenticatorApp => 1,
        MethodKind::Sms => 2,
        MethodKind::Voice => 3,
    }
}

fn about_key(m: MethodKind) -> Key {
    match m {
        MethodKind::Passkey => Key::MethodAboutPasskey,
        MethodKind::AuthenticatorApp => Key::MethodAboutAuthenticatorApp,
        MethodKind::Sms => Key::MethodAboutSms,
        MethodKind::Voice => Key::MethodAboutVoice,
    }
}

/// The id of a method's line of description (one per method on a screen).
pub fn about_id(m: MethodKind) -> &'static str {
    match m {
        MethodKind::Passkey => "rg-about-passkey",
        MethodKind::AuthenticatorApp => "rg-about-app",
        MethodKind::Sms => "rg-about-sms",
        MethodKind::Voice => "rg-about-voice",
    }
}

/// A row for `method`; `name` adds its button to the row's body, a button that names
/// the method and carries `aria-describedby=about_id(method)`.
pub fn method_option(ui: Ui, method: MethodKind, name: impl FnOnce(El) -> El) -> El {
    let mut about = el("span").class("rg-option-about").id(about_id(method));
    if rank(method) <= 1 {
        about = about.child(el("strong").class("rg-badge").say(ui, Key::MethodRecommended));
    }
    let body = name(el("span").class("rg-option-body")).child(about.say(ui, about_key(method)));
    el("li").class("rg-option").child(el("span").class("rg-option-icon").child(icon(method))).child(body)
}

/// A simple line drawing of the method, decorative (the name says it).
fn icon(m: MethodKind) -> El {
    let d = match m {
        // A key.
        MethodKind::Passkey => "M14 4a6 6 0 1 0 4.9 9.5H22l2 2 2-2 2 2 2-2-3-3.5h-8.1A6 6 0 0 0 14 4zm-2 4.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4z",
        // A phone with a six-digit code.
        MethodKind::AuthenticatorApp => "M10 2h12a2 2 0 0 1 2 2v24a2 2 0 0 1-2 2H10a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 3v20h12V5H10zm2 7h8v4h-8v-4z",
        // A speech bubble.
        MethodKind::Sms => "M5 5h22a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H13l-6 5v-5H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zm4 7v3h3v-3H9zm5.5 0v3h3v-3h-3zm5.5 0v3h3v-3h-3z",
        // A handset.
        MethodKind::Voice => "M9 3l4 1 2 6-3 2a14 14 0 0 0 8 8l2-3 6 2 1 4-2 3C17 27 5 15 6 5l3-2z",
    };
    let path = svg("path").attr("d", d).attr("fill", "currentColor").attr("fill-rule", "evenodd");
    svg("svg")
        .attr("viewBox", "0 0 32 32")
        .attr("width", "28")
        .attr("height", "28")
        .attr("aria-hidden", "true")
        .attr("focusable", "false")
        .child(path)
}
