//! Fault injection, set per operation from the page or from tests. Faults strike
//! before the mock does anything, so a failed call has changed nothing.
use super::MockBackend;
use crate::api::BackendError;
use crate::platform;
use crate::BackendFuture;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operation {
    SignIn,
    Send,
    Account,
    Admin,
    /// `start_reset`: "forgot my password" for a username.
    StartReset,
    /// `send_reset`: a step of a password reset.
    SendReset,
    /// `check_password`: live feedback on a new password.
    CheckPassword,
    /// `begin_passkey_sign_in` and `begin_passkey`: a challenge for the browser.
    PasskeyChallenge,
    /// `passkey_sign_in` and `confirm_passkey`: the browser's answer, checked.
    PasskeyAnswer,
    /// `step_up`: a signed-in person starts proving themselves again.
    StepUp,
}

impl Operation {
    pub const ALL: [Operation; 10] = [
        Self::SignIn,
        Self::Send,
        Self::Account,
        Self::Admin,
        Self::StartReset,
        Self::SendReset,
        Self::CheckPassword,
        Self::PasskeyChallenge,
        Self::PasskeyAnswer,
        Self::StepUp,
    ];
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    pub latency_ms: u32,
    /// Chance, in percent, that the call fails as if the service were down.
    pub failure_percent: u8,
    pub timeout: bool,
    pub malformed: bool,
}

impl MockBackend {
    pub fn set_fault(&self, op: Operation, fault: Fault) {
        self.faults.borrow_mut().insert(op, fault);
    }

    pub fn fault(&self, op: Operation) -> Fault {
        self.faults.borrow().get(&op).copied().unwrap_or_default()
    }

    pub fn clear_faults(&self) {
        self.faults.borrow_mut().clear();
    }

    /// A trait method's whole shape: the fault set for `op` strikes first, then `call`.
    pub(super) fn after_fault<'a, T: 'a>(
        &'a self,
        op: Operation,
        call: impl FnOnce(&Self) -> Result<T, BackendError> + 'a,
    ) -> BackendFuture<'a, T> {
        Box::pin(async move {
            self.inject(op).await?;
            call(self)
        })
    }

    /// Waits and fails as the fault set for `op` says.
    pub(super) async fn inject(&self, op: Operation) -> Result<(), BackendError> {
        let f = self.fault(op);
        if f.latency_ms > 0 {
            platform::sleep(f.latency_ms).await;
        }
        if f.timeout {
            return Err(BackendError::Timeout);
        }
        if f.malformed {
            return Err(BackendError::Malformed("the reply could not be decoded".into()));
        }
        let mut roll = [0u8; 1];
        self.entropy.fill(&mut roll);
        if (roll[0] % 100) < f.failure_percent {
            return Err(BackendError::Unavailable);
        }
        Ok(())
    }
}
