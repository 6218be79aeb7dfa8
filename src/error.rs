//! Diagnostics (something about a row or cell, with its position) and errors (a file that cannot be read).
//!
//! Nothing in the core panics on input: every problem becomes one of these.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something the user may want to know (a title line skipped, a choice made).
    Info,
    /// A row or cell was not used, or a guess was made that the user may want to override.
    Warning,
    /// The file, or part of it, could not be read.
    Error,
}

/// One finding about a file, positioned as precisely as known.
///
/// `line` is the 1-based physical line in the decoded text where the record starts; `column` is the 1-based
/// field number within that record. Both are `None` when the diagnostic is about the whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub line: Option<u64>,
    pub column: Option<u32>,
    pub severity: Severity,
    /// A stable machine-readable reason, e.g. `title_line`, `total_row`, `bad_money`.
    pub code: String,
    pub message: String,
    /// The raw cell or line, shortened to 200 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            line: None,
            column: None,
            severity,
            code: code.to_string(),
            message: message.into(),
            raw: None,
        }
    }

    pub fn at(mut self, line: u64, column: Option<u32>) -> Diagnostic {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn with_raw(mut self, raw: &str) -> Diagnostic {
        self.raw = Some(shorten(raw, 200));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {sev}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {sev}: {}", self.message),
            _ => write!(f, "{sev}: {}", self.message),
        }
    }
}

/// Why a whole file could not be read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum FileError {
    /// The file has no bytes, or only whitespace.
    Empty,
    /// The bytes are not text (e.g. an image, an archive, a PDF).
    NotText { what: String },
    /// An Excel workbook, which must be exported to CSV first.
    Spreadsheet { what: String },
    /// No row looks like a header with data below it.
    NoHeader,
    /// A limit set in the options was exceeded.
    TooLarge { limit: String, line: Option<u64> },
    /// The encoding named by the user is not known.
    UnknownEncoding { name: String },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Empty => write!(f, "the file is empty"),
            FileError::NotText { what } => write!(f, "this is not a text file ({what}); export the data as CSV"),
            FileError::Spreadsheet { what } => write!(
                f,
                "this is an Excel workbook ({what}), not CSV; open it in Excel and use File → Save As → CSV UTF-8 (or 'Unicode Text'), then drop the CSV"
            ),
            FileError::NoHeader => write!(f, "no header row was found: no line names the columns of the rows below it"),
            FileError::TooLarge { limit, line } => match line {
                Some(l) => write!(f, "stopped at line {l}: {limit}"),
                None => write!(f, "{limit}"),
            },
            FileError::UnknownEncoding { name } => write!(f, "unknown encoding '{name}'"),
        }
    }
}

impl std::error::Error for FileError {}

/// Shortens `s` to at most `max` characters, marking the cut with `…`.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}
