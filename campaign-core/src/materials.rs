//! Material stock: allocation across counties and the distribution ledger.

use crate::error::{Error, Result};
use crate::reader::FromJson;
use crate::region::RegionSet;
use crate::table::{Table, Values};
use crate::text::{Dec, Text};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// How to split a stock across counties.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Strategy {
    /// The same share for every county.
    Equal,
    /// Proportional to the county population of a year.
    Population {
        /// Reference year for the population figure.
        year: i32,
    },
    /// Proportional to user weights by county (e.g. number of schools).
    Weights(BTreeMap<String, f64>),
    /// Fixed amounts by county; what is left stays in the reserve.
    Fixed(BTreeMap<String, u64>),
}

/// An allocation request.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationRequest {
    /// Units to allocate (e.g. 50,000 leaflets).
    pub stock: u64,
    /// The strategy.
    pub strategy: Strategy,
    /// Smallest share of any county (rounded up to whole packs).
    #[serde(default)]
    pub minimum: u64,
    /// Pack size: shares are whole packs; the leftover (less than one pack) is the reserve.
    #[serde(default = "one")]
    pub pack: u64,
    /// Counties (codes or names) to allocate to; every region of the set when absent.
    #[serde(default)]
    pub counties: Option<Vec<String>>,
}

fn one() -> u64 {
    1
}

/// One county's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// County code.
    pub county: String,
    /// County name.
    pub name: String,
    /// Units allocated.
    pub quantity: u64,
    /// The weight used (population, user weight, 1 for equal, the amount for fixed).
    pub weight: f64,
    /// Why the county gets this much.
    pub explanation: Text,
}

/// The result of an allocation: shares plus reserve equal the stock exactly.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Allocation {
    /// The stock allocated.
    pub stock: u64,
    /// Pack size used.
    pub pack: u64,
    /// Units not allocated (less than one pack, or what fixed amounts leave).
    pub reserve: u64,
    /// Shares in region order.
    pub shares: Vec<Share>,
}

impl Allocation {
    /// Splits a stock across counties with largest-remainder rounding.
    ///
    /// Shares are `max(minimum, proportional share)` in whole packs; counties held at the
    /// minimum drop out and the rest is split again among the others, so the shares plus
    /// the reserve always equal the stock.
    ///
    /// ```
    /// use campaign_core::materials::{Allocation, AllocationRequest, Strategy};
    /// let req = AllocationRequest { stock: 50_000, strategy: Strategy::Population { year: 2017 }, minimum: 2_000, pack: 50, counties: None };
    /// let a = Allocation::compute(campaign_core::RegionSet::albania(), &req).unwrap();
    /// assert_eq!(a.shares.iter().map(|s| s.quantity).sum::<u64>() + a.reserve, 50_000);
    /// assert!(a.shares.iter().all(|s| s.quantity >= 2_000 && s.quantity % 50 == 0));
    /// ```
    pub fn compute(regions: &RegionSet, req: &AllocationRequest) -> Result<Allocation> {
        if req.pack == 0 {
            return Err(Error::invalid("$.pack", "pack size must be at least 1"));
        }
        let counties: Vec<usize> = match &req.counties {
            None => (0..regions.len()).collect(),
            Some(list) => {
                let mut out = Vec::new();
                for (i, c) in list.iter().enumerate() {
                    let idx = regions
                        .find_index(c)
                        .map_err(|e| e.at(format!("$.counties[{i}]")))?;
                    if out.contains(&idx) {
                        return Err(Error::invalid(
                            format!("$.counties[{i}]"),
                            format!("county {c:?} listed twice"),
                        ));
                    }
                    out.push(idx);
                }
                out
            }
        };
        if counties.is_empty() {
            return Err(Error::invalid("$.counties", "no county to allocate to"));
        }
        let regs = regions.regions();
        let name = |i: usize| regs[i].name_sq.clone();
        let code = |i: usize| regs[i].code.clone();

        if let Strategy::Fixed(amounts) = &req.strategy {
            let mut fixed = vec![0u64; regions.len()];
            for (k, q) in amounts {
                let i = regions
                    .find_index(k)
                    .map_err(|e| e.at(format!("$.strategy.fixed.{k}")))?;
                if !counties.contains(&i) {
                    return Err(Error::invalid(
                        format!("$.strategy.fixed.{k}"),
                        "county is not among the counties allocated to",
                    ));
                }
                fixed[i] = *q;
            }
            let total: u64 = fixed.iter().sum();
            if total > req.stock {
                return Err(Error::invalid(
                    "$.strategy.fixed",
                    format!(
                        "fixed amounts total {total}, more than the stock of {}",
                        req.stock
                    ),
                ));
            }
            let shares = counties
                .iter()
                .map(|&i| Share {
                    county: code(i),
                    name: name(i),
                    quantity: fixed[i],
                    weight: fixed[i] as f64,
                    explanation: Text::new(
                        format!("Sasi e caktuar: {}.", fixed[i]),
                        format!("Fixed amount: {}.", fixed[i]),
                    ),
                })
                .collect();
            return Ok(Allocation {
                stock: req.stock,
                pack: req.pack,
                reserve: req.stock - total,
                shares,
            });
        }

        let (weights, basis): (Vec<f64>, (String, String)) = match &req.strategy {
            Strategy::Equal => (
                vec![1.0; counties.len()],
                ("pjesëve të barabarta".into(), "equal shares".into()),
            ),
            Strategy::Population { year } => {
                let mut w = Vec::new();
                let mut years = Vec::new();
                for &i in &counties {
                    let p = regs[i].population_for(*year).ok_or_else(|| {
                        Error::invalid(
                            "$.strategy.population",
                            format!("no population figure for {}", regs[i].name_sq),
                        )
                    })?;
                    w.push(p.value as f64);
                    if !years.contains(&p.year) {
                        years.push(p.year);
                    }
                }
                let used = years
                    .iter()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join("/");
                (
                    w,
                    (
                        format!("popullsisë ({used})"),
                        format!("population ({used})"),
                    ),
                )
            }
            Strategy::Weights(map) => {
                let mut w = vec![0.0; counties.len()];
                for (k, v) in map {
                    let i = regions
                        .find_index(k)
                        .map_err(|e| e.at(format!("$.strategy.weights.{k}")))?;
                    let pos = counties.iter().position(|&c| c == i).ok_or_else(|| {
                        Error::invalid(
                            format!("$.strategy.weights.{k}"),
                            "county is not among the counties allocated to",
                        )
                    })?;
                    if !(v.is_finite() && *v >= 0.0) {
                        return Err(Error::invalid(
                            format!("$.strategy.weights.{k}"),
                            "weights must be non-negative numbers",
                        ));
                    }
                    w[pos] = *v;
                }
                (w, ("peshave të dhëna".into(), "the given weights".into()))
            }
            Strategy::Fixed(_) => unreachable!("handled above"),
        };
        let total_weight: f64 = weights.iter().sum();
        if total_weight <= 0.0 {
            return Err(Error::invalid("$.strategy", "the weights add up to zero"));
        }

        let units = req.stock / req.pack;
        let reserve = req.stock % req.pack;
        let min_units = req.minimum.div_ceil(req.pack);
        let n = counties.len() as u64;
        if min_units.saturating_mul(n) > units {
            return Err(Error::invalid(
                "$.minimum",
                format!(
                    "a minimum of {} for {n} counties needs {} units, more than the stock of {}",
                    min_units * req.pack,
                    min_units * req.pack * n,
                    req.stock
                ),
            ));
        }
        // Hold counties whose proportional share falls below the minimum at the minimum,
        // then split the rest among the others; repeat until stable (at most n rounds).
        let mut at_min = vec![false; counties.len()];
        // Units and total weight of the counties not held at the minimum.
        let free = |at_min: &[bool]| -> (u64, f64) {
            let held = at_min.iter().filter(|&&m| m).count() as u64;
            let weight = weights
                .iter()
                .zip(at_min)
                .filter(|(_, &m)| !m)
                .map(|(w, _)| w)
                .sum();
            (units - min_units * held, weight)
        };
        loop {
            let (free_units, free_weight) = free(&at_min);
            let mut changed = false;
            for k in 0..counties.len() {
                if !at_min[k]
                    && (free_weight <= 0.0
                        || (free_units as f64) * weights[k] / free_weight < min_units as f64)
                {
                    at_min[k] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let (free_units, free_weight) = free(&at_min);
        let quotas: Vec<f64> = (0..counties.len())
            .map(|k| {
                if at_min[k] {
                    0.0
                } else {
                    free_units as f64 * weights[k] / free_weight
                }
            })
            .collect();
        let mut alloc: Vec<u64> = (0..counties.len())
            .map(|k| {
                if at_min[k] {
                    min_units
                } else {
                    quotas[k].floor() as u64
                }
            })
            .collect();
        let given: u64 = alloc.iter().sum();
        let mut left = units - given;
        let mut order: Vec<usize> = (0..counties.len()).filter(|&k| !at_min[k]).collect();
        order.sort_by(|&a, &b| {
            (quotas[b] - quotas[b].floor())
                .total_cmp(&(quotas[a] - quotas[a].floor()))
                .then(a.cmp(&b))
        });
        // If every county sits at the minimum, the leftover units go round in region order.
        if order.is_empty() {
            order = (0..counties.len()).collect();
        }
        let mut bonus = vec![false; counties.len()];
        let mut it = order.iter().cycle();
        while left > 0 {
            let k = *it.next().expect("non-empty");
            alloc[k] += 1;
            bonus[k] = true;
            left -= 1;
        }
        let share = |k: usize| Dec(weights[k] / total_weight * 100.0);
        let shares = counties
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let q = alloc[k] * req.pack;
                let explanation = if at_min[k] {
                    Text::new(
                        format!(
                            "Minimumi {}: {:.1}% sipas {} do të ishte më pak.",
                            min_units * req.pack,
                            share(k),
                            basis.0
                        ),
                        format!(
                            "The minimum of {}: {:.1}% by {} would be less.",
                            min_units * req.pack,
                            share(k),
                            basis.1
                        ),
                    )
                } else {
                    Text::new(
                        format!(
                            "{:.1}% sipas {}{}.",
                            share(k),
                            basis.0,
                            if bonus[k] {
                                ", plus një paketë nga mbetjet më të mëdha"
                            } else {
                                ""
                            }
                        ),
                        format!(
                            "{:.1}% by {}{}.",
                            share(k),
                            basis.1,
                            if bonus[k] {
                                ", plus one pack for a largest remainder"
                            } else {
                                ""
                            }
                        ),
                    )
                };
                Share {
                    county: code(i),
                    name: name(i),
                    quantity: q,
                    weight: weights[k],
                    explanation,
                }
            })
            .collect();
        Ok(Allocation {
            stock: req.stock,
            pack: req.pack,
            reserve,
            shares,
        })
    }

    /// The allocation as a table: county, name, quantity, weight, explanation (en and sq).
    pub fn to_table(&self) -> Table {
        Table::default()
            .with(
                "county",
                Values::Str(self.shares.iter().map(|s| s.county.clone()).collect()),
            )
            .with(
                "name",
                Values::Str(self.shares.iter().map(|s| s.name.clone()).collect()),
            )
            .with(
                "quantity",
                Values::Int(
                    self.shares
                        .iter()
                        .map(|s| Some(s.quantity as i64))
                        .collect(),
                ),
            )
            .with(
                "weight",
                Values::Float(self.shares.iter().map(|s| Some(s.weight)).collect()),
            )
            .with(
                "explanation_en",
                Values::Str(
                    self.shares
                        .iter()
                        .map(|s| s.explanation.en.clone())
                        .collect(),
                ),
            )
            .with(
                "explanation_sq",
                Values::Str(
                    self.shares
                        .iter()
                        .map(|s| s.explanation.sq.clone())
                        .collect(),
                ),
            )
    }
}

/// Where material was handed out.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Schools.
    School,
    /// Institutions.
    Institution,
    /// Public spaces such as promenades.
    PublicSpace,
}

impl Channel {
    /// All channels.
    pub const ALL: [Channel; 3] = [Channel::School, Channel::Institution, Channel::PublicSpace];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::School => "school",
            Channel::Institution => "institution",
            Channel::PublicSpace => "public_space",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }
}

/// What a ledger entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Material handed out (quantity > 0).
    Issue,
    /// Material brought back (quantity > 0).
    Return,
    /// A correction of an earlier count (quantity ≠ 0, signed: positive adds to issued).
    Correction,
}

impl EntryKind {
    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<EntryKind> {
        match s.trim() {
            "issue" => Some(EntryKind::Issue),
            "return" => Some(EntryKind::Return),
            "correction" => Some(EntryKind::Correction),
            _ => None,
        }
    }
}

/// One dated ledger entry. Entries are never edited: returns and corrections are entries.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerEntry {
    /// When.
    pub date: NaiveDate,
    /// County code or name.
    pub county: String,
    /// Channel.
    pub channel: Channel,
    /// Issue, return or correction.
    pub kind: EntryKind,
    /// Units (signed for corrections).
    pub quantity: i64,
    /// Session reference, if the entry belongs to one (e.g. `durres-2017/school#2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Which part of an entry made it invalid (used to point at a JSON field or CSV column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryField {
    /// The county.
    County,
    /// The quantity.
    Quantity,
}

impl EntryField {
    /// The field's name in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryField::County => "county",
            EntryField::Quantity => "quantity",
        }
    }
}

/// The distribution ledger of one material.
#[derive(Debug, Clone)]
pub struct Ledger {
    material: String,
    stock: u64,
    allocated: Option<Vec<u64>>,
    entries: Vec<LedgerEntry>,
    /// Net issued by region and channel.
    net: Vec<[i64; 3]>,
    /// Issued and returned (corrections counted by sign) by region and channel.
    issued: Vec<[i64; 3]>,
    returned: Vec<[i64; 3]>,
    regions: RegionSet,
}

impl Ledger {
    /// A ledger for `material` with `stock` units, optionally bound to an allocation.
    pub fn new(
        regions: &RegionSet,
        material: &str,
        stock: u64,
        allocation: Option<&Allocation>,
    ) -> Result<Ledger> {
        let allocated = match allocation {
            None => None,
            Some(a) => {
                let mut v = vec![0u64; regions.len()];
                for (k, s) in a.shares.iter().enumerate() {
                    let i = regions
                        .find_index(&s.county)
                        .map_err(|e| e.at(format!("$.shares[{k}].county")))?;
                    v[i] = s.quantity;
                }
                Some(v)
            }
        };
        Ok(Ledger {
            material: material.into(),
            stock,
            allocated,
            entries: Vec::new(),
            net: vec![[0; 3]; regions.len()],
            issued: vec![[0; 3]; regions.len()],
            returned: vec![[0; 3]; regions.len()],
            regions: regions.clone(),
        })
    }

    /// A ledger for one of the campaign's materials, with the stock the document gives.
    ///
    /// ```
    /// let c = campaign_core::Campaign::builtin_2017();
    /// let l = campaign_core::materials::Ledger::for_material(&c, "leaflets", None).unwrap();
    /// assert_eq!(l.remaining_stock(), 50_000);
    /// ```
    pub fn for_material(
        campaign: &crate::Campaign,
        material: &str,
        allocation: Option<&Allocation>,
    ) -> Result<Ledger> {
        let m = campaign
            .document()
            .materials
            .iter()
            .find(|m| m.id == material)
            .ok_or_else(|| {
                Error::invalid(
                    "$.materials",
                    format!("the campaign has no material {material:?}"),
                )
            })?;
        Ledger::new(campaign.regions(), &m.id, m.stock, allocation)
    }

    /// Checks an entry without recording it; the error names the offending field.
    pub fn check(&self, e: &LedgerEntry) -> std::result::Result<(usize, i64), (EntryField, Error)> {
        let county = self
            .regions
            .find_index(&e.county)
            .map_err(|err| (EntryField::County, err))?;
        let refuse = |m: String| (EntryField::Quantity, Error::Refused { message: m });
        let delta = match e.kind {
            EntryKind::Issue | EntryKind::Return if e.quantity <= 0 => {
                return Err((
                    EntryField::Quantity,
                    Error::invalid("$.quantity", "quantity must be positive"),
                ));
            }
            EntryKind::Correction if e.quantity == 0 => {
                return Err((
                    EntryField::Quantity,
                    Error::invalid("$.quantity", "a correction cannot be zero"),
                ));
            }
            EntryKind::Issue | EntryKind::Correction => e.quantity,
            EntryKind::Return => -e.quantity,
        };
        let name = &self.regions.regions()[county].name_sq;
        let ch = e.channel as usize;
        if delta > 0 {
            let left = self.remaining_stock();
            if delta > left {
                return Err(refuse(format!(
                    "issuing {delta} {} in {name} exceeds the {left} left in stock",
                    self.material
                )));
            }
            if let Some(alloc) = &self.allocated {
                let left = alloc[county] as i64 - self.net[county].iter().sum::<i64>();
                if delta > left {
                    return Err(refuse(format!("issuing {delta} {} in {name} exceeds the {left} left of its allocation of {}", self.material, alloc[county])));
                }
            }
        } else if -delta > self.net[county][ch] {
            return Err(refuse(format!(
                "taking back {} {} in {name} ({}) exceeds the {} issued there",
                -delta,
                self.material,
                e.channel.as_str(),
                self.net[county][ch]
            )));
        }
        Ok((county, delta))
    }

    /// Records an entry, or refuses it and changes nothing.
    ///
    /// ```
    /// use campaign_core::materials::{Channel, EntryKind, Ledger, LedgerEntry};
    /// let al = campaign_core::RegionSet::albania();
    /// let mut ledger = Ledger::new(al, "leaflets", 1_000, None).unwrap();
    /// let entry = |q, kind| LedgerEntry { date: "2017-10-17".parse().unwrap(), county: "Durrës".into(),
    ///     channel: Channel::School, kind, quantity: q, session: None, note: None };
    /// ledger.record(entry(800, EntryKind::Issue)).unwrap();
    /// assert!(ledger.record(entry(300, EntryKind::Issue)).is_err()); // only 200 left
    /// ledger.record(entry(100, EntryKind::Return)).unwrap();
    /// assert_eq!(ledger.remaining_stock(), 300);
    /// ```
    pub fn record(&mut self, e: LedgerEntry) -> Result<()> {
        let (county, delta) = self.check(&e).map_err(|(_, err)| err)?;
        let ch = e.channel as usize;
        self.net[county][ch] += delta;
        if delta > 0 {
            self.issued[county][ch] += delta;
        } else {
            self.returned[county][ch] -= delta;
        }
        self.entries.push(e);
        Ok(())
    }

    /// Records a JSON array of entries in order. Entries that are malformed or refused
    /// are skipped (the ledger is unchanged for them) and returned as errors whose path
    /// names the entry and field (`$[4].quantity`); the others are recorded.
    pub fn record_json(&mut self, text: &str) -> Result<Vec<Error>> {
        use crate::reader::{FromJson, Path, Value};
        let values: Vec<Value> = crate::reader::read_json(text)?;
        let mut errors = Vec::new();
        let root = Path::root();
        for (k, v) in values.iter().enumerate() {
            let entry = match LedgerEntry::from_json(v, &root.index(k)) {
                Ok(e) => e,
                Err(e) => {
                    errors.push(*e);
                    continue;
                }
            };
            match self.check(&entry) {
                Ok(_) => self.record(entry)?,
                Err((field, err)) => errors.push(match err {
                    Error::Refused { message } => Error::Refused {
                        message: format!("entry {k}: {message}"),
                    },
                    other => other.at(format!("$[{k}].{}", field.as_str())),
                }),
            }
        }
        Ok(errors)
    }

    /// The material's id.
    pub fn material(&self) -> &str {
        &self.material
    }

    /// The entries recorded, in order.
    pub fn entries(&self) -> &[LedgerEntry] {
        &self.entries
    }

    /// Units handed out, net of returns and corrections.
    pub fn net_issued(&self) -> i64 {
        self.net.iter().flatten().sum()
    }

    /// Units left in stock.
    pub fn remaining_stock(&self) -> i64 {
        self.stock as i64 - self.net_issued()
    }

    /// Net units issued in a county (region index), all channels.
    pub fn net_issued_in(&self, county: usize) -> i64 {
        self.net[county].iter().sum()
    }

    /// Balance per county and channel: issued, returned, net, allocated, allocation left.
    pub fn balance_table(&self) -> Table {
        let regs = self.regions.regions();
        let (mut county, mut name, mut channel) = (vec![], vec![], vec![]);
        let (mut issued, mut returned, mut net, mut allocated, mut left) =
            (vec![], vec![], vec![], vec![], vec![]);
        for (i, r) in regs.iter().enumerate() {
            let alloc = self.allocated.as_ref().map(|a| a[i] as i64);
            if alloc.is_none()
                && self.issued[i].iter().all(|&x| x == 0)
                && self.returned[i].iter().all(|&x| x == 0)
            {
                continue;
            }
            for ch in Channel::ALL {
                let c = ch as usize;
                county.push(r.code.clone());
                name.push(r.name_sq.clone());
                channel.push(ch.as_str().to_string());
                issued.push(Some(self.issued[i][c]));
                returned.push(Some(self.returned[i][c]));
                net.push(Some(self.net[i][c]));
                allocated.push(None);
                left.push(None);
            }
            county.push(r.code.clone());
            name.push(r.name_sq.clone());
            channel.push("total".into());
            issued.push(Some(self.issued[i].iter().sum()));
            returned.push(Some(self.returned[i].iter().sum()));
            net.push(Some(self.net_issued_in(i)));
            allocated.push(alloc);
            left.push(alloc.map(|a| a - self.net_issued_in(i)));
        }
        Table::default()
            .with("county", Values::Str(county))
            .with("name", Values::Str(name))
            .with("channel", Values::Str(channel))
            .with("issued", Values::Int(issued))
            .with("returned", Values::Int(returned))
            .with("net", Values::Int(net))
            .with("allocated", Values::Int(allocated))
            .with("allocation_left", Values::Int(left))
    }
}
