//! Figures computed from the reconciled [`Stack`]: seat utilisation, spend, cost, overlap, ROI, renewals and
//! ranked recommendations. Pure and deterministic: the as-of date is an input, nothing reads a clock, and every
//! list is sorted. `docs/metrics.md` defines each figure exactly as computed here.
//!
//! Unknown stays unknown: a figure whose inputs are missing is `None`, never 0. Non-finite inputs (NaN, ±∞) are
//! treated as missing; a result that overflows is reported as unknown.

mod cost;
mod overlap;
mod recommendations;
mod renewals;
mod roi;
mod spend;
mod utilisation;

use crate::model::{Date, LastActivity};
use crate::report::{
    DepartmentAccounts, PeopleSummary, PersonAccounts, PersonRow, Report, Summary, ToolReport,
};
use crate::stack::Stack;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use cost::seats_to_renew;
pub use overlap::jaccard_and_overlap;
pub use renewals::action as renewal_action;
pub use roi::roi;
pub use utilisation::{classify, SeatState};

/// How a value input is counted per year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValuePeriod {
    /// Per year (the default).
    #[default]
    Annual,
    /// Per month: × 12.
    Monthly,
    /// Once: counted once, in full, in the year.
    OneOff,
}

/// Value a tool brings, as the user states it (in the reporting currency).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ValueInput {
    pub tool: String,
    pub value: f64,
    pub period: ValuePeriod,
    pub note: Option<String>,
}

/// Analysis settings. Every field has a default, so `{}` is a valid settings object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The date to measure against; default: the latest date in the data.
    pub as_of: Option<Date>,
    /// Activity window in days (an account is active when its last activity is within the window).
    pub window_days: u32,
    /// Window per tool name (case-insensitive), overriding both `window_days` and the tool's own window.
    pub window_overrides: BTreeMap<String, u32>,
    /// Seats to renew = ceil(active × buffer).
    pub rightsizing_buffer: f64,
    /// Seat utilisation below this suggests cancelling.
    pub low_utilisation: f64,
    /// Overlap coefficient at or above which two tools of one subcategory are consolidation candidates.
    pub overlap_threshold: f64,
    /// Charges of one tool with the same amount at most this many days apart are flagged as likely duplicates.
    pub duplicate_days: u32,
    /// Renewals within this many days are counted in the summary and get a `decide_before` recommendation.
    pub renewal_horizon_days: u32,
    pub values: Vec<ValueInput>,
    /// Admin hours per year, per tool name (case-insensitive).
    pub admin_hours: BTreeMap<String, f64>,
    /// Cost of one admin hour, in the reporting currency.
    pub admin_hourly_rate: Option<f64>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            as_of: None,
            window_days: 30,
            window_overrides: BTreeMap::new(),
            rightsizing_buffer: 1.1,
            low_utilisation: 0.2,
            overlap_threshold: 0.5,
            duplicate_days: 3,
            renewal_horizon_days: 90,
            values: Vec::new(),
            admin_hours: BTreeMap::new(),
            admin_hourly_rate: None,
        }
    }
}

/// Settings after sanitising: every number finite and in range.
#[derive(Clone, Debug)]
pub(crate) struct Clean {
    pub window_days: u32,
    pub buffer: f64,
    pub low_utilisation: f64,
    pub overlap_threshold: f64,
    pub duplicate_days: u32,
    pub horizon: u32,
}

impl Clean {
    fn new(s: &Settings) -> Clean {
        let d = Settings::default();
        let unit = |x: f64, default: f64| {
            if x.is_finite() {
                x.clamp(0.0, 1.0)
            } else {
                default
            }
        };
        Clean {
            window_days: s.window_days.clamp(1, 36_500),
            buffer: if s.rightsizing_buffer.is_finite() {
                s.rightsizing_buffer.clamp(1.0, 1000.0)
            } else {
                d.rightsizing_buffer
            },
            low_utilisation: unit(s.low_utilisation, d.low_utilisation),
            overlap_threshold: unit(s.overlap_threshold, d.overlap_threshold),
            duplicate_days: s.duplicate_days.min(36_500),
            horizon: s.renewal_horizon_days.min(36_500),
        }
    }
}

/// Runs every metric over `stack` and returns the report. Deterministic for equal inputs.
pub fn analyze(stack: &Stack, settings: &Settings) -> Report {
    let clean = Clean::new(settings);
    let as_of = settings
        .as_of
        .or(stack.latest_date)
        .or_else(|| latest_in(stack));
    let cur = stack.currency.as_str();

    let seats = utilisation::compute(stack, settings, &clean, as_of);
    let spend_report = spend::compute(stack, &clean, cur);
    let costs = cost::compute(stack, &seats, &clean, as_of, cur);
    let overlap = overlap::compute(stack, &seats, &costs, &clean, cur);
    let rois = roi::compute(stack, settings, &costs, cur);
    let renewals = renewals::compute(stack, &seats, &costs, &overlap, &clean, as_of, cur);

    let mut tools: Vec<ToolReport> = Vec::with_capacity(stack.tools.len());
    for (i, tool) in stack.tools.iter().enumerate() {
        let s = &seats[i];
        let c = &costs[i];
        let r = &rois[i];
        let mut explain = BTreeMap::new();
        explain.extend(s.explain.clone());
        explain.extend(c.explain.clone());
        explain.extend(r.explain.clone());
        let (departments, departments_explain) = tool_departments(tool, s);
        explain.insert("departments".into(), departments_explain);
        let (licence_departments, licence_explain) = licence_departments(tool, as_of);
        explain.insert("licence_departments".into(), licence_explain);
        tools.push(ToolReport {
            tool: tool.name.clone(),
            vendor: tool.vendor.clone(),
            category: tool.category.clone(),
            subcategory: tool.subcategory.clone(),
            seats: c.seats,
            assigned: s.assigned,
            active: s.active,
            inactive: s.inactive,
            never_active: s.never_active,
            activity_unknown: s.activity_unknown,
            unassigned: s.unassigned(c.seats),
            orphaned: s.orphaned,
            over_assigned: s.over_assigned(c.seats),
            service_accounts: s.service_accounts,
            removed: s.removed,
            seat_utilisation: s.seat_utilisation(c.seats),
            allocation: s.allocation(c.seats),
            active_share: s.active_share(),
            has_usage_data: s.has_usage_data,
            annual_cost: c.annual_cost,
            annual_cost_basis: c.basis.map(str::to_string),
            price_per_seat: c.price_per_seat,
            spend: c.spend,
            cost_per_active_user: c.cost_per_active_user,
            wasted_spend: c.wasted_spend,
            seats_to_renew: c.seats_to_renew,
            savings_if_rightsized: c.savings_if_rightsized,
            renewal_date: c.renewal.as_ref().map(|x| x.date),
            cancel_by: c.renewal.as_ref().and_then(|x| x.cancel_by),
            notice_days: c.renewal.as_ref().and_then(|x| x.notice_days),
            auto_renew: c.renewal.as_ref().and_then(|x| x.auto_renew),
            roi: r.roi,
            value: r.value,
            tco: r.tco,
            window_days: s.window_days,
            departments,
            licence_departments,
            explain,
        });
    }

    tools.sort_by(|a, b| a.tool.cmp(&b.tool));
    let recommendations = recommendations::compute(&tools, &overlap, &renewals, &clean, cur);
    let (summary, summary_explain) = summarise(
        &tools,
        &spend_report,
        &overlap,
        &renewals,
        &clean,
        as_of,
        cur,
    );

    Report {
        as_of,
        window_days: clean.window_days,
        currency: stack.currency.clone(),
        inputs: Vec::new(),
        summary,
        tools,
        spend: spend_report,
        overlap,
        renewals,
        recommendations,
        people: people_summary(stack, &seats),
        explain: summary_explain,
    }
}

/// Seat-holding accounts by the holder's department: by accounts desc, then name, unknown (`None`) last.
fn tool_departments(
    tool: &crate::stack::Tool,
    s: &utilisation::ToolSeats,
) -> (Vec<DepartmentAccounts>, String) {
    if tool.accounts.is_empty() {
        return (
            Vec::new(),
            "unknown: no usage source lists accounts for this tool".into(),
        );
    }
    let mut out: Vec<DepartmentAccounts> = s
        .departments
        .iter()
        .map(|(d, (accounts, active))| DepartmentAccounts {
            department: d.clone(),
            accounts: *accounts,
            active: s.has_usage_data.then_some(*active),
        })
        .collect();
    out.sort_by(|a, b| {
        b.accounts
            .cmp(&a.accounts)
            .then_with(|| match (&a.department, &b.department) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
    });
    let total: u64 = out.iter().map(|d| d.accounts).sum();
    let parts: Vec<String> = out.iter().map(|d| d.label()).collect();
    let explain = if out.is_empty() {
        "no account holds a seat".to_string()
    } else {
        format!(
            "accounts holding a seat by the holder's department (from the roster, directory or usage record): {} = {total} accounts{}",
            parts.join(", "),
            if s.has_usage_data {
                ""
            } else {
                "; activity unknown (no usage data)"
            }
        )
    };
    (out, explain)
}

/// Distinct departments named on the tool's current licences, sorted.
fn licence_departments(tool: &crate::stack::Tool, as_of: Option<Date>) -> (Vec<String>, String) {
    let mut names: Vec<String> = Vec::new();
    let mut from: Vec<String> = Vec::new();
    for l in tool
        .licences
        .iter()
        .filter(|l| utilisation::is_current(l, as_of))
    {
        if let Some(d) = l
            .licence
            .department
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            from.push(format!(
                "{d} ({} line {})",
                l.licence.source.file, l.licence.source.line
            ));
            names.push(d.to_string());
        }
    }
    names.sort();
    names.dedup();
    let explain = if from.is_empty() {
        "no current licence names a department".to_string()
    } else {
        format!(
            "department or cost centre named on current licences: {}",
            from.join(", ")
        )
    };
    (names, explain)
}

/// The latest date anywhere in the stack, for stacks built without `latest_date`.
fn latest_in(stack: &Stack) -> Option<Date> {
    let mut latest: Option<Date> = None;
    let mut see = |d: Option<Date>| {
        if let Some(d) = d {
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
    };
    for line in &stack.spend {
        see(line.line.date);
    }
    for tool in &stack.tools {
        for a in &tool.accounts {
            if let LastActivity::On(d) = a.last_activity {
                see(Some(d));
            }
        }
    }
    latest
}

fn summarise(
    tools: &[ToolReport],
    spend: &crate::report::SpendReport,
    overlap: &crate::report::OverlapReport,
    renewals: &[crate::report::Renewal],
    clean: &Clean,
    as_of: Option<Date>,
    cur: &str,
) -> (Summary, BTreeMap<String, String>) {
    let mut explain = BTreeMap::new();

    let annual_cost = sum_known(tools.iter().map(|t| t.annual_cost));
    explain.insert(
        "annual_cost".into(),
        format!(
            "Σ annual cost of {} tools with a known annual cost = {}; {} tools with unknown cost not included",
            tools.iter().filter(|t| t.annual_cost.is_some()).count(),
            money_opt(annual_cost, cur),
            tools.iter().filter(|t| t.annual_cost.is_none()).count()
        ),
    );
    let wasted = sum_known(tools.iter().map(|t| t.wasted_spend));
    explain.insert(
        "wasted_spend".into(),
        format!(
            "Σ wasted spend of {} tools where it is known = {}",
            tools.iter().filter(|t| t.wasted_spend.is_some()).count(),
            money_opt(wasted, cur)
        ),
    );

    // Overall utilisation: tools with usage data and a known, positive seat count.
    let mut active = 0u64;
    let mut capacity = 0f64;
    let mut counted = 0usize;
    for t in tools {
        if let (true, Some(seats), Some(a), Some(assigned)) =
            (t.has_usage_data, t.seats, t.active, t.assigned)
        {
            if seats > 0.0 {
                active += a;
                capacity += seats.max(assigned as f64);
                counted += 1;
            }
        }
    }
    let seat_utilisation = ratio(active as f64, capacity);
    explain.insert(
        "seat_utilisation".into(),
        format!(
            "{} active ÷ {} seats (over {} tools with usage data and a known seat count; capacity is max(seats, assigned) per tool) = {}",
            active,
            num(capacity),
            counted,
            pct_opt(seat_utilisation)
        ),
    );

    let mut with_usage = 0f64;
    let mut all_seats = 0f64;
    for t in tools {
        if let Some(s) = t.seats {
            all_seats += s;
            if t.has_usage_data {
                with_usage += s;
            }
        }
    }
    let usage_coverage = ratio(with_usage, all_seats);
    explain.insert(
        "usage_coverage".into(),
        format!(
            "{} seats in tools with usage data ÷ {} seats in tools with a known seat count = {}",
            num(with_usage),
            num(all_seats),
            pct_opt(usage_coverage)
        ),
    );

    let horizon = i64::from(clean.horizon);
    let upcoming = renewals
        .iter()
        .filter(|r| matches!(r.days_until_renewal, Some(d) if (0..=horizon).contains(&d)))
        .count();
    explain.insert(
        "renewals_next_90_days".into(),
        format!(
            "{upcoming} renewals dated from {} to {} ({} days after the as-of date, both included)",
            as_of.map_or("unknown".into(), |d| d.to_string()),
            as_of
                .and_then(|d| d.add_days(horizon))
                .map_or("unknown".into(), |d| d.to_string()),
            horizon
        ),
    );

    // With spend data and no unmatched vendor, unmatched spend is a real 0; without spend data it is unknown.
    let has_spend = !spend.by_class.is_empty() || !spend.unconverted.is_empty();
    let unmatched_spend = if spend.unmatched.is_empty() && has_spend {
        Some(0.0)
    } else {
        sum_known(spend.unmatched.iter().map(|u| u.amount))
    };
    explain.insert(
        "unmatched_spend".into(),
        format!(
            "Σ amounts of {} vendors matching no tool = {}",
            spend.unmatched.len(),
            money_opt(unmatched_spend, cur)
        ),
    );
    let ads: Vec<f64> = spend
        .by_class
        .iter()
        .filter(|c| c.class == crate::stack::SpendClass::Advertising)
        .map(|c| c.amount)
        .collect();
    let non_software_spend = if spend.by_class.is_empty() {
        None
    } else {
        finite(ads.iter().sum())
    };
    explain.insert(
        "non_software_spend".into(),
        format!(
            "Σ converted advertising lines = {} (payments, transfers and ignored lines are not spend and are listed separately)",
            money_opt(non_software_spend, cur)
        ),
    );
    let unconverted_lines = spend.unconverted.iter().map(|u| u.count).sum();
    if let Some(e) = spend_explain(spend, cur) {
        explain.insert("software_spend".into(), e.0);
        explain.insert("annualised_run_rate".into(), e.1);
    }
    let summary = Summary {
        software_spend: spend.total,
        annualised_run_rate: spend.annualised_run_rate,
        annual_cost,
        wasted_spend: wasted,
        seat_utilisation,
        usage_coverage,
        tools: tools.len(),
        overlap_groups: overlap.groups.len(),
        renewals_next_90_days: upcoming,
        unmatched_spend,
        non_software_spend,
        unconverted_lines,
    };
    (summary, explain)
}

fn spend_explain(spend: &crate::report::SpendReport, cur: &str) -> Option<(String, String)> {
    let software = spend
        .by_class
        .iter()
        .find(|c| c.class == crate::stack::SpendClass::Software);
    let lines = software.map_or(0, |c| c.lines);
    let unconverted: usize = spend
        .unconverted
        .iter()
        .filter(|u| u.class == crate::stack::SpendClass::Software)
        .map(|u| u.count)
        .sum();
    let a = format!(
        "Σ converted amounts of {lines} software lines (refunds and credits net) = {}{}",
        money_opt(spend.total, cur),
        if unconverted > 0 {
            format!("; {unconverted} software lines with no exchange rate are excluded (see unconverted)")
        } else {
            String::new()
        }
    );
    let b = match (spend.dated_total, spend.span_days, spend.period_days) {
        (Some(total), Some(span), Some(days)) => match spend.annualised_run_rate {
            Some(rate) => format!(
                "{} (dated software lines) × 365 ÷ {days} days ({} to {}: the whole months of the first and last charge) = {}",
                money(total, cur),
                opt_date(spend.period_start),
                opt_date(spend.period_end),
                money(rate, cur)
            ),
            None => format!(
                "unknown: dated software charges span only {span} days ({} to {}); at least 28 are needed",
                opt_date(spend.first_date),
                opt_date(spend.last_date)
            ),
        },
        _ => "unknown: no dated, converted software spend".to_string(),
    };
    Some((a, b))
}

fn people_summary(stack: &Stack, seats: &[utilisation::ToolSeats]) -> PeopleSummary {
    use crate::model::AccountStatus;
    use crate::stack::JoinHow;
    let mut out = PeopleSummary::default();
    let mut leaver_tools: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut accounts: Vec<PersonAccounts> = vec![PersonAccounts::default(); stack.people.len()];
    for (t, tool) in stack.tools.iter().enumerate() {
        let states = seats.get(t).map(|s| s.states.as_slice()).unwrap_or(&[]);
        for (k, a) in tool.accounts.iter().enumerate() {
            if let Some(p) = stack.people.get(a.person) {
                if matches!(p.status, AccountStatus::Deleted | AccountStatus::Suspended)
                    && utilisation::holds_seat(a)
                {
                    leaver_tools
                        .entry(a.person)
                        .or_default()
                        .push(tool.name.clone());
                }
            }
            let (Some(held), Some(state)) = (accounts.get_mut(a.person), states.get(k)) else {
                continue;
            };
            let list = match state {
                SeatState::Active => &mut held.active,
                SeatState::Inactive => &mut held.inactive,
                SeatState::NeverActive => &mut held.never_active,
                SeatState::ActivityUnknown => &mut held.activity_unknown,
                SeatState::Orphaned => &mut held.orphaned,
                SeatState::Removed => &mut held.removed,
            };
            list.push(tool.name.clone());
        }
    }
    for (p, held) in stack.people.iter().zip(accounts) {
        let mut held = held;
        for list in [
            &mut held.active,
            &mut held.inactive,
            &mut held.never_active,
            &mut held.activity_unknown,
            &mut held.orphaned,
            &mut held.removed,
        ] {
            list.sort();
            list.dedup();
        }
        let mut sources: Vec<String> = p.sources.iter().map(|s| s.file.to_string()).collect();
        sources.sort();
        sources.dedup();
        out.list.push(PersonRow {
            person: person_label(p),
            display_name: p.display_name.clone(),
            email: p.email.clone(),
            username: p.username.clone(),
            department: utilisation::department_of(p),
            status: p.status,
            leaver: matches!(p.status, AccountStatus::Deleted | AccountStatus::Suspended),
            service_account: p.is_service_account,
            joined_by: p.joined_by,
            sources,
            accounts: held,
        });
        if p.is_service_account {
            out.service_accounts += 1;
            continue;
        }
        out.count += 1;
        match p.joined_by {
            JoinHow::Email => out.joined_by_email += 1,
            JoinHow::Username => out.joined_by_username += 1,
            JoinHow::DisplayName => out.joined_by_display_name += 1,
            JoinHow::Single => out.single_source += 1,
        }
    }
    out.list.sort_by(|a, b| {
        a.person
            .cmp(&b.person)
            .then_with(|| a.sources.cmp(&b.sources))
    });
    for (i, mut tools) in leaver_tools {
        let p = &stack.people[i];
        tools.sort();
        tools.dedup();
        out.leavers.push(crate::report::Leaver {
            person: person_label(p),
            status: p.status,
            tools,
        });
    }
    out.leavers
        .sort_by(|a, b| a.person.cmp(&b.person).then(a.tools.cmp(&b.tools)));
    out.leavers_with_accounts = out.leavers.len();
    out
}

pub(crate) fn person_label(p: &crate::stack::Person) -> String {
    p.email
        .clone()
        .or_else(|| p.username.clone())
        .or_else(|| p.display_name.clone())
        .unwrap_or_else(|| "(unnamed)".into())
}

// ---- shared helpers -------------------------------------------------------------------------------------

/// `Some(x)` when `x` is finite.
pub(crate) fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// `n ÷ d`, or `None` when `d` is 0 or either is not finite or the result is not finite.
pub(crate) fn ratio(n: f64, d: f64) -> Option<f64> {
    if !n.is_finite() || !d.is_finite() || d == 0.0 {
        return None;
    }
    finite(n / d)
}

/// Σ of the known values; `None` when none is known (or the sum overflows).
pub(crate) fn sum_known(xs: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let mut any = false;
    let mut total = 0.0;
    for x in xs.flatten() {
        any = true;
        total += x;
    }
    if any {
        finite(total)
    } else {
        None
    }
}

/// Case- and space-insensitive name comparison key.
pub(crate) fn name_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `1,440.00 USD` (thousands separators, 2 decimals, the currency code).
pub fn money(x: f64, cur: &str) -> String {
    let code = if cur.is_empty() { "" } else { cur };
    if !x.is_finite() {
        return "unknown".into();
    }
    let cents = (x.abs() * 100.0).round();
    let s = if cents < 1e17 {
        let c = cents as u128;
        format!("{}.{:02}", group(c / 100), c % 100)
    } else {
        format!("{:.2}", x.abs())
    };
    let sign = if x < 0.0 && cents > 0.0 { "-" } else { "" };
    if code.is_empty() {
        format!("{sign}{s}")
    } else {
        format!("{sign}{s} {code}")
    }
}

pub(crate) fn money_opt(x: Option<f64>, cur: &str) -> String {
    x.map_or_else(|| "unknown".into(), |x| money(x, cur))
}

fn group(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `80.0 %`.
pub fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

pub(crate) fn pct_opt(x: Option<f64>) -> String {
    x.map_or_else(|| "unknown".into(), pct)
}

/// A count or quantity: integers without decimals, others with up to 2.
pub(crate) fn num(x: f64) -> String {
    if !x.is_finite() {
        return "unknown".into();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub(crate) fn opt_date(d: Option<Date>) -> String {
    d.map_or_else(|| "unknown".into(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats_with_separators_and_code() {
        assert_eq!(money(1440.0, "USD"), "1,440.00 USD");
        assert_eq!(money(-1234567.891, "EUR"), "-1,234,567.89 EUR");
        assert_eq!(money(0.004, "USD"), "0.00 USD");
        assert_eq!(money(999.995, ""), "1,000.00");
        assert_eq!(money(f64::NAN, "USD"), "unknown");
    }

    #[test]
    fn ratio_never_divides_by_zero() {
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(ratio(f64::NAN, 1.0), None);
        assert_eq!(ratio(f64::MAX, f64::MIN_POSITIVE), None);
        assert_eq!(ratio(24.0, 30.0), Some(0.8));
    }

    #[test]
    fn settings_default_from_empty_json() {
        let s: Settings = serde_json::from_str("{}").unwrap();
        assert_eq!(s, Settings::default());
        let s: Settings =
            serde_json::from_str(r#"{"values":[{"tool":"Miro","value":100,"period":"monthly"}]}"#)
                .unwrap();
        assert_eq!(s.values[0].period, ValuePeriod::Monthly);
        assert_eq!(s.window_days, 30);
    }

    #[test]
    fn num_and_pct() {
        assert_eq!(num(30.0), "30");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(pct(0.8), "80.0 %");
    }
}
