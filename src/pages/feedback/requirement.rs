//! "关联到需求": the requirement(s) on the roadmap a feedback item feeds,
//! linking it to an existing one, or starting a new requirement from it.
//! The link lives on the roadmap row (`feedbackIds`), saved through the
//! outbox like any roadmap edit.

use leptos::prelude::*;

use crate::data::outbox::Op;
use crate::domain::roadmap::model::RoadmapItem;
use crate::state::context::use_ctx;
use crate::state::edits::submit;
use crate::state::loading::{live_rows, ListResource};

#[component]
pub(super) fn FeedsRequirement(
    feedback_id: String,
    roadmap: ListResource<RoadmapItem>,
) -> impl IntoView {
    let ctx = use_ctx();
    let fid = StoredValue::new(feedback_id);
    // `None` while loading or when the roadmap cannot be read.
    let items = live_rows(ctx, roadmap);
    let feeds = move || {
        let id = fid.get_value();
        items
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|i| i.feedback_ids.contains(&id))
            .collect::<Vec<_>>()
    };
    let choice = RwSignal::new(String::new());
    let link = move |_| {
        let target = choice.get_untracked();
        let Some(mut item) = items.with_untracked(|all| {
            all.as_ref()
                .and_then(|all| all.iter().find(|i| i.id == target).cloned())
        }) else {
            return;
        };
        let id = fid.get_value();
        if item.feedback_ids.contains(&id) {
            return;
        }
        item.feedback_ids.push(id);
        submit(
            ctx,
            Op::Update,
            item.id.clone(),
            Some(item.clone()),
            item.title.clone(),
            Some(roadmap),
        );
        choice.set(String::new());
    };
    let new_href = move || format!("#/roadmap?card=new&from={}", fid.get_value());
    view! {
        <section class="fb-requirement" aria-labelledby="fb-req-title">
            <h3 id="fb-req-title">{move || ctx.tr("关联到需求", "Link to a requirement")}</h3>
            <ul class="rm-links" data-testid="fb-feeds">
                {move || feeds().into_iter().map(|i| {
                    let href = format!("#/roadmap?card={}", i.id);
                    let status = i.status;
                    view! {
                        <li>
                            <a href=href>{i.title.clone()}</a>
                            <span class=format!("status status-{}", status.id())>{move || status.label(ctx.lang.get())}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || items.with(Option::is_some) fallback=move || view! {
                <p class="muted small">{move || ctx.tr("路线图暂未加载。", "The roadmap has not loaded.")}</p>
            }>
                <div class="form-row">
                    <label class="field" for="fb-req-pick">
                        <span class="field-label">{move || ctx.tr("选择已有需求", "Existing requirement")}</span>
                        <select id="fb-req-pick" prop:value=move || choice.get() on:change=move |ev| choice.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {move || {
                                let id = fid.get_value();
                                let mut all = items.get().unwrap_or_default();
                                all.retain(|i| !i.feedback_ids.contains(&id));
                                all.sort_by(|a, b| a.title.cmp(&b.title));
                                all.into_iter().map(|i| view! { <option value=i.id.clone()>{i.title.clone()}</option> }).collect_view()
                            }}
                        </select>
                    </label>
                    <button type="button" class="btn" data-testid="fb-link-req" disabled=move || choice.get().is_empty() on:click=link>
                        {move || ctx.tr("关联", "Link")}
                    </button>
                    <a class="btn" href=new_href data-testid="fb-new-req">{move || ctx.tr("由此新建需求", "New requirement from this")}</a>
                </div>
            </Show>
        </section>
    }
}
