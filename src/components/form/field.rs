//! `Field` (label, control, hint, error) and the plain controls that go in
//! one: text, number and multi-line text, each two-way bound to a signal with
//! Leptos's `bind:value` instead of a hand-wired `prop:value` + `on:input`.
//!
//! A `Field` hands its ids to the control inside it through context, so the
//! label's `for`, the control's `id`, `aria-describedby` (hint, error) and
//! `aria-invalid` always agree without being written twice.

use leptos::context::Provider;
use leptos::prelude::*;

/// What a `Field` tells the control inside it: its id and what describes it.
#[derive(Clone, Copy)]
pub struct FieldIds {
    id: &'static str,
    has_hint: bool,
    error: Signal<Option<String>>,
}

impl FieldIds {
    fn hint_id(self) -> String {
        format!("{}-hint", self.id)
    }

    fn error_id(self) -> String {
        format!("{}-error", self.id)
    }

    /// The ids of the hint and of the error (while there is one), if any.
    fn described_by(self) -> Option<String> {
        let ids: Vec<String> = [
            self.has_hint.then(|| self.hint_id()),
            self.error.with(Option::is_some).then(|| self.error_id()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The `id`, `aria-describedby` and `aria-invalid` of the control in the
/// enclosing `Field` (all absent outside a `Field`).
#[derive(Clone, Copy)]
pub(super) struct ControlAttrs {
    pub id: Option<&'static str>,
    pub described_by: Signal<Option<String>>,
    pub invalid: Signal<Option<&'static str>>,
}

pub(super) fn control_attrs() -> ControlAttrs {
    let field = use_context::<FieldIds>();
    ControlAttrs {
        id: field.map(|f| f.id),
        described_by: Signal::derive(move || field.and_then(FieldIds::described_by)),
        invalid: Signal::derive(move || {
            field.and_then(|f| f.error.with(Option::is_some).then_some("true"))
        }),
    }
}

/// A labelled form field: `<Field id="ct-title" label=move || ctx.tr("标题",
/// "Title")><TextInput value=title required=true /></Field>`. Put exactly one
/// kit control (`TextInput`, `NumberInput`, `TextArea`, `DateField`,
/// `EnumSelect`) inside; it takes `id` from the field. `hint` is shown under
/// the control; `error` (when `Some`) is shown and marks the control invalid.
#[component]
pub fn Field(
    /// The control's DOM id (tests and `<label for>` use it).
    id: &'static str,
    /// The visible label.
    #[prop(into)]
    label: TextProp,
    /// Help text under the control, read out with it.
    #[prop(optional, into)]
    hint: Option<TextProp>,
    /// This field's validation message, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let ids = FieldIds {
        id,
        has_hint: hint.is_some(),
        error,
    };
    view! {
        <div class="field">
            <label class="field-label" for=id>{move || label.get()}</label>
            <Provider value=ids>{children()}</Provider>
            {hint.map(|h| view! { <p class="field-hint muted small" id=ids.hint_id()>{move || h.get()}</p> })}
            {move || error.get().map(|e| view! { <p class="field-error" id=ids.error_id()>{e}</p> })}
        </div>
    }
}

/// A one-line input bound to a `String` signal: `<TextInput value=title
/// required=true maxlength=120 />`. `kind` is the input's `type` ("text",
/// "time", "url", …); `autofocus` marks where a `Dialog` puts focus on open.
#[component]
pub fn TextInput(
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let a = control_attrs();
    view! {
        <input id=a.id type=kind required=required maxlength=maxlength list=list inputmode=inputmode
            data-autofocus=autofocus.then_some("")
            aria-describedby=move || a.described_by.get() aria-invalid=move || a.invalid.get()
            bind:value=value />
    }
}

/// A number input bound to the raw text (the form parses and validates it, so
/// a half-typed value is never lost): `<NumberInput value=budget />`. Accepts
/// any step and, unless told otherwise, nothing below 0.
#[component]
pub fn NumberInput(
    value: RwSignal<String>,
    #[prop(default = "0")] min: &'static str,
    #[prop(default = "any")] step: &'static str,
) -> impl IntoView {
    let a = control_attrs();
    view! {
        <input id=a.id type="number" step=step min=min
            aria-describedby=move || a.described_by.get() aria-invalid=move || a.invalid.get()
            bind:value=value />
    }
}

/// A multi-line text bound to a `String` signal: `<TextArea value=notes
/// rows=3 maxlength=2000 />`.
#[component]
pub fn TextArea(
    value: RwSignal<String>,
    #[prop(default = 3)] rows: u32,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let a = control_attrs();
    view! {
        <textarea id=a.id rows=rows maxlength=maxlength
            aria-describedby=move || a.described_by.get() aria-invalid=move || a.invalid.get()
            bind:value=value></textarea>
    }
}
