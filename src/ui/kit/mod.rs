//! The component's kit: pieces that know no screen. Screens build from these and plain
//! Leptos; the size-minded parts (erased.rs) stay inside them.
mod button;
mod erased;
mod field;
#[cfg(feature = "admin")]
mod settings;
mod status;
mod summary;
#[cfg(feature = "account")]
mod table;

pub use button::{on_submit, Button, Look, Submit};
pub use erased::{after_render, watch, Live, Watched, When};
pub use field::{code_typed, FormMessage, Heading, TextField};
#[cfg(feature = "admin")]
pub use settings::{Checkbox, Choice, TextArea};
pub use status::Progress;
pub use summary::ErrorSummary;
#[cfg(feature = "account")]
pub use table::{data_table, TableSpec};
