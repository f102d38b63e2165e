//! The shape the account and admin views share: a view the backend sends whole, loaded
//! when the screen mounts; a failed load shown with `LoadFailed` and a retry; and actions
//! whose answer is the whole view as it now stands, said on a status line that takes focus.
use crate::backend::BackendError;
use crate::ui::errors::error_text;
use crate::ui::kit::{after_render, Button, FormMessage, Look, When};
use crate::ui::screens::step_up::asks_step_up;
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// What a backend call answers to, boxed: one type for every view's load.
pub type Done<T> = Box<dyn FnOnce(Result<T, BackendError>)>;

/// A view the backend sends whole: once the screen is up, and again after every action.
pub struct Loaded<T: Send + Sync + 'static> {
    /// `None` until the backend first answers.
    pub view: RwSignal<Option<T>>,
    /// Why the load failed, for `LoadFailed`.
    pub error: RwSignal<Option<Message>>,
    /// Loads the view again, for `LoadFailed`.
    pub retry: Callback<()>,
    /// What the last action did.
    pub status: Status,
    /// The backend wants the person to prove themselves again before it answers.
    pub needs_step_up: RwSignal<bool>,
}

// By hand: derived, they would ask `T: Copy` too.
impl<T: Send + Sync + 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loaded<T> {}

/// Loads a view with `fetch` (one of `Ui`'s calls) after the screen has mounted, so its
/// heading is in place, and focused, while it loads.
pub fn use_load<T: Send + Sync + 'static>(fetch: fn(Ui, Done<T>) -> bool) -> Loaded<T> {
    let ui = use_ui();
    let view = RwSignal::new(None::<T>);
    let error = RwSignal::new(None::<Message>);
    let needs_step_up = RwSignal::new(false);
    let load = move || {
        error.set(None);
        fetch(
            ui,
            Box::new(move |r| match r {
                Ok(v) => {
                    view.try_set(Some(v));
                }
                Err(e) => failed(&e, needs_step_up, error),
            }),
        );
    };
    after_render(load);
    Loaded { view, error, retry: Callback::new(move |_| load()), status: Status::new(), needs_step_up }
}

impl<T: Send + Sync + 'static> Loaded<T> {
    /// Before an action: its last error and the status line go.
    pub fn begin(self, error: RwSignal<Option<Message>>) {
        error.set(None);
        self.status.clear();
    }

    /// An action's answer: the whole view as it now stands, and what the action did.
    pub fn show(self, view: T, said: Message) {
        self.view.try_set(Some(view));
        self.status.say(said);
    }

    /// An action that failed: the step-up panel if the backend asks for one, else its
    /// words in `error`.
    pub fn failed(self, e: &BackendError, error: RwSignal<Option<Message>>) {
        failed(e, self.needs_step_up, error)
    }
}

fn failed(e: &BackendError, needs_step_up: RwSignal<bool>, error: RwSignal<Option<Message>>) {
    if !asks_step_up(e, needs_step_up) {
        error.try_set(Some(error_text(e).1.into()));
    }
}

/// The line that says what the last action did. It takes focus when it speaks, since
/// the control that was used may have gone with the view the answer replaced.
#[derive(Clone, Copy)]
pub struct Status {
    said: RwSignal<Option<Message>>,
    node: NodeRef<leptos::html::P>,
}

impl Status {
    fn new() -> Self {
        Status { said: RwSignal::new(None), node: NodeRef::new() }
    }

    pub fn clear(self) {
        self.said.set(None);
    }

    pub fn say(self, said: Message) {
        self.said.try_set(Some(said));
        focus(self.node);
    }
}

#[component]
pub fn StatusLine(status: Status) -> impl IntoView {
    let ui = use_ui();
    view! {
        <p class="rg-status" role="status" tabindex="-1" node_ref=status.node>
            {ui.message(status.said)}
        </p>
    }
}

/// Moves focus to a status line, so keyboard and screen-reader users hear what an
/// action did after the control they used has gone from the page.
pub fn focus<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    use wasm_bindgen::JsCast;
    // After the page has been redrawn, and only if the screen is still there.
    request_animation_frame(move || {
        if let Some(el) = node.try_get_untracked().flatten() {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// A load that failed: what went wrong, and a button to try again.
#[component]
pub fn LoadFailed(error: RwSignal<Option<Message>>, retry: Callback<()>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <FormMessage message=error />
        <When when=move || error.with(Option::is_some)>
            <div class="rg-actions">
                <Button
                    look=Look::Primary
                    disabled=ui.pending
                    on_click=move |_| retry.run(())
                    label=Key::CommonRetry
                />
            </div>
        </When>
    }
}
