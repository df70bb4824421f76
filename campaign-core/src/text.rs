//! Bilingual labels.

use crate::reader::{FromJson, Names};
use schemars::JsonSchema;
use serde::Serialize;
use std::fmt;

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
///
/// ```
/// use campaign_core::Lang;
/// assert_eq!("sq".parse::<Lang>(), Ok(Lang::Sq));
/// assert_eq!(Lang::En.as_str(), "en");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, FromJson, Names, JsonSchema)]
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

/// A number printed with the precision of the format (`{:.1}` → one decimal) by integer
/// arithmetic. Used for the SVG coordinates and the numbers in messages instead of
/// std's float formatting, whose code and tables cost about 7 KB of WebAssembly.
/// Rounds the scaled value half away from zero, so it can differ from std in the last
/// digit where the value is within a rounding error of a tie; finite values only print
/// digits (NaN and infinities print as such).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dec(pub f64);

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if !x.is_finite() {
            return f.write_str(match x {
                x if x.is_nan() => "NaN",
                x if x > 0.0 => "inf",
                _ => "-inf",
            });
        }
        let digits = f.precision().unwrap_or(0).min(9);
        let scale = 10u64.pow(digits as u32);
        // `as` saturates: values past 1.8e19 / scale print as that bound.
        let n = (x.abs() * scale as f64).round() as u64;
        let sign = if x < 0.0 && n != 0 { "-" } else { "" };
        let (int, frac) = (n / scale, n % scale);
        if digits == 0 {
            write!(f, "{sign}{int}")
        } else {
            write!(f, "{sign}{int}.{frac:0digits$}")
        }
    }
}

/// Text as XML or HTML character data or attribute value: `& < > " '` escaped, and the
/// characters XML 1.0 does not allow at all (controls other than tab and line breaks,
/// U+FFFE, U+FFFF) replaced by U+FFFD. Used by the timeline (SVG) and the programme (HTML).
pub(crate) fn markup_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Dec;
    use proptest::prelude::*;

    #[test]
    fn fixed_decimals() {
        assert_eq!(format!("{:.1}", Dec(92.44)), "92.4");
        assert_eq!(format!("{:.0}", Dec(960.0)), "960");
        assert_eq!(format!("{:.2}", Dec(-3.006)), "-3.01");
        assert_eq!(format!("{:.1}", Dec(-0.01)), "0.0");
        assert_eq!(format!("{:.1}", Dec(0.96)), "1.0");
        assert_eq!(format!("{}", Dec(2.5)), "3");
        assert_eq!(format!("{:.1}", Dec(f64::NAN)), "NaN");
    }

    proptest! {
        /// std's formatting is the oracle, except within a rounding error of a tie.
        #[test]
        fn agrees_with_std(x in -1.0e7f64..1.0e7, digits in 0usize..4) {
            let scaled = x.abs() * 10f64.powi(digits as i32);
            prop_assume!((scaled.fract() - 0.5).abs() > 1e-6);
            let ours = format!("{:.*}", digits, Dec(x));
            let std = format!("{:.*}", digits, x);
            let std = if std.trim_start_matches(['-', '0', '.']).is_empty() { std.trim_start_matches('-').to_string() } else { std };
            prop_assert_eq!(ours, std);
        }
    }
}
