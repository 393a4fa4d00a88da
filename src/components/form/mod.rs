//! The form and dialog kit every editor is built from, so that labels, ids,
//! ARIA wiring, two-way binding, Escape and focus handling and the delete
//! confirmation are written once. An editor is a `Dialog` holding a `<form>`
//! of `Field`s, each with one control bound to a signal:
//!
//! ```ignore
//! <Dialog title_id="x-title" title=… on_close=…>
//!     <form class="content-form" on:submit=save>
//!         <Field id="x-name" label=…><TextInput value=name required=true autofocus=true /></Field>
//!         <Field id="x-kind" label=…><EnumSelect value=kind /></Field>
//!         <Field id="x-day" label=…><DateField value=day /></Field>
//!         <div class="form-actions">… <ConfirmDelete question=… on_confirm=… /></div>
//!     </form>
//! </Dialog>
//! ```

mod choice;
mod confirm;
mod date;
mod dialog;
mod field;

pub use choice::{EnumChecks, EnumSelect};
pub use confirm::ConfirmDelete;
pub use date::{format_date, parse_date, DateField};
pub use dialog::Dialog;
pub use field::{Field, NumberInput, TextArea, TextInput};
