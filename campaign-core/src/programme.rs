//! The printable visit programme: for one visit or all, each day's sessions with time,
//! venue, audiences, participant rule and leaflets to bring, every assumption marked;
//! as plain text or self-contained HTML that prints on A4, in Albanian and English
//! (Albanian first) or in one language.

use crate::campaign::Campaign;
use crate::error::{Error, Result};
use crate::location::Path;
use crate::template::{Repeat, Venue};
use crate::text::{Lang, Text};
use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike};
use serde::Serialize;
use std::fmt::Write as _;

/// The programme of one or more visits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Programme {
    /// The campaign's name.
    pub name: Text,
    /// What the campaign is for, if the document says.
    pub aim: Option<Text>,
    /// One entry per visit, in calendar order.
    pub visits: Vec<VisitProgramme>,
}

/// The programme of one visit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitProgramme {
    /// The visit's id.
    pub id: String,
    /// The county's name.
    pub county: String,
    /// First day of the window.
    pub first_day: NaiveDate,
    /// Last day of the window.
    pub last_day: NaiveDate,
    /// The days that have sessions, in order.
    pub days: Vec<ProgrammeDay>,
    /// Days of the window without sessions (a window longer than the template): the
    /// calendar does not say what they hold.
    pub other_days: Vec<NaiveDate>,
}

/// One day of a visit's programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeDay {
    /// The date.
    pub date: NaiveDate,
    /// The sessions, in running order.
    pub items: Vec<ProgrammeItem>,
}

/// An audience of a session, and whether the source states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeAudience {
    /// The audience's label.
    pub label: Text,
    /// True if no source says this audience takes part: an assumption.
    pub assumed: bool,
}

/// One session in a programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeItem {
    /// Start time, if known.
    pub start: Option<NaiveTime>,
    /// End time (start plus duration), if the start is known.
    pub end: Option<NaiveTime>,
    /// Title, with the timetable label or the repetition number (`School 2`).
    pub title: Text,
    /// The venue.
    pub venue: Text,
    /// Who takes part.
    pub audiences: Vec<ProgrammeAudience>,
    /// The participant rule, e.g. "more than 30".
    pub rule: Option<Text>,
    /// Materials to bring: label and quantity.
    pub materials: Vec<(Text, u64)>,
    /// Topics discussed.
    pub topics: Vec<Text>,
    /// Who sets the timetable (e.g. the Regional Education Directorate).
    pub timetable_by: Option<Text>,
    /// A note from the template.
    pub note: Option<Text>,
    /// What in this item no source states (`time`, `materials`, `day`, `count`, or
    /// `session` when the whole session is an assumption; audiences say it themselves).
    pub assumed: Vec<String>,
}

impl Campaign {
    /// The printable programme of the visit with id `visit`, or of every visit.
    /// An unknown id is an error at `$.visit`.
    ///
    /// ```
    /// use campaign_core::{Campaign, Lang};
    /// let p = Campaign::builtin_2017().programme(Some("durres-2017")).unwrap();
    /// let text = p.to_text(&[Lang::Sq, Lang::En]);
    /// assert!(text.contains("Punëtori") && text.contains("Workshop"));
    /// assert!(text.contains("more than 30"));
    /// assert!(p.to_html(&[Lang::En]).starts_with("<!doctype html>"));
    /// ```
    pub fn programme(&self, visit: Option<&str>) -> Result<Programme> {
        let visits: Vec<usize> = match visit {
            Some(id) => {
                let k = self.visit_ids().position(|v| v == id).ok_or_else(|| {
                    Error::invalid(Path::root().key("visit"), format!("no visit {id:?}"))
                })?;
                vec![k]
            }
            None => {
                let mut all: Vec<usize> = (0..self.visits().len()).collect();
                all.sort_by_key(|&k| (self.visits()[k].first_day, k));
                all
            }
        };
        let sessions = self.sessions();
        let doc = self.document();
        let out = visits
            .into_iter()
            .map(|k| {
                let v = &self.visits()[k];
                let tpl = &self.templates()[v.template];
                let mut days: Vec<ProgrammeDay> = Vec::new();
                for s in sessions.iter().filter(|s| s.visit as usize == k) {
                    let view = self.view(s);
                    let ts = view.template;
                    let prov = ts.provenance.as_ref();
                    let assumes = |f: &str| prov.is_some_and(|p| p.assumes(f));
                    let mut assumed = Vec::new();
                    if prov.is_some_and(|p| p.is_assumption()) {
                        assumed.push("session".to_string());
                    }
                    if assumes("day") {
                        assumed.push("day".into());
                    }
                    // A timetable slot gives the real time; otherwise the template's.
                    if s.start.is_some()
                        && view.label.is_none()
                        && (assumes("start") || assumes("duration_minutes"))
                    {
                        assumed.push("time".into());
                    }
                    let repeated = match &ts.repeat {
                        Some(Repeat::Parameter(p)) => {
                            let from_visit = doc.visits.iter().any(|d| {
                                d.id.as_deref() == Some(self.visit_id(k))
                                    && (d.parameters.contains_key(p)
                                        || d.timetable.contains_key(&ts.id))
                            });
                            if !from_visit
                                && tpl
                                    .provenance
                                    .as_ref()
                                    .is_some_and(|tp| tp.assumes(&format!("parameters.{p}")))
                            {
                                assumed.push("count".into());
                            }
                            true
                        }
                        Some(Repeat::Times(_)) => true,
                        None => false,
                    };
                    if assumes("materials") {
                        assumed.push("materials".into());
                    }
                    let audiences = ts
                        .audiences
                        .iter()
                        .map(|id| {
                            let a = self.audiences().iter().find(|a| &a.id == id);
                            ProgrammeAudience {
                                label: a
                                    .map(|a| a.label.clone())
                                    .unwrap_or_else(|| Text::new(id.clone(), id.clone())),
                                assumed: assumes(&format!("audiences.{id}"))
                                    || a.and_then(|a| a.provenance.as_ref())
                                        .is_some_and(|p| p.is_assumption()),
                            }
                        })
                        .collect();
                    let title = match (view.label, repeated) {
                        (Some(label), _) => Text::new(
                            format!("{}: {label}", ts.title.sq),
                            format!("{}: {label}", ts.title.en),
                        ),
                        (None, true) => Text::new(
                            format!("{} {}", ts.title.sq, s.repetition + 1),
                            format!("{} {}", ts.title.en, s.repetition + 1),
                        ),
                        (None, false) => ts.title.clone(),
                    };
                    let materials = ts
                        .materials
                        .iter()
                        .map(|(id, &n)| {
                            let label = doc
                                .materials
                                .iter()
                                .find(|m| &m.id == id)
                                .map(|m| m.label.clone())
                                .unwrap_or_else(|| Text::new(id.clone(), id.clone()));
                            (label, n)
                        })
                        .collect();
                    let label_of = |id: &str| {
                        self.audiences()
                            .iter()
                            .find(|a| a.id == id)
                            .map(|a| a.label.clone())
                    };
                    let item = ProgrammeItem {
                        start: s.start,
                        end: s.start.map(|t| {
                            t.overflowing_add_signed(TimeDelta::minutes(i64::from(
                                ts.duration_minutes,
                            )))
                            .0
                        }),
                        title,
                        venue: venue_label(ts.venue),
                        audiences,
                        rule: ts.rule.map(|r| r.describe()),
                        materials,
                        topics: ts.topics.clone(),
                        timetable_by: ts.timetable_by.as_deref().and_then(label_of),
                        note: ts.note.clone(),
                        assumed,
                    };
                    match days.iter_mut().find(|d| d.date == s.day) {
                        Some(d) => d.items.push(item),
                        None => days.push(ProgrammeDay {
                            date: s.day,
                            items: vec![item],
                        }),
                    }
                }
                // Sessions keep the template's running order within a day.
                days.sort_by_key(|d| d.date);
                let other_days = v
                    .first_day
                    .iter_days()
                    .take_while(|d| *d <= v.last_day)
                    .filter(|d| !days.iter().any(|x| x.date == *d))
                    .collect();
                VisitProgramme {
                    id: self.visit_id(k).to_owned(),
                    county: self.regions().regions()[v.county].name_sq.clone(),
                    first_day: v.first_day,
                    last_day: v.last_day,
                    days,
                    other_days,
                }
            })
            .collect();
        Ok(Programme {
            name: doc.name.clone(),
            aim: doc.aim.clone(),
            visits: out,
        })
    }
}

fn venue_label(v: Venue) -> Text {
    match v {
        Venue::Institution => Text::new("Institucion", "Institution"),
        Venue::School => Text::new("Shkollë", "School"),
        Venue::PublicSpace => Text::new("Vend publik", "Public place"),
    }
}

/// Words of the programme in each language.
struct Words {
    aim: &'static str,
    day: &'static str,
    time: &'static str,
    time_by: &'static str,
    time_open: &'static str,
    venue: &'static str,
    who: &'static str,
    rule: &'static str,
    bring: &'static str,
    topics: &'static str,
    other_day: &'static str,
    assumption: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Sq => Words {
            aim: "Qëllimi",
            day: "Dita",
            time: "Ora",
            time_by: "e përcaktuar nga",
            time_open: "pa përcaktuar",
            venue: "Vendi",
            who: "Pjesëmarrës",
            rule: "Numri i pjesëmarrësve",
            bring: "Për të marrë",
            topics: "Temat",
            other_day: "kalendari nuk thotë çfarë përmban kjo ditë",
            assumption: "* supozim: nuk thuhet në burim (vlerë planifikimi, për t'u zëvendësuar me të vërtetën)",
        },
        Lang::En => Words {
            aim: "Aim",
            day: "Day",
            time: "Time",
            time_by: "set by the",
            time_open: "not set",
            venue: "Venue",
            who: "Participants",
            rule: "Participants required",
            bring: "Bring",
            topics: "Topics",
            other_day: "the calendar does not say what this day holds",
            assumption: "* assumption: not stated by the source (a planning default, to be replaced by the real value)",
        },
    }
}

fn date_text(d: NaiveDate, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const SQ: [&str; 12] = [
        "janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator",
        "tetor", "nëntor", "dhjetor",
    ];
    let month = d.month0() as usize;
    match lang {
        Lang::Sq => format!("{} {} {}", d.day(), SQ[month], d.year()),
        Lang::En => format!("{} {} {}", d.day(), EN[month], d.year()),
    }
}

fn star(item: &ProgrammeItem, what: &str) -> &'static str {
    if item.assumed.iter().any(|a| a == what) {
        "*"
    } else {
        ""
    }
}

/// An item in one language: its time, its title and its (label, value) lines.
fn item_lines(item: &ProgrammeItem, lang: Lang) -> (String, String, Vec<(String, String)>) {
    let w = words(lang);
    let mut lines = Vec::new();
    let time = match (item.start, item.end) {
        (Some(s), Some(e)) => format!(
            "{:02}:{:02}–{:02}:{:02}{}",
            s.hour(),
            s.minute(),
            e.hour(),
            e.minute(),
            star(item, "time")
        ),
        _ => {
            let when = match &item.timetable_by {
                Some(by) => format!("{} {}", w.time_by, by.get(lang)),
                None => w.time_open.to_string(),
            };
            lines.push((w.time.to_string(), when));
            "–".to_string()
        }
    };
    let whole = if item
        .assumed
        .iter()
        .any(|a| a == "session" || a == "day" || a == "count")
    {
        "*"
    } else {
        ""
    };
    let title = format!("{}{whole}", item.title.get(lang));
    lines.push((w.venue.to_string(), item.venue.get(lang).to_string()));
    if !item.audiences.is_empty() {
        let who: Vec<String> = item
            .audiences
            .iter()
            .map(|a| format!("{}{}", a.label.get(lang), if a.assumed { "*" } else { "" }))
            .collect();
        lines.push((w.who.to_string(), who.join(", ")));
    }
    if let Some(r) = &item.rule {
        lines.push((w.rule.to_string(), r.get(lang).to_string()));
    }
    if !item.materials.is_empty() {
        let m: Vec<String> = item
            .materials
            .iter()
            .map(|(l, n)| {
                format!(
                    "{n} {}{}",
                    l.get(lang).to_lowercase(),
                    star(item, "materials")
                )
            })
            .collect();
        lines.push((w.bring.to_string(), m.join(", ")));
    }
    if !item.topics.is_empty() {
        let t: Vec<&str> = item.topics.iter().map(|t| t.get(lang)).collect();
        lines.push((w.topics.to_string(), t.join("; ")));
    }
    if let Some(n) = &item.note {
        lines.push((String::new(), n.get(lang).to_string()));
    }
    (time, title, lines)
}

fn has_assumptions(p: &Programme) -> bool {
    p.visits
        .iter()
        .flat_map(|v| &v.days)
        .flat_map(|d| &d.items)
        .any(|i| !i.assumed.is_empty() || i.audiences.iter().any(|a| a.assumed))
}

impl Programme {
    /// Plain text, one block per language in the order given (Albanian first for a
    /// bilingual programme: `&[Lang::Sq, Lang::En]`).
    pub fn to_text(&self, langs: &[Lang]) -> String {
        let mut s = String::new();
        for (n, &lang) in langs.iter().enumerate() {
            if n > 0 {
                s.push_str("\n\n");
            }
            let w = words(lang);
            let _ = writeln!(s, "{}", self.name.get(lang));
            if let Some(aim) = &self.aim {
                let _ = writeln!(s, "{}: {}", w.aim, aim.get(lang));
            }
            for v in &self.visits {
                let _ = writeln!(
                    s,
                    "\n{} ({}): {} – {}",
                    v.county,
                    v.id,
                    date_text(v.first_day, lang),
                    date_text(v.last_day, lang)
                );
                for (k, d) in v.days.iter().enumerate() {
                    let _ = writeln!(s, "\n  {} {}, {}", w.day, k + 1, date_text(d.date, lang));
                    for item in &d.items {
                        let (time, title, lines) = item_lines(item, lang);
                        let _ = writeln!(s, "    {time:<13} {title}");
                        for (label, value) in lines {
                            if label.is_empty() {
                                let _ = writeln!(s, "                  {value}");
                            } else {
                                let _ = writeln!(s, "                  {label}: {value}");
                            }
                        }
                    }
                }
                for d in &v.other_days {
                    let _ = writeln!(s, "\n  {}: {}", date_text(*d, lang), w.other_day);
                }
            }
            if has_assumptions(self) {
                let _ = writeln!(s, "\n{}", w.assumption);
            }
        }
        s
    }

    /// A self-contained HTML page (no external resources) that prints on A4, one
    /// section per language in the order given; every text is escaped.
    pub fn to_html(&self, langs: &[Lang]) -> String {
        let e = crate::text::markup_escape;
        let mut s = String::from("<!doctype html>\n<html lang=\"");
        s.push_str(langs.first().map_or("sq", |l| l.as_str()));
        s.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        s.push_str(&e(self.name.get(*langs.first().unwrap_or(&Lang::Sq))));
        s.push_str("</title>\n<style>\n@page { size: A4; margin: 15mm; }\nbody { font: 11pt/1.4 system-ui, sans-serif; color: #111; max-width: 180mm; margin: 0 auto; }\nsection.lang + section.lang { page-break-before: always; }\nh1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; } h3 { font-size: 11pt; margin: 10pt 0 4pt; }\ntable { border-collapse: collapse; width: 100%; } td { vertical-align: top; padding: 3pt 6pt 3pt 0; border-top: 1px solid #ddd; }\ntd.time { white-space: nowrap; width: 26mm; } dl { margin: 2pt 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 6pt; } dt { color: #555; } dd { margin: 0; }\n.assumption { color: #8a4b00; font-size: 9.5pt; } .other { color: #555; font-style: italic; }\n</style>\n</head>\n<body>\n");
        for &lang in langs {
            let w = words(lang);
            let _ = writeln!(s, "<section class=\"lang\" lang=\"{}\">", lang.as_str());
            let _ = writeln!(s, "<h1>{}</h1>", e(self.name.get(lang)));
            if let Some(aim) = &self.aim {
                let _ = writeln!(s, "<p><b>{}:</b> {}</p>", e(w.aim), e(aim.get(lang)));
            }
            for v in &self.visits {
                let _ = writeln!(
                    s,
                    "<h2 data-visit=\"{}\">{} ({}): {} – {}</h2>",
                    e(&v.id),
                    e(&v.county),
                    e(&v.id),
                    date_text(v.first_day, lang),
                    date_text(v.last_day, lang)
                );
                for (k, d) in v.days.iter().enumerate() {
                    let _ = writeln!(
                        s,
                        "<h3>{} {}, {}</h3>\n<table>",
                        w.day,
                        k + 1,
                        date_text(d.date, lang)
                    );
                    for item in &d.items {
                        let (time, title, lines) = item_lines(item, lang);
                        let _ = write!(
                            s,
                            "<tr><td class=\"time\">{}</td><td><b>{}</b><dl>",
                            e(&time),
                            e(&title)
                        );
                        for (label, value) in lines {
                            let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", e(&label), e(&value));
                        }
                        s.push_str("</dl></td></tr>\n");
                    }
                    s.push_str("</table>\n");
                }
                for d in &v.other_days {
                    let _ = writeln!(
                        s,
                        "<p class=\"other\">{}: {}</p>",
                        date_text(*d, lang),
                        e(w.other_day)
                    );
                }
            }
            if has_assumptions(self) {
                let _ = writeln!(s, "<p class=\"assumption\">{}</p>", e(w.assumption));
            }
            s.push_str("</section>\n");
        }
        s.push_str("</body>\n</html>\n");
        s
    }
}
