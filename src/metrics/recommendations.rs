//! Ranked recommendations: one money recommendation per tool (consolidate, else cancel, else reclaim seats)
//! plus a decide-before prompt for each renewal whose decision date is near.

use super::{money, money_opt, num, pct, Clean};
use crate::report::{
    OverlapReport, Recommendation, RecommendationKind, Renewal, RenewalAction, ToolReport,
};

fn a_year(x: Option<f64>, cur: &str) -> String {
    match x {
        Some(x) => format!("{} a year", money(x, cur)),
        None => "annual cost unknown".into(),
    }
}

pub(crate) fn compute(
    tools: &[ToolReport],
    overlap: &OverlapReport,
    renewals: &[Renewal],
    clean: &Clean,
    cur: &str,
) -> Vec<Recommendation> {
    let mut out = Vec::new();
    for t in tools {
        // Consolidate: the candidate with the largest known saving (the list is sorted by saving).
        if let Some(k) = overlap
            .consolidation
            .iter()
            .find(|k| k.from == t.tool && k.saving.is_some_and(|s| s > 0.0))
        {
            out.push(Recommendation {
                kind: RecommendationKind::Consolidate,
                tool: t.tool.clone(),
                title: format!("Move {} into {}: {}", t.tool, k.into, a_year(k.saving, cur)),
                amount: k.saving,
                evidence: k.explain.clone(),
            });
            continue;
        }
        if let Some(u) = t.seat_utilisation.filter(|u| *u < clean.low_utilisation) {
            out.push(Recommendation {
                kind: RecommendationKind::Cancel,
                tool: t.tool.clone(),
                title: format!("Cancel {}: {}", t.tool, a_year(t.annual_cost, cur)),
                amount: t.annual_cost,
                evidence: format!(
                    "seat utilisation {} is below {}: {}; annual cost {}",
                    pct(u),
                    pct(clean.low_utilisation),
                    t.explain
                        .get("seat_utilisation")
                        .cloned()
                        .unwrap_or_default(),
                    t.explain.get("annual_cost").cloned().unwrap_or_default()
                ),
            });
            continue;
        }
        if let Some(w) = t.wasted_spend.filter(|w| *w > 0.0) {
            let n = t.inactive.unwrap_or(0) + t.never_active.unwrap_or(0) + t.orphaned.unwrap_or(0);
            let seats = n as f64 + t.unassigned.unwrap_or(0.0);
            out.push(Recommendation {
                kind: RecommendationKind::ReclaimSeats,
                tool: t.tool.clone(),
                title: format!(
                    "Reclaim {} seat{} of {}: {}",
                    num(seats),
                    if seats == 1.0 { "" } else { "s" },
                    t.tool,
                    a_year(Some(w), cur)
                ),
                amount: Some(w),
                evidence: t.explain.get("wasted_spend").cloned().unwrap_or_default(),
            });
        }
    }
    let horizon = i64::from(clean.horizon);
    for r in renewals {
        let days = r.days_until_cancel_by.or(r.days_until_renewal);
        if !matches!(days, Some(d) if (0..=horizon).contains(&d)) {
            continue;
        }
        let by = r.cancel_by.unwrap_or(r.renewal_date);
        let action = match r.action {
            RenewalAction::Renew => "renew".to_string(),
            RenewalAction::RenewAt => {
                format!("renew at {} seats", r.seats_to_renew.unwrap_or(0))
            }
            RenewalAction::Cancel => "cancel".into(),
            RenewalAction::Consolidate => "consolidate".into(),
            RenewalAction::ReviewUsage => "review usage".into(),
        };
        out.push(Recommendation {
            kind: RecommendationKind::DecideBefore,
            tool: r.tool.clone(),
            title: format!(
                "Decide on {} before {by}: renews {} for {} (suggested: {action})",
                r.tool,
                r.renewal_date,
                money_opt(r.annual_cost, cur)
            ),
            amount: r.annual_cost,
            evidence: r.explain.clone(),
        });
    }
    out.sort_by(|a, b| {
        b.amount
            .is_some()
            .cmp(&a.amount.is_some())
            .then_with(|| b.amount.unwrap_or(0.0).total_cmp(&a.amount.unwrap_or(0.0)))
            .then_with(|| a.tool.cmp(&b.tool))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    out
}
