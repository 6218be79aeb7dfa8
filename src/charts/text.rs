//! Text measurement against the font embedded in the binary (Open Sans Regular), so layout is identical
//! natively, in node, in a Web Worker and on the page (which serves the same font via `@font-face`).
//!
//! Nothing here touches the DOM or the system fonts: widths are the sum of the glyphs' horizontal advances
//! plus pair kerning, in font units scaled by `size_px / units_per_em` (what CSS `font-size` means).

use ab_glyph::{Font, FontRef, GlyphId};
use std::sync::OnceLock;

/// The font the charts are laid out with and that the SVG names (`font-family="Open Sans"`).
pub const FONT_BYTES: &[u8] = include_bytes!("../../web/fonts/OpenSans-Regular.ttf");
/// The CSS family name written into every chart.
pub const FONT_FAMILY: &str = "Open Sans";

/// The text appended to shortened labels.
pub const ELLIPSIS: &str = "…";

fn font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(FONT_BYTES).ok())
        .as_ref()
}

fn units_per_em(f: &FontRef<'_>) -> f64 {
    match f.units_per_em() {
        Some(u) if u > 0.0 => f64::from(u),
        _ => 2048.0,
    }
}

/// Width in pixels of `s` drawn at `size_px` (CSS font-size) in the embedded font.
pub fn text_width(s: &str, size_px: f64) -> f64 {
    let size = if size_px.is_finite() && size_px > 0.0 {
        size_px
    } else {
        return 0.0;
    };
    let Some(f) = font() else {
        // Unreachable with the embedded font; a crude fallback keeps layout sane instead of panicking.
        return s.chars().count() as f64 * size * 0.55;
    };
    let mut units = 0.0f64;
    let mut prev: Option<GlyphId> = None;
    for c in s.chars() {
        let g = f.glyph_id(c);
        if let Some(p) = prev {
            units += f64::from(f.kern_unscaled(p, g));
        }
        units += f64::from(f.h_advance_unscaled(g));
        prev = Some(g);
    }
    units * size / units_per_em(f)
}

/// Line height (ascent − descent) in pixels at `size_px`.
pub fn line_height(size_px: f64) -> f64 {
    match font() {
        Some(f) => {
            f64::from(f.ascent_unscaled() - f.descent_unscaled()) * size_px / units_per_em(f)
        }
        None => size_px * 1.36,
    }
}

/// `s` if it fits in `max_px` at `size_px`, otherwise its longest prefix that fits followed by "…"
/// (just "…" — or nothing — when even that does not fit).
pub fn ellipsize(s: &str, size_px: f64, max_px: f64) -> String {
    if text_width(s, size_px) <= max_px {
        return s.to_string();
    }
    let ell = text_width(ELLIPSIS, size_px);
    if ell > max_px {
        return String::new();
    }
    let chars: Vec<char> = s.chars().collect();
    // Binary search the longest prefix whose width plus the ellipsis fits.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let prefix: String = chars[..mid].iter().collect();
        if text_width(prefix.trim_end(), size_px) + ell <= max_px {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let prefix: String = chars[..lo].iter().collect();
    format!("{}{}", prefix.trim_end(), ELLIPSIS)
}

/// A label from data made safe to lay out: control characters become spaces, runs of whitespace collapse,
/// the result is trimmed and capped at 120 characters; an empty result becomes `fallback`.
/// (XML escaping happens when the text is written, not here.)
pub fn clean_label(s: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(s.len().min(480));
    let mut pending_space = false;
    let mut n = 0usize;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' {
            pending_space = !out.is_empty();
            continue;
        }
        if n >= 120 {
            break;
        }
        if pending_space {
            out.push(' ');
            n += 1;
            pending_space = false;
        }
        out.push(c);
        n += 1;
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_positive_and_monotonic() {
        let a = text_width("Slack", 12.0);
        let b = text_width("Slack Enterprise", 12.0);
        assert!(a > 10.0 && a < 60.0, "{a}");
        assert!(b > a);
        assert_eq!(text_width("", 12.0), 0.0);
        assert_eq!(text_width("x", f64::NAN), 0.0);
    }

    #[test]
    fn ellipsize_fits() {
        let s = "A very long tool name that will not fit in the label area";
        let e = ellipsize(s, 12.0, 100.0);
        assert!(e.ends_with(ELLIPSIS));
        assert!(text_width(&e, 12.0) <= 100.0);
        assert_eq!(ellipsize("Slack", 12.0, 100.0), "Slack");
        assert_eq!(ellipsize("Slack", 12.0, 1.0), "");
    }

    #[test]
    fn clean_labels() {
        assert_eq!(clean_label("  a\n\tb  ", "x"), "a b");
        assert_eq!(clean_label("\u{0}\u{7}", "x"), "x");
        assert_eq!(clean_label(&"y".repeat(500), "x").chars().count(), 120);
    }
}
