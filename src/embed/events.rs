//! What the component tells the page it sits in. The embedding API turns these into DOM
//! `CustomEvent`s on the host element; the detail is plain JSON so any page can read it.
use crate::backend::{BackendError, Reply};
use crate::engine::{Remediation, Step};
use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use std::rc::Rc;
use wasm_bindgen::JsValue;

fn set(object: &Object, key: &str, value: JsValue) {
    // Setting a key on a plain object made here cannot fail.
    let _ = Reflect::set(object, &key.into(), &value);
}

fn remediation(r: &Remediation) -> JsValue {
    let o = Object::new();
    set(&o, "risk", r.risk.name().into());
    set(&o, "detail", r.detail.name().into());
    o.into()
}

/// Called with every event; the embedding API dispatches them to the host page.
pub type Listener = Rc<dyn Fn(HostEvent)>;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepChanged {
    /// The screen now shown, e.g. "password", "mfa", "new-password", "blocked".
    pub step: &'static str,
    /// The backend's flow, once there is one.
    pub flow_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedIn {
    pub username: String,
    pub display_name: String,
    pub tenant: String,
    /// What the sign-in put right on the way (risk remediated, password changed...).
    pub remediations: Vec<Remediation>,
    pub correlation_id: String,
    /// API v1: the one-time code the host page's own server exchanges for who signed
    /// in (`POST /handoffs/exchange`); absent when the backend gives none (the mock).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handoff: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Blocked {
    /// The engine's reason, e.g. "SignInRisk", "LockedOut".
    pub reason: String,
    /// The help-desk code the screen shows, e.g. "RG2001".
    pub code: &'static str,
    pub correlation_id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// The backend error's kind, e.g. "Unavailable", "InvalidCredentials".
    pub error: String,
    /// The message the person was shown, in their language.
    pub message: String,
}

/// What the page hears. A step-up (a signed-in person proving themselves again, e.g.
/// before the admin view) is announced only by `Step` (its challenge, then the view it
/// goes back to) and, should it fail, `Blocked` or `Error`: never a second `SignedIn`,
/// since nobody new signed in.
#[derive(Clone, Debug, PartialEq)]
pub enum HostEvent {
    Step(StepChanged),
    SignedIn(SignedIn),
    Blocked(Blocked),
    Error(Failure),
}

impl HostEvent {
    /// The DOM event's type.
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::Step(_) => "riskgate:step",
            HostEvent::SignedIn(_) => "riskgate:signed-in",
            HostEvent::Blocked(_) => "riskgate:blocked",
            HostEvent::Error(_) => "riskgate:error",
        }
    }

    /// The event's detail, the JavaScript value of its JSON form, built by hand: serde's
    /// serializer to JavaScript would weigh 1.6 KB in the first module (it loads before
    /// any reply). tests/embedding.rs holds it to what serde would write.
    pub fn detail(&self) -> JsValue {
        let o = Object::new();
        match self {
            HostEvent::Step(d) => {
                set(&o, "step", d.step.into());
                set(&o, "flowId", d.flow_id.as_deref().map_or(JsValue::NULL, JsValue::from));
            }
            HostEvent::SignedIn(d) => {
                set(&o, "username", d.username.as_str().into());
                set(&o, "displayName", d.display_name.as_str().into());
                set(&o, "tenant", d.tenant.as_str().into());
                let remediations: Array = d.remediations.iter().map(remediation).collect();
                set(&o, "remediations", remediations.into());
                set(&o, "correlationId", d.correlation_id.as_str().into());
                if let Some(handoff) = &d.handoff {
                    set(&o, "handoff", handoff.as_str().into());
                }
            }
            HostEvent::Blocked(d) => {
                set(&o, "reason", d.reason.as_str().into());
                set(&o, "code", d.code.into());
                set(&o, "correlationId", d.correlation_id.as_str().into());
            }
            HostEvent::Error(d) => {
                set(&o, "error", d.error.as_str().into());
                set(&o, "message", d.message.as_str().into());
            }
        }
        o.into()
    }

    /// The event's detail as JSON.
    pub fn detail_json(&self) -> String {
        js_sys::JSON::stringify(&self.detail()).map(String::from).unwrap_or_else(|_| "null".into())
    }

    /// The event a finished flow announces, if the reply finished it.
    pub fn for_outcome(reply: &Reply, username: &str) -> Option<HostEvent> {
        match &reply.step {
            // This page is not signed in then, so the host must not hear that it is.
            _ if crate::ui::finished_elsewhere(reply) => None,
            Step::SignedIn { remediations } => Some(HostEvent::SignedIn(SignedIn {
                username: username.into(),
                display_name: reply.display_name.clone(),
                tenant: reply.tenant_name.clone(),
                remediations: remediations.clone(),
                correlation_id: reply.correlation_id.clone(),
                handoff: reply.handoff.clone(),
            })),
            Step::Blocked { reason, .. } => Some(HostEvent::Blocked(Blocked {
                reason: reason.name().into(),
                code: crate::ui::screens::blocked::error_code(*reason),
                correlation_id: reply.correlation_id.clone(),
            })),
            _ => None,
        }
    }

    pub fn for_error(error: &BackendError, message: &str) -> HostEvent {
        HostEvent::Error(Failure { error: error.name().into(), message: message.into() })
    }
}
