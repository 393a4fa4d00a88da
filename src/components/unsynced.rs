//! Edits that browser storage cannot hold. When storage refuses a write, a
//! banner says so at once and offers to copy or download the unsynced edits,
//! which then live only in this open page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use crate::data::error::ApiError;
use crate::data::outbox::{Outbox, PendingEdit};
use crate::i18n::Lang;
use crate::state::context::use_ctx;

/// Storage refused this edit, or refused to hold the record it changes.
fn storage_refused(e: &PendingEdit) -> bool {
    e.unsaved || matches!(e.error(), Some(ApiError::StorageFull(_)))
}

/// The unsynced edits as a JSON document a person or a script can restore.
pub fn export_text(outbox: &Outbox) -> String {
    serde_json::to_string_pretty(outbox).unwrap_or_default()
}

async fn copy_to_clipboard(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator: JsValue = window.navigator().into();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    else {
        return false;
    };
    let Ok(promise) = write
        .call1(&clipboard, &JsValue::from_str(&text))
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
    else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Copy and download buttons for the unsynced edits, with the outcome.
#[component]
pub fn ExportEdits() -> impl IntoView {
    let ctx = use_ctx();
    let status: RwSignal<Option<(bool, &'static str, &'static str)>> = RwSignal::new(None);
    let copy = move |_| {
        let text = ctx.outbox.with_untracked(export_text);
        spawn_local(async move {
            status.set(Some(if copy_to_clipboard(text).await {
                (
                    true,
                    "未同步的修改已复制到剪贴板。",
                    "The unsynced edits were copied to the clipboard.",
                )
            } else {
                (
                    false,
                    "无法写入剪贴板,请改用下载。",
                    "The clipboard refused; download them instead.",
                )
            }));
        });
    };
    let download = move |_| {
        let text = ctx.outbox.with_untracked(export_text);
        let ok =
            crate::components::download("haihe-unsynced-edits.json", "application/json", &text)
                .is_some();
        status.set(Some(if ok {
            (
                true,
                "已下载 haihe-unsynced-edits.json。",
                "Downloaded haihe-unsynced-edits.json.",
            )
        } else {
            (
                false,
                "浏览器拒绝了下载。",
                "The browser refused the download.",
            )
        }));
    };
    view! {
        <div class="form-actions export-edits">
            <button type="button" class="btn" on:click=copy>{move || ctx.tr("复制到剪贴板", "Copy to clipboard")}</button>
            <button type="button" class="btn" on:click=download>{move || ctx.tr("下载为 JSON", "Download as JSON")}</button>
        </div>
        {move || status.get().map(|(ok, zh, en)| view! {
            <p class=if ok { "notice notice-ok" } else { "notice notice-error" } role="status">{move || ctx.tr(zh, en)}</p>
        })}
    }
}

/// Shown on every page as soon as storage refuses an edit.
#[component]
pub fn StorageFullBanner() -> impl IntoView {
    let ctx = use_ctx();
    let counts = Memo::new(move |_| {
        ctx.outbox.with(|ob| {
            let only_here = ob.edits.iter().filter(|e| e.unsaved).count();
            let refused = ob.edits.iter().filter(|e| storage_refused(e)).count();
            (only_here, refused)
        })
    });
    view! {
        <Show when=move || { counts.get().1 > 0 }>
            <div class="storage-full-banner pending-notice" role="alert">
                <p>
                    {move || {
                        let (only_here, refused) = counts.get();
                        match (ctx.lang.get(), only_here > 0) {
                            (Lang::Zh, true) => format!(
                                "浏览器存储已满:{only_here} 条修改只保存在当前打开的页面中,刷新或关闭页面就会丢失。请先复制或下载保存。"
                            ),
                            (Lang::En, true) => format!(
                                "The browser storage is full: {only_here} edit(s) live only in this open page and are lost if it is reloaded or closed. Copy or download them first."
                            ),
                            (Lang::Zh, false) => format!(
                                "浏览器存储已满:{refused} 条修改未能写入本机的数据,只保留在未同步列表中。可复制或下载保存。"
                            ),
                            (Lang::En, false) => format!(
                                "The browser storage is full: {refused} edit(s) could not be written to this browser's data and are kept only in the unsynced list. You can copy or download them."
                            ),
                        }
                    }}
                </p>
                <ExportEdits />
                <a href="#/settings?panel=sync">{move || ctx.tr("查看未同步的修改", "See the unsynced edits")}</a>
            </div>
        </Show>
    }
}
