//! The review tools: the demo page `make serve` opens (the component beside the demo
//! panel and the scenario lab) and the gallery of every screen at `#/review`. They drive
//! the in-browser mock and are built only with the `review` feature, never into the
//! shipped component.
pub mod gallery;
pub mod lab;
pub mod panel;

use crate::backend::mock::{LocalStore, StoreStatus};
use crate::backend::platform::{OsEntropy, ShiftedClock, SystemClock};
use crate::backend::{IdentityBackend, MockBackend};
use crate::ui::text::Key;
use crate::ui::App;
use leptos::prelude::*;
use std::rc::Rc;

/// Where the mock keeps its directory in the browser.
pub const STORE_KEY: &str = "riskgate.mock";

/// The app as `make serve` runs it: the in-browser mock backend, saved in localStorage,
/// with the real clock and randomness, beside the review tools; `#/review` is the gallery.
pub fn start() {
    console_error_panic_hook::set_once();
    let clock = Rc::new(ShiftedClock::new(Rc::new(SystemClock)));
    let mock = Rc::new(MockBackend::open(clock.clone(), Rc::new(OsEntropy), Rc::new(LocalStore(STORE_KEY))));
    if let Some(rp) = crate::ui::passkey::page_relying_party() {
        mock.set_relying_party(rp);
    }
    let locale = crate::ui::browser_locale();
    let notice = match mock.store_status() {
        StoreStatus::Reset(why) => crate::ui::text::tf(locale, Key::StoreReset, &[("why", why)]),
        _ => String::new(),
    };
    let hash = RwSignal::new(location_hash());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(location_hash()));
    std::mem::forget(listener); // for the page's lifetime
    leptos::mount::mount_to_body(move || {
        let mock = StoredValue::new_local(mock);
        let clock = StoredValue::new_local(clock);
        move || match gallery::Address::parse(&hash.get()) {
            Some(address) => view! { <gallery::Gallery address /> }.into_any(),
            None => {
                let mock = mock.get_value();
                let backend: Rc<dyn IdentityBackend> = mock.clone();
                let notice = notice.clone();
                let (lab_mock, clock) = (mock.clone(), clock.get_value());
                view! {
                    <div class="rg-page">
                        <App backend locale notice />
                        <panel::DemoPanel mock />
                        <lab::ScenarioLab mock=lab_mock clock />
                    </div>
                }
                .into_any()
            }
        }
    });
}

fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}
