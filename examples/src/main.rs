//! `campaign`: check a campaign calendar and print a readable report, analyse
//! participation, draw the timeline, print the document format.
//!
//! Without a subcommand it checks the file given (or the built-in 2017 campaign), as
//! `campaign check` does. Run `campaign --help` and `campaign <command> --help`.

use campaign_core::{io, Campaign, CheckOptions, Lang, Text};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_CODES: &str = "Exit status:
  0  the calendar has no error-level finding (or the command succeeded)
  1  the calendar has error-level findings
  2  the input could not be read, or the command line is wrong";

/// Plan, check and analyse the county visits of an awareness campaign.
#[derive(Parser, Debug)]
#[command(
    name = "campaign",
    version,
    about,
    long_about = "Check a campaign calendar (JSON or CSV) against holidays, school days, travel, \
                  overlaps, coverage, participant thresholds and leaflet stock, and analyse \
                  participation. Without a file, the built-in 2017 campaign \"Choose \
                  opportunities, not irregular migration!\" is used.",
    after_help = EXIT_CODES,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a calendar and print the report (the default command).
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Threshold results, participation by county, audience and sex, reach per 10,000
    /// inhabitants, leaflet allocation and balance (the built-in 2017 campaign with the
    /// labelled sample data, or the files given).
    #[command(after_help = EXIT_CODES)]
    Participation(ParticipationArgs),
    /// Print the timeline as SVG: one lane per team, bars coloured by the findings.
    #[command(after_help = EXIT_CODES)]
    Timeline(TimelineArgs),
    /// Print the printable programme of one visit (or of every visit): each day's
    /// sessions with time, venue, audiences, participant rule and leaflets to bring,
    /// assumptions marked with *. Albanian then English unless --lang is given.
    #[command(after_help = EXIT_CODES)]
    Programme(ProgrammeArgs),
    /// Propose dates and teams for the counties still to visit (by default the scope's
    /// counties no visit covers), keeping the visits already planned; print each
    /// visit with why it is not earlier, the counties not placed and why, then the
    /// check report of the result.
    #[command(after_help = EXIT_CODES)]
    Plan(PlanArgs),
    /// Print the JSON Schema of the document format (or of the check options).
    #[command(after_help = EXIT_CODES)]
    Schema(SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// What `check` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// A readable report.
    Text,
    /// The report as JSON (every finding, messages in both languages).
    Json,
    /// The findings as CSV, one row per finding.
    Csv,
    /// A workbook (.xlsx, written to standard output: `> report.xlsx`): the calendar and
    /// the findings, one sheet each.
    Xlsx,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// The calendar: a campaign document (.json), or a calendar sheet (.csv, or the first
    /// sheet of a .xlsx/.ods workbook: columns county, first_day, last_day and optionally
    /// team, round, id). Without it, the built-in 2017 campaign.
    file: Option<PathBuf>,
    /// Language of the report.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Same as --format json.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Check options (JSON): rules switched off, severities, extra holidays, blackouts,
    /// school years, travel parameters, max_findings_per_rule.
    #[arg(long, value_name = "OPTIONS.json")]
    options: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct ParticipationArgs {
    /// Attendance sheet (CSV, or the first sheet of a .xlsx/.ods workbook); the sample
    /// 2017 attendance when absent.
    #[arg(long, value_name = "FILE")]
    attendance: Option<PathBuf>,
    /// Leaflet ledger (CSV, or the first sheet of a .xlsx/.ods workbook); the sample 2017
    /// ledger when absent.
    #[arg(long, value_name = "FILE")]
    ledger: Option<PathBuf>,
    /// Output format: readable tables, or one workbook (.xlsx, to standard output:
    /// `> participation.xlsx`) with the calendar, attendance, thresholds, participation,
    /// allocation and ledger balance.
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
    /// Language of the workbook's texts.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
}

/// What `participation` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum TableFormat {
    /// Readable tables.
    Text,
    /// A workbook (.xlsx).
    Xlsx,
}

#[derive(Args, Debug)]
struct TimelineArgs {
    /// The calendar (.json or .csv); the built-in 2017 campaign when absent.
    file: Option<PathBuf>,
    /// Language of labels.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    /// Check options (JSON), for the colours of the bars.
    #[arg(long, value_name = "OPTIONS.json")]
    options: Option<PathBuf>,
}

/// What `programme` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ProgrammeFormat {
    /// Plain text.
    Text,
    /// A self-contained HTML page that prints on A4.
    Html,
}

#[derive(Args, Debug)]
struct ProgrammeArgs {
    /// The visit's id (e.g. durres-2017); every visit when absent.
    visit: Option<String>,
    /// The calendar (.json or .csv); the built-in 2017 campaign when absent.
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// One language only (sq or en); both, Albanian first, when absent.
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProgrammeFormat::Text)]
    format: ProgrammeFormat,
}

/// What `plan` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum PlanFormat {
    /// The plan with its reasons, then the check report of the result.
    Text,
    /// The plan as JSON: the planned campaign's document, visits, reasons, figures.
    Json,
    /// The planned calendar as CSV (what `check` and the CSV import read).
    Csv,
    /// The planned calendar as iCalendar (one event per visit, or per session).
    Ics,
}

#[derive(Args, Debug)]
struct PlanArgs {
    /// The campaign (.json or .csv); the built-in 2017 campaign when absent.
    file: Option<PathBuf>,
    /// A whole plan request (JSON); the options below replace its fields.
    #[arg(long, value_name = "REQUEST.json")]
    request: Option<PathBuf>,
    /// First day the planned visits may use (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "to")]
    from: Option<String>,
    /// Last day the planned visits may use (YYYY-MM-DD); at most 366 days after --from.
    #[arg(long, value_name = "DATE", requires = "from")]
    to: Option<String>,
    /// Counties to place, comma-separated (codes or names).
    #[arg(long, value_delimiter = ',', value_name = "COUNTY,...")]
    counties: Vec<String>,
    /// Team ids, comma-separated (the campaign's teams when absent).
    #[arg(long, value_delimiter = ',', value_name = "TEAM,...")]
    teams: Vec<String>,
    /// Weekdays a visit may use, comma-separated (monday … sunday; Monday to Friday
    /// when absent).
    #[arg(long, value_delimiter = ',', value_name = "DAY,...")]
    weekdays: Vec<String>,
    /// Free days a team keeps between two visits, besides travel.
    #[arg(long, value_name = "N")]
    rest_days: Option<u32>,
    /// At most this many visits of one team start in one week.
    #[arg(long, value_name = "K")]
    max_per_week: Option<u32>,
    /// Keep visits off the days just before and after a public holiday.
    #[arg(long)]
    avoid_holiday_neighbours: bool,
    /// Check options (JSON): holidays, blackouts, school years, travel; they also
    /// judge the result.
    #[arg(long, value_name = "OPTIONS.json")]
    options: Option<PathBuf>,
    /// Language of the reasons and the report.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    lang: Lang,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    format: PlanFormat,
    /// With --format ics: one event per session instead of one per visit (times in
    /// Albania in Europe/Tirane, with the zone written in the file).
    #[arg(long)]
    per_session: bool,
    /// With --format ics: the export time written on every event (UTC,
    /// 2018-01-10T09:00:00Z); the current time when absent.
    #[arg(long, value_name = "TIME")]
    stamp: Option<String>,
}

#[derive(Args, Debug)]
struct SchemaArgs {
    /// The schema of the check options instead of the document.
    #[arg(long)]
    options: bool,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
        .map_err(|e: campaign_core::UnknownName| e.to_string())
}

/// How a command ends: with an exit status, or with a message and status 2.
enum Failure {
    /// The reader of the output went away (`campaign schema | head -1`): not an error.
    Closed,
    Message(String),
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Message(e.to_string())
    }
}

type Outcome = Result<ExitCode, Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        None => check(&cli.check),
        Some(Command::Check(args)) => check(&args),
        Some(Command::Participation(args)) => participation(&args),
        Some(Command::Timeline(args)) => timeline(&args),
        Some(Command::Schema(args)) => schema(&args),
        Some(Command::Programme(args)) => programme(&args),
        Some(Command::Plan(args)) => plan(&args),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "campaign", &mut out);
            emit(String::from_utf8_lossy(&out)).map(|()| ExitCode::SUCCESS)
        }
    };
    match outcome {
        Ok(code) => code,
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(Failure::Message(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Writes text and a newline to standard output; a closed pipe ends the command quietly
/// instead of panicking as `println!` does.
fn emit(text: impl std::fmt::Display) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::Closed),
        Err(e) => Err(e.into()),
    }
}

fn read(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::Message(format!("{}: {e}", path.display())))
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::Message(format!("{}: {e}", path.display())))
}

/// True for the spreadsheet files the library reads (by extension).
fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xlsb", "xls", "ods"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Writes bytes to standard output (a workbook); a closed pipe ends quietly.
fn emit_bytes(bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::Closed),
        Err(e) => Err(e.into()),
    }
}

fn options(path: Option<&Path>) -> Result<CheckOptions, Failure> {
    match path {
        None => Ok(CheckOptions::default()),
        Some(p) => CheckOptions::from_json(&read(p)?)
            .map_err(|e| Failure::Message(format!("{}: {e}", p.display()))),
    }
}

/// The campaign of a file (.csv as a calendar, anything else as a document), or the
/// built-in 2017 campaign.
fn load(file: Option<&Path>) -> Result<Campaign, Failure> {
    let Some(path) = file else {
        return Ok(Campaign::builtin_2017());
    };
    let shown = path.display().to_string();
    if is_workbook(path) {
        let bytes = read_bytes(path)?;
        return io::campaign_from_xlsx(Text::new(shown.clone(), shown.clone()), &bytes, None)
            .map_err(|e| Failure::Message(format!("{shown}: {e}")));
    }
    let text = read(path)?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let campaign = if csv {
        io::campaign_from_csv(Text::new(shown.clone(), shown.clone()), &text)
    } else {
        Campaign::from_json(&text)
    };
    campaign.map_err(|e| Failure::Message(format!("{shown}: {e}")))
}

fn check(args: &CheckArgs) -> Outcome {
    let campaign = load(args.file.as_deref())?;
    let report = campaign.check_with(&options(args.options.as_deref())?)?;
    let format = if args.json { Format::Json } else { args.format };
    match format {
        Format::Json => emit(serde_json::to_string_pretty(&report)?)?,
        Format::Csv => emit(findings_csv(&report, args.lang))?,
        Format::Xlsx => emit_bytes(
            &io::Workbook::new(&campaign)
                .report(&report)
                .lang(args.lang)
                .to_xlsx()?,
        )?,
        Format::Text => {
            emit(campaign.summary_text(args.lang))?;
            emit(report.to_text(args.lang))?;
        }
    }
    Ok(if report.counts.error > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// One row per finding: code, severity, visits, days, message.
fn findings_csv(report: &campaign_core::Report, lang: Lang) -> String {
    let rows = report.findings().map(|f| {
        let days: Vec<String> = f.days.iter().map(|d| d.to_string()).collect();
        [
            f.code.as_str().to_string(),
            f.severity.as_str().to_string(),
            f.visits.join(" "),
            days.join(" "),
            f.message.get(lang).to_string(),
        ]
    });
    io::csv_text(&["code", "severity", "visits", "days", "message"], rows)
}

fn timeline(args: &TimelineArgs) -> Outcome {
    let campaign = load(args.file.as_deref())?;
    let report = campaign.check_with(&options(args.options.as_deref())?)?;
    emit(campaign_core::timeline::svg(
        &campaign,
        Some(&report),
        args.lang,
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn programme(args: &ProgrammeArgs) -> Outcome {
    let campaign = load(args.file.as_deref())?;
    let p = campaign.programme(args.visit.as_deref())?;
    let langs = match args.lang {
        Some(l) => vec![l],
        None => vec![Lang::Sq, Lang::En],
    };
    emit(match args.format {
        ProgrammeFormat::Text => p.to_text(&langs),
        ProgrammeFormat::Html => p.to_html(&langs),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The plan request of the command line: the request file, its fields replaced by the
/// options given.
fn plan_request(args: &PlanArgs) -> Result<campaign_core::plan::PlanRequest, Failure> {
    use campaign_core::plan::{PlanRequest, PlanTeam, Weekday};
    let mut r = match &args.request {
        Some(p) => PlanRequest::from_json(&read(p)?)
            .map_err(|e| Failure::Message(format!("{}: {e}", p.display())))?,
        None => PlanRequest::default(),
    };
    if let (Some(from), Some(to)) = (&args.from, &args.to) {
        let day = |flag: &str, s: &str| {
            s.parse::<chrono::NaiveDate>()
                .map_err(|_| Failure::Message(format!("{flag} {s:?}: expected YYYY-MM-DD")))
        };
        r.window = Some(campaign_core::DateRange::new(
            day("--from", from)?,
            day("--to", to)?,
        ));
    }
    if !args.counties.is_empty() {
        r.counties = Some(args.counties.clone());
    }
    if !args.teams.is_empty() {
        r.teams = args
            .teams
            .iter()
            .map(|id| PlanTeam {
                id: id.clone(),
                home: None,
                people: vec![],
            })
            .collect();
    }
    if !args.weekdays.is_empty() {
        r.weekdays = args
            .weekdays
            .iter()
            .map(|w| w.parse::<Weekday>())
            .collect::<Result<_, _>>()?;
    }
    if let Some(n) = args.rest_days {
        r.rest_days = n;
    }
    if args.max_per_week.is_some() {
        r.max_visits_per_week = args.max_per_week;
    }
    if args.avoid_holiday_neighbours {
        r.next_to_holiday = false;
    }
    if args.options.is_some() {
        r.check = options(args.options.as_deref())?;
    }
    r.lang = args.lang;
    Ok(r)
}

fn plan(args: &PlanArgs) -> Outcome {
    let campaign = load(args.file.as_deref())?;
    let request = plan_request(args)?;
    let plan = campaign.plan(&request)?;
    let report = plan.campaign.check_with(&request.check)?;
    match args.format {
        PlanFormat::Text => {
            emit(plan.to_text(args.lang))?;
            emit(report.to_text(args.lang))?;
        }
        PlanFormat::Json => {
            let value: serde_json::Value = serde_json::from_str(&plan.to_json())?;
            emit(serde_json::to_string_pretty(&value)?)?
        }
        PlanFormat::Csv => emit(io::visits_to_csv(&plan.campaign.document().visits))?,
        PlanFormat::Ics => {
            let root = campaign_core::Path::root();
            let stamp = match &args.stamp {
                Some(s) => io::parse_stamp(&root.key("--stamp"), s)?,
                None => chrono::Utc::now().naive_utc(),
            };
            let opts = io::IcsOptions {
                stamp,
                lang: args.lang,
                per_session: args.per_session,
            };
            emit(io::to_ics(&plan.campaign, &opts))?;
        }
    }
    Ok(if report.counts.error > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn schema(args: &SchemaArgs) -> Outcome {
    let schema = if args.options {
        io::options_schema()
    } else {
        io::document_schema()
    };
    emit(serde_json::to_string_pretty(&schema)?)?;
    Ok(ExitCode::SUCCESS)
}

const SAMPLE_ATTENDANCE: &str = include_str!("../data/sample_attendance_2017.csv");
const SAMPLE_LEDGER: &str = include_str!("../data/sample_ledger_2017.csv");

fn participation(args: &ParticipationArgs) -> Outcome {
    use campaign_core::materials::{Allocation, AllocationRequest, Ledger};
    use campaign_core::participation::{Attendance, Dimension};
    let campaign = Campaign::builtin_2017();
    let request = AllocationRequest::suggested(&campaign).ok_or("the campaign has no material")?;
    let allocation = Allocation::compute(campaign.regions(), &request)?;
    let mut ledger = Ledger::for_material(&campaign, "leaflets", Some(&allocation))?;
    let located =
        |p: &Path, e: campaign_core::Error| Failure::Message(format!("{}: {e}", p.display()));
    let sheet = match &args.attendance {
        Some(p) if is_workbook(p) => {
            io::attendance_from_xlsx(&campaign, &read_bytes(p)?, None).map_err(|e| located(p, e))?
        }
        Some(p) => io::attendance_from_csv(&campaign, &read(p)?).map_err(|e| located(p, e))?,
        None => io::attendance_from_csv(&campaign, SAMPLE_ATTENDANCE)?,
    };
    let entries = match &args.ledger {
        Some(p) if is_workbook(p) => ledger.record_rows(
            io::ledger_entries_from_xlsx(&read_bytes(p)?, None).map_err(|e| located(p, e))?,
        ),
        Some(p) => io::ledger_from_csv(&mut ledger, &read(p)?).map_err(|e| located(p, e))?,
        None => io::ledger_from_csv(&mut ledger, SAMPLE_LEDGER)?,
    };
    for e in sheet.errors.iter().chain(&entries.errors) {
        eprintln!("skipped: {e}");
    }
    let attendance = Attendance::new(campaign.clone(), sheet.rows)?;
    if args.format == TableFormat::Xlsx {
        let report = campaign.check();
        emit_bytes(
            &io::Workbook::new(&campaign)
                .report(&report)
                .attendance(&attendance)
                .allocation(&allocation)
                .ledger(&ledger)
                .lang(args.lang)
                .to_xlsx()?,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let sample = if args.attendance.is_none() || args.ledger.is_none() {
        " (SAMPLE DATA)"
    } else {
        ""
    };
    emit(format!("{}{sample}\n", campaign.document().name.en))?;
    emit(format!(
        "Workshop threshold (more than 30 participants) per visit:\n{}",
        attendance.threshold_results().to_text()
    ))?;
    emit(format!(
        "Sessions meeting their rule, per county:\n{}",
        attendance.threshold_summary(Dimension::County)?.to_text()
    ))?;
    emit(format!(
        "Participation by county (reach per 10,000 inhabitants, leaflets per participant):\n{}",
        attendance.county_summary(Some(&ledger)).to_text()
    ))?;
    emit(format!(
        "Participation by audience:\n{}",
        attendance.participation_by(Dimension::Audience).to_text()
    ))?;
    emit(format!(
        "Participation by sex:\n{}",
        attendance.participation_by(Dimension::Sex).to_text()
    ))?;
    emit(format!(
        "Leaflet allocation (by population; minimum {} and packs of {} are assumptions):\n{}",
        request.minimum,
        request.pack,
        allocation.to_table().to_text()
    ))?;
    emit(format!(
        "Leaflet balance: stock {}, handed out (net) {}, left {}\n{}",
        request.stock,
        ledger.net_issued(),
        ledger.remaining_stock(),
        ledger.balance_table().to_text()
    ))?;
    Ok(ExitCode::SUCCESS)
}
