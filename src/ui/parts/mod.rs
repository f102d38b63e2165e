pub(crate) mod code_challenge;
pub(crate) mod new_password;
pub(crate) mod passkey_button;
