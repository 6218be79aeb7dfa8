//! Every `#[wasm_bindgen]` item, and nothing else: a thin skin over the pure core for the page's worker.
//!
//! JavaScript drives a [`FileSession`] per file: `new FileSession(name, options)`, `push(chunk)` for each chunk
//! of `File.stream()`, `progress()` for the progress bar, and `finish()` for the findings (a plain JS object with
//! the fields of `ingest::Inspection`).

use crate::ingest::{FileReader, Options};
use crate::model::Records;
use wasm_bindgen::prelude::*;

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&ser)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The version of the core, shown in the page's footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// One file being read.
#[wasm_bindgen]
pub struct FileSession {
    reader: Option<FileReader>,
}

#[wasm_bindgen]
impl FileSession {
    /// `options`: `{ encoding?, delimiter?, mapping?, max_bytes?, max_rows? }` or `undefined`.
    #[wasm_bindgen(constructor)]
    pub fn new(name: &str, options: JsValue) -> Result<FileSession, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options)
                .map_err(|e| JsError::new(&format!("invalid options: {e}")))?
        };
        Ok(FileSession {
            reader: Some(FileReader::new(name, options)),
        })
    }

    /// Feeds the next chunk of bytes.
    pub fn push(&mut self, chunk: &[u8]) {
        if let Some(r) = self.reader.as_mut() {
            r.push(chunk);
        }
    }

    /// `{ bytes, rows }` so far.
    pub fn progress(&self) -> Result<JsValue, JsError> {
        match &self.reader {
            Some(r) => to_js(&r.progress()),
            None => Err(JsError::new("the file was already finished")),
        }
    }

    /// Ends the file; returns the findings. The session cannot be used afterwards.
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| JsError::new("the file was already finished"))?;
        to_js(&reader.finish())
    }

    /// Ends a first reading; returns its plan (for `new FileSession(name, { plan })`, the second reading that
    /// extracts records), or `null` when the file could not be read.
    #[wasm_bindgen(js_name = finishPlan)]
    pub fn finish_plan(&mut self) -> Result<JsValue, JsError> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| JsError::new("the file was already finished"))?;
        match reader.finish().plan() {
            Some(plan) => to_js(&plan),
            None => Ok(JsValue::NULL),
        }
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
