//! The file's dialect: which delimiter separates fields, decided from a sample of the text.

use serde::Serialize;

/// The delimiters Stackscope recognises, in the order used to break ties.
pub const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// A delimiter as shown to the user: `,` `;` `tab` `|`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Delimiter(pub u8);

impl Delimiter {
    pub fn label(self) -> &'static str {
        match self.0 {
            b',' => ",",
            b';' => ";",
            b'\t' => "tab",
            b'|' => "|",
            _ => "?",
        }
    }

    /// Accepts `,` `;` `|` `tab` `\t` and the words `comma`, `semicolon`, `pipe`.
    pub fn parse(s: &str) -> Option<Delimiter> {
        match s.trim().to_ascii_lowercase().as_str() {
            "," | "comma" => Some(Delimiter(b',')),
            ";" | "semicolon" => Some(Delimiter(b';')),
            "tab" | "\\t" | "\t" => Some(Delimiter(b'\t')),
            "|" | "pipe" => Some(Delimiter(b'|')),
            _ => None,
        }
    }
}

/// Picks the delimiter that splits the most sample records into the same number (≥ 2) of fields.
///
/// Quotes are honoured, so delimiters inside quoted fields do not count. Title lines above a header usually
/// hold no delimiter and so do not disturb the choice. With no evidence at all, `,` is chosen.
pub fn sniff_delimiter(sample: &str) -> Delimiter {
    let mut best = (b',', 0usize, 0usize);
    for &d in &CANDIDATES {
        let counts = field_counts(sample, d, 200);
        let mut freq: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for c in counts.iter().filter(|&&c| c >= 2) {
            *freq.entry(*c).or_default() += 1;
        }
        // The most common field count (and, among equals, the wider one).
        let Some((&width, &lines)) = freq.iter().max_by_key(|(w, n)| (**n, **w)) else {
            continue;
        };
        if (lines, width) > (best.1, best.2) {
            best = (d, lines, width);
        }
    }
    Delimiter(best.0)
}

/// Fields per record for the first `max_records` records of `text`, honouring quotes.
fn field_counts(text: &str, delim: u8, max_records: usize) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut fields = 1usize;
    let mut in_quotes = false;
    let mut any = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && counts.len() < max_records {
        let b = bytes[i];
        if b == b'"' {
            in_quotes = !in_quotes;
            any = true;
        } else if !in_quotes && b == delim {
            fields += 1;
            any = true;
        } else if !in_quotes && b == b'\n' {
            if any {
                counts.push(fields);
            }
            fields = 1;
            any = false;
        } else if b != b'\r' {
            any = true;
        }
        i += 1;
    }
    if any && counts.len() < max_records && i == bytes.len() {
        counts.push(fields);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_with_comma_decimals_is_semicolon() {
        assert_eq!(
            sniff_delimiter(
                "Outil;Montant;Date\nSlack;1 234,50;03/11/2026\nZoom;12,00;04/11/2026\n"
            )
            .0,
            b';'
        );
    }

    #[test]
    fn quoted_commas_do_not_fool_the_tab_choice() {
        assert_eq!(
            sniff_delimiter("Name\tProducts\n\"Ann\"\t\"a, b, c\"\nBob\t\"x, y\"\n").0,
            b'\t'
        );
    }

    #[test]
    fn title_lines_above_the_header_do_not_matter() {
        let s = "Craig's Design\nExpenses by Vendor Summary\nJanuary - December 2026\n\nVendor,Total\nAdobe,\"1,200.00\"\nSlack,96.00\n";
        assert_eq!(sniff_delimiter(s).0, b',');
    }

    #[test]
    fn pipes_are_recognised() {
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n").0, b'|');
    }
}
