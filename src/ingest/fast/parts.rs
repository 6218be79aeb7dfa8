//! Reading one file on several cores: a later part of a UTF-8 file is read by the fast path alone, in
//! another worker or thread ([`PartReader`]), and merged into the sequential reader in file order
//! ([`FileReader::merge_part`]). The result is exactly the sequential reading's, or the part is refused and the
//! sequential reader reads those bytes itself: a part can only save time, never change a finding.
//!
//! How it stays exact (docs/performance.md, "Reading one file on several cores"):
//! - **Where a part starts** is a guess (just after a newline): a quoted field may hold newlines. The
//!   sequential reader checks it when it reaches the part's first byte: it must be between two records, with
//!   every byte before it read and valid UTF-8. Otherwise the part is refused.
//! - **What a part reads.** The rows the fast path takes, and those the general path must read (a total line,
//!   a bad date, a short row…), which it reads as the sequential reader would: their diagnostics, counts and
//!   (in a one reading) the rows kept for the extractor travel with the result. Only a second reading's part
//!   stops at the first of those rows (only the sequential reader has the extractor), and the sequential
//!   reader reads from that row on, as it would have.
//! - **Merging.** Line numbers shift by the lines before the part; row, skipped-row, blank-row and per-class
//!   counts add; the part's diagnostics are listed after the sequential reader's, as if pushed there;
//!   each column keeps the earlier stretch's first cell of a class; [`ColumnProfile::merge`] adds profiles;
//!   usage records merge by (tool, account) in order of first appearance (latest date the later of the two,
//!   events added). Events added in another order are the same only when every sum is a whole number well
//!   below 2^53: the fast path reads only plain whole events, and a part is refused when the sums it would
//!   join are not whole or too large.
//!
//! ```
//! use stackscope::ingest::{FileReader, Options, PartReader};
//! let mut text = String::from("date,user_email,tool,events\n");
//! for i in 0..4000 {
//!     text.push_str(&format!("2026-03-{:02},u{}@x.com,Slack,{}\n", 1 + i % 28, i % 7, i % 5));
//! }
//! let bytes = text.as_bytes();
//! // The header is settled after the first 64 KiB (sniffed for the encoding and delimiter).
//! let cut = bytes.len() * 3 / 4;
//! let start = cut + bytes[cut..].iter().position(|&b| b == b'\n').unwrap() + 1;
//!
//! let mut options = Options::default();
//! options.one_reading = true;
//! let mut reader = FileReader::new("usage.csv", options.clone());
//! reader.push(&bytes[..start]);
//! let setup = reader.part_setup().expect("the header is settled");
//! let mut part = PartReader::new(&setup, start as u64);
//! part.push(&bytes[start..]);
//! let merged = reader.merge_part(&part.finish(true));
//! assert!(merged.merged);
//! reader.push(&bytes[merged.resume_at as usize..]);
//! let in_parts = reader.finish();
//!
//! let mut whole = FileReader::new("usage.csv", options);
//! whole.push(bytes);
//! assert_eq!(format!("{:?}", in_parts.records), format!("{:?}", whole.finish().records));
//! ```

use super::{Fast, UsageColumns, CLASSES, DEFERRED_BYTES};
use crate::decode::TextDecoder;
use crate::error::{Diagnostic, Severity};
use crate::ingest::dialect::Delimiter;
use crate::ingest::values::ColumnProfile;
use crate::ingest::{FileReader, Options, Phase, RowPhase};
use csv_core::ReaderBuilder;

/// Event sums below this are whole numbers added exactly in any order (2^52, so that two of them add below
/// 2^53).
const EXACT_SUM: f64 = 4_503_599_627_370_496.0;

/// What a reader of a later part needs to know of the file: its width, delimiter and the usage columns the
/// fast path aggregates. Taken from the sequential reader once its header is settled
/// ([`FileReader::part_setup`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartSetup {
    width: usize,
    delimiter: u8,
    usage: Option<UsageColumns>,
    one_reading: bool,
}

/// What reading a part found: everything the merge adds to the sequential reader's state.
#[derive(Clone, Debug)]
pub struct PartResult {
    setup: PartSetup,
    /// The part's first byte in the file.
    start: u64,
    /// Bytes read and merged: up to the row where the part stopped, or the whole part.
    read: u64,
    /// Newlines in those bytes.
    newlines: u64,
    rows: u64,
    /// False when the part cannot be merged at all (bytes that are not UTF-8).
    usable: bool,
    profiles: Vec<ColumnProfile>,
    columns: Vec<PartColumn>,
    usage: Option<PartUsage>,
    /// What the general path found in the rows it read (none in a second reading's part, which stops there):
    /// rows skipped, blank rows, the diagnostics listed (lines in the part) with how many of each code were
    /// given in all, and the rows a one reading keeps for its extractor (lines in the part).
    rows_skipped: u64,
    blank_lines: u64,
    diagnostics: Vec<Diagnostic>,
    per_code: Vec<(String, u64, Severity)>,
    deferred: Vec<(u64, Vec<String>)>,
    deferred_bytes: u64,
}

#[derive(Clone, Debug, Default)]
struct PartColumn {
    counts: [u64; CLASSES],
    blank: u64,
    reps: Vec<Option<Box<str>>>,
}

#[derive(Clone, Debug, Default)]
struct PartUsage {
    /// Account keys and tool spellings by the part's ids.
    users: Vec<Box<[u8]>>,
    spellings: Vec<Box<str>>,
    /// Records in order of first appearance: (spelling id, account id, line in the part, latest, events).
    records: Vec<PartRecord>,
}

#[derive(Clone, Copy, Debug)]
struct PartRecord {
    spell: u32,
    user: u32,
    line: u64,
    last: u32,
    events: Option<f64>,
}

/// What [`FileReader::merge_part`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PartMerge {
    /// Whether the part's rows were merged (false: refused; the sequential reader reads the part itself).
    pub merged: bool,
    /// The byte the sequential reader goes on reading from: the part's start when refused, where the part
    /// stopped, or the part's end.
    pub resume_at: u64,
}

/// The reader of a later part of a file, from `start` (just after a newline) to the end of the file or of
/// the part. Feed it with [`PartReader::push`]; [`PartReader::stopped`] tells when it needs no more bytes.
pub struct PartReader {
    reader: FileReader,
    setup: PartSetup,
    start: u64,
}

impl FileReader {
    /// A part reader reads the rows the general path must read itself (their diagnostics, and a one reading's
    /// rows kept for the extractor, travel with its result), except in a second reading: only the sequential
    /// reader has the extractor, so such a part stops at the first of them.
    pub(in crate::ingest) fn part_stops_at_general_rows(&self) -> bool {
        self.part
            && self
                .fast
                .as_ref()
                .is_none_or(|f| f.usages.is_some() && f.one_reading.is_none())
    }

    /// What a reader of a later part of this file needs, once the header is settled and the fast path reads
    /// the rows below it in a UTF-8 file; `None` otherwise (such a file is read sequentially only).
    pub fn part_setup(&self) -> Option<PartSetup> {
        if self.error.is_some() || self.finished || self.part {
            return None;
        }
        if !matches!(self.rows_phase, RowPhase::Data) {
            return None;
        }
        let Phase::Parsing { delimiter, .. } = &self.phase else {
            return None;
        };
        if !self.decoder.as_ref()?.passed_everything() {
            return None;
        }
        let fast = self.fast.as_ref()?;
        Some(PartSetup {
            width: fast.width,
            delimiter: delimiter.0,
            usage: fast
                .usages
                .as_ref()
                .map(|u| (u.date, u.user, u.tool, u.events)),
            one_reading: fast.one_reading.is_some(),
        })
    }

    /// Merges a part read elsewhere, when this reader has read exactly the bytes before it and stands between
    /// two records there. Then goes on from [`PartMerge::resume_at`]: feed the file's bytes from there.
    pub fn merge_part(&mut self, part: &PartResult) -> PartMerge {
        let refused = PartMerge {
            merged: false,
            resume_at: part.start,
        };
        if !part.usable || self.part_setup().as_ref() != Some(&part.setup) {
            return refused;
        }
        // A part that crosses the byte limit: read in order, so that the limit stops the reading where it would.
        if self
            .options
            .max_bytes
            .is_some_and(|max| part.start + part.read > max)
        {
            return refused;
        }
        let at_start = self
            .decoder
            .as_ref()
            .is_some_and(|d| d.bytes_read() == part.start);
        let between_records = self.pending_start.is_none()
            && self.out_len == 0
            && self.end_len == 0
            && self.record_quotes == 0;
        if !at_start || !between_records || self.profiles.len() != part.profiles.len() {
            return refused;
        }
        let Some(fast) = self.fast.as_mut() else {
            return refused;
        };
        if fast.cols.len() != part.columns.len() {
            return refused;
        }
        // Rows kept for the extractor past the memory a one reading may spend on them: read in order, so that
        // the reading gives up where it would.
        if !part.deferred.is_empty()
            && (fast.one_reading.is_none()
                || fast.deferred_bytes as u64 + part.deferred_bytes > DEFERRED_BYTES as u64)
        {
            return refused;
        }
        match (fast.usages.as_ref(), part.usage.as_ref()) {
            (None, None) => {}
            (Some(u), Some(p)) => {
                let mine = u
                    .rows
                    .iter()
                    .filter(|m| m.has_events)
                    .all(|m| m.events.fract() == 0.0 && m.events.abs() < EXACT_SUM);
                let mut total = 0.0;
                for e in p.records.iter().filter_map(|r| r.events) {
                    if e.fract() != 0.0 || e < 0.0 {
                        return refused;
                    }
                    total += e;
                }
                if !mine || total >= EXACT_SUM {
                    return refused;
                }
            }
            _ => return refused,
        }

        // Merged from here on.
        let shift = self.newlines;
        if let Some(d) = self.decoder.as_mut() {
            d.skip_read_elsewhere(part.read, part.newlines);
        }
        self.fed += part.read;
        self.newlines += part.newlines;
        self.record_from = (self.fed, self.newlines);
        self.rows += part.rows;
        self.rows_skipped += part.rows_skipped;
        self.blank_lines += part.blank_lines;
        // The part's diagnostics come after this reader's, in line order: listed as if pushed here.
        for d in &part.diagnostics {
            let mut d = d.clone();
            d.line = d.line.map(|l| l + shift);
            self.diags.push(d);
        }
        for (code, n, severity) in &part.per_code {
            let listed = part.diagnostics.iter().filter(|d| &d.code == code).count() as u64;
            if *n > listed {
                self.diags
                    .per_code
                    .entry(code.clone())
                    .or_insert((0, *severity))
                    .0 += (*n - listed) as usize;
            }
        }
        for (line, fields) in &part.deferred {
            fast.deferred.push((line + shift, fields.clone()));
        }
        fast.deferred_bytes += part.deferred_bytes as usize;
        for (p, q) in self.profiles.iter_mut().zip(&part.profiles) {
            p.merge(q);
        }
        for (c, q) in fast.cols.iter_mut().zip(&part.columns) {
            for k in 0..CLASSES {
                c.counts[k] += q.counts[k];
                if c.reps[k].is_none() {
                    c.reps[k] = q.reps.get(k).cloned().flatten();
                }
            }
            c.blank += q.blank;
        }
        if let (Some(u), Some(p)) = (fast.usages.as_mut(), part.usage.as_ref()) {
            let users: Vec<u32> = p.users.iter().map(|k| u.users.intern(k, ()).0).collect();
            let spellings: Vec<(u32, u32)> = p.spellings.iter().map(|s| u.tool_ids(s)).collect();
            // In batches: the (tool, account) cells and the records they point to are loaded first, so that the
            // cache misses of a batch overlap (as the kernel warms its rows), then merged in order.
            let mut sink = 0u64;
            for batch in p.records.chunks(64) {
                for r in batch {
                    let (tool, _) = spellings[r.spell as usize];
                    sink = sink.wrapping_add(u64::from(
                        u.index.peek(tool, users[r.user as usize]).unwrap_or(0),
                    ));
                }
                for r in batch {
                    let (tool, _) = spellings[r.spell as usize];
                    if let Some(i) = u.index.peek(tool, users[r.user as usize]) {
                        sink = sink.wrapping_add(u64::from(u.rows[i as usize].last));
                    }
                }
                for r in batch {
                    u.merge_part_record(r, &users, &spellings, shift);
                }
            }
            std::hint::black_box(sink);
        }
        PartMerge {
            merged: true,
            resume_at: part.start + part.read,
        }
    }
}

impl super::Usages {
    /// One record of a part, merged into this reading's record of its (tool, account), or appended as a new one
    /// (its first line shifted by the `shift` lines before the part).
    #[inline]
    fn merge_part_record(
        &mut self,
        r: &PartRecord,
        users: &[u32],
        spellings: &[(u32, u32)],
        shift: u64,
    ) {
        let user = users[r.user as usize];
        let (tool, spell) = spellings[r.spell as usize];
        match self.index.get_or_insert(tool, user, self.rows.len() as u32) {
            Some(i) => self.merge_into(i, r.last, r.events),
            None => {
                self.push_record(r.line + shift, spell, user, r.last, r.events);
            }
        }
    }
}

impl PartReader {
    /// A reader of the part of the file that starts at byte `start`.
    pub fn new(setup: &PartSetup, start: u64) -> PartReader {
        let mut reader = FileReader::new("", Options::default());
        reader.decoder = Some(TextDecoder::utf8_part());
        reader.error = None;
        reader.phase = Phase::Parsing {
            reader: Box::new(ReaderBuilder::new().delimiter(setup.delimiter).build()),
            delimiter: Delimiter(setup.delimiter),
        };
        reader.rows_phase = RowPhase::Data;
        reader.header = vec![String::new(); setup.width];
        reader.profiles = vec![ColumnProfile::new(); setup.width];
        let mut fast = Fast::new(setup.width, setup.delimiter, setup.usage, setup.one_reading);
        fast.part = true;
        reader.fast = Some(fast);
        reader.part = true;
        PartReader {
            reader,
            setup: setup.clone(),
            start,
        }
    }

    /// Feeds the part's next bytes (ignored once it stopped).
    pub fn push(&mut self, bytes: &[u8]) {
        self.reader.push(bytes);
    }

    /// Whether the part stopped (at a row for the sequential reader, or at bad bytes): it needs no more bytes.
    pub fn stopped(&self) -> bool {
        self.reader.part_stop.is_some() || self.reader.error.is_some()
    }

    /// Bytes and rows read so far.
    pub fn progress(&self) -> crate::ingest::Progress {
        self.reader.progress()
    }

    /// What the part found. `end_of_file`: the part's bytes ran to the end of the file (its last line may then
    /// lack a newline); otherwise the part ends where the next one starts.
    pub fn finish(self, end_of_file: bool) -> PartResult {
        let PartReader {
            mut reader,
            setup,
            start,
        } = self;
        if end_of_file && reader.part_stop.is_none() && reader.error.is_none() {
            reader.end_of_file();
        }
        let between_records =
            reader.pending_start.is_none() && reader.out_len == 0 && reader.end_len == 0;
        let (read, newlines) = match reader.part_stop {
            Some(stop) => stop,
            None if end_of_file || between_records => (reader.fed, reader.newlines),
            // Ends inside a record (the next part's start was not a record's): up to that record.
            None => reader.record_from,
        };
        // An unclosed quote's message names the record's lines, which a part counts from its own start: such a
        // part (the file's last, rare) is read in order instead.
        let usable = reader.error.is_none()
            && !reader.diags.per_code.contains_key("unclosed_quote")
            && reader
                .decoder
                .as_ref()
                .is_some_and(TextDecoder::clean_so_far);
        let per_code = reader
            .diags
            .per_code
            .iter()
            .map(|(code, &(n, severity))| (code.clone(), n as u64, severity))
            .collect();
        let (deferred, deferred_bytes) = match reader.fast.as_mut() {
            Some(f) => (std::mem::take(&mut f.deferred), f.deferred_bytes as u64),
            None => (Vec::new(), 0),
        };
        let mut result = PartResult {
            setup,
            start,
            read,
            newlines,
            rows: reader.rows,
            usable,
            profiles: std::mem::take(&mut reader.profiles),
            columns: Vec::new(),
            usage: None,
            rows_skipped: reader.rows_skipped,
            blank_lines: reader.blank_lines,
            diagnostics: std::mem::take(&mut reader.diags.list),
            per_code,
            deferred,
            deferred_bytes,
        };
        if let Some(fast) = reader.fast.as_ref() {
            result.columns = fast
                .cols
                .iter()
                .map(|c| PartColumn {
                    counts: c.counts,
                    blank: c.blank,
                    reps: c.reps.to_vec(),
                })
                .collect();
            result.usage = fast.usages.as_ref().map(|u| PartUsage {
                users: (0..u.users.len() as u32)
                    .map(|i| u.users.get(i).into())
                    .collect(),
                spellings: (0..u.spellings.len() as u32)
                    .map(|i| String::from_utf8_lossy(u.spellings.get(i)).into())
                    .collect(),
                records: u
                    .rows
                    .iter()
                    .zip(&u.firsts)
                    .map(|(m, f)| PartRecord {
                        spell: f.spell,
                        user: f.user,
                        line: f.line,
                        last: m.last,
                        events: m.has_events.then_some(m.events),
                    })
                    .collect(),
            });
        }
        result
    }
}

impl PartResult {
    /// Where the part starts in the file.
    pub fn start(&self) -> u64 {
        self.start
    }

    /// Rows the part read (fast-path rows only).
    pub fn rows(&self) -> u64 {
        self.rows
    }
}

// ---------------------------------------------------------------------------------------------------------
// Bytes, to send a setup or a result between workers (each has its own wasm memory).

const SETUP_TAG: &[u8; 4] = b"SSs1";
const RESULT_TAG: &[u8; 4] = b"SSp2";

#[derive(Default)]
struct Out(Vec<u8>);

impl Out {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn text(&mut self, t: Option<&str>) {
        match t {
            None => self.u8(0),
            Some(t) => {
                self.u8(1);
                self.bytes(t.as_bytes());
            }
        }
    }
}

struct In<'a> {
    b: &'a [u8],
}

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.b.len() < n {
            return None;
        }
        let (a, rest) = self.b.split_at(n);
        self.b = rest;
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_bits(self.u64()?))
    }
    fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        // Every item takes at least one byte: a length past what is left is corrupt (and would over-allocate).
        (n <= self.b.len()).then_some(n)
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len()?;
        self.take(n)
    }
    fn text(&mut self) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(std::str::from_utf8(self.bytes()?).ok()?)),
            _ => None,
        }
    }
}

fn write_setup(o: &mut Out, s: &PartSetup) {
    o.u32(s.width as u32);
    o.u8(s.delimiter);
    o.u8(u8::from(s.one_reading));
    match s.usage {
        None => o.u8(0),
        Some((date, user, tool, events)) => {
            o.u8(1);
            for c in [date, user, tool, events.unwrap_or(u32::MAX as usize)] {
                o.u32(c as u32);
            }
        }
    }
}

fn read_setup(i: &mut In) -> Option<PartSetup> {
    let width = i.u32()? as usize;
    let delimiter = i.u8()?;
    let one_reading = i.u8()? != 0;
    let usage = match i.u8()? {
        0 => None,
        1 => {
            let mut c = [0usize; 4];
            for v in &mut c {
                *v = i.u32()? as usize;
            }
            if c[..3].iter().any(|&v| v >= width) || (c[3] != u32::MAX as usize && c[3] >= width) {
                return None;
            }
            Some((
                c[0],
                c[1],
                c[2],
                (c[3] != u32::MAX as usize).then_some(c[3]),
            ))
        }
        _ => return None,
    };
    Some(PartSetup {
        width,
        delimiter,
        usage,
        one_reading,
    })
}

impl PartSetup {
    /// The setup as bytes (for another worker).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut o = Out::default();
        o.0.extend_from_slice(SETUP_TAG);
        write_setup(&mut o, self);
        o.0
    }

    /// The setup of [`PartSetup::to_bytes`]; `None` for any other bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<PartSetup> {
        let mut i = In { b: bytes };
        if i.take(4)? != SETUP_TAG {
            return None;
        }
        let s = read_setup(&mut i)?;
        i.b.is_empty().then_some(s)
    }
}

impl PartResult {
    /// The result as bytes (for the sequential reader's worker).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut o = Out(Vec::with_capacity(
            4096 + self.profiles.len() * 1024
                + self.usage.as_ref().map_or(0, |u| {
                    u.records.len() * 29 + u.users.iter().map(|k| k.len() + 4).sum::<usize>()
                }),
        ));
        o.0.extend_from_slice(RESULT_TAG);
        write_setup(&mut o, &self.setup);
        for v in [self.start, self.read, self.newlines, self.rows] {
            o.u64(v);
        }
        o.u8(u8::from(self.usable));
        o.u32(self.profiles.len() as u32);
        for p in &self.profiles {
            let w = p.words();
            o.u32(w.len() as u32);
            for v in w {
                o.u64(v);
            }
            o.text(p.currency_seen());
        }
        o.u32(self.columns.len() as u32);
        for c in &self.columns {
            for &v in &c.counts {
                o.u64(v);
            }
            o.u64(c.blank);
            for k in 0..CLASSES {
                o.text(c.reps.get(k).and_then(|r| r.as_deref()));
            }
        }
        match &self.usage {
            None => o.u8(0),
            Some(u) => {
                o.u8(1);
                o.u32(u.users.len() as u32);
                for k in &u.users {
                    o.bytes(k);
                }
                o.u32(u.spellings.len() as u32);
                for s in &u.spellings {
                    o.bytes(s.as_bytes());
                }
                o.u32(u.records.len() as u32);
                for r in &u.records {
                    o.u32(r.spell);
                    o.u32(r.user);
                    o.u64(r.line);
                    o.u32(r.last);
                    match r.events {
                        None => o.u8(0),
                        Some(e) => {
                            o.u8(1);
                            o.f64(e);
                        }
                    }
                }
            }
        }
        o.u64(self.rows_skipped);
        o.u64(self.blank_lines);
        o.u32(self.diagnostics.len() as u32);
        for d in &self.diagnostics {
            o.u8(severity_byte(d.severity));
            o.bytes(d.code.as_bytes());
            o.bytes(d.message.as_bytes());
            o.u64(d.line.map_or(0, |l| l + 1));
            o.u32(d.column.map_or(0, |c| c.saturating_add(1)));
            o.text(d.raw.as_deref());
        }
        o.u32(self.per_code.len() as u32);
        for (code, n, severity) in &self.per_code {
            o.bytes(code.as_bytes());
            o.u64(*n);
            o.u8(severity_byte(*severity));
        }
        o.u32(self.deferred.len() as u32);
        for (line, fields) in &self.deferred {
            o.u64(*line);
            o.u32(fields.len() as u32);
            for f in fields {
                o.bytes(f.as_bytes());
            }
        }
        o.u64(self.deferred_bytes);
        o.0
    }

    /// The result of [`PartResult::to_bytes`]; `None` for any other bytes (ids out of range included).
    pub fn from_bytes(bytes: &[u8]) -> Option<PartResult> {
        let mut i = In { b: bytes };
        if i.take(4)? != RESULT_TAG {
            return None;
        }
        let setup = read_setup(&mut i)?;
        let (start, read, newlines, rows) = (i.u64()?, i.u64()?, i.u64()?, i.u64()?);
        let usable = i.u8()? != 0;
        let n = i.len()?;
        let mut profiles = Vec::with_capacity(n);
        for _ in 0..n {
            let k = i.len()?;
            let mut w = Vec::with_capacity(k);
            for _ in 0..k {
                w.push(i.u64()?);
            }
            profiles.push(ColumnProfile::from_words(&w, i.text()?)?);
        }
        let n = i.len()?;
        let mut columns = Vec::with_capacity(n);
        for _ in 0..n {
            let mut c = PartColumn::default();
            for v in &mut c.counts {
                *v = i.u64()?;
            }
            c.blank = i.u64()?;
            for _ in 0..CLASSES {
                c.reps.push(i.text()?.map(Into::into));
            }
            columns.push(c);
        }
        let usage = match i.u8()? {
            0 => None,
            1 => {
                let n = i.len()?;
                let mut users = Vec::with_capacity(n);
                for _ in 0..n {
                    users.push(i.bytes()?.into());
                }
                let n = i.len()?;
                let mut spellings = Vec::with_capacity(n);
                for _ in 0..n {
                    spellings.push(std::str::from_utf8(i.bytes()?).ok()?.into());
                }
                let n = i.len()?;
                let mut records = Vec::with_capacity(n);
                for _ in 0..n {
                    let (spell, user, line, last) = (i.u32()?, i.u32()?, i.u64()?, i.u32()?);
                    let events = match i.u8()? {
                        0 => None,
                        1 => Some(i.f64()?),
                        _ => return None,
                    };
                    if spell as usize >= spellings.len() || user as usize >= users.len() {
                        return None;
                    }
                    records.push(PartRecord {
                        spell,
                        user,
                        line,
                        last,
                        events,
                    });
                }
                Some(PartUsage {
                    users,
                    spellings,
                    records,
                })
            }
            _ => return None,
        };
        let (rows_skipped, blank_lines) = (i.u64()?, i.u64()?);
        let text = |b: &[u8]| std::str::from_utf8(b).ok().map(str::to_string);
        let n = i.len()?;
        let mut diagnostics = Vec::with_capacity(n);
        for _ in 0..n {
            let severity = byte_severity(i.u8()?)?;
            let code = text(i.bytes()?)?;
            let message = text(i.bytes()?)?;
            let line = i.u64()?.checked_sub(1);
            let column = i.u32()?.checked_sub(1);
            let raw = i.text()?.map(str::to_string);
            diagnostics.push(Diagnostic {
                line,
                column,
                severity,
                code,
                message,
                raw,
            });
        }
        let n = i.len()?;
        let mut per_code = Vec::with_capacity(n);
        for _ in 0..n {
            per_code.push((text(i.bytes()?)?, i.u64()?, byte_severity(i.u8()?)?));
        }
        let n = i.len()?;
        let mut deferred = Vec::with_capacity(n);
        for _ in 0..n {
            let line = i.u64()?;
            let k = i.len()?;
            let mut fields = Vec::with_capacity(k);
            for _ in 0..k {
                fields.push(text(i.bytes()?)?);
            }
            deferred.push((line, fields));
        }
        let deferred_bytes = i.u64()?;
        if !i.b.is_empty()
            || profiles.len() != setup.width
            || columns.len() != setup.width
            || usage.is_some() != setup.usage.is_some()
        {
            return None;
        }
        Some(PartResult {
            setup,
            start,
            read,
            newlines,
            rows,
            usable,
            profiles,
            columns,
            usage,
            rows_skipped,
            blank_lines,
            diagnostics,
            per_code,
            deferred,
            deferred_bytes,
        })
    }
}

fn severity_byte(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn byte_severity(b: u8) -> Option<Severity> {
    match b {
        0 => Some(Severity::Info),
        1 => Some(Severity::Warning),
        2 => Some(Severity::Error),
        _ => None,
    }
}
