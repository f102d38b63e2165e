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
use crate::ui::text::{Arg, Key, Locale, Message};
use crate::ui::App;
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

/// Where the mock keeps its directory in the browser.
pub const STORE_KEY: &str = "riskgate.mock";

/// The mock as the review tools hold it.
type Mock = StoredValue<Rc<MockBackend>, LocalStorage>;

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
    // Put into words when shown, so it follows a change of language.
    let notice = match mock.store_status() {
        StoreStatus::Reset(why) => Some(Message::from(Key::StoreReset).with("why", Arg::Data(why.clone()))),
        _ => None,
    };
    let hash = RwSignal::new(location_hash());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(location_hash()));
    std::mem::forget(listener); // for the page's lifetime
    leptos::mount::mount_to_body(move || {
        let mock = StoredValue::new_local(mock);
        let clock = StoredValue::new_local(clock);
        move || {
            match gallery::Address::parse(&hash.get()) {
            Some(address) => view! { <gallery::Gallery address /> }.into_any(),
            None => {
                view! { <LivePage mock=mock.get_value() clock=clock.get_value() locale notice=notice.clone() /> }
                    .into_any()
            }
        }
        }
    });
}

/// The live flow: the component over the mock, beside the demo panel and the lab.
#[component]
fn LivePage(
    mock: Rc<MockBackend>,
    clock: Rc<ShiftedClock>,
    locale: Locale,
    notice: Option<Message>,
) -> impl IntoView {
    let backend: Rc<dyn IdentityBackend> = mock.clone();
    let panel_mock = mock.clone();
    view! {
        <div class="rg-page">
            <App backend locale notice />
            <panel::DemoPanel mock=panel_mock />
            <lab::ScenarioLab mock clock />
        </div>
    }
}

/// Runs `f` every `period` while the calling component is on the page.
fn every(period: Duration, f: impl Fn() + 'static) {
    let handle = set_interval_with_handle(f, period).ok();
    on_cleanup(move || {
        if let Some(h) = handle {
            h.clear();
        }
    });
}

fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}
