//! Small pieces every screen uses: the focused heading, labelled fields with their
//! messages, the progress line, and the words for backend errors.
use super::text::{Key, Message};
use super::use_ui;
use crate::backend::api::{BackendError, Field, Problem};
use leptos::prelude::*;

/// The screen's heading. It takes focus when the screen appears, so screen readers
/// announce the new screen and keyboard users start from the top of it.
#[component]
pub fn Heading(key: Key) -> impl IntoView {
    let ui = use_ui();
    let node = NodeRef::<leptos::html::H1>::new();
    Effect::new(effect(move |_| {
        if let Some(h) = node.get() {
            let _ = h.focus();
        }
    }));
    view! {
        <h1 node_ref=node tabindex="-1" class="rg-heading">
            {ui.text(key)}
        </h1>
    }
}

/// An event handler as one boxed type: Leptos builds its event-attribute code once per
/// handler type, so all the handlers of one event passed through here share one copy.
pub fn handler<E: 'static>(f: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(f)
}

/// An effect's body as one boxed type, for the same reason as `handler`: Leptos's effect
/// code is then built once rather than once per effect.
pub fn effect(f: impl FnMut(Option<()>) + 'static) -> Box<dyn FnMut(Option<()>)> {
    Box::new(f)
}

/// A part of a view that changes, as one boxed type, for the same reason as `handler`:
/// Leptos's code that re-renders it is built once, not once per such part.
pub fn live_view<V: IntoView + 'static>(
    f: impl Fn() -> V + Send + Sync + 'static,
) -> Box<dyn Fn() -> AnyView + Send + Sync> {
    Box::new(move || f().into_any())
}

/// `children` while `when` holds, else `fallback`: Leptos's `Show`, but not generic, so
/// its view code is built once for every use instead of once per call site.
#[component]
pub fn When(
    #[prop(into)] when: Signal<bool>,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    let shown = Memo::new(move |_| when.get());
    move || if shown.get() { children() } else { fallback.run() }
}

/// A labelled input with its message slot. The message is tied with aria-describedby
/// and announced through a live region; the value stays as typed.
#[component]
pub fn TextField(
    id: &'static str,
    label: Key,
    #[prop(default = "text")] kind: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    value: RwSignal<String>,
    error: RwSignal<Option<Message>>,
) -> impl IntoView {
    let ui = use_ui();
    let message_id = format!("{id}-message");
    let described = message_id.clone();
    view! {
        <div class="rg-field">
            <label for=id>{ui.text(label)}</label>
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck="false"
                autocapitalize="off"
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get()
                on:input=handler(move |ev| {
                    value.set(event_target_value(&ev));
                })
            />
            <p id=message_id class="rg-error" aria-live="polite">
                {ui.message(error)}
            </p>
        </div>
    }
}

/// Says "working on it" only when a call is slow.
#[component]
pub fn Progress() -> impl IntoView {
    let ui = use_ui();
    view! {
        <p class="rg-progress" role="status" aria-live="polite">
            {move || ui.slow.get().then(|| ui.t(Key::CommonWorking))}
        </p>
    }
}

/// The field a backend error belongs next to (`None`: the form as a whole) and its words.
pub fn error_text(e: &BackendError) -> (Option<Field>, Key) {
    match e {
        BackendError::InvalidCredentials => (Some(Field::Password), Key::ErrorInvalidCredentials),
        // The field is gone with the method it was for: the message is the form's.
        BackendError::InvalidInput { problem: Problem::TooManyAttempts, .. } => {
            (None, Key::ErrorTooManyAttempts)
        }
        BackendError::InvalidInput { field, problem } => (Some(*field), problem_key(*field, *problem)),
        BackendError::UnknownFlow | BackendError::FlowExpired => (None, Key::ErrorFlowGone),
        BackendError::StaleStep { .. } => (None, Key::ErrorStale),
        BackendError::Unexpected { .. } => (None, Key::ErrorUnexpected),
        BackendError::NotAuthorized => (None, Key::ErrorNotAuthorized),
        BackendError::StepUpRequired => (None, Key::ErrorStepUp),
        BackendError::UnknownUser => (None, Key::ErrorUnknownUser),
        // A wrong base URL or method is a service that cannot be reached as configured.
        BackendError::Unavailable | BackendError::NotFound | BackendError::MethodNotAllowed => {
            (None, Key::ErrorUnavailable)
        }
        BackendError::Timeout => (None, Key::ErrorTimeout),
        BackendError::Malformed(_) | BackendError::TooLarge => (None, Key::ErrorMalformed),
        BackendError::Passkey(e) => (None, passkey_problem_key(*e)),
    }
}

/// Why the backend refused a passkey, in words a person can act on.
fn passkey_problem_key(e: crate::backend::WebAuthnError) -> Key {
    use crate::backend::WebAuthnError::*;
    match e {
        Malformed | WrongType | Unsupported => Key::PasskeyErrorUnreadable,
        ChallengeMismatch | ChallengeExpired => Key::PasskeyErrorStale,
        WrongOrigin | WrongRelyingParty => Key::PasskeyErrorWrongSite,
        UserNotPresent | UserNotVerified => Key::PasskeyErrorNotVerified,
        BadSignature | UnknownCredential => Key::PasskeyErrorNotRecognised,
        SignCountNotGrowing => Key::PasskeyErrorReplayed,
        DuplicateCredential => Key::PasskeyErrorDuplicate,
    }
}

fn problem_key(field: Field, problem: Problem) -> Key {
    match (field, problem) {
        (Field::Username, Problem::Empty) => Key::ErrorUsernameEmpty,
        (Field::Password, Problem::Empty) => Key::ErrorPasswordEmpty,
        (Field::NewPassword, Problem::Empty) => Key::ErrorNewPasswordEmpty,
        (_, Problem::Empty) => Key::ErrorCodeEmpty,
        (Field::Username, Problem::TooLong) => Key::ErrorUsernameTooLong,
        (_, Problem::TooLong) => Key::ErrorTooLong,
        (_, Problem::NotACode) => Key::ErrorNotACode,
        (_, Problem::CodeExpired) => Key::ErrorCodeExpired,
        (_, Problem::NoCodeSent) => Key::ErrorNoCodeSent,
        (Field::Confirm, Problem::Mismatch) => Key::ErrorConfirmMismatch,
        (_, Problem::Mismatch) => Key::ErrorCodeMismatch,
        (_, Problem::NotAPhoneNumber) => Key::ErrorPhone,
        (_, Problem::InvalidList) => Key::ErrorInvalidList,
        (_, Problem::LastMethod) => Key::ErrorLastMethod,
        (_, Problem::TooManyAttempts) => Key::ErrorTooManyAttempts,
    }
}

/// Puts a backend error's words next to `field` if it belongs there, else in `general`.
pub fn show_error(
    e: BackendError,
    field: Field,
    at_field: RwSignal<Option<Message>>,
    general: RwSignal<Option<Message>>,
) {
    let (target, key) = error_text(&e);
    let slot = if target == Some(field) { at_field } else { general };
    slot.try_set(Some(key.into())); // the screen may have gone in the meantime
}

/// A message for the whole form, announced when it changes, in the chosen language.
#[component]
pub fn FormMessage(message: RwSignal<Option<Message>>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <p class="rg-error rg-form-error" role="alert">
            {ui.message(message)}
        </p>
    }
}

/// The language menu: the browser's choice, overridable.
#[component]
pub fn LocalePicker() -> impl IntoView {
    use super::text::Locale;
    let ui = use_ui();
    view! {
        <div class="rg-locale">
            <label for="rg-locale">{ui.text(Key::CommonLanguage)}</label>
            <select
                id="rg-locale"
                on:change=handler(move |ev| {
                    if let Some(l) = Locale::from_tag(&event_target_value(&ev)) {
                        ui.locale.set(l);
                    }
                })
            >
                {Locale::ALL
                    .iter()
                    .map(|l| {
                        let l = *l;
                        view! {
                            <option value=l.tag() selected=move || ui.locale.get() == l lang=l.tag()>
                                {l.name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A labelled menu over a fixed set of choices, each named by a text key.
#[component]
pub fn Choice<T>(id: &'static str, label: Key, options: Vec<(T, Key)>, value: RwSignal<T>) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let ui = use_ui();
    let picked = options.clone();
    view! {
        <div class="rg-field">
            <label for=id>{ui.text(label)}</label>
            <select
                id=id
                name=id
                on:change=handler(move |ev| {
                    let index = event_target_value(&ev).parse::<usize>().ok();
                    if let Some((v, _)) = index.and_then(|i| picked.get(i)) {
                        value.set(*v);
                    }
                })
            >
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (v, key))| {
                        view! {
                            <option value=i.to_string() prop:selected=move || value.get() == v>
                                {ui.text(key)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// What a data table is called and which columns it has; all text as catalog keys.
pub struct TableSpec {
    /// The heading's id, which also names the scroll region.
    pub id: &'static str,
    pub heading: Key,
    pub caption: Key,
    pub class: &'static str,
    pub columns: &'static [Key],
    /// Shown instead of the table when there are no rows.
    pub none: Key,
}

/// A captioned table under its own heading, in a region that scrolls sideways on a
/// narrow screen (focusable, so keyboard users can scroll it too).
pub fn data_table<R, V>(spec: TableSpec, has_rows: bool, rows: R) -> impl IntoView
where
    R: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let ui = use_ui();
    let table = move || {
        if !has_rows {
            return view! { <p>{ui.t(spec.none)}</p> }.into_any();
        }
        let rows = rows.clone();
        let columns = spec.columns.iter().map(|c| view! { <th scope="col">{ui.t(*c)}</th> }).collect_view();
        view! {
            <div class="rg-table" role="region" aria-labelledby=spec.id tabindex="0">
                <table class=format!("{} rg-data", spec.class)>
                    <caption>{ui.t(spec.caption)}</caption>
                    <thead>
                        <tr>{columns}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <h2 id=spec.id>{ui.text(spec.heading)}</h2>
        {table}
    }
}

/// A load that failed: what went wrong, and a button to try again.
#[component]
pub fn LoadFailed(error: RwSignal<Option<Message>>, retry: Callback<()>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <FormMessage message=error />
        <When when=move || error.with(Option::is_some)>
            <div class="rg-actions">
                <button
                    type="button"
                    class="rg-primary"
                    disabled=ui.pending
                    on:click=handler(move |_| retry.run(()))
                >
                    {ui.text(Key::CommonRetry)}
                </button>
            </div>
        </When>
    }
}

/// Checks, before anything is sent, that a code was typed; says so next to the field.
pub fn code_typed(code: RwSignal<String>, error: RwSignal<Option<Message>>) -> bool {
    if code.with_untracked(|c| c.trim().is_empty()) {
        error.set(Some(Key::ErrorCodeEmpty.into()));
        return false;
    }
    error.set(None);
    true
}
