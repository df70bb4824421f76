//! The two solvers and the lower bound.
//!
//! - `exact`: up to [`EXACT_COUNTIES`] counties and [`EXACT_TEAMS`] teams. For one team
//!   and a fixed order of its counties, starting each visit as early as the rules allow
//!   is optimal (a later start never allows an earlier next one: rules of a day do not
//!   depend on the sequence, travel depends only on the previous county, and the weekly
//!   cap counts only the visits of the week). So a dynamic programme over (set of
//!   counties, last county), keeping per state the Pareto front of (last day, visits
//!   in the last week), gives each team's earliest finish for every set of counties;
//!   sets are then split between teams by a subset convolution (3^n per team).
//! - `greedy`: list scheduling for larger instances: repeatedly the (county, team) pair
//!   that ends earliest (ties: less travel, request order), O(n² · teams) placements.
//! - `lower_bound`: each team packs as many visits as its usable days allow, ignoring
//!   travel (earliest-ending windows first, which is optimal for disjoint intervals);
//!   no plan of m visits can finish before the m-th earliest end of all teams' packings.

use super::model::{Problem, Tail};

/// The most counties the exact solver takes (its tables grow as 2^n · n and 3^n).
pub const EXACT_COUNTIES: usize = 12;
/// The most teams the exact solver takes.
pub const EXACT_TEAMS: usize = 3;

/// One placed visit: county position (in `Problem::counties`), team, start day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placement {
    pub county: usize,
    pub team: usize,
    pub start: i64,
}

/// A solution: its placements and its objective values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Solution {
    pub placements: Vec<Placement>,
    /// Last day (window index) of the last visit; -1 when nothing is placed.
    pub finish: i64,
    pub km: f64,
}

const NONE: usize = usize::MAX;

#[derive(Debug, Clone, Copy)]
struct Entry {
    tail: Tail,
    start: i64,
    km: f64,
    /// Where it came from: (mask, last, entry index), or NONE.
    from: (usize, usize, usize),
}

/// True if `a` is at least as good as `b` for every continuation.
fn dominates(a: &Entry, b: &Entry, capped: bool) -> bool {
    if a.tail.end > b.tail.end {
        return false;
    }
    if !capped || a.tail.week < b.tail.week || a.tail.count <= b.tail.count {
        // Equal on what matters: keep the one with less travel.
        if a.tail.end == b.tail.end
            && (!capped || (a.tail.week == b.tail.week && a.tail.count == b.tail.count))
        {
            return a.km <= b.km;
        }
        return true;
    }
    false
}

/// Per team, per set of counties: the best (finish, km, last, entry) and the table to
/// rebuild it.
struct TeamTable {
    states: Vec<Vec<Entry>>,
    best: Vec<Option<(i64, f64, usize, usize)>>,
}

fn team_table(p: &Problem, team: usize) -> TeamTable {
    let n = p.counties.len();
    let capped = p.week_cap.is_some();
    let free = |_: usize| false;
    let mut states: Vec<Vec<Entry>> = vec![Vec::new(); (1 << n) * n];
    let insert = |list: &mut Vec<Entry>, e: Entry| {
        if list.iter().any(|x| dominates(x, &e, capped)) {
            return;
        }
        list.retain(|x| !dominates(&e, x, capped));
        list.push(e);
    };
    for (c, &county) in p.counties.iter().enumerate() {
        if let Some(s) = p.earliest(team, county, None, &free) {
            let e = Entry {
                tail: p.push(None, county, s),
                start: s,
                km: p.km_into(team, None, county, s),
                from: (NONE, NONE, NONE),
            };
            insert(&mut states[(1 << c) * n + c], e);
        }
    }
    let mut best = vec![None; 1 << n];
    for mask in 1..(1usize << n) {
        for last in 0..n {
            if mask & (1 << last) == 0 {
                continue;
            }
            let here = std::mem::take(&mut states[mask * n + last]);
            for (k, e) in here.iter().enumerate() {
                let better = match best[mask] {
                    None => true,
                    Some((f, km, _, _)) => (e.tail.end, e.km) < (f, km),
                };
                if better {
                    best[mask] = Some((e.tail.end, e.km, last, k));
                }
                for (c, &county) in p.counties.iter().enumerate() {
                    if mask & (1 << c) != 0 {
                        continue;
                    }
                    let Some(s) = p.earliest(team, county, Some(&e.tail), &free) else {
                        continue;
                    };
                    let next = Entry {
                        tail: p.push(Some(&e.tail), county, s),
                        start: s,
                        km: e.km + p.km_into(team, Some(&e.tail), county, s),
                        from: (mask, last, k),
                    };
                    let to = (mask | (1 << c)) * n + c;
                    insert(&mut states[to], next);
                }
            }
            states[mask * n + last] = here;
        }
    }
    TeamTable { states, best }
}

impl TeamTable {
    /// The placements of the team's best sequence over `mask`.
    fn rebuild(&self, n: usize, team: usize, mask: usize, out: &mut Vec<Placement>) {
        let Some((_, _, mut last, mut k)) = self.best[mask] else {
            return;
        };
        let mut m = mask;
        loop {
            let e = self.states[m * n + last][k];
            out.push(Placement {
                county: last,
                team,
                start: e.start,
            });
            if e.from.0 == NONE {
                break;
            }
            (m, last, k) = e.from;
        }
    }
}

/// The exact solver: most counties (at most `max_count`), then earliest finish, then
/// least travel among the sequences the tables keep.
pub(crate) fn exact(p: &Problem, max_count: usize) -> Solution {
    let n = p.counties.len();
    let full = 1usize << n;
    let tables: Vec<TeamTable> = (0..p.teams()).map(|t| team_table(p, t)).collect();
    // best[mask] over the teams so far: (finish, km), and the split that gave it.
    type Best = Option<(i64, f64)>;
    let first: Vec<Best> = (0..full)
        .map(|m| {
            if m == 0 {
                Some((-1, 0.0))
            } else {
                tables[0].best[m].map(|(f, km, _, _)| (f, km))
            }
        })
        .collect();
    let mut layers: Vec<Vec<Best>> = vec![first];
    let mut splits: Vec<Vec<usize>> = Vec::new();
    for table in &tables[1..] {
        let prev = layers.last().expect("one layer");
        let mut cur: Vec<Best> = vec![None; full];
        let mut split = vec![0usize; full];
        for mask in 0..full {
            // sub: the new team's counties, a subset of mask.
            let mut sub = mask;
            loop {
                let own = if sub == 0 {
                    Some((-1, 0.0))
                } else {
                    table.best[sub].map(|(f, km, _, _)| (f, km))
                };
                if let (Some(a), Some(b)) = (prev[mask ^ sub], own) {
                    let v = (a.0.max(b.0), a.1 + b.1);
                    let better = match cur[mask] {
                        None => true,
                        Some(c) => v.0 < c.0 || (v.0 == c.0 && v.1 < c.1),
                    };
                    if better {
                        cur[mask] = Some(v);
                        split[mask] = sub;
                    }
                }
                if sub == 0 {
                    break;
                }
                sub = (sub - 1) & mask;
            }
        }
        layers.push(cur);
        splits.push(split);
    }
    let last = layers.last().expect("one layer");
    // The most counties, then the earliest finish, then the least travel, then the
    // counties listed first.
    let mut pick: Option<(usize, i64, f64, usize)> = None;
    for (mask, v) in last.iter().enumerate() {
        let Some((f, km)) = *v else { continue };
        let count = mask.count_ones() as usize;
        if count > max_count {
            continue;
        }
        let key =
            |c: usize, f: i64, km: f64, m: usize| (std::cmp::Reverse(c), f, km, m.reverse_bits());
        let better = match pick {
            None => true,
            Some((c, pf, pkm, pm)) => {
                key(count, f, km, mask).partial_cmp(&key(c, pf, pkm, pm))
                    == Some(std::cmp::Ordering::Less)
            }
        };
        if better {
            pick = Some((count, f, km, mask));
        }
    }
    let Some((_, finish, km, mut mask)) = pick else {
        return Solution {
            placements: vec![],
            finish: -1,
            km: 0.0,
        };
    };
    let mut placements = Vec::new();
    for t in (0..p.teams()).rev() {
        let own = if t == 0 { mask } else { splits[t - 1][mask] };
        if own != 0 {
            tables[t].rebuild(n, t, own, &mut placements);
        }
        mask ^= own;
    }
    placements.sort_by_key(|x| (x.start, x.team, x.county));
    Solution {
        placements,
        finish,
        km,
    }
}

/// How many list-scheduling passes [`greedy`] makes (each with its own priorities).
pub const GREEDY_PASSES: u64 = 8;
/// Above this many (county, county, team) triples a pass costs tens of milliseconds,
/// so [`greedy`] makes one pass only (1,000 counties and 32 teams: one pass).
const MANY: usize = 2_000_000;

/// List scheduling, several passes with different priorities, the best kept (most
/// visits, earliest finish, least travel). Deterministic.
pub(crate) fn greedy(p: &Problem, max_count: usize) -> Solution {
    let n = p.counties.len();
    let mut best: Option<Solution> = None;
    let passes = if n * n * p.teams() > MANY {
        1
    } else {
        GREEDY_PASSES
    };
    for pass in 0..passes {
        // Pass 0: earliest first, ties in request order; pass 1: ties in reverse order;
        // then earliest first with each county held back by a few pseudo-random days.
        let mut state = pass.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
        let bias: Vec<i64> = (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if pass < 2 {
                    0
                } else {
                    (state % 8) as i64
                }
            })
            .collect();
        let tie: Vec<i64> = (0..n as i64)
            .map(|c| if pass == 1 { n as i64 - c } else { c })
            .collect();
        let sol = list_schedule(p, max_count, &|c, s| (s + bias[c], tie[c]));
        let better = match &best {
            None => true,
            Some(b) => {
                let key = |x: &Solution| (std::cmp::Reverse(x.placements.len()), x.finish);
                key(&sol) < key(b) || (key(&sol) == key(b) && sol.km < b.km)
            }
        };
        if better {
            best = Some(sol);
        }
    }
    best.expect("at least one pass")
}

/// One pass of list scheduling: the (county, team) with the smallest `priority(county
/// position, start).0`, then less travel, then the smallest `.1`, until nothing more fits or `max_count` visits
/// are placed. People shared between teams are respected: a visit takes its days from
/// every team that shares one of its people.
fn list_schedule(
    p: &Problem,
    max_count: usize,
    priority: &dyn Fn(usize, i64) -> (i64, i64),
) -> Solution {
    let n = p.counties.len();
    let teams = p.teams();
    let mut tails: Vec<Option<Tail>> = vec![None; teams];
    // Days taken from each team by other teams' visits (through shared people).
    let mut taken: Vec<Vec<bool>> = vec![vec![false; p.days]; teams];
    let shares: Vec<Vec<usize>> = (0..teams)
        .map(|t| {
            (0..teams)
                .filter(|&u| u != t && p.people[t].iter().any(|x| p.people[u].contains(x)))
                .collect()
        })
        .collect();
    let mut left: Vec<bool> = vec![true; n];
    let mut placements = Vec::new();
    let (mut finish, mut km) = (-1i64, 0.0);
    while placements.len() < max_count {
        // (priority, km, county position, team, start)
        type Pick = ((i64, i64), f64, usize, usize, i64);
        let mut pick: Option<Pick> = None;
        for (c, &county) in p.counties.iter().enumerate() {
            if !left[c] {
                continue;
            }
            for t in 0..teams {
                let busy = |i: usize| taken[t][i];
                let Some(s) = p.earliest(t, county, tails[t].as_ref(), &busy) else {
                    continue;
                };
                let k = p.km_into(t, tails[t].as_ref(), county, s);
                let key = priority(c, s);
                let better = match pick {
                    None => true,
                    // The priority, then less travel, then the tie-break.
                    Some((pk, pkm, _, _, _)) => {
                        key.0 < pk.0 || (key.0 == pk.0 && (k < pkm || (k == pkm && key.1 < pk.1)))
                    }
                };
                if better {
                    pick = Some((key, k, c, t, s));
                }
            }
        }
        let Some((_, k, c, t, s)) = pick else { break };
        let county = p.counties[c];
        tails[t] = Some(p.push(tails[t].as_ref(), county, s));
        for &u in &shares[t] {
            for i in 0..p.span {
                taken[u][s as usize + i] = true;
            }
        }
        left[c] = false;
        km += k;
        finish = finish.max(s + p.span as i64 - 1);
        placements.push(Placement {
            county: c,
            team: t,
            start: s,
        });
    }
    placements.sort_by_key(|x| (x.start, x.team, x.county));
    Solution {
        placements,
        finish,
        km,
    }
}

/// No plan of `m` visits finishes before the returned day (window index), or `None` if
/// the teams cannot hold `m` visits in the window at all.
pub(crate) fn lower_bound(p: &Problem, m: usize) -> Option<i64> {
    if m == 0 {
        return None;
    }
    // The shortest possible gap between two visits of one team (distinct counties).
    let min_gap = p
        .counties
        .iter()
        .flat_map(|&a| p.counties.iter().map(move |&b| (a, b)))
        .filter(|(a, b)| a != b)
        .filter_map(|(a, b)| p.gap(a, b))
        .min()
        .unwrap_or(1);
    let days = p.days as i64;
    // Per team, per day F: at most how many visits can end by F.
    let mut can = vec![0u64; p.days];
    for t in 0..p.teams() {
        // Disjoint usable windows, earliest-ending first: the most that end by any F.
        let mut packed = vec![0u64; p.days];
        let mut s = 0i64;
        while s < days {
            let ok = p.next_ok[t][s as usize] as i64;
            if ok >= days {
                break;
            }
            let end = ok + p.span as i64 - 1;
            if end < days {
                packed[end as usize] += 1;
            }
            s = end + min_gap;
        }
        // Weeks with a usable start, times the cap, bound the count as well.
        let mut weeks = 0u64;
        let mut last_week = None;
        let mut total = 0u64;
        for f in 0..p.days {
            total += packed[f];
            // A visit ending on f started on f - span + 1.
            let start = f as i64 - p.span as i64 + 1;
            if start >= 0 && p.next_ok[t][start as usize] as i64 == start {
                let w = p.week(start);
                if last_week != Some(w) {
                    weeks += 1;
                    last_week = Some(w);
                }
            }
            let count = match p.week_cap {
                Some(cap) => total.min(weeks * u64::from(cap)),
                None => total,
            };
            can[f] += count;
        }
    }
    can.iter().position(|&c| c >= m as u64).map(|f| f as i64)
}
