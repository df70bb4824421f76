//! Any allocation request: an error or shares that, with the reserve, add up to the
//! stock exactly, each a whole number of packs.
#![no_main]

use arbitrary::Arbitrary;
use campaign_core::materials::{Allocation, AllocationRequest, Strategy};
use campaign_core::RegionSet;
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

#[derive(Debug, Arbitrary)]
enum Kind {
    Equal,
    Population(i32),
    Weights(Vec<(u8, f64)>),
    Fixed(Vec<(u8, u64)>),
}

#[derive(Debug, Arbitrary)]
struct Input {
    stock: u64,
    minimum: u64,
    pack: u64,
    kind: Kind,
    counties: Option<Vec<u8>>,
    small: bool,
}

fuzz_target!(|input: Input| {
    let regions = RegionSet::albania();
    let code = |k: u8| regions.regions()[k as usize % regions.len()].code.clone();
    let shrink = |n: u64| if input.small { n % 100_000 } else { n };
    let strategy = match input.kind {
        Kind::Equal => Strategy::Equal,
        Kind::Population(year) => Strategy::Population { year },
        Kind::Weights(w) => Strategy::Weights(w.into_iter().map(|(k, v)| (code(k), v)).collect::<BTreeMap<_, _>>()),
        Kind::Fixed(f) => Strategy::Fixed(f.into_iter().map(|(k, v)| (code(k), shrink(v))).collect()),
    };
    let req = AllocationRequest {
        stock: shrink(input.stock),
        strategy,
        minimum: shrink(input.minimum),
        pack: shrink(input.pack),
        counties: input.counties.map(|c| c.into_iter().map(code).collect()),
    };
    let Ok(a) = Allocation::compute(&regions, &req) else {
        return;
    };
    let total: u128 = a.shares.iter().map(|s| u128::from(s.quantity)).sum::<u128>() + u128::from(a.reserve);
    assert_eq!(total, u128::from(req.stock), "{req:?}");
    if !matches!(req.strategy, Strategy::Fixed(_)) {
        for s in &a.shares {
            assert_eq!(s.quantity % a.pack.max(1), 0, "{req:?}");
        }
    }
});
