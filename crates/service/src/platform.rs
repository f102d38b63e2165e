//! Time and randomness, injected so the backend runs the same in tests and in the browser.

pub trait Clock {
    fn now_ms(&self) -> u64;
}

pub trait Entropy {
    fn fill(&self, buf: &mut [u8]);
}

/// The real clock: `Date.now()` in the browser (std's clock panics on wasm32).
pub struct SystemClock;

impl Clock for SystemClock {
    #[cfg(target_arch = "wasm32")]
    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    fn now_ms(&self) -> u64 {
        use std::time::{SystemTime, UNIX_EPOCH};
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
    }
}

/// The operating system's or the browser's (`crypto.getRandomValues`) generator.
pub struct OsEntropy;

impl Entropy for OsEntropy {
    fn fill(&self, buf: &mut [u8]) {
        // Without randomness no secret can be made safely: stop rather than go on.
        getrandom::fill(buf).expect("no source of randomness");
    }
}

/// Another clock moved by an offset: the scenario lab's "this sign-in happens later".
pub struct ShiftedClock {
    base: std::rc::Rc<dyn Clock>,
    offset_ms: std::cell::Cell<i64>,
}

impl ShiftedClock {
    pub fn new(base: std::rc::Rc<dyn Clock>) -> Self {
        ShiftedClock { base, offset_ms: std::cell::Cell::new(0) }
    }
    pub fn set_offset_ms(&self, offset: i64) {
        self.offset_ms.set(offset);
    }
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.get()
    }
}

impl Clock for ShiftedClock {
    fn now_ms(&self) -> u64 {
        self.base.now_ms().saturating_add_signed(self.offset_ms.get())
    }
}

/// A clock that tests move by hand.
#[derive(Default)]
pub struct FixedClock(pub std::cell::Cell<u64>);

impl FixedClock {
    pub fn at(ms: u64) -> Self {
        FixedClock(std::cell::Cell::new(ms))
    }
    pub fn advance(&self, ms: u64) {
        self.0.set(self.0.get() + ms);
    }
}

impl Clock for FixedClock {
    fn now_ms(&self) -> u64 {
        self.0.get()
    }
}

/// Deterministic bytes for tests (a counter fed through a simple mixer).
#[derive(Default)]
pub struct SeededEntropy(pub std::cell::Cell<u64>);

impl Entropy for SeededEntropy {
    fn fill(&self, buf: &mut [u8]) {
        for b in buf.iter_mut() {
            let mut x = self.0.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
            self.0.set(x);
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            *b = (x ^ (x >> 31)) as u8;
        }
    }
}

/// Waits `ms` in the browser; natively there is no event loop to wait on, so it returns at once.
pub async fn sleep(ms: u32) {
    #[cfg(target_arch = "wasm32")]
    gloo_timers::future::TimeoutFuture::new(ms).await;
    #[cfg(not(target_arch = "wasm32"))]
    let _ = ms;
}
