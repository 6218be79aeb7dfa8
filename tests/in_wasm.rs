//! The core compiled to wasm32 and run by wasm-bindgen-test under node (`cargo xtask test` runs it with
//! `wasm-bindgen-test-runner`): the same functions the page's worker calls, on the demo company and the
//! hostile corpus, with no DOM.
#![cfg(target_arch = "wasm32")]

use stackscope::analysis::{analyze_files, AnalysisOptions};
use stackscope::demo::demo_files;
use stackscope::ingest::{read_records_bytes, FileReader, Options};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn the_demo_company_is_analysed_in_wasm() {
    let files: Vec<_> = demo_files()
        .iter()
        .map(|f| read_records_bytes(f.name, &f.bytes, &Options::default()))
        .collect();
    let analysis = analyze_files(&files, &AnalysisOptions::default());
    assert_eq!(analysis.report.currency, "USD");
    assert!(analysis
        .report
        .tools
        .iter()
        .any(|t| t.tool == "Salesforce" && t.seats == Some(30.0)));
    let non_software = analysis.report.summary.non_software_spend.unwrap();
    assert!((non_software - 200_100.0).abs() < 0.005, "{non_software}");
}

#[wasm_bindgen_test]
fn charts_render_in_wasm_without_a_dom() {
    let files: Vec<_> = demo_files()
        .iter()
        .map(|f| read_records_bytes(f.name, &f.bytes, &Options::default()))
        .collect();
    let report = analyze_files(&files, &AnalysisOptions::default()).report;
    let charts =
        stackscope::dashboard::report_charts(&report, &stackscope::charts::ChartOptions::default());
    assert_eq!(charts.len(), 8);
    for (name, svg) in charts {
        assert!(svg.starts_with("<svg") && svg.contains("<title"), "{name}");
    }
}

#[wasm_bindgen_test]
fn chunked_reading_gives_the_same_findings_in_wasm() {
    let text = "\u{feff}Tool;Seats;Co\u{fb}t\r\nSlack;40;9 600,00\r\nZoom;25;\"3 747,50\"\r\n";
    let bytes = text.as_bytes();
    let whole =
        serde_json::to_string(&read_records_bytes("t.csv", bytes, &Options::default())).unwrap();
    let mut r = FileReader::new("t.csv", Options::default());
    for b in bytes.chunks(1) {
        r.push(b);
    }
    let first = r.finish();
    let plan = first.plan().unwrap();
    let mut r = FileReader::new(
        "t.csv",
        Options {
            plan: Some(plan),
            ..Options::default()
        },
    );
    for b in bytes.chunks(3) {
        r.push(b);
    }
    assert_eq!(serde_json::to_string(&r.finish()).unwrap(), whole);
}

#[wasm_bindgen_test]
fn broken_inputs_are_errors_not_traps_in_wasm() {
    for bytes in [
        &b""[..],
        b"\x89PNG\r\n\x1a\n\0\0",
        b"PK\x03\x04xl/",
        b"a,\"b\n1,\"2",
        &[0u8; 300][..],
    ] {
        let f = read_records_bytes("x.csv", bytes, &Options::default());
        assert_eq!(f.rows, f.rows_used + f.rows_skipped);
    }
}
