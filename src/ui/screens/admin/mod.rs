//! The admin view: the tenant's users with their risk and what IT staff can do about it,
//! recent sign-ins, and the tenant's policy. Every action goes to the backend, which
//! checks the session and answers with the view as it now stands.
use super::account::words::{
    detection_text, detections_cell, outcome_key, place, risk_key, risk_summary, when,
};
use super::mfa::method_key;
use super::step_up::{asks_step_up, StepUpPanel};
use crate::backend::api::{Field, SignInOutcome, SignInRecord, TenantView, UserSummary};
use crate::backend::{AdminAction, AdminView};
use crate::engine::password::BannedList;
use crate::engine::{Enforcement, MethodKind, RiskLevel, RiskState, SignInAction, TenantPolicy, UserAction};
use crate::ui::errors::error_text;
use crate::ui::kit::{
    data_table, handler, live_view, on_submit, Button, Choice, FormMessage, Heading, LoadFailed, Look,
    TableSpec, When,
};
use crate::ui::parts::load::{focus, use_load, Loaded, StatusLine};
use crate::ui::text::{Arg, Key, Message};
use crate::ui::{use_ui, Screen, Ui};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn action_keys(action: AdminAction) -> (Key, Key) {
    match action {
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
    }
}

/// What the status line says once `action` went through for `name`.
fn done_message(action: AdminAction, name: String) -> Message {
    let key = match action {
        AdminAction::ConfirmSignInSafe { .. } => Key::AdminDoneConfirmSignInSafe,
        _ => Key::AdminDone,
    };
    Message::from(key).with("action", Arg::Text(action_keys(action).0)).with("name", Arg::Data(name))
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

/// The actions worth offering for `user`, in the order they are listed.
fn actions_for(user: &UserSummary) -> Vec<AdminAction> {
    let at_risk = user.user_risk > RiskLevel::None || user.detections.iter().any(|d| d.state.is_open());
    let mut out = vec![];
    if at_risk {
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

/// The policy as the form holds it, field by field; what the form does not show is kept
/// from the policy it was filled from.
#[derive(Clone, Copy)]
struct PolicyForm {
    base: StoredValue<TenantPolicy>,
    sign_in_enforcement: RwSignal<Enforcement>,
    sign_in_level: RwSignal<RiskLevel>,
    sign_in_action: RwSignal<SignInAction>,
    phishing_resistant: RwSignal<bool>,
    user_enforcement: RwSignal<Enforcement>,
    user_level: RwSignal<RiskLevel>,
    user_action: RwSignal<UserAction>,
    block_unregistered: RwSignal<bool>,
    registration: RwSignal<Enforcement>,
    reset_enabled: RwSignal<bool>,
    reset_required: RwSignal<u8>,
    reset_methods: RwSignal<Vec<MethodKind>>,
    banned: RwSignal<String>,
}

/// The methods a reset may take as proof, in the order the form lists them.
const RESET_METHODS: [MethodKind; 4] =
    [MethodKind::AuthenticatorApp, MethodKind::Sms, MethodKind::Voice, MethodKind::Passkey];

fn reset_method_id(method: MethodKind) -> &'static str {
    match method {
        MethodKind::AuthenticatorApp => "rg-reset-app",
        MethodKind::Sms => "rg-reset-sms",
        MethodKind::Voice => "rg-reset-voice",
        MethodKind::Passkey => "rg-reset-passkey",
    }
}

impl PolicyForm {
    /// The form, filled from the policy of the first tenant `view` names.
    fn new(view: Option<&AdminView>) -> Self {
        let p = TenantPolicy::default();
        let form = PolicyForm {
            base: StoredValue::new(p.clone()),
            sign_in_enforcement: RwSignal::new(p.sign_in_risk.enforcement),
            sign_in_level: RwSignal::new(p.sign_in_risk.min_level),
            sign_in_action: RwSignal::new(p.sign_in_risk.action),
            phishing_resistant: RwSignal::new(p.phishing_resistant_for_high_risk),
            user_enforcement: RwSignal::new(p.user_risk.enforcement),
            user_level: RwSignal::new(p.user_risk.min_level),
            user_action: RwSignal::new(p.user_risk.action),
            block_unregistered: RwSignal::new(p.block_unregistered_at_risk),
            registration: RwSignal::new(p.registration.enforcement),
            reset_enabled: RwSignal::new(p.reset.enabled),
            reset_required: RwSignal::new(p.reset.required() as u8),
            reset_methods: RwSignal::new(p.reset.allowed.clone()),
            banned: RwSignal::new(String::new()),
        };
        if let Some(t) = view.and_then(|v| v.tenants.first()) {
            form.fill(t);
        }
        form
    }

    fn fill(self, tenant: &TenantView) {
        let p = &tenant.policy;
        self.base.try_set_value(p.clone());
        self.sign_in_enforcement.try_set(p.sign_in_risk.enforcement);
        // The engine reads a minimum of "none" as "low"; the menu says so.
        self.sign_in_level.try_set(p.sign_in_risk.min_level.max(RiskLevel::Low));
        self.sign_in_action.try_set(p.sign_in_risk.action);
        self.phishing_resistant.try_set(p.phishing_resistant_for_high_risk);
        self.user_enforcement.try_set(p.user_risk.enforcement);
        self.user_level.try_set(p.user_risk.min_level.max(RiskLevel::Low));
        self.user_action.try_set(p.user_risk.action);
        self.block_unregistered.try_set(p.block_unregistered_at_risk);
        self.registration.try_set(p.registration.enforcement);
        self.reset_enabled.try_set(p.reset.enabled);
        self.reset_required.try_set(p.reset.required() as u8);
        self.reset_methods.try_set(p.reset.allowed.clone());
        self.banned.try_set(tenant.banned.custom.join("\n"));
    }

    fn read(self) -> (TenantPolicy, BannedList) {
        let mut p = self.base.get_value();
        p.sign_in_risk.enforcement = self.sign_in_enforcement.get_untracked();
        p.sign_in_risk.min_level = self.sign_in_level.get_untracked();
        p.sign_in_risk.action = self.sign_in_action.get_untracked();
        p.phishing_resistant_for_high_risk = self.phishing_resistant.get_untracked();
        p.user_risk.enforcement = self.user_enforcement.get_untracked();
        p.user_risk.min_level = self.user_level.get_untracked();
        p.user_risk.action = self.user_action.get_untracked();
        p.block_unregistered_at_risk = self.block_unregistered.get_untracked();
        p.registration.enforcement = self.registration.get_untracked();
        p.reset.enabled = self.reset_enabled.get_untracked();
        p.reset.methods_required = self.reset_required.get_untracked();
        p.reset.allowed = self.reset_methods.get_untracked();
        let custom = self.banned.with_untracked(|t| {
            t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
        });
        (p, BannedList { custom })
    }
}

#[component]
pub fn Admin() -> impl IntoView {
    let ui = use_ui();
    let overview = use_load(|ui, done| ui.admin_overview(done));
    let action_error = RwSignal::new(None::<Message>);
    // A temporary password just issued: for whom, and the password. Shown until the next
    // action, "Hide", or leaving the view; the backend keeps only its hash.
    let temporary = RwSignal::new(None::<(String, String)>);
    let temporary_node = NodeRef::<leptos::html::Div>::new();
    let copied = RwSignal::new(false);
    // A destructive action waiting for "yes": username, display name, action.
    let confirming = RwSignal::new(None::<(String, String, AdminAction)>);
    let confirm_node = NodeRef::<leptos::html::Div>::new();
    // The button that asked, so that "Cancel" puts focus back where the admin was.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    let act = move |username: String, name: String, action: AdminAction| {
        overview.begin(action_error);
        temporary.set(None);
        copied.set(false);
        ui.admin_act(username, action, move |r| match r {
            Ok(receipt) => match receipt.temporary_password {
                Some(password) => {
                    overview.view.try_set(Some(receipt.view));
                    temporary.try_set(Some((name, password)));
                    focus(temporary_node);
                }
                None => overview.show(receipt.view, done_message(action, name)),
            },
            Err(e) => overview.failed(&e, action_error),
        });
    };

    // Destructive actions are asked about first; the rest go at once.
    let request =
        move |username: String, name: String, action: AdminAction, button: Option<web_sys::HtmlElement>| {
            if confirmation_key(action).is_none() {
                confirming.set(None);
                return act(username, name, action);
            }
            overview.begin(action_error);
            confirming.set(Some((username, name, action)));
            opener.set_value(button);
            focus(confirm_node);
        };
    let cancel = move |_| {
        confirming.set(None);
        if let Some(button) = opener.get_value().filter(|b| b.is_connected()) {
            let _ = button.focus();
        }
    };
    let confirm = move |_| {
        if let Some((username, name, action)) = confirming.get_untracked() {
            confirming.set(None);
            act(username, name, action);
        }
    };
    let question = move || {
        confirming.get().and_then(|(_, name, action)| {
            let key = confirmation_key(action)?;
            Some(view! {
                <div class="rg-warning" role="alert">
                    <p>{ui.tf(key, &[("name", &name)])}</p>
                    <div class="rg-actions">
                        <Button look=Look::Primary on_click=confirm>
                            {ui.tf(Key::AdminConfirmYes, &[("action", ui.t(action_keys(action).0))])}
                        </Button>
                        <Button on_click=cancel>{ui.t(Key::CommonCancel)}</Button>
                    </div>
                </div>
            })
        })
    };

    let tenant_name =
        move || overview.view.with(|v| v.as_ref().and_then(|v| v.tenants.first()).map(|t| t.name.clone()));
    let copy_label = move || ui.t(if copied.get() { Key::CommonCopied } else { Key::AdminTempCopy });
    let copy = move |_| {
        let Some((_, password)) = temporary.get_untracked() else { return };
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&password);
            copied.set(true);
        }
    };

    view! {
        <section class="rg-form rg-admin">
            <Heading key=Key::AdminHeading />
            {live_view(move || {
                tenant_name()
                    .map(|t| ui.tf(Key::AdminLead, &[("tenant", &t)]))
                    .map(|lead| view! { <p class="rg-identity">{lead}</p> })
            })}
            <LoadFailed error=overview.error retry=overview.retry />
            <When when=move || overview.needs_step_up.get()>
                <StepUpPanel lead=Key::StepupAdminLead back=Screen::Admin />
            </When>
            <StatusLine status=overview.status />
            <FormMessage message=action_error />
            <div class="rg-confirm" tabindex="-1" node_ref=confirm_node>
                {question}
            </div>
            <div class="rg-temporary" tabindex="-1" node_ref=temporary_node>
                {live_view(move || {
                    temporary
                        .get()
                        .map(|(name, password)| {
                            view! {
                                <div class="rg-warning" role="status">
                                    <h2>{ui.tf(Key::AdminTempHeading, &[("name", &name)])}</h2>
                                    <p>
                                        <code class="rg-temp-password" translate="no" dir="ltr">
                                            {password}
                                        </code>
                                    </p>
                                    <p>{ui.tf(Key::AdminTempNote, &[("name", &name)])}</p>
                                    <div class="rg-actions">
                                        <Button on_click=copy>{copy_label}</Button>
                                        <Button
                                            on_click=move |_| temporary.set(None)
                                            label=Key::AdminTempHide
                                        />
                                    </div>
                                </div>
                            }
                        })
                })}
            </div>
            {live_view(move || {
                overview
                    .view
                    .get()
                    .map(|v| {
                        view! {
                            <Users view=v.clone() act=request />
                            <SignIns view=v act=request />
                        }
                    })
            })}
            // Built once, from the first view that names the tenant: a later answer must not
            // undo unsaved edits.
            <When when=move || tenant_name().is_some()>
                <Policy overview />
            </When>
            <div class="rg-actions">
                <Button on_click=move |_| ui.open(Screen::Account) label=Key::AdminBack />
                <Button on_click=move |_| ui.sign_out() label=Key::CommonSignOut />
            </div>
        </section>
    }
}

/// The open detections of `user`, in words, each kind once, with the place of the
/// latest sign-in that raised it where the view has one.
fn open_detections(ui: Ui, view: &AdminView, user: &UserSummary) -> Vec<String> {
    let mut kinds = vec![];
    for d in user.detections.iter().filter(|d| d.state.is_open()) {
        if !kinds.contains(&d.kind) {
            kinds.push(d.kind);
        }
    }
    kinds
        .into_iter()
        .map(|kind| {
            let source = view
                .sign_ins
                .iter()
                .find(|r| r.username == user.username && r.detections.contains(&kind))
                .map(|r| &r.source);
            detection_text(ui, kind, source)
        })
        .collect()
}

fn status_texts(ui: Ui, user: &UserSummary, guest: bool) -> Vec<String> {
    let mut out = vec![];
    if user.disabled {
        out.push(ui.t(Key::AdminStatusDisabled).to_string());
    }
    if let Some(until) = user.locked_until_ms {
        out.push(ui.tf(Key::AdminStatusLocked, &[("time", &when(ui, until))]));
    }
    if user.temporary_password {
        out.push(ui.t(Key::AdminStatusTemporary).to_string());
    }
    if guest {
        out.push(ui.t(Key::AdminStatusGuest).to_string());
    }
    if out.is_empty() {
        out.push(ui.t(Key::AdminStatusActive).to_string());
    }
    out
}

#[component]
fn Users(
    view: AdminView,
    act: impl Fn(String, String, AdminAction, Option<web_sys::HtmlElement>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ui = use_ui();
    let tenant = view.tenants.first().map(|t| t.id.clone()).unwrap_or_default();
    let rows = move || {
        view.users
            .iter()
            .map(|u| {
                let guest = u.home_tenant != tenant;
                let detections = open_detections(ui, &view, u);
                let detections = if detections.is_empty() {
                    view! { {ui.t(Key::AdminNone)} }.into_any()
                } else {
                    let items = detections.into_iter().map(|d| view! { <li>{d}</li> }).collect_view();
                    view! { <ul class="rg-cell-list">{items}</ul> }.into_any()
                };
                let status = status_texts(ui, u, guest).join("; ");
                let methods = if u.methods.is_empty() {
                    ui.t(Key::AdminMethodsNone).to_string()
                } else {
                    u.methods.iter().map(|m| ui.t(method_key(*m))).collect::<Vec<_>>().join(", ")
                };
                let actions = if guest {
                    view! { {ui.t(Key::AdminGuestNote)} }.into_any()
                } else {
                    actions_for(u)
                        .into_iter()
                        .map(|action| {
                            let (key, named) = action_keys(action);
                            let label = ui.tf(named, &[("name", &u.display_name)]);
                            let (username, name) = (u.username.clone(), u.display_name.clone());
                            view! {
                                <Button
                                    attr:aria-label=label
                                    disabled=ui.pending
                                    on_click=move |ev: leptos::ev::MouseEvent| {
                                        let button = ev.current_target().and_then(|t| t.dyn_into().ok());
                                        act(username.clone(), name.clone(), action, button)
                                    }
                                >
                                    {ui.t(key)}
                                </Button>
                            }
                        })
                        .collect_view()
                        .into_any()
                };
                view! {
                    <tr>
                        <th scope="row">
                            {u.display_name.clone()} <br />
                            <span class="rg-identity">{u.username.clone()}</span>
                        </th>
                        <td>{ui.t(risk_key(u.user_risk))}</td>
                        <td>{detections}</td>
                        <td>{status}</td>
                        <td>{methods}</td>
                        <td>
                            <div class="rg-row-actions">{actions}</div>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <h2 id="rg-users-heading">{ui.text(Key::AdminUsers)}</h2>
        <div class="rg-table" role="region" aria-labelledby="rg-users-heading" tabindex="0">
            <table class="rg-users rg-data">
                <caption>{ui.text(Key::AdminUsersCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{ui.text(Key::ColUser)}</th>
                        <th scope="col">{ui.text(Key::ColRisk)}</th>
                        <th scope="col">{ui.text(Key::ColOpenDetections)}</th>
                        <th scope="col">{ui.text(Key::ColStatus)}</th>
                        <th scope="col">{ui.text(Key::ColMethods)}</th>
                        <th scope="col">{ui.text(Key::ColActions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The button that confirms sign-in `r` (at `row` of the table, counted from 1) was its
/// person's; none for a reset, which has no place of its own to trust. Its name gives
/// the row too, so two sign-ins alike to the second still have their own.
fn confirm_button(
    ui: Ui,
    r: &SignInRecord,
    row: usize,
    name: &str,
    act: impl Fn(String, String, AdminAction, Option<web_sys::HtmlElement>) + Copy + Send + Sync + 'static,
) -> AnyView {
    if r.outcome == SignInOutcome::PasswordReset {
        return ().into_any();
    }
    let action = AdminAction::ConfirmSignInSafe { sign_in: r.id };
    let (key, named) = action_keys(action);
    let (time, from) = (when(ui, r.at_ms), place(&r.source));
    let row = ui.locale.get().number(row as u64);
    let label = ui.tf(named, &[("time", &time), ("place", &from), ("row", &row), ("name", name)]);
    let (username, name) = (r.username.clone(), name.to_string());
    view! {
        <Button
            attr:aria-label=label
            disabled=ui.pending
            on_click=move |_| act(username.clone(), name.clone(), action, None)
        >
            {ui.t(key)}
        </Button>
    }
    .into_any()
}

/// Which logged sign-ins the admin's list shows, by where their risk stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StateFilter {
    All,
    NoRisk,
    State(RiskState),
}

impl StateFilter {
    fn keeps(self, r: &SignInRecord) -> bool {
        match self {
            StateFilter::All => true,
            StateFilter::NoRisk => r.risk_state.is_none(),
            StateFilter::State(s) => r.risk_state == Some(s),
        }
    }
}

const STATE_FILTERS: [(StateFilter, Key); 7] = [
    (StateFilter::All, Key::AdminFilterAll),
    (StateFilter::State(RiskState::AtRisk), Key::RiskstateAtRisk),
    (StateFilter::State(RiskState::Remediated), Key::RiskstateRemediated),
    (StateFilter::State(RiskState::Dismissed), Key::RiskstateDismissed),
    (StateFilter::State(RiskState::ConfirmedCompromised), Key::RiskstateConfirmedCompromised),
    (StateFilter::State(RiskState::ConfirmedSafe), Key::RiskstateConfirmedSafe),
    (StateFilter::NoRisk, Key::RiskstateNone),
];

/// The user filter: every person with a logged sign-in, by display name.
#[component]
fn UserFilter(people: Vec<(String, String)>, value: RwSignal<String>) -> impl IntoView {
    let ui = use_ui();
    let options = people
        .into_iter()
        .map(|(username, name)| {
            let current = username.clone();
            view! {
                <option value=username prop:selected=move || value.with(|v| *v == current)>
                    {name}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="rg-field">
            <label for="rg-log-user">{ui.text(Key::AdminFilterUser)}</label>
            <select
                id="rg-log-user"
                name="rg-log-user"
                on:change=handler(move |ev| value.set(event_target_value(&ev)))
            >
                <option value="" prop:selected=move || value.with(String::is_empty)>
                    {ui.text(Key::AdminFilterAll)}
                </option>
                {options}
            </select>
        </div>
    }
}

/// The log's people, each once, by display name where the tenant knows it.
fn people_in(view: &AdminView) -> Vec<(String, String)> {
    let mut people: Vec<(String, String)> = vec![];
    for r in &view.sign_ins {
        if !people.iter().any(|(u, _)| *u == r.username) {
            let user = view.users.iter().find(|u| u.username == r.username);
            let name = user.map(|u| u.display_name.clone()).unwrap_or_else(|| r.username.clone());
            people.push((r.username.clone(), name));
        }
    }
    people.sort_by(|a, b| a.1.cmp(&b.1));
    people
}

#[component]
fn SignIns(
    view: AdminView,
    act: impl Fn(String, String, AdminAction, Option<web_sys::HtmlElement>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ui = use_ui();
    let empty = view.sign_ins.is_empty();
    let tenant = view.tenants.first().map(|t| t.id.clone()).unwrap_or_default();
    let state = RwSignal::new(StateFilter::All);
    let person = RwSignal::new(String::new());
    let people = people_in(&view);
    let rows = move || {
        let (state, person) = (state.get(), person.get());
        view.sign_ins
            .iter()
            .enumerate()
            .filter(|(_, r)| state.keeps(r) && (person.is_empty() || r.username == person))
            .map(|(i, r)| sign_in_row(ui, &view, &tenant, i, r, act))
            .collect_view()
    };
    let spec = TableSpec {
        id: "rg-admin-sign-ins-heading",
        heading: Key::AccountSignIns,
        caption: Key::AdminSignInsCaption,
        class: "rg-admin-sign-ins",
        columns: &[
            Key::ColTime,
            Key::ColUser,
            Key::ColPlace,
            Key::ColDevice,
            Key::ColDetections,
            Key::ColLogRisk,
            Key::ColOutcome,
            Key::ColActions,
        ],
        none: Key::AccountSignInsNone,
    };
    view! {
        <div class="rg-filters">
            <Choice
                id="rg-log-state"
                label=Key::AdminFilterState
                options=STATE_FILTERS.to_vec()
                value=state
            />
            <UserFilter people value=person />
        </div>
        {data_table(spec, !empty, rows)}
    }
}

/// One logged sign-in (row `i` of the whole log, counted from 0).
fn sign_in_row(
    ui: Ui,
    view: &AdminView,
    tenant: &str,
    i: usize,
    r: &SignInRecord,
    act: impl Fn(String, String, AdminAction, Option<web_sys::HtmlElement>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let user = view.users.iter().find(|u| u.username == r.username);
    let name = user.map(|u| u.display_name.clone()).unwrap_or_else(|| r.username.clone());
    // Guests are their home organisation's to manage, as in the users table.
    let member = user.is_some_and(|u| u.home_tenant == tenant);
    let confirm = if member { confirm_button(ui, r, i + 1, &name, act) } else { ().into_any() };
    let detections = detections_cell(ui, r, Key::AdminNone);
    view! {
        <tr>
            <th scope="row">{when(ui, r.at_ms)}</th>
            <td>{name}</td>
            <td>{place(&r.source)}</td>
            <td>{r.source.device.clone()}</td>
            <td>{detections}</td>
            <td class="rg-risk">{risk_summary(ui, r)}</td>
            <td>{ui.t(outcome_key(r.outcome))}</td>
            <td>{confirm}</td>
        </tr>
    }
}

const ENFORCEMENT: [(Enforcement, Key); 3] = [
    (Enforcement::Off, Key::EnforcementOff),
    (Enforcement::ReportOnly, Key::EnforcementReportOnly),
    (Enforcement::On, Key::EnforcementOn),
];

const LEVELS: [(RiskLevel, Key); 3] =
    [(RiskLevel::Low, Key::RiskLow), (RiskLevel::Medium, Key::RiskMedium), (RiskLevel::High, Key::RiskHigh)];

/// One method a reset may take as proof, on or off.
#[component]
fn ResetMethod(form: PolicyForm, method: MethodKind) -> impl IntoView {
    let ui = use_ui();
    let id = reset_method_id(method);
    let toggle = move |on: bool| {
        form.reset_methods.update(|allowed| {
            let keep = |m: &MethodKind| if *m == method { on } else { allowed.contains(m) };
            *allowed = RESET_METHODS.into_iter().filter(keep).collect();
        })
    };
    view! {
        <div class="rg-check">
            <input
                type="checkbox"
                id=id
                prop:checked=move || form.reset_methods.with(|allowed| allowed.contains(&method))
                on:change=handler(move |ev| toggle(event_target_checked(&ev)))
            />
            <label for=id>{ui.text(method_key(method))}</label>
        </div>
    }
}

#[component]
fn Policy(overview: Loaded<AdminView>) -> impl IntoView {
    let ui = use_ui();
    let form = overview.view.with_untracked(|v| PolicyForm::new(v.as_ref()));
    let list_error = RwSignal::new(None::<Message>);
    let general = RwSignal::new(None::<Message>);
    let saved = RwSignal::new(false);
    let save = move || {
        list_error.set(None);
        general.set(None);
        saved.set(false);
        let (policy, banned) = form.read();
        ui.set_policy(policy, banned, move |r| match r {
            Ok(view) => {
                if let Some(t) = view.tenants.first() {
                    form.fill(t);
                }
                overview.view.try_set(Some(view));
                saved.try_set(true);
            }
            // What was typed stays: the form is filled only from a saved policy.
            Err(e) if asks_step_up(&e, overview.needs_step_up) => {}
            Err(e) => match error_text(&e) {
                (Some(Field::BannedList), key) => {
                    list_error.try_set(Some(key.into()));
                }
                (_, key) => {
                    general.try_set(Some(key.into()));
                }
            },
        });
    };
    let tenant = move || {
        overview
            .view
            .with(|v| v.as_ref().and_then(|v| v.tenants.first()).map(|t| t.name.clone()).unwrap_or_default())
    };
    view! {
        <form class="rg-policy" novalidate on:submit=on_submit(save)>
            <h2>{move || ui.tf(Key::PolicyHeading, &[("tenant", &tenant())])}</h2>
            <fieldset>
                <legend>{ui.text(Key::PolicySignIn)}</legend>
                <Choice
                    id="rg-sign-in-enforcement"
                    label=Key::PolicyEnforcement
                    options=ENFORCEMENT.to_vec()
                    value=form.sign_in_enforcement
                />
                <Choice
                    id="rg-sign-in-level"
                    label=Key::PolicyMinLevel
                    options=LEVELS.to_vec()
                    value=form.sign_in_level
                />
                <Choice
                    id="rg-sign-in-action"
                    label=Key::PolicyAction
                    options=vec![
                        (SignInAction::RequireMfa, Key::SigninActionRequireMfa),
                        (SignInAction::Block, Key::SigninActionBlock),
                    ]
                    value=form.sign_in_action
                />
                <Choice
                    id="rg-phishing-resistant"
                    label=Key::PolicyPhishingResistant
                    options=vec![(false, Key::PolicyResetNo), (true, Key::PolicyResetYes)]
                    value=form.phishing_resistant
                />
            </fieldset>
            <fieldset>
                <legend>{ui.text(Key::PolicyUser)}</legend>
                <Choice
                    id="rg-user-enforcement"
                    label=Key::PolicyEnforcement
                    options=ENFORCEMENT.to_vec()
                    value=form.user_enforcement
                />
                <Choice
                    id="rg-user-level"
                    label=Key::PolicyMinLevel
                    options=LEVELS.to_vec()
                    value=form.user_level
                />
                <Choice
                    id="rg-user-action"
                    label=Key::PolicyAction
                    options=vec![
                        (UserAction::RequireMfaAndPasswordChange, Key::UserActionRequireMfaAndPasswordChange),
                        (UserAction::RequireRiskRemediation, Key::UserActionRequireRiskRemediation),
                        (UserAction::Block, Key::UserActionBlock),
                    ]
                    value=form.user_action
                />
                <div class="rg-check">
                    <input
                        type="checkbox"
                        id="rg-block-unregistered"
                        prop:checked=move || form.block_unregistered.get()
                        on:change=handler(move |ev| form.block_unregistered.set(event_target_checked(&ev)))
                    />
                    <label for="rg-block-unregistered">{ui.text(Key::PolicyBlockUnregistered)}</label>
                </div>
            </fieldset>
            <fieldset>
                <legend>{ui.text(Key::PolicyRegistration)}</legend>
                <Choice
                    id="rg-registration-enforcement"
                    label=Key::PolicyEnforcement
                    options=ENFORCEMENT.to_vec()
                    value=form.registration
                />
            </fieldset>
            <fieldset>
                <legend>{ui.text(Key::PolicyReset)}</legend>
                <Choice
                    id="rg-reset-enabled"
                    label=Key::PolicyResetEnabled
                    options=vec![(true, Key::PolicyResetYes), (false, Key::PolicyResetNo)]
                    value=form.reset_enabled
                />
                <Choice
                    id="rg-reset-required"
                    label=Key::PolicyResetRequired
                    options=vec![(1u8, Key::PolicyResetOne), (2u8, Key::PolicyResetTwo)]
                    value=form.reset_required
                />
                <fieldset class="rg-reset-methods">
                    <legend>{ui.text(Key::PolicyResetMethods)}</legend>
                    {RESET_METHODS
                        .into_iter()
                        .map(|m| view! { <ResetMethod form method=m /> })
                        .collect_view()}
                </fieldset>
            </fieldset>
            <div class="rg-field">
                <label for="rg-banned">{ui.text(Key::PolicyBanned)}</label>
                <p id="rg-banned-hint" class="rg-identity">
                    {ui.text(Key::PolicyBannedHint)}
                </p>
                <textarea
                    id="rg-banned"
                    name="rg-banned"
                    rows="6"
                    spellcheck="false"
                    autocapitalize="off"
                    aria-describedby="rg-banned-hint rg-banned-message"
                    aria-invalid=move || if list_error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || form.banned.get()
                    on:input=handler(move |ev| form.banned.set(event_target_value(&ev)))
                />
                <p id="rg-banned-message" class="rg-error" aria-live="polite">
                    {ui.message(list_error)}
                </p>
            </div>
            <FormMessage message=general />
            <p class="rg-status" role="status">
                {move || saved.get().then(|| ui.t(Key::PolicySaved))}
            </p>
            <div class="rg-actions">
                <button type="submit" class="rg-primary" disabled=ui.pending>
                    {ui.text(Key::PolicySave)}
                </button>
            </div>
        </form>
    }
}
