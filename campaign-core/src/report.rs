//! Readable text for campaigns and reports.

use crate::campaign::Campaign;
use crate::checks::Report;
use crate::text::{Lang, Text};
use chrono::Datelike;
use std::fmt::Write;

fn weekday(d: chrono::NaiveDate, lang: Lang) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Sq => [
            "E hënë",
            "E martë",
            "E mërkurë",
            "E enjte",
            "E premte",
            "E shtunë",
            "E diel",
        ][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    }
}

/// A readable summary of a campaign: name, partners, stock, templates and the calendar.
pub(crate) fn summary_text(c: &Campaign, lang: Lang) -> String {
    let doc = c.document();
    let l = |sq: &'static str, en: &'static str| if lang == Lang::Sq { sq } else { en };
    let mut s = String::new();
    let _ = writeln!(s, "{}", doc.name.get(lang));
    if let Some(aim) = &doc.aim {
        let _ = writeln!(s, "{}: {}", l("Qëllimi", "Aim"), aim.get(lang));
    }
    // What the document marks as assumed is said so wherever it is shown.
    let assumed_in_doc = |field: &str| doc.provenance.as_ref().is_some_and(|p| p.assumes(field));
    let assumption = l("supozim", "assumption");
    let mut any_assumed = false;
    if !doc.organisers.is_empty() {
        let _ = writeln!(
            s,
            "{}: {}",
            l("Organizatorë", "Organisers"),
            doc.organisers.join("; ")
        );
    }
    if !doc.partners.is_empty() {
        let _ = writeln!(
            s,
            "{}: {}",
            l("Partnerë", "Partners"),
            doc.partners.join("; ")
        );
    }
    if let Some(p) = &doc.period {
        let mark = if assumed_in_doc("period") {
            format!(" ({assumption})")
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "{}: {} – {}{mark}",
            l("Periudha", "Period"),
            p.start,
            p.end
        );
    }
    for r in &doc.rounds {
        let label = r.label.as_ref().map_or(r.id.as_str(), |t| t.get(lang));
        let whole = doc
            .provenance
            .as_ref()
            .is_some_and(|p| p.assumed.iter().any(|a| *a == format!("rounds.{}", r.id)));
        let period = r
            .period
            .as_ref()
            .map(|p| format!(", {} – {}", p.start, p.end))
            .unwrap_or_default();
        if whole {
            let _ = writeln!(
                s,
                "{}: {label}{period} ({assumption})",
                l("Raundi", "Round")
            );
        } else if assumed_in_doc(&format!("rounds.{}.period", r.id)) {
            let _ = writeln!(
                s,
                "{}: {label}{period} ({}: {})",
                l("Raundi", "Round"),
                assumption,
                l("periudha", "period")
            );
        }
    }
    for m in &doc.materials {
        let _ = writeln!(
            s,
            "{}: {} {}",
            l("Materiale", "Materials"),
            m.stock,
            m.label.get(lang)
        );
    }
    let sessions = c.sessions();
    let _ = writeln!(
        s,
        "{}: {}, {}: {}",
        l("Vizita", "Visits"),
        c.visits().len(),
        l("seanca", "sessions"),
        sessions.len()
    );
    let mut used_templates: Vec<usize> = c.visits().iter().map(|v| v.template).collect();
    used_templates.sort_unstable();
    used_templates.dedup();
    for t in used_templates {
        let tpl = &c.templates()[t];
        let _ = writeln!(
            s,
            "\n{} \"{}\"",
            l("Programi", "Template"),
            tpl.name.get(lang)
        );
        for (d, day) in tpl.days.iter().enumerate() {
            let _ = writeln!(s, "  {} {}:", l("Dita", "Day"), d + 1);
            for ts in &day.sessions {
                let mut line = format!("    - {}", ts.title.get(lang));
                let assumed: Vec<&str> = ts
                    .provenance
                    .as_ref()
                    .map(|p| p.assumed.iter().map(String::as_str).collect())
                    .unwrap_or_default();
                if let Some(r) = ts.rule {
                    let Text { sq, en } = r.describe();
                    let _ = write!(
                        line,
                        " [{} {}]",
                        l("pjesëmarrës", "participants"),
                        if lang == Lang::Sq { sq } else { en }
                    );
                }
                if let Some(rep) = &ts.repeat {
                    let n = match rep {
                        crate::template::Repeat::Times(n) => *n,
                        crate::template::Repeat::Parameter(p) => {
                            tpl.parameters.get(p).copied().unwrap_or(1)
                        }
                    };
                    let _ = write!(line, " ×{n}");
                    if let (Some(crate::template::Repeat::Parameter(p)), Some(tp)) =
                        (&ts.repeat, &tpl.provenance)
                    {
                        if tp.assumes(&format!("parameters.{p}")) {
                            line.push('*');
                            any_assumed = true;
                        }
                    }
                }
                if !assumed.is_empty() {
                    let _ = write!(line, " ({assumption}: {})", assumed.join(", "));
                    any_assumed = true;
                }
                let _ = writeln!(s, "{line}");
            }
        }
    }
    if any_assumed {
        let _ = writeln!(
            s,
            "  {}",
            l(
                "* dhe (supozim: …): nuk thuhet në burim; vlerë planifikimi, për t'u zëvendësuar me të vërtetën",
                "* and (assumption: …): not stated by the source; a planning default, to be replaced by the real value"
            )
        );
    }
    let _ = writeln!(s, "\n{}:", l("Kalendari", "Calendar"));
    for (v, id) in c.visits().iter().zip(c.visit_ids()) {
        let county = &c.regions().regions()[v.county];
        let _ = writeln!(
            s,
            "  {:<16} {:<12} {}  {} {} – {} {}{}",
            id,
            county.name_sq,
            county.code,
            weekday(v.first_day, lang),
            v.first_day,
            weekday(v.last_day, lang),
            v.last_day,
            v.round
                .map(|r| format!("  [{}]", c.document().rounds[r].id))
                .unwrap_or_default()
        );
    }
    s
}

impl Report {
    /// A readable report: counts, then findings grouped by severity.
    pub fn to_text(&self, lang: Lang) -> String {
        let l = |sq: &'static str, en: &'static str| if lang == Lang::Sq { sq } else { en };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}: {} {}, {} {} — {} {}, {} {}, {} {}",
            self.campaign.get(lang),
            self.visits,
            l("vizita", "visits"),
            self.sessions,
            l("seanca", "sessions"),
            self.counts.error,
            l("gabime", "errors"),
            self.counts.warning,
            l("paralajmërime", "warnings"),
            self.counts.info,
            l("njoftime", "notes")
        );
        if self.is_empty() {
            let _ = writeln!(s, "{}", l("Asnjë problem.", "No problems found."));
        }
        for sev in [
            crate::Severity::Error,
            crate::Severity::Warning,
            crate::Severity::Info,
        ] {
            let group: Vec<usize> = (0..self.len())
                .filter(|&i| self.severity(i) == Some(sev))
                .collect();
            if group.is_empty() {
                continue;
            }
            let title = match sev {
                crate::Severity::Error => l("Gabime", "Errors"),
                crate::Severity::Warning => l("Paralajmërime", "Warnings"),
                crate::Severity::Info => l("Njoftime", "Notes"),
            };
            let _ = writeln!(s, "\n{title}:");
            for i in group {
                let code = self.code(i).expect("in range");
                let message = self.message(i, lang).expect("in range");
                let _ = writeln!(s, "  [{code}] {message}");
            }
        }
        s
    }
}
