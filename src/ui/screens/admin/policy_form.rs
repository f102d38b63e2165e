//! The tenant's policy as the admin's form holds it, and saving it.
use super::super::step_up::asks_step_up;
use crate::backend::api::{Field, TenantView};
use crate::backend::AdminView;
use crate::engine::password::BannedList;
use crate::engine::{Enforcement, MethodKind, RiskLevel, SignInAction, TenantPolicy, UserAction};
use crate::ui::errors::error_text;
use crate::ui::parts::load::Loaded;
use crate::ui::text::Message;
use crate::ui::Ui;
use leptos::prelude::*;

/// The policy as the form holds it, field by field; what the form does not show is kept
/// from the policy it was filled from.
#[derive(Clone, Copy)]
pub(super) struct PolicyForm {
    base: StoredValue<TenantPolicy>,
    pub sign_in_enforcement: RwSignal<Enforcement>,
    pub sign_in_level: RwSignal<RiskLevel>,
    pub sign_in_action: RwSignal<SignInAction>,
    pub phishing_resistant: RwSignal<bool>,
    pub user_enforcement: RwSignal<Enforcement>,
    pub user_level: RwSignal<RiskLevel>,
    pub user_action: RwSignal<UserAction>,
    pub block_unregistered: RwSignal<bool>,
    pub registration: RwSignal<Enforcement>,
    pub reset_enabled: RwSignal<bool>,
    pub reset_required: RwSignal<u8>,
    pub reset_methods: RwSignal<Vec<MethodKind>>,
    pub banned: RwSignal<String>,
    /// What is wrong with the banned list, as the backend said.
    pub banned_error: RwSignal<Option<Message>>,
    /// An error that belongs to no field.
    pub general: RwSignal<Option<Message>>,
    pub saved: RwSignal<bool>,
}

impl PolicyForm {
    /// The form, filled from the policy of the first tenant `view` names.
    pub fn new(view: Option<&AdminView>) -> Self {
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
            banned_error: RwSignal::new(None),
            general: RwSignal::new(None),
            saved: RwSignal::new(false),
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

    /// Sends the policy as the form holds it. The saved policy fills the form again; a
    /// refusal leaves what was typed.
    pub fn save(self, ui: Ui, overview: Loaded<AdminView>) {
        self.banned_error.set(None);
        self.general.set(None);
        self.saved.set(false);
        let (policy, banned) = self.read();
        ui.set_policy(policy, banned, move |r| match r {
            Ok(view) => {
                if let Some(t) = view.tenants.first() {
                    self.fill(t);
                }
                overview.view.try_set(Some(view));
                self.saved.try_set(true);
            }
            Err(e) if asks_step_up(&e, overview.needs_step_up) => {}
            Err(e) => match error_text(&e) {
                (Some(Field::BannedList), key) => {
                    self.banned_error.try_set(Some(key.into()));
                }
                (_, key) => {
                    self.general.try_set(Some(key.into()));
                }
            },
        });
    }
}
