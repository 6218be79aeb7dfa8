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

/// The usage-log kernel as compiled to wasm (its line splitting uses 128-bit SIMD there, not natively) reads
/// like the general path: logs with a line the kernel must refuse (or, quoted, take) at places in and around a 64-line batch, in
/// LF and CRLF, whole and in chunks of 7 and 64 bytes; both readings and the one reading compared.
#[wasm_bindgen_test]
fn the_usage_kernel_reads_like_the_general_path_in_wasm() {
    /// Everything compared (findings, inferences, records) and whether records were extracted.
    fn read(bytes: &[u8], options: &Options, chunk: usize, general: bool) -> (String, bool) {
        let mut r = FileReader::new("k.csv", options.clone());
        if general {
            r.force_general_path();
        }
        for c in bytes.chunks(chunk) {
            r.push(c);
        }
        let found = r.finish();
        let inferences: Vec<String> = found
            .columns
            .iter()
            .map(|c| format!("{:?}", c.inference))
            .collect();
        let json = serde_json::to_string(&found).expect("serialisable");
        (
            format!("{json}\n{inferences:?}\n{:?}", found.records),
            found.records.is_some(),
        )
    }
    let refused = [
        "2026-02-30,a@x.example,Tool 01,3,view",
        "2026-02-03,,Tool 01,3,view",
        "2026-02-03,a@x.example,Tool 01,3.5,view",
        "2026-02-03,a@x.example,\"Tool, 01\",3,view",
        "2026-02-03,a@x.example,\"Tool 01\",3,view",
        "\"2026-02-03\",\"a@x.example\",\"Tool, 01\",\"3\",\"view\"",
        "2026-02-03,a@x.example,\"Tool \"\"01\"\"\",3,view",
        "2026-02-03,a@x.example,\"Tool 01\"x,3,view",
        "2026-02-03,a@x.example,\"Tool\n01\",3,view",
        "2026-02-03,a@x.example,Tool 01,3",
        "",
        "Total,,,9,",
    ];
    let mut extracted_once = 0;
    for bad in refused {
        for at in [0usize, 15, 16, 63, 64, 65, 150] {
            for eol in ["\n", "\r\n"] {
                let mut text = format!("date,user_email,tool,events,feature{eol}");
                for i in 0..200usize {
                    if i == at {
                        text.push_str(bad);
                        text.push_str(eol);
                    }
                    text.push_str(&format!(
                        "2026-{:02}-{:02},{}{:02}@Example.com,Tool {:02},{},{}{eol}",
                        1 + i % 12,
                        1 + i % 28,
                        if i % 3 == 0 {
                            "Someone.With.A.Long.Name."
                        } else {
                            "u"
                        },
                        i % 29,
                        i % 11,
                        i % 9,
                        ["view", "share link", "edit"][i % 3]
                    ));
                }
                let bytes = text.as_bytes();
                let plan = {
                    let mut r = FileReader::new("k.csv", Options::default());
                    r.push(bytes);
                    r.finish().plan()
                };
                let second = plan.map(|plan| Options {
                    plan: Some(plan),
                    ..Options::default()
                });
                let once = Options {
                    one_reading: true,
                    ..Options::default()
                };
                for chunk in [7usize, 64, bytes.len()] {
                    let (first, _) = read(bytes, &Options::default(), chunk, false);
                    let (general_first, _) = read(bytes, &Options::default(), chunk, true);
                    assert_eq!(first, general_first, "{bad:?} at {at}, first reading");
                    let general_second = second.as_ref().map(|o| read(bytes, o, chunk, true).0);
                    if let Some(o) = &second {
                        let (fast, _) = read(bytes, o, chunk, false);
                        assert_eq!(
                            Some(fast),
                            general_second,
                            "{bad:?} at {at}, second reading"
                        );
                    }
                    let (one, extracted) = read(bytes, &once, chunk, false);
                    let expected = if extracted {
                        extracted_once += 1;
                        general_second.expect("a plan when the one reading extracted")
                    } else {
                        general_first
                    };
                    assert_eq!(one, expected, "{bad:?} at {at}, one reading");
                }
            }
        }
    }
    // Some of these logs are read once (their refused line is one a second reading skips too).
    assert!(extracted_once > 0);
}

/// The module is built with 128-bit SIMD (`.cargo/config.toml`), which the kernel's splitting uses.
#[wasm_bindgen_test]
fn the_module_is_built_with_simd() {
    assert!(cfg!(target_feature = "simd128"));
}

/// A usage record stays small in wasm (an event log's 420k records are the module's largest allocation): what
/// only some sources give is boxed apart.
#[wasm_bindgen_test]
fn a_usage_record_takes_72_bytes_in_wasm() {
    assert_eq!(std::mem::size_of::<stackscope::model::Usage>(), 72);
}

/// Reading in parts (`ingest::PartReader`) in wasm — the kernel's SIMD splitting, 32-bit sizes, the setup and
/// result through their bytes — gives exactly one sequential reading's findings and records, with the part
/// merged, stopped at a total line, or refused (a start inside a quoted cell).
#[wasm_bindgen_test]
fn reading_in_parts_gives_the_same_findings_in_wasm() {
    use stackscope::ingest::{Inspection, PartReader, PartResult, PartSetup};
    fn fingerprint(found: &Inspection) -> String {
        let inferences: Vec<String> = found
            .columns
            .iter()
            .map(|c| format!("{:?}", c.inference))
            .collect();
        let json = serde_json::to_string(found).expect("serialisable");
        format!("{json}\n{inferences:?}\n{:?}", found.records)
    }
    let mut text = String::from("date,user_email,tool,events,feature\n");
    for i in 0..6_000usize {
        let feature = if i % 57 == 0 {
            "\"export, csv\""
        } else {
            "view"
        };
        text.push_str(&format!(
            "2026-{:02}-{:02},user{:03}@corp.example,Tool {:02},{},{feature}\n",
            1 + i % 12,
            1 + i % 28,
            (i * 31) % 997,
            i % 7,
            i % 9
        ));
    }
    let n = text.len();
    let cut = |at: usize| {
        at + text.as_bytes()[at..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(0)
            + 1
    };
    // A total line and a row without an account: the part reads them too (the row kept for the extractor
    // travels with its result's bytes) and is merged to the end.
    let total = format!(
        "{}Total,,,99,\n2026-03-01,,Tool 01,1,view\n{}",
        &text[..cut(3 * n / 4)],
        &text[cut(3 * n / 4)..]
    );
    let quoted = format!(
        "{}2026-03-01,a@x.example,Tool 01,1,\"one\ntwo\"\n{}",
        &text[..cut(n / 2)],
        &text[cut(n / 2)..]
    );
    let inside = cut(n / 2) + "2026-03-01,a@x.example,Tool 01,1,\"one\n".len();
    for (file, start, merged, stopped) in [
        (&text, cut(n / 2), true, false),
        (&total, cut(n / 2), true, false),
        (&quoted, inside, false, false),
    ] {
        let bytes = file.as_bytes();
        let options = Options {
            one_reading: true,
            ..Options::default()
        };
        let mut whole = FileReader::new("p.csv", options.clone());
        for c in bytes.chunks(65_536) {
            whole.push(c);
        }
        let whole = whole.finish();
        let mut r = FileReader::new("p.csv", options);
        for c in bytes[..start].chunks(65_536) {
            r.push(c);
        }
        let setup =
            PartSetup::from_bytes(&r.part_setup().expect("a setup").to_bytes()).expect("bytes");
        let mut part = PartReader::new(&setup, start as u64);
        for c in bytes[start..].chunks(65_536) {
            part.push(c);
        }
        let found = PartResult::from_bytes(&part.finish(true).to_bytes()).expect("bytes");
        let m = r.merge_part(&found);
        assert_eq!(m.merged, merged);
        assert_eq!((m.resume_at as usize) < bytes.len(), stopped || !merged);
        for c in bytes[m.resume_at as usize..].chunks(65_536) {
            r.push(c);
        }
        assert_eq!(fingerprint(&r.finish()), fingerprint(&whole));
    }
}
