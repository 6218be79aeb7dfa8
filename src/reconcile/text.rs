//! Text helpers shared by the reconcile modules: accent folding, a small line-numbered CSV reader, and
//! character-trigram similarity for suggestions.

/// Lowercases `s` and folds common Latin accents and ligatures to ASCII (`É` → `e`, `ß` → `ss`, `æ` → `ae`).
/// Characters with no folding (CJK, Cyrillic…) are lowercased and kept.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        for l in c.to_lowercase() {
            match fold_char(l) {
                Some(f) => out.push_str(f),
                None => out.push(l),
            }
        }
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        // Typographic quotes and dashes become their ASCII forms so that punctuation rules see them.
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => "'",
        '\u{201c}' | '\u{201d}' => "\"",
        '\u{2010}'..='\u{2015}' => "-",
        '\u{00a0}' | '\u{2007}' | '\u{202f}' => " ",
        _ => return None,
    })
}

/// One record of a small CSV text, with the 1-based line on which it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub fields: Vec<String>,
}

/// Why a CSV text could not be split into records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvSyntax {
    /// A quoted field is still open at the end of the text; `line` is where the field started.
    UnterminatedQuote { line: u64, column: u32 },
    /// Characters after the closing quote of a field, e.g. `"Acme" Inc,`.
    TextAfterQuote { line: u64, column: u32 },
}

/// Splits `text` (comma-separated, RFC 4180 quoting, LF or CRLF) into records. A leading BOM is skipped, blank
/// lines are skipped, and when `comments` is set, lines whose first non-blank character is `#` are skipped.
/// Fields are not trimmed.
pub fn read_records(text: &str, comments: bool) -> Result<Vec<Record>, CsvSyntax> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut line: u64 = 1;
    let mut chars = text.chars().peekable();
    // At the start of a record.
    while let Some(&first) = chars.peek() {
        if first == '\n' || first == '\r' {
            chars.next();
            if first == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            line += 1;
            continue;
        }
        let start_line = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut at_field_start = true;
        let mut blank_so_far = true;
        let mut is_comment = false;
        while let Some(c) = chars.next() {
            if c == '\r' || c == '\n' {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                break;
            }
            if is_comment {
                continue;
            }
            if comments && blank_so_far && c == '#' {
                is_comment = true;
                continue;
            }
            if !c.is_whitespace() {
                blank_so_far = false;
            }
            if at_field_start && c == '"' {
                let column = fields.len() as u32 + 1;
                field.clear(); // blanks before the opening quote
                               // Quoted field: read to the closing quote.
                loop {
                    match chars.next() {
                        None => {
                            return Err(CsvSyntax::UnterminatedQuote {
                                line: start_line,
                                column,
                            })
                        }
                        Some('"') => {
                            if chars.peek() == Some(&'"') {
                                chars.next();
                                field.push('"');
                            } else {
                                break;
                            }
                        }
                        Some(ch) => {
                            if ch == '\n' || (ch == '\r' && chars.peek() != Some(&'\n')) {
                                line += 1;
                            }
                            field.push(ch);
                        }
                    }
                }
                // After the closing quote: only a separator, the end of the line, or blanks.
                loop {
                    match chars.peek() {
                        None | Some(',') | Some('\n') | Some('\r') => break,
                        Some(c2) if *c2 == ' ' || *c2 == '\t' => {
                            chars.next();
                        }
                        Some(_) => {
                            return Err(CsvSyntax::TextAfterQuote {
                                line: start_line,
                                column,
                            })
                        }
                    }
                }
                at_field_start = false;
                continue;
            }
            if c == ',' {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
                continue;
            }
            if at_field_start && (c == ' ' || c == '\t') {
                // Blanks before an opening quote are allowed; keep them for unquoted fields.
                field.push(c);
                continue;
            }
            at_field_start = false;
            field.push(c);
        }
        if is_comment {
            continue;
        }
        fields.push(field);
        if fields.len() == 1 && fields[0].trim().is_empty() {
            continue;
        }
        records.push(Record {
            line: start_line,
            fields,
        });
    }
    Ok(records)
}

/// Character trigrams of ` s ` (padded with spaces), sorted and deduplicated.
pub fn trigrams(s: &str) -> Vec<[char; 3]> {
    let padded: Vec<char> = std::iter::once(' ')
        .chain(s.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut out: Vec<[char; 3]> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Sørensen–Dice coefficient of two sorted, deduplicated trigram lists (0 to 1).
pub fn dice(a: &[[char; 3]], b: &[[char; 3]]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Émile Zoë ÆSØP Straße"), "emile zoe aesop strasse");
        assert_eq!(fold("東京"), "東京");
    }

    #[test]
    fn reads_quoted_fields_comments_and_line_numbers() {
        let text =
            "\u{feff}a,b\n# comment, with \"quote\n\n\"x, y\",\"multi\nline\"\r\nlast,\"q\"\"q\"\n";
        let recs = read_records(text, true).unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].line, 1);
        assert_eq!(recs[1].line, 4);
        assert_eq!(recs[1].fields, vec!["x, y", "multi\nline"]);
        assert_eq!(recs[2].line, 6);
        assert_eq!(recs[2].fields, vec!["last", "q\"q"]);
    }

    #[test]
    fn reports_syntax_errors_with_positions() {
        assert_eq!(
            read_records("a,b\nc,\"open\n", false),
            Err(CsvSyntax::UnterminatedQuote { line: 2, column: 2 })
        );
        assert_eq!(
            read_records("a,\"b\"c\n", false),
            Err(CsvSyntax::TextAfterQuote { line: 1, column: 2 })
        );
    }

    #[test]
    fn dice_is_one_for_equal_and_zero_for_disjoint() {
        assert_eq!(dice(&trigrams("slack"), &trigrams("slack")), 1.0);
        assert_eq!(dice(&trigrams("abc"), &trigrams("xyz")), 0.0);
    }
}
