//! A document whose visits are handed over as [`PlainVisits`] (what Python's
//! `Campaign.from_dict` does for visits with only calendar fields as text) is the
//! document read whole by [`Campaign::from_value`]: on random documents, some with
//! visits the fast way declines (another field, a value that is not text, a day the
//! reader does not take, no county), the same error or the same campaign, report,
//! document and JSON.

use campaign_core::reader::{parse, Value};
use campaign_core::{Campaign, CampaignDocument, PlainVisits, Text, Visit};
use proptest::prelude::*;

mod arb;

use arb::{arb_any_document, day, COUNTY_NAMES};

/// What a binding does with a document: the visits field by field, or `None` when any
/// visit is not plain (the binding then reads the document whole). The head is the
/// document with an empty visit list.
fn split(doc: &Value<'_>) -> Option<(Value<'static>, PlainVisits)> {
    let Value::Object(members) = doc else {
        return None;
    };
    let Some((_, Value::Array(list))) = members.iter().find(|(k, _)| k == "visits") else {
        return None;
    };
    let mut visits = PlainVisits::with_capacity(list.len());
    for visit in list {
        let Value::Object(fields) = visit else {
            return None;
        };
        for (field, value) in fields {
            let Value::String(value) = value else {
                return None;
            };
            // As the binding does: the field looked up by name, then set.
            let field = PlainVisits::field(field)?;
            if !visits.set_field(field, value) {
                return None;
            }
        }
        if !visits.end_visit() {
            return None;
        }
    }
    let head = members
        .iter()
        .map(|(k, v)| match k.as_ref() {
            "visits" => (k.clone(), Value::Array(vec![])),
            _ => (k.clone(), v.clone()),
        })
        .collect();
    Some((Value::Object(head).into_owned(), visits))
}

/// A visit's change before it is written: most are left as they are.
#[derive(Debug, Clone)]
enum Change {
    None,
    /// `first_day` written another way.
    Day(&'static str),
    NoCounty,
    EmptyCounty,
    /// A field the fast way does not take.
    Note,
    NumberId,
    NullTeam,
}

fn arb_change() -> impl Strategy<Value = Change> {
    prop_oneof![
        300 => Just(Change::None),
        1 => prop::sample::select(vec!["2017-2-3", "16.10.2017", "2017-02-30", "1500-01-01", "2017-10-16 ", "2017-10-16T00:00"]).prop_map(Change::Day),
        1 => Just(Change::NoCounty),
        1 => Just(Change::EmptyCounty),
        1 => Just(Change::Note),
        1 => Just(Change::NumberId),
        1 => Just(Change::NullTeam),
    ]
}

fn arb_plain_visit() -> impl Strategy<Value = Visit> {
    let named = |pool: &'static [&'static str]| {
        prop::option::of(prop::sample::select(pool).prop_map(str::to_string))
    };
    (
        prop_oneof![200 => prop::sample::select(COUNTY_NAMES.to_vec()).prop_map(str::to_string), 1 => Just("Atlantis".to_string())],
        0..200u32,
        prop_oneof![300 => 0..4u32, 1 => Just(400)],
        named(&["t0", "t1", "ekipi-ë"]),
        named(&["r1", "r2"]),
        prop::option::of((0..100_000u32).prop_map(|i| format!("v{i}"))),
    )
        .prop_map(|(county, first, length, team, round, id)| {
            let mut v = Visit::new(county, day(first), day(first + length));
            (v.team, v.round, v.id) = (team, round, id);
            v
        })
}

/// The document as JSON values, with each visit changed as told.
fn written(doc: &CampaignDocument, changes: &[Change]) -> String {
    let mut json = serde_json::to_value(doc).unwrap();
    let visits = json["visits"].as_array_mut().unwrap();
    for (visit, change) in visits.iter_mut().zip(changes) {
        let v = visit.as_object_mut().unwrap();
        match change {
            Change::None => {}
            Change::Day(d) => {
                v.insert("first_day".into(), (*d).into());
            }
            Change::NoCounty => {
                v.remove("county");
            }
            Change::EmptyCounty => {
                v.insert("county".into(), "".into());
            }
            Change::Note => {
                v.insert("note".into(), "shënim".into());
            }
            Change::NumberId => {
                v.insert("id".into(), 7.into());
            }
            Change::NullTeam => {
                v.insert("team".into(), serde_json::Value::Null);
            }
        }
    }
    json.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plain_visits_read_as_the_whole_document_reads(
        visits in prop::collection::vec(arb_plain_visit(), 0..30),
        changes in prop::collection::vec(arb_change(), 30),
        any_head in prop_oneof![3 => Just(None), 1 => arb_any_document().prop_map(Some)],
    ) {
        // Mostly a calendar whose teams and rounds are declared; sometimes any head.
        let doc = match any_head {
            None => CampaignDocument::from_visits(Text::new("Provë", "Test"), visits),
            Some(head) => CampaignDocument { visits, ..head },
        };
        let text = written(&doc, &changes);
        let full = parse(&text).unwrap();
        let want = Campaign::from_value(&full);
        let Some((head, plain)) = split(&full) else {
            // Declined: a visit is not plain; the binding reads the document whole.
            return Ok(());
        };
        match (Campaign::from_value_and_visits(&head, plain), want) {
            (Ok(got), Ok(want)) => {
                arb::prop_assert_same_campaign(&got, &want)?;
            }
            (Err(got), Err(want)) => {
                prop_assert_eq!(got.message(), want.message());
                prop_assert_eq!(got.code(), want.code());
                prop_assert_eq!(got.path(), want.path());
            }
            (got, want) => prop_assert!(false, "plain: {:?}, whole: {:?}", got.map(|_| ()), want.map(|_| ())),
        }
    }
}

/// The fast way declines each kind of visit it does not take, and takes the rest.
#[test]
fn plain_visits_decline_what_they_do_not_take() {
    let doc = CampaignDocument::from_visits(
        Text::new("a", "b"),
        vec![Visit::new("Durrës", day(0), day(1))],
    );
    let takes = |change: Change| split(&parse(&written(&doc, &[change])).unwrap()).is_some();
    assert!(takes(Change::None));
    assert!(
        takes(Change::EmptyCounty),
        "an empty county is validation's to name"
    );
    assert!(
        takes(Change::Day("2017-2-3")),
        "the reader takes one-digit months"
    );
    for change in [
        Change::Day("16.10.2017"),
        Change::Day("2017-02-30"),
        Change::Day("1500-01-01"),
        Change::NoCounty,
        Change::Note,
        Change::NumberId,
        Change::NullTeam,
    ] {
        assert!(!takes(change.clone()), "{change:?}");
    }
    // The fields a reader looks up once: six, each its own; nothing else.
    let names = ["id", "county", "team", "round", "first_day", "last_day"];
    let fields: Vec<_> = names.iter().filter_map(|n| PlainVisits::field(n)).collect();
    assert_eq!(fields.len(), names.len());
    for (a, fa) in fields.iter().enumerate() {
        assert!(fields[a + 1..].iter().all(|fb| fb != fa), "{}", names[a]);
    }
    for other in ["note", "County", "first_day ", "", "visits"] {
        assert_eq!(PlainVisits::field(other), None, "{other:?}");
    }
    let mut v = PlainVisits::with_capacity(1);
    assert!(v.set("county", "Durrës"));
    assert!(!v.set("county", "Kukës"), "a field set twice");
    assert!(
        v.set("first_day", "2017-10-16") && !v.end_visit(),
        "no last day"
    );
    assert!(v.is_empty());
    // A visit refused at its end leaves nothing behind.
    for (f, value) in [
        ("county", "Kukës"),
        ("id", "k"),
        ("first_day", "2017-12-05"),
        ("last_day", "2017-12-07"),
    ] {
        assert!(v.set(f, value));
    }
    assert!(v.end_visit());
    let head = parse(r#"{"format_version":1,"name":{"sq":"a","en":"b"},"visits":[]}"#).unwrap();
    let c = Campaign::from_value_and_visits(&head, v).unwrap();
    assert_eq!(c.document().visits[0].county, "Kukës");
    assert_eq!(c.document().visits[0].id.as_deref(), Some("k"));
}

/// A head that has visits of its own as well is refused, at `$.visits`.
#[test]
fn visits_given_twice_are_refused() {
    let head = parse(r#"{"format_version":1,"name":{"sq":"a","en":"b"},"visits":[{"county":"Durrës","first_day":"2017-10-16","last_day":"2017-10-17"}]}"#).unwrap();
    let e = Campaign::from_value_and_visits(&head, PlainVisits::default()).unwrap_err();
    assert_eq!(e.path().as_deref(), Some("$.visits"));
}
