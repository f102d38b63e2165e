//! The language: the menu, and the change that may first fetch the locale's texts.
//! Until they are here the page stays in the language it shows; a failed fetch says so
//! and offers a retry, and nothing typed is lost because nothing is re-mounted.
use crate::ui::kit::dom::{button, el};
use crate::ui::kit::Look;
use crate::ui::text::{self, Arg, Fetched, Key, Locale, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where a change of language stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Switch {
    #[default]
    Idle,
    /// Fetching this locale's texts.
    Loading(Locale),
    /// Its texts could not be fetched; the page stays as it is.
    Failed(Locale),
}

impl Switch {
    /// The locale asked for and not shown yet.
    fn wanted(self) -> Option<Locale> {
        match self {
            Switch::Idle => None,
            Switch::Loading(l) | Switch::Failed(l) => Some(l),
        }
    }
}

/// Shows the page in `locale`, fetching its texts first if they are not here.
pub fn choose(ui: Ui, locale: Locale) {
    if text::ready(locale) {
        ui.switch.set(Switch::Idle);
        ui.locale.set(locale);
        return;
    }
    ui.switch.set(Switch::Loading(locale));
    let url = format!("{}{}.json", ui.locales_url(), locale.tag());
    spawn_local(async move {
        let kept = load(&url, locale).await;
        // A later choice, or an unmounted component, wins over this answer.
        if ui.switch.try_get_untracked() != Some(Switch::Loading(locale)) {
            return;
        }
        match kept {
            Ok(()) => choose(ui, locale),
            Err(()) => ui.switch.set(Switch::Failed(locale)),
        }
    });
}

/// locales/ beside the module that loaded the Wasm, where scripts/component.sh puts the
/// locale files.
#[cfg(not(feature = "packed-locales"))]
pub fn default_locales_url() -> String {
    use wasm_bindgen::prelude::wasm_bindgen;
    #[wasm_bindgen]
    extern "C" {
        type ImportMeta;
        // `import.meta` of wasm-bindgen's glue, the module the host page imported.
        #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
        static META: ImportMeta;
        #[wasm_bindgen(method, getter)]
        fn url(this: &ImportMeta) -> String;
    }
    let module = META.with(ImportMeta::url);
    format!("{}locales/", &module[..module.rfind('/').map_or(0, |i| i + 1)])
}

/// Never fetched from: every locale is packed.
#[cfg(feature = "packed-locales")]
pub fn default_locales_url() -> String {
    "locales/".into()
}

/// Fetches and keeps a locale's texts. In the first module, not a part of its own: as a
/// part, with the chunks it shared, it cost a page shown in another language 2.7 KB
/// before its first screen, against 1.1 KB here for every page (bench/size.md).
async fn load(url: &str, locale: Locale) -> Result<(), ()> {
    let file = fetch(url).await?;
    text::install(locale, file).map_err(|_| ())
}

/// A locale's file; any failure (network, status, not our JSON) is one `Err`. Read
/// through `JSON.parse` and by hand: serde's JS deserializer would bring float formatting
/// (about 10 KB) for two fields.
async fn fetch(url: &str) -> Result<Fetched, ()> {
    let window = web_sys::window().ok_or(())?;
    let answer = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| ())?;
    let response: web_sys::Response = answer.dyn_into().map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    let json = JsFuture::from(response.json().map_err(|_| ())?).await.map_err(|_| ())?;
    let field = |name: &str| js_sys::Reflect::get(&json, &name.into()).map_err(|_| ());
    let catalog = field("catalog")?.as_string().ok_or(())?;
    let texts = field("texts")?.dyn_into::<js_sys::Array>().map_err(|_| ())?;
    let texts = texts.iter().map(|t| t.as_string().ok_or(())).collect::<Result<_, _>>()?;
    Ok(Fetched { catalog, texts })
}

/// The language menu, and what a change that is under way or failed has to say.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let ui = use_ui();
    let shown = move || ui.switch.get().wanted().unwrap_or_else(|| ui.locale.get());
    let said = move || switch_message(ui.switch.get()).map(|m| m.text(ui.locale.get())).unwrap_or_default();
    let mut menu = el("select").id("rg-locale").on("change", move |ev| {
        if let Some(l) = Locale::from_tag(&event_target_value(&ev)) {
            choose(ui, l);
        }
    });
    for l in Locale::ALL {
        let option = el("option").attr("value", l.tag()).attr("lang", l.tag()).text(l.name());
        let node = option.element().unchecked_into::<web_sys::HtmlOptionElement>();
        menu = menu.child(option.on_render(move || node.set_selected(shown() == l)));
    }
    let retry = move || {
        let again = move |_| {
            if let Some(l) = ui.switch.get_untracked().wanted() {
                choose(ui, l);
            }
        };
        vec![button(Look::Secondary, "").say(ui, Key::CommonRetry).on("click", again)]
    };
    el("div")
        .class("rg-locale")
        .child(el("label").attr("for", "rg-locale").say(ui, Key::CommonLanguage))
        .child(menu)
        .child(
            el("p")
                .class("rg-locale-status")
                .attr("role", "status")
                .attr("aria-live", "polite")
                .text_live(said),
        )
        .show_when(move || matches!(ui.switch.get(), Switch::Failed(_)), retry)
        .into_view()
}

fn switch_message(switch: Switch) -> Option<Message> {
    let (key, locale) = match switch {
        Switch::Idle => return None,
        Switch::Loading(l) => (Key::LocaleLoading, l),
        Switch::Failed(l) => (Key::LocaleFailed, l),
    };
    Some(Message::from(key).with("language", Arg::Data(locale.name().into())))
}
