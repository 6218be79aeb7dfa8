//! The report as people take it away: a plain-text summary (CLI), CSV tables (spreadsheet-safe), and one
//! self-contained HTML file (inline SVG charts and styles, no script, readable offline).
//!
//! Pure functions from a [`Report`] to a `String`. All text from files is escaped for its destination.

use crate::charts::ChartOptions;
use crate::dashboard::report_charts;
use crate::report::Report;
use std::fmt::Write as _;

/// `12345.6` → `12,345.60`; `None` → `unknown`.
pub fn money(v: Option<f64>, currency: &str) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{} {currency}", group(v, 2)),
        _ => "unknown".into(),
    }
}

/// A number with thousands separators and `decimals` decimals.
pub fn group(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s
        .split_once('.')
        .map(|(a, b)| (a.to_string(), Some(b.to_string())))
        .unwrap_or((s.clone(), None));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    if v < 0.0 && v.abs() >= 0.5 * 10f64.powi(-(decimals as i32)) {
        out.insert(0, '-');
    }
    out
}

/// `0.8` → `80.0 %`; `None` → `unknown`.
pub fn percent(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{:.1} %", v * 100.0),
        _ => "unknown".into(),
    }
}

fn count<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
}

/// The readable summary `stackscope analyze` prints.
pub fn text_summary(r: &Report) -> String {
    let c = &r.currency;
    let s = &r.summary;
    let mut o = String::new();
    let as_of = r
        .as_of
        .map(|d| d.to_string())
        .unwrap_or_else(|| "unknown".into());
    let _ = writeln!(
        o,
        "Stackscope — as of {as_of}, activity window {} days, amounts in {c}\n",
        r.window_days
    );
    let _ = writeln!(
        o,
        "  Software spend        {} (annualised {})",
        money(s.software_spend, c),
        money(s.annualised_run_rate, c)
    );
    let _ = writeln!(o, "  Annual cost of tools  {}", money(s.annual_cost, c));
    let _ = writeln!(
        o,
        "  Wasted spend          {} a year",
        money(s.wasted_spend, c)
    );
    let _ = writeln!(
        o,
        "  Seat utilisation      {} (usage data covers {} of paid seats)",
        percent(s.seat_utilisation),
        percent(s.usage_coverage)
    );
    let _ = writeln!(
        o,
        "  Tools                 {} ({} overlapping groups, {} renewals in the next 90 days)",
        s.tools, s.overlap_groups, s.renewals_next_90_days
    );
    let _ = writeln!(
        o,
        "  Unmatched spend       {}; non-software {}",
        money(s.unmatched_spend, c),
        money(s.non_software_spend, c)
    );

    let _ = writeln!(o, "\nTools, by annual cost");
    let _ = writeln!(
        o,
        "  {:<28} {:>6} {:>6} {:>9} {:>16} {:>16} {:>11}",
        "tool", "seats", "active", "util.", "annual cost", "wasted", "cancel by"
    );
    let mut tools: Vec<_> = r.tools.iter().collect();
    tools.sort_by(|a, b| {
        b.annual_cost
            .unwrap_or(-1.0)
            .total_cmp(&a.annual_cost.unwrap_or(-1.0))
            .then_with(|| a.tool.cmp(&b.tool))
    });
    for t in tools {
        let util = if t.has_usage_data {
            percent(t.seat_utilisation)
        } else {
            "no usage".into()
        };
        let _ = writeln!(
            o,
            "  {:<28} {:>6} {:>6} {:>9} {:>16} {:>16} {:>11}",
            shorten(&t.tool, 28),
            count(t.seats.map(|v| v.round() as i64)),
            count(t.active),
            util,
            t.annual_cost
                .map(|v| group(v, 0))
                .unwrap_or_else(|| "unknown".into()),
            t.wasted_spend
                .map(|v| group(v, 0))
                .unwrap_or_else(|| "unknown".into()),
            count(t.cancel_by)
        );
    }
    if !r.recommendations.is_empty() {
        let _ = writeln!(o, "\nWhat to do");
        for (i, rec) in r.recommendations.iter().take(15).enumerate() {
            let _ = writeln!(o, "  {:>2}. {}", i + 1, rec.title);
        }
    }
    if !r.renewals.is_empty() {
        let _ = writeln!(o, "\nRenewals");
        for n in r.renewals.iter().take(15) {
            let _ = writeln!(
                o,
                "  {:<28} renews {}  cancel by {}  {}",
                shorten(&n.tool, 28),
                n.renewal_date,
                count(n.cancel_by),
                n.explain
            );
        }
    }
    if !r.spend.unmatched.is_empty() {
        let _ = writeln!(
            o,
            "\nVendors that matched no tool (map them with an alias rule)"
        );
        for u in r.spend.unmatched.iter().take(15) {
            let hint = if !u.ambiguous_between.is_empty() {
                format!(" — one of: {}", u.ambiguous_between.join(", "))
            } else if !u.suggestions.is_empty() {
                format!(" — maybe {}", u.suggestions.join(", "))
            } else {
                String::new()
            };
            let _ = writeln!(
                o,
                "  {:<34} {:>16}{hint}",
                shorten(&u.vendor, 34),
                money(u.amount, c)
            );
        }
    }
    o
}

fn shorten(s: &str, max: usize) -> String {
    crate::error::shorten(s, max.saturating_sub(1))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// One CSV cell, quoted when needed, with spreadsheet formulas neutralised: a cell starting with `=`, `+`,
/// `-`, `@`, tab or carriage return gets a leading `'` (numbers written by Stackscope itself are not text and
/// pass through [`csv_number`]).
pub fn csv_cell(s: &str) -> String {
    let neutral = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// A number cell (never neutralised: `-12.5` stays a number); unknown is empty.
pub fn csv_number(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => format!("{v}"),
        _ => String::new(),
    }
}

/// `Sales 12 (10 active); department unknown 2 (1 active)`: who holds the tool's accounts.
pub fn tool_departments(t: &crate::report::ToolReport) -> String {
    t.departments
        .iter()
        .map(|d| d.label())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The tools table as CSV.
pub fn tools_csv(r: &Report) -> String {
    let mut o = String::from("tool,vendor,category,subcategory,seats,assigned,active,inactive,never_active,activity_unknown,unassigned,orphaned,seat_utilisation,annual_cost,price_per_seat,spend,cost_per_active_user,wasted_spend,seats_to_renew,savings_if_rightsized,renewal_date,cancel_by,auto_renew,roi,departments\r\n");
    for t in &r.tools {
        let n = |v: Option<u64>| csv_number(v.map(|x| x as f64));
        let cells = [
            csv_cell(&t.tool),
            csv_cell(t.vendor.as_deref().unwrap_or("")),
            csv_cell(t.category.as_deref().unwrap_or("")),
            csv_cell(t.subcategory.as_deref().unwrap_or("")),
            csv_number(t.seats),
            n(t.assigned),
            n(t.active),
            n(t.inactive),
            n(t.never_active),
            n(t.activity_unknown),
            csv_number(t.unassigned),
            n(t.orphaned),
            csv_number(t.seat_utilisation),
            csv_number(t.annual_cost),
            csv_number(t.price_per_seat),
            csv_number(t.spend),
            csv_number(t.cost_per_active_user),
            csv_number(t.wasted_spend),
            n(t.seats_to_renew),
            csv_number(t.savings_if_rightsized),
            t.renewal_date.map(|d| d.to_string()).unwrap_or_default(),
            t.cancel_by.map(|d| d.to_string()).unwrap_or_default(),
            t.auto_renew.map(|b| b.to_string()).unwrap_or_default(),
            csv_number(t.roi),
            csv_cell(&tool_departments(t)),
        ];
        o.push_str(&cells.join(","));
        o.push_str("\r\n");
    }
    o
}

/// `Figma (active); Slack (inactive)`: the person's tools by name, with the state of each account.
pub fn person_tools(p: &crate::report::PersonRow) -> String {
    let mut tools: Vec<(&str, &str)> = Vec::new();
    let a = &p.accounts;
    for (list, state) in [
        (&a.active, "active"),
        (&a.inactive, "inactive"),
        (&a.never_active, "never active"),
        (&a.activity_unknown, "activity unknown"),
        (&a.orphaned, "orphaned"),
        (&a.removed, "removed"),
    ] {
        tools.extend(list.iter().map(|t| (t.as_str(), state)));
    }
    tools.sort();
    tools
        .iter()
        .map(|(t, s)| format!("{t} ({s})"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The people table as CSV: one row per person joined across sources.
pub fn people_csv(r: &Report) -> String {
    let mut o = String::from("person,display_name,email,username,department,status,leaver,service_account,joined_by,sources,active,inactive,never_active,activity_unknown,orphaned,removed,tools\r\n");
    for p in &r.people.list {
        let a = &p.accounts;
        let cells = [
            csv_cell(&p.person),
            csv_cell(p.display_name.as_deref().unwrap_or("")),
            csv_cell(p.email.as_deref().unwrap_or("")),
            csv_cell(p.username.as_deref().unwrap_or("")),
            csv_cell(p.department.as_deref().unwrap_or("")),
            csv_cell(&snake(&p.status)),
            p.leaver.to_string(),
            p.service_account.to_string(),
            csv_cell(&snake(&p.joined_by)),
            csv_cell(&p.sources.join("; ")),
            a.active.len().to_string(),
            a.inactive.len().to_string(),
            a.never_active.len().to_string(),
            a.activity_unknown.len().to_string(),
            a.orphaned.len().to_string(),
            a.removed.len().to_string(),
            csv_cell(&person_tools(p)),
        ];
        o.push_str(&cells.join(","));
        o.push_str("\r\n");
    }
    o
}

/// A named table of the report as CSV; `None` for an unknown name.
pub fn table_csv(r: &Report, table: &str) -> Option<String> {
    let mut o = String::new();
    let mut line = |cells: Vec<String>| {
        o.push_str(&cells.join(","));
        o.push_str("\r\n");
    };
    match table {
        "tools" => return Some(tools_csv(r)),
        "people" => return Some(people_csv(r)),
        "recommendations" => {
            line(vec![
                "rank".into(),
                "kind".into(),
                "tool".into(),
                "title".into(),
                "amount".into(),
            ]);
            for (i, x) in r.recommendations.iter().enumerate() {
                let kind = serde_json::to_value(x.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                line(vec![
                    (i + 1).to_string(),
                    csv_cell(&kind),
                    csv_cell(&x.tool),
                    csv_cell(&x.title),
                    csv_number(x.amount),
                ]);
            }
        }
        "renewals" => {
            line(
                [
                    "tool",
                    "renewal_date",
                    "notice_days",
                    "cancel_by",
                    "days_until_cancel_by",
                    "auto_renew",
                    "annual_cost",
                    "action",
                    "explain",
                ]
                .map(String::from)
                .to_vec(),
            );
            for n in &r.renewals {
                let action = serde_json::to_value(n.action)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                line(vec![
                    csv_cell(&n.tool),
                    n.renewal_date.to_string(),
                    n.notice_days.map(|d| d.to_string()).unwrap_or_default(),
                    n.cancel_by.map(|d| d.to_string()).unwrap_or_default(),
                    n.days_until_cancel_by
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    n.auto_renew.map(|b| b.to_string()).unwrap_or_default(),
                    csv_number(n.annual_cost),
                    csv_cell(&action),
                    csv_cell(&n.explain),
                ]);
            }
        }
        "spend_by_tool" => {
            line(vec!["tool".into(), "amount".into(), "lines".into()]);
            for b in &r.spend.by_tool {
                line(vec![
                    csv_cell(b.key.as_deref().unwrap_or("")),
                    csv_number(Some(b.amount)),
                    b.lines.to_string(),
                ]);
            }
        }
        "unmatched" => {
            line(vec![
                "vendor".into(),
                "amount".into(),
                "lines".into(),
                "suggestions".into(),
            ]);
            for u in &r.spend.unmatched {
                let hint = if u.ambiguous_between.is_empty() {
                    u.suggestions.join("; ")
                } else {
                    u.ambiguous_between.join("; ")
                };
                line(vec![
                    csv_cell(&u.vendor),
                    csv_number(u.amount),
                    u.lines.to_string(),
                    csv_cell(&hint),
                ]);
            }
        }
        "non_software" => {
            line(vec![
                "vendor".into(),
                "class".into(),
                "amount".into(),
                "lines".into(),
            ]);
            for n in &r.spend.non_software {
                let class = serde_json::to_value(n.class)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                line(vec![
                    csv_cell(&n.vendor),
                    class,
                    csv_number(Some(n.amount)),
                    n.lines.to_string(),
                ]);
            }
        }
        "overlaps" => {
            line(
                [
                    "a",
                    "b",
                    "shared_assigned",
                    "shared_active",
                    "jaccard",
                    "overlap_coefficient",
                ]
                .map(String::from)
                .to_vec(),
            );
            for p in &r.overlap.pairs {
                line(vec![
                    csv_cell(&p.a),
                    csv_cell(&p.b),
                    p.shared_assigned.to_string(),
                    p.shared_active.map(|v| v.to_string()).unwrap_or_default(),
                    csv_number(p.jaccard),
                    csv_number(p.overlap_coefficient),
                ]);
            }
        }
        _ => return None,
    }
    Some(o)
}

/// Every diagnostic of every file as CSV.
pub fn diagnostics_csv(files: &[crate::ingest::Inspection]) -> String {
    let mut o = String::from("file,line,column,severity,code,message,value\r\n");
    for f in files {
        for d in &f.diagnostics {
            let sev = match d.severity {
                crate::error::Severity::Info => "info",
                crate::error::Severity::Warning => "warning",
                crate::error::Severity::Error => "error",
            };
            let cells = [
                csv_cell(&f.file),
                d.line.map(|l| l.to_string()).unwrap_or_default(),
                d.column.map(|c| c.to_string()).unwrap_or_default(),
                sev.to_string(),
                csv_cell(&d.code),
                csv_cell(&d.message),
                csv_cell(d.raw.as_deref().unwrap_or("")),
            ];
            o.push_str(&cells.join(","));
            o.push_str("\r\n");
        }
    }
    o
}

/// Options for the HTML export.
#[derive(Clone, Debug, Default)]
pub struct HtmlOptions {
    pub title: Option<String>,
    pub chart_options: ChartOptions,
}

const HTML_STYLE: &str = "body{font-family:'Open Sans',system-ui,sans-serif;margin:32px auto;max-width:1100px;padding:0 20px;color:#1d1d1f;background:#fff}h1{margin:0}h2{margin-top:32px}.muted{color:#55575c}.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;margin:16px 0}.tile{border:1px solid #d6d6d3;border-radius:10px;padding:12px}.tile b{display:block;font-size:1.4em}table{border-collapse:collapse;width:100%;font-size:.9em}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e2e2df}td.n{text-align:right}figure{margin:24px 0}svg{max-width:100%;height:auto}";

/// People listed in the HTML export; the people CSV has everyone.
pub const HTML_PEOPLE_ROWS: usize = 2000;

/// The whole report as one self-contained HTML file: no script, no external reference.
pub fn html_report(r: &Report, options: &HtmlOptions) -> String {
    let c = &r.currency;
    let s = &r.summary;
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| "Stackscope report".into());
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>{}</title><style>{HTML_STYLE}</style></head><body>\n",
        escape_html(&title)
    );
    let as_of = r
        .as_of
        .map(|d| d.to_string())
        .unwrap_or_else(|| "unknown".into());
    let _ = writeln!(
        o,
        "<h1>{}</h1><p class=\"muted\">As of {as_of} · activity window {} days · amounts in {}</p>",
        escape_html(&title),
        r.window_days,
        escape_html(c)
    );
    let tiles = [
        ("Software spend", money(s.software_spend, c)),
        ("Annualised run rate", money(s.annualised_run_rate, c)),
        ("Wasted spend (a year)", money(s.wasted_spend, c)),
        ("Seat utilisation", percent(s.seat_utilisation)),
        ("Usage coverage", percent(s.usage_coverage)),
        ("Tools", s.tools.to_string()),
        ("Overlapping groups", s.overlap_groups.to_string()),
        ("Renewals in 90 days", s.renewals_next_90_days.to_string()),
    ];
    o.push_str("<div class=\"tiles\">");
    for (label, value) in tiles {
        let _ = write!(
            o,
            "<div class=\"tile\">{}<b>{}</b></div>",
            escape_html(label),
            escape_html(&value)
        );
    }
    o.push_str("</div>\n");
    if !r.recommendations.is_empty() {
        o.push_str("<h2>What to do</h2><ol>");
        for rec in r.recommendations.iter().take(20) {
            let _ = write!(o, "<li>{}</li>", escape_html(&rec.title));
        }
        o.push_str("</ol>\n");
    }
    for (name, svg) in report_charts(r, &options.chart_options) {
        let _ = writeln!(
            o,
            "<figure data-chart=\"{}\">{svg}</figure>",
            escape_html(&name)
        );
    }
    o.push_str("<h2>Tools</h2><table><thead><tr><th>Tool</th><th>Category</th><th>Seats</th><th>Active</th><th>Utilisation</th><th>Annual cost</th><th>Wasted</th><th>Cancel by</th></tr></thead><tbody>");
    for t in &r.tools {
        let util = if t.has_usage_data {
            percent(t.seat_utilisation)
        } else {
            "no usage data".into()
        };
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape_html(&t.tool),
            escape_html(t.subcategory.as_deref().or(t.category.as_deref()).unwrap_or("")),
            count(t.seats.map(|v| v.round() as i64)),
            count(t.active),
            escape_html(&util),
            escape_html(&money(t.annual_cost, c)),
            escape_html(&money(t.wasted_spend, c)),
            count(t.cancel_by)
        );
    }
    o.push_str("</tbody></table>\n");
    if !r.renewals.is_empty() {
        o.push_str("<h2>Renewals</h2><table><thead><tr><th>Tool</th><th>Renews</th><th>Cancel by</th><th>Why</th></tr></thead><tbody>");
        for n in &r.renewals {
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape_html(&n.tool),
                n.renewal_date,
                count(n.cancel_by),
                escape_html(&n.explain)
            );
        }
        o.push_str("</tbody></table>\n");
    }
    if !r.spend.unmatched.is_empty() {
        o.push_str("<h2>Vendors that matched no tool</h2><table><thead><tr><th>Vendor</th><th>Amount</th><th>Suggestions</th></tr></thead><tbody>");
        for u in &r.spend.unmatched {
            let hint = if u.ambiguous_between.is_empty() {
                u.suggestions.join(", ")
            } else {
                u.ambiguous_between.join(", ")
            };
            let _ = write!(
                o,
                "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                escape_html(&u.vendor),
                escape_html(&money(u.amount, c)),
                escape_html(&hint)
            );
        }
        o.push_str("</tbody></table>\n");
    }
    if !r.people.list.is_empty() {
        let total = r.people.list.len();
        let _ = write!(
            o,
            "<h2>People</h2><p class=\"muted\">{} people joined across sources ({} service accounts and shared mailboxes, flagged).",
            group(total as f64, 0),
            r.people.service_accounts
        );
        if total > HTML_PEOPLE_ROWS {
            let _ = write!(
                o,
                " The first {} are listed; the people CSV export has everyone.",
                group(HTML_PEOPLE_ROWS as f64, 0)
            );
        }
        o.push_str("</p><table><thead><tr><th>Person</th><th>Name</th><th>Department</th><th>Files</th><th>Tools (account state)</th><th>Left</th></tr></thead><tbody>");
        for p in r.people.list.iter().take(HTML_PEOPLE_ROWS) {
            let left = if p.leaver {
                snake(&p.status)
            } else if p.service_account {
                "service account".into()
            } else {
                String::new()
            };
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape_html(&p.person),
                escape_html(p.display_name.as_deref().unwrap_or("")),
                escape_html(p.department.as_deref().unwrap_or("unknown")),
                escape_html(&p.sources.join(", ")),
                escape_html(&person_tools(p)),
                escape_html(&left)
            );
        }
        o.push_str("</tbody></table>\n");
    }
    o.push_str("<p class=\"muted\">Made with Stackscope, entirely on this computer. Every figure's formula is in docs/metrics.md.</p></body></html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_percent_say_unknown_rather_than_zero() {
        assert_eq!(money(Some(1234567.891), "USD"), "1,234,567.89 USD");
        assert_eq!(money(Some(-149.9), "USD"), "-149.90 USD");
        assert_eq!(money(None, "USD"), "unknown");
        assert_eq!(percent(Some(0.8)), "80.0 %");
        assert_eq!(percent(None), "unknown");
        assert_eq!(group(999.0, 0), "999");
        assert_eq!(group(1000.0, 0), "1,000");
    }

    #[test]
    fn csv_cells_neutralise_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+cmd|calc"), "'+cmd|calc");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("\ttab"), "'\ttab");
        assert_eq!(csv_cell("Slack"), "Slack");
        assert_eq!(csv_number(Some(-12.5)), "-12.5");
    }

    #[test]
    fn html_escapes_everything() {
        assert_eq!(
            escape_html("<script>\"'&"),
            "&lt;script&gt;&quot;&#39;&amp;"
        );
    }
}
