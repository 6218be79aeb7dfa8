//! The frame every chart shares: plotters drawing area on [`MeasuredSvg`], title and subtitle, a
//! hand-drawn legend, the accessible `<title>`/`<desc>`, and the final assembly of the SVG string.

use super::backend::{MeasuredSvg, PLOTTERS_FONT_SCALE};
use super::format::Currency;
use super::model::ChartOptions;
use super::svg::{esc, fnv1a, v_center, Anchor, Svg};
use super::text::{self, clean_label, FONT_FAMILY};
use super::theme::{Colors, Rgb};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::error::Error;

/// The drawing area every chart draws on.
pub type Area<'a> = DrawingArea<MeasuredSvg<'a>, Shift>;
/// What chart bodies return.
pub type Res = Result<(), Box<dyn Error>>;

/// A placeholder for the chart's id prefix, replaced once the document is complete. It contains a control
/// character, which [`clean_label`] strips from every piece of data, so data can never contain it.
pub const ID: &str = "\u{1}ID";

pub const TITLE_PX: f64 = 18.0;
pub const SUBTITLE_PX: f64 = 12.5;
pub const LABEL_PX: f64 = 12.0;
pub const SMALL_PX: f64 = 11.0;
/// plotters' axis label size (the SVG says `font-size = size / 1.24`, i.e. ≈ 12 px).
pub const AXIS_PLOTTERS_SIZE: f64 = LABEL_PX * PLOTTERS_FONT_SCALE;
/// Largest finite magnitude the charts work with; larger inputs are clamped (and their exact value still
/// shown in the mark's title).
pub const MAX_ABS: f64 = 1e15;

/// Finite and within ±[`MAX_ABS`]; NaN becomes 0.
pub fn clean(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-MAX_ABS, MAX_ABS)
    }
}

/// Like [`clean`] but also non-negative (counts, seats, costs drawn as lengths).
pub fn clean_pos(v: f64) -> f64 {
    clean(v).max(0.0)
}

/// Everything a chart body needs to know.
pub struct Ctx {
    pub w: f64,
    pub h: f64,
    pub c: Colors,
    pub cur: Currency,
    pub top_n: usize,
}

impl Ctx {
    pub fn new(opts: &ChartOptions) -> Ctx {
        Ctx {
            w: f64::from(opts.width.clamp(240, 4000)),
            h: f64::from(opts.height.clamp(180, 4000)),
            c: Colors::new(opts.theme, opts.accent.as_deref()),
            cur: Currency::new(&opts.currency),
            top_n: if opts.top_n == 0 {
                15
            } else {
                opts.top_n.min(300)
            },
        }
    }

    /// plotters style for axis tick labels.
    pub fn axis_label_style(&self) -> TextStyle<'static> {
        let mut s = TextStyle::from((FONT_FAMILY, AXIS_PLOTTERS_SIZE).into_font());
        s.color = self.c.muted.plotters().to_backend_color();
        s
    }

    /// plotters style for axis descriptions (units).
    pub fn axis_desc_style(&self) -> TextStyle<'static> {
        let mut s = TextStyle::from((FONT_FAMILY, AXIS_PLOTTERS_SIZE).into_font());
        s.color = self.c.text.plotters().to_backend_color();
        s
    }

    pub fn grid_style(&self) -> ShapeStyle {
        ShapeStyle::from(&self.c.grid.plotters()).stroke_width(1)
    }

    pub fn axis_style(&self) -> ShapeStyle {
        ShapeStyle::from(&self.c.axis.plotters()).stroke_width(1)
    }
}

/// One legend entry: label and swatch fill (a colour or `url(#…)`), optionally outlined.
pub struct LegendItem {
    pub label: String,
    pub fill: String,
    pub outline: Option<Rgb>,
}

impl LegendItem {
    pub fn color(label: &str, c: Rgb) -> LegendItem {
        LegendItem {
            label: label.to_string(),
            fill: c.hex(),
            outline: None,
        }
    }
}

/// Title, subtitle, accessible description and legend of a chart.
pub struct Head {
    /// Used in the element ids (`stackscope-<kind>-<hash>`).
    pub kind: &'static str,
    pub title: String,
    pub subtitle: String,
    pub desc: String,
    pub legend: Vec<LegendItem>,
}

/// Draws the title, subtitle and legend; returns the y where the plot may start.
fn draw_head(svg: &mut Svg, ctx: &Ctx, head: &Head) -> f64 {
    let max_w = ctx.w - 32.0;
    svg.text(
        16.0,
        30.0,
        &text::ellipsize(&head.title, TITLE_PX, max_w),
        TITLE_PX,
        ctx.c.text,
        Anchor::Start,
        "",
    );
    let mut y = 38.0;
    if !head.subtitle.is_empty() {
        svg.text(
            16.0,
            52.0,
            &text::ellipsize(&head.subtitle, SUBTITLE_PX, max_w),
            SUBTITLE_PX,
            ctx.c.muted,
            Anchor::Start,
            "",
        );
        y = 58.0;
    }
    if head.legend.is_empty() {
        return y + 10.0;
    }
    // Legend rows: swatch 12×12, 6 px gap, label, 18 px between entries; wraps.
    let mut x = 16.0;
    let mut row_y = y + 10.0;
    for item in &head.legend {
        let label = text::ellipsize(&item.label, LABEL_PX, (max_w - 18.0).max(10.0));
        let w = 18.0 + text::text_width(&label, LABEL_PX);
        if x > 16.0 && x + w > ctx.w - 16.0 {
            x = 16.0;
            row_y += 20.0;
        }
        let outline = match item.outline {
            Some(c) => format!(r#"stroke="{}" stroke-width="1""#, c.hex()),
            None => String::new(),
        };
        svg.rect(x, row_y, 12.0, 12.0, &item.fill, &outline);
        svg.text(
            x + 18.0,
            row_y + 6.0 + v_center(LABEL_PX),
            &label,
            LABEL_PX,
            ctx.c.text,
            Anchor::Start,
            "",
        );
        x += w + 18.0;
    }
    row_y + 12.0 + 14.0
}

fn defs(ctx: &Ctx) -> String {
    format!(
        concat!(
            "<defs>\n",
            r#"<pattern id="{id}-hatch" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">"#,
            r#"<rect width="7" height="7" fill="{bg}"/><rect width="3" height="7" fill="{fg}"/></pattern>"#,
            "\n</defs>\n"
        ),
        id = ID,
        bg = ctx.c.unknown.mix(ctx.c.bg, 0.55).hex(),
        fg = ctx.c.unknown.hex(),
    )
}

/// The hatch fill for "no usage data" / unknown marks.
pub fn hatch() -> String {
    format!("url(#{ID}-hatch)")
}

/// Renders a chart: fills the background, draws the head, runs `body` (which gets the plotters area, the
/// overlay for hand-written marks, the context and the y where the plot may start), then assembles the
/// document. A body error becomes an explicit "could not be drawn" chart, never a panic or a blank.
pub fn render<F>(ctx: &Ctx, head: &Head, body: F) -> String
where
    F: FnOnce(&Area<'_>, &mut Svg, &Ctx, f64) -> Res,
{
    match try_render(ctx, head, body) {
        Ok(s) => s,
        Err(e) => {
            let msg = format!("This chart could not be drawn ({e}).");
            let head = Head {
                kind: head.kind,
                title: head.title.clone(),
                subtitle: String::new(),
                desc: msg.clone(),
                legend: Vec::new(),
            };
            try_render(ctx, &head, |_, svg, ctx, top| {
                message(svg, ctx, top, &msg);
                Ok(())
            })
            .unwrap_or_default()
        }
    }
}

/// Renders the explicit "No data" chart.
pub fn render_empty(ctx: &Ctx, kind: &'static str, title: &str, msg: &str) -> String {
    let head = Head {
        kind,
        title: title.to_string(),
        subtitle: String::new(),
        desc: format!("{title}: no data. {msg}"),
        legend: Vec::new(),
    };
    render(ctx, &head, |_, svg, ctx, top| {
        message(svg, ctx, top, msg);
        Ok(())
    })
}

fn message(svg: &mut Svg, ctx: &Ctx, top: f64, msg: &str) {
    let (x, y, w, h) = (16.0, top, ctx.w - 32.0, (ctx.h - top - 16.0).max(20.0));
    svg.rect(
        x,
        y,
        w,
        h,
        "none",
        &format!(
            r#"stroke="{}" stroke-width="1" stroke-dasharray="4 4" rx="6""#,
            ctx.c.axis.hex()
        ),
    );
    let cy = y + h / 2.0;
    svg.text(
        x + w / 2.0,
        cy - 4.0,
        "No data",
        TITLE_PX,
        ctx.c.text,
        Anchor::Middle,
        "",
    );
    svg.text(
        x + w / 2.0,
        cy + 20.0,
        &text::ellipsize(msg, LABEL_PX, w - 24.0),
        LABEL_PX,
        ctx.c.muted,
        Anchor::Middle,
        "",
    );
}

fn try_render<F>(ctx: &Ctx, head: &Head, body: F) -> Result<String, Box<dyn Error>>
where
    F: FnOnce(&Area<'_>, &mut Svg, &Ctx, f64) -> Res,
{
    let mut buf = String::with_capacity(16 * 1024);
    let mut overlay = Svg::new();
    {
        let backend = MeasuredSvg::with_string(&mut buf, (ctx.w as u32, ctx.h as u32));
        let root = backend.into_drawing_area();
        root.fill(&ctx.c.bg.plotters())?;
        let top = draw_head(&mut overlay, ctx, head);
        body(&root, &mut overlay, ctx, top)?;
        root.present()?;
    }
    // Assemble: root attributes, accessible title/desc and defs after the root tag; the overlay (marks,
    // labels, legend) before the closing tag.
    let open_end = buf.find('>').ok_or("plotters wrote no root element")?;
    let close = buf.rfind("</svg>").ok_or("plotters wrote no closing tag")?;
    let title = clean_label(&head.title, "Chart");
    let desc = clean_desc(&head.desc);
    let mut out = String::with_capacity(buf.len() + overlay.buf.len() + 1024);
    out.push_str(&buf[..open_end]);
    out.push_str(&format!(
        r#" role="img" aria-labelledby="{ID}-title {ID}-desc" font-family="{FONT_FAMILY}""#
    ));
    out.push_str(">\n");
    out.push_str(&format!(
        "<title id=\"{ID}-title\">{}</title>\n<desc id=\"{ID}-desc\">{}</desc>\n",
        esc(&title),
        esc(&desc)
    ));
    out.push_str(&defs(ctx));
    out.push_str(buf[open_end + 1..close].trim_start_matches('\n'));
    out.push_str(&overlay.buf);
    out.push_str(&buf[close..]);
    let id = format!(
        "stackscope-{}-{:012x}",
        head.kind,
        fnv1a(out.as_bytes()) >> 16
    );
    Ok(out.replace(ID, &id))
}

/// Descriptions may be long but stay one paragraph of plain text.
fn clean_desc(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(4000)
        .collect::<String>()
        .trim()
        .to_string()
}

/// A linear map from data to pixels.
#[derive(Debug, Clone, Copy)]
pub struct Lin {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Lin {
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Lin {
        Lin { d0, d1, r0, r1 }
    }

    pub fn map(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if !(span.is_finite()) || span == 0.0 || !v.is_finite() {
            return self.r0;
        }
        let t = ((v - self.d0) / span).clamp(-0.5, 1.5);
        self.r0 + t * (self.r1 - self.r0)
    }
}

/// The pixel rectangle (x0, y0, x1, y1) of a plotters drawing area.
pub fn pixel_rect<DB: DrawingBackend, CT: plotters::coord::CoordTranslate>(
    a: &DrawingArea<DB, CT>,
) -> (f64, f64, f64, f64) {
    let (xr, yr) = a.get_pixel_range();
    (
        f64::from(xr.start),
        f64::from(yr.start),
        f64::from(xr.end),
        f64::from(yr.end),
    )
}

/// Pads a data range so the max lands below the top tick, and never returns an empty range.
pub fn nice_max(max: f64) -> f64 {
    let max = clean(max);
    if max <= 0.0 {
        return 1.0;
    }
    max * 1.06
}

/// How many rows to skip between labels so labels of `size_px` never overlap in bands of `band_px`.
pub fn label_step(band_px: f64, size_px: f64) -> usize {
    let need = size_px * 1.3;
    if band_px >= need || band_px <= 0.0 {
        if band_px <= 0.0 {
            return usize::MAX;
        }
        return 1;
    }
    (need / band_px).ceil().max(1.0) as usize
}
