//! Spend by tool, spend by category, seat utilisation and ROI: horizontal bar charts.

use super::format::{count, percent};
use super::frame::{
    clean, clean_pos, hatch, nice_max, render, render_empty, Ctx, Head, LegendItem,
};
use super::hbar::{self, HBar, Row, Seg};
use super::model::{ChartOptions, RoiItem, SpendBar, UtilisationBar};
use super::text::clean_label;
use super::theme::{OI_GREEN, OI_ORANGE, OI_PURPLE, OI_VERMILLION, OI_YELLOW};

/// Sums duplicate labels, then sorts by amount (largest first; ties by label).
fn merge_sorted(items: Vec<(String, f64, usize)>) -> Vec<(String, f64, usize)> {
    let mut items = items;
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<(String, f64, usize)> = Vec::with_capacity(items.len());
    for (label, v, k) in items {
        match merged.last_mut() {
            Some(last) if last.0 == label => {
                last.1 = clean(last.1 + v);
                last.2 += k;
            }
            _ => merged.push((label, v, k)),
        }
    }
    merged.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    merged
}

fn share(v: f64, total: f64) -> String {
    if total > 0.0 {
        format!(" ({} of total)", percent(v / total))
    } else {
        String::new()
    }
}

/// Spend bars: label, amount, how many tools the bar sums; the last row may be "Other".
fn spend_chart(
    ctx: &Ctx,
    kind: &'static str,
    title: &str,
    noun: (&str, &str),
    items: Vec<(String, f64, usize)>,
) -> String {
    let items = merge_sorted(items);
    if items.is_empty() {
        return render_empty(ctx, kind, title, "There is no spend to show.");
    }
    let total: f64 = clean(items.iter().map(|i| i.1).sum());
    let n_items = items.len();
    let (shown, rest) = if n_items > ctx.top_n {
        items.split_at(ctx.top_n)
    } else {
        (&items[..], &[][..])
    };
    let cur = &ctx.cur;
    let mut rows: Vec<Row> = shown
        .iter()
        .map(|(label, v, k)| {
            let tools = if noun.0 == "category" {
                format!(" across {} {}", k, if *k == 1 { "tool" } else { "tools" })
            } else {
                String::new()
            };
            Row {
                label: label.clone(),
                segs: vec![Seg {
                    from: 0.0,
                    to: *v,
                    fill: ctx.c.accent.hex(),
                    outline: None,
                    title: format!("{label}: {}{tools}{}", cur.exact(*v), share(*v, total)),
                }],
                end: *v,
                end_text: cur.compact(*v),
                end_color: ctx.c.text,
                broken: false,
            }
        })
        .collect();
    let named_max = rows.iter().map(|r| r.end).fold(0.0, f64::max);
    let mut max = named_max;
    if !rest.is_empty() {
        let other: f64 = clean(rest.iter().map(|i| i.1).sum());
        let label = format!("Other ({} {})", rest.len(), noun.1);
        // A long tail can dwarf the named bars: then "Other" runs off the scale, drawn cut.
        let broken = named_max > 0.0 && other > 1.6 * named_max;
        let shown_to = if broken { nice_max(named_max) } else { other };
        max = max.max(shown_to);
        rows.push(Row {
            label: label.clone(),
            segs: vec![Seg {
                from: 0.0,
                to: shown_to,
                fill: ctx.c.other.hex(),
                outline: None,
                title: format!("{label}: {}{}", cur.exact(other), share(other, total)),
            }],
            end: shown_to,
            end_text: if broken {
                format!("{} (off scale)", cur.compact(other))
            } else {
                cur.compact(other)
            },
            end_color: ctx.c.muted,
            broken,
        });
    }
    let min = rows.iter().map(|r| r.end).fold(0.0, f64::min);
    let subtitle = if rest.is_empty() {
        format!(
            "Total {} across {} {}",
            cur.exact(total),
            n_items,
            if n_items == 1 { noun.0 } else { noun.1 }
        )
    } else {
        format!(
            "Total {} across {} {} · top {} shown, the other {} summed as Other",
            cur.exact(total),
            n_items,
            noun.1,
            shown.len(),
            rest.len()
        )
    };
    let mut desc = format!(
        "Horizontal bar chart of spend by {}, largest first, in {}. {}.",
        noun.0,
        cur.unit(),
        subtitle
    );
    for r in rows.iter().take(20) {
        desc.push_str(&format!(" {}: {}.", r.label, cur.exact(r.end)));
    }
    let head = Head {
        kind,
        title: title.to_string(),
        subtitle,
        desc,
        legend: Vec::new(),
    };
    let fmt = |v: f64| ctx.cur.compact(v);
    render(ctx, &head, |root, svg, ctx, top| {
        hbar::draw(
            root,
            svg,
            ctx,
            top,
            HBar {
                rows,
                x_min: if min < 0.0 { min * 1.06 } else { 0.0 },
                x_max: if max > named_max { max } else { nice_max(max) },
                x_desc: format!("Spend ({})", ctx.cur.unit()),
                x_fmt: &fmt,
                zero_line: min < 0.0,
            },
        )
    })
}

/// Spend per tool as sorted horizontal bars; beyond `top_n` tools the rest is summed as "Other".
/// Duplicate labels are summed.
pub fn spend_by_tool(bars: &[SpendBar], opts: &ChartOptions) -> String {
    let ctx = Ctx::new(opts);
    let items: Vec<(String, f64, usize)> = bars
        .iter()
        .map(|b| (clean_label(&b.label, "(unnamed tool)"), clean(b.amount), 1))
        .collect();
    spend_chart(
        &ctx,
        "spend-by-tool",
        "Spend by tool",
        ("tool", "tools"),
        items,
    )
}

/// Spend per category (tools without one count as "Uncategorised"), sorted, top N plus "Other".
pub fn spend_by_category(bars: &[SpendBar], opts: &ChartOptions) -> String {
    let ctx = Ctx::new(opts);
    let items: Vec<(String, f64, usize)> = bars
        .iter()
        .map(|b| {
            (
                clean_label(b.category.as_deref().unwrap_or(""), "Uncategorised"),
                clean(b.amount),
                1,
            )
        })
        .collect();
    spend_chart(
        &ctx,
        "spend-by-category",
        "Spend by category",
        ("category", "categories"),
        items,
    )
}

/// Seat utilisation: one stacked bar per tool (active, inactive, never active, unassigned, orphaned seats)
/// with the utilisation figure after it. Tools without usage data are drawn hatched and labelled
/// "no usage data", never as 0 %. The `top_n` tools with the most seats are shown.
pub fn seat_utilisation(bars: &[UtilisationBar], opts: &ChartOptions) -> String {
    let ctx = Ctx::new(opts);
    let title = "Seat utilisation";
    if bars.is_empty() {
        return render_empty(
            &ctx,
            "seat-utilisation",
            title,
            "There are no tools with seats to show.",
        );
    }
    let opt = |v: Option<f64>| v.map(clean_pos);
    let kinds: [(&str, _); 5] = [
        ("Active", OI_GREEN),
        ("Inactive", OI_ORANGE),
        ("Never active", OI_VERMILLION),
        ("Unassigned", OI_YELLOW),
        ("Orphaned", OI_PURPLE),
    ];
    struct T {
        tool: String,
        seats: Option<f64>,
        parts: [Option<f64>; 5],
        util: Option<f64>,
        total: f64,
    }
    let mut tools: Vec<T> = bars
        .iter()
        .map(|b| {
            let parts = [
                opt(b.active),
                opt(b.inactive),
                opt(b.never_active),
                opt(b.unassigned),
                opt(b.orphaned),
            ];
            let seats = opt(b.seats);
            let known: f64 = clean(parts.iter().flatten().sum());
            let util = b.seat_utilisation.filter(|u| u.is_finite()).map(clean);
            T {
                tool: clean_label(&b.tool, "(unnamed tool)"),
                seats,
                parts,
                util,
                total: seats.unwrap_or(0.0).max(known),
            }
        })
        .collect();
    tools.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then_with(|| a.tool.cmp(&b.tool))
    });
    let n_all = tools.len();
    tools.truncate(ctx.top_n);
    let no_data = tools.iter().filter(|t| t.util.is_none()).count();

    let mut rows = Vec::with_capacity(tools.len());
    let mut desc = format!(
        "Stacked horizontal bars of seats per tool ({} of {} tools, most seats first): active, inactive, never active, unassigned and orphaned seats, with the seat utilisation after each bar.",
        tools.len(),
        n_all
    );
    for t in &tools {
        let seats_txt = match t.seats {
            Some(s) => format!("{} seats", count(s)),
            None => "seats unknown".to_string(),
        };
        let mut segs = Vec::new();
        let (end_text, end_color) = match t.util {
            None => {
                let mut known = Vec::new();
                for (k, (name, _)) in kinds.iter().enumerate() {
                    if let Some(v) = t.parts[k] {
                        known.push(format!("{}: {}", name.to_lowercase(), count(v)));
                    }
                }
                let extra = if known.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", known.join(", "))
                };
                if t.total > 0.0 {
                    segs.push(Seg {
                        from: 0.0,
                        to: t.total,
                        fill: hatch(),
                        outline: Some(ctx.c.unknown),
                        title: format!("{}: no usage data · {seats_txt}{extra}", t.tool),
                    });
                }
                desc.push_str(&format!(" {}: no usage data, {seats_txt}.", t.tool));
                ("no usage data".to_string(), ctx.c.muted)
            }
            Some(u) => {
                let mut x = 0.0;
                for (k, (name, color)) in kinds.iter().enumerate() {
                    let Some(v) = t.parts[k] else { continue };
                    if v <= 0.0 {
                        continue;
                    }
                    let pct = match t.seats {
                        Some(s) if s > 0.0 => format!(" ({} of seats)", percent(v / s)),
                        _ => String::new(),
                    };
                    segs.push(Seg {
                        from: x,
                        to: x + v,
                        fill: color.hex(),
                        outline: None,
                        title: format!(
                            "{} — {}: {} seats{pct}",
                            t.tool,
                            name.to_lowercase(),
                            count(v)
                        ),
                    });
                    x += v;
                }
                if t.total > x {
                    segs.push(Seg {
                        from: x,
                        to: t.total,
                        fill: "none".to_string(),
                        outline: Some(ctx.c.axis),
                        title: format!("{} — status unknown: {} seats", t.tool, count(t.total - x)),
                    });
                }
                desc.push_str(&format!(
                    " {}: {} utilised, {seats_txt}.",
                    t.tool,
                    percent(u)
                ));
                (percent(u), ctx.c.text)
            }
        };
        rows.push(Row {
            label: t.tool.clone(),
            segs,
            end: t.total,
            end_text,
            end_color,
            broken: false,
        });
    }
    let max = rows.iter().map(|r| r.end).fold(0.0, f64::max);
    let mut legend: Vec<LegendItem> = kinds
        .iter()
        .map(|(name, c)| LegendItem::color(name, *c))
        .collect();
    legend.push(LegendItem {
        label: "No usage data".to_string(),
        fill: hatch(),
        outline: Some(ctx.c.unknown),
    });
    let subtitle = format!(
        "Seats per tool by status; utilisation after each bar{}{}",
        if n_all > tools.len() {
            format!(" · {} of {} tools (most seats)", tools.len(), n_all)
        } else {
            String::new()
        },
        if no_data > 0 {
            format!(" · {no_data} without usage data")
        } else {
            String::new()
        }
    );
    let head = Head {
        kind: "seat-utilisation",
        title: title.to_string(),
        subtitle,
        desc,
        legend,
    };
    let fmt = |v: f64| count(v);
    render(&ctx, &head, |root, svg, ctx, top| {
        hbar::draw(
            root,
            svg,
            ctx,
            top,
            HBar {
                rows,
                x_min: 0.0,
                x_max: nice_max(max),
                x_desc: "Seats (licences)".to_string(),
                x_fmt: &fmt,
                zero_line: false,
            },
        )
    })
}

/// Return on investment per tool (`roi` is a fraction: 1.5 = +150 %), best first, diverging from 0.
/// With more than `top_n` tools, the best and the worst are shown.
pub fn roi(items: &[RoiItem], opts: &ChartOptions) -> String {
    let ctx = Ctx::new(opts);
    let title = "Return on investment by tool";
    let mut v: Vec<(String, f64, f64, f64)> = items
        .iter()
        .map(|i| {
            (
                clean_label(&i.tool, "(unnamed tool)"),
                clean(i.roi),
                clean(i.value),
                clean(i.tco),
            )
        })
        .collect();
    if v.is_empty() {
        return render_empty(
            &ctx,
            "roi",
            title,
            "There are no tools with a return on investment to show.",
        );
    }
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let n_all = v.len();
    let subtitle_pick = if n_all > ctx.top_n {
        let best = ctx.top_n.div_ceil(2);
        let worst = ctx.top_n - best;
        let mut picked: Vec<_> = v[..best].to_vec();
        picked.extend_from_slice(&v[n_all - worst..]);
        v = picked;
        format!(" · the {best} best and {worst} worst of {n_all} tools")
    } else {
        String::new()
    };
    let cur = &ctx.cur;
    let pct = |r: f64| {
        let p = percent(r);
        if r > 0.0 {
            format!("+{p}")
        } else {
            p
        }
    };
    let mut desc = format!(
        "Horizontal bars of return on investment per tool, (value − total cost of ownership) / total cost of ownership, best first{subtitle_pick}."
    );
    let rows: Vec<Row> = v
        .iter()
        .map(|(tool, r, value, tco)| {
            desc.push_str(&format!(" {tool}: {}.", pct(*r)));
            Row {
                label: tool.clone(),
                segs: vec![Seg {
                    from: 0.0,
                    to: r * 100.0,
                    fill: if *r >= 0.0 {
                        ctx.c.accent.hex()
                    } else {
                        OI_VERMILLION.hex()
                    },
                    outline: None,
                    title: format!(
                        "{tool}: ROI {} · value {} · total cost of ownership {}",
                        pct(*r),
                        cur.exact(*value),
                        cur.exact(*tco)
                    ),
                }],
                end: r * 100.0,
                end_text: pct(*r),
                end_color: ctx.c.text,
                broken: false,
            }
        })
        .collect();
    let max = rows.iter().map(|r| r.end).fold(0.0, f64::max);
    let min = rows.iter().map(|r| r.end).fold(0.0, f64::min);
    let head = Head {
        kind: "roi",
        title: title.to_string(),
        subtitle: format!(
            "ROI = (value − total cost of ownership) ÷ total cost of ownership{subtitle_pick}"
        ),
        desc,
        legend: vec![
            LegendItem::color("Positive return", ctx.c.accent),
            LegendItem::color("Negative return", OI_VERMILLION),
        ],
    };
    let fmt = |v: f64| percent(v / 100.0);
    render(&ctx, &head, |root, svg, ctx, top| {
        hbar::draw(
            root,
            svg,
            ctx,
            top,
            HBar {
                rows,
                x_min: if min < 0.0 { min * 1.06 } else { 0.0 },
                x_max: if max > 0.0 { nice_max(max) } else { 1.0 },
                x_desc: "Return on investment (%)".to_string(),
                x_fmt: &fmt,
                zero_line: min < 0.0,
            },
        )
    })
}
