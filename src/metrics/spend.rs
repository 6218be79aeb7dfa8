//! Spend totals and breakdowns, unconverted amounts and likely duplicate charges.

use super::{finite, Clean};
use crate::model::Date;
use crate::report::{
    Bucket, ClassAmount, Duplicate, NonSoftware, SpendReport, Unconverted, Unmatched,
};
use crate::stack::{SpendClass, Stack, StackSpend};
use std::collections::BTreeMap;

/// Spans shorter than this are not annualised.
pub const MIN_SPAN_DAYS: i64 = 28;

type Acc = BTreeMap<Option<String>, (f64, usize)>;

fn add(acc: &mut Acc, key: Option<String>, amount: f64) {
    let e = acc.entry(key).or_insert((0.0, 0));
    e.0 += amount;
    e.1 += 1;
}

/// Largest first, then by key (unknown key last).
fn buckets(acc: Acc) -> Vec<Bucket> {
    let mut v: Vec<Bucket> = acc
        .into_iter()
        .map(|(key, (amount, lines))| Bucket { key, amount, lines })
        .collect();
    v.sort_by(|a, b| {
        b.amount
            .total_cmp(&a.amount)
            .then_with(|| a.key.is_none().cmp(&b.key.is_none()))
            .then_with(|| a.key.cmp(&b.key))
    });
    v
}

fn first_of_month(d: Date) -> Date {
    Date { day: 1, ..d }
}

fn last_of_month(d: Date) -> Date {
    Date {
        day: crate::model::days_in_month(d.year, d.month),
        ..d
    }
}

/// Amounts at or beyond this magnitude (10^15) are not believed: treated as unusable, like a missing rate.
pub const MAX_AMOUNT: f64 = 1e15;

/// A usable amount: finite and below [`MAX_AMOUNT`] in magnitude.
pub(crate) fn usable(x: f64) -> Option<f64> {
    (x.is_finite() && x.abs() < MAX_AMOUNT).then_some(x)
}

/// The converted amount of a line, when usable.
pub(crate) fn converted(s: &StackSpend) -> Option<f64> {
    s.amount.and_then(usable)
}

pub(crate) fn compute(stack: &Stack, clean: &Clean, _cur: &str) -> SpendReport {
    let mut r = SpendReport::default();
    let mut by_class: BTreeMap<SpendClass, (f64, usize)> = BTreeMap::new();
    let (mut by_tool, mut by_cat, mut by_month, mut by_src, mut by_dept) =
        (Acc::new(), Acc::new(), Acc::new(), Acc::new(), Acc::new());
    let mut non_sw: BTreeMap<(SpendClass, String), (f64, usize)> = BTreeMap::new();
    let mut unconv: BTreeMap<(Option<String>, SpendClass), (f64, usize)> = BTreeMap::new();
    let mut total = 0.0;
    let mut software_lines = 0usize;
    let mut software_unconverted = 0usize;
    let mut dated_total = 0.0;
    let (mut first, mut last): (Option<Date>, Option<Date>) = (None, None);

    for s in &stack.spend {
        let Some(amount) = converted(s) else {
            let e = unconv
                .entry((s.line.amount.currency.clone(), s.class))
                .or_insert((0.0, 0));
            if let Some(a) = usable(s.line.amount.amount) {
                e.0 += a;
            }
            e.1 += 1;
            if s.class == SpendClass::Software {
                software_unconverted += 1;
            }
            continue;
        };
        let e = by_class.entry(s.class).or_insert((0.0, 0));
        e.0 += amount;
        e.1 += 1;
        match s.class {
            SpendClass::Software => {
                software_lines += 1;
                total += amount;
                let tool = s.tool.and_then(|t| stack.tools.get(t));
                add(&mut by_tool, tool.map(|t| t.name.clone()), amount);
                add(
                    &mut by_cat,
                    tool.and_then(|t| t.category.clone())
                        .or_else(|| s.line.category.clone()),
                    amount,
                );
                add(
                    &mut by_month,
                    s.line.date.map(|d| format!("{:04}-{:02}", d.year, d.month)),
                    amount,
                );
                add(&mut by_src, Some(s.line.source.file.to_string()), amount);
                add(&mut by_dept, s.line.department.clone(), amount);
                if let Some(d) = s.line.date {
                    dated_total += amount;
                    first = Some(first.map_or(d, |f| f.min(d)));
                    last = Some(last.map_or(d, |l| l.max(d)));
                }
            }
            SpendClass::Advertising
            | SpendClass::Payment
            | SpendClass::Transfer
            | SpendClass::Ignored => {
                let e = non_sw
                    .entry((s.class, s.line.vendor.clone()))
                    .or_insert((0.0, 0));
                e.0 += amount;
                e.1 += 1;
            }
            SpendClass::Unknown => {}
        }
    }

    r.total = if stack.spend.is_empty() || (software_lines == 0 && software_unconverted > 0) {
        None
    } else {
        finite(total)
    };
    r.dated_total = if first.is_some() {
        finite(dated_total)
    } else {
        None
    };
    r.first_date = first;
    r.last_date = last;
    if let (Some(f), Some(l)) = (first, last) {
        let span = l.days_since_epoch() - f.days_since_epoch() + 1;
        let (ps, pe) = (first_of_month(f), last_of_month(l));
        let days = pe.days_since_epoch() - ps.days_since_epoch() + 1;
        r.span_days = Some(span);
        r.period_start = Some(ps);
        r.period_end = Some(pe);
        r.period_days = Some(days);
        r.annualised_run_rate = match r.dated_total {
            Some(t) if span >= MIN_SPAN_DAYS => finite(t * 365.0 / days as f64),
            _ => None,
        };
    }

    r.by_class = by_class
        .into_iter()
        .map(|(class, (amount, lines))| ClassAmount {
            class,
            amount,
            lines,
        })
        .collect();
    r.by_tool = buckets(by_tool);
    r.by_category = buckets(by_cat);
    r.by_source = buckets(by_src);
    r.by_department = buckets(by_dept);
    // Months in calendar order, undated last.
    let mut months = buckets(by_month);
    months.sort_by(|a, b| {
        a.key
            .is_none()
            .cmp(&b.key.is_none())
            .then_with(|| a.key.cmp(&b.key))
    });
    r.by_month = months;

    let mut ns: Vec<NonSoftware> = non_sw
        .into_iter()
        .map(|((class, vendor), (amount, lines))| NonSoftware {
            vendor,
            class,
            amount,
            lines,
        })
        .collect();
    ns.sort_by(|a, b| {
        a.class
            .cmp(&b.class)
            .then_with(|| b.amount.total_cmp(&a.amount))
            .then_with(|| a.vendor.cmp(&b.vendor))
    });
    r.non_software = ns;

    let mut um: Vec<Unmatched> = stack
        .unmatched
        .iter()
        .map(|u| {
            let mut suggestions = u.suggestions.clone();
            suggestions.sort();
            suggestions.dedup();
            let mut ambiguous = u.ambiguous_between.clone();
            ambiguous.sort();
            ambiguous.dedup();
            Unmatched {
                vendor: u.vendor.clone(),
                amount: finite(u.amount),
                lines: u.lines.len(),
                suggestions,
                ambiguous_between: ambiguous,
            }
        })
        .collect();
    um.sort_by(|a, b| {
        b.amount
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.amount.unwrap_or(f64::NEG_INFINITY))
            .then_with(|| a.vendor.cmp(&b.vendor))
    });
    r.unmatched = um;

    r.unconverted = unconv
        .into_iter()
        .map(
            |((currency, class), (original_amount, count))| Unconverted {
                currency,
                class,
                original_amount,
                count,
            },
        )
        .collect();

    r.duplicates = duplicates(stack, clean.duplicate_days);
    r
}

/// Software charges of one tool with the same amount (to the cent, same currency) whose dates are at most
/// `days` apart. Each charge is paired with the next such charge, so a run of n lines gives n − 1 pairs.
fn duplicates(stack: &Stack, days: u32) -> Vec<Duplicate> {
    type Key = (usize, Option<String>, i64);
    let mut groups: BTreeMap<Key, Vec<(Date, &StackSpend)>> = BTreeMap::new();
    for s in &stack.spend {
        let (Some(tool), SpendClass::Software, Some(date)) = (s.tool, s.class, s.line.date) else {
            continue;
        };
        let Some(a) = usable(s.line.amount.amount) else {
            continue;
        };
        let cents = (a * 100.0).round() as i64;
        groups
            .entry((tool, s.line.amount.currency.clone(), cents))
            .or_default()
            .push((date, s));
    }
    let mut out = Vec::new();
    for ((tool, currency, _), mut lines) in groups {
        lines.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.line.source.cmp(&b.1.line.source))
        });
        for w in lines.windows(2) {
            let (da, a) = w[0];
            let (db, b) = w[1];
            let apart = db.days_since_epoch() - da.days_since_epoch();
            if apart <= i64::from(days) && a.line.source != b.line.source {
                out.push(Duplicate {
                    tool: stack
                        .tools
                        .get(tool)
                        .map_or_else(String::new, |t| t.name.clone()),
                    amount: a.line.amount.amount,
                    currency: currency.clone(),
                    a: a.line.source.clone(),
                    date_a: da,
                    b: b.line.source.clone(),
                    date_b: db,
                    days_apart: apart,
                });
            }
        }
    }
    out.sort_by(|x, y| {
        x.tool
            .cmp(&y.tool)
            .then_with(|| x.date_a.cmp(&y.date_a))
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    out
}
