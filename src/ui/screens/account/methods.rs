//! The person's methods, each with a button that removes it.
use crate::backend::AccountView;
use crate::engine::MethodKind;
use crate::ui::kit::{Button, FormMessage, Live};
use crate::ui::parts::code_challenge::method_key;
use crate::ui::parts::load::Loaded;
use crate::ui::text::{Arg, Key, Message};
use crate::ui::{use_ui, Ui};
use leptos::prelude::*;

/// The methods of `account`; a removal goes to the backend, and the account it sends
/// back replaces `health`'s.
#[component]
pub(super) fn Methods(
    account: AccountView,
    health: Loaded<AccountView>,
    error: RwSignal<Option<Message>>,
) -> impl IntoView {
    let ui = use_ui();
    let empty = account.methods.is_empty();
    let rows =
        move || account.methods.iter().map(|m| method_row(ui, health, error, *m, &account)).collect_view();
    view! {
        <h2>{ui.text(Key::AccountMethods)}</h2>
        <Live render=move || {
            if empty {
                view! { <p>{ui.t(Key::AccountMethodsNone)}</p> }.into_any()
            } else {
                let rows = rows.clone();
                view! {
                    <table class="rg-methods-table rg-data">
                        <caption>{ui.t(Key::AccountMethodsCaption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ui.t(Key::ColMethod)}</th>
                                <th scope="col">{ui.t(Key::ColActions)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                    .into_any()
            }
        } />
        <FormMessage message=error />
    }
}

fn method_row(
    ui: Ui,
    health: Loaded<AccountView>,
    error: RwSignal<Option<Message>>,
    method: MethodKind,
    account: &AccountView,
) -> impl IntoView {
    let name = method_name(ui, method, &account.phone_hint);
    let label = ui.tf(Key::AccountRemoveNamed, &[("method", &name)]);
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td>
                <Button
                    attr:aria-label=label
                    disabled=ui.pending
                    on_click=move |_| remove(ui, health, error, method)
                >
                    {ui.t(Key::AccountRemove)}
                </Button>
            </td>
        </tr>
    }
}

fn remove(ui: Ui, health: Loaded<AccountView>, error: RwSignal<Option<Message>>, method: MethodKind) {
    health.begin(error);
    ui.remove_method(method, move |r| match r {
        Ok(view) => {
            let removed = Message::from(Key::AccountRemoved).with("method", Arg::Text(method_key(method)));
            health.show(view, removed);
        }
        Err(e) => health.failed(&e, error),
    });
}

/// The method's name, and for a phone the partly hidden number.
fn method_name(ui: Ui, method: MethodKind, phone: &Option<String>) -> String {
    match phone {
        Some(phone) if method.is_phone() => {
            ui.tf(Key::AccountMethodPhone, &[("method", ui.t(method_key(method))), ("phone", phone)])
        }
        _ => ui.t(method_key(method)).to_string(),
    }
}
