//! Replies read by hand from the value the browser's `JSON.parse` returns. serde's
//! derived `Deserialize` for the reply types was the larger half of the adapter's Wasm
//! part (bench/size.md); a reader here is a line or a few per type
//! (src/backend/replies.rs) over a few shared functions.
//!
//! A reader takes what serde_json takes from the same text: a struct is an object read
//! by field name, unknown keys ignored, `null` or a missing key is `None`; an enum is
//! externally tagged, `"Unit"` or `{"Variant": data}` with one key. What it refuses and
//! serde_json would take: a struct given as an array, and an integer past 2^53 - 1 (a
//! double is not exact there). What `JSON.parse` leaves no trace of: `3.0` and `1e2`
//! read as integers, and of a key given twice the last one counts.
use js_sys::{Array, Number, Object, Reflect};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// A type read from a value `JSON.parse` returned.
pub trait Read: Sized {
    fn read(value: &JsValue) -> Result<Self, Error>;

    /// What a missing key reads as: nothing, so it is refused, but `None` for an `Option`.
    fn absent() -> Option<Self> {
        None
    }
}

/// `text` parsed by `JSON.parse`, for a reader.
pub fn parse(text: &str) -> Result<JsValue, Error> {
    js_sys::JSON::parse(text).map_err(|e| {
        // A SyntaxError, e.g. "Unexpected end of JSON input".
        let message = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()));
        Error::new(message.unwrap_or_else(|| "not JSON".into()))
    })
}

/// Why a reply is not the type: what came (not what was expected, which would be text
/// in every reader) and the field or variant at fault, e.g. "invalid type: floating
/// point `1.5` at `step.MfaChallenge.failures`". Boxed, which keeps every reader's
/// `Result` small.
#[derive(Debug)]
pub struct Error(Box<Fault>);

#[derive(Debug)]
struct Fault {
    what: String,
    /// The path to the value at fault, empty for the reply itself.
    at: String,
}

impl Error {
    #[cold]
    fn new(what: String) -> Self {
        Error(Box::new(Fault { what, at: String::new() }))
    }

    #[cold]
    fn quoting(what: &str, name: &str) -> Self {
        Error::new([what, " `", name, "`"].concat())
    }

    #[cold]
    fn invalid_type(value: &JsValue) -> Self {
        Error::new(["invalid type: ", &shown(value)].concat())
    }

    /// An integer out of the field's range.
    #[cold]
    fn invalid_value(value: &JsValue) -> Self {
        Error::new(["invalid value: ", &shown(value)].concat())
    }

    /// The error, inside the field, variant or item `name`.
    #[cold]
    fn at(mut self, name: &str) -> Self {
        let inner = if self.0.at.is_empty() { "" } else { "." };
        self.0.at = [name, inner, &self.0.at].concat();
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0.what)?;
        if !self.0.at.is_empty() {
            write!(f, " at `{}`", self.0.at)?;
        }
        Ok(())
    }
}

/// What came, as serde names it: "null", "boolean `true`", "integer `7`", "floating
/// point `1.5`", "string \"x\"", "sequence" or "map". JavaScript prints numbers and
/// strings: Rust's float formatting is kilobytes of Wasm.
#[cold]
fn shown(value: &JsValue) -> String {
    if let Some(b) = value.as_bool() {
        return if b { "boolean `true`" } else { "boolean `false`" }.into();
    }
    if let Some(number) = value.dyn_ref::<Number>() {
        let kind = if Number::is_safe_integer(value) { "integer `" } else { "floating point `" };
        let printed = number.to_string_with_radix(10).map(String::from).unwrap_or_default();
        return [kind, &printed, "`"].concat();
    }
    if value.as_string().is_some() {
        let quoted = js_sys::JSON::stringify(value).map(String::from).unwrap_or_default();
        return ["string ", &quoted].concat();
    }
    named(value).into()
}

/// A value with nothing to print. `undefined` is the data of an enum given as a bare
/// name, where a variant with data was named.
fn named(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "unit variant"
    } else if value.is_null() {
        "null"
    } else if Array::is_array(value) {
        "sequence"
    } else {
        "map"
    }
}

/// `value` as an object to read fields from: not null, not an array.
pub fn object(value: &JsValue) -> Result<&Object, Error> {
    if value.is_object() && !Array::is_array(value) {
        Ok(value.unchecked_ref())
    } else {
        Err(Error::invalid_type(value))
    }
}

/// The object's own key `name`: `Object.prototype`'s members are no reply's fields.
fn own(object: &Object, name: &str) -> Option<JsValue> {
    let key = JsValue::from_str(name);
    Object::has_own(object, &key).then(|| Reflect::get(object, &key).unwrap_or_default())
}

/// Field `name` of `object`; a missing one is refused unless it is an `Option`.
pub fn field<T: Read>(object: &Object, name: &str) -> Result<T, Error> {
    match own(object, name) {
        Some(value) => T::read(&value).map_err(|e| e.at(name)),
        None => T::absent().ok_or_else(|| Error::quoting("missing field", name)),
    }
}

/// Field `name` of `object`, or `default()` when it is missing (serde's `default`).
pub fn field_or<T: Read>(object: &Object, name: &str, default: fn() -> T) -> Result<T, Error> {
    match own(object, name) {
        Some(value) => T::read(&value).map_err(|e| e.at(name)),
        None => Ok(default()),
    }
}

/// An enum value as serde tags it, `"Variant"` or `{"Variant": data}`: the variant's
/// index among `names`, and its data (`undefined` for the first form).
pub fn variant(value: &JsValue, names: &[&str]) -> Result<(usize, JsValue), Error> {
    let (name, data) = match value.as_string() {
        Some(name) => (name, JsValue::UNDEFINED),
        None => only_entry(object(value)?)?,
    };
    let index = names.iter().position(|n| *n == name);
    Ok((index.ok_or_else(|| Error::quoting("unknown variant", &name))?, data))
}

/// The key and value of an object with one key.
fn only_entry(object: &Object) -> Result<(String, JsValue), Error> {
    let entries = Object::entries(object);
    if entries.length() != 1 {
        return Err(Error::new(format!("invalid length {}", entries.length())));
    }
    let entry: Array = entries.get(0).unchecked_into();
    Ok((entry.get(0).as_string().unwrap_or_default(), entry.get(1)))
}

/// The index of a unit variant among `names`. `{"Unit": null}` is one too, as in serde.
pub fn unit(value: &JsValue, names: &[&str]) -> Result<usize, Error> {
    let (index, data) = variant(value, names)?;
    within(names[index], <()>::read(&data))?;
    Ok(index)
}

/// A result read inside variant `name`, its errors said to be there.
pub fn within<T>(name: &str, read: Result<T, Error>) -> Result<T, Error> {
    read.map_err(|e| e.at(name))
}

/// `null`, or a unit variant's missing data.
impl Read for () {
    fn read(value: &JsValue) -> Result<Self, Error> {
        match value.is_null() || value.is_undefined() {
            true => Ok(()),
            false => Err(Error::invalid_type(value)),
        }
    }
}

impl Read for bool {
    fn read(value: &JsValue) -> Result<Self, Error> {
        value.as_bool().ok_or_else(|| Error::invalid_type(value))
    }
}

impl Read for String {
    fn read(value: &JsValue) -> Result<Self, Error> {
        value.as_string().ok_or_else(|| Error::invalid_type(value))
    }
}

impl Read for f64 {
    fn read(value: &JsValue) -> Result<Self, Error> {
        value.as_f64().ok_or_else(|| Error::invalid_type(value))
    }
}

/// An integer from 0 to `max` that a double holds exactly (at most 2^53 - 1).
fn integer(value: &JsValue, max: f64) -> Result<f64, Error> {
    if !Number::is_safe_integer(value) {
        return Err(Error::invalid_type(value));
    }
    match value.as_f64() {
        Some(n) if (0.0..=max).contains(&n) => Ok(n),
        _ => Err(Error::invalid_value(value)),
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Read for $t {
            fn read(value: &JsValue) -> Result<Self, Error> {
                integer(value, <$t>::MAX as f64).map(|n| n as $t)
            }
        }
    )*};
}

unsigned!(u8, u32, u64, usize);

impl<T: Read> Read for Option<T> {
    fn read(value: &JsValue) -> Result<Self, Error> {
        match value.is_null() {
            true => Ok(None),
            false => T::read(value).map(Some),
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(value: &JsValue) -> Result<Self, Error> {
        if !Array::is_array(value) {
            return Err(Error::invalid_type(value));
        }
        let items: &Array = value.unchecked_ref();
        let read = |i: u32| T::read(&items.get(i)).map_err(|e| e.at(&i.to_string()));
        (0..items.length()).map(read).collect()
    }
}
