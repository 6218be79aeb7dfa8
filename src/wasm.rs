//! Every `#[wasm_bindgen]` item, and nothing else: a thin skin over the pure core for the page's worker.
//!
//! Reading a file for analysis takes two passes over its bytes (see `ingest::extract`), or one for a plain
//! usage log:
//!
//! ```js
//! const first = new FileSession(name, { ...options, one_reading: true }); // push(chunk)… then finish()
//! let session = first;
//! if (!first.hasRecords()) {                      // most files: a second reading extracts the records
//!   const plan = first.plan();                    // the decisions of the first reading
//!   session = new FileSession(name, { ...options, plan });
//!   // push(chunk)… then:
//! }
//! const findings = workspace.add(session);        // keeps the typed records, returns the findings
//! const { report, diagnostics, charts } = workspace.analyze(options);
//! ```

use crate::analysis::{analyze_files, AnalysisOptions};
use crate::charts::ChartOptions;
use crate::ingest::{
    read_records_bytes, FileReader, Inspection, Options, PartReader, PartResult, PartSetup,
};
use crate::model::Records;
use crate::pseudonymise::{mask_vendors, pseudonymise_files, PseudonymOptions};
use crate::report::Report;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// What the page asks of an analysis: the analysis options, chart look, and the pseudonymised mode.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct PageOptions {
    #[serde(flatten)]
    analysis: AnalysisOptions,
    charts: Option<ChartOptions>,
    pseudonymise: Option<PseudonymOptions>,
}

#[derive(Serialize)]
struct PageAnalysis<'a> {
    report: &'a Report,
    diagnostics: &'a [crate::error::Diagnostic],
    /// `[name, svg]` pairs in dashboard order.
    charts: Vec<(String, String)>,
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&ser)
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("invalid {what}: {e}")))
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs a panic hook that keeps the message, so the page can show what went wrong after a trap.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic inside the core, if one happened (the module must then be reloaded).
#[wasm_bindgen]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// Panics on purpose, with a recognisable message: the page's crash path (panic hook → readable message →
/// banner with details to copy → engine restarted) is exercised with the module users get. The page calls it
/// when opened with `#self-test-panic` at the end of its address (docs/reliability.md).
#[wasm_bindgen]
pub fn self_test_panic() {
    panic!("self-test: a deliberate panic, to check that a crash reaches the page readably");
}

/// The version of the core, shown in the page's footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// One reading of one file.
#[wasm_bindgen]
pub struct FileSession {
    reader: Option<FileReader>,
    done: Option<Inspection>,
}

#[wasm_bindgen]
impl FileSession {
    /// `options`: `{ encoding?, delimiter?, mapping?, max_bytes?, max_rows?, plan?, one_reading? }` or
    /// `undefined` (see `ingest::Options`).
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, options: JsValue) -> Result<FileSession, JsError> {
        let options: Options = from_js(options, "options")?;
        Ok(FileSession {
            reader: Some(FileReader::new(name, options)),
            done: None,
        })
    }

    /// Feeds the next chunk of bytes.
    pub fn push(&mut self, chunk: &[u8]) {
        if let Some(r) = self.reader.as_mut() {
            r.push(chunk);
        }
    }

    /// Once the header is settled (after the first 64 KiB or so): what a `PartSession` reading a later part of
    /// this file in another worker needs, as bytes; `undefined` when this file is read in one piece only (not
    /// UTF-8, the general path…). See `ingest::PartReader`.
    #[wasm_bindgen(js_name = partSetup)]
    pub fn part_setup(&self) -> Option<Vec<u8>> {
        self.reader
            .as_ref()
            .and_then(FileReader::part_setup)
            .map(|s| s.to_bytes())
    }

    /// Merges what a `PartSession` found (its `finish()` bytes), once exactly the bytes before that part were
    /// pushed. Returns `{ merged, resume_at }`: push the file's bytes from `resume_at` on (the part's start when
    /// it was refused, where it stopped, or its end).
    #[wasm_bindgen(js_name = mergePart)]
    pub fn merge_part(&mut self, part: &[u8]) -> Result<JsValue, JsError> {
        let part = PartResult::from_bytes(part)
            .ok_or_else(|| JsError::new("not the bytes of a part's result"))?;
        let r = self
            .reader
            .as_mut()
            .ok_or_else(|| JsError::new("the file was already finished"))?;
        to_js(&r.merge_part(&part))
    }

    /// `{ bytes, rows }` so far.
    pub fn progress(&self) -> Result<JsValue, JsError> {
        match &self.reader {
            Some(r) => to_js(&r.progress()),
            None => Err(JsError::new("the file was already finished")),
        }
    }

    /// Ends the file; returns the findings (the fields of `ingest::Inspection`, documented in docs/inspect.md).
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| JsError::new("the file was already finished"))?;
        let found = reader.finish();
        let js = to_js(&found);
        self.done = Some(found);
        js
    }

    /// The decisions of this reading, to pass as `options.plan` to a second reading; `null` if unreadable.
    pub fn plan(&self) -> Result<JsValue, JsError> {
        match self.done.as_ref().and_then(|f| f.plan()) {
            Some(p) => to_js(&p),
            None => Ok(JsValue::NULL),
        }
    }

    /// Ends a first reading; returns its plan (for `new FileSession(name, { plan })`, the second reading that
    /// extracts records), or `null` when the file could not be read. Unlike `finish`, the findings are not
    /// handed to JS.
    #[wasm_bindgen(js_name = finishPlan)]
    pub fn finish_plan(&mut self) -> Result<JsValue, JsError> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| JsError::new("the file was already finished"))?;
        let found = reader.finish();
        let plan = found.plan();
        self.done = Some(found);
        match plan {
            Some(plan) => to_js(&plan),
            None => Ok(JsValue::NULL),
        }
    }

    /// After `finish` or `finishPlan`: whether this reading already holds the file's typed records — a first
    /// reading made with `{ one_reading: true }` that could be sure of them (a plain usage log), or a second
    /// reading. When true, no second reading is needed: pass this session to `Workspace.add`.
    #[wasm_bindgen(js_name = hasRecords)]
    pub fn has_records(&self) -> bool {
        self.done.as_ref().is_some_and(|f| f.records.is_some())
    }

    /// After `finish` or `finishPlan`: the typed records (see `hasRecords`), kept in the module.
    #[wasm_bindgen(js_name = takeRecords)]
    pub fn take_records(&mut self) -> Result<RecordSet, JsError> {
        let found = self
            .done
            .as_mut()
            .ok_or_else(|| JsError::new("the file is not finished"))?;
        if let Some(e) = &found.error {
            return Err(JsError::new(&e.message));
        }
        Ok(RecordSet {
            records: found.records.take().unwrap_or_default(),
        })
    }

    /// Ends a reading made with a plan; returns its typed records, kept in the module.
    #[wasm_bindgen(js_name = finishRecords)]
    pub fn finish_records(&mut self) -> Result<RecordSet, JsError> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| JsError::new("the file was already finished"))?;
        let found = reader.finish();
        if let Some(e) = found.error {
            return Err(JsError::new(&e.message));
        }
        Ok(RecordSet {
            records: found.records.unwrap_or_default(),
        })
    }
}

/// A later part of a file read in another worker (each worker has its own module): from `FileSession.partSetup()`
/// and the part's first byte (just after a newline), fed with `push`, ended with `finish`, whose bytes go to the
/// reading's `FileSession.mergePart`.
#[wasm_bindgen]
pub struct PartSession {
    reader: Option<PartReader>,
}

#[wasm_bindgen]
impl PartSession {
    #[wasm_bindgen(constructor)]
    pub fn new(setup: &[u8], start: f64) -> Result<PartSession, JsError> {
        let setup = PartSetup::from_bytes(setup)
            .ok_or_else(|| JsError::new("not the bytes of a part's setup"))?;
        if !(start >= 0.0 && start.fract() == 0.0) {
            return Err(JsError::new("a part starts at a whole byte offset"));
        }
        Ok(PartSession {
            reader: Some(PartReader::new(&setup, start as u64)),
        })
    }

    /// Feeds the part's next bytes.
    pub fn push(&mut self, chunk: &[u8]) {
        if let Some(r) = self.reader.as_mut() {
            r.push(chunk);
        }
    }

    /// `{ bytes, rows }` read so far in this part.
    pub fn progress(&self) -> Result<JsValue, JsError> {
        match &self.reader {
            Some(r) => to_js(&r.progress()),
            None => Err(JsError::new("the part was already finished")),
        }
    }

    /// Whether the part stopped (the rest is for the sequential reading): no need to push more.
    pub fn stopped(&self) -> bool {
        self.reader.as_ref().is_none_or(PartReader::stopped)
    }

    /// Ends the part (`end_of_file`: its bytes ran to the file's end); returns what it found, as bytes.
    pub fn finish(&mut self, end_of_file: bool) -> Result<Vec<u8>, JsError> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| JsError::new("the part was already finished"))?;
        Ok(reader.finish(end_of_file).to_bytes())
    }
}

/// Typed records of one file, kept in the module's memory.
#[wasm_bindgen]
pub struct RecordSet {
    records: Records,
}

/// The utilisation + overlap workload (see `workload`) as a plain JS object.
#[wasm_bindgen]
pub fn utilisation(usage: &RecordSet, licences: &RecordSet) -> Result<JsValue, JsError> {
    to_js(&crate::workload::utilisation(
        &usage.records.usage,
        &licences.records.licences,
    ))
}

/// The streaming floor for benchmarks: takes chunks as `FileSession.push` does and only counts newlines.
#[wasm_bindgen]
#[derive(Default)]
pub struct NewlineCounter {
    count: u64,
}

#[wasm_bindgen]
impl NewlineCounter {
    #[wasm_bindgen(constructor)]
    pub fn new() -> NewlineCounter {
        NewlineCounter::default()
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.count += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
    }

    pub fn count(&self) -> f64 {
        self.count as f64
    }
}

/// The files read so far and their analysis.
#[wasm_bindgen]
pub struct Workspace {
    files: Vec<Inspection>,
    last: Option<Report>,
    last_options: PageOptions,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new()
    }
}

#[wasm_bindgen]
impl Workspace {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workspace {
        Workspace {
            files: Vec::new(),
            last: None,
            last_options: PageOptions::default(),
        }
    }

    /// Keeps a finished reading that holds records (a second reading, or a first one whose `hasRecords()` is
    /// true): its records join the analysis. A file of the same name is replaced. Returns its findings.
    pub fn add(&mut self, session: &mut FileSession) -> Result<JsValue, JsError> {
        if session.done.is_none() {
            session.finish()?;
        }
        let found = session
            .done
            .take()
            .ok_or_else(|| JsError::new("the reading has no result"))?;
        let js = to_js(&found);
        self.files.retain(|f| f.file != found.file);
        self.files.push(found);
        js
    }

    /// Forgets a file (and frees its records).
    pub fn remove(&mut self, name: &str) {
        self.files.retain(|f| f.file != name);
    }

    /// Forgets every file.
    pub fn clear(&mut self) {
        self.files.clear();
    }

    /// Reads the built-in demo company's files (both passes, in memory) into the workspace; returns their
    /// findings.
    pub fn load_demo(&mut self) -> Result<JsValue, JsError> {
        self.files.clear();
        for f in crate::demo::demo_files() {
            self.files
                .push(read_records_bytes(f.name, &f.bytes, &Options::default()));
        }
        to_js(&self.files)
    }

    /// Analyses every file: `{ report, diagnostics, charts }`, with `charts` as `[name, svg]` pairs.
    /// `options`: `{ settings?, currency?, rates?, alias_rules?, charts?, pseudonymise? }`.
    pub fn analyze(&mut self, options: JsValue) -> Result<JsValue, JsError> {
        let options: PageOptions = from_js(options, "analysis options")?;
        let analysis = match &options.pseudonymise {
            Some(p) => analyze_files(&pseudonymise_files(&self.files, p), &options.analysis),
            None => analyze_files(&self.files, &options.analysis),
        };
        let report = match &options.pseudonymise {
            Some(p) if p.mask_vendors => mask_vendors(&analysis.report),
            _ => analysis.report,
        };
        let chart_options = options.charts.clone().unwrap_or_default();
        let charts = crate::dashboard::report_charts(&report, &chart_options);
        let js = to_js(&PageAnalysis {
            report: &report,
            diagnostics: &analysis.diagnostics,
            charts,
        });
        self.last = Some(report);
        self.last_options = options;
        js
    }

    /// One chart of the last analysis as SVG: `name` is one of the dashboard's charts (`spend_by_tool`,
    /// `seat_utilisation`, …), `options` the chart look (`{ width, height, theme, accent, top_n }`; default:
    /// the look of the last analysis). The currency is always the report's. Byte-identical to the same chart in
    /// `analyze`'s `charts`.
    pub fn chart(&self, name: &str, options: JsValue) -> Result<String, JsError> {
        let report = self
            .last
            .as_ref()
            .ok_or_else(|| JsError::new("nothing analysed yet"))?;
        let mut opts: ChartOptions = if options.is_undefined() || options.is_null() {
            self.last_options.charts.clone().unwrap_or_default()
        } else {
            from_js(options, "chart options")?
        };
        opts.currency = report.currency.clone();
        crate::dashboard::chart(report, name, &opts)
            .ok_or_else(|| JsError::new(&format!("no chart named '{name}'")))
    }

    /// The last analysis as one self-contained HTML file (charts inline, no script).
    pub fn export_html(&self) -> Result<String, JsError> {
        let report = self
            .last
            .as_ref()
            .ok_or_else(|| JsError::new("nothing analysed yet"))?;
        let options = crate::export::HtmlOptions {
            title: None,
            chart_options: self.last_options.charts.clone().unwrap_or_default(),
        };
        Ok(crate::export::html_report(report, &options))
    }

    /// The last report as JSON text (the `stackscope analyze --json` report).
    pub fn export_json(&self) -> Result<String, JsError> {
        let report = self
            .last
            .as_ref()
            .ok_or_else(|| JsError::new("nothing analysed yet"))?;
        serde_json::to_string_pretty(report).map_err(|e| JsError::new(&e.to_string()))
    }

    /// A table of the last report as CSV (formulas neutralised): `tools`, `recommendations`, `renewals`,
    /// `spend_by_tool`, `unmatched`, `non_software`, `overlaps`, `people`.
    pub fn export_csv(&self, table: &str) -> Result<String, JsError> {
        let report = self
            .last
            .as_ref()
            .ok_or_else(|| JsError::new("nothing analysed yet"))?;
        crate::export::table_csv(report, table)
            .ok_or_else(|| JsError::new(&format!("no table named '{table}'")))
    }

    /// Every file's diagnostics as CSV: file, line, column, severity, code, message, raw.
    pub fn diagnostics_csv(&self) -> String {
        crate::export::diagnostics_csv(&self.files)
    }
}

/// The demo company's exports as `[{ name, description, bytes }]`, for the page to offer as downloads.
#[wasm_bindgen]
pub fn demo_files() -> Result<JsValue, JsError> {
    let arr = js_sys::Array::new();
    for f in crate::demo::demo_files() {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"name".into(), &f.name.into())
            .map_err(|_| JsError::new("demo"))?;
        js_sys::Reflect::set(&o, &"description".into(), &f.description.into())
            .map_err(|_| JsError::new("demo"))?;
        js_sys::Reflect::set(
            &o,
            &"bytes".into(),
            &js_sys::Uint8Array::from(f.bytes.as_slice()).into(),
        )
        .map_err(|_| JsError::new("demo"))?;
        arr.push(&o);
    }
    Ok(arr.into())
}
