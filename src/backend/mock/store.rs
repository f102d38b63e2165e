//! Where the mock keeps its directory between page loads: a versioned JSON envelope.
use super::Saved;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// Bump when `Saved` changes shape; an older store is then reset, not misread.
pub const STORE_VERSION: u32 = 2;

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

/// The envelope's version alone; the rest of the text is checked for well-formed JSON
/// and skipped, so an older shape is reported by version instead of misread.
#[derive(Deserialize)]
struct Header {
    version: u32,
}

/// The saved directory in its envelope. `Saved` goes straight to and from the text:
/// going through `serde_json::Value` put Value's own parser, printer and (de)serialisers
/// into the Wasm as well as the text ones.
#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    version: u32,
    data: T,
}

pub(super) fn load(store: &dyn Store) -> Result<Option<Saved>, String> {
    let Some(text) = store.load() else { return Ok(None) };
    let header: Header = serde_json::from_str(&text).map_err(|e| format!("unreadable ({e})"))?;
    if header.version != STORE_VERSION {
        return Err(format!("saved by version {}, this is version {STORE_VERSION}", header.version));
    }
    let envelope: Envelope<Saved> = serde_json::from_str(&text).map_err(|e| format!("damaged ({e})"))?;
    Ok(Some(envelope.data))
}

pub(super) fn save(store: &dyn Store, saved: &Saved) {
    if let Ok(text) = serde_json::to_string(&Envelope { version: STORE_VERSION, data: saved }) {
        store.save(&text);
    }
}
