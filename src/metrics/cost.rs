//! What each tool costs per year, per seat and per active user, how much of it is wasted, and what
//! right-sizing would save.

use super::utilisation::{clean_seats, is_current, ToolSeats};
use super::{finite, money, money_opt, num, ratio, Clean};
use crate::model::Date;
use crate::stack::{SpendClass, Stack, StackLicence, Tool};
use std::collections::BTreeMap;

/// The licence a tool renews on next.
#[derive(Clone, Debug)]
pub(crate) struct NextRenewal {
    pub date: Date,
    pub notice_days: Option<u32>,
    pub cancel_by: Option<Date>,
    pub auto_renew: Option<bool>,
    /// `renewal_date` or `term_end`, for the explanation.
    pub from_field: &'static str,
    pub source: String,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct ToolCost {
    pub seats: Option<f64>,
    pub annual_cost: Option<f64>,
    pub basis: Option<&'static str>,
    pub price_per_seat: Option<f64>,
    pub spend: Option<f64>,
    pub cost_per_active_user: Option<f64>,
    pub wasted_seats: Option<f64>,
    pub wasted_spend: Option<f64>,
    pub seats_to_renew: Option<u64>,
    pub savings_if_rightsized: Option<f64>,
    pub renewal: Option<NextRenewal>,
    pub explain: BTreeMap<String, String>,
}

/// `ceil(active × buffer)`, ignoring floating-point noise (10 × 1.1 is 11, not 12).
pub fn seats_to_renew(active: u64, buffer: f64) -> u64 {
    let x = active as f64 * buffer;
    let x = x - x * 1e-12;
    if x <= 0.0 {
        0
    } else {
        x.ceil() as u64
    }
}

fn price(l: &StackLicence) -> Option<f64> {
    l.price_per_seat.filter(|p| p.is_finite() && *p >= 0.0)
}

fn contract(l: &StackLicence) -> Option<f64> {
    l.annual_cost.filter(|p| p.is_finite())
}

fn src(l: &StackLicence) -> String {
    format!("{} line {}", l.licence.source.file, l.licence.source.line)
}

pub(crate) fn compute(
    stack: &Stack,
    seats: &[ToolSeats],
    clean: &Clean,
    as_of: Option<Date>,
    cur: &str,
) -> Vec<ToolCost> {
    // Converted software spend per tool: (amount, dated amount within the last 365 days, lines, lines in year).
    let mut all: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
    let mut year: BTreeMap<usize, (f64, usize)> = BTreeMap::new();
    let year_start = as_of.and_then(|a| a.add_days(-364));
    // The first dated software charge anywhere: tells whether the data covers the whole year.
    let first_charge = stack
        .spend
        .iter()
        .filter(|s| s.class == SpendClass::Software && super::spend::converted(s).is_some())
        .filter_map(|s| s.line.date)
        .min();
    for s in &stack.spend {
        let (Some(tool), SpendClass::Software, Some(amount)) =
            (s.tool, s.class, super::spend::converted(s))
        else {
            continue;
        };
        let e = all.entry(tool).or_default();
        e.0 += amount;
        e.1 += 1;
        if let (Some(d), Some(ys), Some(a)) = (s.line.date, year_start, as_of) {
            if d >= ys && d <= a {
                let e = year.entry(tool).or_default();
                e.0 += amount;
                e.1 += 1;
            }
        }
    }
    stack
        .tools
        .iter()
        .enumerate()
        .map(|(i, tool)| {
            one(
                tool,
                &seats[i],
                all.get(&i).copied(),
                year.get(&i).copied(),
                clean,
                as_of,
                year_start,
                first_charge,
                cur,
            )
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn one(
    tool: &Tool,
    s: &ToolSeats,
    all: Option<(f64, usize)>,
    year: Option<(f64, usize)>,
    clean: &Clean,
    as_of: Option<Date>,
    year_start: Option<Date>,
    first_charge: Option<Date>,
    cur: &str,
) -> ToolCost {
    let mut c = ToolCost {
        seats: s.seats,
        ..ToolCost::default()
    };
    let mut ex = BTreeMap::new();
    let current: Vec<&StackLicence> = tool
        .licences
        .iter()
        .filter(|l| is_current(l, as_of))
        .collect();

    // Spend on the tool, whole data.
    c.spend = all.and_then(|(a, _)| finite(a));
    ex.insert(
        "spend".into(),
        match (all, c.spend) {
            (Some((_, n)), Some(a)) => format!(
                "Σ converted amounts of {n} software lines matched to {} = {}",
                tool.name,
                money(a, cur)
            ),
            _ => "unknown: no converted software spend matched to this tool".into(),
        },
    );

    // Annual cost: licences first, then the last 12 months of spend.
    let mut parts = Vec::new();
    let mut total = 0.0;
    let mut used_contract = false;
    let mut used_seats_price = false;
    let mut unknown_licences = Vec::new();
    for l in &current {
        if let Some(a) = contract(l) {
            total += a;
            used_contract = true;
            parts.push(format!("{} contract value ({})", money(a, cur), src(l)));
        } else if let (Some(n), Some(p)) = (clean_seats(l.licence.seats), price(l)) {
            total += n * p;
            used_seats_price = true;
            parts.push(format!("{} seats × {} ({})", num(n), money(p, cur), src(l)));
        } else {
            unknown_licences.push(src(l));
        }
    }
    let unknown_note = if unknown_licences.is_empty() {
        String::new()
    } else {
        format!(
            "; licences with no value, price or seats not counted: {}",
            unknown_licences.join(", ")
        )
    };
    if (used_contract || used_seats_price) && total.is_finite() {
        c.annual_cost = Some(total);
        c.basis = Some(if used_seats_price {
            "seats_x_price"
        } else {
            "contract"
        });
        ex.insert(
            "annual_cost".into(),
            format!(
                "{} = {}{unknown_note}",
                parts.join(" + "),
                money(total, cur)
            ),
        );
    } else if let (Some((amount, n)), Some(ys), Some(a)) = (year, year_start, as_of) {
        c.annual_cost = finite(amount);
        c.basis = c.annual_cost.map(|_| "spend_12_months");
        ex.insert(
            "annual_cost".into(),
            format!(
                "no licence states a value or seats × price: Σ {n} converted software lines from {ys} to {a} (365 days) = {}{unknown_note}{}",
                money_opt(c.annual_cost, cur),
                match first_charge {
                    Some(f) if f > ys => format!(
                        "; the spend data starts {f}, so less than a year is covered and this may understate a full year"
                    ),
                    _ => String::new(),
                }
            ),
        );
    } else {
        ex.insert(
            "annual_cost".into(),
            format!("unknown: no licence value, no seats × price, and no software spend in the 365 days to the as-of date{unknown_note}"),
        );
    }
    ex.insert(
        "annual_cost_basis".into(),
        match c.basis {
            Some("contract") => "contract: the licences' annual contract values".into(),
            Some("seats_x_price") => {
                "seats_x_price: seats × price per seat for at least one licence".into()
            }
            Some(_) => "spend_12_months: software spend on the tool in the last 365 days".into(),
            None => "unknown".into(),
        },
    );

    // Price per seat.
    let priced: Vec<(&StackLicence, f64)> = current
        .iter()
        .filter_map(|l| price(l).map(|p| (*l, p)))
        .collect();
    if let Some((_, first)) = priced.first() {
        if priced.iter().all(|(_, p)| p == first) {
            c.price_per_seat = Some(*first);
            ex.insert(
                "price_per_seat".into(),
                format!(
                    "licence price {} per seat per year ({})",
                    money(*first, cur),
                    priced
                        .iter()
                        .map(|(l, _)| src(l))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        } else if priced
            .iter()
            .all(|(l, _)| clean_seats(l.licence.seats).is_some())
        {
            let weight: f64 = priced
                .iter()
                .map(|(l, _)| clean_seats(l.licence.seats).unwrap_or(0.0))
                .sum();
            let value: f64 = priced
                .iter()
                .map(|(l, p)| clean_seats(l.licence.seats).unwrap_or(0.0) * p)
                .sum();
            c.price_per_seat = ratio(value, weight);
            ex.insert(
                "price_per_seat".into(),
                format!(
                    "seat-weighted licence price: {} ÷ {} seats = {}",
                    money(value, cur),
                    num(weight),
                    money_opt(c.price_per_seat, cur)
                ),
            );
        }
    }
    if c.price_per_seat.is_none() {
        match (c.annual_cost, c.seats.filter(|s| *s > 0.0)) {
            (Some(a), Some(n)) => {
                c.price_per_seat = ratio(a, n);
                ex.insert(
                    "price_per_seat".into(),
                    format!(
                        "annual cost {} ÷ {} seats = {}",
                        money(a, cur),
                        num(n),
                        money_opt(c.price_per_seat, cur)
                    ),
                );
            }
            _ => {
                ex.insert(
                    "price_per_seat".into(),
                    "unknown: no licence price, and annual cost or seats unknown".into(),
                );
            }
        }
    }

    // Cost per active user.
    let active = s.active.filter(|_| s.has_usage_data);
    c.cost_per_active_user = match (c.annual_cost, active) {
        (Some(a), Some(n)) if n > 0 => ratio(a, n as f64),
        _ => None,
    };
    ex.insert(
        "cost_per_active_user".into(),
        match (c.annual_cost, active, c.cost_per_active_user) {
            (Some(a), Some(n), Some(v)) => {
                format!("{} ÷ {n} active = {}", money(a, cur), money(v, cur))
            }
            (None, _, _) => "unknown: annual cost unknown".into(),
            (_, Some(0), _) => "unknown: no active user".into(),
            _ => "unknown: no activity data".into(),
        },
    );

    // Waste.
    let unassigned = s.unassigned(c.seats);
    if let (Some(p), Some(inactive), Some(never), Some(orphaned)) =
        (c.price_per_seat, s.inactive, s.never_active, s.orphaned)
    {
        let u = unassigned.unwrap_or(0.0);
        let n = (inactive + never + orphaned) as f64 + u;
        c.wasted_seats = Some(n);
        c.wasted_spend = finite(n * p);
        ex.insert(
            "wasted_spend".into(),
            format!(
                "({inactive} inactive + {never} never active + {} unassigned + {orphaned} orphaned) × {} per seat = {} seats × {} = {}{}",
                unassigned.map_or("unknown (not counted)".into(), num),
                money(p, cur),
                num(n),
                money(p, cur),
                money_opt(c.wasted_spend, cur),
                match s.activity_unknown {
                    Some(k) if k > 0 => format!("; {k} accounts with unknown activity not counted"),
                    _ => String::new(),
                }
            ),
        );
    } else {
        ex.insert(
            "wasted_spend".into(),
            if c.price_per_seat.is_none() {
                "unknown: price per seat unknown".into()
            } else {
                "unknown: no usage source lists accounts for this tool".into()
            },
        );
    }

    // Right-sizing.
    if let Some(n) = active {
        let r = seats_to_renew(n, clean.buffer);
        c.seats_to_renew = Some(r);
        ex.insert(
            "seats_to_renew".into(),
            format!("ceil({n} active × {} buffer) = {r}", num(clean.buffer)),
        );
        match (c.seats, c.price_per_seat) {
            (Some(total), Some(p)) => {
                let spare = (total - r as f64).max(0.0);
                c.savings_if_rightsized = finite(spare * p);
                ex.insert(
                    "savings_if_rightsized".into(),
                    format!(
                        "max({} seats − {r} to renew, 0) × {} = {} × {} = {}",
                        num(total),
                        money(p, cur),
                        num(spare),
                        money(p, cur),
                        money_opt(c.savings_if_rightsized, cur)
                    ),
                );
            }
            _ => {
                ex.insert(
                    "savings_if_rightsized".into(),
                    "unknown: seats or price per seat unknown".into(),
                );
            }
        }
    } else {
        ex.insert("seats_to_renew".into(), "unknown: no activity data".into());
        ex.insert(
            "savings_if_rightsized".into(),
            "unknown: no activity data".into(),
        );
    }

    // Next renewal.
    let mut dated: Vec<(Date, &'static str, &StackLicence)> = current
        .iter()
        .filter_map(|l| {
            l.licence
                .renewal_date
                .map(|d| (d, "renewal date"))
                .or(l.licence.term_end.map(|d| (d, "term end")))
                .map(|(d, f)| (d, f, *l))
        })
        .collect();
    dated.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.2.licence.source.cmp(&b.2.licence.source))
    });
    let pick = match as_of {
        Some(a) => dated
            .iter()
            .find(|(d, _, _)| *d >= a)
            .or_else(|| dated.last()),
        None => dated.first(),
    };
    if let Some((date, field, l)) = pick {
        let notice = l.licence.notice_days;
        let cancel_by = notice.and_then(|n| date.add_days(-i64::from(n)));
        ex.insert(
            "renewal_date".into(),
            format!(
                "{date}: the {field} of {} ({} current licences with a date; the first on or after the as-of date {} is used, else the latest)",
                src(l),
                dated.len(),
                super::opt_date(as_of)
            ),
        );
        ex.insert(
            "cancel_by".into(),
            match (notice, cancel_by) {
                (Some(n), Some(cb)) => format!("{date} − {n} days notice = {cb}"),
                _ => format!("unknown: notice period not stated; renews {date}"),
            },
        );
        c.renewal = Some(NextRenewal {
            date: *date,
            notice_days: notice,
            cancel_by,
            auto_renew: l.licence.auto_renew,
            from_field: field,
            source: src(l),
        });
    } else {
        ex.insert(
            "renewal_date".into(),
            "unknown: no current licence has a renewal date or term end".into(),
        );
        ex.insert("cancel_by".into(), "unknown: no renewal date".into());
    }

    c.explain = ex;
    c
}

#[cfg(test)]
mod tests {
    use super::seats_to_renew;

    #[test]
    fn seats_to_renew_ignores_float_noise() {
        // 10 × 1.1 = 11.000000000000002 in f64: still 11 seats.
        assert_eq!(seats_to_renew(10, 1.1), 11);
        // 24 × 1.1 = 26.4 → 27.
        assert_eq!(seats_to_renew(24, 1.1), 27);
        assert_eq!(seats_to_renew(0, 1.1), 0);
        // 1 × 1.1 = 1.1 → 2; with buffer 1: exactly the active count.
        assert_eq!(seats_to_renew(1, 1.1), 2);
        assert_eq!(seats_to_renew(7, 1.0), 7);
    }
}
