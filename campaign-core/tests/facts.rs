//! Built-in facts pinned against their sources, and the rule that picks a figure.

mod common;

use campaign_core::region::FigureKind;
use campaign_core::RegionSet;

/// INSTAT census results by county (ISO 3166-2 code, 2011, 2023), from
/// `../shared/data/al-census-counties.md` (INSTAT, as tabulated by citypopulation.de).
const CENSUS: [(&str, u64, u64); 12] = [
    ("AL-01", 141_944, 140_956),
    ("AL-02", 262_785, 226_863),
    ("AL-03", 295_827, 232_580),
    ("AL-04", 310_331, 240_377),
    ("AL-05", 72_176, 60_013),
    ("AL-06", 220_357, 173_091),
    ("AL-07", 85_292, 61_998),
    ("AL-08", 134_027, 99_384),
    ("AL-09", 137_047, 107_178),
    ("AL-10", 215_347, 154_479),
    ("AL-11", 749_365, 758_513),
    ("AL-12", 175_640, 146_681),
];

fn census(code: &str, year: i32) -> u64 {
    let al = RegionSet::albania();
    let c = al.find(code).unwrap();
    let figures: Vec<_> = c
        .population
        .iter()
        .filter(|p| p.kind == FigureKind::Census && p.year == year)
        .collect();
    assert_eq!(figures.len(), 1, "{code} census {year}");
    figures[0].value
}

#[test]
fn both_censuses_by_county_and_their_national_totals() {
    for (code, y2011, y2023) in CENSUS {
        assert_eq!(census(code, 2011), y2011, "{code} 2011");
        assert_eq!(census(code, 2023), y2023, "{code} 2023");
    }
    let total = |year| CENSUS.iter().map(|c| census(c.0, year)).sum::<u64>();
    assert_eq!(total(2011), 2_800_138);
    assert_eq!(total(2023), 2_402_113);
}

#[test]
fn the_figure_for_a_year_is_the_latest_not_after_it_a_census_winning_a_tie() {
    let al = RegionSet::albania();
    let tirana = al.find("Tiranë").unwrap();
    let pick = |year| {
        let p = tirana.population_for(year).unwrap();
        (p.year, p.kind)
    };
    use FigureKind::{Census, Estimate};
    assert_eq!(pick(1990), (2011, Census)); // every figure is later: the earliest
    for y in 2011..=2015 {
        assert_eq!(pick(y), (2011, Census), "{y}");
    }
    assert_eq!(pick(2016), (2016, Estimate));
    assert_eq!(pick(2017), (2016, Estimate));
    assert_eq!(pick(2019), (2018, Estimate));
    assert_eq!(pick(2022), (2020, Estimate));
    assert_eq!(pick(2023), (2023, Census)); // not the 1 January 2023 estimate
    assert_eq!(pick(2030), (2023, Census));
    assert_eq!(
        tirana.population_for(2030).unwrap().label().en,
        "census 2023"
    );
    assert_eq!(tirana.population_for(2030).unwrap().value, 758_513);
}

#[test]
fn every_built_in_population_figure_says_what_it_is_and_names_its_source() {
    let raw: serde_json::Value =
        serde_json::from_str(include_str!("../data/al_counties.json")).unwrap();
    let sources = raw["sources"].as_object().unwrap();
    let mut n = 0;
    for region in raw["regions"].as_array().unwrap() {
        for f in region["population"].as_array().unwrap() {
            let kind = f["kind"].as_str().expect("an explicit kind");
            assert!(kind == "census" || kind == "estimate", "{f}");
            let source = f["source"].as_str().unwrap();
            assert!(
                sources.contains_key(source),
                "source {source:?} not described"
            );
            if kind == "census" {
                assert!(f["date"].is_string(), "census day of {f}");
            } else {
                assert!(f["by"].is_string(), "who made {f}");
            }
            n += 1;
        }
    }
    assert_eq!(n, 12 * 6);
}

#[test]
fn allocation_by_population_says_which_figures_it_used() {
    use campaign_core::materials::{Allocation, AllocationRequest, Strategy};
    let c = campaign_core::Campaign::builtin_2017();
    let alloc = |year| {
        let req = AllocationRequest {
            stock: 50_000,
            strategy: Strategy::Population { year },
            minimum: 0,
            pack: 1,
            counties: None,
        };
        Allocation::compute(c.regions(), &req).unwrap()
    };
    let a2017 = alloc(2017);
    let why = &a2017.shares[0].explanation.en;
    assert!(why.contains("INSTAT estimate 1 Jan 2016"), "{why}");
    let a2024 = alloc(2024);
    assert!(a2024.shares[0].explanation.en.contains("census 2023"));
    assert!(a2024.shares[0].explanation.sq.contains("regjistrimi 2023"));
    let tirana = a2024.shares.iter().find(|s| s.county == "AL-11").unwrap();
    // Tiranë holds 758,513 of 2,402,113 residents at the 2023 census: about 31.6%.
    assert!(
        (15_700..=15_900).contains(&tirana.quantity),
        "{}",
        tirana.quantity
    );
}

#[test]
fn bajram_dates_are_confirmed_or_estimated_and_name_their_source() {
    let raw: serde_json::Value =
        serde_json::from_str(include_str!("../data/al_holidays.json")).unwrap();
    let sources = raw["sources"].as_object().unwrap();
    for holiday in raw["islamic"].as_array().unwrap() {
        for d in holiday["dates"].as_array().unwrap() {
            // Each date is either an estimate or names the source that gives it.
            match d["source"].as_str() {
                Some(source) => assert!(sources.contains_key(source), "{d}"),
                None => assert_eq!(d["estimated"], true, "{d}: neither estimated nor sourced"),
            }
        }
    }
    // Fitër Bajram 2016 was Tuesday 5 July (official 2016 list), not 6 July.
    let h = campaign_core::calendar::HolidayCalendar::albania(2016, 2016, &[]);
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2016, m, day).unwrap();
    assert!(h.get(d(7, 5)).is_some_and(|hs| hs
        .iter()
        .any(|x| x.name.en == "Eid al-Fitr" && !x.estimated)));
    assert!(h.get(d(7, 6)).is_none());
}

#[test]
fn a_finding_on_an_estimated_bajram_says_the_date_is_estimated() {
    let c = campaign_core::Campaign::from_json(
        r#"{"format_version":1,"name":{"sq":"a","en":"b"},"scope":["Durrës"],
            "visits":[{"county":"Durrës","first_day":"2027-03-09","last_day":"2027-03-10"}]}"#,
    )
    .unwrap();
    let report = c.check();
    let f = common::first(&report, campaign_core::RuleCode::PublicHoliday);
    common::says(&f.message.en, "Eid al-Fitr (estimated date)");
    common::says(&f.message.sq, "(datë e vlerësuar)");
}

/// Fields an `assumed` list may name that are not keys of the entry: which day of the
/// visit a session takes place on.
const PSEUDO_FIELDS: [&str; 1] = ["day"];

fn check_provenance(
    what: &str,
    entry: &serde_json::Value,
    sources: &serde_json::Map<String, serde_json::Value>,
) {
    let p = entry
        .get("provenance")
        .unwrap_or_else(|| panic!("{what}: no provenance"));
    let source = p["source"].as_str().unwrap();
    assert!(
        sources.contains_key(source),
        "{what}: source {source:?} not described"
    );
    for a in p["assumed"].as_array().into_iter().flatten() {
        let field = a.as_str().unwrap().split('.').next().unwrap();
        assert!(
            entry.get(field).is_some() || PSEUDO_FIELDS.contains(&field),
            "{what}: assumes {a}, which it does not have"
        );
    }
}

#[test]
fn every_built_in_value_is_sourced_or_marked_as_an_assumption() {
    let read = |text: &str| -> serde_json::Value { serde_json::from_str(text).unwrap() };
    // The template: the template and each session name a described source; what they
    // assume are fields they have.
    let t = read(include_str!("../data/template_two_day_2017.json"));
    let sources = t["sources"].as_object().unwrap();
    check_provenance("template", &t["template"], sources);
    let mut sessions = 0;
    for day in t["template"]["days"].as_array().unwrap() {
        for s in day["sessions"].as_array().unwrap() {
            check_provenance(s["id"].as_str().unwrap(), s, sources);
            sessions += 1;
        }
    }
    assert_eq!(sessions, 7);
    // The audiences.
    let a = read(include_str!("../data/audiences.json"));
    for aud in a["audiences"].as_array().unwrap() {
        check_provenance(
            aud["id"].as_str().unwrap(),
            aud,
            a["sources"].as_object().unwrap(),
        );
    }
    // The 2017 campaign: its facts from the press release, its period and the 2018
    // round marked as assumptions.
    let c = read(include_str!("../data/campaign_2017.json"));
    check_provenance("campaign_2017", &c, c["sources"].as_object().unwrap());
    let assumed: Vec<&str> = c["provenance"]["assumed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(assumed.contains(&"period") && assumed.contains(&"rounds.2018"));
    let doc = campaign_core::Campaign::builtin_2017();
    let p = doc.document().provenance.as_ref().unwrap();
    assert!(p.assumes("period") && p.assumes("rounds.2018") && !p.assumes("visits"));
    // Counties: codes and names from ISO 3166-2, seats and coordinates from the law and
    // GeoNames, population per figure (tested above).
    let r = read(include_str!("../data/al_counties.json"));
    for key in ["codes", "seats"] {
        assert!(r["sources"][key].is_string(), "{key}");
    }
    // Holidays: the law, the observed-day rule, the Bajram dates (each estimated or
    // with its own source, tested above).
    let h = read(include_str!("../data/al_holidays.json"));
    for key in ["law", "observed", "bajram"] {
        assert!(h["sources"][key].is_string(), "{key}");
    }
}
