//! Spend over time: stacked monthly columns, one colour per series (category or tool).

use super::format::{month_index_label, parse_month};
use super::frame::{
    clean, clean_pos, label_step, nice_max, pixel_rect, render, render_empty, Ctx, Head,
    LegendItem, Lin, LABEL_PX, SMALL_PX,
};
use super::model::{ChartOptions, MonthlySpend};
use super::svg::Anchor;
use super::text::{clean_label, ellipsize, text_width};
use super::theme::Rgb;
use plotters::prelude::*;

/// Monthly spend as stacked columns. Series beyond the largest few (at most `top_n`, and at most the 7
/// palette colours) are summed as "Other". Months are `YYYY-MM`; gaps between the first and last month
/// are shown as empty columns; malformed months are ignored (and counted in the description).
pub fn spend_over_time(months: &[MonthlySpend], opts: &ChartOptions) -> String {
    let ctx = Ctx::new(opts);
    let title = "Spend over time";
    // (month index, series, amount)
    let mut cells: Vec<(i32, String, f64)> = Vec::new();
    let mut bad = 0usize;
    for m in months {
        match parse_month(&m.month) {
            Some(idx) => {
                for (s, v) in &m.series {
                    cells.push((idx, clean_label(s, "(unnamed)"), clean(*v)));
                }
            }
            None => bad += 1,
        }
    }
    if cells.is_empty() {
        return render_empty(
            &ctx,
            "spend-over-time",
            title,
            "There is no monthly spend to show.",
        );
    }
    // Series ranked by total spend.
    let mut totals: Vec<(String, f64)> = Vec::new();
    {
        let mut by_name: Vec<(String, f64)> = cells.iter().map(|c| (c.1.clone(), c.2)).collect();
        by_name.sort_by(|a, b| a.0.cmp(&b.0));
        for (s, v) in by_name {
            match totals.last_mut() {
                Some(last) if last.0 == s => last.1 = clean(last.1 + v),
                _ => totals.push((s, v)),
            }
        }
        totals.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    let palette = ctx.c.series.len();
    let keep = if totals.len() > ctx.top_n.min(palette) {
        ctx.top_n.min(palette - 1).max(1)
    } else {
        totals.len()
    };
    let named: Vec<String> = totals.iter().take(keep).map(|t| t.0.clone()).collect();
    let has_other = totals.len() > keep;
    let n_series = named.len() + usize::from(has_other);
    let series_of = |s: &str| named.iter().position(|n| n == s).unwrap_or(named.len());

    // Month axis: contiguous from first to last month when that is at most 10 years, else only present months.
    let mut present: Vec<i32> = cells.iter().map(|c| c.0).collect();
    present.sort_unstable();
    present.dedup();
    let (first, last) = (present[0], present[present.len() - 1]);
    let axis: Vec<i32> = if last - first < 120 {
        (first..=last).collect()
    } else {
        present.clone()
    };
    let col_of = |m: i32| axis.binary_search(&m).ok();
    // grid[col][series] = (drawn amount, exact amount)
    let mut grid = vec![vec![0.0f64; n_series]; axis.len()];
    for (m, s, v) in &cells {
        if let Some(col) = col_of(*m) {
            let k = series_of(s);
            grid[col][k] = clean(grid[col][k] + v);
        }
    }
    let col_totals: Vec<f64> = grid
        .iter()
        .map(|g| clean(g.iter().map(|v| clean_pos(*v)).sum()))
        .collect();
    let max = col_totals.iter().copied().fold(0.0, f64::max);
    let colors: Vec<Rgb> = (0..n_series)
        .map(|k| {
            if k < named.len() {
                ctx.c.series[k]
            } else {
                ctx.c.other
            }
        })
        .collect();
    let mut labels: Vec<String> = named.clone();
    if has_other {
        labels.push(format!("Other ({} series)", totals.len() - keep));
    }
    let cur = &ctx.cur;
    let grand = clean(col_totals.iter().sum());
    let subtitle = format!(
        "{} to {} · total {} · {} series{}",
        month_index_label(axis[0]),
        month_index_label(axis[axis.len() - 1]),
        cur.exact(grand),
        totals.len(),
        if has_other {
            format!(", the smallest {} summed as Other", totals.len() - keep)
        } else {
            String::new()
        }
    );
    let mut desc = format!(
        "Stacked column chart of monthly spend in {} by series. {subtitle}.",
        cur.unit()
    );
    if bad > 0 {
        desc.push_str(&format!(
            " {bad} entries with a malformed month were ignored."
        ));
    }
    for (col, m) in axis.iter().enumerate().take(36) {
        desc.push_str(&format!(
            " {}: {}.",
            month_index_label(*m),
            cur.exact(col_totals[col])
        ));
    }
    let legend = labels
        .iter()
        .zip(colors.iter())
        .map(|(l, c)| LegendItem::color(l, *c))
        .collect();
    let head = Head {
        kind: "spend-over-time",
        title: title.to_string(),
        subtitle,
        desc,
        legend,
    };
    let fmt = |v: &f64| ctx.cur.compact(*v);
    render(&ctx, &head, |root, svg, ctx, top| {
        let y_max = nice_max(max);
        let left = 16.0 + text_width(&ctx.cur.compact(y_max), LABEL_PX) + 34.0;
        let mut chart = ChartBuilder::on(root)
            .margin_top(top as i32)
            .margin_right(20)
            .margin_left(8)
            .margin_bottom(10)
            .x_label_area_size(48)
            .y_label_area_size(left as i32)
            .build_cartesian_2d(0f64..axis.len() as f64, 0f64..y_max)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&fmt)
            .y_desc(format!("Monthly spend ({})", ctx.cur.unit()))
            .x_desc("Month")
            .label_style(ctx.axis_label_style())
            .axis_desc_style(ctx.axis_desc_style())
            .bold_line_style(ctx.grid_style())
            .light_line_style(TRANSPARENT)
            .axis_style(ctx.axis_style())
            .set_all_tick_mark_size(4)
            .draw()?;
        let (px0, py0, px1, py1) = pixel_rect(chart.plotting_area());
        let y = Lin::new(0.0, y_max, py1, py0);
        let band = (px1 - px0) / axis.len() as f64;
        let col_w = if band < 3.0 { band } else { band * 0.72 };
        for (col, m) in axis.iter().enumerate() {
            let cx = px0 + band * (col as f64 + 0.5);
            let mut acc = 0.0;
            for (k, v) in grid[col].iter().enumerate() {
                let drawn = clean_pos(*v);
                if *v == 0.0 {
                    continue;
                }
                let (y0, y1) = (y.map(acc + drawn), y.map(acc));
                let note = if *v < 0.0 {
                    " (negative, not drawn)"
                } else {
                    ""
                };
                svg.begin_mark(&format!(
                    "{} — {}: {}{note}",
                    month_index_label(*m),
                    labels[k],
                    cur.exact(*v)
                ));
                svg.rect(
                    cx - col_w / 2.0,
                    y0,
                    col_w,
                    (y1 - y0).max(0.0),
                    &colors[k].hex(),
                    "",
                );
                svg.end_mark();
                acc += drawn;
            }
            // Total above the column when it fits.
            let total = cur.compact(col_totals[col]);
            if text_width(&total, SMALL_PX) + 4.0 <= band && col_totals[col] > 0.0 {
                svg.text(
                    cx,
                    y.map(col_totals[col]) - 5.0,
                    &total,
                    SMALL_PX,
                    ctx.c.muted,
                    Anchor::Middle,
                    "",
                );
            }
        }
        // Month labels: thinned to a step that keeps them apart, preferring 1, 2, 3, 4, 6, 12 … months.
        let widest = axis
            .iter()
            .map(|m| text_width(&month_index_label(*m), LABEL_PX))
            .fold(0.0, f64::max);
        let min_step = label_step(band, widest + 10.0).max(1);
        let step = [1usize, 2, 3, 4, 6, 12, 24, 36, 60, 120]
            .into_iter()
            .find(|s| *s >= min_step)
            .unwrap_or(min_step);
        for (col, m) in axis.iter().enumerate() {
            if step == usize::MAX || col % step != 0 {
                continue;
            }
            let cx = px0 + band * (col as f64 + 0.5);
            svg.line(cx, py1, cx, py1 + 4.0, ctx.c.axis, 1.0, "");
            let label = ellipsize(
                &month_index_label(*m),
                LABEL_PX,
                (band * step as f64 - 6.0).max(widest),
            );
            svg.text(
                cx,
                py1 + 18.0,
                &label,
                LABEL_PX,
                ctx.c.muted,
                Anchor::Middle,
                "",
            );
        }
        Ok(())
    })
}
