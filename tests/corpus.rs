//! The hostile and broken inputs of `tests/corpus/`, plus generated ones too large to keep. Each must give a
//! clear error or positioned diagnostics — never a panic and never a hang.

use stackscope::ingest::{read_records_bytes, Inspection, Options};
use std::path::Path;

fn read(name: &str) -> Inspection {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(name),
    )
    .unwrap();
    read_records_bytes(name, &bytes, &Options::default())
}

fn codes(f: &Inspection) -> Vec<&str> {
    f.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn every_corpus_file_reads_without_panicking_and_accounts_for_every_row() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let f = read(&name);
        n += 1;
        assert_eq!(
            f.rows,
            f.rows_used + f.rows_skipped,
            "{name}: rows read = used + skipped"
        );
        match &f.error {
            Some(e) => assert!(!e.message.is_empty(), "{name}: an error says why"),
            None => assert!(
                f.header_line.is_some(),
                "{name}: readable files have a header"
            ),
        }
        // Everything serialises (the page and the CLI show it).
        serde_json::to_string(&f).unwrap();
    }
    assert!(n >= 15, "corpus files: {n}");
}

#[test]
fn each_broken_input_gets_its_own_clear_message() {
    assert_eq!(read("empty.csv").error.unwrap().code, "empty");
    assert_eq!(read("only_blank_lines.csv").error.unwrap().code, "empty");
    let png = read("png_renamed.csv").error.unwrap();
    assert!(png.message.contains("PNG"), "{}", png.message);
    let xlsx = read("spreadsheet.xlsx").error.unwrap();
    assert_eq!(xlsx.code, "spreadsheet");
    assert!(
        xlsx.message.contains("Save As") && xlsx.message.contains("CSV"),
        "{}",
        xlsx.message
    );
    assert_eq!(read("binary_garbage.csv").error.unwrap().code, "not_text");
    let header_only = read("header_only.csv");
    assert!(header_only.error.is_none());
    assert!(codes(&header_only).contains(&"no_data_rows"));
    assert!(codes(&read("nul_bytes.csv")).contains(&"nul_bytes"));
    let bad = read("invalid_utf8_midfile.csv");
    assert_eq!(
        bad.encoding.as_deref(),
        Some("windows-1252"),
        "not valid UTF-8 → Windows-1252"
    );
    assert_eq!(
        read("utf16_no_bom.csv").encoding.as_deref(),
        Some("UTF-16LE")
    );
    let dups = read("duplicate_and_empty_headers.csv");
    assert!(codes(&dups).contains(&"duplicate_header") && codes(&dups).contains(&"empty_header"));
    let ragged = read("rows_longer_and_shorter.csv");
    assert!(codes(&ragged).contains(&"missing_fields") && codes(&ragged).contains(&"extra_fields"));
}

#[test]
fn an_unbalanced_quote_swallows_to_the_end_and_says_so() {
    let f = read("unbalanced_quotes.csv");
    assert!(f.error.is_none());
    let d = f
        .diagnostics
        .iter()
        .find(|d| d.code == "unclosed_quote")
        .expect("an unclosed-quote diagnostic");
    assert_eq!(d.line, Some(3), "the record that opens the quote");
}

#[test]
fn absurd_values_are_reported_not_believed() {
    let f = read("absurd_values.csv");
    let r = f.records.as_ref().unwrap();
    let by = |name: &str| r.licences.iter().find(|l| l.tool == name).unwrap();
    assert_eq!(by("Negative").seats, None, "negative seats are unknown");
    assert_eq!(by("Zero").seats, Some(0.0));
    assert_eq!(by("Huge").annual_cost, None, "1e300 is out of range");
    assert_eq!(by("No year zero").renewal_date, None);
    assert_eq!(by("Not a day").renewal_date, None);
    assert!(by("Old").renewal_date.is_some() && by("Far").renewal_date.is_some());
    assert_eq!(
        by("Far").notice_days,
        None,
        "an absurd notice period is unknown"
    );
    let c = codes(&f);
    for code in [
        "negative_seats",
        "bad_amount",
        "bad_date",
        "bad_notice_period",
    ] {
        assert!(c.contains(&code), "{code} in {c:?}");
    }
    for d in f.diagnostics.iter().filter(|d| d.code.starts_with("bad_")) {
        assert!(
            d.line.is_some() && d.column.is_some() && d.raw.is_some(),
            "{d:?}"
        );
    }
}

#[test]
fn a_100_mb_single_line_is_read_without_blowing_up() {
    let mut bytes = b"note\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 100 * 1024 * 1024));
    bytes.push(b'\n');
    let f = stackscope::ingest::inspect_bytes("long.csv", &bytes, &Options::default());
    assert!(f.error.is_none());
    assert_eq!(f.rows, 1);
}

#[test]
fn ten_thousand_columns_are_read() {
    let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..10_000).map(|i| i.to_string()).collect();
    let text = format!("{}\n{}\n", header.join(","), row.join(","));
    let f = read_records_bytes("wide.csv", text.as_bytes(), &Options::default());
    assert!(f.error.is_none());
    assert_eq!(f.columns.len(), 10_000);
    assert_eq!(f.rows, 1);
}

#[test]
fn limits_stop_with_a_clear_message() {
    let text = "tool,seats\n".to_string() + &"Slack,1\n".repeat(1000);
    let opts = Options {
        max_rows: Some(100),
        ..Options::default()
    };
    let f = read_records_bytes("big.csv", text.as_bytes(), &opts);
    let e = f.error.unwrap();
    assert_eq!(e.code, "too_large");
    assert!(e.message.contains("100 rows"), "{}", e.message);
    let opts = Options {
        max_bytes: Some(1000),
        ..Options::default()
    };
    assert_eq!(
        read_records_bytes("big.csv", text.as_bytes(), &opts)
            .error
            .unwrap()
            .code,
        "too_large"
    );
}
