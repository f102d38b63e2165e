//! The embedding API a host page calls from JavaScript:
//!
//! ```js
//! import init, { mount } from "./riskgate.js";
//! await init();
//! const handle = mount(document.querySelector("#login"), { locale: "de", theme: "dark" });
//! handle.unmount(); // or, with no handle kept: unmount(document.querySelector("#login"))
//! ```
//!
//! A mounted component stays until unmounted: the handle is only a way to it.
//!
//! The component lives in an open shadow root on the host element, with its stylesheet
//! adopted there: the page's CSS cannot reach in and the component's cannot leak out.
//! It reports to the page with `CustomEvent`s dispatched on the host element.
pub mod branding;
pub mod events;

#[cfg(not(feature = "split"))]
use crate::backend::http::HttpBackend;
use crate::backend::IdentityBackend;
use crate::ui::text::Locale;
use crate::ui::{App, Theme};
use events::{HostEvent, Listener};
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, CustomEvent, CustomEventInit, HtmlElement, ShadowRoot};

/// The component's whole stylesheet, adopted by each shadow root: style/riskgate.css
/// minified by build.rs.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/riskgate.css"));

/// The TypeScript types of the options and of the host events' details, added to the
/// declarations wasm-bindgen writes (riskgate.d.ts); tests/typescript.rs keeps the
/// names in them the code's.
#[cfg(feature = "embed")]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Marks the element inside a shadow root that holds a mounted component.
const ROOT_CLASS: &str = "riskgate-host-root";

/// Which identity backend the component talks to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum BackendChoice {
    /// The in-browser mock with the seeded directory, kept in memory for this instance.
    #[default]
    Mock,
    /// A service speaking the JSON API of docs/backend-api.md at this base URL.
    Http(String),
}

/// What `mount` takes, read from a plain JavaScript object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub backend: BackendChoice,
    pub locale: Option<Locale>,
    /// Where the locale files are, ending in '/'; by default locales/ beside the module.
    pub locales: Option<String>,
    pub theme: Theme,
    /// Read and checked by the branding's part when it arrives (`embed::branding`).
    pub branding: Option<JsValue>,
    pub username: String,
    pub tenant: Option<String>,
}

impl Options {
    /// Reads `{ backend, locale, locales, theme, branding, username, tenant }`; every
    /// key is optional. A value of the wrong kind is an error naming the key.
    pub fn from_js(options: &JsValue) -> Result<Options, String> {
        if options.is_undefined() || options.is_null() {
            return Ok(Options::default());
        }
        if !options.is_object() {
            return Err("options must be an object".into());
        }
        let mut out = Options::default();
        if let Some(url) = string_at(options, "backend")? {
            out.backend = backend_choice(&url)?;
        }
        if let Some(tag) = string_at(options, "locale")? {
            out.locale = Some(Locale::from_tag(&tag).ok_or_else(|| unknown_locale(&tag))?);
        }
        if let Some(url) = string_at(options, "locales")? {
            out.locales = Some(if url.ends_with('/') { url } else { url + "/" });
        }
        if let Some(name) = string_at(options, "theme")? {
            out.theme =
                Theme::from_name(&name).ok_or(format!("theme \"{name}\" is not light, dark or system"))?;
        }
        let branding = get(options, "branding");
        if !branding.is_undefined() && !branding.is_null() {
            if !branding.is_object() {
                return Err("branding must be an object".into());
            }
            out.branding = Some(branding);
        }
        out.username = string_at(options, "username")?.unwrap_or_default();
        out.tenant = string_at(options, "tenant")?;
        Ok(out)
    }
}

fn unknown_locale(tag: &str) -> String {
    let known: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
    format!("locale \"{tag}\" is not one of {}", known.join(", "))
}

fn backend_choice(value: &str) -> Result<BackendChoice, String> {
    let value = value.trim();
    if value == "mock" {
        return Ok(BackendChoice::Mock);
    }
    let looks_like_url =
        value.starts_with("https://") || value.starts_with("http://") || value.starts_with('/');
    if !looks_like_url {
        return Err(format!("backend \"{value}\" is neither \"mock\" nor an http(s) URL or a path"));
    }
    // Passwords and sessions must not cross a network in clear: plain http only on this machine.
    if value.starts_with("http://") && !is_loopback_url(value) {
        return Err(format!("backend \"{value}\" must use https (plain http only for localhost)"));
    }
    Ok(BackendChoice::Http(value.trim_end_matches('/').to_string()))
}

/// `http://localhost…`, `http://127.…` or `http://[::1]…`.
fn is_loopback_url(url: &str) -> bool {
    let rest = url.trim_start_matches("http://");
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..host_end];
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    let loopback_ip = host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    host.eq_ignore_ascii_case("localhost") || loopback_ip
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn string_at(object: &JsValue, key: &str) -> Result<Option<String>, String> {
    let value = get(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or(format!("{key} must be a string"))
}

fn make_backend(choice: &BackendChoice) -> Result<Rc<dyn IdentityBackend>, String> {
    match choice {
        BackendChoice::Mock => mock_backend(),
        #[cfg(feature = "split")]
        BackendChoice::Http(url) => Ok(Rc::new(crate::backend::lazy_http::LazyHttp::new(url.clone()))),
        #[cfg(not(feature = "split"))]
        BackendChoice::Http(url) => Ok(Rc::new(HttpBackend::new(url.clone()))),
    }
}

/// A fresh seeded mock, kept in memory for this instance.
#[cfg(feature = "mock")]
fn mock_backend() -> Result<Rc<dyn IdentityBackend>, String> {
    use crate::backend::platform::{OsEntropy, SystemClock};
    let mock = crate::backend::MockBackend::seeded(Rc::new(SystemClock), Rc::new(OsEntropy));
    // Passkeys are bound to the host page's origin.
    if let Some(rp) = crate::ui::passkey::page_relying_party() {
        mock.set_relying_party(rp);
    }
    Ok(Rc::new(mock))
}

/// The shipped component carries no mock (it is a demo): the host must name its backend.
#[cfg(not(feature = "mock"))]
fn mock_backend() -> Result<Rc<dyn IdentityBackend>, String> {
    Err("this build has no mock backend: set backend to your service's URL".into())
}

/// A way to a mounted component. The component itself is kept by the page's registry of
/// instances, not by the handle: dropping the handle (or JavaScript collecting it)
/// changes nothing. `unmount()`, here or on the element, removes it.
/// Exported to JavaScript only in the embed build (feature `embed`), so the app that
/// `make serve` runs does not carry the HTTP adapter it never uses.
#[cfg_attr(feature = "embed", wasm_bindgen)]
pub struct Handle {
    id: u64,
}

struct Mounted {
    app: Box<dyn Any>,
    container: HtmlElement,
    shadow: ShadowRoot,
    alive: Rc<Cell<bool>>,
}

/// One mounted component and the element it was mounted in.
struct Instance {
    id: u64,
    host: HtmlElement,
    mounted: Mounted,
}

thread_local! {
    /// Every component mounted on this page, until unmounted.
    static INSTANCES: std::cell::RefCell<Vec<Instance>> = const { std::cell::RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

fn find<T>(test: impl Fn(&Instance) -> bool, read: impl FnOnce(&Instance) -> T) -> Option<T> {
    INSTANCES.with(|all| all.borrow().iter().find(|i| test(i)).map(read))
}

/// Takes the instance out of the registry first, then tears it down, so nothing the
/// teardown runs can find the registry borrowed.
fn remove(test: impl Fn(&Instance) -> bool) -> bool {
    let taken = INSTANCES.with(|all| {
        let mut all = all.borrow_mut();
        all.iter().position(test).map(|at| all.remove(at))
    });
    match taken {
        Some(instance) => {
            tear_down(instance.mounted);
            true
        }
        None => false,
    }
}

fn tear_down(m: Mounted) {
    m.alive.set(false);
    drop(m.app);
    m.container.remove();
    let _ = js_sys::Reflect::set(&m.shadow, &"adoptedStyleSheets".into(), &js_sys::Array::new());
}

impl Handle {
    /// The element inside the shadow root that holds the component, while mounted.
    pub fn container(&self) -> Option<HtmlElement> {
        find(|i| i.id == self.id, |i| i.mounted.container.clone())
    }
}

#[cfg_attr(feature = "embed", wasm_bindgen)]
impl Handle {
    /// Removes the component from the page; calling it again does nothing.
    pub fn unmount(&mut self) {
        let id = self.id;
        remove(|i| i.id == id);
    }

    /// Whether the component is still on the page.
    #[cfg_attr(feature = "embed", wasm_bindgen(getter))]
    pub fn mounted(&self) -> bool {
        find(|i| i.id == self.id, |_| ()).is_some()
    }
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle").field("id", &self.id).field("mounted", &self.mounted()).finish()
    }
}

/// Removes the component mounted in `element`, for a host that kept no handle. Returns
/// whether there was one.
#[cfg_attr(feature = "embed", wasm_bindgen)]
pub fn unmount(element: &HtmlElement) -> bool {
    remove(|i| &i.host == element)
}

/// A handle to the component mounted in `element`, if there is one.
#[cfg_attr(feature = "embed", wasm_bindgen)]
pub fn instance(element: &HtmlElement) -> Option<Handle> {
    find(|i| &i.host == element, |i| Handle { id: i.id })
}

/// Mounts the sign-in component into `element`. Throws, naming the problem, if an option
/// is wrong or a component is already mounted there.
#[cfg(feature = "embed")]
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(
    element: &HtmlElement,
    #[wasm_bindgen(unchecked_param_type = "MountOptions")] options: JsValue,
) -> Result<Handle, JsError> {
    mount(element, options)
}

/// `mount` as JavaScript calls it, `options` a JavaScript object.
pub fn mount(element: &HtmlElement, options: JsValue) -> Result<Handle, JsError> {
    let options = Options::from_js(&options).map_err(|e| JsError::new(&format!("riskgate: {e}")))?;
    mount_with(element, options).map_err(|e| JsError::new(&format!("riskgate: {e}")))
}

/// `mount` for Rust callers, with the options already read.
pub fn mount_with(element: &HtmlElement, options: Options) -> Result<Handle, String> {
    let backend = make_backend(&options.backend)?;
    mount_over(element, options, backend)
}

/// `mount_with` over a backend the caller made (tests keep the mock to read its phone).
pub fn mount_over(
    element: &HtmlElement,
    options: Options,
    backend: Rc<dyn IdentityBackend>,
) -> Result<Handle, String> {
    console_error_panic_hook::set_once();
    let shadow = shadow_root(element)?;
    let taken = find(|i| &i.host == element, |_| ()).is_some();
    if taken || shadow.query_selector(&format!(".{ROOT_CLASS}")).ok().flatten().is_some() {
        return Err("a component is already mounted in this element; unmount it first".into());
    }
    adopt_stylesheet(&shadow)?;
    let document = element.owner_document().ok_or("the element is not in a document")?;
    let container: HtmlElement =
        document.create_element("div").map_err(|_| "cannot create an element")?.unchecked_into();
    container.set_class_name(ROOT_CLASS);
    shadow.append_child(&container).map_err(|_| "cannot add to the shadow root")?;
    let alive = Rc::new(Cell::new(true));
    let listener = dispatcher(element.clone(), alive.clone());
    let Options { locale, locales, theme, branding, username, tenant, .. } = options;
    let props = crate::ui::AppProps {
        backend,
        locale,
        locales,
        notice: None,
        theme,
        branding: branding.map(crate::ui::parts::brand::HostBranding::FromPage),
        username,
        tenant,
        listener: Some(listener),
        preset: None,
    };
    let app = leptos::mount::mount_to(container.clone(), move || App(props));
    let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
    let mounted = Mounted { app: Box::new(app), container, shadow, alive };
    INSTANCES.with(|all| all.borrow_mut().push(Instance { id, host: element.clone(), mounted }));
    Ok(Handle { id })
}

fn shadow_root(element: &HtmlElement) -> Result<ShadowRoot, String> {
    if let Some(shadow) = element.shadow_root() {
        return Ok(shadow);
    }
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    element.attach_shadow(&init).map_err(|_| "this element cannot hold a shadow root (use a div)".into())
}

thread_local! {
    static SHEET: std::cell::OnceCell<CssStyleSheet> = const { std::cell::OnceCell::new() };
}

/// One constructed stylesheet shared by every instance: no `<style>` element, so a
/// strict Content-Security-Policy on the host page has nothing to refuse.
fn adopt_stylesheet(shadow: &ShadowRoot) -> Result<(), String> {
    let sheet = SHEET.with(|cell| {
        if let Some(sheet) = cell.get() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new().map_err(|_| "this browser cannot construct stylesheets")?;
        sheet.replace_sync(STYLESHEET).map_err(|_| "the stylesheet did not parse")?;
        let _ = cell.set(sheet.clone());
        Ok::<_, String>(sheet)
    })?;
    js_sys::Reflect::set(shadow, &"adoptedStyleSheets".into(), &js_sys::Array::of1(&sheet))
        .map(|_| ())
        .map_err(|_| "this browser cannot adopt stylesheets".into())
}

/// Dispatches each event on `target` a moment later, so a page that unmounts from its
/// listener does not pull the component away in the middle of an update.
fn dispatcher(target: HtmlElement, alive: Rc<Cell<bool>>) -> Listener {
    Rc::new(move |event: HostEvent| {
        let (target, alive) = (target.clone(), alive.clone());
        leptos::task::spawn_local(async move {
            if alive.get() {
                dispatch(&target, &event);
            }
        });
    })
}

fn dispatch(target: &HtmlElement, event: &HostEvent) {
    let detail = event.detail();
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(e) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
        let _ = target.dispatch_event(&e);
    }
}
