//! The user's alias rules: a small CSV file the user owns (`match,action,tool,category,subcategory`), parsed
//! with line-numbered errors and applied before the catalogue. The format is documented in `docs/aliases.md`.
//!
//! ```
//! use stackscope::reconcile::{Catalogue, MatchHow, MatchResult, UserRules};
//! let rules = UserRules::parse("match,action,tool,category,subcategory\nACME DESIGN*,map,Figma,,\n").unwrap();
//! let cat = Catalogue::builtin().unwrap().with_rules(&rules).unwrap();
//! let r = cat.match_vendor("ACME DESIGN LTD 1234");
//! assert!(matches!(r, MatchResult::Matched { how: MatchHow::UserRule, .. }));
//! assert_eq!(cat.tools()[r.tool_index().unwrap()].name, "Figma");
//! ```

use super::catalogue::{parse_pattern, Catalogue, Origin, Pattern, SpendType, Tool};
use super::normalise::normalise_vendor;
use super::text::{read_records, CsvSyntax};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// The columns of a rules file. `match` and `action` are required in the header; the others may be left out.
pub const RULE_COLUMNS: &[&str] = &["match", "action", "tool", "category", "subcategory"];

/// What a rule does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleAction {
    /// Vendor strings matching `match` are the tool named in `tool` (an existing tool, or a new one).
    Map,
    /// The catalogue tool named in `match` is shown as `tool`.
    Rename,
    /// The tool named in `match` gets `category` and/or `subcategory`.
    Recategorise,
    /// Vendor strings matching `match` are not software and are excluded (and reported).
    Ignore,
}

impl RuleAction {
    pub fn parse(s: &str) -> Option<RuleAction> {
        match s.trim().to_ascii_lowercase().as_str() {
            "map" => Some(RuleAction::Map),
            "rename" => Some(RuleAction::Rename),
            "recategorise" | "recategorize" => Some(RuleAction::Recategorise),
            "ignore" => Some(RuleAction::Ignore),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RuleAction::Map => "map",
            RuleAction::Rename => "rename",
            RuleAction::Recategorise => "recategorise",
            RuleAction::Ignore => "ignore",
        }
    }
}

/// One rule, as written (trimmed), with its line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRule {
    pub line: u64,
    /// As written; `*` only at the end.
    pub pattern: String,
    pub action: RuleAction,
    pub tool: Option<String>,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    /// The 1-based field position of `match`, `action`, `tool`, `category`, `subcategory` in the file (0 when
    /// the header lacks the column), for error positions.
    pub columns: [u32; 5],
}

/// A parsed rules file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRules {
    pub rules: Vec<UserRule>,
}

/// A problem in a rules file. `line` is the 1-based line, `column` the 1-based field in that line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RuleError {
    /// A quoted field is not closed, or text follows a closing quote.
    Syntax {
        line: u64,
        column: u32,
        message: String,
    },
    /// The file has no header line (it is empty or only comments).
    MissingHeader,
    /// A header names a column that is not one of `match,action,tool,category,subcategory`.
    UnknownColumn {
        line: u64,
        column: u32,
        name: String,
    },
    /// A header lacks `match` or `action`, or names a column twice.
    BadHeader { line: u64, message: String },
    /// A row has more fields than the header.
    TooManyFields { line: u64, column: u32 },
    /// `match` is blank or normalises to nothing.
    EmptyMatch { line: u64, column: u32 },
    /// `*` is used other than at the end, or where a pattern is not allowed (`rename`, `recategorise`).
    BadPattern {
        line: u64,
        column: u32,
        pattern: String,
        reason: String,
    },
    UnknownAction {
        line: u64,
        column: u32,
        action: String,
    },
    /// `map` and `rename` need a `tool`.
    MissingTool { line: u64, column: u32 },
    /// `recategorise` needs a `category` or a `subcategory`.
    MissingCategory { line: u64, column: u32 },
    /// A field that this action does not use is filled in.
    UnusedField {
        line: u64,
        column: u32,
        field: String,
    },
    /// Two rules with the same (normalised) `match` that select vendor strings.
    DuplicateMatch {
        line: u64,
        column: u32,
        first_line: u64,
    },
    /// `rename`/`recategorise` name a tool that neither the catalogue nor a `map` rule defines.
    UnknownTool {
        line: u64,
        column: u32,
        tool: String,
    },
    /// A `rename` to a name that another tool already has.
    NameTaken {
        line: u64,
        column: u32,
        name: String,
        other: String,
    },
    /// Two rules give the same tool different names or categories.
    Conflict {
        line: u64,
        column: u32,
        first_line: u64,
    },
}

impl RuleError {
    /// The line of the problem, when it is about one.
    pub fn line(&self) -> Option<u64> {
        use RuleError::*;
        match self {
            MissingHeader => None,
            Syntax { line, .. }
            | UnknownColumn { line, .. }
            | BadHeader { line, .. }
            | TooManyFields { line, .. }
            | EmptyMatch { line, .. }
            | BadPattern { line, .. }
            | UnknownAction { line, .. }
            | MissingTool { line, .. }
            | MissingCategory { line, .. }
            | UnusedField { line, .. }
            | DuplicateMatch { line, .. }
            | UnknownTool { line, .. }
            | NameTaken { line, .. }
            | Conflict { line, .. } => Some(*line),
        }
    }

    /// The field of the problem, when it is about one.
    pub fn column(&self) -> Option<u32> {
        use RuleError::*;
        match self {
            MissingHeader | BadHeader { .. } => None,
            Syntax { column, .. }
            | UnknownColumn { column, .. }
            | TooManyFields { column, .. }
            | EmptyMatch { column, .. }
            | BadPattern { column, .. }
            | UnknownAction { column, .. }
            | MissingTool { column, .. }
            | MissingCategory { column, .. }
            | UnusedField { column, .. }
            | DuplicateMatch { column, .. }
            | UnknownTool { column, .. }
            | NameTaken { column, .. }
            | Conflict { column, .. } => Some(*column),
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RuleError::*;
        if let Some(l) = self.line() {
            match self.column() {
                Some(c) => write!(f, "line {l}, column {c}: ")?,
                None => write!(f, "line {l}: ")?,
            }
        }
        match self {
            Syntax { message, .. } => write!(f, "{message}"),
            MissingHeader => write!(
                f,
                "no header line; the first line must be `match,action,tool,category,subcategory`"
            ),
            UnknownColumn { name, .. } => write!(
                f,
                "unknown column `{name}` (expected match, action, tool, category, subcategory)"
            ),
            BadHeader { message, .. } => write!(f, "{message}"),
            TooManyFields { .. } => write!(f, "more fields than the header has columns"),
            EmptyMatch { .. } => write!(f, "`match` is blank"),
            BadPattern {
                pattern, reason, ..
            } => write!(f, "pattern `{pattern}`: {reason}"),
            UnknownAction { action, .. } => write!(
                f,
                "unknown action `{action}` (use map, rename, recategorise or ignore)"
            ),
            MissingTool { .. } => write!(f, "this action needs a `tool`"),
            MissingCategory { .. } => {
                write!(f, "recategorise needs a `category` or a `subcategory`")
            }
            UnusedField { field, .. } => {
                write!(f, "`{field}` is not used by this action; leave it blank")
            }
            DuplicateMatch { first_line, .. } => {
                write!(f, "the same `match` is already used at line {first_line}")
            }
            UnknownTool { tool, .. } => write!(f, "no tool is named `{tool}`"),
            NameTaken { name, other, .. } => {
                write!(f, "`{name}` is already the name or an alias of `{other}`")
            }
            Conflict { first_line, .. } => write!(
                f,
                "conflicts with the rule at line {first_line} for the same tool"
            ),
        }
    }
}

impl std::error::Error for RuleError {}

/// Where each column is in this file's header (0-based field positions).
struct Columns {
    pos: [Option<usize>; 5],
}

impl Columns {
    fn field<'a>(&self, fields: &'a [String], which: usize) -> Option<&'a str> {
        let p = self.pos[which]?;
        fields.get(p).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    fn column(&self, which: usize) -> u32 {
        self.pos[which].map(|p| p as u32 + 1).unwrap_or(0)
    }
}

const C_MATCH: usize = 0;
const C_ACTION: usize = 1;
const C_TOOL: usize = 2;
const C_CATEGORY: usize = 3;
const C_SUBCATEGORY: usize = 4;

impl UserRules {
    /// Parses a rules file. Comment lines start with `#`; blank lines are skipped; the first other line is the
    /// header. All problems are returned, in line order. Never panics.
    pub fn parse(text: &str) -> Result<UserRules, Vec<RuleError>> {
        let records = read_records(text, true).map_err(|e| {
            vec![match e {
                CsvSyntax::UnterminatedQuote { line, column } => RuleError::Syntax {
                    line,
                    column,
                    message: "quoted field is not closed".into(),
                },
                CsvSyntax::TextAfterQuote { line, column } => RuleError::Syntax {
                    line,
                    column,
                    message: "text after a closing quote".into(),
                },
            }]
        })?;
        let Some((header, rows)) = records.split_first() else {
            return Err(vec![RuleError::MissingHeader]);
        };
        let mut errors = Vec::new();
        let mut cols = Columns { pos: [None; 5] };
        for (p, name) in header.fields.iter().enumerate() {
            let n = name.trim().to_ascii_lowercase();
            match RULE_COLUMNS.iter().position(|c| *c == n) {
                Some(k) if cols.pos[k].is_some() => errors.push(RuleError::BadHeader {
                    line: header.line,
                    message: format!("column `{n}` appears twice"),
                }),
                Some(k) => cols.pos[k] = Some(p),
                None if n.is_empty() && p + 1 == header.fields.len() => {} // trailing comma
                None => errors.push(RuleError::UnknownColumn {
                    line: header.line,
                    column: p as u32 + 1,
                    name: name.trim().to_string(),
                }),
            }
        }
        for (k, name) in [(C_MATCH, "match"), (C_ACTION, "action")] {
            if cols.pos[k].is_none() {
                errors.push(RuleError::BadHeader {
                    line: header.line,
                    message: format!("the header has no `{name}` column"),
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let width = header.fields.len();
        let mut rules = Vec::new();
        let mut seen_match: HashMap<String, u64> = HashMap::new();
        for rec in rows {
            let line = rec.line;
            if rec.fields.len() > width && rec.fields[width..].iter().any(|f| !f.trim().is_empty())
            {
                errors.push(RuleError::TooManyFields {
                    line,
                    column: width as u32 + 1,
                });
                continue;
            }
            let f = &rec.fields;
            let action_col = cols.column(C_ACTION);
            let Some(action_raw) = cols.field(f, C_ACTION) else {
                errors.push(RuleError::UnknownAction {
                    line,
                    column: action_col,
                    action: String::new(),
                });
                continue;
            };
            let Some(action) = RuleAction::parse(action_raw) else {
                errors.push(RuleError::UnknownAction {
                    line,
                    column: action_col,
                    action: action_raw.to_string(),
                });
                continue;
            };
            let match_col = cols.column(C_MATCH);
            let pattern = cols.field(f, C_MATCH).unwrap_or("");
            if normalise_vendor(pattern.trim_end_matches('*')).is_empty() {
                errors.push(RuleError::EmptyMatch {
                    line,
                    column: match_col,
                });
                continue;
            }
            let is_pattern = pattern.contains('*');
            if is_pattern && parse_pattern(pattern).is_none() {
                errors.push(RuleError::BadPattern {
                    line,
                    column: match_col,
                    pattern: pattern.to_string(),
                    reason: "`*` is allowed only at the end".into(),
                });
                continue;
            }
            let tool = cols.field(f, C_TOOL).map(str::to_string);
            let category = cols.field(f, C_CATEGORY).map(str::to_string);
            let subcategory = cols.field(f, C_SUBCATEGORY).map(str::to_string);
            let mut bad = false;
            match action {
                RuleAction::Map | RuleAction::Rename if tool.is_none() => {
                    errors.push(RuleError::MissingTool {
                        line,
                        column: cols.column(C_TOOL).max(1),
                    });
                    bad = true;
                }
                RuleAction::Recategorise if category.is_none() && subcategory.is_none() => {
                    errors.push(RuleError::MissingCategory {
                        line,
                        column: cols.column(C_CATEGORY).max(1),
                    });
                    bad = true;
                }
                _ => {}
            }
            let unused: &[(usize, &str)] = match action {
                RuleAction::Map => &[],
                RuleAction::Rename => &[(C_CATEGORY, "category"), (C_SUBCATEGORY, "subcategory")],
                RuleAction::Recategorise => &[(C_TOOL, "tool")],
                RuleAction::Ignore => &[(C_TOOL, "tool"), (C_SUBCATEGORY, "subcategory")],
            };
            for (k, name) in unused {
                if cols.field(f, *k).is_some() {
                    errors.push(RuleError::UnusedField {
                        line,
                        column: cols.column(*k),
                        field: name.to_string(),
                    });
                    bad = true;
                }
            }
            if is_pattern && matches!(action, RuleAction::Rename | RuleAction::Recategorise) {
                errors.push(RuleError::BadPattern {
                    line,
                    column: match_col,
                    pattern: pattern.to_string(),
                    reason: format!(
                        "{} names one tool; a pattern is not allowed",
                        action.as_str()
                    ),
                });
                bad = true;
            }
            if matches!(action, RuleAction::Map | RuleAction::Ignore) {
                let key = match_key(pattern);
                if let Some(first_line) = seen_match.get(&key) {
                    errors.push(RuleError::DuplicateMatch {
                        line,
                        column: match_col,
                        first_line: *first_line,
                    });
                    bad = true;
                } else {
                    seen_match.insert(key, line);
                }
            }
            if let Some(t) = &tool {
                if normalise_vendor(t).is_empty() {
                    errors.push(RuleError::MissingTool {
                        line,
                        column: cols.column(C_TOOL),
                    });
                    bad = true;
                }
            }
            if !bad {
                rules.push(UserRule {
                    line,
                    pattern: pattern.to_string(),
                    action,
                    tool,
                    category,
                    subcategory,
                    columns: [0, 1, 2, 3, 4].map(|k| cols.column(k)),
                });
            }
        }
        if errors.is_empty() {
            Ok(UserRules { rules })
        } else {
            Err(errors)
        }
    }
}

/// The key under which a `match` is unique: its normalised form, with `*` kept for prefixes.
fn match_key(pattern: &str) -> String {
    match parse_pattern(pattern) {
        Some(Pattern::Exact(k)) => k,
        Some(Pattern::Prefix {
            prefix,
            whole_words,
        }) => {
            format!("{prefix}{}*", if whole_words { " " } else { "" })
        }
        None => normalise_vendor(pattern),
    }
}

/// What a matching rule leads to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum RuleTarget {
    Tool(usize),
    Ignore(Option<String>),
}

#[derive(Clone, Debug)]
pub(crate) struct CompiledRule {
    pub line: u64,
    pub target: RuleTarget,
}

/// Rules ready for lookup: exact keys in a map, prefixes longest first.
#[derive(Clone, Debug, Default)]
pub(crate) struct CompiledRules {
    exact: HashMap<String, CompiledRule>,
    prefixes: Vec<(String, bool, CompiledRule)>,
}

impl CompiledRules {
    pub fn lookup(&self, key: &str) -> Option<&CompiledRule> {
        if let Some(r) = self.exact.get(key) {
            return Some(r);
        }
        self.prefixes
            .iter()
            .find(|(p, whole, _)| match key.strip_prefix(p.as_str()) {
                None => false,
                Some(rest) => !*whole || rest.is_empty() || rest.starts_with(' '),
            })
            .map(|(_, _, r)| r)
    }

    fn add(&mut self, pattern: &str, rule: CompiledRule) {
        match parse_pattern(pattern) {
            Some(Pattern::Exact(k)) => {
                self.exact.insert(k, rule);
            }
            Some(Pattern::Prefix {
                prefix,
                whole_words,
            }) => {
                self.prefixes.push((prefix, whole_words, rule));
                self.prefixes
                    .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            }
            None => {}
        }
    }
}

impl Catalogue {
    /// A copy of this catalogue with the user's rules applied: renames first, then maps (creating new tools
    /// for names the catalogue does not know), then recategorisations; `map` and `ignore` rules are consulted by
    /// [`Catalogue::match_vendor`] before anything else. Problems that need the catalogue (unknown tool, a name
    /// already taken, two rules disagreeing) are returned with their lines.
    pub fn with_rules(&self, rules: &UserRules) -> Result<Catalogue, Vec<RuleError>> {
        let mut cat = self.clone();
        let mut errors = Vec::new();
        let mut renamed: HashMap<usize, u64> = HashMap::new();
        let mut categorised: HashMap<usize, (u64, Option<String>, Option<String>)> = HashMap::new();
        let mut compiled = CompiledRules::default();

        // 1. Renames.
        for r in rules
            .rules
            .iter()
            .filter(|r| r.action == RuleAction::Rename)
        {
            let Some(i) = cat.find_tool(&r.pattern) else {
                errors.push(RuleError::UnknownTool {
                    line: r.line,
                    column: r.columns[C_MATCH],
                    tool: r.pattern.clone(),
                });
                continue;
            };
            let new_name = r.tool.clone().unwrap_or_default();
            let key = normalise_vendor(&new_name);
            if let Some(&first_line) = renamed.get(&i) {
                errors.push(RuleError::Conflict {
                    line: r.line,
                    column: r.columns[C_TOOL],
                    first_line,
                });
                continue;
            }
            match cat.names.get(&key).or_else(|| cat.aliases.get(&key)) {
                Some(&other) if other != i => {
                    errors.push(RuleError::NameTaken {
                        line: r.line,
                        column: r.columns[C_TOOL],
                        name: new_name,
                        other: cat.tools[other].name.clone(),
                    });
                    continue;
                }
                _ => {}
            }
            renamed.insert(i, r.line);
            let old = std::mem::replace(&mut cat.tools[i].name, new_name);
            let old_key = normalise_vendor(&old);
            if old_key != key {
                cat.tools[i].aliases.push(old);
                cat.names.remove(&old_key);
                cat.aliases.insert(old_key, i);
            }
            cat.names.insert(key, i);
            cat.refresh_trigrams(i);
        }

        // 2. Maps and ignores.
        for r in &rules.rules {
            let target = match r.action {
                RuleAction::Map => {
                    let name = r.tool.clone().unwrap_or_default();
                    let i = match cat.find_tool(&name) {
                        Some(i) => i,
                        None => {
                            let category =
                                r.category.clone().unwrap_or_else(|| "uncategorised".into());
                            let spend_type = if category.eq_ignore_ascii_case("advertising") {
                                SpendType::Advertising
                            } else {
                                SpendType::Software
                            };
                            cat.tools.push(Tool {
                                name: name.clone(),
                                vendor: String::new(),
                                category,
                                subcategory: r.subcategory.clone().unwrap_or_default(),
                                spend_type,
                                aliases: Vec::new(),
                                merchant_patterns: vec![r.pattern.clone()],
                                capabilities: Vec::new(),
                                domains: Vec::new(),
                                origin: Origin::UserRule { line: r.line },
                            });
                            let i = cat.tools.len() - 1;
                            cat.names.insert(normalise_vendor(&name), i);
                            cat.refresh_trigrams(i);
                            categorised
                                .insert(i, (r.line, r.category.clone(), r.subcategory.clone()));
                            i
                        }
                    };
                    if r.category.is_some() || r.subcategory.is_some() {
                        if let Err(e) = set_category(&mut cat, &mut categorised, i, r) {
                            errors.push(e);
                            continue;
                        }
                    }
                    RuleTarget::Tool(i)
                }
                RuleAction::Ignore => RuleTarget::Ignore(r.category.clone()),
                _ => continue,
            };
            compiled.add(
                &r.pattern,
                CompiledRule {
                    line: r.line,
                    target,
                },
            );
        }

        // 3. Recategorisations.
        for r in rules
            .rules
            .iter()
            .filter(|r| r.action == RuleAction::Recategorise)
        {
            let Some(i) = cat.find_tool(&r.pattern) else {
                errors.push(RuleError::UnknownTool {
                    line: r.line,
                    column: r.columns[C_MATCH],
                    tool: r.pattern.clone(),
                });
                continue;
            };
            if let Err(e) = set_category(&mut cat, &mut categorised, i, r) {
                errors.push(e);
            }
        }

        if errors.is_empty() {
            cat.rules = compiled;
            Ok(cat)
        } else {
            errors.sort_by_key(|e| e.line());
            Err(errors)
        }
    }
}

fn set_category(
    cat: &mut Catalogue,
    seen: &mut HashMap<usize, (u64, Option<String>, Option<String>)>,
    i: usize,
    r: &UserRule,
) -> Result<(), RuleError> {
    if let Some((first_line, c, s)) = seen.get(&i) {
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
            _ => true,
        };
        if *first_line != r.line && !(same(c, &r.category) && same(s, &r.subcategory)) {
            return Err(RuleError::Conflict {
                line: r.line,
                column: r.columns[C_CATEGORY].max(r.columns[C_SUBCATEGORY]),
                first_line: *first_line,
            });
        }
    }
    let entry = seen.entry(i).or_insert((r.line, None, None));
    if let Some(c) = &r.category {
        cat.tools[i].category = c.clone();
        entry.1 = Some(c.clone());
        cat.tools[i].spend_type = if c.eq_ignore_ascii_case("advertising") {
            SpendType::Advertising
        } else {
            SpendType::Software
        };
    }
    if let Some(s) = &r.subcategory {
        cat.tools[i].subcategory = s.clone();
        entry.2 = Some(s.clone());
    }
    Ok(())
}
