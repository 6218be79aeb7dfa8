//! Raw vendor string → tool: user rules first, then exact name, alias, merchant pattern, domain, parent
//! company (ambiguous), and otherwise suggestions that are never applied automatically.
//!
//! Every lookup compares whole normalised strings (or, for patterns ending in `*`, a prefix), so a short name
//! matches only itself: `Box` is `box` and never `dropbox`, `xbox live` or `box hill cafe`; `zoom` is never
//! `zoominfo`.

use super::catalogue::Catalogue;
use super::normalise::{looks_like_domain, normalise_vendor};
use super::rules::RuleTarget;
use super::text::{dice, trigrams};
use serde::{Deserialize, Serialize};

/// How a match was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchHow {
    /// The normalised string is the tool's canonical (or renamed) name.
    ExactName,
    /// The normalised string is one of the tool's aliases, or the name of a vendor selling only this tool.
    Alias,
    /// A card-descriptor pattern of the tool.
    MerchantPattern,
    /// A web domain in the string is the tool's.
    Domain,
    /// A rule in the user's alias file.
    UserRule,
}

impl MatchHow {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchHow::ExactName => "exact_name",
            MatchHow::Alias => "alias",
            MatchHow::MerchantPattern => "merchant_pattern",
            MatchHow::Domain => "domain",
            MatchHow::UserRule => "user_rule",
        }
    }
}

/// Confidence of each kind of match (1 = certain).
pub const CONFIDENCE_USER_RULE: f64 = 1.0;
pub const CONFIDENCE_EXACT_NAME: f64 = 1.0;
pub const CONFIDENCE_ALIAS: f64 = 0.95;
pub const CONFIDENCE_EXACT_PATTERN: f64 = 0.9;
pub const CONFIDENCE_DOMAIN: f64 = 0.9;
pub const CONFIDENCE_PREFIX_PATTERN: f64 = 0.85;

/// Suggestions scoring below this are not listed.
pub const SUGGESTION_THRESHOLD: f64 = 0.45;
/// At most this many suggestions.
pub const MAX_SUGGESTIONS: usize = 5;

/// The outcome of matching one raw vendor string. Tool indexes refer to [`Catalogue::tools`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum MatchResult {
    Matched {
        tool_index: usize,
        how: MatchHow,
        confidence: f64,
    },
    /// A parent company (or a domain) that sells several tools; the user must choose.
    Ambiguous { candidates: Vec<usize> },
    /// An `ignore` rule of the user's file, at this line, with its optional reason (the `category` column).
    Ignored {
        rule_line: u64,
        reason: Option<String>,
    },
    /// Nothing matched; `suggestions` are (tool index, score 0–1), best first, for the user to confirm.
    Unmatched { suggestions: Vec<(usize, f64)> },
}

impl MatchResult {
    /// The matched tool, if any.
    pub fn tool_index(&self) -> Option<usize> {
        match self {
            MatchResult::Matched { tool_index, .. } => Some(*tool_index),
            _ => None,
        }
    }
}

impl Catalogue {
    /// Matches a raw vendor string (card descriptor, payee, SSO app, contract name). Call it once per distinct
    /// string; lookups are hash-map based, prefix patterns and suggestions are linear scans.
    pub fn match_vendor(&self, raw: &str) -> MatchResult {
        let key = normalise_vendor(raw);
        if let Some(r) = self.rules.lookup(&key) {
            return match &r.target {
                RuleTarget::Tool(i) => MatchResult::Matched {
                    tool_index: *i,
                    how: MatchHow::UserRule,
                    confidence: CONFIDENCE_USER_RULE,
                },
                RuleTarget::Ignore(reason) => MatchResult::Ignored {
                    rule_line: r.line,
                    reason: reason.clone(),
                },
            };
        }
        if key.is_empty() {
            return MatchResult::Unmatched {
                suggestions: Vec::new(),
            };
        }
        if let Some(&i) = self.names.get(&key) {
            return matched(i, MatchHow::ExactName, CONFIDENCE_EXACT_NAME);
        }
        if let Some(&i) = self.aliases.get(&key) {
            return matched(i, MatchHow::Alias, CONFIDENCE_ALIAS);
        }
        if let Some(&i) = self.exact_patterns.get(&key) {
            return matched(i, MatchHow::MerchantPattern, CONFIDENCE_EXACT_PATTERN);
        }
        if let Some(p) = self.prefix_patterns.iter().find(|p| p.matches(&key)) {
            return matched(
                p.target,
                MatchHow::MerchantPattern,
                CONFIDENCE_PREFIX_PATTERN,
            );
        }
        if let Some(r) = self.match_domain(raw) {
            return r;
        }
        if let Some(c) = self.parents.get(&key) {
            return MatchResult::Ambiguous {
                candidates: c.clone(),
            };
        }
        MatchResult::Unmatched {
            suggestions: self.suggest(&key),
        }
    }

    /// The domains written in `raw` (`salesforce.com`, `https://acme.slack.com/…`, an e-mail's domain), each
    /// looked up with its parent domains, most specific first.
    fn match_domain(&self, raw: &str) -> Option<MatchResult> {
        let lower = raw.to_lowercase();
        for piece in lower.split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | '*' | '<' | '>' | '"' | '(' | ')')
        }) {
            let piece = piece
                .strip_prefix("https://")
                .or_else(|| piece.strip_prefix("http://"))
                .unwrap_or(piece);
            let piece = piece.rsplit('@').next().unwrap_or(piece);
            let host = piece.split(['/', '?', '#', ':']).next().unwrap_or("");
            let host = host.trim_end_matches('.');
            if !looks_like_domain(host) {
                continue;
            }
            let mut h = host;
            loop {
                if let Some(tools) = self.domains.get(h) {
                    return Some(if tools.len() == 1 {
                        matched(tools[0], MatchHow::Domain, CONFIDENCE_DOMAIN)
                    } else {
                        MatchResult::Ambiguous {
                            candidates: tools.clone(),
                        }
                    });
                }
                match h.split_once('.') {
                    Some((_, rest)) if rest.contains('.') => h = rest,
                    _ => break,
                }
            }
        }
        None
    }

    /// Tools whose name or an alias looks like `key` (character-trigram similarity), best first.
    pub fn suggest(&self, key: &str) -> Vec<(usize, f64)> {
        let key = normalise_vendor(key);
        if key.is_empty() {
            return Vec::new();
        }
        let tg = trigrams(&key);
        let mut scored: Vec<(usize, f64)> = self
            .trigram_keys
            .iter()
            .enumerate()
            .filter_map(|(i, keys)| {
                let best = keys.iter().map(|k| dice(&tg, k)).fold(0.0, f64::max);
                (best >= SUGGESTION_THRESHOLD).then_some((i, (best * 1000.0).round() / 1000.0))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(MAX_SUGGESTIONS);
        scored
    }
}

fn matched(tool_index: usize, how: MatchHow, confidence: f64) -> MatchResult {
    MatchResult::Matched {
        tool_index,
        how,
        confidence,
    }
}
