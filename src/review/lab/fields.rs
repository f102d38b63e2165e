//! The lab's own fields: menus over typed choices, text inputs with a hint, checkboxes.
use leptos::prelude::*;

/// What a lab menu chooses between: each choice's value in the page and its words.
pub(super) trait LabChoice: Copy + Send + Sync + 'static {
    fn value(self) -> &'static str;
    fn label(self) -> String;
}

/// A labelled menu; `value` holds the choice itself, the page only its name.
#[component]
pub(super) fn LabSelect<T: LabChoice>(
    id: &'static str,
    label: &'static str,
    value: RwSignal<T>,
    options: Vec<T>,
) -> impl IntoView {
    let choices = options.clone();
    let pick = move |ev| {
        let name = event_target_value(&ev);
        if let Some(choice) = choices.iter().find(|c| c.value() == name) {
            value.set(*choice);
        }
    };
    view! {
        <label for=id>{label}</label>
        <select id=id on:change=pick prop:value=move || value.get().value()>
            {options
                .into_iter()
                .map(|choice| {
                    view! {
                        <option value=choice.value() selected=move || value.get().value() == choice.value()>
                            {choice.label()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
pub(super) fn LabText(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    hint: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            type="text"
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
        />
        {(!hint.is_empty()).then(|| view! { <small id=hint_id>{hint}</small> })}
    }
}

/// A checkbox with its words after it.
#[component]
pub(super) fn LabCheck(label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <label>
            <input
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            " "
            {label}
        </label>
    }
}
