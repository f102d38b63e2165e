//! Account health: the signed-in person's methods, recent sign-ins, alerts and what
//! they still need to do. "This was me" / "this wasn't me" and removing a method are
//! sent to the backend, which answers with the account as it now stands.
use super::blocked::local_time;
use super::mfa::method_key;
use super::notice::detection_key;
use super::register::{AppKey, PhoneEntry};
use super::step_up::{asks_step_up, StepUpPanel};
use crate::backend::api::{Alert, RequiredAction, SignInOutcome, SignInRecord, SignInSource};
use crate::backend::api::{BackendError, Field, Problem};
use crate::backend::{AccountView, Enrollment};
use crate::engine::{DetectionKind, MethodKind, RiskDetail, RiskLevel, RiskState};
use crate::ui::errors::show_error;
use crate::ui::kit::{
    code_typed, data_table, live_view, on_submit, Button, FormMessage, Heading, LoadFailed, TableSpec,
    TextField, When,
};
use crate::ui::parts::load::{use_load, Loaded, StatusLine};
use crate::ui::passkey;
use crate::ui::text::{Arg, Key, Message};
// step_up.rs takes `focus` from here.
pub use crate::ui::parts::load::focus;
use crate::ui::{use_ui, Screen, Ui};
use leptos::prelude::*;

pub fn outcome_key(outcome: SignInOutcome) -> Key {
    match outcome {
        SignInOutcome::SignedIn => Key::OutcomeSignedIn,
        SignInOutcome::PasswordReset => Key::OutcomePasswordReset,
        SignInOutcome::Blocked => Key::OutcomeBlocked,
        SignInOutcome::Cancelled => Key::OutcomeCancelled,
        SignInOutcome::Failed => Key::OutcomeFailed,
        SignInOutcome::Interrupted => Key::OutcomeInterrupted,
    }
}

pub fn risk_key(level: RiskLevel) -> Key {
    match level {
        RiskLevel::None => Key::RiskNone,
        RiskLevel::Low => Key::RiskLow,
        RiskLevel::Medium => Key::RiskMedium,
        RiskLevel::High => Key::RiskHigh,
    }
}

fn risk_detail_key(detail: RiskDetail) -> Key {
    match detail {
        RiskDetail::UserPassedMfaDrivenByRiskPolicy => Key::RiskdetailUserPassedMfaDrivenByRiskPolicy,
        RiskDetail::UserPerformedSecuredPasswordChange => Key::RiskdetailUserPerformedSecuredPasswordChange,
        RiskDetail::UserPerformedSecuredPasswordReset => Key::RiskdetailUserPerformedSecuredPasswordReset,
        RiskDetail::UserReauthenticatedPasswordless => Key::RiskdetailUserReauthenticatedPasswordless,
        RiskDetail::AdminGeneratedTemporaryPassword => Key::RiskdetailAdminGeneratedTemporaryPassword,
        RiskDetail::AdminResetPassword => Key::RiskdetailAdminResetPassword,
        RiskDetail::AdminDismissedAllRisk => Key::RiskdetailAdminDismissedAllRisk,
        RiskDetail::AdminConfirmedCompromised => Key::RiskdetailAdminConfirmedCompromised,
        RiskDetail::AdminConfirmedSafe => Key::RiskdetailAdminConfirmedSafe,
        RiskDetail::UserReportedSuspicious => Key::RiskdetailUserReportedSuspicious,
        RiskDetail::SignInBlocked => Key::RiskdetailSignInBlocked,
    }
}

pub fn risk_state_key(state: RiskState) -> Key {
    match state {
        RiskState::AtRisk => Key::RiskstateAtRisk,
        RiskState::Remediated => Key::RiskstateRemediated,
        RiskState::Dismissed => Key::RiskstateDismissed,
        RiskState::ConfirmedCompromised => Key::RiskstateConfirmedCompromised,
        RiskState::ConfirmedSafe => Key::RiskstateConfirmedSafe,
    }
}

/// How a logged sign-in's risk changed, in the neutral words of a log (the person's
/// alerts speak to them instead).
fn log_detail_key(detail: RiskDetail) -> Key {
    match detail {
        RiskDetail::UserPassedMfaDrivenByRiskPolicy => Key::LogdetailUserPassedMfaDrivenByRiskPolicy,
        RiskDetail::UserPerformedSecuredPasswordChange => Key::LogdetailUserPerformedSecuredPasswordChange,
        RiskDetail::UserPerformedSecuredPasswordReset => Key::LogdetailUserPerformedSecuredPasswordReset,
        RiskDetail::UserReauthenticatedPasswordless => Key::LogdetailUserReauthenticatedPasswordless,
        RiskDetail::AdminGeneratedTemporaryPassword => Key::LogdetailAdminGeneratedTemporaryPassword,
        RiskDetail::AdminResetPassword => Key::LogdetailAdminResetPassword,
        RiskDetail::AdminDismissedAllRisk => Key::LogdetailAdminDismissedAllRisk,
        RiskDetail::AdminConfirmedCompromised => Key::LogdetailAdminConfirmedCompromised,
        RiskDetail::AdminConfirmedSafe => Key::LogdetailAdminConfirmedSafe,
        RiskDetail::UserReportedSuspicious => Key::LogdetailUserReportedSuspicious,
        RiskDetail::SignInBlocked => Key::LogdetailSignInBlocked,
    }
}

/// A logged sign-in's detections as a list, or `none` (a text key) if it had none.
pub fn detections_cell(ui: Ui, r: &SignInRecord, none: Key) -> AnyView {
    if r.detections.is_empty() {
        return view! { {ui.t(none)} }.into_any();
    }
    let items = r
        .detections
        .iter()
        .map(|d| view! { <li>{detection_text(ui, *d, Some(&r.source))}</li> })
        .collect_view();
    view! { <ul class="rg-cell-list">{items}</ul> }.into_any()
}

/// The risk a logged sign-in met and what became of it, e.g. "Medium · Remediated
/// (passed multifactor authentication)"; "No risk" if it met none.
pub fn risk_summary(ui: Ui, r: &SignInRecord) -> String {
    let Some(state) = r.risk_state else { return ui.t(Key::RiskstateNone).to_string() };
    let level = ui.t(risk_key(r.level.max(r.user_level)));
    let state = ui.t(risk_state_key(state));
    match r.risk_detail {
        Some(d) => ui.tf(
            Key::LogRiskDetail,
            &[("level", level), ("state", state), ("detail", ui.t(log_detail_key(d)))],
        ),
        None => ui.tf(Key::LogRisk, &[("level", level), ("state", state)]),
    }
}

/// "Lisbon, PT": place names are data, shown as the backend gives them.
pub fn place(source: &SignInSource) -> String {
    format!("{}, {}", source.location.city, source.location.country)
}

/// A detection in words, with the sign-in's place, device and app where it has any.
pub fn detection_text(ui: Ui, kind: DetectionKind, source: Option<&SignInSource>) -> String {
    let unknown = ui.t(Key::CommonUnknown);
    let (location, device, app) = match source {
        Some(s) => (place(s), s.device.clone(), s.app.clone()),
        None => (unknown.to_string(), unknown.to_string(), unknown.to_string()),
    };
    ui.tf(detection_key(kind), &[("location", &location), ("device", &device), ("app", &app)])
}

/// A time in the person's locale.
pub fn when(ui: Ui, ms: u64) -> String {
    local_time(ms, ui.locale.get().tag())
}

/// The method's name, and for a phone the partly hidden number.
fn method_name(ui: Ui, method: MethodKind, phone: &Option<String>) -> String {
    match phone {
        Some(phone) if method.is_phone() => {
            ui.tf(Key::AccountMethodPhone, &[("method", ui.t(method_key(method))), ("phone", phone)])
        }
        _ => ui.t(method_key(method)).to_string(),
    }
}

/// The signed-in person's account, loaded when the screen mounts.
#[component]
pub fn Account() -> impl IntoView {
    let ui = use_ui();
    let account = use_load(|ui, done| ui.account(done));
    // Each table's own error; here, so that they outlive the tables each answer redraws.
    let methods_error = RwSignal::new(None::<Message>);
    let sign_ins_error = RwSignal::new(None::<Message>);

    let report = move |id: u64, was_me: bool| {
        account.begin(sign_ins_error);
        ui.report_sign_in(id, was_me, move |r| match r {
            Ok(view) => {
                let thanks = if was_me { Key::AccountThanksMe } else { Key::AccountThanksNotMe };
                account.show(view, thanks.into());
            }
            Err(e) => account.failed(&e, sign_ins_error),
        });
    };
    let remove = move |method: MethodKind| {
        account.begin(methods_error);
        ui.remove_method(method, move |r| match r {
            Ok(view) => {
                account.show(
                    view,
                    Message::from(Key::AccountRemoved).with("method", Arg::Text(method_key(method))),
                );
            }
            Err(e) => account.failed(&e, methods_error),
        });
    };

    let is_admin = move || account.view.with(|a| a.as_ref().is_some_and(|a| a.is_admin));

    view! {
        <section class="rg-form rg-account">
            <Heading key=Key::AccountHeading />
            {live_view(move || {
                account
                    .view
                    .with(|a| {
                        a.as_ref()
                            .map(|a| {
                                ui.tf(
                                    Key::AccountLead,
                                    &[
                                        ("name", &a.display_name),
                                        ("username", &a.username),
                                        ("tenant", &a.tenant_name),
                                    ],
                                )
                            })
                    })
                    .map(|lead| view! { <p class="rg-identity">{lead}</p> })
            })}
            <LoadFailed error=account.error retry=account.retry />
            <StatusLine status=account.status />
            {live_view(move || {
                account
                    .view
                    .get()
                    .map(|a| {
                        view! {
                            <Required account=a.clone() />
                            <Alerts account=a.clone() />
                            <SignIns account=a.clone() report error=sign_ins_error />
                            <Methods account=a remove error=methods_error />
                        }
                    })
            })}
            <When when=move || account.needs_step_up.get()>
                <StepUpPanel lead=Key::StepupAccountLead back=Screen::Account />
            </When>
            <When when=move || account.view.with(Option::is_some)>
                <AddMethod account />
            </When>
            <div class="rg-actions">
                <When when=is_admin>
                    <Button on_click=move |_| ui.open(Screen::Admin) label=Key::SignedinAdmin />
                </When>
                <Button on_click=move |_| ui.sign_out() label=Key::CommonSignOut />
            </div>
        </section>
    }
}

fn find(account: &AccountView, id: u64) -> Option<&SignInRecord> {
    account.recent.iter().find(|r| r.id == id)
}

/// The time and place of sign-in `id`, for sentences about it.
fn time_and_place(ui: Ui, account: &AccountView, id: u64) -> (String, String) {
    find(account, id)
        .map(|r| (when(ui, r.at_ms), place(&r.source)))
        .unwrap_or_else(|| (ui.t(Key::CommonUnknown).to_string(), ui.t(Key::CommonUnknown).to_string()))
}

#[component]
fn Required(account: AccountView) -> impl IntoView {
    let ui = use_ui();
    let any = !account.required.is_empty();
    let items = move || {
        account
            .required
            .iter()
            .map(|r| match r {
                RequiredAction::RegisterMfa { days_left: 0 } => {
                    ui.t(Key::AccountRequiredRegisterMfaNow).to_string()
                }
                RequiredAction::RegisterMfa { days_left } => ui.tf(
                    Key::AccountRequiredRegisterMfa,
                    &[("days", &ui.locale.get().number(*days_left as u64))],
                ),
                RequiredAction::ChangePassword => ui.t(Key::AccountRequiredChangePassword).to_string(),
                RequiredAction::ReviewSignIn { sign_in } => {
                    let (time, place) = time_and_place(ui, &account, *sign_in);
                    ui.tf(Key::AccountRequiredReviewSignIn, &[("time", &time), ("place", &place)])
                }
            })
            .map(|text| view! { <li>{text}</li> })
            .collect_view()
    };
    any.then(|| {
        view! {
            <h2>{ui.text(Key::AccountRequired)}</h2>
            <ul class="rg-required">{items}</ul>
        }
    })
}

#[component]
fn Alerts(account: AccountView) -> impl IntoView {
    let ui = use_ui();
    let empty = account.alerts.is_empty();
    let items = move || {
        account
            .alerts
            .iter()
            .map(|alert| match alert {
                Alert::UnusualSignIn { sign_in } => {
                    let (time, place) = time_and_place(ui, &account, *sign_in);
                    let text = ui.tf(Key::AccountAlertUnusualSignIn, &[("time", &time), ("place", &place)]);
                    view! { <li class="rg-alert">{text}</li> }.into_any()
                }
                Alert::PasswordChanged { at_ms } => {
                    let text = ui.tf(Key::AccountAlertPasswordChanged, &[("time", &when(ui, *at_ms))]);
                    view! { <li class="rg-alert">{text}</li> }.into_any()
                }
                Alert::RiskCleared { at_ms, detail } => {
                    let text = ui.tf(Key::AccountAlertRiskCleared, &[("time", &when(ui, *at_ms))]);
                    let how = ui.t(risk_detail_key(*detail));
                    view! { <li class="rg-alert">{text}" "{how}</li> }.into_any()
                }
                Alert::AccountAtRisk { level } => {
                    let text = ui.tf(Key::AccountAlertAccountAtRisk, &[("level", ui.t(risk_key(*level)))]);
                    view! { <li class="rg-alert rg-warning rg-at-risk">{text}</li> }.into_any()
                }
            })
            .collect_view()
    };
    view! {
        <h2>{ui.text(Key::AccountAlerts)}</h2>
        {live_view(move || {
            if empty {
                view! { <p>{ui.t(Key::AccountAlertsNone)}</p> }.into_any()
            } else {
                view! { <ul class="rg-alerts">{items.clone()}</ul> }.into_any()
            }
        })}
    }
}

#[component]
fn SignIns(
    account: AccountView,
    report: impl Fn(u64, bool) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<Message>>,
) -> impl IntoView {
    let ui = use_ui();
    let empty = account.recent.is_empty();
    let rows = move || {
        account
            .recent
            .iter()
            .map(|r| {
                let time = when(ui, r.at_ms);
                let place = place(&r.source);
                let unusual = detections_cell(ui, r, Key::AccountNothingUnusual);
                let answer = match (r.detections.is_empty(), r.confirmed_by_user) {
                    (true, _) => ().into_any(),
                    (false, Some(true)) => view! { {ui.t(Key::AccountAnsweredMe)} }.into_any(),
                    (false, Some(false)) => view! { {ui.t(Key::AccountAnsweredNotMe)} }.into_any(),
                    (false, None) => {
                        let id = r.id;
                        let args = [("time", time.as_str()), ("place", place.as_str())];
                        let me_label = ui.tf(Key::AccountWasMeNamed, &args);
                        let not_me_label = ui.tf(Key::AccountNotMeNamed, &args);
                        view! {
                            <div class="rg-answer">
                                <Button
                                    attr:aria-label=me_label
                                    disabled=ui.pending
                                    on_click=move |_| report(id, true)
                                >
                                    {ui.t(Key::AccountWasMe)}
                                </Button>
                                <Button
                                    attr:aria-label=not_me_label
                                    disabled=ui.pending
                                    on_click=move |_| report(id, false)
                                >
                                    {ui.t(Key::AccountNotMe)}
                                </Button>
                            </div>
                        }
                        .into_any()
                    }
                };
                view! {
                    <tr>
                        <th scope="row">{time.clone()}</th>
                        <td>{place.clone()}</td>
                        <td>{r.source.device.clone()}</td>
                        <td>{r.source.app.clone()}</td>
                        <td>{unusual}</td>
                        <td class="rg-risk">{risk_summary(ui, r)}</td>
                        <td>{ui.t(outcome_key(r.outcome))}</td>
                        <td>{answer}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let spec = TableSpec {
        id: "rg-sign-ins-heading",
        heading: Key::AccountSignIns,
        caption: Key::AccountSignInsCaption,
        class: "rg-sign-ins",
        columns: &[
            Key::ColTime,
            Key::ColPlace,
            Key::ColDevice,
            Key::ColApp,
            Key::ColUnusual,
            Key::ColLogRisk,
            Key::ColOutcome,
            Key::ColAnswer,
        ],
        none: Key::AccountSignInsNone,
    };
    view! {
        {data_table(spec, !empty, rows)}
        <FormMessage message=error />
    }
}

#[component]
fn Methods(
    account: AccountView,
    remove: impl Fn(MethodKind) + Copy + Send + Sync + 'static,
    error: RwSignal<Option<Message>>,
) -> impl IntoView {
    let ui = use_ui();
    let empty = account.methods.is_empty();
    let rows = move || {
        account
            .methods
            .iter()
            .map(|m| {
                let m = *m;
                let name = method_name(ui, m, &account.phone_hint);
                let label = ui.tf(Key::AccountRemoveNamed, &[("method", &name)]);
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td>
                            <Button attr:aria-label=label disabled=ui.pending on_click=move |_| remove(m)>
                                {ui.t(Key::AccountRemove)}
                            </Button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <h2>{ui.text(Key::AccountMethods)}</h2>
        {live_view(move || {
            if empty {
                view! { <p>{ui.t(Key::AccountMethodsNone)}</p> }.into_any()
            } else {
                let rows = rows.clone();
                view! {
                    <table class="rg-methods-table rg-data">
                        <caption>{ui.t(Key::AccountMethodsCaption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ui.t(Key::ColMethod)}</th>
                                <th scope="col">{ui.t(Key::ColActions)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                    .into_any()
            }
        })}
        <FormMessage message=error />
    }
}

/// Adding a method: an authenticator app (QR code and key) or a phone, proven by a code.
#[component]
fn AddMethod(account: Loaded<AccountView>) -> impl IntoView {
    let ui = use_ui();
    let needs_step_up = account.needs_step_up;
    let enrollment = RwSignal::new(None::<Enrollment>);
    let adding_phone = RwSignal::new(false);
    let added = RwSignal::new(false);
    let phone = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let phone_error = RwSignal::new(None::<Message>);
    let code_error = RwSignal::new(None::<Message>);
    // An error that belongs to no field shown (the service down, adding an app refused).
    let general = RwSignal::new(None::<Message>);
    let passkey_error = RwSignal::new(None::<Message>);
    let add_passkey = move |_| {
        added.set(false);
        passkey_error.set(None);
        if !passkey::available() {
            passkey_error.set(Some(passkey::Failure::Unavailable.key().into()));
            return;
        }
        ui.begin_passkey(move |r| match r {
            Ok(options) => leptos::task::spawn_local(async move {
                match passkey::create(&options).await {
                    Ok(created) => {
                        ui.confirm_passkey(created, move |r| match r {
                            Ok(view) => {
                                account.view.try_set(Some(view));
                                added.try_set(true);
                            }
                            Err(e) => account.failed(&e, passkey_error),
                        });
                    }
                    Err(f) => {
                        passkey_error.try_set(Some(f.key().into()));
                    }
                }
            }),
            Err(e) => account.failed(&e, passkey_error),
        });
    };
    let begin = move |method: MethodKind| {
        phone_error.set(None);
        general.set(None);
        added.set(false);
        let number = method.is_phone().then(|| phone.get_untracked());
        ui.begin_method(method, number, move |r| match r {
            Ok(e) => {
                enrollment.try_set(Some(e));
            }
            Err(e) if asks_step_up(&e, needs_step_up) => {}
            Err(e) => show_error(e, Field::Phone, phone_error, general),
        });
    };
    let confirm = move || {
        if !code_typed(code, code_error) {
            return;
        }
        general.set(None);
        ui.confirm_method(code.get_untracked(), move |r| match r {
            Ok(view) => {
                account.view.try_set(Some(view));
                enrollment.try_set(None);
                adding_phone.try_set(false);
                code.try_set(String::new());
                added.try_set(true);
            }
            Err(e) if asks_step_up(&e, needs_step_up) => {}
            Err(e) => {
                // The backend dropped the method being added: back to choosing one.
                if matches!(e, BackendError::InvalidInput { problem: Problem::TooManyAttempts, .. }) {
                    enrollment.try_set(None);
                    code.try_set(String::new());
                }
                show_error(e, Field::Code, code_error, general)
            }
        });
    };
    let setup = move || {
        enrollment.get().map(|e| {
            let shown = if e.method == MethodKind::AuthenticatorApp {
                view! { <AppKey enrollment=e /> }.into_any()
            } else {
                let hint = e.phone_hint.unwrap_or_default();
                view! { <p>{ui.tf(Key::MfaSent, &[("phone", &hint)])}</p> }.into_any()
            };
            view! {
                {shown}
                <form novalidate on:submit=on_submit(confirm)>
                    <TextField
                        id="rg-add-code"
                        label=Key::MfaCode
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        value=code
                        error=code_error
                    />
                    <div class="rg-actions">
                        <button type="submit" class="rg-primary" disabled=ui.pending>
                            {ui.t(Key::CommonVerify)}
                        </button>
                    </div>
                </form>
            }
        })
    };
    view! {
        <h2>{ui.text(Key::AccountAdd)}</h2>
        <p role="status">{move || added.get().then(|| ui.t(Key::AccountAdded))}</p>
        <When when=move || enrollment.with(Option::is_none)>
            <div class="rg-actions rg-add">
                <Button on_click=move |_| begin(MethodKind::AuthenticatorApp) label=Key::AccountAddApp />
                <Button on_click=move |_| adding_phone.set(true) label=Key::AccountAddPhone />
                <Button
                    class="rg-add-passkey"
                    disabled=ui.pending
                    on_click=add_passkey
                    label=Key::AccountAddPasskey
                />
            </div>
            <FormMessage message=passkey_error />
            <When when=move || adding_phone.get()>
                <PhoneEntry id="rg-add-phone" phone error=phone_error send=Callback::new(begin) />
            </When>
        </When>
        {setup}
        <FormMessage message=general />
    }
}
