//! Hand-written SVG fragments: marks with `<title>` children, labels, legends. Every string written here
//! goes through [`esc`]; every number through [`num`] (deterministic, at most two decimals).

use super::text::FONT_FAMILY;
use super::theme::Rgb;
use std::fmt::Write as _;

/// XML-escapes text and attribute values (`& < > " '`), and drops characters XML 1.0 forbids.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or length: rounded to 0.01, shortest form, never `NaN`, `inf` or `-0`.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let r = (v.clamp(-1e7, 1e7) * 100.0).round() / 100.0;
    if r == 0.0 {
        return "0".to_string();
    }
    format!("{r}")
}

/// Horizontal text anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Baseline offset that vertically centres Open Sans text on a point (half its cap height).
pub fn v_center(size_px: f64) -> f64 {
    size_px * 0.357
}

/// An SVG fragment under construction.
#[derive(Debug, Default)]
pub struct Svg {
    pub buf: String,
}

impl Svg {
    pub fn new() -> Svg {
        Svg::default()
    }

    /// Opens a mark group whose `<title>` (shown on hover, read by screen readers) is `title`.
    pub fn begin_mark(&mut self, title: &str) {
        let _ = writeln!(self.buf, "<g><title>{}</title>", esc(title));
    }

    pub fn end_mark(&mut self) {
        self.buf.push_str("</g>\n");
    }

    /// A rectangle; `fill` is a colour or `url(#…)` (never data), `extra` more attributes (never data).
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, extra: &str) {
        let _ = writeln!(
            self.buf,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"{}{}/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            fill,
            if extra.is_empty() { "" } else { " " },
            extra
        );
    }

    #[allow(clippy::too_many_arguments)]
    pub fn line(
        &mut self,
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: Rgb,
        width: f64,
        extra: &str,
    ) {
        let _ = writeln!(
            self.buf,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}{}/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            stroke.hex(),
            num(width),
            if extra.is_empty() { "" } else { " " },
            extra
        );
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: &str, extra: &str) {
        let _ = writeln!(
            self.buf,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}"{}{}/>"#,
            num(cx),
            num(cy),
            num(r.max(0.0)),
            fill,
            if extra.is_empty() { "" } else { " " },
            extra
        );
    }

    pub fn path(&mut self, d: &str, fill: &str, extra: &str) {
        let _ = writeln!(
            self.buf,
            r#"<path d="{}" fill="{}"{}{}/>"#,
            d,
            fill,
            if extra.is_empty() { "" } else { " " },
            extra
        );
    }

    /// Text with its baseline at `y`. `s` is escaped here.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        s: &str,
        size: f64,
        fill: Rgb,
        anchor: Anchor,
        extra: &str,
    ) {
        if s.is_empty() {
            return;
        }
        let _ = writeln!(
            self.buf,
            r#"<text x="{}" y="{}" font-family="{}" font-size="{}" fill="{}" text-anchor="{}"{}{}>{}</text>"#,
            num(x),
            num(y),
            FONT_FAMILY,
            num(size),
            fill.hex(),
            anchor.as_str(),
            if extra.is_empty() { "" } else { " " },
            extra,
            esc(s)
        );
    }
}

/// 64-bit FNV-1a, for deterministic element ids.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_numbers() {
        assert_eq!(
            esc("<script>\"a\"&'b'</script>"),
            "&lt;script&gt;&quot;a&quot;&amp;&apos;b&apos;&lt;/script&gt;"
        );
        assert_eq!(esc("a\u{0}b\nc"), "ab c");
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.345678), "12.35");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(1e300), "10000000");
    }
}
