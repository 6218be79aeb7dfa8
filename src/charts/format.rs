//! Deterministic number, money, percentage and date formatting (no locale, no clock).

/// A currency: its ISO code and how amounts are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    pub code: String,
    prefix: String,
    decimals: usize,
}

impl Currency {
    /// Three ASCII letters (case-insensitive); anything else becomes `XXX` ("no currency").
    pub fn new(code: &str) -> Currency {
        let c = code.trim();
        let code = if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
            c.to_ascii_uppercase()
        } else {
            "XXX".to_string()
        };
        let (prefix, decimals) = match code.as_str() {
            "USD" => ("$".to_string(), 2),
            "EUR" => ("€".to_string(), 2),
            "GBP" => ("£".to_string(), 2),
            "JPY" => ("¥".to_string(), 0),
            "CNY" => ("CN¥".to_string(), 2),
            "INR" => ("₹".to_string(), 2),
            "CAD" => ("CA$".to_string(), 2),
            "AUD" => ("A$".to_string(), 2),
            "NZD" => ("NZ$".to_string(), 2),
            "KRW" => ("₩".to_string(), 0),
            "BRL" => ("R$".to_string(), 2),
            "XXX" => (String::new(), 2),
            other => (format!("{other}\u{a0}"), 2),
        };
        Currency {
            code,
            prefix,
            decimals,
        }
    }

    /// The exact amount: sign, symbol, thousands separators, the currency's decimals
    /// (`-$12,400.50`, `CHF 1,000.00`, `¥1,200`). Non-finite amounts are "n/a".
    pub fn exact(&self, v: f64) -> String {
        if !v.is_finite() {
            return "n/a".to_string();
        }
        let sign = if v < 0.0 && round_to(v.abs(), self.decimals) != 0.0 {
            "-"
        } else {
            ""
        };
        format!(
            "{sign}{}{}",
            self.prefix,
            group(&format!("{:.*}", self.decimals, v.abs()))
        )
    }

    /// A short amount for axes and bar ends: `$950`, `$12.4k`, `$3.1M`, `$2B`.
    pub fn compact(&self, v: f64) -> String {
        if !v.is_finite() {
            return "n/a".to_string();
        }
        let sign = if v < 0.0 { "-" } else { "" };
        format!("{sign}{}{}", self.prefix, compact_number(v.abs()))
    }

    /// The axis unit, e.g. "USD".
    pub fn unit(&self) -> &str {
        if self.code == "XXX" {
            "no currency"
        } else {
            &self.code
        }
    }
}

fn round_to(v: f64, decimals: usize) -> f64 {
    let p = 10f64.powi(decimals as i32);
    (v * p).round() / p
}

/// Inserts thousands separators into a plain decimal string like `1234567.89`.
fn group(s: &str) -> String {
    let (int, frac) = match s.find('.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::with_capacity(s.len() + digits.len() / 3);
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    out.push_str(frac);
    out
}

/// A non-negative number written short: `950`, `12.4k`, `3.1M`, `2B`, `1.5T`.
pub fn compact_number(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let v = v.abs();
    let units = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")];
    for (scale, suffix) in units {
        if v >= scale * 0.9995 {
            return format!("{}{suffix}", trim_decimals(v / scale, 1));
        }
    }
    trim_decimals(v, if v < 10.0 { 1 } else { 0 })
}

/// `v` with at most `decimals` decimals, trailing zeros removed.
pub fn trim_decimals(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let s = format!("{:.*}", decimals, v);
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// An integer-ish count with thousands separators (`1,234`; fractional counts keep one decimal).
pub fn count(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let s = trim_decimals(v.abs(), 1);
    format!(
        "{}{}",
        if v < 0.0 && s != "0" { "-" } else { "" },
        group(&s)
    )
}

/// A fraction as a percentage: `0.625` → `62.5 %`, `1` → `100 %`.
pub fn percent(fraction: f64) -> String {
    if !fraction.is_finite() {
        return "n/a".to_string();
    }
    format!(
        "{}\u{a0}%",
        group_signed(&trim_decimals(fraction * 100.0, 1))
    )
}

fn group_signed(s: &str) -> String {
    match s.strip_prefix('-') {
        Some(rest) => format!("-{}", group(rest)),
        None => group(s),
    }
}

/// A civil date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// Parses `YYYY-MM-DD` (years 1000..=9999); anything else is `None`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y: i32 = s.get(0..4)?.parse().ok()?;
        let m: u32 = s.get(5..7)?.parse().ok()?;
        let d: u32 = s.get(8..10)?.parse().ok()?;
        if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m)
        {
            return None;
        }
        Some(Date { y, m, d })
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn days(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The same day `n` months later, clamped to the month's last day.
    pub fn add_months(self, n: i32) -> Date {
        let idx = self.y * 12 + (self.m as i32 - 1) + n;
        let y = idx.div_euclid(12);
        let m = (idx.rem_euclid(12) + 1) as u32;
        Date {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }

    /// `2026-11-22`.
    #[cfg(test)]
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// `22 Nov 2026`.
    pub fn long(self) -> String {
        format!("{} {} {}", self.d, MONTHS[(self.m - 1) as usize], self.y)
    }

    /// `Nov`.
    pub fn month_short(self) -> &'static str {
        MONTHS[(self.m - 1) as usize]
    }
}

/// Parses `YYYY-MM` into a month index (`year * 12 + month - 1`).
pub fn parse_month(s: &str) -> Option<i32> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 7 || b[4] != b'-' {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: i32 = s.get(5..7)?.parse().ok()?;
    if !(1000..=9999).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    Some(y * 12 + m - 1)
}

/// The label of a month index: `Nov 2026`.
pub fn month_index_label(idx: i32) -> String {
    format!(
        "{} {}",
        MONTHS[idx.rem_euclid(12) as usize],
        idx.div_euclid(12)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        let usd = Currency::new("usd");
        assert_eq!(usd.exact(12400.0), "$12,400.00");
        assert_eq!(usd.exact(-1234567.891), "-$1,234,567.89");
        assert_eq!(usd.exact(-0.001), "$0.00");
        assert_eq!(usd.exact(f64::NAN), "n/a");
        assert_eq!(usd.compact(12400.0), "$12.4k");
        assert_eq!(usd.compact(999_999.0), "$1M");
        assert_eq!(usd.compact(0.0), "$0");
        assert_eq!(Currency::new("JPY").exact(1200.4), "¥1,200");
        assert_eq!(Currency::new("CHF").exact(1000.0), "CHF\u{a0}1,000.00");
        assert_eq!(Currency::new("<script>").code, "XXX");
        assert_eq!(Currency::new("XXX").exact(5.0), "5.00");
        assert!(usd.exact(1e300).len() > 300);
    }

    #[test]
    fn numbers() {
        assert_eq!(percent(0.625), "62.5\u{a0}%");
        assert_eq!(percent(1.0), "100\u{a0}%");
        assert_eq!(percent(-0.25), "-25\u{a0}%");
        assert_eq!(count(1234.0), "1,234");
        assert_eq!(count(-0.01), "0");
        assert_eq!(trim_decimals(-0.0001, 2), "0");
    }

    #[test]
    fn dates() {
        let d = Date::parse("2026-11-22").unwrap();
        assert_eq!(d.days(), 20779);
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(d.add_months(12).iso(), "2027-11-22");
        assert_eq!(
            Date::parse("2026-01-31").unwrap().add_months(1).iso(),
            "2026-02-28"
        );
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("26-1-1"), None);
        assert_eq!(parse_month("2026-03"), Some(2026 * 12 + 2));
        assert_eq!(month_index_label(2026 * 12 + 2), "Mar 2026");
    }
}
