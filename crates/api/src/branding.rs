//! A tenant's look on the sign-in screens, as Entra's company branding: a logo with its
//! alternative text, the organisation's name, an accent for the main button, a page
//! background, and per locale a line of sign-in page text and a username hint.
//!
//! Everything here reaches a page, so `check` holds it to what cannot break one: colours
//! as `#rrggbb`, white button text at 4.5:1 on the accent (WCAG 1.4.3), images only from
//! `https:`, the page's own origin or an inline picture, and texts of bounded length,
//! shown as text, never as markup.
//!
//! Every field is always written: the mock's store is postcard, which has no field
//! skipping; `default` lets JSON written before these fields read back.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    /// The main button's colour as `#rrggbb`; white text must read on it at 4.5:1.
    pub accent: String,
    /// The organisation's name, for a host page that knows no tenant yet; a reply's
    /// `tenant_name` names the tenant otherwise.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub logo: Option<Logo>,
    /// The page behind the card, as `#rrggbb`.
    #[serde(default)]
    pub background: Option<String>,
    /// A picture behind the card, over the background colour.
    #[serde(default)]
    pub background_image: Option<String>,
    /// Texts per locale; the one whose `locale` is empty is for every other language.
    #[serde(default)]
    pub texts: Vec<BrandText>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logo {
    pub url: String,
    /// What the logo shows, for people who cannot see it: usually the name.
    pub alt: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandText {
    /// A language tag (`de`, `pt-BR`), or empty for the default.
    #[serde(default)]
    pub locale: String,
    /// Shown below the first screens, like a notice to staff.
    #[serde(default)]
    pub sign_in_text: String,
    /// Said under the username field, e.g. "Your work address, name@woodgrove.example".
    #[serde(default)]
    pub username_hint: String,
}

/// The longest sign-in page text and username hint, as Entra allows.
pub const MAX_SIGN_IN_TEXT: usize = 1024;
pub const MAX_USERNAME_HINT: usize = 64;
const MAX_ALT: usize = 100;
const MAX_URL: usize = 16 * 1024;

/// Why a branding cannot be shown, for the person who wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrandingProblem {
    NotAColour {
        field: &'static str,
        value: String,
    },
    /// White text on the accent reads at `tenths / 10` to 1; `readable` is the nearest
    /// darker colour that reaches 4.5:1.
    LowContrast {
        accent: String,
        tenths: u32,
        readable: String,
    },
    UnsafeUrl {
        field: &'static str,
    },
    NoAlt,
    TooLong {
        field: &'static str,
        max: usize,
    },
}

impl std::fmt::Display for BrandingProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Self::NotAColour { field, value } => {
                write!(f, "branding.{field} \"{value}\" is not a colour like #0b5cad")
            }
            Self::LowContrast { accent, tenths, readable } => write!(
                f,
                "branding.accent \"{accent}\" gives white button text a contrast of {}.{}:1, \
                 under the 4.5:1 that text needs; {readable} is the nearest darker colour that reads",
                tenths / 10,
                tenths % 10
            ),
            Self::UnsafeUrl { field } => write!(
                f,
                "branding.{field} must be an https: address, a path on this site, or a data:image/ picture"
            ),
            Self::NoAlt => f.write_str("branding.logo needs its alternative text (alt)"),
            Self::TooLong { field, max } => write!(f, "branding.{field} is longer than {max} characters"),
        }
    }
}

impl Branding {
    pub fn accent(hex: &str) -> Self {
        Branding {
            accent: hex.into(),
            name: None,
            logo: None,
            background: None,
            background_image: None,
            texts: Vec::new(),
        }
    }

    /// Only a plain `#rrggbb` is passed on, so nothing else can reach a style.
    pub fn is_valid(&self) -> bool {
        self.check().is_ok()
    }

    /// The first reason this branding cannot be shown as it is, if any.
    pub fn check(&self) -> Result<(), BrandingProblem> {
        let rgb = colour(&self.accent)
            .ok_or_else(|| BrandingProblem::NotAColour { field: "accent", value: self.accent.clone() })?;
        if !reads_on(rgb) {
            return Err(BrandingProblem::LowContrast {
                accent: self.accent.clone(),
                tenths: contrast_tenths(rgb),
                readable: hex(darkened(rgb)),
            });
        }
        if let Some(bg) = self.background.as_deref().filter(|bg| colour(bg).is_none()) {
            return Err(BrandingProblem::NotAColour { field: "background", value: bg.into() });
        }
        if self.background_image.as_deref().is_some_and(|url| !safe_url(url)) {
            return Err(BrandingProblem::UnsafeUrl { field: "backgroundImage" });
        }
        if let Some(logo) = &self.logo {
            check_logo(logo)?;
        }
        self.texts.iter().try_for_each(check_text)
    }

    /// What of this branding can be shown: the accent darkened until white reads on
    /// it, and any other part that fails its check left out. `None` when the accent is
    /// not a colour at all.
    pub fn readable(&self) -> Option<Branding> {
        let rgb = colour(&self.accent)?;
        let mut out = self.clone();
        out.accent = if reads_on(rgb) { self.accent.clone() } else { hex(darkened(rgb)) };
        out.background = out.background.filter(|bg| colour(bg).is_some());
        out.background_image = out.background_image.filter(|url| safe_url(url));
        out.logo = out.logo.filter(|l| check_logo(l).is_ok());
        out.texts.retain(|t| check_text(t).is_ok());
        debug_assert!(out.check().is_ok());
        Some(out)
    }

    /// The texts for a language tag: the same tag, else the same language, else the default.
    pub fn text_for(&self, tag: &str) -> Option<&BrandText> {
        let language = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
        let find = |same: &dyn Fn(&str) -> bool| self.texts.iter().find(|t| same(&t.locale));
        find(&|l| !l.is_empty() && l.eq_ignore_ascii_case(tag))
            .or_else(|| find(&|l| !l.is_empty() && language(l) == language(tag)))
            .or_else(|| find(&|l| l.is_empty()))
    }
}

fn check_logo(logo: &Logo) -> Result<(), BrandingProblem> {
    if !safe_url(&logo.url) {
        return Err(BrandingProblem::UnsafeUrl { field: "logo.url" });
    }
    if logo.alt.trim().is_empty() {
        return Err(BrandingProblem::NoAlt);
    }
    longest("logo.alt", &logo.alt, MAX_ALT)
}

fn check_text(text: &BrandText) -> Result<(), BrandingProblem> {
    longest("texts.signInText", &text.sign_in_text, MAX_SIGN_IN_TEXT)?;
    longest("texts.usernameHint", &text.username_hint, MAX_USERNAME_HINT)
}

fn longest(field: &'static str, text: &str, max: usize) -> Result<(), BrandingProblem> {
    if text.chars().count() > max {
        return Err(BrandingProblem::TooLong { field, max });
    }
    Ok(())
}

/// `#rrggbb` as its three channels.
fn colour(text: &str) -> Option<[u8; 3]> {
    let b = text.as_bytes();
    if b.len() != 7 || b[0] != b'#' || !b[1..].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&text[i..i + 2], 16).ok();
    Some([channel(1)?, channel(3)?, channel(5)?])
}

fn hex(rgb: [u8; 3]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::from("#");
    for c in rgb {
        out.push(DIGITS[usize::from(c >> 4)] as char);
        out.push(DIGITS[usize::from(c & 15)] as char);
    }
    out
}

/// An address a style or an `<img>` may load: `https:`, a path on the page's own site,
/// or an inline raster or SVG picture (an SVG in an image runs no script). Quotes,
/// brackets, backslashes and spaces are refused, so it cannot leave a CSS `url("…")`.
pub fn safe_url(url: &str) -> bool {
    let allowed = url.starts_with("https://")
        || (url.starts_with('/') && !url.starts_with("//"))
        || [
            "data:image/png;base64,",
            "data:image/jpeg;base64,",
            "data:image/webp;base64,",
            "data:image/svg+xml;base64,",
        ]
        .iter()
        .any(|p| url.starts_with(p));
    allowed
        && url.len() <= MAX_URL
        && url
            .bytes()
            .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'(' | b')' | b'\\' | b'<' | b'>'))
}

/// Relative luminance in units of 10^-8 (WCAG 2's formula, the sRGB curve from a table
/// in units of 10^-4, so the component carries no `powf`).
fn luminance(rgb: [u8; 3]) -> u64 {
    let [r, g, b] = rgb.map(|c| u64::from(LINEAR[usize::from(c)]));
    2126 * r + 7152 * g + 722 * b
}

/// Whether white text reads on `rgb`: (1 + 0.05) / (L + 0.05) >= 4.5.
fn reads_on(rgb: [u8; 3]) -> bool {
    45 * luminance(rgb) + 225_000_000 <= 1_050_000_000
}

/// The contrast of white on `rgb`, in tenths, rounded down.
fn contrast_tenths(rgb: [u8; 3]) -> u32 {
    (1_050_000_000 / (luminance(rgb) + 5_000_000)) as u32
}

/// `rgb` darkened by eighths until white text reads on it (black always does).
fn darkened(mut rgb: [u8; 3]) -> [u8; 3] {
    while !reads_on(rgb) {
        rgb = rgb.map(|c| (u16::from(c) * 7 / 8) as u8);
    }
    rgb
}

/// The sRGB transfer curve: channel value to linear light, times 10^4.
#[rustfmt::skip]
const LINEAR: [u16; 256] = [
    0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 37, 40, 44, 48,
    52, 56, 60, 65, 70, 75, 80, 86, 91, 97, 103, 110, 116, 123, 130, 137,
    144, 152, 160, 168, 176, 185, 194, 203, 212, 222, 232, 242, 252, 262, 273, 284,
    296, 307, 319, 331, 343, 356, 369, 382, 395, 409, 423, 437, 452, 467, 482, 497,
    513, 529, 545, 561, 578, 595, 612, 630, 648, 666, 685, 704, 723, 742, 762, 782,
    802, 823, 844, 865, 887, 908, 931, 953, 976, 999, 1022, 1046, 1070, 1095, 1119, 1144,
    1170, 1195, 1221, 1248, 1274, 1301, 1329, 1356, 1384, 1413, 1441, 1470, 1500, 1529, 1559, 1590,
    1620, 1651, 1683, 1714, 1746, 1779, 1812, 1845, 1878, 1912, 1946, 1981, 2016, 2051, 2086, 2122,
    2159, 2195, 2232, 2270, 2307, 2346, 2384, 2423, 2462, 2502, 2542, 2582, 2623, 2664, 2705, 2747,
    2789, 2831, 2874, 2918, 2961, 3005, 3050, 3095, 3140, 3185, 3231, 3278, 3325, 3372, 3419, 3467,
    3515, 3564, 3613, 3663, 3712, 3763, 3813, 3864, 3916, 3968, 4020, 4072, 4125, 4179, 4233, 4287,
    4342, 4397, 4452, 4508, 4564, 4621, 4678, 4735, 4793, 4851, 4910, 4969, 5029, 5089, 5149, 5210,
    5271, 5333, 5395, 5457, 5520, 5583, 5647, 5711, 5776, 5841, 5906, 5972, 6038, 6105, 6172, 6240,
    6308, 6376, 6445, 6514, 6584, 6654, 6724, 6795, 6867, 6939, 7011, 7084, 7157, 7231, 7305, 7379,
    7454, 7529, 7605, 7682, 7758, 7835, 7913, 7991, 8070, 8148, 8228, 8308, 8388, 8469, 8550, 8632,
    8714, 8796, 8879, 8963, 9047, 9131, 9216, 9301, 9387, 9473, 9560, 9647, 9734, 9823, 9911, 10000,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn wcag_contrast_with_white(rgb: [u8; 3]) -> f64 {
        let linear = |c: u8| {
            let s = f64::from(c) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
        1.05 / (l + 0.05)
    }

    #[test]
    fn the_table_is_the_srgb_curve() {
        for c in 0..=255u8 {
            let s = f64::from(c) / 255.0;
            let exact = if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) };
            assert_eq!(LINEAR[usize::from(c)], (exact * 10_000.0).round() as u16, "channel {c}");
        }
    }

    #[test]
    fn white_text_reads_on_an_accent_exactly_when_wcag_says_so() {
        // Every grey, and a spread of colours; the table's rounding may only matter
        // within a hair of the line.
        let greys = (0..=255u8).map(|c| [c, c, c]);
        let colours = (0..=255u8).step_by(15).flat_map(|r| {
            (0..=255u8).step_by(15).flat_map(move |g| (0..=255u8).step_by(51).map(move |b| [r, g, b]))
        });
        for rgb in greys.chain(colours) {
            let exact = wcag_contrast_with_white(rgb);
            if (exact - 4.5).abs() > 0.01 {
                assert_eq!(reads_on(rgb), exact >= 4.5, "{} at {exact:.3}", hex(rgb));
            }
            assert!((f64::from(contrast_tenths(rgb)) / 10.0 - exact).abs() < 0.11, "{}", hex(rgb));
        }
    }

    #[test]
    fn a_pale_accent_is_refused_naming_its_contrast_and_a_colour_that_reads() {
        let yellow = Branding::accent("#ffcc00");
        let Err(BrandingProblem::LowContrast { tenths, readable, .. }) = yellow.check() else {
            panic!("{:?}", yellow.check())
        };
        assert_eq!(tenths, 15, "white on #ffcc00 is 1.5:1");
        assert!(wcag_contrast_with_white(colour(&readable).unwrap()) >= 4.5, "{readable}");
        let message = yellow.check().unwrap_err().to_string();
        assert!(message.contains("1.5:1") && message.contains(&readable), "{message}");
        // The seeded tenants' accents read as they are.
        for accent in ["#0b5cad", "#00704a", "#6a2c91", "#8a4b00"] {
            assert_eq!(Branding::accent(accent).check(), Ok(()), "{accent}");
        }
    }

    #[test]
    fn readable_darkens_a_pale_accent_and_drops_what_fails() {
        let mut b = Branding::accent("#7fb2ff");
        b.background = Some("blue".into());
        b.background_image = Some("javascript:alert(1)".into());
        b.logo = Some(Logo { url: "https://cdn.example/logo.svg".into(), alt: " ".into() });
        b.texts = vec![BrandText { username_hint: "x".repeat(65), ..BrandText::default() }];
        let shown = b.readable().unwrap();
        assert_eq!(shown.check(), Ok(()));
        assert_ne!(shown.accent, b.accent);
        assert!(wcag_contrast_with_white(colour(&shown.accent).unwrap()) >= 4.5);
        assert_eq!((shown.background, shown.background_image, shown.logo), (None, None, None));
        assert!(shown.texts.is_empty());
        assert_eq!(Branding::accent("red").readable(), None);
    }

    #[test]
    fn only_addresses_that_cannot_leave_a_css_url_are_safe() {
        for ok in ["https://cdn.example/a.png", "/brand/logo.svg", "data:image/svg+xml;base64,PHN2Zz4="] {
            assert!(safe_url(ok), "{ok}");
        }
        for bad in [
            "http://cdn.example/a.png",
            "//evil.example/a.png",
            "javascript:alert(1)",
            "data:text/html;base64,PGgxPg==",
            "https://x.example/a.png\"); background: url(https://evil.example",
            "https://x.example/a b.png",
            "/a.png)",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn texts_are_chosen_by_tag_then_language_then_default() {
        let text = |locale: &str| BrandText {
            locale: locale.into(),
            sign_in_text: locale.into(),
            ..BrandText::default()
        };
        let mut b = Branding::accent("#0b5cad");
        b.texts = vec![text(""), text("de"), text("pt-BR")];
        let shown = |b: &Branding, tag| b.text_for(tag).map(|t| t.sign_in_text.clone());
        assert_eq!(shown(&b, "de").as_deref(), Some("de"));
        assert_eq!(shown(&b, "de-AT").as_deref(), Some("de"));
        assert_eq!(shown(&b, "pt").as_deref(), Some("pt-BR"));
        assert_eq!(shown(&b, "ja").as_deref(), Some(""));
        b.texts.remove(0);
        assert_eq!(shown(&b, "ja"), None);
    }
}
