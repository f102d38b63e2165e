//! A temporary password just issued, shown once: until the next action, "Hide", or
//! leaving the view. The backend keeps only its hash.
use crate::ui::kit::{Button, Live};
use crate::ui::parts::load::focus;
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

/// The password, and for whom (by display name).
#[derive(Clone)]
struct Issued {
    name: String,
    password: String,
}

#[derive(Clone, Copy)]
pub(super) struct Temporary {
    issued: RwSignal<Option<Issued>>,
    copied: RwSignal<bool>,
    node: NodeRef<leptos::html::Div>,
}

impl Temporary {
    pub fn new() -> Self {
        Temporary { issued: RwSignal::new(None), copied: RwSignal::new(false), node: NodeRef::new() }
    }

    /// Shows `password`, issued for `name`, and moves focus to it.
    pub fn show(self, name: String, password: String) {
        self.issued.try_set(Some(Issued { name, password }));
        focus(self.node);
    }

    pub fn hide(self) {
        self.issued.set(None);
        self.copied.set(false);
    }

    fn copy(self) {
        let Some(Issued { password, .. }) = self.issued.get_untracked() else { return };
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&password);
            self.copied.set(true);
        }
    }
}

#[component]
pub(super) fn TemporaryPassword(temporary: Temporary) -> impl IntoView {
    let ui = use_ui();
    let copied = temporary.copied;
    let copy_label = move || ui.t(if copied.get() { Key::CommonCopied } else { Key::AdminTempCopy });
    view! {
        <div class="rg-temporary" tabindex="-1" node_ref=temporary.node>
            <Live render=move || {
                temporary
                    .issued
                    .get()
                    .map(|Issued { name, password }| {
                        view! {
                            <div class="rg-warning" role="status">
                                <h2>{ui.tf(Key::AdminTempHeading, &[("name", &name)])}</h2>
                                <p>
                                    <code class="rg-temp-password" translate="no" dir="ltr">
                                        {password}
                                    </code>
                                </p>
                                <p>{ui.tf(Key::AdminTempNote, &[("name", &name)])}</p>
                                <div class="rg-actions">
                                    <Button on_click=move |_| temporary.copy()>{copy_label}</Button>
                                    <Button on_click=move |_| temporary.hide() label=Key::AdminTempHide />
                                </div>
                            </div>
                        }
                    })
            } />
        </div>
    }
}
