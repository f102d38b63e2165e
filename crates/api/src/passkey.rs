//! Passkey (WebAuthn) values as they travel between the browser, the component and
//! the authority. Binary fields are base64url text.
use serde::{Deserialize, Serialize};

/// Who the passkeys belong to: the RP id (a host name) and the exact origin the
/// browser must report. The mock takes them from the page; native tests fix them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelyingParty {
    pub id: String,
    pub origin: String,
}

/// What the browser needs to create or use a passkey. Binary values are base64url.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyOptions {
    /// `true`: create a new passkey; `false`: sign in with one.
    pub create: bool,
    pub challenge: String,
    pub rp_id: String,
    pub rp_name: String,
    pub user_id: String,
    pub user_name: String,
    pub display_name: String,
    /// Sign-in: the passkeys that may answer. Registration: those already registered.
    pub credential_ids: Vec<String>,
}

/// A new passkey as `navigator.credentials.create` returned it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyCreated {
    pub id: String,
    pub client_data_json: String,
    pub attestation_object: String,
}

/// A passkey's answer to a sign-in challenge, as `navigator.credentials.get` returned it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyAssertion {
    pub id: String,
    pub client_data_json: String,
    pub authenticator_data: String,
    pub signature: String,
}

/// Every way a passkey can be refused. None of them signs anybody in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WebAuthnError {
    /// Not base64url, JSON or CBOR as expected, or cut short.
    Malformed,
    /// clientDataJSON is for the other ceremony (create vs get).
    WrongType,
    /// The signed challenge is not the one this backend handed out.
    ChallengeMismatch,
    /// No challenge is waiting (never asked, already used, or expired).
    ChallengeExpired,
    /// Signed for another web site (a phishing page), or from a cross-origin frame.
    WrongOrigin,
    /// The authenticator scoped it to another relying party.
    WrongRelyingParty,
    UserNotPresent,
    UserNotVerified,
    /// Not an ES256 (P-256) key, or an attestation format other than "none".
    Unsupported,
    BadSignature,
    /// The counter did not grow: a replayed answer or a cloned authenticator.
    SignCountNotGrowing,
    /// This passkey is already registered.
    DuplicateCredential,
    /// No passkey with this id belongs to the account.
    UnknownCredential,
}

const B64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5), as WebAuthn uses it.
pub fn b64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64URL[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url, with or without padding; anything else is `Malformed`.
pub fn b64url_decode(text: &str) -> Result<Vec<u8>, WebAuthnError> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return Err(WebAuthnError::Malformed);
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let v = B64URL.iter().position(|&b| b == c).ok_or(WebAuthnError::Malformed)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}
