//! The catalogue of malformed and hostile inputs (`tests/cases/hostile.json`), run
//! against the Rust core. Every case gets a typed error at the expected place, or the
//! expected outcome; none panics.

use campaign_core::io::{self, IcsOptions};
use campaign_core::materials::{Allocation, AllocationRequest, Ledger};
use campaign_core::participation::Attendance;
use campaign_core::reader::read_json;
use campaign_core::{Campaign, CheckOptions, Error, Location, Text};
use serde_json::{json, Value};
use std::path::PathBuf;

fn catalogue() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases/hostile.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The input text of a case: given, or generated from `before`, `repeat`, `count`, `join`, `after`.
fn input(case: &Value) -> String {
    match &case["input"] {
        Value::String(s) => s.clone(),
        g => {
            let items: Vec<String> = (0..g["count"].as_u64().unwrap())
                .map(|i| g["repeat"].as_str().unwrap().replace("{i}", &i.to_string()))
                .collect();
            format!(
                "{}{}{}",
                g["before"].as_str().unwrap(),
                items.join(g["join"].as_str().unwrap()),
                g["after"].as_str().unwrap()
            )
        }
    }
}

/// An error as the catalogue writes it.
fn error_json(e: &Error) -> Value {
    let mut out = json!({ "code": e.code().as_str() });
    match e.location() {
        Location::Json(_) => out["path"] = json!(e.path()),
        Location::Csv { line, column }
        | Location::Cell {
            row: line, column, ..
        } => {
            out["line"] = json!(line);
            out["column"] = json!(column);
        }
    }
    out
}

/// What running a case gives, in the catalogue's terms.
fn run(kind: &str, text: &str) -> Result<Value, Error> {
    let c2017 = Campaign::builtin_2017;
    let rows = |errors: &[Error]| json!({ "row_errors": errors.iter().map(error_json).collect::<Vec<_>>() });
    Ok(match kind {
        "document" => outcome(&Campaign::from_json(text)?, &CheckOptions::default())?,
        "document_csv" => {
            let c = io::campaign_from_csv(Text::new("a", "b"), text)?;
            json!({ "ok": true, "visits": c.visits().len() })
        }
        "options" => outcome(&c2017(), &CheckOptions::from_json(text)?)?,
        "attendance_json" => {
            Attendance::from_json(c2017(), text)?;
            json!({ "ok": true })
        }
        "attendance_csv" => rows(&io::attendance_from_csv(&c2017(), text)?.errors),
        "ledger_json" => {
            rows(&Ledger::for_material(&c2017(), "leaflets", None)?.record_json(text)?)
        }
        "ledger_csv" => {
            let mut ledger = Ledger::for_material(&c2017(), "leaflets", None)?;
            rows(&io::ledger_from_csv(&mut ledger, text)?.errors)
        }
        "allocation" => {
            let req: AllocationRequest = read_json(text)?;
            Allocation::compute(campaign_core::RegionSet::albania(), &req)?;
            json!({ "ok": true })
        }
        "ics_stamp" => {
            let stamp = io::parse_stamp(&campaign_core::Path::root().key("stamp"), text)?;
            io::to_ics(&c2017(), &IcsOptions::new(stamp));
            json!({ "ok": true })
        }
        other => panic!("unknown kind {other}"),
    })
}

fn outcome(c: &Campaign, opts: &CheckOptions) -> Result<Value, Error> {
    let report = c.check_with(opts)?;
    let mut codes: Vec<&str> = report.findings().map(|f| f.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    Ok(json!({ "ok": true, "codes": codes, "counts": report.counts, "listed": report.len() }))
}

/// True if `got` shows everything `want` asks for.
fn matches(want: &Value, got: &Value) -> bool {
    want.as_object()
        .unwrap()
        .iter()
        .all(|(k, w)| match k.as_str() {
            "codes_include" => w.as_array().unwrap().iter().all(|c| {
                got["codes"]
                    .as_array()
                    .is_some_and(|codes| codes.contains(c))
            }),
            "suggestion" => true,
            _ => &got[k] == w,
        })
}

#[test]
fn every_hostile_input_gets_its_typed_error_or_outcome() {
    let cat = catalogue();
    let cases = cat["cases"].as_array().unwrap();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let (name, kind, want) = (
            &case["name"],
            case["kind"].as_str().unwrap(),
            &case["expect"],
        );
        let got = match run(kind, &input(case)) {
            Ok(v) => v,
            Err(e) => {
                if let Some(s) = want.get("suggestion") {
                    assert_eq!(e.suggestion(), s.as_str(), "{name}");
                }
                let mut v = error_json(&e);
                v["message"] = json!(e.to_string());
                v
            }
        };
        if !matches(want, &got) {
            failures.push(format!("{name}: want {want}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
