//! Bilingual labels.

use crate::reader::FromJson;
use schemars::JsonSchema;
use serde::Serialize;

/// A label or message in Albanian (`sq`) and English (`en`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Albanian.
    pub sq: String,
    /// English.
    pub en: String,
}

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, FromJson, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Albanian.
    Sq,
    /// English.
    #[default]
    En,
}

impl Text {
    /// Builds a label from its two languages.
    pub fn new(sq: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            sq: sq.into(),
            en: en.into(),
        }
    }

    /// The label in `lang`.
    ///
    /// ```
    /// use campaign_core::{Text, Lang};
    /// let t = Text::new("Punëtori", "Workshop");
    /// assert_eq!(t.get(Lang::Sq), "Punëtori");
    /// ```
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sq => &self.sq,
            Lang::En => &self.en,
        }
    }
}
