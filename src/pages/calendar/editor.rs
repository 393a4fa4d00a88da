//! The content dialog: create, edit, move to a date (the non-drag way to
//! reschedule) and delete. Opened by `selected=<id>` (or `new`) in the URL.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use leptos::html::Input;
use leptos::prelude::*;

use super::today;
use crate::app::context::use_ctx;
use crate::app::edits::{new_id, submit, ListResource};
use crate::app::url;
use crate::data::outbox::{Op, Shown};
use crate::domain::calendar::editing::{move_to, validate_link};
use crate::domain::calendar::model::{
    ContentChannel, ContentItem, ContentStatus, ContentType, Recurrence,
};

fn blank() -> ContentItem {
    let at = today()
        .checked_add_days(chrono::Days::new(1))
        .unwrap_or_else(today)
        .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default());
    ContentItem {
        id: String::new(),
        title: String::new(),
        kind: ContentType::ProductLaunch,
        channels: vec![ContentChannel::MiniHome],
        status: ContentStatus::Idea,
        owner: String::new(),
        publish_at: at,
        notes: String::new(),
        tags: Vec::new(),
        link: None,
        repeat: Recurrence::None,
    }
}

fn close() {
    let ctx = use_ctx();
    let next = ctx.route.get_untracked().without("selected");
    url::push(ctx.route, next);
}

#[component]
pub fn Editor(
    shown: Memo<Vec<Shown<ContentItem>>>,
    content: ListResource<ContentItem>,
    owners: Memo<BTreeSet<String>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let selected = Memo::new(move |_| ctx.view_route().get("selected").map(str::to_string));
    move || {
        let sel = selected.get()?;
        let existing =
            shown.with_untracked(|s| s.iter().find(|s| s.item.id == sel).map(|s| s.item.clone()));
        let item = match (sel.as_str(), existing) {
            ("new", _) => blank(),
            (_, Some(item)) => item,
            (_, None) => {
                return Some(view! {
                    <div class="dialog-backdrop">
                        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="dlg-title">
                            <h2 id="dlg-title">{move || ctx.tr("找不到这条内容", "Content not found")}</h2>
                            <p>{move || ctx.tr("它可能已被删除。", "It may have been deleted.")}</p>
                            <button type="button" class="btn" on:click=move |_| close()>{move || ctx.tr("关闭", "Close")}</button>
                        </div>
                    </div>
                }.into_any());
            }
        };
        Some(view! { <Form item content owners /> }.into_any())
    }
}

#[component]
fn Form(
    item: ContentItem,
    content: ListResource<ContentItem>,
    owners: Memo<BTreeSet<String>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let is_new = item.id.is_empty();
    let original = StoredValue::new(item.clone());
    let title = RwSignal::new(item.title.clone());
    let kind = RwSignal::new(item.kind);
    let channels = RwSignal::new(item.channels.clone());
    let status = RwSignal::new(item.status);
    let owner = RwSignal::new(item.owner.clone());
    let date = RwSignal::new(item.publish_at.format("%Y-%m-%d").to_string());
    let time = RwSignal::new(item.publish_at.format("%H:%M").to_string());
    let notes = RwSignal::new(item.notes.clone());
    let tags = RwSignal::new(item.tags.join(", "));
    let link = RwSignal::new(item.link.clone().unwrap_or_default());
    let repeat = RwSignal::new(item.repeat);
    let move_date = RwSignal::new(String::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let first = NodeRef::<Input>::new();
    Effect::new(move |_| {
        if let Some(el) = first.get() {
            let _ = el.focus();
        }
    });

    let build = move || -> Result<ContentItem, String> {
        let lang = ctx.lang.get_untracked();
        let t = title.get_untracked().trim().to_string();
        if t.is_empty() {
            return Err(lang.tr("请填写标题。", "Enter a title.").into());
        }
        let chans = channels.get_untracked();
        if chans.is_empty() {
            return Err(lang
                .tr("至少选择一个渠道。", "Choose at least one channel.")
                .into());
        }
        let d = NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d").map_err(|_| {
            lang.tr("请填写有效的发布日期。", "Enter a valid publish date.")
                .to_string()
        })?;
        let tm = NaiveTime::parse_from_str(&time.get_untracked(), "%H:%M").map_err(|_| {
            lang.tr("请填写有效的发布时间。", "Enter a valid publish time.")
                .to_string()
        })?;
        let link = validate_link(&link.get_untracked()).map_err(|e| e.label(lang).to_string())?;
        let mut next = original.get_value();
        if next.id.is_empty() {
            next.id = new_id("ct");
        }
        next.title = t;
        next.kind = kind.get_untracked();
        next.channels = chans;
        next.status = status.get_untracked();
        next.owner = owner.get_untracked().trim().to_string();
        next.publish_at = NaiveDateTime::new(d, tm);
        next.notes = notes.get_untracked().trim().to_string();
        next.tags = tags
            .get_untracked()
            .split([',', ',', '、'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        next.link = link;
        next.repeat = repeat.get_untracked();
        Ok(next)
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match build() {
            Ok(item) => {
                let op = if is_new { Op::Create } else { Op::Update };
                submit(
                    ctx,
                    op,
                    item.id.clone(),
                    Some(item.clone()),
                    item.title.clone(),
                    Some(content),
                );
                close();
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let delete = move |_| {
        let item = original.get_value();
        let ok = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(ctx.tr("确定删除这条内容吗?", "Delete this content item?"))
                    .ok()
            })
            .unwrap_or(false);
        if ok {
            submit::<ContentItem>(
                ctx,
                Op::Delete,
                item.id.clone(),
                None,
                item.title.clone(),
                Some(content),
            );
            close();
        }
    };
    let do_move = move |_| {
        let Ok(d) = NaiveDate::parse_from_str(&move_date.get_untracked(), "%Y-%m-%d") else {
            error.set(Some(
                ctx.tr("请选择要移动到的日期。", "Pick the date to move to.")
                    .into(),
            ));
            return;
        };
        let moved = move_to(&original.get_value(), d);
        submit(
            ctx,
            Op::Update,
            moved.id.clone(),
            Some(moved.clone()),
            moved.title.clone(),
            Some(content),
        );
        close();
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    let enum_select = move |id: &'static str,
                            zh: &'static str,
                            en: &'static str,
                            options: Vec<(&'static str, Signal<String>)>,
                            value: Signal<String>,
                            set: Callback<String>| {
        view! {
            <label class="field" for=id>
                <span class="field-label">{move || ctx.tr(zh, en)}</span>
                <select id=id on:change=move |ev| set.run(event_target_value(&ev))>
                    {options.into_iter().map(|(v, l)| view! { <option value=v selected=move || value.get() == v>{move || l.get()}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let lang = move || ctx.lang.get();
    view! {
        <div class="dialog-backdrop" on:keydown=on_key>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="dlg-title">
                <header class="detail-header">
                    <h2 id="dlg-title">{move || if is_new { ctx.tr("新建内容", "New content") } else { ctx.tr("编辑内容", "Edit content") }}</h2>
                    <button type="button" class="btn btn-ghost" on:click=move |_| close()>{move || ctx.tr("关闭", "Close")}</button>
                </header>
                <form class="content-form" on:submit=save>
                    <label class="field" for="ct-title">
                        <span class="field-label">{move || ctx.tr("标题", "Title")}</span>
                        <input id="ct-title" node_ref=first required maxlength="120" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                    </label>
                    <div class="form-row">
                        {enum_select("ct-type", "类型", "Type",
                            ContentType::ALL.iter().map(|t| (t.id(), Signal::derive(move || t.label(lang()).to_string()))).collect(),
                            Signal::derive(move || kind.get().id().to_string()),
                            Callback::new(move |v: String| if let Some(t) = ContentType::from_id(&v) { kind.set(t) }))}
                        {enum_select("ct-status", "状态", "Status",
                            ContentStatus::ALL.iter().map(|t| (t.id(), Signal::derive(move || t.label(lang()).to_string()))).collect(),
                            Signal::derive(move || status.get().id().to_string()),
                            Callback::new(move |v: String| if let Some(t) = ContentStatus::from_id(&v) { status.set(t) }))}
                        {enum_select("ct-repeat", "重复", "Repeat",
                            Recurrence::ALL.iter().map(|t| (t.id(), Signal::derive(move || t.label(lang()).to_string()))).collect(),
                            Signal::derive(move || repeat.get().id().to_string()),
                            Callback::new(move |v: String| if let Some(t) = Recurrence::from_id(&v) { repeat.set(t) }))}
                    </div>
                    <fieldset>
                        <legend>{move || ctx.tr("发布渠道", "Channels")}</legend>
                        <div class="checks">
                            {ContentChannel::ALL.iter().map(|c| {
                                let c = *c;
                                view! {
                                    <label class="checkbox">
                                        <input type="checkbox" prop:checked=move || channels.with(|v| v.contains(&c))
                                            on:change=move |ev| channels.update(|v| {
                                                v.retain(|x| *x != c);
                                                if event_target_checked(&ev) { v.push(c) }
                                            }) />
                                        <span>{move || c.label(ctx.lang.get())}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                    <div class="form-row">
                        <label class="field" for="ct-date">
                            <span class="field-label">{move || ctx.tr("发布日期", "Publish date")}</span>
                            <input id="ct-date" type="date" required prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                        </label>
                        <label class="field" for="ct-time">
                            <span class="field-label">{move || ctx.tr("时间", "Time")}</span>
                            <input id="ct-time" type="time" required prop:value=move || time.get() on:input=move |ev| time.set(event_target_value(&ev)) />
                        </label>
                        <label class="field" for="ct-owner">
                            <span class="field-label">{move || ctx.tr("负责人", "Owner")}</span>
                            <input id="ct-owner" list="ct-owners" maxlength="40" prop:value=move || owner.get() on:input=move |ev| owner.set(event_target_value(&ev)) />
                            <datalist id="ct-owners">
                                {move || owners.get().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}
                            </datalist>
                        </label>
                    </div>
                    <label class="field" for="ct-link">
                        <span class="field-label">{move || ctx.tr("链接(可选,仅 http/https)", "Link (optional, http/https only)")}</span>
                        <input id="ct-link" type="url" inputmode="url" prop:value=move || link.get() on:input=move |ev| link.set(event_target_value(&ev)) />
                    </label>
                    <label class="field" for="ct-tags">
                        <span class="field-label">{move || ctx.tr("标签(逗号分隔)", "Tags (comma separated)")}</span>
                        <input id="ct-tags" prop:value=move || tags.get() on:input=move |ev| tags.set(event_target_value(&ev)) />
                    </label>
                    <label class="field" for="ct-notes">
                        <span class="field-label">{move || ctx.tr("备注", "Notes")}</span>
                        <textarea id="ct-notes" rows="3" maxlength="2000" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                    </label>
                    {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                    <div class="form-actions">
                        <button type="submit" class="btn btn-primary">{move || ctx.tr("保存", "Save")}</button>
                        {(!is_new).then(|| view! {
                            <button type="button" class="btn btn-danger" on:click=delete>{move || ctx.tr("删除", "Delete")}</button>
                        })}
                    </div>
                </form>
                {(!is_new).then(|| view! {
                    <div class="move-to">
                        <label class="field" for="ct-move">
                            <span class="field-label">{move || ctx.tr("移动到日期(不用拖拽)", "Move to date (without dragging)")}</span>
                            <input id="ct-move" type="date" prop:value=move || move_date.get() on:input=move |ev| move_date.set(event_target_value(&ev)) />
                        </label>
                        <button type="button" class="btn" on:click=do_move>{move || ctx.tr("移动", "Move")}</button>
                    </div>
                })}
            </div>
        </div>
    }
}
