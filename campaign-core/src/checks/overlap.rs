//! Team overlaps and double-booked people, by sorting and sweeping.

use super::engine::{Ctx, Sink};
use super::finding::{Record, RuleCode};
use chrono::NaiveDate;

/// Calls `f(i, j)` for every pair of intervals with the same key whose day ranges
/// intersect, `i` the one that starts first (ties by index). `items` are
/// `(key, first_day, last_day)`. O(n log n + k) for k pairs: sort by key and start,
/// then sweep with the intervals still open.
pub fn for_each_overlapping_pair<K: Ord + Copy>(
    items: &[(K, NaiveDate, NaiveDate)],
    mut f: impl FnMut(usize, usize),
) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| (items[a].0, items[a].1, a).cmp(&(items[b].0, items[b].1, b)));
    let mut open: Vec<usize> = Vec::new();
    let mut key = None;
    for &i in &order {
        let (k, start, _) = items[i];
        if key != Some(k) {
            open.clear();
            key = Some(k);
        }
        open.retain(|&j| items[j].2 >= start);
        for &j in &open {
            f(j, i);
        }
        open.push(i);
    }
}

/// All pairs `(i, j)` of intervals with the same key whose day ranges intersect, sorted
/// (see [`for_each_overlapping_pair`]).
///
/// ```
/// use chrono::NaiveDate;
/// let d = |m, dd| NaiveDate::from_ymd_opt(2017, m, dd).unwrap();
/// let items = [(0, d(10, 16), d(10, 17)), (0, d(10, 17), d(10, 18)), (1, d(10, 16), d(10, 20))];
/// assert_eq!(campaign_core::checks::overlapping_pairs(&items), vec![(0, 1)]);
/// ```
pub fn overlapping_pairs<K: Ord + Copy>(
    items: &[(K, NaiveDate, NaiveDate)],
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for_each_overlapping_pair(items, |i, j| pairs.push((i, j)));
    pairs.sort_unstable();
    pairs
}

/// The record of two visits that share days.
fn shared(ctx: &Ctx, code: RuleCode, a: usize, b: usize) -> Record {
    let (x, y) = (&ctx.c.visits()[a], &ctx.c.visits()[b]);
    let (first, last) = (x.first_day.max(y.first_day), x.last_day.min(y.last_day));
    Record::new(code, &[a, b], first, last)
}

pub(super) fn team_overlap(ctx: &Ctx, out: &mut Sink) {
    let items: Vec<_> = ctx
        .c
        .visits()
        .iter()
        .map(|v| (v.team.map_or(0, |t| t + 1), v.first_day, v.last_day))
        .collect();
    for_each_overlapping_pair(&items, |a, b| {
        out.push(shared(ctx, RuleCode::TeamOverlap, a, b));
    });
}

pub(super) fn person_double_booked(ctx: &Ctx, out: &mut Sink) {
    let mut items = Vec::new();
    let mut owner = Vec::new();
    for (vi, v) in ctx.c.visits().iter().enumerate() {
        for &p in &v.people {
            items.push((p, v.first_day, v.last_day));
            owner.push(vi);
        }
    }
    for_each_overlapping_pair(&items, |a, b| {
        let person = items[a].0;
        out.push(shared(ctx, RuleCode::PersonDoubleBooked, owner[a], owner[b]).x(person));
    });
}
