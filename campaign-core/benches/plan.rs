//! Criterion benchmarks of the planner: the six counties left after 2017 (one team),
//! small generated instances for the exact solver (6–12 counties, 1–3 teams), and the
//! large generated instance (61 places, 4 teams, one school year).
//! Run: `cargo bench -p campaign-core --bench plan`
//! (`scripts/bench-plan.sh` also runs OR-Tools CP-SAT on the same instances.)

use campaign_core::plan::PlanRequest;
use campaign_core::{synthetic, Campaign};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::time::Duration;

fn plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let c2017 = Campaign::builtin_2017();
    let r2018 = PlanRequest::from_json(
        r#"{"window": {"start": "2018-01-15", "end": "2018-06-15"},
            "weekdays": ["tuesday", "wednesday", "thursday"]}"#,
    )
    .expect("valid request");
    group.bench_function("six_counties_2018", |b| {
        b.iter(|| c2017.plan(&r2018).expect("plans"))
    });
    for seed in [1u64, 2, 3] {
        let (campaign, request) = synthetic::planning_small(seed);
        group.bench_with_input(BenchmarkId::new("small_exact", seed), &seed, |b, _| {
            b.iter(|| campaign.plan(&request).expect("plans"))
        });
    }
    let (campaign, request) = synthetic::planning_large(1);
    group.bench_function("large_61_places", |b| {
        b.iter(|| campaign.plan(&request).expect("plans"))
    });
    group.finish();
}

criterion_group!(benches, plan);
criterion_main!(benches);
