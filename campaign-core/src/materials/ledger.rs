//! The distribution ledger of one material: dated issues, returns and corrections,
//! by county and channel, that never take the stock or an allocation below zero.

use super::allocation::Allocation;
use crate::campaign::Campaign;
use crate::columns::{Column, Contract, CsvImport, Frame};
use crate::error::{Error, Result};
use crate::location::Path;
use crate::reader::{FromJson, Names};
use crate::region::RegionSet;
use crate::table::{Table, Values};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

/// Where material was handed out.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, FromJson, Names, JsonSchema,
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

/// What a ledger entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, FromJson, Names, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Material handed out (quantity > 0).
    Issue,
    /// Material brought back (quantity > 0).
    Return,
    /// A correction of an earlier count (quantity ≠ 0, signed: positive adds to issued).
    Correction,
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

impl LedgerEntry {
    /// An entry from the cells of one row of a sheet or frame (`cell` gives the text of
    /// a column, `None` when empty); errors are at the row's fields.
    pub fn from_row(at: &Path, cell: impl Fn(&str) -> Option<String>) -> Result<LedgerEntry> {
        let text = |name: &str| cell(name).unwrap_or_default();
        let quantity = text("quantity");
        Ok(LedgerEntry {
            date: crate::io::date_at(&at.key("date"), &text("date"))?,
            county: text("county"),
            channel: crate::io::name_at(&at.key("channel"), &text("channel"))?,
            kind: crate::io::name_at(&at.key("kind"), &text("kind"))?,
            quantity: quantity.trim().parse().map_err(|_| {
                Error::invalid(
                    at.key("quantity"),
                    format!("{quantity:?} is not a whole number"),
                )
            })?,
            session: cell("session").filter(|s| !s.is_empty()),
            note: cell("note").filter(|s| !s.is_empty()),
        })
    }
}

/// The columns of a ledger sheet or frame (the fields of [`LedgerEntry`]).
pub const LEDGER_COLUMNS: Contract = Contract {
    what: "ledger entries",
    columns: &[
        Column {
            name: "date",
            required: true,
        },
        Column {
            name: "county",
            required: true,
        },
        Column {
            name: "channel",
            required: true,
        },
        Column {
            name: "kind",
            required: true,
        },
        Column {
            name: "quantity",
            required: true,
        },
        Column {
            name: "session",
            required: false,
        },
        Column {
            name: "note",
            required: false,
        },
    ],
};

/// One value per channel, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PerChannel<T> {
    /// Schools.
    pub school: T,
    /// Institutions.
    pub institution: T,
    /// Public spaces.
    pub public_space: T,
}

impl<T: Copy + std::iter::Sum<T>> PerChannel<T> {
    /// The value of `channel`.
    pub fn get(&self, channel: Channel) -> T {
        match channel {
            Channel::School => self.school,
            Channel::Institution => self.institution,
            Channel::PublicSpace => self.public_space,
        }
    }

    /// The value of `channel`, to change.
    pub fn get_mut(&mut self, channel: Channel) -> &mut T {
        match channel {
            Channel::School => &mut self.school,
            Channel::Institution => &mut self.institution,
            Channel::PublicSpace => &mut self.public_space,
        }
    }

    /// The sum over all channels.
    pub fn total(&self) -> T {
        Channel::ALL.into_iter().map(|c| self.get(c)).sum()
    }
}

/// What the ledger holds for one county.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CountyBook {
    /// Net issued (issues and positive corrections minus returns and negative ones).
    net: PerChannel<i64>,
    /// Issued, corrections counted by sign.
    issued: PerChannel<i64>,
    /// Returned, corrections counted by sign.
    returned: PerChannel<i64>,
}

impl CountyBook {
    fn is_empty(&self) -> bool {
        *self == CountyBook::default()
    }
}

/// The distribution ledger of one material.
#[derive(Debug, Clone)]
pub struct Ledger {
    material: String,
    stock: u64,
    allocated: Option<Vec<u64>>,
    entries: Vec<LedgerEntry>,
    books: Vec<CountyBook>,
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
        crate::limits::quantity(&Path::root().key("stock"), stock)?;
        let allocated = match allocation {
            None => None,
            Some(a) => {
                let root = Path::root();
                let shares_at = root.key("shares");
                let mut v = vec![0u64; regions.len()];
                for (k, s) in a.shares.iter().enumerate() {
                    v[regions.lookup(&s.county, &shares_at.index(k).key("county"))?] = s.quantity;
                }
                Some(v)
            }
        };
        Ok(Ledger {
            material: material.into(),
            stock,
            allocated,
            entries: Vec::new(),
            books: vec![CountyBook::default(); regions.len()],
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
        campaign: &Campaign,
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
                    Path::root().key("materials"),
                    format!("the campaign has no material {material:?}"),
                )
            })?;
        Ledger::new(campaign.regions(), &m.id, m.stock, allocation)
    }

    /// Checks an entry found at `at` without recording it: the county index and the
    /// change to the net issued. Errors name the field at fault (`at.county`,
    /// `at.quantity`).
    pub fn check(&self, e: &LedgerEntry, at: &Path) -> Result<(usize, i64)> {
        let county = self.regions.lookup(&e.county, &at.key("county"))?;
        let quantity_at = at.key("quantity");
        crate::limits::signed_quantity(&quantity_at, e.quantity)?;
        let delta = match e.kind {
            EntryKind::Issue | EntryKind::Return if e.quantity <= 0 => {
                return Err(Error::invalid(quantity_at, "quantity must be positive"));
            }
            EntryKind::Correction if e.quantity == 0 => {
                return Err(Error::invalid(quantity_at, "a correction cannot be zero"));
            }
            EntryKind::Issue | EntryKind::Correction => e.quantity,
            EntryKind::Return => -e.quantity,
        };
        let name = &self.regions.regions()[county].name_sq;
        let book = &self.books[county];
        let refuse = |m: String| Error::refused(quantity_at, m);
        if delta > 0 {
            let left = self.remaining_stock();
            if delta > left {
                return Err(refuse(format!(
                    "issuing {delta} {} in {name} exceeds the {left} left in stock",
                    self.material
                )));
            }
            if let Some(alloc) = &self.allocated {
                let left = alloc[county] as i64 - book.net.total();
                if delta > left {
                    return Err(refuse(format!(
                        "issuing {delta} {} in {name} exceeds the {left} left of its allocation of {}",
                        self.material, alloc[county]
                    )));
                }
            }
        } else if -delta > book.net.get(e.channel) {
            return Err(refuse(format!(
                "taking back {} {} in {name} ({}) exceeds the {} issued there",
                -delta,
                self.material,
                e.channel,
                book.net.get(e.channel)
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
        self.record_at(e, &Path::root())
    }

    /// Records an entry found at `at` (errors are located there), or refuses it and
    /// changes nothing.
    pub fn record_at(&mut self, e: LedgerEntry, at: &Path) -> Result<()> {
        let (county, delta) = self.check(&e, at)?;
        let book = &mut self.books[county];
        // Net issued stays within 0 ..= stock (check refuses the rest); the totals of
        // issues and returns only grow, and saturate rather than wrap.
        *book.net.get_mut(e.channel) += delta;
        if delta > 0 {
            let issued = book.issued.get_mut(e.channel);
            *issued = issued.saturating_add(delta);
        } else {
            let returned = book.returned.get_mut(e.channel);
            *returned = returned.saturating_add(-delta);
        }
        self.entries.push(e);
        Ok(())
    }

    /// Records a JSON array of entries in order. Entries that are malformed or refused
    /// are skipped (the ledger is unchanged for them) and returned as errors whose path
    /// names the entry and field (`$[4].quantity`); the others are recorded.
    pub fn record_json(&mut self, text: &str) -> Result<Vec<Error>> {
        let values: Vec<crate::reader::Value> = crate::reader::read_json(text)?;
        let root = Path::root();
        let mut errors = Vec::new();
        for (k, v) in values.iter().enumerate() {
            let at = root.index(k);
            let recorded = LedgerEntry::from_json(v, &at)
                .map_err(|e| *e)
                .and_then(|entry| self.record_at(entry, &at));
            errors.extend(recorded.err());
        }
        Ok(errors)
    }

    /// Records the rows of a sheet in order (see [`crate::io::ledger_entries_from_csv`]).
    /// Returns the rows recorded; the rows refused are skipped, with their error at
    /// their line and column, after the sheet's own errors.
    pub fn record_rows(&mut self, sheet: CsvImport<LedgerEntry>) -> CsvImport<LedgerEntry> {
        sheet.keep(|entry, at| self.record_at(entry.clone(), at))
    }

    /// Records the rows of a frame ([`LEDGER_COLUMNS`]) in order. Rows that are
    /// malformed or refused are skipped (the ledger is unchanged for them) and returned
    /// as errors at `$.<column>[row]`; the others are recorded.
    pub fn record_frame(&mut self, frame: &Frame) -> Vec<Error> {
        let mut errors = Vec::new();
        for row in 0..frame.len() {
            let at = Path::frame_row(row);
            let entry = LedgerEntry::from_row(&at, |name| frame.cell(name, row).text());
            errors.extend(entry.and_then(|e| self.record_at(e, &at)).err());
        }
        errors
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
        self.books.iter().map(|b| b.net.total()).sum()
    }

    /// Units left in stock.
    pub fn remaining_stock(&self) -> i64 {
        self.stock as i64 - self.net_issued()
    }

    /// Net units issued in a county (region index), all channels.
    pub fn net_issued_in(&self, county: usize) -> i64 {
        self.books[county].net.total()
    }

    /// Balance per county and channel: issued, returned, net, allocated, allocation left.
    pub fn balance_table(&self) -> Table {
        let mut rows = BalanceRows::default();
        for (i, r) in self.regions.regions().iter().enumerate() {
            let book = &self.books[i];
            let alloc = self.allocated.as_ref().map(|a| a[i] as i64);
            if alloc.is_none() && book.is_empty() {
                continue;
            }
            for ch in Channel::ALL {
                rows.push(
                    r,
                    ch.as_str(),
                    [book.issued.get(ch), book.returned.get(ch), book.net.get(ch)],
                    None,
                );
            }
            let totals = [book.issued.total(), book.returned.total(), book.net.total()];
            rows.push(r, "total", totals, alloc);
        }
        rows.into_table()
    }
}

#[derive(Default)]
struct BalanceRows {
    county: Vec<String>,
    name: Vec<String>,
    channel: Vec<String>,
    issued: Vec<Option<i64>>,
    returned: Vec<Option<i64>>,
    net: Vec<Option<i64>>,
    allocated: Vec<Option<i64>>,
    left: Vec<Option<i64>>,
}

impl BalanceRows {
    fn push(
        &mut self,
        county: &crate::region::County,
        channel: &str,
        [issued, returned, net]: [i64; 3],
        allocated: Option<i64>,
    ) {
        self.county.push(county.code.clone());
        self.name.push(county.name_sq.clone());
        self.channel.push(channel.to_string());
        self.issued.push(Some(issued));
        self.returned.push(Some(returned));
        self.net.push(Some(net));
        self.allocated.push(allocated);
        self.left.push(allocated.map(|a| a - net));
    }

    fn into_table(self) -> Table {
        Table::default()
            .with("county", Values::Str(self.county))
            .with("name", Values::Str(self.name))
            .with("channel", Values::Str(self.channel))
            .with("issued", Values::Int(self.issued))
            .with("returned", Values::Int(self.returned))
            .with("net", Values::Int(self.net))
            .with("allocated", Values::Int(self.allocated))
            .with("allocation_left", Values::Int(self.left))
    }
}
