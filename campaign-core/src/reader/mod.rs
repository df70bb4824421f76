//! Reading input documents: JSON text → a small [`Value`] tree → the library's types.
//!
//! Every input type (the campaign document and its parts, check options, ledger
//! entries, attendance records, allocation requests …) implements [`FromJson`], derived
//! from the same `#[serde(...)]` attributes that drive writing and the JSON Schema.
//! The derived code is a list of field names plus one call per field into the helpers
//! below, which every type shares; serde's own derive would instantiate a visitor per
//! type (see DESIGN.md, "Reading documents", for the WebAssembly size this saves).
//!
//! Errors are [`Error::Json`] with the exact JSON path of the value, e.g.
//! `$.visits[0].day_dates[1]`, tracked while reading rather than recovered afterwards.
//! Duplicate keys are refused, so nothing in a document is silently dropped.
//!
//! ```
//! use campaign_core::reader::read_json;
//! use campaign_core::CheckOptions;
//! let err = read_json::<CheckOptions>(r#"{"travel": {"max_hours_per_day": "x"}}"#).unwrap_err();
//! assert_eq!(err.path().as_deref(), Some("$.travel.max_hours_per_day"));
//! ```

mod value;

pub use crate::location::Path;
pub use campaign_core_derive::{FromJson, Names};
pub use value::{parse, Value};

use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveTime};
use std::collections::BTreeMap;
use std::fmt;

/// What reading a value returns: the [`Error`] is boxed, so that `?` in the readers
/// moves one pointer (a sizeable share of the readers' WebAssembly code otherwise).
pub type ReadResult<T> = std::result::Result<T, Box<Error>>;

/// An [`Error::Json`] at `path`.
pub fn error_at(path: &Path<'_>, message: impl fmt::Display) -> Box<Error> {
    Box::new(Error::Json {
        at: path.location(),
        message: message.to_string(),
    })
}

/// The error for a value of the wrong type.
pub fn invalid_type(path: &Path<'_>, found: &Value<'_>, expected: &str) -> Box<Error> {
    error_at(
        path,
        format_args!("invalid type: {found}, expected {expected}"),
    )
}

/// A type read from a JSON value.
pub trait FromJson: Sized {
    /// Reads `value`, found at `path`.
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self>;

    /// The value of a field of this type that the object leaves out: an error
    /// (`missing field`), except for `Option`, which is `None`.
    fn absent(object: &Path<'_>, name: &str) -> ReadResult<Self> {
        Err(error_at(object, format_args!("missing field `{name}`")))
    }
}

/// A type read from an object key (for maps such as `{"TEAM_OVERLAP": "warning"}`).
pub trait FromJsonKey: Sized {
    /// Reads `key`; `path` is the key's own path.
    fn from_key(key: &str, path: &Path<'_>) -> ReadResult<Self>;
}

/// Parses `text` and reads a `T` from it; errors are [`Error::Json`] with the path.
pub fn read_json<T: FromJson>(text: &str) -> Result<T> {
    let value = parse(crate::limits::text(text)?)?;
    T::from_json(&value, &Path::root()).map_err(|e| *e)
}

/// `serde::Deserialize` for the types deriving `FromJson`: reads a [`Value`], then the
/// type from it (the error message carries the JSON path within that value).
pub fn deserialize_through_reader<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromJson,
{
    let value = <Value as serde::Deserialize>::deserialize(d)?;
    T::from_json(&value, &Path::root()).map_err(serde::de::Error::custom)
}

/// `` `a`, `b`, `c` ``: written in place, without a `String` per name to join (the
/// page's module then needs one `join` for `&str` only).
fn one_of(names: &[&str]) -> String {
    let mut out = String::new();
    for (k, n) in names.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(n);
        out.push('`');
    }
    out
}

/// Puts in `found` (as long as `fields`) the members of the object `value` named by
/// `fields`, in that order. Members not in `fields` are an error when `deny_unknown`
/// (the documents' types all deny them).
#[doc(hidden)]
pub fn object<'v, 'a>(
    value: &'v Value<'a>,
    path: &Path<'_>,
    fields: &[&str],
    deny_unknown: bool,
    what: &str,
    found: &mut [Option<&'v Value<'a>>],
) -> ReadResult<()> {
    let Value::Object(members) = value else {
        return Err(invalid_type(path, value, &format!("an object ({what})")));
    };
    for (key, v) in members {
        match fields.iter().position(|f| f == key) {
            Some(i) => found[i] = Some(v),
            None if deny_unknown => {
                return Err(error_at(
                    &path.key(key),
                    format_args!("unknown field `{key}`, expected one of {}", one_of(fields)),
                ))
            }
            None => {}
        }
    }
    Ok(())
}

/// A field without a default: read it, or [`FromJson::absent`] when it is left out.
/// (Not inlined: one copy per field type, shared by every struct.)
#[doc(hidden)]
#[inline(never)]
pub fn field<T: FromJson>(
    value: Option<&Value<'_>>,
    object: &Path<'_>,
    name: &str,
) -> ReadResult<T> {
    match value {
        Some(v) => T::from_json(v, &object.key(name)),
        None => T::absent(object, name),
    }
}

/// A field with a default: read it, or `None` when it is left out.
#[doc(hidden)]
#[inline(never)]
pub fn field_opt<T: FromJson>(
    value: Option<&Value<'_>>,
    object: &Path<'_>,
    name: &str,
) -> ReadResult<Option<T>> {
    match value {
        Some(v) => T::from_json(v, &object.key(name)).map(Some),
        None => Ok(None),
    }
}

/// A unit-only enum value: `"name"` (or `{"name": null}`); its position in `names`.
#[doc(hidden)]
pub fn unit_variant(
    value: &Value<'_>,
    path: &Path<'_>,
    names: &[&str],
    what: &str,
) -> ReadResult<usize> {
    let (index, data) = variant(value, path, names, what)?;
    no_payload(data, path, names[index])?;
    Ok(index)
}

/// The position of `name` in `names`, or an `unknown variant` error at `path`.
#[doc(hidden)]
pub fn name_index(name: &str, names: &[&str], path: &Path<'_>) -> ReadResult<usize> {
    names.iter().position(|n| *n == name).ok_or_else(|| {
        error_at(
            path,
            format_args!(
                "unknown variant `{name}`, expected one of {}",
                one_of(names)
            ),
        )
    })
}

/// An externally tagged enum value: `"name"`, or `{"name": data}`. Returns the
/// variant's position in `names` and its data, if any.
#[doc(hidden)]
pub fn variant<'v, 'a>(
    value: &'v Value<'a>,
    path: &Path<'_>,
    names: &[&str],
    what: &str,
) -> ReadResult<(usize, Option<&'v Value<'a>>)> {
    match value {
        Value::String(s) => Ok((name_index(s, names, path)?, None)),
        Value::Object(members) if members.len() == 1 => {
            let (key, data) = &members[0];
            Ok((name_index(key, names, path)?, Some(data)))
        }
        _ => Err(invalid_type(
            path,
            value,
            &format!("{what}: one of {}", one_of(names)),
        )),
    }
}

/// The data of a variant that needs some.
#[doc(hidden)]
pub fn payload<'v, 'a>(
    data: Option<&'v Value<'a>>,
    path: &Path<'_>,
    name: &str,
) -> ReadResult<&'v Value<'a>> {
    data.ok_or_else(|| {
        error_at(
            path,
            format_args!("`{name}` needs a value: {{\"{name}\": …}}"),
        )
    })
}

/// A unit variant written as `{"name": …}`.
#[doc(hidden)]
pub fn no_payload(data: Option<&Value<'_>>, path: &Path<'_>, name: &str) -> ReadResult<()> {
    match data {
        None | Some(Value::Null) => Ok(()),
        Some(_) => Err(error_at(
            path,
            format_args!("`{name}` takes no value: write \"{name}\""),
        )),
    }
}

impl FromJson for Value<'static> {
    fn from_json(value: &Value<'_>, _: &Path<'_>) -> ReadResult<Self> {
        Ok(value.clone().into_owned())
    }
}

impl FromJson for String {
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
        match value {
            Value::String(s) => Ok(s.to_string()),
            other => Err(invalid_type(path, other, "a string")),
        }
    }
}

impl FromJsonKey for String {
    fn from_key(key: &str, _: &Path<'_>) -> ReadResult<Self> {
        Ok(key.to_owned())
    }
}

impl FromJson for bool {
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(invalid_type(path, other, "true or false")),
        }
    }
}

/// A whole number that fits `T`.
fn integer<T: TryFrom<u64> + TryFrom<i64>>(
    value: &Value<'_>,
    path: &Path<'_>,
    what: &str,
) -> ReadResult<T> {
    let fits = match value {
        Value::UInt(n) => T::try_from(*n).ok(),
        Value::Int(n) => T::try_from(*n).ok(),
        other => return Err(invalid_type(path, other, what)),
    };
    fits.ok_or_else(|| {
        error_at(
            path,
            format_args!("invalid value: {value}, expected {what}"),
        )
    })
}

macro_rules! integers {
    ($($t:ty => $what:literal),*) => {$(
        impl FromJson for $t {
            fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
                integer(value, path, $what)
            }
        }
    )*};
}

integers! {
    u8 => "a whole number from 0 to 255",
    u32 => "a whole number from 0 to 4294967295",
    u64 => "a whole number from 0 to 18446744073709551615",
    usize => "a whole number from 0",
    i32 => "a whole number from -2147483648 to 2147483647",
    i64 => "a whole number"
}

impl FromJson for f64 {
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
        match value {
            Value::UInt(n) => Ok(*n as f64),
            Value::Int(n) => Ok(*n as f64),
            Value::Float(x) => Ok(*x),
            other => Err(invalid_type(path, other, "a number")),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
        match value {
            Value::Null => Ok(None),
            v => T::from_json(v, path).map(Some),
        }
    }

    fn absent(_: &Path<'_>, _: &str) -> ReadResult<Self> {
        Ok(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
        match value {
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, v) in items.iter().enumerate() {
                    out.push(T::from_json(v, &path.index(i))?);
                }
                Ok(out)
            }
            other => Err(invalid_type(path, other, "an array")),
        }
    }
}

impl<K: FromJsonKey + Ord, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
        match value {
            Value::Object(members) => {
                let mut out = BTreeMap::new();
                for (k, v) in members {
                    let at = path.key(k);
                    out.insert(K::from_key(k, &at)?, V::from_json(v, &at)?);
                }
                Ok(out)
            }
            other => Err(invalid_type(path, other, "an object")),
        }
    }
}

/// A value written in a fixed text form (`2017-10-16`, `09:30`): a string that `parse`
/// accepts. `noun` and `form` make the message for a bad string ("invalid date …:
/// expected …"), `expected` the one for a value that is not a string.
fn text_form<T>(
    value: &Value<'_>,
    path: &Path<'_>,
    parse: fn(&str) -> Option<T>,
    noun: &str,
    form: &str,
    expected: &str,
) -> ReadResult<T> {
    match value {
        Value::String(s) => parse(s)
            .ok_or_else(|| error_at(path, format_args!("invalid {noun} {s:?}: expected {form}"))),
        other => Err(invalid_type(path, other, expected)),
    }
}

impl FromJson for NaiveDate {
    /// A date as `YYYY-MM-DD` within the dates the library reads ([`crate::limits`]).
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
        let form = "YYYY-MM-DD, a real calendar date";
        let expected = "a date as YYYY-MM-DD";
        let day = text_form(
            value,
            path,
            crate::isodate::parse_ymd,
            "date",
            form,
            expected,
        )?;
        Ok(crate::limits::date(path, day)?)
    }
}

impl FromJson for NaiveTime {
    fn from_json(value: &Value<'_>, path: &Path<'_>) -> ReadResult<Self> {
        let form = "HH:MM or HH:MM:SS";
        let expected = "a time of day as HH:MM";
        text_form(
            value,
            path,
            crate::isodate::parse_hm,
            "time",
            form,
            expected,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: FromJson>(text: &str) -> Result<T> {
        read_json(text)
    }

    #[test]
    fn scalars_and_containers() {
        assert_eq!(read::<u32>("7").unwrap(), 7);
        assert_eq!(read::<f64>("7").unwrap(), 7.0);
        assert_eq!(read::<i64>("-7").unwrap(), -7);
        assert_eq!(read::<Option<String>>("null").unwrap(), None);
        assert_eq!(
            read::<Vec<bool>>("[true,false]").unwrap(),
            vec![true, false]
        );
        let m = read::<BTreeMap<String, u64>>(r#"{"b":2,"a":1}"#).unwrap();
        assert_eq!(
            m.into_iter().collect::<Vec<_>>(),
            [("a".into(), 1), ("b".into(), 2)]
        );
    }

    #[test]
    fn errors_name_the_value_and_where_it_is() {
        let e = read::<Vec<u32>>("[1, 2, -3]").unwrap_err();
        assert_eq!(e.path().as_deref(), Some("$[2]"));
        assert!(e.to_string().contains("integer `-3`"), "{e}");
        let e = read::<Vec<u32>>("[1, 4294967296]").unwrap_err();
        assert_eq!(e.path().as_deref(), Some("$[1]"));
        let e = read::<BTreeMap<String, Vec<String>>>(r#"{"a": ["x", 1.5]}"#).unwrap_err();
        assert_eq!(e.path().as_deref(), Some("$.a[1]"));
        assert!(
            e.to_string()
                .contains("floating point `1.5`, expected a string"),
            "{e}"
        );
        let e = read::<u8>("\"1\"").unwrap_err();
        assert_eq!(e.to_string(), "invalid document at $: invalid type: string \"1\", expected a whole number from 0 to 255");
    }

    #[test]
    fn duplicate_keys_are_refused_not_dropped() {
        let e = read::<BTreeMap<String, u32>>(r#"{"a": {"x": 1}}"#).unwrap_err();
        assert_eq!(e.path().as_deref(), Some("$.a"));
        let e = read::<BTreeMap<String, u32>>(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap_err();
        assert!(e.to_string().contains("duplicate field `a`"), "{e}");
    }

    #[test]
    fn dates_and_times() {
        let d = read::<Vec<NaiveDate>>(r#"["2017-10-16"]"#).unwrap();
        assert_eq!(d[0], NaiveDate::from_ymd_opt(2017, 10, 16).unwrap());
        let e = read::<Vec<NaiveDate>>(r#"["2017-10-16", "2017-02-30"]"#).unwrap_err();
        assert_eq!(e.path().as_deref(), Some("$[1]"));
        assert!(e.to_string().contains("2017-02-30"));
        assert!(read::<NaiveTime>(r#""25:00""#).is_err());
        assert_eq!(
            read::<NaiveTime>(r#""09:30""#).unwrap(),
            NaiveTime::from_hms_opt(9, 30, 0).unwrap()
        );
    }

    // The derive, on the library's own types.

    #[test]
    fn externally_tagged_enums() {
        use crate::template::Repeat;
        use crate::threshold::ParticipantRule;
        assert_eq!(
            read::<ParticipantRule>(r#"{"more_than": 30}"#).unwrap(),
            ParticipantRule::MoreThan(30)
        );
        assert_eq!(
            read::<ParticipantRule>(r#"{"between": {"min": 1, "max": 2}}"#).unwrap(),
            ParticipantRule::Between { min: 1, max: 2 }
        );
        assert_eq!(
            read::<Repeat>(r#"{"parameter": "schools"}"#).unwrap(),
            Repeat::Parameter("schools".into())
        );
        let e = read::<ParticipantRule>(r#"{"over": 30}"#).unwrap_err();
        assert!(
            e.to_string().contains(
                "unknown variant `over`, expected one of `more_than`, `at_least`, `between`"
            ),
            "{e}"
        );
        let e = read::<ParticipantRule>(r#""more_than""#).unwrap_err();
        assert!(e.to_string().contains("`more_than` needs a value"), "{e}");
        let e =
            read::<ParticipantRule>(r#"{"between": {"min": 1, "max": 2, "mid": 1}}"#).unwrap_err();
        assert_eq!(e.path().as_deref(), Some("$.between.mid"));
        let e = read::<ParticipantRule>(r#"{"between": {"min": 1}}"#).unwrap_err();
        assert_eq!(
            (
                e.path().as_deref(),
                e.to_string().contains("missing field `max`")
            ),
            (Some("$.between"), true)
        );
        let e = read::<ParticipantRule>(r#"{"more_than": 1, "at_least": 2}"#).unwrap_err();
        assert_eq!(e.path().as_deref(), Some("$"));
    }

    #[test]
    fn unit_enums_as_values_and_keys() {
        use crate::checks::{RuleCode, Severity};
        use crate::template::SessionKind;
        let k: SessionKind = read(r#""civil_society_meeting""#).unwrap();
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            r#""civil_society_meeting""#
        );
        let m: BTreeMap<RuleCode, Severity> = read(r#"{"TEAM_OVERLAP": "warning"}"#).unwrap();
        assert_eq!(m[&RuleCode::TeamOverlap], Severity::Warning);
        let e =
            read::<BTreeMap<RuleCode, Severity>>(r#"{"TEAM_OVERLAPS": "warning"}"#).unwrap_err();
        assert_eq!(e.path().as_deref(), Some("$.TEAM_OVERLAPS"));
        let e = read::<Severity>(r#"{"warning": 1}"#).unwrap_err();
        assert!(e.to_string().contains("takes no value"), "{e}");
        // Every variant reads back from its written name.
        for code in RuleCode::ALL {
            assert_eq!(
                read::<RuleCode>(&serde_json::to_string(&code).unwrap()).unwrap(),
                code
            );
            assert_eq!(code.as_str().parse::<RuleCode>(), Ok(code));
        }
    }

    #[test]
    fn defaults_field_and_container() {
        use crate::checks::CheckOptions;
        use crate::template::TemplateSession;
        let o: CheckOptions = read(r#"{"disabled": ["WEEKEND"]}"#).unwrap();
        assert_eq!(o.travel, CheckOptions::default().travel);
        assert_eq!(read::<CheckOptions>("{}").unwrap(), CheckOptions::default());
        let s: TemplateSession = read(
            r#"{"id": "w", "kind": "workshop", "title": {"sq": "a", "en": "b"}, "venue": "institution"}"#,
        )
        .unwrap();
        assert_eq!(
            (s.duration_minutes, s.rule, s.audiences.len()),
            (90, None, 0)
        );
    }

    #[test]
    fn serde_deserialize_goes_through_the_reader() {
        use crate::threshold::ParticipantRule;
        let r: ParticipantRule = serde_json::from_str(r#"{"at_least": 31}"#).unwrap();
        assert_eq!(r, ParticipantRule::AtLeast(31));
        let e = serde_json::from_str::<ParticipantRule>(r#"{"at_least": -1}"#).unwrap_err();
        assert!(e.to_string().contains("$.at_least"), "{e}");
    }
}
