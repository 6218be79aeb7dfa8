//! The reconciled stack: every tool with its contracts, accounts and spend, and every person joined across
//! sources. `reconcile` builds it from the records of all files; `metrics` computes figures from it and never
//! looks at raw text again.
//!
//! Indices (`tool`, `person`) point into [`Stack::tools`] and [`Stack::people`].

use crate::model::{AccountStatus, Date, LastActivity, Licence, Source, SpendLine};
use serde::{Deserialize, Serialize};

/// What a spend line is, once its vendor is understood.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpendClass {
    /// A software subscription or licence.
    Software,
    /// Media spend (Google Ads, Meta, LinkedIn Ads…): not software, reported separately.
    Advertising,
    /// A card payment, autopay or statement settlement: not spend at all.
    Payment,
    /// A bank transfer between accounts.
    Transfer,
    /// Excluded by a user rule.
    Ignored,
    /// Not recognised as software (yet): listed as unmatched with suggestions; counted as software spend only
    /// once the user maps it.
    Unknown,
}

/// How a vendor string was tied to a tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VendorMatch {
    /// The vendor as written in the file.
    pub raw: String,
    /// `exact_name`, `alias`, `merchant_pattern`, `domain`, `user_rule`…
    pub how: String,
}

/// One spend line with its interpretation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StackSpend {
    pub line: SpendLine,
    pub class: SpendClass,
    pub tool: Option<usize>,
    /// The amount in the reporting currency; `None` when no exchange rate is known for its currency.
    pub amount: Option<f64>,
}

/// One contract with its amounts in the reporting currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StackLicence {
    pub licence: Licence,
    /// Contract value per year in the reporting currency (converted), if known.
    pub annual_cost: Option<f64>,
    /// Price per seat per year in the reporting currency (converted), if known.
    pub price_per_seat: Option<f64>,
}

/// One person's account in one tool, merged across usage sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub person: usize,
    pub last_activity: LastActivity,
    pub events: Option<f64>,
    /// The account's own state in the tool (from the usage source).
    pub status: AccountStatus,
    pub ended_on: Option<Date>,
    pub sources: Vec<Source>,
}

/// Everything known about one tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    pub name: String,
    pub vendor: Option<String>,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    pub capabilities: Vec<String>,
    /// False for tools found only in spend or contracts and not in the catalogue.
    pub in_catalogue: bool,
    pub licences: Vec<StackLicence>,
    pub accounts: Vec<Account>,
    /// How each vendor or product string was matched to this tool.
    pub matched_from: Vec<VendorMatch>,
    /// Per-tool activity window override, in days.
    pub window_days: Option<u32>,
}

/// How a person's records were joined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinHow {
    Email,
    /// A username equal to the local part of a known email.
    Username,
    /// Only a display name matched: reported, as it can be wrong.
    DisplayName,
    /// Seen once; nothing to join.
    #[default]
    Single,
}

/// One person, joined across sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub email: Option<String>,
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub department: Option<String>,
    /// The person's state from a roster or directory (leavers are `deleted` or `suspended`).
    pub status: AccountStatus,
    pub joined_by: JoinHow,
    /// Shared mailboxes, service and integration accounts: kept, but not counted as people.
    pub is_service_account: bool,
    /// Where the person's records are: up to 8 lines, and at least one line of every file they appear in.
    pub sources: Vec<Source>,
}

/// A vendor that matched no tool, with its spend and suggestions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnmatchedVendor {
    pub vendor: String,
    pub amount: f64,
    pub lines: Vec<Source>,
    /// Catalogue tools that look similar (never applied automatically).
    pub suggestions: Vec<String>,
    /// Set when the name matches several tools of one parent company.
    pub ambiguous_between: Vec<String>,
}

/// The reconciled stack.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stack {
    /// The currency all converted amounts are in (ISO 4217).
    pub currency: String,
    pub tools: Vec<Tool>,
    pub people: Vec<Person>,
    pub spend: Vec<StackSpend>,
    pub unmatched: Vec<UnmatchedVendor>,
    /// The latest date seen in any record (the default as-of date).
    pub latest_date: Option<Date>,
    /// Currencies seen with no exchange rate: their amounts are unknown in the reporting currency.
    pub missing_rates: Vec<String>,
}
