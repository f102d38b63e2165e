//! The rows that cross `Rows`: owned and serialisable, so a SQL store can keep its key
//! columns beside a body. Fields are the authority's; a store reads them only through
//! the accessors.
use super::AccountId;
use crate::api::{Enrollment, SignInSource, Unusual};
use crate::engine::reset::ResetFlow;
use crate::engine::{password, Detection, Flow, MethodKind, RiskLevel, Step, TenantPolicy};
use crate::webauthn::PasskeyOptions;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingCode {
    pub(crate) code: String,
    pub(crate) method: MethodKind,
    pub(crate) expires_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingEnrollment {
    pub(crate) method: MethodKind,
    pub(crate) secret: Vec<u8>,
    pub(crate) phone: Option<String>,
    /// Wrong codes typed for this method so far.
    pub(crate) wrong_codes: u32,
}

/// A method being added from account health, with any code sent for it.
pub type Adding = (PendingEnrollment, Option<PendingCode>);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Challenge {
    pub(crate) bytes: Vec<u8>,
    pub(crate) expires_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowRecord {
    pub(crate) flow: Flow,
    pub(crate) account: AccountId,
    pub(crate) seq: u32,
    pub(crate) started_ms: u64,
    pub(crate) touched_ms: u64,
    /// The policies the flow was decided under; changed ones end it.
    pub(crate) policy: TenantPolicy,
    pub(crate) home_policy: Option<TenantPolicy>,
    /// For a step-up: the key (`session_key`) of the session the fresh one replaces.
    pub(crate) replaces: Option<String>,
    pub(crate) codes_sent: u32,
    pub(crate) source: SignInSource,
    pub(crate) detections: Vec<Detection>,
    pub(crate) unusual: Vec<Unusual>,
    pub(crate) code: Option<PendingCode>,
    pub(crate) code_sent_to: Option<String>,
    pub(crate) enrollment: Option<PendingEnrollment>,
    pub(crate) enrollment_view: Option<Enrollment>,
    pub(crate) verdict: Option<password::Verdict>,
    pub(crate) correlation_id: String,
    /// The session this flow just handed out, for the reply of the same unit only:
    /// never written to a store, which keeps sessions by digest.
    #[serde(skip)]
    pub(crate) session: Option<String>,
    /// The passkey challenge handed out in this flow, until it is answered.
    pub(crate) passkey: Option<Challenge>,
    /// What the browser needs for it; only in the reply that hands it out.
    pub(crate) passkey_view: Option<PasskeyOptions>,
    /// For the scenario lab: the levels the engine saw and every step it chose.
    pub(crate) sign_in_risk: RiskLevel,
    pub(crate) user_risk: RiskLevel,
    pub(crate) steps: Vec<Step>,
}

impl FlowRecord {
    pub fn account(&self) -> AccountId {
        self.account
    }
    /// The step number, which a write compares and swaps.
    pub fn seq(&self) -> u32 {
        self.seq
    }
    /// When the flow expires: idle for `FLOW_TTL_MS`, or `FLOW_MAX_MS` after its start.
    pub fn ends_ms(&self) -> u64 {
        (self.touched_ms + crate::mock::FLOW_TTL_MS).min(self.started_ms + crate::mock::FLOW_MAX_MS)
    }
}

/// A signed-in session: whose, when it last proved the person with a method they
/// already had (if ever), and when it began and was last used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub(crate) account: AccountId,
    pub(crate) proven_ms: Option<u64>,
    pub(crate) started_ms: u64,
    pub(crate) used_ms: u64,
}

impl Session {
    pub fn account(&self) -> AccountId {
        self.account
    }
    /// When it ends unless used again (`SESSION_IDLE_MS`), and at the latest (`SESSION_MAX_MS`).
    pub fn ends_ms(&self) -> u64 {
        (self.used_ms + crate::mock::SESSION_IDLE_MS).min(self.started_ms + crate::mock::SESSION_MAX_MS)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResetRecord {
    pub(crate) flow: ResetFlow,
    /// `None` for a username that does not exist.
    pub(crate) account: Option<AccountId>,
    pub(crate) username: String,
    pub(crate) seq: u32,
    pub(crate) started_ms: u64,
    pub(crate) code: Option<PendingCode>,
    pub(crate) code_sent_to: Option<String>,
    pub(crate) verdict: Option<password::Verdict>,
    /// The passkey challenge out for this reset, and its options while not yet shown.
    pub(crate) passkey: Option<Challenge>,
    pub(crate) passkey_view: Option<PasskeyOptions>,
    pub(crate) correlation_id: String,
    pub(crate) codes_sent: u32,
}

impl ResetRecord {
    pub fn account(&self) -> Option<AccountId> {
        self.account
    }
    pub fn seq(&self) -> u32 {
        self.seq
    }
    /// When the reset expires (`RESET_TTL_MS` after its start).
    pub fn ends_ms(&self) -> u64 {
        self.started_ms + crate::mock::reset::RESET_TTL_MS
    }
}
