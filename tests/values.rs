//! Property tests for `ingest::values`: formatted values read back exactly, columns infer the separator and
//! date order they were written with, and no input makes any function panic.

use proptest::prelude::*;
use stackscope::ingest::values::{
    is_email, parse_bool, parse_date, parse_excel_serial, parse_integer, parse_money, parse_number,
    parse_percent, ColumnProfile, DateOrder, DecimalSeparator,
};
use stackscope::model::{ColumnType, Date};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts allocations made by the current thread, to check that `observe` does not allocate.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Groups the digits of `n` in threes with `sep`.
fn group(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[derive(Clone, Copy, Debug)]
enum MoneyStyle {
    /// `-$1,234.56`
    Us,
    /// `-1.234,56 €`
    European,
    /// `1 234,56` with NBSP, leading `−`
    Nbsp,
    /// `1 234,56 EUR` with narrow NBSP, trailing `-`
    NarrowNbsp,
    /// `(1,234.56)`
    Parentheses,
    /// `USD -1234.56`
    CodePrefix,
    /// `1234.56- GBP`
    CodeSuffix,
    /// `(CA$1,234.56)`
    SymbolParentheses,
    /// `CHF 1'234.56`
    Swiss,
}

const MONEY_STYLES: [MoneyStyle; 9] = [
    MoneyStyle::Us,
    MoneyStyle::European,
    MoneyStyle::Nbsp,
    MoneyStyle::NarrowNbsp,
    MoneyStyle::Parentheses,
    MoneyStyle::CodePrefix,
    MoneyStyle::CodeSuffix,
    MoneyStyle::SymbolParentheses,
    MoneyStyle::Swiss,
];

/// (text, decimal separator, currency, whether the text is marked as money).
fn format_money(
    style: MoneyStyle,
    units: u64,
    cents: u64,
    negative: bool,
) -> (String, DecimalSeparator, Option<&'static str>, bool) {
    use DecimalSeparator::*;
    let minus = if negative { "-" } else { "" };
    match style {
        MoneyStyle::Us => (
            format!("{minus}${}.{cents:02}", group(units, ",")),
            Point,
            Some("USD"),
            true,
        ),
        MoneyStyle::European => (
            format!("{minus}{},{cents:02} €", group(units, ".")),
            Comma,
            Some("EUR"),
            true,
        ),
        MoneyStyle::Nbsp => (
            format!(
                "{}{},{cents:02}",
                if negative { "\u{2212}" } else { "" },
                group(units, "\u{a0}")
            ),
            Comma,
            None,
            false,
        ),
        MoneyStyle::NarrowNbsp => (
            format!("{},{cents:02}{minus} EUR", group(units, "\u{202f}")),
            Comma,
            Some("EUR"),
            true,
        ),
        MoneyStyle::Parentheses => {
            let body = format!("{}.{cents:02}", group(units, ","));
            if negative {
                (format!("({body})"), Point, None, true)
            } else {
                (body, Point, None, false)
            }
        }
        MoneyStyle::CodePrefix => (
            format!("USD {minus}{units}.{cents:02}"),
            Point,
            Some("USD"),
            true,
        ),
        MoneyStyle::CodeSuffix => (
            format!("{units}.{cents:02}{minus} GBP"),
            Point,
            Some("GBP"),
            true,
        ),
        MoneyStyle::SymbolParentheses => {
            let body = format!("CA${}.{cents:02}", group(units, ","));
            if negative {
                (format!("({body})"), Point, Some("CAD"), true)
            } else {
                (body, Point, Some("CAD"), true)
            }
        }
        MoneyStyle::Swiss => (
            format!("CHF {minus}{}.{cents:02}", group(units, "'")),
            Point,
            Some("CHF"),
            true,
        ),
    }
}

fn expected_amount(units: u64, cents: u64, negative: bool) -> f64 {
    let v: f64 = format!("{units}.{cents:02}").parse().unwrap();
    if negative && v != 0.0 {
        -v
    } else {
        v
    }
}

fn money_style() -> impl Strategy<Value = MoneyStyle> {
    prop::sample::select(MONEY_STYLES.to_vec())
}

/// Amounts below 10^15: units up to 10^15 - 1 would exceed the limit with cents, so stay below 10^14.
fn units() -> impl Strategy<Value = u64> {
    prop_oneof![0u64..1000, 0u64..1_000_000, 0u64..100_000_000_000_000]
}

#[derive(Clone, Copy, Debug)]
enum DateStyle {
    Iso,
    IsoZ,
    IsoOffset,
    IsoSpaceTime,
    Mdy,
    Dmy,
    MdyShortYear,
    DmyDots,
    MonDayYear,
    DayMonYear,
    DayDashMon,
    FullMonth,
    Weekday,
    FrenchFull,
    FrenchAbbrev,
    UsTime,
}

const DATE_STYLES: [DateStyle; 16] = [
    DateStyle::Iso,
    DateStyle::IsoZ,
    DateStyle::IsoOffset,
    DateStyle::IsoSpaceTime,
    DateStyle::Mdy,
    DateStyle::Dmy,
    DateStyle::MdyShortYear,
    DateStyle::DmyDots,
    DateStyle::MonDayYear,
    DateStyle::DayMonYear,
    DateStyle::DayDashMon,
    DateStyle::FullMonth,
    DateStyle::Weekday,
    DateStyle::FrenchFull,
    DateStyle::FrenchAbbrev,
    DateStyle::UsTime,
];

const EN_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const EN_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR_FULL: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const FR_ABBREV: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const EN_WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn weekday(d: Date) -> usize {
    (d.days_since_epoch() + 3).rem_euclid(7) as usize
}

/// (text, the order to read it with).
fn format_date(style: DateStyle, d: Date, hour: u8, minute: u8) -> (String, DateOrder) {
    let (y, m, dd) = (d.year, d.month, d.day);
    let mi = usize::from(m - 1);
    match style {
        DateStyle::Iso => (format!("{y:04}-{m:02}-{dd:02}"), DateOrder::Ymd),
        DateStyle::IsoZ => (
            format!("{y:04}-{m:02}-{dd:02}T{hour:02}:{minute:02}:00Z"),
            DateOrder::Ymd,
        ),
        DateStyle::IsoOffset => (
            format!("{y:04}-{m:02}-{dd:02}T{hour:02}:{minute:02}:00.250-05:00"),
            DateOrder::Ymd,
        ),
        DateStyle::IsoSpaceTime => (
            format!("{y:04}-{m:02}-{dd:02} {hour:02}:{minute:02}:59"),
            DateOrder::Dmy,
        ),
        DateStyle::Mdy => (format!("{m:02}/{dd:02}/{y:04}"), DateOrder::Mdy),
        DateStyle::Dmy => (format!("{dd:02}/{m:02}/{y:04}"), DateOrder::Dmy),
        DateStyle::MdyShortYear => (format!("{m}/{dd}/{:02}", y % 100), DateOrder::Mdy),
        DateStyle::DmyDots => (format!("{dd:02}.{m:02}.{y:04}"), DateOrder::Dmy),
        DateStyle::MonDayYear => (format!("{} {dd}, {y:04}", EN_SHORT[mi]), DateOrder::Mdy),
        DateStyle::DayMonYear => (format!("{dd} {} {y:04}", EN_SHORT[mi]), DateOrder::Dmy),
        DateStyle::DayDashMon => (format!("{dd}-{}-{y:04}", EN_SHORT[mi]), DateOrder::Ymd),
        DateStyle::FullMonth => (format!("{} {dd}, {y:04}", EN_FULL[mi]), DateOrder::Mdy),
        DateStyle::Weekday => (
            format!("{}, {} {dd}, {y:04}", EN_WEEKDAYS[weekday(d)], EN_FULL[mi]),
            DateOrder::Mdy,
        ),
        DateStyle::FrenchFull => (format!("{dd} {} {y:04}", FR_FULL[mi]), DateOrder::Dmy),
        DateStyle::FrenchAbbrev => (format!("{dd} {} {y:04}", FR_ABBREV[mi]), DateOrder::Dmy),
        DateStyle::UsTime => {
            let h12 = if hour.is_multiple_of(12) {
                12
            } else {
                hour % 12
            };
            let ampm = if hour < 12 { "AM" } else { "PM" };
            (
                format!("{m}/{dd}/{y:04} {h12}:{minute:02} {ampm}"),
                DateOrder::Mdy,
            )
        }
    }
}

fn any_date(min: i32, max: i32) -> impl Strategy<Value = Date> {
    let lo = Date::new(min, 1, 1).unwrap().days_since_epoch();
    let hi = Date::new(max, 12, 31).unwrap().days_since_epoch();
    (lo..=hi).prop_map(|d| Date::from_days_since_epoch(d).unwrap())
}

/// Strings made of the characters the parsers care about, so that near-misses are explored.
fn tricky() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "0", "1", "2", "9", "12", "31", "2026", ".", ",", "-", "+", "/", ":", "T", "Z", " ",
            "\u{a0}", "\u{202f}", "\u{2212}", "'", "(", ")", "$", "€", "£", "CA$", "USD", "EUR",
            "%", "e", "E", "Nov", "févr.", "Tuesday", "1er", "3rd", "AM", "pm", "@", "a", "é",
            "yes", "\u{0}", "\u{ffff}",
        ]),
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

/// Cells that are valid or nearly valid values of some type, to build columns that are mostly typed.
fn typed_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        (money_style(), units(), 0u64..100, any::<bool>())
            .prop_map(|(st, u, c, n)| format_money(st, u, c, n).0),
        (
            prop::sample::select(DATE_STYLES.to_vec()),
            any_date(1970, 2069)
        )
            .prop_map(|(st, d)| format_date(st, d, 8, 15).0),
        any::<i32>().prop_map(|n| n.to_string()),
        (0u64..10_000_000, prop::sample::select(vec![",", ".", " "]))
            .prop_map(|(n, s)| group(n, s)),
        (-1e20f64..1e20).prop_map(|x| x.to_string()),
        (-1e20f64..1e20).prop_map(|x| format!("{x:e}")),
        (0u32..1000, 0u32..100).prop_map(|(a, b)| format!("{a},{b}")),
        (0u32..1000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b} %")),
        (1u32..40, 1u32..40, 0u32..100).prop_map(|(a, b, y)| format!("{a}/{b}/{y:02}")),
        prop::sample::select(vec![
            "0",
            "1",
            "yes",
            "Non",
            "a@b.co",
            "N/A",
            "$",
            "1e999",
            "10000000000000000 EUR",
            "2026-02-30",
        ])
        .prop_map(str::to_string),
    ]
}

/// Checks that `matching` counts exactly the cells that parse as the inferred type.
fn check_matching(cells: &[String]) -> Result<(), TestCaseError> {
    let mut p = ColumnProfile::new();
    for c in cells {
        p.observe(c);
    }
    let i = p.infer();
    prop_assert_eq!(i.non_blank + i.blank, cells.len() as u64);
    prop_assert_eq!(i.matching + i.mismatches, i.non_blank);
    let parses = |c: &str| match i.column_type {
        ColumnType::Money => parse_money(c, i.decimal).is_ok(),
        ColumnType::Decimal => parse_number(c, i.decimal).is_ok(),
        ColumnType::Integer => parse_integer(c, i.decimal).is_ok(),
        ColumnType::Percent => parse_percent(c, i.decimal).is_ok(),
        ColumnType::Date => parse_date(c, i.date_order.unwrap_or_default()).is_ok(),
        ColumnType::Boolean => parse_bool(c).is_ok(),
        ColumnType::Email => is_email(c),
        ColumnType::Text | ColumnType::Empty => true,
    };
    let ok = cells
        .iter()
        .filter(|c| {
            !c.trim().is_empty() && !stackscope::ingest::values::is_placeholder(c) && parses(c)
        })
        .count() as u64;
    prop_assert_eq!(ok, i.matching, "{:?} {:?}", cells, i);
    Ok(())
}

fn exercise_everything(s: &str) {
    for dec in [DecimalSeparator::Point, DecimalSeparator::Comma] {
        let _ = parse_money(s, dec);
        let _ = parse_number(s, dec);
        let _ = parse_integer(s, dec);
        let _ = parse_percent(s, dec);
    }
    for order in [DateOrder::Ymd, DateOrder::Mdy, DateOrder::Dmy] {
        let _ = parse_date(s, order);
    }
    let _ = parse_excel_serial(s);
    let _ = parse_bool(s);
    let _ = is_email(s);
    let mut p = ColumnProfile::new();
    p.observe(s);
    p.observe(s);
    let i = p.infer();
    assert_eq!(i.non_blank + i.blank, 2);
    assert!(i.matching <= i.non_blank);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn money_round_trips_in_every_style(
        style in money_style(),
        units in units(),
        cents in 0u64..100,
        negative in any::<bool>(),
    ) {
        let (text, dec, currency, _) = format_money(style, units, cents, negative);
        let m = parse_money(&text, dec).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(m.amount, expected_amount(units, cents, negative), "{}", text);
        prop_assert_eq!(m.currency.as_deref(), currency, "{}", text);
    }

    #[test]
    fn money_columns_infer_their_separator(
        style in money_style(),
        rows in prop::collection::vec((units(), 0u64..100, any::<bool>()), 1..20),
    ) {
        let mut profile = ColumnProfile::new();
        let mut expect_dec = DecimalSeparator::Point;
        let mut marked = false;
        for &(units, cents, negative) in &rows {
            let (text, dec, _, m) = format_money(style, units, cents, negative);
            expect_dec = dec;
            marked |= m;
            profile.observe(&text);
        }
        let i = profile.infer();
        prop_assert_eq!(i.decimal, expect_dec);
        prop_assert_eq!(i.column_type, if marked { ColumnType::Money } else { ColumnType::Decimal });
        prop_assert_eq!(i.mismatches, 0);
        prop_assert!(!i.decimal_ambiguous && !i.decimal_conflict);
    }

    #[test]
    fn dates_round_trip_in_every_style(
        style in prop::sample::select(DATE_STYLES.to_vec()),
        wide in any_date(1000, 9999),
        narrow in any_date(1970, 2069),
        hour in 0u8..24,
        minute in 0u8..60,
    ) {
        let d = if matches!(style, DateStyle::MdyShortYear) { narrow } else { wide };
        let (text, order) = format_date(style, d, hour, minute);
        let parsed = parse_date(&text, order).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(parsed, d, "{}", text);
    }

    #[test]
    fn date_columns_infer_their_order(
        style in prop::sample::select(DATE_STYLES.to_vec()),
        dates in prop::collection::vec(any_date(1970, 2069), 1..20),
    ) {
        let mut profile = ColumnProfile::new();
        let mut order = DateOrder::Ymd;
        let mut decisive = false;
        for &d in &dates {
            let (text, o) = format_date(style, d, 9, 30);
            order = o;
            decisive |= d.day > 12;
            profile.observe(&text);
        }
        let i = profile.infer();
        prop_assert_eq!(i.column_type, ColumnType::Date);
        prop_assert_eq!(i.mismatches, 0);
        let numeric = matches!(
            style,
            DateStyle::Mdy | DateStyle::Dmy | DateStyle::MdyShortYear | DateStyle::DmyDots | DateStyle::UsTime
        );
        if numeric {
            if decisive {
                prop_assert_eq!(i.date_order, Some(order));
                prop_assert!(!i.date_order_ambiguous);
            }
            // Every cell still parses with the chosen order.
            for &d in &dates {
                let (text, _) = format_date(style, d, 9, 30);
                if decisive {
                    prop_assert_eq!(parse_date(&text, i.date_order.unwrap()), Ok(d));
                }
            }
        } else {
            prop_assert_eq!(i.date_order, Some(DateOrder::Ymd));
        }
    }

    #[test]
    fn excel_serials_round_trip(d in any_date(1900, 9999).prop_filter("after 1900-02-28", |d| {
        *d >= Date::new(1900, 3, 1).unwrap()
    }), fraction in 0u32..1000) {
        let serial = d.days_since_epoch() + 25_569;
        prop_assert_eq!(parse_excel_serial(&serial.to_string()), Ok(d));
        prop_assert_eq!(parse_excel_serial(&format!("{serial}.{fraction:03}")), Ok(d));
    }

    #[test]
    fn integers_round_trip(n in any::<i64>(), sep in prop::sample::select(vec!["", ",", " ", "\u{a0}", "'"])) {
        let text = format!("{}{}", if n < 0 { "-" } else { "" }, group(n.unsigned_abs(), sep));
        prop_assert_eq!(parse_integer(&text, DecimalSeparator::Point), Ok(n), "{}", text);
        let comma_sep = if sep == "," { "." } else { sep };
        let text = format!("{}{}", if n < 0 { "-" } else { "" }, group(n.unsigned_abs(), comma_sep));
        prop_assert_eq!(parse_integer(&text, DecimalSeparator::Comma), Ok(n), "{}", text);
    }

    #[test]
    fn numbers_round_trip(x in -1e15f64..1e15) {
        let text = x.to_string();
        prop_assert_eq!(parse_number(&text, DecimalSeparator::Point), Ok(x), "{}", text);
        let comma = text.replace('.', ",");
        prop_assert_eq!(parse_number(&comma, DecimalSeparator::Comma), Ok(x), "{}", comma);
        let sci = format!("{x:e}");
        prop_assert_eq!(parse_number(&sci, DecimalSeparator::Point), Ok(x), "{}", sci);
    }

    #[test]
    fn percentages_round_trip(units in 0u64..100_000, hundredths in 0u64..100) {
        let expected: f64 = format!("{units}.{hundredths:02}e-2").parse().unwrap();
        prop_assert_eq!(parse_percent(&format!("{units}.{hundredths:02}%"), DecimalSeparator::Point), Ok(expected));
        prop_assert_eq!(parse_percent(&format!("{},{hundredths:02}\u{a0}%", group(units, " ")), DecimalSeparator::Comma), Ok(expected));
    }

    #[test]
    fn nothing_panics_on_arbitrary_text(s in any::<String>()) {
        exercise_everything(&s);
    }

    #[test]
    fn nothing_panics_on_near_misses(s in tricky()) {
        exercise_everything(&s);
    }

    #[test]
    fn nothing_panics_on_long_runs(s in "[0-9]{100,300}[.,:+eE -]?[0-9]{0,300}[%$]?") {
        exercise_everything(&s);
        exercise_everything(&format!("2026-11-03T14:05:00+{s}"));
        exercise_everything(&format!("{s}/{s}/{s}"));
        exercise_everything(&format!("Nov {s}, {s}"));
    }

    #[test]
    fn matching_counts_what_parses_in_mixed_columns(cells in prop::collection::vec(tricky(), 0..30)) {
        check_matching(&cells)?;
    }

    #[test]
    fn matching_counts_what_parses_in_typed_columns(
        cells in prop::collection::vec(typed_cell(), 1..6),
        repeat in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        // Repeat some cells so that one type often covers the whole column.
        let mut all = cells.clone();
        for r in &repeat {
            all.push(r.get(&cells).clone());
        }
        check_matching(&all)?;
    }
}

#[test]
fn a_column_of_zeros_and_ones_is_integer_and_words_make_it_boolean() {
    let mut p = ColumnProfile::new();
    for c in ["0", "1", "1", "0"] {
        p.observe(c);
    }
    assert_eq!(p.infer().column_type, ColumnType::Integer);
    p.observe("Oui");
    assert_eq!(p.infer().column_type, ColumnType::Boolean);
}

#[test]
fn observe_does_not_allocate() {
    let cells = [
        "",
        "  ",
        "0",
        "1",
        "1611",
        "1,611",
        "1.611",
        "-12.5",
        "12,50",
        "1 234,56",
        "1.5E+3",
        "$1,234.56",
        "1.234,56 €",
        "(2,500.00)",
        "2,500.00-",
        "\u{2212}2 500,00",
        "USD 12.00",
        "12 EUR",
        "CA$10",
        "CAD $12",
        "42%",
        "42,5 %",
        "2026-11-03",
        "2026-11-03T23:30:00-05:00",
        "2026-11-03 14:05:00 PST",
        "03/11/2026",
        "11/23/2026",
        "3.11.26",
        "Nov 3, 2026",
        "Tuesday, November 3, 2026",
        "1er févr. 2026",
        "3-Nov-26",
        "2026-02-30",
        "ana@example.com",
        "not@an@email",
        "Yes",
        "non",
        "VRAI",
        "Slack",
        "Office 365",
        "N/A",
        "Q3 2026",
        "12345678901234567890",
        "1e999",
        "99999999999999999999 USD",
        "🎉 2026",
    ];
    let mut profile = ColumnProfile::new();
    let before = ALLOCATIONS.with(Cell::get);
    for _ in 0..3 {
        for cell in cells {
            profile.observe(cell);
        }
    }
    let after = ALLOCATIONS.with(Cell::get);
    assert_eq!(after - before, 0, "observe allocated");
    // Two blank cells and one placeholder ("N/A") count as blank.
    assert_eq!(profile.infer().non_blank, 3 * (cells.len() as u64 - 3));
}
