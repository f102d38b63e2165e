//! Shapes that more than one screen shares and that, unlike the kit's pieces, know the
//! backend's calls or the flow's steps.
pub(crate) mod brand;
pub(crate) mod code_challenge;
pub(crate) mod identity;
pub(crate) mod language;
#[cfg(feature = "account")]
pub(crate) mod load;
pub(crate) mod method_option;
pub(crate) mod method_setup;
pub(crate) mod new_password;
pub(crate) mod passkey_button;
pub(crate) mod username;
