//! Typed errors for every way an input can be wrong.
//!
//! Every variant says *what* is wrong and *where*, as a [`Location`]: a JSON path such
//! as `$.visits[2].first_day`, or a CSV line and column.

use crate::location::{Location, Segment};
use campaign_core_derive::Names;
use serde::Serialize;

/// The crate-wide result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when loading, validating or operating on a campaign.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The JSON text is not well-formed or a value has the wrong type or an unknown field.
    #[error("invalid document at {at}: {message}")]
    Json {
        /// Where the offending value is.
        at: Location,
        /// What the reader expected.
        message: String,
    },
    /// The input parsed, but a value breaks a rule of the model.
    #[error("invalid value at {at}: {message}")]
    Invalid {
        /// Where the offending value is.
        at: Location,
        /// What is wrong with it.
        message: String,
    },
    /// A county name or code that matches no county of the region set.
    #[error("unknown county {query:?} at {at}{}", suggestion_text(.suggestion))]
    UnknownCounty {
        /// Where the name was found.
        at: Location,
        /// The name as written.
        query: String,
        /// The closest county name, if one is reasonably close.
        suggestion: Option<String>,
    },
    /// A CSV input or a spreadsheet has a bad row or cell (code `INVALID_CSV` for both).
    #[error("invalid {} at {at}: {message}", sheet_kind(.at))]
    Csv {
        /// The line and column of the cell.
        at: Location,
        /// What is wrong with the cell.
        message: String,
    },
    /// An operation that would break a ledger or stock invariant; nothing was changed.
    #[error("refused at {at}: {message}")]
    Refused {
        /// The value that was refused (e.g. `$[4].quantity` of a list of entries).
        at: Location,
        /// Why the operation was refused.
        message: String,
    },
    /// A value past one of the library's limits (see [`crate::limits`]).
    #[error("limit exceeded at {at}: {message}")]
    Limit {
        /// Where the value is.
        at: Location,
        /// Which limit.
        limit: crate::limits::Limit,
        /// The value and the limit.
        message: String,
    },
}

/// What a table error is in: a CSV file or a spreadsheet.
fn sheet_kind(at: &Location) -> &'static str {
    match at {
        Location::Cell { .. } => "spreadsheet",
        _ => "CSV",
    }
}

fn suggestion_text(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" (did you mean {s}?)"),
        None => String::new(),
    }
}

/// A stable, machine-readable code for each error kind (used by the bindings), written
/// `INVALID_JSON`, `UNKNOWN_COUNTY` ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Names)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
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
    /// See [`Error::Limit`].
    LimitExceeded,
}

impl Error {
    /// An [`Error::Invalid`] at `at`.
    pub fn invalid(at: impl Into<Location>, message: impl Into<String>) -> Self {
        Error::Invalid {
            at: at.into(),
            message: message.into(),
        }
    }

    /// An [`Error::Refused`] at `at`.
    pub fn refused(at: impl Into<Location>, message: impl Into<String>) -> Self {
        Error::Refused {
            at: at.into(),
            message: message.into(),
        }
    }

    /// An [`Error::Csv`] at a line and column.
    pub fn csv(line: u64, column: u64, message: impl Into<String>) -> Self {
        Error::Csv {
            at: Location::Csv { line, column },
            message: message.into(),
        }
    }

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
            Error::Limit { .. } => ErrorCode::LimitExceeded,
        }
    }

    /// Where the error is.
    pub fn location(&self) -> &Location {
        match self {
            Error::Json { at, .. }
            | Error::Invalid { at, .. }
            | Error::UnknownCounty { at, .. }
            | Error::Csv { at, .. }
            | Error::Refused { at, .. }
            | Error::Limit { at, .. } => at,
        }
    }

    /// The same error found at `to` instead (a value validated in a document that was
    /// built from a CSV sheet or a frame is reported where the user wrote it).
    pub(crate) fn relocated(mut self, to: Location) -> Self {
        match &mut self {
            Error::Json { at, .. }
            | Error::Invalid { at, .. }
            | Error::UnknownCounty { at, .. }
            | Error::Csv { at, .. }
            | Error::Refused { at, .. }
            | Error::Limit { at, .. } => *at = to,
        }
        self
    }

    /// The JSON path of the error as text (`$.visits[0].county`), when the input was JSON.
    ///
    /// ```
    /// let err = campaign_core::Campaign::from_json(r#"{"format_version": "1"}"#).unwrap_err();
    /// assert_eq!(err.path().as_deref(), Some("$.format_version"));
    /// ```
    pub fn path(&self) -> Option<String> {
        self.path_segments().map(|_| self.location().to_string())
    }

    /// The JSON path of the error as segments, when the input was JSON.
    pub fn path_segments(&self) -> Option<&[Segment]> {
        self.location().segments()
    }

    /// The CSV line and column of the error, when the input was CSV.
    pub fn line_column(&self) -> Option<(u64, u64)> {
        self.location().line_column()
    }

    /// The limit a value went past, for [`Error::Limit`].
    pub fn limit(&self) -> Option<crate::limits::Limit> {
        match self {
            Error::Limit { limit, .. } => Some(*limit),
            _ => None,
        }
    }

    /// The closest county name, for an unknown county.
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            Error::UnknownCounty { suggestion, .. } => suggestion.as_deref(),
            _ => None,
        }
    }

    /// The message without the location (what the reader expected, what is wrong …).
    pub fn message(&self) -> String {
        match self {
            Error::Json { message, .. }
            | Error::Invalid { message, .. }
            | Error::Csv { message, .. }
            | Error::Refused { message, .. }
            | Error::Limit { message, .. } => message.clone(),
            Error::UnknownCounty {
                query, suggestion, ..
            } => format!("unknown county {query:?}{}", suggestion_text(suggestion)),
        }
    }
}

/// A name that is none of a fixed set (a language, a rule code, a grouping …): the error
/// of the `FromStr` implementations that `#[derive(Names)]` writes.
///
/// ```
/// let err = "fr".parse::<campaign_core::Lang>().unwrap_err();
/// assert_eq!(err.to_string(), r#"unknown lang "fr", expected one of: sq, en"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {given:?}, expected one of: {}", expected.join(", "))]
pub struct UnknownName {
    /// What was being named (`lang`, `dimension` …).
    pub what: &'static str,
    /// The name as given.
    pub given: String,
    /// Every accepted name.
    pub expected: &'static [&'static str],
}

impl UnknownName {
    /// The error for `given`, which is none of `expected`.
    pub fn new(what: &'static str, given: &str, expected: &'static [&'static str]) -> Self {
        UnknownName {
            what,
            given: given.to_owned(),
            expected,
        }
    }
}
