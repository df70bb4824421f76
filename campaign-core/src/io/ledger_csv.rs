//! Ledger sheets: `date,county,channel,kind,quantity[,session,note]`, one entry per row.

use super::sheet::Sheet;
use crate::columns::CsvImport;
use crate::error::Result;
use crate::materials::{Ledger, LedgerEntry, LEDGER_COLUMNS};

/// Reads ledger entries from a sheet. Malformed rows are reported with line and column;
/// what the entries mean (county, stock, allocation) is checked when they are recorded
/// ([`Ledger::record_rows`]).
pub fn ledger_entries_from_csv(text: &str) -> Result<CsvImport<LedgerEntry>> {
    let sheet = Sheet::read(text, &LEDGER_COLUMNS)?;
    Ok(sheet.parse_rows(|at, rec| LedgerEntry::from_row(at, |name| sheet.text(rec, name))))
}

/// Reads ledger entries from a sheet and records them in order into `ledger`. Refused
/// or malformed rows are reported with line and column and leave the ledger unchanged;
/// the rest are recorded.
pub fn ledger_from_csv(ledger: &mut Ledger, text: &str) -> Result<CsvImport<LedgerEntry>> {
    Ok(ledger.record_rows(ledger_entries_from_csv(text)?))
}
