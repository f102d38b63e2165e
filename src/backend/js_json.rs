//! serde over the value the browser's `JSON.parse` returns, for the HTTP adapter's
//! replies. The browser reads the JSON text, so no JSON parser is built into the Wasm,
//! and each reply type's `Deserialize` maps the parsed value as serde_json would map
//! the text: externally tagged enums, `null` or a missing key for `None`, unknown keys
//! ignored. A struct must be an object (serde_json would also take an array).
//!
//! Numbers are doubles: an integer is read as one only if it is exact (at most
//! 2^53 - 1); any other number is a float, which no api.rs field takes. serde-wasm-bindgen
//! does the same, but its errors print floats with Rust's formatting, kilobytes of Wasm.
use js_sys::{Array, JsString, Number, Object};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// `text` parsed by `JSON.parse`, for a type's `Deserialize` to read.
pub fn parse(text: &str) -> Result<Value, Error> {
    let value = js_sys::JSON::parse(text).map_err(|e| {
        // A SyntaxError, e.g. "Unexpected end of JSON input".
        e.dyn_ref::<js_sys::Error>().map_or_else(|| Error::new("not JSON"), |e| Error(e.message()))
    })?;
    Ok(Value(value))
}

/// Why a reply is not the type, or the browser's words for text that is not JSON. Like
/// serde_json's messages, but without what was expected: each type's description of
/// itself is formatting code, about 5 KB of Wasm in all, for a message only a developer
/// reads. The field or variant at fault is named. Held as a JavaScript string, a handle,
/// which keeps every type's `Result` small.
#[derive(Debug)]
pub struct Error(JsString);

impl Error {
    #[cold]
    fn new(message: &str) -> Self {
        Error(JsString::from(message))
    }

    #[cold]
    fn quoting(what: &str, name: &str) -> Self {
        Error::new(&[what, " `", name, "`"].concat())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&String::from(&self.0))
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(&msg.to_string())
    }

    // serde's own messages would format an `Unexpected::Float` with Rust's float
    // printing, several kilobytes of Wasm for a message; JavaScript prints it here.
    fn invalid_type(unexpected: Unexpected, _: &dyn de::Expected) -> Self {
        Error::new(&format!("invalid type: {}", Shown(unexpected)))
    }

    fn invalid_value(unexpected: Unexpected, _: &dyn de::Expected) -> Self {
        Error::new(&format!("invalid value: {}", Shown(unexpected)))
    }

    fn invalid_length(len: usize, _: &dyn de::Expected) -> Self {
        Error::new(&format!("invalid length {len}"))
    }

    fn unknown_variant(variant: &str, _: &'static [&'static str]) -> Self {
        Error::quoting("unknown variant", variant)
    }

    fn unknown_field(field: &str, _: &'static [&'static str]) -> Self {
        Error::quoting("unknown field", field)
    }

    fn missing_field(field: &'static str) -> Self {
        Error::quoting("missing field", field)
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::quoting("duplicate field", field)
    }
}

/// `Unexpected` as serde shows it, but a float as JavaScript prints it.
struct Shown<'a>(Unexpected<'a>);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let kind = match self.0 {
            Unexpected::Float(n) => {
                let text = Number::from(n).to_string_with_radix(10).map(String::from);
                return write!(f, "floating point `{}`", text.unwrap_or_default());
            }
            Unexpected::Bool(b) => return write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(n) => return write!(f, "integer `{n}`"),
            Unexpected::Signed(n) => return write!(f, "integer `{n}`"),
            Unexpected::Str(s) => return write!(f, "string {s:?}"),
            Unexpected::Unit => "null",
            Unexpected::Char(_) => "character",
            Unexpected::Bytes(_) => "byte array",
            Unexpected::Option => "Option value",
            Unexpected::NewtypeStruct => "newtype struct",
            Unexpected::Seq => "sequence",
            Unexpected::Map => "map",
            Unexpected::Enum => "enum",
            Unexpected::UnitVariant => "unit variant",
            Unexpected::NewtypeVariant => "newtype variant",
            Unexpected::TupleVariant => "tuple variant",
            Unexpected::StructVariant => "struct variant",
            Unexpected::Other(other) => other,
        };
        f.write_str(kind)
    }
}

/// A value `JSON.parse` returned: null, a boolean, number, string, array or object.
/// Cloning shares the JavaScript value (the adapter reads one reply as two types).
#[derive(Clone)]
pub struct Value(JsValue);

impl Value {
    fn is_null(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }

    /// A safe integer: one a double holds exactly.
    fn integer(&self) -> Option<f64> {
        Number::is_safe_integer(&self.0).then(|| self.0.as_f64()).flatten()
    }

    fn array(self) -> Result<Items, Value> {
        if Array::is_array(&self.0) {
            Ok(Items { items: self.0.unchecked_into(), next: 0 })
        } else {
            Err(self)
        }
    }

    fn object(self) -> Result<Entries, Value> {
        if self.0.is_object() && !Array::is_array(&self.0) {
            Ok(Entries { entries: Object::entries(self.0.unchecked_ref()), next: 0, value: None })
        } else {
            Err(self)
        }
    }

    /// serde's "invalid type" error for this value where `expected` was expected. Not
    /// generic, so each type's visitor only passes itself.
    #[cold]
    fn invalid(&self, expected: &dyn de::Expected) -> Error {
        let text;
        let unexpected = if self.is_null() {
            Unexpected::Unit
        } else if let Some(b) = self.0.as_bool() {
            Unexpected::Bool(b)
        } else if let Some(n) = self.integer() {
            if n < 0.0 {
                Unexpected::Signed(n as i64)
            } else {
                Unexpected::Unsigned(n as u64)
            }
        } else if let Some(n) = self.0.as_f64() {
            Unexpected::Float(n)
        } else if let Some(s) = self.0.as_string() {
            text = s;
            Unexpected::Str(&text)
        } else if Array::is_array(&self.0) {
            Unexpected::Seq
        } else {
            Unexpected::Map
        };
        de::Error::invalid_type(unexpected, expected)
    }
}

/// Each `deserialize_*` calls the one visitor method its type takes, or fails, so a
/// type's visitor is built with only the methods it needs.
impl<'de> de::Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_unit()
        } else if let Some(b) = self.0.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = self.integer() {
            if n < 0.0 {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_u64(n as u64)
            }
        } else if let Some(n) = self.0.as_f64() {
            visitor.visit_f64(n)
        } else if let Some(s) = self.0.as_string() {
            visitor.visit_string(s)
        } else {
            match self.array().map_err(Value::object) {
                Ok(items) => visitor.visit_seq(items),
                Err(Ok(entries)) => visitor.visit_map(entries),
                Err(Err(value)) => Err(value.invalid(&visitor)),
            }
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_bool() {
            Some(b) => visitor.visit_bool(b),
            None => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.integer() {
            Some(n) => visitor.visit_i64(n as i64),
            None => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.integer() {
            Some(n) if n >= 0.0 => visitor.visit_u64(n as u64),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_f64() {
            Some(n) => visitor.visit_f64(n),
            None => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_string(s),
            None => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.is_null() {
            true => visitor.visit_unit(),
            false => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.array() {
            Ok(items) => visitor.visit_seq(items),
            Err(value) => Err(value.invalid(&visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.object() {
            Ok(entries) => visitor.visit_map(entries),
            Err(value) => Err(value.invalid(&visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.is_null() {
            true => visitor.visit_none(),
            false => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// serde's external tagging: `"Variant"`, or `{"Variant": data}` with one key.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(Variant { name, data: Data(None) });
        }
        let entries = match self.object() {
            Ok(object) => object.entries,
            Err(value) => return Err(value.invalid(&visitor)),
        };
        if entries.length() != 1 {
            return Err(de::Error::invalid_length(entries.length() as usize, &"an object with one key"));
        }
        let entry = entries.get(0).unchecked_into::<Array>();
        let name = entry.get(0).as_string().unwrap_or_default();
        visitor.visit_enum(Variant { name, data: Data(Some(Value(entry.get(1)))) })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit_struct tuple_struct
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
}

/// An array's items, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        self.next += 1;
        seed.deserialize(Value(self.items.get(self.next - 1))).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.items.length() - self.next) as usize)
    }
}

/// An object's keys and values, in its own order (the text's, but integer-like keys first).
struct Entries {
    entries: Array,
    next: u32,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry = self.entries.get(self.next).unchecked_into::<Array>();
        self.next += 1;
        self.value = Some(entry.get(1));
        let key: String = entry.get(0).unchecked_into::<JsString>().into();
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Value(self.value.take().unwrap_or(JsValue::NULL)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.entries.length() - self.next) as usize)
    }
}

/// An enum's variant name, and its data when it was given as `{"Variant": data}`.
struct Variant {
    name: String,
    data: Data,
}

/// A variant's data, `None` for the `"Variant"` form.
struct Data(Option<Value>);

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Data;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Data), Error> {
        let name: de::value::StringDeserializer<Error> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, self.data))
    }
}

impl<'de> de::VariantAccess<'de> for Data {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.0 {
            None => Ok(()),
            Some(data) => de::Deserialize::deserialize(data),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.0 {
            Some(data) => seed.deserialize(data),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"newtype variant")),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Some(data) => de::Deserializer::deserialize_seq(data, visitor),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"tuple variant")),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Some(data) => de::Deserializer::deserialize_map(data, visitor),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"struct variant")),
        }
    }
}
