//! Cell values: money, numbers, percentages, dates, booleans and emails, and the per-column inference that
//! decides a column's type, decimal separator and day/month order from *all* of its cells.
//!
//! Parsing a cell never panics; a cell that does not parse is a [`ValueError`] whose `reason` says why.
//! A [`ColumnProfile`] holds only counters (no strings, no per-cell state), so profiling a column costs the
//! same memory for ten rows or ten million, and [`ColumnProfile::observe`] does not allocate.
//!
//! ```
//! use stackscope::ingest::values::{parse_money, ColumnProfile, DecimalSeparator};
//! use stackscope::model::ColumnType;
//!
//! let mut profile = ColumnProfile::new();
//! for cell in ["1.234,56 €", "12,50 €", "(3,00 €)", ""] {
//!     profile.observe(cell);
//! }
//! let column = profile.infer();
//! assert_eq!(column.column_type, ColumnType::Money);
//! assert_eq!(column.decimal, DecimalSeparator::Comma);
//! assert_eq!(column.currency.as_deref(), Some("EUR"));
//! assert_eq!((column.non_blank, column.blank, column.mismatches), (3, 1, 0));
//!
//! let money = parse_money("1.234,56 €", column.decimal).unwrap();
//! assert_eq!(money.amount, 1234.56);
//! ```
//!
//! # Numbers
//!
//! A number is an optional sign, digits with optional thousands grouping, an optional fraction and, when it
//! has no grouping, an optional exponent (`1.5E+3`, as Excel writes large values). At most about 120 digits.
//!
//! * Signs: a leading `-`, `+` or `−` (U+2212), or a trailing `-`/`−` (`2,500.00-`, as SAP writes it).
//!   Money also takes accounting parentheses: `(2,500.00)`. At most one sign marker per cell.
//! * Grouping: the first group has 1–3 digits, every later group exactly 3, and one kind of separator is
//!   used throughout a number. Separators: space, NBSP (U+00A0), narrow NBSP (U+202F), thin space (U+2009),
//!   apostrophe (`'` or `’`, Swiss), and the comma (point-decimal columns) or the point (comma-decimal columns).
//! * A fraction needs at least one digit after the separator (`12.` is not a number; `.5` is).
//!
//! ## Decimal separator: decided per column
//!
//! Every numeric, money or percent cell is read both ways and counted as:
//!
//! * **point evidence** when it reads only with a point decimal (`12.5`, `1,234.56`, `1,234,567`, `0.5`);
//! * **comma evidence** when it reads only with a comma decimal (`12,50`, `1.234,56`, `1.234.567`,
//!   `63 000,00`);
//! * **ambiguous** when it reads both ways with different values (`1,234`, `1.234`);
//! * neutral when both readings agree (`1234`, `1 234`).
//!
//! The column is comma-decimal when comma evidence outnumbers point evidence, otherwise point-decimal (so a
//! column of only `1,234` reads as one thousand two hundred and thirty-four). `decimal_ambiguous` is set
//! when ambiguous cells were seen but no cell decided; `decimal_conflict` when both kinds of evidence were
//! seen (the minority cells then count as mismatches). A tie (including no evidence) falls back to the
//! point, or to what the caller passes to [`ColumnProfile::infer_with`]: summing [`ColumnProfile::evidence`]
//! over a file's columns lets `1.611` in a seats column read as 1611 when the amounts beside it are
//! `1.234,56 €`.
//!
//! # Dates
//!
//! Accepted (with an optional time after a space or `T`: `14:05`, `14:05:00.123`, `2:05 PM`, then an
//! optional zone: `Z`, a name of 2–5 letters such as `UTC`, `GMT`, `CET`, `PST`, and/or an offset `+01:00`,
//! `-0500`, `+5`; the date is the local date *as written*, the zone is not applied, so
//! `2026-11-03T23:30:00-05:00` is 2026-11-03):
//!
//! * year first: `2026-11-03`, `2026/11/03`, `2026.11.03`, `2026-11-03T14:05:00Z`, `2026-11-03 14:05:00`;
//! * day and month as numbers, year last: `11/03/2026`, `03/11/2026`, `03.11.2026`, `3-11-26`;
//! * month names in English or French, full or abbreviated, with or without accents and dots, with an optional
//!   leading weekday and ordinal suffixes (`3rd`, `1er`): `Nov 3, 2026`, `3 Nov 2026`, `3-Nov-2026`,
//!   `03-NOV-26`, `November 3, 2026`, `Tuesday, November 3, 2026`, `3 févr. 2026`, `1er août 2026`. A weekday
//!   that disagrees with the date is an error.
//! * Excel serial numbers only through [`parse_excel_serial`] (a column of serials infers as Integer or
//!   Decimal; the caller decides that a number column is a date from its role).
//!
//! Two-digit years: `00`–`69` are 2000–2069, `70`–`99` are 1970–1999. Years must be 1–9999 and the date must
//! exist in the proleptic Gregorian calendar (`2026-02-30` and `0000-00-00` are errors).
//!
//! ## Day/month order: decided per column
//!
//! A numeric `a/b/year` cell is evidence for month-first when only `a/b` reads as a valid month/day
//! (`11/23/2026`), for day-first when only `b/a` does (`23/11/2026`), and ambiguous when both do and `a ≠ b`.
//! The majority of the evidence wins; a tie or no evidence reads month-first, or in the order passed to
//! [`ColumnProfile::infer_with`] (the caller warns when `date_order_ambiguous`). `date_order_ambiguous` is set when ambiguous cells were seen and no cell decided;
//! `date_order_conflict` when cells proved both orders (the minority cells count as mismatches). A column
//! whose dates all have the year first reports [`DateOrder::Ymd`].
//!
//! # Money
//!
//! An amount with an optional currency before or after it (with or without a space) and the signs above.
//! Currency symbols: `$` (read as **USD**: a bare dollar sign is ambiguous, and US dollars are by far the most
//! common in the exports this library reads), `US$`, `CA$`/`C$`, `A$`/`AU$`, `NZ$`, `HK$`, `S$`, `MX$`, `R$`,
//! `€`, `£`, `¥` (JPY), `CN¥`, `JP¥`, `₹`, `₩`, `₽`, `₺`, `₪`, `₱`, `฿`, `₫`, `₴`, `zł`, `Kč`; or an
//! upper-case ISO 4217 code from a built-in list (`USD 12.00`, `12 EUR`). A symbol and a code may both be
//! present when they agree (`USD $12`, `CAD $12`: a bare `$` agrees with any dollar code, which wins); two
//! different currencies (`€12 USD`) are an error. Amounts of magnitude 10¹⁵ or more (an integer part of 16
//! or more significant digits, or an exponent form that large) are rejected ("amount out of range").
//!
//! # Booleans
//!
//! `true/false`, `yes/no`, `y/n`, `vrai/faux`, `oui/non` in any letter case, and `1/0`. For inference a
//! column is Boolean only when at least one cell is a word: a column of only `0` and `1` is Integer.
//!
//! # Column types
//!
//! [`ColumnProfile::infer`] is strict: a type is chosen only when *every* non-blank cell has its shape, in
//! this order: Email, Boolean, Date, Percent (every cell ends in `%`), Integer (whole numbers of at most 18
//! significant digits, so they fit an `i64`), Money (numbers, at least one with a currency or accounting
//! parentheses), Decimal, else Text. Empty when every cell is blank. Cells that have the shape but do not
//! parse under the chosen separator or order are `mismatches`; [`ColumnInference::fits`] counts, for every
//! type, how many cells would parse as it, so a caller can report the odd cells of an almost-typed column.

use crate::model::{ColumnType, Date, Money};
use serde::{Deserialize, Serialize};

/// Which character separates the integer part from the fraction in a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DecimalSeparator {
    #[default]
    Point,
    Comma,
}

impl DecimalSeparator {
    fn index(self) -> usize {
        match self {
            DecimalSeparator::Point => 0,
            DecimalSeparator::Comma => 1,
        }
    }

    fn label(self) -> &'static str {
        match self {
            DecimalSeparator::Point => "a point",
            DecimalSeparator::Comma => "a comma",
        }
    }
}

/// The order of the components of numeric dates (`03/11/2026`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// Year first (`2026-11-03`). Given to [`parse_date`], a `a/b/year` date is read only when just one of
    /// its two readings is a valid date (or both are the same).
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

    /// `'<cell>' <what>`, with the cell shortened to a readable length.
    fn cell(cell: &str, what: &str) -> ValueError {
        ValueError::new(format!("'{}' {what}", shorten(cell)))
    }
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for ValueError {}

/// At most 40 characters of a cell, for messages.
fn shorten(cell: &str) -> String {
    const MAX: usize = 40;
    match cell.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", cell.get(..i).unwrap_or("")),
        None => cell.to_string(),
    }
}

/// How many of a column's non-blank cells would parse as each type (under the column's chosen decimal
/// separator and date order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TypeCounts {
    /// Whole numbers without currency or `%`.
    pub integer: u64,
    /// Numbers without currency or `%` (integers included).
    pub decimal: u64,
    /// Amounts, with or without a currency (plain numbers included).
    pub money: u64,
    pub percent: u64,
    pub date: u64,
    /// Boolean words plus `0` and `1`.
    pub boolean: u64,
    pub email: u64,
}

/// What was decided about a column after seeing all its cells.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnInference {
    pub column_type: ColumnType,
    /// The decimal separator chosen from all numeric, money and percent cells (see the module docs).
    pub decimal: DecimalSeparator,
    /// True when cells read differently with a point or a comma decimal and none decided; `decimal` is then
    /// the default ([`DecimalSeparator::Point`]).
    pub decimal_ambiguous: bool,
    /// True when some cells proved a point decimal and others a comma decimal; `decimal` is the majority.
    pub decimal_conflict: bool,
    /// For date columns: the component order used for numeric dates.
    pub date_order: Option<DateOrder>,
    /// True when no cell decided between day-first and month-first; `date_order` is then a default.
    pub date_order_ambiguous: bool,
    /// True when some cells proved day-first and others month-first; `date_order` is the majority.
    pub date_order_conflict: bool,
    /// The single currency seen in a money column, if any (`None` when several were seen).
    pub currency: Option<String>,
    /// True when cells of the column carry different currencies.
    pub currencies_mixed: bool,
    pub non_blank: u64,
    pub blank: u64,
    /// Non-blank cells that parse as `column_type` with the chosen separator and date order.
    pub matching: u64,
    /// Non-blank cells that do not (`non_blank - matching`); always 0 for Text.
    pub mismatches: u64,
    /// For every type, how many non-blank cells would parse as it.
    pub fits: TypeCounts,
}

/// Counts of cells that decided something, from [`ColumnProfile::evidence`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Cells that read only with a point decimal (`12.5`, `1,234.56`).
    pub point_decimal: u64,
    /// Cells that read only with a comma decimal (`12,50`, `1.234,56`).
    pub comma_decimal: u64,
    /// Numeric dates valid only month-first (`11/23/2026`).
    pub month_first: u64,
    /// Numeric dates valid only day-first (`23/11/2026`).
    pub day_first: u64,
}

impl std::ops::AddAssign for Evidence {
    fn add_assign(&mut self, other: Evidence) {
        self.point_decimal += other.point_decimal;
        self.comma_decimal += other.comma_decimal;
        self.month_first += other.month_first;
        self.day_first += other.day_first;
    }
}

impl Evidence {
    /// The decimal separator this evidence supports (point unless comma has more).
    pub fn decimal(&self) -> DecimalSeparator {
        if self.comma_decimal > self.point_decimal {
            DecimalSeparator::Comma
        } else {
            DecimalSeparator::Point
        }
    }

    /// The day/month order this evidence supports (month-first unless day-first has more).
    pub fn date_order(&self) -> DateOrder {
        if self.day_first > self.month_first {
            DateOrder::Dmy
        } else {
            DateOrder::Mdy
        }
    }
}

/// Class of a number under one decimal convention (see [`scan_unsigned`]).
type NumClass = u8;
const INVALID: NumClass = 0;
/// Whole, below 10^15.
const WHOLE: NumClass = 1;
/// With a fraction or an exponent, magnitude below 10^15.
const FRACTION: NumClass = 2;
/// Whole, 10^15 or more with at most 18 significant digits: an `i64` whatever the sign, but not money.
const BIG_WHOLE: NumClass = 3;
/// Reads, but too large for money and possibly for an `i64`.
const HUGE: NumClass = 4;
const CLASSES: usize = 5;

fn money_ok(class: NumClass) -> bool {
    class == WHOLE || class == FRACTION
}

fn integer_ok(class: NumClass) -> bool {
    class == WHOLE || class == BIG_WHOLE
}

/// Counts of cells by (class with a point decimal, class with a comma decimal).
type ClassMatrix = [[u64; CLASSES]; CLASSES];

/// Counters over a column's cells. Feed every cell with [`ColumnProfile::observe`], then call
/// [`ColumnProfile::infer`]. Fixed size whatever the number of cells.
#[derive(Clone, Debug, Default)]
pub struct ColumnProfile {
    non_blank: u64,
    blank: u64,
    email: u64,
    bool_word: u64,
    zero_one: u64,
    /// Plain numbers.
    number: ClassMatrix,
    /// Amounts with a currency or parentheses.
    money: ClassMatrix,
    percent: ClassMatrix,
    /// Dates whose reading does not depend on the order (year first, month names).
    date_fixed: u64,
    /// `a/b/year` dates valid both ways with `a == b`.
    date_same: u64,
    /// `a/b/year` dates valid both ways with `a != b`.
    date_both: u64,
    date_mdy_only: u64,
    date_dmy_only: u64,
    currency: Option<&'static str>,
    currencies_mixed: bool,
}

impl ColumnProfile {
    pub fn new() -> ColumnProfile {
        ColumnProfile::default()
    }

    /// Adds the counters of a later stretch of the same column (read elsewhere, on another core): the result
    /// is exactly the profile of this stretch's cells followed by the later one's.
    pub fn merge(&mut self, later: &ColumnProfile) {
        let mut mine = self.words();
        for (a, b) in mine.iter_mut().zip(later.words()) {
            *a += b;
        }
        let (currency, mut mixed) = (
            self.currency,
            self.currencies_mixed || later.currencies_mixed,
        );
        if let (Some(a), Some(b)) = (currency, later.currency) {
            mixed |= a != b;
        }
        *self = ColumnProfile::from_words(&mine, currency.or(later.currency)).unwrap_or_default();
        self.currencies_mixed = mixed;
    }

    /// Every counter, in a fixed order (with [`ColumnProfile::currency_seen`], what
    /// [`ColumnProfile::from_words`] needs to rebuild the profile).
    pub fn words(&self) -> Vec<u64> {
        let mut w = vec![
            self.non_blank,
            self.blank,
            self.email,
            self.bool_word,
            self.zero_one,
            self.date_fixed,
            self.date_same,
            self.date_both,
            self.date_mdy_only,
            self.date_dmy_only,
            u64::from(self.currencies_mixed),
        ];
        for m in [&self.number, &self.money, &self.percent] {
            w.extend(m.iter().flatten());
        }
        w
    }

    /// The first currency seen in the column, if any.
    pub fn currency_seen(&self) -> Option<&'static str> {
        self.currency
    }

    /// The profile of [`ColumnProfile::words`] and [`ColumnProfile::currency_seen`]; `None` when the words
    /// are not a profile's (wrong count, unknown currency).
    pub fn from_words(w: &[u64], currency: Option<&str>) -> Option<ColumnProfile> {
        if w.len() != 11 + 3 * CLASSES * CLASSES {
            return None;
        }
        let currency = match currency {
            None => None,
            Some(c) => Some(
                CODES
                    .iter()
                    .copied()
                    .chain(SYMBOLS.iter().map(|&(_, code)| code))
                    .find(|&k| k == c)?,
            ),
        };
        let matrix = |k: usize| -> ClassMatrix {
            let mut m = [[0u64; CLASSES]; CLASSES];
            for (i, row) in m.iter_mut().enumerate() {
                for (j, v) in row.iter_mut().enumerate() {
                    *v = w[11 + k * CLASSES * CLASSES + i * CLASSES + j];
                }
            }
            m
        };
        Some(ColumnProfile {
            non_blank: w[0],
            blank: w[1],
            email: w[2],
            bool_word: w[3],
            zero_one: w[4],
            number: matrix(0),
            money: matrix(1),
            percent: matrix(2),
            date_fixed: w[5],
            date_same: w[6],
            date_both: w[7],
            date_mdy_only: w[8],
            date_dmy_only: w[9],
            currency,
            currencies_mixed: w[10] != 0,
        })
    }

    /// Counts one cell. Does not allocate.
    pub fn observe(&mut self, cell: &str) {
        let s = cell.trim();
        if s.is_empty() || is_placeholder(s) {
            self.blank += 1;
            return;
        }
        self.non_blank += 1;
        let (mut digit, mut at) = (false, false);
        for b in s.bytes() {
            digit |= b.is_ascii_digit();
            at |= b == b'@';
        }
        if at {
            // No number, date or amount contains `@`.
            if is_email(s) {
                self.email += 1;
            }
            return;
        }
        if !digit {
            // Only words: a boolean or text.
            if bool_word(s).is_some() {
                self.bool_word += 1;
            }
            return;
        }
        if let Some((p, c)) = number_classes(s) {
            add(&mut self.number, p, c);
            if s == "0" || s == "1" {
                self.zero_one += 1;
            }
            return;
        }
        if let Some(raw) = date_shape(s) {
            match raw {
                RawDate::Fixed { .. } => {
                    if raw.resolve(DateOrder::Ymd).is_ok() {
                        self.date_fixed += 1;
                        return;
                    }
                }
                RawDate::DayMonth { a, b, year } => {
                    let mdy = valid_date(year, a, b);
                    let dmy = valid_date(year, b, a);
                    match (mdy, dmy) {
                        (true, true) if a == b => self.date_same += 1,
                        (true, true) => self.date_both += 1,
                        (true, false) => self.date_mdy_only += 1,
                        (false, true) => self.date_dmy_only += 1,
                        (false, false) => {}
                    }
                    if mdy || dmy {
                        return;
                    }
                }
            }
        }
        if let Some(body) = s.strip_suffix('%') {
            if let Some((p, c)) = number_classes(body.trim_end()) {
                add(&mut self.percent, p, c);
                return;
            }
        }
        if let Some(parts) = split_money(s) {
            if parts.marked() {
                if let Some((p, c)) = unsigned_classes(parts.body) {
                    add(&mut self.money, p, c);
                    if let Some(code) = parts.currency {
                        match self.currency {
                            None => self.currency = Some(code),
                            Some(seen) if seen != code => self.currencies_mixed = true,
                            Some(_) => {}
                        }
                    }
                }
            }
        }
    }

    /// Decides the column's type, decimal separator and date order from the counters. Without decisive
    /// evidence the column is point-decimal and month-first; see [`ColumnProfile::infer_with`].
    pub fn infer(&self) -> ColumnInference {
        self.infer_with(DecimalSeparator::Point, DateOrder::Mdy)
    }

    /// What this column's cells prove about the decimal separator and the day/month order. Summed over the
    /// columns of a file, it gives file-wide fallbacks for [`ColumnProfile::infer_with`].
    pub fn evidence(&self) -> Evidence {
        let (point, comma, _) = self.decimal_evidence();
        Evidence {
            point_decimal: point,
            comma_decimal: comma,
            month_first: self.date_mdy_only,
            day_first: self.date_dmy_only,
        }
    }

    fn decimal_evidence(&self) -> (u64, u64, u64) {
        let (mut point_ev, mut comma_ev, mut ambiguous) = (0u64, 0u64, 0u64);
        for m in [&self.number, &self.money, &self.percent] {
            for (p, row) in m.iter().enumerate() {
                for (c, &count) in row.iter().enumerate() {
                    match (p, c) {
                        (0, 0) => {}
                        (_, 0) => point_ev += count,
                        (0, _) => comma_ev += count,
                        // Both readings have the same class only when they have the same value.
                        _ if p == c => {}
                        _ => ambiguous += count,
                    }
                }
            }
        }
        (point_ev, comma_ev, ambiguous)
    }

    /// Like [`ColumnProfile::infer`], but when the column's own cells do not decide (no evidence, or as
    /// much for one reading as for the other) the decimal separator is `decimal_fallback` and numeric dates
    /// read in `date_fallback` order ([`DateOrder::Ymd`] counts as month-first). A caller can pass what the
    /// other columns of the file prove (see [`ColumnProfile::evidence`]); the `*_ambiguous` flags still
    /// say that this column alone did not decide.
    pub fn infer_with(
        &self,
        decimal_fallback: DecimalSeparator,
        date_fallback: DateOrder,
    ) -> ColumnInference {
        let n = self.non_blank;

        // Decimal separator.
        let (point_ev, comma_ev, ambiguous) = self.decimal_evidence();
        let decimal = match comma_ev.cmp(&point_ev) {
            std::cmp::Ordering::Greater => DecimalSeparator::Comma,
            std::cmp::Ordering::Less => DecimalSeparator::Point,
            std::cmp::Ordering::Equal => decimal_fallback,
        };
        let decimal_conflict = point_ev > 0 && comma_ev > 0;
        let decimal_ambiguous = point_ev == 0 && comma_ev == 0 && ambiguous > 0;
        let d = decimal.index();
        let count_under = |m: &ClassMatrix, want: fn(NumClass) -> bool| -> u64 {
            let mut total = 0;
            for (p, row) in m.iter().enumerate() {
                for (c, &count) in row.iter().enumerate() {
                    let class = if d == 0 { p } else { c } as NumClass;
                    if want(class) {
                        total += count;
                    }
                }
            }
            total
        };
        let any = |m: &ClassMatrix| -> u64 { m.iter().flatten().sum() };
        let number_shaped = any(&self.number);
        let money_shaped = any(&self.money);
        let percent_shaped = any(&self.percent);
        let number_valid = count_under(&self.number, |c| c != INVALID);
        let number_whole = count_under(&self.number, integer_ok);
        let number_money = count_under(&self.number, money_ok);
        let money_valid = count_under(&self.money, money_ok);
        let percent_valid = count_under(&self.percent, |c| c != INVALID);

        // Date order.
        let day_month = self.date_same + self.date_both + self.date_mdy_only + self.date_dmy_only;
        let date_shaped = self.date_fixed + day_month;
        let order = if day_month == 0 {
            DateOrder::Ymd
        } else {
            match self.date_dmy_only.cmp(&self.date_mdy_only) {
                std::cmp::Ordering::Greater => DateOrder::Dmy,
                std::cmp::Ordering::Less => DateOrder::Mdy,
                std::cmp::Ordering::Equal if date_fallback == DateOrder::Dmy => DateOrder::Dmy,
                std::cmp::Ordering::Equal => DateOrder::Mdy,
            }
        };
        let date_valid = self.date_fixed
            + self.date_same
            + self.date_both
            + match order {
                DateOrder::Ymd => 0,
                DateOrder::Mdy => self.date_mdy_only,
                DateOrder::Dmy => self.date_dmy_only,
            };

        let fits = TypeCounts {
            integer: number_whole,
            decimal: number_valid,
            money: number_money + money_valid,
            percent: percent_valid,
            date: date_valid,
            boolean: self.bool_word + self.zero_one,
            email: self.email,
        };

        let (column_type, matching) = if n == 0 {
            (ColumnType::Empty, 0)
        } else if self.email == n {
            (ColumnType::Email, n)
        } else if self.bool_word > 0 && self.bool_word + self.zero_one == n {
            (ColumnType::Boolean, n)
        } else if date_shaped == n {
            (ColumnType::Date, date_valid)
        } else if percent_shaped == n {
            (ColumnType::Percent, percent_valid)
        } else if number_shaped == n && number_whole == n {
            (ColumnType::Integer, n)
        } else if money_shaped > 0 && number_shaped + money_shaped == n {
            (ColumnType::Money, number_money + money_valid)
        } else if number_shaped == n {
            (ColumnType::Decimal, number_valid)
        } else {
            (ColumnType::Text, n)
        };

        let is_date = column_type == ColumnType::Date;
        let (date_order, date_order_ambiguous, date_order_conflict) = if is_date {
            (
                Some(order),
                self.date_both > 0 && self.date_mdy_only == 0 && self.date_dmy_only == 0,
                self.date_mdy_only > 0 && self.date_dmy_only > 0,
            )
        } else {
            (None, false, false)
        };

        ColumnInference {
            column_type,
            decimal,
            decimal_ambiguous,
            decimal_conflict,
            date_order,
            date_order_ambiguous,
            date_order_conflict,
            currency: if self.currencies_mixed {
                None
            } else {
                self.currency.map(str::to_string)
            },
            currencies_mixed: self.currencies_mixed,
            non_blank: n,
            blank: self.blank,
            matching,
            mismatches: n.saturating_sub(matching),
            fits,
        }
    }
}

fn add(m: &mut ClassMatrix, p: NumClass, c: NumClass) {
    if let Some(slot) = m
        .get_mut(usize::from(p))
        .and_then(|r| r.get_mut(usize::from(c)))
    {
        *slot += 1;
    }
}

// ---------------------------------------------------------------------------------------------------------
// Numbers

/// A small stack buffer holding a number normalised for `str::parse` (`-1234.56e3`).
struct Buf {
    bytes: [u8; 128],
    len: usize,
    overflow: bool,
}

impl Buf {
    fn new() -> Buf {
        Buf {
            bytes: [0; 128],
            len: 0,
            overflow: false,
        }
    }

    fn push(&mut self, b: u8) {
        match self.bytes.get_mut(self.len) {
            Some(slot) => {
                *slot = b;
                self.len += 1;
            }
            None => self.overflow = true,
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(self.bytes.get(..self.len).unwrap_or(&[])).unwrap_or("")
    }
}

/// Removes one sign marker: a leading `-`, `+` or `−`, or a trailing `-` or `−`. Returns (negative, rest).
fn split_sign(s: &str) -> (bool, &str) {
    if let Some(r) = s.strip_prefix(['-', '\u{2212}']) {
        (true, r.trim_start())
    } else if let Some(r) = s.strip_prefix('+') {
        (false, r.trim_start())
    } else if let Some(r) = s.strip_suffix(['-', '\u{2212}']) {
        (true, r.trim_end())
    } else {
        (false, s)
    }
}

/// The kind of a thousands separator: spaces, apostrophes, or the non-decimal one of `.` and `,`.
fn group_kind(c: char, dec: DecimalSeparator) -> Option<u8> {
    match c {
        ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => Some(1),
        '\'' | '\u{2019}' => Some(2),
        ',' if dec == DecimalSeparator::Point => Some(3),
        '.' if dec == DecimalSeparator::Comma => Some(4),
        _ => None,
    }
}

/// Reads an unsigned number under `dec` (see the module docs) into a normalised buffer, with a leading `-`
/// when `negative`. Returns its class: invalid, whole or fractional, and whether it is 10^15 or more (then
/// [`BIG_WHOLE`] or [`HUGE`]). More than about 120 digits is invalid.
fn scan_unsigned(s: &str, dec: DecimalSeparator, negative: bool) -> (NumClass, Buf) {
    let mut buf = Buf::new();
    if negative {
        buf.push(b'-');
    }
    let class = scan_into(s, dec, Some(&mut buf));
    (if buf.overflow { INVALID } else { class }, buf)
}

/// The class of an unsigned number under `dec`, without keeping its text (for [`ColumnProfile`]).
fn classify_unsigned(s: &str, dec: DecimalSeparator) -> NumClass {
    match scan_into(s, dec, None) {
        // The magnitude of a number with an exponent needs its value.
        NEEDS_VALUE => scan_unsigned(s, dec, false).0,
        class => class,
    }
}

/// Returned by [`scan_into`] without a buffer for a number with an exponent.
const NEEDS_VALUE: NumClass = u8::MAX;
/// Most digits accepted in a number (the normalised text then fits a [`Buf`]).
const MAX_NUMBER_DIGITS: u32 = 120;

fn scan_into(s: &str, dec: DecimalSeparator, mut buf: Option<&mut Buf>) -> NumClass {
    let dec_char = match dec {
        DecimalSeparator::Point => '.',
        DecimalSeparator::Comma => ',',
    };
    let mut int_digits = 0u32;
    let mut significant = 0u32;
    let mut group_len = 0u32;
    let mut grouping: Option<u8> = None;
    let mut in_fraction = false;
    let mut fraction_digits = 0u32;
    let mut in_exponent = false;
    let mut exponent_digits = 0u32;
    let mut exponent_sign = false;
    let mut push = |b: u8| {
        if let Some(buf) = buf.as_deref_mut() {
            buf.push(b);
        }
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            if int_digits + fraction_digits + exponent_digits >= MAX_NUMBER_DIGITS {
                return INVALID;
            }
            if in_exponent {
                exponent_digits += 1;
            } else if in_fraction {
                fraction_digits += 1;
            } else {
                int_digits += 1;
                if significant > 0 || c != '0' {
                    significant += 1;
                }
                group_len += 1;
            }
            push(c as u8);
        } else if in_exponent {
            if (c == '+' || c == '-') && exponent_digits == 0 && !exponent_sign {
                exponent_sign = true;
                push(c as u8);
            } else {
                return INVALID;
            }
        } else if c == dec_char && !in_fraction {
            if grouping.is_some() && group_len != 3 {
                return INVALID;
            }
            in_fraction = true;
            push(b'.');
        } else if (c == 'e' || c == 'E')
            && grouping.is_none()
            && (int_digits > 0 || fraction_digits > 0)
            && (!in_fraction || fraction_digits > 0)
        {
            in_exponent = true;
            push(b'e');
        } else if let Some(kind) = group_kind(c, dec).filter(|_| !in_fraction) {
            match grouping {
                None if group_len == 0 || group_len > 3 => return INVALID,
                None => grouping = Some(kind),
                Some(k) if k != kind || group_len != 3 => return INVALID,
                Some(_) => {}
            }
            group_len = 0;
        } else {
            return INVALID;
        }
    }
    if int_digits == 0 && fraction_digits == 0 {
        return INVALID;
    }
    if grouping.is_some() && !in_fraction && group_len != 3 {
        return INVALID;
    }
    if (in_fraction && fraction_digits == 0) || (in_exponent && exponent_digits == 0) {
        return INVALID;
    }
    if in_exponent {
        let Some(buf) = buf else {
            return NEEDS_VALUE;
        };
        return match buf.as_str().parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() < MAX_AMOUNT => FRACTION,
            Ok(v) if v.is_finite() => HUGE,
            _ => INVALID,
        };
    }
    match (in_fraction, significant) {
        (false, 0..=15) => WHOLE,
        (true, 0..=15) => FRACTION,
        (false, 16..=18) => BIG_WHOLE,
        _ => HUGE,
    }
}

/// Classes of an unsigned body under both conventions, or `None` if neither reads.
fn unsigned_classes(s: &str) -> Option<(NumClass, NumClass)> {
    let p = classify_unsigned(s, DecimalSeparator::Point);
    let c = classify_unsigned(s, DecimalSeparator::Comma);
    (p != INVALID || c != INVALID).then_some((p, c))
}

/// Classes of a plain signed number under both conventions, or `None` if neither reads.
fn number_classes(s: &str) -> Option<(NumClass, NumClass)> {
    // Fast path: plain digits, the most common cell of all.
    if s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) {
        return (!s.is_empty()).then_some((WHOLE, WHOLE));
    }
    unsigned_classes(split_sign(s).1)
}

/// Reads an unsigned body into a normalised buffer (with a leading `-` when negative).
fn read_body(negative: bool, body: &str, dec: DecimalSeparator) -> Option<(Buf, NumClass)> {
    let (class, buf) = scan_unsigned(body, dec, negative);
    (class != INVALID).then_some((buf, class))
}

/// Why a cell that is not a number under `dec` failed: a hint when it reads with the other separator.
fn number_error(cell: &str, body: &str, dec: DecimalSeparator, what: &str) -> ValueError {
    let other = match dec {
        DecimalSeparator::Point => DecimalSeparator::Comma,
        DecimalSeparator::Comma => DecimalSeparator::Point,
    };
    if classify_unsigned(body, other) != INVALID {
        ValueError::cell(
            cell,
            &format!(
                "is not {what} with {} as decimal separator (it reads with {})",
                dec.label(),
                other.label()
            ),
        )
    } else {
        ValueError::cell(cell, &format!("is not {what}"))
    }
}

fn to_f64(buf: &Buf) -> Option<f64> {
    buf.as_str().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parses a plain number with the column's decimal separator: thousands grouping, a sign (leading `-`, `+`,
/// `−` or trailing `-`) and an exponent are allowed; currency and `%` are not.
///
/// ```
/// use stackscope::ingest::values::{parse_number, DecimalSeparator::*};
/// assert_eq!(parse_number("1,234.5", Point), Ok(1234.5));
/// assert_eq!(parse_number("−1 234,5", Comma), Ok(-1234.5));
/// assert!(parse_number("12,50", Point).is_err());
/// ```
pub fn parse_number(cell: &str, decimal: DecimalSeparator) -> Result<f64, ValueError> {
    let cell = cell.trim();
    let (negative, body) = split_sign(cell);
    let Some((buf, _)) = read_body(negative, body, decimal) else {
        return Err(number_error(cell, body, decimal, "a number"));
    };
    to_f64(&buf).ok_or_else(|| ValueError::cell(cell, "is out of range"))
}

/// Parses a whole number with the column's decimal separator: `1,611`, `1 611`, `1.611` (comma decimal).
/// A fraction of zeros is accepted (`12.00`, as spreadsheets write counts); other fractions, exponents and
/// values outside the `i64` range are errors.
pub fn parse_integer(cell: &str, decimal: DecimalSeparator) -> Result<i64, ValueError> {
    let cell = cell.trim();
    let (negative, body) = split_sign(cell);
    let Some((buf, _)) = read_body(negative, body, decimal) else {
        return Err(number_error(cell, body, decimal, "a whole number"));
    };
    let text = buf.as_str();
    if text.contains('e') {
        return Err(ValueError::cell(cell, "is not a whole number"));
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if !fraction.bytes().all(|b| b == b'0') {
        return Err(ValueError::cell(cell, "is not a whole number"));
    }
    let whole = match whole {
        "" | "-" => "0",
        w => w,
    };
    whole
        .parse::<i64>()
        .map_err(|_| ValueError::cell(cell, "is out of range for a whole number"))
}

/// Parses a percentage into a fraction: `42%` → 0.42, `42,5 %` (comma decimal) → 0.425. The `%` sign is
/// required (a bare `42` is an error, as it could mean 42 or 4200 %).
pub fn parse_percent(cell: &str, decimal: DecimalSeparator) -> Result<f64, ValueError> {
    let cell = cell.trim();
    let Some(number) = cell.strip_suffix('%') else {
        return Err(ValueError::cell(cell, "is not a percentage (no % sign)"));
    };
    let (negative, body) = split_sign(number.trim_end());
    let Some((mut buf, _)) = read_body(negative, body, decimal) else {
        return Err(number_error(cell, body, decimal, "a percentage"));
    };
    // Scale in decimal so that 42% is exactly the double nearest 0.42.
    let has_exponent = buf.as_str().contains('e');
    if !has_exponent {
        for b in *b"e-2" {
            buf.push(b);
        }
    }
    let value = to_f64(&buf).ok_or_else(|| ValueError::cell(cell, "is out of range"))?;
    Ok(if has_exponent { value / 100.0 } else { value })
}

// ---------------------------------------------------------------------------------------------------------
// Money

/// Currency symbols and what they stand for. Longer symbols first, so that suffix matching finds `CA$`
/// before `A$` before `$`.
const SYMBOLS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("CA$", "CAD"),
    ("AU$", "AUD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("MX$", "MXN"),
    ("CN¥", "CNY"),
    ("JP¥", "JPY"),
    ("C$", "CAD"),
    ("A$", "AUD"),
    ("S$", "SGD"),
    ("R$", "BRL"),
    ("zł", "PLN"),
    ("Kč", "CZK"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₪", "ILS"),
    ("₱", "PHP"),
    ("฿", "THB"),
    ("₫", "VND"),
    ("₴", "UAH"),
];

/// ISO 4217 codes recognised next to an amount (upper case only).
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "ISK",
    "PLN", "CZK", "HUF", "RON", "BGN", "HRK", "RSD", "TRY", "RUB", "UAH", "ILS", "AED", "SAR",
    "QAR", "KWD", "BHD", "OMR", "JOD", "EGP", "ZAR", "NGN", "KES", "GHS", "MAD", "TND", "INR",
    "PKR", "BDT", "LKR", "IDR", "MYR", "SGD", "THB", "PHP", "VND", "KRW", "TWD", "HKD", "MXN",
    "BRL", "ARS", "CLP", "COP", "PEN", "UYU", "XOF", "XAF",
];

/// Codes of currencies also written with a bare `$`.
const DOLLAR_CODES: &[&str] = &["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN"];

/// A currency marker found at one end of a cell: its code, and whether it was a bare `$`.
type Marker<'a> = (&'static str, bool, &'a str);

/// Three upper-case ASCII letters that are a known code.
fn code_at(s: &str) -> Option<&'static str> {
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    CODES.iter().copied().find(|&c| c == s)
}

fn strip_currency_prefix(s: &str) -> Option<Marker<'_>> {
    // Every symbol and code starts with `$`, an upper-case letter, `z` or a non-ASCII character.
    let first = s.chars().next()?;
    if first.is_ascii() && !(first == '$' || first == 'z' || first.is_ascii_uppercase()) {
        return None;
    }
    for &(symbol, code) in SYMBOLS {
        if let Some(rest) = s.strip_prefix(symbol) {
            return Some((code, symbol == "$", rest));
        }
    }
    let code = code_at(s.get(..3)?)?;
    let rest = s.get(3..)?;
    if rest.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((code, false, rest))
}

fn strip_currency_suffix(s: &str) -> Option<Marker<'_>> {
    // Every symbol and code ends with `$`, an upper-case letter or a non-ASCII character.
    let last = s.chars().next_back()?;
    if last.is_ascii() && !(last == '$' || last.is_ascii_uppercase()) {
        return None;
    }
    for &(symbol, code) in SYMBOLS {
        if let Some(rest) = s.strip_suffix(symbol) {
            return Some((code, symbol == "$", rest));
        }
    }
    let cut = s.len().checked_sub(3)?;
    let code = code_at(s.get(cut..)?)?;
    let rest = s.get(..cut)?;
    if rest.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((code, false, rest))
}

/// A money cell taken apart: the unsigned number, its sign and its currency.
struct MoneyParts<'a> {
    body: &'a str,
    negative: bool,
    parentheses: bool,
    currency: Option<&'static str>,
}

impl MoneyParts<'_> {
    /// A currency or accounting parentheses: what makes a number money.
    fn marked(&self) -> bool {
        self.currency.is_some() || self.parentheses
    }
}

/// Removes the currency, parentheses and sign from a cell, in any nesting (`-$12`, `$-12`, `($12)`,
/// `(12.00) USD`). `None` when two sign markers are present or nothing is left.
fn split_money(cell: &str) -> Option<MoneyParts<'_>> {
    let mut s = cell.trim();
    let mut currency: Option<&'static str> = None;
    let mut bare_dollar = false;
    let mut markers = 0u8;
    let mut parentheses = false;
    let mut signs = 0u8;
    let mut negative = false;
    for _ in 0..8 {
        let before = s.len();
        if markers < 2 {
            if let Some((code, dollar, rest)) =
                strip_currency_prefix(s).or_else(|| strip_currency_suffix(s))
            {
                // Two markers must agree; a bare `$` agrees with any dollar code (`CAD $12`).
                match currency {
                    None => (currency, bare_dollar) = (Some(code), dollar),
                    Some(c) if c == code => bare_dollar &= dollar,
                    Some(c) if dollar && DOLLAR_CODES.contains(&c) => {}
                    Some(_) if bare_dollar && DOLLAR_CODES.contains(&code) => {
                        (currency, bare_dollar) = (Some(code), false);
                    }
                    Some(_) => return None,
                }
                markers += 1;
                s = rest.trim();
            }
        }
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            parentheses = true;
            negative = true;
            signs += 1;
            s = inner.trim();
        }
        let (neg, rest) = split_sign(s);
        if rest.len() != s.len() {
            signs += 1;
            negative |= neg;
            s = rest;
        }
        if s.len() == before {
            break;
        }
    }
    if signs > 1 || s.is_empty() {
        return None;
    }
    Some(MoneyParts {
        body: s,
        negative,
        parentheses,
        currency,
    })
}

/// Amounts at or above this magnitude are rejected as absurd.
pub const MAX_AMOUNT: f64 = 1e15;

/// Parses an amount of money with the column's decimal separator.
///
/// The currency comes from a symbol or an ISO code before or after the amount (`$` alone is read as USD);
/// negatives are `-12`, `12-`, `−12` or `(12)`. Amounts of 10¹⁵ or more are errors.
///
/// ```
/// use stackscope::ingest::values::{parse_money, DecimalSeparator::*};
/// let m = parse_money("(CA$2,500.00)", Point).unwrap();
/// assert_eq!((m.amount, m.currency.as_deref()), (-2500.0, Some("CAD")));
/// let m = parse_money("63\u{202f}000,00 €", Comma).unwrap();
/// assert_eq!((m.amount, m.currency.as_deref()), (63000.0, Some("EUR")));
/// ```
pub fn parse_money(cell: &str, decimal: DecimalSeparator) -> Result<Money, ValueError> {
    let cell = cell.trim();
    let Some(parts) = split_money(cell) else {
        return Err(ValueError::cell(cell, "is not an amount"));
    };
    let Some((buf, class)) = read_body(parts.negative, parts.body, decimal) else {
        return Err(number_error(cell, parts.body, decimal, "an amount"));
    };
    let amount = to_f64(&buf)
        .filter(|_| money_ok(class))
        .ok_or_else(|| ValueError::cell(cell, "amount out of range (10^15 or more)"))?;
    Ok(Money {
        // `-0.00` reads as zero.
        amount: if amount == 0.0 { 0.0 } else { amount },
        currency: parts.currency.map(str::to_string),
    })
}

// ---------------------------------------------------------------------------------------------------------
// Dates

/// A date read from text before the day/month order is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RawDate {
    /// Components whose roles are known (year first, or a month name). May not be a valid date.
    Fixed {
        year: i32,
        month: u32,
        day: u32,
        weekday: Option<u8>,
    },
    /// `a/b/year`: month/day or day/month.
    DayMonth { a: u32, b: u32, year: i32 },
}

fn valid_date(year: i32, month: u32, day: u32) -> bool {
    make_date(year, month, day).is_some()
}

fn make_date(year: i32, month: u32, day: u32) -> Option<Date> {
    Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

/// Day of the week, 0 = Monday.
fn weekday(date: Date) -> u8 {
    // 1970-01-01 was a Thursday (3).
    (date.days_since_epoch() + 3).rem_euclid(7) as u8
}

/// Why a date shape did not give a date.
enum DateProblem {
    Invalid,
    Ambiguous,
    Weekday,
}

impl RawDate {
    fn resolve(self, order: DateOrder) -> Result<Date, DateProblem> {
        match self {
            RawDate::Fixed {
                year,
                month,
                day,
                weekday: wd,
            } => {
                let date = make_date(year, month, day).ok_or(DateProblem::Invalid)?;
                match wd {
                    Some(w) if w != weekday(date) => Err(DateProblem::Weekday),
                    _ => Ok(date),
                }
            }
            RawDate::DayMonth { a, b, year } => match order {
                DateOrder::Mdy => make_date(year, a, b).ok_or(DateProblem::Invalid),
                DateOrder::Dmy => make_date(year, b, a).ok_or(DateProblem::Invalid),
                DateOrder::Ymd => match (make_date(year, a, b), make_date(year, b, a)) {
                    (Some(x), Some(y)) if x == y => Ok(x),
                    (Some(_), Some(_)) => Err(DateProblem::Ambiguous),
                    (Some(x), None) | (None, Some(x)) => Ok(x),
                    (None, None) => Err(DateProblem::Invalid),
                },
            },
        }
    }
}

/// Two-digit years: 00–69 → 2000s, 70–99 → 1900s.
fn expand_two_digit_year(y: u32) -> i32 {
    if y < 70 {
        2000 + y as i32
    } else {
        1900 + y as i32
    }
}

fn digits_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0u32, |v, b| v * 10 + u32::from(b - b'0')))
}

/// Parses `H:MM[:SS[.fff]] [am|pm] [Z|UTC|GMT|±HH[:MM]]`.
fn is_time(s: &str) -> bool {
    let b = s.trim().as_bytes();
    let mut i = 0usize;
    let digits = |i: &mut usize, min: usize, max: usize| -> Option<u32> {
        let start = *i;
        let mut v = 0u32;
        while *i - start < max {
            match b.get(*i) {
                Some(d) if d.is_ascii_digit() => {
                    v = v * 10 + u32::from(d - b'0');
                    *i += 1;
                }
                _ => break,
            }
        }
        (*i - start >= min).then_some(v)
    };
    let Some(hour) = digits(&mut i, 1, 2) else {
        return false;
    };
    if b.get(i) != Some(&b':') {
        return false;
    }
    i += 1;
    let Some(minute) = digits(&mut i, 2, 2) else {
        return false;
    };
    if minute > 59 {
        return false;
    }
    if b.get(i) == Some(&b':') {
        i += 1;
        match digits(&mut i, 2, 2) {
            Some(sec) if sec <= 60 => {}
            _ => return false,
        }
        if matches!(b.get(i), Some(b'.') | Some(b',')) {
            i += 1;
            if digits(&mut i, 1, 9).is_none() {
                return false;
            }
        }
    }
    let skip_spaces = |i: &mut usize| {
        while b.get(*i) == Some(&b' ') {
            *i += 1;
        }
    };
    skip_spaces(&mut i);
    let rest = b.get(i..).unwrap_or(&[]);
    let mut twelve_hour = false;
    for marker in [&b"a.m."[..], b"p.m.", b"am", b"pm"] {
        if rest.len() >= marker.len()
            && rest
                .get(..marker.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(marker))
        {
            twelve_hour = true;
            i += marker.len();
            break;
        }
    }
    if (twelve_hour && !(1..=12).contains(&hour)) || hour > 23 {
        return false;
    }
    skip_spaces(&mut i);
    let rest = b.get(i..).unwrap_or(&[]);
    let rest = if rest.first().is_some_and(|c| c.eq_ignore_ascii_case(&b'z')) {
        rest.get(1..).unwrap_or(&[])
    } else {
        // A zone name: `UTC`, `GMT`, `CET`, `PST`, `AEDT`… (2 to 5 letters), possibly followed by an offset.
        let letters = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if (2..=5).contains(&letters) {
            rest.get(letters..).unwrap_or(&[])
        } else {
            rest
        }
    };
    match rest.split_first() {
        None => true,
        Some((sign, offset)) if *sign == b'+' || *sign == b'-' => {
            // `±H`, `±HH`, `±HHMM` or `±HH:MM`, hours at most 14, minutes at most 59.
            let value = |d: &[u8]| -> Option<u32> {
                let text = std::str::from_utf8(d).ok()?;
                (!d.is_empty() && d.len() <= 4 && d.iter().all(u8::is_ascii_digit))
                    .then(|| text.parse().ok())
                    .flatten()
            };
            let (hours, minutes) = match offset.iter().position(|&c| c == b':') {
                Some(colon) => {
                    let (h, m) = (offset.get(..colon), offset.get(colon + 1..));
                    match (h, m) {
                        (Some(h), Some(m)) if h.len() <= 2 && m.len() == 2 => (value(h), value(m)),
                        _ => return false,
                    }
                }
                None => match offset.len() {
                    1 | 2 => (value(offset), Some(0)),
                    4 => (
                        value(offset.get(..2).unwrap_or(&[])),
                        value(offset.get(2..).unwrap_or(&[])),
                    ),
                    _ => return false,
                },
            };
            matches!((hours, minutes), (Some(h), Some(m)) if h <= 14 && m <= 59)
        }
        Some(_) => false,
    }
}

/// Splits a trailing time off a cell. `None` when there is a `:` but no valid time after the date.
fn split_time(s: &str) -> Option<&str> {
    let Some(colon) = s.bytes().position(|b| b == b':') else {
        return Some(s);
    };
    let cut = s
        .as_bytes()
        .get(..colon)?
        .iter()
        .rposition(|&b| b == b' ' || b == b'T')?;
    let time = s.get(cut + 1..)?;
    if !is_time(time) {
        return None;
    }
    Some(s.get(..cut)?.trim_end().trim_end_matches(',').trim_end())
}

/// The shape of a date cell, before the day/month order is applied. `None` when it is not a date shape.
fn date_shape(s: &str) -> Option<RawDate> {
    let date = split_time(s)?;
    if date.is_empty() {
        return None;
    }
    if date
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.'))
    {
        numeric_date(date)
    } else {
        named_date(date)
    }
}

/// `yyyy-mm-dd`, `a/b/yyyy`, `a.b.yy`: one separator used twice, all digits.
fn numeric_date(s: &str) -> Option<RawDate> {
    let b = s.as_bytes();
    let i = b.iter().position(|b| !b.is_ascii_digit())?;
    let sep = *b.get(i)?;
    let j = i + 1 + b.get(i + 1..)?.iter().position(|&c| c == sep)?;
    let (p0, p1, p2) = (s.get(..i)?, s.get(i + 1..j)?, s.get(j + 1..)?);
    let (v0, v1, v2) = (digits_value(p0)?, digits_value(p1)?, digits_value(p2)?);
    let small = |p: &str| (1..=2).contains(&p.len());
    if p0.len() == 4 && small(p1) && small(p2) {
        return Some(RawDate::Fixed {
            year: v0 as i32,
            month: v1,
            day: v2,
            weekday: None,
        });
    }
    if !small(p0) || !small(p1) {
        return None;
    }
    let year = match p2.len() {
        4 => v2 as i32,
        2 => expand_two_digit_year(v2),
        _ => return None,
    };
    Some(RawDate::DayMonth { a: v0, b: v1, year })
}

/// Compares a word with an ASCII lower-case name, ignoring case, accents on vowels and cedillas.
fn folds_to(word: &str, name: &str) -> bool {
    let mut expected = name.bytes();
    for c in word.chars() {
        let folded = match c {
            'a'..='z' => c as u8,
            'A'..='Z' => c.to_ascii_lowercase() as u8,
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => b'e',
            'û' | 'ù' | 'ü' | 'Û' | 'Ù' | 'Ü' => b'u',
            'à' | 'â' | 'À' | 'Â' => b'a',
            'ô' | 'Ô' => b'o',
            'î' | 'ï' | 'Î' | 'Ï' => b'i',
            'ç' | 'Ç' => b'c',
            _ => return false,
        };
        if expected.next() != Some(folded) {
            return false;
        }
    }
    expected.next().is_none()
}

/// Month names, English and French (accents folded), full and abbreviated.
const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("january", 1),
    ("janv", 1),
    ("janvier", 1),
    ("feb", 2),
    ("february", 2),
    ("fev", 2),
    ("fevr", 2),
    ("fevrier", 2),
    ("mar", 3),
    ("march", 3),
    ("mars", 3),
    ("apr", 4),
    ("april", 4),
    ("avr", 4),
    ("avril", 4),
    ("may", 5),
    ("mai", 5),
    ("jun", 6),
    ("june", 6),
    ("juin", 6),
    ("jul", 7),
    ("july", 7),
    ("juil", 7),
    ("juillet", 7),
    ("aug", 8),
    ("august", 8),
    ("aout", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("septembre", 9),
    ("oct", 10),
    ("october", 10),
    ("octobre", 10),
    ("nov", 11),
    ("november", 11),
    ("novembre", 11),
    ("dec", 12),
    ("december", 12),
    ("decembre", 12),
];

/// Weekday names, 0 = Monday. French `mar.` (mardi) is left out: it is also March.
const WEEKDAYS: &[(&str, u8)] = &[
    ("monday", 0),
    ("mon", 0),
    ("lundi", 0),
    ("lun", 0),
    ("tuesday", 1),
    ("tue", 1),
    ("tues", 1),
    ("mardi", 1),
    ("wednesday", 2),
    ("wed", 2),
    ("mercredi", 2),
    ("mer", 2),
    ("thursday", 3),
    ("thu", 3),
    ("thur", 3),
    ("thurs", 3),
    ("jeudi", 3),
    ("jeu", 3),
    ("friday", 4),
    ("fri", 4),
    ("vendredi", 4),
    ("ven", 4),
    ("saturday", 5),
    ("sat", 5),
    ("samedi", 5),
    ("sam", 5),
    ("sunday", 6),
    ("sun", 6),
    ("dimanche", 6),
    ("dim", 6),
];

/// The lower-case first letter of a word, if it is ASCII.
fn first_letter(word: &str) -> Option<u8> {
    word.bytes()
        .next()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
}

fn month_named(word: &str) -> Option<u32> {
    if !(3..=10).contains(&word.len()) || !b"jfmasond".contains(&first_letter(word)?) {
        return None;
    }
    let first = first_letter(word)?;
    MONTHS
        .iter()
        .find(|(name, _)| name.as_bytes().first() == Some(&first) && folds_to(word, name))
        .map(|&(_, m)| m)
}

fn weekday_named(word: &str) -> Option<u8> {
    if !(3..=10).contains(&word.len()) || !b"mtwfsljvd".contains(&first_letter(word)?) {
        return None;
    }
    let first = first_letter(word)?;
    WEEKDAYS
        .iter()
        .find(|(name, _)| name.as_bytes().first() == Some(&first) && folds_to(word, name))
        .map(|&(_, d)| d)
}

/// A number token of a named date: (value, digit count, had an ordinal suffix).
fn date_number(token: &str) -> Option<(u32, usize, bool)> {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    let (num, suffix) = (token.get(..digits)?, token.get(digits..)?);
    let value = digits_value(num)?;
    if suffix.is_empty() {
        return Some((value, digits, false));
    }
    let ordinal = ["st", "nd", "rd", "th", "er", "e"]
        .iter()
        .any(|o| suffix.eq_ignore_ascii_case(o));
    (ordinal && digits <= 2).then_some((value, digits, true))
}

/// `Nov 3, 2026`, `3 Nov 2026`, `3-Nov-26`, `Tuesday, November 3, 2026`, `1er févr. 2026`.
fn named_date(s: &str) -> Option<RawDate> {
    let mut weekday = None;
    let mut month = None;
    let mut numbers: [(u32, usize, bool); 2] = [(0, 0, false); 2];
    let mut count = 0usize;
    let tokens = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/' | '.'))
        .filter(|t| !t.is_empty());
    for (i, token) in tokens.enumerate() {
        if token.starts_with(|c: char| c.is_ascii_digit()) {
            let n = date_number(token)?;
            *numbers.get_mut(count)? = n;
            count += 1;
        } else if let Some(m) = month_named(token) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if i == 0 {
            weekday = Some(weekday_named(token)?);
        } else {
            return None;
        }
    }
    let month = month?;
    if count != 2 {
        return None;
    }
    let [first, second] = numbers;
    let (day, year) = match (first, second) {
        ((_, _, true), (_, _, true)) => return None,
        (d, y @ (_, 4, false)) | (y @ (_, 4, false), d) => (d, y),
        (d, y @ (_, 2, false)) => (d, y),
        _ => return None,
    };
    if day.1 > 2 {
        return None;
    }
    let year = if year.1 == 4 {
        year.0 as i32
    } else {
        expand_two_digit_year(year.0)
    };
    Some(RawDate::Fixed {
        year,
        month,
        day: day.0,
        weekday,
    })
}

/// Cells that mean "nothing here" (`-`, `n/a`, `#N/A`, `null`…): counted and read as blank, i.e. unknown.
pub fn is_placeholder(cell: &str) -> bool {
    matches!(
        cell.trim(),
        "-" | "--"
            | "—"
            | "–"
            | "n/a"
            | "N/A"
            | "NA"
            | "#N/A"
            | "null"
            | "NULL"
            | "None"
            | "none"
            | "(blank)"
    )
}

/// Parses a date; `order` says how to read numeric `a/b/year` dates (see the module docs for the forms).
///
/// ```
/// use stackscope::ingest::values::{parse_date, DateOrder};
/// let d = parse_date("03/11/2026", DateOrder::Dmy).unwrap();
/// assert_eq!(d.to_string(), "2026-11-03");
/// let d = parse_date("2026-11-03T23:30:00-05:00", DateOrder::Ymd).unwrap();
/// assert_eq!(d.to_string(), "2026-11-03");
/// assert!(parse_date("2026-02-30", DateOrder::Ymd).is_err());
/// ```
pub fn parse_date(cell: &str, order: DateOrder) -> Result<Date, ValueError> {
    let cell = cell.trim();
    let Some(raw) = date_shape(cell) else {
        return Err(ValueError::cell(cell, "is not a date"));
    };
    raw.resolve(order).map_err(|problem| match problem {
        DateProblem::Invalid => ValueError::cell(cell, "is not a valid calendar date"),
        DateProblem::Ambiguous => ValueError::cell(
            cell,
            "could be day/month or month/day; the order is not known",
        ),
        DateProblem::Weekday => ValueError::cell(cell, "names a weekday that is not that date's"),
    })
}

/// Excel serial of 1899-12-30: serial `n` (from 61 on) is this many days after it.
const EXCEL_EPOCH_DAYS: i64 = -25_569;
/// Serial of 9999-12-31, the last date Excel shows.
const EXCEL_MAX_SERIAL: i64 = 2_958_465;

/// Reads an Excel serial date (1900 date system): `46327` → 2026-11-01. A fractional part is a time of day
/// and is dropped (`46327.75` is also 2026-11-01). Serial 60 (Excel's fictitious 1900-02-29), serials below 1
/// and above 2958465 (9999-12-31) are errors. Either `.` or `,` may separate the fraction; grouping is refused.
pub fn parse_excel_serial(cell: &str) -> Result<Date, ValueError> {
    let cell = cell.trim();
    let (whole, fraction) = match cell.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (cell, None),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(whole) || fraction.is_some_and(|f| !is_digits(f)) {
        return Err(ValueError::cell(cell, "is not an Excel serial date"));
    }
    let serial = if whole.len() > 8 {
        i64::MAX
    } else {
        whole
            .bytes()
            .fold(0i64, |v, b| v * 10 + i64::from(b - b'0'))
    };
    if serial == 60 {
        return Err(ValueError::cell(
            cell,
            "is Excel's 1900-02-29, a date that does not exist",
        ));
    }
    if !(1..=EXCEL_MAX_SERIAL).contains(&serial) {
        return Err(ValueError::cell(
            cell,
            "is out of range for an Excel serial date (1 to 2958465)",
        ));
    }
    // Excel counts 1900-02-29, so serials before it are one day later than the arithmetic gives.
    let days = EXCEL_EPOCH_DAYS + serial + i64::from(serial < 60);
    Date::from_days_since_epoch(days)
        .ok_or_else(|| ValueError::cell(cell, "is out of range for an Excel serial date"))
}

// ---------------------------------------------------------------------------------------------------------
// Booleans and emails

fn bool_word(s: &str) -> Option<bool> {
    const TRUE: [&str; 5] = ["true", "yes", "y", "vrai", "oui"];
    const FALSE: [&str; 5] = ["false", "no", "n", "faux", "non"];
    if TRUE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(true)
    } else if FALSE.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        Some(false)
    } else {
        None
    }
}

/// `True/False`, `Yes/No`, `Y/N`, `VRAI/FAUX`, `Oui/Non` (any letter case) and `1/0`.
pub fn parse_bool(cell: &str) -> Result<bool, ValueError> {
    let cell = cell.trim();
    match cell {
        "1" => Ok(true),
        "0" => Ok(false),
        _ => bool_word(cell).ok_or_else(|| ValueError::cell(cell, "is not yes/no")),
    }
}

/// A plausible email address: a local part without spaces, `@`, `<`, `>` or quotes, not starting or ending
/// with a dot and without `..`; one `@`; a domain of dot-separated labels of letters, digits and inner
/// hyphens, with a top-level label of at least two letters. At most 254 characters.
pub fn is_email(cell: &str) -> bool {
    let cell = cell.trim();
    if cell.len() > 254 {
        return false;
    }
    let Some((local, domain)) = cell.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '@' | '<' | '>' | '"' | ',' | ';')
        });
    if !local_ok {
        return false;
    }
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && last.chars().count() >= 2 && last.chars().all(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::DateOrder::*;
    use super::DecimalSeparator::*;
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn money(cell: &str, dec: DecimalSeparator) -> (f64, Option<String>) {
        let m = parse_money(cell, dec).unwrap_or_else(|e| panic!("{cell}: {e}"));
        (m.amount, m.currency)
    }

    fn profile(cells: &[&str]) -> ColumnInference {
        let mut p = ColumnProfile::new();
        for c in cells {
            p.observe(c);
        }
        p.infer()
    }

    #[test]
    fn money_formats_from_the_issue() {
        let usd = Some("USD".to_string());
        let eur = Some("EUR".to_string());
        assert_eq!(money("$1,234.56", Point), (1234.56, usd.clone()));
        assert_eq!(money("1.234,56 €", Comma), (1234.56, eur.clone()));
        assert_eq!(money("63 000,00", Comma), (63000.0, None));
        assert_eq!(money("63\u{a0}000,00", Comma), (63000.0, None));
        assert_eq!(money("63\u{202f}000,00", Comma), (63000.0, None));
        assert_eq!(money("(2,500.00)", Point), (-2500.0, None));
        assert_eq!(money("-2,500.00", Point), (-2500.0, None));
        assert_eq!(money("2,500.00-", Point), (-2500.0, None));
        assert_eq!(money("\u{2212}2 500,00", Comma), (-2500.0, None));
        assert_eq!(money("USD 12.00", Point), (12.0, usd.clone()));
        assert_eq!(money("12 EUR", Point), (12.0, eur.clone()));
        assert_eq!(money("€12", Point), (12.0, eur.clone()));
        assert_eq!(money("£9.99", Point), (9.99, Some("GBP".into())));
        assert_eq!(money("CA$10.50", Point), (10.5, Some("CAD".into())));
        assert_eq!(money("A$10.50", Point), (10.5, Some("AUD".into())));
        assert_eq!(money("US$10.50", Point), (10.5, usd.clone()));
        assert_eq!(money("12.00 USD", Point), (12.0, usd.clone()));
        assert_eq!(money("10 CA$", Point), (10.0, Some("CAD".into())));
        assert_eq!(money("10 A$", Point), (10.0, Some("AUD".into())));
    }

    #[test]
    fn money_sign_and_currency_nest_in_any_order() {
        let usd = Some("USD".to_string());
        assert_eq!(money("-$12.00", Point), (-12.0, usd.clone()));
        assert_eq!(money("$-12.00", Point), (-12.0, usd.clone()));
        assert_eq!(money("($12.00)", Point), (-12.0, usd.clone()));
        assert_eq!(money("(12.00) USD", Point), (-12.0, usd.clone()));
        assert_eq!(money("(USD 1,000)", Point), (-1000.0, usd.clone()));
        assert_eq!(money("USD12", Point), (12.0, usd.clone()));
        assert_eq!(money("12,5€", Comma), (12.5, Some("EUR".into())));
        assert_eq!(money("1'234.50 CHF", Point), (1234.5, Some("CHF".into())));
        assert_eq!(money("-0.00", Point), (0.0, None));
        assert_eq!(money("+5", Point), (5.0, None));
        assert_eq!(money("USD $1,234.56", Point), (1234.56, usd.clone()));
        assert_eq!(money("CAD $12", Point), (12.0, Some("CAD".into())));
        assert_eq!(money("$12 AUD", Point), (12.0, Some("AUD".into())));
        assert_eq!(money("€12 EUR", Point), (12.0, Some("EUR".into())));
    }

    #[test]
    fn money_rejections() {
        for cell in [
            "",
            "$",
            "USD",
            "--12",
            "-(12)",
            "(12",
            "12 USDT",
            "ABC 12",
            "1,23,456.00",
            "12.",
            "n/a",
            "$ 12 34",
            "1e99999 USD",
            "€12 USD",
            "£12 $",
            "$ $ $12",
            "$1,234,567,890,123,456",
        ] {
            assert!(parse_money(cell, Point).is_err(), "{cell}");
        }
        let e = parse_money("$1,000,000,000,000,000", Point).unwrap_err();
        assert!(e.reason.contains("amount out of range"), "{e}");
        assert!(parse_money("999,999,999,999,999.99", Point).is_ok());
        assert!(parse_money("1,000,000,000,000,000.00", Point).is_err());
        assert!(parse_money("-1 000 000 000 000 000,00 €", Comma).is_err());
        assert!(parse_money("999,999,999,999.99", Point).is_ok());
        assert_eq!(
            parse_money("1.5E+3 USD", Point).map(|m| m.amount),
            Ok(1500.0)
        );
        assert!(parse_money("1E15", Point).is_err());
        assert!(parse_money("9.99E14", Point).is_ok());
        let e = parse_money("12,50 €", Point).unwrap_err();
        assert!(e.reason.contains("reads with a comma"), "{e}");
    }

    #[test]
    fn numbers_and_integers() {
        assert_eq!(parse_number("1,611", Point), Ok(1611.0));
        assert_eq!(parse_number("1,611", Comma), Ok(1.611));
        assert_eq!(parse_number("0.5", Point), Ok(0.5));
        assert_eq!(parse_number(".5", Point), Ok(0.5));
        assert_eq!(parse_number("1.5E+3", Point), Ok(1500.0));
        assert_eq!(parse_number("1,5e-3", Comma), Ok(0.0015));
        assert_eq!(parse_number("12-", Point), Ok(-12.0));
        assert!(parse_number("1,5e3", Point).is_err());
        assert!(parse_number("1 2", Point).is_err());
        assert!(parse_number("12 34", Point).is_err());
        assert!(parse_number("$12", Point).is_err());
        assert!(parse_number("12%", Point).is_err());
        assert!(parse_number("", Point).is_err());
        assert!(parse_number("NaN", Point).is_err());
        assert!(parse_number("inf", Point).is_err());

        assert_eq!(parse_integer("1,611", Point), Ok(1611));
        assert_eq!(parse_integer("1 611", Point), Ok(1611));
        assert_eq!(parse_integer("1\u{a0}611", Comma), Ok(1611));
        assert_eq!(parse_integer("1.611", Comma), Ok(1611));
        assert_eq!(parse_integer("-42", Point), Ok(-42));
        assert_eq!(parse_integer("12.00", Point), Ok(12));
        assert_eq!(parse_integer("9223372036854775807", Point), Ok(i64::MAX));
        assert_eq!(parse_integer("-9223372036854775808", Point), Ok(i64::MIN));
        assert!(parse_integer("9223372036854775808", Point).is_err());
        assert!(parse_integer("1,611", Comma).is_err());
        assert!(parse_integer("12.5", Point).is_err());
        assert!(parse_integer("1e3", Point).is_err());
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent("42%", Point), Ok(0.42));
        assert_eq!(parse_percent("42,5 %", Comma), Ok(0.425));
        assert_eq!(parse_percent("42,5\u{a0}%", Comma), Ok(0.425));
        assert_eq!(parse_percent("-3.5%", Point), Ok(-0.035));
        assert_eq!(parse_percent("100%", Point), Ok(1.0));
        assert_eq!(parse_percent("1e2%", Point), Ok(1.0));
        assert!(parse_percent("42", Point).is_err());
        assert!(parse_percent("%", Point).is_err());
        assert!(parse_percent("42,5%", Point).is_err());
    }

    #[test]
    fn dates_from_the_issue() {
        let nov3 = date(2026, 11, 3);
        for cell in [
            "2026-11-03",
            "2026-11-03T14:05:00Z",
            "2026-11-03T23:30:00-05:00",
            "2026-11-03T23:30:00+0530",
            "2026-11-03T14:05:00.123456Z",
            "2026-11-03 14:05:00",
            "2026-11-03 14:05",
            "2026/11/03",
            "Nov 3, 2026",
            "3 Nov 2026",
            "3-Nov-2026",
            "03-NOV-26",
            "November 3, 2026",
            "Tuesday, November 3, 2026",
            "Tue, 3 Nov 2026 14:05:00 GMT",
            "2026-11-03 14:05:00 PST",
            "2026-11-03 14:05:00 +0000",
            "2026-11-03 14:05 UTC+01:00",
            "2026-11-03T14:05:00+5",
            "2026-11-03T14:05:00-0930",
            "Nov 3, 2026, 2:05 PM",
            "November 3rd, 2026",
            "3 novembre 2026",
            "mardi 3 novembre 2026",
            "3 nov. 2026",
            "2026-Nov-03",
        ] {
            assert_eq!(parse_date(cell, Ymd), Ok(nov3), "{cell}");
            assert_eq!(parse_date(cell, Dmy), Ok(nov3), "{cell}");
            assert_eq!(parse_date(cell, Mdy), Ok(nov3), "{cell}");
        }
        assert_eq!(parse_date("11/03/2026", Mdy), Ok(nov3));
        assert_eq!(parse_date("03/11/2026", Dmy), Ok(nov3));
        assert_eq!(parse_date("11/03/26", Mdy), Ok(nov3));
        assert_eq!(parse_date("03.11.2026", Dmy), Ok(nov3));
        assert_eq!(parse_date("3.11.2026", Dmy), Ok(nov3));
        assert_eq!(parse_date("11/3/2026 2:05 PM", Mdy), Ok(nov3));
        // Ymd reads a/b/year only when one reading is possible.
        assert_eq!(parse_date("11/23/2026", Ymd), Ok(date(2026, 11, 23)));
        assert_eq!(parse_date("23/11/2026", Ymd), Ok(date(2026, 11, 23)));
        assert_eq!(parse_date("05/05/2026", Ymd), Ok(date(2026, 5, 5)));
        assert!(parse_date("03/11/2026", Ymd).is_err());
    }

    #[test]
    fn french_month_names() {
        let cases = [
            ("1 janv. 2026", 1),
            ("1 janvier 2026", 1),
            ("1 févr. 2026", 2),
            ("1 FÉVR 2026", 2),
            ("1 fevr 2026", 2),
            ("1 février 2026", 2),
            ("1 mars 2026", 3),
            ("1 avr. 2026", 4),
            ("1 avril 2026", 4),
            ("1 mai 2026", 5),
            ("1 juin 2026", 6),
            ("1 juil. 2026", 7),
            ("1 juillet 2026", 7),
            ("1 août 2026", 8),
            ("1 aout 2026", 8),
            ("1er août 2026", 8),
            ("1 sept. 2026", 9),
            ("1 septembre 2026", 9),
            ("1 oct. 2026", 10),
            ("1 octobre 2026", 10),
            ("1 nov. 2026", 11),
            ("1 novembre 2026", 11),
            ("1 déc. 2026", 12),
            ("1 dec 2026", 12),
            ("1 décembre 2026", 12),
        ];
        for (cell, month) in cases {
            assert_eq!(parse_date(cell, Dmy), Ok(date(2026, month, 1)), "{cell}");
        }
    }

    #[test]
    fn date_rejections() {
        for cell in [
            "2026-02-30",
            "0000-00-00",
            "2026-13-01",
            "Feb 30, 2026",
            "Monday, November 3, 2026",
            "2026-11",
            "Nov 2026",
            "Nov 3",
            "11/03",
            "2026-11-03T25:00:00Z",
            "2026-11-03T14:05:00+25:00",
            "2026-11-03T14:05:00+99999999999999999999",
            "2026-11-03T14:05:00+05:60",
            "2026-11-03T14:05:00+053",
            "2026-11-03T14:05:00+",
            "2026-11-03 13:05 PM",
            "2026-11-03Tfoo",
            "14:05",
            "2026-11-03-04",
            "1/2/3",
            "3 Foo 2026",
            "3rd 4th Nov",
            "",
        ] {
            for order in [Ymd, Mdy, Dmy] {
                assert!(parse_date(cell, order).is_err(), "{cell} {order:?}");
            }
        }
        assert!(parse_date("13/01/2026", Mdy).is_err());
        assert!(parse_date("01/13/2026", Dmy).is_err());
    }

    #[test]
    fn two_digit_years_pivot_at_70() {
        assert_eq!(parse_date("01/02/00", Mdy), Ok(date(2000, 1, 2)));
        assert_eq!(parse_date("01/02/69", Mdy), Ok(date(2069, 1, 2)));
        assert_eq!(parse_date("01/02/70", Mdy), Ok(date(1970, 1, 2)));
        assert_eq!(parse_date("01/02/99", Mdy), Ok(date(1999, 1, 2)));
        assert_eq!(parse_date("5-Jan-99", Mdy), Ok(date(1999, 1, 5)));
    }

    #[test]
    fn excel_serials() {
        assert_eq!(parse_excel_serial("46327"), Ok(date(2026, 11, 1)));
        assert_eq!(parse_excel_serial("46328"), Ok(date(2026, 11, 2)));
        assert_eq!(parse_excel_serial("45658"), Ok(date(2025, 1, 1)));
        assert_eq!(parse_excel_serial("25569"), Ok(date(1970, 1, 1)));
        assert_eq!(parse_excel_serial("46327.75"), Ok(date(2026, 11, 1)));
        assert_eq!(parse_excel_serial("46327,5"), Ok(date(2026, 11, 1)));
        assert_eq!(parse_excel_serial("1"), Ok(date(1900, 1, 1)));
        assert_eq!(parse_excel_serial("59"), Ok(date(1900, 2, 28)));
        assert_eq!(parse_excel_serial("61"), Ok(date(1900, 3, 1)));
        assert_eq!(parse_excel_serial("2958465"), Ok(date(9999, 12, 31)));
        for cell in [
            "0",
            "60",
            "2958466",
            "-1",
            "1e4",
            "",
            "46 327",
            "99999999999999999999",
        ] {
            assert!(parse_excel_serial(cell).is_err(), "{cell}");
        }
    }

    #[test]
    fn booleans() {
        for cell in ["True", "TRUE", "yes", "Y", "1", "VRAI", "Oui", "oui"] {
            assert_eq!(parse_bool(cell), Ok(true), "{cell}");
        }
        for cell in ["False", "false", "No", "N", "0", "FAUX", "Non"] {
            assert_eq!(parse_bool(cell), Ok(false), "{cell}");
        }
        for cell in ["", "2", "maybe", "t", "yess"] {
            assert!(parse_bool(cell).is_err(), "{cell}");
        }
    }

    #[test]
    fn emails() {
        for cell in [
            "ana@example.com",
            " a.b+tag@sub.example.co.uk ",
            "josé@exemple.fr",
        ] {
            assert!(is_email(cell), "{cell}");
        }
        for cell in [
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "ana@@example.com",
            "ana@example..com",
            "ana @example.com",
            "Ana <ana@example.com>",
            ".ana@example.com",
            "ana@-example.com",
            "ana@example.c0m",
            "ana@example.c",
        ] {
            assert!(!is_email(cell), "{cell}");
        }
    }

    #[test]
    fn inference_of_each_type() {
        assert_eq!(profile(&[]).column_type, ColumnType::Empty);
        assert_eq!(profile(&["", " "]).column_type, ColumnType::Empty);
        assert_eq!(
            profile(&["a@b.co", "c@d.io"]).column_type,
            ColumnType::Email
        );
        assert_eq!(
            profile(&["Yes", "no", "1"]).column_type,
            ColumnType::Boolean
        );
        assert_eq!(profile(&["0", "1", "1"]).column_type, ColumnType::Integer);
        assert_eq!(profile(&["1,611", "20"]).column_type, ColumnType::Integer);
        assert_eq!(profile(&["1.5", "20"]).column_type, ColumnType::Decimal);
        assert_eq!(profile(&["$1.50", "20"]).column_type, ColumnType::Money);
        assert_eq!(profile(&["(1.50)", "20"]).column_type, ColumnType::Money);
        assert_eq!(profile(&["-1.50", "20"]).column_type, ColumnType::Decimal);
        assert_eq!(profile(&["42%", "3,5 %"]).column_type, ColumnType::Percent);
        assert_eq!(profile(&["42%", "3"]).column_type, ColumnType::Text);
        assert_eq!(
            profile(&["2026-11-03", "Nov 4, 2026"]).column_type,
            ColumnType::Date
        );
        assert_eq!(profile(&["Slack", "12"]).column_type, ColumnType::Text);
        assert_eq!(profile(&["(n/a)"]).column_type, ColumnType::Text);
        let t = profile(&["Slack", "Zoom"]);
        assert_eq!(
            (t.column_type, t.matching, t.mismatches),
            (ColumnType::Text, 2, 0)
        );
    }

    #[test]
    fn decimal_separator_is_decided_by_the_column() {
        let i = profile(&["1,234", "12,50"]);
        assert_eq!((i.column_type, i.decimal), (ColumnType::Decimal, Comma));
        assert!(!i.decimal_ambiguous && !i.decimal_conflict);
        assert_eq!(parse_number("1,234", i.decimal), Ok(1.234));

        let i = profile(&["1,234", "5"]);
        assert_eq!((i.column_type, i.decimal), (ColumnType::Integer, Point));
        assert!(i.decimal_ambiguous);

        let i = profile(&["1.234,56 €", "2.000 €"]);
        assert_eq!((i.column_type, i.decimal), (ColumnType::Money, Comma));
        assert_eq!(i.currency.as_deref(), Some("EUR"));

        let i = profile(&["1,234.56", "2,000", "7"]);
        assert_eq!((i.column_type, i.decimal), (ColumnType::Decimal, Point));
        assert!(!i.decimal_ambiguous);

        let i = profile(&["63 000,00", "12 000,00", "1 000"]);
        assert_eq!(i.decimal, Comma);

        // Conflict: the majority wins, the minority are mismatches.
        let i = profile(&["1,5", "2,5", "1,234.56"]);
        assert_eq!((i.column_type, i.decimal), (ColumnType::Decimal, Comma));
        assert!(i.decimal_conflict);
        assert_eq!((i.matching, i.mismatches), (2, 1));
    }

    #[test]
    fn date_order_is_decided_by_the_column() {
        let i = profile(&["03/11/2026", "23/11/2026"]);
        assert_eq!(i.date_order, Some(Dmy));
        assert!(!i.date_order_ambiguous && !i.date_order_conflict);

        let i = profile(&["03/11/2026", "11/23/2026"]);
        assert_eq!(i.date_order, Some(Mdy));

        let i = profile(&["03/11/2026", "04/11/2026"]);
        assert_eq!(i.date_order, Some(Mdy));
        assert!(i.date_order_ambiguous);

        let i = profile(&["05/05/2026", "2026-11-03"]);
        assert_eq!(i.date_order, Some(Mdy));
        assert!(!i.date_order_ambiguous);

        let i = profile(&["2026-11-03", "2026-11-04T10:00:00Z"]);
        assert_eq!(i.date_order, Some(Ymd));

        let i = profile(&["23/11/2026", "24/11/2026", "11/25/2026", ""]);
        assert_eq!(i.column_type, ColumnType::Date);
        assert_eq!(i.date_order, Some(Dmy));
        assert!(i.date_order_conflict);
        assert_eq!((i.matching, i.mismatches, i.blank), (2, 1, 1));

        let i = profile(&["2026-02-30"]);
        assert_eq!(i.column_type, ColumnType::Text);
    }

    #[test]
    fn large_values_fit_some_types_and_not_others() {
        // 10^15 and more: not money, but an integer up to 18 digits, and a decimal beyond.
        let i = profile(&["$12", "1000000000000000"]);
        assert_eq!((i.column_type, i.mismatches), (ColumnType::Money, 1));
        let i = profile(&["123456789012345678", "7"]);
        assert_eq!((i.column_type, i.mismatches), (ColumnType::Integer, 0));
        let i = profile(&["12345678901234567890", "7"]);
        assert_eq!((i.column_type, i.mismatches), (ColumnType::Decimal, 0));
        assert_eq!(
            parse_number("12345678901234567890", Point),
            Ok(1.2345678901234567e19)
        );
        let i = profile(&["1e3", "7"]);
        assert_eq!(i.column_type, ColumnType::Decimal);
        let digits = "9".repeat(200);
        assert!(parse_number(&digits, Point).is_err());
        assert_eq!(profile(&[&digits]).column_type, ColumnType::Text);
    }

    #[test]
    fn file_wide_evidence_decides_undecided_columns() {
        let mut seats = ColumnProfile::new();
        let mut amount = ColumnProfile::new();
        let mut renewal = ColumnProfile::new();
        let mut start = ColumnProfile::new();
        for (s, a, r, t) in [
            ("1.611", "1.234,56 €", "03/11/2026", "01/02/2026"),
            ("12", "12,50 €", "23/11/2026", "02/03/2026"),
        ] {
            seats.observe(s);
            amount.observe(a);
            renewal.observe(r);
            start.observe(t);
        }
        let mut file = Evidence::default();
        for p in [&seats, &amount, &renewal, &start] {
            file += p.evidence();
        }
        assert_eq!((file.decimal(), file.date_order()), (Comma, Dmy));
        let alone = seats.infer();
        assert_eq!(
            (alone.column_type, alone.decimal),
            (ColumnType::Decimal, Point)
        );
        let with_file = seats.infer_with(file.decimal(), file.date_order());
        assert_eq!(
            (with_file.column_type, with_file.decimal),
            (ColumnType::Integer, Comma)
        );
        assert!(with_file.decimal_ambiguous);
        assert_eq!(parse_integer("1.611", with_file.decimal), Ok(1611));
        let start = start.infer_with(file.decimal(), file.date_order());
        assert_eq!(start.date_order, Some(Dmy));
        assert!(start.date_order_ambiguous);
        // A column's own evidence beats the fallback.
        let amount = amount.infer_with(Point, Mdy);
        assert_eq!(amount.decimal, Comma);
    }

    #[test]
    fn currencies_are_tracked() {
        let i = profile(&["$12", "€5"]);
        assert_eq!(i.column_type, ColumnType::Money);
        assert!(i.currencies_mixed);
        assert_eq!(i.currency, None);
        let i = profile(&["12.00 USD", "3"]);
        assert_eq!(i.currency.as_deref(), Some("USD"));
        assert!(!i.currencies_mixed);
    }

    #[test]
    fn fits_count_cells_of_an_almost_typed_column() {
        let i = profile(&["$12", "$5", "TBD"]);
        assert_eq!(i.column_type, ColumnType::Text);
        assert_eq!(i.fits.money, 2);
        // Placeholders are blanks (unknown), not text.
        let i = profile(&["$12", "$5", "N/A", "-"]);
        assert_eq!(i.column_type, ColumnType::Money);
        assert_eq!(i.blank, 2);
        let i = profile(&["2026-11-03", "soon"]);
        assert_eq!(i.fits.date, 1);
        assert_eq!(i.fits.email, 0);
    }

    #[test]
    fn error_reasons_quote_the_cell_briefly() {
        let long = "x".repeat(100);
        let e = parse_number(&long, Point).unwrap_err();
        assert!(e.reason.len() < 80, "{}", e.reason);
        assert!(e.reason.starts_with("'xxx"));
    }
}
