//! The fast path (`src/ingest/fast.rs`) against the general path: the same findings (every field, column
//! inferences included) and the same records, on every fixture under `tests/cases/` and on generated usage
//! logs with quoting, CRLF, BOMs, UTF-16, odd chunk splits, bad dates, odd events and missing fields.

use proptest::prelude::*;
use stackscope::ingest::{
    FileReader, Inspection, Options, PartMerge, PartReader, PartResult, PartSetup,
};
use std::path::{Path, PathBuf};

fn read(name: &str, bytes: &[u8], options: &Options, cuts: &[usize], general: bool) -> Inspection {
    let mut r = FileReader::new(name, options.clone());
    if general {
        r.force_general_path();
    }
    let mut start = 0;
    for &c in cuts {
        let c = c.min(bytes.len()).max(start);
        r.push(&bytes[start..c]);
        start = c;
    }
    r.push(&bytes[start..]);
    r.finish()
}

/// Both readings, as analysis does: the first decides, the second extracts with its plan.
fn both_readings(
    name: &str,
    bytes: &[u8],
    options: &Options,
    cuts: &[usize],
    general: bool,
) -> (Inspection, Option<Inspection>) {
    let first = read(name, bytes, options, cuts, general);
    let second = first.plan().map(|plan| {
        let mut o = options.clone();
        o.plan = Some(plan);
        read(name, bytes, &o, cuts, general)
    });
    (first, second)
}

/// Everything compared: the serialised findings, the inferences (not serialised) and the records.
fn fingerprint(found: &Inspection) -> String {
    let json = serde_json::to_string_pretty(found).expect("serialisable");
    let inferences: Vec<String> = found
        .columns
        .iter()
        .map(|c| format!("{:?}", c.inference))
        .collect();
    format!("{json}\n{inferences:#?}\n{:#?}", found.records)
}

/// Both paths agree on both readings, and a first reading asked to extract in one go (`one_reading`) gives
/// either the general path's second reading (when it extracted) or its first reading (when it could not be
/// sure). Returns whether the one reading extracted.
fn assert_same(name: &str, bytes: &[u8], options: &Options, cuts: &[usize]) -> bool {
    let (f1, f2) = both_readings(name, bytes, options, cuts, false);
    let (g1, g2) = both_readings(name, bytes, options, cuts, true);
    let (a, b) = (fingerprint(&f1), fingerprint(&g1));
    assert!(a == b, "{name}: first reading differs\n{}", diff(&a, &b));
    assert!(
        f1.records.is_none(),
        "{name}: a first reading extracted unasked"
    );
    match (&f2, &g2) {
        (Some(f2), Some(g2)) => {
            let (a, b) = (fingerprint(f2), fingerprint(g2));
            assert!(a == b, "{name}: second reading differs\n{}", diff(&a, &b));
        }
        (None, None) => {}
        _ => panic!("{name}: one path has a plan, the other not"),
    }
    let mut once = options.clone();
    once.one_reading = true;
    let one = read(name, bytes, &once, cuts, false);
    let extracted = one.records.is_some();
    let expected = if extracted {
        g2.as_ref()
            .expect("a second reading when the one reading extracted")
    } else {
        &g1
    };
    let (a, b) = (fingerprint(&one), fingerprint(expected));
    assert!(
        a == b,
        "{name}: the one reading (extracted: {extracted}) differs from the two readings\n{}",
        diff(&a, &b)
    );
    // And what analysis calls reads once or twice to the same result.
    if cuts.is_empty() {
        let via = stackscope::ingest::read_records_bytes(name, bytes, options);
        let reference = g2.as_ref().unwrap_or(&g1);
        let (a, b) = (fingerprint(&via), fingerprint(reference));
        assert!(
            a == b,
            "{name}: read_records_bytes differs\n{}",
            diff(&a, &b)
        );
    }
    extracted
}

fn diff(fast: &str, general: &str) -> String {
    let mut out = String::new();
    for (i, (a, b)) in fast.lines().zip(general.lines()).enumerate() {
        if a != b {
            out.push_str(&format!("line {i}:\n  fast:    {a}\n  general: {b}\n"));
            if out.len() > 2000 {
                break;
            }
        }
    }
    if out.is_empty() {
        out = format!(
            "lengths differ: fast {} general {}",
            fast.len(),
            general.len()
        );
    }
    out
}

fn cases() -> Vec<(PathBuf, Options)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Some(input) = std::fs::read_dir(&dir)
            .ok()
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.file_stem().is_some_and(|s| s == "input"))
        else {
            continue;
        };
        let options = std::fs::read_to_string(dir.join("options.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        out.push((input, options));
    }
    out
}

#[test]
fn every_fixture_reads_the_same_on_both_paths() {
    let all = cases();
    assert!(all.len() >= 10, "fixtures under tests/cases: {}", all.len());
    for (input, options) in all {
        let bytes = std::fs::read(&input).expect("readable");
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        assert_same(&name, &bytes, &options, &[]);
        // Cut into small chunks too (records and characters split across pushes).
        let cuts: Vec<usize> = (1..bytes.len()).step_by(37).collect();
        assert_same(&name, &bytes, &options, &cuts);
    }
}

/// The reference workload's shape: `date,user_email,tool,events,feature`.
fn reference_log(rows: usize) -> String {
    let mut s = String::from("date,user_email,tool,events,feature\n");
    for i in 0..rows {
        let feature = if i % 57 == 0 {
            "\"export, csv\""
        } else {
            "view"
        };
        s.push_str(&format!(
            "2026-{:02}-{:02},user{:03}@corp.example,Tool {:02},{},{feature}\n",
            1 + i % 12,
            1 + i % 28,
            i % 97,
            i % 7,
            i % 5
        ));
    }
    s
}

#[test]
fn a_plain_usage_log_is_read_once() {
    let text = reference_log(3000);
    assert!(assert_same(
        "u.csv",
        text.as_bytes(),
        &Options::default(),
        &[]
    ));
    assert!(assert_same(
        "u.csv",
        text.as_bytes(),
        &Options::default(),
        &[1, 100, 70_001]
    ));
    // A total row below the data does not stop it (a second reading skips it too).
    let total = format!("{text}Total,,,999,\n");
    assert!(assert_same(
        "t.csv",
        total.as_bytes(),
        &Options::default(),
        &[]
    ));
}

/// What a one reading (`Options::one_reading`) gives for a file.
fn one_reading(name: &str, bytes: &[u8]) -> Inspection {
    let once = Options {
        one_reading: true,
        ..Options::default()
    };
    read(name, bytes, &once, &[], false)
}

#[test]
fn a_row_the_extractor_must_judge_is_kept_for_the_end_and_the_log_read_once() {
    let text = reference_log(3000);
    // A bad date (skipped by the extractor), a short row, a blank account (skipped), events with a thousands
    // separator and a non-ISO date: a second reading's extractor would read each, so a one reading keeps it
    // and extracts it at the end with the final plan — at the start, in the middle or at the very end.
    for bad in [
        "2026-02-30,user001@corp.example,Tool 01,1,view",
        "2026-03-01,user001@corp.example,Tool 01",
        "2026-03-01,,Tool 01,1,view",
        "2026-03-01,user001@corp.example,Tool 01,\"1,234\",view",
        "03/01/2026,user001@corp.example,Tool 01,3,view",
    ] {
        let lines: Vec<&str> = text.lines().collect();
        for at in [1, lines.len() / 2, lines.len()] {
            let mut l = lines.clone();
            l.insert(at, bad);
            let file = l.join("\n") + "\n";
            assert!(
                assert_same("bad.csv", file.as_bytes(), &Options::default(), &[]),
                "{bad} at line {}: read twice",
                at + 1
            );
        }
    }
    // A row kept for the end that comes before every other row of its tool and account: the record's first
    // line and tool spelling are its own, and the record stands where that line puts it.
    let lines: Vec<&str> = text.lines().collect();
    let mut l = lines.clone();
    l.insert(1, "2026-03-01,newcomer@corp.example,NEW Tool");
    l.insert(2, "2026-03-02,user001@corp.example,TOOL 01");
    l.push("2026-03-03,newcomer@corp.example,new tool,4,view");
    let file = l.join("\n") + "\n";
    assert!(assert_same(
        "first.csv",
        file.as_bytes(),
        &Options::default(),
        &[]
    ));
    let once = one_reading("first.csv", file.as_bytes());
    let usage = &once.records.as_ref().expect("read once").usage;
    assert_eq!(usage[0].source.line, 2);
    assert_eq!(usage[0].tool.as_deref(), Some("NEW Tool"));
    assert_eq!(usage[0].events, Some(4.0));
    assert_eq!(usage[1].source.line, 3);
    assert_eq!(usage[1].tool.as_deref(), Some("TOOL 01"));
}

#[test]
fn rows_kept_for_the_end_are_listed_in_line_order_within_the_limit_per_code() {
    // 88 rows without an account (skipped: `no_account`), 44 bad dates (a `bad_date` warning each, given at
    // the end of a reading), 44 short rows (a `missing_fields` warning each, then extracted) and 44 short rows
    // without an account (both), interleaved: more than the 50 listed per code. A one reading lists the same
    // 50 of each, in the same order (a row's own warning before its extractor's), with the same "… and N
    // more" lines and counts, as two readings.
    let text = reference_log(2000);
    let mut l: Vec<String> = text.lines().map(str::to_string).collect();
    for k in 0..220 {
        let row = match k % 5 {
            0 | 1 => format!("2026-03-01,,Tool {:02},1,view", k % 7),
            2 => format!("2026-02-30,user{:03}@corp.example,Tool 01,1,view", k % 97),
            3 => format!(
                "2026-03-01,user{:03}@corp.example,Tool {:02}",
                k % 97,
                k % 7
            ),
            _ => format!("2026-03-01,,Tool {:02}", k % 7),
        };
        l.insert(40 + k * 8, row);
    }
    let file = l.join("\n") + "\n";
    assert!(assert_same(
        "many.csv",
        file.as_bytes(),
        &Options::default(),
        &[]
    ));
    let once = one_reading("many.csv", file.as_bytes());
    assert!(once.records.is_some(), "read once");
    assert_eq!(once.rows_skipped, 132);
    let listed = |code: &str| {
        once.diagnostics
            .iter()
            .filter(|d| d.code == code && d.line.is_some())
            .count()
    };
    assert_eq!(
        (
            listed("no_account"),
            listed("missing_fields"),
            listed("bad_date")
        ),
        (50, 50, 44)
    );
    // In line order, the skipped rows among the short rows, a short row's own warning first.
    let order: Vec<(u64, bool)> = once
        .diagnostics
        .iter()
        .filter(|d| d.code == "no_account" || d.code == "missing_fields")
        .filter_map(|d| Some((d.line?, d.code == "no_account")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn a_one_reading_still_reads_twice_when_it_cannot_be_exact() {
    let text = reference_log(3000);
    let lines: Vec<&str> = text.lines().collect();
    // Decimal events, or events so large that a sum could round: added in another order than a second
    // reading adds them, the sum could differ, so the records are a second reading's.
    for bad in [
        "2026-03-01,user001@corp.example,Tool 01,2.5,view",
        "2026-03-01,user001@corp.example,Tool 01,9007199254740990,view",
    ] {
        let mut l = lines.clone();
        l.insert(lines.len() / 2, bad);
        let file = l.join("\n") + "\n";
        assert!(
            !assert_same("bad.csv", file.as_bytes(), &Options::default(), &[]),
            "{bad}: read once"
        );
    }
    // More rows to keep than the memory a one reading may spend on them (`DEFERRED_BYTES`, 8 MiB): it gives
    // up, and a second reading extracts.
    let mut file = text.clone();
    for i in 0..60_000 {
        file.push_str(&format!(
            "2026-03-{:02},,Tool {:02},1,a note long enough to count\n",
            1 + i % 28,
            i % 7
        ));
    }
    assert!(one_reading("many.csv", file.as_bytes()).records.is_none());
    assert!(!assert_same(
        "many.csv",
        file.as_bytes(),
        &Options::default(),
        &[]
    ));
}

#[test]
fn a_one_reading_whose_guess_the_file_contradicts_reads_twice() {
    // A guess from the first rows that the whole file contradicts: the `user` column holds emails in the first
    // 80 rows (an email column, guessed) and user names below (a user-name column, finally). Every row is read
    // fast, yet the records would differ: the end of the reading sees it and a second reading extracts.
    let mut file = String::from("date,user,tool,events\n");
    for i in 0..400 {
        let user = if i < 80 {
            format!("user{:03}@corp.example", i % 50)
        } else {
            format!("user{:03}", i % 50)
        };
        file.push_str(&format!(
            "2026-03-{:02},{user},Tool {:02},{}\n",
            1 + i % 28,
            i % 7,
            i % 5
        ));
    }
    let (first, _) = both_readings("names.csv", file.as_bytes(), &Options::default(), &[], true);
    let role = first.columns[1].role;
    assert_eq!(
        role,
        Some(stackscope::model::Role::Username),
        "the test's premise"
    );
    assert!(!assert_same(
        "names.csv",
        file.as_bytes(),
        &Options::default(),
        &[]
    ));
}

#[test]
fn the_reference_log_extracts_the_same_records() {
    let text = reference_log(3000);
    let (f1, f2) = both_readings("u.csv", text.as_bytes(), &Options::default(), &[], false);
    assert_eq!(f1.kind, stackscope::model::Kind::Usage);
    let records = f2
        .as_ref()
        .and_then(|f| f.records.as_ref())
        .expect("records");
    assert!(!records.usage.is_empty());
    assert_same("u.csv", text.as_bytes(), &Options::default(), &[]);
    assert_same(
        "u.csv",
        text.as_bytes(),
        &Options::default(),
        &[1, 100, 70_001],
    );
}

fn cell_date() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (2024i32..2027, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        1 => Just("2026-02-30".to_string()),
        1 => Just(String::new()),
        1 => Just("03/04/2026".to_string()),
        1 => Just(" 2026-01-05".to_string()),
        1 => Just("n/a".to_string()),
        1 => Just("2026-01-05T10:00:00".to_string()),
    ]
}

fn cell_user() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0u32..40).prop_map(|u| format!("user{u:02}@corp.example")),
        1 => (0u32..40).prop_map(|u| format!("USER{u:02}@Corp.Example")),
        1 => (0u32..40).prop_map(|u| format!("mailto:user{u:02}@corp.example")),
        1 => (0u32..40).prop_map(|u| format!(" user{u:02}@corp.example ")),
        1 => Just(String::new()),
        1 => Just("\"o'neil, pat\"@corp.example".to_string()),
    ]
}

fn cell_tool() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0u32..6).prop_map(|t| format!("Tool {t:02}")),
        1 => Just("SLACK".to_string()),
        1 => Just("slack".to_string()),
        1 => Just(" Slack ".to_string()),
        1 => Just(String::new()),
        1 => Just("\"Acme, Inc\"".to_string()),
        1 => Just("Total".to_string()),
        1 => Just("Zoom \"\"Pro\"\"".to_string()),
    ]
}

fn cell_events() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0u64..50).prop_map(|e| e.to_string()),
        1 => Just("1".to_string()),
        1 => Just("0".to_string()),
        1 => Just(String::new()),
        1 => Just("2.5".to_string()),
        1 => Just("0.1".to_string()),
        1 => Just("1,234".to_string()),
        1 => Just("lots".to_string()),
        1 => Just("1234567890123456".to_string()),
        1 => Just("007".to_string()),
    ]
}

fn cell_feature() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just("view".to_string()),
        1 => Just("\"export, csv\"".to_string()),
        1 => Just("\"multi\nline\"".to_string()),
        1 => Just(String::new()),
        1 => Just("yes".to_string()),
        1 => Just("café".to_string()),
        1 => Just("€12".to_string()),
    ]
}

fn row() -> impl Strategy<Value = String> {
    (
        cell_date(),
        cell_user(),
        cell_tool(),
        cell_events(),
        cell_feature(),
        0u8..20,
    )
        .prop_map(|(d, u, t, e, f, shape)| match shape {
            // Missing fields, extra fields, blank lines, totals.
            0 => format!("{d},{u},{t}"),
            1 => format!("{d},{u},{t},{e},{f},extra"),
            2 => String::new(),
            3 => ",,,,".to_string(),
            4 => format!("Total,,,{e},"),
            5 => format!(",,{t},,"),
            _ => format!("{d},{u},{t},{e},{f}"),
        })
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
}

fn encode(text: &str, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend_from_slice(text.as_bytes());
            v
        }
        Encoding::Utf16Le => {
            let mut v = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                v.extend_from_slice(&u.to_le_bytes());
            }
            v
        }
    }
}

/// Values that change a column's type (then the file is no longer a usage log, or its dates are not dates):
/// kept out of the "tame" files so those exercise usage extraction with dirty rows.
fn tame(row: String) -> String {
    row.replace("\"o'neil, pat\"@corp.example", "pat@corp.example")
        .replace("2026-02-30", "2026-03-01")
        .replace("n/a", "2026-03-02")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_usage_logs_read_the_same_on_both_paths(
        rows in prop::collection::vec(row(), 0..160),
        wild in prop::bool::weighted(0.3),
        crlf in any::<bool>(),
        enc in prop_oneof![Just(Encoding::Utf8), Just(Encoding::Utf8Bom), Just(Encoding::Utf16Le)],
        header in prop_oneof![
            Just("date,user_email,tool,events,feature"),
            Just("Date,Email,Application,Events,Feature"),
            Just("date,user_email,tool,feature,events"),
        ],
        cuts in prop::collection::vec(0usize..20_000, 0..6),
        final_newline in any::<bool>(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("{header}{nl}");
        let rows: Vec<String> = if wild {
            rows
        } else {
            rows.into_iter().map(tame).collect()
        };
        text.push_str(&rows.join(nl));
        if final_newline {
            text.push_str(nl);
        }
        let bytes = encode(&text, enc);
        let mut cuts = cuts;
        cuts.sort_unstable();
        assert_same("gen.csv", &bytes, &Options::default(), &cuts);
    }
}

/// Rows of a usage log the fast path reads whole (with totals and blank lines, which a second reading skips
/// too): the one reading must extract, and equal the two readings.
fn clean_row() -> impl Strategy<Value = String> {
    (
        (2024i32..2027, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        prop_oneof![
            6 => (0u32..40).prop_map(|u| format!("user{u:02}@corp.example")),
            1 => (0u32..40).prop_map(|u| format!("USER{u:02}@Corp.Example")),
            1 => (0u32..40).prop_map(|u| format!("mailto:user{u:02}@corp.example")),
        ],
        prop_oneof![
            6 => (0u32..6).prop_map(|t| format!("Tool {t:02}")),
            1 => Just("SLACK".to_string()),
            1 => Just("slack".to_string()),
            1 => Just("\"Acme, Inc\"".to_string()),
        ],
        prop_oneof![6 => (0u64..50).prop_map(|e| e.to_string()), 1 => Just(String::new())],
        cell_feature(),
        0u8..40,
    )
        .prop_map(|(d, u, t, e, f, shape)| match shape {
            0 => String::new(),
            1 => format!("Total,,,{e},"),
            _ => format!("{d},{u},{t},{e},{f}"),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn clean_usage_logs_are_read_once_with_the_two_readings_records(
        rows in prop::collection::vec(clean_row(), 0..160),
        crlf in any::<bool>(),
        enc in prop_oneof![Just(Encoding::Utf8), Just(Encoding::Utf8Bom), Just(Encoding::Utf16Le)],
        cuts in prop::collection::vec(0usize..20_000, 0..6),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("date,user_email,tool,events,feature{nl}");
        text.push_str(&rows.join(nl));
        text.push_str(nl);
        let data = rows.iter().filter(|r| !r.is_empty() && !r.starts_with("Total")).count();
        let bytes = encode(&text, enc);
        let mut cuts = cuts;
        cuts.sort_unstable();
        let once = assert_same("clean.csv", &bytes, &Options::default(), &cuts);
        if data >= 1 {
            prop_assert!(once, "a clean log with {} data rows was read twice", data);
        }
    }
}

/// Guards the test itself: tame generated files must reach usage extraction (records are compared there).
#[test]
fn tame_generated_logs_are_usage_logs() {
    let mut text = String::from("date,user_email,tool,events,feature\n");
    for (i, r) in [
        "2026-01-05,user01@corp.example,Tool 01,3,view",
        "2026-01-06,USER01@Corp.Example,Tool 01,2.5,\"export, csv\"",
        ",mailto:user02@corp.example,slack,,yes",
        " 2026-01-05,user03@corp.example,Slack,lots,view",
        "03/04/2026,user04@corp.example,SLACK,1,€12",
        "2026-01-05,user04@corp.example,Total,0",
    ]
    .iter()
    .enumerate()
    {
        text.push_str(r);
        text.push_str(if i % 2 == 0 { "\n" } else { "\r\n" });
    }
    let (first, second) = both_readings("t.csv", text.as_bytes(), &Options::default(), &[], false);
    assert_eq!(
        first.kind,
        stackscope::model::Kind::Usage,
        "{:#?}",
        first.columns
    );
    let usage = &second.unwrap().records.unwrap().usage;
    assert!(usage.len() >= 4, "{usage:#?}");
    assert_same("t.csv", text.as_bytes(), &Options::default(), &[]);
}

/// The usage-log kernel (`src/ingest/fast/kernel.rs`) takes plain lines 64 at a time and hands the first line it
/// cannot take whole to the general fast path. Lines it must refuse are put at every place in and around a
/// batch (first, last, just after), in files with CRLF, a `;` delimiter, spaces in cells, accounts longer than
/// the 24 bytes kept inline, mixed-case accounts, the columns in two orders and cells at the end of a chunk;
/// read whole and in chunks of many sizes, every reading equals the general path's.
#[test]
fn the_usage_kernel_reads_like_the_general_path_around_every_refused_line() {
    // (date, account, tool, events, feature); `None`: a line that is not five cells.
    let refused: [Result<[&str; 5], &str>; 13] = [
        Ok(["2026-02-30", "a@x.example", "Tool 01", "3", "view"]), // not a calendar date
        Ok(["2026-02-03", "", "Tool 01", "3", "view"]),            // no account
        Ok(["2026-02-03", "a@x.example", "", "3", "view"]),        // no tool
        Ok(["2026-02-03", "a@x.example", "Tool 01", "3.5", "view"]), // events not whole
        Ok(["2026-02-03", "   ", "Tool 01", "3", "view"]),         // an account of spaces
        Ok(["2026-02-03", "a@x.example", "Tool 01", "3", "Total"]), // a total when the feature comes first
        Ok(["", "", "", "", ""]),                                   // no value at all
        Err("2026-02-03,a@x.example,Tool 01,3"),                    // a field short
        Err("2026-02-03,a@x.example,Tool 01,3,view,x"),             // a field too many
        Err("2026-02-03,a@x.example,\"Tool, 01\",3,view"),          // quoted (the kernel takes it)
        Err("2026-02-03,a@x.example,\"Tool 01\",3,view"),           // quoted, no delimiter (taken)
        Err(""),                                                    // blank line
        Err("Total,,,9,"),                                          // a total
    ];
    for (k, bad) in refused.iter().enumerate() {
        for at in [0usize, 1, 62, 63, 64, 65, 127, 128, 200] {
            let mut rows: Vec<Result<[String; 5], String>> = (0..260)
                .map(|i| {
                    let user = if i % 3 == 0 {
                        format!("Someone.With.A.Long.Name{:03}@Example.COM", i % 41)
                    } else {
                        format!("user{:02}@x.example", i % 29)
                    };
                    Ok([
                        format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                        user,
                        format!("Tool {:02}", i % 11),
                        if i % 13 == 0 {
                            String::new()
                        } else {
                            (i % 9).to_string()
                        },
                        ["view", "share link", "edit"][i % 3].to_string(),
                    ])
                })
                .collect();
            rows.insert(
                at,
                bad.map(|c| c.map(str::to_string)).map_err(str::to_string),
            );
            for feature_first in [false, true] {
                for (eol, delim) in [("\n", ","), ("\r\n", ","), ("\n", ";")] {
                    let order: [usize; 5] = if feature_first {
                        [4, 0, 1, 2, 3]
                    } else {
                        [0, 1, 2, 3, 4]
                    };
                    let header = ["date", "user_email", "tool", "events", "feature"];
                    let mut text = order.map(|i| header[i]).join(delim);
                    text.push_str(eol);
                    for r in &rows {
                        match r {
                            Ok(cells) => {
                                text.push_str(&order.map(|i| cells[i].as_str()).join(delim))
                            }
                            Err(line) => text.push_str(&line.replace(',', delim)),
                        }
                        text.push_str(eol);
                    }
                    let name = format!(
                        "kernel_{k}_{at}_{feature_first}_{}.csv",
                        eol.len() + delim.len()
                    );
                    let bytes = text.as_bytes();
                    assert_same(&name, bytes, &Options::default(), &[]);
                    for size in [7usize, 64, 4093] {
                        let cuts: Vec<usize> =
                            (1..bytes.len() / size + 1).map(|c| c * size).collect();
                        assert_same(&name, bytes, &Options::default(), &cuts);
                    }
                }
            }
        }
    }
}

/// The kernel keeps the dates it has read by their digits (year's last two bits, month, day). Every day of six
/// years, with cells that are not dates spread among them, and then cells that share a valid date's first
/// eight bytes and its slot (`2026-02-41` lands where `2026-02-01` is kept), must read as the general path
/// reads them. (Letting the cache compare only the first eight bytes makes this fail.)
#[test]
fn the_kernels_cache_of_dates_never_mistakes_one_cell_for_another() {
    let mut text = String::from("date,user_email,tool,events,feature\n");
    let mut day = stackscope::model::Date::new(2023, 1, 1).unwrap();
    let odd = [
        "2026-02-41",
        "2026-02-71",
        "2026-02-29",
        "2026-02-30",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-1a-01",
        "2027-02-29",
        "abcdefghij",
        "2026-02-01 ",
    ];
    let mut i = 0usize;
    while day.year < 2029 {
        text.push_str(&format!(
            "{day},user{:02}@x.example,Tool {:02},{},view\n",
            i % 31,
            i % 7,
            i % 5
        ));
        if i % 97 == 50 {
            let cell = odd[(i / 97) % odd.len()];
            text.push_str(&format!("{cell},user01@x.example,Tool 01,1,view\n"));
        }
        day = day.add_days(1).unwrap();
        i += 1;
    }
    // Every odd cell after its valid twin was read (so the twin is in the cache), each on an account of its
    // own, so that its record shows how its date was read.
    for (k, cell) in odd.iter().enumerate() {
        text.push_str(&format!("{cell},odd{k}@x.example,Tool 02,2,view\n"));
        text.push_str("2026-02-01,user03@x.example,Tool 03,3,view\n");
    }
    // (Not a plain log: the odd dates make the one reading leave extraction to a second reading.)
    assert_same("dates.csv", text.as_bytes(), &Options::default(), &[]);
    assert_same(
        "dates.csv",
        text.as_bytes(),
        &Options::default(),
        &[4093, 8192, 65536],
    );
}

/// A usage log whose date column is mostly dates (a few cells are not: the plan says "date" with no settled
/// order) is still read by the fast path and the kernel: it took 4.2 s instead of 0.5 s for 1M rows with 750
/// bad dates, every row going through the general path. The fast path must read it as the general path does.
#[test]
fn a_usage_log_with_a_few_bad_dates_is_read_fast_and_the_same() {
    let mut text = String::from("date,user_email,tool,events,feature\n");
    for i in 0..3000usize {
        let date = if i % 211 == 7 {
            "2026-02-30".to_string()
        } else if i % 401 == 3 {
            format!("{:02}/{:02}/2026", 1 + i % 12, 1 + i % 28)
        } else {
            format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28)
        };
        text.push_str(&format!(
            "{date},user{:02}@x.example,Tool {:02},{},view\n",
            i % 37,
            i % 9,
            i % 6
        ));
    }
    let bytes = text.as_bytes();
    let plan = stackscope::ingest::inspect_bytes("d.csv", bytes, &Options::default())
        .plan()
        .expect("a plan");
    let date = &plan.columns[0];
    assert_eq!(date.column_type, stackscope::model::ColumnType::Date);
    assert_eq!(
        date.date_order, None,
        "the case this guards: no settled order"
    );
    assert!(
        stackscope::ingest::reads_usage_fast(&plan),
        "the fast path takes such a plan"
    );
    assert_same("d.csv", bytes, &Options::default(), &[]);
    assert_same("d.csv", bytes, &Options::default(), &[999, 4096]);
}

/// The kernel keeps recent tool cells in 64 slots. With 300 tools of one length, many share a slot: each row
/// must still be merged under its own tool. (Letting the cache compare only lengths makes this fail.)
#[test]
fn the_kernels_cache_of_tools_never_mistakes_one_tool_for_another() {
    let mut text = String::from("date,user_email,tool,events,feature\n");
    for i in 0..6000usize {
        text.push_str(&format!(
            "2026-{:02}-{:02},user{:02}@x.example,Tool {:03},{},view\n",
            1 + i % 12,
            1 + i % 28,
            i % 17,
            (i * 7919) % 300,
            i % 9
        ));
    }
    assert!(assert_same(
        "tools.csv",
        text.as_bytes(),
        &Options::default(),
        &[]
    ));
}

/// Exports that quote every field (`"2026-02-03","a@x.example","Tool 01","3","view"`) are split by the kernel
/// between the quotes, as csv-core reads them; every other use of a quote is left to csv-core. Each odd line at
/// places in and around a batch, in a file quoted throughout, must read as the general path reads it.
#[test]
fn the_usage_kernel_reads_quoted_fields_as_csv_core_does() {
    let odd = [
        r#""2026-02-03","a@x.example","Tool ""01""","3","view""#, // an escaped quote
        r#""2026-02-03","a@x.example","Tool 01"x,"3","view""#,    // bytes after the closing quote
        "\"2026-02-03\",\"a@x.example\",\"Tool\n01\",\"3\",\"view\"", // a line break inside
        "\"2026-02-03\",\"a@x.example\",\"Tool\r01\",\"3\",\"view\"", // a lone CR inside
        r#""2026-02-03", "a@x.example","Tool 01","3","view""#,    // a space before the quote
        r#""2026-02-03","","Tool 01","3","view""#,                // an empty quoted account
        r#""2026-02-03","a@x.example","Tool 01","","view""#,      // empty quoted events
        r#""Total","","","9","""#,                                // a quoted total
        r#""2026-02-03","a@x.example","Tool, 01","3","a,b,c""#,   // delimiters inside
        r#"2026-02-03,a@x.example,Tool"01,3,view"#, // a quote inside an unquoted field
        r#""2026-02-03","a@x.example","Tool 01","3","view"#, // never closed
    ];
    for (k, bad) in odd.iter().enumerate() {
        for at in [0usize, 63, 64, 130] {
            let mut rows: Vec<String> = (0..200)
                .map(|i| {
                    format!(
                        r#""2026-{:02}-{:02}","user{:02}@x.example","Tool {:02}","{}","{}""#,
                        1 + i % 12,
                        1 + i % 28,
                        i % 23,
                        i % 7,
                        i % 5,
                        ["view", "share, link", "", "edit"][i % 4]
                    )
                })
                .collect();
            rows.insert(at, bad.to_string());
            for (eol, delim) in [("\n", ","), ("\r\n", ","), ("\r\n", ";")] {
                let mut text =
                    format!("\"date\",\"user_email\",\"tool\",\"events\",\"feature\"{eol}");
                for r in &rows {
                    // Only the delimiters between fields change (those inside quotes stay commas).
                    text.push_str(&r.replace("\",\"", &format!("\"{delim}\"")));
                    text.push_str(eol);
                }
                let name = format!("quoted_{k}_{at}_{}.csv", eol.len() + delim.len());
                let bytes = text.as_bytes();
                assert_same(&name, bytes, &Options::default(), &[]);
                for size in [7usize, 4093] {
                    let cuts: Vec<usize> = (1..bytes.len() / size + 1).map(|c| c * size).collect();
                    assert_same(&name, bytes, &Options::default(), &cuts);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// One file read in parts on several cores (`src/ingest/fast/parts.rs`): the same findings and records as one
// sequential reading, whether each part is merged, stopped early or refused.

/// The first byte after a newline at or after `at` (the file's length when there is none).
fn after_newline(bytes: &[u8], at: usize) -> usize {
    let at = at.min(bytes.len());
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i + 1)
}

/// Reads `bytes` as the page and the CLI do on several cores: the sequential reader up to the first part's
/// start; every part (to the next start, the last to the end of the file) by its own `PartReader`, its setup
/// and result sent as bytes; then the parts merged in order, the sequential reader reading whatever a part
/// left to it (where it stopped, or all of it when refused). Chunks of `chunk` bytes.
fn read_in_parts(
    name: &str,
    bytes: &[u8],
    options: &Options,
    starts: &[usize],
    chunk: usize,
) -> (Inspection, Vec<PartMerge>) {
    let feed = |r: &mut FileReader, from: usize, to: usize| {
        for c in bytes[from..to].chunks(chunk) {
            r.push(c);
        }
    };
    let mut starts: Vec<usize> = starts
        .iter()
        .map(|&s| after_newline(bytes, s))
        .filter(|&s| s < bytes.len())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut r = FileReader::new(name, options.clone());
    let mut merges = Vec::new();
    let mut pos = 0;
    if let Some(&first) = starts.first() {
        feed(&mut r, 0, first);
        pos = first;
        if let Some(setup) = r.part_setup() {
            let setup = PartSetup::from_bytes(&setup.to_bytes()).expect("the setup's bytes");
            let results: Vec<PartResult> = starts
                .iter()
                .enumerate()
                .map(|(k, &s)| {
                    let end = starts.get(k + 1).copied().unwrap_or(bytes.len());
                    let mut p = PartReader::new(&setup, s as u64);
                    for c in bytes[s..end].chunks(chunk) {
                        if p.stopped() {
                            break;
                        }
                        p.push(c);
                    }
                    let found = p.finish(end == bytes.len());
                    PartResult::from_bytes(&found.to_bytes()).expect("the result's bytes")
                })
                .collect();
            for part in &results {
                let s = part.start() as usize;
                if pos < s {
                    feed(&mut r, pos, s);
                }
                let m = r.merge_part(part);
                merges.push(m);
                pos = m.resume_at as usize;
            }
        }
    }
    feed(&mut r, pos, bytes.len());
    (r.finish(), merges)
}

/// Reading in parts gives the sequential reading's findings and records, on the first reading, the second
/// (with the first one's plan) and a one reading. Returns the one reading's merges.
fn assert_same_in_parts(
    name: &str,
    bytes: &[u8],
    options: &Options,
    starts: &[usize],
    chunk: usize,
) -> Vec<PartMerge> {
    let first = read(name, bytes, options, &[], false);
    let mut readings = vec![("first", options.clone())];
    if let Some(plan) = first.plan() {
        let mut o = options.clone();
        o.plan = Some(plan);
        readings.push(("second", o));
    }
    let mut once = options.clone();
    once.one_reading = true;
    readings.push(("one", once));
    // The same chunks for the reading in one piece (a byte limit stops a reading at the chunk that crosses it).
    let cuts: Vec<usize> = (chunk..bytes.len()).step_by(chunk).collect();
    let mut last = Vec::new();
    for (what, o) in readings {
        let whole = read(name, bytes, &o, &cuts, false);
        let (parts, merges) = read_in_parts(name, bytes, &o, starts, chunk);
        let (a, b) = (fingerprint(&parts), fingerprint(&whole));
        assert!(
            a == b,
            "{name}: the {what} reading in parts {merges:?} differs\n{}",
            diff(&a, &b)
        );
        last = merges;
    }
    last
}

#[test]
fn a_usage_log_read_in_parts_is_read_as_in_one_piece() {
    let text = reference_log(30_000);
    let bytes = text.as_bytes();
    let n = bytes.len();
    for starts in [
        vec![n / 2],
        vec![n / 3, 2 * n / 3],
        vec![100_000, n / 2, n - 300],
    ] {
        for chunk in [4_093, 1 << 16] {
            let merges = assert_same_in_parts("u.csv", bytes, &Options::default(), &starts, chunk);
            assert_eq!(merges.len(), starts.len(), "{starts:?}");
            assert!(merges.iter().all(|m| m.merged), "{merges:?}");
            assert_eq!(merges.last().map(|m| m.resume_at), Some(n as u64));
        }
    }
    // CRLF, `;` and a BOM: merged too.
    let crlf = text.replace(',', ";").replace('\n', "\r\n");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(crlf.as_bytes());
    let merges = assert_same_in_parts("u.csv", &bom, &Options::default(), &[bom.len() / 2], 65_536);
    assert!(merges.iter().all(|m| m.merged), "{merges:?}");
}

#[test]
fn a_part_reads_the_rows_for_the_general_path_except_in_a_second_reading() {
    let text = reference_log(30_000);
    let n = text.len();
    // A total line, a bad date, a short row, a blank account, decimal events and a blank row below the middle.
    // A first reading's or a one reading's part reads them as the sequential reader would (their diagnostics
    // and the rows kept for the extractor travel with its result) and is merged whole; a second reading's
    // part stops there, and the sequential reader reads on from that row.
    for bad in [
        "Total,,,999,",
        "2026-02-30,user001@corp.example,Tool 01,1,view",
        "2026-03-01,user001@corp.example,Tool 01",
        "2026-03-01,,Tool 01,1,view",
        "2026-03-01,user001@corp.example,Tool 01,2.5,view",
        ",,,,",
    ] {
        let at = after_newline(text.as_bytes(), 3 * n / 4);
        let file = format!("{}\n{bad}\n{}", &text[..at - 1], &text[at..]);
        let merges = assert_same_in_parts(
            "bad.csv",
            file.as_bytes(),
            &Options::default(),
            &[n / 2],
            8_191,
        );
        assert_eq!(merges.len(), 1);
        assert!(merges[0].merged, "{bad}: {merges:?}");
        assert_eq!(
            merges[0].resume_at,
            file.len() as u64,
            "{bad}: read to the end"
        );
        let first = read("bad.csv", file.as_bytes(), &Options::default(), &[], false);
        let second = Options {
            plan: first.plan(),
            ..Options::default()
        };
        let (_, merges) = read_in_parts("bad.csv", file.as_bytes(), &second, &[n / 2], 8_191);
        assert!(merges[0].merged, "{bad}: {merges:?}");
        assert_eq!(merges[0].resume_at, at as u64, "{bad}: stopped at the row");
    }
    // Many of them, past the 50 listed per code and across chunk edges: the same diagnostics as in one piece.
    let mut l: Vec<String> = text.lines().map(str::to_string).collect();
    for k in 0..300 {
        let row = match k % 3 {
            0 => "2026-03-01,,Tool 01,1,view".to_string(),
            1 => format!("2026-03-01,user{:03}@corp.example,Tool 02", k % 97),
            _ => "Total,,,1,".to_string(),
        };
        l.insert(15_000 + k * 40, row);
    }
    let file = l.join("\n") + "\n";
    let merges = assert_same_in_parts(
        "many.csv",
        file.as_bytes(),
        &Options::default(),
        &[n / 2, 2 * n / 3],
        8_191,
    );
    assert!(merges.iter().all(|m| m.merged), "{merges:?}");
}

#[test]
fn a_part_whose_kept_rows_would_pass_the_limit_is_refused() {
    // 30,000 rows without an account before the part and 30,000 in it: each side keeps about 6 MB for the
    // extractor, under the 8 MiB a one reading may keep, together over it. The part is refused and read in
    // order, where the one reading gives up at the limit, as it would in one piece.
    let mut text = reference_log(3000);
    let odd = |i: usize| {
        format!(
            "2026-03-{:02},,Tool {:02},1,a note long enough\n",
            1 + i % 28,
            i % 7
        )
    };
    for i in 0..30_000 {
        text.push_str(&odd(i));
    }
    let start = text.len();
    for i in 0..30_000 {
        text.push_str(&odd(i));
    }
    text.push_str(&reference_log(10)[36..]);
    let once = Options {
        one_reading: true,
        ..Options::default()
    };
    let (parts, merges) = read_in_parts("kept.csv", text.as_bytes(), &once, &[start - 1], 65_536);
    assert_eq!(merges.len(), 1);
    assert!(!merges[0].merged, "{merges:?}");
    assert!(parts.records.is_none(), "the one reading gave up");
    let whole = read("kept.csv", text.as_bytes(), &once, &[], false);
    assert_eq!(fingerprint(&parts), fingerprint(&whole));
}

/// Regression (found by the `parts` fuzz target): the message of an unclosed quote at the end of the file names
/// the lines of the record ("lines 188 to 196"), which a part counts from its own start; merged, the message
/// named the wrong lines. Such a part is now refused and its bytes read in order.
#[test]
fn an_unclosed_quote_at_the_end_of_a_part_names_the_files_lines() {
    let text = reference_log(30_000);
    let n = text.len();
    let file =
        format!("{text}2026-03-01,user001@corp.example,Tool 01,1,\"never closed\nmore\nand more\n");
    for chunk in [4_093, 65_536] {
        let merges = assert_same_in_parts(
            "quote.csv",
            file.as_bytes(),
            &Options::default(),
            &[n / 2],
            chunk,
        );
        assert_eq!(merges.len(), 1);
    }
    let whole = read(
        "quote.csv",
        file.as_bytes(),
        &Options::default(),
        &[],
        false,
    );
    let quote = whole
        .diagnostics
        .iter()
        .find(|d| d.code == "unclosed_quote")
        .expect("the quote is reported");
    assert!(
        quote.message.contains("lines 30002 to 30005"),
        "{}",
        quote.message
    );
}

#[test]
fn a_part_that_does_not_start_between_two_records_is_refused_and_read_in_order() {
    // A quoted cell holding newlines across the part's guessed start: the start is inside a record.
    let text = reference_log(30_000);
    let at = after_newline(text.as_bytes(), text.len() / 2);
    let file = format!(
        "{}2026-03-01,user001@corp.example,Tool 01,1,\"line one\nline two\nline three\"\n{}",
        &text[..at],
        &text[at..]
    );
    let inside = at + "2026-03-01,user001@corp.example,Tool 01,1,\"line one\n".len();
    for chunk in [997, 65_536] {
        let merges = assert_same_in_parts(
            "q.csv",
            file.as_bytes(),
            &Options::default(),
            &[inside - 1],
            chunk,
        );
        assert_eq!(merges.len(), 1);
        assert!(!merges[0].merged, "{merges:?}");
        assert_eq!(merges[0].resume_at, inside as u64);
    }
    // Two parts, the first ending inside that record: the first is merged up to it, the second refused.
    let merges = assert_same_in_parts(
        "q.csv",
        file.as_bytes(),
        &Options::default(),
        &[at / 2, inside - 1],
        4_096,
    );
    assert!(merges[0].merged && !merges[1].merged, "{merges:?}");
    assert_eq!(merges[0].resume_at, at as u64);
}

#[test]
fn a_part_whose_events_would_add_in_another_order_is_refused() {
    // The second reading reads a decimal events cell before the part with the general path: its record's sum
    // is not whole, so adding the part's sum to it could round differently from adding row by row.
    let text = reference_log(30_000);
    let file = text.replacen(",1,view\n", ",0.1,view\n", 1);
    assert_ne!(file, text);
    let first = read("d.csv", file.as_bytes(), &Options::default(), &[], false);
    let second = Options {
        plan: first.plan(),
        ..Options::default()
    };
    assert!(second.plan.is_some());
    let (parts, merges) =
        read_in_parts("d.csv", file.as_bytes(), &second, &[file.len() / 2], 65_536);
    assert_eq!(merges.len(), 1);
    assert!(!merges[0].merged, "{merges:?}");
    let whole = read("d.csv", file.as_bytes(), &second, &[], false);
    assert_eq!(fingerprint(&parts), fingerprint(&whole));
    // Big whole sums are refused as well (past 2^52 they could round).
    let big = text.replace(",4,view\n", ",999999999999999,view\n");
    let merges = assert_same_in_parts(
        "b.csv",
        big.as_bytes(),
        &Options::default(),
        &[big.len() / 2],
        65_536,
    );
    assert!(!merges[0].merged, "{merges:?}");
}

#[test]
fn a_part_past_the_byte_limit_is_refused_so_the_limit_stops_the_reading_where_it_would() {
    let text = reference_log(30_000);
    let n = text.len();
    // Under the limit: merged, the same as in one piece.
    let options = Options {
        max_bytes: Some(n as u64 + 10),
        ..Options::default()
    };
    let merges = assert_same_in_parts("m.csv", text.as_bytes(), &options, &[n / 2], 65_536);
    assert!(merges[0].merged, "{merges:?}");
    // Past it: refused, and the reading stops with the limit's error (where exactly depends on the chunks, in
    // one piece too: the limit is checked as each chunk arrives).
    for max in [n / 2 + 1_000, n - 10] {
        let options = Options {
            max_bytes: Some(max as u64),
            ..Options::default()
        };
        let (parts, merges) = read_in_parts("m.csv", text.as_bytes(), &options, &[n / 2], 65_536);
        assert_eq!(merges.len(), 1);
        assert!(!merges[0].merged, "limit {max}: {merges:?}");
        let whole = read("m.csv", text.as_bytes(), &options, &[], false);
        let error = |i: &Inspection| {
            i.error
                .as_ref()
                .map(|e| (e.code.clone(), e.message.clone()))
        };
        assert!(error(&whole).is_some());
        assert_eq!(error(&parts), error(&whole), "limit {max}");
    }
}

#[test]
fn a_part_result_from_other_bytes_is_rejected_without_a_panic() {
    let text = reference_log(3_000);
    let bytes = text.as_bytes();
    let mut r = FileReader::new("u.csv", Options::default());
    r.push(&bytes[..bytes.len() / 2]);
    r.push(&bytes[bytes.len() / 2..after_newline(bytes, 100_000)]);
    let setup = r.part_setup().expect("setup");
    let start = after_newline(bytes, 100_000);
    let mut p = PartReader::new(&setup, start as u64);
    p.push(&bytes[start..]);
    let good = p.finish(true).to_bytes();
    assert!(PartResult::from_bytes(&good).is_some());
    for n in 0..good.len() {
        assert!(PartResult::from_bytes(&good[..n]).is_none(), "cut at {n}");
    }
    let mut longer = good.clone();
    longer.push(0);
    assert!(PartResult::from_bytes(&longer).is_none());
    for i in (0..good.len()).step_by(7) {
        let mut bad = good.clone();
        bad[i] ^= 0xA5;
        let _ = PartResult::from_bytes(&bad);
    }
    assert!(PartSetup::from_bytes(&good).is_none());
    assert!(PartSetup::from_bytes(&setup.to_bytes()[1..]).is_none());
}

/// Rows of a usage log before the generated ones: enough for the header to settle (64 KiB are sniffed first),
/// so that the parts' starts fall among the generated rows.
fn clean_prefix(nl: &str) -> String {
    reference_log(1_800).replace('\n', nl)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn generated_usage_logs_read_in_parts_read_the_same(
        rows in prop::collection::vec(row(), 1..300),
        wild in prop::bool::weighted(0.3),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        starts in prop::collection::vec(0.0f64..1.0, 1..4),
        chunk in prop_oneof![Just(997usize), Just(4_096), Just(65_536)],
        final_newline in any::<bool>(),
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut text = clean_prefix(nl);
        let rows: Vec<String> = if wild { rows } else { rows.into_iter().map(tame).collect() };
        let from = text.len();
        text.push_str(&rows.join(nl));
        if final_newline {
            text.push_str(nl);
        }
        let bytes = encode(&text, if bom { Encoding::Utf8Bom } else { Encoding::Utf8 });
        let span = (bytes.len() - from) as f64;
        let starts: Vec<usize> = starts.iter().map(|f| from + (f * span) as usize).collect();
        assert_same_in_parts("gen.csv", &bytes, &Options::default(), &starts, chunk);
    }
}
