//! Rows → typed records, once the file's kind, column roles and value conventions are decided.
//!
//! Reading a file for analysis takes two passes over its bytes: the first ([`super::FileReader`] without a
//! plan) decides types, decimal separators and date orders from *all* cells; the second (with the [`Plan`] the
//! first produced) turns every row into a record, or reports why not. Usage rows are merged per tool and account
//! as they arrive (latest activity, summed events), so memory follows the number of accounts, not of rows.

use super::formats::{self, Excluded, KnownFormat, PersonState, Sign};
use super::roles::normalise_header;
use super::values::{self, DateOrder, DecimalSeparator};
use crate::error::{Diagnostic, Severity};
use crate::model::{
    AccountStatus, ColumnType, Date, Kind, LastActivity, Licence, Money, Person, Records, Role,
    Source, SpendLine, Usage, UsageDetails,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the first pass decided about one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnPlan {
    pub name: String,
    pub role: Option<Role>,
    pub column_type: ColumnType,
    pub decimal: DecimalSeparator,
    pub date_order: Option<DateOrder>,
}

/// What the first pass decided about the file; the second pass extracts records with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub kind: Kind,
    pub format: String,
    /// What a blank last-activity cell means in this export: never active (true) or unknown (false).
    pub blank_activity_means_never: bool,
    /// The tool a single-tool export is about (e.g. `Slack` for Slack's member analytics).
    pub tool: Option<String>,
    pub columns: Vec<ColumnPlan>,
}

/// Why a row was not turned into a record.
pub struct Skip {
    pub column: Option<u32>,
    pub code: &'static str,
    pub message: String,
    pub raw: Option<String>,
}

/// Turns rows into records for one file.
pub struct Extractor {
    file: std::sync::Arc<str>,
    plan: Plan,
    /// The known export, if the file is one: its row rules, status values and activity columns apply.
    format: Option<&'static KnownFormat>,
    normalised: Vec<String>,
    /// Activity columns of the known format (the latest date across them counts).
    activity_columns: Vec<usize>,
    col: HashMap<Role, usize>,
    records: Records,
    usage_index: HashMap<(Option<String>, String), usize>,
    warnings: Vec<Diagnostic>,
}

impl Extractor {
    pub fn new(file: &str, plan: Plan) -> Extractor {
        let mut col = HashMap::new();
        for (i, c) in plan.columns.iter().enumerate() {
            if let Some(r) = c.role {
                col.entry(r).or_insert(i);
            }
        }
        let format = formats::by_id(&plan.format);
        let normalised: Vec<String> = plan
            .columns
            .iter()
            .map(|c| normalise_header(&c.name))
            .collect();
        let activity_columns = match format.and_then(|f| f.activity) {
            Some(rule) => normalised
                .iter()
                .enumerate()
                .filter(|(_, h)| rule.columns.contains(&h.as_str()))
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
        let mut plan = plan;
        if plan.tool.is_none() {
            plan.tool = format.and_then(|f| f.single_tool()).map(str::to_string);
        }
        if let Some(rule) = format.and_then(|f| f.activity) {
            plan.blank_activity_means_never |= rule.blank_is_never;
        }
        Extractor {
            file: file.into(),
            plan,
            format,
            normalised,
            activity_columns,
            col,
            records: Records::default(),
            usage_index: HashMap::new(),
            warnings: Vec::new(),
        }
    }

    /// Takes the usage records merged so far and forgets them, for a caller that merges usage itself (the
    /// fast path merges each row's record as soon as this reads it).
    pub fn take_usage(&mut self) -> Vec<Usage> {
        self.usage_index.clear();
        std::mem::take(&mut self.records.usage)
    }

    pub fn finish(self) -> (Records, Vec<Diagnostic>) {
        (self.records, self.warnings)
    }

    fn cell<'a>(&self, fields: &'a [String], role: Role) -> Option<(usize, &'a str)> {
        let i = *self.col.get(&role)?;
        let v = fields.get(i)?.trim();
        if v.is_empty() || super::is_placeholder(v) {
            None
        } else {
            Some((i, v))
        }
    }

    fn text(&self, fields: &[String], role: Role) -> Option<String> {
        self.cell(fields, role).map(|(_, v)| v.to_string())
    }

    fn warn(&mut self, line: u64, col: usize, code: &str, message: String, raw: &str) {
        self.warnings.push(
            Diagnostic::new(Severity::Warning, code, message)
                .at(line, Some(col as u32 + 1))
                .with_raw(raw),
        );
    }

    /// A money cell; a bad value is reported and read as unknown.
    fn money(&mut self, line: u64, fields: &[String], role: Role) -> Option<Money> {
        let (i, raw) = self.cell(fields, role)?;
        let decimal = self.plan.columns[i].decimal;
        match values::parse_money(raw, decimal) {
            Ok(mut m) => {
                if m.currency.is_none() {
                    m.currency = self.currency_for(fields);
                }
                Some(m)
            }
            Err(e) => {
                let name = self.plan.columns[i].name.clone();
                self.warn(
                    line,
                    i,
                    "bad_amount",
                    format!("'{name}' is not an amount ({e}); read as unknown"),
                    raw,
                );
                None
            }
        }
    }

    fn number(&mut self, line: u64, fields: &[String], role: Role) -> Option<f64> {
        let (i, raw) = self.cell(fields, role)?;
        match values::parse_number(raw, self.plan.columns[i].decimal) {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                let name = self.plan.columns[i].name.clone();
                self.warn(
                    line,
                    i,
                    "bad_number",
                    format!("'{name}' is not a number; read as unknown"),
                    raw,
                );
                None
            }
        }
    }

    fn date(&mut self, line: u64, fields: &[String], role: Role) -> Option<Date> {
        let (i, raw) = self.cell(fields, role)?;
        let c = &self.plan.columns[i];
        let parsed = match c.column_type {
            ColumnType::Integer | ColumnType::Decimal => values::parse_excel_serial(raw),
            _ => values::parse_date(raw, c.date_order.unwrap_or_default()),
        };
        match parsed {
            Ok(d) => Some(d),
            Err(e) => {
                let name = c.name.clone();
                self.warn(
                    line,
                    i,
                    "bad_date",
                    format!("'{name}' is not a date ({e}); read as unknown"),
                    raw,
                );
                None
            }
        }
    }

    fn boolean(&mut self, line: u64, fields: &[String], role: Role) -> Option<bool> {
        let (i, raw) = self.cell(fields, role)?;
        match values::parse_bool(raw) {
            Ok(b) => Some(b),
            Err(_) => {
                let name = self.plan.columns[i].name.clone();
                self.warn(
                    line,
                    i,
                    "bad_boolean",
                    format!("'{name}' is not yes/no; read as unknown"),
                    raw,
                );
                None
            }
        }
    }

    fn notice_days(&mut self, line: u64, fields: &[String]) -> Option<u32> {
        let (i, raw) = self.cell(fields, Role::NoticePeriod)?;
        match parse_notice_days(raw) {
            Some(d) => Some(d),
            None => {
                self.warn(
                    line,
                    i,
                    "bad_notice_period",
                    "the notice period is not a number of days, weeks or months; read as unknown"
                        .into(),
                    raw,
                );
                None
            }
        }
    }

    /// Turns one row into a record; `Err` says why the row is not used.
    pub fn row(&mut self, line: u64, fields: &[String]) -> Result<(), Skip> {
        if let Some(f) = self.format {
            if let Some(rule) = f.excluded(&self.normalised, fields) {
                let code = match rule.excluded {
                    Excluded::NotSpend => "not_spend",
                    Excluded::Duplicate => "duplicate_of_other_export",
                    Excluded::NotAPerson => "not_a_person",
                };
                return Err(Skip {
                    column: None,
                    code,
                    message: rule.why.to_string(),
                    raw: None,
                });
            }
            if f.person_state(&self.normalised, fields) == Some(PersonState::NotAPerson) {
                return Err(Skip {
                    column: None,
                    code: "not_a_person",
                    message: "a bot, integration or resource account, not a person".into(),
                    raw: None,
                });
            }
        }
        let source = Source {
            file: self.file.clone(),
            line,
        };
        match self.plan.kind {
            Kind::Spend => self.spend_row(source, fields),
            Kind::Licences => self.licence_row(source, fields),
            Kind::Usage => self.usage_row(source, fields),
            Kind::People => self.person_row(source, fields),
            Kind::ExchangeRates => self.rate_row(source, fields),
            Kind::Values => self.value_row(source, fields),
            Kind::Unknown => Err(Skip {
                column: None,
                code: "unknown_kind",
                message: "the file's kind is unknown, so its rows are not analysed (set the kind in the mapping)".into(),
                raw: None,
            }),
        }
    }

    fn spend_row(&mut self, source: Source, fields: &[String]) -> Result<(), Skip> {
        let line = source.line;
        let vendor = self
            .text(fields, Role::Vendor)
            .or_else(|| self.text(fields, Role::Tool))
            .or_else(|| self.text(fields, Role::Description));
        let Some(vendor) = vendor else {
            return Err(Skip {
                column: self.col.get(&Role::Vendor).map(|i| *i as u32 + 1),
                code: "no_vendor",
                message: "no vendor or description, so the payment cannot be attributed".into(),
                raw: None,
            });
        };
        if let Some(Sign::DebitCredit { debit, credit }) =
            self.format.and_then(|f| f.money).map(|m| m.sign)
        {
            return self.debit_credit_row(source, fields, vendor, debit, credit);
        }
        if self.cell(fields, Role::Amount).is_none() {
            return Err(Skip {
                column: self.col.get(&Role::Amount).map(|i| *i as u32 + 1),
                code: "no_amount",
                message: "no amount".into(),
                raw: None,
            });
        }
        let Some(amount) = self.money(line, fields, Role::Amount) else {
            let (i, raw) = self
                .cell(fields, Role::Amount)
                .map(|(i, r)| (i, r.to_string()))
                .unwrap_or_default();
            // The warning pushed by `money` is replaced by the skip's own diagnostic.
            self.warnings.pop();
            return Err(Skip {
                column: Some(i as u32 + 1),
                code: "bad_amount",
                message: "the amount cannot be read, so the row is not counted".into(),
                raw: Some(raw),
            });
        };
        let date = self.date(line, fields, Role::Date);
        let description = self
            .text(fields, Role::Description)
            .filter(|d| *d != vendor);
        let category = self.text(fields, Role::Category);
        let department = self.text(fields, Role::Department);
        self.records.spend.push(SpendLine {
            source,
            date,
            vendor,
            description,
            amount,
            category,
            department,
        });
        Ok(())
    }

    /// Ledgers with separate debit and credit columns: spend = debit − credit.
    fn debit_credit_row(
        &mut self,
        source: Source,
        fields: &[String],
        vendor: String,
        debit: &str,
        credit: &str,
    ) -> Result<(), Skip> {
        let line = source.line;
        let mut total: Option<Money> = None;
        for (name, sign) in [(debit, 1.0), (credit, -1.0)] {
            let Some(i) = formats::KnownFormat::column(&self.normalised, name) else {
                continue;
            };
            let raw = fields.get(i).map(|c| c.trim()).unwrap_or("");
            if raw.is_empty() {
                continue;
            }
            match values::parse_money(raw, self.plan.columns[i].decimal) {
                Ok(m) => {
                    let t = total.get_or_insert(Money {
                        amount: 0.0,
                        currency: m.currency.clone(),
                    });
                    t.amount += sign * m.amount;
                }
                Err(e) => {
                    return Err(Skip {
                        column: Some(i as u32 + 1),
                        code: "bad_amount",
                        message: format!(
                            "the amount cannot be read ({e}), so the row is not counted"
                        ),
                        raw: Some(raw.to_string()),
                    })
                }
            }
        }
        let Some(mut amount) = total else {
            return Err(Skip {
                column: None,
                code: "no_amount",
                message: "no debit or credit".into(),
                raw: None,
            });
        };
        if amount.currency.is_none() {
            amount.currency = self.currency_for(fields);
        }
        let date = self.date(line, fields, Role::Date);
        let description = self
            .text(fields, Role::Description)
            .filter(|d| *d != vendor);
        let category = self.text(fields, Role::Category);
        let department = self.text(fields, Role::Department);
        self.records.spend.push(SpendLine {
            source,
            date,
            vendor,
            description,
            amount,
            category,
            department,
        });
        Ok(())
    }

    /// The currency of a row when its amount has no symbol or code: a currency column, else the format's.
    fn currency_for(&self, fields: &[String]) -> Option<String> {
        if let Some(c) = self.text(fields, Role::Currency) {
            return Some(c.to_uppercase());
        }
        match self.format.and_then(|f| f.money).map(|m| m.currency) {
            Some(formats::Currency::Fixed(code)) => Some(code.to_string()),
            Some(formats::Currency::Column(col)) => {
                formats::KnownFormat::column(&self.normalised, col)
                    .and_then(|i| fields.get(i))
                    .map(|c| c.trim().to_uppercase())
                    .filter(|c| !c.is_empty())
            }
            Some(formats::Currency::InHeader) => self
                .plan
                .columns
                .iter()
                .find_map(|c| header_currency(&c.name)),
            _ => None,
        }
    }

    fn licence_row(&mut self, source: Source, fields: &[String]) -> Result<(), Skip> {
        let line = source.line;
        let Some(tool) = self
            .text(fields, Role::Tool)
            .or_else(|| self.text(fields, Role::Vendor))
        else {
            return Err(Skip {
                column: self.col.get(&Role::Tool).map(|i| *i as u32 + 1),
                code: "no_tool",
                message: "no tool or product name".into(),
                raw: None,
            });
        };
        let vendor = if self.col.contains_key(&Role::Tool) {
            self.text(fields, Role::Vendor)
        } else {
            None
        };
        let seats = self.number(line, fields, Role::Seats);
        if let Some(s) = seats {
            if s < 0.0 {
                let i = self.col[&Role::Seats];
                self.warn(
                    line,
                    i,
                    "negative_seats",
                    "a negative seat count; read as unknown".into(),
                    &fields[i],
                );
            }
        }
        let seats = seats.filter(|s| *s >= 0.0);
        let price_per_seat = self.money(line, fields, Role::Price);
        let mut annual_cost = self.money(line, fields, Role::ContractValue);
        if annual_cost.is_none() {
            // A contracts list with only "Amount" or "Cost".
            annual_cost = self.money(line, fields, Role::Amount);
        }
        let term_start = self.date(line, fields, Role::TermStart);
        let term_end = self.date(line, fields, Role::TermEnd);
        let renewal_date = self.date(line, fields, Role::RenewalDate);
        let notice_days = self.notice_days(line, fields);
        let auto_renew = self.boolean(line, fields, Role::AutoRenew);
        let category = self.text(fields, Role::Category);
        let department = self.text(fields, Role::Department);
        self.records.licences.push(Licence {
            source,
            tool,
            vendor,
            seats,
            price_per_seat,
            annual_cost,
            term_start,
            term_end,
            renewal_date,
            notice_days,
            auto_renew,
            category,
            department,
        });
        Ok(())
    }

    fn account(&self, fields: &[String]) -> (Option<String>, Option<String>, Option<String>) {
        let email = self
            .text(fields, Role::UserEmail)
            .map(|e| e.trim_start_matches("mailto:").to_lowercase());
        let username = self.text(fields, Role::Username);
        let display_name = self.text(fields, Role::DisplayName);
        (email, username, display_name)
    }

    fn status(&self, fields: &[String]) -> AccountStatus {
        if let Some(state) = self
            .format
            .and_then(|f| f.person_state(&self.normalised, fields))
        {
            return match state {
                PersonState::Active => AccountStatus::Active,
                PersonState::Guest | PersonState::Unlicensed => AccountStatus::Guest,
                PersonState::Suspended | PersonState::Deactivated => AccountStatus::Suspended,
                PersonState::Deleted => AccountStatus::Deleted,
                PersonState::NotAPerson => AccountStatus::Unknown,
            };
        }
        match self.text(fields, Role::Status) {
            Some(s) => parse_status(&s),
            None => AccountStatus::Unknown,
        }
    }

    fn usage_row(&mut self, source: Source, fields: &[String]) -> Result<(), Skip> {
        let line = source.line;
        let (email, username, display_name) = self.account(fields);
        let Some(key) = email
            .clone()
            .or_else(|| username.clone().map(|u| u.to_lowercase()))
            .or_else(|| display_name.clone())
        else {
            return Err(Skip {
                column: self.col.get(&Role::UserEmail).map(|i| *i as u32 + 1),
                code: "no_account",
                message: "no email, username or name, so the row cannot be tied to a person".into(),
                raw: None,
            });
        };
        let tool = self
            .text(fields, Role::Tool)
            .or_else(|| self.plan.tool.clone());
        let mut last_activity = if !self.activity_columns.is_empty() {
            self.format_activity(line, fields)
        } else {
            self.role_activity(line, fields)
        };
        // Event logs: the row's date is an activity date.
        if !self.col.contains_key(&Role::LastActivity) && self.activity_columns.is_empty() {
            if let Some(d) = self.date(line, fields, Role::Date) {
                last_activity = LastActivity::On(d);
            }
        }
        let events = self.number(line, fields, Role::Events);
        let status = self.status(fields);
        let ended_on = self.date(line, fields, Role::EndedOn);
        let status = if ended_on.is_some() && status == AccountStatus::Unknown {
            AccountStatus::Unassigned
        } else {
            status
        };
        self.push_usage(
            source,
            fields,
            tool,
            key,
            (email, username, display_name),
            last_activity,
            events,
            status,
            ended_on,
        );
        Ok(())
    }

    /// The latest date across a known export's activity columns; never when the format says so.
    fn format_activity(&mut self, line: u64, fields: &[String]) -> LastActivity {
        if self
            .format
            .is_some_and(|f| f.never_active(&self.normalised, fields))
        {
            return LastActivity::Never;
        }
        let mut best = LastActivity::Unknown;
        for i in self.activity_columns.clone() {
            let raw = fields.get(i).map(|c| c.trim()).unwrap_or("");
            if raw.is_empty() || is_never(raw) {
                continue;
            }
            let c = &self.plan.columns[i];
            let parsed = match c.column_type {
                ColumnType::Integer | ColumnType::Decimal => values::parse_excel_serial(raw),
                _ => values::parse_date(raw, c.date_order.unwrap_or_default()),
            };
            match parsed {
                Ok(d) => best = later(best, LastActivity::On(d)),
                Err(e) => {
                    let name = c.name.clone();
                    self.warn(
                        line,
                        i,
                        "bad_date",
                        format!("'{name}' is not a date ({e}); read as unknown"),
                        raw,
                    );
                }
            }
        }
        best
    }

    fn role_activity(&mut self, line: u64, fields: &[String]) -> LastActivity {
        match self.cell(fields, Role::LastActivity) {
            Some((_, raw)) if is_never(raw) => LastActivity::Never,
            Some(_) => match self.date(line, fields, Role::LastActivity) {
                Some(d) => LastActivity::On(d),
                None => LastActivity::Unknown,
            },
            None if self.col.contains_key(&Role::LastActivity)
                && self.plan.blank_activity_means_never =>
            {
                LastActivity::Never
            }
            None => LastActivity::Unknown,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push_usage(
        &mut self,
        source: Source,
        fields: &[String],
        tool: Option<String>,
        key: String,
        (email, username, display_name): (Option<String>, Option<String>, Option<String>),
        last_activity: LastActivity,
        events: Option<f64>,
        status: AccountStatus,
        ended_on: Option<Date>,
    ) {
        let department = self.text(fields, Role::Department);
        let k = (tool.as_ref().map(|t| t.to_lowercase()), key);
        if let Some(&idx) = self.usage_index.get(&k) {
            let u = &mut self.records.usage[idx];
            u.last_activity = later(u.last_activity, last_activity);
            u.events = match (u.events, events) {
                (Some(a), Some(b)) => Some(a + b),
                (a, b) => a.or(b),
            };
            if u.status == AccountStatus::Unknown {
                u.status = status;
            }
            u.end_on_unless_known(ended_on);
            return;
        }
        self.usage_index.insert(k, self.records.usage.len());
        self.records.usage.push(Usage {
            source,
            tool: tool.map(Into::into),
            email: email.map(Into::into),
            last_activity,
            events,
            status,
            details: UsageDetails::boxed(username, display_name, ended_on, department),
        });
    }

    fn rate_row(&mut self, source: Source, fields: &[String]) -> Result<(), Skip> {
        let line = source.line;
        let currency = self.text(fields, Role::Currency).map(|c| c.to_uppercase());
        let Some(currency) =
            currency.filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()))
        else {
            return Err(Skip {
                column: self.col.get(&Role::Currency).map(|i| *i as u32 + 1),
                code: "bad_currency",
                message: "not a three-letter currency code".into(),
                raw: self.text(fields, Role::Currency),
            });
        };
        let Some(rate) = self
            .number(line, fields, Role::Rate)
            .filter(|r| *r > 0.0 && r.is_finite())
        else {
            self.warnings.pop();
            return Err(Skip {
                column: self.col.get(&Role::Rate).map(|i| *i as u32 + 1),
                code: "bad_rate",
                message: "the rate must be a positive number".into(),
                raw: self.text(fields, Role::Rate),
            });
        };
        let date = self.date(line, fields, Role::Date);
        self.records.rates.push(crate::model::Rate {
            source,
            currency,
            rate,
            date,
        });
        Ok(())
    }

    fn value_row(&mut self, source: Source, fields: &[String]) -> Result<(), Skip> {
        let line = source.line;
        let Some(tool) = self.text(fields, Role::Tool) else {
            return Err(Skip {
                column: None,
                code: "no_tool",
                message: "no tool name".into(),
                raw: None,
            });
        };
        let value = match self.cell(fields, Role::Value) {
            Some((i, raw)) => match values::parse_money(raw, self.plan.columns[i].decimal) {
                Ok(m) if m.amount.is_finite() => m.amount,
                _ => {
                    return Err(Skip {
                        column: Some(i as u32 + 1),
                        code: "bad_value",
                        message: "the value is not a number".into(),
                        raw: Some(raw.to_string()),
                    })
                }
            },
            None => {
                return Err(Skip {
                    column: None,
                    code: "no_value",
                    message: "no value".into(),
                    raw: None,
                })
            }
        };
        let _ = line;
        let period = self.text(fields, Role::BillingPeriod);
        let note = self.text(fields, Role::Description);
        self.records.values.push(crate::model::ValueRow {
            source,
            tool,
            value,
            period,
            note,
        });
        Ok(())
    }

    fn person_row(&mut self, source: Source, fields: &[String]) -> Result<(), Skip> {
        let (email, username, display_name) = self.account(fields);
        if email.is_none() && username.is_none() && display_name.is_none() {
            return Err(Skip {
                column: None,
                code: "no_account",
                message: "no email, username or name".into(),
                raw: None,
            });
        }
        let status = self.status(fields);
        let department = self.text(fields, Role::Department);
        self.records.people.push(Person {
            source,
            email,
            username,
            display_name,
            status,
            department,
        });
        Ok(())
    }
}

/// `Debit (GBP)` → `GBP`.
fn header_currency(name: &str) -> Option<String> {
    let open = name.find('(')?;
    let code: String = name[open + 1..].chars().take_while(|c| *c != ')').collect();
    let code = code.trim();
    (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())).then(|| code.to_string())
}

/// The later of two activity facts: a date beats never, and never beats unknown.
pub fn later(a: LastActivity, b: LastActivity) -> LastActivity {
    match (a, b) {
        (LastActivity::On(x), LastActivity::On(y)) => LastActivity::On(x.max(y)),
        (LastActivity::On(x), _) | (_, LastActivity::On(x)) => LastActivity::On(x),
        (LastActivity::Never, _) | (_, LastActivity::Never) => LastActivity::Never,
        _ => LastActivity::Unknown,
    }
}

/// Words exports use for "never signed in".
pub fn is_never(raw: &str) -> bool {
    let l = raw.trim().to_lowercase();
    matches!(
        l.as_str(),
        "never"
            | "never logged in"
            | "never signed in"
            | "jamais"
            | "n/a - never"
            | "no activity"
            | "never active"
    )
}

/// Account states as exports write them.
pub fn parse_status(raw: &str) -> AccountStatus {
    let l = raw.trim().to_lowercase();
    let has = |w: &str| l.contains(w);
    if has("unassign") || has("not assigned") {
        AccountStatus::Unassigned
    } else if has("delet")
        || has("remov")
        || has("terminat")
        || has("leaver")
        || has("offboard")
        || l == "left"
    {
        AccountStatus::Deleted
    } else if has("suspend")
        || has("deactiv")
        || has("disabl")
        || has("inactive")
        || has("blocked")
        || has("locked")
    {
        AccountStatus::Suspended
    } else if has("guest") || has("external") || has("single-channel") || has("multi-channel") {
        AccountStatus::Guest
    } else if has("active")
        || has("enabled")
        || l == "true"
        || l == "yes"
        || has("provisioned")
        || has("assigned")
    {
        AccountStatus::Active
    } else {
        AccountStatus::Unknown
    }
}

/// `30`, `30 days`, `30 jours`, `4 weeks`, `3 months`, `3 mois`, `1 year` → days (a month counts 30 days).
pub fn parse_notice_days(raw: &str) -> Option<u32> {
    let l = raw.trim().to_lowercase();
    let digits: String = l.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u32 = digits.parse().ok()?;
    let unit = l[digits.len()..].trim();
    let factor = if unit.is_empty()
        || unit.starts_with('d')
        || unit.starts_with('j')
        || unit.starts_with("tag")
    {
        1
    } else if unit.starts_with('w') || unit.starts_with("sem") {
        7
    } else if unit.starts_with('m') {
        30
    } else if unit.starts_with('y') || unit.starts_with('a') {
        365
    } else {
        return None;
    };
    n.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_periods_in_words() {
        assert_eq!(parse_notice_days("30"), Some(30));
        assert_eq!(parse_notice_days("60 days"), Some(60));
        assert_eq!(parse_notice_days("3 months"), Some(90));
        assert_eq!(parse_notice_days("90 jours"), Some(90));
        assert_eq!(parse_notice_days("2 weeks"), Some(14));
        assert_eq!(parse_notice_days("soon"), None);
    }

    #[test]
    fn statuses_in_words() {
        assert_eq!(parse_status("Deactivated"), AccountStatus::Suspended);
        assert_eq!(parse_status("SUSPENDED"), AccountStatus::Suspended);
        assert_eq!(parse_status("Deleted"), AccountStatus::Deleted);
        assert_eq!(parse_status("Unassigned"), AccountStatus::Unassigned);
        assert_eq!(parse_status("Single-Channel Guest"), AccountStatus::Guest);
        assert_eq!(parse_status("Active"), AccountStatus::Active);
        assert_eq!(parse_status("Inactive"), AccountStatus::Suspended);
        assert_eq!(parse_status("whatever"), AccountStatus::Unknown);
    }

    #[test]
    fn later_activity_wins() {
        let d1 = Date::new(2026, 1, 1).unwrap();
        let d2 = Date::new(2026, 2, 1).unwrap();
        assert_eq!(
            later(LastActivity::On(d1), LastActivity::On(d2)),
            LastActivity::On(d2)
        );
        assert_eq!(
            later(LastActivity::Never, LastActivity::On(d1)),
            LastActivity::On(d1)
        );
        assert_eq!(
            later(LastActivity::Unknown, LastActivity::Never),
            LastActivity::Never
        );
    }
}
