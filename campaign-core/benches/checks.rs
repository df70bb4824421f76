//! Criterion benchmarks: reading a document, expansion and all rules at 10^3 … 10^6
//! sessions.
//! Run: `cargo bench -p campaign-core --bench checks`

use campaign_core::{synthetic, Campaign, CheckOptions, RuleCode};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

fn checks(c: &mut Criterion) {
    let mut group = c.benchmark_group("checks");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
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
    let mut group = c.benchmark_group("dense");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
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

criterion_group!(benches, checks, dense_overlaps);
criterion_main!(benches);
