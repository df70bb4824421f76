//! Material stock: allocation across counties ([`allocation`]) and the distribution
//! ledger ([`ledger`]).

pub mod allocation;
pub mod ledger;

pub use allocation::{Allocation, AllocationRequest, Share, Strategy};
pub use ledger::{Channel, EntryKind, Ledger, LedgerEntry, PerChannel, LEDGER_COLUMNS};
