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

/// A calendar field of [`PlainVisits`] (id, county, team, round, first day or last
/// day), from [`PlainVisits::field`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlainField(u8);

/// Visits that hold only the calendar fields (`id`, `county`, `first_day`, `last_day`,
/// `team`, `round`), all as text, written field by field: how a binding hands a
/// document's visits to [`super::Campaign::from_value_and_visits`] without building a
/// [`crate::reader::Value`] and a [`Visit`] for each (Python's `Campaign.from_dict`).
///
/// Days are read as the JSON reader reads them (`YYYY-MM-DD`, within the dates the
/// library reads). Anything else — another field, a day that does not read, a visit
/// without county or days — is refused with `false`: the caller then reads the whole
/// document the general way, which names what is wrong.
///
/// ```
/// use campaign_core::PlainVisits;
/// let mut v = PlainVisits::with_capacity(1);
/// assert!(v.set("county", "Durrës") && v.set("first_day", "2017-10-16"));
/// assert!(v.set("last_day", "2017-10-17") && v.end_visit());
/// assert!(!v.set("note", "a field the calendar has not"));
/// assert!(!v.set("first_day", "16.10.2017"));
/// assert_eq!(v.len(), 1);
/// ```
#[derive(Debug, Default)]
pub struct PlainVisits {
    /// The text fields' columns being written, in [`PlainVisits::TEXT`] order.
    text: [ColumnWriter; 4],
    first_day: Vec<NaiveDate>,
    last_day: Vec<NaiveDate>,
    /// The visit being written: its days, and which fields it has set (a bit each).
    days: [Option<NaiveDate>; 2],
    set: u8,
}

/// A text column written row by row.
#[derive(Debug, Default)]
struct ColumnWriter {
    data: String,
    offsets: Vec<usize>,
    missing: Vec<bool>,
}

impl ColumnWriter {
    fn with_capacity(rows: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        ColumnWriter {
            data: String::new(),
            offsets,
            missing: Vec::with_capacity(rows),
        }
    }

    fn column(self) -> TextColumn {
        if self.missing.iter().all(|&m| m) {
            return TextColumn::Absent;
        }
        TextColumn::Buffer {
            data: self.data,
            offsets: self.offsets,
            missing: self.missing,
        }
    }
}

impl PlainVisits {
    /// The text fields, in the order of the writers.
    const TEXT: [&'static str; 4] = ["id", "county", "team", "round"];

    /// Room for `visits` visits.
    pub fn with_capacity(visits: usize) -> Self {
        PlainVisits {
            text: std::array::from_fn(|_| ColumnWriter::with_capacity(visits)),
            first_day: Vec::with_capacity(visits),
            last_day: Vec::with_capacity(visits),
            days: [None; 2],
            set: 0,
        }
    }

    /// Sets `field` of the visit being written to `value`; `false` (and nothing set)
    /// when `field` is not a calendar field or is set twice, or when a day does not
    /// read as `YYYY-MM-DD` within the dates the library reads.
    pub fn set(&mut self, field: &str, value: &str) -> bool {
        PlainVisits::field(field).is_some_and(|f| self.set_field(f, value))
    }

    /// The calendar field named `name`, if it is one: a reader that meets the same
    /// key in every visit looks it up once and sets it with [`PlainVisits::set_field`].
    pub fn field(name: &str) -> Option<PlainField> {
        match name {
            "first_day" => Some(PlainField(4)),
            "last_day" => Some(PlainField(5)),
            _ => Self::TEXT
                .iter()
                .position(|&f| f == name)
                .map(|k| PlainField(k as u8)),
        }
    }

    /// [`PlainVisits::set`] for a field already looked up.
    pub fn set_field(&mut self, field: PlainField, value: &str) -> bool {
        let bit = field.0;
        if self.set & (1 << bit) != 0 {
            return false;
        }
        match bit.checked_sub(4) {
            Some(d) => {
                let Some(day) = crate::isodate::parse_ymd(value).filter(|&day| {
                    crate::limits::date(&crate::location::Path::root(), day).is_ok()
                }) else {
                    return false;
                };
                self.days[usize::from(d)] = Some(day);
            }
            None => self.text[usize::from(bit)].data.push_str(value),
        }
        self.set |= 1 << bit;
        true
    }

    /// Ends the visit being written; `false` (and the visit dropped) when it lacks its
    /// county or a day.
    pub fn end_visit(&mut self) -> bool {
        let set = std::mem::take(&mut self.set);
        let [Some(first), Some(last)] = std::mem::take(&mut self.days) else {
            self.unwrite();
            return false;
        };
        if set & 0b10 == 0 {
            self.unwrite();
            return false;
        }
        for (k, w) in self.text.iter_mut().enumerate() {
            w.offsets.push(w.data.len());
            w.missing.push(set & (1 << k) == 0);
        }
        self.first_day.push(first);
        self.last_day.push(last);
        true
    }

    /// Drops the text of the visit being written.
    fn unwrite(&mut self) {
        for w in &mut self.text {
            let end = w.offsets.last().copied().unwrap_or(0);
            w.data.truncate(end);
        }
    }

    /// Number of visits written.
    pub fn len(&self) -> usize {
        self.first_day.len()
    }

    /// True when no visit has been written.
    pub fn is_empty(&self) -> bool {
        self.first_day.is_empty()
    }

    /// The visits as rows.
    pub(crate) fn into_rows(self) -> VisitRows {
        let [id, county, team, round] = self.text.map(ColumnWriter::column);
        VisitRows {
            id,
            county,
            first_day: self.first_day,
            last_day: self.last_day,
            team,
            round,
        }
    }
}
