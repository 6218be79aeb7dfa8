//! Ingestion of arbitrary bytes.
//!
//! Input layout: `[flags, split_hi, split_lo, bytes…]`.
//! - `flags & 7`: encoding override (none, utf-8, utf-16le, utf-16be, windows-1252, an unknown label…);
//! - `(flags >> 3) & 7`: delimiter override (none, `,`, `;`, `tab`, `|`, an unknown one…);
//! - `split`: where the file is cut in two chunks (modulo its length + 1).
//!
//! Checks: never panics; pushing the file in two chunks gives the same findings (and, with a plan, the same
//! typed records) as one chunk; rows read = rows used + rows skipped; `read_records_bytes` (a one reading
//! when it can be sure, else two) gives exactly what two readings give.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stackscope::ingest::{inspect_bytes, read_records_bytes, FileReader, Inspection, Options};

const ENCODINGS: [Option<&str>; 8] = [
    None,
    Some("utf-8"),
    Some("utf-16le"),
    Some("utf-16be"),
    Some("windows-1252"),
    Some("iso-8859-15"),
    Some("no-such-encoding"),
    None,
];
const DELIMITERS: [Option<&str>; 8] = [
    None,
    Some(","),
    Some(";"),
    Some("tab"),
    Some("|"),
    Some("x"),
    Some(""),
    None,
];

fn two_chunks(bytes: &[u8], cut: usize, options: &Options) -> Inspection {
    let mut r = FileReader::new("fuzz.csv", options.clone());
    r.push(&bytes[..cut]);
    let _ = r.progress();
    r.push(&bytes[cut..]);
    r.finish()
}

fn findings(i: &Inspection) -> String {
    serde_json::to_string(i).expect("an inspection serialises")
}

fn records(i: &Inspection) -> String {
    serde_json::to_string(&i.records).expect("records serialise")
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let flags = data[0];
    let split = usize::from(u16::from_be_bytes([data[1], data[2]]));
    let bytes = &data[3..];
    let options = Options {
        encoding: ENCODINGS[usize::from(flags & 7)].map(str::to_string),
        delimiter: DELIMITERS[usize::from((flags >> 3) & 7)].map(str::to_string),
        ..Options::default()
    };
    let cut = split % (bytes.len() + 1);

    // Chunk independence of the first reading.
    let whole = inspect_bytes("fuzz.csv", bytes, &options);
    assert_eq!(whole.rows, whole.rows_used + whole.rows_skipped);
    let split_up = two_chunks(bytes, cut, &options);
    assert_eq!(findings(&whole), findings(&split_up), "split at {cut}");

    // And of the second reading, which extracts typed records.
    if let Some(plan) = whole.plan() {
        let mut second = options.clone();
        second.plan = Some(plan);
        let one = inspect_bytes("fuzz.csv", bytes, &second);
        let two = two_chunks(bytes, cut, &second);
        assert_eq!(
            findings(&one),
            findings(&two),
            "with a plan, split at {cut}"
        );
        assert_eq!(records(&one), records(&two), "records, split at {cut}");
    }

    // What analysis calls reads a plain usage log once (`Options::one_reading`, rows the extractor must judge
    // kept for the end): exactly what two readings give, findings and records.
    let read = read_records_bytes("fuzz.csv", bytes, &options);
    assert_eq!(read.rows, read.rows_used + read.rows_skipped);
    match whole.plan() {
        Some(plan) => {
            let mut second = options.clone();
            second.plan = Some(plan);
            let two = inspect_bytes("fuzz.csv", bytes, &second);
            assert_eq!(findings(&read), findings(&two), "one reading or two");
            assert_eq!(records(&read), records(&two), "records, one reading or two");
        }
        None => assert_eq!(findings(&read), findings(&whole), "no plan"),
    }
});
