//! Return on investment from the user's value inputs and admin time.

use super::cost::ToolCost;
use super::{finite, money, money_opt, name_key, num, pct, ratio, Settings, ValuePeriod};
use crate::stack::Stack;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub(crate) struct ToolRoi {
    pub value: Option<f64>,
    pub tco: Option<f64>,
    pub roi: Option<f64>,
    pub explain: BTreeMap<String, String>,
}

/// `(value − tco) ÷ tco`; `None` when `tco` is not positive or an input is not finite.
pub fn roi(value: f64, tco: f64) -> Option<f64> {
    if tco <= 0.0 {
        return None;
    }
    ratio(value - tco, tco)
}

pub(crate) fn compute(
    stack: &Stack,
    settings: &Settings,
    costs: &[ToolCost],
    cur: &str,
) -> Vec<ToolRoi> {
    let rate = settings
        .admin_hourly_rate
        .filter(|r| r.is_finite() && *r >= 0.0);
    stack
        .tools
        .iter()
        .enumerate()
        .map(|(i, tool)| {
            let key = name_key(&tool.name);
            let mut r = ToolRoi::default();
            let mut ex = BTreeMap::new();

            // Value per year.
            let mut parts = Vec::new();
            let mut total = 0.0;
            let mut any = false;
            for v in settings
                .values
                .iter()
                .filter(|v| name_key(&v.tool) == key && v.value.is_finite())
            {
                any = true;
                let (annual, how) = match v.period {
                    ValuePeriod::Annual => (v.value, format!("{} a year", money(v.value, cur))),
                    ValuePeriod::Monthly => (
                        v.value * 12.0,
                        format!("{} a month × 12", money(v.value, cur)),
                    ),
                    ValuePeriod::OneOff => (v.value, format!("{} once", money(v.value, cur))),
                };
                total += annual;
                parts.push(match &v.note {
                    Some(n) if !n.is_empty() => format!("{how} ({n})"),
                    _ => how,
                });
            }
            r.value = if any { finite(total) } else { None };
            ex.insert(
                "value".into(),
                if any {
                    format!("{} = {}", parts.join(" + "), money_opt(r.value, cur))
                } else {
                    "needs a value input".into()
                },
            );

            // Total cost of ownership.
            let hours = settings
                .admin_hours
                .iter()
                .find(|(k, h)| name_key(k) == key && h.is_finite() && **h >= 0.0)
                .map(|(_, h)| *h);
            let cost = costs[i].annual_cost;
            r.tco = match (cost, hours, rate) {
                (Some(c), None, _) => Some(c),
                (Some(c), Some(h), Some(rt)) => finite(c + h * rt),
                _ => None,
            };
            ex.insert(
                "tco".into(),
                match (cost, hours, rate) {
                    (None, _, _) => "unknown: annual cost unknown".into(),
                    (Some(c), None, _) => format!(
                        "annual cost {} (no admin hours given) = {}",
                        money(c, cur),
                        money(c, cur)
                    ),
                    (Some(_), Some(h), None) => format!(
                        "unknown: {} admin hours a year given but no admin hourly rate",
                        num(h)
                    ),
                    (Some(c), Some(h), Some(rt)) => format!(
                        "annual cost {} + {} admin hours × {} = {}",
                        money(c, cur),
                        num(h),
                        money(rt, cur),
                        money_opt(r.tco, cur)
                    ),
                },
            );

            // ROI.
            r.roi = match (r.value, r.tco) {
                (Some(v), Some(t)) => roi(v, t),
                _ => None,
            };
            ex.insert(
                "roi".into(),
                match (r.value, r.tco, r.roi) {
                    (None, _, _) => "needs a value input".into(),
                    (_, None, _) => "unknown: total cost of ownership unknown".into(),
                    (Some(v), Some(t), Some(x)) => format!(
                        "({} value − {} TCO) ÷ {} TCO = {}",
                        money(v, cur),
                        money(t, cur),
                        money(t, cur),
                        pct(x)
                    ),
                    (_, Some(_), None) => "unknown: TCO is zero".into(),
                },
            );
            r.explain = ex;
            r
        })
        .collect()
}
