//! Vendor-name normalisation: a card descriptor, an accounting payee, an SSO app name or a contract line →
//! a short lowercase key such as `salesforce`, `adobe creative cld` or `zoom`.
//!
//! The same function normalises the catalogue's names, aliases and patterns and the user's rules, so what
//! matters is that it is consistent; the steps, in order:
//!
//! 1. Case and accents are folded (`É` → `e`).
//! 2. Payment-processor and reseller prefixes are removed, when something follows them: `SQ *` (Square),
//!    `PAYPAL *`, `PP*`, `TST*` (Toast), `SP *` (Shopify merchants), `FS *` and `FASTSPRING*`, `PADDLE.NET*`,
//!    `PADDLE*`, `2CO*`/`2CO.COM*`, `DRI*` (Digital River), `IN *` (Intuit merchants), `WPY*` (WePay),
//!    `SUMUP *`, `IZ *`/`ZETTLE*` (with or without blanks around `*`). `GOOGLE *` is **not** a processor: it is
//!    kept, because the product follows it (`GOOGLE *ADS…`, `GOOGLE *GSUITE…`); likewise `ADOBE *`, `MSFT *`.
//! 3. Whitespace-separated pieces that are phone numbers (7 or more digits written with `-().+`), store
//!    numbers (`#123`), or web addresses after the first piece are dropped. `http(s)://` and `www.` are
//!    removed; a web domain keeps its name, drops `.com`/`.net`/`.org` and splits any other ending into a word
//!    (`salesforce.com` → `salesforce`, `zoom.us` → `zoom us`, `customer.io` → `customer io`).
//! 4. Dots inside abbreviations are joined (`B.V.` → `bv`, `Inc.` → `inc`), apostrophes are removed, and every
//!    other non-alphanumeric character (`*`, `_`, `-`, `,`, `&`, `/`…) separates words.
//! 5. A word made of 2+ letters followed by 4+ digits keeps its letters (`ADS1234` → `ads`); any other word
//!    with 4 or more digits is dropped (`T12345678`, `7183543`, `2024`). Short numbers are kept (`365`,
//!    `360`, `on24`).
//! 6. From the end, repeatedly, these are removed (the first word is never removed): legal suffixes (inc,
//!    llc, ltd, gmbh, sas, corp, co, plc, bv, ag, pty…), corporate words (technologies, software, labs,
//!    systems, holdings, group…), billing words (annual, monthly, subscription, renewal, bill…), US state and
//!    Canadian province codes, country codes and names, and common city names of card descriptors
//!    (`san francisco`, `mountain view`, `dublin`…).
//!
//! ```
//! use stackscope::reconcile::normalise_vendor;
//! assert_eq!(normalise_vendor("ZOOM.US 888-799-9666 CA"), "zoom");
//! assert_eq!(normalise_vendor("SLACK T12345678 SAN FRANCISCO CA"), "slack");
//! assert_eq!(normalise_vendor("Salesforce, Inc."), "salesforce");
//! ```

use super::text::fold;

/// Payment processors and marketplaces that prefix the merchant's own name, written without the `*`.
const PROCESSOR_PREFIXES: &[&str] = &[
    "sq",
    "paypal",
    "pp",
    "tst",
    "sp",
    "fs",
    "paddle.net",
    "paddle",
    "2co.com",
    "2co",
    "dri",
    "in",
    "wpy",
    "sumup",
    "iz",
    "zettle",
    "fastspring",
];

const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "lllp",
    "llp",
    "lp",
    "ltd",
    "limited",
    "pvt",
    "private",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "sas",
    "sa",
    "sarl",
    "srl",
    "spa",
    "sl",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "bv",
    "nv",
    "ab",
    "oy",
    "oyj",
    "as",
    "aps",
    "asa",
    "pty",
    "pte",
    "kk",
    "ulc",
    "ltda",
    "se",
];

const CORPORATE_WORDS: &[&str] = &[
    "technologies",
    "technology",
    "tech",
    "software",
    "labs",
    "systems",
    "holdings",
    "group",
    "international",
    "intl",
    "worldwide",
    "global",
];

const BILLING_WORDS: &[&str] = &[
    "annual",
    "annually",
    "monthly",
    "yearly",
    "subscription",
    "subscriptions",
    "subscr",
    "subs",
    "sub",
    "recurring",
    "renewal",
    "invoice",
    "inv",
    "bill",
    "billing",
    "purchase",
    "charge",
    "fee",
    "fees",
    "online",
    "internet",
    "www",
    "http",
    "https",
    "usa",
    "us",
    "com",
];

const PLACE_CODES: &[&str] = &[
    // US states and DC.
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks",
    "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny",
    "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa", "wv",
    "wi", "wy", "dc", // Canadian provinces.
    "on", "bc", "qc", "mb", "ns", "nb", "nl", "pe", "sk", "nt", "yt", "nu",
    // Countries (ISO 3166 alpha-2 and alpha-3 seen on card descriptors).
    "us", "usa", "gb", "gbr", "uk", "ie", "irl", "fr", "fra", "deu", "nld", "lu", "lux", "au",
    "aus", "sg", "sgp", "nz", "nzl", "ch", "che", "se", "swe", "dk", "dnk", "no", "nor", "fi",
    "fin", "es", "esp", "it", "ita", "be", "bel", "at", "aut", "pt", "prt", "pl", "pol", "cz",
    "il", "isr", "in", "ind", "jp", "jpn", "br", "bra", "mx", "mex", "can", "hk", "hkg",
];

/// City and country names seen at the end of card descriptors, as words.
const PLACE_NAMES: &[&str] = &[
    "san francisco",
    "south san francisco",
    "mountain view",
    "mountainview",
    "palo alto",
    "menlo park",
    "sunnyvale",
    "san jose",
    "santa clara",
    "redwood city",
    "san mateo",
    "san bruno",
    "foster city",
    "emeryville",
    "oakland",
    "los angeles",
    "santa monica",
    "san diego",
    "irvine",
    "scotts valley",
    "new york",
    "new york city",
    "nyc",
    "brooklyn",
    "boston",
    "cambridge",
    "somerville",
    "waltham",
    "burlington",
    "seattle",
    "bellevue",
    "redmond",
    "kirkland",
    "portland",
    "austin",
    "dallas",
    "houston",
    "denver",
    "boulder",
    "chicago",
    "atlanta",
    "miami",
    "raleigh",
    "durham",
    "washington",
    "herndon",
    "reston",
    "pittsburgh",
    "philadelphia",
    "lehi",
    "draper",
    "provo",
    "salt lake city",
    "toronto",
    "vancouver",
    "montreal",
    "ottawa",
    "london",
    "dublin",
    "cork",
    "amsterdam",
    "berlin",
    "munich",
    "paris",
    "luxembourg",
    "stockholm",
    "copenhagen",
    "sydney",
    "melbourne",
    "singapore",
    "tel aviv",
    "ireland",
    "united kingdom",
    "great britain",
    "england",
    "netherlands",
    "the netherlands",
    "germany",
    "france",
    "australia",
    "canada",
    "united states",
    "sweden",
];

/// Web endings that end a domain-like word.
const TLDS: &[&str] = &[
    "com", "net", "org", "io", "co", "us", "ai", "app", "so", "me", "ly", "tv", "to", "ca", "uk",
    "de", "fr", "eu", "cloud", "dev", "au", "nl", "gg", "xyz", "ch", "es", "it", "se", "be", "at",
    "ie", "biz", "info", "page", "site", "tech", "im", "fm", "is", "in", "li", "sh", "cc", "one",
    "ac", "gl", "hq", "team", "chat", "email", "inc", "ws",
];
/// Endings dropped entirely (`salesforce.com` → `salesforce`).
const DROPPED_TLDS: &[&str] = &["com", "net", "org"];

/// Normalises a raw vendor string (see the module docs). Never panics; may return an empty string.
pub fn normalise_vendor(raw: &str) -> String {
    normalised_words(raw).join(" ")
}

/// The words of [`normalise_vendor`]'s result.
pub fn normalised_words(raw: &str) -> Vec<String> {
    let folded = fold(raw);
    let stripped = strip_processor_prefixes(folded.trim());
    let mut words: Vec<String> = Vec::new();
    for (i, piece) in stripped.split_whitespace().enumerate() {
        if is_phone_like(piece) || is_store_number(piece) {
            continue;
        }
        let piece = strip_scheme(piece);
        if let Some(slash) = piece.find('/') {
            let host = &piece[..slash];
            if looks_like_domain(host) {
                if i == 0 {
                    push_domain_words(host, &mut words);
                }
                continue;
            }
        }
        if looks_like_domain(piece) {
            push_domain_words(piece, &mut words);
        } else {
            push_plain_words(piece, &mut words);
        }
    }
    let mut words: Vec<String> = words.into_iter().filter_map(clean_number_word).collect();
    strip_tail(&mut words);
    words
}

fn strip_processor_prefixes(s: &str) -> String {
    let mut s = s.to_string();
    for _ in 0..3 {
        let mut changed = false;
        for p in PROCESSOR_PREFIXES {
            if let Some(rest) = s.strip_prefix(p) {
                let rest_trim = rest.trim_start();
                if let Some(after) = rest_trim.strip_prefix('*') {
                    if !after.trim().is_empty() {
                        s = after.trim_start().to_string();
                        changed = true;
                        break;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    s
}

fn is_phone_like(piece: &str) -> bool {
    let digits = piece.chars().filter(|c| c.is_ascii_digit()).count();
    let only_phone_chars = piece
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '(' | ')' | '+' | '.'));
    if !only_phone_chars || digits == 0 {
        return false;
    }
    digits >= 7 || (piece.starts_with('(') && piece.ends_with(')'))
}

fn is_store_number(piece: &str) -> bool {
    let rest = piece.trim_start_matches('#');
    rest.len() < piece.len() && (rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit()))
}

fn strip_scheme(piece: &str) -> &str {
    let p = piece
        .strip_prefix("https://")
        .or_else(|| piece.strip_prefix("http://"))
        .unwrap_or(piece);
    p.strip_prefix("www.").unwrap_or(p)
}

/// `name.tld` (or `sub.name.tld`) with a known ending, letters/digits/hyphens only, and no empty label.
pub(crate) fn looks_like_domain(s: &str) -> bool {
    let s = s.trim_end_matches(['#', '?']);
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    if labels.iter().any(|l| {
        l.is_empty()
            || !l
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    }) {
        return false;
    }
    let tld = labels[labels.len() - 1];
    TLDS.contains(&tld) && labels[0].chars().any(|c| c.is_alphabetic())
}

fn push_domain_words(host: &str, words: &mut Vec<String>) {
    let host = host.trim_end_matches(['#', '?']);
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    for (k, label) in labels.iter().enumerate() {
        if k == n - 1 && DROPPED_TLDS.contains(label) {
            continue;
        }
        if k + 2 == n && *label == "co" && labels[n - 1] == "uk" {
            continue; // acme.co.uk → acme uk → (uk removed later)
        }
        push_plain_words(label, words);
    }
}

fn push_plain_words(piece: &str, words: &mut Vec<String>) {
    // Split at separators (anything but letters, digits, dots and apostrophes); a part that is a web domain
    // (`gsuite_acme.com` → `acme.com`) is treated as one, otherwise dots and apostrophes are joined
    // (`b.v.` → `bv`, `o'reilly` → `oreilly`).
    for part in piece.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'')) {
        let trimmed = part.trim_matches('.');
        if looks_like_domain(trimmed) {
            push_domain_words(trimmed, words);
            continue;
        }
        let joined: String = part.chars().filter(|c| c.is_alphanumeric()).collect();
        if !joined.is_empty() {
            words.push(joined);
        }
    }
}

/// Rule 5: `ads1234` → `ads`; other words with 4+ digits are dropped.
fn clean_number_word(w: String) -> Option<String> {
    let digits = w.chars().filter(|c| c.is_ascii_digit()).count();
    if digits < 4 {
        return Some(w);
    }
    let letters: String = w.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = &w[letters.len()..];
    if letters.chars().count() >= 2 && !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
    {
        return Some(letters);
    }
    None
}

fn strip_tail(words: &mut Vec<String>) {
    loop {
        if words.len() <= 1 {
            return;
        }
        let last = words[words.len() - 1].as_str();
        if LEGAL_SUFFIXES.contains(&last)
            || CORPORATE_WORDS.contains(&last)
            || BILLING_WORDS.contains(&last)
            || PLACE_CODES.contains(&last)
        {
            words.pop();
            continue;
        }
        // Longest place name that ends the words and leaves at least one word.
        let mut removed = false;
        for place in PLACE_NAMES {
            let pw: Vec<&str> = place.split(' ').collect();
            if pw.len() < words.len()
                && words[words.len() - pw.len()..]
                    .iter()
                    .zip(&pw)
                    .all(|(a, b)| a == b)
            {
                words.truncate(words.len() - pw.len());
                removed = true;
                break;
            }
        }
        if !removed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_descriptors_from_the_brief() {
        assert_eq!(normalise_vendor("ZOOM.US 888-799-9666 CA"), "zoom");
        assert_eq!(
            normalise_vendor("ADOBE *CREATIVE CLD 800-833-6687 CA"),
            "adobe creative cld"
        );
        assert_eq!(
            normalise_vendor("SLACK T12345678 SAN FRANCISCO CA"),
            "slack"
        );
        assert_eq!(
            normalise_vendor("LINKEDIN 7183543 MOUNTAIN VIEW CA"),
            "linkedin"
        );
        assert_eq!(normalise_vendor("SALESFORCE.COM INC"), "salesforce");
        assert_eq!(normalise_vendor("SFDC*ANNUAL"), "sfdc");
        assert_eq!(normalise_vendor("Salesforce, Inc."), "salesforce");
        assert_eq!(normalise_vendor("GOOGLE *ADS1234"), "google ads");
        assert_eq!(
            normalise_vendor("GOOGLE *GSUITE_acme.com"),
            "google gsuite acme"
        );
        assert_eq!(
            normalise_vendor("GOOGLE *GSUITE_acme.com g.co/helppay# CA"),
            "google gsuite acme"
        );
    }

    #[test]
    fn processor_prefixes_are_removed_but_not_google() {
        assert_eq!(normalise_vendor("SQ *HOOTSUITE"), "hootsuite");
        assert_eq!(normalise_vendor("PAYPAL *CANVA 4029357733 AU"), "canva");
        assert_eq!(normalise_vendor("PP*MIRO"), "miro");
        assert_eq!(normalise_vendor("TST* BLUE BOTTLE #123"), "blue bottle");
        assert_eq!(normalise_vendor("PADDLE.NET* N8N"), "n8n");
        assert_eq!(normalise_vendor("GOOGLE *YouTube"), "google youtube");
        // A prefix with nothing after it is kept.
        assert_eq!(normalise_vendor("SQ *"), "sq");
        // `in` only with a star.
        assert_eq!(normalise_vendor("INTERCOM"), "intercom");
        assert_eq!(normalise_vendor("IN *ACME"), "acme");
    }

    #[test]
    fn legal_suffixes_punctuation_and_domains() {
        assert_eq!(normalise_vendor("Atlassian Pty Ltd"), "atlassian");
        assert_eq!(normalise_vendor("Bynder B.V."), "bynder");
        assert_eq!(normalise_vendor("Contentsquare S.A.S."), "contentsquare");
        assert_eq!(normalise_vendor("Notion Labs, Inc."), "notion");
        assert_eq!(normalise_vendor("Customer.io"), "customer io");
        assert_eq!(normalise_vendor("https://www.monday.com/"), "monday");
        assert_eq!(normalise_vendor("Microsoft 365"), "microsoft 365");
        assert_eq!(normalise_vendor("ON24"), "on24");
        assert_eq!(normalise_vendor("Café Société"), "cafe societe");
        assert_eq!(normalise_vendor("Box"), "box");
        assert_eq!(normalise_vendor("BOX HILL CAFE"), "box hill cafe");
        assert_eq!(normalise_vendor("O'Reilly Media"), "oreilly media");
    }

    #[test]
    fn first_word_is_never_removed() {
        assert_eq!(normalise_vendor("Inc"), "inc");
        assert_eq!(normalise_vendor("CA"), "ca");
        assert_eq!(normalise_vendor("Bill.com"), "bill");
        assert_eq!(normalise_vendor(""), "");
        assert_eq!(normalise_vendor("  *** "), "");
        assert_eq!(normalise_vendor("888-799-9666"), "");
    }
}
