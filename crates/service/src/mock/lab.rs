//! For the scenario lab: script where a persona's next sign-in comes from, change a
//! tenant's policy directly, and read back what the engine decided and why.
use super::{MockBackend, State};
use crate::api::SignInSource;
use crate::directory::{Account, Tenant};
use crate::engine::{Detection, Outcome, RiskLevel, Step, TenantPolicy};
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
pub(super) fn record_step(st: &mut State, flow_id: &str) {
    let Some(rec) = st.flows.get_mut(flow_id) else { return };
    let step = rec.flow.step();
    if rec.steps.last() != Some(&step) {
        rec.steps.push(step);
    }
    st.last_flow = Some(flow_id.to_string());
}

impl MockBackend {
    /// The mock's own time, which the lab may have moved.
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms()
    }

    /// The flow that moved last and its step number, as a second tab would know them.
    pub fn latest_flow(&self) -> Option<(String, u32)> {
        let st = self.state.borrow();
        let id = st.last_flow.clone()?;
        let seq = st.flows.get(&id)?.seq;
        Some((id, seq))
    }

    /// The trace of the flow that moved last, if any.
    pub fn latest_trace(&self) -> Option<Trace> {
        let st = self.state.borrow();
        let rec = st.flows.get(st.last_flow.as_deref()?)?;
        let account = &st.saved.accounts[rec.account];
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
        let mut st = self.state.borrow_mut();
        let account = st
            .saved
            .accounts
            .iter_mut()
            .find(|a| a.username.eq_ignore_ascii_case(username))
            .ok_or(BackendError::UnknownUser)?;
        account.next_source = Some(source);
        drop(st);
        self.save();
        Ok(())
    }

    /// The tenant a persona signs in to, and its policy.
    pub fn policy_for(&self, username: &str) -> Option<(String, TenantPolicy)> {
        let st = self.state.borrow();
        let account = st.saved.accounts.iter().find(|a| a.username.eq_ignore_ascii_case(username))?;
        let tenant = st.saved.tenants.iter().find(|t| t.id == account.signs_in_to)?;
        Some((tenant.id.clone(), tenant.policy.clone()))
    }

    /// Changes the directory directly, then saves it: for the lab and for tests that
    /// need data no flow produces (hostile names, say).
    pub fn edit_directory(&self, edit: impl FnOnce(&mut Vec<Tenant>, &mut Vec<Account>)) {
        let mut st = self.state.borrow_mut();
        let saved = &mut st.saved;
        edit(&mut saved.tenants, &mut saved.accounts);
        drop(st);
        self.save();
    }

    /// Replaces a tenant's policy, without an admin session: the lab only.
    pub fn replace_policy(&self, tenant: &str, policy: TenantPolicy) -> Result<(), BackendError> {
        let mut st = self.state.borrow_mut();
        let t = st.saved.tenants.iter_mut().find(|t| t.id == tenant).ok_or(BackendError::UnknownUser)?;
        t.policy = policy;
        drop(st);
        self.save();
        Ok(())
    }
}
