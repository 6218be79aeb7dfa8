//! The whole pipeline over files already read: reconcile → metrics → one [`Report`].
//!
//! The page (through `wasm`) and the CLI both call [`analyze_files`]; changing a setting calls it again on the
//! same records, without reading any file again.

use crate::error::{Diagnostic, Severity};
use crate::ingest::Inspection;
use crate::metrics::{self, Settings, ValueInput, ValuePeriod};
use crate::reconcile::build::{build_stack, BuildOptions, FileInput};
use crate::reconcile::{Catalogue, UserRules};
use crate::report::Report;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Everything the user can set for an analysis. `{}` is valid: every field has a default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisOptions {
    /// As-of date, windows, thresholds, ROI values (see `metrics::Settings`).
    pub settings: Settings,
    /// The reporting currency; default: the currency of most amounts.
    pub currency: Option<String>,
    /// Exchange rates typed by the user: currency → units of the reporting currency. They win over rate files.
    pub rates: BTreeMap<String, f64>,
    /// The user's alias rules, as the text of the CSV file the CLI reads (`match,action,tool,category,subcategory`).
    pub alias_rules: Option<String>,
}

/// The built-in catalogue, parsed once.
pub fn builtin_catalogue() -> Result<&'static Catalogue, String> {
    static CATALOGUE: OnceLock<Result<Catalogue, String>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| {
            Catalogue::builtin().map_err(|e| format!("the built-in catalogue is invalid: {e:?}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The analysis and what it had to say about reconciling the files.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub report: Report,
    /// About the files together: duplicates dropped, currencies assumed, rules that could not be read…
    pub diagnostics: Vec<Diagnostic>,
}

/// Reconciles and measures the records of every readable file.
pub fn analyze_files(files: &[Inspection], options: &AnalysisOptions) -> Analysis {
    let mut diagnostics = Vec::new();
    let catalogue = match builtin_catalogue() {
        Ok(c) => c,
        Err(e) => {
            diagnostics.push(Diagnostic::new(Severity::Error, "catalogue", e));
            return Analysis {
                report: Report::default(),
                diagnostics,
            };
        }
    };
    let with_rules;
    let catalogue = match options
        .alias_rules
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        None => catalogue,
        Some(text) => match UserRules::parse(text).and_then(|r| catalogue.with_rules(&r)) {
            Ok(c) => {
                with_rules = c;
                &with_rules
            }
            Err(errors) => {
                for e in errors {
                    let mut d =
                        Diagnostic::new(Severity::Error, "alias_rule", format!("alias rules: {e}"));
                    if let Some(line) = e.line() {
                        d = d.at(line, e.column());
                    }
                    diagnostics.push(d);
                }
                diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    "alias_rules_not_applied",
                    "the alias rules have errors, so none of them were applied",
                ));
                catalogue
            }
        },
    };

    // The same file dropped twice counts once.
    let mut seen: Vec<(&str, u64, usize)> = Vec::new();
    let mut inputs = Vec::new();
    let mut values: Vec<ValueInput> = options.settings.values.clone();
    for f in files {
        let Some(records) = f.records.as_ref() else {
            continue;
        };
        let n = records.spend.len()
            + records.licences.len()
            + records.usage.len()
            + records.people.len();
        if seen
            .iter()
            .any(|(name, bytes, count)| *name == f.file && *bytes == f.bytes && *count == n)
        {
            diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "same_file_twice",
                format!("{} was added twice; it is counted once", f.file),
            ));
            continue;
        }
        seen.push((&f.file, f.bytes, n));
        for v in &records.values {
            values.push(ValueInput {
                tool: v.tool.clone(),
                value: v.value,
                period: value_period(v.period.as_deref()),
                note: v.note.clone(),
            });
        }
        inputs.push(FileInput {
            file: &f.file,
            format: &f.format,
            records,
        });
    }
    let build = BuildOptions {
        currency: options.currency.clone(),
        rates: options.rates.clone(),
    };
    let (stack, build_diagnostics) = build_stack(&inputs, catalogue, &build);
    diagnostics.extend(build_diagnostics);
    let mut settings = options.settings.clone();
    settings.values = values;
    let mut report = metrics::analyze(&stack, &settings);
    report.inputs = files
        .iter()
        .filter_map(|f| serde_json::to_value(f).ok())
        .collect();
    Analysis {
        report,
        diagnostics,
    }
}

/// `monthly`, `per month`, `mensuel` → monthly; `one-off`, `once`, `ponctuel` → once; anything else annual.
fn value_period(p: Option<&str>) -> ValuePeriod {
    let p = p.unwrap_or("").trim().to_lowercase();
    if p.starts_with("month") || p.contains("per month") || p.starts_with("mensuel") || p == "mo" {
        ValuePeriod::Monthly
    } else if p.starts_with("one")
        || p == "once"
        || p.starts_with("ponctuel")
        || p.starts_with("single")
    {
        ValuePeriod::OneOff
    } else {
        ValuePeriod::Annual
    }
}
