//! JSON text → [`Value`], with the path of a syntax error tracked while parsing.
//!
//! serde_json does the tokenising. The visitor below keeps a stack of the keys and
//! indices it is inside; when serde_json fails, the stack is left as it was at the
//! failure, so the error names the value being read (`$.visits[3].first_day`) without
//! scanning the text a second time. Repeated keys are refused here, in O(n log n) per
//! object, so nothing in a document is silently dropped.

use crate::error::{Error, Result};
use crate::location::{Location, Segment};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

/// A parsed JSON value. Objects keep their members in document order. Keys and strings
/// borrow from the text where they can (no escapes), so reading a large document
/// allocates little more than its arrays and objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A non-negative whole number.
    UInt(u64),
    /// A negative whole number.
    Int(i64),
    /// A number with a fraction or exponent, or a whole number beyond 64 bits.
    Float(f64),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object; keys are unique (a repeated key is a parse error).
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl Value<'_> {
    /// The same value, owning its strings.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(b),
            Value::UInt(n) => Value::UInt(n),
            Value::Int(n) => Value::Int(n),
            Value::Float(x) => Value::Float(x),
            Value::String(s) => Value::String(Cow::Owned(s.into_owned())),
            Value::Array(items) => Value::Array(items.into_iter().map(Value::into_owned).collect()),
            Value::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }
}

impl fmt::Display for Value<'_> {
    /// How a value is named in error messages: `string "x"`, `integer 3`, `an object` ….
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "boolean `{b}`"),
            Value::UInt(n) => write!(f, "integer `{n}`"),
            Value::Int(n) => write!(f, "integer `{n}`"),
            // serde_json's shortest form (the page's module has no other float printer).
            Value::Float(x) => write!(
                f,
                "floating point `{}`",
                serde_json::to_string(x).unwrap_or_default()
            ),
            Value::String(s) => write!(f, "string {s:?}"),
            Value::Array(_) => f.write_str("an array"),
            Value::Object(_) => f.write_str("an object"),
        }
    }
}

/// Parses JSON text. A syntax error, a repeated key or nesting deeper than serde_json's
/// limit (128) is an [`Error::Json`] located at the value being read. A byte-order mark
/// at the start (as some editors on Windows write) is skipped.
pub fn parse(text: &str) -> Result<Value<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let stack = RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = ValueSeed { stack: &stack }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| Error::Json {
        at: Location::Json(
            stack
                .into_inner()
                .into_iter()
                .map(Step::into_segment)
                .collect(),
        ),
        message: e.to_string(),
    })
}

/// A step of the path being read. Keys borrow from the text (most have no escapes), so
/// the path costs no allocation per member; it becomes a [`Segment`] only on an error.
enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

impl Step<'_> {
    fn into_segment(self) -> Segment {
        match self {
            Step::Key(k) => Segment::Key(k.into_owned()),
            Step::Index(i) => Segment::Index(i),
        }
    }
}

/// The path of the value being read.
type Stack<'de> = RefCell<Vec<Step<'de>>>;

/// Reads one value; pushes its own key or index on the stack while it is read, so that a
/// failure inside leaves the path of the failing value.
struct ValueSeed<'s, 'de> {
    stack: &'s Stack<'de>,
}

struct Member<'s, 'de> {
    stack: &'s Stack<'de>,
    at: Step<'de>,
}

impl<'de> DeserializeSeed<'de> for Member<'_, 'de> {
    type Value = Value<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value<'de>, D::Error> {
        self.stack.borrow_mut().push(self.at);
        let v = ValueSeed { stack: self.stack }.deserialize(d)?;
        self.stack.borrow_mut().pop();
        Ok(v)
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, 'de> {
    type Value = Value<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, 'de> {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, b: bool) -> std::result::Result<Value<'de>, E> {
        Ok(Value::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> std::result::Result<Value<'de>, E> {
        Ok(Value::UInt(n))
    }
    fn visit_i64<E>(self, n: i64) -> std::result::Result<Value<'de>, E> {
        Ok(if n >= 0 {
            Value::UInt(n as u64)
        } else {
            Value::Int(n)
        })
    }
    fn visit_f64<E>(self, x: f64) -> std::result::Result<Value<'de>, E> {
        Ok(Value::Float(x))
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> std::result::Result<Value<'de>, E> {
        Ok(Value::String(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> std::result::Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> std::result::Result<Value<'de>, E> {
        Ok(Value::String(Cow::Owned(s)))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Value<'de>, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Value<'de>, D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value<'de>, A::Error> {
        let mut items = Vec::new();
        loop {
            let at = Step::Index(items.len());
            match seq.next_element_seed(Member {
                stack: self.stack,
                at,
            })? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value<'de>, A::Error> {
        let mut members: Vec<(Cow<'de, str>, Value<'de>)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            // Small objects: a scan per key; larger ones are checked once, sorted, below.
            if members.len() < 16 && members.iter().any(|(k, _)| *k == key) {
                return Err(self.duplicate(key.into_owned()));
            }
            let at = Step::Key(key.clone());
            let value = map.next_value_seed(Member {
                stack: self.stack,
                at,
            })?;
            members.push((key, value));
        }
        if members.len() > 16 {
            let mut order: Vec<usize> = (0..members.len()).collect();
            order.sort_unstable_by(|&a, &b| members[a].0.cmp(&members[b].0).then(a.cmp(&b)));
            // The repeat that comes first in the document is the one reported.
            let repeat = order
                .windows(2)
                .filter(|w| members[w[0]].0 == members[w[1]].0)
                .map(|w| w[1])
                .min();
            if let Some(i) = repeat {
                return Err(self.duplicate(members.swap_remove(i).0.into_owned()));
            }
        }
        Ok(Value::Object(members))
    }
}

impl ValueSeed<'_, '_> {
    fn duplicate<E: serde::de::Error>(&self, key: String) -> E {
        let e = E::custom(format_args!("duplicate field `{key}`"));
        self.stack.borrow_mut().push(Step::Key(Cow::Owned(key)));
        e
    }
}

/// Object keys, which JSON always writes as strings. (String's own `Deserialize` would
/// also link serde's messages for every other kind of value, and with them std's float
/// printing: about 7 KB of WebAssembly.)
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> std::result::Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E>(self, s: &str) -> std::result::Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> std::result::Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(s))
    }
}

impl<'de> serde::Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let stack = RefCell::new(Vec::new());
        ValueSeed { stack: &stack }.deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of(text: &str) -> String {
        parse(text).unwrap_err().location().to_string()
    }

    #[test]
    fn syntax_errors_name_the_value_being_read() {
        assert_eq!(path_of(r#"{"a": [1, {"b": tru}]}"#), "$.a[1].b");
        assert_eq!(path_of(r#"{"a": [1, 2"#), "$.a");
        assert_eq!(path_of(r#"{"a": 1,}"#), "$");
        assert_eq!(path_of(r#"{"a.b": {"c": x}}"#), r#"$["a.b"].c"#);
        assert_eq!(path_of("[1] 2"), "$");
        assert_eq!(path_of(""), "$");
    }

    #[test]
    fn repeated_keys_are_refused_in_small_and_large_objects() {
        assert_eq!(path_of(r#"{"x": {"a": 1, "a": 2}}"#), "$.x.a");
        let many: Vec<String> = (0..1000).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}, \"k500\": 0, \"k7\": 0}}", many.join(","));
        let err = parse(&text).unwrap_err();
        assert_eq!(err.location().to_string(), "$.k500");
        assert!(err.to_string().contains("duplicate field `k500`"), "{err}");
        assert!(parse(&format!("{{{}}}", many.join(","))).is_ok());
    }

    #[test]
    fn nesting_is_limited_and_big_integers_are_floats() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(&deep)
            .unwrap_err()
            .to_string()
            .contains("recursion limit"));
        assert_eq!(
            parse("123456789012345678901234567890").unwrap(),
            Value::Float(1.2345678901234568e29)
        );
    }
}
