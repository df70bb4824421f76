//! Team overlaps and double-booked people, by sorting and sweeping.

use super::engine::Ctx;
use super::finding::{Details, Finding, RuleCode};
use crate::campaign::DateRange;
use crate::text::Text;
use chrono::NaiveDate;

/// All pairs `(i, j)` of intervals with the same key whose day ranges intersect.
///
/// `items` are `(key, first_day, last_day)`; the result holds indices into `items`, each pair
/// once with `i` the one that starts first (ties by index), sorted. Runs in
/// O(n log n + k) for k pairs: sort by key and start, then sweep with the set of intervals
/// still open.
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
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| (items[a].0, items[a].1, a).cmp(&(items[b].0, items[b].1, b)));
    let mut pairs = Vec::new();
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
            pairs.push((j, i));
        }
        open.push(i);
    }
    pairs.sort_unstable();
    pairs
}

/// The days two visits share.
fn shared_days(ctx: &Ctx, a: usize, b: usize) -> DateRange {
    let (x, y) = (&ctx.c.visits()[a], &ctx.c.visits()[b]);
    DateRange::new(x.first_day.max(y.first_day), x.last_day.min(y.last_day))
}

pub(super) fn team_overlap(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let items: Vec<_> = c
        .visits()
        .iter()
        .map(|v| (v.team.map_or(0, |t| t + 1), v.first_day, v.last_day))
        .collect();
    for (a, b) in overlapping_pairs(&items) {
        let (va, vb) = (&c.visits()[a], &c.visits()[b]);
        let days = shared_days(ctx, a, b);
        let team = c.team_label(va.team);
        let (na, nb) = (ctx.county_name(a), ctx.county_name(b));
        out.push(
            Finding::new(
                RuleCode::TeamOverlap,
                Text::new(
                    format!("Ekipi {team} është planifikuar njëkohësisht në {na} ({}) dhe në {nb} ({}), më {days}.", va.id, vb.id),
                    format!("Team {team} is booked in {na} ({}) and in {nb} ({}) at the same time, on {days}.", va.id, vb.id),
                ),
            )
            .visits(c, &[a, b])
            .days(days.days())
            .details(Details::Overlap {
                team: va.team.map(|t| c.document().teams[t].id.clone()),
                overlap_start: days.start,
                overlap_end: days.end,
            }),
        );
    }
}

pub(super) fn person_double_booked(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let mut items = Vec::new();
    let mut owner = Vec::new();
    for (vi, v) in c.visits().iter().enumerate() {
        for &p in &v.people {
            items.push((p, v.first_day, v.last_day));
            owner.push(vi);
        }
    }
    for (a, b) in overlapping_pairs(&items) {
        let (va, vb) = (owner[a], owner[b]);
        let person = &c.document().people[items[a].0];
        let (x, y) = (&c.visits()[va], &c.visits()[vb]);
        let days = shared_days(ctx, va, vb);
        let (na, nb) = (ctx.county_name(va), ctx.county_name(vb));
        let name = &person.name;
        let mut f = Finding::new(
            RuleCode::PersonDoubleBooked,
            Text::new(
                format!(
                    "{name} duhet të jetë njëkohësisht në {na} ({}) dhe në {nb} ({}), më {days}.",
                    x.id, y.id
                ),
                format!(
                    "{name} is required in {na} ({}) and in {nb} ({}) at the same time, on {days}.",
                    x.id, y.id
                ),
            ),
        )
        .visits(c, &[va, vb])
        .days(days.days())
        .details(Details::Person {
            person: person.id.clone(),
        });
        f.people.push(person.id.clone());
        out.push(f);
    }
}
