//! Renewal timeline: the next 12 months from the as-of date, one row per upcoming renewal, with the
//! cancel-by date, the notice window up to the renewal, auto-renewal marked, and a today line.

use super::format::Date;
use super::frame::{
    clean_pos, label_step, pixel_rect, render, render_empty, Ctx, Head, LegendItem, Lin, LABEL_PX,
    SMALL_PX,
};
use super::model::{ChartOptions, RenewalItem};
use super::svg::{num, v_center, Anchor};
use super::text::{clean_label, ellipsize, text_width};
use super::theme::OI_VERMILLION;
use plotters::prelude::*;

struct R {
    tool: String,
    renewal: Date,
    cancel_by: Option<Date>,
    auto: Option<bool>,
    cost: Option<f64>,
}

fn relative(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d > 0 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    }
}

fn diamond(cx: f64, cy: f64, r: f64) -> String {
    format!(
        "M{} {}L{} {}L{} {}L{} {}Z",
        num(cx),
        num(cy - r),
        num(cx + r),
        num(cy),
        num(cx),
        num(cy + r),
        num(cx - r),
        num(cy)
    )
}

fn triangle_down(cx: f64, cy: f64, r: f64) -> String {
    format!(
        "M{} {}L{} {}L{} {}Z",
        num(cx - r),
        num(cy - r),
        num(cx + r),
        num(cy - r),
        num(cx),
        num(cy + r * 0.8)
    )
}

/// Renewals due in the 12 months after `as_of` (`YYYY-MM-DD`), soonest first (at most `top_n`).
/// Diamonds mark renewals (filled: auto-renews; hollow: does not; dashed: unknown), triangles the
/// cancel-by dates; the band between them is the notice window.
pub fn renewal_timeline(items: &[RenewalItem], as_of: &str, opts: &ChartOptions) -> String {
    let ctx = Ctx::new(opts);
    let title = "Renewals in the next 12 months";
    let Some(today) = Date::parse(as_of) else {
        return render_empty(
            &ctx,
            "renewal-timeline",
            title,
            "The as-of date is missing or not a YYYY-MM-DD date.",
        );
    };
    let end = today.add_months(12);
    let (mut past, mut later, mut bad) = (0usize, 0usize, 0usize);
    let mut rows: Vec<R> = Vec::new();
    for it in items {
        let Some(renewal) = Date::parse(&it.renewal_date) else {
            bad += 1;
            continue;
        };
        if renewal < today {
            past += 1;
            continue;
        }
        if renewal > end {
            later += 1;
            continue;
        }
        rows.push(R {
            tool: clean_label(&it.tool, "(unnamed tool)"),
            renewal,
            cancel_by: it
                .cancel_by
                .as_deref()
                .and_then(Date::parse)
                .filter(|c| *c <= renewal),
            auto: it.auto_renew,
            cost: it.annual_cost.filter(|c| c.is_finite()).map(clean_pos),
        });
    }
    let skipped = {
        let mut v = Vec::new();
        if past > 0 {
            v.push(format!("{past} already past"));
        }
        if later > 0 {
            v.push(format!("{later} later"));
        }
        if bad > 0 {
            v.push(format!("{bad} without a valid date"));
        }
        v
    };
    if rows.is_empty() {
        let mut msg = format!("No renewals between {} and {}.", today.long(), end.long());
        if !skipped.is_empty() {
            msg.push_str(&format!(" Not shown: {}.", skipped.join(", ")));
        }
        return render_empty(&ctx, "renewal-timeline", title, &msg);
    }
    rows.sort_by(|a, b| a.renewal.cmp(&b.renewal).then_with(|| a.tool.cmp(&b.tool)));
    let n_window = rows.len();
    rows.truncate(ctx.top_n);
    let cur = &ctx.cur;
    let total: f64 = rows.iter().filter_map(|r| r.cost).sum();
    let auto_n = rows.iter().filter(|r| r.auto == Some(true)).count();
    let mut sub = vec![format!(
        "{} renewals from {} to {}",
        n_window,
        today.long(),
        end.long()
    )];
    if rows.len() < n_window {
        sub.push(format!("the {} soonest shown", rows.len()));
    }
    if total > 0.0 {
        sub.push(format!("{} a year", cur.exact(total)));
    }
    sub.push(format!("{auto_n} auto-renew"));
    if !skipped.is_empty() {
        sub.push(format!("not shown: {}", skipped.join(", ")));
    }
    let subtitle = sub.join(" · ");
    let mut desc = format!("Timeline of contract renewals. {subtitle}.");
    let tip = |r: &R| {
        let auto = match r.auto {
            Some(true) => " · auto-renews",
            Some(false) => " · does not auto-renew",
            None => " · auto-renewal unknown",
        };
        let cost = r
            .cost
            .map(|c| format!(" · {} a year", cur.exact(c)))
            .unwrap_or_default();
        format!(
            "{}: renews {} ({}){auto}{cost}",
            r.tool,
            r.renewal.long(),
            relative(r.renewal.days() - today.days())
        )
    };
    for r in rows.iter().take(30) {
        desc.push_str(&format!(" {};", tip(r)));
        if let Some(c) = r.cancel_by {
            desc.push_str(&format!(" cancel by {};", c.long()));
        }
    }
    let legend = vec![
        LegendItem::color("Renewal, auto-renews", ctx.c.accent),
        LegendItem {
            label: "Renewal, manual or unknown".to_string(),
            fill: ctx.c.bg.hex(),
            outline: Some(ctx.c.accent),
        },
        LegendItem::color("Cancel by", OI_VERMILLION),
        LegendItem::color("Notice window", ctx.c.grid),
    ];
    let head = Head {
        kind: "renewal-timeline",
        title: title.to_string(),
        subtitle,
        desc,
        legend,
    };
    let right_texts: Vec<String> = rows
        .iter()
        .map(|r| {
            let cost = r.cost.map(|c| cur.compact(c));
            let auto = match r.auto {
                Some(true) => Some("auto-renews"),
                Some(false) => Some("manual"),
                None => None,
            };
            [cost.as_deref(), auto]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .collect();
    render(&ctx, &head, |root, svg, ctx, top| {
        let n = rows.len();
        let label_w = rows
            .iter()
            .map(|r| text_width(&r.tool, LABEL_PX))
            .fold(0.0, f64::max)
            .clamp(30.0, ctx.w * 0.26)
            + 14.0;
        let right_w = right_texts
            .iter()
            .map(|t| text_width(t, SMALL_PX))
            .fold(0.0, f64::max)
            .min(ctx.w * 0.2)
            + 16.0;
        let (d0, d1) = ((today.days() - 14) as f64, (end.days() + 10) as f64);
        let mut chart = ChartBuilder::on(root)
            .margin_top((top + 16.0) as i32)
            .margin_right(right_w as i32)
            .margin_left(8)
            .margin_bottom(10)
            .x_label_area_size(48)
            .y_label_area_size(label_w as i32)
            .build_cartesian_2d(d0..d1, 0f64..n.max(1) as f64)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(0)
            .y_labels(0)
            .x_desc("Month")
            .label_style(ctx.axis_label_style())
            .axis_desc_style(ctx.axis_desc_style())
            .axis_style(ctx.axis_style())
            .draw()?;
        let (px0, py0, px1, py1) = pixel_rect(chart.plotting_area());
        let x = Lin::new(d0, d1, px0, px1);
        // Month grid and labels (1st of each month), thinned so labels never touch.
        let first = Date {
            y: today.y,
            m: today.m,
            d: 1,
        };
        let months: Vec<Date> = (0..=13)
            .map(|k| first.add_months(k))
            .filter(|d| (d.days() as f64) >= d0 && (d.days() as f64) <= d1)
            .collect();
        let month_px = (px1 - px0) / ((d1 - d0) / 30.4);
        // A label names the year when it is the first shown or the year changed since the previous one.
        let label = |d: &Date, prev: Option<&Date>| {
            if prev.is_none_or(|p| p.y != d.y) {
                format!("{} {}", d.month_short(), d.y)
            } else {
                d.month_short().to_string()
            }
        };
        let widest = months
            .iter()
            .map(|d| text_width(&label(d, None), LABEL_PX))
            .fold(0.0, f64::max);
        let step = ((widest + 10.0) / month_px.max(1.0)).ceil().max(1.0) as usize;
        let mut prev: Option<&Date> = None;
        for (k, d) in months.iter().enumerate() {
            let gx = x.map(d.days() as f64);
            svg.line(gx, py0, gx, py1, ctx.c.grid, 1.0, "");
            if k % step == 0 {
                svg.line(gx, py1, gx, py1 + 4.0, ctx.c.axis, 1.0, "");
                svg.text(
                    gx,
                    py1 + 18.0,
                    &label(d, prev),
                    LABEL_PX,
                    ctx.c.muted,
                    Anchor::Middle,
                    "",
                );
                prev = Some(d);
            }
        }
        // Today line.
        let tx = x.map(today.days() as f64);
        svg.begin_mark(&format!("Today: {}", today.long()));
        svg.line(
            tx,
            py0 - 6.0,
            tx,
            py1,
            ctx.c.text,
            1.5,
            r#"stroke-dasharray="4 3""#,
        );
        svg.end_mark();
        svg.text(
            tx,
            py0 - 10.0,
            &format!("Today, {}", today.long()),
            SMALL_PX,
            ctx.c.text,
            Anchor::Middle,
            "",
        );
        let band = (py1 - py0) / n.max(1) as f64;
        let step = label_step(band, LABEL_PX);
        let size = (band * 0.36).clamp(1.5, 7.0);
        for (i, r) in rows.iter().enumerate() {
            let cy = py0 + band * (i as f64 + 0.5);
            let rx = x.map(r.renewal.days() as f64);
            if step != usize::MAX && i % step == 0 {
                svg.line(
                    px0,
                    cy,
                    px1,
                    cy,
                    ctx.c.grid,
                    1.0,
                    r#"stroke-dasharray="1 3""#,
                );
            }
            if let Some(c) = r.cancel_by {
                let cd = c.days() as f64;
                let cx = x.map(cd.max(d0));
                let days = c.days() - today.days();
                svg.begin_mark(&format!(
                    "{}: notice window from {} to {}",
                    r.tool,
                    c.long(),
                    r.renewal.long()
                ));
                svg.rect(
                    cx,
                    cy - size * 0.5,
                    (rx - cx).max(0.0),
                    size,
                    &ctx.c.grid.hex(),
                    "",
                );
                svg.end_mark();
                // A cancel-by date before the visible window is told in the titles, not drawn off-plot.
                if cd >= d0 {
                    svg.begin_mark(&format!(
                        "{}: cancel by {} ({})",
                        r.tool,
                        c.long(),
                        relative(days)
                    ));
                    svg.path(&triangle_down(cx, cy, size), &OI_VERMILLION.hex(), "");
                    svg.end_mark();
                }
            }
            let (fill, extra) = match r.auto {
                Some(true) => (
                    ctx.c.accent.hex(),
                    format!(r#"stroke="{}""#, ctx.c.accent.hex()),
                ),
                Some(false) => (
                    ctx.c.bg.hex(),
                    format!(r#"stroke="{}" stroke-width="1.5""#, ctx.c.accent.hex()),
                ),
                None => (
                    ctx.c.bg.hex(),
                    format!(
                        r#"stroke="{}" stroke-width="1.5" stroke-dasharray="2 1.5""#,
                        ctx.c.accent.hex()
                    ),
                ),
            };
            svg.begin_mark(&tip(r));
            svg.path(&diamond(rx, cy, size * 1.1), &fill, &extra);
            svg.end_mark();
            if step == usize::MAX || i % step != 0 {
                continue;
            }
            let label = ellipsize(&r.tool, LABEL_PX, label_w - 14.0);
            if label != r.tool {
                svg.begin_mark(&r.tool);
            }
            svg.text(
                px0 - 8.0,
                cy + v_center(LABEL_PX),
                &label,
                LABEL_PX,
                ctx.c.text,
                Anchor::End,
                "",
            );
            if label != r.tool {
                svg.end_mark();
            }
            let rt = ellipsize(&right_texts[i], SMALL_PX, right_w - 16.0);
            svg.text(
                px1 + right_w - 8.0,
                cy + v_center(SMALL_PX),
                &rt,
                SMALL_PX,
                ctx.c.muted,
                Anchor::End,
                "",
            );
        }
        Ok(())
    })
}
