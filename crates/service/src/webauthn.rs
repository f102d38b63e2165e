//! Passkeys (WebAuthn Level 2), as the relying party checks them: a registration
//! (`navigator.credentials.create`, "none" attestation) and a sign-in
//! (`navigator.credentials.get`, an ES256 signature). Binary fields travel as
//! base64url text, as the screens send them.
pub use riskgate_api::passkey::{
    b64url_decode, b64url_encode, PasskeyAssertion, PasskeyCreated, PasskeyOptions, RelyingParty,
    WebAuthnError,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A passkey the directory holds for an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPasskey {
    /// Credential id, base64url.
    pub id: String,
    /// The P-256 public key, SEC1 uncompressed, base64url.
    pub public_key: String,
    pub sign_count: u32,
    pub created_ms: u64,
}

// Authenticator data flags (WebAuthn §6.1).
const FLAG_UP: u8 = 0x01;
const FLAG_UV: u8 = 0x04;
const FLAG_AT: u8 = 0x40;

/// A new passkey, checked, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPasskey {
    pub id: Vec<u8>,
    pub public_key: Vec<u8>,
    pub sign_count: u32,
}

/// Checks a registration against the challenge handed out (§7.1, "none" attestation).
pub fn verify_registration(
    rp: &RelyingParty,
    challenge: &[u8],
    created: &PasskeyCreated,
) -> Result<NewPasskey, WebAuthnError> {
    let client_data = b64url_decode(&created.client_data_json)?;
    check_client_data(&client_data, "webauthn.create", rp, challenge)?;
    let attestation = cbor::parse_all(&b64url_decode(&created.attestation_object)?)?;
    let fmt = attestation.get_text("fmt").ok_or(WebAuthnError::Malformed)?;
    let statement_empty =
        matches!(attestation.get_text_key("attStmt"), Some(cbor::Value::Map(m)) if m.is_empty());
    if fmt != "none" || !statement_empty {
        return Err(WebAuthnError::Unsupported);
    }
    let auth_data = attestation.get_bytes("authData").ok_or(WebAuthnError::Malformed)?;
    let data = AuthData::parse(auth_data)?;
    data.check(rp)?;
    if data.flags & FLAG_AT == 0 {
        return Err(WebAuthnError::Malformed);
    }
    let (id, key) = attested_credential(data.rest)?;
    if b64url_decode(&created.id)? != id {
        return Err(WebAuthnError::Malformed);
    }
    Ok(NewPasskey { id: id.to_vec(), public_key: cose_p256(key)?, sign_count: data.sign_count })
}

/// Refuses a new passkey whose credential id is already registered (§7.1 step 22).
pub fn check_not_registered(existing: &[StoredPasskey], new: &NewPasskey) -> Result<(), WebAuthnError> {
    let id = b64url_encode(&new.id);
    if existing.iter().any(|p| p.id == id) {
        return Err(WebAuthnError::DuplicateCredential);
    }
    Ok(())
}

/// Checks a sign-in against the challenge handed out and the stored passkey (§7.2);
/// returns the new sign count to store.
///
/// A counter of 0 on both sides is accepted: synced passkeys always report 0 (the
/// spec allows it), and a replay is still refused because every challenge is used
/// once. A counter that has ever been above 0 must grow.
pub fn verify_assertion(
    rp: &RelyingParty,
    challenge: &[u8],
    stored: &StoredPasskey,
    answer: &PasskeyAssertion,
) -> Result<u32, WebAuthnError> {
    let client_data = b64url_decode(&answer.client_data_json)?;
    check_client_data(&client_data, "webauthn.get", rp, challenge)?;
    let auth_data = b64url_decode(&answer.authenticator_data)?;
    let data = AuthData::parse(&auth_data)?;
    data.check(rp)?;
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&b64url_decode(&stored.public_key)?)
        .map_err(|_| WebAuthnError::Unsupported)?;
    let signature = p256::ecdsa::Signature::from_der(&b64url_decode(&answer.signature)?)
        .map_err(|_| WebAuthnError::BadSignature)?;
    let mut signed = auth_data.clone();
    signed.extend_from_slice(&Sha256::digest(&client_data));
    use p256::ecdsa::signature::Verifier;
    key.verify(&signed, &signature).map_err(|_| WebAuthnError::BadSignature)?;
    let grows = data.sign_count > stored.sign_count;
    let neither_counts = data.sign_count == 0 && stored.sign_count == 0;
    if !grows && !neither_counts {
        return Err(WebAuthnError::SignCountNotGrowing);
    }
    Ok(data.sign_count)
}

#[derive(Deserialize)]
struct ClientData {
    #[serde(rename = "type")]
    kind: String,
    challenge: String,
    origin: String,
    #[serde(rename = "crossOrigin", default)]
    cross_origin: bool,
}

/// The challenge an answer says it signed (its clientDataJSON, base64url), unchecked:
/// for finding which of several challenges handed out it answers.
pub fn claimed_challenge(client_data_json: &str) -> Option<Vec<u8>> {
    let json = b64url_decode(client_data_json).ok()?;
    let data: ClientData = serde_json::from_slice(&json).ok()?;
    b64url_decode(&data.challenge).ok()
}

/// clientDataJSON: the ceremony, the challenge and the origin, in that order.
fn check_client_data(
    json: &[u8],
    kind: &str,
    rp: &RelyingParty,
    challenge: &[u8],
) -> Result<(), WebAuthnError> {
    let data: ClientData = serde_json::from_slice(json).map_err(|_| WebAuthnError::Malformed)?;
    if data.kind != kind {
        return Err(WebAuthnError::WrongType);
    }
    let signed = b64url_decode(&data.challenge).map_err(|_| WebAuthnError::ChallengeMismatch)?;
    if !super::hash::constant_time_eq(&signed, challenge) {
        return Err(WebAuthnError::ChallengeMismatch);
    }
    if data.origin != rp.origin || data.cross_origin {
        return Err(WebAuthnError::WrongOrigin);
    }
    Ok(())
}

/// The fixed head of authenticator data, and what follows it.
struct AuthData<'a> {
    rp_id_hash: &'a [u8],
    flags: u8,
    sign_count: u32,
    rest: &'a [u8],
}

impl<'a> AuthData<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Self, WebAuthnError> {
        if bytes.len() < 37 {
            return Err(WebAuthnError::Malformed);
        }
        let count = [bytes[33], bytes[34], bytes[35], bytes[36]];
        Ok(AuthData {
            rp_id_hash: &bytes[..32],
            flags: bytes[32],
            sign_count: u32::from_be_bytes(count),
            rest: &bytes[37..],
        })
    }

    /// Scoped to our RP id, with the person present and verified (PIN or biometric).
    fn check(&self, rp: &RelyingParty) -> Result<(), WebAuthnError> {
        if self.rp_id_hash != Sha256::digest(rp.id.as_bytes()).as_slice() {
            return Err(WebAuthnError::WrongRelyingParty);
        }
        if self.flags & FLAG_UP == 0 {
            return Err(WebAuthnError::UserNotPresent);
        }
        if self.flags & FLAG_UV == 0 {
            return Err(WebAuthnError::UserNotVerified);
        }
        Ok(())
    }
}

/// Attested credential data: AAGUID (16), id length (2), id, then the COSE key.
fn attested_credential(rest: &[u8]) -> Result<(&[u8], cbor::Value), WebAuthnError> {
    let len_at = rest.get(16..18).ok_or(WebAuthnError::Malformed)?;
    let len = u16::from_be_bytes([len_at[0], len_at[1]]) as usize;
    let id = rest.get(18..18 + len).ok_or(WebAuthnError::Malformed)?;
    // Extensions may follow the key; only the key is read.
    let (key, _) = cbor::parse(&rest[18 + len..])?;
    Ok((id, key))
}

/// A COSE EC2 key for ES256 on P-256 (RFC 9053), as a SEC1 uncompressed point.
fn cose_p256(key: cbor::Value) -> Result<Vec<u8>, WebAuthnError> {
    let int = |label: i64| key.get_int_key(label).and_then(cbor::Value::as_int);
    if int(1) != Some(2) || int(3) != Some(-7) || int(-1) != Some(1) {
        return Err(WebAuthnError::Unsupported);
    }
    let coord = |label: i64| match key.get_int_key(label) {
        Some(cbor::Value::Bytes(b)) if b.len() == 32 => Ok(b.clone()),
        _ => Err(WebAuthnError::Unsupported),
    };
    let mut point = vec![0x04];
    point.extend(coord(-2)?);
    point.extend(coord(-3)?);
    p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).map_err(|_| WebAuthnError::Unsupported)?;
    Ok(point)
}

/// Just enough CBOR (RFC 8949) for attestation objects and COSE keys: definite
/// lengths, integers, byte and text strings, arrays, maps and simple values.
pub mod cbor {
    use super::WebAuthnError;

    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Value {
        Int(i64),
        Bytes(Vec<u8>),
        Text(String),
        Array(Vec<Value>),
        Map(Vec<(Value, Value)>),
        Simple(u8),
    }

    const MAX_DEPTH: usize = 8;

    impl Value {
        pub fn as_int(&self) -> Option<i64> {
            match self {
                Value::Int(n) => Some(*n),
                _ => None,
            }
        }

        fn get(&self, key: &Value) -> Option<&Value> {
            match self {
                Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
                _ => None,
            }
        }

        pub fn get_int_key(&self, key: i64) -> Option<&Value> {
            self.get(&Value::Int(key))
        }

        pub fn get_text_key(&self, key: &str) -> Option<&Value> {
            self.get(&Value::Text(key.into()))
        }

        pub fn get_text(&self, key: &str) -> Option<&str> {
            match self.get_text_key(key) {
                Some(Value::Text(t)) => Some(t),
                _ => None,
            }
        }

        pub fn get_bytes(&self, key: &str) -> Option<&[u8]> {
            match self.get_text_key(key) {
                Some(Value::Bytes(b)) => Some(b),
                _ => None,
            }
        }
    }

    /// One item that must fill `input` exactly.
    pub fn parse_all(input: &[u8]) -> Result<Value, WebAuthnError> {
        match parse(input)? {
            (value, used) if used == input.len() => Ok(value),
            _ => Err(WebAuthnError::Malformed),
        }
    }

    /// One item from the start of `input`, and how many bytes it took.
    pub fn parse(input: &[u8]) -> Result<(Value, usize), WebAuthnError> {
        let mut reader = Reader { input, at: 0 };
        let value = reader.item(0)?;
        Ok((value, reader.at))
    }

    struct Reader<'a> {
        input: &'a [u8],
        at: usize,
    }

    impl Reader<'_> {
        fn take(&mut self, n: usize) -> Result<&[u8], WebAuthnError> {
            let end = self.at.checked_add(n).ok_or(WebAuthnError::Malformed)?;
            let bytes = self.input.get(self.at..end).ok_or(WebAuthnError::Malformed)?;
            self.at = end;
            Ok(bytes)
        }

        /// The head of an item: major type and argument. Indefinite lengths are refused.
        fn head(&mut self) -> Result<(u8, u64), WebAuthnError> {
            let first = self.take(1)?[0];
            let (major, info) = (first >> 5, first & 0x1f);
            let arg = match info {
                0..=23 => info as u64,
                24..=27 => {
                    let bytes = self.take(1 << (info - 24))?;
                    bytes.iter().fold(0u64, |n, b| (n << 8) | *b as u64)
                }
                _ => return Err(WebAuthnError::Malformed),
            };
            Ok((major, arg))
        }

        fn len(&mut self, arg: u64) -> Result<usize, WebAuthnError> {
            // Every element takes at least a byte: a longer count is a lie.
            let n = usize::try_from(arg).map_err(|_| WebAuthnError::Malformed)?;
            if n > self.input.len() - self.at {
                return Err(WebAuthnError::Malformed);
            }
            Ok(n)
        }

        fn item(&mut self, depth: usize) -> Result<Value, WebAuthnError> {
            if depth > MAX_DEPTH {
                return Err(WebAuthnError::Malformed);
            }
            let (major, arg) = self.head()?;
            let int = |n: u64| i64::try_from(n).map_err(|_| WebAuthnError::Malformed);
            Ok(match major {
                0 => Value::Int(int(arg)?),
                1 => Value::Int(-1 - int(arg)?),
                2 => {
                    let n = self.len(arg)?;
                    Value::Bytes(self.take(n)?.to_vec())
                }
                3 => {
                    let n = self.len(arg)?;
                    let text = std::str::from_utf8(self.take(n)?).map_err(|_| WebAuthnError::Malformed)?;
                    Value::Text(text.to_string())
                }
                4 => {
                    let n = self.len(arg)?;
                    Value::Array((0..n).map(|_| self.item(depth + 1)).collect::<Result<_, _>>()?)
                }
                5 => {
                    let n = self.len(arg)?;
                    let mut entries = Vec::with_capacity(n);
                    for _ in 0..n {
                        entries.push((self.item(depth + 1)?, self.item(depth + 1)?));
                    }
                    Value::Map(entries)
                }
                7 if arg < 24 => Value::Simple(arg as u8),
                _ => return Err(WebAuthnError::Malformed),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37).wrapping_add(200)).collect();
            assert_eq!(b64url_decode(&b64url_encode(&bytes)).unwrap(), bytes);
        }
        assert_eq!(b64url_encode(b"\xfb\xff"), "-_8");
        assert_eq!(b64url_decode("-_8=").unwrap(), b"\xfb\xff");
        assert_eq!(b64url_decode("a+b/"), Err(WebAuthnError::Malformed));
        assert_eq!(b64url_decode("abcde"), Err(WebAuthnError::Malformed));
    }

    #[test]
    fn cbor_reads_a_cose_key_and_refuses_what_it_cannot_read() {
        // {1: 2, 3: -7, "a": h'0102', "b": [true]}
        let bytes = [0xa4, 0x01, 0x02, 0x03, 0x26, 0x61, b'a', 0x42, 1, 2, 0x61, b'b', 0x81, 0xf5];
        let v = cbor::parse_all(&bytes).unwrap();
        assert_eq!(v.get_int_key(1), Some(&cbor::Value::Int(2)));
        assert_eq!(v.get_int_key(3), Some(&cbor::Value::Int(-7)));
        assert_eq!(v.get_bytes("a"), Some(&[1u8, 2][..]));
        assert_eq!(cbor::parse_all(&bytes[..bytes.len() - 1]), Err(WebAuthnError::Malformed));
        assert_eq!(cbor::parse_all(&[0x5f, 0x41, 0, 0xff]), Err(WebAuthnError::Malformed), "indefinite");
        assert_eq!(
            cbor::parse_all(&[0x9b, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]),
            Err(WebAuthnError::Malformed)
        );
        let deep = [0x81u8; 20];
        assert_eq!(cbor::parse_all(&deep), Err(WebAuthnError::Malformed));
    }
}
