//! The `campaign` command line end to end: exit statuses, formats, errors that name
//! the file, line and column, and the subcommands.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output};

fn campaign(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_campaign"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A file in a fresh temporary folder (removed with the process's target dir).
fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(contents.as_bytes())
        .unwrap();
    path
}

#[test]
fn the_built_in_campaign_checks_clean_and_names_every_county() {
    let out = campaign(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    for county in ["Durrës", "Dibër", "Elbasan", "Kukës", "Shkodër", "Korçë"] {
        assert!(report.contains(county), "{county} missing from:\n{report}");
    }
    // Same as the explicit subcommand.
    assert_eq!(campaign(&["check"]).stdout, out.stdout);
}

#[test]
fn json_output_is_the_report_and_csv_has_one_row_per_finding() {
    let json = campaign(&["--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(campaign(&["--json"]).stdout, json.stdout);

    let csv = campaign(&["--format", "csv"]);
    assert_eq!(csv.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    assert!(reader.headers().unwrap().iter().any(|h| h == "code"));
    assert_eq!(reader.records().count(), findings.len());
}

#[test]
fn a_calendar_with_errors_exits_1() {
    // Two visits to Durrës on Christmas Day, overlapping, by the same team.
    let path = temp_file(
        "clash.csv",
        "county,first_day,last_day\nDurrës,2017-12-25,2017-12-26\nDurrës,2017-12-25,2017-12-26\n",
    );
    let out = campaign(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stdout).to_lowercase().contains("holiday"));
}

#[test]
fn unreadable_input_exits_2_with_the_line_and_column() {
    let path = temp_file(
        "bad.csv",
        "county,first_day,last_day\nDurrës,2017-10-16,2017-10-17\nKorcha,2017-12-19,2017-12-21\n",
    );
    let out = campaign(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("Korçë"), "the suggestion is shown: {err}");

    let missing = campaign(&["/no/such/file.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("/no/such/file.json"));

    let wrong_flag = campaign(&["--format", "yaml"]);
    assert_eq!(wrong_flag.status.code(), Some(2));
}

#[test]
fn json_errors_name_the_json_path() {
    let builtin = include_str!("../data/campaign_2017.json");
    let mut doc: serde_json::Value = serde_json::from_str(builtin).unwrap();
    doc["visits"][2]["first_day"] = "2017-11-31".into();
    let path = temp_file("bad.json", &doc.to_string());
    let out = campaign(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("$.visits[2].first_day"), "{err}");
}

#[test]
fn subcommands_print_what_they_promise() {
    let schema = campaign(&["schema"]);
    assert_eq!(schema.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&schema.stdout).unwrap();
    assert!(schema["properties"]["visits"].is_object());

    let svg = campaign(&["timeline"]);
    assert_eq!(svg.status.code(), Some(0));
    assert!(text(&svg.stdout).starts_with("<svg"));

    let part = campaign(&["participation"]);
    assert_eq!(part.status.code(), Some(0), "{}", text(&part.stderr));
    assert!(
        text(&part.stdout).to_lowercase().contains("assum"),
        "sample data is labelled"
    );

    let bash = campaign(&["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    assert!(text(&bash.stdout).contains("participation"));
}

#[test]
fn programme_prints_the_durres_visit_in_albanian_then_english() {
    let out = campaign(&["programme", "durres-2017"]);
    assert!(out.status.success());
    let s = text(&out.stdout);
    let sq = s
        .find("Durrës (durres-2017): 16 tetor 2017 – 17 tetor 2017")
        .unwrap();
    let en = s
        .find("Durrës (durres-2017): 16 October 2017 – 17 October 2017")
        .unwrap();
    assert!(sq < en);
    assert!(s.contains("Numri i pjesëmarrësve: mbi 30"));
    assert!(s.contains("Participants required: more than 30"));
    assert!(s.contains("* assumption: not stated by the source"));
    let html = text(
        &campaign(&[
            "programme",
            "durres-2017",
            "--lang",
            "en",
            "--format",
            "html",
        ])
        .stdout,
    );
    assert!(html.starts_with("<!doctype html>") && html.contains("@page { size: A4"));
    assert!(!html.contains("tetor"));
    let bad = campaign(&["programme", "atlantis"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("$.visit"));
    let help = text(&campaign(&["programme", "--help"]).stdout);
    for option in ["--file", "--lang", "--format", "[VISIT]"] {
        assert!(help.contains(option), "{option} in {help}");
    }
}

/// `campaign [SUBCOMMAND] --help`, compared with `examples/tests/help/*.txt`
/// (`UPDATE_HELP=1 cargo test -p campaign-examples --test cli` rewrites them).
#[test]
fn help_matches_its_snapshot_and_lists_what_the_readme_mentions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/help");
    let mut all = String::new();
    for sub in [
        "",
        "check",
        "participation",
        "timeline",
        "programme",
        "plan",
        "schema",
        "completions",
    ] {
        let mut args: Vec<&str> = if sub.is_empty() { vec![] } else { vec![sub] };
        args.push("--help");
        let out = Command::new(env!("CARGO_BIN_EXE_campaign"))
            .args(&args)
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{sub} --help");
        let help = text(&out.stdout);
        let file = dir.join(format!(
            "{}.txt",
            if sub.is_empty() { "campaign" } else { sub }
        ));
        if std::env::var_os("UPDATE_HELP").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&file, &help).unwrap();
        }
        let expected = std::fs::read_to_string(&file)
            .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_HELP=1", file.display()));
        assert_eq!(
            help, expected,
            "{sub} --help changed: run with UPDATE_HELP=1 and review"
        );
        all.push_str(&help);
    }
    // What the README tells users to type.
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"),
    )
    .unwrap();
    for word in [
        "--lang",
        "--json",
        "--options",
        "--attendance",
        "--ledger",
        "--format",
        "participation",
        "timeline",
        "schema",
        "programme",
        "plan",
        "--weekdays",
        "completions",
    ] {
        assert!(readme.contains(word), "README no longer mentions {word}");
        assert!(
            all.contains(word),
            "{word} is in the README but in no --help"
        );
    }
    // The exit codes are documented in the help.
    assert!(
        all.contains("Exit status") || all.contains("exit status") || all.contains("Exit codes"),
        "exit codes"
    );
}

#[test]
fn plan_places_the_2018_counties_and_its_csv_reads_back() {
    let args = [
        "plan",
        "--from",
        "2018-01-15",
        "--to",
        "2018-06-15",
        "--weekdays",
        "tuesday,wednesday,thursday",
    ];
    let out = campaign(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    for county in ["Berat", "Fier", "Gjirokastër", "Lezhë", "Tiranë", "Vlorë"] {
        assert!(report.contains(county), "{county} missing from:\n{report}");
    }
    assert!(report.contains("6 visits placed, 0 not placed"), "{report}");
    assert!(report.contains("0 errors"), "{report}");
    // The CSV: the calendar the import reads, fixed visits and planned ones.
    let csv_out = campaign(&[&args[..], &["--format", "csv"]].concat());
    assert_eq!(csv_out.status.code(), Some(0));
    let file = temp_file("planned.csv", &text(&csv_out.stdout));
    let checked = campaign(&["check", file.to_str().unwrap(), "--format", "json"]);
    let back: serde_json::Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(back["counts"]["error"], 0, "{}", text(&checked.stdout));
    let rows = csv::Reader::from_reader(csv_out.stdout.as_slice())
        .records()
        .count();
    assert_eq!(rows, 12);
    // JSON: the document and the reasons; iCalendar: one event per visit.
    let json = campaign(&[&args[..], &["--format", "json"]].concat());
    let plan: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(plan["visits"].as_array().unwrap().len(), 6);
    assert_eq!(plan["document"]["visits"].as_array().unwrap().len(), 12);
    assert_eq!(plan["optimal"], true);
    let ics = campaign(
        &[
            &args[..],
            &["--format", "ics", "--stamp", "2018-01-10T09:00:00Z"],
        ]
        .concat(),
    );
    assert_eq!(text(&ics.stdout).matches("BEGIN:VEVENT").count(), 12);
    // A bad weekday is a usage error naming it.
    let bad = campaign(&["plan", "--weekdays", "tuesday,funday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("funday"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn workbooks_out_and_back_in() {
    // check --format xlsx: calendar and findings; the calendar reads back.
    let out = campaign(&["check", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(&out.stdout[..2], b"PK");
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let book = dir.join("report.xlsx");
    std::fs::write(&book, &out.stdout).unwrap();
    let back = campaign(&["check", book.to_str().unwrap(), "--format", "json"]);
    assert_eq!(back.status.code(), Some(0), "{}", text(&back.stderr));
    let report: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(report["visits"], 6);
    // participation --format xlsx: every part; its attendance and ledger read back.
    let out = campaign(&["participation", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(0));
    let book = dir.join("participation.xlsx");
    std::fs::write(&book, &out.stdout).unwrap();
    let path = book.to_str().unwrap();
    let again = campaign(&["participation", "--attendance", path, "--ledger", path]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    let sample = campaign(&["participation"]);
    // The same figures as from the sample CSVs (only the sample-data label differs).
    assert_eq!(
        text(&again.stdout).replace(" (SAMPLE DATA)", ""),
        text(&sample.stdout).replace(" (SAMPLE DATA)", "")
    );
    // A file that is not a workbook: a located error, status 2.
    let fake = dir.join("fake.xlsx");
    std::fs::write(&fake, "county,first_day,last_day\n").unwrap();
    let bad = campaign(&["check", fake.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("not a workbook"),
        "{}",
        text(&bad.stderr)
    );
}
