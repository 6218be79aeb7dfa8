//! The catalogue of known tools (`data/catalogue.csv`, plus parent-company aliases in `data/vendors.csv`),
//! parsed and validated into lookup indexes.
//!
//! Columns of `data/catalogue.csv`, in this order:
//!
//! | column | meaning |
//! | --- | --- |
//! | `tool` | canonical product name, unique (e.g. `Salesforce`, `Adobe Creative Cloud`) |
//! | `vendor` | the company that bills for it, spelled the same on every row (e.g. `Salesforce, Inc.`) |
//! | `category` | top level: one of [`CATEGORIES`] |
//! | `subcategory` | free text, lowercase except acronyms (e.g. `CRM`, `email marketing`, `session replay`) |
//! | `spend_type` | `software` or `advertising` (ad spend billed through the platform, not a licence) |
//! | `aliases` | `|`-separated other names: SSO app names, admin-console names, legal entities, old names |
//! | `merchant_patterns` | `|`-separated card descriptors; a trailing `*` makes it a prefix (see below) |
//! | `capabilities` | `|`-separated `snake_case` capability slugs, used for overlap analysis |
//! | `domains` | `|`-separated web domains (no scheme, no `www.`) |
//!
//! Every name, alias and pattern is compared after [`normalise_vendor`]. A merchant pattern without `*`
//! must equal the normalised descriptor; `X*` matches a normalised descriptor that starts with `x`, and `X *`
//! (blank before the star) one that starts with the whole word(s) `x`. `*` is allowed only at the end.
//!
//! Parent companies: a vendor with several tools (Microsoft, Google, Adobe, Atlassian, HubSpot…) is not a
//! match for any one of them; its normalised name, and the aliases listed for it in `data/vendors.csv`, give
//! [`MatchResult::Ambiguous`](super::MatchResult::Ambiguous). A tool whose own name equals its vendor's name
//! (`Salesforce` by `Salesforce, Inc.`) is that vendor's flagship and wins. The name of a vendor with one
//! software tool is an implicit alias of that tool; not so for advertising tools, because a company name alone
//! (`SPOTIFY`, `REDDIT`) is as likely a consumer subscription as ad spend.

use super::normalise::normalise_vendor;
use super::text::{read_records, trigrams, CsvSyntax};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// The allowed values of the `category` column: the martech landscape's six top-level categories, then
/// general SaaS categories for tools that martech does not cover.
pub const CATEGORIES: &[&str] = &[
    "advertising",
    "content & experience",
    "social & relationships",
    "commerce & sales",
    "data",
    "management",
    "collaboration",
    "productivity",
    "engineering",
    "security & IT",
    "finance & HR",
    "design",
];

/// The columns of `data/catalogue.csv`, in order.
pub const CATALOGUE_COLUMNS: &[&str] = &[
    "tool",
    "vendor",
    "category",
    "subcategory",
    "spend_type",
    "aliases",
    "merchant_patterns",
    "capabilities",
    "domains",
];

const BUILTIN_CATALOGUE: &str = include_str!("../../data/catalogue.csv");
const BUILTIN_VENDORS: &str = include_str!("../../data/vendors.csv");

/// Whether money paid to a tool buys software or advertising.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpendType {
    Software,
    Advertising,
}

impl SpendType {
    pub fn as_str(self) -> &'static str {
        match self {
            SpendType::Software => "software",
            SpendType::Advertising => "advertising",
        }
    }
}

/// Where a tool came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Origin {
    /// A row of the built-in (or given) catalogue, at this line.
    Catalogue { line: u64 },
    /// Created by a user rule (`map` to a name the catalogue does not know), at this line of the rules file.
    UserRule { line: u64 },
}

/// One tool (product) of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// The display name (the canonical name, or the user's `rename`).
    pub name: String,
    /// The billing company; empty for tools created by a user rule.
    pub vendor: String,
    pub category: String,
    pub subcategory: String,
    pub spend_type: SpendType,
    pub aliases: Vec<String>,
    pub merchant_patterns: Vec<String>,
    pub capabilities: Vec<String>,
    pub domains: Vec<String>,
    pub origin: Origin,
}

/// A problem with a catalogue text. `line` is the 1-based line of the row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CatalogueError {
    /// The CSV itself is broken (an unclosed quote…).
    Syntax {
        line: u64,
        column: u32,
        message: String,
    },
    /// The header is not exactly the expected columns.
    BadHeader {
        expected: String,
        found: String,
    },
    /// A row has the wrong number of fields.
    FieldCount {
        line: u64,
        expected: usize,
        found: usize,
    },
    /// A required field (tool, vendor, category, subcategory, spend_type) is blank.
    EmptyField {
        line: u64,
        column: u32,
    },
    BadCategory {
        line: u64,
        value: String,
    },
    BadSpendType {
        line: u64,
        value: String,
    },
    /// A capability is not a lowercase `snake_case` slug.
    BadCapability {
        line: u64,
        value: String,
    },
    /// A domain has a scheme, `www.`, a path, blanks or capitals.
    BadDomain {
        line: u64,
        value: String,
    },
    /// A `*` that is not at the end, or a pattern that is only `*`.
    BadPattern {
        line: u64,
        value: String,
    },
    /// A name, alias or pattern that normalises to nothing.
    EmptyKey {
        line: u64,
        value: String,
    },
    /// Two rows with the same canonical tool name (after normalisation).
    DuplicateTool {
        line: u64,
        first_line: u64,
        name: String,
    },
    /// The same normalised key is claimed by two tools (as name, alias, exact pattern or prefix pattern).
    DuplicateKey {
        key: String,
        tools: [String; 2],
    },
    /// A tool's alias equals the name of another, multi-tool vendor, which must stay ambiguous.
    AliasIsParent {
        key: String,
        tool: String,
        vendor: String,
    },
    /// A row of the vendors file names a vendor no tool has.
    UnknownVendor {
        line: u64,
        vendor: String,
    },
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CatalogueError::*;
        match self {
            Syntax {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: {message}"),
            BadHeader { expected, found } => {
                write!(f, "header must be `{expected}`, found `{found}`")
            }
            FieldCount {
                line,
                expected,
                found,
            } => {
                write!(f, "line {line}: expected {expected} fields, found {found}")
            }
            EmptyField { line, column } => {
                write!(f, "line {line}, column {column}: required field is blank")
            }
            BadCategory { line, value } => write!(f, "line {line}: unknown category `{value}`"),
            BadSpendType { line, value } => {
                write!(
                    f,
                    "line {line}: spend_type must be software or advertising, not `{value}`"
                )
            }
            BadCapability { line, value } => write!(
                f,
                "line {line}: capability `{value}` is not a snake_case slug"
            ),
            BadDomain { line, value } => write!(f, "line {line}: `{value}` is not a bare domain"),
            BadPattern { line, value } => write!(
                f,
                "line {line}: pattern `{value}` may use `*` only at the end"
            ),
            EmptyKey { line, value } => write!(f, "line {line}: `{value}` normalises to nothing"),
            DuplicateTool {
                line,
                first_line,
                name,
            } => {
                write!(
                    f,
                    "line {line}: tool `{name}` already defined at line {first_line}"
                )
            }
            DuplicateKey { key, tools } => {
                write!(
                    f,
                    "`{key}` is claimed by both `{}` and `{}`",
                    tools[0], tools[1]
                )
            }
            AliasIsParent { key, tool, vendor } => write!(
                f,
                "alias `{key}` of `{tool}` is the name of `{vendor}`, which sells several tools"
            ),
            UnknownVendor { line, vendor } => {
                write!(f, "line {line}: no tool has vendor `{vendor}`")
            }
        }
    }
}

/// All the problems found in a catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CatalogueErrors(pub Vec<CatalogueError>);

impl fmt::Display for CatalogueErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CatalogueErrors {}

/// A prefix pattern (`X*` or `X *`), normalised.
#[derive(Clone, Debug)]
pub(crate) struct PrefixPattern {
    pub prefix: String,
    /// The prefix must end on a word boundary.
    pub whole_words: bool,
    pub target: usize,
}

impl PrefixPattern {
    pub fn matches(&self, normalised: &str) -> bool {
        match normalised.strip_prefix(self.prefix.as_str()) {
            None => false,
            Some(rest) => !self.whole_words || rest.is_empty() || rest.starts_with(' '),
        }
    }
}

/// A parsed pattern: exact key, or prefix.
pub(crate) enum Pattern {
    Exact(String),
    Prefix { prefix: String, whole_words: bool },
}

/// Parses a pattern; `None` when `*` is not only at the end or nothing is left.
pub(crate) fn parse_pattern(raw: &str) -> Option<Pattern> {
    let t = raw.trim();
    let (body, star) = match t.strip_suffix('*') {
        Some(b) => (b, true),
        None => (t, false),
    };
    if body.contains('*') {
        return None;
    }
    let key = normalise_vendor(body);
    if key.is_empty() {
        return None;
    }
    if !star {
        return Some(Pattern::Exact(key));
    }
    let last = body.chars().last();
    let whole_words = matches!(last, Some(c) if !c.is_alphanumeric());
    Some(Pattern::Prefix {
        prefix: key,
        whole_words,
    })
}

/// The parsed, validated catalogue with its lookup indexes. Tools are addressed by index into
/// [`Catalogue::tools`].
#[derive(Clone, Debug)]
pub struct Catalogue {
    pub(crate) tools: Vec<Tool>,
    /// Normalised canonical names → tool.
    pub(crate) names: HashMap<String, usize>,
    /// Normalised aliases (incl. single-tool vendor names) → tool.
    pub(crate) aliases: HashMap<String, usize>,
    /// Normalised exact merchant patterns → tool.
    pub(crate) exact_patterns: HashMap<String, usize>,
    /// Prefix patterns, longest first.
    pub(crate) prefix_patterns: Vec<PrefixPattern>,
    /// Domain → tools claiming it.
    pub(crate) domains: HashMap<String, Vec<usize>>,
    /// Normalised parent-company names and aliases → its tools (only vendors with 2+ tools).
    pub(crate) parents: HashMap<String, Vec<usize>>,
    /// Trigrams of each tool's normalised name and aliases, for suggestions.
    pub(crate) trigram_keys: Vec<Vec<Vec<[char; 3]>>>,
    /// User rules, applied before the catalogue.
    pub(crate) rules: super::rules::CompiledRules,
}

impl Catalogue {
    /// The catalogue shipped with the crate (`data/catalogue.csv` and `data/vendors.csv`).
    pub fn builtin() -> Result<Catalogue, CatalogueErrors> {
        Catalogue::parse(BUILTIN_CATALOGUE, BUILTIN_VENDORS)
    }

    /// Parses and validates a catalogue text and a vendors text (`vendor,aliases`; may be empty). All problems
    /// are returned together.
    pub fn parse(catalogue_csv: &str, vendors_csv: &str) -> Result<Catalogue, CatalogueErrors> {
        let mut errors = Vec::new();
        let tools = parse_tools(catalogue_csv, &mut errors);
        let vendor_aliases = parse_vendor_aliases(vendors_csv, &mut errors);
        match Catalogue::build(tools, &vendor_aliases) {
            Ok(c) if errors.is_empty() => Ok(c),
            Ok(_) => Err(CatalogueErrors(errors)),
            Err(more) => {
                errors.extend(more);
                Err(CatalogueErrors(errors))
            }
        }
    }

    pub(crate) fn build(
        tools: Vec<Tool>,
        vendor_aliases: &[(u64, String, Vec<String>)],
    ) -> Result<Catalogue, Vec<CatalogueError>> {
        let mut errors = Vec::new();
        // Vendors and their tools, keyed by normalised vendor name.
        let mut by_vendor: HashMap<String, Vec<usize>> = HashMap::new();
        let mut vendor_display: HashMap<String, String> = HashMap::new();
        for (i, t) in tools.iter().enumerate() {
            let v = normalise_vendor(&t.vendor);
            by_vendor.entry(v.clone()).or_default().push(i);
            vendor_display.entry(v).or_insert_with(|| t.vendor.clone());
        }
        let mut parents: HashMap<String, Vec<usize>> = HashMap::new();
        let mut single_vendor_alias: Vec<(String, usize)> = Vec::new();
        for (v, idx) in &by_vendor {
            if idx.len() > 1 {
                parents.insert(v.clone(), idx.clone());
            } else if !v.is_empty() && tools[idx[0]].spend_type == SpendType::Software {
                // Not for ad platforms: a card charge from `Spotify` or `Reddit` alone may be a consumer
                // subscription rather than ad spend.
                single_vendor_alias.push((v.clone(), idx[0]));
            }
        }
        for (line, vendor, aliases) in vendor_aliases {
            let v = normalise_vendor(vendor);
            match by_vendor.get(&v) {
                None => errors.push(CatalogueError::UnknownVendor {
                    line: *line,
                    vendor: vendor.clone(),
                }),
                Some(idx) => {
                    for a in aliases {
                        let k = normalise_vendor(a);
                        if k.is_empty() {
                            errors.push(CatalogueError::EmptyKey {
                                line: *line,
                                value: a.clone(),
                            });
                        } else if idx.len() > 1 {
                            parents.insert(k, idx.clone());
                        } else {
                            single_vendor_alias.push((k, idx[0]));
                        }
                    }
                }
            }
        }

        // Every key must lead to one tool.
        let mut claims: HashMap<String, usize> = HashMap::new();
        let mut names = HashMap::new();
        let mut aliases = HashMap::new();
        let mut exact_patterns = HashMap::new();
        let mut prefix_patterns = Vec::new();
        let mut domains: HashMap<String, Vec<usize>> = HashMap::new();
        let mut prefix_claims: HashMap<String, usize> = HashMap::new();
        let mut claim =
            |key: String, tool: usize, errors: &mut Vec<CatalogueError>| match claims.get(&key) {
                Some(other) if *other != tool => errors.push(CatalogueError::DuplicateKey {
                    key: key.clone(),
                    tools: [tools[*other].name.clone(), tools[tool].name.clone()],
                }),
                Some(_) => {}
                None => {
                    claims.insert(key.clone(), tool);
                }
            };
        for (i, t) in tools.iter().enumerate() {
            let line = match t.origin {
                Origin::Catalogue { line } | Origin::UserRule { line } => line,
            };
            let key = normalise_vendor(&t.name);
            if key.is_empty() {
                errors.push(CatalogueError::EmptyKey {
                    line,
                    value: t.name.clone(),
                });
                continue;
            }
            claim(key.clone(), i, &mut errors);
            names.entry(key).or_insert(i);
            let own_vendor = normalise_vendor(&t.vendor);
            for a in &t.aliases {
                let k = normalise_vendor(a);
                if k.is_empty() {
                    errors.push(CatalogueError::EmptyKey {
                        line,
                        value: a.clone(),
                    });
                    continue;
                }
                if let Some(p) = parents.get(&k) {
                    if k != own_vendor || !p.contains(&i) {
                        errors.push(CatalogueError::AliasIsParent {
                            key: a.clone(),
                            tool: t.name.clone(),
                            vendor: vendor_display
                                .get(&normalise_vendor(&tools[p[0]].vendor))
                                .cloned()
                                .unwrap_or_default(),
                        });
                        continue;
                    }
                }
                claim(k.clone(), i, &mut errors);
                aliases.entry(k).or_insert(i);
            }
            for p in &t.merchant_patterns {
                match parse_pattern(p) {
                    None => errors.push(CatalogueError::BadPattern {
                        line,
                        value: p.clone(),
                    }),
                    Some(Pattern::Exact(k)) => {
                        claim(k.clone(), i, &mut errors);
                        exact_patterns.entry(k).or_insert(i);
                    }
                    Some(Pattern::Prefix {
                        prefix,
                        whole_words,
                    }) => {
                        match prefix_claims.get(&prefix) {
                            Some(other) if *other != i => {
                                errors.push(CatalogueError::DuplicateKey {
                                    key: format!("{prefix}*"),
                                    tools: [tools[*other].name.clone(), t.name.clone()],
                                })
                            }
                            Some(_) => continue,
                            None => {
                                prefix_claims.insert(prefix.clone(), i);
                            }
                        }
                        prefix_patterns.push(PrefixPattern {
                            prefix,
                            whole_words,
                            target: i,
                        });
                    }
                }
            }
            for d in &t.domains {
                let list = domains.entry(d.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        // Names of single-tool vendors are aliases unless something else already claims them.
        for (k, i) in single_vendor_alias {
            if !claims.contains_key(&k) && !parents.contains_key(&k) {
                claims.insert(k.clone(), i);
                aliases.insert(k, i);
            }
        }
        // A name or alias that equals a parent name is that parent's flagship (checked above for aliases);
        // a canonical name equal to another vendor's parent name is an error.
        for (k, &i) in &names {
            if let Some(p) = parents.get(k) {
                if !p.contains(&i) {
                    errors.push(CatalogueError::AliasIsParent {
                        key: k.clone(),
                        tool: tools[i].name.clone(),
                        vendor: tools[p[0]].vendor.clone(),
                    });
                }
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| format!("{e:?}"));
            errors.dedup();
            return Err(errors);
        }
        prefix_patterns.sort_by(|a, b| {
            b.prefix
                .len()
                .cmp(&a.prefix.len())
                .then(a.prefix.cmp(&b.prefix))
        });
        let trigram_keys = tools.iter().map(tool_trigrams).collect();
        Ok(Catalogue {
            tools,
            names,
            aliases,
            exact_patterns,
            prefix_patterns,
            domains,
            parents,
            trigram_keys,
            rules: Default::default(),
        })
    }

    /// All tools; a `tool_index` in a match result indexes this slice.
    pub fn tools(&self) -> &[Tool] {
        &self.tools
    }

    pub fn tool(&self, index: usize) -> Option<&Tool> {
        self.tools.get(index)
    }

    pub fn len(&self) -> usize {
        self.tools.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tools.is_empty()
    }

    /// The tool whose canonical name or alias is `name` (after normalisation); patterns and parent names are
    /// not consulted.
    pub fn find_tool(&self, name: &str) -> Option<usize> {
        let k = normalise_vendor(name);
        self.names.get(&k).or_else(|| self.aliases.get(&k)).copied()
    }

    /// The tools sold by a vendor, by its name or one of its aliases (normalised).
    pub fn tools_of_vendor(&self, vendor: &str) -> Vec<usize> {
        let k = normalise_vendor(vendor);
        if let Some(p) = self.parents.get(&k) {
            return p.clone();
        }
        (0..self.tools.len())
            .filter(|&i| normalise_vendor(&self.tools[i].vendor) == k)
            .collect()
    }

    pub(crate) fn refresh_trigrams(&mut self, index: usize) {
        if let Some(t) = self.tools.get(index) {
            let tg = tool_trigrams(t);
            if index < self.trigram_keys.len() {
                self.trigram_keys[index] = tg;
            } else {
                self.trigram_keys.push(tg);
            }
        }
    }
}

fn tool_trigrams(t: &Tool) -> Vec<Vec<[char; 3]>> {
    std::iter::once(&t.name)
        .chain(t.aliases.iter())
        .map(|s| normalise_vendor(s))
        .filter(|k| !k.is_empty())
        .map(|k| trigrams(&k))
        .collect()
}

fn syntax_error(e: CsvSyntax) -> CatalogueError {
    match e {
        CsvSyntax::UnterminatedQuote { line, column } => CatalogueError::Syntax {
            line,
            column,
            message: "quoted field is not closed".into(),
        },
        CsvSyntax::TextAfterQuote { line, column } => CatalogueError::Syntax {
            line,
            column,
            message: "text after a closing quote".into(),
        },
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.starts_with('_')
        && !s.ends_with('_')
}

fn is_bare_domain(s: &str) -> bool {
    s.contains('.')
        && !s.starts_with("www.")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && !s.starts_with('.')
        && !s.ends_with('.')
        && !s.contains("..")
}

fn parse_tools(text: &str, errors: &mut Vec<CatalogueError>) -> Vec<Tool> {
    let records = match read_records(text, true) {
        Ok(r) => r,
        Err(e) => {
            errors.push(syntax_error(e));
            return Vec::new();
        }
    };
    let Some((header, rows)) = records.split_first() else {
        errors.push(CatalogueError::BadHeader {
            expected: CATALOGUE_COLUMNS.join(","),
            found: String::new(),
        });
        return Vec::new();
    };
    let found: Vec<String> = header.fields.iter().map(|f| f.trim().to_string()).collect();
    if found != CATALOGUE_COLUMNS {
        errors.push(CatalogueError::BadHeader {
            expected: CATALOGUE_COLUMNS.join(","),
            found: found.join(","),
        });
        return Vec::new();
    }
    let mut tools = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for rec in rows {
        let line = rec.line;
        if rec.fields.len() != CATALOGUE_COLUMNS.len() {
            errors.push(CatalogueError::FieldCount {
                line,
                expected: CATALOGUE_COLUMNS.len(),
                found: rec.fields.len(),
            });
            continue;
        }
        let f: Vec<&str> = rec.fields.iter().map(|s| s.trim()).collect();
        let mut ok = true;
        for (c, v) in f.iter().enumerate().take(5) {
            if v.is_empty() {
                errors.push(CatalogueError::EmptyField {
                    line,
                    column: c as u32 + 1,
                });
                ok = false;
            }
        }
        if !ok {
            continue;
        }
        if !CATEGORIES.contains(&f[2]) {
            errors.push(CatalogueError::BadCategory {
                line,
                value: f[2].to_string(),
            });
        }
        let spend_type = match f[4] {
            "software" => SpendType::Software,
            "advertising" => SpendType::Advertising,
            other => {
                errors.push(CatalogueError::BadSpendType {
                    line,
                    value: other.to_string(),
                });
                SpendType::Software
            }
        };
        let capabilities = split_list(f[7]);
        for c in &capabilities {
            if !is_slug(c) {
                errors.push(CatalogueError::BadCapability {
                    line,
                    value: c.clone(),
                });
            }
        }
        let domains = split_list(f[8]);
        for d in &domains {
            if !is_bare_domain(d) {
                errors.push(CatalogueError::BadDomain {
                    line,
                    value: d.clone(),
                });
            }
        }
        let key = normalise_vendor(f[0]);
        if let Some(first_line) = seen.get(&key) {
            errors.push(CatalogueError::DuplicateTool {
                line,
                first_line: *first_line,
                name: f[0].to_string(),
            });
            continue;
        }
        seen.insert(key, line);
        tools.push(Tool {
            name: f[0].to_string(),
            vendor: f[1].to_string(),
            category: f[2].to_string(),
            subcategory: f[3].to_string(),
            spend_type,
            aliases: split_list(f[5]),
            merchant_patterns: split_list(f[6]),
            capabilities,
            domains,
            origin: Origin::Catalogue { line },
        });
    }
    tools
}

fn parse_vendor_aliases(
    text: &str,
    errors: &mut Vec<CatalogueError>,
) -> Vec<(u64, String, Vec<String>)> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let records = match read_records(text, true) {
        Ok(r) => r,
        Err(e) => {
            errors.push(syntax_error(e));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    let mut rows = records.iter();
    match rows.next() {
        Some(h) if h.fields.iter().map(|f| f.trim()).eq(["vendor", "aliases"]) => {}
        other => {
            errors.push(CatalogueError::BadHeader {
                expected: "vendor,aliases".into(),
                found: other.map(|h| h.fields.join(",")).unwrap_or_default(),
            });
            return out;
        }
    }
    for rec in rows {
        if rec.fields.len() != 2 {
            errors.push(CatalogueError::FieldCount {
                line: rec.line,
                expected: 2,
                found: rec.fields.len(),
            });
            continue;
        }
        out.push((
            rec.line,
            rec.fields[0].trim().to_string(),
            split_list(&rec.fields[1]),
        ));
    }
    out
}
