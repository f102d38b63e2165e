pub(crate) mod passkey_button;
