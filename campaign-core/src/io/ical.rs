//! The calendar as an iCalendar file (RFC 5545), for any calendar program.

/// The calendar as an iCalendar file (RFC 5545): one all-day event per visit.
///
/// `stamp` is the DTSTAMP written on every event (pass the export time); UIDs are
/// stable (`<visit id>@campaign-core`) so re-imports update rather than duplicate.
///
/// ```
/// let c = campaign_core::Campaign::builtin_2017();
/// let ics = campaign_core::io::to_ics(&c, "20171001T000000Z");
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), 6);
/// assert!(ics.contains("DTSTART;VALUE=DATE:20171016\r\n"));
/// assert!(ics.contains("DTEND;VALUE=DATE:20171018\r\n")); // exclusive end
/// ```
pub fn to_ics(campaign: &crate::Campaign, stamp: &str) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//campaign-core//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", ics_text(&campaign.document().name.sq)),
    ];
    for (i, v) in campaign.visits().iter().enumerate() {
        let county = &campaign.regions().regions()[v.county];
        let doc_visit = &campaign.document().visits[i];
        let tpl = &campaign.templates()[v.template];
        let mut description = format!("{} / {}", tpl.name.sq, tpl.name.en);
        if let Some(t) = v.team {
            description.push_str(&format!("\nTeam: {}", campaign.document().teams[t].id));
        }
        if let Some(note) = &doc_visit.note {
            description.push_str(&format!("\n{note}"));
        }
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}@campaign-core", ics_text(&v.id)),
            format!("DTSTAMP:{stamp}"),
            format!(
                "DTSTART;VALUE=DATE:{}",
                crate::isodate::compact(v.first_day)
            ),
            format!(
                "DTEND;VALUE=DATE:{}",
                crate::isodate::compact(v.last_day + chrono::Days::new(1))
            ),
            format!(
                "SUMMARY:{}",
                ics_text(&format!(
                    "{} — {} ({})",
                    campaign.document().name.sq,
                    county.name_sq,
                    county.code
                ))
            ),
            format!(
                "LOCATION:{}",
                ics_text(&format!("{}, {}", county.seat, county.name_sq))
            ),
            format!("DESCRIPTION:{}", ics_text(&description)),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        fold(&l, &mut out);
    }
    out
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
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
