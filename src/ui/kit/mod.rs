//! The component's kit: pieces that know no screen. Screens build from these and plain
//! Leptos; the size-minded parts (erased.rs) stay inside them.
mod button;
mod erased;
mod field;
mod status;
mod table;

pub use button::{on_submit, Button, Look, Submit};
pub use erased::{after_render, Live, When};
pub use field::{code_typed, Checkbox, Choice, FormMessage, Heading, TextArea, TextField};
pub use status::{LoadFailed, Progress};
pub use table::{data_table, TableSpec};
