//! Overlap matrix: a heatmap of shared active users (or Jaccard index) between tools, ordered by category
//! so that tools of one category form a block on the diagonal.

use super::format::{compact_number, count, trim_decimals};
use super::frame::{
    clean, label_step, render, render_empty, Ctx, Head, LegendItem, LABEL_PX, SMALL_PX,
};
use super::model::{ChartOptions, OverlapMatrix, OverlapMeasure};
use super::svg::{v_center, Anchor};
use super::text::{clean_label, ellipsize, text_width};

/// Most tools a heatmap shows: beyond this cells are too small to read and the SVG grows quadratically.
pub const MAX_TOOLS: usize = 40;

/// The heatmap. Beyond `top_n` tools (and never more than [`MAX_TOOLS`]), those with the most overlap are kept. Missing or non-finite values
/// are drawn as "n/a" cells; the diagonal (a tool with itself) is drawn neutral.
pub fn overlap_matrix(m: &OverlapMatrix, opts: &ChartOptions) -> String {
    let ctx = Ctx::new(opts);
    let title = match m.measure {
        OverlapMeasure::Jaccard => "User overlap between tools (Jaccard index)",
        OverlapMeasure::SharedUsers => "Shared active users between tools",
    };
    let n_all = m.tools.len();
    if n_all < 2 {
        return render_empty(
            &ctx,
            "overlap-matrix",
            title,
            "Overlap needs at least two tools to compare.",
        );
    }
    let val = |i: usize, j: usize| -> Option<f64> {
        let v = *m.values.get(i)?.get(j)?;
        v.is_finite().then(|| clean(v).max(0.0))
    };
    let tools: Vec<String> = m
        .tools
        .iter()
        .map(|t| clean_label(t, "(unnamed tool)"))
        .collect();
    let cats: Vec<String> = (0..n_all)
        .map(|i| {
            clean_label(
                m.categories.get(i).map_or("", |s| s.as_str()),
                "Uncategorised",
            )
        })
        .collect();
    // Pick the tools with the most overlap, then order by category and name.
    let mut idx: Vec<usize> = (0..n_all).collect();
    let limit = ctx.top_n.min(MAX_TOOLS);
    if n_all > limit {
        let score = |i: usize| -> f64 {
            clean(
                (0..n_all)
                    .filter(|j| *j != i)
                    .filter_map(|j| val(i, j))
                    .sum::<f64>(),
            )
        };
        let scores: Vec<f64> = (0..n_all).map(score).collect();
        idx.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]).then_with(|| a.cmp(b)));
        idx.truncate(limit);
    }
    idx.sort_by(|a, b| {
        cats[*a]
            .cmp(&cats[*b])
            .then_with(|| tools[*a].cmp(&tools[*b]))
            .then_with(|| a.cmp(b))
    });
    let n = idx.len();
    let off_max = idx
        .iter()
        .flat_map(|i| idx.iter().filter(move |j| *j != i).map(move |j| (*i, *j)))
        .filter_map(|(i, j)| val(i, j))
        .fold(0.0, f64::max);
    let scale_max = match m.measure {
        OverlapMeasure::Jaccard => off_max.max(1.0),
        OverlapMeasure::SharedUsers => off_max.max(1.0),
    };
    let fmt_val = |v: f64| match m.measure {
        OverlapMeasure::Jaccard => trim_decimals(v, 2),
        OverlapMeasure::SharedUsers => count(v),
    };
    let fmt_short = |v: f64| match m.measure {
        OverlapMeasure::Jaccard => format!("{:.2}", v.min(9.99))
            .trim_start_matches('0')
            .to_string(),
        OverlapMeasure::SharedUsers => compact_number(v),
    };
    let what = match m.measure {
        OverlapMeasure::Jaccard => "Jaccard index",
        OverlapMeasure::SharedUsers => "shared active users",
    };
    let subtitle = format!(
        "{}Ordered by category; outlined blocks are categories; darker = more {}",
        if n < n_all {
            format!("{n} of {n_all} tools with the most overlap · ")
        } else {
            String::new()
        },
        match m.measure {
            OverlapMeasure::Jaccard => "overlap",
            OverlapMeasure::SharedUsers => "shared users",
        }
    );
    let mut desc =
        format!("Heatmap of {what} between {n} tools, ordered by category. Largest overlaps:");
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (a, i) in idx.iter().enumerate() {
        for j in idx.iter().skip(a + 1) {
            if let Some(v) = val(*i, *j) {
                pairs.push((v, *i, *j));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (a.1, a.2).cmp(&(b.1, b.2)))
    });
    for (v, i, j) in pairs.iter().take(10) {
        desc.push_str(&format!(
            " {} and {}: {};",
            tools[*i],
            tools[*j],
            fmt_val(*v)
        ));
    }
    let color = |v: f64| {
        let t = (v / scale_max).clamp(0.0, 1.0);
        ctx.c.bg.mix(ctx.c.accent, 0.06 + 0.94 * t)
    };
    let steps = [0.0, 0.25, 0.5, 0.75, 1.0];
    let mut legend: Vec<LegendItem> = steps
        .iter()
        .map(|t| LegendItem {
            label: fmt_val(t * scale_max),
            fill: color(t * scale_max).hex(),
            outline: Some(ctx.c.grid),
        })
        .collect();
    legend.push(LegendItem {
        label: "Same tool / n/a".to_string(),
        fill: ctx.c.unknown.mix(ctx.c.bg, 0.5).hex(),
        outline: Some(ctx.c.grid),
    });
    let head = Head {
        kind: "overlap-matrix",
        title: title.to_string(),
        subtitle,
        desc,
        legend,
    };
    render(&ctx, &head, |_root, svg, ctx, top| {
        let row_label_w = idx
            .iter()
            .map(|i| text_width(&tools[*i], LABEL_PX))
            .fold(0.0, f64::max)
            .min(ctx.w * 0.25)
            + 10.0;
        let cat_w = idx
            .iter()
            .map(|i| text_width(&cats[*i], LABEL_PX))
            .fold(0.0, f64::max)
            .min(ctx.w * 0.2)
            + 18.0;
        // Column labels are rotated −45°; their height is bounded by the ellipsis width.
        let col_label_max = (row_label_w - 10.0).min(130.0);
        let col_h = col_label_max * std::f64::consts::FRAC_1_SQRT_2 + 14.0;
        let avail_w = (ctx.w - 16.0 - row_label_w - cat_w.max(col_h) - 16.0).max(20.0);
        let avail_h = (ctx.h - top - col_h - 16.0).max(20.0);
        let cell = (avail_w.min(avail_h) / n as f64).min(64.0);
        let side = cell * n as f64;
        let x0 = 16.0 + row_label_w + ((avail_w - side) / 2.0).max(0.0);
        let y0 = top + col_h;
        let step = label_step(cell, LABEL_PX);
        let neutral = ctx.c.unknown.mix(ctx.c.bg, 0.5).hex();
        for (r, i) in idx.iter().enumerate() {
            for (c, j) in idx.iter().enumerate() {
                let (x, y) = (x0 + c as f64 * cell, y0 + r as f64 * cell);
                let v = val(*i, *j);
                let (fill, tip) = if i == j {
                    let own = match (v, m.measure) {
                        (Some(v), OverlapMeasure::SharedUsers) => {
                            format!(": {} active users", count(v))
                        }
                        _ => String::new(),
                    };
                    (neutral.clone(), format!("{}{own}", tools[*i]))
                } else {
                    match v {
                        Some(v) => (
                            color(v).hex(),
                            format!("{} ∩ {}: {} {what}", tools[*i], tools[*j], fmt_val(v)),
                        ),
                        None => (
                            neutral.clone(),
                            format!("{} ∩ {}: n/a", tools[*i], tools[*j]),
                        ),
                    }
                };
                svg.begin_mark(&tip);
                let gap = if cell >= 6.0 { 1.0 } else { 0.0 };
                svg.rect(x, y, cell - gap, cell - gap, &fill, "");
                svg.end_mark();
                if cell >= 30.0 && i != j {
                    if let Some(v) = v {
                        let t = fmt_short(v);
                        if text_width(&t, SMALL_PX) + 4.0 <= cell {
                            let bg = color(v);
                            svg.text(
                                x + cell / 2.0,
                                y + cell / 2.0 + v_center(SMALL_PX),
                                &t,
                                SMALL_PX,
                                ctx.c.text_on(bg),
                                Anchor::Middle,
                                "",
                            );
                        }
                    }
                }
            }
            if step != usize::MAX && r % step == 0 {
                let label = ellipsize(&tools[*i], LABEL_PX, row_label_w - 10.0);
                let cy = y0 + (r as f64 + 0.5) * cell;
                svg.begin_mark(&format!("{} ({})", tools[*i], cats[*i]));
                svg.text(
                    x0 - 8.0,
                    cy + v_center(LABEL_PX),
                    &label,
                    LABEL_PX,
                    ctx.c.text,
                    Anchor::End,
                    "",
                );
                svg.end_mark();
                let cx = x0 + (r as f64 + 0.5) * cell;
                let label = ellipsize(&tools[*i], LABEL_PX, col_label_max);
                svg.begin_mark(&tools[*i]);
                svg.text(
                    cx + 4.0,
                    y0 - 6.0,
                    &label,
                    LABEL_PX,
                    ctx.c.text,
                    Anchor::Start,
                    &format!(
                        r#"transform="rotate(-45 {} {})""#,
                        super::svg::num(cx + 4.0),
                        super::svg::num(y0 - 6.0)
                    ),
                );
                svg.end_mark();
            }
        }
        // Category blocks on the diagonal, with a bracket and the category name on the right.
        let mut start = 0usize;
        while start < n {
            let cat = &cats[idx[start]];
            let mut end = start;
            while end + 1 < n && &cats[idx[end + 1]] == cat {
                end += 1;
            }
            let (a, b) = (start as f64 * cell, (end + 1) as f64 * cell);
            svg.rect(
                x0 + a,
                y0 + a,
                b - a - if cell >= 6.0 { 1.0 } else { 0.0 },
                b - a - if cell >= 6.0 { 1.0 } else { 0.0 },
                "none",
                &format!(r#"stroke="{}" stroke-width="1.5""#, ctx.c.text.hex()),
            );
            let bx = x0 + side + 6.0;
            svg.line(bx, y0 + a + 1.0, bx, y0 + b - 2.0, ctx.c.axis, 2.0, "");
            if b - a >= LABEL_PX * 1.2 {
                let label = ellipsize(cat, LABEL_PX, cat_w - 14.0);
                svg.begin_mark(&format!("{cat}: {} tools", end + 1 - start));
                svg.text(
                    bx + 6.0,
                    y0 + (a + b) / 2.0 + v_center(LABEL_PX),
                    &label,
                    LABEL_PX,
                    ctx.c.muted,
                    Anchor::Start,
                    "",
                );
                svg.end_mark();
            }
            start = end + 1;
        }
        Ok(())
    })
}
