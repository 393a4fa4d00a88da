//! Table and list rows that keep their DOM: row *i* is built once and its
//! cells update in place when the list changes; only rows added at the end
//! are built, and only rows past the new end are removed.
//!
//! Why: rebuilding every `<tr>` of the cockpit's tables on each filter
//! change was a large part of the re-render on a throttled tablet, while
//! updating a text node costs next to nothing.

use leptos::prelude::*;

/// One row per item of `rows`, keyed by position. `children` gets the row's
/// item (None only for the instant before a removed row is dropped).
#[component]
pub fn EachRow<T, C, V>(rows: Memo<Vec<T>>, children: C) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
    C: Fn(Memo<Option<T>>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let len = Memo::new(move |_| rows.with(Vec::len));
    view! {
        <For
            each=move || 0..len.get()
            key=|i| *i
            children=move |i| {
                let item = Memo::new(move |_| rows.with(|r| r.get(i).cloned()));
                children(item)
            }
        />
    }
}

/// A text that follows one field of a row (empty once the row is gone).
pub fn field<T, F>(
    item: Memo<Option<T>>,
    f: F,
) -> impl Fn() -> String + Clone + Send + Sync + 'static
where
    T: Clone + PartialEq + Send + Sync + 'static,
    F: Fn(&T) -> String + Clone + Send + Sync + 'static,
{
    move || item.with(|r| r.as_ref().map(&f).unwrap_or_default())
}
