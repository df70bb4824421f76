//! Team overlaps and double-booked people, by sorting and sweeping.

use super::engine::{sort_keyed, Ctx, Sink};
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
    // Sorted copies, not indices into `items`: the sweep then reads memory in order.
    let mut sorted: Vec<(K, NaiveDate, usize, NaiveDate)> = items
        .iter()
        .enumerate()
        .map(|(i, &(k, start, end))| (k, start, i, end))
        .collect();
    sorted.sort_unstable_by_key(|a| (a.0, a.1, a.2));
    // The intervals still open: (end, index).
    let mut open: Vec<(NaiveDate, usize)> = Vec::new();
    let mut key = None;
    for &(k, start, i, end) in &sorted {
        if key != Some(k) {
            open.clear();
            key = Some(k);
        }
        open.retain(|&(e, _)| e >= start);
        for &(_, j) in &open {
            f(j, i);
        }
        open.push((end, i));
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

/// The record of two intervals of `items` that share days, about visits `a` and `b`.
fn shared<K>(
    items: &[(K, NaiveDate, NaiveDate)],
    code: RuleCode,
    (i, j): (usize, usize),
    a: usize,
    b: usize,
) -> Record {
    let (first, last) = (items[i].1.max(items[j].1), items[i].2.min(items[j].2));
    Record::new(code, &[a, b], first, last)
}

/// Team overlaps, found in report order: visits sorted by first day, each team's open
/// visits kept apart, so every pair is met on its first shared day (the later visit's
/// first day) and only pairs found on the same day need sorting among themselves.
pub(super) fn team_overlap(ctx: &Ctx, out: &mut Sink) {
    use chrono::Datelike;
    let teams = ctx.c.head().teams.len() + 1;
    let windows = ctx.c.windows();
    // (first day, visit, team, last day), days counted from 1 January of year 1 (one
    // count per visit, not one per comparison): read in order, so the sweep stays in
    // cache.
    let mut order: Vec<(i32, u32, u32, i32)> = windows
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let (first, last) = (w.first.num_days_from_ce(), w.last.num_days_from_ce());
            (first, i as u32, w.team, last)
        })
        .collect();
    sort_by_first_day(&mut order);
    // The pairs are found in report order, day by day: the first `limit` are listed, the
    // rest only counted (and their days left unsorted).
    let limit = out.limit();
    let (pairs, days) = sweep_all(&order, teams, limit);
    out.reserve(pairs.len().min(limit));
    let mut start = 0;
    for (visit, end) in days {
        if start >= limit {
            break;
        }
        let day = windows[visit as usize].first;
        for &key in &pairs[start..end.min(limit)] {
            let (a, b) = ((key >> 42) as usize, (key >> 20) as usize & VISIT_MASK);
            // At most MAX_WINDOW_DAYS: within the dates validation admits.
            let span = (key as usize & ((1 << 20) - 1)) as u64;
            let last = if span == 0 {
                day
            } else {
                day + chrono::Days::new(span)
            };
            out.push(Record::new(RuleCode::TeamOverlap, &[a, b], day, last));
        }
        start = end;
    }
    out.skip(RuleCode::TeamOverlap, pairs.len().saturating_sub(limit));
}

/// What a sweep finds: each day's pairs (see [`pair`]), sorted within the day, and the
/// days on which pairs are met (a visit starting that day) with where each day's pairs
/// end.
type Swept = (Vec<DayPair>, Vec<(u32, usize)>);

/// Sweeps `order` (visits by first day: first day, visit, team, last day, as day
/// numbers) for every pair of visits of one team that share days, each met on its
/// first shared day. `open` holds each team's visits still open when the sweep starts:
/// (last day, visit). A day's pairs are sorted only while fewer than `limit` were found
/// before it: the later ones are never listed.
///
/// Every pair is found before any is recorded, so that the records are allocated
/// once, at their number (growing 8 MB of records for 205,000 pairs had copied them and
/// cleared fresh pages: a fifth of the check from Python).
fn sweep(order: &[(i32, u32, u32, i32)], mut open: Vec<Vec<(i32, u32)>>, limit: usize) -> Swept {
    let mut pairs: Vec<DayPair> = Vec::new();
    let mut days: Vec<(u32, usize)> = Vec::new();
    let mut k = 0;
    while k < order.len() {
        let day = order[k].0;
        let end = k + order[k..].iter().take_while(|o| o.0 == day).count();
        let first_pair = pairs.len();
        // Visits starting today meet the open ones of their team, and each other.
        for &(_, i, team, last) in &order[k..end] {
            let team = &mut open[team as usize];
            team.retain(|&(l, _)| l >= day);
            pairs.extend(team.iter().map(|&(l, j)| pair(j, i, l.min(last) - day)));
            team.push((last, i));
        }
        if pairs.len() > first_pair {
            if first_pair < limit {
                sort_keyed(&mut pairs[first_pair..]);
            }
            days.push((order[k].1, pairs.len()));
        }
        k = end;
    }
    (pairs, days)
}

/// The visits, from `PARALLEL_FROM` on, that make it worth sweeping (or validating) on
/// two threads.
#[cfg(not(target_family = "wasm"))]
pub(crate) const PARALLEL_FROM: usize = 20_000;

/// Whether `n` visits are worth splitting across two threads: from [`PARALLEL_FROM`]
/// on, and with a second core.
#[cfg(not(target_family = "wasm"))]
pub(crate) fn worth_two_threads(n: usize) -> bool {
    n >= PARALLEL_FROM && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

/// Sweeps every visit of `order` ([`sweep`]). Natively, from [`PARALLEL_FROM`] visits
/// and with a second core, the days are cut in two at the middle visit: each half is
/// swept on its own thread, the second starting with the visits of the first still
/// open on its first day, and the halves' pairs follow each other in report order.
/// (Dense 10^5 visits, criterion `dense/team_overlap/100000`.)
fn sweep_all(order: &[(i32, u32, u32, i32)], teams: usize, limit: usize) -> Swept {
    #[cfg(not(target_family = "wasm"))]
    if worth_two_threads(order.len()) {
        return sweep_halves(order, teams, order.len() / 2, limit);
    }
    sweep(order, vec![Vec::new(); teams], limit)
}

/// [`sweep_all`] on two threads, cut at the first visit that starts on the day of
/// visit `middle` of `order`.
#[cfg(not(target_family = "wasm"))]
pub(crate) fn sweep_halves(
    order: &[(i32, u32, u32, i32)],
    teams: usize,
    middle: usize,
    limit: usize,
) -> Swept {
    let Some(&(day, ..)) = order.get(middle) else {
        return sweep(order, vec![Vec::new(); teams], limit);
    };
    let cut = order.partition_point(|o| o.0 < day);
    let (before, after) = order.split_at(cut);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            let mut open = vec![Vec::new(); teams];
            for &(_, i, team, last) in before {
                if last >= day {
                    open[team as usize].push((last, i));
                }
            }
            // Its days past `limit` pairs of its own are past `limit` pairs in all.
            sweep(after, open, limit)
        });
        let (mut pairs, mut days) = sweep(before, vec![Vec::new(); teams], limit);
        // A thread that cannot run to its end is a bug, not an input: propagate it.
        let (more, more_days) = second
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        let offset = pairs.len();
        pairs.extend_from_slice(&more);
        days.extend(more_days.into_iter().map(|(v, end)| (v, end + offset)));
        (pairs, days)
    })
}

/// The bits of a visit's position in a [`DayPair`] (validation holds campaigns to
/// `MAX_VISITS`, below 2^22).
const VISIT_MASK: usize = (1 << 22) - 1;

/// Two visits met on one day and the days their windows share after it, as one
/// integer: the earlier visit in bits 42-63, the later one in bits 20-41, the days in
/// bits 0-19 (at most `MAX_WINDOW_DAYS`). Sorting these sorts by (earlier, later), and
/// the record's last day comes with the pair, not from a lookup per visit (14 % of the
/// sweep, in random reads).
fn pair(earlier: u32, later: u32, days: i32) -> DayPair {
    DayPair::from(earlier) << 42 | DayPair::from(later) << 20 | DayPair::from(days as u32)
}

/// A pair of visits met on one day, as one integer (see [`pair`]). Natively 64 bits,
/// which sort faster than the 128-bit keys of [`keyed`] (criterion
/// `dense/team_overlap/100000`, same session: 13.7 → 10.4 ms). In WebAssembly the
/// 128-bit type, whose sort the module has anyway: a second one cost the page's module
/// 650 bytes, more than its budget had left.
#[cfg(not(target_family = "wasm"))]
type DayPair = u64;
/// See the native version.
#[cfg(target_family = "wasm")]
type DayPair = u128;

/// Sorts (first day, visit, …) by first day, then visit. Built in visit order, so a
/// stable counting sort by day does it in O(n + days) when the days span no more than
/// a few times the visits (a calendar's usual case; 10^5 visits: 0.6 ms against 2.7 ms
/// for a comparison sort); otherwise a comparison sort. In WebAssembly only the
/// comparison sort: the page's calendars are smaller, and its module's budget tight
/// (the counting sort costs it 880 bytes).
#[cfg(target_family = "wasm")]
fn sort_by_first_day<T: Copy>(order: &mut Vec<(i32, u32, u32, T)>) {
    // Built in visit order: a position is a visit. The day's sign bit flipped keeps
    // its order as an unsigned part.
    let mut keys: Vec<u128> = order
        .iter()
        .enumerate()
        .map(|(k, o)| super::engine::keyed([0, 0, o.0 as u32 ^ (1 << 31), k as u32]))
        .collect();
    sort_keyed(&mut keys);
    *order = keys.iter().map(|&k| order[k as u32 as usize]).collect();
}

/// See the WebAssembly version above.
#[cfg(not(target_family = "wasm"))]
fn sort_by_first_day<T: Copy>(order: &mut Vec<(i32, u32, u32, T)>) {
    let (Some(lo), Some(hi)) = (
        order.iter().map(|o| i64::from(o.0)).min(),
        order.iter().map(|o| i64::from(o.0)).max(),
    ) else {
        return;
    };
    let span = (hi - lo) as usize + 1;
    if span > 4 * order.len() + 64 {
        order.sort_unstable_by_key(|o| (o.0, o.1));
        return;
    }
    let slot_of = |day: i32| (i64::from(day) - lo) as usize;
    let mut starts = vec![0u32; span + 1];
    for o in order.iter() {
        starts[slot_of(o.0) + 1] += 1;
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut sorted = order.clone();
    for &o in order.iter() {
        let slot = &mut starts[slot_of(o.0)];
        sorted[*slot as usize] = o;
        *slot += 1;
    }
    *order = sorted;
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
        let r = shared(
            &items,
            RuleCode::PersonDoubleBooked,
            (a, b),
            owner[a],
            owner[b],
        );
        out.push(r.x(person));
    });
}

#[cfg(all(test, not(target_family = "wasm")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Visits (first day, length, team) as a sweep reads them, by first day then visit.
    fn by_first_day(visits: &[(i32, i32, u32)]) -> Vec<(i32, u32, u32, i32)> {
        let mut order: Vec<(i32, u32, u32, i32)> = visits
            .iter()
            .enumerate()
            .map(|(i, &(first, length, team))| (first, i as u32, team, first + length))
            .collect();
        order.sort_unstable_by_key(|o| (o.0, o.1));
        order
    }

    proptest! {
        /// Cut anywhere, the two threads' pairs are the one sweep's, in the same order.
        #[test]
        fn two_halves_find_the_pairs_of_one_sweep(
            visits in prop::collection::vec((0..40i32, 0..4i32, 0..3u32), 0..120),
            middle in 0..130usize,
        ) {
            let order = by_first_day(&visits);
            let one = sweep(&order, vec![Vec::new(); 3], usize::MAX);
            prop_assert_eq!(sweep_halves(&order, 3, middle, usize::MAX), one);
        }

        /// With a limit, one sweep or two find the same pairs on the same days, and the
        /// first `limit` of them in the order of a sweep without limit.
        #[test]
        fn a_limit_leaves_the_first_pairs_in_order(
            visits in prop::collection::vec((0..30i32, 0..4i32, 0..2u32), 0..100),
            middle in 0..110usize,
            limit in 0..40usize,
        ) {
            let order = by_first_day(&visits);
            let (all, all_days) = sweep(&order, vec![Vec::new(); 2], usize::MAX);
            let first = limit.min(all.len());
            for (mut pairs, days) in [sweep(&order, vec![Vec::new(); 2], limit), sweep_halves(&order, 2, middle, limit)] {
                prop_assert_eq!(&days, &all_days);
                prop_assert_eq!(&pairs[..first], &all[..first]);
                pairs.sort_unstable();
                let mut want = all.clone();
                want.sort_unstable();
                prop_assert_eq!(pairs, want);
            }
        }
    }
}
