//! Upcoming renewals, the date to decide by, and what to do.

use super::cost::ToolCost;
use super::utilisation::ToolSeats;
use super::{money_opt, num, pct, Clean};
use crate::model::Date;
use crate::report::{OverlapReport, Renewal, RenewalAction};
use crate::stack::Stack;

/// The action rule, in order: consolidate, cancel, renew_at, review_usage, renew.
pub fn action(
    is_consolidation_source: bool,
    seat_utilisation: Option<f64>,
    low_utilisation: f64,
    seats: Option<f64>,
    seats_to_renew: Option<u64>,
) -> RenewalAction {
    if is_consolidation_source {
        return RenewalAction::Consolidate;
    }
    match seat_utilisation {
        Some(u) if u < low_utilisation => RenewalAction::Cancel,
        None => RenewalAction::ReviewUsage,
        Some(_) => match (seats_to_renew, seats) {
            (Some(r), Some(s)) if (r as f64) < s => RenewalAction::RenewAt,
            _ => RenewalAction::Renew,
        },
    }
}

pub(crate) fn compute(
    stack: &Stack,
    seats: &[ToolSeats],
    costs: &[ToolCost],
    overlap: &OverlapReport,
    clean: &Clean,
    as_of: Option<Date>,
    cur: &str,
) -> Vec<Renewal> {
    let mut out = Vec::new();
    for (i, tool) in stack.tools.iter().enumerate() {
        let c = &costs[i];
        let Some(next) = &c.renewal else { continue };
        let s = &seats[i];
        let util = s.seat_utilisation(c.seats);
        let into: Vec<&str> = overlap
            .consolidation
            .iter()
            .filter(|k| k.from == tool.name)
            .map(|k| k.into.as_str())
            .collect();
        let act = action(
            !into.is_empty(),
            util,
            clean.low_utilisation,
            c.seats,
            c.seats_to_renew,
        );
        let since = |d: Date| as_of.map(|a| d.days_since_epoch() - a.days_since_epoch());
        let why = match act {
            RenewalAction::Consolidate => format!(
                "consolidate: its people overlap with {} (see overlap.consolidation)",
                into.join(", ")
            ),
            RenewalAction::Cancel => format!(
                "cancel: seat utilisation {} is below {}",
                pct(util.unwrap_or(0.0)),
                pct(clean.low_utilisation)
            ),
            RenewalAction::RenewAt => format!(
                "renew at {} seats instead of {} (ceil(active × {}))",
                c.seats_to_renew.unwrap_or(0),
                num(c.seats.unwrap_or(0.0)),
                num(clean.buffer)
            ),
            RenewalAction::ReviewUsage => {
                "review usage: seat utilisation is unknown (no activity data or no seat count)"
                    .into()
            }
            RenewalAction::Renew => format!(
                "renew: seat utilisation {} and the active seats need every seat",
                pct(util.unwrap_or(0.0))
            ),
        };
        let explain = format!(
            "renews {} ({} of {}); {}; notice {}; annual cost {}; {why}",
            next.date,
            next.from_field,
            next.source,
            match next.cancel_by {
                Some(cb) => format!("cancel by {cb}"),
                None => "cancel-by date unknown".into(),
            },
            next.notice_days
                .map_or("unknown".into(), |n| format!("{n} days")),
            money_opt(c.annual_cost, cur),
        );
        out.push(Renewal {
            tool: tool.name.clone(),
            renewal_date: next.date,
            notice_days: next.notice_days,
            cancel_by: next.cancel_by,
            days_until_cancel_by: next.cancel_by.and_then(since),
            days_until_renewal: since(next.date),
            auto_renew: next.auto_renew,
            annual_cost: c.annual_cost,
            seats: c.seats,
            seats_to_renew: c.seats_to_renew,
            action: act,
            explain,
        });
    }
    out.sort_by(|a, b| {
        a.cancel_by
            .unwrap_or(a.renewal_date)
            .cmp(&b.cancel_by.unwrap_or(b.renewal_date))
            .then_with(|| a.tool.cmp(&b.tool))
    });
    out
}
