//! A campaign read from a frame keeps its visits as columns and builds the document's
//! visits only when asked. Against an oracle that reads the frame cell by cell into
//! `Visit`s and validates the document as written, on random frames whose text columns
//! come in every layout a binding passes (Arrow strings with missing flags, labels with
//! missing codes, text, numbers, absent): the same error, the same document, the same
//! findings from every rule.

use campaign_core::columns::{Cell, Frame, FrameColumn};
use campaign_core::{io, Campaign, CampaignDocument, Text, Visit, CALENDAR_COLUMNS};
use chrono::NaiveDate;
use proptest::prelude::*;

mod arb;

use arb::{day, COUNTY_NAMES};

/// How a text field is laid out in the frame.
#[derive(Debug, Clone, Copy)]
enum Layout {
    Strings,
    Labels,
    Text,
    /// Only for ids: the column holds numbers (each row's position, or NaN when missing).
    Numbers,
}

/// A column's owned buffers, borrowed by [`FrameColumn`].
enum Owned {
    Strings(Vec<i64>, String, Vec<bool>),
    Labels(Vec<i64>, Vec<String>),
    Text(Vec<Option<String>>),
    Float(Vec<f64>),
    Date(Vec<i64>),
}

impl Owned {
    fn text(values: &[Option<String>], layout: Layout) -> Owned {
        match layout {
            Layout::Strings => {
                // As a slice of a longer Arrow array: the offsets start inside the buffer.
                let mut data = "ëx".to_string();
                let (mut offsets, mut missing) = (vec![data.len() as i64], vec![]);
                for v in values {
                    data.push_str(v.as_deref().unwrap_or(""));
                    offsets.push(data.len() as i64);
                    missing.push(v.is_none());
                }
                data.push_str("past the last row");
                Owned::Strings(offsets, data, missing)
            }
            Layout::Labels => {
                let mut labels: Vec<String> = vec![];
                let codes = values
                    .iter()
                    .map(|v| match v {
                        None => -1,
                        Some(s) => match labels.iter().position(|l| l == s) {
                            Some(i) => i as i64,
                            None => {
                                labels.push(s.clone());
                                labels.len() as i64 - 1
                            }
                        },
                    })
                    .collect();
                Owned::Labels(codes, labels)
            }
            Layout::Text => Owned::Text(values.to_vec()),
            Layout::Numbers => Owned::Float(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| if v.is_some() { i as f64 } else { f64::NAN })
                    .collect(),
            ),
        }
    }

    fn column(&self) -> FrameColumn<'_> {
        match self {
            Owned::Strings(offsets, data, missing) => FrameColumn::Strings {
                offsets,
                data,
                missing,
            },
            Owned::Labels(codes, labels) => FrameColumn::Labels { codes, labels },
            Owned::Text(values) => FrameColumn::Text(values),
            Owned::Float(v) => FrameColumn::Float(v),
            Owned::Date(v) => FrameColumn::Date(v),
        }
    }
}

/// The oracle: the frame read cell by cell into visits, as a user of the public
/// `Frame::cell` would, then the document validated as written.
fn oracle(name: Text, frame: &Frame) -> campaign_core::Result<Campaign> {
    let mut visits = vec![];
    for row in 0..frame.len() {
        let date = |col: &str| -> campaign_core::Result<NaiveDate> {
            let at = campaign_core::Path::frame_row(row);
            let cell = frame.cell(col, row);
            let d = cell.date().ok_or_else(|| {
                campaign_core::Error::invalid(
                    at.key(col),
                    format!(
                        "{:?} is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
                        cell.text().unwrap_or_default()
                    ),
                )
            })?;
            campaign_core::limits::date(&at.key(col), d)
        };
        let (first, last) = (date("first_day")?, date("last_day")?);
        let at = campaign_core::Path::frame_row(row);
        let county = frame.cell("county", row);
        if matches!(county, Cell::Empty) {
            return Err(campaign_core::Error::invalid(
                at.key("county"),
                "empty county",
            ));
        }
        if last < first {
            return Err(campaign_core::Error::invalid(
                at.key("last_day"),
                format!("last day {last} is before first day {first}"),
            ));
        }
        let mut v = Visit::new(county.text().unwrap_or_default(), first, last);
        v.team = frame.cell("team", row).text();
        v.round = frame.cell("round", row).text();
        v.id = frame.cell("id", row).text();
        visits.push(v);
    }
    let doc = CampaignDocument::from_visits(name, visits);
    // Validation's errors are moved to the frame's cells by `campaign_from_frame`; the
    // oracle compares them by message and visit position instead.
    Campaign::new(doc)
}

/// Where `campaign_from_frame` reports an error that validation found at `path`:
/// `$.visits[3].team` is `$.team[3]`, and a visit's other fields are its county's cell.
fn at_cell(path: String) -> String {
    let Some(rest) = path.strip_prefix("$.visits[") else {
        return path;
    };
    let (row, field) = rest.split_once(']').unwrap();
    let field = field.trim_start_matches('.');
    let field = if CALENDAR_COLUMNS.names().contains(&field) {
        field
    } else {
        "county"
    };
    format!("$.{field}[{row}]")
}

#[derive(Debug, Clone)]
struct Row {
    county: Option<String>,
    first: u32,
    length: i64,
    team: Option<String>,
    round: Option<String>,
    id: Option<String>,
}

fn arb_row() -> impl Strategy<Value = Row> {
    let county = prop_oneof![
        60 => (0..12usize).prop_map(|i| Some(COUNTY_NAMES[i].to_string())),
        1 => Just(Some("Atlantis".to_string())),
        1 => Just(None),
    ];
    let named = |pool: &'static [&'static str]| prop_oneof![3 => prop::sample::select(pool).prop_map(|s| Some(s.to_string())), 1 => Just(None)];
    (
        county,
        0..120u32,
        prop_oneof![150 => 0..4i64, 1 => Just(-1i64)],
        named(&["t0", "t1", "t2", "ekipi-ë"]),
        named(&["r1", "r2"]),
        prop_oneof![200 => (0..100_000u32).prop_map(|i| Some(format!("v{i}"))), 1 => Just(Some(String::new())), 20 => Just(None)],
    )
        .prop_map(|(county, first, length, team, round, id)| Row {
            county,
            first,
            length,
            team,
            round,
            id,
        })
}

fn arb_layout() -> impl Strategy<Value = Layout> {
    prop_oneof![
        Just(Layout::Strings),
        Just(Layout::Labels),
        Just(Layout::Text)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_frame_read_as_columns_is_the_frame_read_cell_by_cell(
        rows in prop::collection::vec(arb_row(), 0..40),
        layouts in (arb_layout(), arb_layout(), arb_layout(), prop_oneof![arb_layout(), Just(Layout::Numbers)]),
        present in (any::<bool>(), any::<bool>(), any::<bool>()),
        dates_as_text in any::<bool>(),
    ) {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let column = |f: fn(&Row) -> Option<String>| rows.iter().map(f).collect::<Vec<_>>();
        let days = |last: bool| -> Vec<NaiveDate> {
            rows.iter().map(|r| {
                let d = day(r.first);
                if last { d + chrono::Duration::days(r.length) } else { d }
            }).collect()
        };
        let date_column = |d: Vec<NaiveDate>| if dates_as_text {
            Owned::text(&d.iter().map(|d| Some(d.format("%d.%m.%Y").to_string())).collect::<Vec<_>>(), Layout::Strings)
        } else {
            Owned::Date(d.iter().map(|d| (*d - epoch).num_days()).collect())
        };
        let mut owned = vec![
            ("county", Owned::text(&column(|r| r.county.clone()), layouts.0)),
            ("first_day", date_column(days(false))),
            ("last_day", date_column(days(true))),
        ];
        if present.0 {
            owned.push(("team", Owned::text(&column(|r| r.team.clone()), layouts.1)));
        }
        if present.1 {
            owned.push(("round", Owned::text(&column(|r| r.round.clone()), layouts.2)));
        }
        if present.2 {
            owned.push(("id", Owned::text(&column(|r| r.id.clone()), layouts.3)));
        }
        let columns: Vec<(&str, FrameColumn)> = owned.iter().map(|(n, c)| (*n, c.column())).collect();
        let frame = Frame::new(&CALENDAR_COLUMNS, &columns).unwrap();
        let name = Text::new("Provë", "Test");
        let got = io::campaign_from_frame(name.clone(), &frame);
        let want = oracle(name, &frame);
        match (got, want) {
            (Ok(got), Ok(want)) => {
                arb::prop_assert_same_campaign(&got, &want)?;
                prop_assert_eq!(got.clone().into_document(), want.document().clone());
                prop_assert_eq!(got.into_document(), want.into_document());
            }
            (Err(got), Err(want)) => {
                // Same problem; a validation error is at the frame's cell rather than at
                // `$.visits[i]`.
                prop_assert_eq!(got.message(), want.message());
                prop_assert_eq!(got.code(), want.code());
                prop_assert_eq!(got.path(), want.path().map(at_cell));
            }
            (got, want) => prop_assert!(false, "columns: {:?}, cell by cell: {:?}", got.map(|_| ()), want.map(|_| ())),
        }
    }
}
