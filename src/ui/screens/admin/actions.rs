//! What IT staff can do to a person's account: each action's words, which actions are
//! asked about before they are sent, and sending one.
use super::temporary::Temporary;
use crate::backend::api::UserSummary;
use crate::backend::{AdminAction, AdminView};
use crate::engine::RiskLevel;
use crate::ui::kit::{Button, Look};
use crate::ui::parts::load::{focus, Loaded};
use crate::ui::text::{Arg, Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// An action's words: on its button, and naming whom it is for (the button's name).
pub(super) struct ActionKeys {
    pub label: Key,
    pub named: Key,
}

pub(super) fn action_keys(action: AdminAction) -> ActionKeys {
    let (label, named) = match action {
        AdminAction::DismissRisk => (Key::AdminActionDismissRisk, Key::AdminActionDismissRiskNamed),
        AdminAction::ConfirmCompromised => {
            (Key::AdminActionConfirmCompromised, Key::AdminActionConfirmCompromisedNamed)
        }
        AdminAction::ConfirmSafe => (Key::AdminActionConfirmSafe, Key::AdminActionConfirmSafeNamed),
        AdminAction::TemporaryPassword => {
            (Key::AdminActionTemporaryPassword, Key::AdminActionTemporaryPasswordNamed)
        }
        AdminAction::RequireReregistration => {
            (Key::AdminActionRequireReregistration, Key::AdminActionRequireReregistrationNamed)
        }
        AdminAction::Unblock => (Key::AdminActionUnblock, Key::AdminActionUnblockNamed),
        AdminAction::ConfirmSignInSafe { .. } => {
            (Key::AdminActionConfirmSignInSafe, Key::AdminActionConfirmSignInSafeNamed)
        }
        AdminAction::Enable => (Key::AdminActionEnable, Key::AdminActionEnableNamed),
        AdminAction::Disable => (Key::AdminActionDisable, Key::AdminActionDisableNamed),
    };
    ActionKeys { label, named }
}

/// What the status line says once `action` went through for `name`.
fn done_message(action: AdminAction, name: String) -> Message {
    let key = match action {
        AdminAction::ConfirmSignInSafe { .. } => Key::AdminDoneConfirmSignInSafe,
        _ => Key::AdminDone,
    };
    Message::from(key).with("action", Arg::Text(action_keys(action).label)).with("name", Arg::Data(name))
}

/// What a destructive action does, asked before it is sent; `None` for the ones that
/// only lift a block or clear risk.
fn confirmation_key(action: AdminAction) -> Option<Key> {
    match action {
        AdminAction::ConfirmCompromised => Some(Key::AdminConfirmConfirmCompromised),
        AdminAction::TemporaryPassword => Some(Key::AdminConfirmTemporaryPassword),
        AdminAction::RequireReregistration => Some(Key::AdminConfirmRequireReregistration),
        AdminAction::Disable => Some(Key::AdminConfirmDisable),
        _ => None,
    }
}

/// Whether `u` is at risk: a risk level, or a detection still open.
pub(super) fn at_risk(u: &UserSummary) -> bool {
    u.user_risk > RiskLevel::None || u.detections.iter().any(|d| d.state.is_open())
}

/// Whether `action` restricts the account (and so is asked about before it is sent).
pub(super) fn restricts(action: AdminAction) -> bool {
    confirmation_key(action).is_some()
}

/// The actions worth offering for `user`, in the order they are listed.
pub(super) fn actions_for(user: &UserSummary) -> Vec<AdminAction> {
    let mut out = vec![];
    if at_risk(user) {
        out.extend([AdminAction::DismissRisk, AdminAction::ConfirmSafe]);
    }
    out.extend([AdminAction::ConfirmCompromised, AdminAction::TemporaryPassword]);
    if !user.methods.is_empty() {
        out.push(AdminAction::RequireReregistration);
    }
    out.push(AdminAction::Unblock);
    out.push(if user.disabled { AdminAction::Enable } else { AdminAction::Disable });
    out
}

/// An action the admin chose: on whose account, and which.
#[derive(Clone)]
pub(super) struct Request {
    pub username: String,
    /// The person's display name, for the words about it.
    pub name: String,
    pub action: AdminAction,
}

/// The admin's actions as they go: asked about, sent, answered.
#[derive(Clone, Copy)]
pub(super) struct Actions {
    ui: Ui,
    overview: Loaded<AdminView>,
    /// Why the last action failed.
    pub error: RwSignal<Option<Message>>,
    pub temporary: Temporary,
    /// A destructive action waiting for "yes".
    confirming: RwSignal<Option<Request>>,
    confirm_node: NodeRef<leptos::html::Div>,
    /// The button that asked, so that "Cancel" puts focus back where the admin was.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl Actions {
    pub fn new(ui: Ui, overview: Loaded<AdminView>) -> Self {
        Actions {
            ui,
            overview,
            error: RwSignal::new(None),
            temporary: Temporary::new(),
            confirming: RwSignal::new(None),
            confirm_node: NodeRef::new(),
            opener: StoredValue::new_local(None),
        }
    }

    /// Destructive actions are asked about first; the rest go at once. `opener` is the
    /// button that asked.
    pub fn request(self, request: Request, opener: Option<web_sys::HtmlElement>) {
        if confirmation_key(request.action).is_none() {
            self.confirming.set(None);
            return self.send(request);
        }
        self.overview.begin(self.error);
        self.confirming.set(Some(request));
        self.opener.set_value(opener);
        focus(self.confirm_node);
    }

    fn send(self, request: Request) {
        let Request { username, name, action } = request;
        self.overview.begin(self.error);
        self.temporary.hide();
        self.ui.admin_act(username, action, move |r| match r {
            Ok(receipt) => match receipt.temporary_password {
                Some(password) => {
                    self.overview.view.try_set(Some(receipt.view));
                    self.temporary.show(name, password);
                }
                None => self.overview.show(receipt.view, done_message(action, name)),
            },
            Err(e) => self.overview.failed(&e, self.error),
        });
    }

    fn confirm(self) {
        if let Some(request) = self.confirming.get_untracked() {
            self.confirming.set(None);
            self.send(request);
        }
    }

    fn cancel(self) {
        self.confirming.set(None);
        if let Some(button) = self.opener.get_value().filter(|b| b.is_connected()) {
            let _ = button.focus();
        }
    }
}

/// The question before a destructive action, with "yes" and "Cancel"; it takes focus.
#[component]
pub(super) fn Question(actions: Actions) -> impl IntoView {
    let ui = use_ui();
    let question = move || {
        actions.confirming.get().and_then(|Request { name, action, .. }| {
            let key = confirmation_key(action)?;
            let yes = ui.tf(Key::AdminConfirmYes, &[("action", ui.t(action_keys(action).label))]);
            Some(view! {
                <div class="rg-warning" role="alert">
                    <p>{ui.tf(key, &[("name", &name)])}</p>
                    <div class="rg-actions">
                        <Button look=Look::Primary on_click=move |_| actions.confirm()>
                            {yes}
                        </Button>
                        <Button on_click=move |_| actions.cancel()>{ui.t(Key::CommonCancel)}</Button>
                    </div>
                </div>
            })
        })
    };
    view! {
        <div class="rg-confirm" tabindex="-1" node_ref=actions.confirm_node>
            {question}
        </div>
    }
}
