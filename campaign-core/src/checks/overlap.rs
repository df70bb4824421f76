//! Team overlaps and double-booked people, by sorting and sweeping.

use super::{Ctx, Details, Finding, RuleCode};
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

pub(super) fn team_overlap(ctx: &Ctx, out: &mut Vec<Finding>) {
    let c = ctx.c;
    let items: Vec<_> = c
        .visits()
        .iter()
        .map(|v| (v.team.map_or(0, |t| t + 1), v.first_day, v.last_day))
        .collect();
    for (a, b) in overlapping_pairs(&items) {
        let (va, vb) = (&c.visits()[a], &c.visits()[b]);
        let (first, last) = (va.first_day.max(vb.first_day), va.last_day.min(vb.last_day));
        let team = c.team_label(va.team);
        let (na, nb) = (county_name(ctx, a), county_name(ctx, b));
        out.push(
            Finding::new(
                RuleCode::TeamOverlap,
                Text::new(
                    format!("Ekipi {team} është planifikuar njëkohësisht në {na} ({}) dhe në {nb} ({}), më {}.", va.id, vb.id, days_text(first, last)),
                    format!("Team {team} is booked in {na} ({}) and in {nb} ({}) at the same time, on {}.", va.id, vb.id, days_text(first, last)),
                ),
            )
            .visits(c, &[a, b])
            .days(days_between(first, last))
            .details(Details::Overlap { team: va.team.map(|t| c.document().teams[t].id.clone()), overlap_start: first, overlap_end: last }),
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
        let (first, last) = (x.first_day.max(y.first_day), x.last_day.min(y.last_day));
        let (na, nb) = (county_name(ctx, va), county_name(ctx, vb));
        let mut f = Finding::new(
            RuleCode::PersonDoubleBooked,
            Text::new(
                format!(
                    "{} duhet të jetë njëkohësisht në {na} ({}) dhe në {nb} ({}), më {}.",
                    person.name,
                    x.id,
                    y.id,
                    days_text(first, last)
                ),
                format!(
                    "{} is required in {na} ({}) and in {nb} ({}) at the same time, on {}.",
                    person.name,
                    x.id,
                    y.id,
                    days_text(first, last)
                ),
            ),
        )
        .visits(c, &[va, vb])
        .days(days_between(first, last))
        .details(Details::Person {
            person: person.id.clone(),
        });
        f.people.push(person.id.clone());
        out.push(f);
    }
}

pub(super) fn county_name(ctx: &Ctx, visit: usize) -> String {
    ctx.c.regions().regions()[ctx.c.visits()[visit].county]
        .name_sq
        .clone()
}

pub(super) fn days_text(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first} – {last}")
    }
}

pub(super) fn days_between(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |d| *d <= last)
}
