//! Choosing from a `labelled_enum!` type: one value from a `<select>`
//! (`EnumSelect`) or several from a row of checkboxes (`EnumChecks`). The
//! options, their ids and their labels in the current language all come from
//! the enum, so a new variant shows up in every form by itself.
//!
//! The generic components only turn the enum into plain `Choice`s and
//! callbacks; the markup is built by non-generic functions, so each enum
//! used adds a few bytes to the wasm instead of a copy of the view code.

use leptos::prelude::*;

use super::field::control_attrs;
use crate::domain::shared::labelled::Labelled;
use crate::i18n::Lang;
use crate::state::context::use_ctx;

/// One option: its wire id and its two labels.
#[derive(Clone, Copy)]
struct Choice {
    id: &'static str,
    zh: &'static str,
    en: &'static str,
}

fn choices<T: Labelled>() -> Vec<Choice> {
    T::all()
        .iter()
        .map(|v| Choice {
            id: v.id(),
            zh: v.label(Lang::Zh),
            en: v.label(Lang::En),
        })
        .collect()
}

/// A `<select>` of every variant of a `labelled_enum!` type, bound to a
/// signal: `<Field id="ct-type" label=…><EnumSelect value=kind /></Field>`.
/// Option values are the wire ids; an unknown id (never offered) is ignored.
#[component]
pub fn EnumSelect<T: Labelled>(value: RwSignal<T>) -> impl IntoView {
    let current = Signal::derive(move || value.get().id());
    let pick = Callback::new(move |id: String| {
        if let Some(v) = T::from_id(&id) {
            value.set(v);
        }
    });
    select_view(choices::<T>(), current, pick)
}

fn select_view(
    list: Vec<Choice>,
    current: Signal<&'static str>,
    pick: Callback<String>,
) -> AnyView {
    let ctx = use_ctx();
    let a = control_attrs();
    view! {
        // `selected` on each option (not the select's value) so the choice
        // shows on the first render, before the options exist.
        <select id=a.id on:change=move |ev| pick.run(event_target_value(&ev))
            aria-describedby=move || a.described_by.get() aria-invalid=move || a.invalid.get()>
            {list.into_iter().map(|c| view! {
                <option value=c.id selected=move || current.get() == c.id>{move || ctx.lang.get().tr(c.zh, c.en)}</option>
            }).collect_view()}
        </select>
    }
    .into_any()
}

/// One checkbox per variant, bound to the list of chosen ones (`bind:checked`
/// per box): `<fieldset><legend>…</legend><EnumChecks values=channels
/// /></fieldset>`. A newly ticked value goes to the end of the list.
#[component]
pub fn EnumChecks<T: Labelled>(values: RwSignal<Vec<T>>) -> impl IntoView {
    let has = Callback::new(move |id: &'static str| {
        values.with(|list| list.iter().any(|v| v.id() == id))
    });
    let set = Callback::new(move |(id, on): (&'static str, bool)| {
        let Some(v) = T::from_id(id) else { return };
        values.update(|list| {
            list.retain(|x| *x != v);
            if on {
                list.push(v);
            }
        });
    });
    checks_view(choices::<T>(), has, set)
}

fn checks_view(
    list: Vec<Choice>,
    has: Callback<&'static str, bool>,
    set: Callback<(&'static str, bool)>,
) -> AnyView {
    let ctx = use_ctx();
    view! {
        <div class="checks">
            {list.into_iter().map(|c| {
                let checked = Signal::derive(move || has.try_run(c.id).unwrap_or(false));
                let write = SignalSetter::<bool>::map(move |on| set.run((c.id, on)));
                view! {
                    <label class="checkbox">
                        <input type="checkbox" bind:checked=(checked, write) />
                        <span>{move || ctx.lang.get().tr(c.zh, c.en)}</span>
                    </label>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}
