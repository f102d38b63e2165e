//! The screens past the first, in Wasm parts where the build is split (feature `split`:
//! the shipped sign-in component). A login page then fetches the username screen with
//! the module, and a step's part only when its flow reaches it. Unsplit builds (the demo
//! app, the console, the tests) call the same functions, which are then ready at once.
use super::kit::dom::{button, el};
use super::kit::Look;
use super::parts::brand;
use super::screens::{
    blocked, change_password, ended, interrupt, mfa, notice, register, reset, sign_in, signed_in,
};
use super::text::Key;
use super::use_ui;
use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use leptos::task::spawn_local;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

/// A part that could not be fetched; the next call fetches it again.
pub struct PartMissing;

impl From<SplitLoaderError> for PartMissing {
    fn from(_: SplitLoaderError) -> Self {
        PartMissing
    }
}

/// `$name()` gives the view `$body` once its part `$part` is here; `$preload()`, where
/// named, fetches the part ahead of need (see `preload_password_once`).
macro_rules! part {
    ($name:ident, $part:ident => $body:expr $(, preload $preload:ident)?) => {
        #[cfg(feature = "split")]
        #[wasm_split($part, wasm_split_path = ::leptos::wasm_split, $(preload($preload),)? fallible)]
        pub fn $name() -> Result<AnyView, PartMissing> {
            Ok($body.into_any())
        }

        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Result<AnyView, PartMissing> {
            Ok($body.into_any())
        }

        $(
            #[cfg(not(feature = "split"))]
            pub async fn $preload() -> Result<(), SplitLoaderError> {
                Ok(())
            }
        )?
    };
}

// Four parts of screens, not one per screen (the fifth, locale, is language.rs's): a part
// brings the chunks of code it shares with others, and with a part per screen a flow
// fetched about twenty files and a transition waited on several (to the reset: 97 to 108 ms median, against 41 to 61 ms grouped; bench/parts.md).
// signin: what every sign-in needs after the username (the password and passkey sign-in,
// how a flow ends, and the HTTP adapter, src/backend/lazy_http.rs), fetched while the
// username is typed; challenge: a risky sign-in's steps; registration; reset.
part!(password_view, signin => view! { <sign_in::Password /> }, preload preload_password);
part!(notice_view, challenge => view! { <notice::Notice /> });
part!(mfa_view, challenge => view! { <mfa::Mfa /> });
part!(interrupt_view, registration => view! { <interrupt::Interrupt /> });
part!(register_view, registration => view! { <register::Register /> });
part!(new_password_view, challenge => view! { <change_password::ChangePassword /> });
part!(blocked_view, challenge => view! { <blocked::Blocked /> });
part!(username_summary_view, signin => view! { <sign_in::UsernameSummary /> });
part!(signed_in_view, signin => view! { <signed_in::SignedIn /> });
part!(ended_view, signin => view! { <ended::Ended /> });
part!(reset_view, reset => view! { <reset::ForgotPassword /> });
// brand: the tenant's or host page's branding, fetched only when there is one.
part!(brand_top_view, brand => view! { <brand::BrandTop /> });
part!(brand_words_view, brand => view! { <brand::BrandWords /> });
part!(brand_hint_view, brand => view! { <brand::UsernameHint /> });

thread_local! {
    static PASSWORD_ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Fetches the password screen's part ahead, once: called as the username is typed. The
/// part holds the HTTP adapter too, so the first call does not wait for it either.
pub fn preload_password_once() {
    if !PASSWORD_ASKED.replace(true) {
        spawn_local(async {
            if preload_password().await.is_err() {
                // Asked again on the next keystroke; the screen itself retries when shown.
                PASSWORD_ASKED.set(false);
            }
        });
    }
}

/// Shows `part` once it is here: at once in an unsplit build, or after its fetch. A
/// fetch that fails says so, with a retry that calls `retry`.
pub fn show(
    part: impl Future<Output = Result<AnyView, PartMissing>> + 'static,
    retry: Callback<()>,
) -> AnyView {
    let part = SendWrapper::new(part);
    Suspend::new(async move {
        match part.await {
            Ok(view) => view,
            Err(PartMissing) => view! { <PartFailed retry /> }.into_any(),
        }
    })
    .into_any()
}

/// A piece that may be missing, once its part is here: nothing while it comes, or if it
/// cannot be fetched (the next showing asks again). The branding (the component's own
/// look stays) and the username screen's error summary (the message by the field stays).
pub fn if_fetched(part: impl Future<Output = Result<AnyView, PartMissing>> + 'static) -> AnyView {
    let part = SendWrapper::new(part);
    Suspend::new(async move { part.await.unwrap_or_else(|PartMissing| ().into_any()) }).into_any()
}

/// A step whose code could not be fetched: what happened and a retry. What was typed on
/// the step before was already sent.
#[component]
fn PartFailed(retry: Callback<()>) -> impl IntoView {
    let ui = use_ui();
    let again = button(Look::Primary, "").say(ui, Key::CommonRetry).on("click", move |_| retry.run(()));
    el("section")
        .class("rg-form")
        .child(el("p").class("rg-error").attr("role", "alert").say(ui, Key::PartFailed))
        .child(el("div").class("rg-actions").child(again))
        .into_view()
}
