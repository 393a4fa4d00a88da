//! One feedback item in detail, and its triage: status plus a note, saved
//! through the outbox; an unsynced edit of it is explained with retry and
//! discard.

use chrono::Utc;
use leptos::prelude::*;

use super::{local_time, stars};
use crate::components::form::{Field, TextArea};
use crate::data::outbox::{EditState, Op, Shown};
use crate::data::resource::Resource;
use crate::domain::feedback::model::{Feedback, FeedbackStatus};
use crate::domain::roadmap::model::RoadmapItem;
use crate::i18n::{format_datetime, words};
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::{discard, retry, submit};
use crate::state::loading::ListResource;

#[component]
pub(super) fn Detail(
    shown: Shown<Feedback>,
    list: ListResource<Feedback>,
    roadmap: ListResource<RoadmapItem>,
) -> impl IntoView {
    let ctx = use_ctx();
    let fb = shown.item.clone();
    let status = RwSignal::new(fb.status);
    let note = RwSignal::new(fb.note.clone());
    let original = StoredValue::new(fb.clone());
    let dirty = move || original.with_value(|o| o.status != status.get() || o.note != note.get());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut next = original.get_value();
        next.status = status.get_untracked();
        next.note = note.get_untracked().trim().to_string();
        next.updated_at = Some(Utc::now());
        let label: String = next.text.chars().take(24).collect();
        submit(
            ctx,
            Op::Update,
            next.id.clone(),
            Some(next),
            label,
            Some(list),
        );
    };
    let close = move |_| {
        ctx.url().clear(["id"]);
    };
    let when = local_time(&fb);
    let pending = shown.pending.clone();
    view! {
        <article class="detail" aria-labelledby="fb-detail-title">
            <header class="detail-header">
                <h2 id="fb-detail-title">{move || ctx.tr("反馈详情", "Feedback detail")}</h2>
                <button type="button" class="btn btn-ghost" on:click=close>
                    {move || words::close(ctx.lang.get())}
                </button>
            </header>
            <PendingNotice pending=pending.clone() id=fb.id.clone() ctx />
            <blockquote class="fb-quote">{fb.text.clone()}</blockquote>
            <dl class="facts">
                <dt>{move || ctx.tr("编号", "ID")}</dt>
                <dd>{fb.id.clone()}</dd>
                <dt>{move || ctx.tr("收到时间", "Received")}</dt>
                <dd>{move || format_datetime(when, ctx.lang.get())}</dd>
                <dt>{move || ctx.tr("来源", "Source")}</dt>
                <dd>{move || fb.source.label(ctx.lang.get())}</dd>
                <dt>{move || ctx.tr("类别", "Category")}</dt>
                <dd>{move || fb.category.label(ctx.lang.get())}</dd>
                <dt>{move || words::district(ctx.lang.get())}</dt>
                <dd>{move || fb.district.map(|d| d.label(ctx.lang.get())).unwrap_or("—")}</dd>
                <dt>{move || ctx.tr("评分", "Rating")}</dt>
                <dd>{stars(fb.rating).unwrap_or_else(|| "—".into())}</dd>
            </dl>
            <form class="triage" on:submit=save>
                <fieldset>
                    <legend>{move || words::status(ctx.lang.get())}</legend>
                    <div class="segmented">
                        {FeedbackStatus::ALL
                            .iter()
                            .map(|s| {
                                let s = *s;
                                view! {
                                    <label class="segment">
                                        <input
                                            type="radio"
                                            name="fb-status"
                                            value=s.id()
                                            prop:checked=move || status.get() == s
                                            on:change=move |_| status.set(s)
                                        />
                                        <span>{move || s.label(ctx.lang.get())}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <Field id="fb-note" label=move || ctx.tr("处理备注", "Triage note")>
                    <TextArea value=note rows=4 maxlength=2000 />
                </Field>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || !dirty()>
                        {move || words::save(ctx.lang.get())}
                    </button>
                </div>
            </form>
            <super::requirement::FeedsRequirement feedback_id=fb.id.clone() roadmap />
        </article>
    }
}

/// Explains an unsynced edit of this record and offers retry or discard.
#[component]
fn PendingNotice(pending: Option<EditState>, id: String, ctx: Ctx) -> impl IntoView {
    let (seq, unsaved) = ctx.outbox.with_untracked(|ob| {
        let e = ob.pending_for(Resource::Feedback, &id);
        (e.map(|e| e.seq), e.is_some_and(|e| e.unsaved))
    });
    let (error, conflict) = match &pending {
        Some(EditState::Failed { error }) => (Some(error.clone()), false),
        Some(EditState::Conflict { error }) => (Some(error.clone()), true),
        _ => (None, false),
    };
    let error = StoredValue::new(error);
    let Some(seq) = seq else {
        return ().into_any();
    };
    view! {
        <Show when=move || error.with_value(Option::is_some)>
            <div class="pending-notice" role="alert">
                <p>{move || error.with_value(|e| e.as_ref().map(|e| e.message(ctx.lang.get())).unwrap_or_default())}</p>
                <p class="muted">{move || if unsaved {
                    ctx.tr("浏览器存储已满:这条修改只在当前页面中,刷新或关闭前请复制或下载保存。", "The browser storage is full: this edit lives only in this page. Copy or download it before reloading or closing.")
                } else {
                    ctx.tr("你的修改已保留在本机,未丢失。", "Your edit is kept on this device; nothing is lost.")
                }}</p>
                <div class="form-actions">
                    <button type="button" class="btn btn-primary" on:click=move |_| retry(ctx, seq, conflict)>
                        {move || if conflict { ctx.tr("用我的版本覆盖", "Overwrite with mine") } else { ctx.tr("重试同步", "Retry sync") }}
                    </button>
                    <button type="button" class="btn" on:click=move |_| discard(ctx, seq)>
                        {move || if conflict { ctx.tr("放弃我的修改", "Discard mine") } else { ctx.tr("放弃修改", "Discard edit") }}
                    </button>
                </div>
            </div>
        </Show>
    }
    .into_any()
}
