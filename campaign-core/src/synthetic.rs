//! Generated campaigns of any size, for benchmarks and demos.

use crate::campaign::{Campaign, CampaignDocument, Material, Team, Visit};
use crate::text::Text;
use chrono::{Days, NaiveDate};

/// A valid campaign with about `sessions` sessions (nine per two-day visit): teams of
/// 40 weekly visits each (Tuesday–Wednesday), counties drawn by a seeded generator.
///
/// ```
/// let c = campaign_core::synthetic::campaign(10_000, 7);
/// assert!(c.sessions().len() >= 10_000);
/// ```
pub fn campaign(sessions: usize, seed: u64) -> Campaign {
    let visits = sessions.div_ceil(9).max(1);
    let per_team = 40;
    let teams = visits.div_ceil(per_team);
    let mut doc = CampaignDocument::new(Text::new("Fushatë e gjeneruar", "Generated campaign"));
    doc.teams = (0..teams)
        .map(|t| Team {
            id: format!("t{t}"),
            name: None,
        })
        .collect();
    doc.materials = vec![Material {
        id: "leaflets".into(),
        label: Text::new("Fletëpalosje", "Leaflets"),
        stock: 2_200 * visits as u64,
        note: None,
    }];
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let codes: Vec<String> = (1..=12).map(|i| format!("AL-{i:02}")).collect();
    let monday = NaiveDate::from_ymd_opt(2010, 1, 4).expect("valid");
    doc.visits = (0..visits)
        .map(|i| {
            let (team, k) = (i / per_team, i % per_team);
            let first = monday + Days::new(7 * k as u64 + 1);
            let mut v = Visit::new(codes[next() % 12].clone(), first, first + Days::new(1));
            v.id = Some(format!("v{i}"));
            v.team = Some(format!("t{team}"));
            v
        })
        .collect();
    Campaign::new(doc).expect("generated campaigns are valid")
}

/// A messy calendar of `visits` visits of 1–3 days for `teams` teams, starting on any of
/// `days` days from 4 January 2010, counties drawn by a seeded generator: with few days
/// per visit, many visits of a team overlap (100,000 visits, 20 teams and 3,650 days
/// give about 205,000 overlapping pairs).
///
/// ```
/// let c = campaign_core::synthetic::overlapping(1_000, 5, 100, 1);
/// assert_eq!(c.visits().len(), 1_000);
/// ```
pub fn overlapping(visits: usize, teams: usize, days: u32, seed: u64) -> Campaign {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n.max(1)
    };
    let mut doc = CampaignDocument::new(Text::new("Kalendar i ngjeshur", "Dense calendar"));
    let teams = teams.max(1);
    doc.teams = (0..teams)
        .map(|t| Team {
            id: format!("t{t}"),
            name: None,
        })
        .collect();
    let codes: Vec<String> = (1..=12).map(|i| format!("AL-{i:02}")).collect();
    let monday = NaiveDate::from_ymd_opt(2010, 1, 4).expect("valid");
    doc.visits = (0..visits)
        .map(|i| {
            let first = monday + Days::new(next(u64::from(days)));
            let last = first + Days::new(next(3));
            let mut v = Visit::new(codes[next(12) as usize].clone(), first, last);
            v.id = Some(format!("v{i}"));
            v.team = Some(format!("t{}", next(teams as u64)));
            v
        })
        .collect();
    Campaign::new(doc).expect("generated campaigns are valid")
}
