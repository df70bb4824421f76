//! Spreadsheets: a workbook written by the library reads back as the same calendar and
//! attendance; a hand-made sheet with a misspelt county and a bad date gives errors at
//! its cells.
#![cfg(feature = "xlsx")]

use campaign_core::io::{
    attendance_from_xlsx, attendance_records_from_csv, campaign_from_xlsx,
    ledger_entries_from_xlsx, visits_from_xlsx, Workbook,
};
use campaign_core::participation::Attendance;
use campaign_core::{Campaign, Lang, Location};

fn sample_attendance(c: &Campaign) -> Attendance {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/sample_attendance_2017.csv"
    ))
    .unwrap();
    let import = attendance_records_from_csv(&text).unwrap();
    assert!(import.is_clean());
    Attendance::new(c.clone(), import.rows).unwrap()
}

#[test]
fn a_written_workbook_reads_back_as_the_same_calendar_and_attendance() {
    let c = Campaign::builtin_2017();
    let report = c.check();
    let attendance = sample_attendance(&c);
    let bytes = Workbook::new(&c)
        .report(&report)
        .attendance(&attendance)
        .lang(Lang::Sq)
        .to_xlsx()
        .unwrap();
    assert_eq!(&bytes[..2], b"PK");
    // The calendar: the same visits (county, dates, team, round, id).
    let back = campaign_from_xlsx(c.document().name.clone(), &bytes, Some("Calendar")).unwrap();
    let key = |c: &Campaign| -> Vec<_> {
        c.visits()
            .iter()
            .zip(&c.document().visits)
            .zip(c.visit_ids())
            .map(|((r, v), id)| {
                (
                    id.to_owned(),
                    r.county,
                    v.first_day,
                    v.last_day,
                    v.team.clone(),
                    v.round.clone(),
                )
            })
            .collect()
    };
    assert_eq!(key(&back), key(&c));
    // The first sheet is the calendar.
    assert_eq!(visits_from_xlsx(&bytes, None).unwrap().len(), 6);
    // The attendance: the same rows and totals.
    let import = attendance_from_xlsx(&c, &bytes, Some("Attendance")).unwrap();
    assert!(import.is_clean(), "{:?}", import.errors);
    let again = Attendance::new(c.clone(), import.rows).unwrap();
    assert_eq!(again.total(), attendance.total());
    assert_eq!(again.records(), attendance.records());
    assert_eq!(again.threshold_results(), attendance.threshold_results());
    // No such sheet: an error that lists the sheets.
    let err = visits_from_xlsx(&bytes, Some("Kalendari")).unwrap_err();
    assert!(
        err.to_string()
            .contains("Calendar, Findings, Attendance, Thresholds, Participation"),
        "{err}"
    );
    // Not a workbook at all.
    assert!(visits_from_xlsx(b"county,first_day\n", None).is_err());
}

#[test]
fn a_hand_made_sheet_with_a_typo_and_a_bad_date_gives_located_errors() {
    use rust_xlsxwriter::Workbook as Book;
    let make = |rows: &[[&str; 3]], offset: (u32, u16)| {
        let mut book = Book::new();
        let ws = book.add_worksheet();
        ws.set_name("Plani").unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(offset.0 + r as u32, offset.1 + c as u16, *cell)
                    .unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    };
    // Forgiving header spelling, as for CSV.
    let header = ["County", "First Day", "last-day"];
    let good = make(&[header, ["Durrës", "16.10.2017", "17.10.2017"]], (0, 0));
    let visits = visits_from_xlsx(&good, None).unwrap();
    assert_eq!(visits[0].first_day.to_string(), "2017-10-16");
    let typo = make(
        &[
            header,
            ["Durres", "2017-10-16", "2017-10-17"],
            ["Qytet i panjohur", "2017-12-19", "2017-12-21"],
        ],
        (0, 0),
    );
    // Reading the rows does not know counties; the campaign does.
    assert_eq!(visits_from_xlsx(&typo, None).unwrap().len(), 2);
    let name = campaign_core::Text::new("Plani", "Plan");
    let err = campaign_from_xlsx(name, &typo, None).unwrap_err();
    assert_eq!(err.code().as_str(), "UNKNOWN_COUNTY");
    assert_eq!(
        err.location(),
        &Location::Cell {
            sheet: "Plani".into(),
            row: 3,
            column: 1
        }
    );
    assert!(
        err.to_string().contains(r#"sheet "Plani", cell A3"#),
        "{err}"
    );
    // A sheet that starts at C4: the cell is still where it is in the sheet.
    let bad_date = make(&[header, ["Berat", "2018-02-30", "2018-03-01"]], (3, 2));
    let err = visits_from_xlsx(&bad_date, None).unwrap_err();
    assert_eq!(
        err.location(),
        &Location::Cell {
            sheet: "Plani".into(),
            row: 5,
            column: 4
        }
    );
    assert!(err.to_string().contains("cell D5"), "{err}");
    // A ledger sheet with a bad quantity.
    let mut book = Book::new();
    let ws = book.add_worksheet();
    for (c, h) in ["date", "county", "channel", "kind", "quantity"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["2017-10-16", "Durrës", "school", "issue", "many"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let import = ledger_entries_from_xlsx(&book.save_to_buffer().unwrap(), None).unwrap();
    assert_eq!(import.errors.len(), 1);
    assert_eq!(import.errors[0].line_column(), Some((2, 5)));
}
