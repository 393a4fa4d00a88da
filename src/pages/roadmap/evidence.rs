//! A card's evidence in its detail dialog: the linked feedback (quote,
//! district, state) and cockpit views, each removable; a link to a feedback
//! item that no longer exists, or to anything but a cockpit view, shows as
//! broken. "Add evidence" searches the inbox.

use leptos::prelude::*;

use super::detail::find_feedback;
use super::Roadmap;
use crate::domain::roadmap::model::DataLink;
use crate::state::context::use_ctx;

/// Search results offered at once.
const RESULTS: usize = 8;

#[component]
pub fn Evidence(
    rm: Roadmap,
    feedback_ids: RwSignal<Vec<String>>,
    data_links: RwSignal<Vec<DataLink>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let query = RwSignal::new(String::new());
    let results = move || {
        let q = query.get().trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let linked = feedback_ids.get();
        rm.feedback
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|f| !linked.contains(&f.id) && f.text.to_lowercase().contains(&q))
            .take(RESULTS)
            .collect::<Vec<_>>()
    };
    let linked = move || {
        let rows = rm.feedback.get();
        feedback_ids
            .get()
            .into_iter()
            .map(|id| {
                let found = rows.as_ref().map(|r| find_feedback(r, &id).cloned());
                (id, found)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <fieldset class="rm-evidence-list">
            <legend>{move || ctx.tr("证据", "Evidence")}</legend>
            <ul class="rm-links" data-testid="linked-feedback">
                {move || linked().into_iter().map(|(id, found)| {
                    let remove_id = id.clone();
                    let remove = move |_| feedback_ids.update(|ids| ids.retain(|i| i != &remove_id));
                    let body = match found {
                        // The inbox did not load: the link is not judged.
                        None => view! { <span class="muted">{id.clone()}</span> }.into_any(),
                        Some(None) => view! {
                            <span class="rm-broken" data-testid="broken-link">{move || ctx.tr("反馈已不存在", "Feedback no longer exists")}" ("{id.clone()}")"</span>
                        }.into_any(),
                        Some(Some(f)) => {
                            let href = format!("#/feedback?id={}", f.id);
                            let quote: String = f.text.chars().take(60).collect();
                            let district = f.district;
                            let status = f.status;
                            view! {
                                <a href=href>"“"{quote}"”"</a>
                                <span class="muted small">
                                    {move || district.map(|d| d.label(ctx.lang.get())).unwrap_or("")}" · "{move || status.label(ctx.lang.get())}
                                </span>
                            }.into_any()
                        }
                    };
                    view! {
                        <li data-feedback=id.clone()>
                            {body}
                            <button type="button" class="btn btn-small btn-ghost" on:click=remove>{move || ctx.tr("移除", "Remove")}</button>
                        </li>
                    }
                }).collect_view()}
                {move || data_links.get().into_iter().enumerate().map(|(i, link)| {
                    let remove = move |_| data_links.update(|l| { if i < l.len() { l.remove(i); } });
                    let body = if link.is_valid() {
                        view! { <a href=link.view.clone()>{link.label.clone()}</a> }.into_any()
                    } else {
                        view! { <span class="rm-broken" data-testid="broken-link">{move || ctx.tr("无效链接", "Broken link")}": "{link.label.clone()}</span> }.into_any()
                    };
                    view! {
                        <li>
                            <span class="muted small">{move || ctx.tr("数据", "Data")}</span>" "{body}
                            <button type="button" class="btn btn-small btn-ghost" on:click=remove>{move || ctx.tr("移除", "Remove")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <label class="field" for="rm-evidence-q">
                <span class="field-label">{move || ctx.tr("添加证据:搜索反馈", "Add evidence: search the inbox")}</span>
                <input id="rm-evidence-q" type="search" prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) />
            </label>
            <ul class="rm-search-results" data-testid="evidence-results">
                {move || results().into_iter().map(|f| {
                    let id = f.id.clone();
                    let add = move |_| feedback_ids.update(|ids| if !ids.contains(&id) { ids.push(id.clone()) });
                    view! {
                        <li>
                            <span>{f.text.clone()}</span>
                            <button type="button" class="btn btn-small" on:click=add>{move || ctx.tr("关联", "Link")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}
