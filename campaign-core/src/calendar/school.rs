//! School calendars: the teaching days of each school year, with the default used
//! when the user gives none.

use crate::campaign::DateRange;
use crate::reader::FromJson;
use chrono::{Datelike, Days, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

/// One school year: teaching days run from `start` to `end` outside the breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchoolYear {
    /// First teaching day.
    pub start: NaiveDate,
    /// Last teaching day.
    pub end: NaiveDate,
    /// Holidays within the year (winter, spring …).
    #[serde(default)]
    pub breaks: Vec<DateRange>,
}

impl SchoolYear {
    /// The default for the school year starting in `year`, an approximation of the
    /// Ministry of Education's yearly instruction: start on the second Monday of
    /// September, winter break 22 December – 6 January, end on 15 June. Set the real
    /// calendar per year through `CheckOptions.school_years`.
    ///
    /// ```
    /// let y = campaign_core::calendar::SchoolYear::default_albania(2017);
    /// assert_eq!(y.start.to_string(), "2017-09-11");
    /// ```
    pub fn default_albania(year: i32) -> SchoolYear {
        let (start, end, winter) = default_dates(year);
        SchoolYear {
            start,
            end,
            breaks: vec![winter],
        }
    }

    /// True if `day` is inside the year and outside its breaks (weekends are not considered).
    pub fn is_teaching_day(&self, day: NaiveDate) -> bool {
        teaching(self.start, self.end, &self.breaks, day)
    }
}

/// The first day, last day and winter break of [`SchoolYear::default_albania`].
fn default_dates(year: i32) -> (NaiveDate, NaiveDate, DateRange) {
    let first = NaiveDate::from_ymd_opt(year, 9, 1).expect("valid");
    let to_monday = (7 - first.weekday().num_days_from_monday()) % 7;
    let start = first + Days::new(to_monday as u64 + 7);
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("valid");
    let winter = DateRange {
        start: d(year, 12, 22),
        end: d(year + 1, 1, 6),
    };
    (start, d(year + 1, 6, 15), winter)
}

/// True if `day` is from `start` to `end` and in none of `breaks`.
fn teaching(start: NaiveDate, end: NaiveDate, breaks: &[DateRange], day: NaiveDate) -> bool {
    start <= day && day <= end && !breaks.iter().any(|b| b.contains(day))
}

/// The school years in force: user-given ones win over the defaults.
#[derive(Debug, Clone, Default)]
pub struct SchoolCalendar {
    years: Vec<SchoolYear>,
}

impl SchoolCalendar {
    /// A calendar from user-given years, falling back to [`SchoolYear::default_albania`].
    pub fn new(years: Vec<SchoolYear>) -> Self {
        SchoolCalendar { years }
    }

    /// The school year that `day` belongs to (from 1 August to 31 July).
    pub fn year_of(&self, day: NaiveDate) -> SchoolYear {
        self.given(day)
            .cloned()
            .unwrap_or_else(|| SchoolYear::default_albania(number(day)))
    }

    /// The user-given year that `day` belongs to, if any.
    fn given(&self, day: NaiveDate) -> Option<&SchoolYear> {
        let y = number(day);
        self.years
            .iter()
            .find(|s| s.start.year() == y || (s.start <= day && day <= s.end))
    }

    /// `year_of(day).is_teaching_day(day)` without copying a given year (a check asks
    /// this for every day of every visit).
    ///
    /// ```
    /// use campaign_core::calendar::SchoolCalendar;
    /// let d = |m, dd| chrono::NaiveDate::from_ymd_opt(2017, m, dd).unwrap();
    /// let calendar = SchoolCalendar::default();
    /// assert!(calendar.is_teaching_day(d(10, 16)) && !calendar.is_teaching_day(d(7, 16)));
    /// ```
    pub fn is_teaching_day(&self, day: NaiveDate) -> bool {
        match self.given(day) {
            Some(s) => s.is_teaching_day(day),
            // The default year's dates without building it (no allocation per day).
            None => {
                let (start, end, winter) = default_dates(number(day));
                teaching(start, end, &[winter], day)
            }
        }
    }
}

/// The number of the school year of `day`: the year of its 1 August.
fn number(day: NaiveDate) -> i32 {
    if day.month() >= 8 {
        day.year()
    } else {
        day.year() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn school_year_default() {
        let y = SchoolYear::default_albania(2018);
        assert_eq!(y.start, d(2018, 9, 10));
        assert!(y.is_teaching_day(d(2018, 12, 20)));
        assert!(!y.is_teaching_day(d(2018, 12, 27)));
        assert!(!y.is_teaching_day(d(2019, 7, 1)));
        let cal = SchoolCalendar::new(vec![]);
        assert_eq!(cal.year_of(d(2018, 3, 1)).start, d(2017, 9, 11));
    }

    #[test]
    fn is_teaching_day_answers_as_year_of() {
        let given = SchoolYear {
            start: d(2017, 9, 11),
            end: d(2018, 6, 8),
            breaks: vec![],
        };
        for cal in [SchoolCalendar::default(), SchoolCalendar::new(vec![given])] {
            let mut day = d(2010, 1, 1);
            while day < d(2030, 1, 1) {
                assert_eq!(
                    cal.is_teaching_day(day),
                    cal.year_of(day).is_teaching_day(day),
                    "{day}"
                );
                day = day.succ_opt().unwrap();
            }
        }
    }
}
