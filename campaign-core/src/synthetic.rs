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

/// A seeded xorshift generator: `next(n)` in `0..n`.
fn generator(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n.max(1)
    }
}

/// Places per county (in code order, AL-01 Berat … AL-12 Vlorë) of [`places`]: 61 in
/// all, as many as Albania has municipalities, spread roughly as they are.
pub const PLACES_PER_COUNTY: [usize; 12] = [5, 2, 7, 6, 7, 6, 3, 3, 4, 5, 6, 7];

/// 61 **generated** municipality-sized places inside Albania's 12 counties (a region
/// set for the planner's large benchmark): each is its county's seat moved by up to
/// about 0.2° (some 20 km) by a seeded generator. Names and coordinates are made up;
/// the data's `sources` say so.
///
/// ```
/// let set = campaign_core::synthetic::places(1);
/// assert_eq!(set.regions.len(), 61);
/// assert!(set.sources["generated"].contains("generated"));
/// ```
pub fn places(seed: u64) -> crate::region::RegionSetData {
    let mut next = generator(seed);
    let al = crate::region::RegionSet::albania();
    let mut regions = Vec::new();
    for (k, county) in al.regions().iter().enumerate() {
        for i in 0..PLACES_PER_COUNTY[k] {
            let jitter = |r: u64| (r as f64 / 1000.0 - 0.5) * 0.4;
            regions.push(crate::region::County {
                code: format!("{}-P{}", county.code, i + 1),
                name_sq: format!("{} {}", county.name_sq, i + 1),
                name_en: format!("{} {}", county.name_en, i + 1),
                seat: format!("{} {}", county.seat, i + 1),
                aliases: vec![],
                lat: county.lat + if i == 0 { 0.0 } else { jitter(next(1001)) },
                lon: county.lon + if i == 0 { 0.0 } else { jitter(next(1001)) },
                population: vec![],
            });
        }
    }
    crate::region::RegionSetData {
        country: "AL".into(),
        name: Text::new("Shqipëri (vende të gjeneruara)", "Albania (generated places)"),
        sources: std::collections::BTreeMap::from([(
            "generated".to_string(),
            "generated by campaign_core::synthetic::places: each county's seat (data/al_counties.json) moved by up to 0.2 degrees; not real municipalities".to_string(),
        )]),
        regions,
    }
}

/// The planner's large benchmark: the 61 generated [`places`], 4 teams each starting
/// from a different county seat, the 2017 template, Monday to Friday, one school year
/// (10 September 2018 to 14 June 2019), no visit yet.
///
/// ```
/// let (c, request) = campaign_core::synthetic::planning_large(1);
/// let plan = c.plan(&request).unwrap();
/// assert_eq!(plan.visits.len(), 61);
/// ```
pub fn planning_large(seed: u64) -> (Campaign, crate::plan::PlanRequest) {
    let mut doc = CampaignDocument::new(Text::new("Fushatë në 61 vende", "Campaign in 61 places"));
    doc.regions = Some(places(seed));
    let homes = ["AL-11-P1", "AL-10-P1", "AL-06-P1", "AL-12-P1"];
    let request = crate::plan::PlanRequest {
        window: Some(crate::campaign::DateRange::new(
            NaiveDate::from_ymd_opt(2018, 9, 10).expect("valid"),
            NaiveDate::from_ymd_opt(2019, 6, 14).expect("valid"),
        )),
        teams: homes
            .iter()
            .enumerate()
            .map(|(k, h)| crate::plan::PlanTeam {
                id: format!("team{}", k + 1),
                home: Some((*h).to_string()),
                people: vec![],
            })
            .collect(),
        ..crate::plan::PlanRequest::default()
    };
    (
        Campaign::new(doc).expect("generated campaigns are valid"),
        request,
    )
}

/// A small planning instance for the exact solver's benchmark: 6 to 12 of the 12
/// counties, 1 to 3 teams, a window of 4 to 10 weeks starting between January and May
/// 2018, a run of 2 to 5 allowed weekdays, 0 or 1 rest days, 0 to 4 hours of travel
/// the evening before and 2 to 8 per free day.
///
/// ```
/// let (c, request) = campaign_core::synthetic::planning_small(3);
/// assert!(c.plan(&request).is_ok());
/// ```
pub fn planning_small(seed: u64) -> (Campaign, crate::plan::PlanRequest) {
    use crate::plan::Weekday::*;
    let mut next = generator(seed);
    let doc = CampaignDocument::new(Text::new("Provë e vogël", "Small instance"));
    let n = 6 + next(7) as usize;
    let mut codes: Vec<String> = (1..=12).map(|i| format!("AL-{i:02}")).collect();
    for i in (1..codes.len()).rev() {
        codes.swap(i, next(i as u64 + 1) as usize);
    }
    codes.truncate(n);
    let teams = 1 + next(3) as usize;
    // From the second week of January to late May: school weeks, mostly.
    let start = NaiveDate::from_ymd_opt(2018, 1, 8).expect("valid") + Days::new(next(140));
    let weeks = 4 + next(7);
    // A run of 2 to 5 working days (a two-day visit needs two in a row).
    let all = [Monday, Tuesday, Wednesday, Thursday, Friday];
    let len = 2 + next(4) as usize;
    let from = next((5 - len + 1) as u64) as usize;
    let weekdays = all[from..from + len].to_vec();
    let mut request = crate::plan::PlanRequest {
        counties: Some(codes),
        window: Some(crate::campaign::DateRange::new(
            start,
            start + Days::new(weeks * 7 - 1),
        )),
        teams: (0..teams)
            .map(|k| crate::plan::PlanTeam {
                id: format!("team{}", k + 1),
                home: None,
                people: vec![],
            })
            .collect(),
        weekdays,
        rest_days: next(2) as u32,
        ..crate::plan::PlanRequest::default()
    };
    // Travel that binds: from none the evening before and 2 hours a day, to the defaults.
    request.check.travel.overnight_hours = [0.0, 2.0, 4.0][next(3) as usize];
    request.check.travel.working_hours = [2.0, 4.0, 8.0][next(3) as usize];
    (
        Campaign::new(doc).expect("generated campaigns are valid"),
        request,
    )
}
