//! `ConfirmDelete`: the Delete button of every editor, which asks before it
//! deletes. Deleting is two steps on purpose (press, then confirm), so a
//! stray tap on a tablet does not remove a record.

use leptos::prelude::*;

use crate::state::context::use_ctx;

/// A danger button that asks `question` (the browser's own confirmation, so it
/// is modal and read out everywhere) and runs `on_confirm` only on "OK":
/// `<ConfirmDelete question=move || ctx.tr("确定删除吗?", "Delete this?")
/// on_confirm=Callback::new(move |()| …) />`.
#[component]
pub fn ConfirmDelete(#[prop(into)] question: TextProp, on_confirm: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    let ask = move |_| {
        let yes = web_sys::window()
            .and_then(|w| w.confirm_with_message(&question.get()).ok())
            .unwrap_or(false);
        if yes {
            on_confirm.run(());
        }
    };
    view! {
        <button type="button" class="btn btn-danger" on:click=ask>{move || ctx.tr("删除", "Delete")}</button>
    }
}
