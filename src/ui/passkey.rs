//! The browser's side of passkeys: hands the backend's challenge to WebAuthn
//! (`navigator.credentials`) and brings back what it returns, base64url-encoded.
//! No decisions here: the backend checks everything.
use crate::backend::webauthn::{b64url_decode, b64url_encode};
use crate::backend::{PasskeyAssertion, PasskeyCreated, PasskeyOptions};
use crate::ui::text::{Key, Message};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why the browser gave no passkey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// This browser (or this page) has no WebAuthn.
    Unavailable,
    /// The person closed the prompt, or it timed out (`NotAllowedError`).
    Cancelled,
    /// This device already holds one of the account's passkeys (`InvalidStateError`).
    AlreadyHere,
    /// Anything else the browser refused.
    Failed,
}

impl Failure {
    /// The text key for the message the screen shows.
    pub fn key(self) -> Key {
        match self {
            Failure::Unavailable => Key::PasskeyUnavailable,
            Failure::Cancelled => Key::PasskeyCancelled,
            Failure::AlreadyHere => Key::PasskeyAlreadyHere,
            Failure::Failed => Key::PasskeyFailed,
        }
    }
}

fn credentials() -> Option<web_sys::CredentialsContainer> {
    let window = web_sys::window()?;
    let has_webauthn = Reflect::get(&window, &"PublicKeyCredential".into()).is_ok_and(|v| !v.is_undefined());
    let navigator = window.navigator();
    let has_container = Reflect::get(&navigator, &"credentials".into()).is_ok_and(|v| !v.is_undefined());
    (has_webauthn && has_container).then(|| navigator.credentials())
}

/// Whether this browser can use passkeys at all.
pub fn available() -> bool {
    credentials().is_some()
}

fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(target, &key.into(), &value.into());
}

fn bytes(b64: &str) -> Uint8Array {
    Uint8Array::from(b64url_decode(b64).unwrap_or_default().as_slice())
}

fn credential_list(ids: &[String]) -> Array {
    ids.iter()
        .map(|id| {
            let c = Object::new();
            set(&c, "type", "public-key");
            set(&c, "id", bytes(id));
            JsValue::from(c)
        })
        .collect()
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        set(&o, k, v.clone());
    }
    o
}

/// `navigator.credentials.create`: a passkey on this device, person verified, kept
/// on the device if it can (resident key preferred), only ES256.
pub async fn create(options: &PasskeyOptions) -> Result<PasskeyCreated, Failure> {
    let container = credentials().ok_or(Failure::Unavailable)?;
    let rp = object(&[("id", options.rp_id.clone().into()), ("name", options.rp_name.clone().into())]);
    let user = object(&[
        ("id", bytes(&options.user_id).into()),
        ("name", options.user_name.clone().into()),
        ("displayName", options.display_name.clone().into()),
    ]);
    let es256 = object(&[("type", "public-key".into()), ("alg", (-7).into())]);
    let selection = object(&[("residentKey", "preferred".into()), ("userVerification", "required".into())]);
    let public_key = object(&[
        ("challenge", bytes(&options.challenge).into()),
        ("rp", rp.into()),
        ("user", user.into()),
        ("pubKeyCredParams", Array::of1(&es256).into()),
        ("authenticatorSelection", selection.into()),
        ("excludeCredentials", credential_list(&options.credential_ids).into()),
        ("attestation", "none".into()),
        ("timeout", 120_000.into()),
    ]);
    let request: web_sys::CredentialCreationOptions =
        object(&[("publicKey", public_key.into())]).unchecked_into();
    let promise = container.create_with_options(&request).map_err(failure)?;
    let credential = JsFuture::from(promise).await.map_err(failure)?;
    let response = field(&credential, "response")?;
    Ok(PasskeyCreated {
        id: b64url_encode(&buffer(&credential, "rawId")?),
        client_data_json: b64url_encode(&buffer(&response, "clientDataJSON")?),
        attestation_object: b64url_encode(&buffer(&response, "attestationObject")?),
    })
}

/// `navigator.credentials.get`: one of the allowed passkeys answers the challenge,
/// with the person verified.
pub async fn get(options: &PasskeyOptions) -> Result<PasskeyAssertion, Failure> {
    let container = credentials().ok_or(Failure::Unavailable)?;
    let public_key = object(&[
        ("challenge", bytes(&options.challenge).into()),
        ("rpId", options.rp_id.clone().into()),
        ("allowCredentials", credential_list(&options.credential_ids).into()),
        ("userVerification", "required".into()),
        ("timeout", 120_000.into()),
    ]);
    let request: web_sys::CredentialRequestOptions =
        object(&[("publicKey", public_key.into())]).unchecked_into();
    let promise = container.get_with_options(&request).map_err(failure)?;
    let credential = JsFuture::from(promise).await.map_err(failure)?;
    let response = field(&credential, "response")?;
    Ok(PasskeyAssertion {
        id: b64url_encode(&buffer(&credential, "rawId")?),
        client_data_json: b64url_encode(&buffer(&response, "clientDataJSON")?),
        authenticator_data: b64url_encode(&buffer(&response, "authenticatorData")?),
        signature: b64url_encode(&buffer(&response, "signature")?),
    })
}

fn field(target: &JsValue, key: &str) -> Result<JsValue, Failure> {
    Reflect::get(target, &key.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
        .ok_or(Failure::Failed)
}

fn buffer(target: &JsValue, key: &str) -> Result<Vec<u8>, Failure> {
    Ok(Uint8Array::new(&field(target, key)?).to_vec())
}

/// What a rejected WebAuthn call means for the person, from the DOMException's name.
fn failure(e: JsValue) -> Failure {
    let name = Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "AbortError" => Failure::Cancelled,
        "InvalidStateError" => Failure::AlreadyHere,
        "NotSupportedError" | "SecurityError" => Failure::Unavailable,
        _ => Failure::Failed,
    }
}

/// The page as a relying party: its host name and exact origin, which the mock then
/// expects in every passkey answer.
pub fn page_relying_party() -> Option<crate::backend::webauthn::RelyingParty> {
    let location = web_sys::window()?.location();
    Some(crate::backend::webauthn::RelyingParty {
        id: location.hostname().ok()?,
        origin: location.origin().ok()?,
    })
}

/// In a flow: whenever a reply hands out a passkey challenge, asks the browser and
/// sends back what it gives; a refusal or a closed prompt goes to `message`.
pub fn answer_challenges(ui: super::Ui, message: leptos::prelude::RwSignal<Option<Message>>) {
    use crate::backend::Input;
    use leptos::prelude::*;
    each_challenge(
        move || ui.with_reply(|r| r.passkey.clone()),
        move |options| {
            message.set(None);
            async move {
                let input = if options.create {
                    create(&options).await.map(Input::PasskeyCreated)
                } else {
                    get(&options).await.map(Input::PasskeyAssertion)
                };
                let show = move |key: Key| {
                    message.try_set(Some(key.into()));
                };
                match input {
                    Ok(input) => ui.send(input, move |e| show(super::errors::error_text(&e).1)),
                    Err(f) => show(f.key()),
                }
            }
        },
    );
}

/// Whenever `offered` gives a new passkey challenge, runs `answer` on it, once each.
/// The challenge last answered is kept in the effect itself, not in a memo of the
/// options: each reactive type a part uses brings its own copy of Leptos's code.
pub fn each_challenge<F>(
    offered: impl Fn() -> Option<PasskeyOptions> + 'static,
    answer: impl Fn(PasskeyOptions) -> F + 'static,
) where
    F: std::future::Future<Output = ()> + 'static,
{
    let mut answered: Option<String> = None;
    super::kit::after_render(move || {
        let options = offered();
        let challenge = options.as_ref().map(|o| o.challenge.clone());
        if challenge == answered {
            return;
        }
        answered = challenge;
        if let Some(options) = options {
            leptos::task::spawn_local(answer(options));
        }
    });
}
