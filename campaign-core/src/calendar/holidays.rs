//! Public holidays (Albania built in, 2010–2035 and beyond): fixed dates, both Easters,
//! Bajram dates from data, one-off days, and the rule that moves a holiday off a weekend.

use crate::reader::FromJson;
use crate::text::Text;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Why a day is a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A holiday on its own date.
    Official,
    /// The working day off that replaces a holiday falling on a weekend.
    Observed,
    /// A one-off day off or a holiday added by the user.
    Extra,
}

/// One holiday on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
pub struct Holiday {
    /// The date off.
    pub date: NaiveDate,
    /// Name in both languages.
    pub name: Text,
    /// Official, observed or extra.
    pub kind: HolidayKind,
    /// True if the date is an estimate (Bajram dates ahead of their announcement).
    #[serde(default)]
    pub estimated: bool,
}

/// A user-supplied holiday or Bajram date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraHoliday {
    /// The date.
    pub date: NaiveDate,
    /// Name; "Public holiday" when absent.
    #[serde(default)]
    pub name: Option<Text>,
}

#[derive(Debug, FromJson)]
#[serde(deny_unknown_fields)]
struct HolidayData {
    #[allow(dead_code)]
    country: String,
    #[allow(dead_code)]
    #[serde(default)] // left out under the lean-data feature
    sources: std::collections::BTreeMap<String, String>,
    observed_from_year: i32,
    fixed: Vec<FixedHoliday>,
    easter: Vec<EasterHoliday>,
    islamic: Vec<IslamicHoliday>,
    special: Vec<ExtraHoliday>,
}

#[derive(Debug, FromJson)]
#[serde(deny_unknown_fields)]
struct FixedHoliday {
    month: u32,
    day: u32,
    from: i32,
    #[serde(default)]
    to: Option<i32>,
    name: Text,
}

#[derive(Debug, FromJson)]
#[serde(deny_unknown_fields)]
struct EasterHoliday {
    calendar: EasterCalendar,
    name: Text,
}

#[derive(Debug, Clone, Copy, FromJson)]
#[serde(rename_all = "snake_case")]
enum EasterCalendar {
    Gregorian,
    Julian,
}

#[derive(Debug, FromJson)]
#[serde(deny_unknown_fields)]
struct IslamicHoliday {
    name: Text,
    dates: Vec<IslamicDate>,
}

#[derive(Debug, FromJson)]
#[serde(deny_unknown_fields)]
struct IslamicDate {
    date: NaiveDate,
    #[serde(default)]
    estimated: bool,
    /// Id of the source (a key of the file's `sources`) that gives this date, where
    /// it is not the one the `bajram` source describes for its year.
    #[serde(default)]
    #[allow(dead_code)] // read for the data's sake; tests check it names a source
    source: Option<String>,
}

fn albania_data() -> &'static HolidayData {
    static DATA: OnceLock<HolidayData> = OnceLock::new();
    DATA.get_or_init(|| {
        crate::reader::read_json(crate::builtin::HOLIDAYS_JSON)
            .expect("built-in holiday data is valid")
    })
}

/// Western (Gregorian) Easter Sunday, by the anonymous Gregorian computus.
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(campaign_core::calendar::catholic_easter(2018), NaiveDate::from_ymd_opt(2018, 4, 1).unwrap());
/// ```
pub fn catholic_easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("computus gives a valid date")
}

/// Orthodox Easter Sunday (Julian computus), as a Gregorian date.
///
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(campaign_core::calendar::orthodox_easter(2018), NaiveDate::from_ymd_opt(2018, 4, 8).unwrap());
/// ```
pub fn orthodox_easter(year: i32) -> NaiveDate {
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian =
        NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("valid Julian date");
    // Julian → Gregorian offset: 13 days for 1900–2099 and growing by centuries.
    let offset = year / 100 - year / 400 - 2;
    julian + Days::new(offset as u64)
}

/// True on Saturday and Sunday.
pub fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The public holidays of one country over a span of years, sorted by date: lookup by
/// date and by range in O(log n).
#[derive(Debug, Clone, Default)]
pub struct HolidayCalendar {
    by_date: Vec<(NaiveDate, Vec<Holiday>)>,
}

impl HolidayCalendar {
    /// Albania's public holidays for the years `from..=to`, plus `extra` user dates
    /// (added as official holidays, so the observed-day rule applies to them too).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let cal = campaign_core::calendar::HolidayCalendar::albania(2017, 2018, &[]);
    /// let d = |m, d| NaiveDate::from_ymd_opt(2017, m, d).unwrap();
    /// assert!(cal.get(d(12, 8)).is_some()); // National Youth Day
    /// assert!(cal.get(d(10, 19)).is_some()); // Mother Teresa Day (to 2017)
    /// assert!(cal.get(d(9, 5)).is_none());
    /// ```
    pub fn albania(from: i32, to: i32, extra: &[ExtraHoliday]) -> Self {
        let data = albania_data();
        let mut official: Vec<Holiday> = Vec::new();
        let add = |v: &mut Vec<Holiday>, date, name: &Text, kind, estimated| {
            v.push(Holiday {
                date,
                name: name.clone(),
                kind,
                estimated,
            });
        };
        // Compute one year either side so observed days that spill over a year boundary appear.
        for year in (from - 1)..=(to + 1) {
            for f in &data.fixed {
                if year >= f.from && f.to.is_none_or(|t| year <= t) {
                    if let Some(date) = NaiveDate::from_ymd_opt(year, f.month, f.day) {
                        add(&mut official, date, &f.name, HolidayKind::Official, false);
                    }
                }
            }
            for e in &data.easter {
                let date = match e.calendar {
                    EasterCalendar::Gregorian => catholic_easter(year),
                    EasterCalendar::Julian => orthodox_easter(year),
                };
                add(&mut official, date, &e.name, HolidayKind::Official, false);
            }
        }
        for i in &data.islamic {
            for d in &i.dates {
                if (from - 1..=to + 1).contains(&d.date.year()) {
                    add(
                        &mut official,
                        d.date,
                        &i.name,
                        HolidayKind::Official,
                        d.estimated,
                    );
                }
            }
        }
        let public_holiday = Text::new("Ditë pushimi", "Public holiday");
        for s in data.special.iter().chain(extra) {
            let name = s.name.as_ref().unwrap_or(&public_holiday);
            add(&mut official, s.date, name, HolidayKind::Extra, false);
        }
        official.sort_by_key(|h| h.date);

        let mut by_date: HashMap<NaiveDate, Vec<Holiday>> = HashMap::new();
        for h in &official {
            by_date.entry(h.date).or_default().push(h.clone());
        }
        // Observed days: each holiday on a weekend moves to the next working day that is
        // neither a weekend, a holiday, nor already taken by an earlier observed day.
        // Holidays that share a date (both Easters in 2017, Orthodox Easter on 1 May 2016)
        // give one day off, so one observed day.
        let mut on_weekend: Vec<&Holiday> = Vec::new();
        for h in &official {
            let skip = h.kind == HolidayKind::Extra
                || h.date.year() < data.observed_from_year
                || !is_weekend(h.date);
            if skip || on_weekend.last().is_some_and(|p| p.date == h.date) {
                continue;
            }
            on_weekend.push(h);
        }
        for h in on_weekend {
            let mut d = h.date + Days::new(1);
            while is_weekend(d) || by_date.contains_key(&d) {
                d = d + Days::new(1);
            }
            by_date.entry(d).or_default().push(Holiday {
                date: d,
                name: Text::new(
                    format!("{} (ditë pushimi e shtyrë)", h.name.sq),
                    format!("{} (observed)", h.name.en),
                ),
                kind: HolidayKind::Observed,
                estimated: h.estimated,
            });
        }
        let mut by_date: Vec<(NaiveDate, Vec<Holiday>)> = by_date
            .into_iter()
            .filter(|(d, _)| (from..=to).contains(&d.year()))
            .collect();
        by_date.sort_unstable_by_key(|(d, _)| *d);
        HolidayCalendar { by_date }
    }

    /// The holidays on `day`, if any.
    pub fn get(&self, day: NaiveDate) -> Option<&[Holiday]> {
        let k = self.by_date.binary_search_by_key(&day, |(d, _)| *d).ok()?;
        Some(&self.by_date[k].1)
    }

    /// The days from `first` to `last` (both included) that have holidays, in order.
    pub fn between(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> impl Iterator<Item = (NaiveDate, &[Holiday])> {
        let start = self.by_date.partition_point(|(d, _)| *d < first);
        self.by_date[start..]
            .iter()
            .take_while(move |(d, _)| *d <= last)
            .map(|(d, hs)| (*d, hs.as_slice()))
    }

    /// Every holiday, sorted by date.
    pub fn all(&self) -> Vec<Holiday> {
        let mut v: Vec<Holiday> = self.by_date.iter().flat_map(|(_, h)| h).cloned().collect();
        v.sort_by(|a, b| a.date.cmp(&b.date).then(a.name.en.cmp(&b.name.en)));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn easter_dates() {
        // Known dates (Gregorian calendar).
        let catholic = [
            (2010, 4, 4),
            (2017, 4, 16),
            (2018, 4, 1),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2035, 3, 25),
        ];
        for (y, m, dd) in catholic {
            assert_eq!(catholic_easter(y), d(y, m, dd), "{y}");
        }
        let orthodox = [
            (2010, 4, 4),
            (2017, 4, 16),
            (2018, 4, 8),
            (2019, 4, 28),
            (2024, 5, 5),
            (2025, 4, 20),
            (2035, 4, 29),
        ];
        for (y, m, dd) in orthodox {
            assert_eq!(orthodox_easter(y), d(y, m, dd), "{y}");
        }
        for y in 1900..2100 {
            assert_eq!(catholic_easter(y).weekday(), Weekday::Sun);
            assert_eq!(orthodox_easter(y).weekday(), Weekday::Sun);
        }
    }

    #[test]
    fn rules_that_changed_over_time() {
        let cal = HolidayCalendar::albania(2010, 2035, &[]);
        assert!(cal.get(d(2017, 10, 19)).is_some());
        assert!(cal.get(d(2018, 10, 19)).is_none());
        assert!(cal.get(d(2018, 9, 5)).is_some());
        assert!(cal.get(d(2023, 11, 22)).is_none());
        assert!(cal.get(d(2024, 11, 22)).is_some());
        assert!(cal.get(d(2017, 12, 8)).is_some());
        // Orthodox Easter 2018 (8 April) falls on a Sunday: Monday 9 April is off.
        let h = cal.get(d(2018, 4, 9)).unwrap();
        assert_eq!(h[0].kind, HolidayKind::Observed);
        // 2020: both Easters on 12 and 19 April → 13 and 20 April observed.
        assert!(cal.get(d(2020, 4, 13)).is_some() && cal.get(d(2020, 4, 20)).is_some());
        // Both Easters on 16 April 2017: one observed day, Monday 17 April.
        assert!(cal.get(d(2017, 4, 17)).is_some());
        assert!(cal.get(d(2017, 4, 18)).is_none());
        // 28-29 Nov 2020 on Sat/Sun → Mon 30 Nov and Tue 1 Dec.
        assert!(cal.get(d(2020, 11, 30)).is_some());
        assert!(cal.get(d(2020, 12, 1)).is_some());
        // National Youth Day 2024 is a Sunday → Monday 9 December.
        assert!(cal.get(d(2024, 12, 9)).is_some());
        // Every year 2010-2035 has both Bajrams.
        for y in 2010..=2035 {
            let n = cal
                .all()
                .iter()
                .filter(|h| {
                    h.date.year() == y
                        && h.name.en.starts_with("Eid")
                        && h.kind == HolidayKind::Official
                })
                .count();
            assert!(n >= 2, "{y}: {n}");
        }
    }

    #[test]
    fn user_holidays_join_the_calendar() {
        let cal = HolidayCalendar::albania(
            2018,
            2018,
            &[ExtraHoliday {
                date: d(2018, 3, 2),
                name: None,
            }],
        );
        assert_eq!(cal.get(d(2018, 3, 2)).unwrap()[0].kind, HolidayKind::Extra);
    }
}
