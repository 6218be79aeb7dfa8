//! The fast path below the header: plain lines split by a tight byte loop, cells classified without
//! allocating, and usage event logs aggregated per (tool, account) in flat maps. It gives exactly what the
//! general path gives (the same findings and records); `tests/fast_path.rs` compares the two on every fixture
//! and on generated files.
//!
//! How it stays exact:
//! - **Lines.** Below the header, a line with no quote and no lone `\r` is split on the delimiter in place;
//!   any other line goes to csv-core as before. Blank lines are skipped as csv-core skips them.
//! - **Rows.** A row is *clean* when it has as many fields as the header, is not blank, is not a single value
//!   (3+ columns), is not a total or footer line, and — when usage is extracted — has a `YYYY-MM-DD` date, an
//!   account, a tool and a blank or plain whole events cell. Clean rows cannot produce a diagnostic; every
//!   other row takes the general path (`data_row`, the `Extractor`) unchanged.
//! - **Column types.** [`ColumnProfile`] is a sum of per-cell effects. Cells of a few shapes have an effect
//!   that does not depend on the cell: ISO dates, plain whole numbers (`0` and `1` apart), and — decided once
//!   per distinct value by observing it — text, emails and yes/no words. Those are counted per class; any
//!   other cell is observed as before. At the end, a column with only counted cells is inferred from one cell
//!   of each class (none of these classes is evidence for a decimal separator or a date order, so the
//!   decisions only depend on which classes are present) and its counts are scaled; a column that also has
//!   observed cells replays its counted cells through `observe` (exact, as slow as the general path).
//! - **Usage.** Per (tool, account) the first row's line and tool spelling, the latest date and the events
//!   summed in row order, in order of first appearance, as the `Extractor` merges them. Rows taken by the
//!   general path are merged in at once from the `Extractor`, so sums keep the row order.

use super::extract::{Extractor, Plan};
use super::values::{ColumnInference, ColumnProfile, DateOrder, DecimalSeparator};
use super::{formats, FileReader, Phase, RowPhase, FOOTER_PREFIXES};
use crate::error::Diagnostic;
use crate::model::{
    AccountStatus, ColumnType, Date, Kind, LastActivity, Records, Role, Source, Usage,
};
use std::collections::HashMap;
use std::sync::Arc;

mod kernel;
pub(super) mod parts;

/// Classes of cells whose effect on a [`ColumnProfile`] does not depend on the cell.
const TEXT: u8 = 0;
const EMAIL: u8 = 1;
const BOOL: u8 = 2;
const DATE: u8 = 3;
const INT: u8 = 4;
const ZERO: u8 = 5;
const ONE: u8 = 6;
const CLASSES: usize = 7;
/// A cell with no value (empty after trimming).
const BLANK: u8 = 254;
/// A cell observed as the general path does.
const ODD: u8 = 255;

/// Distinct values remembered over all unkeyed columns of a file (about 48 bytes each, twice for the table's
/// free slots); beyond, new values are observed one by one, so memory stays bounded for wide files of unique
/// values. Keyed columns (accounts and tools of a usage log) are not bounded: their records are kept anyway.
const MEMO_BUDGET: usize = 1 << 17;
const NO_TOOL: u32 = u32::MAX;
/// Rows split and warmed (`Fast::warm`) ahead of reading them.
const WARM_ROWS: usize = 64;

/// The first [`INLINE`] bytes of a cell as little-endian words, zero-padded: short cells (emails, tool names)
/// are hashed and compared a word at a time, with no loop over bytes.
#[inline]
fn words(bytes: &[u8]) -> [u64; 3] {
    let n = bytes.len();
    let at = |o: usize| if n > o { word_at(bytes, o) } else { 0 };
    [at(0), at(8), at(16)]
}

/// Bytes `o..o + 8` of `b` (fewer at its end) as a little-endian word, zero-padded; `o < b.len()`. Whole-word
/// reads only (overlapping at the end), no byte loop.
#[inline]
fn word_at(b: &[u8], o: usize) -> u64 {
    let n = b.len();
    let m = n - o;
    if m >= 8 {
        return read_u64(&b[o..]);
    }
    if n >= 8 {
        // The last 8 bytes, shifted so that byte `o` comes first.
        return read_u64(&b[n - 8..]) >> (8 * (8 - m));
    }
    // A cell shorter than 8 bytes (o = 0): two overlapping reads put every byte at its place.
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]));
    if n >= 4 {
        u32_at(0) | (u32_at(n - 4) << (8 * (n - 4)))
    } else {
        u64::from(b[0])
            | (u64::from(b[n / 2]) << (8 * (n / 2)))
            | (u64::from(b[n - 1]) << (8 * (n - 1)))
    }
}

/// Three words compared without a call to `memcmp`.
#[inline(always)]
fn same_words(a: &[u64; 3], b: &[u64; 3]) -> bool {
    ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2])) == 0
}

const HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

/// [`hash_bytes`] of a key of `len` ≤ [`INLINE`] bytes, from its [`words`].
#[inline(always)]
fn hash_words(len: usize, [a, b, c]: [u64; 3]) -> u64 {
    // Three independent multiplies folded, then one avalanche: every byte reaches every bit.
    mix((len as u64).wrapping_mul(HASH_K)
        ^ a.wrapping_mul(HASH_K)
        ^ b.rotate_left(23).wrapping_mul(0xD6E8_FEB8_6659_FD93)
        ^ c.rotate_left(47).wrapping_mul(0xA076_1D64_78BD_642F))
}

/// FxHash's mixing over 8 bytes at a time, with a final avalanche: for short cells (emails, tool names).
#[inline]
fn hash_bytes(mut bytes: &[u8]) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(HASH_K);
    if bytes.len() <= INLINE {
        return hash_words(bytes.len(), words(bytes));
    }
    while bytes.len() >= 8 {
        h = mix(h ^ read_u64(bytes));
        bytes = &bytes[8..];
    }
    let mut tail = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        tail |= u64::from(b) << (8 * i);
    }
    mix(h ^ tail)
}

/// A multiply–xorshift round (as in SplitMix64's finaliser): every input bit reaches the low bits.
#[inline]
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[inline]
fn read_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    u64::from_le_bytes(a)
}

/// Byte equality without a call to `memcmp` (cells are short).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i + 8 <= a.len() {
        if read_u64(&a[i..]) != read_u64(&b[i..]) {
            return false;
        }
        i += 8;
    }
    a[i..].iter().zip(&b[i..]).all(|(x, y)| x == y)
}

/// Key bytes held in the slot itself (longer keys are compared in the arena).
const INLINE: usize = 24;

/// A key as stored: its length and first [`INLINE`] bytes (see [`words`]), with its value.
#[derive(Clone, Copy, Default)]
struct Key<V> {
    len: u32,
    words: [u64; 3],
    value: V,
}

/// Distinct byte strings → dense ids (0, 1, 2…) and a value, with open addressing. The table's slots are
/// 8 bytes (the high half of the hash and the id), so that even a table of many thousand accounts stays small
/// enough for the caches; the keys (length and first bytes, then the value) are kept by id, so a lookup
/// usually touches one slot and one key.
struct Interner<V> {
    /// `(hash >> 32) << 32 | (id + 1)`; 0 is empty. The length is a power of two (or 0).
    slots: Vec<u64>,
    keys: Vec<Key<V>>,
    spans: Vec<(u32, u32)>,
    arena: Vec<u8>,
}

impl<V> Default for Interner<V> {
    fn default() -> Self {
        Interner {
            slots: Vec::new(),
            keys: Vec::new(),
            spans: Vec::new(),
            arena: Vec::new(),
        }
    }
}

impl<V: Copy + Default> Interner<V> {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn get(&self, i: u32) -> &[u8] {
        let (a, b) = self.spans[i as usize];
        &self.arena[a as usize..b as usize]
    }

    #[inline]
    fn find(&self, bytes: &[u8], h: u64) -> Option<(u32, V)> {
        if bytes.len() <= INLINE {
            return self.find_words(bytes.len(), &words(bytes), h);
        }
        self.probe(h, |id, key| {
            key.len as usize == bytes.len() && same_bytes(self.get(id), bytes)
        })
    }

    /// [`Interner::find`] for a key of `len` ≤ [`INLINE`] bytes given as its [`words`] and hash.
    #[inline]
    fn find_words(&self, len: usize, w: &[u64; 3], h: u64) -> Option<(u32, V)> {
        self.probe(h, |_, key| {
            key.len as usize == len && same_words(&key.words, w)
        })
    }

    /// The id and value of the key of hash `h` for which `same` holds, following the probe sequence.
    #[inline(always)]
    fn probe(&self, h: u64, same: impl Fn(u32, &Key<V>) -> bool) -> Option<(u32, V)> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let tag = h >> 32;
        let mut s = (h as usize) & mask;
        loop {
            let meta = self.slots[s];
            if meta == 0 {
                return None;
            }
            if meta >> 32 == tag {
                let id = (meta as u32).wrapping_sub(1);
                let key = &self.keys[id as usize];
                if same(id, key) {
                    return Some((id, key.value));
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// Loads the slot where a key of hash `h` starts its probe (a hint: see `Fast::warm`).
    #[inline]
    fn touch(&self, h: u64) -> u64 {
        if self.slots.is_empty() {
            return 0;
        }
        self.slots[(h as usize) & (self.slots.len() - 1)]
    }

    /// Loads the key of the slot where a key of hash `h` starts its probe, when that slot is taken (a hint:
    /// the usual case is that it holds the key looked for).
    #[inline]
    fn touch_key(&self, h: u64) -> u64 {
        let meta = self.touch(h);
        match self.keys.get((meta as u32).wrapping_sub(1) as usize) {
            Some(k) => k.words[0],
            None => 0,
        }
    }

    /// The id and value of `bytes`; `value` is stored when it is new.
    #[inline]
    fn intern(&mut self, bytes: &[u8], value: V) -> (u32, V) {
        let h = hash_bytes(bytes);
        if let Some(found) = self.find(bytes, h) {
            return found;
        }
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let id = self.len() as u32;
        let a = self.arena.len() as u32;
        self.arena.extend_from_slice(bytes);
        self.spans.push((a, self.arena.len() as u32));
        self.keys.push(Key {
            len: bytes.len() as u32,
            words: words(bytes),
            value,
        });
        self.place(h, id);
        (id, value)
    }

    fn place(&mut self, h: u64, id: u32) {
        let mask = self.slots.len() - 1;
        let mut s = (h as usize) & mask;
        while self.slots[s] != 0 {
            s = (s + 1) & mask;
        }
        self.slots[s] = ((h >> 32) << 32) | u64::from(id + 1);
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(64);
        self.slots = vec![0; n];
        for id in 0..self.len() as u32 {
            let h = hash_bytes(self.get(id));
            self.place(h, id);
        }
    }
}

/// (tool, account) → index of its merged record, with open addressing on the packed key.
#[derive(Default)]
struct PairIndex {
    /// (key, index + 1); index 0 is empty.
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl PairIndex {
    /// The index stored for `key`, or `fresh` stored and `None` returned.
    #[inline]
    fn get_or_insert(&mut self, key: u64, fresh: u32) -> Option<u32> {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut s = (mix(key) as usize) & mask;
        loop {
            let (k, v) = self.slots[s];
            if v == 0 {
                self.slots[s] = (key, fresh + 1);
                self.len += 1;
                return None;
            }
            if k == key {
                return Some(v - 1);
            }
            s = (s + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![(0, 0); (old.len() * 2).max(1024)];
        let mask = self.slots.len() - 1;
        for (k, v) in old.into_iter().filter(|e| e.1 != 0) {
            let mut s = (mix(k) as usize) & mask;
            while self.slots[s].1 != 0 {
                s = (s + 1) & mask;
            }
            self.slots[s] = (k, v);
        }
    }
}

/// Dense cells (4 bytes each) allowed before [`PairMap`] switches to hashing.
const DENSE_LIMIT: usize = 4 << 20;

/// (tool, account) → index of its merged record. While tools × accounts is small (the usual case: tens of
/// tools), one row of indices per tool; past [`DENSE_LIMIT`] cells, a hash table.
#[derive(Default)]
struct PairMap {
    dense: Vec<Vec<u32>>,
    cells: usize,
    hashed: Option<PairIndex>,
}

impl PairMap {
    /// The index stored for (tool, user), or `fresh` stored and `None` returned.
    #[inline]
    fn get_or_insert(&mut self, tool: u32, user: u32, fresh: u32) -> Option<u32> {
        if let Some(h) = self.hashed.as_mut() {
            return h.get_or_insert((u64::from(tool) << 32) | u64::from(user), fresh);
        }
        // Rows: tool ids, then one row for rows without a tool.
        let t = if tool == NO_TOOL {
            0
        } else {
            tool as usize + 1
        };
        let u = user as usize;
        if t >= self.dense.len() {
            self.dense.resize_with(t + 1, Vec::new);
        }
        if u >= self.dense[t].len() {
            let old = self.dense[t].len();
            let new = (u + 1).max(old * 2).max(64);
            self.cells += new - old;
            if self.cells > DENSE_LIMIT {
                self.switch_to_hashing();
                return self.get_or_insert(tool, user, fresh);
            }
            self.dense[t].resize(new, u32::MAX);
        }
        let slot = &mut self.dense[t][u];
        if *slot == u32::MAX {
            *slot = fresh;
            None
        } else {
            Some(*slot)
        }
    }

    /// The index stored for (tool, user), if any, without storing anything (a hint: see `Fast::warm`).
    #[inline]
    fn peek(&self, tool: u32, user: u32) -> Option<u32> {
        if self.hashed.is_some() {
            return None;
        }
        let t = if tool == NO_TOOL {
            0
        } else {
            tool as usize + 1
        };
        match self.dense.get(t).and_then(|row| row.get(user as usize)) {
            Some(&i) if i != u32::MAX => Some(i),
            _ => None,
        }
    }

    fn switch_to_hashing(&mut self) {
        let mut h = PairIndex::default();
        for (t, row) in std::mem::take(&mut self.dense).into_iter().enumerate() {
            let tool = if t == 0 { NO_TOOL } else { t as u32 - 1 };
            for (u, &i) in row.iter().enumerate() {
                if i != u32::MAX {
                    h.get_or_insert((u64::from(tool) << 32) | u as u64, i);
                }
            }
        }
        self.hashed = Some(h);
    }
}

/// One distinct raw cell of a column.
#[derive(Clone, Copy, Default)]
struct Entry {
    class: u8,
    /// Usage columns: the account or tool id (after trimming and lower-casing).
    canon: u32,
    /// Tool column: the spelling id (trimmed, as written).
    spell: u32,
}

#[derive(Default)]
struct Column {
    counts: [u64; CLASSES],
    blank: u64,
    /// The first cell seen of each class.
    reps: [Option<Box<str>>; CLASSES],
    memo: Interner<Entry>,
    /// Recent memo hits (unkeyed columns, cells of up to [`INLINE`] bytes): length, words and entry, at
    /// [`recent_slot`] (length 0: empty, as an empty cell is never looked up).
    recent: [(u32, [u64; 3], Entry); RECENT],
}

/// Recent memo hits kept per column.
const RECENT: usize = 16;

/// Where a short cell's recent hit is kept.
#[inline(always)]
fn recent_slot(len: usize, w: &[u64; 3]) -> usize {
    ((w[0] ^ w[1] ^ (len as u64)).wrapping_mul(HASH_K) >> 60) as usize & (RECENT - 1)
}

/// Usage aggregation of an event log (date, account, tool, events).
struct Usages {
    date: usize,
    user: usize,
    tool: usize,
    events: Option<usize>,
    users: Interner<()>,
    tools: Interner<()>,
    spellings: Interner<()>,
    index: PairMap,
    rows: Vec<Merged>,
    firsts: Vec<FirstRow>,
}

/// One (tool, account) so far: what each of its rows updates (16 bytes, so more of them stay in cache).
#[derive(Clone, Copy)]
struct Merged {
    events: f64,
    /// 0 unknown, 1 never, else 2 + packed date: ordered as `later` orders activity.
    last: u32,
    has_events: bool,
}

/// One (tool, account): what its first row sets once.
#[derive(Clone, Copy)]
struct FirstRow {
    line: u64,
    spell: u32,
    user: u32,
}

/// The fast path's state for one file, from the header on.
pub(super) struct Fast {
    width: usize,
    /// 1 delimiter, 2 quote, 3 `\r`, 4 `\n`.
    table: [u8; 256],
    cols: Vec<Column>,
    usages: Option<Usages>,
    ranges: Vec<(usize, usize)>,
    /// Lines split ahead (`fast_lines`) and the hashes `warm` computes.
    batch: Vec<Batched>,
    hashes: Vec<u64>,
    hints: Vec<Hint>,
    classes: Vec<(u8, Entry)>,
    scratch: Vec<u8>,
    /// Distinct values the unkeyed columns may still remember.
    memo_budget: usize,
    /// The account and tool columns while usage is aggregated (`usize::MAX` otherwise).
    keyed: [usize; 2],
    /// A first reading that also aggregates usage, guessing these (date, account, tool, events) columns from
    /// the header and the first rows; `None` once it cannot be sure of its records (see `one_reading_usage`).
    one_reading: Option<UsageColumns>,
    /// The usage-log kernel (see `kernel`), while usage is aggregated and the file's shape allows it.
    kernel: Option<kernel::Kernel>,
    /// Reading a later part of a file (see `parts`).
    part: bool,
    /// Rows a one reading keeps for the extractor, in line order (see `defer`), and about how much memory
    /// they take.
    deferred: Vec<(u64, Vec<String>)>,
    deferred_bytes: usize,
}

/// The most memory a one reading spends on rows kept for the extractor (about 100,000 rows of a usage log;
/// see `Fast::defer`). Past it, the reading gives up its records and a second reading extracts them, so memory
/// still follows the aggregates, not the file.
pub(super) const DEFERRED_BYTES: usize = 8 << 20;

/// Whole numbers below this add exactly in any order (an f64 has 53 bits of mantissa).
const EXACT_SUM: f64 = 9_007_199_254_740_992.0;

/// What a one reading extracted (see `Fast::one_reading_records`).
pub(super) struct OneReading {
    pub records: Records,
    /// The rows kept for the extractor that it skipped, with why, in line order.
    pub skipped: Vec<Diagnostic>,
    /// The extractor's warnings, as it gives them at the end of a reading.
    pub warnings: Vec<Diagnostic>,
}

/// (date, account, tool, events) columns of a usage log.
type UsageColumns = (usize, usize, usize, Option<usize>);

/// When the fast path may aggregate usage for this plan: a generic usage log whose only roles read for usage
/// are a date, an account email, a tool and (optionally) events. Returns (date, user, tool, events).
pub(super) fn usage_columns(plan: &Plan) -> Option<UsageColumns> {
    if plan.kind != Kind::Usage || plan.tool.is_some() || formats::by_id(&plan.format).is_some() {
        return None;
    }
    let mut col: HashMap<Role, usize> = HashMap::new();
    for (i, c) in plan.columns.iter().enumerate() {
        if let Some(r) = c.role {
            col.entry(r).or_insert(i);
        }
    }
    for r in [
        Role::Username,
        Role::DisplayName,
        Role::LastActivity,
        Role::Status,
        Role::EndedOn,
        Role::Department,
    ] {
        if col.contains_key(&r) {
            return None;
        }
    }
    // A column of dates, or mostly of dates (its order is then not settled: `date_order` is `None`). The fast
    // path reads only `YYYY-MM-DD` cells, whose reading does not depend on the order; every other cell goes to
    // the general path, which reads it with the plan's order as it would anyway.
    let date = *col.get(&Role::Date)?;
    if plan.columns[date].column_type != ColumnType::Date {
        return None;
    }
    Some((
        date,
        *col.get(&Role::UserEmail)?,
        *col.get(&Role::Tool)?,
        col.get(&Role::Events).copied(),
    ))
}

impl Fast {
    fn new(width: usize, delimiter: u8, usage: Option<UsageColumns>, one_reading: bool) -> Fast {
        let mut table = [0u8; 256];
        table[usize::from(delimiter)] = 1;
        table[usize::from(b'"')] = 2;
        table[usize::from(b'\r')] = 3;
        table[usize::from(b'\n')] = 4;
        Fast {
            width,
            table,
            cols: (0..width).map(|_| Column::default()).collect(),
            usages: usage.map(|(date, user, tool, events)| Usages {
                date,
                user,
                tool,
                events,
                users: Interner::default(),
                tools: Interner::default(),
                spellings: Interner::default(),
                index: PairMap::default(),
                rows: Vec::new(),
                firsts: Vec::new(),
            }),
            ranges: Vec::with_capacity(width + 1),
            batch: Vec::with_capacity(WARM_ROWS),
            hashes: Vec::with_capacity(WARM_ROWS),
            hints: Vec::with_capacity(WARM_ROWS),
            classes: Vec::with_capacity(width),
            scratch: Vec::new(),
            memo_budget: MEMO_BUDGET,
            one_reading: usage.filter(|_| one_reading),
            keyed: usage.map_or([usize::MAX; 2], |(_, user, tool, _)| [user, tool]),
            kernel: usage.and_then(|u| kernel::Kernel::new(width, u)),
            part: false,
            deferred: Vec::new(),
            deferred_bytes: 0,
        }
    }

    /// One reading cannot be sure of its records any more: stop aggregating usage (the rest of the reading is
    /// an ordinary first reading).
    fn give_up_one_reading(&mut self) {
        if self.one_reading.take().is_some() {
            self.usages = None;
            self.keyed = [usize::MAX; 2];
            self.deferred = Vec::new();
        }
    }

    /// A row a second reading would hand to its extractor (a bad or non-ISO date, a blank account, events that
    /// are not a plain whole number, a short or long row…). A one reading cannot extract it yet (its plan is a
    /// guess until the end), so it keeps the row and extracts it at the end with the final plan
    /// (`one_reading_records`). Past [`DEFERRED_BYTES`] it gives up instead.
    pub(super) fn defer(&mut self, line: u64, fields: Vec<String>) {
        if self.one_reading.is_none() {
            return;
        }
        self.deferred_bytes += 48 + fields.iter().map(|f| f.len() + 24).sum::<usize>();
        if self.deferred_bytes > DEFERRED_BYTES {
            self.give_up_one_reading();
            return;
        }
        self.deferred.push((line, fields));
    }

    /// The records of a one reading, when the final `plan` reads usage from the columns it guessed: exactly
    /// the records, skipped rows and warnings of a second reading with that plan.
    ///
    /// The rows kept for the extractor (`defer`) are extracted now, with the final plan, and merged as if read
    /// in their place: a record's first line and tool spelling come from its earliest row, and the records are
    /// put back in order of first appearance. Their events are added in another order than a second
    /// reading's, so this gives up (`None`: a second reading extracts) unless each of their events cells is a
    /// whole number and every sum they join stays below 2^53, where addition is exact in any order.
    pub(super) fn one_reading_records(&mut self, plan: &Plan, file: &str) -> Option<OneReading> {
        let guessed = self.one_reading?;
        if usage_columns(plan) != Some(guessed) {
            return None;
        }
        let mut u = self.usages.take()?;
        let mut ex = Extractor::new(file, plan.clone());
        let mut skipped = Vec::new();
        // Per record a deferred row joined: its sum before them plus the size of each deferred addend.
        let mut bounds: HashMap<u32, f64> = HashMap::new();
        let mut reorder = false;
        for (line, fields) in std::mem::take(&mut self.deferred) {
            match ex.row(line, &fields) {
                Err(skip) => skipped.push(super::skip_diagnostic(line, skip)),
                Ok(()) => {
                    for rec in ex.take_usage() {
                        reorder |= u.absorb_deferred(rec, &mut bounds)?;
                    }
                }
            }
        }
        if bounds.values().any(|&b| b >= EXACT_SUM) {
            return None;
        }
        if reorder {
            u.order_by_first_line();
        }
        let (mut records, warnings) = ex.finish();
        records.usage = u.records(file);
        Some(OneReading {
            records,
            skipped,
            warnings,
        })
    }

    /// The class of a cell whose effect is known from its bytes alone, if any.
    #[inline]
    fn shape_class(cell: &[u8]) -> Option<u8> {
        if iso_date(cell).is_some() {
            return Some(DATE);
        }
        Fast::int_class(cell)
    }

    /// Plain whole numbers of up to 15 digits (`0` and `1` apart: they also count as booleans).
    #[inline]
    fn int_class(cell: &[u8]) -> Option<u8> {
        if !cell.is_empty() && cell.len() <= 15 && cell.iter().all(u8::is_ascii_digit) {
            return Some(match (cell.len(), cell[0]) {
                (1, b'0') => ZERO,
                (1, b'1') => ONE,
                _ => INT,
            });
        }
        None
    }

    /// The class of a new distinct cell: by shape, else by observing it once.
    fn learn_class(cell: &str) -> u8 {
        if let Some(c) = Fast::shape_class(cell.as_bytes()) {
            return c;
        }
        let mut p = ColumnProfile::new();
        p.observe(cell);
        let inf = p.infer();
        if inf.non_blank == 0 {
            return BLANK;
        }
        match inf.column_type {
            ColumnType::Text => TEXT,
            ColumnType::Email => EMAIL,
            ColumnType::Boolean => BOOL,
            ColumnType::Date if inf.date_order == Some(super::values::DateOrder::Ymd) => DATE,
            _ => ODD,
        }
    }

    /// Classifies one cell of column `i`, with its memo entry (default when it has none). A valid ISO date
    /// comes back with its packed value + 1 in `canon` (memo entries of unkeyed columns have 0 there).
    #[inline(always)]
    fn classify(&mut self, i: usize, cell: &[u8]) -> (u8, Entry) {
        if cell.is_empty() {
            return (BLANK, Entry::default());
        }
        let keyed = i == self.keyed[0] || i == self.keyed[1];
        if !keyed {
            if let Some(d) = iso_date(cell) {
                let e = Entry {
                    class: DATE,
                    canon: d + 1,
                    spell: 0,
                };
                return (DATE, e);
            }
            if let Some(c) = Fast::int_class(cell) {
                return (c, Entry::default());
            }
            if cell.len() <= INLINE {
                // A column of few values repeats them: its recent memo hits, by their words.
                let w = words(cell);
                let col = &mut self.cols[i];
                let at = recent_slot(cell.len(), &w);
                let (len, key, e) = &col.recent[at];
                if *len as usize == cell.len() && same_words(key, &w) {
                    return (e.class, *e);
                }
                if let Some((_, e)) = col
                    .memo
                    .find_words(cell.len(), &w, hash_words(cell.len(), w))
                {
                    col.recent[at] = (cell.len() as u32, w, e);
                    return (e.class, e);
                }
                return self.learn(i, cell, keyed);
            }
        }
        let h = hash_bytes(cell);
        let col = &mut self.cols[i];
        if let Some((_, e)) = col.memo.find(cell, h) {
            return (e.class, e);
        }
        self.learn(i, cell, keyed)
    }

    /// A cell not in its column's memo: classified once and remembered (keyed columns also intern the
    /// account or tool).
    #[cold]
    #[inline(never)]
    fn learn(&mut self, i: usize, cell: &[u8], keyed: bool) -> (u8, Entry) {
        if !keyed && self.memo_budget == 0 {
            let blank = std::str::from_utf8(cell).is_ok_and(|s| s.trim().is_empty());
            return (if blank { BLANK } else { ODD }, Entry::default());
        }
        let text = String::from_utf8_lossy(cell);
        let class = Fast::learn_class(&text);
        let mut entry = Entry {
            class,
            canon: 0,
            spell: 0,
        };
        if let Some(u) = self.usages.as_mut() {
            if i == u.user {
                let key = text.trim().trim_start_matches("mailto:").to_lowercase();
                entry.canon = u.users.intern(key.as_bytes(), ()).0;
            } else if i == u.tool {
                let (canon, spell) = u.tool_ids(text.trim());
                entry.canon = canon;
                entry.spell = spell;
            }
        }
        self.cols[i].memo.intern(cell, entry);
        if !keyed {
            self.memo_budget -= 1;
        }
        (class, entry)
    }

    /// Counts a classified cell (or observes it when it has no class).
    #[inline(always)]
    fn commit(&mut self, i: usize, cell: &[u8], class: u8, profiles: &mut [ColumnProfile]) {
        let col = &mut self.cols[i];
        match class {
            BLANK => col.blank += 1,
            ODD => observe_odd(profiles, i, cell),
            c => {
                let k = usize::from(c);
                col.counts[k] += 1;
                if col.reps[k].is_none() {
                    first_of_class(col, k, cell);
                }
            }
        }
    }

    /// Brings into cache what the next rows will touch, before `row` reads them one by one: the account's
    /// slot in its column's memo, then the row's (tool, account) cell and merged record. Nothing is changed:
    /// these are plain reads whose results are thrown away, grouped so that the misses of many rows overlap
    /// instead of each row waiting for its own (on wasm too, which has no prefetch instruction). `rows` are
    /// the rows' field ranges in `buf`, `self.width` fields each; `hashes` is scratch space.
    ///
    /// `hints` receives, for each row, the memo entries found for its account and tool (as `classify` would
    /// return them: memo entries never change), so that `row` need not look them up again.
    fn warm(
        &self,
        buf: &[u8],
        rows: &[(usize, usize)],
        hashes: &mut Vec<u64>,
        hints: &mut Vec<Hint>,
    ) {
        hints.clear();
        let Some(u) = self.usages.as_ref() else {
            return;
        };
        let w = self.width;
        let (user_col, tool_col) = (u.user, u.tool);
        let cell = |r: usize, i: usize| {
            let (a, b) = rows[r * w + i];
            &buf[a..b]
        };
        let n = rows.len() / w;
        hashes.clear();
        let memo = &self.cols[user_col].memo;
        let mut sink = 0u64;
        // 1. The account's memo slot.
        for r in 0..n {
            let h = hash_bytes(cell(r, user_col));
            hashes.push(h);
            sink = sink.wrapping_add(memo.touch(h));
        }
        // 2. The (tool, account) cell, for accounts and tools already known.
        let tools = &self.cols[tool_col].memo;
        let mut found: [u32; WARM_ROWS] = [u32::MAX; WARM_ROWS];
        for r in 0..n.min(WARM_ROWS) {
            let user = memo.find(cell(r, user_col), hashes[r]).map(|(_, e)| e);
            let t = cell(r, tool_col);
            let tool = tools.find(t, hash_bytes(t)).map(|(_, e)| e);
            hints.push([user, tool]);
            let (Some(user), Some(tool)) = (user, tool) else {
                continue;
            };
            if let Some(i) = u.index.peek(tool.canon, user.canon) {
                found[r] = i;
            }
        }
        // 3. The merged record.
        for &i in found.iter().take(n) {
            if let Some(m) = u.rows.get(i as usize) {
                sink = sink.wrapping_add(u64::from(m.last));
            }
        }
        std::hint::black_box(sink);
    }

    /// One row: true when it was clean and fully taken; false when the general path must read it (then
    /// nothing was counted).
    fn row(
        &mut self,
        line: u64,
        buf: &[u8],
        ranges: &[(usize, usize)],
        profiles: &mut [ColumnProfile],
        hint: Option<Hint>,
    ) -> bool {
        if ranges.len() != self.width || self.width == 0 {
            return false;
        }
        let mut classes = std::mem::take(&mut self.classes);
        classes.clear();
        let mut filled = 0usize;
        let mut first: Option<usize> = None;
        let hint = hint.unwrap_or([None, None]);
        for (i, &(a, b)) in ranges.iter().enumerate() {
            let cell = &buf[a..b];
            let known = match hint {
                [Some(e), _] if i == self.keyed[0] && !cell.is_empty() => Some(e),
                [_, Some(e)] if i == self.keyed[1] && !cell.is_empty() => Some(e),
                _ => None,
            };
            let (class, id) = match known {
                Some(e) => (e.class, e),
                None => self.classify(i, cell),
            };
            if class != BLANK {
                filled += 1;
                if first.is_none() {
                    first = Some(i);
                }
            }
            classes.push((class, id));
        }
        let clean = filled > 0
            && !(self.width >= 3 && filled == 1)
            && first.is_some_and(|j| {
                let (a, b) = ranges[j];
                !is_total_or_footer(&buf[a..b])
            });
        let usage = match (clean, self.usages.as_ref()) {
            (false, _) => None,
            (true, None) => Some(None),
            (true, Some(u)) => {
                let cell = |i: usize| &buf[ranges[i].0..ranges[i].1];
                let date = match classes[u.date] {
                    (DATE, e) if e.canon != 0 => Some(e.canon - 1),
                    _ => iso_date(cell(u.date)),
                };
                let events = match u.events {
                    None => Some(None),
                    Some(e) => {
                        let c = cell(e);
                        if c.is_empty() {
                            Some(None)
                        } else if c.len() <= 15 && c.iter().all(u8::is_ascii_digit) {
                            Some(Some(
                                c.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')),
                            ))
                        } else {
                            None
                        }
                    }
                };
                let user = classes[u.user];
                let tool = classes[u.tool];
                match (date, events) {
                    (Some(d), Some(ev)) if user.0 != BLANK && tool.0 != BLANK => {
                        let user = user.1.canon;
                        let t = tool.1;
                        Some(Some((d, user, t.canon, t.spell, ev)))
                    }
                    _ => None,
                }
            }
        };
        let usage = match usage {
            // A clean row a second reading's extractor would read: this reading stops guessing and takes it
            // as an ordinary first reading does.
            None if clean && self.one_reading.is_some() => {
                let fields = ranges
                    .iter()
                    .map(|&(a, b)| String::from_utf8_lossy(&buf[a..b]).into_owned())
                    .collect();
                self.defer(line, fields);
                Some(None)
            }
            u => u,
        };
        let Some(usage) = usage else {
            self.classes = classes;
            return false;
        };
        for (i, &(class, _)) in classes.iter().enumerate() {
            let (a, b) = ranges[i];
            self.commit(i, &buf[a..b], class, profiles);
        }
        self.classes = classes;
        if let (Some(u), Some((date, user, tool, spell, events))) = (self.usages.as_mut(), usage) {
            u.merge(line, tool, spell, user, date + 2, events.map(|e| e as f64));
        }
        true
    }

    /// The cells of a row the general path reads: counted like the fast path's.
    pub(super) fn observe_cells(&mut self, fields: &[String], profiles: &mut [ColumnProfile]) {
        for i in 0..self.width.min(profiles.len()) {
            let cell = fields.get(i).map(String::as_str).unwrap_or("");
            let (class, _) = self.classify(i, cell.as_bytes());
            self.commit(i, cell.as_bytes(), class, profiles);
        }
    }

    /// Column inferences, equal to `profile.infer()` over every cell.
    pub(super) fn inferences(
        &self,
        profiles: &[ColumnProfile],
        decimal: DecimalSeparator,
        order: DateOrder,
    ) -> Vec<ColumnInference> {
        profiles
            .iter()
            .enumerate()
            .map(|(i, p)| match self.cols.get(i) {
                Some(col) => col.infer(p, decimal, order),
                None => p.infer_with(decimal, order),
            })
            .collect()
    }

    /// The merged usage records, in order of first appearance.
    pub(super) fn usage_records(&self, file: &str) -> Option<Vec<Usage>> {
        self.usages.as_ref().map(|u| u.records(file))
    }
}

impl Usages {
    /// The merged records, in order of first appearance.
    fn records(&self, file: &str) -> Vec<Usage> {
        let u = self;
        // Each distinct text once, shared by its records.
        let text = |b: &[u8]| -> Arc<str> { String::from_utf8_lossy(b).into() };
        let emails: Vec<Arc<str>> = (0..u.users.len() as u32)
            .map(|i| text(u.users.get(i)))
            .collect();
        let tools: Vec<Arc<str>> = (0..u.spellings.len() as u32)
            .map(|i| text(u.spellings.get(i)))
            .collect();
        let file: Arc<str> = file.into();
        u.rows
            .iter()
            .zip(&u.firsts)
            .map(|(m, f)| Usage {
                source: Source {
                    file: file.clone(),
                    line: f.line,
                },
                tool: tools.get(f.spell as usize).cloned(),
                email: emails.get(f.user as usize).cloned(),
                last_activity: unpack_activity(m.last),
                events: m.has_events.then_some(m.events),
                status: AccountStatus::Unknown,
                details: None,
            })
            .collect()
    }
}

impl Column {
    fn infer(
        &self,
        observed: &ColumnProfile,
        decimal: DecimalSeparator,
        order: DateOrder,
    ) -> ColumnInference {
        let n: u64 = self.counts.iter().sum();
        let seen = observed.infer();
        if seen.non_blank + seen.blank > 0 {
            // Cells observed one by one too: replay the counted ones through `observe` (exact).
            let mut p = observed.clone();
            for (k, &count) in self.counts.iter().enumerate() {
                if let Some(rep) = &self.reps[k] {
                    for _ in 0..count {
                        p.observe(rep);
                    }
                }
            }
            for _ in 0..self.blank {
                p.observe("");
            }
            return p.infer_with(decimal, order);
        }
        // Only counted cells: decide on one cell of each class, then scale the counts.
        let mut proxy = ColumnProfile::new();
        let mut fits = super::values::TypeCounts::default();
        for (k, &count) in self.counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let Some(rep) = &self.reps[k] else {
                continue;
            };
            proxy.observe(rep);
            let mut one = ColumnProfile::new();
            one.observe(rep);
            let f = one.infer().fits;
            fits.integer += f.integer * count;
            fits.decimal += f.decimal * count;
            fits.money += f.money * count;
            fits.percent += f.percent * count;
            fits.date += f.date * count;
            fits.boolean += f.boolean * count;
            fits.email += f.email * count;
        }
        if self.blank > 0 {
            proxy.observe("");
        }
        let mut inf = proxy.infer_with(decimal, order);
        inf.non_blank = n;
        inf.blank = self.blank;
        inf.fits = fits;
        inf.matching = match inf.column_type {
            ColumnType::Empty => 0,
            ColumnType::Date => fits.date,
            ColumnType::Percent => fits.percent,
            ColumnType::Money => fits.money,
            ColumnType::Decimal => fits.decimal,
            _ => n,
        };
        inf.mismatches = n.saturating_sub(inf.matching);
        inf
    }
}

impl Usages {
    /// (tool id by lower-case name, spelling id) of a trimmed tool name.
    fn tool_ids(&mut self, spelling: &str) -> (u32, u32) {
        let canon = self.tools.intern(spelling.to_lowercase().as_bytes(), ()).0;
        let spell = self.spellings.intern(spelling.as_bytes(), ()).0;
        (canon, spell)
    }

    #[inline]
    fn merge(
        &mut self,
        line: u64,
        tool: u32,
        spell: u32,
        user: u32,
        last: u32,
        events: Option<f64>,
    ) {
        match self.index.get_or_insert(tool, user, self.rows.len() as u32) {
            Some(i) => self.merge_into(i, last, events),
            None => {
                self.push_record(line, spell, user, last, events);
            }
        }
    }

    /// A new record, from its first row.
    #[inline]
    fn push_record(&mut self, line: u64, spell: u32, user: u32, last: u32, events: Option<f64>) {
        self.rows.push(Merged {
            last,
            events: events.unwrap_or(0.0),
            has_events: events.is_some(),
        });
        self.firsts.push(FirstRow { line, spell, user });
    }

    /// Merges a row into the record at `i` (found earlier for its tool and account).
    #[inline]
    fn merge_into(&mut self, i: u32, last: u32, events: Option<f64>) {
        let m = &mut self.rows[i as usize];
        m.last = m.last.max(last);
        if let Some(e) = events {
            if m.has_events {
                m.events += e;
            } else {
                m.events = e;
                m.has_events = true;
            }
        }
    }

    /// (user, tool, spelling) ids of a record the `Extractor` made, keyed as the fast path keys rows; `None`
    /// for a record without an account (the general path drops it too).
    fn ids(&mut self, u: &Usage) -> Option<(u32, u32, u32)> {
        let key = u
            .email
            .as_deref()
            .map(str::to_string)
            .or_else(|| u.username().map(str::to_lowercase))
            .or_else(|| u.display_name().map(str::to_string))?;
        let user = self.users.intern(key.as_bytes(), ()).0;
        let (tool, spell) = match &u.tool {
            Some(t) => self.tool_ids(t),
            None => (NO_TOOL, NO_TOOL),
        };
        Some((user, tool, spell))
    }

    /// A record the `Extractor` made from rows the general path read.
    fn absorb(&mut self, u: Usage) {
        let Some((user, tool, spell)) = self.ids(&u) else {
            return;
        };
        self.merge(
            u.source.line,
            tool,
            spell,
            user,
            pack_activity(u.last_activity),
            u.events,
        );
    }

    /// A record the `Extractor` made from a row a one reading kept for the end (`Fast::defer`), merged as if
    /// read in its place. `bounds` gets, per record joined, its sum before these rows plus the size of each of
    /// their events. Returns whether the records must be put back in order (the row came before its record's
    /// first line so far, or made a new record); `None` when its events are not a whole number.
    fn absorb_deferred(&mut self, u: Usage, bounds: &mut HashMap<u32, f64>) -> Option<bool> {
        let events = u.events;
        if let Some(e) = events {
            if e.fract() != 0.0 || e.abs() >= EXACT_SUM {
                return None;
            }
        }
        let size = events.map_or(0.0, f64::abs);
        let Some((user, tool, spell)) = self.ids(&u) else {
            return Some(false);
        };
        let line = u.source.line;
        let last = pack_activity(u.last_activity);
        let fresh = self.rows.len() as u32;
        match self.index.get_or_insert(tool, user, fresh) {
            Some(i) => {
                let before = self.rows[i as usize].events.abs();
                *bounds.entry(i).or_insert(before) += size;
                self.merge_into(i, last, events);
                let first = &mut self.firsts[i as usize];
                if line < first.line {
                    first.line = line;
                    first.spell = spell;
                    return Some(true);
                }
                Some(false)
            }
            None => {
                bounds.insert(fresh, size);
                self.push_record(line, spell, user, last, events);
                Some(true)
            }
        }
    }

    /// Records back in order of first appearance, after rows merged out of order (`absorb_deferred`). The
    /// index no longer matches; only `records` may follow.
    fn order_by_first_line(&mut self) {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by_key(|&i| self.firsts[i].line);
        self.rows = order.iter().map(|&i| self.rows[i]).collect();
        self.firsts = order.iter().map(|&i| self.firsts[i]).collect();
        self.index = PairMap::default();
    }
}

#[cold]
#[inline(never)]
fn observe_odd(profiles: &mut [ColumnProfile], i: usize, cell: &[u8]) {
    if let Some(p) = profiles.get_mut(i) {
        p.observe(&String::from_utf8_lossy(cell));
    }
}

#[cold]
#[inline(never)]
fn first_of_class(col: &mut Column, k: usize, cell: &[u8]) {
    col.reps[k] = Some(String::from_utf8_lossy(cell).into());
}

fn pack_date(d: Date) -> u32 {
    ((d.year.max(0) as u32) << 9) | (u32::from(d.month) << 5) | u32::from(d.day)
}

fn pack_activity(a: LastActivity) -> u32 {
    match a {
        LastActivity::Unknown => 0,
        LastActivity::Never => 1,
        LastActivity::On(d) => 2 + pack_date(d),
    }
}

fn unpack_activity(v: u32) -> LastActivity {
    match v {
        0 => LastActivity::Unknown,
        1 => LastActivity::Never,
        v => {
            let p = v - 2;
            match Date::new((p >> 9) as i32, ((p >> 5) & 15) as u8, (p & 31) as u8) {
                Some(d) => LastActivity::On(d),
                None => LastActivity::Unknown,
            }
        }
    }
}

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// A word whose lowest set bit marks the first byte of `w` (little-endian) that is the delimiter, a quote,
/// `\r` or `\n`; 0 when there is none. (Bits above the first match may be wrong; only the first is used.)
#[inline]
fn special_bytes(w: u64, delim: u8) -> u64 {
    #[inline]
    fn zero_byte(v: u64) -> u64 {
        v.wrapping_sub(LOW) & !v & HIGH
    }
    zero_byte(w ^ (LOW * u64::from(delim)))
        | zero_byte(w ^ (LOW * u64::from(b'"')))
        | zero_byte(w ^ (LOW * u64::from(b'\r')))
        | zero_byte(w ^ (LOW * u64::from(b'\n')))
}

/// `YYYY-MM-DD` (a valid calendar date, year 1–9999) → packed date: the digits checked and read a word at a
/// time (equal to [`iso_date_bytewise`], checked by a test).
#[inline]
fn iso_date(c: &[u8]) -> Option<u32> {
    if c.len() != 10 {
        return None;
    }
    // Bytes 0–7 (`YYYY-MM-`) and 8–9 (`DD`), each byte xor '0': a digit becomes 0–9.
    let a = read_u64(c) ^ 0x3030_3030_3030_3030;
    let b = u64::from(u16::from_le_bytes([c[8], c[9]])) ^ 0x3030;
    // The high bit of each byte set where it is 10 or more (no carry between bytes).
    let big = |x: u64| ((x & 0x7F7F_7F7F_7F7F_7F7F).wrapping_add(0x7676_7676_7676_7676) | x) & HIGH;
    // Bytes 4 and 7 must be '-' ('-' ^ '0' = 0x1D).
    if big(a) & 0x0080_8000_8080_8080 != 0
        || big(b) & 0x8080 != 0
        || a & 0xFF00_00FF_0000_0000 != 0x1D00_001D_0000_0000
    {
        return None;
    }
    let digit = |x: u64, i: u32| ((x >> (8 * i)) & 0xFF) as u32;
    let year = digit(a, 0) * 1000 + digit(a, 1) * 100 + digit(a, 2) * 10 + digit(a, 3);
    let month = digit(a, 5) * 10 + digit(a, 6);
    let day = digit(b, 0) * 10 + digit(b, 1);
    if year == 0 || month == 0 || month > 12 || day == 0 {
        return None;
    }
    if day > 28 && day > u32::from(crate::model::days_in_month(year as i32, month as u8)) {
        return None;
    }
    Some((year << 9) | (month << 5) | day)
}

/// The plain version of [`iso_date`] (kept as its reference in the tests).
#[cfg(test)]
fn iso_date_bytewise(c: &[u8]) -> Option<u32> {
    if c.len() != 10 || c[4] != b'-' || c[7] != b'-' {
        return None;
    }
    let d = |i: usize| -> Option<u32> {
        let b = c[i];
        b.is_ascii_digit().then(|| u32::from(b - b'0'))
    };
    let year = d(0)? * 1000 + d(1)? * 100 + d(2)? * 10 + d(3)?;
    let month = d(5)? * 10 + d(6)?;
    let day = d(8)? * 10 + d(9)?;
    let date = Date::new(year as i32, month as u8, day as u8)?;
    Some(pack_date(date))
}

/// The general path's total and footer test on the first non-blank cell, without allocating.
fn is_total_or_footer(cell: &[u8]) -> bool {
    match cell.first() {
        Some(&b) if b.is_ascii_graphic() && !may_start_a_total(b) => return false,
        _ => {}
    }
    let Ok(s) = std::str::from_utf8(cell) else {
        return true;
    };
    let s = s.trim();
    match s.as_bytes().first() {
        Some(&b) if b.is_ascii() && !may_start_a_total(b) => return false,
        None => return false,
        _ => {}
    }
    lower_starts_with(s, "total")
        || lower_starts_with(s, "grand total")
        || (lower_starts_with(s, "sum") && s.chars().flat_map(char::to_lowercase).count() == 3)
        || FOOTER_PREFIXES.iter().any(|p| lower_starts_with(s, p))
}

/// The first letters of "total", "grand total", "sum" and the footer prefixes, either case.
#[inline(always)]
fn may_start_a_total(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b't' | b'g' | b's' | b'a' | b'c' | b'r' | b'p'
    )
}

fn lower_starts_with(s: &str, prefix: &str) -> bool {
    let mut it = s.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|c| it.next() == Some(c))
}

impl FileReader {
    /// Forces the general path for this file (the differential tests compare both paths).
    pub fn force_general_path(&mut self) {
        self.general_only = true;
    }

    /// Starts the fast path once the header is settled (before the buffered rows are replayed). `rows` are the
    /// buffered records below the header, `above` those above it (title lines).
    pub(super) fn start_fast(&mut self, rows: &[(u64, Vec<String>)], above: &[(u64, Vec<String>)]) {
        if self.general_only || self.options.max_rows.is_some() {
            return;
        }
        let Phase::Parsing { delimiter, .. } = &self.phase else {
            return;
        };
        let delimiter = delimiter.0;
        let (usage, one_reading) = match &self.options.plan {
            None if self.options.one_reading => (self.guess_usage_columns(rows, above), true),
            None => (None, false),
            Some(plan) => match usage_columns(plan) {
                Some(u) if self.extractor.is_some() => (Some(u), false),
                _ => return,
            },
        };
        self.fast = Some(Fast::new(self.header.len(), delimiter, usage, one_reading));
    }

    /// The usage columns the final plan will probably have, decided as at the end of the reading but from the
    /// first rows only. A guess: the end of the reading checks it (`Fast::one_reading_usage`).
    fn guess_usage_columns(
        &self,
        rows: &[(u64, Vec<String>)],
        above: &[(u64, Vec<String>)],
    ) -> Option<UsageColumns> {
        let mut profiles = vec![ColumnProfile::new(); self.header.len()];
        for (_, fields) in rows
            .iter()
            .filter(|(_, f)| !super::not_data(f, self.header.len()))
        {
            for (i, p) in profiles.iter_mut().enumerate() {
                p.observe(fields.get(i).map(String::as_str).unwrap_or(""));
            }
        }
        let mut inferences: Vec<ColumnInference> = profiles.iter().map(|p| p.infer()).collect();
        let titles: Vec<String> = above
            .iter()
            .map(|(_, f)| f.join(" ").trim().to_string())
            .collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        let d = super::decide(
            &self.header,
            &mut inferences,
            &titles,
            self.options.mapping.as_ref(),
        );
        let format = d.known.map_or("generic", |f| f.id);
        usage_columns(&super::plan_of(
            d.kind,
            format,
            &self.header,
            &inferences,
            &d.roles,
        ))
    }

    /// After the general path read a row: its usage record (if any) merged in, in row order.
    pub(super) fn fast_absorb(&mut self) {
        let (Some(fast), Some(ex)) = (self.fast.as_mut(), self.extractor.as_mut()) else {
            return;
        };
        if let Some(u) = fast.usages.as_mut() {
            for rec in ex.take_usage() {
                u.absorb(rec);
            }
        }
    }

    /// A record parsed by csv-core below the header: true when the fast path took it.
    pub(super) fn fast_record(&mut self, line: u64, nend: usize) -> bool {
        let Some(fast) = self.fast.as_mut() else {
            return false;
        };
        let mut ranges = std::mem::take(&mut fast.ranges);
        ranges.clear();
        let mut start = 0;
        for &end in &self.ends[..nend] {
            ranges.push((start, end));
            start = end;
        }
        let taken = fast.row(line, &self.field_buf, &ranges, &mut self.profiles, None);
        fast.ranges = ranges;
        if taken {
            self.rows += 1;
        }
        taken
    }

    /// Rows replayed after the header search: through the fast path when it can take them.
    pub(super) fn fast_fields(&mut self, line: u64, fields: &[String]) -> bool {
        let Some(fast) = self.fast.as_mut() else {
            return false;
        };
        let mut buf = std::mem::take(&mut fast.scratch);
        let mut ranges = std::mem::take(&mut fast.ranges);
        buf.clear();
        ranges.clear();
        for f in fields {
            let a = buf.len();
            buf.extend_from_slice(f.as_bytes());
            ranges.push((a, buf.len()));
        }
        let taken = fast.row(line, &buf, &ranges, &mut self.profiles, None);
        fast.scratch = buf;
        fast.ranges = ranges;
        if taken {
            self.rows += 1;
        }
        taken
    }

    /// The general path's per-cell profiling of a row.
    pub(super) fn observe_row(&mut self, fields: &[String]) {
        match self.fast.as_mut() {
            Some(f) => f.observe_cells(fields, &mut self.profiles),
            None => {
                for (i, p) in self.profiles.iter_mut().enumerate() {
                    p.observe(fields.get(i).map(String::as_str).unwrap_or(""));
                }
            }
        }
    }

    /// Takes the plain lines at the start of `input` (at a record boundary, below the header). Returns how
    /// many bytes were consumed; the rest (a quoted or unfinished line) is for csv-core.
    pub(super) fn fast_lines(&mut self, input: &[u8]) -> usize {
        if self.fast.is_none() || !matches!(self.rows_phase, RowPhase::Data) {
            return 0;
        }
        let (mut ranges, mut batch, mut hashes, mut hints) = match self.fast.as_mut() {
            Some(f) => (
                std::mem::take(&mut f.ranges),
                std::mem::take(&mut f.batch),
                std::mem::take(&mut f.hashes),
                std::mem::take(&mut f.hints),
            ),
            None => return 0,
        };
        let table = match self.fast.as_ref() {
            Some(f) => f.table,
            None => return 0,
        };
        let delim = match &self.phase {
            Phase::Parsing { delimiter, .. } => delimiter.0,
            _ => return 0,
        };
        let width = self.header.len();
        let n = input.len();
        let mut pos = 0;
        'batches: while pos < n && self.error.is_none() {
            // The kernel first, when it applies; it stops at a line it cannot take whole, which the general
            // fast path below reads (one line at a time, then back to the kernel).
            let kernel = self.fast.as_ref().is_some_and(|f| f.kernel_ready());
            if kernel {
                pos += self.kernel_lines(&input[pos..]);
                if pos >= n {
                    break;
                }
            }
            let limit = if kernel { 1 } else { WARM_ROWS };
            // Split up to WARM_ROWS plain lines: (blank lines before it, start of the next, fields).
            batch.clear();
            ranges.clear();
            let mut scan = pos;
            let mut stopped = false;
            'lines: while batch.len() < limit {
                // Blank lines, as csv-core skips them.
                let mut blank = 0u64;
                while scan < n && (input[scan] == b'\n' || input[scan] == b'\r') {
                    if input[scan] == b'\n' {
                        blank += 1;
                    }
                    scan += 1;
                }
                if scan >= n {
                    // Only blank lines left: counted now (nothing follows them in this chunk).
                    batch.push(Batched {
                        blank,
                        next: scan,
                        from: ranges.len(),
                        to: ranges.len(),
                        row: false,
                    });
                    break 'lines;
                }
                let from = ranges.len();
                let mut field = scan;
                let mut i = scan;
                let next = loop {
                    // Ordinary bytes, 8 at a time.
                    while i + 8 <= n {
                        let m = special_bytes(read_u64(&input[i..]), delim);
                        if m != 0 {
                            i += (m.trailing_zeros() / 8) as usize;
                            break;
                        }
                        i += 8;
                    }
                    if i >= n {
                        ranges.truncate(from);
                        stopped = true;
                        break 'lines;
                    }
                    match table[usize::from(input[i])] {
                        0 => i += 1,
                        1 => {
                            ranges.push((field, i));
                            i += 1;
                            field = i;
                        }
                        4 => {
                            ranges.push((field, i));
                            break i + 1;
                        }
                        3 if i + 1 < n && input[i + 1] == b'\n' => {
                            ranges.push((field, i));
                            break i + 2;
                        }
                        // A quote or a lone `\r` (or a `\r` at the end of the chunk): csv-core reads this line.
                        _ => {
                            ranges.truncate(from);
                            stopped = true;
                            break 'lines;
                        }
                    }
                };
                batch.push(Batched {
                    blank,
                    next,
                    from,
                    to: ranges.len(),
                    row: true,
                });
                scan = next;
            }
            // Warm the caches for the rows of full width (the usual case), then read them in order.
            hints.clear();
            if let Some(f) = self.fast.as_ref() {
                let full = batch
                    .iter()
                    .take_while(|b| b.row && b.to - b.from == width)
                    .count();
                if full >= 2 {
                    let end = batch[full - 1].to;
                    f.warm(input, &ranges[batch[0].from..end], &mut hashes, &mut hints);
                }
            }
            for (k, b) in batch.iter().enumerate() {
                if self.error.is_some() {
                    break 'batches;
                }
                let before = (pos, self.newlines);
                self.newlines += b.blank;
                if !b.row {
                    pos = b.next;
                    continue;
                }
                let line = self.newlines + 1;
                let fields = &ranges[b.from..b.to];
                let taken = match self.fast.as_mut() {
                    Some(f) => {
                        // Hints hold while the keyed columns are (a reading giving up drops them).
                        let hint = hints.get(k).copied().filter(|_| f.usages.is_some());
                        f.row(line, input, fields, &mut self.profiles, hint)
                    }
                    None => false,
                };
                if taken {
                    self.rows += 1;
                } else if self.part_stops_at_general_rows() {
                    // A row for the general path: the sequential reader reads it, from the blank lines before.
                    self.newlines = before.1;
                    self.part_stop = Some((self.record_from.0 + before.0 as u64, before.1));
                    pos = before.0;
                    break 'batches;
                } else {
                    let fields: Vec<String> = fields
                        .iter()
                        .map(|&(a, b)| String::from_utf8_lossy(&input[a..b]).into_owned())
                        .collect();
                    self.data_row(line, fields);
                    self.fast_absorb();
                }
                self.newlines += 1;
                pos = b.next;
            }
            if stopped || batch.last().is_some_and(|b| !b.row) {
                break;
            }
        }
        if let Some(f) = self.fast.as_mut() {
            f.ranges = ranges;
            f.batch = batch;
            f.hashes = hashes;
            f.hints = hints;
        }
        pos
    }
}

/// The memo entries of a row's account and tool, found ahead (see `Fast::warm`).
type Hint = [Option<Entry>; 2];

/// A line split ahead of reading it (see `FileReader::fast_lines`).
#[derive(Clone, Copy)]
pub(super) struct Batched {
    /// Newlines of blank lines just before it.
    blank: u64,
    /// Where the next line starts.
    next: usize,
    /// Its fields in the batch's ranges.
    from: usize,
    to: usize,
    /// False for the blank lines at the end of the input (no row).
    row: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn observed(cells: &[&str]) -> ColumnInference {
        let mut p = ColumnProfile::new();
        for c in cells {
            p.observe(c);
        }
        p.infer()
    }

    fn counted(cells: &[&str]) -> ColumnInference {
        counted_with_budget(cells, MEMO_BUDGET)
    }

    fn counted_with_budget(cells: &[&str], budget: usize) -> ColumnInference {
        let mut f = Fast::new(1, b',', None, false);
        f.memo_budget = budget;
        let mut profiles = vec![ColumnProfile::new()];
        for c in cells {
            let (class, _) = f.classify(0, c.as_bytes());
            f.commit(0, c.as_bytes(), class, &mut profiles);
        }
        f.inferences(&profiles, DecimalSeparator::Point, DateOrder::Mdy)
            .remove(0)
    }

    #[test]
    fn counted_columns_infer_like_observed_ones() {
        let cases: &[&[&str]] = &[
            &[],
            &["", ""],
            &["2026-01-05", "2026-02-28", ""],
            &["1", "0", "12", "007"],
            &["1", "0"],
            &["yes", "no", "1"],
            &["a@b.example", "c@d.example", ""],
            &["a@b.example", "Slack"],
            &["2026-01-05", "12"],
            &["Tool 01", "12", "2026-01-05", "true", "x@y.example"],
            &["1,234", "12"],
            &["12.5", "3"],
            &["03/04/2026", "2026-01-01"],
            &["$12", "3", "€4"],
        ];
        for cells in cases {
            assert_eq!(counted(cells), observed(cells), "{cells:?}");
        }
    }

    #[test]
    fn past_the_memo_budget_cells_are_observed_and_the_result_is_the_same() {
        let cells = [
            "Slack",
            "a@b.example",
            "yes",
            "Zoom",
            "12",
            "  ",
            "Miro",
            "x@y.example",
        ];
        for budget in 0..4 {
            assert_eq!(
                counted_with_budget(&cells, budget),
                observed(&cells),
                "budget {budget}"
            );
        }
    }

    #[test]
    fn the_word_scan_finds_the_first_special_byte() {
        for text in [
            &b"abcdefgh"[..],
            b"a,cdefgh",
            b"abcdefg\n",
            b"\"bcdefgh",
            b"ab\rd,fgh",
            b"\x80\x81,\x01\x00\xff\n,",
            b";;;;;;;;",
        ] {
            for delim in [b',', b';', b'\t'] {
                let w = read_u64(text);
                let want = text
                    .iter()
                    .position(|&b| b == delim || b == b'"' || b == b'\r' || b == b'\n');
                let m = special_bytes(w, delim);
                let got = (m != 0).then(|| (m.trailing_zeros() / 8) as usize);
                assert_eq!(got, want, "{text:?} {delim}");
            }
        }
    }

    #[test]
    fn words_are_the_zero_padded_bytes_of_any_length() {
        let text = b"abcdefghijklmnopqrstuvwxyz0123";
        for n in 0..=text.len() {
            let cell = &text[..n];
            let mut padded = [0u8; 24];
            let k = n.min(24);
            padded[..k].copy_from_slice(&cell[..k]);
            let expected = [
                read_u64(&padded[0..]),
                read_u64(&padded[8..]),
                read_u64(&padded[16..]),
            ];
            assert_eq!(words(cell), expected, "length {n}");
        }
    }

    #[test]
    fn iso_dates_are_counted_only_when_valid() {
        assert!(iso_date(b"2026-02-28").is_some());
        assert!(iso_date(b"2024-02-29").is_some());
        assert!(iso_date(b"2026-02-29").is_none());
        assert!(iso_date(b"2026-13-01").is_none());
        assert!(iso_date(b"0000-01-01").is_none());
        assert!(iso_date(b"2026-1-01").is_none());
    }

    #[test]
    fn the_word_at_a_time_iso_date_equals_the_plain_one() {
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for year in (0..=40).chain(1890..=2110).chain(9990..=9999) {
            for month in 0..=19 {
                for day in 0..=39 {
                    cases.push(format!("{year:04}-{month:02}-{day:02}").into_bytes());
                }
            }
        }
        // Every byte of a valid date replaced by bytes around the digits and the dash, and by high bytes.
        let base = b"2024-02-29".to_vec();
        for i in 0..10 {
            for b in (0u8..=0x7F).chain([0x80, 0xAF, 0xB0, 0xB9, 0xC3, 0xFF]) {
                let mut c = base.clone();
                c[i] = b;
                cases.push(c);
            }
        }
        for len in 0..=12 {
            cases.push(b"2024-02-2900"[..len].to_vec());
        }
        for c in &cases {
            assert_eq!(
                iso_date(c),
                iso_date_bytewise(c),
                "{:?}",
                String::from_utf8_lossy(c)
            );
        }
    }

    #[test]
    fn totals_and_footers_are_recognised_without_allocating() {
        for s in [
            "Total",
            " TOTAL spend",
            "Grand Total",
            "sum",
            "Accrual basis x",
        ] {
            assert!(is_total_or_footer(s.as_bytes()), "{s}");
        }
        for s in ["Summary", "2026-01-01", "Slack", "sums"] {
            assert!(!is_total_or_footer(s.as_bytes()), "{s}");
        }
    }
}
