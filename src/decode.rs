//! Bytes → UTF-8 text, fed in chunks of any size.
//!
//! Detection, on the first bytes of the file (up to [`SNIFF_BYTES`]):
//! 1. a BOM decides (UTF-8, UTF-16LE, UTF-16BE) and is stripped;
//! 2. known binary signatures are refused with a clear reason (Excel workbooks, images, archives, PDF);
//! 3. a NUL pattern on every other byte means UTF-16 without a BOM;
//! 4. valid UTF-8 is UTF-8;
//! 5. anything else is Windows-1252.
//!
//! The user can name the encoding instead. One `encoding_rs` decoder carries state across chunks, so a
//! multi-byte character split between two chunks decodes correctly. Malformed sequences become U+FFFD and are
//! counted, with the line of the first one.

use crate::error::{Diagnostic, FileError, Severity};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How many leading bytes are examined before the encoding is decided.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The streaming decoder. Call [`TextDecoder::push`] with each chunk and [`TextDecoder::finish`] once.
pub struct TextDecoder {
    forced: Option<&'static Encoding>,
    sniff: Vec<u8>,
    state: Option<Active>,
    malformed: u64,
    first_malformed_line: Option<u64>,
    nul_chars: u64,
    lines_seen: u64,
    bytes_in: u64,
    /// UTF-8 passed through without a copy (see [`TextDecoder::push_text`]); off for good after the first
    /// malformed sequence, when the decoder takes over.
    pass: bool,
    /// The first bytes of a character cut by the end of the last chunk (pass-through only).
    carry: Vec<u8>,
}

struct Active {
    encoding: &'static Encoding,
    decoder: encoding_rs::Decoder,
    bom: bool,
    detected_by: &'static str,
}

impl TextDecoder {
    /// `encoding`: a label such as `utf-8`, `utf-16le`, `windows-1252`, `latin1`; `None` detects.
    pub fn new(encoding: Option<&str>) -> Result<TextDecoder, FileError> {
        let forced = match encoding {
            None => None,
            Some(label) if label.trim().is_empty() || label.eq_ignore_ascii_case("auto") => None,
            Some(label) => Some(Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                FileError::UnknownEncoding {
                    name: label.to_string(),
                }
            })?),
        };
        Ok(TextDecoder {
            forced,
            sniff: Vec::new(),
            state: None,
            malformed: 0,
            first_malformed_line: None,
            nul_chars: 0,
            lines_seen: 0,
            bytes_in: 0,
            pass: false,
            carry: Vec::new(),
        })
    }

    /// Decodes `bytes`, appending text to `out`. Text may be held back until enough bytes were seen to decide
    /// the encoding.
    pub fn push(&mut self, bytes: &[u8], out: &mut String) -> Result<(), FileError> {
        if let Some(text) = self.push_text(bytes, out)? {
            out.push_str(text);
        }
        Ok(())
    }

    /// [`TextDecoder::push`] without copying valid UTF-8: the text of `bytes` is `out`'s new text followed by
    /// the returned slice of `bytes` itself. Once a file is known to be UTF-8, each chunk is only validated
    /// (the end of a character cut by the chunk's end is held back for the next); a chunk with a malformed
    /// sequence or a NUL is decoded as before, by `encoding_rs`, which then reads the rest of the file.
    pub fn push_text<'a>(
        &mut self,
        bytes: &'a [u8],
        out: &mut String,
    ) -> Result<Option<&'a str>, FileError> {
        self.bytes_in += bytes.len() as u64;
        if self.state.is_none() {
            self.sniff.extend_from_slice(bytes);
            if self.sniff.len() < SNIFF_BYTES {
                return Ok(None);
            }
            let sample = std::mem::take(&mut self.sniff);
            self.start(&sample, false)?;
            // UTF-8 with no malformed sequence in the sample: the sample is decoded up to its last whole
            // character (so the decoder holds nothing back), and what follows is passed through.
            let utf8 = self.state.as_ref().is_some_and(|a| a.encoding == UTF_8);
            let cut = match std::str::from_utf8(&sample) {
                Ok(_) => Some(sample.len()),
                Err(e) if e.error_len().is_none() => Some(e.valid_up_to()),
                Err(_) => None,
            };
            match cut {
                Some(cut) if utf8 => {
                    self.decode(&sample[..cut], false, out);
                    self.carry = sample[cut..].to_vec();
                    self.pass = true;
                }
                _ => self.decode(&sample, false, out),
            }
            return Ok(None);
        }
        if !self.pass {
            self.decode(bytes, false, out);
            return Ok(None);
        }
        let mut rest = bytes;
        if let Some(&lead) = self.carry.first() {
            // Complete the character cut by the last chunk.
            let len = utf8_len(lead).max(self.carry.len());
            let take = (len - self.carry.len()).min(rest.len());
            self.carry.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.carry.len() < len {
                return Ok(None);
            }
            let whole = std::mem::take(&mut self.carry);
            if std::str::from_utf8(&whole).is_err() {
                return Ok(self.stop_passing(&[&whole, rest], out));
            }
            self.decode(&whole, false, out);
        }
        let valid = match std::str::from_utf8(rest) {
            Ok(s) => s,
            Err(e) if e.error_len().is_none() => {
                let (valid, cut) = rest.split_at(e.valid_up_to());
                self.carry = cut.to_vec();
                std::str::from_utf8(valid).unwrap_or_default()
            }
            Err(_) => return Ok(self.stop_passing(&[rest], out)),
        };
        let (lines, nuls) = count_newlines_and_nuls(valid.as_bytes());
        if nuls > 0 {
            // NULs are removed: this chunk is copied (and counted) as before.
            self.decode(valid.as_bytes(), false, out);
            return Ok(None);
        }
        self.lines_seen += lines;
        Ok(Some(valid))
    }

    /// A malformed sequence while passing through: `encoding_rs` decodes these bytes and the rest of the file.
    fn stop_passing<'a>(&mut self, parts: &[&[u8]], out: &mut String) -> Option<&'a str> {
        self.pass = false;
        for p in parts {
            self.decode(p, false, out);
        }
        None
    }

    /// Flushes everything held back. Errors when the file is empty or is not text.
    pub fn finish(&mut self, out: &mut String) -> Result<(), FileError> {
        if !self.carry.is_empty() {
            // A character cut by the end of the file: the decoder reports it.
            let carry = std::mem::take(&mut self.carry);
            self.decode(&carry, false, out);
        }
        if self.state.is_none() {
            let sample = std::mem::take(&mut self.sniff);
            self.start(&sample, true)?;
            self.decode(&sample, true, out);
        } else {
            self.decode(&[], true, out);
        }
        Ok(())
    }

    fn start(&mut self, sample: &[u8], complete: bool) -> Result<(), FileError> {
        if sample.iter().all(|b| b.is_ascii_whitespace()) && complete {
            return Err(FileError::Empty);
        }
        let (encoding, bom, detected_by) = match self.forced {
            Some(e) => (
                e,
                Encoding::for_bom(sample)
                    .map(|(b, _)| b == e)
                    .unwrap_or(false),
                "chosen",
            ),
            // Only the first SNIFF_BYTES decide, however the bytes were chunked.
            None => {
                let cut = sample.len().min(SNIFF_BYTES);
                detect(&sample[..cut], complete && cut == sample.len())?
            }
        };
        // With a BOM, `new_decoder_with_bom_removal` strips it; without, `new_decoder_without_bom_handling`
        // keeps a forced encoding exactly as chosen.
        let decoder = if bom {
            encoding.new_decoder_with_bom_removal()
        } else {
            encoding.new_decoder_without_bom_handling()
        };
        self.state = Some(Active {
            encoding,
            decoder,
            bom,
            detected_by,
        });
        Ok(())
    }

    fn decode(&mut self, mut bytes: &[u8], last: bool, out: &mut String) {
        loop {
            let Some(active) = self.state.as_mut() else {
                return;
            };
            let start_len = out.len();
            let needed = active
                .decoder
                .max_utf8_buffer_length_without_replacement(bytes.len())
                .unwrap_or(bytes.len() * 3 + 16);
            out.reserve(needed.max(4));
            let (result, read) = active
                .decoder
                .decode_to_string_without_replacement(bytes, out, last);
            self.count_text(start_len, out);
            bytes = &bytes[read..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => out.reserve(needed.max(64)),
                DecoderResult::Malformed(_, _) => {
                    self.malformed += 1;
                    if self.first_malformed_line.is_none() {
                        self.first_malformed_line = Some(self.lines_seen + 1);
                    }
                    out.push('\u{FFFD}');
                }
            }
        }
    }

    fn count_text(&mut self, from: usize, out: &mut String) {
        let new = &out.as_bytes()[from..];
        let (lines, nuls) = count_newlines_and_nuls(new);
        self.lines_seen += lines;
        if nuls > 0 {
            self.nul_chars += nuls;
            let cleaned: String = out[from..].chars().filter(|&c| c != '\0').collect();
            out.truncate(from);
            out.push_str(&cleaned);
        }
    }

    /// A decoder for a later part of a UTF-8 file read on another core (see `ingest::PartReader`): the
    /// encoding is known and valid text is passed through from the first byte.
    pub fn utf8_part() -> TextDecoder {
        TextDecoder {
            forced: Some(UTF_8),
            sniff: Vec::new(),
            state: Some(Active {
                encoding: UTF_8,
                decoder: UTF_8.new_decoder_without_bom_handling(),
                bom: false,
                detected_by: "chosen",
            }),
            malformed: 0,
            first_malformed_line: None,
            nul_chars: 0,
            lines_seen: 0,
            bytes_in: 0,
            pass: true,
            carry: Vec::new(),
        }
    }

    /// Whether every byte so far was valid UTF-8 without NULs, passed through, with nothing held back: the
    /// text read so far is exactly the bytes read so far.
    pub fn passed_everything(&self) -> bool {
        self.clean_so_far()
            && self.carry.is_empty()
            && self.state.as_ref().is_some_and(|a| a.encoding == UTF_8)
    }

    /// Whether every byte so far was valid UTF-8 without NULs, passed through as text byte for byte.
    pub fn clean_so_far(&self) -> bool {
        self.pass && self.malformed == 0 && self.nul_chars == 0
    }

    /// Counts `bytes` bytes holding `lines` newlines as read, when another reader (a part read on another
    /// core) read them and found them valid UTF-8 without NULs.
    pub fn skip_read_elsewhere(&mut self, bytes: u64, lines: u64) {
        self.bytes_in += bytes;
        self.lines_seen += lines;
    }

    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252`…), once decided.
    pub fn encoding_name(&self) -> Option<&'static str> {
        self.state.as_ref().map(|a| a.encoding.name())
    }

    /// Whether the file started with a byte-order mark.
    pub fn had_bom(&self) -> bool {
        self.state.as_ref().map(|a| a.bom).unwrap_or(false)
    }

    /// How the encoding was decided: `bom`, `nul_pattern`, `valid_utf8`, `fallback` or `chosen`.
    pub fn detected_by(&self) -> Option<&'static str> {
        self.state.as_ref().map(|a| a.detected_by)
    }

    pub fn bytes_read(&self) -> u64 {
        self.bytes_in
    }

    /// Diagnostics about the decoding (replacement characters, NUL bytes, the fallback choice).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(a) = &self.state {
            if a.detected_by == "fallback" {
                out.push(Diagnostic::new(
                    Severity::Info,
                    "encoding_fallback",
                    "the file is not valid UTF-8 and has no byte-order mark; it was read as Windows-1252 (choose another encoding if characters look wrong)",
                ));
            }
        }
        if self.malformed > 0 {
            let enc = self.encoding_name().unwrap_or("the encoding");
            let mut d = Diagnostic::new(
                Severity::Warning,
                "invalid_bytes",
                format!(
                    "{} byte sequence(s) are not valid {enc} and were replaced with �; the first is on this line",
                    self.malformed
                ),
            );
            if let Some(l) = self.first_malformed_line {
                d = d.at(l, None);
            }
            out.push(d);
        }
        if self.nul_chars > 0 {
            out.push(Diagnostic::new(
                Severity::Warning,
                "nul_bytes",
                format!(
                    "{} NUL character(s) were removed from the text",
                    self.nul_chars
                ),
            ));
        }
        out
    }
}

/// The length of the UTF-8 sequence a lead byte starts (1 for anything that is not a lead byte).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 1,
    }
}

/// Newlines and NUL bytes in `bytes`, in one pass, 8 bytes at a time.
fn count_newlines_and_nuls(bytes: &[u8]) -> (u64, u64) {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const NL: u64 = 0x0A0A_0A0A_0A0A_0A0A;
    // The high bit of each byte of the result is set exactly where the byte of `v` is zero.
    let zeros = |v: u64| !(((v & LOW7) + LOW7) | v | LOW7);
    let mut chunks = bytes.chunks_exact(8);
    let (mut lines, mut nuls) = (0u64, 0u64);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        let w = u64::from_le_bytes(a);
        lines += u64::from(zeros(w ^ NL).count_ones());
        nuls += u64::from(zeros(w).count_ones());
    }
    for &b in chunks.remainder() {
        lines += u64::from(b == b'\n');
        nuls += u64::from(b == 0);
    }
    (lines, nuls)
}

/// Decides the encoding of a file from its first bytes.
fn detect(
    sample: &[u8],
    complete: bool,
) -> Result<(&'static Encoding, bool, &'static str), FileError> {
    if let Some((enc, _)) = Encoding::for_bom(sample) {
        return Ok((enc, true, "bom"));
    }
    if let Some(err) = binary_signature(sample) {
        return Err(err);
    }
    if let Some(enc) = utf16_by_nul_pattern(sample) {
        return Ok((enc, false, "nul_pattern"));
    }
    match std::str::from_utf8(sample) {
        Ok(_) => return Ok((UTF_8, false, "valid_utf8")),
        // An incomplete character at the end of a partial sample is still valid UTF-8.
        Err(e) if e.error_len().is_none() && !complete => return Ok((UTF_8, false, "valid_utf8")),
        Err(_) => {}
    }
    if looks_binary(sample) {
        return Err(FileError::NotText {
            what: "binary data".into(),
        });
    }
    Ok((WINDOWS_1252, false, "fallback"))
}

fn binary_signature(s: &[u8]) -> Option<FileError> {
    let starts = |p: &[u8]| s.starts_with(p);
    if starts(b"PK\x03\x04") {
        let looks_xlsx =
            s.windows(3).any(|w| w == b"xl/") || s.windows(19).any(|w| w == b"[Content_Types].xml");
        return Some(if looks_xlsx {
            FileError::Spreadsheet {
                what: ".xlsx".into(),
            }
        } else {
            FileError::NotText {
                what: "a ZIP archive".into(),
            }
        });
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(FileError::Spreadsheet {
            what: "legacy .xls".into(),
        });
    }
    let what = if starts(b"\x89PNG\r\n\x1a\n") {
        "a PNG image"
    } else if starts(b"\xFF\xD8\xFF") {
        "a JPEG image"
    } else if starts(b"GIF8") {
        "a GIF image"
    } else if starts(b"%PDF") {
        "a PDF document"
    } else if starts(&[0x1F, 0x8B]) {
        "a gzip archive"
    } else {
        return None;
    };
    Some(FileError::NotText { what: what.into() })
}

fn utf16_by_nul_pattern(s: &[u8]) -> Option<&'static Encoding> {
    let n = s.len() / 2;
    if n < 2 {
        return None;
    }
    let even_nul = s.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = s.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Mostly-ASCII UTF-16: one byte of every pair is NUL, the other almost never is.
    if odd_nul * 10 >= n * 6 && even_nul * 10 <= n {
        Some(UTF_16LE)
    } else if even_nul * 10 >= n * 6 && odd_nul * 10 <= n {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn looks_binary(s: &[u8]) -> bool {
    if s.is_empty() {
        return false;
    }
    let control = s
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    control * 10 > s.len()
}

/// Decodes a whole byte slice at once (tests, CLI): the same code path as streaming.
pub fn decode_all(
    bytes: &[u8],
    encoding: Option<&str>,
) -> Result<(String, TextDecoder), FileError> {
    let mut d = TextDecoder::new(encoding)?;
    let mut out = String::new();
    d.push(bytes, &mut out)?;
    d.finish(&mut out)?;
    Ok((out, d))
}

#[cfg(test)]
mod tests {
    #[test]
    fn newlines_and_nuls_are_counted_exactly() {
        let text = b"a\nb\x00\n\n\x0a\x8a\x00\x00xyz\n\x0b\x09\xff\n";
        for n in 0..=text.len() {
            let t = &text[..n];
            let want = (
                t.iter().filter(|&&b| b == b'\n').count() as u64,
                t.iter().filter(|&&b| b == 0).count() as u64,
            );
            assert_eq!(super::count_newlines_and_nuls(t), want, "{n}");
        }
    }

    use super::*;

    fn chunked(bytes: &[u8], size: usize) -> (String, Option<&'static str>) {
        let mut d = TextDecoder::new(None).unwrap();
        let mut out = String::new();
        for c in bytes.chunks(size.max(1)) {
            d.push(c, &mut out).unwrap();
        }
        d.finish(&mut out).unwrap();
        (out, d.encoding_name())
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let (t, d) = decode_all(b"\xEF\xBB\xBFa,b\n", None).unwrap();
        assert_eq!(t, "a,b\n");
        assert!(d.had_bom());
    }

    #[test]
    fn utf16le_unicode_text_with_bom_reads() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Nom\tMontant\r\nCafé\t12,50\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (t, d) = decode_all(&bytes, None).unwrap();
        assert_eq!(t, "Nom\tMontant\r\nCafé\t12,50\r\n");
        assert_eq!(d.encoding_name(), Some("UTF-16LE"));
    }

    #[test]
    fn utf16be_without_bom_is_recognised_from_nuls() {
        let mut bytes = vec![];
        for u in "tool,seats\nSlack,10\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        let (t, d) = decode_all(&bytes, None).unwrap();
        assert_eq!(t, "tool,seats\nSlack,10\n");
        assert_eq!(d.detected_by(), Some("nul_pattern"));
    }

    #[test]
    fn windows_1252_is_the_fallback() {
        let (t, d) = decode_all(b"Soci\xe9t\xe9;Montant\n\x80 12\n", None).unwrap();
        assert_eq!(t, "Société;Montant\n€ 12\n");
        assert_eq!(d.encoding_name(), Some("windows-1252"));
    }

    /// Decodes `bytes` in chunks cut at `cuts`, with `push_text` as the reader calls it; returns the text, the
    /// malformed count, the first malformed line and the NUL count.
    fn passed(bytes: &[u8], cuts: &[usize]) -> (String, u64, Option<u64>, u64) {
        let mut d = TextDecoder::new(None).unwrap();
        let mut out = String::new();
        let mut start = 0;
        for &c in cuts.iter().chain([bytes.len()].iter()) {
            let c = c.clamp(start, bytes.len());
            let mut piece = String::new();
            if let Some(text) = d.push_text(&bytes[start..c], &mut piece).unwrap() {
                piece.push_str(text);
            }
            out.push_str(&piece);
            start = c;
        }
        d.finish(&mut out).unwrap();
        (out, d.malformed, d.first_malformed_line, d.nul_chars)
    }

    /// A file larger than the sniffing sample, so that its tail is passed through.
    fn past_the_sample(tail: &[u8]) -> Vec<u8> {
        let mut bytes = Vec::new();
        while bytes.len() < SNIFF_BYTES + 100 {
            bytes.extend_from_slice("naïve,€,x\n".as_bytes());
        }
        bytes.extend_from_slice(tail);
        bytes
    }

    #[test]
    fn utf8_passed_through_equals_decoded_at_every_cut_and_chunk_size() {
        let tail = "日本,😀,zoë\nß,ü,€€€\n".repeat(40);
        let bytes = past_the_sample(tail.as_bytes());
        let expected = std::str::from_utf8(&bytes).unwrap();
        let n = bytes.len();
        // One cut at every byte around the sample's end and in the tail, then many chunk sizes.
        for c in (SNIFF_BYTES - 8..SNIFF_BYTES + 120).chain(n - 200..n) {
            let got = passed(&bytes, &[c]);
            assert_eq!((got.0.as_str(), got.1), (expected, 0), "cut at {c}");
        }
        for size in [1usize, 2, 3, 5, 7, 4096, 65_537] {
            let cuts: Vec<usize> = (1..n / size + 1).map(|k| k * size).collect();
            let got = passed(&bytes, &cuts);
            assert_eq!((got.0.as_str(), got.1), (expected, 0), "chunks of {size}");
        }
    }

    #[test]
    fn malformed_bytes_after_the_sample_are_replaced_counted_and_located_at_every_cut() {
        let lines_before = past_the_sample(b"").iter().filter(|&&b| b == b'\n').count() as u64;
        for (tail, bad) in [
            (&b"ok\nbad \xFF here\nafter\n"[..], 1),
            (b"ok\ncut \xE2\x82A\n", 1), // a character missing its last byte
            (b"ok\nlone \x80\x80 x\n", 2), // continuation bytes without a lead
            (b"ok\nend \xF0\x9F\x98", 1), // cut by the end of the file
        ] {
            let bytes = past_the_sample(tail);
            let expected = String::from_utf8_lossy(&bytes).into_owned();
            for c in (bytes.len() - tail.len() - 2)..=bytes.len() {
                for size in [0usize, 1, 3] {
                    // A cut at `c`, then chunks of `size` bytes after it (0: none).
                    let mut cuts = vec![c];
                    if size > 0 {
                        cuts.extend((c + 1..bytes.len()).step_by(size));
                    }
                    let (text, malformed, line, _) = passed(&bytes, &cuts);
                    assert_eq!(text, expected, "{tail:?} cut at {c}, then {size}");
                    assert_eq!(malformed, bad, "{tail:?} cut at {c}, then {size}");
                    assert_eq!(
                        line,
                        Some(lines_before + 2),
                        "{tail:?} cut at {c}, then {size}"
                    );
                }
            }
        }
    }

    #[test]
    fn nul_bytes_after_the_sample_are_removed_and_counted() {
        let bytes = past_the_sample(b"a\x00b,c\n\x00\n");
        let expected: String = String::from_utf8_lossy(&bytes).replace('\0', "");
        for c in [SNIFF_BYTES + 100, bytes.len() - 5, bytes.len() - 2] {
            let (text, malformed, _, nuls) = passed(&bytes, &[c]);
            assert_eq!(
                (text.as_str(), malformed, nuls),
                (expected.as_str(), 0, 2),
                "cut at {c}"
            );
        }
    }

    #[test]
    fn multibyte_characters_survive_every_chunk_boundary() {
        let text = "naïve,€,日本,😀\nzoë,ß,x,y\n";
        for size in 1..12 {
            assert_eq!(chunked(text.as_bytes(), size).0, text, "chunk size {size}");
        }
        let mut utf16 = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        for size in 1..7 {
            assert_eq!(chunked(&utf16, size).0, text, "utf-16 chunk size {size}");
        }
    }

    #[test]
    fn xlsx_and_png_are_refused_with_reasons() {
        let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml";
        assert!(matches!(
            decode_all(xlsx, None),
            Err(FileError::Spreadsheet { .. })
        ));
        assert!(matches!(
            decode_all(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None),
            Err(FileError::NotText { .. })
        ));
        assert!(matches!(decode_all(b"", None), Err(FileError::Empty)));
        assert!(matches!(
            decode_all(b"  \n\r\n", None),
            Err(FileError::Empty)
        ));
    }

    #[test]
    fn invalid_utf8_after_the_sample_is_replaced_and_reported_with_its_line() {
        let mut bytes = "a,b\n".repeat(SNIFF_BYTES / 4 + 10).into_bytes();
        bytes.extend_from_slice(b"x\xff,y\n");
        let (t, d) = decode_all(&bytes, None).unwrap();
        assert!(t.ends_with("x\u{FFFD},y\n"));
        let diags = d.diagnostics();
        assert_eq!(diags[0].code, "invalid_bytes");
        assert_eq!(diags[0].line, Some((SNIFF_BYTES / 4 + 11) as u64));
    }

    #[test]
    fn forced_encoding_wins_and_unknown_labels_are_errors() {
        let mut d = TextDecoder::new(Some("latin1")).unwrap();
        let mut out = String::new();
        d.push("é".as_bytes(), &mut out).unwrap();
        d.finish(&mut out).unwrap();
        assert_eq!(out, "Ã©");
        assert!(matches!(
            TextDecoder::new(Some("klingon")),
            Err(FileError::UnknownEncoding { .. })
        ));
    }
}
