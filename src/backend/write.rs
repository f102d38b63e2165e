//! The sign-in calls' request bodies as JSON text, written by hand. Through serde's
//! derived `Serialize` and serde-wasm-bindgen they brought a serializer, a cache of
//! JavaScript strings and a copy of serde's visiting code per type into every flow.
//! The form is serde's: enums tagged by their variant's name, `null` for an absent
//! value, an absent `tenant` left out. The tests below hold it to serde_json's.
use super::api::{Coordinates, Location, SignInRequest, SignInSource};
use super::api::{Input, PasskeySignInAnswer, PasskeySignInStart, PasswordCheck, ResetInput, ResetRequest};
use super::{PasskeyAssertion, PasskeyCreated};
use crate::engine::MethodKind;

/// A value that writes itself as JSON.
pub trait Write {
    fn write(&self, out: &mut Json);
}

/// JSON text being written.
pub struct Json(String);

/// A field's name and value; `None` leaves the field out.
type Field<'a> = (&'a str, Option<&'a dyn Write>);

/// `value` as JSON text.
pub fn json(value: &impl Write) -> String {
    let mut out = Json(String::new());
    value.write(&mut out);
    out.0
}

impl Json {
    fn object(&mut self, fields: &[Field]) {
        self.0.push('{');
        let mut first = true;
        for (name, value) in fields {
            let Some(value) = value else { continue };
            if !std::mem::replace(&mut first, false) {
                self.0.push(',');
            }
            name.write(self);
            self.0.push(':');
            value.write(self);
        }
        self.0.push('}');
    }

    /// An enum's variant with data: `{"Name":<its fields>}`.
    fn tagged(&mut self, name: &str, fields: &[Field]) {
        self.0.push('{');
        name.write(self);
        self.0.push(':');
        self.object(fields);
        self.0.push('}');
    }

    /// A variant holding one value: `{"Name":<value>}`.
    fn newtype(&mut self, name: &str, value: &dyn Write) {
        self.0.push('{');
        name.write(self);
        self.0.push(':');
        value.write(self);
        self.0.push('}');
    }
}

impl Write for str {
    fn write(&self, out: &mut Json) {
        let s = &mut out.0;
        s.push('"');
        for c in self.chars() {
            match c {
                '"' => s.push_str("\\\""),
                '\\' => s.push_str("\\\\"),
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    s.push_str("\\u00");
                    s.push(HEX[(c as usize) >> 4] as char);
                    s.push(HEX[(c as usize) & 0xf] as char);
                }
                c => s.push(c),
            }
        }
        s.push('"');
    }
}

impl Write for &str {
    fn write(&self, out: &mut Json) {
        (**self).write(out);
    }
}

impl Write for String {
    fn write(&self, out: &mut Json) {
        self.as_str().write(out);
    }
}

impl<T: Write> Write for Option<T> {
    fn write(&self, out: &mut Json) {
        match self {
            Some(value) => value.write(out),
            None => out.0.push_str("null"),
        }
    }
}

/// A number as JavaScript writes it (shortest round trip); `null` for one that is not
/// finite, as `JSON.stringify` has it.
impl Write for f64 {
    fn write(&self, out: &mut Json) {
        if !self.is_finite() {
            return out.0.push_str("null");
        }
        #[cfg(target_arch = "wasm32")]
        out.0.push_str(&String::from(
            js_sys::Number::from(*self).to_string_with_radix(10).unwrap_or_default(),
        ));
        #[cfg(not(target_arch = "wasm32"))]
        out.0.push_str(&self.to_string());
    }
}

impl Write for MethodKind {
    fn write(&self, out: &mut Json) {
        let name = match self {
            MethodKind::AuthenticatorApp => "AuthenticatorApp",
            MethodKind::Sms => "Sms",
            MethodKind::Voice => "Voice",
            MethodKind::Passkey => "Passkey",
        };
        name.write(out);
    }
}

impl Write for SignInRequest {
    fn write(&self, out: &mut Json) {
        out.object(&[
            ("username", Some(&self.username)),
            ("password", Some(&self.password)),
            ("source", Some(&self.source)),
            ("tenant", self.tenant.as_ref().map(|t| t as &dyn Write)),
        ]);
    }
}

impl Write for SignInSource {
    fn write(&self, out: &mut Json) {
        out.object(&[
            ("location", Some(&self.location)),
            ("ip", Some(&self.ip)),
            ("device", Some(&self.device)),
            ("app", Some(&self.app)),
        ]);
    }
}

impl Write for Location {
    fn write(&self, out: &mut Json) {
        out.object(&[
            ("city", Some(&self.city)),
            ("country", Some(&self.country)),
            ("coords", Some(&self.coords)),
        ]);
    }
}

impl Write for Coordinates {
    fn write(&self, out: &mut Json) {
        out.object(&[("lat", Some(&self.lat)), ("lon", Some(&self.lon))]);
    }
}

impl Write for PasskeyCreated {
    fn write(&self, out: &mut Json) {
        out.object(&[
            ("id", Some(&self.id)),
            ("client_data_json", Some(&self.client_data_json)),
            ("attestation_object", Some(&self.attestation_object)),
        ]);
    }
}

impl Write for PasskeyAssertion {
    fn write(&self, out: &mut Json) {
        out.object(&[
            ("id", Some(&self.id)),
            ("client_data_json", Some(&self.client_data_json)),
            ("authenticator_data", Some(&self.authenticator_data)),
            ("signature", Some(&self.signature)),
        ]);
    }
}

impl Write for Input {
    fn write(&self, out: &mut Json) {
        match self {
            Input::Continue => "Continue".write(out),
            Input::SendCode { method } => out.tagged("SendCode", &[("method", Some(method))]),
            Input::Code { method, code } => {
                out.tagged("Code", &[("method", Some(method)), ("code", Some(code))])
            }
            Input::Skip => "Skip".write(out),
            Input::BeginRegistration { method, phone } => {
                out.tagged("BeginRegistration", &[("method", Some(method)), ("phone", Some(phone))])
            }
            Input::ConfirmRegistration { code } => out.tagged("ConfirmRegistration", &[("code", Some(code))]),
            Input::NewPassword { password, confirm } => {
                out.tagged("NewPassword", &[("password", Some(password)), ("confirm", Some(confirm))])
            }
            Input::Cancel => "Cancel".write(out),
            Input::BeginPasskey => "BeginPasskey".write(out),
            Input::PasskeyCreated(created) => out.newtype("PasskeyCreated", created),
            Input::PasskeyAssertion(answer) => out.newtype("PasskeyAssertion", answer),
        }
    }
}

impl Write for ResetInput {
    fn write(&self, out: &mut Json) {
        match self {
            ResetInput::SendCode { method } => out.tagged("SendCode", &[("method", Some(method))]),
            ResetInput::Code { method, code } => {
                out.tagged("Code", &[("method", Some(method)), ("code", Some(code))])
            }
            ResetInput::NewPassword { password, confirm } => {
                out.tagged("NewPassword", &[("password", Some(password)), ("confirm", Some(confirm))])
            }
            ResetInput::Cancel => "Cancel".write(out),
            ResetInput::BeginPasskey => "BeginPasskey".write(out),
            ResetInput::PasskeyAssertion(answer) => out.newtype("PasskeyAssertion", answer),
        }
    }
}

impl Write for ResetRequest {
    fn write(&self, out: &mut Json) {
        out.object(&[("username", Some(&self.username))]);
    }
}

impl Write for PasswordCheck {
    fn write(&self, out: &mut Json) {
        out.object(&[("flow_id", Some(&self.flow_id)), ("candidate", Some(&self.candidate))]);
    }
}

impl Write for PasskeySignInStart {
    fn write(&self, out: &mut Json) {
        out.object(&[
            ("username", Some(&self.username)),
            ("tenant", self.tenant.as_ref().map(|t| t as &dyn Write)),
        ]);
    }
}

impl Write for PasskeySignInAnswer {
    fn write(&self, out: &mut Json) {
        out.object(&[
            ("username", Some(&self.username)),
            ("tenant", self.tenant.as_ref().map(|t| t as &dyn Write)),
            ("answer", Some(&self.answer)),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::api::Coordinates;
    use serde_json::{from_str, to_value, Value};

    /// Written by hand, the same JSON value as serde's.
    fn same<T: Write + serde::Serialize>(value: T) {
        let written = json(&value);
        let parsed: Value = from_str(&written).unwrap_or_else(|e| panic!("not JSON ({e}): {written}"));
        assert_eq!(parsed, to_value(&value).unwrap(), "{written}");
    }

    fn created() -> PasskeyCreated {
        PasskeyCreated { id: "id".into(), client_data_json: "cd".into(), attestation_object: "ao".into() }
    }

    fn assertion() -> PasskeyAssertion {
        PasskeyAssertion {
            id: "id".into(),
            client_data_json: "cd".into(),
            authenticator_data: "ad".into(),
            signature: "sig".into(),
        }
    }

    #[test]
    fn every_input_is_written_as_serde_writes_it() {
        use MethodKind::*;
        for method in [AuthenticatorApp, Sms, Voice, Passkey] {
            same(Input::SendCode { method });
            same(Input::Code { method, code: "123 456".into() });
            same(Input::BeginRegistration { method, phone: None });
            same(Input::BeginRegistration { method, phone: Some("+44 7700 900123".into()) });
            same(ResetInput::SendCode { method });
            same(ResetInput::Code { method, code: "654321".into() });
        }
        for input in [Input::Continue, Input::Skip, Input::Cancel, Input::BeginPasskey] {
            same(input);
        }
        same(Input::ConfirmRegistration { code: "000000".into() });
        same(Input::NewPassword { password: "p".into(), confirm: "q".into() });
        same(Input::PasskeyCreated(created()));
        same(Input::PasskeyAssertion(assertion()));
        same(ResetInput::NewPassword { password: "p".into(), confirm: "q".into() });
        for input in [ResetInput::Cancel, ResetInput::BeginPasskey, ResetInput::PasskeyAssertion(assertion())]
        {
            same(input);
        }
    }

    #[test]
    fn every_request_is_written_as_serde_writes_it() {
        let mut request = SignInRequest::new("ana@contoso.example", "pw");
        same(request.clone());
        request.tenant = Some("contoso".into());
        request.source = Some(SignInSource {
            location: Location {
                city: "Zürich".into(),
                country: "CH".into(),
                coords: Coordinates { lat: 47.3769, lon: -0.000001 },
            },
            ip: "203.0.113.7".into(),
            device: "Firefox on Linux".into(),
            app: "Portal".into(),
        });
        same(request);
        same(ResetRequest { username: "ana".into() });
        same(PasswordCheck { flow_id: "f".into(), candidate: "c".into() });
        same(PasskeySignInStart { username: "ana".into(), tenant: None });
        same(PasskeySignInStart { username: "ana".into(), tenant: Some("t".into()) });
        same(PasskeySignInAnswer { username: "ana".into(), tenant: Some("t".into()), answer: assertion() });
    }

    #[test]
    fn text_is_escaped_and_kept_whole() {
        let odd = "\"quoted\" \\ back\nline\ttab\u{1}\u{1f} é 漢 😀 </script>";
        same(SignInRequest::new(odd, odd));
        assert_eq!(
            json(&ResetRequest { username: "a\"b\n\u{7}".into() }),
            r#"{"username":"a\"b\u000a\u0007"}"#
        );
    }
}
