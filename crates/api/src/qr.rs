//! The QR code of an authenticator app's setup link, as inline SVG for the screens.
use qrcode::render::svg;
use qrcode::QrCode;

/// An inline `<svg>` QR code for `data`: black modules on white with the standard 4-module quiet zone.
/// It has a viewBox, so CSS can resize it. Empty if `data` is too long for any QR version (about 2.9 KB).
pub fn qr_svg(data: &str) -> String {
    let Ok(code) = QrCode::new(data.as_bytes()) else {
        return String::new();
    };
    let image = code
        .render::<svg::Color>()
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .build();
    // The crate prepends an XML declaration, which is not allowed inside HTML.
    match image.find("<svg") {
        Some(start) => image[start..].to_string(),
        None => image,
    }
}
