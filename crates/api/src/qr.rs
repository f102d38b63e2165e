//! The QR code of an authenticator app's setup link, as inline SVG for the screens.
use qrcode::{Color, QrCode};
use std::fmt::Write;

/// The standard quiet zone around the code, in modules.
const QUIET: usize = 4;

/// An inline `<svg>` QR code for `data`: black modules on white with the standard 4-module
/// quiet zone, each row's runs of dark modules one path segment. It has a viewBox, so CSS
/// can resize it. Empty if `data` is too long for any QR version (about 2.9 KB).
///
/// Drawn here rather than by the crate's SVG renderer, which wrote a rectangle per module
/// through generic code the registration's part had to carry.
pub fn qr_svg(data: &str) -> String {
    let Ok(code) = QrCode::new(data.as_bytes()) else {
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
        let code = QrCode::new(data.as_bytes()).unwrap();
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
}
