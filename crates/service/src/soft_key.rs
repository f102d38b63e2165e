//! A passkey provider in software, for tests: one P-256 key, a counter and the origin
//! it reports, answering challenges as a real authenticator does (person present and
//! verified, attestation "none"). Nothing in the product calls it.
use super::webauthn::b64url_encode;
use super::{PasskeyAssertion, PasskeyCreated, PasskeyOptions};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use sha2::{Digest, Sha256};

pub struct SoftKey {
    key: SigningKey,
    pub id: Vec<u8>,
    pub count: u32,
    /// The origin written into each answer's client data.
    pub origin: String,
}

impl SoftKey {
    /// A key made from `seed` (the same seed, the same key), for pages at `origin`.
    pub fn new(seed: u8, origin: &str) -> Self {
        let key = SigningKey::from_bytes(&[seed; 32].into()).expect("a non-zero seed");
        SoftKey { key, id: vec![seed; 32], count: 0, origin: origin.into() }
    }

    fn client_data(&self, kind: &str, challenge: &str) -> Vec<u8> {
        format!(
            r#"{{"type":"{kind}","challenge":"{challenge}","origin":"{}","crossOrigin":false}}"#,
            self.origin
        )
        .into_bytes()
    }

    fn auth_data(&mut self, rp_id: &str, attested: bool) -> Vec<u8> {
        self.count += 1;
        let mut data = Sha256::digest(rp_id.as_bytes()).to_vec();
        data.push(if attested { 0x45 } else { 0x05 }); // UP, UV (and AT)
        data.extend(self.count.to_be_bytes());
        if attested {
            data.extend([0u8; 16]);
            data.extend((self.id.len() as u16).to_be_bytes());
            data.extend(&self.id);
            let point = self.key.verifying_key().to_encoded_point(false);
            // COSE key: {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}
            data.extend([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]);
            data.extend(point.x().expect("uncompressed"));
            data.extend([0x22, 0x58, 0x20]);
            data.extend(point.y().expect("uncompressed"));
        }
        data
    }

    /// `navigator.credentials.create` for the challenge (base64url) from `rp_id`.
    pub fn create_for(&mut self, rp_id: &str, challenge: &str) -> PasskeyCreated {
        let auth = self.auth_data(rp_id, true);
        // CBOR: {"fmt": "none", "attStmt": {}, "authData": auth}
        let mut object = vec![0xa3, 0x63];
        object.extend(b"fmt");
        object.push(0x64);
        object.extend(b"none");
        object.push(0x67);
        object.extend(b"attStmt");
        object.extend([0xa0, 0x68]);
        object.extend(b"authData");
        object.extend([0x59, (auth.len() >> 8) as u8, auth.len() as u8]);
        object.extend(auth);
        PasskeyCreated {
            id: b64url_encode(&self.id),
            client_data_json: b64url_encode(&self.client_data("webauthn.create", challenge)),
            attestation_object: b64url_encode(&object),
        }
    }

    /// `navigator.credentials.get` for the challenge (base64url) from `rp_id`.
    pub fn get_for(&mut self, rp_id: &str, challenge: &str) -> PasskeyAssertion {
        let auth = self.auth_data(rp_id, false);
        let client_data = self.client_data("webauthn.get", challenge);
        let mut signed = auth.clone();
        signed.extend(Sha256::digest(&client_data));
        let signature: Signature = self.key.sign(&signed);
        PasskeyAssertion {
            id: b64url_encode(&self.id),
            client_data_json: b64url_encode(&client_data),
            authenticator_data: b64url_encode(&auth),
            signature: b64url_encode(signature.to_der().as_bytes()),
        }
    }

    pub fn create(&mut self, options: &PasskeyOptions) -> PasskeyCreated {
        assert!(options.create, "a challenge to sign in, not to register");
        self.create_for(&options.rp_id, &options.challenge)
    }

    pub fn get(&mut self, options: &PasskeyOptions) -> PasskeyAssertion {
        assert!(!options.create, "a challenge to register, not to sign in");
        self.get_for(&options.rp_id, &options.challenge)
    }
}
