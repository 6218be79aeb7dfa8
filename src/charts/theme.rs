//! Colours: a colour-blind-safe palette (Okabe & Ito, 2008), light and dark themes, a settable accent.

use super::model::Theme;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Parses exactly `#rrggbb` (case-insensitive); anything else is `None`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let b = s.trim().as_bytes();
        if b.len() != 7 || b[0] != b'#' || !b[1..].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let h = |i: usize| u8::from_str_radix(std::str::from_utf8(&b[i..i + 2]).ok()?, 16).ok();
        Some(Rgb(h(1)?, h(3)?, h(5)?))
    }

    pub fn plotters(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.x, with a platform-independent approximation of the 2.4 exponent).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                // t^2.4 approximated by t^2.5 = t·t·√t: IEEE basic operations and `sqrt` are
                // correctly rounded everywhere, `powf` (libm) may differ between wasm and native.
                let t = (c + 0.055) / 1.055;
                t * t * t.sqrt()
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// Linear blend: `t = 0` is `self`, `t = 1` is `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

// Okabe–Ito.
pub const OI_ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
pub const OI_SKY: Rgb = Rgb(0x56, 0xB4, 0xE9);
pub const OI_GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
pub const OI_YELLOW: Rgb = Rgb(0xF0, 0xE4, 0x42);
pub const OI_BLUE: Rgb = Rgb(0x00, 0x72, 0xB2);
pub const OI_VERMILLION: Rgb = Rgb(0xD5, 0x5E, 0x00);
pub const OI_PURPLE: Rgb = Rgb(0xCC, 0x79, 0xA7);

/// Resolved colours of one chart.
#[derive(Debug, Clone)]
pub struct Colors {
    pub dark: bool,
    pub bg: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    pub axis: Rgb,
    pub accent: Rgb,
    /// Fill of "no usage data" / unknown marks (drawn hatched over this).
    pub unknown: Rgb,
    /// Fill of the summed "Other" bar/series.
    pub other: Rgb,
    /// Series colours, in order (Okabe–Ito without black).
    pub series: [Rgb; 7],
    /// Shading of highlighted regions (e.g. the expensive-and-idle quadrant).
    pub warn_fill: Rgb,
}

impl Colors {
    pub fn new(theme: Theme, accent: Option<&str>) -> Colors {
        let dark = theme == Theme::Dark;
        let (bg, text, muted, grid, axis, unknown, other) = if dark {
            (
                Rgb(0x12, 0x15, 0x1a),
                Rgb(0xf1, 0xf3, 0xf4),
                Rgb(0xb4, 0xba, 0xc2),
                Rgb(0x2e, 0x34, 0x3c),
                Rgb(0x7a, 0x82, 0x8c),
                Rgb(0x5a, 0x60, 0x68),
                Rgb(0x8a, 0x91, 0x99),
            )
        } else {
            (
                Rgb(0xff, 0xff, 0xff),
                Rgb(0x1b, 0x1f, 0x24),
                Rgb(0x55, 0x5d, 0x66),
                Rgb(0xe6, 0xe8, 0xeb),
                Rgb(0x9a, 0xa1, 0xa9),
                Rgb(0xc4, 0xc8, 0xcd),
                Rgb(0x9a, 0xa1, 0xa9),
            )
        };
        let default_accent = if dark { OI_SKY } else { OI_BLUE };
        let accent = accent.and_then(Rgb::parse).unwrap_or(default_accent);
        let series = if dark {
            [
                OI_SKY,
                OI_ORANGE,
                OI_GREEN,
                OI_YELLOW,
                OI_PURPLE,
                OI_VERMILLION,
                OI_BLUE,
            ]
        } else {
            [
                OI_BLUE,
                OI_ORANGE,
                OI_GREEN,
                OI_VERMILLION,
                OI_SKY,
                OI_PURPLE,
                OI_YELLOW,
            ]
        };
        let warn_fill = OI_VERMILLION.mix(bg, if dark { 0.78 } else { 0.88 });
        Colors {
            dark,
            bg,
            text,
            muted,
            grid,
            axis,
            accent,
            unknown,
            other,
            series,
            warn_fill,
        }
    }

    /// Text colour readable on `fill` (the theme's text or background colour, whichever contrasts more).
    pub fn text_on(&self, fill: Rgb) -> Rgb {
        let a = Rgb(0x11, 0x11, 0x11);
        let b = Rgb(0xff, 0xff, 0xff);
        if contrast(a, fill) >= contrast(b, fill) {
            a
        } else {
            b
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accent_validation() {
        assert_eq!(Rgb::parse("#FF8800"), Some(Rgb(255, 136, 0)));
        assert_eq!(Rgb::parse("ff8800"), None);
        assert_eq!(Rgb::parse("#ff880"), None);
        assert_eq!(Rgb::parse("#gg8800"), None);
        assert_eq!(Rgb::parse("\"><script>"), None);
        let c = Colors::new(Theme::Light, Some("red"));
        assert_eq!(c.accent, OI_BLUE);
    }

    #[test]
    fn text_contrast_is_readable() {
        for theme in [Theme::Light, Theme::Dark] {
            let c = Colors::new(theme, None);
            assert!(contrast(c.text, c.bg) >= 7.0);
            assert!(contrast(c.muted, c.bg) >= 4.5, "{theme:?}");
            for s in c.series {
                assert!(contrast(c.text_on(s), s) >= 4.5);
            }
        }
    }
}
