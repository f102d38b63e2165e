//! For the scenario lab: script where a persona's next sign-in comes from, change a
//! tenant's policy directly, and read back what the engine decided and why.
use super::MockBackend;
use crate::api::SignInSource;
use crate::directory::{Account, Tenant};
use crate::engine::{Detection, Outcome, RiskLevel, Step, TenantPolicy};
use crate::store::Work;
use crate::BackendError;

/// One flow as the engine saw it: where the sign-in came from, what was detected, the
/// levels, every step chosen (each with the policy behind it) and what was recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub username: String,
    pub tenant: String,
    pub source: SignInSource,
    pub detections: Vec<Detection>,
    pub sign_in_risk: RiskLevel,
    pub user_risk: RiskLevel,
    pub steps: Vec<Step>,
    pub outcome: Outcome,
}

/// Notes the flow's current step, once, and that this flow moved last.
pub(super) fn record_step(w: &mut Work, flow_id: &str) -> Result<(), BackendError> {
    let Some(rec) = w.flow_mut(flow_id)? else { return Ok(()) };
    let step = rec.flow.step();
    if rec.steps.last() != Some(&step) {
        rec.steps.push(step);
    }
    w.moved_flow = Some(flow_id.to_string());
    Ok(())
}

impl MockBackend {
    /// The mock's own time, which the lab may have moved.
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms()
    }

    /// The flow that moved last and its step number, as a second tab would know them.
    pub fn latest_flow(&self) -> Option<(String, u32)> {
        let id = self.last_flow.borrow().clone()?;
        let seq = self.rows.borrow().flows.get(&id)?.seq;
        Some((id, seq))
    }

    /// The trace of the flow that moved last, if any.
    pub fn latest_trace(&self) -> Option<Trace> {
        let rows = self.rows.borrow();
        let rec = rows.flows.get(self.last_flow.borrow().as_deref()?)?;
        let account = rows.accounts().get(usize::try_from(rec.account).ok()?)?;
        Some(Trace {
            username: account.username.clone(),
            tenant: account.signs_in_to.clone(),
            source: rec.source.clone(),
            detections: rec.detections.clone(),
            sign_in_risk: rec.sign_in_risk,
            user_risk: rec.user_risk,
            steps: rec.steps.clone(),
            outcome: rec.flow.outcome(),
        })
    }

    /// Makes `username`'s next sign-in come from `source`, as the lab's context says.
    pub fn script_next_sign_in(&self, username: &str, source: SignInSource) -> Result<(), BackendError> {
        let mut found = false;
        self.edit_directory(|_, accounts| {
            if let Some(a) = accounts.iter_mut().find(|a| a.username.eq_ignore_ascii_case(username)) {
                a.next_source = Some(source);
                found = true;
            }
        });
        found.then_some(()).ok_or(BackendError::UnknownUser)
    }

    /// The tenant a persona signs in to, and its policy.
    pub fn policy_for(&self, username: &str) -> Option<(String, TenantPolicy)> {
        let rows = self.rows.borrow();
        let account = rows.accounts().iter().find(|a| a.username.eq_ignore_ascii_case(username))?;
        let tenant = rows.tenants().iter().find(|t| t.id == account.signs_in_to)?;
        Some((tenant.id.clone(), tenant.policy.clone()))
    }

    /// Changes the directory directly, then saves it: for the lab and for tests that
    /// need data no flow produces (hostile names, say).
    pub fn edit_directory(&self, edit: impl FnOnce(&mut Vec<Tenant>, &mut Vec<Account>)) {
        self.rows.borrow_mut().edit(edit);
        self.save();
    }

    /// Replaces a tenant's policy, without an admin session: the lab only.
    pub fn replace_policy(&self, tenant: &str, policy: TenantPolicy) -> Result<(), BackendError> {
        let mut found = false;
        self.edit_directory(|tenants, _| {
            if let Some(t) = tenants.iter_mut().find(|t| t.id == tenant) {
                t.policy = policy;
                found = true;
            }
        });
        found.then_some(()).ok_or(BackendError::UnknownUser)
    }
}
