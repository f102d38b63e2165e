//! The QR code of an authenticator app's setup link, as inline SVG for the screens.
use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};
use std::fmt::Write;

/// The standard quiet zone around the code, in modules.
const QUIET: usize = 4;

/// An inline `<svg>` QR code for `data`: black modules on white with the standard 4-module
/// quiet zone, each row's runs of dark modules one path segment. It has a viewBox, so CSS
/// can resize it. Empty if `data` is too long for any QR version at level M (more than
/// 2,331 bytes).
///
/// Drawn here rather than by the crate's SVG renderer, which wrote a rectangle per module
/// through generic code the registration's part had to carry.
pub fn qr_svg(data: &str) -> String {
    let Some(code) = byte_mode(data.as_bytes()) else {
        return String::new();
    };
    let width = code.width();
    let side = width + 2 * QUIET;
    let mut svg = String::with_capacity(4096);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{px}\" height=\"{px}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"",
        px = side * 4,
    );
    let dark: Vec<bool> = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    for (y, row) in dark.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            let run = row[x..].iter().take_while(|d| **d).count();
            if run > 0 {
                let _ = write!(svg, "M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET);
            }
            x += run.max(1);
        }
    }
    svg.push_str("\"/></svg>");
    svg
}

/// `data` as one byte-mode segment, medium error correction (the crate's default), in the
/// smallest version that holds it. The crate's `QrCode::new` first splits the data into
/// the cheapest mix of modes: a setup link comes out a version larger at most without
/// that, and the registration's part goes without the code that does it.
fn byte_mode(data: &[u8]) -> Option<QrCode> {
    (1..=40).find_map(|v| {
        let mut bits = Bits::new(Version::Normal(v));
        bits.push_byte_data(data).ok()?;
        bits.push_terminator(EcLevel::M).ok()?;
        QrCode::with_bits(bits, EcLevel::M).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules the path draws, read back from its `M x y h n` segments.
    fn drawn(svg: &str) -> Vec<(usize, usize)> {
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut modules = vec![];
        for segment in d.split('M').filter(|s| !s.is_empty()) {
            let (x, rest) = segment.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let run: usize = rest.split('v').next().unwrap().parse().unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            modules.extend((x..x + run).map(|x| (x - QUIET, y - QUIET)));
        }
        modules
    }

    #[test]
    fn every_dark_module_and_only_those_is_drawn_inside_the_quiet_zone() {
        let data = "otpauth://totp/Contoso:alice%40contoso.com?secret=GEZDGNBVGY3TQOJQ&issuer=Contoso";
        let code = byte_mode(data.as_bytes()).unwrap();
        let width = code.width();
        let expected: Vec<(usize, usize)> = code
            .to_colors()
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Color::Dark)
            .map(|(i, _)| (i % width, i / width))
            .collect();
        let svg = qr_svg(data);
        assert_eq!(drawn(&svg), expected);
        let side = width + 2 * QUIET;
        assert!(svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")), "{svg}");
    }

    /// The smallest version that holds the data in byte mode at level M, by the
    /// standard's capacity table: version 4 holds 62 bytes, version 5 84, version 40 2331.
    #[test]
    fn the_smallest_version_that_holds_the_bytes_is_chosen() {
        let version = |n: usize| byte_mode("a".repeat(n).as_bytes()).map(|c| c.version());
        assert_eq!(version(62), Some(Version::Normal(4)));
        assert_eq!(version(63), Some(Version::Normal(5)));
        assert_eq!(version(84), Some(Version::Normal(5)));
        assert_eq!(version(2331), Some(Version::Normal(40)));
        assert_eq!(version(2332), None);
        assert_eq!(qr_svg(&"a".repeat(2332)), "");
    }
}
