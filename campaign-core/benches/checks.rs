//! Criterion benchmarks: reading a document, expansion and all rules at 10^3 … 10^6
//! sessions; a findings-heavy calendar; building a campaign of 10^5 visits.
//! Run: `cargo bench -p campaign-core --bench checks`

use campaign_core::columns::{Frame, FrameColumn};
use campaign_core::{io, synthetic, Campaign, CheckOptions, RuleCode, Text, CALENDAR_COLUMNS};
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};
use std::time::Duration;

/// A group of this file: ten samples, one second of warm-up, five of measurement (the
/// larger inputs take a second per run).
fn group<'c>(c: &'c mut Criterion, name: &str) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group
}

fn checks(c: &mut Criterion) {
    let mut group = group(c, "checks");
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        let campaign = synthetic::campaign(n, 42);
        let sessions = campaign.sessions();
        let opts = CheckOptions::default();
        group.throughput(Throughput::Elements(sessions.len() as u64));
        group.bench_with_input(BenchmarkId::new("all_rules", n), &n, |b, _| {
            b.iter(|| {
                campaign
                    .check_sessions(&sessions, &opts)
                    .expect("valid options")
            })
        });
        group.bench_with_input(BenchmarkId::new("expand", n), &n, |b, _| {
            b.iter(|| campaign.sessions())
        });
        // JSON text to a validated campaign: parse, read every field, resolve references.
        let text = serde_json::to_string(campaign.document()).expect("serialises");
        group.bench_with_input(BenchmarkId::new("read_json", n), &n, |b, _| {
            b.iter(|| Campaign::from_json(&text).expect("valid document"))
        });
    }
    group.finish();
}

/// A findings-heavy calendar: 100,000 visits of 20 teams over ten years, about 205,000
/// overlapping pairs, every rule but TEAM_OVERLAP off and every pair listed.
fn dense_overlaps(c: &mut Criterion) {
    let mut group = group(c, "dense");
    let mut opts = CheckOptions {
        max_findings_per_rule: None,
        ..CheckOptions::default()
    };
    opts.disabled = RuleCode::ALL
        .into_iter()
        .filter(|&c| c != RuleCode::TeamOverlap)
        .collect();
    for n in [10_000usize, 100_000] {
        let campaign = synthetic::overlapping(n, 20, (n / 100 * 365 / 100) as u32, 42);
        let findings = campaign.check_with(&opts).expect("valid options").len();
        group.throughput(Throughput::Elements(findings as u64));
        group.bench_with_input(BenchmarkId::new("team_overlap", n), &n, |b, _| {
            b.iter(|| campaign.check_with(&opts).expect("valid options"))
        });
        group.bench_with_input(BenchmarkId::new("all_rules", n), &n, |b, _| {
            let all = CheckOptions {
                max_findings_per_rule: None,
                ..CheckOptions::default()
            };
            b.iter(|| campaign.check_with(&all).expect("valid options"))
        });
    }
    group.finish();
}

/// Building a campaign of 100,000 visits: validating a document already in memory, and
/// from a frame's columns (text in Arrow's layout, dates as days), as the Python package
/// hands over a DataFrame.
fn strings((offsets, data): &(Vec<i64>, String)) -> FrameColumn<'_> {
    FrameColumn::Strings {
        offsets,
        data,
        missing: &[],
    }
}

/// Building a campaign (see [`strings`]).
fn build(c: &mut Criterion) {
    let mut group = group(c, "build");
    let n = 100_000;
    let doc = synthetic::overlapping(n, 20, 3_650, 42).into_document();
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(BenchmarkId::new("validate", n), |b| {
        b.iter_batched(
            || doc.clone(),
            |d| Campaign::new(d).expect("valid"),
            criterion::BatchSize::LargeInput,
        )
    });
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    let text = |f: &dyn Fn(&campaign_core::Visit) -> String| {
        let mut data = String::new();
        let mut offsets = vec![0i64];
        for v in &doc.visits {
            data.push_str(&f(v));
            offsets.push(data.len() as i64);
        }
        (offsets, data)
    };
    let county = text(&|v| v.county.clone());
    let team = text(&|v| v.team.clone().unwrap_or_default());
    let id = text(&|v| v.id.clone().unwrap_or_default());
    let day = |d: chrono::NaiveDate| (d - epoch).num_days();
    let first: Vec<i64> = doc.visits.iter().map(|v| day(v.first_day)).collect();
    let last: Vec<i64> = doc.visits.iter().map(|v| day(v.last_day)).collect();
    let columns = [
        ("id", strings(&id)),
        ("county", strings(&county)),
        ("first_day", FrameColumn::Date(&first)),
        ("last_day", FrameColumn::Date(&last)),
        ("team", strings(&team)),
    ];
    group.bench_function(BenchmarkId::new("from_frame", n), |b| {
        b.iter(|| {
            let frame = Frame::new(&CALENDAR_COLUMNS, &columns).expect("columns");
            io::campaign_from_frame(Text::new("a", "b"), &frame).expect("valid")
        })
    });
    group.finish();
}

criterion_group!(benches, checks, dense_overlaps, build);
criterion_main!(benches);
