//! `MeasuredSvg`: a drawing backend that wraps plotters' `SVGBackend`, forwards every drawing call to it
//! unchanged, and answers text-size queries itself with [`super::text`] (ab_glyph + the embedded font).
//!
//! Why: plotters 0.3.7 measures text through the DOM on wasm32 (`window().unwrap()`), which panics in a Web
//! Worker and in node. Every plotters code path the charts use (axis labels, axis descriptions) asks the
//! backend through `estimate_text_size`, so answering it here makes layout identical natively and in wasm.
//! Code paths that measure without asking the backend (`MultiLineText`, series legends) are not used;
//! `tests/charts.rs` checks that.

use super::text;
use plotters::prelude::SVGBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::cell::Cell;

thread_local! {
    static TEXT_QUERIES: Cell<u64> = const { Cell::new(0) };
}

/// How many text-size queries `MeasuredSvg` answered on this thread (for tests: proves plotters asked the
/// wrapper, not its own DOM-based font code).
pub fn text_queries() -> u64 {
    TEXT_QUERIES.with(Cell::get)
}

/// plotters writes `font-size = style.size() / 1.24` into the SVG; measure at that size.
pub const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// See the module documentation.
pub struct MeasuredSvg<'a> {
    inner: SVGBackend<'a>,
}

impl<'a> MeasuredSvg<'a> {
    pub fn with_string(buf: &'a mut String, size: (u32, u32)) -> Self {
        MeasuredSvg {
            inner: SVGBackend::with_string(buf, size),
        }
    }
}

impl DrawingBackend for MeasuredSvg<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        // SVGBackend writes the text as an XML-escaped `<text>` element and never measures it.
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        TEXT_QUERIES.with(|c| c.set(c.get().saturating_add(1)));
        let px = style.size() / PLOTTERS_FONT_SCALE;
        let w = text::text_width(text, px).ceil();
        let h = text::line_height(px).ceil();
        // Unrotated box, as plotters' default implementation reports it.
        Ok((w.clamp(0.0, 1e6) as u32, h.clamp(0.0, 1e6) as u32))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, (iw, ih), src)
    }
}
