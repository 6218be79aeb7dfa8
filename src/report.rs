//! The report: every figure `metrics::analyze` computes, with the formula and inputs behind it.
//!
//! Field names are a stable contract with the page and the CLI; `docs/report.md` documents each one. Money is
//! in the reporting currency ([`Report::currency`]) as an unrounded `f64`; `null` (`None`) always means
//! "unknown from the data", never zero. Shares are fractions in `[0, 1]`, not percentages.

use crate::model::{Date, Source};
use crate::stack::SpendClass;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole analysis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The date activity and renewals are measured against.
    pub as_of: Option<Date>,
    /// The default activity window in days (tools may override it: see [`ToolReport::window_days`]).
    pub window_days: u32,
    /// The reporting currency (ISO 4217) of every amount.
    pub currency: String,
    /// Per-file inspection JSON, filled by the caller; `analyze` leaves it empty.
    pub inputs: Vec<serde_json::Value>,
    pub summary: Summary,
    pub tools: Vec<ToolReport>,
    pub spend: SpendReport,
    pub overlap: OverlapReport,
    /// Ordered by `cancel_by` (or the renewal date when the notice period is unknown), then tool name.
    pub renewals: Vec<Renewal>,
    /// Ranked by `amount` (largest first, unknown last), then tool name, then kind.
    pub recommendations: Vec<Recommendation>,
    pub people: PeopleSummary,
    /// The formula and inputs behind each summary figure, keyed by field name.
    pub explain: BTreeMap<String, String>,
}

/// The headline tiles.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Σ converted amounts of software spend lines (refunds net); `null` when the data has no spend lines.
    pub software_spend: Option<f64>,
    /// `software_spend × 365 ÷ period_days`; `null` when the dated software lines span fewer than 28 days.
    pub annualised_run_rate: Option<f64>,
    /// Σ of every tool's known `annual_cost`.
    pub annual_cost: Option<f64>,
    /// Σ of every tool's known `wasted_spend`.
    pub wasted_spend: Option<f64>,
    /// Σ active ÷ Σ capacity over tools with usage data and a known seat count.
    pub seat_utilisation: Option<f64>,
    /// Σ seats of tools with usage data ÷ Σ seats of tools with a known seat count.
    pub usage_coverage: Option<f64>,
    /// Number of tools in the stack.
    pub tools: usize,
    /// Number of overlap groups (subcategories with two tools or more).
    pub overlap_groups: usize,
    /// Renewals whose renewal date falls within `renewal_horizon_days` (90 by default) of the as-of date.
    pub renewals_next_90_days: usize,
    /// Σ amounts of vendors that matched no tool.
    pub unmatched_spend: Option<f64>,
    /// Σ converted advertising spend (media, not software).
    pub non_software_spend: Option<f64>,
    /// Spend lines left out of every total because their currency has no exchange rate.
    pub unconverted_lines: usize,
}

/// Every figure for one tool. Counts of accounts are `null` when no usage source lists the tool.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ToolReport {
    pub tool: String,
    pub vendor: Option<String>,
    pub category: Option<String>,
    pub subcategory: Option<String>,
    /// Σ seats of the tool's current licences; `null` when no current licence states seats.
    pub seats: Option<f64>,
    /// Accounts holding a seat (every listed account except those unassigned without an end date).
    pub assigned: Option<u64>,
    pub active: Option<u64>,
    pub inactive: Option<u64>,
    pub never_active: Option<u64>,
    pub activity_unknown: Option<u64>,
    /// `max(seats − assigned, 0)`; `null` when seats or accounts are unknown.
    pub unassigned: Option<f64>,
    pub orphaned: Option<u64>,
    /// `max(assigned − seats, 0)`; `null` when seats or accounts are unknown.
    pub over_assigned: Option<f64>,
    /// Held accounts that belong to service, integration or shared accounts (already counted in the states).
    pub service_accounts: Option<u64>,
    /// Accounts listed as unassigned without an end date: not holding a seat, counted nowhere else.
    pub removed: Option<u64>,
    pub seat_utilisation: Option<f64>,
    pub allocation: Option<f64>,
    pub active_share: Option<f64>,
    /// True when at least one held account has a known activity signal (a date or "never").
    pub has_usage_data: bool,
    pub annual_cost: Option<f64>,
    /// `contract`, `seats_x_price` or `spend_12_months`; `null` when the annual cost is unknown.
    pub annual_cost_basis: Option<String>,
    pub price_per_seat: Option<f64>,
    /// Σ converted software spend on the tool over the whole data.
    pub spend: Option<f64>,
    pub cost_per_active_user: Option<f64>,
    pub wasted_spend: Option<f64>,
    pub seats_to_renew: Option<u64>,
    pub savings_if_rightsized: Option<f64>,
    pub renewal_date: Option<Date>,
    pub cancel_by: Option<Date>,
    pub notice_days: Option<u32>,
    pub auto_renew: Option<bool>,
    pub roi: Option<f64>,
    /// Annual value from the user's value inputs.
    pub value: Option<f64>,
    /// Total cost of ownership per year: `annual_cost + admin hours × hourly rate`.
    pub tco: Option<f64>,
    /// The activity window used for this tool.
    pub window_days: u32,
    /// Accounts holding a seat, by the department of the person holding them (from the roster, directory or
    /// usage record): by `accounts` desc, then department, `null` (department unknown) last. Σ `accounts` =
    /// `assigned`; empty when no usage source lists accounts.
    #[serde(default)]
    pub departments: Vec<DepartmentAccounts>,
    /// Departments named on the tool's current licences (the contract's owner or cost centre), sorted and
    /// distinct. Not used by `departments`, which is about who holds the accounts.
    #[serde(default)]
    pub licence_departments: Vec<String>,
    /// For each figure (by field name), its formula with the actual inputs.
    pub explain: BTreeMap<String, String>,
}

/// The accounts of one tool held by the people of one department.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentAccounts {
    /// The department as written in the data; `null` when the holder's department is unknown.
    pub department: Option<String>,
    /// Accounts holding a seat (every seat state but removed), service accounts included.
    pub accounts: u64,
    /// Of those, active ones; `null` when the tool has no usage data.
    pub active: Option<u64>,
}

impl DepartmentAccounts {
    /// `Sales 12 (10 active)`, or `department unknown 2` when neither is known.
    pub fn label(&self) -> String {
        let name = self.department.as_deref().unwrap_or("department unknown");
        match self.active {
            Some(a) => format!("{name} {} ({a} active)", self.accounts),
            None => format!("{name} {}", self.accounts),
        }
    }
}

/// Spend, broken down. Every breakdown of software spend sums to `total` (see docs/report.md).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SpendReport {
    /// Software spend: Σ converted amounts of `software` lines.
    pub total: Option<f64>,
    /// First and last dates of dated, converted software lines.
    pub first_date: Option<Date>,
    pub last_date: Option<Date>,
    /// Days from `first_date` to `last_date`, both included.
    pub span_days: Option<i64>,
    /// The annualisation period: first day of `first_date`'s month to last day of `last_date`'s month.
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub period_days: Option<i64>,
    /// Σ converted software lines that have a date (the run-rate numerator).
    pub dated_total: Option<f64>,
    /// `dated_total × 365 ÷ period_days`; `null` when `span_days` < 28.
    pub annualised_run_rate: Option<f64>,
    /// Every converted line, by class: sums to Σ of every converted amount.
    pub by_class: Vec<ClassAmount>,
    /// Software lines by tool (`key` = tool name; `null` = software lines with no tool).
    pub by_tool: Vec<Bucket>,
    /// Software lines by the tool's category, else the line's own category (`null` = none).
    pub by_category: Vec<Bucket>,
    /// Software lines by month `YYYY-MM` (`null` = undated lines).
    pub by_month: Vec<Bucket>,
    /// Software lines by source file.
    pub by_source: Vec<Bucket>,
    /// Software lines by the line's department (`null` = none).
    pub by_department: Vec<Bucket>,
    /// Advertising, payment, transfer and ignored lines by class and vendor.
    pub non_software: Vec<NonSoftware>,
    /// Vendors that matched no tool (from reconciliation), by amount.
    pub unmatched: Vec<Unmatched>,
    /// Lines with no exchange rate, by currency and class: excluded from every total above.
    pub unconverted: Vec<Unconverted>,
    /// Likely duplicate charges: flagged, never removed from totals.
    pub duplicates: Vec<Duplicate>,
}

/// A total for one key of a breakdown.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    /// The tool, category, month, file or department; `null` when the lines have none.
    pub key: Option<String>,
    pub amount: f64,
    pub lines: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassAmount {
    pub class: SpendClass,
    pub amount: f64,
    pub lines: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NonSoftware {
    pub vendor: String,
    pub class: SpendClass,
    pub amount: f64,
    pub lines: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Unmatched {
    pub vendor: String,
    /// `null` when reconciliation gave a non-finite amount.
    pub amount: Option<f64>,
    pub lines: usize,
    pub suggestions: Vec<String>,
    pub ambiguous_between: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unconverted {
    /// The currency as written (`null` when the line had none).
    pub currency: Option<String>,
    pub class: SpendClass,
    /// Σ amounts in that currency (not converted).
    pub original_amount: f64,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Duplicate {
    pub tool: String,
    /// The amount as written, in `currency`.
    pub amount: f64,
    pub currency: Option<String>,
    pub a: Source,
    pub date_a: Date,
    pub b: Source,
    pub date_b: Date,
    pub days_apart: i64,
}

/// Tools that do the same job, and how much their users overlap.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OverlapReport {
    pub groups: Vec<OverlapGroup>,
    pub pairs: Vec<OverlapPair>,
    pub consolidation: Vec<Consolidation>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OverlapGroup {
    pub subcategory: String,
    /// Tool names, sorted.
    pub tools: Vec<String>,
    /// Σ known annual costs of the tools (`null` when none is known).
    pub combined_annual_cost: Option<f64>,
    /// Tools of the group whose annual cost is unknown (not in the sum).
    pub cost_unknown_for: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OverlapPair {
    /// `a` sorts before `b` by name.
    pub a: String,
    pub b: String,
    /// People (not service accounts) holding a seat in both.
    pub shared_assigned: u64,
    /// People active in both (`null` unless both tools have usage data).
    pub shared_active: Option<u64>,
    pub active_a: Option<u64>,
    pub active_b: Option<u64>,
    pub jaccard: Option<f64>,
    pub overlap_coefficient: Option<f64>,
    /// Share of `a`'s active people also active in `b`.
    pub share_of_a_in_b: Option<f64>,
    /// Share of `b`'s active people also active in `a`.
    pub share_of_b_in_a: Option<f64>,
    pub same_subcategory: bool,
    pub explain: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Consolidation {
    pub from: String,
    pub into: String,
    pub subcategory: String,
    pub overlap_coefficient: f64,
    /// Active people of `from` who hold no seat in `into`.
    pub users_moving: u64,
    /// `annual_cost(from) − users_moving × price_per_seat(into)`; positive, or `null` when an input is unknown.
    pub saving: Option<f64>,
    pub explain: String,
}

/// What to do about a renewal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewalAction {
    Renew,
    /// Renew at `seats_to_renew` seats.
    RenewAt,
    Cancel,
    Consolidate,
    ReviewUsage,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Renewal {
    pub tool: String,
    pub renewal_date: Date,
    pub notice_days: Option<u32>,
    /// `renewal_date − notice_days`; `null` when the notice period is unknown.
    pub cancel_by: Option<Date>,
    /// `cancel_by − as_of` in days (negative once passed).
    pub days_until_cancel_by: Option<i64>,
    pub days_until_renewal: Option<i64>,
    pub auto_renew: Option<bool>,
    pub annual_cost: Option<f64>,
    pub seats: Option<f64>,
    pub seats_to_renew: Option<u64>,
    pub action: RenewalAction,
    pub explain: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationKind {
    ReclaimSeats,
    Consolidate,
    Cancel,
    DecideBefore,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub kind: RecommendationKind,
    pub tool: String,
    /// One line for a person, e.g. "Reclaim 12 seats of Miro: 1,440.00 USD a year".
    pub title: String,
    /// Annual money at stake (reporting currency); `null` when unknown.
    pub amount: Option<f64>,
    /// The figures and the formula behind the amount.
    pub evidence: String,
}

/// Who is in the data.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeopleSummary {
    /// People, not counting service accounts.
    pub count: usize,
    pub service_accounts: usize,
    pub joined_by_email: usize,
    pub joined_by_username: usize,
    /// Joined on a display name only: can be wrong, worth a check.
    pub joined_by_display_name: usize,
    pub single_source: usize,
    /// Leavers (roster status deleted or suspended) still holding at least one account.
    pub leavers_with_accounts: usize,
    pub leavers: Vec<Leaver>,
    /// Everyone joined across sources, service accounts included (flagged): by `person`, then `sources`.
    #[serde(default)]
    pub list: Vec<PersonRow>,
}

/// One person joined across sources, with the tools where they hold an account.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonRow {
    /// Email, else username, else display name (as in `leavers`).
    pub person: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub username: Option<String>,
    /// The first department any roster, directory or usage record gives; `null` when none does.
    pub department: Option<String>,
    /// State from a roster or directory (`unknown` when none lists the person).
    pub status: crate::model::AccountStatus,
    /// The roster or directory says the person has left (`deleted` or `suspended`).
    pub leaver: bool,
    /// A shared mailbox, service or integration account (not counted in `count`).
    pub service_account: bool,
    /// How the person's records were joined: `email`, `username`, `display_name` or `single`.
    pub joined_by: crate::stack::JoinHow,
    /// The files the person appears in, sorted.
    pub sources: Vec<String>,
    /// The tools where the person has an account, by seat state (each list sorted).
    pub accounts: PersonAccounts,
}

/// Tool names by the state of the person's account in them (the seat states of `docs/metrics.md`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonAccounts {
    pub active: Vec<String>,
    pub inactive: Vec<String>,
    pub never_active: Vec<String>,
    pub activity_unknown: Vec<String>,
    pub orphaned: Vec<String>,
    /// Unassigned without an end date: listed by the tool but holding no seat.
    pub removed: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Leaver {
    /// Email, else username, else display name.
    pub person: String,
    pub status: crate::model::AccountStatus,
    /// Tools where the leaver still holds an account, sorted.
    pub tools: Vec<String>,
}
