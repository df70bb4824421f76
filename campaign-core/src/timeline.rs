//! The campaign timeline as SVG: one lane per team, one bar per visit coloured by the
//! worst finding that involves it, public holidays as thin marks. The Python notebook
//! and the web page show the same drawing.

use crate::calendar::HolidayCalendar;
use crate::campaign::Campaign;
use crate::checks::{Report, Severity};
use crate::text::{markup_escape as esc, Dec, Lang};
use chrono::{Datelike, Days, NaiveDate};
use std::fmt::Write;

const WIDTH: f64 = 960.0;
const LEFT: f64 = 130.0;
const TOP: f64 = 34.0;
const LANE: f64 = 30.0;

fn month(m: u32, lang: Lang) -> &'static str {
    let i = (m - 1) as usize;
    match lang {
        Lang::Sq => [
            "Jan", "Shk", "Mar", "Pri", "Maj", "Qer", "Kor", "Gus", "Sht", "Tet", "Nën", "Dhj",
        ][i],
        Lang::En => [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ][i],
    }
}

/// Draws the campaign's timeline; with a report, bars take the colour of the worst
/// finding involving the visit (red error, amber warning, blue info, green none).
///
/// ```
/// let c = campaign_core::Campaign::builtin_2017();
/// let svg = campaign_core::timeline::svg(&c, Some(&c.check()), campaign_core::Lang::En);
/// assert!(svg.starts_with("<svg") && svg.contains("Kukës"));
/// ```
pub fn svg(campaign: &Campaign, report: Option<&Report>, lang: Lang) -> String {
    let visits = campaign.visits();
    let mut worst: Vec<Option<Severity>> = report.map_or_else(Vec::new, Report::worst_by_visit);
    worst.resize(visits.len(), None);
    let mut lanes: Vec<Option<usize>> = visits.iter().map(|v| v.team).collect();
    lanes.sort_unstable();
    lanes.dedup();
    let (start, end) = match (
        visits.iter().map(|v| v.first_day).min(),
        visits.iter().map(|v| v.last_day).max(),
    ) {
        (Some(a), Some(b)) => (a.with_day(1).unwrap_or(a), b + Days::new(1)),
        _ => {
            let d = NaiveDate::from_ymd_opt(2017, 10, 1).expect("valid");
            (d, d + Days::new(30))
        }
    };
    let days = (end - start).num_days().max(1) as f64;
    let scale = (WIDTH - LEFT - 10.0) / days;
    let x = |d: NaiveDate| LEFT + (d - start).num_days() as f64 * scale;
    let height = TOP + LANE * lanes.len().max(1) as f64 + 24.0;
    let title = match lang {
        Lang::Sq => "Kalendari i vizitave",
        Lang::En => "Visit timeline",
    };
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {h:.0}" width="{width:.0}" height="{h:.0}" role="img" aria-label="{title}" font-family="system-ui, sans-serif" font-size="12">"##,
        width = Dec(WIDTH),
        h = Dec(height),
    );
    let _ = write!(
        s,
        r##"<title>{title}</title><rect width="100%" height="100%" fill="#fbfbf8"/>"##
    );
    // Month ticks.
    let mut m = start;
    while m < end {
        let xm = Dec(x(m));
        let _ = write!(
            s,
            r##"<line x1="{xm:.1}" y1="{:.1}" x2="{xm:.1}" y2="{:.1}" stroke="#ccc"/><text x="{:.1}" y="20" fill="#555">{} {}</text>"##,
            Dec(TOP - 6.0),
            Dec(height - 20.0),
            Dec(xm.0 + 3.0),
            month(m.month(), lang),
            m.year()
        );
        m = if m.month() == 12 {
            NaiveDate::from_ymd_opt(m.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(m.year(), m.month() + 1, 1)
        }
        .expect("valid month start");
    }
    // Holidays.
    let cal = HolidayCalendar::albania(start.year(), end.year(), &[]);
    for h in cal.all().iter().filter(|h| h.date >= start && h.date < end) {
        let _ = write!(
            s,
            r##"<rect class="holiday" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#e9d8f5"><title>{} {}</title></rect>"##,
            Dec(x(h.date)),
            Dec(TOP),
            Dec(scale.max(1.0)),
            Dec(LANE * lanes.len().max(1) as f64),
            h.date,
            esc(h.name.get(lang))
        );
    }
    // Lanes and visits.
    for (l, team) in lanes.iter().enumerate() {
        let y = TOP + l as f64 * LANE;
        let label = match team {
            Some(t) => campaign.document().teams[*t]
                .name
                .clone()
                .unwrap_or_else(|| campaign.document().teams[*t].id.clone()),
            None => match lang {
                Lang::Sq => "Ekipi i fushatës".into(),
                Lang::En => "Campaign team".into(),
            },
        };
        let _ = write!(
            s,
            r##"<text x="6" y="{:.1}" fill="#222">{}</text><line x1="{:.0}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#e2e2dc"/>"##,
            Dec(y + LANE / 2.0 + 4.0),
            esc(&label),
            Dec(LEFT),
            Dec(y + LANE),
            Dec(WIDTH - 10.0),
            Dec(y + LANE)
        );
        for (i, v) in visits.iter().enumerate().filter(|(_, v)| v.team == *team) {
            let (x0, x1) = (x(v.first_day), x(v.last_day + Days::new(1)));
            let fill = match worst[i] {
                Some(Severity::Error) => "#d93025",
                Some(Severity::Warning) => "#e8a317",
                Some(Severity::Info) => "#4a78c2",
                None => "#3c9a5f",
            };
            let county = &campaign.regions().regions()[v.county];
            let _ = write!(
                s,
                r##"<g class="visit" data-visit-index="{i}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" fill="{fill}" fill-opacity="0.85"/><title>{} · {} · {} – {}</title>"##,
                Dec(x0),
                Dec(y + 5.0),
                Dec((x1 - x0).max(2.0)),
                Dec(LANE - 10.0),
                esc(campaign.visit_id(i)),
                esc(&county.name_sq),
                v.first_day,
                v.last_day
            );
            if x1 - x0 >= 34.0 {
                let _ = write!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" fill="#fff" font-size="11">{}</text>"##,
                    Dec(x0 + 3.0),
                    Dec(y + LANE / 2.0 + 4.0),
                    esc(&county.name_sq)
                );
            }
            s.push_str("</g>");
        }
    }
    let legend = match lang {
        Lang::Sq => [
            "gabim",
            "paralajmërim",
            "njoftim",
            "në rregull",
            "festë zyrtare",
        ],
        Lang::En => ["error", "warning", "note", "fine", "public holiday"],
    };
    let mut lx = LEFT;
    for (colour, name) in ["#d93025", "#e8a317", "#4a78c2", "#3c9a5f", "#e9d8f5"]
        .iter()
        .zip(legend)
    {
        let _ = write!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="10" height="10" fill="{colour}"/><text x="{:.1}" y="{:.1}" fill="#444" font-size="11">{name}</text>"##,
            Dec(lx),
            Dec(height - 16.0),
            Dec(lx + 14.0),
            Dec(height - 7.0)
        );
        lx += 26.0 + 7.0 * name.chars().count() as f64;
    }
    s.push_str("</svg>");
    s
}
