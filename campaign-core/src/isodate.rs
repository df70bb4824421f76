//! The fixed text forms of dates and times: `2017-10-16`, `16.10.2017`, `09:30`, `20171016`.
//!
//! Hand-written rather than chrono's format strings: the forms are fixed, and chrono's
//! general strftime parser and formatter cost about 25 KB of the WebAssembly module.
//! chrono still does the calendar arithmetic. Used by the document reader (`reader.rs`),
//! CSV import and iCalendar export.

use chrono::{Datelike, NaiveDate, NaiveTime};

/// Reads `min` to `max` ASCII digits as a number; `None` otherwise.
fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.bytes()
        .try_fold(0u32, |n, b| Some(n * 10 + u32::from(b - b'0')))
}

/// Splits `s` into exactly three parts at `sep`.
fn three(s: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut it = s.split(sep);
    let parts = (it.next()?, it.next()?, it.next()?);
    it.next().is_none().then_some(parts)
}

/// A date from its year (4 digits), month and day (1 or 2 digits each) fields.
fn date(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let year = i32::try_from(number(y, 4, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(m, 1, 2)?, number(d, 1, 2)?)
}

/// `YYYY-MM-DD` (month and day may have one digit); `None` unless a real calendar date.
pub(crate) fn parse_ymd(s: &str) -> Option<NaiveDate> {
    // The usual form, `2017-10-16`, read straight from its bytes: splitting at '-'
    // took 13 % of validating the page's 10,000 visits in WebAssembly.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = |ds: &[u8]| ds.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
        let year = i32::try_from(n(&digits[..4])).ok()?;
        return NaiveDate::from_ymd_opt(year, n(&digits[4..6]), n(&digits[6..]));
    }
    let (y, m, d) = three(s, '-')?;
    date(y, m, d)
}

/// `DD<sep>MM<sep>YYYY`, e.g. `16.10.2017` or `16/10/2017`.
pub(crate) fn parse_dmy(s: &str, sep: char) -> Option<NaiveDate> {
    let (d, m, y) = three(s, sep)?;
    date(y, m, d)
}

/// `HH:MM` or `HH:MM:SS`, 24-hour clock.
pub(crate) fn parse_hm(s: &str) -> Option<NaiveTime> {
    let mut it = s.split(':');
    let h = number(it.next()?, 1, 2)?;
    let m = number(it.next()?, 2, 2)?;
    let sec = match it.next() {
        Some(x) => number(x, 2, 2)?,
        None => 0,
    };
    if it.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, sec)
}

/// A UTC time as `20171001T000000Z` (iCalendar) or `2017-10-01T00:00:00Z`, seconds
/// optional, a fraction of a second allowed (`2017-10-01T00:00:00.000Z`, what
/// JavaScript's `toISOString` writes).
pub(crate) fn parse_stamp(s: &str) -> Option<chrono::NaiveDateTime> {
    let s = s.strip_suffix('Z')?;
    let (date, time) = s.split_once('T')?;
    let day = if date.len() == 8 {
        self::date(&date[..4], &date[4..6], &date[6..])?
    } else {
        parse_ymd(date)?
    };
    let time = time.split_once('.').map_or(time, |(t, frac)| {
        if frac.bytes().all(|b| b.is_ascii_digit()) {
            t
        } else {
            "x"
        }
    });
    let time = if time.len() == 6 && time.bytes().all(|b| b.is_ascii_digit()) {
        NaiveTime::from_hms_opt(
            number(&time[..2], 2, 2)?,
            number(&time[2..4], 2, 2)?,
            number(&time[4..], 2, 2)?,
        )?
    } else {
        parse_hm(time)?
    };
    Some(day.and_time(time))
}

/// `YYYYMMDD`, the iCalendar `DATE` form.
pub(crate) fn compact(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM-DD` as bytes, for years 0 to 9999; `None` for others (chrono then writes
/// them with a sign and more digits).
fn ymd_bytes(d: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(d.year()).ok().filter(|&y| y <= 9999)?;
    let mut out = *b"0000-00-00";
    let digits = |out: &mut [u8], mut n: u32| {
        for b in out.iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    digits(&mut out[0..4], year);
    digits(&mut out[5..7], d.month());
    digits(&mut out[8..10], d.day());
    Some(out)
}

/// A date that serialises as chrono does (`2017-10-16`), without going through the
/// formatting machinery: in WebAssembly chrono's `Serialize` wrote a date one character
/// at a time, a third of the time the page spent listing a finding with 2,500 days.
#[derive(Clone, Copy)]
pub(crate) struct Ymd(pub NaiveDate);

impl serde::Serialize for Ymd {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match ymd_bytes(self.0) {
            Some(b) => s.serialize_str(std::str::from_utf8(&b).unwrap_or_default()),
            None => s.collect_str(&self.0),
        }
    }
}

/// `#[serde(serialize_with)]` for a date (see [`Ymd`]).
pub(crate) fn serialize_date<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&Ymd(*d), s)
}

/// `#[serde(serialize_with)]` for a list of dates (see [`Ymd`]).
pub(crate) fn serialize_dates<S: serde::Serializer>(
    days: &[NaiveDate],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(days.iter().map(|&d| Ymd(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_serialise_as_chrono_does() {
        let json = |v: &dyn erased::Json| v.json();
        let mut d = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        while d.year() < 2031 {
            assert_eq!(json(&Ymd(d)), json(&d));
            d = d.succ_opt().unwrap();
        }
        for d in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(0, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(-1, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(10000, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(7, 3, 9).unwrap(),
        ] {
            assert_eq!(json(&Ymd(d)), json(&d), "{d:?}");
        }
        let days = [
            NaiveDate::MIN,
            NaiveDate::from_ymd_opt(2017, 10, 16).unwrap(),
        ];
        let mut out = Vec::new();
        serialize_dates(&days, &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), json(&days.to_vec()));
    }

    /// JSON text of a serialisable value behind a trait object.
    mod erased {
        pub trait Json {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Json for T {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }

    #[test]
    fn dates_agree_with_chrono_on_every_day_and_reject_non_dates() {
        let mut d = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        while d.year() < 2031 {
            assert_eq!(parse_ymd(&d.to_string()), Some(d));
            assert_eq!(parse_dmy(&d.format("%d.%m.%Y").to_string(), '.'), Some(d));
            assert_eq!(compact(d), d.format("%Y%m%d").to_string());
            d = d.succ_opt().unwrap();
        }
        for bad in [
            "",
            "2017",
            "2017-10",
            "2017-13-01",
            "2017-02-29",
            "2017-10-16-1",
            "17-10-16",
            "2017-10-1x",
            "2017-010-16",
            " 2017-10-16",
            "+2017-10-16",
            "2017-10-",
            "201a-10-16",
            "2017-1a-16",
            "2017-10-1 ",
            "2017/10/16",
            "2017-00-16",
            "2017-10-00",
            "2017-10-32",
        ] {
            assert_eq!(parse_ymd(bad), None, "{bad:?}");
        }
        assert_eq!(
            parse_ymd("2016-02-29"),
            NaiveDate::from_ymd_opt(2016, 2, 29)
        );
        assert_eq!(parse_ymd("2017-1-5"), NaiveDate::from_ymd_opt(2017, 1, 5));
    }

    #[test]
    fn stamps() {
        let want = NaiveDate::from_ymd_opt(2017, 10, 1)
            .unwrap()
            .and_hms_opt(8, 30, 5)
            .unwrap();
        for ok in [
            "20171001T083005Z",
            "2017-10-01T08:30:05Z",
            "2017-10-01T08:30:05.123Z",
        ] {
            assert_eq!(parse_stamp(ok), Some(want), "{ok}");
        }
        for bad in [
            "20171001T083005",
            "2017-10-01",
            "2017-10-01T25:00:00Z",
            "x\r\nATTACH:evilZ",
            "2017-10-01T08:30:05.1aZ",
        ] {
            assert_eq!(parse_stamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn times() {
        assert_eq!(parse_hm("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_hm("9:30:15"), NaiveTime::from_hms_opt(9, 30, 15));
        for bad in [
            "",
            "9",
            "24:00",
            "09:60",
            "09:3",
            "09:30:00:00",
            "09-30",
            "09:30 ",
        ] {
            assert_eq!(parse_hm(bad), None, "{bad:?}");
        }
    }
}
