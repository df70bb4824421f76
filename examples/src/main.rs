//! `campaign`: check a campaign calendar and print a readable report.
//!
//! ```text
//! campaign [FILE.json | FILE.csv] [--lang en|sq] [--json] [--options OPTIONS.json]
//! campaign schema            # print the JSON Schema of the document format
//! ```
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
    let mut options = CheckOptions::default();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => {
                lang = match it.next().as_deref() {
                    Some("sq") => Lang::Sq,
                    Some("en") => Lang::En,
                    other => return Err(format!("--lang takes sq or en, not {other:?}")),
                }
            }
            "--json" => json = true,
            "--options" => {
                let path = it.next().ok_or("--options needs a file")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                options = CheckOptions::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
            }
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
