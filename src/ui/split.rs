//! The screens past the first, each in a Wasm part of its own where the build is split
//! (feature `split`: the shipped sign-in component). A login page then fetches the
//! username and password screens with the module, and a step's part only when its flow
//! reaches it. Unsplit builds (the demo app, the console, the tests) call the same
//! functions, which are then ready at once.
use super::kit::{Button, Look};
use super::screens::{blocked, change_password, ended, interrupt, mfa, notice, register, reset, signed_in};
use super::text::Key;
use super::use_ui;
use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
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

/// `$name()` gives the view `$body` once its part `$part` is here; `$preload()` fetches
/// the part ahead of need.
macro_rules! part {
    ($name:ident, $preload:ident, $part:ident => $body:expr) => {
        #[cfg(feature = "split")]
        #[wasm_split($part, wasm_split_path = ::leptos::wasm_split, preload($preload), fallible)]
        pub fn $name() -> Result<AnyView, PartMissing> {
            Ok($body.into_any())
        }

        #[cfg(not(feature = "split"))]
        pub async fn $name() -> Result<AnyView, PartMissing> {
            Ok($body.into_any())
        }

        #[cfg(not(feature = "split"))]
        #[allow(dead_code)]
        pub async fn $preload() -> Result<(), SplitLoaderError> {
            Ok(())
        }
    };
}

part!(notice_view, preload_notice, notice => view! { <notice::Notice /> });
part!(mfa_view, preload_mfa, mfa => view! { <mfa::Mfa /> });
part!(interrupt_view, preload_interrupt, interrupt => view! { <interrupt::Interrupt /> });
part!(register_view, preload_register, register => view! { <register::Register /> });
part!(new_password_view, preload_new_password, new_password => view! { <change_password::ChangePassword /> });
part!(blocked_view, preload_blocked, blocked => view! { <blocked::Blocked /> });
part!(signed_in_view, preload_signed_in, signed_in => view! { <signed_in::SignedIn /> });
part!(ended_view, preload_ended, ended => view! { <ended::Ended /> });
part!(reset_view, preload_reset, reset => view! { <reset::ForgotPassword /> });

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

/// A step whose code could not be fetched: what happened and a retry. What was typed on
/// the step before was already sent.
#[component]
fn PartFailed(retry: Callback<()>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <section class="rg-form">
            <p class="rg-error" role="alert">
                {ui.text(Key::PartFailed)}
            </p>
            <div class="rg-actions">
                <Button look=Look::Primary on_click=move |_| retry.run(()) label=Key::CommonRetry />
            </div>
        </section>
    }
}
