//! Choosing from a `labelled_enum!` type: one value from a `<select>`
//! (`EnumSelect`) or several from a row of checkboxes (`EnumChecks`). The
//! options, their ids and their labels in the current language all come from
//! the enum, so a new variant shows up in every form by itself.

use leptos::prelude::*;

use super::field::control_attrs;
use crate::app::context::use_ctx;
use crate::domain::dimensions::Labelled;

/// A `<select>` of every variant of a `labelled_enum!` type, bound to a
/// signal: `<Field id="ct-type" label=…><EnumSelect value=kind /></Field>`.
/// Option values are the wire ids; an unknown id (never offered) is ignored.
#[component]
pub fn EnumSelect<T: Labelled>(value: RwSignal<T>) -> impl IntoView {
    let ctx = use_ctx();
    let a = control_attrs();
    let pick = move |ev| {
        if let Some(v) = T::from_id(&event_target_value(&ev)) {
            value.set(v);
        }
    };
    view! {
        // `selected` on each option (not the select's value) so the choice
        // shows on the first render, before the options exist.
        <select id=a.id on:change=pick
            aria-describedby=move || a.described_by.get() aria-invalid=move || a.invalid.get()>
            {T::all().iter().map(|v| {
                let v = *v;
                view! { <option value=v.id() selected=move || value.get() == v>{move || v.label(ctx.lang.get())}</option> }
            }).collect_view()}
        </select>
    }
}

/// One checkbox per variant, bound to the list of chosen ones (`bind:checked`
/// per box): `<fieldset><legend>…</legend><EnumChecks values=channels
/// /></fieldset>`. A newly ticked value goes to the end of the list.
#[component]
pub fn EnumChecks<T: Labelled>(values: RwSignal<Vec<T>>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="checks">
            {T::all().iter().map(|v| {
                let v = *v;
                let checked = Signal::derive(move || values.with(|list| list.contains(&v)));
                let set = SignalSetter::<bool>::map(move |on: bool| values.update(|list| {
                    list.retain(|x| *x != v);
                    if on {
                        list.push(v);
                    }
                }));
                view! {
                    <label class="checkbox">
                        <input type="checkbox" bind:checked=(checked, set) />
                        <span>{move || v.label(ctx.lang.get())}</span>
                    </label>
                }
            }).collect_view()}
        </div>
    }
}
