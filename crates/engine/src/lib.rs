//! The decision engine: pure Rust, no browser APIs, no clock or randomness of its own.
pub mod flow;
pub mod password;
pub mod policy;
pub mod reset;
pub mod risk;
mod rules;
pub mod scenarios;

pub use flow::{
    BlockReason, Event, Flow, MethodKind, NoticeKind, Outcome, PasswordReason, PolicyKind, Refused,
    Remediation, RiskKind, SignInContext, Step, UserState, Why,
};
pub use policy::{Enforcement, SignInAction, TenantPolicy, UserAction};
pub use risk::{Detection, DetectionKind, RiskDetail, RiskLevel, RiskState, Timing};
