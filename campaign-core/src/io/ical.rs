//! The calendar as an iCalendar file (RFC 5545), for any calendar program: one event per
//! visit, or one per session.

use crate::campaign::Campaign;
use crate::template::Venue;
use crate::text::{Lang, Text};
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Timelike};

/// What an iCalendar export contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IcsOptions {
    /// The DTSTAMP written on every event: when the file was made (UTC).
    pub stamp: NaiveDateTime,
    /// The language of summaries, places and descriptions.
    pub lang: Lang,
    /// One event per session (with its time where the timetable or template gives one)
    /// instead of one all-day event per visit.
    pub per_session: bool,
}

impl IcsOptions {
    /// One all-day event per visit, in Albanian, stamped `stamp`.
    pub fn new(stamp: NaiveDateTime) -> Self {
        IcsOptions {
            stamp,
            lang: Lang::Sq,
            per_session: false,
        }
    }
}

/// A time zone for the times of session events, as RFC 5545 writes one (`VTIMEZONE`).
struct Zone {
    /// The IANA name, written as TZID.
    tzid: &'static str,
    /// The first local time its rules cover; earlier times are written floating.
    since: NaiveDateTime,
    /// The VTIMEZONE component.
    component: &'static [&'static str],
}

/// The zone of a region set's country, where the library knows it.
///
/// Albania: IANA tz database (tzdata, file `europe`), zone Europe/Tirane, which has
/// followed the EU's rules (`1:00 EU CE%sT`) since July 1984: CET, UTC+1, and CEST,
/// UTC+2, from the last Sunday of March at 02:00 to the last Sunday of October at
/// 03:00 local time. The EU has ended summer time in October since 1996 (Directive
/// 2000/84/EC keeps the dates), so the rules below start in 1996; earlier session
/// times are written floating.
fn zone_of(country: &str) -> Option<&'static Zone> {
    static TIRANE: Zone = Zone {
        tzid: "Europe/Tirane",
        since: match NaiveDate::from_ymd_opt(1996, 3, 31) {
            Some(d) => match d.and_hms_opt(3, 0, 0) {
                Some(t) => t,
                None => panic!("a time"),
            },
            None => panic!("a date"),
        },
        component: &[
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Tirane",
            "BEGIN:DAYLIGHT",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "DTSTART:19960331T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "DTSTART:19961027T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD",
            "END:VTIMEZONE",
        ],
    };
    (country == "AL").then_some(&TIRANE)
}

/// The calendar as an iCalendar file. UIDs are stable (`<visit id>@campaign-core`, or
/// `<visit id>/<session id>#k@campaign-core`) so importing again updates rather than
/// duplicates. Every text is escaped (backslash, `;`, `,`, line breaks as `\n`; the
/// other characters RFC 5545 does not allow in text become U+FFFD) and every line is
/// folded at 75 octets.
///
/// A session's time is local time where the session is: for Albania's regions it is
/// written with `TZID=Europe/Tirane` and the zone's `VTIMEZONE` (so a calendar
/// program elsewhere shows it at the right hour); for other countries, and before
/// 1996, it is written floating (the same hour wherever the file is opened).
///
/// ```
/// use campaign_core::io::{to_ics, IcsOptions};
/// let c = campaign_core::Campaign::builtin_2017();
/// let stamp = "2017-10-01T00:00:00".parse().unwrap();
/// let ics = to_ics(&c, &IcsOptions::new(stamp));
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), 6);
/// assert!(ics.contains("DTSTART;VALUE=DATE:20171016\r\n"));
/// assert!(ics.contains("DTEND;VALUE=DATE:20171018\r\n")); // exclusive end
/// assert!(ics.contains("DTSTAMP:20171001T000000Z\r\n"));
/// ```
pub fn to_ics(campaign: &Campaign, opts: &IcsOptions) -> String {
    let lang = opts.lang;
    let doc = campaign.document();
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//campaign-core//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", text(doc.name.get(lang))),
    ];
    let zone = zone_of(&campaign.regions().data().country).filter(|_| opts.per_session);
    if let Some(zone) = zone {
        lines.extend(zone.component.iter().map(|&l| l.to_string()));
    }
    // A session's start and end, in the zone when its rules cover the start.
    let local = |from: NaiveDateTime, to: NaiveDateTime| match zone {
        Some(zone) if from >= zone.since => {
            [from, to].map(|t| format!(";TZID={}:{}", zone.tzid, date_time(t)))
        }
        _ => [from, to].map(|t| format!(":{}", date_time(t))),
    };
    let stamp = format!("DTSTAMP:{}Z", date_time(opts.stamp));
    let event = |lines: &mut Vec<String>,
                 uid: &str,
                 when: [String; 2],
                 summary: &str,
                 location: &str,
                 description: &str| {
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}@campaign-core", text(uid)),
            stamp.clone(),
            when[0].clone(),
            when[1].clone(),
            format!("SUMMARY:{}", text(summary)),
            format!("LOCATION:{}", text(location)),
            format!("DESCRIPTION:{}", text(description)),
            "END:VEVENT".into(),
        ]);
    };
    if opts.per_session {
        for s in campaign.sessions() {
            let v = &campaign.visits()[s.visit as usize];
            let county = &campaign.regions().regions()[v.county];
            let view = campaign.view(&s);
            let t = view.template;
            let when = match s.start {
                Some(start) => {
                    let from = s.day.and_time(start);
                    let to = from + chrono::TimeDelta::minutes(i64::from(t.duration_minutes));
                    let [from, to] = local(from, to);
                    [format!("DTSTART{from}"), format!("DTEND{to}")]
                }
                None => all_day(s.day, s.day),
            };
            let mut summary = format!("{} — {}", t.title.get(lang), county.name_sq);
            if let Some(label) = view.label {
                summary.push_str(&format!(" ({label})"));
            }
            let location = format!(
                "{}, {}, {}",
                venue(t.venue).get(lang),
                county.seat,
                county.name_sq
            );
            let description = format!(
                "{} ({})",
                doc.name.get(lang),
                campaign.visit_id(s.visit as usize)
            );
            event(
                &mut lines,
                &campaign.session_ref(&s),
                when,
                &summary,
                &location,
                &description,
            );
        }
    } else {
        for (i, v) in campaign.visits().iter().enumerate() {
            let county = &campaign.regions().regions()[v.county];
            let tpl = &campaign.templates()[v.template];
            let mut description = tpl.name.get(lang).to_string();
            if let Some(t) = v.team {
                let team = Text::new("Ekipi", "Team");
                description.push_str(&format!("\n{}: {}", team.get(lang), doc.teams[t].id));
            }
            if let Some(note) = &doc.visits[i].note {
                description.push_str(&format!("\n{note}"));
            }
            let summary = format!(
                "{} — {} ({})",
                doc.name.get(lang),
                county.name_sq,
                county.code
            );
            let location = format!("{}, {}", county.seat, county.name_sq);
            event(
                &mut lines,
                campaign.visit_id(i),
                all_day(v.first_day, v.last_day),
                &summary,
                &location,
                &description,
            );
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        fold(&l, &mut out);
    }
    out
}

/// DTSTART and DTEND of all-day events from `first` to `last` (DTEND is exclusive).
fn all_day(first: NaiveDate, last: NaiveDate) -> [String; 2] {
    // The day after the last; the library's dates end in 2199, so it always exists.
    let end = last.checked_add_days(Days::new(1)).unwrap_or(last);
    [
        format!("DTSTART;VALUE=DATE:{}", crate::isodate::compact(first)),
        format!("DTEND;VALUE=DATE:{}", crate::isodate::compact(end)),
    ]
}

/// `YYYYMMDDTHHMMSS`.
fn date_time(t: NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn venue(v: Venue) -> Text {
    match v {
        Venue::Institution => Text::new("Institucion", "Institution"),
        Venue::School => Text::new("Shkollë", "School"),
        Venue::PublicSpace => Text::new("Hapësirë publike", "Public space"),
    }
}

/// Escapes TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma escaped; CR LF,
/// CR and LF as `\n`; the other characters TEXT does not allow (RFC 5545's CONTROL) as U+FFFD.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            // RFC 5545's CONTROL (§3.1): U+0000 to U+001F (tab excepted) and U+007F.
            // C1 controls are NON-US-ASCII, which TEXT allows.
            '\0'..='\x1f' | '\x7f' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_what_rfc_5545_asks_for_and_drops_what_it_forbids() {
        assert_eq!(text("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(text("one\r\ntwo\rthree\nfour"), "one\\ntwo\\nthree\\nfour");
        assert_eq!(text("bell\u{7}"), "bell\u{fffd}");
        let mut out = String::new();
        fold(&"ë".repeat(60), &mut out);
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
    }
}

#[cfg(test)]
mod zone_tests {
    use super::*;
    use crate::campaign::{CampaignDocument, Visit};

    fn ics(c: &Campaign, per_session: bool) -> String {
        let stamp = "2017-10-01T00:00:00".parse().unwrap();
        to_ics(
            c,
            &IcsOptions {
                per_session,
                ..IcsOptions::new(stamp)
            },
        )
    }

    /// The DTSTART and DTEND lines of timed events.
    fn timed(ics: &str) -> Vec<&str> {
        ics.lines()
            .filter(|l| l.starts_with("DTSTART") || l.starts_with("DTEND"))
            .filter(|l| !l.contains("VALUE=DATE"))
            .filter(|l| !l.starts_with("DTSTART:1996") && !l.starts_with("DTSTART:1970"))
            .collect()
    }

    fn one_visit(country: Option<&str>, first: NaiveDate) -> Campaign {
        let mut doc = CampaignDocument::from_visits(
            Text::new("a", "b"),
            vec![Visit::new("Durrës", first, first + Days::new(1))],
        );
        if let Some(country) = country {
            let mut regions = crate::RegionSet::albania().data().clone();
            regions.country = country.into();
            doc.regions = Some(regions);
        }
        Campaign::new(doc).unwrap()
    }

    #[test]
    fn albanian_session_times_name_their_zone() {
        let c = Campaign::builtin_2017();
        let out = ics(&c, true);
        assert_eq!(out.matches("BEGIN:VTIMEZONE\r\n").count(), 1);
        assert!(out.find("END:VTIMEZONE").unwrap() < out.find("BEGIN:VEVENT").unwrap());
        let lines = timed(&out);
        assert!(lines.len() > 20, "{}", lines.len());
        assert!(lines.iter().all(|l| l.contains(";TZID=Europe/Tirane:2017")));
        // One event per visit: days only, no zone.
        let visits = ics(&c, false);
        assert!(!visits.contains("VTIMEZONE") && timed(&visits).is_empty());
    }

    #[test]
    fn other_countries_and_times_before_1996_are_floating() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for (country, first, zoned) in [
            (None, day(2018, 3, 5), true),
            (Some("XK"), day(2018, 3, 5), false),
            (None, day(1990, 3, 5), false),
            (None, day(1900, 1, 1), false),
            (None, day(2199, 12, 30), true),
        ] {
            let out = ics(&one_visit(country, first), true);
            let lines = timed(&out);
            assert!(!lines.is_empty(), "{country:?} {first}");
            for l in &lines {
                assert_eq!(l.contains(";TZID=Europe/Tirane:"), zoned, "{l}");
                assert!(zoned || l.contains(&format!(":{}", first.year())), "{l}");
            }
            assert_eq!(
                out.contains("TZID:Europe/Tirane"),
                country.is_none(),
                "{country:?} {first}"
            );
        }
    }
}
