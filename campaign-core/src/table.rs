//! Plain columnar tables: what analytics return and the bindings turn into
//! DataFrames (Python) and arrays of row objects (JS) without recomputing anything.

use serde::Serialize;

/// The values of one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "values", rename_all = "lowercase")]
pub enum Values {
    /// Text.
    Str(Vec<String>),
    /// Whole numbers (`None` where unknown, e.g. no attendance recorded).
    Int(Vec<Option<i64>>),
    /// Real numbers (`None` where undefined, e.g. a rate with no population).
    Float(Vec<Option<f64>>),
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Str(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Float(v) => v.len(),
        }
    }
}

/// A named column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Column name (snake_case).
    pub name: String,
    /// Values, one per row.
    #[serde(flatten)]
    pub values: Values,
}

/// A table of equally long columns.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Table {
    /// The columns, in display order.
    pub columns: Vec<Column>,
}

impl Table {
    /// Adds a column; panics in debug builds if its length differs from the others.
    pub fn with(mut self, name: &str, values: Values) -> Self {
        debug_assert!(self
            .columns
            .first()
            .is_none_or(|c| c.values.len() == values.len()));
        self.columns.push(Column {
            name: name.into(),
            values,
        });
        self
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, |c| c.values.len())
    }

    /// True if the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&Values> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.values)
    }

    /// Rows as JSON objects (for JS and for display).
    pub fn rows(&self) -> Vec<serde_json::Map<String, serde_json::Value>> {
        (0..self.len())
            .map(|i| {
                self.columns
                    .iter()
                    .map(|c| {
                        let v = match &c.values {
                            Values::Str(v) => serde_json::Value::from(v[i].clone()),
                            Values::Int(v) => {
                                v[i].map_or(serde_json::Value::Null, serde_json::Value::from)
                            }
                            Values::Float(v) => {
                                v[i].map_or(serde_json::Value::Null, serde_json::Value::from)
                            }
                        };
                        (c.name.clone(), v)
                    })
                    .collect()
            })
            .collect()
    }

    /// Fixed-width text rendering.
    pub fn to_text(&self) -> String {
        let cells: Vec<Vec<String>> = self
            .columns
            .iter()
            .map(|c| {
                let mut col = vec![c.name.clone()];
                match &c.values {
                    Values::Str(v) => col.extend(v.iter().cloned()),
                    Values::Int(v) => {
                        col.extend(v.iter().map(|x| x.map_or("–".into(), |x| x.to_string())))
                    }
                    Values::Float(v) => col.extend(
                        v.iter()
                            .map(|x| x.map_or("–".into(), |x| format!("{x:.2}"))),
                    ),
                }
                col
            })
            .collect();
        let widths: Vec<usize> = cells
            .iter()
            .map(|c| c.iter().map(|s| s.chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for r in 0..=self.len() {
            let line: Vec<String> = cells
                .iter()
                .zip(&self.columns)
                .zip(&widths)
                .map(|((col, meta), w)| {
                    let pad = w - col[r].chars().count();
                    if matches!(meta.values, Values::Str(_)) {
                        format!("{}{}", col[r], " ".repeat(pad))
                    } else {
                        format!("{}{}", " ".repeat(pad), col[r])
                    }
                })
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}
