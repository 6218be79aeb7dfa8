//! The horizontal bar layout shared by spend by tool, spend by category, seat utilisation and ROI:
//! plotters draws the value axis, grid and units; bars, row labels and end labels are hand-written SVG
//! mapped with the plot area's pixel range, so each mark carries its exact value in a `<title>`.

use super::frame::{label_step, pixel_rect, Area, Ctx, Lin, Res, LABEL_PX};
use super::svg::{v_center, Anchor, Svg};
use super::text::{ellipsize, text_width};
use super::theme::Rgb;
use plotters::prelude::*;

/// One segment of a bar, from `from` to `to` in data units.
pub struct Seg {
    pub from: f64,
    pub to: f64,
    pub fill: String,
    pub outline: Option<Rgb>,
    pub title: String,
}

/// One row: a label on the left, segments, and a text after the bar end (`end`, data units).
pub struct Row {
    pub label: String,
    pub segs: Vec<Seg>,
    pub end: f64,
    pub end_text: String,
    pub end_color: Rgb,
    /// The bar runs off the scale (drawn to the axis end with a break mark).
    pub broken: bool,
}

pub struct HBar<'f> {
    pub rows: Vec<Row>,
    pub x_min: f64,
    pub x_max: f64,
    pub x_desc: String,
    pub x_fmt: &'f dyn Fn(f64) -> String,
    /// Draw a vertical line at x = 0 (for ranges that include negatives).
    pub zero_line: bool,
}

pub fn draw(root: &Area<'_>, svg: &mut Svg, ctx: &Ctx, top: f64, spec: HBar<'_>) -> Res {
    let n = spec.rows.len().max(1);
    let label_w = spec
        .rows
        .iter()
        .map(|r| text_width(&r.label, LABEL_PX))
        .fold(0.0, f64::max)
        .clamp(30.0, (ctx.w * 0.3).max(30.0))
        + 14.0;
    let end_w = spec
        .rows
        .iter()
        .filter(|r| r.end >= 0.0)
        .map(|r| text_width(&r.end_text, LABEL_PX))
        .fold(0.0, f64::max)
        .min(ctx.w * 0.22)
        + 16.0;
    // Texts of negative bars sit left of the bar end: widen the domain so they stay inside the plot.
    let neg_w = spec
        .rows
        .iter()
        .filter(|r| r.end < 0.0)
        .map(|r| text_width(&r.end_text, LABEL_PX) + 10.0)
        .fold(0.0, f64::max);
    let (mut x_min, x_max) = (spec.x_min, spec.x_max.max(spec.x_min + 1e-9));
    let plot_w_est = (ctx.w - label_w - end_w - 24.0).max(40.0);
    if neg_w > 0.0 && x_min < 0.0 {
        let frac = (neg_w / plot_w_est).min(0.45);
        x_min -= (x_max - x_min) * frac / (1.0 - frac);
    }
    let x_labels = ((plot_w_est / 90.0).floor() as usize).clamp(2, 10);

    let mut chart = ChartBuilder::on(root)
        .margin_top(top as i32)
        .margin_right(end_w as i32)
        .margin_left(8)
        .margin_bottom(10)
        .x_label_area_size(48)
        .y_label_area_size(label_w as i32)
        .build_cartesian_2d(x_min..x_max, 0f64..n as f64)?;
    let fmt = spec.x_fmt;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(x_labels)
        .x_label_formatter(&|v| fmt(*v))
        .x_desc(spec.x_desc.as_str())
        .label_style(ctx.axis_label_style())
        .axis_desc_style(ctx.axis_desc_style())
        .bold_line_style(ctx.grid_style())
        .light_line_style(TRANSPARENT)
        .axis_style(ctx.axis_style())
        .set_all_tick_mark_size(4)
        .x_label_offset(0)
        .draw()?;

    let (px0, py0, px1, py1) = pixel_rect(chart.plotting_area());
    let x = Lin::new(x_min, x_max, px0, px1);
    let band = (py1 - py0) / n as f64;
    let thick = if band < 3.0 {
        band
    } else {
        (band * 0.72).min(28.0)
    };
    let step = label_step(band, LABEL_PX);

    if spec.zero_line && x_min < 0.0 {
        svg.line(x.map(0.0), py0, x.map(0.0), py1, ctx.c.axis, 1.0, "");
    }
    for (i, row) in spec.rows.iter().enumerate() {
        let cy = py0 + band * (i as f64 + 0.5);
        let y = cy - thick / 2.0;
        for seg in &row.segs {
            let (a, b) = (x.map(seg.from.min(seg.to)), x.map(seg.from.max(seg.to)));
            let mut w = b - a;
            if w < 1.0 && seg.from != seg.to {
                w = 1.0;
            }
            let outline = match seg.outline {
                Some(c) => format!(r#"stroke="{}" stroke-width="1""#, c.hex()),
                None => String::new(),
            };
            svg.begin_mark(&seg.title);
            svg.rect(a, y, w, thick, &seg.fill, &outline);
            svg.end_mark();
        }
        if row.broken && thick >= 4.0 {
            // Two slanted background-coloured strokes near the end: the bar is cut.
            let bx = px1 - 14.0;
            for dx in [0.0, 5.0] {
                svg.line(
                    bx + dx - 3.0,
                    y + thick + 2.0,
                    bx + dx + 3.0,
                    y - 2.0,
                    ctx.c.bg,
                    2.0,
                    "",
                );
            }
        }
        if step == usize::MAX || i % step != 0 {
            continue;
        }
        let label = ellipsize(&row.label, LABEL_PX, label_w - 14.0);
        let baseline = cy + v_center(LABEL_PX);
        if label != row.label {
            svg.begin_mark(&row.label);
        }
        svg.text(
            px0 - 8.0,
            baseline,
            &label,
            LABEL_PX,
            ctx.c.text,
            Anchor::End,
            "",
        );
        if label != row.label {
            svg.end_mark();
        }
        if !row.end_text.is_empty() {
            if row.end < 0.0 {
                svg.text(
                    x.map(row.end) - 6.0,
                    baseline,
                    &ellipsize(&row.end_text, LABEL_PX, neg_w),
                    LABEL_PX,
                    row.end_color,
                    Anchor::End,
                    "",
                );
            } else {
                // Rows whose labels were thinned away still have bars: clear every bar the text
                // would touch vertically, not just its own.
                let reach = ((LABEL_PX * 0.75 + thick / 2.0) / band).floor() as usize;
                let lo = i.saturating_sub(reach);
                let hi = (i + reach).min(spec.rows.len() - 1);
                let end = spec.rows[lo..=hi]
                    .iter()
                    .map(|r| r.end.max(0.0))
                    .fold(0.0, f64::max);
                let tx = x.map(end) + 6.0;
                let room = (px1 + end_w - 8.0 - tx).max(0.0);
                svg.text(
                    tx,
                    baseline,
                    &ellipsize(&row.end_text, LABEL_PX, room),
                    LABEL_PX,
                    row.end_color,
                    Anchor::Start,
                    "",
                );
            }
        }
    }
    Ok(())
}
