//! UTF-8 passed through without a copy (`TextDecoder::push_text`) against a plain reference: for any bytes past
//! the sniffing sample (valid characters of every length, malformed sequences, NULs), cut anywhere into chunks,
//! the text is what `String::from_utf8_lossy` makes of the whole file with its NULs removed, and the
//! diagnostics are those of the same file pushed in one piece (which goes through `encoding_rs`).

use proptest::prelude::*;
use stackscope::decode::{TextDecoder, SNIFF_BYTES};

fn decode(bytes: &[u8], cuts: &[usize]) -> (String, String) {
    let mut d = TextDecoder::new(None).expect("no encoding named");
    let mut out = String::new();
    let mut start = 0;
    for &c in cuts.iter().chain([bytes.len()].iter()) {
        let c = c.clamp(start, bytes.len());
        let mut piece = String::new();
        if let Some(text) = d.push_text(&bytes[start..c], &mut piece).expect("text") {
            piece.push_str(text);
        }
        out.push_str(&piece);
        start = c;
    }
    d.finish(&mut out).expect("text");
    let diagnostics = format!("{:?}", d.diagnostics());
    (out, diagnostics)
}

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => "[a-z,;\n ]{1,12}".prop_map(String::into_bytes),
        2 => "[éü€日😀ß]{1,3}".prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 1..4),
        1 => Just(vec![0u8]),
        1 => Just(vec![0xE2, 0x82]),
        1 => Just(vec![0xF0, 0x9F, 0x98]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn passed_through_text_equals_the_lossy_reference_at_any_cuts(
        tail in prop::collection::vec(piece(), 1..40),
        cuts in prop::collection::vec(0usize..400, 0..8),
    ) {
        let mut bytes = Vec::new();
        while bytes.len() < SNIFF_BYTES + 3 {
            bytes.extend_from_slice("date,user,tool\n2026-01-0x,ü,€\n".as_bytes());
        }
        let sample_end = bytes.len();
        for p in &tail {
            bytes.extend_from_slice(p);
        }
        // Cuts around the sample's end and in the tail.
        let mut cuts: Vec<usize> = cuts.iter().map(|c| sample_end - 200 + c).collect();
        cuts.sort_unstable();
        let expected = String::from_utf8_lossy(&bytes).replace('\0', "");
        // The sample alone must be valid UTF-8 for the file to be read as UTF-8 (it is here).
        let (whole, whole_diags) = decode(&bytes, &[]);
        prop_assert_eq!(&whole, &expected);
        let (chunked, chunked_diags) = decode(&bytes, &cuts);
        prop_assert_eq!(&chunked, &expected);
        prop_assert_eq!(chunked_diags, whole_diags);
    }
}
