//! A captioned data table under its own heading.
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

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
