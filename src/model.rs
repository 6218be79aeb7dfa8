//! The typed vocabulary every stage shares: what a file is, what a column means, dates and money.
//!
//! Nothing here parses text or reads a clock; see `ingest::values` for parsing.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// What a file describes, in the user's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Money out: card feeds, accounting reports, expense reports.
    Spend,
    /// What was bought: contracts, subscriptions, licence pools.
    Licences,
    /// Who uses what: admin-console activity, SSO assignments and logins, event logs.
    Usage,
    /// A roster of people (HR or directory export) with status and department.
    People,
    /// Exchange rates: currency, rate to the reporting currency, optional date.
    ExchangeRates,
    /// Value attributed to tools, for ROI: tool, value, period, note.
    Values,
    /// Not recognised; the file is inspected but not analysed.
    Unknown,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Spend => "spend",
            Kind::Licences => "licences",
            Kind::Usage => "usage",
            Kind::People => "people",
            Kind::ExchangeRates => "exchange_rates",
            Kind::Values => "values",
            Kind::Unknown => "unknown",
        }
    }
}

/// The value type inferred for a column from all of its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    Text,
    Integer,
    Decimal,
    Money,
    Percent,
    Date,
    Boolean,
    Email,
    /// Every cell was blank.
    Empty,
}

impl ColumnType {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Integer => "integer",
            ColumnType::Decimal => "decimal",
            ColumnType::Money => "money",
            ColumnType::Percent => "percent",
            ColumnType::Date => "date",
            ColumnType::Boolean => "boolean",
            ColumnType::Email => "email",
            ColumnType::Empty => "empty",
        }
    }
}

/// What a column means for the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The product or application name (SSO app, admin-console product, contract name).
    Tool,
    /// Who was paid (merchant on a card feed, vendor/payee in accounting).
    Vendor,
    Amount,
    Currency,
    /// Transaction or event date.
    Date,
    Seats,
    /// Price per seat (per period).
    Price,
    /// Total contract value per term.
    ContractValue,
    TermStart,
    TermEnd,
    RenewalDate,
    NoticePeriod,
    AutoRenew,
    BillingPeriod,
    UserEmail,
    Username,
    DisplayName,
    LastActivity,
    /// Count of events or actions.
    Events,
    Status,
    /// Date a person was removed, unassigned or deleted.
    EndedOn,
    Department,
    Category,
    Description,
    Feature,
    /// An exchange rate (units of the reporting currency per unit of the row's currency).
    Rate,
    /// Value attributed to a tool (revenue, pipeline, hours saved × rate).
    Value,
    /// Kept, but not used by the analysis.
    Ignored,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Tool => "tool",
            Role::Vendor => "vendor",
            Role::Amount => "amount",
            Role::Currency => "currency",
            Role::Date => "date",
            Role::Seats => "seats",
            Role::Price => "price",
            Role::ContractValue => "contract_value",
            Role::TermStart => "term_start",
            Role::TermEnd => "term_end",
            Role::RenewalDate => "renewal_date",
            Role::NoticePeriod => "notice_period",
            Role::AutoRenew => "auto_renew",
            Role::BillingPeriod => "billing_period",
            Role::UserEmail => "user_email",
            Role::Username => "username",
            Role::DisplayName => "display_name",
            Role::LastActivity => "last_activity",
            Role::Events => "events",
            Role::Status => "status",
            Role::EndedOn => "ended_on",
            Role::Department => "department",
            Role::Category => "category",
            Role::Description => "description",
            Role::Feature => "feature",
            Role::Rate => "rate",
            Role::Value => "value",
            Role::Ignored => "ignored",
        }
    }
}

/// A calendar date (proleptic Gregorian), with no time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date, or `None` (month 1–12, day within the month, year 1–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if it falls in years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = y + i64::from(m <= 2);
        let year = i32::try_from(y).ok()?;
        Date::new(year, m as u8, d as u8)
    }

    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_iso_date(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s}")))
    }
}

/// Parses exactly `YYYY-MM-DD`.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: i32 = s.get(0..4)?.parse().ok()?;
    let month: u8 = s.get(5..7)?.parse().ok()?;
    let day: u8 = s.get(8..10)?.parse().ok()?;
    Date::new(year, month, day)
}

/// An amount of money in one currency. `currency` is an ISO 4217 code when known.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub amount: f64,
    pub currency: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_round_trip_covers_leap_years_and_extremes() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (1900, 3, 1),
            (2026, 11, 22),
            (1, 1, 1),
            (9999, 12, 31),
        ] {
            let date = Date::new(y, m, d).unwrap();
            assert_eq!(
                Date::from_days_since_epoch(date.days_since_epoch()),
                Some(date)
            );
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2026, 11, 22).unwrap().days_since_epoch(), 20_779);
    }

    #[test]
    fn invalid_dates_are_rejected() {
        assert_eq!(Date::new(2026, 2, 30), None);
        assert_eq!(Date::new(2025, 2, 29), None);
        assert_eq!(Date::new(0, 1, 1), None);
        assert_eq!(Date::new(2026, 13, 1), None);
        assert!(Date::new(2024, 2, 29).is_some());
    }
}

/// Where a record came from: the file and the 1-based line its row starts on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// Shared by every record of the file (a clone is a reference count, not a copy).
    pub file: Arc<str>,
    pub line: u64,
}

/// One money movement from a card feed, accounting report or expense export.
///
/// `amount` is signed from the company's point of view: positive = money out (a charge), negative = money back
/// (a refund or credit). Sign conventions of each export are resolved during ingestion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpendLine {
    pub source: Source,
    pub date: Option<Date>,
    /// The payee as written (card descriptor, accounting vendor).
    pub vendor: String,
    pub description: Option<String>,
    pub amount: Money,
    pub category: Option<String>,
    pub department: Option<String>,
}

/// One contract, subscription or licence pool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Licence {
    pub source: Source,
    /// The product as written.
    pub tool: String,
    pub vendor: Option<String>,
    pub seats: Option<f64>,
    /// Price per seat per year.
    pub price_per_seat: Option<Money>,
    /// Contract value per year.
    pub annual_cost: Option<Money>,
    pub term_start: Option<Date>,
    pub term_end: Option<Date>,
    pub renewal_date: Option<Date>,
    pub notice_days: Option<u32>,
    pub auto_renew: Option<bool>,
    pub category: Option<String>,
    pub department: Option<String>,
}

/// What an export says about an account's state.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Active,
    /// Deactivated, disabled, suspended or blocked: still holds a seat in many tools.
    Suspended,
    /// Deleted, removed, terminated, or a leaver.
    Deleted,
    /// Unassigned from the application.
    Unassigned,
    /// A guest or external collaborator.
    Guest,
    #[default]
    Unknown,
}

/// Whether an account has ever been used, as far as the export says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "date")]
pub enum LastActivity {
    /// Last activity on this date.
    On(Date),
    /// The export says the account never signed in (a blank where blank means never, or "Never logged in").
    Never,
    /// The export does not say.
    Unknown,
}

/// One account's use of one tool, from one usage source (admin console, SSO, event log rolled up per user).
///
/// What only some sources say (a username, a display name, an end date, a department) is kept apart in
/// [`UsageDetails`], so that the records of an event log (hundreds of thousands, none of it) stay small: 72
/// bytes each in wasm instead of 112. Serialised with every field at the top level, as one flat record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "UsageFields", into = "UsageFields")]
pub struct Usage {
    pub source: Source,
    /// The tool as written; `None` when the export is about a single tool named by its format (e.g. Slack).
    /// Shared by the records that spell it the same way.
    pub tool: Option<Arc<str>>,
    /// Shared by the records of one account.
    pub email: Option<Arc<str>>,
    pub last_activity: LastActivity,
    /// Sum of events, when the source counts them.
    pub events: Option<f64>,
    pub status: AccountStatus,
    /// `None` when the source says none of it (never `Some` of nothing: see [`UsageDetails::boxed`]).
    pub details: Option<Box<UsageDetails>>,
}

/// The part of a [`Usage`] record only some sources give.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UsageDetails {
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub ended_on: Option<Date>,
    pub department: Option<String>,
}

impl UsageDetails {
    /// The details, boxed, or `None` when there are none.
    pub fn boxed(
        username: Option<String>,
        display_name: Option<String>,
        ended_on: Option<Date>,
        department: Option<String>,
    ) -> Option<Box<UsageDetails>> {
        let d = UsageDetails {
            username,
            display_name,
            ended_on,
            department,
        };
        (d != UsageDetails::default()).then(|| Box::new(d))
    }
}

impl Usage {
    pub fn username(&self) -> Option<&str> {
        self.details.as_ref()?.username.as_deref()
    }

    pub fn display_name(&self) -> Option<&str> {
        self.details.as_ref()?.display_name.as_deref()
    }

    /// When the account's access ended, if the source says.
    pub fn ended_on(&self) -> Option<Date> {
        self.details.as_ref()?.ended_on
    }

    pub fn department(&self) -> Option<&str> {
        self.details.as_ref()?.department.as_deref()
    }

    /// Sets the end date when none is known yet (`ended_on` may be `None`: nothing changes then).
    pub fn end_on_unless_known(&mut self, ended_on: Option<Date>) {
        if self.ended_on().is_none() && ended_on.is_some() {
            self.details.get_or_insert_with(Box::default).ended_on = ended_on;
        }
    }
}

/// [`Usage`] as serialised: every field at the top level.
#[derive(Serialize, Deserialize)]
#[serde(rename = "Usage")]
struct UsageFields {
    source: Source,
    tool: Option<Arc<str>>,
    email: Option<Arc<str>>,
    username: Option<String>,
    display_name: Option<String>,
    last_activity: LastActivity,
    events: Option<f64>,
    status: AccountStatus,
    ended_on: Option<Date>,
    department: Option<String>,
}

impl From<UsageFields> for Usage {
    fn from(f: UsageFields) -> Usage {
        Usage {
            source: f.source,
            tool: f.tool,
            email: f.email,
            last_activity: f.last_activity,
            events: f.events,
            status: f.status,
            details: UsageDetails::boxed(f.username, f.display_name, f.ended_on, f.department),
        }
    }
}

impl From<Usage> for UsageFields {
    fn from(u: Usage) -> UsageFields {
        let d = u.details.map(|d| *d).unwrap_or_default();
        UsageFields {
            source: u.source,
            tool: u.tool,
            email: u.email,
            username: d.username,
            display_name: d.display_name,
            last_activity: u.last_activity,
            events: u.events,
            status: u.status,
            ended_on: d.ended_on,
            department: d.department,
        }
    }
}

#[cfg(test)]
mod usage_tests {
    use super::*;

    fn usage(details: Option<Box<UsageDetails>>) -> Usage {
        Usage {
            source: Source {
                file: "u.csv".into(),
                line: 2,
            },
            tool: Some("Slack".into()),
            email: None,
            last_activity: LastActivity::Unknown,
            events: Some(3.0),
            status: AccountStatus::Unknown,
            details,
        }
    }

    #[test]
    fn a_usage_record_serialises_flat_and_reads_back_the_same() {
        let full = usage(UsageDetails::boxed(
            Some("ada".into()),
            Some("Ada".into()),
            Date::new(2026, 3, 1),
            Some("Ops".into()),
        ));
        let bare = usage(None);
        for u in [full, bare] {
            let json = serde_json::to_value(&u).unwrap();
            for field in [
                "username",
                "display_name",
                "ended_on",
                "department",
                "events",
            ] {
                assert!(json.get(field).is_some(), "{field} in {json}");
            }
            assert!(json.get("details").is_none());
            assert_eq!(serde_json::from_value::<Usage>(json).unwrap(), u);
        }
        // Nothing to say is no details at all, so that equal records compare equal.
        assert_eq!(UsageDetails::boxed(None, None, None, None), None);
        let mut u = usage(None);
        u.end_on_unless_known(None);
        assert_eq!(u.details, None);
        u.end_on_unless_known(Date::new(2026, 1, 2));
        u.end_on_unless_known(Date::new(2026, 5, 5));
        assert_eq!(u.ended_on(), Date::new(2026, 1, 2));
    }

    #[test]
    fn a_usage_record_takes_at_most_96_bytes_natively() {
        assert!(
            std::mem::size_of::<Usage>() <= 96,
            "{}",
            std::mem::size_of::<Usage>()
        );
    }
}

/// One person from a roster (HR or directory export).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub source: Source,
    pub email: Option<String>,
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub status: AccountStatus,
    pub department: Option<String>,
}

/// One exchange rate: 1 unit of `currency` = `rate` units of the reporting currency (on `date`, if given).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    pub source: Source,
    pub currency: String,
    pub rate: f64,
    pub date: Option<Date>,
}

/// Value the user attributes to a tool, for ROI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueRow {
    pub source: Source,
    pub tool: String,
    pub value: f64,
    /// `annual`, `monthly`, `one-off`… as written; `None` means annual.
    pub period: Option<String>,
    pub note: Option<String>,
}

/// The typed records read from one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Records {
    pub spend: Vec<SpendLine>,
    pub licences: Vec<Licence>,
    pub usage: Vec<Usage>,
    pub people: Vec<Person>,
    pub rates: Vec<Rate>,
    pub values: Vec<ValueRow>,
}
