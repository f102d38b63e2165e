pub(crate) mod code_challenge;
pub(crate) mod passkey_button;
