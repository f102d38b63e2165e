//! Which screen is on, by a typed kind, and the screen component for each: the `App`
//! shows the screen by it, and the host page hears its name in `riskgate:step`.
use super::kit::Live;
use super::screens::sign_in;
use super::split::{self, show};
use super::{Screen, Ui};
use crate::backend::Reply;
use crate::engine::Step;
use leptos::prelude::*;

/// The kind of step a flow's reply shows. Each has its own screen and its own host name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Notice,
    Mfa,
    Interrupt,
    Register,
    /// A forced password change (risky user, temporary password); not the password entry.
    NewPassword,
    Blocked,
    SignedIn,
    /// Signed in in another tab, or with the reply lost: this page holds no session.
    SignedInElsewhere,
    Ended,
}

impl StepKind {
    pub fn of(reply: &Reply) -> StepKind {
        match &reply.step {
            _ if finished_elsewhere(reply) => StepKind::SignedInElsewhere,
            Step::Notice { .. } => StepKind::Notice,
            Step::MfaChallenge { .. } => StepKind::Mfa,
            Step::RegistrationInterrupt { .. } => StepKind::Interrupt,
            Step::Register { .. } => StepKind::Register,
            Step::ChangePassword { .. } => StepKind::NewPassword,
            Step::Blocked { .. } => StepKind::Blocked,
            Step::SignedIn { .. } => StepKind::SignedIn,
            Step::Cancelled | Step::Failed => StepKind::Ended,
        }
    }

    /// The name the host page hears.
    pub fn name(self) -> &'static str {
        match self {
            StepKind::Notice => "notice",
            StepKind::Mfa => "mfa",
            StepKind::Interrupt => "interrupt",
            StepKind::Register => "register",
            StepKind::NewPassword => "new-password",
            StepKind::Blocked => "blocked",
            StepKind::SignedIn => "signed-in",
            StepKind::SignedInElsewhere => "signed-in-elsewhere",
            StepKind::Ended => "ended",
        }
    }
}

/// Which component is on screen: it changes only when the step's kind changes, so a
/// new reply for the same step (a wrong code, a rejected password) keeps what was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum View {
    Username,
    Password,
    Step(String, StepKind),
    Account,
    Admin,
    Reset,
}

impl View {
    /// The screen's name for the host page.
    pub fn name(&self) -> &'static str {
        match self {
            View::Username => "username",
            View::Password => "password",
            View::Step(_, kind) => kind.name(),
            View::Account => "account",
            View::Admin => "admin",
            View::Reset => "reset",
        }
    }
}

/// The view `ui` is on, changing only when it does.
pub(crate) fn current(ui: Ui) -> Memo<View> {
    Memo::new(move |_| match ui.screen.get() {
        Screen::Username => View::Username,
        Screen::Password => View::Password,
        Screen::Flow => ui.reply.with(|r| match r {
            Some(r) => View::Step(r.flow_id.clone(), StepKind::of(r)),
            None => View::Username,
        }),
        Screen::Account => View::Account,
        Screen::Admin => View::Admin,
        Screen::Reset => View::Reset,
    })
}

/// The screen component that shows `view`, following it: one for each view and step kind.
/// The username screen is in the module; the others are parts fetched when shown in a
/// split build (split.rs). A failed fetch's retry renders the view again.
pub(crate) fn screen(view: Memo<View>) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
    view! {
        <Live render=move || {
            attempt.track();
            match view.get() {
                View::Username => view! { <sign_in::Username /> }.into_any(),
                View::Password => show(split::password_view(), retry),
                View::Step(_, StepKind::Notice) => show(split::notice_view(), retry),
                View::Step(_, StepKind::Mfa) => show(split::mfa_view(), retry),
                View::Step(_, StepKind::Interrupt) => show(split::interrupt_view(), retry),
                View::Step(_, StepKind::Register) => show(split::register_view(), retry),
                View::Step(_, StepKind::NewPassword) => show(split::new_password_view(), retry),
                View::Step(_, StepKind::Blocked) => show(split::blocked_view(), retry),
                View::Step(_, StepKind::SignedIn) => show(split::signed_in_view(), retry),
                View::Step(_, StepKind::SignedInElsewhere | StepKind::Ended) => {
                    show(split::ended_view(), retry)
                }
                View::Account => account_view(),
                View::Admin => admin_view(),
                View::Reset => show(split::reset_view(), retry),
            }
        } />
    }
}

#[cfg(feature = "account")]
fn account_view() -> AnyView {
    view! { <super::screens::account::Account /> }.into_any()
}

#[cfg(feature = "admin")]
fn admin_view() -> AnyView {
    view! { <super::screens::admin::Admin /> }.into_any()
}

/// Builds without the view offer no way to it; were one asked for, the first screen shows.
#[cfg(not(feature = "account"))]
fn account_view() -> AnyView {
    view! { <sign_in::Username /> }.into_any()
}

#[cfg(not(feature = "admin"))]
fn admin_view() -> AnyView {
    view! { <sign_in::Username /> }.into_any()
}

/// A flow read back after it finished without this page (its reply lost, or another tab
/// took the last step): signed in, but the session is not this page's.
pub(crate) fn finished_elsewhere(reply: &Reply) -> bool {
    matches!(reply.step, Step::SignedIn { .. }) && reply.session.is_none()
}
