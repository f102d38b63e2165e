//! Where the mock keeps its directory between page loads: a versioned envelope.
use crate::hash::{hex_decode, hex_encode};
use crate::store::MemoryRows as Saved;
use std::cell::RefCell;

/// Bump when `MemoryRows` changes shape; an older store is then reset, not misread.
/// 3: postcard in a hex string (2 was JSON). 4: passkeys on accounts and the
/// phishing-resistant knob on policies (postcard has no field defaults to fall back on).
/// 5: separate place locks, one second-factor count, revoked passkeys, pass expiry.
/// 6: every table of `MemoryRows` (flows, resets, sessions, challenges, the decoy key too).
/// 7: a tenant's branding has a logo, a name, a background and texts; an account keeps
/// what administrators did to it.
pub const STORE_VERSION: u32 = 7;

pub trait Store {
    fn load(&self) -> Option<String>;
    fn save(&self, text: &str);
}

/// Keeps the text in memory: for tests, and when the browser refuses storage.
#[derive(Default)]
pub struct MemoryStore(pub RefCell<Option<String>>);

impl Store for MemoryStore {
    fn load(&self) -> Option<String> {
        self.0.borrow().clone()
    }
    fn save(&self, text: &str) {
        *self.0.borrow_mut() = Some(text.to_string());
    }
}

/// The browser's localStorage under one key. Failing storage (private mode, quota)
/// loses persistence, never the sign-in.
#[cfg(target_arch = "wasm32")]
pub struct LocalStore(pub &'static str);

#[cfg(target_arch = "wasm32")]
impl LocalStore {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }
}

#[cfg(target_arch = "wasm32")]
impl Store for LocalStore {
    fn load(&self) -> Option<String> {
        Self::storage()?.get_item(self.0).ok()?
    }
    fn save(&self, text: &str) {
        if let Some(s) = Self::storage() {
            let _ = s.set_item(self.0, text);
        }
    }
}

/// How the directory was found when the backend opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreStatus {
    /// Nothing saved yet: the seed.
    Fresh,
    Loaded,
    /// The saved directory could not be used (why) and was replaced by the seed.
    Reset(String),
}

/// The envelope around the saved directory: `{"version":4,"data":"<hex>"}`, the data
/// being `MemoryRows` in postcard's compact binary form. A binary form keeps a JSON library and
/// the field-by-name (de)serialisers out of the Wasm; the envelope is read by hand, its
/// version first, so an older store is reported by version instead of misread.
const HEAD: &str = r#"{"version":"#;
const DATA: &str = r#","data":""#;
const TAIL: &str = r#""}"#;

pub(super) fn load(store: &dyn Store) -> Result<Option<Saved>, String> {
    let Some(text) = store.load() else { return Ok(None) };
    let unreadable = || "unreadable (not a saved directory)".to_string();
    let rest = text.trim().strip_prefix(HEAD).ok_or_else(unreadable)?;
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let version: u32 = rest[..digits].parse().map_err(|_| unreadable())?;
    if version != STORE_VERSION {
        return Err(format!("saved by version {version}, this is version {STORE_VERSION}"));
    }
    let data = rest[digits..].strip_prefix(DATA).and_then(|r| r.strip_suffix(TAIL)).ok_or_else(unreadable)?;
    let bytes = hex_decode(data).ok_or_else(|| "damaged (not hexadecimal)".to_string())?;
    match postcard::take_from_bytes::<Saved>(&bytes) {
        Ok((saved, [])) => Ok(Some(saved)),
        Ok(_) => Err("damaged (trailing bytes)".to_string()),
        Err(e) => Err(format!("damaged ({e})")),
    }
}

pub(super) fn save(store: &dyn Store, saved: &Saved) {
    if let Ok(bytes) = postcard::to_allocvec(saved) {
        store.save(&format!("{HEAD}{STORE_VERSION}{DATA}{}{TAIL}", hex_encode(&bytes)));
    }
}
