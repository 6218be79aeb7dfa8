//! Reading in parts (`ingest::PartReader`, `FileReader::merge_part`): a usage log whose first 90 KB are clean
//! (so that the header is settled and parts can be cut) followed by arbitrary bytes, read with its parts
//! starting anywhere in those bytes.
//!
//! Input layout: `[flags, a, b, c, tail…]`:
//! - `flags & 1`: a one reading (`Options::one_reading`), else a first reading;
//! - `flags & 2`: the clean prefix in CRLF;
//! - `(flags >> 2) & 3`: chunks of 997, 4,096, 65,536 or 1,000,000 bytes;
//! - `a`, `b`, `c`: where parts start in the tail (in 256ths of it; 0 = no part).
//!
//! Checks: never panics; the findings and records equal one sequential reading's (each part merged, stopped or
//! refused); every part's result survives its bytes; cut result bytes are rejected.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stackscope::ingest::{FileReader, Inspection, Options, PartReader, PartResult, PartSetup};
use std::sync::OnceLock;

fn prefix(crlf: bool) -> &'static str {
    static LF: OnceLock<String> = OnceLock::new();
    static CRLF: OnceLock<String> = OnceLock::new();
    let lf = LF.get_or_init(|| {
        let mut s = String::from("date,user_email,tool,events,feature\n");
        for i in 0..1_800 {
            let feature = if i % 57 == 0 { "\"export, csv\"" } else { "view" };
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
    });
    if crlf {
        CRLF.get_or_init(|| lf.replace('\n', "\r\n"))
    } else {
        lf
    }
}

fn fingerprint(found: &Inspection) -> String {
    let json = serde_json::to_string(found).expect("an inspection serialises");
    let inferences: Vec<String> = found.columns.iter().map(|c| format!("{:?}", c.inference)).collect();
    format!("{json}\n{inferences:?}\n{:?}", found.records)
}

fn in_parts(bytes: &[u8], options: &Options, starts: &[usize], chunk: usize) -> Inspection {
    let feed = |r: &mut FileReader, from: usize, to: usize| {
        for c in bytes[from..to].chunks(chunk) {
            r.push(c);
        }
    };
    let mut r = FileReader::new("fuzz.csv", options.clone());
    let Some(&first) = starts.first() else {
        feed(&mut r, 0, bytes.len());
        return r.finish();
    };
    feed(&mut r, 0, first);
    let mut pos = first;
    if let Some(setup) = r.part_setup() {
        let setup = PartSetup::from_bytes(&setup.to_bytes()).expect("a setup survives its bytes");
        for (k, &s) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(bytes.len());
            let mut p = PartReader::new(&setup, s as u64);
            for c in bytes[s..end].chunks(chunk) {
                if p.stopped() {
                    break;
                }
                p.push(c);
            }
            let found = p.finish(end == bytes.len());
            let b = found.to_bytes();
            assert!(PartResult::from_bytes(&b[..b.len() - 1]).is_none(), "cut bytes are rejected");
            let found = PartResult::from_bytes(&b).expect("a result survives its bytes");
            if pos < s {
                feed(&mut r, pos, s);
            }
            pos = r.merge_part(&found).resume_at as usize;
        }
    }
    feed(&mut r, pos, bytes.len());
    r.finish()
}

fuzz_target!(|data: &[u8]| {
    let [flags, a, b, c, tail @ ..] = data else {
        return;
    };
    let mut bytes = prefix(flags & 2 != 0).as_bytes().to_vec();
    let from = bytes.len();
    bytes.extend_from_slice(tail);
    let chunk = [997, 4_096, 65_536, 1_000_000][usize::from((flags >> 2) & 3)];
    let options = Options {
        one_reading: flags & 1 != 0,
        ..Options::default()
    };
    // Part starts just after newlines, as the page and the CLI cut them.
    let mut starts: Vec<usize> = [a, b, c]
        .iter()
        .filter(|&&&x| x != 0)
        .filter_map(|&&x| {
            let at = from + tail.len() * usize::from(x) / 256;
            bytes[at..].iter().position(|&b| b == b'\n').map(|i| at + i + 1)
        })
        .filter(|&s| s < bytes.len())
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let whole = {
        let mut r = FileReader::new("fuzz.csv", options.clone());
        r.push(&bytes);
        r.finish()
    };
    let parts = in_parts(&bytes, &options, &starts, chunk);
    assert_eq!(fingerprint(&parts), fingerprint(&whole), "starts {starts:?}, chunk {chunk}");
});
