//! Splitting a stock across counties: weights from a strategy, a minimum per county,
//! whole packs, largest-remainder rounding, and an explanation for every share.

use crate::campaign::Campaign;
use crate::error::{Error, Result};
use crate::limits;
use crate::location::Path;
use crate::reader::FromJson;
use crate::region::RegionSet;
use crate::table::{Table, Values};
use crate::text::{Dec, Text};
use chrono::Datelike;
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

/// The minimum share per county that [`AllocationRequest::suggested`] uses. An
/// assumption: the press release gives only the total (50,000 leaflets).
pub const SUGGESTED_MINIMUM: u64 = 2_000;
/// The pack size that [`AllocationRequest::suggested`] uses (an assumption).
pub const SUGGESTED_PACK: u64 = 50;

impl AllocationRequest {
    /// The allocation the library suggests for a campaign's first material: by
    /// population in the year of the first visit, at least [`SUGGESTED_MINIMUM`] per
    /// county, in packs of [`SUGGESTED_PACK`] (both assumptions). `None` if the campaign
    /// has no material.
    ///
    /// ```
    /// let c = campaign_core::Campaign::builtin_2017();
    /// let req = campaign_core::materials::AllocationRequest::suggested(&c).unwrap();
    /// assert_eq!((req.stock, req.minimum, req.pack), (50_000, 2_000, 50));
    /// ```
    pub fn suggested(campaign: &Campaign) -> Option<AllocationRequest> {
        let material = campaign.document().materials.first()?;
        let year = campaign
            .visits()
            .iter()
            .map(|v| v.first_day)
            .min()
            .map_or(2017, |d| d.year());
        Some(AllocationRequest {
            stock: material.stock,
            strategy: Strategy::Population { year },
            minimum: SUGGESTED_MINIMUM,
            pack: SUGGESTED_PACK,
            counties: None,
        })
    }
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

/// Weights of the counties allocated to, and what they are ("population (2016)").
struct Weights {
    values: Vec<f64>,
    basis: Text,
}

/// Whole packs per county: those held at the minimum, and those that got one more pack
/// for a largest remainder.
struct Packs {
    units: Vec<u64>,
    at_minimum: Vec<bool>,
    bonus: Vec<bool>,
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
        let root = Path::root();
        limits::quantity(&root.key("stock"), req.stock)?;
        limits::quantity(&root.key("minimum"), req.minimum)?;
        limits::quantity(&root.key("pack"), req.pack)?;
        if req.pack == 0 {
            return Err(Error::invalid(
                root.key("pack"),
                "pack size must be at least 1",
            ));
        }
        let counties = match &req.counties {
            None => (0..regions.len()).collect(),
            Some(list) => regions.lookup_all(list, &root.key("counties"))?,
        };
        if counties.is_empty() {
            return Err(Error::invalid(
                root.key("counties"),
                "no county to allocate to",
            ));
        }
        let strategy_at = root.key("strategy");
        if let Strategy::Fixed(amounts) = &req.strategy {
            return fixed(regions, req, &counties, amounts, &strategy_at.key("fixed"));
        }
        let weights = weights(regions, &req.strategy, &counties, &strategy_at)?;
        let units = req.stock / req.pack;
        let min_units = req.minimum.div_ceil(req.pack);
        let n = counties.len() as u64;
        if min_units.saturating_mul(n) > units {
            return Err(Error::invalid(
                root.key("minimum"),
                format!(
                    "a minimum of {} for {n} counties needs {} units, more than the stock of {}",
                    min_units * req.pack,
                    min_units * req.pack * n,
                    req.stock
                ),
            ));
        }
        let packs = split(&weights.values, units, min_units);
        let total_weight: f64 = weights.values.iter().sum();
        let shares = counties
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let percent = Dec(weights.values[k] / total_weight * 100.0);
                let explanation = if packs.at_minimum[k] {
                    let min = min_units * req.pack;
                    Text::new(
                        format!(
                            "Minimumi {min}: {percent:.1}% sipas {} do të ishte më pak.",
                            weights.basis.sq
                        ),
                        format!(
                            "The minimum of {min}: {percent:.1}% by {} would be less.",
                            weights.basis.en
                        ),
                    )
                } else {
                    let (sq, en) = if packs.bonus[k] {
                        (
                            ", plus një paketë nga mbetjet më të mëdha",
                            ", plus one pack for a largest remainder",
                        )
                    } else {
                        ("", "")
                    };
                    Text::new(
                        format!("{percent:.1}% sipas {}{sq}.", weights.basis.sq),
                        format!("{percent:.1}% by {}{en}.", weights.basis.en),
                    )
                };
                share(
                    regions,
                    i,
                    packs.units[k] * req.pack,
                    weights.values[k],
                    explanation,
                )
            })
            .collect();
        Ok(Allocation {
            stock: req.stock,
            pack: req.pack,
            reserve: req.stock % req.pack,
            shares,
        })
    }

    /// The allocation as a table: county, name, quantity, weight, explanation (en and sq).
    pub fn to_table(&self) -> Table {
        let text = |f: fn(&Share) -> String| Values::Str(self.shares.iter().map(f).collect());
        Table::default()
            .with("county", text(|s| s.county.clone()))
            .with("name", text(|s| s.name.clone()))
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
            .with("explanation_en", text(|s| s.explanation.en.clone()))
            .with("explanation_sq", text(|s| s.explanation.sq.clone()))
    }
}

fn share(regions: &RegionSet, i: usize, quantity: u64, weight: f64, explanation: Text) -> Share {
    let county = &regions.regions()[i];
    Share {
        county: county.code.clone(),
        name: county.name_sq.clone(),
        quantity,
        weight,
        explanation,
    }
}

/// Fixed amounts by county; what they leave is the reserve.
fn fixed(
    regions: &RegionSet,
    req: &AllocationRequest,
    counties: &[usize],
    amounts: &BTreeMap<String, u64>,
    at: &Path,
) -> Result<Allocation> {
    let mut fixed = vec![0u64; regions.len()];
    for (k, q) in amounts {
        let county_at = at.key(k);
        let i = regions.lookup(k, &county_at)?;
        if !counties.contains(&i) {
            return Err(Error::invalid(
                county_at,
                "county is not among the counties allocated to",
            ));
        }
        fixed[i] = limits::quantity(&county_at, *q)?;
    }
    let total: u64 = fixed.iter().sum();
    if total > req.stock {
        return Err(Error::invalid(
            at,
            format!(
                "fixed amounts total {total}, more than the stock of {}",
                req.stock
            ),
        ));
    }
    let shares = counties
        .iter()
        .map(|&i| {
            let explanation = Text::new(
                format!("Sasi e caktuar: {}.", fixed[i]),
                format!("Fixed amount: {}.", fixed[i]),
            );
            share(regions, i, fixed[i], fixed[i] as f64, explanation)
        })
        .collect();
    Ok(Allocation {
        stock: req.stock,
        pack: req.pack,
        reserve: req.stock - total,
        shares,
    })
}

/// The weight of each county allocated to, by strategy.
fn weights(
    regions: &RegionSet,
    strategy: &Strategy,
    counties: &[usize],
    at: &Path,
) -> Result<Weights> {
    let regs = regions.regions();
    let weights = match strategy {
        Strategy::Equal => Weights {
            values: vec![1.0; counties.len()],
            basis: Text::new("pjesëve të barabarta", "equal shares"),
        },
        Strategy::Population { year } => {
            let mut values = Vec::new();
            let mut used: Vec<Text> = Vec::new();
            for &i in counties {
                let p = regs[i].population_for(*year).ok_or_else(|| {
                    Error::invalid(
                        at.key("population"),
                        format!("no population figure for {}", regs[i].name_sq),
                    )
                })?;
                values.push(p.value as f64);
                let label = p.label();
                if !used.contains(&label) {
                    used.push(label);
                }
            }
            // Which figures were used, as users should read them: "census 2023".
            let join = |f: fn(&Text) -> &str| used.iter().map(f).collect::<Vec<_>>().join(", ");
            Weights {
                values,
                basis: Text::new(
                    format!("popullsisë ({})", join(|t| &t.sq)),
                    format!("population ({})", join(|t| &t.en)),
                ),
            }
        }
        Strategy::Weights(map) => {
            let weights_at = at.key("weights");
            let mut values = vec![0.0; counties.len()];
            for (k, v) in map {
                let county_at = weights_at.key(k);
                let i = regions.lookup(k, &county_at)?;
                let pos = counties.iter().position(|&c| c == i).ok_or_else(|| {
                    Error::invalid(county_at, "county is not among the counties allocated to")
                })?;
                if !(v.is_finite() && *v >= 0.0) {
                    return Err(Error::invalid(
                        county_at,
                        "weights must be non-negative numbers",
                    ));
                }
                if *v > limits::MAX_WEIGHT {
                    return Err(limits::exceeded(
                        county_at,
                        limits::Limit::Weight,
                        format!(
                            "{v:e} is more than the limit of {:e} for a weight",
                            limits::MAX_WEIGHT
                        ),
                    ));
                }
                values[pos] = *v;
            }
            Weights {
                values,
                basis: Text::new("peshave të dhëna", "the given weights"),
            }
        }
        Strategy::Fixed(_) => unreachable!("fixed amounts are not weights"),
    };
    if weights.values.iter().sum::<f64>() <= 0.0 {
        return Err(Error::invalid(at, "the weights add up to zero"));
    }
    Ok(weights)
}

/// `units` whole packs split by `weights`, none below `min_units`.
fn split(weights: &[f64], units: u64, min_units: u64) -> Packs {
    let at_minimum = hold_at_minimum(weights, units, min_units);
    let (free_units, free_weight) = free(weights, &at_minimum, units, min_units);
    let quotas: Vec<f64> = (0..weights.len())
        .map(|k| {
            if at_minimum[k] {
                0.0
            } else {
                free_units as f64 * weights[k] / free_weight
            }
        })
        .collect();
    let mut packs: Vec<u64> = (0..weights.len())
        .map(|k| {
            if at_minimum[k] {
                min_units
            } else {
                quotas[k].floor() as u64
            }
        })
        .collect();
    // Floating-point quotas can round up past the whole: take the excess back from
    // the counties with the smallest fractions, so the packs add up to `units` exactly.
    let mut excess = packs.iter().sum::<u64>().saturating_sub(units);
    let mut by_fraction: Vec<usize> = (0..weights.len())
        .filter(|&k| !at_minimum[k] && packs[k] > min_units)
        .collect();
    by_fraction.sort_by(|&a, &b| {
        (quotas[a] - quotas[a].floor()).total_cmp(&(quotas[b] - quotas[b].floor()))
    });
    while excess > 0 {
        let before = excess;
        for &k in &by_fraction {
            if excess > 0 && packs[k] > min_units {
                packs[k] -= 1;
                excess -= 1;
            }
        }
        if excess == before {
            break; // nothing left to take back (cannot happen: the quotas sum to `units`)
        }
    }
    let extra = largest_remainders(
        &quotas,
        &at_minimum,
        units.saturating_sub(packs.iter().sum::<u64>()),
    );
    for (p, e) in packs.iter_mut().zip(&extra) {
        *p += e;
    }
    Packs {
        units: packs,
        at_minimum,
        bonus: extra.iter().map(|&e| e > 0).collect(),
    }
}

/// Units and total weight of the counties not held at the minimum.
fn free(weights: &[f64], at_minimum: &[bool], units: u64, min_units: u64) -> (u64, f64) {
    let held = at_minimum.iter().filter(|&&m| m).count() as u64;
    let weight = weights
        .iter()
        .zip(at_minimum)
        .filter(|(_, &m)| !m)
        .map(|(w, _)| w)
        .sum();
    (units - min_units * held, weight)
}

/// Counties whose proportional share falls below the minimum are held at it, and the
/// rest is split again among the others; repeated until stable (at most n rounds).
fn hold_at_minimum(weights: &[f64], units: u64, min_units: u64) -> Vec<bool> {
    let mut at_minimum = vec![false; weights.len()];
    loop {
        let (free_units, free_weight) = free(weights, &at_minimum, units, min_units);
        let mut changed = false;
        for k in 0..weights.len() {
            if !at_minimum[k]
                && (free_weight <= 0.0
                    || (free_units as f64) * weights[k] / free_weight < min_units as f64)
            {
                at_minimum[k] = true;
                changed = true;
            }
        }
        if !changed {
            return at_minimum;
        }
    }
}

/// The packs each county gets on top of its whole quota: one each for the `left`
/// largest fractional parts (ties by position); if every county sits at the minimum,
/// the packs go round in order.
fn largest_remainders(quotas: &[f64], at_minimum: &[bool], left: u64) -> Vec<u64> {
    let mut order: Vec<usize> = (0..quotas.len()).filter(|&k| !at_minimum[k]).collect();
    order.sort_by(|&a, &b| {
        (quotas[b] - quotas[b].floor())
            .total_cmp(&(quotas[a] - quotas[a].floor()))
            .then(a.cmp(&b))
    });
    if order.is_empty() {
        order = (0..quotas.len()).collect();
    }
    let (rounds, rest) = (left / order.len() as u64, left % order.len() as u64);
    let mut extra = vec![0u64; quotas.len()];
    for (pos, &k) in order.iter().enumerate() {
        extra[k] = rounds + u64::from((pos as u64) < rest);
    }
    extra
}
