//! A calendar table's visits kept as columns ([`VisitRows`]): what a campaign built
//! from a frame holds instead of its document's visits, until something asks for them.
//!
//! A calendar table has six fields per visit (county, days, team, round, id). As
//! [`Visit`]s, 10^5 rows are 28 MB and three strings each, built and freed whether or
//! not anything reads them; as columns they are a few buffers. Validation reads the
//! columns directly, and [`super::Campaign::document`] builds the visits the first time
//! it is called (`benchmarks/overlap_pairs.py`, "from a DataFrame").

use super::document::{CampaignDocument, Visit};
use chrono::NaiveDate;
use std::borrow::Cow;

/// What a campaign stores of a table's rows: the rows natively. In WebAssembly a
/// campaign builds its visits at once and stores nothing (`Infallible`: the compiler
/// then drops the code for stored rows, which cost the page's module 5 KB).
#[cfg(not(target_family = "wasm"))]
pub(crate) type Stored = VisitRows;
/// What a campaign stores of a table's rows: nothing in WebAssembly.
#[cfg(target_family = "wasm")]
pub(crate) type Stored = std::convert::Infallible;

/// The rows a [`Stored`] value holds.
pub(crate) trait AsRows {
    /// The rows.
    fn rows(&self) -> &VisitRows;
}

impl AsRows for VisitRows {
    fn rows(&self) -> &VisitRows {
        self
    }
}

impl AsRows for std::convert::Infallible {
    fn rows(&self) -> &VisitRows {
        match *self {}
    }
}

/// One text field of every row.
#[derive(Debug, Clone, Default)]
pub(crate) enum TextColumn {
    /// No row has the field.
    #[default]
    Absent,
    /// Row `i` is `data[offsets[i]..offsets[i + 1]]`, or missing where `missing` says
    /// so (no flags: none missing). A frame's text column in Arrow's layout is copied
    /// as it is, and others are written into this form.
    Buffer {
        /// The rows' text (and possibly text no row points at).
        data: String,
        /// One more than the rows, rising, on character bounds of `data`.
        offsets: Vec<usize>,
        /// Missing flags, one per row, or none.
        missing: Vec<bool>,
    },
    /// Row `i` is `labels[codes[i]]`, missing when the code is negative or past the
    /// labels: a categorical column.
    Labels {
        /// One per row.
        codes: Vec<i64>,
        /// The distinct values.
        labels: Vec<String>,
    },
}

impl TextColumn {
    /// A column with `rows` rows from `text(row)`.
    pub(crate) fn from_fn<'a>(rows: usize, text: impl Fn(usize) -> Option<Cow<'a, str>>) -> Self {
        let mut data = String::new();
        let mut offsets = Vec::with_capacity(rows + 1);
        let mut missing = Vec::with_capacity(rows);
        offsets.push(0);
        for row in 0..rows {
            let t = text(row);
            if let Some(t) = &t {
                data.push_str(t);
            }
            offsets.push(data.len());
            missing.push(t.is_none());
        }
        TextColumn::Buffer {
            data,
            offsets,
            missing,
        }
    }

    /// Row `i`'s text; `None` when missing.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        match self {
            TextColumn::Absent => None,
            TextColumn::Buffer { missing, .. } if missing.get(i) == Some(&true) => None,
            TextColumn::Buffer { data, offsets, .. } => data.get(offsets[i]..offsets[i + 1]),
            TextColumn::Labels { codes, labels } => usize::try_from(codes[i])
                .ok()
                .and_then(|c| labels.get(c))
                .map(String::as_str),
        }
    }
}

/// The visits of a calendar table, as columns of equal length.
#[derive(Debug, Clone, Default)]
pub(crate) struct VisitRows {
    /// Visit ids (missing: `v<position>`).
    pub id: TextColumn,
    /// County codes or names, as written (never missing).
    pub county: TextColumn,
    /// First days.
    pub first_day: Vec<NaiveDate>,
    /// Last days.
    pub last_day: Vec<NaiveDate>,
    /// Team ids.
    pub team: TextColumn,
    /// Round ids.
    pub round: TextColumn,
}

impl VisitRows {
    /// Number of rows.
    pub(crate) fn len(&self) -> usize {
        self.first_day.len()
    }

    /// Row `i` as a visit.
    pub(crate) fn visit(&self, i: usize) -> Visit {
        let mut v = Visit::new(
            self.county.get(i).unwrap_or_default(),
            self.first_day[i],
            self.last_day[i],
        );
        v.team = self.team.get(i).map(str::to_owned);
        v.round = self.round.get(i).map(str::to_owned);
        v.id = self.id.get(i).map(str::to_owned);
        v
    }

    /// Every row as a visit.
    pub(crate) fn to_visits(&self) -> Vec<Visit> {
        (0..self.len()).map(|i| self.visit(i)).collect()
    }

    /// A document named `name` around these rows, without its visits: the teams and
    /// rounds the rows name are declared in order of first appearance, as
    /// [`CampaignDocument::from_visits`] declares them.
    pub(crate) fn head(&self, name: crate::text::Text) -> CampaignDocument {
        let mut doc = CampaignDocument::new(name);
        doc.declare((0..self.len()).map(|i| (self.team.get(i), self.round.get(i))));
        doc
    }
}
