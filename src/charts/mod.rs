//! Charts: pure, deterministic renderers from a small chart model ([`model`]) to SVG strings.
//!
//! Each public function is a plain function `(&model, &ChartOptions) -> String`. Axes, grids and units are
//! drawn by plotters on [`backend::MeasuredSvg`] (an `SVGBackend` wrapper that measures text with the
//! embedded Open Sans font instead of the DOM, so it works in a Web Worker); marks, labels, legends and
//! the accessible `<title>`/`<desc>` are hand-written SVG with every data string XML-escaped. Every mark
//! carries its exact value in an SVG `<title>` child. The same input gives byte-identical output natively
//! and in wasm. No input panics: non-finite, negative, huge values and empty or hostile names are
//! sanitised. See `docs/charts.md`.

pub mod backend;
mod bars;
mod format;
mod frame;
mod hbar;
pub mod model;
mod overlap;
mod renewal;
mod scatter;
mod svg;
pub mod text;
pub mod theme;
mod time;

pub use bars::{roi, seat_utilisation, spend_by_category, spend_by_tool};
pub use model::*;
pub use overlap::overlap_matrix;
pub use renewal::renewal_timeline;
pub use scatter::cost_vs_utilisation;
pub use time::spend_over_time;
