//! The calendars a check consults: public holidays ([`holidays`]) and school years
//! ([`school`]).

pub mod holidays;
pub mod school;

pub use holidays::{
    catholic_easter, is_weekend, orthodox_easter, ExtraHoliday, Holiday, HolidayCalendar,
    HolidayKind,
};
pub use school::{SchoolCalendar, SchoolYear};
