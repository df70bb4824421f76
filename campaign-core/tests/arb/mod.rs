//! `arb_*` generators for every input type of the library, shared by the property tests.
//! Values are valid in form (they read back), not always valid in meaning.

#![allow(dead_code)]

use campaign_core::calendar::{ExtraHoliday, SchoolYear};
use campaign_core::checks::{Blackout, CheckOptions, RuleCode, Severity};
use campaign_core::materials::{
    AllocationRequest, Channel, EntryKind, LedgerEntry, Strategy as Split,
};
use campaign_core::participation::AttendanceRecord;
use campaign_core::region::{County, FigureKind, PopulationFigure, RegionSetData};
use campaign_core::template::{Repeat, TemplateDay, TemplateSession};
use campaign_core::travel::{Distance, TravelOptions};
use campaign_core::{
    Audience, CampaignDocument, DateRange, EventTemplate, Material, ParticipantRule, Person,
    Provenance, Round, SessionKind, Slot, Team, Text, Venue, Visit,
};
use chrono::{Days, NaiveDate, NaiveTime};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// County names as planners write them (codes, names, definite forms, any case).
pub const COUNTY_NAMES: [&str; 12] = [
    "Berat",
    "Durrës",
    "Elbasan",
    "Fier",
    "Gjirokastra",
    "korce",
    "KUKES",
    "Lezhë",
    "AL-09",
    "Shkodra",
    "Tiranë",
    "Vlora",
];

/// Day `offset` counted from 1 September 2017.
pub fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 9, 1).unwrap() + Days::new(offset as u64)
}

/// Identifiers, including keys that need quoting in a path (dots, quotes, spaces).
pub fn arb_id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9_]{0,8}",
        Just("a.b".to_string()),
        Just("say \"hi\"".to_string()),
        Just("Ëë ç".to_string()),
    ]
}

pub fn arb_text() -> impl Strategy<Value = Text> {
    ("\\PC{0,12}", "\\PC{0,12}").prop_map(|(sq, en)| Text::new(sq, en))
}

pub fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (0..3000u32).prop_map(day)
}

pub fn arb_range() -> impl Strategy<Value = DateRange> {
    (0..3000u32, 0..400u32).prop_map(|(s, l)| DateRange::new(day(s), day(s + l)))
}

pub fn arb_time() -> impl Strategy<Value = NaiveTime> {
    (0..24u32, 0..60u32).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

pub fn arb_provenance() -> impl Strategy<Value = Provenance> {
    (
        prop_oneof![Just("press_release_2017"), Just("assumption")],
        prop::collection::vec("[a-z_.]{1,10}", 0..3),
    )
        .prop_map(|(source, assumed)| Provenance {
            source: source.into(),
            assumed,
        })
}

pub fn arb_rule() -> impl Strategy<Value = ParticipantRule> {
    prop_oneof![
        any::<u32>().prop_map(ParticipantRule::MoreThan),
        any::<u32>().prop_map(ParticipantRule::AtLeast),
        (any::<u32>(), any::<u32>()).prop_map(|(min, max)| ParticipantRule::Between { min, max }),
    ]
}

pub fn arb_session(id: String) -> impl Strategy<Value = TemplateSession> {
    (
        prop::sample::select(SessionKind::ALL.to_vec()),
        prop::sample::select(Venue::ALL.to_vec()),
        arb_text(),
        prop::collection::vec("[a-z_]{1,8}", 0..3),
        prop::option::of(arb_rule()),
        prop::option::of(any::<u32>()),
        prop::collection::btree_map("[a-z]{1,6}", any::<u64>(), 0..2),
        prop::option::of(arb_time()),
        any::<u32>(),
        prop::option::of(prop_oneof![
            any::<u32>().prop_map(Repeat::Times),
            "[a-z]{1,6}".prop_map(Repeat::Parameter)
        ]),
        (
            prop::option::of(arb_text()),
            prop::option::of(arb_provenance()),
            prop::collection::vec(arb_text(), 0..2),
            prop::option::of(arb_id()),
        ),
    )
        .prop_map(
            move |(
                kind,
                venue,
                title,
                audiences,
                rule,
                planned,
                materials,
                start,
                duration,
                repeat,
                (note, provenance, topics, timetable_by),
            )| {
                TemplateSession {
                    id: id.clone(),
                    kind,
                    title,
                    venue,
                    audiences,
                    rule,
                    planned_participants: planned,
                    materials,
                    start,
                    duration_minutes: duration,
                    repeat,
                    note,
                    topics,
                    timetable_by,
                    provenance,
                }
            },
        )
}

pub fn arb_template() -> impl Strategy<Value = EventTemplate> {
    (
        arb_id(),
        arb_text(),
        prop::collection::btree_map("[a-z]{1,6}", any::<u32>(), 0..3),
        prop::collection::vec(prop::collection::vec(arb_session("s".into()), 1..3), 1..3),
        prop::option::of(arb_provenance()),
    )
        .prop_map(|(id, name, parameters, days, provenance)| {
            let mut n = 0;
            let days = days
                .into_iter()
                .map(|sessions| TemplateDay {
                    sessions: sessions
                        .into_iter()
                        .map(|mut s| {
                            n += 1;
                            s.id = format!("s{n}");
                            s
                        })
                        .collect(),
                })
                .collect();
            EventTemplate {
                id,
                name,
                parameters,
                days,
                provenance,
            }
        })
}

pub fn arb_regions() -> impl Strategy<Value = RegionSetData> {
    prop::collection::vec(
        (
            "[A-Z]{2}-[0-9]{2}",
            "[A-Za-zë]{2,10}",
            -900_000..900_000i32,
            -1_800_000..1_800_000i32,
            prop::collection::vec((1990..2040i32, any::<u64>()), 0..3),
        ),
        1..5,
    )
    .prop_map(|regions| RegionSetData {
        country: "XX".into(),
        name: Text::new("Vend", "Country"),
        sources: BTreeMap::from([("codes".to_string(), "test".to_string())]),
        regions: regions
            .into_iter()
            .map(|(code, name, lat, lon, population)| County {
                code,
                name_sq: name.clone(),
                name_en: name.clone(),
                seat: name,
                aliases: vec![],
                lat: f64::from(lat) / 10_000.0,
                lon: f64::from(lon) / 10_000.0,
                population: population
                    .into_iter()
                    .map(|(year, value)| PopulationFigure {
                        year,
                        value,
                        kind: if value % 2 == 0 {
                            FigureKind::Census
                        } else {
                            FigureKind::Estimate
                        },
                        date: (value % 3 == 0)
                            .then(|| chrono::NaiveDate::from_ymd_opt(year, 9, 18))
                            .flatten(),
                        by: (value % 5 == 0).then(|| "INSTAT".to_string()),
                        source: "test".into(),
                    })
                    .collect(),
            })
            .collect(),
    })
}

pub fn arb_visit() -> impl Strategy<Value = Visit> {
    (
        (
            prop::option::of(arb_id()),
            prop::sample::select(COUNTY_NAMES.to_vec()),
            0..3000u32,
            0..10u32,
        ),
        (
            prop::option::of(arb_id()),
            prop::option::of(arb_id()),
            prop::option::of(arb_id()),
        ),
        prop::option::of(prop::collection::vec(arb_date(), 0..3)),
        prop::collection::btree_map(arb_id(), any::<u32>(), 0..2),
        prop::collection::btree_map(
            arb_id(),
            prop::collection::vec(("\\PC{0,8}", prop::option::of(arb_time())), 0..3),
            0..2,
        ),
        prop::collection::btree_map(arb_id(), any::<u32>(), 0..2),
        (
            prop::collection::vec(arb_id(), 0..2),
            prop::option::of("\\PC{0,20}"),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, county, start, len),
                (team, round, template),
                day_dates,
                parameters,
                timetable,
                invitations,
                (people, note, timetable_confirmed),
            )| {
                Visit {
                    timetable_confirmed,
                    id,
                    county: county.into(),
                    first_day: day(start),
                    last_day: day(start + len),
                    team,
                    round,
                    template,
                    day_dates,
                    parameters,
                    timetable: timetable
                        .into_iter()
                        .map(|(k, slots)| {
                            (
                                k,
                                slots
                                    .into_iter()
                                    .map(|(label, start)| Slot { label, start })
                                    .collect(),
                            )
                        })
                        .collect(),
                    invitations,
                    people,
                    note,
                }
            },
        )
}

/// Any document the reader reads: every field of the format, no validation.
pub fn arb_any_document() -> impl Strategy<Value = CampaignDocument> {
    (
        (
            arb_text(),
            prop::collection::vec("\\PC{0,10}", 0..2),
            prop::collection::vec("\\PC{0,10}", 0..2),
            prop::option::of(arb_text()),
            prop::collection::btree_map(arb_id(), "\\PC{0,10}", 0..2),
            prop::option::of(arb_provenance()),
        ),
        (
            prop::option::of(arb_range()),
            prop::option::of(arb_regions()),
            prop::option::of(prop::collection::vec(arb_id(), 0..3)),
        ),
        prop::collection::vec(
            (
                arb_id(),
                prop::option::of(arb_text()),
                prop::option::of(arb_range()),
            ),
            0..3,
        ),
        prop::collection::vec((arb_id(), prop::option::of("\\PC{0,8}")), 0..3),
        prop::collection::vec((arb_id(), "\\PC{0,8}"), 0..2),
        prop::collection::vec(
            (arb_id(), arb_text(), prop::option::of(arb_provenance())),
            0..2,
        ),
        (
            prop::collection::vec(arb_template(), 0..2),
            prop::option::of(arb_id()),
        ),
        prop::collection::vec(
            (
                arb_id(),
                arb_text(),
                any::<u64>(),
                prop::option::of(arb_text()),
            ),
            0..2,
        ),
        prop::collection::vec(arb_visit(), 0..4),
    )
        .prop_map(
            |(
                (name, organisers, partners, aim, sources, provenance),
                (period, regions, scope),
                rounds,
                teams,
                people,
                audiences,
                (templates, default_template),
                materials,
                visits,
            )| {
                CampaignDocument {
                    format_version: 1,
                    name,
                    aim,
                    sources,
                    provenance,
                    organisers,
                    partners,
                    period,
                    regions,
                    scope,
                    rounds: rounds
                        .into_iter()
                        .map(|(id, label, period)| Round { id, label, period })
                        .collect(),
                    teams: teams
                        .into_iter()
                        .map(|(id, name)| Team { id, name })
                        .collect(),
                    people: people
                        .into_iter()
                        .map(|(id, name)| Person { id, name })
                        .collect(),
                    audiences: audiences
                        .into_iter()
                        .map(|(id, label, provenance)| Audience {
                            id,
                            label,
                            provenance,
                        })
                        .collect(),
                    templates,
                    default_template,
                    materials: materials
                        .into_iter()
                        .map(|(id, label, stock, note)| Material {
                            id,
                            label,
                            stock,
                            note,
                        })
                        .collect(),
                    visits,
                }
            },
        )
}

pub fn arb_options() -> impl Strategy<Value = CheckOptions> {
    (
        prop::collection::vec(prop::sample::select(RuleCode::ALL.to_vec()), 0..4),
        prop::collection::btree_map(
            prop::sample::select(RuleCode::ALL.to_vec()),
            prop::sample::select(Severity::ALL.to_vec()),
            0..3,
        ),
        prop::collection::vec((arb_date(), prop::option::of(arb_text())), 0..3),
        prop::collection::vec((arb_range(), arb_text()), 0..3),
        prop::collection::vec(
            (arb_range(), prop::collection::vec(arb_range(), 0..3)),
            0..2,
        ),
        (
            1..40u32,
            1..200u32,
            0..24u32,
            0..24u32,
            prop::option::of(any::<u64>()),
            prop::option::of(arb_date()),
            0..367u32,
        ),
        prop::collection::vec(
            (
                prop::sample::select(COUNTY_NAMES.to_vec()),
                prop::sample::select(COUNTY_NAMES.to_vec()),
                0..5000u32,
            ),
            0..3,
        ),
    )
        .prop_map(
            |(
                disabled,
                severities,
                holidays,
                blackouts,
                years,
                (factor, speed, night, work, limit, as_of, notice),
                distances,
            )| {
                CheckOptions {
                    disabled,
                    severities,
                    extra_holidays: holidays
                        .into_iter()
                        .map(|(date, name)| ExtraHoliday { date, name })
                        .collect(),
                    blackouts: blackouts
                        .into_iter()
                        .map(|(r, reason)| Blackout {
                            start: r.start,
                            end: r.end,
                            reason,
                        })
                        .collect(),
                    school_years: years
                        .into_iter()
                        .map(|(r, breaks)| SchoolYear {
                            start: r.start,
                            end: r.end,
                            breaks,
                        })
                        .collect(),
                    travel: TravelOptions {
                        road_factor: f64::from(factor) / 20.0,
                        speed_kmh: f64::from(speed),
                        overnight_hours: f64::from(night),
                        working_hours: f64::from(work),
                        distances: distances
                            .into_iter()
                            .map(|(from, to, km)| Distance {
                                from: from.into(),
                                to: to.into(),
                                km: f64::from(km) / 10.0,
                            })
                            .collect(),
                    },
                    max_findings_per_rule: limit,
                    as_of,
                    timetable_notice_days: notice,
                }
            },
        )
}

pub fn arb_ledger_entry() -> impl Strategy<Value = LedgerEntry> {
    (
        arb_date(),
        prop::sample::select(COUNTY_NAMES.to_vec()),
        prop::sample::select(Channel::ALL.to_vec()),
        prop::sample::select(EntryKind::ALL.to_vec()),
        any::<i64>(),
        prop::option::of("\\PC{0,10}"),
        prop::option::of("\\PC{0,10}"),
    )
        .prop_map(
            |(date, county, channel, kind, quantity, session, note)| LedgerEntry {
                date,
                county: county.into(),
                channel,
                kind,
                quantity,
                session,
                note,
            },
        )
}

pub fn arb_allocation_request() -> impl Strategy<Value = AllocationRequest> {
    let names = prop::sample::select(COUNTY_NAMES.to_vec()).prop_map(String::from);
    (
        any::<u64>(),
        prop_oneof![
            Just(Split::Equal),
            (1900..2200i32).prop_map(|year| Split::Population { year }),
            prop::collection::btree_map(names.clone(), 0..100_000u32, 0..4).prop_map(|w| {
                Split::Weights(
                    w.into_iter()
                        .map(|(k, v)| (k, f64::from(v) / 8.0))
                        .collect(),
                )
            }),
            prop::collection::btree_map(names.clone(), any::<u64>(), 0..4).prop_map(Split::Fixed),
        ],
        any::<u64>(),
        any::<u64>(),
        prop::option::of(prop::collection::vec(names, 0..4)),
    )
        .prop_map(
            |(stock, strategy, minimum, pack, counties)| AllocationRequest {
                stock,
                strategy,
                minimum,
                pack,
                counties,
            },
        )
}

pub fn arb_attendance_record() -> impl Strategy<Value = AttendanceRecord> {
    (
        (
            arb_id(),
            arb_id(),
            prop::option::of(any::<u32>()),
            prop::option::of(arb_id()),
        ),
        prop::array::uniform6(any::<u32>()),
        prop::option::of("\\PC{0,10}"),
    )
        .prop_map(
            |((visit, session, repetition, audience), c, notes)| AttendanceRecord {
                visit,
                session,
                repetition,
                audience,
                female: c[0],
                male: c[1],
                sex_not_recorded: c[2],
                under_18: c[3],
                adult: c[4],
                age_not_recorded: c[5],
                notes,
            },
        )
}

/// Two campaigns that must be alike (one keeping its visits as rows, one as written):
/// the same report from every rule — checked before either document is asked for, so no
/// rule needs a row campaign's visits built —, the same session count, document and JSON.
pub fn prop_assert_same_campaign(
    got: &campaign_core::Campaign,
    want: &campaign_core::Campaign,
) -> Result<(), TestCaseError> {
    let all = CheckOptions::default();
    let report =
        |c: &campaign_core::Campaign| serde_json::to_string(&c.check_with(&all).unwrap()).unwrap();
    prop_assert_eq!(report(got), report(want));
    prop_assert_eq!(got.session_count(), want.session_count());
    prop_assert_eq!(got.document(), want.document());
    prop_assert_eq!(got.to_json(), want.to_json());
    Ok(())
}
