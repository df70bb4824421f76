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

    /// The same error located at `path` (for errors raised where the path is unknown,
    /// such as a county lookup); errors without a path are returned unchanged.
    pub(crate) fn at(self, path: impl Into<String>) -> Self {
        match self {
            Error::UnknownCounty {
                query, suggestion, ..
            } => Error::UnknownCounty {
                path: path.into(),
                query,
                suggestion,
            },
            Error::Invalid { message, .. } => Error::Invalid {
                path: path.into(),
                message,
            },
            Error::Json { message, .. } => Error::Json {
                path: path.into(),
                message,
            },
            other => other,
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
pub fn parse_json<T: crate::reader::FromJson>(text: &str) -> Result<T> {
    crate::reader::read_json(text)
}

/// Parses JSON text into `T` (the reader's [`crate::reader::Value`] tree), turning a
/// serde_json failure into [`Error::Json`] with the path.
///
/// What fails here is the text itself: syntax, a repeated key, nesting deeper than 128.
/// serde_json reports where as a line and column; [`path_at`] turns that position back
/// into the JSON path. Wrong types and unknown fields are found afterwards by the reader,
/// which knows the path as it goes.
pub(crate) fn from_json_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        let offset = byte_offset(text, e.line(), e.column());
        Error::Json {
            path: path_at(text, offset),
            message: e.to_string(),
        }
    })
}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// The JSON path (`$.visits[2].first_day`) of the value being read at byte `offset`:
/// the text is scanned up to and including that byte, keeping a stack of the objects
/// (with their current key) and arrays (with their current index) still open. A closing
/// bracket at the offset itself is not consumed, so "missing field" errors, reported at
/// the end of an object, name that object.
pub(crate) fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut expecting_key = false;
    let mut closing = false;
    let mut i = 0;
    while i < bytes.len() && i <= offset {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object { key: None });
                expecting_key = true;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                expecting_key = false;
            }
            b'}' | b']' if i == offset => {
                closing = true;
                break;
            }
            b'}' | b']' => {
                stack.pop();
                expecting_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key }) => {
                    *key = None;
                    expecting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b':' => expecting_key = false,
            b'"' => {
                let (s, end) = read_string(bytes, i + 1);
                if expecting_key {
                    if let Some(Frame::Object { key }) = stack.last_mut() {
                        *key = Some(s);
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    if closing {
        // The error is about the container being closed, not its last member.
        match stack.last_mut() {
            Some(Frame::Object { key }) => *key = None,
            Some(Frame::Array { .. }) => {
                stack.pop();
                stack.push(Frame::Object { key: None });
            }
            None => {}
        }
    }
    let mut path = String::from("$");
    for f in &stack {
        match f {
            Frame::Object { key: Some(k) } => {
                path.push('.');
                path.push_str(k);
            }
            Frame::Object { key: None } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Reads a JSON string starting after its opening quote; returns its text and the index
/// of the closing quote (or the end of the input).
fn read_string(bytes: &[u8], mut i: usize) -> (String, usize) {
    let start = i;
    let mut escaped = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if !escaped => escaped = true,
            b'"' if !escaped => break,
            _ => escaped = false,
        }
        i += 1;
    }
    let raw = String::from_utf8_lossy(&bytes[start..i.min(bytes.len())]);
    // Unescaped by the document reader's own parse (one JSON parser in the module).
    let text = match serde_json::from_str(&format!("\"{raw}\"")) {
        Ok(crate::reader::Value::String(s)) => s,
        _ => raw.into_owned(),
    };
    (text, i)
}

#[cfg(test)]
mod tests {
    use super::path_at;

    #[test]
    fn paths_from_positions() {
        let text = r#"{"a": [1, {"b": "x", "c": [true, null]}], "d\"e": 2}"#;
        let at = |needle: &str| path_at(text, text.find(needle).unwrap() + needle.len() - 1);
        assert_eq!(at("1"), "$.a[0]");
        assert_eq!(at("\"x\""), "$.a[1].b");
        assert_eq!(at("null"), "$.a[1].c[1]");
        assert_eq!(at("2"), "$.d\"e");
        assert_eq!(path_at(text, text.find("]}").unwrap() + 1), "$.a[1]");
        assert_eq!(path_at(text, text.len() - 1), "$");
    }
}
