//! Typed errors for every way an input can be wrong.
//!
//! Every variant says *what* is wrong and *where*: a JSON path such as
//! `visits[2].first_day`, or a CSV line and column.

use serde::Serialize;

/// The crate-wide result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when loading, validating or operating on a campaign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The JSON text is not well-formed or a value has the wrong type or an unknown field.
    #[error("invalid document at {path}: {message}")]
    Json {
        /// JSON path of the offending value (`$` is the document root).
        path: String,
        /// What the parser expected.
        message: String,
    },
    /// The document parsed, but a value breaks a rule of the model.
    #[error("invalid value at {path}: {message}")]
    Invalid {
        /// JSON path of the offending value.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A county name or code that matches no county of the region set.
    #[error("unknown county {query:?} at {path}{}", suggestion_text(.suggestion))]
    UnknownCounty {
        /// JSON path (or `$` for a direct lookup) where the name was found.
        path: String,
        /// The name as written.
        query: String,
        /// The closest county name, if one is reasonably close.
        suggestion: Option<String>,
    },
    /// A CSV input has a bad row or cell.
    #[error("invalid CSV at line {line}, column {column}: {message}")]
    Csv {
        /// 1-based line number in the file.
        line: u64,
        /// 1-based column number, or the name of a missing column's position.
        column: u64,
        /// What is wrong with the cell.
        message: String,
    },
    /// An operation that would break a ledger or stock invariant; nothing was changed.
    #[error("refused: {message}")]
    Refused {
        /// Why the operation was refused.
        message: String,
    },
}

fn suggestion_text(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" (did you mean {s}?)"),
        None => String::new(),
    }
}

/// A stable, machine-readable code for each error kind (used by the bindings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorCode {
    /// See [`Error::Json`].
    InvalidJson,
    /// See [`Error::Invalid`].
    InvalidValue,
    /// See [`Error::UnknownCounty`].
    UnknownCounty,
    /// See [`Error::Csv`].
    InvalidCsv,
    /// See [`Error::Refused`].
    Refused,
}

impl ErrorCode {
    /// The code as a string, e.g. `"UNKNOWN_COUNTY"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "INVALID_JSON",
            ErrorCode::InvalidValue => "INVALID_VALUE",
            ErrorCode::UnknownCounty => "UNKNOWN_COUNTY",
            ErrorCode::InvalidCsv => "INVALID_CSV",
            ErrorCode::Refused => "REFUSED",
        }
    }
}

impl Error {
    /// The stable code of this error.
    ///
    /// ```
    /// use campaign_core::{Campaign, ErrorCode};
    /// let err = Campaign::from_json("{").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidJson);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Json { .. } => ErrorCode::InvalidJson,
            Error::Invalid { .. } => ErrorCode::InvalidValue,
            Error::UnknownCounty { .. } => ErrorCode::UnknownCounty,
            Error::Csv { .. } => ErrorCode::InvalidCsv,
            Error::Refused { .. } => ErrorCode::Refused,
        }
    }

    /// The JSON path of the error, when the input was JSON.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Json { path, .. }
            | Error::Invalid { path, .. }
            | Error::UnknownCounty { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The CSV line and column of the error, when the input was CSV.
    pub fn line_column(&self) -> Option<(u64, u64)> {
        match self {
            Error::Csv { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Parses JSON into any of the library's input types (options, ledger entries,
/// allocation requests …); failures are [`Error::Json`] with the path of the bad field.
///
/// ```
/// let err = campaign_core::error::parse_json::<campaign_core::CheckOptions>(r#"{"disabled": [1]}"#).unwrap_err();
/// assert_eq!(err.path(), Some("$.disabled[0]"));
/// ```
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    from_json_str(text)
}

/// Parses JSON into `T`, turning any serde failure into [`Error::Json`] with the path.
pub(crate) fn from_json_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = json_path(&e.path().to_string());
        let inner = e.into_inner();
        let message = inner.to_string();
        Error::Json { path, message }
    })
}

/// Converts serde_path_to_error's `a.b[0].c` form into a rooted JSON path `$.a.b[0].c`.
fn json_path(p: &str) -> String {
    if p == "." || p.is_empty() {
        "$".to_string()
    } else if p.starts_with('[') {
        format!("${p}")
    } else {
        format!("$.{p}")
    }
}
