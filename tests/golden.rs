//! Golden tests: every folder under `tests/cases/` holds one input file (`input.*`), optionally `options.json`
//! (ingest options: encoding, delimiter, mapping…), and `expected.json`, the findings `inspect --json` must give.
//!
//! Regenerate after an intended change with `STACKSCOPE_BLESS=1 cargo test --test golden`, then review the diff.
//! The same folders feed the chunk-independence property test below.

use stackscope::ingest::{inspect_bytes, FileReader, Options};
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && input_file(p).is_some())
        .collect();
    dirs.sort();
    dirs
}

fn input_file(dir: &Path) -> Option<PathBuf> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_stem().map(|s| s == "input").unwrap_or(false))
        .collect();
    inputs.sort();
    inputs.into_iter().next()
}

fn options(dir: &Path) -> Options {
    match std::fs::read_to_string(dir.join("options.json")) {
        Ok(text) => serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: bad options.json: {e}", dir.display())),
        Err(_) => Options::default(),
    }
}

fn findings_json(dir: &Path) -> String {
    let input = input_file(dir).expect("input file");
    let bytes = std::fs::read(&input).expect("readable input");
    let name = input.file_name().unwrap().to_string_lossy().into_owned();
    let found = inspect_bytes(&name, &bytes, &options(dir));
    serde_json::to_string_pretty(&found).expect("serialisable") + "\n"
}

#[test]
fn every_case_matches_its_expected_findings() {
    let bless = std::env::var_os("STACKSCOPE_BLESS").is_some();
    let mut failures = Vec::new();
    let all = cases();
    assert!(
        all.len() >= 10,
        "expected the golden cases under tests/cases, found {}",
        all.len()
    );
    for dir in all {
        let actual = findings_json(&dir);
        let expected_path = dir.join("expected.json");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write expected.json");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}\n{}",
                expected_path.display(),
                first_differences(&expected, &actual)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden case(s) differ (run with STACKSCOPE_BLESS=1 to accept, then review the diff):\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A readable diff: the first few lines that differ, with line numbers.
fn first_differences(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    let mut shown = 0;
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i).copied(), a.get(i).copied());
        if x != y {
            out.push_str(&format!(
                "  line {}:\n    - {}\n    + {}\n",
                i + 1,
                x.unwrap_or("<none>"),
                y.unwrap_or("<none>")
            ));
            shown += 1;
            if shown == 8 {
                out.push_str("  …\n");
                break;
            }
        }
    }
    if expected.is_empty() {
        out = "  (no expected.json yet)\n".into();
    }
    out
}

fn inspect_chunked(name: &str, bytes: &[u8], cuts: &[usize], options: &Options) -> String {
    let mut r = FileReader::new(name, options.clone());
    let mut start = 0;
    for &cut in cuts {
        let cut = cut.min(bytes.len()).max(start);
        r.push(&bytes[start..cut]);
        start = cut;
    }
    r.push(&bytes[start..]);
    serde_json::to_string(&r.finish()).unwrap()
}

/// The findings do not depend on where the chunks split: every single split point for every case's input, and
/// byte-by-byte.
#[test]
fn findings_do_not_depend_on_chunk_boundaries() {
    for dir in cases() {
        let input = input_file(&dir).unwrap();
        let bytes = std::fs::read(&input).unwrap();
        let opts = options(&dir);
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let whole = inspect_chunked(&name, &bytes, &[], &opts);
        let step = (bytes.len() / 300).max(1);
        for cut in (0..=bytes.len()).step_by(step) {
            assert_eq!(
                inspect_chunked(&name, &bytes, &[cut], &opts),
                whole,
                "{}: split at byte {cut}",
                dir.display()
            );
        }
        let every: Vec<usize> = (1..bytes.len()).collect();
        assert_eq!(
            inspect_chunked(&name, &bytes, &every, &opts),
            whole,
            "{}: byte by byte",
            dir.display()
        );
    }
}

mod random_chunking {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Random chunkings of a larger generated file (past the 64 KiB sniffing sample) agree with one chunk.
        #[test]
        fn random_cuts_agree(mut cuts in proptest::collection::vec(0usize..200_000, 0..12)) {
            let bytes = large_file();
            cuts.sort();
            let opts = Options::default();
            let whole = inspect_chunked("big.csv", &bytes, &[], &opts);
            prop_assert_eq!(inspect_chunked("big.csv", &bytes, &cuts, &opts), whole);
        }
    }

    fn large_file() -> Vec<u8> {
        let mut s = String::from(
            "\u{feff}Report: Northwind usage\n\ndate,user_email,tool,events,feature\n",
        );
        for i in 0..3000 {
            let feature = if i % 57 == 0 {
                "\"export, csv\""
            } else {
                "view"
            };
            s.push_str(&format!(
                "2026-{:02}-{:02},user{}@northwind.example,Tool {},{} ,{}\r\n",
                i % 12 + 1,
                i % 28 + 1,
                i % 400,
                i % 50,
                i % 9,
                feature
            ));
            if i % 500 == 0 {
                s.push_str("2026-01-01,\"multi\nline\"@x.example,Café ☕,1,\"say \"\"hi\"\"\"\n");
            }
        }
        s.into_bytes()
    }
}
