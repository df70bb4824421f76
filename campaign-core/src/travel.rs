//! Travel between county seats: great-circle distance times a road factor, or a user table.

use crate::error::Error;
use crate::location::Path;
use crate::reader::FromJson;
use crate::region::RegionSet;
use schemars::JsonSchema;
use serde::Serialize;

/// A road distance given by the user, in kilometres (symmetric).
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Distance {
    /// County code or name.
    pub from: String,
    /// County code or name.
    pub to: String,
    /// Road kilometres.
    pub km: f64,
}

/// Travel parameters.
#[derive(Debug, Clone, PartialEq, Serialize, FromJson, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TravelOptions {
    /// Road kilometres per great-circle kilometre (mountain roads: about 1.35).
    pub road_factor: f64,
    /// Average road speed, km/h.
    pub speed_kmh: f64,
    /// Hours a team can travel between the last day of one visit and the first day of
    /// the next when they are consecutive days (an evening or an early morning).
    pub overnight_hours: f64,
    /// Working hours in a full free day between visits.
    pub working_hours: f64,
    /// Known road distances that replace the estimate.
    pub distances: Vec<Distance>,
}

impl TravelOptions {
    /// Speeds and factors must be positive numbers, hours non-negative numbers.
    fn validate(&self, at: &Path) -> crate::Result<()> {
        let positive = [
            ("road_factor", self.road_factor),
            ("speed_kmh", self.speed_kmh),
        ];
        for (name, x) in positive {
            if !(x.is_finite() && x > 0.0) {
                return Err(Error::invalid(
                    at.key(name),
                    format!("{name} must be a positive number"),
                ));
            }
        }
        let hours = [
            ("overnight_hours", self.overnight_hours),
            ("working_hours", self.working_hours),
        ];
        for (name, x) in hours {
            if !(x.is_finite() && (0.0..=24.0).contains(&x)) {
                return Err(Error::invalid(
                    at.key(name),
                    format!("{name} must be a number of hours from 0 to 24"),
                ));
            }
        }
        Ok(())
    }
}

impl Default for TravelOptions {
    fn default() -> Self {
        TravelOptions {
            road_factor: 1.35,
            speed_kmh: 60.0,
            overnight_hours: 4.0,
            working_hours: 8.0,
            distances: Vec::new(),
        }
    }
}

/// Great-circle distance in km between two points (haversine, Earth radius 6371 km).
/// Latitudes are clamped to ±90°; longitudes may differ by any number of turns.
///
/// ```
/// let km = campaign_core::travel::great_circle_km(41.3231, 19.4414, 41.3275, 19.8189);
/// assert!((km - 31.6).abs() < 1.0); // Durrës – Tiranë
/// ```
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let lat = |x: f64| x.clamp(-90.0, 90.0).to_radians();
    let (p1, p2) = (lat(lat1), lat(lat2));
    let dp = p2 - p1;
    // The longitude difference as a turn between -180° and 180° (by rounding: the
    // remainder, `fmod`, brought 1.9 KB of 128-bit division into the page's module).
    let turns = (lon2 - lon1) / 360.0;
    let dl = ((turns - turns.round()) * 360.0).to_radians();
    // Every angle below is within ±π/2 (see `sin_cos`).
    let (sin_half_dp, _) = sin_cos(dp / 2.0);
    let (sin_half_dl, _) = sin_cos(dl / 2.0);
    let a = sin_half_dp.powi(2) + sin_cos(p1).1 * sin_cos(p2).1 * sin_half_dl.powi(2);
    2.0 * 6371.0 * a.clamp(0.0, 1.0).sqrt().asin()
}

/// Sine and cosine of `x` within ±π/2, from their Taylor series (to x¹⁷ and x¹⁸: the
/// first term left out is below 5·10⁻¹⁴ there). The standard `sin` and `cos` reduce
/// any argument modulo π/2, which the page's WebAssembly module paid 3.4 KB for
/// (`rem_pio2` and `rem_pio2_large`, measured with twiggy).
fn sin_cos(x: f64) -> (f64, f64) {
    let x2 = x * x;
    // Horner's rule from the last term: sin = x(1 - x²/(2·3)(1 - x²/(4·5)(1 - …))),
    // cos = 1 - x²/(1·2)(1 - x²/(3·4)(1 - …)).
    let (mut sin, mut cos) = (1.0, 1.0);
    for k in (1..=9).rev() {
        let k = f64::from(k);
        if k < 9.0 {
            sin = 1.0 - x2 / ((2.0 * k) * (2.0 * k + 1.0)) * sin;
        }
        cos = 1.0 - x2 / ((2.0 * k - 1.0) * (2.0 * k)) * cos;
    }
    (x * sin, cos)
}

/// Road distances and travel times between the regions of a set.
#[derive(Debug, Clone)]
pub struct TravelModel {
    n: usize,
    km: Vec<f64>,
    opts: TravelOptions,
}

impl TravelModel {
    /// Builds the distance matrix; unknown county names in `opts.distances` and values
    /// that would make travel times meaningless (a road factor or speed that is not a
    /// positive number, negative hours) are errors at `$.travel.…`.
    pub fn new(regions: &RegionSet, opts: &TravelOptions) -> crate::Result<Self> {
        let root = Path::root();
        let at = root.key("travel");
        opts.validate(&at)?;
        let n = regions.len();
        let mut km = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (&regions.regions()[i], &regions.regions()[j]);
                km[i * n + j] = great_circle_km(a.lat, a.lon, b.lat, b.lon) * opts.road_factor;
            }
        }
        let distances_at = at.key("distances");
        for (k, d) in opts.distances.iter().enumerate() {
            let d_at = distances_at.index(k);
            let i = regions.lookup(&d.from, &d_at.key("from"))?;
            let j = regions.lookup(&d.to, &d_at.key("to"))?;
            if !(d.km.is_finite() && d.km >= 0.0) {
                return Err(Error::invalid(
                    d_at.key("km"),
                    "distance must be a non-negative number",
                ));
            }
            km[i * n + j] = d.km;
            km[j * n + i] = d.km;
        }
        Ok(TravelModel {
            n,
            km,
            opts: opts.clone(),
        })
    }

    /// Road km between two regions.
    pub fn km(&self, a: usize, b: usize) -> f64 {
        self.km[a * self.n + b]
    }

    /// Driving hours between two regions.
    pub fn hours(&self, a: usize, b: usize) -> f64 {
        self.km(a, b) / self.opts.speed_kmh
    }

    /// Hours available for travel when the next visit starts `gap_days` after the last
    /// day of the previous one (1 = the next day).
    pub fn available_hours(&self, gap_days: i64) -> f64 {
        if gap_days <= 0 {
            0.0
        } else {
            self.opts.overnight_hours + (gap_days - 1) as f64 * self.opts.working_hours
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The haversine with the standard library's trigonometry: the oracle.
    fn haversine_std(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
        let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
        let dl = (lon2 - lon1).to_radians();
        let a = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * 6371.0 * a.min(1.0).sqrt().asin()
    }

    proptest! {
        #[test]
        fn sin_cos_match_the_standard_library(x in -std::f64::consts::FRAC_PI_2..=std::f64::consts::FRAC_PI_2) {
            let (s, c) = sin_cos(x);
            prop_assert!((s - x.sin()).abs() < 1e-13, "sin {x}: {s} against {}", x.sin());
            prop_assert!((c - x.cos()).abs() < 1e-13, "cos {x}: {c} against {}", x.cos());
        }

        #[test]
        fn distances_match_the_standard_haversine(
            lat1 in -90.0..=90.0f64, lon1 in -540.0..=540.0f64,
            lat2 in -90.0..=90.0f64, lon2 in -540.0..=540.0f64,
        ) {
            let (got, want) = (great_circle_km(lat1, lon1, lat2, lon2), haversine_std(lat1, lon1, lat2, lon2));
            // Within a metre: near antipodes `asin` magnifies the last bits of `a`.
            prop_assert!((got - want).abs() < 1e-3, "{got} km against {want} km");
        }
    }

    #[test]
    fn latitudes_past_the_poles_are_clamped() {
        assert_eq!(
            great_circle_km(100.0, 0.0, 0.0, 0.0),
            great_circle_km(90.0, 0.0, 0.0, 0.0)
        );
        let quarter = std::f64::consts::FRAC_PI_2 * 6371.0;
        assert!((great_circle_km(90.0, 10.0, 0.0, 75.0) - quarter).abs() < 1e-6);
        assert!((great_circle_km(0.0, 0.0, 0.0, 180.0) - 2.0 * quarter).abs() < 1e-6);
    }
}
