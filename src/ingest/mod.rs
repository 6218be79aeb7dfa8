//! Bytes of one file → what it is and its rows: dialect, header, column types and roles, diagnostics.
//!
//! [`FileReader`] is a push parser: feed chunks of any size with [`FileReader::push`] (straight from
//! `File.stream()` in the page, or from a file natively), then call [`FileReader::finish`]. The result does not
//! depend on how the bytes were chunked. Memory held is a bounded sample plus the rows kept for analysis (when
//! asked for), never a second copy of the raw file.
//!
//! ```
//! use stackscope::ingest::{inspect_bytes, Options};
//! let found = inspect_bytes("tools.csv", b"Tool,Seats\nSlack,10\nZoom,(n/a)\n", &Options::default());
//! assert_eq!(found.delimiter.as_deref(), Some(","));
//! assert_eq!(found.rows, 2);
//! assert_eq!(found.columns[1].column_type, stackscope::model::ColumnType::Text);
//! ```

pub mod dialect;
pub mod extract;
mod fast;
pub mod formats;
pub mod roles;
pub mod values;

use crate::decode::{TextDecoder, SNIFF_BYTES};
use crate::error::{Diagnostic, FileError, Severity};
use crate::model::Records;
use crate::model::{ColumnType, Kind, Role};
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use dialect::{sniff_delimiter, Delimiter};
use extract::{ColumnPlan, Extractor, Plan};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use values::{ColumnInference, ColumnProfile};

pub use fast::parts::{PartMerge, PartReader, PartResult, PartSetup};

/// Lines that accounting reports put below the data (QuickBooks: "Accrual basis Sunday, November 1, …").
const FOOTER_PREFIXES: &[&str] = &[
    "accrual basis",
    "cash basis",
    "report generated",
    "generated on",
    "generated at",
    "printed on",
    "run date:",
];

/// How many records are examined to find the header row.
pub const HEADER_SEARCH_RECORDS: usize = 60;
/// At most this many diagnostics of one kind are listed one by one; the rest are counted.
pub const DIAGNOSTICS_PER_CODE: usize = 50;

/// What the user chose for a file; every field is optional.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// An encoding label (`utf-8`, `utf-16le`, `windows-1252`…); detected when absent.
    pub encoding: Option<String>,
    /// `,` `;` `tab` or `|`; sniffed when absent.
    pub delimiter: Option<String>,
    /// Kind and column roles chosen by the user; they win over detection.
    pub mapping: Option<Mapping>,
    /// Stop with an error past this many bytes.
    pub max_bytes: Option<u64>,
    /// Stop with an error past this many data rows.
    pub max_rows: Option<u64>,
    /// The decisions of a first reading; with it, rows become typed records (see `extract`).
    pub plan: Option<Plan>,
    /// In a first reading (no `plan`): also extract the typed records when this reading can be sure they are
    /// exactly what a second reading with its plan would extract — a plain usage log, its rows read by the
    /// fast path, and the few rows the extractor must judge kept and extracted at the end with the final plan
    /// (see `fast`). `Inspection::records` is then set and no second reading is needed.
    pub one_reading: bool,
}

/// A user's override of what a file is and what its columns mean.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mapping {
    pub kind: Option<Kind>,
    /// Column name (as in the header) → role. `ignored` removes a detected role.
    pub roles: BTreeMap<String, Role>,
}

/// One column as understood.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnFinding {
    pub name: String,
    pub role: Option<Role>,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    /// Cells with a value / blank cells among the rows used.
    pub filled: u64,
    pub blank: u64,
    #[serde(skip)]
    pub inference: Option<ColumnInference>,
}

/// Everything found about one file. Field names are stable (see `docs/inspect.md`).
#[derive(Clone, Debug, Serialize)]
pub struct Inspection {
    pub file: String,
    pub bytes: u64,
    pub encoding: Option<String>,
    pub bom: bool,
    pub delimiter: Option<String>,
    /// 1-based line of the header row.
    pub header_line: Option<u64>,
    /// The known export matched, or `generic`.
    pub format: String,
    pub kind: Kind,
    /// Data records below the header (blank lines not counted).
    pub rows: u64,
    /// Records below the header that were not used (totals, footers, section lines); each has a diagnostic.
    pub rows_skipped: u64,
    /// Records below the header that were used: `rows - rows_skipped`.
    pub rows_used: u64,
    /// Lines above the header (report titles), reported.
    pub lines_above_header: u64,
    pub blank_lines: u64,
    pub columns: Vec<ColumnFinding>,
    pub diagnostics: Vec<Diagnostic>,
    /// The mapping the user chose, echoed back.
    pub mapping: Option<Mapping>,
    /// Set when the file could not be read at all.
    pub error: Option<FileErrorReport>,
    /// The typed records, when the file was read with a plan.
    #[serde(skip)]
    pub records: Option<Records>,
}

impl Inspection {
    /// The decisions of this reading, for a second reading that extracts records. `None` if unreadable.
    pub fn plan(&self) -> Option<Plan> {
        if self.error.is_some() {
            return None;
        }
        Some(Plan {
            kind: self.kind,
            format: self.format.clone(),
            blank_activity_means_never: false,
            tool: None,
            columns: self
                .columns
                .iter()
                .map(|c| ColumnPlan {
                    name: c.name.clone(),
                    role: c.role,
                    column_type: c.column_type,
                    decimal: c.inference.as_ref().map(|i| i.decimal).unwrap_or_default(),
                    date_order: c.inference.as_ref().and_then(|i| i.date_order),
                })
                .collect(),
        })
    }
}

/// A file-level error as shown to the user.
#[derive(Clone, Debug, Serialize)]
pub struct FileErrorReport {
    pub code: String,
    pub message: String,
    #[serde(skip)]
    pub error: Option<FileError>,
}

impl From<FileError> for FileErrorReport {
    fn from(e: FileError) -> Self {
        let code = serde_json::to_value(&e)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_string))
            .unwrap_or_else(|| "error".into());
        FileErrorReport {
            code,
            message: e.to_string(),
            error: Some(e),
        }
    }
}

/// Progress so far, for progress bars.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Progress {
    pub bytes: u64,
    pub rows: u64,
}

enum Phase {
    /// Collecting decoded text until the dialect can be sniffed.
    Sniffing { sample: String },
    /// Parsing records.
    Parsing {
        reader: Box<Reader>,
        delimiter: Delimiter,
    },
}

enum RowPhase {
    /// Looking for the header among the first records.
    Searching { records: Vec<(u64, Vec<String>)> },
    /// Below the header.
    Data,
}

/// The streaming reader of one file.
pub struct FileReader {
    name: String,
    options: Options,
    decoder: Option<TextDecoder>,
    phase: Phase,
    rows_phase: RowPhase,
    text: String,
    field_buf: Vec<u8>,
    ends: Vec<usize>,
    /// Bytes and field ends written so far for the record being read.
    out_len: usize,
    end_len: usize,
    /// Newlines in all text consumed by the CSV parser so far.
    newlines: u64,
    /// Start line of the record being read, known once its first byte was consumed.
    pending_start: Option<u64>,
    /// Quote characters consumed for the record being read (odd at the end of the file = an unclosed quote).
    record_quotes: u64,
    error: Option<FileError>,
    diags: Diagnostics,
    header: Vec<String>,
    header_line: Option<u64>,
    lines_above_header: u64,
    profiles: Vec<ColumnProfile>,
    rows: u64,
    rows_skipped: u64,
    blank_lines: u64,
    finished: bool,
    extractor: Option<Extractor>,
    /// The fast path below the header (see `fast`), when it applies.
    fast: Option<fast::Fast>,
    general_only: bool,
    /// Text bytes fed to the record parser so far.
    fed: u64,
    /// The last place between two records (text bytes fed before it, newlines before it): where a part read
    /// on another core stops (see `fast::parts`).
    record_from: (u64, u64),
    /// This reader reads a later part of a file (`PartReader`). A second reading's part stops, at `part_stop`,
    /// at the first row the general path must read (`part_stops_at_general_rows`); other parts read it.
    part: bool,
    part_stop: Option<(u64, u64)>,
}

impl FileReader {
    pub fn new(name: &str, options: Options) -> FileReader {
        let (decoder, error) = match TextDecoder::new(options.encoding.as_deref()) {
            Ok(d) => (Some(d), None),
            Err(e) => (None, Some(e)),
        };
        FileReader {
            name: name.to_string(),
            options,
            decoder,
            phase: Phase::Sniffing {
                sample: String::new(),
            },
            rows_phase: RowPhase::Searching {
                records: Vec::new(),
            },
            text: String::new(),
            field_buf: vec![0; 4096],
            ends: vec![0; 64],
            out_len: 0,
            end_len: 0,
            newlines: 0,
            pending_start: None,
            record_quotes: 0,
            error,
            diags: Diagnostics::default(),
            header: Vec::new(),
            header_line: None,
            lines_above_header: 0,
            profiles: Vec::new(),
            rows: 0,
            rows_skipped: 0,
            blank_lines: 0,
            finished: false,
            extractor: None,
            fast: None,
            general_only: false,
            fed: 0,
            record_from: (0, 0),
            part: false,
            part_stop: None,
        }
    }

    /// Progress so far.
    pub fn progress(&self) -> Progress {
        Progress {
            bytes: self.decoder.as_ref().map(|d| d.bytes_read()).unwrap_or(0),
            rows: self.rows,
        }
    }

    /// Feeds the next chunk of the file's bytes.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.error.is_some() || self.finished || self.part_stop.is_some() {
            return;
        }
        let Some(decoder) = self.decoder.as_mut() else {
            return;
        };
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        // Valid UTF-8 is read in place (`passed`); `text` holds what had to be decoded or copied.
        let passed = match decoder.push_text(bytes, &mut text) {
            Ok(p) => p,
            Err(e) => {
                self.error = Some(e);
                return;
            }
        };
        if let Some(max) = self.options.max_bytes {
            if decoder.bytes_read() > max {
                self.error = Some(FileError::TooLarge {
                    limit: format!("the file is larger than the limit of {max} bytes (change it in the settings)"),
                    line: None,
                });
                return;
            }
        }
        if !text.is_empty() {
            self.feed_text(&text, false);
        }
        if let Some(passed) = passed {
            self.feed_text(passed, false);
        }
        self.text = text;
    }

    /// Ends the file and returns what was found.
    pub fn finish(mut self) -> Inspection {
        if self.error.is_none() && !self.finished {
            self.finished = true;
            self.end_of_file();
        }
        self.into_inspection()
    }

    /// Flushes the decoder and reads the last record (a last line may lack its newline).
    fn end_of_file(&mut self) {
        let mut text = String::new();
        if let Some(decoder) = self.decoder.as_mut() {
            if let Err(e) = decoder.finish(&mut text) {
                self.error = Some(e);
            }
        }
        if self.error.is_none() {
            self.feed_text(&text, true);
        }
    }

    fn feed_text(&mut self, text: &str, last: bool) {
        if let Phase::Sniffing { sample } = &mut self.phase {
            sample.push_str(text);
            if sample.len() < SNIFF_BYTES && !last {
                return;
            }
            let sample = std::mem::take(sample);
            let delimiter = match self.options.delimiter.as_deref().and_then(Delimiter::parse) {
                Some(d) => d,
                None => sniff_delimiter(&sample),
            };
            let reader = ReaderBuilder::new().delimiter(delimiter.0).build();
            self.phase = Phase::Parsing {
                reader: Box::new(reader),
                delimiter,
            };
            self.parse(sample.as_bytes(), last);
            return;
        }
        self.parse(text.as_bytes(), last);
    }

    /// Feeds decoded text to the record parser. A record may span many calls: csv-core writes each call's
    /// output after what the previous calls wrote (`out_len`, `end_len`), and field ends are offsets from the
    /// start of the record.
    fn parse(&mut self, mut input: &[u8], last: bool) {
        let mut eof_signalled = false;
        let (base, total) = (self.fed, input.len() as u64);
        self.fed += total;
        loop {
            if self.pending_start.is_none() {
                self.record_from = (base + total - input.len() as u64, self.newlines);
            }
            if self.pending_start.is_none() && self.fast.is_some() {
                let n = self.fast_lines(input);
                input = &input[n..];
                if self.part_stop.is_some() {
                    return;
                }
                self.record_from = (base + total - input.len() as u64, self.newlines);
            }
            let Phase::Parsing { reader, .. } = &mut self.phase else {
                return;
            };
            if self.pending_start.is_none() {
                if let Some(k) = input.iter().position(|&b| b != b'\n' && b != b'\r') {
                    self.pending_start = Some(self.newlines + count_newlines(&input[..k]) + 1);
                }
            }
            if input.is_empty() {
                if !last || eof_signalled {
                    return;
                }
                eof_signalled = true;
            }
            let (res, nin, nout, nend) = reader.read_record(
                input,
                &mut self.field_buf[self.out_len..],
                &mut self.ends[self.end_len..],
            );
            self.newlines += count_newlines(&input[..nin]);
            self.record_quotes += input[..nin].iter().filter(|&&b| b == b'"').count() as u64;
            input = &input[nin..];
            self.out_len += nout;
            self.end_len += nend;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let n = self.field_buf.len() * 2;
                    self.field_buf.resize(n, 0);
                    eof_signalled = false;
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                    eof_signalled = false;
                }
                ReadRecordResult::Record => {
                    let line = self.pending_start.take().unwrap_or(self.newlines + 1);
                    if eof_signalled && self.record_quotes % 2 == 1 && self.newlines + 1 > line {
                        self.diags.push(
                            Diagnostic::new(
                                Severity::Warning,
                                "unclosed_quote",
                                format!(
                                    "a quote opened in this record is never closed: lines {line} to {} were read as one record; check the file for a stray \"",
                                    self.newlines + 1
                                ),
                            )
                            .at(line, None),
                        );
                    }
                    self.record_quotes = 0;
                    let nend = self.end_len;
                    self.record(line, nend);
                    self.out_len = 0;
                    self.end_len = 0;
                    eof_signalled = false;
                    if self.error.is_some() || self.part_stop.is_some() {
                        return;
                    }
                }
                ReadRecordResult::End => return,
            }
        }
    }

    fn record(&mut self, line: u64, nend: usize) {
        if matches!(self.rows_phase, RowPhase::Data) && self.fast_record(line, nend) {
            return;
        }
        if self.part_stops_at_general_rows() {
            // A row for the general path: the sequential reader reads it, from the record's start.
            self.part_stop = Some(self.record_from);
            return;
        }
        let mut fields: Vec<String> = Vec::with_capacity(nend);
        let mut start = 0;
        for &end in &self.ends[..nend] {
            let raw = &self.field_buf[start..end];
            fields.push(String::from_utf8_lossy(raw).into_owned());
            start = end;
        }
        match &mut self.rows_phase {
            RowPhase::Searching { records } => {
                records.push((line, fields));
                if records.len() >= HEADER_SEARCH_RECORDS {
                    self.settle_header();
                }
            }
            RowPhase::Data => {
                self.data_row(line, fields);
                self.fast_absorb();
            }
        }
    }

    /// Chooses the header among the buffered first records and replays the rest as data.
    fn settle_header(&mut self) {
        let RowPhase::Searching { records } =
            std::mem::replace(&mut self.rows_phase, RowPhase::Data)
        else {
            return;
        };
        let Some(h) = find_header(&records) else {
            if records.iter().any(|(_, f)| !is_blank(f)) {
                self.error = Some(FileError::NoHeader);
            } else {
                self.error = Some(FileError::Empty);
            }
            return;
        };
        let (line, header) = &records[h];
        for (l, f) in records[..h].iter().filter(|(_, f)| !is_blank(f)) {
            self.lines_above_header += 1;
            self.diags.push(
                Diagnostic::new(
                    Severity::Info,
                    "title_line",
                    "line above the header (a report title or note); not data",
                )
                .at(*l, None)
                .with_raw(f.join(" ").trim()),
            );
        }
        self.header_line = Some(*line);
        self.header = name_columns(header, *line, &mut self.diags);
        self.profiles = vec![ColumnProfile::new(); self.header.len()];
        if let Some(plan) = self.options.plan.clone() {
            if plan.columns.len() == self.header.len() {
                self.extractor = Some(Extractor::new(&self.name, plan));
            } else {
                self.diags.push(Diagnostic::new(
                    Severity::Error,
                    "plan_mismatch",
                    format!(
                        "the file changed since it was first read ({} columns, expected {}); read it again",
                        self.header.len(),
                        plan.columns.len()
                    ),
                ));
            }
        }
        self.start_fast(&records[h + 1..], &records[..h]);
        for (l, f) in records.into_iter().skip(h + 1) {
            if !self.fast_fields(l, &f) {
                self.data_row(l, f);
                self.fast_absorb();
            }
        }
    }

    fn data_row(&mut self, line: u64, fields: Vec<String>) {
        if is_blank(&fields) {
            self.blank_lines += 1;
            return;
        }
        self.rows += 1;
        if let Some(max) = self.options.max_rows {
            if self.rows > max {
                self.error = Some(FileError::TooLarge {
                    limit: format!(
                        "more than {max} rows (the row limit; change it in the settings)"
                    ),
                    line: Some(line),
                });
                return;
            }
        }
        let width = self.header.len();
        let first = fields
            .iter()
            .map(|f| f.trim())
            .find(|f| !f.is_empty())
            .unwrap_or("");
        let first_lower = first.to_lowercase();
        if first_lower.starts_with("total")
            || first_lower.starts_with("grand total")
            || first_lower == "sum"
        {
            self.rows_skipped += 1;
            self.diags.push(
                Diagnostic::new(
                    Severity::Info,
                    "total_row",
                    "a total row, not a transaction; excluded so nothing is counted twice",
                )
                .at(line, None)
                .with_raw(&fields.join(",")),
            );
            return;
        }
        if FOOTER_PREFIXES.iter().any(|p| first_lower.starts_with(p)) {
            self.rows_skipped += 1;
            self.diags.push(
                Diagnostic::new(
                    Severity::Info,
                    "footer_line",
                    "a report footer (basis, generation time), not data",
                )
                .at(line, None)
                .with_raw(&fields.join(",")),
            );
            return;
        }
        let filled = fields.iter().filter(|f| !f.trim().is_empty()).count();
        if width >= 3 && filled == 1 {
            self.rows_skipped += 1;
            let col = fields
                .iter()
                .position(|f| !f.trim().is_empty())
                .unwrap_or(0) as u32
                + 1;
            self.diags.push(
                Diagnostic::new(
                    Severity::Info,
                    "single_value_line",
                    format!("only one value where the header has {width} columns (a section, note or footer line); not data"),
                )
                .at(line, Some(col))
                .with_raw(first),
            );
            return;
        }
        if fields.len() > width {
            if let Some(extra) = fields[width..].iter().position(|f| !f.trim().is_empty()) {
                self.diags.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "extra_fields",
                        format!("the row has {} fields but the header has {width}; values past column {width} are ignored", fields.len()),
                    )
                    .at(line, Some((width + extra + 1) as u32))
                    .with_raw(fields[width + extra].trim()),
                );
            }
        } else if fields.len() < width {
            self.diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    "missing_fields",
                    format!("the row has {} fields but the header has {width}; the missing cells are unknown", fields.len()),
                )
                .at(line, Some(fields.len() as u32 + 1)),
            );
        }
        self.observe_row(&fields);
        match self.extractor.as_mut() {
            Some(ex) => {
                if let Err(skip) = ex.row(line, &fields) {
                    self.rows_skipped += 1;
                    self.diags.push(skip_diagnostic(line, skip));
                }
            }
            // A second reading would hand this row to its extractor: a one reading keeps it for the end.
            None => {
                if let Some(f) = self.fast.as_mut() {
                    f.defer(line, fields);
                }
            }
        }
    }

    fn into_inspection(mut self) -> Inspection {
        if self.error.is_none() && matches!(self.rows_phase, RowPhase::Searching { .. }) {
            self.settle_header();
        }
        let decoder_diags = self
            .decoder
            .as_ref()
            .map(|d| d.diagnostics())
            .unwrap_or_default();
        let (encoding, bom, bytes) = match &self.decoder {
            Some(d) => (
                d.encoding_name().map(str::to_string),
                d.had_bom(),
                d.bytes_read(),
            ),
            None => (None, false, 0),
        };
        let delimiter = match &self.phase {
            Phase::Parsing { delimiter, .. } => Some(delimiter.label().to_string()),
            _ => None,
        };
        let mut records = None;
        if let Some(ex) = self.extractor.take() {
            let (mut r, warnings) = ex.finish();
            for w in warnings {
                self.diags.push(w);
            }
            if let Some(usage) = self.fast.as_ref().and_then(|f| f.usage_records(&self.name)) {
                r.usage = usage;
            }
            records = Some(r);
        }
        // A column that cannot decide its decimal separator or date order follows the rest of the file. The
        // fast path's counted cells (ISO dates, plain integers, words) carry no such evidence, so the observed
        // cells' profiles hold all of it.
        let mut evidence = values::Evidence::default();
        for p in &self.profiles {
            evidence += p.evidence();
        }
        let decimal_fallback = if evidence.comma_decimal > evidence.point_decimal {
            values::DecimalSeparator::Comma
        } else {
            values::DecimalSeparator::Point
        };
        let date_fallback = if evidence.day_first > evidence.month_first {
            values::DateOrder::Dmy
        } else {
            values::DateOrder::Mdy
        };
        let mut inferences: Vec<ColumnInference> = match &self.fast {
            Some(f) => f.inferences(&self.profiles, decimal_fallback, date_fallback),
            None => self
                .profiles
                .iter()
                .map(|p| p.infer_with(decimal_fallback, date_fallback))
                .collect(),
        };
        // The header search's title lines (they are listed first, and never past the per-code limit).
        let titles: Vec<&str> = self
            .diags
            .list
            .iter()
            .filter(|d| d.code == "title_line")
            .filter_map(|d| d.raw.as_deref())
            .collect();
        let mapping = self.options.mapping.clone();
        let Decision {
            roles,
            known,
            kind,
            mostly,
            unknown_mapping,
        } = decide(&self.header, &mut inferences, &titles, mapping.as_ref());
        // A one reading, with the usage columns the final plan has: its records, skipped rows and warnings are
        // the second reading's (the fast path gives exactly what the general path gives for the same plan, and
        // the rows it kept for the extractor are extracted now with that plan; see `Fast::one_reading_records`).
        if records.is_none() && self.error.is_none() {
            let format = known.map_or("generic", |f| f.id);
            let plan = plan_of(kind, format, &self.header, &inferences, &roles);
            if let Some(once) = self
                .fast
                .as_mut()
                .and_then(|f| f.one_reading_records(&plan, &self.name))
            {
                self.rows_skipped += once.skipped.len() as u64;
                self.diags.insert_by_line(once.skipped);
                for w in once.warnings {
                    self.diags.push(w);
                }
                records = Some(once.records);
            }
        }
        let mut diagnostics = decoder_diags;
        diagnostics.extend(self.diags.finish());
        if let Some(e) = &self.error {
            diagnostics.push(Diagnostic::new(
                Severity::Error,
                "unreadable",
                e.to_string(),
            ));
        }
        for name in unknown_mapping {
            diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "mapping_unknown_column",
                format!("the mapping names a column '{name}' that this file does not have"),
            ));
        }
        for (i, ty, odd) in mostly {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    "mostly_typed",
                    format!(
                        "column '{}': {odd} cell(s) are not {} like the rest; they are read as unknown (each is listed when the file is analysed)",
                        self.header[i],
                        ty.as_str()
                    ),
                )
                .at(self.header_line.unwrap_or(1), Some(i as u32 + 1)),
            );
        }
        for (i, inf) in inferences.iter().enumerate() {
            if inf.date_order_ambiguous {
                diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    "ambiguous_date_order",
                    format!(
                        "column '{}': no date shows whether the day or the month comes first; read as month/day (choose day/month in the mapping if that is wrong)",
                        self.header[i]
                    ),
                ).at(self.header_line.unwrap_or(1), Some(i as u32 + 1)));
            }
        }
        if self.error.is_none() && self.header_line.is_some() && self.rows == 0 {
            diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "no_data_rows",
                "the file has a header but no data rows",
            ));
        }
        let columns = self
            .header
            .iter()
            .zip(inferences)
            .zip(roles)
            .map(|((name, inf), role)| ColumnFinding {
                name: name.clone(),
                role,
                column_type: inf.column_type,
                filled: inf.non_blank,
                blank: inf.blank,
                inference: Some(inf),
            })
            .collect();
        Inspection {
            file: self.name,
            bytes,
            encoding,
            bom,
            delimiter,
            header_line: self.header_line,
            format: known.map_or("generic", |f| f.id).into(),
            kind,
            rows: self.rows,
            rows_skipped: self.rows_skipped,
            rows_used: self.rows - self.rows_skipped,
            lines_above_header: self.lines_above_header,
            blank_lines: self.blank_lines,
            columns,
            diagnostics,
            mapping,
            error: self.error.map(FileErrorReport::from),
            records,
        }
    }
}

/// What a reading decides from the header and the column inferences: column roles, the known export, the
/// kind. Shared by the end of every reading and by the first reading's early guess (see `FileReader::start_fast`).
struct Decision {
    roles: Vec<Option<Role>>,
    known: Option<&'static formats::KnownFormat>,
    kind: Kind,
    /// Text columns taken as mostly of one type: (column, type, odd cells).
    mostly: Vec<(usize, ColumnType, u64)>,
    /// Columns the user's mapping names that the header does not have.
    unknown_mapping: Vec<String>,
}

fn decide(
    header: &[String],
    inferences: &mut [ColumnInference],
    titles: &[&str],
    mapping: Option<&Mapping>,
) -> Decision {
    let mut mostly = Vec::new();
    for (i, inf) in inferences.iter_mut().enumerate() {
        if let Some((ty, odd)) = mostly_typed(inf) {
            inf.column_type = ty;
            mostly.push((i, ty, odd));
        }
    }
    let types: Vec<ColumnType> = inferences.iter().map(|i| i.column_type).collect();
    let mut roles = roles::assign_roles(header, &types);
    roles::refine_for_kind(roles::kind_from_roles(&roles), header, &mut roles);
    // A known export: its roles and date order over the generic ones (the user's mapping still wins).
    let known = formats::refine(header, titles, &mut roles, inferences);
    let mut unknown_mapping = Vec::new();
    if let Some(m) = mapping {
        for (name, role) in &m.roles {
            match header.iter().position(|h| h == name) {
                Some(i) => {
                    // A role chosen for one column is taken from any other column.
                    if *role != Role::Ignored {
                        for r in roles.iter_mut() {
                            if *r == Some(*role) {
                                *r = None;
                            }
                        }
                    }
                    roles[i] = if *role == Role::Ignored {
                        None
                    } else {
                        Some(*role)
                    };
                }
                None => unknown_mapping.push(name.clone()),
            }
        }
    }
    let detected = known.map_or_else(|| roles::kind_from_roles(&roles), |f| f.kind);
    let kind = mapping.and_then(|m| m.kind).unwrap_or(detected);
    Decision {
        roles,
        known,
        kind,
        mostly,
        unknown_mapping,
    }
}

/// The plan a reading's decisions give (as `Inspection::plan`).
fn plan_of(
    kind: Kind,
    format: &str,
    header: &[String],
    inferences: &[ColumnInference],
    roles: &[Option<Role>],
) -> Plan {
    Plan {
        kind,
        format: format.to_string(),
        blank_activity_means_never: false,
        tool: None,
        columns: header
            .iter()
            .zip(inferences)
            .zip(roles)
            .map(|((name, inf), role)| ColumnPlan {
                name: name.clone(),
                role: *role,
                column_type: inf.column_type,
                decimal: inf.decimal,
                date_order: inf.date_order,
            })
            .collect(),
    }
}

/// Whether a reading with this plan aggregates usage on the fast path (a generic usage log of a date, an
/// account email, a tool and events): such a file is read at the fast path's speed, its odd rows by the general
/// path. (Tests and tools; the reading decides this by itself.)
pub fn reads_usage_fast(plan: &Plan) -> bool {
    fast::usage_columns(plan).is_some()
}

/// Reads a whole file held in memory (CLI, tests): the same code as streaming.
pub fn inspect_bytes(name: &str, bytes: &[u8], options: &Options) -> Inspection {
    let mut r = FileReader::new(name, options.clone());
    r.push(bytes);
    r.finish()
}

/// Reads a file held in memory twice, as analysis does: once to decide, once to extract typed records.
///
/// A plain usage log is read once: the first reading extracts its records itself when it can be sure they
/// are the second reading's (`Options::one_reading`).
pub fn read_records_bytes(name: &str, bytes: &[u8], options: &Options) -> Inspection {
    let mut once = options.clone();
    once.one_reading = options.plan.is_none();
    let first = inspect_bytes(name, bytes, &once);
    if first.records.is_some() && options.plan.is_none() {
        return first;
    }
    let Some(plan) = first.plan() else {
        return first;
    };
    let mut second = options.clone();
    second.plan = Some(plan);
    inspect_bytes(name, bytes, &second)
}

/// Cells that mean "nothing here": read as blank (unknown), not as text.
pub fn is_placeholder(cell: &str) -> bool {
    values::is_placeholder(cell)
}

/// A text column whose cells are at least 90 % of one type (and at least 5 of them) takes that type; the odd
/// cells are reported. Returns the type and how many cells do not fit.
fn mostly_typed(inf: &ColumnInference) -> Option<(ColumnType, u64)> {
    if inf.column_type != ColumnType::Text || inf.non_blank < 5 {
        return None;
    }
    let n = inf.non_blank;
    let f = &inf.fits;
    [
        (ColumnType::Date, f.date),
        (ColumnType::Email, f.email),
        (ColumnType::Integer, f.integer),
        (ColumnType::Decimal, f.decimal),
        (ColumnType::Money, f.money),
    ]
    .into_iter()
    .find(|(_, k)| *k * 10 >= n * 9)
    .map(|(ty, k)| (ty, n - k))
}

/// Records below the header that `data_row` sets aside before profiling them: blank lines, totals, report
/// footers and lines with a single value.
fn not_data(fields: &[String], width: usize) -> bool {
    if is_blank(fields) {
        return true;
    }
    let first = fields
        .iter()
        .map(|f| f.trim())
        .find(|f| !f.is_empty())
        .unwrap_or("")
        .to_lowercase();
    let filled = fields.iter().filter(|f| !f.trim().is_empty()).count();
    first.starts_with("total")
        || first.starts_with("grand total")
        || first == "sum"
        || FOOTER_PREFIXES.iter().any(|p| first.starts_with(p))
        || (width >= 3 && filled == 1)
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

fn is_blank(fields: &[String]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

/// The footer accounting reports print below the data (`Accrual basis Sunday, November 22, 2026 10:15 AM`).
/// A cell that reads as a label (not a number, amount, date or email).
fn is_label(cell: &str) -> bool {
    let c = cell.trim();
    if c.is_empty() {
        return false;
    }
    let mut p = ColumnProfile::new();
    p.observe(c);
    matches!(
        p.infer().column_type,
        ColumnType::Text | ColumnType::Boolean
    )
}

/// The index of the header among the first records: the first record that has at least two labels, is at
/// least half as wide as the records that follow it, and is mostly labels.
fn find_header(records: &[(u64, Vec<String>)]) -> Option<usize> {
    let filled = |f: &Vec<String>| f.iter().filter(|c| !c.trim().is_empty()).count();
    let widths: Vec<usize> = records.iter().map(|(_, f)| filled(f)).collect();
    let max_width = widths.iter().copied().max().unwrap_or(0);
    if max_width == 0 {
        return None;
    }
    if max_width == 1 {
        return records.iter().position(|(_, f)| filled(f) == 1);
    }
    for (i, (_, f)) in records.iter().enumerate() {
        let w = widths[i];
        if is_corner_header(records, i) {
            return Some(i);
        }
        if w < 2 {
            continue;
        }
        // The widest record below (data rows can leave cells blank, so compare with the widest).
        let below = widths[i + 1..].iter().copied().max().unwrap_or(w);
        if w * 2 < below {
            continue;
        }
        let labels = f.iter().filter(|c| is_label(c)).count();
        if labels * 10 >= w * 7 {
            return Some(i);
        }
    }
    None
}

/// A report header that leaves the corner cell above the row labels blank and names only the value columns,
/// as QuickBooks summary reports do (`,Total` above `Adobe,"1,200.00"`): every other cell is a label and the
/// next non-blank record fills the corner column.
fn is_corner_header(records: &[(u64, Vec<String>)], i: usize) -> bool {
    let Some((_, f)) = records.get(i) else {
        return false;
    };
    if f.len() < 2 || !f[0].trim().is_empty() || !f[1..].iter().all(|c| is_label(c)) {
        return false;
    }
    records[i + 1..]
        .iter()
        .find(|(_, r)| !is_blank(r))
        .is_some_and(|(_, r)| r.first().is_some_and(|c| !c.trim().is_empty()) && r.len() == f.len())
}

/// Header names, with empty and duplicate names made unique and reported.
fn name_columns(header: &[String], line: u64, diags: &mut Diagnostics) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(header.len());
    // Trailing empty header cells beyond the last named one are kept as columns only if named.
    let last_named = header
        .iter()
        .rposition(|h| !h.trim().is_empty())
        .map(|i| i + 1)
        .unwrap_or(0);
    for (i, raw) in header.iter().take(last_named).enumerate() {
        let mut name = raw.trim().to_string();
        if name.is_empty() {
            name = format!("column {}", i + 1);
            diags.push(
                Diagnostic::new(
                    Severity::Info,
                    "empty_header",
                    format!("column {} has no name; called '{name}'", i + 1),
                )
                .at(line, Some(i as u32 + 1)),
            );
        }
        if names.contains(&name) {
            let mut n = 2;
            while names.contains(&format!("{name} ({n})")) {
                n += 1;
            }
            let renamed = format!("{name} ({n})");
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    "duplicate_header",
                    format!("the name '{name}' is used twice; this column is called '{renamed}'"),
                )
                .at(line, Some(i as u32 + 1)),
            );
            name = renamed;
        }
        names.push(name);
    }
    names
}

/// The diagnostic of a row the extractor skipped.
fn skip_diagnostic(line: u64, skip: extract::Skip) -> Diagnostic {
    let mut d = Diagnostic::new(Severity::Warning, skip.code, skip.message).at(line, skip.column);
    if let Some(raw) = &skip.raw {
        d = d.with_raw(raw);
    }
    d
}

/// Collects diagnostics, listing at most [`DIAGNOSTICS_PER_CODE`] of each code and counting the rest.
#[derive(Default)]
struct Diagnostics {
    list: Vec<Diagnostic>,
    per_code: BTreeMap<String, (usize, Severity)>,
}

impl Diagnostics {
    fn push(&mut self, d: Diagnostic) {
        let entry = self
            .per_code
            .entry(d.code.clone())
            .or_insert((0, d.severity));
        entry.0 += 1;
        if entry.0 <= DIAGNOSTICS_PER_CODE {
            self.list.push(d);
        }
    }

    /// Diagnostics of rows, in line order, that a reading gives late (a one reading's skipped rows, found at
    /// its end), listed as if pushed when their rows were read: after every diagnostic of an earlier or the
    /// same line, with the per-code limit applied in that order. Exact because the rows' diagnostics are
    /// pushed in line order (a row's own come before its extractor's), after the header's.
    fn insert_by_line(&mut self, late: Vec<Diagnostic>) {
        if late.is_empty() {
            return;
        }
        for d in &late {
            self.per_code
                .entry(d.code.clone())
                .or_insert((0, d.severity))
                .0 += 1;
        }
        let mut late = late.into_iter().peekable();
        let mut merged = Vec::with_capacity(self.list.len() + late.len().min(1024));
        for d in std::mem::take(&mut self.list) {
            while let Some(l) = late.next_if(|l| d.line.is_some_and(|at| at > l.line.unwrap_or(0)))
            {
                merged.push(l);
            }
            merged.push(d);
        }
        merged.extend(late);
        let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
        let keep: Vec<bool> = merged
            .iter()
            .map(|d| {
                let n = listed.entry(d.code.as_str()).or_insert(0);
                *n += 1;
                *n <= DIAGNOSTICS_PER_CODE
            })
            .collect();
        // The severity a code is summed up with is that of its first diagnostic.
        for d in merged.iter().rev() {
            if let Some(e) = self.per_code.get_mut(&d.code) {
                e.1 = d.severity;
            }
        }
        self.list = merged
            .into_iter()
            .zip(keep)
            .filter_map(|(d, k)| k.then_some(d))
            .collect();
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        for (code, (n, sev)) in &self.per_code {
            if *n > DIAGNOSTICS_PER_CODE {
                self.list.push(Diagnostic::new(
                    *sev,
                    code,
                    format!(
                        "… and {} more lines like the ones above ({code})",
                        n - DIAGNOSTICS_PER_CODE
                    ),
                ));
            }
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inspect_in_chunks(bytes: &[u8], cuts: &[usize]) -> Inspection {
        let mut r = FileReader::new("t.csv", Options::default());
        let mut start = 0;
        for &c in cuts {
            r.push(&bytes[start..c]);
            start = c;
        }
        r.push(&bytes[start..]);
        r.finish()
    }

    /// Regression: csv-core writes a record spanning two pushes after what the first push wrote; the reader
    /// once restarted at offset 0 and lost the start of the record cut by a chunk boundary.
    #[test]
    fn a_record_cut_by_a_chunk_boundary_keeps_all_its_fields() {
        let mut s = String::from("tool,user_email,events\n");
        for i in 0..5000 {
            s.push_str(&format!("Slack,u{i}@northwind.example,{i}\n"));
        }
        let bytes = s.as_bytes();
        for cut in [
            SNIFF_BYTES - 1,
            SNIFF_BYTES + 3,
            SNIFF_BYTES + 11,
            bytes.len() - 5,
        ] {
            let found = inspect_in_chunks(bytes, &[cut]);
            assert_eq!(found.rows, 5000, "cut at {cut}");
            assert!(
                found.diagnostics.is_empty(),
                "cut at {cut}: {:?}",
                found.diagnostics
            );
        }
    }

    #[test]
    fn record_lines_count_blank_lines_and_embedded_newlines() {
        let found = inspect_bytes(
            "t.csv",
            b"\n\na,b,c\n1,\"x\ny\",3\n\nTotal,,9\n",
            &Options::default(),
        );
        assert_eq!(found.header_line, Some(3));
        let total = found
            .diagnostics
            .iter()
            .find(|d| d.code == "total_row")
            .unwrap();
        assert_eq!(total.line, Some(7));
    }

    #[test]
    fn a_file_of_only_blank_lines_is_empty_not_a_panic() {
        let found = inspect_bytes("t.csv", b",,,\n,,\n", &Options::default());
        assert_eq!(found.error.unwrap().code, "empty");
    }
}
