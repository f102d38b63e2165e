//! Why some kit parts take boxed closures: Leptos builds its event, effect and view code
//! once per closure type, so a closure passed as itself costs a copy of that code at
//! every call site. Boxed to one type, every use shares one copy (bench/size.md measured
//! boxed handlers at 6.1 KB, `When` 3.2 KB, boxed effects 1.5 KB, boxed live views 0.5 KB
//! gzipped). The kit's components (`Button`, `on_submit`, the fields, `Live`, `When`,
//! `after_render`) do this inside, so screens pass plain closures and never name it.
use leptos::prelude::*;
use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

/// An event handler as one boxed type: Leptos builds its event-attribute code once per
/// handler type, so all the handlers of one event passed through here share one copy.
#[cfg(feature = "admin")]
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

/// A value views and effects watch, as they would an `RwSignal<T>`, but whose reactive
/// code is built once for every `T`: the value is kept type-erased and a `Trigger` says
/// when it changed. In the split build an `RwSignal` of a type only one part uses cost
/// that part 1.3 to 1.8 KB of reactive code before wasm-opt; this costs a downcast.
pub struct Watched<T> {
    value: Erased,
    kind: PhantomData<fn() -> T>,
}

/// What `Watched` keeps, whatever its type.
#[derive(Clone, Copy)]
struct Erased {
    value: StoredValue<Arc<dyn Any + Send + Sync>>,
    changed: Trigger,
}

impl Erased {
    #[track_caller]
    fn new(value: Arc<dyn Any + Send + Sync>) -> Erased {
        Erased { value: StoredValue::new(value), changed: Trigger::new() }
    }

    /// The value, tracked or not; `None` once its owner is gone.
    fn get(self, tracked: bool) -> Option<Arc<dyn Any + Send + Sync>> {
        if tracked {
            self.changed.track();
        }
        self.value.try_get_value()
    }

    /// Replaces the value and wakes its watchers; false once its owner is gone.
    fn set(self, value: Arc<dyn Any + Send + Sync>) -> bool {
        let kept = self.value.try_set_value(value).is_none();
        if kept {
            self.changed.notify();
        }
        kept
    }
}

impl<T> Clone for Watched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Watched<T> {}

impl<T: Clone + Send + Sync + 'static> Watched<T> {
    #[track_caller]
    pub fn new(value: T) -> Self {
        Watched { value: Erased::new(Arc::new(value)), kind: PhantomData }
    }

    /// The value; a view or effect that reads it runs again when it changes.
    pub fn get(self) -> T {
        self.with(T::clone)
    }

    pub fn get_untracked(self) -> T {
        self.read(false, T::clone).expect(GONE)
    }

    pub fn with<R>(self, f: impl FnOnce(&T) -> R) -> R {
        self.read(true, f).expect(GONE)
    }

    pub fn with_untracked<R>(self, f: impl FnOnce(&T) -> R) -> R {
        self.read(false, f).expect(GONE)
    }

    /// The value, or `None` once its owner is gone (a late answer to a closed screen).
    pub fn try_get_untracked(self) -> Option<T> {
        self.read(false, T::clone)
    }

    pub fn set(self, value: T) {
        self.value.set(Arc::new(value));
    }

    /// `set`, saying whether the value was kept: false once its owner is gone, when both
    /// do nothing.
    pub fn try_set(self, value: T) -> bool {
        self.value.set(Arc::new(value))
    }

    fn read<R>(self, tracked: bool, f: impl FnOnce(&T) -> R) -> Option<R> {
        let value = self.value.get(tracked)?;
        value.downcast_ref::<T>().map(f)
    }
}

const GONE: &str = "a watched value read after its screen was closed";

/// `f`'s value, kept up to date as what it reads changes, like a `Memo` (watchers wake
/// only when the value differs), with `Watched`'s shared reactive code. Unlike a `Memo`,
/// which recomputes when read, it catches up when its effect runs, a microtask after
/// what `f` reads changed: read right after such a change, it still holds the old value.
/// Screens only show it and react to it, which happens after that; code that must read
/// it at once keeps a `Memo`.
#[track_caller]
pub fn watch<T: Clone + PartialEq + Send + Sync + 'static>(f: impl Fn() -> T + 'static) -> Watched<T> {
    let watched = Watched::new(untrack(&f));
    after_render(move || {
        let now = f();
        // Compared in place: the value kept is not cloned on every run.
        if watched.read(false, |was| *was != now) == Some(true) {
            watched.set(now);
        }
    });
    watched
}

#[cfg(test)]
mod tests {
    use super::{after_render, watch, Watched};
    use leptos::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Lets queued effects run, each of which may queue the next.
    async fn settle() {
        for _ in 0..3 {
            leptos::task::tick().await;
        }
    }

    #[wasm_bindgen_test]
    fn a_watched_value_wakes_what_reads_it_and_is_gone_with_its_owner() {
        let owner = Owner::new();
        owner.set();
        let name = Watched::new(Some("ada".to_string()));
        let length = Memo::new(move |_| name.with(|n| n.as_ref().map_or(0, String::len)));
        assert_eq!(length.get_untracked(), 3);
        name.set(Some("grace".into()));
        assert_eq!(length.get_untracked(), 5);
        assert_eq!(name.get_untracked().as_deref(), Some("grace"));
        owner.cleanup();
        assert!(!name.try_set(None), "set after its owner was cleaned up");
        assert_eq!(name.try_get_untracked(), None);
    }

    #[wasm_bindgen_test]
    async fn a_watch_catches_up_with_what_it_reads_and_wakes_readers_only_on_a_change() {
        // Mounting sets up the executor the effects run on.
        let host = document().create_element("div").unwrap();
        let _mounted = leptos::mount::mount_to(host.unchecked_into(), || ());
        let owner = Owner::new();
        owner.set();
        let source = RwSignal::new(1u32);
        let parity = watch(move || source.get() % 2);
        let runs = Arc::new(AtomicUsize::new(0));
        let counted = runs.clone();
        after_render(move || {
            parity.get();
            counted.fetch_add(1, Ordering::Relaxed);
        });
        settle().await;
        assert_eq!((parity.get_untracked(), runs.load(Ordering::Relaxed)), (1, 1));
        source.set(3);
        settle().await;
        assert_eq!((parity.get_untracked(), runs.load(Ordering::Relaxed)), (1, 1), "same value, no wake");
        source.set(4);
        settle().await;
        assert_eq!((parity.get_untracked(), runs.load(Ordering::Relaxed)), (0, 2));
        owner.cleanup();
    }
}
