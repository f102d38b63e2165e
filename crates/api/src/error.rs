//! Every way a backend call can fail, the field a message belongs next to, and the HTTP
//! status a server answers each with.
use crate::passkey::WebAuthnError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A form field, for messages placed next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Username,
    Password,
    Code,
    Phone,
    NewPassword,
    Confirm,
    BannedList,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Empty,
    TooLong,
    NotACode,
    CodeExpired,
    NoCodeSent,
    Mismatch,
    NotAPhoneNumber,
    /// A banned-password list over 1000 terms, or with a term outside 4 to 16 characters.
    InvalidList,
    /// The last MFA method cannot be removed.
    LastMethod,
    /// Too many wrong codes for the method being added: it was dropped; start again.
    TooManyAttempts,
}

impl Field {
    /// Every field, in the order declared.
    pub const ALL: [Field; 7] = [
        Field::Username,
        Field::Password,
        Field::Code,
        Field::Phone,
        Field::NewPassword,
        Field::Confirm,
        Field::BannedList,
    ];
}

impl Problem {
    /// Every problem, in the order declared.
    pub const ALL: [Problem; 10] = [
        Problem::Empty,
        Problem::TooLong,
        Problem::NotACode,
        Problem::CodeExpired,
        Problem::NoCodeSent,
        Problem::Mismatch,
        Problem::NotAPhoneNumber,
        Problem::InvalidList,
        Problem::LastMethod,
        Problem::TooManyAttempts,
    ];
}

/// Every way a backend call can fail. None of them signs anybody in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BackendError {
    /// Username or password wrong; which one is not said.
    InvalidCredentials,
    /// What was typed cannot be used; nothing was consumed.
    InvalidInput {
        field: Field,
        problem: Problem,
    },
    UnknownFlow,
    FlowExpired,
    /// The input names an older step (a replay or a second tab).
    StaleStep {
        expected: u32,
    },
    /// The current step does not take this input.
    Unexpected {
        input: String,
    },
    /// The session is unknown, or it may not do this.
    NotAuthorized,
    /// Changing how the person proves who they are needs a sign-in that proved it.
    StepUpRequired,
    UnknownUser,
    Unavailable,
    Timeout,
    Malformed(String),
    /// A passkey was refused, and why.
    Passkey(WebAuthnError),
    /// API v1: no such endpoint (a wrong base URL, or a path the API does not have).
    NotFound,
    /// API v1: the endpoint exists, but not with this HTTP method.
    MethodNotAllowed,
    /// API v1: the request body is over the service's limit.
    TooLarge,
}

impl BackendError {
    /// The variant's name, as on the wire ("StaleStep", not "StaleStep { expected: 3 }").
    pub fn name(&self) -> &'static str {
        match self {
            Self::InvalidCredentials => "InvalidCredentials",
            Self::InvalidInput { .. } => "InvalidInput",
            Self::UnknownFlow => "UnknownFlow",
            Self::FlowExpired => "FlowExpired",
            Self::StaleStep { .. } => "StaleStep",
            Self::Unexpected { .. } => "Unexpected",
            Self::NotAuthorized => "NotAuthorized",
            Self::StepUpRequired => "StepUpRequired",
            Self::UnknownUser => "UnknownUser",
            Self::Unavailable => "Unavailable",
            Self::Timeout => "Timeout",
            Self::Malformed(_) => "Malformed",
            Self::Passkey(_) => "Passkey",
            Self::NotFound => "NotFound",
            Self::MethodNotAllowed => "MethodNotAllowed",
            Self::TooLarge => "TooLarge",
        }
    }
}

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for BackendError {}

pub fn invalid(field: Field, problem: Problem) -> BackendError {
    BackendError::InvalidInput { field, problem }
}

impl BackendError {
    /// The HTTP status a server answers this error with. A client goes by the body,
    /// never by the status alone.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::InvalidInput { .. } | Self::Malformed(_) => 400,
            Self::InvalidCredentials | Self::NotAuthorized => 401,
            Self::StepUpRequired => 403,
            Self::UnknownFlow | Self::UnknownUser => 404,
            Self::StaleStep { .. } | Self::Unexpected { .. } => 409,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::TooLarge => 413,
            Self::FlowExpired => 410,
            Self::Unavailable => 503,
            Self::Timeout => 504,
            Self::Passkey(WebAuthnError::Malformed) => 400,
            Self::Passkey(WebAuthnError::DuplicateCredential) => 409,
            Self::Passkey(WebAuthnError::ChallengeExpired) => 410,
            // A passkey that does not prove the person: like wrong credentials.
            Self::Passkey(_) => 401,
        }
    }
}
