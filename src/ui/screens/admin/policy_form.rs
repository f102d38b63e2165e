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

/// A risk policy as the form holds it: whether it is on, from which level, and what
/// it then asks for.
#[derive(Clone, Copy)]
pub(super) struct RiskFields<A: Send + Sync + 'static> {
    pub enforcement: RwSignal<Enforcement>,
    pub level: RwSignal<RiskLevel>,
    pub action: RwSignal<A>,
}

impl<A: Copy + Send + Sync + 'static> RiskFields<A> {
    fn new(enforcement: Enforcement, level: RiskLevel, action: A) -> Self {
        RiskFields {
            enforcement: RwSignal::new(enforcement),
            level: RwSignal::new(level),
            action: RwSignal::new(action),
        }
    }

    fn fill(self, enforcement: Enforcement, level: RiskLevel, action: A) {
        self.enforcement.try_set(enforcement);
        // The engine reads a minimum of "none" as "low"; the menu says so.
        self.level.try_set(level.max(RiskLevel::Low));
        self.action.try_set(action);
    }

    fn read(self) -> (Enforcement, RiskLevel, A) {
        (self.enforcement.get_untracked(), self.level.get_untracked(), self.action.get_untracked())
    }
}

/// The policy as the form holds it, field by field; what the form does not show is kept
/// from the policy it was filled from.
#[derive(Clone, Copy)]
pub(super) struct PolicyForm {
    base: StoredValue<TenantPolicy>,
    pub sign_in: RiskFields<SignInAction>,
    pub phishing_resistant: RwSignal<bool>,
    pub user: RiskFields<UserAction>,
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
        let (s, u) = (&p.sign_in_risk, &p.user_risk);
        let form = PolicyForm {
            base: StoredValue::new(p.clone()),
            sign_in: RiskFields::new(s.enforcement, s.min_level, s.action),
            phishing_resistant: RwSignal::new(p.phishing_resistant_for_high_risk),
            user: RiskFields::new(u.enforcement, u.min_level, u.action),
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
        let (s, u) = (&p.sign_in_risk, &p.user_risk);
        self.sign_in.fill(s.enforcement, s.min_level, s.action);
        self.phishing_resistant.try_set(p.phishing_resistant_for_high_risk);
        self.user.fill(u.enforcement, u.min_level, u.action);
        self.block_unregistered.try_set(p.block_unregistered_at_risk);
        self.registration.try_set(p.registration.enforcement);
        self.reset_enabled.try_set(p.reset.enabled);
        self.reset_required.try_set(p.reset.required() as u8);
        self.reset_methods.try_set(p.reset.allowed.clone());
        self.banned.try_set(tenant.banned.custom.join("\n"));
    }

    fn read(self) -> (TenantPolicy, BannedList) {
        let mut p = self.base.get_value();
        let s = &mut p.sign_in_risk;
        (s.enforcement, s.min_level, s.action) = self.sign_in.read();
        p.phishing_resistant_for_high_risk = self.phishing_resistant.get_untracked();
        let u = &mut p.user_risk;
        (u.enforcement, u.min_level, u.action) = self.user.read();
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
