//! The seeded tenants' branding: each looks its own, so a reviewer sees whose sign-in
//! page they are on. The pictures are small SVGs carried inline, so the demo needs no
//! files served beside it.
use super::api::passkey::b64url_encode;
use super::api::{BrandText, Branding, Logo};

const CONTOSO_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="150" height="36" viewBox="0 0 150 36"><rect width="36" height="36" rx="8" fill="#0b5cad"/><path d="M25.5 12.5a8.5 8.5 0 1 0 0 11" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round"/><text x="46" y="26" font-family="Segoe UI,Helvetica,Arial,sans-serif" font-size="21" font-weight="600" fill="#0b5cad">Contoso</text></svg>"##;

const WOODGROVE_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="196" height="36" viewBox="0 0 196 36"><circle cx="18" cy="18" r="18" fill="#00704a"/><path d="M18 6l10 14h-6.5v10h-7V20H8z" fill="#fff"/><text x="44" y="25" font-family="Georgia,Times New Roman,serif" font-size="20" fill="#00704a">Woodgrove Bank</text></svg>"##;

const FABRIKAM_LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="160" height="36" viewBox="0 0 160 36"><path d="M18 0l18 18-18 18L0 18z" fill="#6a2c91"/><path d="M18 9l9 9-9 9-9-9z" fill="#e9dcf2"/><text x="44" y="25" font-family="Segoe UI,Helvetica,Arial,sans-serif" font-size="18" font-weight="700" letter-spacing="2" fill="#6a2c91">FABRIKAM</text></svg>"##;

const FABRIKAM_BACKGROUND: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9" preserveAspectRatio="none"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#f4edf8"/><stop offset="1" stop-color="#d8c4e6"/></linearGradient></defs><rect width="16" height="9" fill="url(#g)"/></svg>"##;

/// Contoso: its logo, and a word from the service desk in English and German.
pub fn contoso() -> Branding {
    Branding {
        logo: Some(logo(CONTOSO_LOGO, "Contoso")),
        texts: vec![
            text("", "Contoso staff: sign in with your work account.\nLocked out? Call the service desk on extension 4100.", "Your work address, like name@contoso.example"),
            text("de", "Für Mitarbeitende von Contoso: Melden Sie sich mit Ihrem Arbeitskonto an.\nKein Zugang? Servicedesk, Durchwahl 4100.", "Ihre Arbeitsadresse, etwa name@contoso.example"),
        ],
        ..Branding::accent("#0b5cad")
    }
}

/// Woodgrove Bank: a pale green page and a warning about phishing, also in French.
pub fn woodgrove() -> Branding {
    Branding {
        logo: Some(logo(WOODGROVE_LOGO, "Woodgrove Bank")),
        background: Some("#e3efe8".into()),
        texts: vec![
            text(
                "",
                "Woodgrove Bank will never ask for your password by phone, text or email.",
                "Your Woodgrove ID, like jo@woodgrove.example",
            ),
            text(
                "fr",
                "Woodgrove Bank ne vous demandera jamais votre mot de passe par téléphone, SMS ou e-mail.",
                "Votre identifiant Woodgrove, par exemple jo@woodgrove.example",
            ),
        ],
        ..Branding::accent("#00704a")
    }
}

/// Fabrikam: a picture behind the card, and no username hint.
pub fn fabrikam() -> Branding {
    Branding {
        logo: Some(logo(FABRIKAM_LOGO, "Fabrikam Managed Services")),
        background_image: Some(svg_data(FABRIKAM_BACKGROUND)),
        texts: vec![text("", "For Fabrikam technicians and the customers they look after.", "")],
        ..Branding::accent("#6a2c91")
    }
}

/// Northwind: a colour and no logo, so the card names the organisation in words.
pub fn northwind() -> Branding {
    Branding { name: Some("Northwind IT Partners".into()), ..Branding::accent("#8a4b00") }
}

fn logo(svg: &str, alt: &str) -> Logo {
    Logo { url: svg_data(svg), alt: alt.into() }
}

fn text(locale: &str, sign_in_text: &str, username_hint: &str) -> BrandText {
    BrandText {
        locale: locale.into(),
        sign_in_text: sign_in_text.into(),
        username_hint: username_hint.into(),
    }
}

/// An SVG as a `data:` address (standard base64, padded).
fn svg_data(svg: &str) -> String {
    let mut b64: String = b64url_encode(svg.as_bytes())
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !b64.len().is_multiple_of(4) {
        b64.push('=');
    }
    format!("data:image/svg+xml;base64,{b64}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seeded_branding_can_be_shown_as_it_is_and_each_differs() {
        let all = [contoso(), woodgrove(), fabrikam(), northwind()];
        for (i, b) in all.iter().enumerate() {
            assert_eq!(b.check(), Ok(()), "{i}");
            assert!(all[..i].iter().all(|other| other.accent != b.accent), "{i}");
        }
    }

    #[test]
    fn an_svg_becomes_a_padded_standard_base64_address() {
        // "<svg/>" is PHN2Zy8+ in standard base64: '+' where base64url has '-'.
        assert_eq!(svg_data("<svg/>"), "data:image/svg+xml;base64,PHN2Zy8+");
        assert_eq!(svg_data("<svg />"), "data:image/svg+xml;base64,PHN2ZyAvPg==");
    }
}
