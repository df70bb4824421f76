//! The hash maps and sets that validation fills once per visit (ids, teams, counties).
//!
//! Natively they hash with foldhash, randomly seeded per map: std's SipHash took a fifth
//! of building a campaign of 10^5 visits from a DataFrame's columns (`cargo bench -p
//! campaign-core --bench checks -- build`). foldhash's seeds keep an input that makes
//! keys collide, and so turns the maps quadratic, out of an attacker's reach, as long as
//! the attacker cannot study the running process. In WebAssembly they keep std's hasher:
//! the page's module has a size budget and its calendars are smaller.

/// The hasher's builder: a random seed per map.
#[cfg(not(target_family = "wasm"))]
pub(crate) type Seeded = foldhash::fast::RandomState;
/// The hasher's builder: a random seed per map.
#[cfg(target_family = "wasm")]
pub(crate) type Seeded = std::hash::RandomState;

/// A hash map with [`Seeded`] hashing.
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, Seeded>;
/// A hash set with [`Seeded`] hashing.
pub(crate) type Set<T> = std::collections::HashSet<T, Seeded>;
