//! Cost versus utilisation: one bubble per tool (area ∝ seats), with the expensive-and-idle quadrant
//! (utilisation below 50 %, annual cost above the median) shaded and labelled. Tools without usage data
//! sit in a separate hatched strip left of the axis, never at 0 %.

use super::format::{count, percent};
use super::frame::{
    clean_pos, hatch, nice_max, pixel_rect, render, render_empty, Ctx, Head, LegendItem, Lin,
    LABEL_PX, SMALL_PX,
};
use super::model::{ChartOptions, CostPoint};
use super::svg::{v_center, Anchor};
use super::text::{clean_label, ellipsize, text_width};
use super::theme::OI_VERMILLION;
use plotters::prelude::*;

/// Utilisation below which a tool counts as idle.
const IDLE: f64 = 0.5;

struct P {
    tool: String,
    util: Option<f64>,
    cost: f64,
    seats: f64,
}

/// The bubble chart. All tools are drawn; names are shown for the costliest ones where they fit
/// without overlapping (every bubble's `<title>` has the exact figures).
pub fn cost_vs_utilisation(points: &[CostPoint], opts: &ChartOptions) -> String {
    let ctx = Ctx::new(opts);
    let title = "Cost versus seat utilisation";
    let mut pts: Vec<P> = points
        .iter()
        .map(|p| P {
            tool: clean_label(&p.tool, "(unnamed tool)"),
            util: p
                .seat_utilisation
                .filter(|u| u.is_finite())
                .map(|u| u.clamp(0.0, 10.0)),
            cost: clean_pos(p.annual_cost),
            seats: clean_pos(p.seats),
        })
        .collect();
    if pts.is_empty() {
        return render_empty(
            &ctx,
            "cost-vs-utilisation",
            title,
            "There are no tools with costs to show.",
        );
    }
    // Costliest first: labels go to them first; bubbles are drawn largest seat count first.
    pts.sort_by(|a, b| b.cost.total_cmp(&a.cost).then_with(|| a.tool.cmp(&b.tool)));
    let mut costs: Vec<f64> = pts.iter().map(|p| p.cost).collect();
    costs.sort_by(f64::total_cmp);
    let median = if costs.len() % 2 == 1 {
        costs[costs.len() / 2]
    } else {
        (costs[costs.len() / 2 - 1] + costs[costs.len() / 2]) / 2.0
    };
    let cur = &ctx.cur;
    let idle = |p: &P| p.util.is_some_and(|u| u < IDLE) && p.cost > median;
    let flagged: Vec<&P> = pts.iter().filter(|p| idle(p)).collect();
    let no_data = pts.iter().filter(|p| p.util.is_none()).count();
    let max_cost = pts.iter().map(|p| p.cost).fold(0.0, f64::max);
    let max_util = pts.iter().filter_map(|p| p.util).fold(1.0, f64::max);
    let max_seats = pts.iter().map(|p| p.seats).fold(0.0, f64::max);
    let subtitle = format!(
        "{} tools · bubble area = seats · shaded: utilisation below 50 % and cost above the median ({}), outlined bubbles{}",
        pts.len(),
        cur.compact(median),
        if no_data > 0 {
            format!(" · {no_data} without usage data on the left")
        } else {
            String::new()
        }
    );
    let mut desc = format!(
        "Bubble chart of annual cost in {} against seat utilisation for {} tools. {} tools are expensive and idle:",
        cur.unit(),
        pts.len(),
        flagged.len()
    );
    for p in flagged.iter().take(20) {
        desc.push_str(&format!(
            " {} ({}, {} utilised);",
            p.tool,
            cur.exact(p.cost),
            percent(p.util.unwrap_or(0.0))
        ));
    }
    let head = Head {
        kind: "cost-vs-utilisation",
        title: title.to_string(),
        subtitle,
        desc,
        legend: vec![
            LegendItem::color("Tool", ctx.c.accent),
            LegendItem {
                label: "Expensive and idle".to_string(),
                fill: OI_VERMILLION.hex(),
                outline: Some(ctx.c.text),
            },
            LegendItem {
                label: "No usage data".to_string(),
                fill: hatch(),
                outline: Some(ctx.c.unknown),
            },
        ],
    };
    let y_fmt = |v: &f64| ctx.cur.compact(*v);
    let x_fmt = |v: &f64| percent(*v);
    render(&ctx, &head, |root, svg, ctx, top| {
        let y_max = nice_max(max_cost);
        let x_max = if max_util > 1.0 { max_util * 1.05 } else { 1.0 };
        let strip = if no_data > 0 { 64.0 } else { 0.0 };
        let left = 16.0 + text_width(&ctx.cur.compact(y_max), LABEL_PX) + 34.0;
        let mut chart = ChartBuilder::on(root)
            .margin_top(top as i32)
            .margin_right(24)
            .margin_left((8.0 + strip) as i32)
            .margin_bottom(10)
            .x_label_area_size(48)
            .y_label_area_size(left as i32)
            .build_cartesian_2d(0f64..x_max, 0f64..y_max)?;
        chart
            .configure_mesh()
            .x_labels(if x_max > 1.0 { 6 } else { 5 })
            .y_labels(6)
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&y_fmt)
            .x_desc("Seat utilisation (% of seats active)")
            .y_desc(format!("Annual cost ({})", ctx.cur.unit()))
            .label_style(ctx.axis_label_style())
            .axis_desc_style(ctx.axis_desc_style())
            .bold_line_style(ctx.grid_style())
            .light_line_style(TRANSPARENT)
            .axis_style(ctx.axis_style())
            .set_all_tick_mark_size(4)
            .draw()?;
        let (px0, py0, px1, py1) = pixel_rect(chart.plotting_area());
        let x = Lin::new(0.0, x_max, px0, px1);
        let y = Lin::new(0.0, y_max, py1, py0);
        // The quadrant goes under the bubbles.
        let (qx1, qy1) = (x.map(IDLE), y.map(median));
        svg.begin_mark(&format!(
            "Expensive and idle: seat utilisation below 50 % and annual cost above the median ({})",
            cur.exact(median)
        ));
        svg.rect(px0, py0, qx1 - px0, qy1 - py0, &ctx.c.warn_fill.hex(), "");
        svg.end_mark();
        let qlabel = ellipsize("Expensive and idle", LABEL_PX, qx1 - px0 - 12.0);
        svg.text(
            px0 + 8.0,
            py0 + 16.0,
            &qlabel,
            LABEL_PX,
            ctx.c.text,
            Anchor::Start,
            "",
        );
        let mut placed: Vec<(f64, f64, f64, f64)> = vec![(
            px0,
            py0,
            px0 + 8.0 + text_width(&qlabel, LABEL_PX) + 4.0,
            py0 + 22.0,
        )];
        // The no-usage-data strip.
        let sx0 = px0 - left - strip + 6.0;
        if no_data > 0 {
            svg.begin_mark(&format!(
                "{no_data} tools without usage data (placed by cost only)"
            ));
            svg.rect(
                sx0,
                py0,
                strip - 12.0,
                py1 - py0,
                &hatch(),
                &format!(r#"opacity="0.5" stroke="{}""#, ctx.c.unknown.hex()),
            );
            svg.end_mark();
            svg.text(
                sx0 + (strip - 12.0) / 2.0,
                py1 + 18.0,
                "no data",
                SMALL_PX,
                ctx.c.muted,
                Anchor::Middle,
                "",
            );
        }
        // Bubbles shrink as tools multiply so that 300 tools stay legible.
        let r_max = (16.0 * (20.0 / pts.len() as f64).sqrt()).clamp(4.0, 16.0);
        if no_data == pts.len() {
            svg.text(
                (px0 + px1) / 2.0,
                (py0 + py1) / 2.0,
                &ellipsize(
                    "No tool has usage data, so utilisation cannot be plotted",
                    LABEL_PX,
                    px1 - px0 - 16.0,
                ),
                LABEL_PX,
                ctx.c.muted,
                Anchor::Middle,
                &format!(
                    r#"stroke="{}" stroke-width="3" paint-order="stroke""#,
                    ctx.c.bg.hex()
                ),
            );
        }
        let radius = |seats: f64| {
            if max_seats > 0.0 {
                2.5 + r_max * (seats / max_seats).sqrt()
            } else {
                4.0
            }
        };
        // Bubble centres.
        let centres: Vec<(f64, f64, f64)> = pts
            .iter()
            .map(|p| {
                let cy = y.map(p.cost);
                let r = radius(p.seats);
                let cx = match p.util {
                    Some(u) => x.map(u),
                    None => sx0 + (strip - 12.0) / 2.0,
                };
                (cx, cy, r)
            })
            .collect();
        let mut order: Vec<usize> = (0..pts.len()).collect();
        order.sort_by(|a, b| {
            pts[*b]
                .seats
                .total_cmp(&pts[*a].seats)
                .then_with(|| a.cmp(b))
        });
        for i in &order {
            let p = &pts[*i];
            let (cx, cy, r) = centres[*i];
            let util = match p.util {
                Some(u) => format!("{} utilised", percent(u)),
                None => "no usage data".to_string(),
            };
            // Expensive-and-idle bubbles get a heavy outline in the text colour as well, so the flag
            // does not rest on colour alone (and survives an accent close to vermillion).
            let (fill, stroke, width) = if p.util.is_none() {
                (ctx.c.unknown, ctx.c.muted, "1.2")
            } else if idle(p) {
                (OI_VERMILLION, ctx.c.text, "2.2")
            } else {
                (ctx.c.accent, ctx.c.accent, "1.2")
            };
            svg.begin_mark(&format!(
                "{}: {} a year, {util}, {} seats",
                p.tool,
                cur.exact(p.cost),
                count(p.seats)
            ));
            svg.circle(
                cx,
                cy,
                r,
                &fill.hex(),
                &format!(
                    r#"fill-opacity="0.6" stroke="{}" stroke-width="{width}""#,
                    stroke.hex()
                ),
            );
            svg.end_mark();
        }
        // Labels, costliest first, only where they overlap nothing placed before and stay in the plot.
        let first_bubble = placed.len();
        for b in &centres {
            placed.push((
                b.0 - b.2 * 0.85,
                b.1 - b.2 * 0.85,
                b.0 + b.2 * 0.85,
                b.1 + b.2 * 0.85,
            ));
        }
        let mut shown = 0;
        let halo = format!(
            r#"stroke="{}" stroke-width="3" stroke-linejoin="round" paint-order="stroke""#,
            ctx.c.bg.hex()
        );
        for (i, p) in pts.iter().enumerate() {
            if shown >= 30 || p.util.is_none() {
                continue;
            }
            let (cx, cy, r) = centres[i];
            let label = ellipsize(&p.tool, SMALL_PX, 150.0);
            let w = text_width(&label, SMALL_PX);
            let h = SMALL_PX * 1.2;
            for side in [1.0, -1.0] {
                let tx = cx + side * (r + 4.0);
                let (bx0, bx1) = if side > 0.0 {
                    (tx, tx + w)
                } else {
                    (tx - w, tx)
                };
                let (by0, by1) = (cy - h / 2.0, cy + h / 2.0);
                let inside = bx0 >= px0 + 2.0 && bx1 <= px1 - 2.0 && by0 >= py0 && by1 <= py1;
                // Ignore the bubble's own box (index `first_bubble + i`); the label starts outside it.
                let free = placed.iter().enumerate().all(|(k, q)| {
                    k == first_bubble + i || bx1 < q.0 || bx0 > q.2 || by1 < q.1 || by0 > q.3
                });
                if inside && free {
                    svg.text(
                        tx,
                        cy + v_center(SMALL_PX),
                        &label,
                        SMALL_PX,
                        ctx.c.text,
                        if side > 0.0 {
                            Anchor::Start
                        } else {
                            Anchor::End
                        },
                        &halo,
                    );
                    placed.push((bx0 - 2.0, by0, bx1 + 2.0, by1));
                    shown += 1;
                    break;
                }
            }
        }
        Ok(())
    })
}
