//! The words for backend errors, and the field each belongs next to.
use super::text::{Key, Message};
use crate::backend::api::{BackendError, Field, Problem};
use leptos::prelude::*;

/// The field a backend error belongs next to (`None`: the form as a whole) and its words.
pub fn error_text(e: &BackendError) -> (Option<Field>, Key) {
    match e {
        BackendError::InvalidCredentials => (Some(Field::Password), Key::ErrorInvalidCredentials),
        // The field is gone with the method it was for: the message is the form's.
        BackendError::InvalidInput { problem: Problem::TooManyAttempts, .. } => {
            (None, Key::ErrorTooManyAttempts)
        }
        BackendError::InvalidInput { field, problem } => (Some(*field), problem_key(*field, *problem)),
        BackendError::UnknownFlow | BackendError::FlowExpired => (None, Key::ErrorFlowGone),
        BackendError::StaleStep { .. } => (None, Key::ErrorStale),
        BackendError::Unexpected { .. } => (None, Key::ErrorUnexpected),
        BackendError::NotAuthorized => (None, Key::ErrorNotAuthorized),
        BackendError::StepUpRequired => (None, Key::ErrorStepUp),
        BackendError::UnknownUser => (None, Key::ErrorUnknownUser),
        // A wrong base URL or method is a service that cannot be reached as configured.
        BackendError::Unavailable | BackendError::NotFound | BackendError::MethodNotAllowed => {
            (None, Key::ErrorUnavailable)
        }
        BackendError::Timeout => (None, Key::ErrorTimeout),
        BackendError::Malformed(_) | BackendError::TooLarge => (None, Key::ErrorMalformed),
        BackendError::Passkey(e) => (None, passkey_problem_key(*e)),
    }
}

/// Why the backend refused a passkey, in words a person can act on.
fn passkey_problem_key(e: crate::backend::WebAuthnError) -> Key {
    use crate::backend::WebAuthnError::*;
    match e {
        Malformed | WrongType | Unsupported => Key::PasskeyErrorUnreadable,
        ChallengeMismatch | ChallengeExpired => Key::PasskeyErrorStale,
        WrongOrigin | WrongRelyingParty => Key::PasskeyErrorWrongSite,
        UserNotPresent | UserNotVerified => Key::PasskeyErrorNotVerified,
        BadSignature | UnknownCredential => Key::PasskeyErrorNotRecognised,
        SignCountNotGrowing => Key::PasskeyErrorReplayed,
        DuplicateCredential => Key::PasskeyErrorDuplicate,
    }
}

fn problem_key(field: Field, problem: Problem) -> Key {
    match (field, problem) {
        (Field::Username, Problem::Empty) => Key::ErrorUsernameEmpty,
        (Field::Password, Problem::Empty) => Key::ErrorPasswordEmpty,
        (Field::NewPassword, Problem::Empty) => Key::ErrorNewPasswordEmpty,
        (_, Problem::Empty) => Key::ErrorCodeEmpty,
        (Field::Username, Problem::TooLong) => Key::ErrorUsernameTooLong,
        (_, Problem::TooLong) => Key::ErrorTooLong,
        (_, Problem::NotACode) => Key::ErrorNotACode,
        (_, Problem::CodeExpired) => Key::ErrorCodeExpired,
        (_, Problem::NoCodeSent) => Key::ErrorNoCodeSent,
        (Field::Confirm, Problem::Mismatch) => Key::ErrorConfirmMismatch,
        (_, Problem::Mismatch) => Key::ErrorCodeMismatch,
        (_, Problem::NotAPhoneNumber) => Key::ErrorPhone,
        (_, Problem::InvalidList) => Key::ErrorInvalidList,
        (_, Problem::LastMethod) => Key::ErrorLastMethod,
        (_, Problem::TooManyAttempts) => Key::ErrorTooManyAttempts,
    }
}

/// Puts a backend error's words next to `field` if it belongs there, else in `general`.
pub fn show_error(
    e: BackendError,
    field: Field,
    at_field: RwSignal<Option<Message>>,
    general: RwSignal<Option<Message>>,
) {
    let (target, key) = error_text(&e);
    let slot = if target == Some(field) { at_field } else { general };
    slot.try_set(Some(key.into())); // the screen may have gone in the meantime
}
