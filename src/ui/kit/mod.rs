//! The component's kit: pieces that know no screen. Screens build from these and plain
//! Leptos; the size-minded parts stay inside them: erased.rs's boxed closures and
//! values, and dom.rs's element trees built by calls, which the screens of the split
//! build use instead of `view!`.
mod button;
pub mod dom;
mod erased;
mod field;
#[cfg(feature = "admin")]
mod settings;
mod status;
mod summary;
#[cfg(feature = "account")]
mod table;

pub use button::Look;
#[cfg(feature = "account")]
pub use button::{on_submit, Button, Submit};
pub use erased::{after_render, watch, Live, Watched, When};
pub use field::{code_typed, form_message, heading, text_field, FieldSpec};
#[cfg(feature = "account")]
pub use field::{FormMessage, Heading};
#[cfg(feature = "admin")]
pub use settings::{Checkbox, Choice, TextArea};
pub use status::progress;
pub use summary::error_summary;
#[cfg(feature = "account")]
pub use table::{data_table, TableSpec};
