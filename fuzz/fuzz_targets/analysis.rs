//! The whole pipeline over up to three arbitrary files.
//!
//! Input layout: `[key, files…]`, the files separated by the line `\n@@FILE@@\n` (at most 3 are used).
//! Each is read with `read_records_bytes`, then analysed with default options, and again after
//! `pseudonymise_files` (key from the first byte, vendors masked, amounts scaled); every report is drawn
//! (`report_charts`) and exported (`html_report`, `table_csv("tools")`, `text_summary`).
//!
//! Checks: never panics; the HTML export and every chart contain no `<script` (in any case); the report
//! serialises to JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stackscope::analysis::{analyze_files, AnalysisOptions};
use stackscope::charts::ChartOptions;
use stackscope::dashboard::report_charts;
use stackscope::export::{html_report, table_csv, text_summary, HtmlOptions};
use stackscope::ingest::{read_records_bytes, Options};
use stackscope::pseudonymise::{mask_vendors, pseudonymise_files, PseudonymOptions};
use stackscope::report::Report;

const SEPARATOR: &[u8] = b"\n@@FILE@@\n";

fn split_files(data: &[u8]) -> Vec<&[u8]> {
    let mut files = Vec::new();
    let mut rest = data;
    while files.len() < 2 {
        match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(at) => {
                files.push(&rest[..at]);
                rest = &rest[at + SEPARATOR.len()..];
            }
            None => break,
        }
    }
    files.push(rest);
    files
}

fn check(report: &Report) {
    let charts = report_charts(report, &ChartOptions::default());
    for (name, svg) in &charts {
        assert!(
            !svg.to_ascii_lowercase().contains("<script"),
            "chart {name} contains a script"
        );
    }
    let html = html_report(report, &HtmlOptions::default());
    assert!(
        !html.contains("<script"),
        "the HTML export contains a script"
    );
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "the HTML export contains a script"
    );
    let csv = table_csv(report, "tools").expect("the tools table exists");
    assert!(csv.starts_with("tool,"));
    let _ = text_summary(report);
    serde_json::to_string(report).expect("a report serialises");
}

fuzz_target!(|data: &[u8]| {
    let Some((&key, data)) = data.split_first() else {
        return;
    };
    let files: Vec<_> = split_files(data)
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| read_records_bytes(&format!("file{i}.csv"), bytes, &Options::default()))
        .collect();

    let plain = analyze_files(&files, &AnalysisOptions::default());
    check(&plain.report);

    let options = PseudonymOptions {
        key: u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15),
        mask_vendors: key & 1 == 1,
        scale_amounts: Some(0.5 + f64::from(key) / 64.0),
    };
    let hidden = analyze_files(
        &pseudonymise_files(&files, &options),
        &AnalysisOptions::default(),
    );
    let report = if options.mask_vendors {
        mask_vendors(&hidden.report)
    } else {
        hidden.report
    };
    check(&report);
});
