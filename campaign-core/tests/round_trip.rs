//! Every input type reads back what it writes, and hostile shapes of JSON give typed,
//! located errors: deep nesting, integers beyond 64 bits, keys with dots and quotes.

mod arb;

use arb::*;
use campaign_core::reader::{read_json, FromJson};
use campaign_core::{Campaign, CampaignDocument, Error, Segment};
use proptest::prelude::*;
use serde::Serialize;
use std::fmt::Debug;

fn round_trip<T: Serialize + FromJson + PartialEq + Debug>(value: &T) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(value).unwrap();
    let back: T = read_json(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(&back, value);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn documents(doc in arb_any_document()) { round_trip(&doc)?; }

    #[test]
    fn check_options(opts in arb_options()) { round_trip(&opts)?; }

    #[test]
    fn ledger_entries(entry in arb_ledger_entry()) { round_trip(&entry)?; }

    #[test]
    fn allocation_requests(req in arb_allocation_request()) { round_trip(&req)?; }

    #[test]
    fn attendance_records(r in arb_attendance_record()) { round_trip(&r)?; }

    #[test]
    fn templates(t in arb_template()) { round_trip(&t)?; }

    #[test]
    fn region_sets(r in arb_regions()) { round_trip(&r)?; }

    /// A key that needs quoting in a path is named exactly, as text and as segments.
    #[test]
    fn any_key_is_located_exactly(key in "\\PC{0,12}") {
        let mut value = serde_json::json!({"format_version": 1, "name": {"sq": "a", "en": "b"}, "visits": [
            {"county": "Durrës", "first_day": "2017-10-16", "last_day": "2017-10-17", "parameters": {}}
        ]});
        value["visits"][0]["parameters"][key.as_str()] = serde_json::json!("x");
        let err = read_json::<CampaignDocument>(&value.to_string()).unwrap_err();
        let want = [Segment::Key("visits".into()), Segment::Index(0), Segment::Key("parameters".into()), Segment::Key(key.clone())];
        prop_assert_eq!(err.path_segments().unwrap(), &want[..]);
        let text = err.path().unwrap();
        let bare = !key.is_empty() && !key.chars().any(|c| ".[]\"'\\".contains(c) || c.is_whitespace() || c.is_control());
        let rendered = if bare { format!(".{key}") } else { format!("[{}]", serde_json::to_string(&key).unwrap()) };
        prop_assert_eq!(text, format!("$.visits[0].parameters{rendered}"));
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for depth in [127, 128, 129, 10_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let err = Campaign::from_json(&text).unwrap_err();
        assert!(matches!(err, Error::Json { .. }), "{depth}: {err}");
    }
    let deep = format!(
        r#"{{"format_version":1,"name":{{"sq":"a","en":"b"}},"visits":[],"organisers":[{}]}}"#,
        "[".repeat(200) + &"]".repeat(200)
    );
    let err = Campaign::from_json(&deep).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn integers_beyond_64_bits_are_refused_where_a_count_is_expected() {
    for big in ["18446744073709551616", "1e30", "-9223372036854775809"] {
        let text = format!(
            r#"{{"format_version":1,"name":{{"sq":"a","en":"b"}},"visits":[],"materials":[{{"id":"l","label":{{"sq":"a","en":"b"}},"stock":{big}}}]}}"#
        );
        let err = Campaign::from_json(&text).unwrap_err();
        assert_eq!(
            err.path().as_deref(),
            Some("$.materials[0].stock"),
            "{big}: {err}"
        );
    }
    let err = read_json::<u32>("4294967296").unwrap_err();
    assert!(err.to_string().contains("4294967296"), "{err}");
}

#[test]
fn keys_with_dots_and_quotes_render_unambiguously() {
    let err = Campaign::from_json(
        r#"{"format_version":1,"name":{"sq":"a","en":"b"},"visits":[],"a.b\"c":1}"#,
    )
    .unwrap_err();
    assert_eq!(err.path().as_deref(), Some(r#"$["a.b\"c"]"#));
    assert_eq!(
        err.path_segments(),
        Some(&[Segment::Key("a.b\"c".into())][..])
    );
}
