//! Attendance, thresholds, analytics, allocation and the ledger.

use campaign_core::io::{attendance_from_csv, ledger_from_csv};
use campaign_core::materials::{
    Allocation, AllocationRequest, Channel, EntryKind, Ledger, LedgerEntry, Strategy as Split,
};
use campaign_core::participation::{Attendance, AttendanceRecord, Dimension};
use campaign_core::table::Values;
use campaign_core::{Campaign, Error, RegionSet};
use proptest::prelude::*;
use std::collections::BTreeMap;

const SAMPLE_ATTENDANCE: &str = include_str!("../../examples/data/sample_attendance_2017.csv");
const SAMPLE_LEDGER: &str = include_str!("../../examples/data/sample_ledger_2017.csv");

fn ints(t: &campaign_core::table::Table, col: &str) -> Vec<Option<i64>> {
    match t.column(col) {
        Some(Values::Int(v)) => v.clone(),
        other => panic!("{col}: {other:?}"),
    }
}

fn strs(t: &campaign_core::table::Table, col: &str) -> Vec<String> {
    match t.column(col) {
        Some(Values::Str(v)) => v.clone(),
        other => panic!("{col}: {other:?}"),
    }
}

#[test]
fn sample_2017_data_loads_and_gives_threshold_results() {
    let c = Campaign::builtin_2017();
    let sheet = attendance_from_csv(&c, SAMPLE_ATTENDANCE).unwrap();
    assert!(sheet.is_clean(), "{:?}", sheet.errors);
    assert_eq!(sheet.rows.len(), 114);
    let a = Attendance::new(c.clone(), sheet.rows).unwrap();
    let t = a.threshold_results();
    assert_eq!(t.len(), 6, "one workshop per visit has a rule");
    let outcomes: BTreeMap<String, (String, Option<i64>)> = strs(&t, "visit")
        .into_iter()
        .zip(strs(&t, "outcome").into_iter().zip(ints(&t, "short_by")))
        .collect();
    assert_eq!(outcomes["kukes-2017"], ("short".into(), Some(3)));
    assert_eq!(outcomes["durres-2017"].0, "met");
    let summary = a.threshold_summary(Dimension::County).unwrap();
    assert_eq!(ints(&summary, "met").iter().flatten().sum::<i64>(), 4);
    assert!(a.threshold_summary(Dimension::Sex).is_err());

    let mut ledger = Ledger::new(c.regions(), "leaflets", 50_000, None).unwrap();
    let entries = ledger_from_csv(&mut ledger, SAMPLE_LEDGER).unwrap();
    assert!(entries.is_clean(), "{:?}", entries.errors);
    let issued: i64 = entries
        .rows
        .iter()
        .filter(|e| e.kind == EntryKind::Issue)
        .map(|e| e.quantity)
        .sum();
    assert_eq!(ledger.remaining_stock(), 50_000 - issued + 80 + 50);
    let summary = a.county_summary(Some(&ledger));
    assert_eq!(
        ints(&summary, "leaflets").iter().flatten().sum::<i64>(),
        ledger.net_issued()
    );
}

#[test]
fn analytics_totals_equal_the_sum_of_their_parts() {
    let c = Campaign::builtin_2017();
    let a = Attendance::new(
        c.clone(),
        attendance_from_csv(&c, SAMPLE_ATTENDANCE).unwrap().rows,
    )
    .unwrap();
    let total = a.total() as i64;
    assert!(total > 1000);
    for d in Dimension::ALL {
        let t = a.participation_by(d);
        assert_eq!(
            ints(&t, "participants").iter().flatten().sum::<i64>(),
            total,
            "{d:?}"
        );
    }
    let s = a.county_summary(None);
    let (p, f, m, n) = (
        ints(&s, "participants"),
        ints(&s, "female"),
        ints(&s, "male"),
        ints(&s, "sex_not_recorded"),
    );
    for i in 0..s.len() {
        assert_eq!(p[i], Some(f[i].unwrap() + m[i].unwrap() + n[i].unwrap()));
    }
}

#[test]
fn bad_attendance_rows_are_reported_separately_with_line_and_column() {
    let c = Campaign::builtin_2017();
    let csv = "visit,session,repetition,female,male,under_18,adult\n\
               durres-2017,workshop,1,20,15,0,35\n\
               durres-2017,lunch,1,1,1,0,2\n\
               durres-2017,school,9,1,1,2,0\n\
               tirana-2017,workshop,1,1,1,0,2\n\
               durres-2017,workshop,1,x,1,0,2\n\
               durres-2017,workshop,1,3,1,0,2\n\
               durres-2017,school,2,40,38,78,0\n";
    let sheet = attendance_from_csv(&c, csv).unwrap();
    assert_eq!(sheet.lines, vec![2, 8]);
    let where_: Vec<(u64, u64)> = sheet
        .errors
        .iter()
        .map(|e| e.line_column().unwrap())
        .collect();
    // lunch: session column; school #9: repetition; tirana: visit; x: female; 3+1 ≠ 0+2: age column (absent → past the end).
    assert_eq!(where_, vec![(3, 2), (4, 3), (5, 1), (6, 4), (7, 8)]);
    let header = attendance_from_csv(&c, "visit,session,names\n").unwrap_err();
    assert_eq!(header.line_column(), Some((1, 3)));
}

#[test]
fn attendance_json_errors_have_paths() {
    let c = Campaign::builtin_2017();
    let err = Attendance::from_json(c.clone(), r#"[{"visit":"durres-2017","session":"workshop","female":3,"adult":3},{"visit":"durres-2017","session":"workshop","name":"x"}]"#).unwrap_err();
    assert_eq!(err.path().as_deref(), Some("$[1].name"));
    let err = Attendance::from_json(c.clone(), r#"[{"visit":"durres-2017","session":"nope"}]"#)
        .unwrap_err();
    assert_eq!(err.path().as_deref(), Some("$[0].session"));
}

fn entry(county: &str, channel: Channel, kind: EntryKind, quantity: i64) -> LedgerEntry {
    LedgerEntry {
        date: "2017-10-17".parse().unwrap(),
        county: county.into(),
        channel,
        kind,
        quantity,
        session: None,
        note: None,
    }
}

#[test]
fn ledger_refuses_over_issue_and_changes_nothing() {
    let al = RegionSet::albania();
    let alloc = Allocation::compute(
        al,
        &AllocationRequest {
            stock: 12_000,
            strategy: Split::Equal,
            minimum: 0,
            pack: 1,
            counties: None,
        },
    )
    .unwrap();
    let mut l = Ledger::new(al, "leaflets", 12_000, Some(&alloc)).unwrap();
    l.record(entry("Durrës", Channel::School, EntryKind::Issue, 900))
        .unwrap();
    let before = (l.balance_table(), l.entries().to_vec());
    let err = l
        .record(entry("Durrës", Channel::Institution, EntryKind::Issue, 101))
        .unwrap_err();
    assert!(matches!(err, Error::Refused { .. }), "{err}");
    assert!(err.to_string().contains("allocation"));
    assert!(matches!(
        l.record(entry("Durrës", Channel::Institution, EntryKind::Return, 1))
            .unwrap_err(),
        Error::Refused { .. }
    ));
    assert!(matches!(
        l.record(entry("Durrës", Channel::School, EntryKind::Issue, 0))
            .unwrap_err(),
        Error::Invalid { .. }
    ));
    assert!(matches!(
        l.record(entry("Atlantis", Channel::School, EntryKind::Issue, 1))
            .unwrap_err(),
        Error::UnknownCounty { .. }
    ));
    assert_eq!((l.balance_table(), l.entries().to_vec()), before);
    l.record(entry("Durrës", Channel::Institution, EntryKind::Issue, 100))
        .unwrap();
    assert_eq!(l.remaining_stock(), 11_000);
}

fn arb_strategy() -> impl proptest::strategy::Strategy<Value = Split> {
    let names = [
        "Berat",
        "Durrës",
        "Elbasan",
        "Fier",
        "Gjirokastër",
        "Korçë",
        "Kukës",
        "Lezhë",
        "Dibër",
        "Shkodër",
        "Tiranë",
        "Vlorë",
    ];
    prop_oneof![
        Just(Split::Equal),
        (2011..2030i32).prop_map(|year| Split::Population { year }),
        prop::collection::vec(0.0..1000.0f64, 12).prop_map(move |w| Split::Weights(
            names.iter().map(|n| n.to_string()).zip(w).collect()
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn allocations_sum_to_the_stock_and_respect_minimum_and_packs(
        stock in 0..200_000u64, strategy in arb_strategy(), minimum in 0..5_000u64, pack in 1..500u64,
    ) {
        let req = AllocationRequest { stock, strategy, minimum, pack, counties: None };
        match Allocation::compute(RegionSet::albania(), &req) {
            Ok(a) => {
                prop_assert_eq!(a.shares.iter().map(|s| s.quantity).sum::<u64>() + a.reserve, stock);
                prop_assert!(a.reserve < pack);
                for s in &a.shares {
                    prop_assert_eq!(s.quantity % pack, 0);
                    prop_assert!(s.quantity >= minimum, "{} < {}", s.quantity, minimum);
                }
            }
            Err(e) => {
                // Only impossible requests fail: minimums that cannot fit, or all-zero weights.
                let fits = minimum.div_ceil(pack) * 12 <= stock / pack;
                let zero = matches!(&req.strategy, Split::Weights(w) if w.values().sum::<f64>() <= 0.0);
                prop_assert!(!fits || zero, "{e}");
            }
        }
    }

    #[test]
    fn ledger_balance_is_stock_minus_issues_plus_returns(
        ops in prop::collection::vec((0..12usize, 0..3usize, 0..3usize, -300..600i64), 0..60), stock in 0..5_000u64,
    ) {
        let al = RegionSet::albania();
        let mut l = Ledger::new(al, "leaflets", stock, None).unwrap();
        let (mut issued, mut returned) = (0i64, 0i64);
        for (county, channel, kind, q) in ops {
            let kind = [EntryKind::Issue, EntryKind::Return, EntryKind::Correction][kind];
            let e = entry(&al.regions()[county].code, Channel::ALL[channel], kind, q);
            let before = (l.balance_table(), l.entries().len(), l.remaining_stock());
            match l.record(e) {
                Ok(()) => match kind {
                    EntryKind::Issue => issued += q,
                    EntryKind::Return => returned += q,
                    EntryKind::Correction => if q > 0 { issued += q } else { returned -= q },
                },
                Err(_) => prop_assert_eq!((l.balance_table(), l.entries().len(), l.remaining_stock()), before),
            }
            prop_assert_eq!(l.remaining_stock(), stock as i64 - issued + returned);
            prop_assert!(l.remaining_stock() >= 0);
        }
    }

    #[test]
    fn participation_groupings_add_up(rows in prop::collection::vec((0..6usize, 0..6usize, 0..50u32, 0..50u32, 0..5u32), 0..80)) {
        let c = Campaign::builtin_2017();
        let sessions = ["committee", "workshop", "civil_society", "education_staff", "employment_office", "school"];
        let records: Vec<AttendanceRecord> = rows.into_iter().map(|(v, s, f, m, nr)| AttendanceRecord {
            visit: c.visit_id(v).to_owned(), session: sessions[s].into(), repetition: None, audience: None,
            female: f, male: m, sex_not_recorded: nr, under_18: f, adult: m, age_not_recorded: nr, notes: None,
        }).collect();
        let a = Attendance::new(c.clone(), records).unwrap();
        for d in Dimension::ALL {
            prop_assert_eq!(ints(&a.participation_by(d), "participants").iter().flatten().sum::<i64>(), a.total() as i64);
        }
        prop_assert_eq!(ints(&a.county_summary(None), "participants").iter().flatten().sum::<i64>(), a.total() as i64);
    }
}

/// Splits records into the columns a DataFrame would hand over.
type Columns = (
    Vec<i64>,
    Vec<String>,
    Vec<i64>,
    Vec<String>,
    Vec<i64>,
    Vec<i64>,
    Vec<String>,
    [Vec<i64>; 6],
);

fn columns_of(records: &[AttendanceRecord]) -> Columns {
    fn factorize(values: impl Iterator<Item = Option<String>>) -> (Vec<i64>, Vec<String>) {
        let mut labels: Vec<String> = Vec::new();
        let codes = values
            .map(|v| match v {
                None => -1,
                Some(v) => match labels.iter().position(|l| *l == v) {
                    Some(i) => i as i64,
                    None => {
                        labels.push(v);
                        labels.len() as i64 - 1
                    }
                },
            })
            .collect();
        (codes, labels)
    }
    let (vc, vl) = factorize(records.iter().map(|r| Some(r.visit.clone())));
    let (sc, sl) = factorize(records.iter().map(|r| Some(r.session.clone())));
    let (ac, al) = factorize(records.iter().map(|r| r.audience.clone()));
    let rep = records
        .iter()
        .map(|r| r.repetition.unwrap_or(1) as i64)
        .collect();
    let counts = [
        records.iter().map(|r| r.female as i64).collect(),
        records.iter().map(|r| r.male as i64).collect(),
        records.iter().map(|r| r.sex_not_recorded as i64).collect(),
        records.iter().map(|r| r.under_18 as i64).collect(),
        records.iter().map(|r| r.adult as i64).collect(),
        records.iter().map(|r| r.age_not_recorded as i64).collect(),
    ];
    (vc, vl, sc, sl, rep, ac, al, counts)
}

#[test]
fn columns_and_records_give_the_same_tables() {
    use campaign_core::participation::{AttendanceColumns, Coded, Headcount};
    let c = std::sync::Arc::new(Campaign::builtin_2017());
    let records = attendance_from_csv(&c, SAMPLE_ATTENDANCE).unwrap().rows;
    let from_records = Attendance::new(c.clone(), records.clone()).unwrap();
    let (vc, vl, sc, sl, rep, ac, al, counts) = columns_of(&records);
    let cols = AttendanceColumns {
        visit: Coded {
            codes: &vc,
            labels: &vl,
        },
        session: Coded {
            codes: &sc,
            labels: &sl,
        },
        repetition: Some(&rep),
        audience: Some(Coded {
            codes: &ac,
            labels: &al,
        }),
        counts: Headcount {
            female: Some(&counts[0]),
            male: Some(&counts[1]),
            sex_not_recorded: Some(&counts[2]),
            under_18: Some(&counts[3]),
            adult: Some(&counts[4]),
            age_not_recorded: Some(&counts[5]),
        },
    };
    let from_columns = Attendance::from_columns(c.clone(), &cols).unwrap();
    assert_eq!(
        from_columns.threshold_results(),
        from_records.threshold_results()
    );
    for d in Dimension::ALL {
        assert_eq!(
            from_columns.participation_by(d),
            from_records.participation_by(d),
            "{d:?}"
        );
    }
    assert_eq!(
        from_columns.county_summary(None),
        from_records.county_summary(None)
    );

    // Errors name the column and the row.
    let mut bad = counts.clone();
    bad[0][5] += 1;
    let cols = AttendanceColumns {
        counts: Headcount {
            female: Some(&bad[0]),
            male: Some(&bad[1]),
            sex_not_recorded: Some(&bad[2]),
            under_18: Some(&bad[3]),
            adult: Some(&bad[4]),
            age_not_recorded: Some(&bad[5]),
        },
        ..cols
    };
    assert_eq!(
        Attendance::from_columns(c.clone(), &cols)
            .unwrap_err()
            .path()
            .as_deref(),
        Some("$.age_not_recorded[5]")
    );
    let mut bad_rep = rep.clone();
    bad_rep[0] = 7;
    let cols = AttendanceColumns {
        repetition: Some(&bad_rep),
        ..cols
    };
    assert_eq!(
        Attendance::from_columns(c, &cols)
            .unwrap_err()
            .path()
            .as_deref(),
        Some("$.repetition[0]")
    );
}
