//! Why some kit parts take boxed closures: Leptos builds its event, effect and view code
//! once per closure type, so a closure passed as itself costs a copy of that code at
//! every call site. Boxed to one type, every use shares one copy (bench/size.md measured
//! boxed handlers at 6.1 KB, `When` 3.2 KB, boxed effects 1.5 KB, boxed live views 0.5 KB
//! gzipped). The kit's components (`Button`, `on_submit`, the fields, `Live`, `When`,
//! `after_render`) do this inside, so screens pass plain closures and never name it.
use leptos::prelude::*;

/// An event handler as one boxed type: Leptos builds its event-attribute code once per
/// handler type, so all the handlers of one event passed through here share one copy.
pub fn handler<E: 'static>(f: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(f)
}

/// Runs `f` once the view is in the page, and again whenever a signal it reads changes:
/// Leptos's `Effect::new`, with the effect's code built once for every use.
pub fn after_render(f: impl FnMut() + 'static) {
    run_after_render(Box::new(f));
}

// Not generic, so Leptos's effect code is built for this one closure type.
fn run_after_render(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_: Option<()>| f());
}

/// A part of a view that changes, `<Live render=move || … />`: Leptos's `{move || …}`,
/// but its re-render code is built once, not once per such part (`ViewFn` is boxed).
#[component]
pub fn Live(#[prop(into)] render: ViewFn) -> impl IntoView {
    move || render.run()
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
