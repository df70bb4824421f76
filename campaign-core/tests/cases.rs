//! The cross-language cases in `tests/cases/cases.json`, run against the Rust core.

use campaign_core::{Campaign, CheckOptions};
use serde_json::Value;
use std::path::PathBuf;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

fn load(doc: &str) -> Campaign {
    if doc == "builtin:2017" {
        return Campaign::builtin_2017();
    }
    let text = std::fs::read_to_string(cases_dir().join(doc)).unwrap();
    Campaign::from_json(&text).unwrap()
}

#[test]
fn shared_cases_give_the_expected_codes() {
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(cases_dir().join("cases.json")).unwrap())
            .unwrap();
    let list = cases["cases"].as_array().unwrap();
    assert!(list.len() >= 4);
    for case in list {
        let c = load(case["document"].as_str().unwrap());
        let opts = match &case["options"] {
            Value::Null => CheckOptions::default(),
            v => CheckOptions::from_json(&v.to_string()).unwrap(),
        };
        let report = c.check_with(&opts).unwrap();
        let mut codes: Vec<&str> = report.findings().map(|f| f.code.as_str()).collect();
        codes.sort_unstable();
        let want: Vec<&str> = case["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            want,
            "{}\n{}",
            case["name"],
            report.to_text(campaign_core::Lang::En)
        );
    }
}

#[test]
fn shared_error_cases_give_code_and_path() {
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(cases_dir().join("cases.json")).unwrap())
            .unwrap();
    for case in cases["errors"].as_array().unwrap() {
        let err = Campaign::from_json(case["json"].as_str().unwrap()).unwrap_err();
        assert_eq!(
            err.code().as_str(),
            case["code"].as_str().unwrap(),
            "{}",
            case["name"]
        );
        assert_eq!(
            err.path().as_deref(),
            case["path"].as_str(),
            "{}: {err}",
            case["name"]
        );
    }
}
