//! Why some kit parts take boxed closures: Leptos builds its event, effect and view code
//! once per closure type, so a closure passed as itself costs a copy of that code at
//! every call site. Boxed to one type, every use shares one copy (bench/size.md measured
//! `handler` at 6.1 KB, `When` 3.2 KB, `effect` 1.5 KB, `live_view` 0.5 KB gzipped). The
//! kit's components (`Button`, `on_submit`, the fields) do this inside, so screens pass plain
//! closures; these are for the few places no kit component fits.
use leptos::prelude::*;

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
