//! Cell values: money, numbers, percentages, dates, booleans and emails, and the per-column inference that
//! decides a column's type, decimal separator and day/month order from *all* of its cells.
//!
//! A [`ColumnProfile`] holds only counters, so profiling a column costs the same memory for ten rows or ten
//! million. Parsing a cell never panics; a cell that does not parse is a [`ValueError`] with a reason.

use crate::model::{ColumnType, Date, Money};
use serde::Serialize;

/// Which character separates the integer part from the fraction in a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DecimalSeparator {
    #[default]
    Point,
    Comma,
}

/// The order of the components of numeric dates (`03/11/2026`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    #[default]
    Ymd,
    Mdy,
    Dmy,
}

/// Why a cell could not be read as the column's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    pub reason: String,
}

impl ValueError {
    fn new(reason: impl Into<String>) -> ValueError {
        ValueError {
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// What was decided about a column after seeing all its cells.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnInference {
    pub column_type: ColumnType,
    pub decimal: DecimalSeparator,
    /// For date columns: the component order used for numeric dates.
    pub date_order: Option<DateOrder>,
    /// True when no cell decided between day-first and month-first; `date_order` is then a default.
    pub date_order_ambiguous: bool,
    /// The single currency seen in a money column, if any.
    pub currency: Option<String>,
    pub non_blank: u64,
    pub blank: u64,
}

/// Counters over a column's cells. Feed every cell with [`ColumnProfile::observe`].
#[derive(Clone, Debug, Default)]
pub struct ColumnProfile {
    non_blank: u64,
    blank: u64,
    integer: u64,
    decimal_point: u64,
    decimal_comma: u64,
    money: u64,
    money_point: u64,
    money_comma: u64,
    percent: u64,
    date: u64,
    /// Dates written `a/b/yyyy` (not ISO), which need a day/month order.
    numeric_dates: u64,
    day_first_evidence: u64,
    month_first_evidence: u64,
    boolean: u64,
    email: u64,
    currency: Option<String>,
    mixed_currency: bool,
}

impl ColumnProfile {
    pub fn new() -> ColumnProfile {
        ColumnProfile::default()
    }

    pub fn observe(&mut self, cell: &str) {
        let cell = cell.trim();
        if cell.is_empty() {
            self.blank += 1;
            return;
        }
        self.non_blank += 1;
        if is_email(cell) {
            self.email += 1;
            return;
        }
        if parse_bool(cell).is_ok() && !cell.bytes().all(|b| b.is_ascii_digit()) {
            self.boolean += 1;
            return;
        }
        if let Some(parts) = numeric_date_parts(cell) {
            self.date += 1;
            if let Some((a, b, _)) = parts {
                self.numeric_dates += 1;
                if a > 12 && b <= 12 {
                    self.day_first_evidence += 1;
                } else if b > 12 && a <= 12 {
                    self.month_first_evidence += 1;
                }
            }
            return;
        }
        if parse_date(cell, DateOrder::Ymd).is_ok() {
            self.date += 1;
            return;
        }
        if cell.ends_with('%') && parse_number_any(cell.trim_end_matches('%')).is_some() {
            self.percent += 1;
            return;
        }
        if let Some(sep) = plain_number_separator(cell) {
            match sep {
                None => self.integer += 1,
                Some(DecimalSeparator::Point) => self.decimal_point += 1,
                Some(DecimalSeparator::Comma) => self.decimal_comma += 1,
            }
            return;
        }
        if let Some((cur, sep)) = money_shape(cell) {
            self.money += 1;
            match sep {
                Some(DecimalSeparator::Point) => self.money_point += 1,
                Some(DecimalSeparator::Comma) => self.money_comma += 1,
                None => {}
            }
            if let Some(cur) = cur {
                match &self.currency {
                    None => self.currency = Some(cur),
                    Some(c) if *c != cur => self.mixed_currency = true,
                    _ => {}
                }
            }
        }
    }

    pub fn infer(&self) -> ColumnInference {
        let n = self.non_blank;
        let decimal =
            if self.decimal_comma + self.money_comma > self.decimal_point + self.money_point {
                DecimalSeparator::Comma
            } else {
                DecimalSeparator::Point
            };
        let numeric = self.integer + self.decimal_point + self.decimal_comma;
        let column_type = if n == 0 {
            ColumnType::Empty
        } else if self.email == n {
            ColumnType::Email
        } else if self.boolean == n {
            ColumnType::Boolean
        } else if self.date == n {
            ColumnType::Date
        } else if self.percent == n {
            ColumnType::Percent
        } else if self.integer == n {
            ColumnType::Integer
        } else if self.money > 0 && self.money + numeric == n {
            ColumnType::Money
        } else if numeric == n {
            ColumnType::Decimal
        } else {
            ColumnType::Text
        };
        let (date_order, date_order_ambiguous) = if column_type == ColumnType::Date {
            if self.day_first_evidence > 0 && self.month_first_evidence == 0 {
                (Some(DateOrder::Dmy), false)
            } else if self.month_first_evidence > 0 {
                (Some(DateOrder::Mdy), false)
            } else if self.numeric_dates == 0 {
                // Only ISO dates: nothing to decide.
                (Some(DateOrder::Ymd), false)
            } else {
                (Some(DateOrder::Mdy), true)
            }
        } else {
            (None, false)
        };
        ColumnInference {
            column_type,
            decimal,
            date_order,
            date_order_ambiguous,
            currency: if self.mixed_currency {
                None
            } else {
                self.currency.clone()
            },
            non_blank: self.non_blank,
            blank: self.blank,
        }
    }
}

/// `a/b/yyyy` style dates: `Some(Some((a, b, year)))`; ISO `yyyy-mm-dd`: `Some(None)`.
fn numeric_date_parts(cell: &str) -> Option<Option<(u32, u32, i32)>> {
    let date_part = cell.split(['T', ' ']).next()?;
    let parts: Vec<&str> = date_part.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if parts[0].len() == 4 {
        let y = parts[0].parse().ok()?;
        let m = parts[1].parse().ok()?;
        let d = parts[2].parse().ok()?;
        Date::new(y, m, d)?;
        return Some(None);
    }
    let a: u32 = parts[0].parse().ok()?;
    let b: u32 = parts[1].parse().ok()?;
    let y: i32 = parts[2].parse().ok()?;
    if !(1..=31).contains(&a) || !(1..=31).contains(&b) || (a > 12 && b > 12) {
        return None;
    }
    if parts[2].len() != 4 && parts[2].len() != 2 {
        return None;
    }
    Some(Some((a, b, y)))
}

/// Parses a date with the given order for numeric forms; ISO dates and timestamps always parse.
pub fn parse_date(cell: &str, order: DateOrder) -> Result<Date, ValueError> {
    let cell = cell.trim();
    match numeric_date_parts(cell) {
        Some(None) => {
            let d = cell.get(0..10).unwrap_or(cell);
            let p: Vec<&str> = d.split(['-', '/', '.']).collect();
            let y = p.first().and_then(|s| s.parse().ok()).unwrap_or(0);
            let m = p.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
            let day = p.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
            Date::new(y, m, day)
                .ok_or_else(|| ValueError::new(format!("'{cell}' is not a valid date")))
        }
        Some(Some((a, b, y))) => {
            let year = if y < 100 { 2000 + y } else { y };
            let (m, d) = match order {
                DateOrder::Dmy => (b, a),
                _ => (a, b),
            };
            Date::new(year, m as u8, d as u8)
                .ok_or_else(|| ValueError::new(format!("'{cell}' is not a valid date")))
        }
        None => Err(ValueError::new(format!("'{cell}' is not a date"))),
    }
}

/// `Some(None)` for an integer, `Some(Some(sep))` for a decimal; thousands separators allowed.
fn plain_number_separator(cell: &str) -> Option<Option<DecimalSeparator>> {
    let s = cell.strip_prefix('-').unwrap_or(cell);
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    if !s.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    match (dots, commas) {
        (0, 0) => Some(None),
        (1, 0) => Some(Some(DecimalSeparator::Point)),
        (0, 1) => {
            let frac = s.rsplit(',').next()?;
            if frac.len() == 3 {
                Some(None)
            } else {
                Some(Some(DecimalSeparator::Comma))
            }
        }
        (0, _) => Some(None),
        _ => {
            let last_dot = s.rfind('.')?;
            let last_comma = s.rfind(',')?;
            if last_dot > last_comma {
                Some(Some(DecimalSeparator::Point))
            } else {
                Some(Some(DecimalSeparator::Comma))
            }
        }
    }
}

fn money_shape(cell: &str) -> Option<(Option<String>, Option<DecimalSeparator>)> {
    let (core, currency, _neg) = strip_money_decorations(cell)?;
    let sep = plain_number_separator(&core)?;
    Some((currency, sep))
}

/// Removes currency symbols and codes, parentheses and signs. Returns digits and separators, the currency and
/// whether the amount is negative.
fn strip_money_decorations(cell: &str) -> Option<(String, Option<String>, bool)> {
    let mut s = cell.trim().to_string();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') && s.len() >= 2 {
        negative = true;
        s = s[1..s.len() - 1].trim().to_string();
    }
    let mut currency = None;
    for (sym, code) in [
        ("US$", "USD"),
        ("$", "USD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("¥", "JPY"),
        ("CHF", "CHF"),
    ] {
        if s.contains(sym) {
            currency = Some(code.to_string());
            s = s.replace(sym, "");
        }
    }
    let t = s.trim().to_string();
    let upper: Vec<&str> = t.split_whitespace().collect();
    if upper.len() == 2 {
        let (a, b) = (upper[0], upper[1]);
        if a.len() == 3 && a.bytes().all(|c| c.is_ascii_uppercase()) {
            currency = Some(a.to_string());
            s = b.to_string();
        } else if b.len() == 3 && b.bytes().all(|c| c.is_ascii_uppercase()) {
            currency = Some(b.to_string());
            s = a.to_string();
        }
    }
    let mut s: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.to_string();
    }
    if s.is_empty() {
        return None;
    }
    Some((s, currency, negative))
}

fn parse_number_any(s: &str) -> Option<f64> {
    let sep = plain_number_separator(s.trim())?;
    to_f64(s.trim(), sep.unwrap_or(DecimalSeparator::Point)).ok()
}

fn to_f64(s: &str, decimal: DecimalSeparator) -> Result<f64, ValueError> {
    let (dec, thousands) = match decimal {
        DecimalSeparator::Point => ('.', ','),
        DecimalSeparator::Comma => (',', '.'),
    };
    let cleaned: String = s
        .chars()
        .filter(|&c| c != thousands && !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == dec { '.' } else { c })
        .collect();
    cleaned
        .parse::<f64>()
        .map_err(|_| ValueError::new(format!("'{s}' is not a number")))
}

/// Parses a number using the column's decimal separator; thousands separators are allowed.
pub fn parse_number(cell: &str, decimal: DecimalSeparator) -> Result<f64, ValueError> {
    let cell = cell.trim();
    if plain_number_separator(cell).is_none() {
        return Err(ValueError::new(format!("'{cell}' is not a number")));
    }
    to_f64(cell, decimal)
}

/// Parses money: symbol or code, parentheses or minus for negatives, thousands separators.
pub fn parse_money(cell: &str, decimal: DecimalSeparator) -> Result<Money, ValueError> {
    let (core, currency, negative) = strip_money_decorations(cell)
        .ok_or_else(|| ValueError::new(format!("'{}' is not an amount", cell.trim())))?;
    if plain_number_separator(&core).is_none() {
        return Err(ValueError::new(format!(
            "'{}' is not an amount",
            cell.trim()
        )));
    }
    let v = to_f64(&core, decimal)?;
    if !v.is_finite() {
        return Err(ValueError::new(format!(
            "'{}' is out of range",
            cell.trim()
        )));
    }
    Ok(Money {
        amount: if negative { -v } else { v },
        currency,
    })
}

/// `True/False`, `Yes/No`, `Y/N`, `1/0`, `VRAI/FAUX`, `Oui/Non`.
pub fn parse_bool(cell: &str) -> Result<bool, ValueError> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "vrai" | "oui" => Ok(true),
        "false" | "no" | "n" | "0" | "faux" | "non" => Ok(false),
        other => Err(ValueError::new(format!("'{other}' is not yes/no"))),
    }
}

/// A plausible email address: one `@`, a dot in the domain, no spaces.
pub fn is_email(cell: &str) -> bool {
    let cell = cell.trim();
    let Some((local, domain)) = cell.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !cell.contains(char::is_whitespace)
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: ISO dates (M365 `Report Refresh Date`, Okta/Salesforce timestamps) were reported as
    /// "ambiguous day/month order" because any date column counted as having numeric dates.
    #[test]
    fn iso_only_date_columns_are_not_ambiguous() {
        let mut p = ColumnProfile::new();
        for c in ["2026-11-20", "2026-11-03T14:05:47.000Z", ""] {
            p.observe(c);
        }
        let inf = p.infer();
        assert_eq!(inf.column_type, ColumnType::Date);
        assert!(!inf.date_order_ambiguous);
        assert_eq!(inf.date_order, Some(DateOrder::Ymd));

        let mut q = ColumnProfile::new();
        for c in ["03/11/2026", "04/11/2026"] {
            q.observe(c);
        }
        assert!(q.infer().date_order_ambiguous);
    }
}
