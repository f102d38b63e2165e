//! `mount`'s `branding` option: the host page's look until a tenant's own is known. Read
//! by the branding's part (ui/parts/brand.rs) when it arrives, not by `mount`.
use super::{get, string_at};
use crate::backend::api::{BrandText, Branding, Logo};
use wasm_bindgen::JsValue;

/// The component's own accent, for a host that brands only the logo or the texts.
const OWN_ACCENT: &str = "#0b5cad";

/// Reads `{ accent, name, logo: { url, alt }, background, backgroundImage,
/// texts: [{ locale, signInText, usernameHint }] }`, every key optional. A value of
/// the wrong kind, or a branding that cannot be shown (a colour white text does not
/// read on, an unsafe address, a logo without its alternative text), is an error that
/// names the key.
pub fn from_js(value: &JsValue) -> Result<Branding, String> {
    let at = |key: &str| string_at(value, key).map_err(|e| format!("branding.{e}"));
    let mut branding = Branding::accent(&at("accent")?.unwrap_or_else(|| OWN_ACCENT.into()));
    branding.name = at("name")?;
    branding.background = at("background")?;
    branding.background_image = at("backgroundImage")?;
    let logo = get(value, "logo");
    if !logo.is_undefined() && !logo.is_null() {
        let at = |key: &str| string_at(&logo, key).map_err(|e| format!("branding.logo.{e}"));
        branding.logo =
            Some(Logo { url: at("url")?.unwrap_or_default(), alt: at("alt")?.unwrap_or_default() });
    }
    let texts = get(value, "texts");
    if !texts.is_undefined() && !texts.is_null() {
        if !js_sys::Array::is_array(&texts) {
            return Err("branding.texts must be an array".into());
        }
        branding.texts =
            js_sys::Array::from(&texts).iter().map(|t| text_from_js(&t)).collect::<Result<_, _>>()?;
    }
    branding.check().map_err(|problem| problem.to_string())?;
    Ok(branding)
}

fn text_from_js(value: &JsValue) -> Result<BrandText, String> {
    if !value.is_object() {
        return Err("branding.texts must hold objects".into());
    }
    let at = |key: &str| {
        string_at(value, key).map(Option::unwrap_or_default).map_err(|e| format!("branding.texts.{e}"))
    };
    Ok(BrandText {
        locale: at("locale")?,
        sign_in_text: at("signInText")?,
        username_hint: at("usernameHint")?,
    })
}
