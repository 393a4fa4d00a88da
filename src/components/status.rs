//! Loading, empty, error and pending states, and the filter select.

use leptos::prelude::*;

use crate::data::error::ApiError;
use crate::data::outbox::EditState;
use crate::i18n::words;
use crate::state::context::use_ctx;

#[component]
pub fn Loading() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {move || ctx.tr("正在加载数据…", "Loading data…")}
        </div>
    }
}

#[component]
pub fn EmptyState(
    #[prop(into)] title: Signal<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty" role="status">
            <p class="empty-title">{move || title.get()}</p>
            {children.map(|c| c())}
        </div>
    }
}

/// An error in words, with a retry button. `stale` says the data below is
/// what was loaded before.
#[component]
pub fn ErrorPanel(
    error: ApiError,
    #[prop(into)] on_retry: Callback<()>,
    #[prop(optional)] stale: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let detail = error.to_string();
    let error = StoredValue::new(error);
    view! {
        <div class="error-panel" role="alert">
            <p class="error-message">{move || error.with_value(|e| e.message(ctx.lang.get()))}</p>
            {stale.then(|| view! {
                <p class="error-stale">{move || ctx.tr("下方显示的是上次成功加载的数据。", "Showing the data from the last successful load.")}</p>
            })}
            <details class="error-detail">
                <summary>{move || ctx.tr("技术细节", "Technical detail")}</summary>
                <code>{detail}</code>
            </details>
            <button class="btn" on:click=move |_| on_retry.run(())>
                {move || words::retry(ctx.lang.get())}
            </button>
        </div>
    }
}

/// Marks a record whose edit the backend has not accepted yet.
/// Said by every screen over WeChat's files (cockpit, channels) when the
/// folder holds no daily file yet.
#[component]
pub fn NoWechatDays() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <p class="notice notice-warn" role="status">
            {move || ctx.tr("微信数据文件夹里还没有每日数据。", "The WeChat folder has no daily data yet.")}
        </p>
    }
}

#[component]
pub fn PendingBadge(state: EditState) -> impl IntoView {
    let ctx = use_ctx();
    let (class, zh, en) = match state {
        EditState::Sending => ("badge badge-sending", "同步中", "Saving"),
        EditState::Failed { .. } => ("badge badge-failed", "未同步", "Not synced"),
        EditState::Conflict { .. } => ("badge badge-conflict", "有冲突", "Conflict"),
    };
    view! { <span class=class>{move || ctx.tr(zh, en)}</span> }
}

/// A labelled `<select>` over a closed set of options, with "all" first.
#[component]
pub fn SelectFilter(
    /// The element id, also used by the label.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    /// (value, label) pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    #[prop(into)] all_label: Signal<String>,
) -> impl IntoView {
    view! {
        <label class="field" for=id>
            <span class="field-label">{move || label.get()}</span>
            <select
                id=id
                on:change=move |ev| on_change.run(event_target_value(&ev))
                prop:value=move || value.get()
            >
                <option value="">{move || all_label.get()}</option>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{l}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
