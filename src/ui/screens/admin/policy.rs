//! The tenant's policy, as a form: sign-in risk, user risk, registration, self-service
//! reset and the banned passwords.
use super::policy_form::{PolicyForm, RiskFields};
use crate::backend::AdminView;
use crate::engine::{Enforcement, MethodKind, RiskLevel, SignInAction, UserAction};
use crate::ui::kit::{on_submit, Checkbox, Choice, FormMessage, Submit, TextArea};
use crate::ui::parts::code_challenge::method_key;
use crate::ui::parts::load::Loaded;
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

const ENFORCEMENT: [(Enforcement, Key); 3] = [
    (Enforcement::Off, Key::EnforcementOff),
    (Enforcement::ReportOnly, Key::EnforcementReportOnly),
    (Enforcement::On, Key::EnforcementOn),
];

const LEVELS: [(RiskLevel, Key); 3] =
    [(RiskLevel::Low, Key::RiskLow), (RiskLevel::Medium, Key::RiskMedium), (RiskLevel::High, Key::RiskHigh)];

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

/// The policy of the first tenant `overview` names, filled once when this is built: a
/// later answer must not undo unsaved edits.
#[component]
pub(super) fn Policy(overview: Loaded<AdminView>) -> impl IntoView {
    let ui = use_ui();
    let form = overview.view.with_untracked(|v| PolicyForm::new(v.as_ref()));
    let tenant = move || {
        overview
            .view
            .with(|v| v.as_ref().and_then(|v| v.tenants.first()).map(|t| t.name.clone()).unwrap_or_default())
    };
    view! {
        <form class="rg-policy" novalidate on:submit=on_submit(move || form.save(ui, overview))>
            <h2>{move || ui.tf(Key::PolicyHeading, &[("tenant", &tenant())])}</h2>
            <RiskPolicies form />
            <fieldset>
                <legend>{ui.text(Key::PolicyRegistration)}</legend>
                <Choice
                    id="rg-registration-enforcement"
                    label=Key::PolicyEnforcement
                    options=ENFORCEMENT.to_vec()
                    value=form.registration
                />
            </fieldset>
            <Reset form />
            <TextArea
                id="rg-banned"
                label=Key::PolicyBanned
                hint=Key::PolicyBannedHint
                rows="6"
                value=form.banned
                error=form.banned_error
            />
            <FormMessage message=form.general />
            <p class="rg-status" role="status">
                {move || form.saved.get().then(|| ui.t(Key::PolicySaved))}
            </p>
            <div class="rg-actions">
                <Submit label=Key::PolicySave />
            </div>
        </form>
    }
}

/// The sign-in risk and user risk policies, each with the one setting only it has.
#[component]
fn RiskPolicies(form: PolicyForm) -> impl IntoView {
    view! {
        <RiskPolicy names=SIGN_IN_POLICY risk=form.sign_in>
            <Choice
                id="rg-phishing-resistant"
                label=Key::PolicyPhishingResistant
                options=vec![(false, Key::PolicyResetNo), (true, Key::PolicyResetYes)]
                value=form.phishing_resistant
            />
        </RiskPolicy>
        <RiskPolicy names=USER_POLICY risk=form.user>
            <Checkbox
                id="rg-block-unregistered"
                label=Key::PolicyBlockUnregistered
                checked=form.block_unregistered
                on_toggle=move |on| form.block_unregistered.set(on)
            />
        </RiskPolicy>
    }
}

/// What a risk policy's fieldset is called, the ids of its three menus and the actions
/// it may ask for.
struct PolicyNames<A: 'static> {
    legend: Key,
    ids: [&'static str; 3],
    actions: &'static [(A, Key)],
}

const SIGN_IN_POLICY: PolicyNames<SignInAction> = PolicyNames {
    legend: Key::PolicySignIn,
    ids: ["rg-sign-in-enforcement", "rg-sign-in-level", "rg-sign-in-action"],
    actions: &SIGN_IN_ACTIONS,
};

const USER_POLICY: PolicyNames<UserAction> = PolicyNames {
    legend: Key::PolicyUser,
    ids: ["rg-user-enforcement", "rg-user-level", "rg-user-action"],
    actions: &USER_ACTIONS,
};

const SIGN_IN_ACTIONS: [(SignInAction, Key); 2] =
    [(SignInAction::RequireMfa, Key::SigninActionRequireMfa), (SignInAction::Block, Key::SigninActionBlock)];

const USER_ACTIONS: [(UserAction, Key); 3] = [
    (UserAction::RequireMfaAndPasswordChange, Key::UserActionRequireMfaAndPasswordChange),
    (UserAction::RequireRiskRemediation, Key::UserActionRequireRiskRemediation),
    (UserAction::Block, Key::UserActionBlock),
];

/// A risk policy's fieldset: whether it is on, from which level and what it asks for;
/// the children add what only this policy has.
#[component]
fn RiskPolicy<A>(names: PolicyNames<A>, risk: RiskFields<A>, children: Children) -> impl IntoView
where
    A: Copy + PartialEq + Send + Sync + 'static,
{
    let ui = use_ui();
    let PolicyNames { legend, ids, actions } = names;
    view! {
        <fieldset>
            <legend>{ui.text(legend)}</legend>
            <Choice
                id=ids[0]
                label=Key::PolicyEnforcement
                options=ENFORCEMENT.to_vec()
                value=risk.enforcement
            />
            <Choice id=ids[1] label=Key::PolicyMinLevel options=LEVELS.to_vec() value=risk.level />
            <Choice id=ids[2] label=Key::PolicyAction options=actions.to_vec() value=risk.action />
            {children()}
        </fieldset>
    }
}

/// Self-service password reset: whether it is on, and what proof it takes.
#[component]
fn Reset(form: PolicyForm) -> impl IntoView {
    let ui = use_ui();
    view! {
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
                {RESET_METHODS.into_iter().map(|m| view! { <ResetMethod form method=m /> }).collect_view()}
            </fieldset>
        </fieldset>
    }
}

/// One method a reset may take as proof, on or off.
#[component]
fn ResetMethod(form: PolicyForm, method: MethodKind) -> impl IntoView {
    let toggle = move |on: bool| {
        form.reset_methods.update(|allowed| {
            let keep = |m: &MethodKind| if *m == method { on } else { allowed.contains(m) };
            *allowed = RESET_METHODS.into_iter().filter(keep).collect();
        })
    };
    view! {
        <Checkbox
            id=reset_method_id(method)
            label=method_key(method)
            checked=move || form.reset_methods.with(|allowed| allowed.contains(&method))
            on_toggle=toggle
        />
    }
}
