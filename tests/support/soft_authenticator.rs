//! A passkey device for browser tests: `navigator.credentials.create` and `get` answered
//! by software keys (`riskgate::backend::soft_key`) that sign as a real authenticator
//! does, for the page's own origin. Each `create` makes a new key, as a new passkey on
//! another device would; `get` answers with the key the challenge allows.
use js_sys::{Object, Promise, Reflect, Uint8Array};
use riskgate::backend::soft_key::SoftKey;
use riskgate::backend::webauthn::{b64url_decode, b64url_encode};
use riskgate::backend::{IdentityBackend, MockBackend, PasskeyCreated};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

type Answer = Closure<dyn FnMut(JsValue) -> Promise>;

pub struct SoftAuthenticator {
    keys: Rc<RefCell<Vec<SoftKey>>>,
    _create: Answer,
    _get: Answer,
}

fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(target, &key.into(), value).unwrap();
}

fn b64(bytes: &JsValue) -> String {
    b64url_encode(&Uint8Array::new(bytes).to_vec())
}

fn buffer(b64: &str) -> JsValue {
    Uint8Array::from(b64url_decode(b64).unwrap().as_slice()).into()
}

/// What the browser hands back: a credential with these fields in its response.
fn credential(id: &str, response: &[(&str, &str)]) -> Promise {
    let reply = Object::new();
    for (name, value) in response {
        set(&reply, name, &buffer(value));
    }
    let credential = Object::new();
    set(&credential, "type", &"public-key".into());
    set(&credential, "rawId", &buffer(id));
    set(&credential, "response", &reply);
    Promise::resolve(&JsValue::from(credential))
}

fn container() -> JsValue {
    get(&web_sys::window().unwrap().navigator(), "credentials")
}

fn origin() -> String {
    web_sys::window().unwrap().location().origin().unwrap()
}

/// A new key on this device, for the page's origin, answering a registration challenge.
fn new_key(keys: &RefCell<Vec<SoftKey>>, rp_id: &str, challenge: &str) -> PasskeyCreated {
    let mut key = SoftKey::new(keys.borrow().len() as u8 + 11, &origin());
    let created = key.create_for(rp_id, challenge);
    keys.borrow_mut().push(key);
    created
}

impl SoftAuthenticator {
    /// Answers the page's WebAuthn calls until dropped; the mock is told the page is
    /// its relying party.
    pub fn install(backend: &MockBackend) -> SoftAuthenticator {
        backend.set_relying_party(riskgate::ui::passkey::page_relying_party().unwrap());
        let keys: Rc<RefCell<Vec<SoftKey>>> = Rc::default();
        let made = keys.clone();
        let create: Answer = Closure::new(move |options: JsValue| {
            let public_key = get(&options, "publicKey");
            let rp_id = get(&get(&public_key, "rp"), "id").as_string().unwrap();
            let created = new_key(&made, &rp_id, &b64(&get(&public_key, "challenge")));
            credential(
                &created.id,
                &[
                    ("clientDataJSON", &created.client_data_json),
                    ("attestationObject", &created.attestation_object),
                ],
            )
        });
        let held = keys.clone();
        let answer: Answer = Closure::new(move |options: JsValue| {
            let public_key = get(&options, "publicKey");
            let rp_id = get(&public_key, "rpId").as_string().unwrap();
            let allowed: Vec<String> = js_sys::Array::from(&get(&public_key, "allowCredentials"))
                .iter()
                .map(|c| b64(&get(&c, "id")))
                .collect();
            let mut keys = held.borrow_mut();
            let Some(key) = keys.iter_mut().find(|k| allowed.contains(&b64url_encode(&k.id))) else {
                let closed = js_sys::Error::new("no passkey here for this account");
                closed.set_name("NotAllowedError");
                return Promise::reject(&closed);
            };
            let answer = key.get_for(&rp_id, &b64(&get(&public_key, "challenge")));
            credential(
                &answer.id,
                &[
                    ("clientDataJSON", &answer.client_data_json),
                    ("authenticatorData", &answer.authenticator_data),
                    ("signature", &answer.signature),
                ],
            )
        });
        set(&container(), "create", create.as_ref());
        set(&container(), "get", answer.as_ref());
        SoftAuthenticator { keys, _create: create, _get: answer }
    }

    /// Adds a passkey on this device to the account of `session` (one that has passed
    /// MFA), as account health does.
    pub async fn register(&self, backend: &MockBackend, session: &str) {
        let options = backend.begin_passkey(session).await.unwrap();
        let created = new_key(&self.keys, &options.rp_id, &options.challenge);
        backend.confirm_passkey(session, created).await.unwrap();
    }
}

impl Drop for SoftAuthenticator {
    /// The container's own `create` and `get` show through again.
    fn drop(&mut self) {
        let container: Object = container().unchecked_into();
        let _ = Reflect::delete_property(&container, &"create".into());
        let _ = Reflect::delete_property(&container, &"get".into());
    }
}
