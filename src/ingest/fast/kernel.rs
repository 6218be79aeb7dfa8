//! The usage-log kernel: a loop specialised to a usage event log whose usage columns are known (a date, an
//! account, a tool, optional events, any other columns), for the plain lines that make up nearly all of such a
//! file. It does what [`Fast::row`] does for those rows — the same classes counted, the same records merged —
//! with the per-row bookkeeping taken out:
//!
//! 1. **Split** up to [`KERNEL_ROWS`] lines at once into a flat table of cell offsets. Every 16 bytes (wasm,
//!    with SIMD) or 8 bytes (natively) are scanned once for candidates — the delimiter and every byte below
//!    `#`, so `"`, `\r` and `\n` — with a mask whose bits are visited in order.
//!    Only lines of exactly the header's width, with no lone `\r`, not blank and not cut by the end of the
//!    chunk, are split; a field may be quoted when csv-core would read it as the bytes between its quotes
//!    (exports that quote every field). The first other line ends the batch.
//! 2. **Warm**: hash every row's account once, load its memo slot and key, then look up the account and the
//!    tool, then load the (tool, account) cell, then the record — each step a short loop over the batch, so
//!    that the cache misses of many rows are under way at once (as [`Fast::warm`]).
//!    A row's tool is looked up in a 64-slot cache of recent tool cells before the memo (a log names few
//!    tools).
//! 3. **Read** each row with what was found: the date read through a cache of the dates seen (a slot per
//!    day of the year, from its digits; a cell is compared in full, and parsed only the first time), events
//!    parsed once, the account and tool taken from the memo entries, the other cells classified as
//!    [`Fast::classify`] does; the row is counted and merged only once it is known to be a clean usage row.
//!
//! The first row the kernel cannot take whole (a date that is not `YYYY-MM-DD`, a blank account or tool, odd
//! events, a total line…) ends it: nothing of that row was counted, and the general fast path (`fast_lines`,
//! `Fast::row`, then the general path) reads it exactly as before. So the kernel can only be faster, never
//! different: `tests/fast_path.rs` compares the readings with and without it.

use super::{
    hash_bytes, hash_words, is_total_or_footer, iso_date, read_u64, same_words, words, Entry, Fast,
    BLANK, DATE, INLINE, INT, ONE, ZERO,
};
use crate::ingest::{FileReader, Phase};

/// Lines split, warmed and read together.
pub(super) const KERNEL_ROWS: usize = 64;
/// Widest header the kernel takes (cells are classified into a fixed array).
const MAX_WIDTH: usize = 32;

const OTHER: u8 = 0;
const DATE_COLUMN: u8 = 1;
const ACCOUNT_COLUMN: u8 = 2;
const TOOL_COLUMN: u8 = 3;
const EVENTS_COLUMN: u8 = 4;

/// What the kernel keeps between batches (scratch space, no state of the reading).
pub(super) struct Kernel {
    /// Each column's role for the kernel.
    roles: Vec<u8>,
    /// The batch's cells: `width` (start, end) offsets per row, into the input.
    cells: Vec<(u32, u32)>,
    /// Where the line after each row starts.
    next: Vec<u32>,
    /// Each row's account hash and words.
    hashes: Vec<u64>,
    keys: Vec<[u64; 3]>,
    /// Each row's memo entries and record, as found by warming.
    found: Vec<Found>,
    /// Recent tool cells (length, words) and their memo entries, by a hash of the words: a usage log names
    /// few tools, so a row's tool is nearly always found here without probing the memo. Memo entries never
    /// change, so a cached entry stays right.
    tools_seen: Box<[(u32, [u64; 3], Entry); SEEN]>,
    /// Valid `YYYY-MM-DD` cells seen (as two words) and their packed dates, at [`date_slot`]: a year of
    /// dates has a slot each.
    dates_seen: Box<[(u64, u64, u32)]>,
}

/// Slots of the kernel's cache of dates: a year's 366 days have a slot each, as do 4 consecutive years'.
const DATE_SLOTS: usize = 1 << 13;

/// The slot of a 10-byte cell given as its first 8 bytes `a` and its last 2 `b`: for `YYYY-MM-DD`, the
/// year's last two bits, the month and the day (any other bytes land somewhere and are compared in full).
#[inline(always)]
fn date_slot(a: u64, b: u64) -> usize {
    let digit = |x: u64, i: u32| (x >> (8 * i)) & 0xF;
    let year = digit(a, 3) & 3;
    let month = (digit(a, 5) & 1) * 10 + digit(a, 6);
    let day = (digit(b, 0) & 3) * 10 + digit(b, 1);
    ((year << 11) | ((month & 31) << 6) | (day & 63)) as usize & (DATE_SLOTS - 1)
}

/// Entries in each of the kernel's caches of recent cells.
const SEEN: usize = 64;

/// A cache slot for a cell's words.
#[inline(always)]
fn seen_slot(a: u64, b: u64) -> usize {
    ((a ^ b.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize & (SEEN - 1)
}

#[derive(Clone, Copy)]
struct Found {
    account: Option<Entry>,
    tool: Option<Entry>,
    /// The index of the (tool, account) record, `u32::MAX` when not found.
    record: u32,
}

impl Kernel {
    /// A kernel for a file `width` columns wide whose usage columns are (date, account, tool, events), when
    /// the kernel can take it.
    pub(super) fn new(
        width: usize,
        (date, account, tool, events): super::UsageColumns,
    ) -> Option<Kernel> {
        if !(3..=MAX_WIDTH).contains(&width) {
            return None;
        }
        let mut roles = vec![OTHER; width];
        for (col, role) in [
            (Some(date), DATE_COLUMN),
            (Some(account), ACCOUNT_COLUMN),
            (Some(tool), TOOL_COLUMN),
            (events, EVENTS_COLUMN),
        ] {
            if let Some(c) = col {
                if c >= width || roles[c] != OTHER {
                    return None;
                }
                roles[c] = role;
            }
        }
        Some(Kernel {
            roles,
            tools_seen: Box::new([(u32::MAX, [0; 3], Entry::default()); SEEN]),
            dates_seen: vec![(0, 0, 0); DATE_SLOTS].into_boxed_slice(),
            cells: Vec::with_capacity(KERNEL_ROWS * width),
            next: Vec::with_capacity(KERNEL_ROWS),
            hashes: Vec::with_capacity(KERNEL_ROWS),
            keys: Vec::with_capacity(KERNEL_ROWS),
            found: Vec::with_capacity(KERNEL_ROWS),
        })
    }
}

const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte set exactly where that byte of `v` is zero.
#[inline(always)]
fn zero_bytes(v: u64) -> u64 {
    !(((v & LOW7).wrapping_add(LOW7)) | v | LOW7)
}

/// The high bit of each byte of `w` set exactly where it is the delimiter, `"`, `\r` or `\n`.
#[cfg(test)]
fn specials(w: u64, delim: u64, quote: u64, cr: u64, nl: u64) -> u64 {
    zero_bytes(w ^ delim) | zero_bytes(w ^ quote) | zero_bytes(w ^ cr) | zero_bytes(w ^ nl)
}

/// The high bit of each byte of `v` set exactly where that byte is below `n` (`n` ≤ 0x80).
#[inline(always)]
fn below(v: u64, n: u8) -> u64 {
    !(((v & LOW7).wrapping_add(LOW * u64::from(0x80 - n))) | v) & HIGH
}

/// A superset of [`specials`], cheaper: every byte below `"` (so `\r`, `\n`, `"`, but also spaces, `!` and
/// control characters) and the delimiter. The caller looks at each marked byte.
#[inline(always)]
fn candidates(w: u64, delim: u64) -> u64 {
    below(w, b'"' + 1) | zero_bytes(w ^ delim)
}

/// [`candidates`] for 16 bytes at once with wasm's 128-bit SIMD: bit `k` of the result set when byte `k` is a
/// candidate.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn candidates16(input: &[u8], i: usize, delim: u8) -> u64 {
    use core::arch::wasm32::{u64x2, u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, v128_or};
    let v = u64x2(read_u64(&input[i..]), read_u64(&input[i + 8..]));
    let m = v128_or(
        u8x16_lt(v, u8x16_splat(b'"' + 1)),
        u8x16_eq(v, u8x16_splat(delim)),
    );
    u64::from(u8x16_bitmask(m))
}

/// Candidate bytes from `i`: (a mask of them, how many bytes it covers, the shift from a bit's index to its
/// byte). 16 bytes at a time with SIMD, else 8 (each byte's high bit), fewer at the chunk's end; `None` past it.
#[inline(always)]
fn candidate_mask(input: &[u8], i: usize, delim: u8, d: u64) -> Option<(u64, usize, u32)> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    if i + 16 <= input.len() {
        return Some((candidates16(input, i, delim), 16, 0));
    }
    let n = input.len();
    if i + 8 <= n {
        return Some((candidates(read_u64(&input[i..]), d), 8, 3));
    }
    if i < n {
        // The chunk's last bytes, padded with a byte that is never a candidate (not the delimiter, not below `#`).
        let mut w = [if delim == b'x' { b'y' } else { b'x' }; 8];
        w[..n - i].copy_from_slice(&input[i..]);
        return Some((candidates(u64::from_le_bytes(w), d), n - i, 3));
    }
    None
}

/// Splits up to [`KERNEL_ROWS`] lines of exactly `width` fields from `start`. Returns how many; stops at the
/// first line it cannot take (blank, with a lone `\r`, of another width, unfinished, or quoted in a way csv-core
/// reads differently from a plain cut between the quotes).
///
/// A field may be quoted as exports that quote every field do (`"Slack","3"`): a quote at the start of the
/// field, the closing quote right before a delimiter or the line's end, and no quote, `\r` or `\n` between
/// them. csv-core reads such a field as the bytes between the quotes, which is the cell given here; delimiters
/// inside are part of it. Anything else with a quote (a doubled quote, a quote inside an unquoted field, bytes
/// after the closing quote, a line break inside) ends the batch, and csv-core reads that line.
/// (Not inlined: a profile then shows splitting, warming and reading apart.)
#[inline(never)]
fn split(
    input: &[u8],
    start: usize,
    delim: u8,
    width: usize,
    cells: &mut Vec<(u32, u32)>,
    next: &mut Vec<u32>,
) -> usize {
    cells.clear();
    next.clear();
    let n = input.len();
    let d = LOW * u64::from(delim);
    let mut s = start;
    'lines: while next.len() < KERNEL_ROWS && s < n {
        if input[s] == b'\n' || input[s] == b'\r' {
            break;
        }
        let from = cells.len();
        let mut field = s;
        let mut fields = 0usize;
        let mut i = s;
        // Where the field's closing quote is (`usize::MAX`: the field is not quoted).
        let mut closed = usize::MAX;
        // The field from `field` to `end`: between its quotes when it was quoted.
        let cell = |field: usize, end: usize, closed: usize| {
            if closed == usize::MAX {
                (field as u32, end as u32)
            } else {
                (field as u32 + 1, closed as u32)
            }
        };
        // The line's end: (end of its last field, start of the next line).
        let end: (usize, usize) = 'scan: loop {
            let Some((mut m, step, shift)) = candidate_mask(input, i, delim, d) else {
                // The end of the chunk before the end of the line: left for later.
                break 'lines;
            };
            let mut next_i = i + step;
            while m != 0 {
                let p = i + (m.trailing_zeros() >> shift) as usize;
                let b = input[p];
                m &= m - 1;
                if b == delim {
                    fields += 1;
                    if fields == width {
                        break 'lines;
                    }
                    cells.push(cell(field, p, closed));
                    field = p + 1;
                    closed = usize::MAX;
                } else if b == b'\n' {
                    break 'scan (p, p + 1);
                } else if b == b'\r' {
                    if p + 1 < n && input[p + 1] == b'\n' {
                        break 'scan (p, p + 2);
                    }
                    break 'lines;
                } else if b == b'"' {
                    // Only a quote that opens a field (a quote inside an unquoted one is a literal character
                    // to csv-core, which the batch leaves to it), closed as csv-core reads plainly.
                    if p != field {
                        break 'lines;
                    }
                    let Some(q) = closing_quote(input, p + 1, delim) else {
                        break 'lines;
                    };
                    closed = q;
                    // The scan goes on after the closing quote (delimiters inside are part of the field).
                    next_i = q + 1;
                    break;
                }
            }
            i = next_i;
        };
        if fields + 1 != width {
            break;
        }
        cells.push(cell(field, end.0, closed));
        next.push(end.1 as u32);
        s = end.1;
        // A line stopped early leaves its cells behind: dropped here.
        debug_assert_eq!(cells.len() - from, width);
    }
    cells.truncate(next.len() * width);
    next.len()
}

/// The closing quote of a field whose opening quote is just before `from`, when csv-core reads the field as
/// the bytes between the quotes: no quote, `\r` or `\n` before it, and a delimiter, `\r` or `\n` right after it
/// (a second quote would be an escaped one; any other byte csv-core appends to the field). `None` otherwise,
/// or when the chunk ends first.
#[inline(never)]
fn closing_quote(input: &[u8], from: usize, delim: u8) -> Option<usize> {
    let n = input.len();
    let mut i = from;
    // 8 bytes at a time: the first quote, `\r` or `\n`.
    let q = loop {
        if i + 8 <= n {
            let w = read_u64(&input[i..]);
            let m = zero_bytes(w ^ (LOW * 0x22))
                | zero_bytes(w ^ (LOW * 0x0D))
                | zero_bytes(w ^ (LOW * 0x0A));
            if m != 0 {
                break i + (m.trailing_zeros() / 8) as usize;
            }
            i += 8;
        } else {
            // The chunk's last bytes.
            break i + input
                .get(i..)?
                .iter()
                .position(|&b| matches!(b, b'"' | b'\r' | b'\n'))?;
        }
    };
    if input[q] != b'"' {
        return None;
    }
    match input.get(q + 1) {
        Some(&c) if c == delim || c == b'\n' || c == b'\r' => Some(q),
        _ => None,
    }
}

/// A cell's [`words`] (when short) and hash.
#[inline(always)]
fn key_of(cell: &[u8]) -> ([u64; 3], u64) {
    if cell.len() <= INLINE {
        let w = words(cell);
        (w, hash_words(cell.len(), w))
    } else {
        ([0; 3], hash_bytes(cell))
    }
}

/// A cell of up to 15 ASCII digits → its value and class; `None` for anything else (blank included).
#[inline(always)]
fn plain_int(c: &[u8]) -> Option<(u64, u8)> {
    if c.is_empty() || c.len() > 15 {
        return None;
    }
    let mut v = 0u64;
    for &b in c {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        v = v * 10 + u64::from(d);
    }
    let class = match (c.len(), c[0]) {
        (1, b'0') => ZERO,
        (1, b'1') => ONE,
        _ => INT,
    };
    Some((v, class))
}

impl Fast {
    /// Whether the kernel may read the next lines (usage is still being aggregated).
    pub(super) fn kernel_ready(&self) -> bool {
        self.kernel.is_some() && self.usages.is_some()
    }

    /// Warming for the kernel's batch (see [`Fast::warm`]), each step a loop of its own over the batch: the
    /// accounts hashed, their slots loaded, their keys loaded, the account and tool entries looked up, the
    /// (tool, account) cells loaded, the records loaded. Nothing is changed.
    #[inline(never)]
    fn kernel_warm(&self, input: &[u8], k: &mut Kernel, rows: usize) {
        let Some(u) = self.usages.as_ref() else {
            return;
        };
        let w = k.roles.len();
        let cell = |r: usize, i: usize| {
            let (a, b) = k.cells[r * w + i];
            &input[a as usize..b as usize]
        };
        let accounts = &self.cols[u.user].memo;
        let tools = &self.cols[u.tool].memo;
        k.hashes.clear();
        k.keys.clear();
        let mut sink = 0u64;
        for r in 0..rows {
            let (key, h) = key_of(cell(r, u.user));
            k.hashes.push(h);
            k.keys.push(key);
        }
        for &h in &k.hashes {
            sink = sink.wrapping_add(accounts.touch(h));
        }
        for &h in &k.hashes {
            sink = sink.wrapping_add(accounts.touch_key(h));
        }
        // The account and tool entries (their slots are in cache now), and the (tool, account) cell loaded.
        k.found.clear();
        for r in 0..rows {
            let a = cell(r, u.user);
            let account = match a.len() {
                0 => None,
                n if n <= INLINE => accounts.find_words(n, &k.keys[r], k.hashes[r]),
                _ => accounts.find(a, k.hashes[r]),
            }
            .map(|(_, e)| e);
            let t = cell(r, u.tool);
            let tool = match t.len() {
                0 => None,
                n if n <= INLINE => {
                    let w = words(t);
                    let at = seen_slot(w[0] ^ n as u64, w[1] ^ w[2]);
                    let (len, key, e) = &k.tools_seen[at];
                    if *len as usize == n && same_words(key, &w) {
                        Some(*e)
                    } else {
                        let found = tools.find_words(n, &w, hash_words(n, w)).map(|(_, e)| e);
                        if let Some(e) = found {
                            k.tools_seen[at] = (n as u32, w, e);
                        }
                        found
                    }
                }
                _ => tools.find(t, hash_bytes(t)).map(|(_, e)| e),
            };
            k.found.push(Found {
                account,
                tool,
                record: u32::MAX,
            });
        }
        // The (tool, account) cells, in a short loop of their own (see below).
        for f in &mut k.found {
            if let (Some(a), Some(t)) = (f.account, f.tool) {
                f.record = u.index.peek(t.canon, a.canon).unwrap_or(u32::MAX);
            }
        }
        // The records, in a loop of its own: short iterations, so that many of these loads are under way at
        // once (a load that depends on the one before it in the same iteration would wait for it).
        for f in &k.found {
            if let Some(m) = u.rows.get(f.record as usize) {
                sink = sink.wrapping_add(u64::from(m.last));
            }
        }
        std::hint::black_box(sink);
    }
}

impl FileReader {
    /// The kernel over the plain usage lines at the start of `input` (at a record boundary, below the
    /// header). Returns how many bytes it read: every line before that was counted and merged.
    pub(in crate::ingest) fn kernel_lines(&mut self, input: &[u8]) -> usize {
        if input.len() >= u32::MAX as usize {
            return 0;
        }
        let delim = match &self.phase {
            Phase::Parsing { delimiter, .. } => delimiter.0,
            _ => return 0,
        };
        let FileReader {
            fast,
            profiles,
            newlines,
            rows: rows_read,
            ..
        } = self;
        let Some(fast) = fast.as_mut() else {
            return 0;
        };
        if !fast.kernel_ready() {
            return 0;
        }
        let Some(mut k) = fast.kernel.take() else {
            return 0;
        };
        let w = k.roles.len();
        let mut pos = 0;
        'batches: loop {
            let rows = split(input, pos, delim, w, &mut k.cells, &mut k.next);
            if rows == 0 {
                break;
            }
            fast.kernel_warm(input, &mut k, rows);
            for r in 0..rows {
                let cells = &k.cells[r * w..(r + 1) * w];
                let cell = |i: usize| {
                    let (a, b) = cells[i];
                    &input[a as usize..b as usize]
                };
                let found = k.found[r];
                let Some(u) = fast.usages.as_ref() else {
                    break 'batches;
                };
                // The date, through the cache of dates seen (a year of logs has a few hundred).
                let d = cell(u.date);
                if d.len() != 10 {
                    break 'batches;
                }
                let (a, b) = (read_u64(d), u64::from(u16::from_le_bytes([d[8], d[9]])));
                let at = date_slot(a, b);
                let date = match k.dates_seen[at] {
                    (ka, kb, v) if ka == a && kb == b && v != 0 => v,
                    _ => {
                        let Some(v) = iso_date(d) else {
                            break 'batches;
                        };
                        k.dates_seen[at] = (a, b, v);
                        v
                    }
                };
                let mut classes = [BLANK; MAX_WIDTH];
                let mut events = None;
                let mut account = Entry::default();
                let mut tool = Entry::default();
                for (i, &role) in k.roles.iter().enumerate() {
                    let c = cell(i);
                    classes[i] = match role {
                        DATE_COLUMN => DATE,
                        EVENTS_COLUMN => {
                            if c.is_empty() {
                                BLANK
                            } else {
                                let Some((v, class)) = plain_int(c) else {
                                    break 'batches;
                                };
                                events = Some(v);
                                class
                            }
                        }
                        ACCOUNT_COLUMN | TOOL_COLUMN => {
                            if c.is_empty() {
                                break 'batches;
                            }
                            let hint = if role == ACCOUNT_COLUMN {
                                found.account
                            } else {
                                found.tool
                            };
                            let e = match hint {
                                Some(e) => e,
                                None => fast.classify(i, c).1,
                            };
                            if e.class == BLANK {
                                break 'batches;
                            }
                            if role == ACCOUNT_COLUMN {
                                account = e;
                            } else {
                                tool = e;
                            }
                            e.class
                        }
                        _ => fast.classify(i, c).0,
                    };
                }
                // The general path's total and footer test, on the first cell with a value.
                let Some(first) = classes[..w].iter().position(|&c| c != BLANK) else {
                    break 'batches;
                };
                // (A cell starting with a digit — a date, a number — is never one: skip the call.)
                let c = cell(first);
                if !c.first().is_some_and(u8::is_ascii_digit) && is_total_or_footer(c) {
                    break 'batches;
                }
                for (i, &class) in classes[..w].iter().enumerate() {
                    fast.commit(i, cell(i), class, profiles);
                }
                let line = *newlines + 1;
                if let Some(u) = fast.usages.as_mut() {
                    let last = date + 2;
                    let events = events.map(|e| e as f64);
                    if found.record != u32::MAX {
                        u.merge_into(found.record, last, events);
                    } else {
                        u.merge(line, tool.canon, tool.spell, account.canon, last, events);
                    }
                }
                *newlines += 1;
                *rows_read += 1;
                pos = k.next[r] as usize;
            }
            if rows < KERNEL_ROWS {
                break;
            }
        }
        fast.kernel = Some(k);
        pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_all(input: &[u8], width: usize) -> (Vec<String>, Vec<u32>) {
        let mut cells = Vec::new();
        let mut next = Vec::new();
        split(input, 0, b',', width, &mut cells, &mut next);
        let cells = cells
            .iter()
            .map(|&(a, b)| String::from_utf8_lossy(&input[a as usize..b as usize]).into_owned())
            .collect();
        (cells, next)
    }

    #[test]
    fn quoted_fields_are_cut_between_their_quotes() {
        let (cells, next) = split_all(b"\"2026-01-02\",\"a@x\",\"Tool, 1\"\r\n\"\",b,\"\"\n", 3);
        assert_eq!(cells, ["2026-01-02", "a@x", "Tool, 1", "", "b", ""]);
        assert_eq!(next, [30, 38]);
    }

    #[test]
    fn plain_lines_are_split_into_cells_with_crlf_and_empty_cells() {
        let (cells, next) = split_all(b"a,bb,\r\n,c,dddddddddddddddd\nx,y,z", 3);
        assert_eq!(cells, ["a", "bb", "", "", "c", "dddddddddddddddd"]);
        // The last line is unfinished (no newline in the chunk): left for later.
        assert_eq!(next, [7, 27]);
    }

    #[test]
    fn the_batch_ends_at_the_first_line_the_kernel_cannot_take() {
        for (input, rows) in [
            // Quoted as csv-core reads plainly: taken.
            (&b"a,b,c\n\"q\",b,c\n"[..], 2),
            (b"\"a\",\"b, c\",\"\"\r\n", 1),
            // A doubled quote, bytes after the closing quote, a line break inside, an unclosed quote, a quote
            // inside an unquoted field, a quote after a space: left to csv-core.
            (b"a,b,c\n\"q\"\"\",b,c\n", 1),
            (b"a,b,c\n\"q\"x,b,c\n", 1),
            (b"a,b,c\n\"q\nq\",b,c\n", 1),
            (b"a,b,c\n\"q\rq\",b,c\n", 1),
            (b"a,b,c\na,b,\"c\n", 1),
            (b"a,b,c\na,b\"b,c\n", 1),
            (b"a,b,c\na, \"b\",c\n", 1),
            // The closing quote is the chunk's last byte: left for later.
            (b"a,b,c\na,b,\"c\"", 1),
            (b"a,b,c\na,b\n", 1),
            (b"a,b,c\na,b,c,d\n", 1),
            (b"a,b,c\n\na,b,c\n", 1),
            (b"a,b\rc,d\n", 0),
            (b"a,b,c\r", 0),
            (b"aaaaaaaaaaaa,bbbbbbbbbbbbbbbbb,ccccccccccccc\"\n", 0),
        ] {
            assert_eq!(
                split_all(input, 3).1.len(),
                rows,
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn the_exact_mask_marks_every_special_byte_and_only_them() {
        let mut bytes = [b'x'; 8];
        for (i, b) in [b',', b'"', b'\r', b'\n', 0x80, 0xFF, 0x00, b'\t']
            .into_iter()
            .enumerate()
        {
            bytes[i] = b;
        }
        let w = u64::from_le_bytes(bytes);
        let m = specials(w, LOW * u64::from(b','), LOW * 0x22, LOW * 0x0D, LOW * 0x0A);
        assert_eq!(m, 0x0000_0000_8080_8080);
    }

    #[test]
    fn the_candidates_include_every_special_byte() {
        for delim in [b',', b';', b'\t', b'|'] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut bytes = [b'x'; 8];
                    bytes[at] = b;
                    let w = u64::from_le_bytes(bytes);
                    let exact = specials(
                        w,
                        LOW * u64::from(delim),
                        LOW * 0x22,
                        LOW * 0x0D,
                        LOW * 0x0A,
                    );
                    let c = candidates(w, LOW * u64::from(delim));
                    assert_eq!(exact & !c, 0, "byte {b:#x} at {at}, delimiter {delim:#x}");
                    // Only bytes below `"` + 1 and the delimiter are candidates.
                    let expected = if b <= b'"' || b == delim {
                        0x80u64 << (8 * at)
                    } else {
                        0
                    };
                    assert_eq!(c, expected, "byte {b:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn plain_whole_numbers_only() {
        assert_eq!(plain_int(b"42"), Some((42, INT)));
        assert_eq!(plain_int(b"0"), Some((0, ZERO)));
        assert_eq!(plain_int(b"1"), Some((1, ONE)));
        assert_eq!(plain_int(b"01"), Some((1, INT)));
        for odd in [&b""[..], b"-1", b"1.0", b" 1", b"1234567890123456", b"1e3"] {
            assert_eq!(plain_int(odd), None);
        }
    }
}
