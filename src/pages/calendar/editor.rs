//! The content dialog: create, edit, move to a date (the non-drag way to
//! reschedule) and delete. Opened by `selected=<id>` (or `new`) in the URL.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use leptos::prelude::*;

use super::today;
use crate::components::form::{
    ConfirmDelete, DateField, Dialog, EnumChecks, EnumSelect, Field, TextArea, TextInput,
};
use crate::data::outbox::{Op, Shown};
use crate::domain::calendar::editing::{move_to, validate_link};
use crate::domain::calendar::model::{
    ContentChannel, ContentItem, ContentStatus, ContentType, Recurrence,
};
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::{new_id, submit};
use crate::state::loading::ListResource;

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

fn close(ctx: Ctx) {
    ctx.url().clear(["selected"]);
}

#[component]
pub fn Editor(
    shown: Memo<Vec<Shown<ContentItem>>>,
    content: ListResource<ContentItem>,
    owners: Memo<BTreeSet<String>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let selected = Memo::new(move |_| ctx.url().get("selected"));
    let on_close = Callback::new(move |()| close(ctx));
    move || {
        let sel = selected.get()?;
        let existing =
            shown.with_untracked(|s| s.iter().find(|s| s.item.id == sel).map(|s| s.item.clone()));
        let item = match (sel.as_str(), existing) {
            ("new", _) => blank(),
            (_, Some(item)) => item,
            (_, None) => {
                return Some(view! {
                    <Dialog title_id="dlg-title" title=move || ctx.tr("找不到这条内容", "Content not found") on_close>
                        <p>{move || ctx.tr("它可能已被删除。", "It may have been deleted.")}</p>
                    </Dialog>
                }.into_any());
            }
        };
        Some(view! { <Form item content owners on_close /> }.into_any())
    }
}

/// Tags as typed: split on commas and 、.
fn parse_tags(text: &str) -> Vec<String> {
    text.split([',', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[component]
fn Form(
    item: ContentItem,
    content: ListResource<ContentItem>,
    owners: Memo<BTreeSet<String>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let is_new = item.id.is_empty();
    let original = StoredValue::new(item.clone());
    let title = RwSignal::new(item.title.clone());
    let kind = RwSignal::new(item.kind);
    let channels = RwSignal::new(item.channels.clone());
    let status = RwSignal::new(item.status);
    let owner = RwSignal::new(item.owner.clone());
    let date = RwSignal::new(Some(item.publish_at.date()));
    let time = RwSignal::new(item.publish_at.format("%H:%M").to_string());
    let notes = RwSignal::new(item.notes.clone());
    let tags = RwSignal::new(item.tags.join(", "));
    let link = RwSignal::new(item.link.clone().unwrap_or_default());
    let repeat = RwSignal::new(item.repeat);
    let move_date = RwSignal::new(None::<NaiveDate>);
    let error: RwSignal<Option<String>> = RwSignal::new(None);

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
        let d = date.get_untracked().ok_or_else(|| {
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
        next.tags = parse_tags(&tags.get_untracked());
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
                on_close.run(());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let delete = Callback::new(move |()| {
        let item = original.get_value();
        submit::<ContentItem>(
            ctx,
            Op::Delete,
            item.id.clone(),
            None,
            item.title.clone(),
            Some(content),
        );
        on_close.run(());
    });
    let do_move = move |_| {
        let Some(d) = move_date.get_untracked() else {
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
        on_close.run(());
    };
    let heading = move || {
        if is_new {
            ctx.tr("新建内容", "New content")
        } else {
            ctx.tr("编辑内容", "Edit content")
        }
    };
    view! {
        <Dialog title_id="dlg-title" title=heading on_close>
            <form class="content-form" on:submit=save>
                <Field id="ct-title" label=move || ctx.tr("标题", "Title")>
                    <TextInput value=title required=true maxlength=120 autofocus=true />
                </Field>
                <div class="form-row">
                    <Field id="ct-type" label=move || ctx.tr("类型", "Type")><EnumSelect value=kind /></Field>
                    <Field id="ct-status" label=move || ctx.tr("状态", "Status")><EnumSelect value=status /></Field>
                    <Field id="ct-repeat" label=move || ctx.tr("重复", "Repeat")><EnumSelect value=repeat /></Field>
                </div>
                <fieldset>
                    <legend>{move || ctx.tr("发布渠道", "Channels")}</legend>
                    <EnumChecks values=channels />
                </fieldset>
                <div class="form-row">
                    <Field id="ct-date" label=move || ctx.tr("发布日期", "Publish date")>
                        <DateField value=date required=true />
                    </Field>
                    <Field id="ct-time" label=move || ctx.tr("时间", "Time")>
                        <TextInput value=time kind="time" required=true />
                    </Field>
                    <Field id="ct-owner" label=move || ctx.tr("负责人", "Owner")>
                        <TextInput value=owner list="ct-owners" maxlength=40 />
                        <datalist id="ct-owners">
                            {move || owners.get().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}
                        </datalist>
                    </Field>
                </div>
                <Field id="ct-link" label=move || ctx.tr("链接(可选,仅 http/https)", "Link (optional, http/https only)")>
                    <TextInput value=link kind="url" inputmode="url" />
                </Field>
                <Field id="ct-tags" label=move || ctx.tr("标签(逗号分隔)", "Tags (comma separated)")>
                    <TextInput value=tags />
                </Field>
                <Field id="ct-notes" label=move || ctx.tr("备注", "Notes")>
                    <TextArea value=notes rows=3 maxlength=2000 />
                </Field>
                {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{move || ctx.tr("保存", "Save")}</button>
                    {(!is_new).then(|| view! {
                        <ConfirmDelete question=move || ctx.tr("确定删除这条内容吗?", "Delete this content item?") on_confirm=delete />
                    })}
                </div>
            </form>
            {(!is_new).then(|| view! {
                <div class="move-to">
                    <Field id="ct-move" label=move || ctx.tr("移动到日期(不用拖拽)", "Move to date (without dragging)")>
                        <DateField value=move_date />
                    </Field>
                    <button type="button" class="btn" on:click=do_move>{move || ctx.tr("移动", "Move")}</button>
                </div>
            })}
        </Dialog>
    }
}
