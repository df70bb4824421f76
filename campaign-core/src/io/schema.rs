//! The JSON Schemas of the input formats, generated from the Rust types.

use crate::campaign::CampaignDocument;

/// The JSON Schema of the campaign document, format v1, generated from the types.
pub fn document_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(CampaignDocument);
    serde_json::to_value(schema).expect("schema serialises")
}

/// The JSON Schema of [`crate::CheckOptions`].
pub fn options_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(crate::CheckOptions)).expect("schema serialises")
}
