//! The report drawn: each chart's model is read off the [`Report`] (no figure is computed here) and rendered
//! by `charts`. The page, the CLI (`--svg-dir`) and the HTML export all call [`report_charts`], so a chart is
//! byte-identical wherever it is drawn.

use crate::charts::{
    self, ChartOptions, CostPoint, MonthlySpend, OverlapMatrix, OverlapMeasure, RenewalItem,
    RoiItem, SpendBar, UtilisationBar,
};
use crate::report::Report;
use std::collections::BTreeMap;

/// The charts' names, in the order the dashboard shows them.
pub const CHARTS: [&str; 8] = [
    "spend_by_tool",
    "seat_utilisation",
    "spend_over_time",
    "overlap_matrix",
    "cost_vs_utilisation",
    "renewal_timeline",
    "roi",
    "spend_by_category",
];

/// Every chart of the report as `(name, SVG)`.
pub fn report_charts(r: &Report, options: &ChartOptions) -> Vec<(String, String)> {
    let mut opts = options.clone();
    opts.currency = r.currency.clone();
    CHARTS
        .iter()
        .map(|name| (name.to_string(), chart(r, name, &opts).unwrap_or_default()))
        .collect()
}

/// One chart by name; `None` for an unknown name.
pub fn chart(r: &Report, name: &str, opts: &ChartOptions) -> Option<String> {
    let category: BTreeMap<&str, Option<String>> = r
        .tools
        .iter()
        .map(|t| (t.tool.as_str(), t.category.clone()))
        .collect();
    Some(match name {
        "spend_by_tool" | "spend_by_category" => {
            let bars: Vec<SpendBar> = r
                .spend
                .by_tool
                .iter()
                .map(|b| {
                    let label = b.key.clone().unwrap_or_else(|| "Unknown".into());
                    let category = category.get(label.as_str()).cloned().flatten();
                    SpendBar {
                        label,
                        category,
                        amount: b.amount,
                    }
                })
                .collect();
            if name == "spend_by_tool" {
                charts::spend_by_tool(&bars, opts)
            } else {
                charts::spend_by_category(&bars, opts)
            }
        }
        "seat_utilisation" => {
            let bars: Vec<UtilisationBar> = r
                .tools
                .iter()
                .filter(|t| t.seats.is_some() || t.has_usage_data)
                .map(|t| UtilisationBar {
                    tool: t.tool.clone(),
                    seats: t.seats,
                    active: t.active.map(|v| v as f64),
                    inactive: t.inactive.map(|v| v as f64),
                    never_active: t.never_active.map(|v| v as f64),
                    unassigned: t.unassigned,
                    orphaned: t.orphaned.map(|v| v as f64),
                    seat_utilisation: if t.has_usage_data {
                        t.seat_utilisation
                    } else {
                        None
                    },
                })
                .collect();
            charts::seat_utilisation(&bars, opts)
        }
        "spend_over_time" => {
            let months: Vec<MonthlySpend> = r
                .spend
                .by_month
                .iter()
                .filter_map(|b| {
                    Some(MonthlySpend {
                        month: b.key.clone()?,
                        series: vec![("Software".into(), b.amount)],
                    })
                })
                .collect();
            charts::spend_over_time(&months, opts)
        }
        "overlap_matrix" => {
            let mut tools: Vec<(&str, String)> = r
                .tools
                .iter()
                .filter(|t| t.has_usage_data)
                .map(|t| {
                    (
                        t.tool.as_str(),
                        t.subcategory
                            .clone()
                            .or_else(|| t.category.clone())
                            .unwrap_or_else(|| "Uncategorised".into()),
                    )
                })
                .collect();
            tools.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
            let index: BTreeMap<&str, usize> = tools
                .iter()
                .enumerate()
                .map(|(i, (t, _))| (*t, i))
                .collect();
            let n = tools.len();
            let mut values = vec![vec![0.0; n]; n];
            for (i, row) in values.iter_mut().enumerate() {
                row[i] = 1.0;
            }
            for p in &r.overlap.pairs {
                if let (Some(&i), Some(&j), Some(v)) =
                    (index.get(p.a.as_str()), index.get(p.b.as_str()), p.jaccard)
                {
                    values[i][j] = v;
                    values[j][i] = v;
                }
            }
            let m = OverlapMatrix {
                tools: tools.iter().map(|(t, _)| t.to_string()).collect(),
                categories: tools.iter().map(|(_, c)| c.clone()).collect(),
                values,
                measure: OverlapMeasure::Jaccard,
            };
            charts::overlap_matrix(&m, opts)
        }
        "cost_vs_utilisation" => {
            let points: Vec<CostPoint> = r
                .tools
                .iter()
                .filter_map(|t| {
                    Some(CostPoint {
                        tool: t.tool.clone(),
                        seat_utilisation: if t.has_usage_data {
                            t.seat_utilisation
                        } else {
                            None
                        },
                        annual_cost: t.annual_cost?,
                        seats: t.seats.unwrap_or(0.0),
                    })
                })
                .collect();
            charts::cost_vs_utilisation(&points, opts)
        }
        "renewal_timeline" => {
            let items: Vec<RenewalItem> = r
                .renewals
                .iter()
                .map(|n| RenewalItem {
                    tool: n.tool.clone(),
                    renewal_date: n.renewal_date.to_string(),
                    cancel_by: n.cancel_by.map(|d| d.to_string()),
                    auto_renew: n.auto_renew,
                    annual_cost: n.annual_cost,
                })
                .collect();
            let as_of = r.as_of.map(|d| d.to_string()).unwrap_or_default();
            charts::renewal_timeline(&items, &as_of, opts)
        }
        "roi" => {
            let items: Vec<RoiItem> = r
                .tools
                .iter()
                .filter_map(|t| {
                    Some(RoiItem {
                        tool: t.tool.clone(),
                        roi: t.roi?,
                        value: t.value?,
                        tco: t.tco?,
                    })
                })
                .collect();
            charts::roi(&items, opts)
        }
        _ => return None,
    })
}
