//! The committed JSON Schema is the generated one, and it accepts the built-in documents.

use campaign_core::io::document_schema;

const COMMITTED: &str = include_str!("../schema/campaign.schema.json");

#[test]
fn committed_schema_is_up_to_date() {
    let committed: serde_json::Value = serde_json::from_str(COMMITTED).unwrap();
    assert_eq!(
        committed,
        document_schema(),
        "regenerate with: cargo run -p campaign-examples -- schema > campaign-core/schema/campaign.schema.json"
    );
}

#[test]
fn schema_validates_the_2017_document_and_rejects_typos() {
    let schema = document_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let doc: serde_json::Value = serde_json::from_str(campaign_core::CAMPAIGN_2017_JSON).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    for case in ["overlap_2018.json", "bad_2018.json"] {
        let text = std::fs::read_to_string(format!(
            "{}/../tests/cases/{case}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(validator.is_valid(&doc), "{case}");
    }
    let mut bad = doc.clone();
    bad["visits"][0]["teem"] = "a".into();
    assert!(!validator.is_valid(&bad));
    let mut bad = doc;
    bad["visits"][0]["first_day"] = 20171016.into();
    assert!(!validator.is_valid(&bad));
}
