//! `campaign`: check a campaign calendar and print a readable report.
//!
//! ```text
//! campaign [FILE.json | FILE.csv] [--lang en|sq] [--json] [--options OPTIONS.json]
//! campaign schema            # print the JSON Schema of the document format
//! campaign timeline [FILE]   # print the timeline SVG
//! campaign participation [--attendance FILE.csv] [--ledger FILE.csv]
//! ```
//! `participation` analyses the built-in 2017 campaign with the sample attendance and
//! leaflet data in `examples/data/` (or the files given).
//! Without a file it checks the built-in 2017 campaign. Exit status: 0 when the calendar
//! has no error-level finding, 1 when it has, 2 when the input cannot be read.

use campaign_core::{io, Campaign, CheckOptions, Lang, Text};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode, String> {
    let mut lang = Lang::En;
    let mut json = false;
    let mut file = None;
    let mut timeline = false;
    let mut options = CheckOptions::default();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => {
                lang = it
                    .next()
                    .ok_or("--lang takes sq or en")?
                    .parse::<Lang>()
                    .map_err(|e| format!("--lang: {e}"))?
            }
            "--json" => json = true,
            "--options" => {
                let path = it.next().ok_or("--options needs a file")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                options = CheckOptions::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
            }
            "participation" => return participation(it.collect()),
            "timeline" => timeline = true,
            "schema" => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&io::document_schema())
                        .map_err(|e| e.to_string())?
                );
                return Ok(ExitCode::SUCCESS);
            }
            "-h" | "--help" => {
                println!("usage: campaign [FILE.json|FILE.csv] [--lang en|sq] [--json] [--options OPTIONS.json]\n       campaign schema");
                return Ok(ExitCode::SUCCESS);
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ => file = Some(a),
        }
    }
    let campaign = match &file {
        None => Campaign::builtin_2017(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let doc = if path.to_ascii_lowercase().ends_with(".csv") {
                io::document_from_csv(Text::new(path.clone(), path.clone()), &text)
            } else {
                Campaign::from_json(&text).map(Campaign::into_document)
            };
            doc.and_then(Campaign::new)
                .map_err(|e| format!("{path}: {e}"))?
        }
    };
    let report = campaign.check_with(&options).map_err(|e| e.to_string())?;
    if timeline {
        println!(
            "{}",
            campaign_core::timeline::svg(&campaign, Some(&report), lang)
        );
        return Ok(ExitCode::SUCCESS);
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    } else {
        println!("{}", campaign.summary_text(lang));
        println!("{}", report.to_text(lang));
    }
    Ok(if report.counts.error > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

const SAMPLE_ATTENDANCE: &str = include_str!("../data/sample_attendance_2017.csv");
const SAMPLE_LEDGER: &str = include_str!("../data/sample_ledger_2017.csv");

fn participation(args: Vec<String>) -> Result<ExitCode, String> {
    use campaign_core::materials::{Allocation, AllocationRequest, Ledger};
    use campaign_core::participation::{Attendance, Dimension};
    let (mut attendance_text, mut ledger_text) =
        (SAMPLE_ATTENDANCE.to_string(), SAMPLE_LEDGER.to_string());
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut read = |what: &str| -> Result<String, String> {
            let path = it.next().ok_or(format!("{what} needs a file"))?;
            std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
        };
        match a.as_str() {
            "--attendance" => attendance_text = read("--attendance")?,
            "--ledger" => ledger_text = read("--ledger")?,
            _ => return Err(format!("unknown option {a}")),
        }
    }
    let campaign = Campaign::builtin_2017();
    let request = AllocationRequest::suggested(&campaign).ok_or("the campaign has no material")?;
    let stock = request.stock;
    let allocation =
        Allocation::compute(campaign.regions(), &request).map_err(|e| e.to_string())?;
    let mut ledger = Ledger::for_material(&campaign, "leaflets", Some(&allocation))
        .map_err(|e| e.to_string())?;
    let sheet = io::attendance_from_csv(&campaign, &attendance_text).map_err(|e| e.to_string())?;
    let entries = io::ledger_from_csv(&mut ledger, &ledger_text).map_err(|e| e.to_string())?;
    for e in sheet.errors.iter().chain(&entries.errors) {
        eprintln!("skipped: {e}");
    }
    let attendance = Attendance::new(campaign.clone(), sheet.rows).map_err(|e| e.to_string())?;
    println!("{} (SAMPLE DATA)\n", campaign.document().name.en);
    println!(
        "Workshop threshold (more than 30 participants) per visit:\n{}",
        attendance.threshold_results().to_text()
    );
    println!(
        "Sessions meeting their rule, per county:\n{}",
        attendance
            .threshold_summary(Dimension::County)
            .map_err(|e| e.to_string())?
            .to_text()
    );
    println!(
        "Participation by county (reach per 10,000 inhabitants, leaflets per participant):\n{}",
        attendance.county_summary(Some(&ledger)).to_text()
    );
    println!(
        "Participation by audience:\n{}",
        attendance.participation_by(Dimension::Audience).to_text()
    );
    println!(
        "Participation by sex:\n{}",
        attendance.participation_by(Dimension::Sex).to_text()
    );
    println!(
        "Leaflet allocation (population 2016 estimate, minimum 2,000, packs of 50):\n{}",
        allocation.to_table().to_text()
    );
    println!(
        "Leaflet balance: stock {stock}, handed out (net) {}, left {}\n{}",
        ledger.net_issued(),
        ledger.remaining_stock(),
        ledger.balance_table().to_text()
    );
    Ok(ExitCode::SUCCESS)
}
