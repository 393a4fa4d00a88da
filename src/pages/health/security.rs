//! The security routine: each check with its interval, last run and due
//! date, overdue ones first and flagged, "mark done today", and an editor
//! (`check=<id>` or `check=new`), through the outbox.

use leptos::prelude::*;

use crate::components::form::{
    ConfirmDelete, DateField, Dialog, EnumSelect, Field, NumberInput, TextInput,
};
use crate::components::PendingBadge;
use crate::data::outbox::{overlay, Op, Shown};
use crate::domain::health::model::{SecurityCheck, SecurityCheckKind};
use crate::domain::health::security::{due_date, state, CheckState};
use crate::i18n::{words, Lang};
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::{new_id, submit};
use crate::state::loading::ListResource;

use super::today;

const PARAM: &str = "check";

fn close(ctx: Ctx) {
    ctx.url().clear([PARAM]);
}

#[component]
pub fn Checklist(list: ListResource<SecurityCheck>) -> impl IntoView {
    let ctx = use_ctx();
    let shown = Memo::new(move |_| {
        let server = list.get().and_then(Result::ok).unwrap_or_default();
        let t = today();
        let mut rows = ctx.outbox.with(|ob| overlay(&server, ob));
        // Overdue first, then by due date.
        rows.sort_by_key(|s| {
            let (st, days) = state(&s.item, t);
            (
                st != CheckState::Overdue,
                days.unwrap_or(i64::MAX),
                s.item.name.clone(),
            )
        });
        rows
    });
    let mark_done = move |c: SecurityCheck| {
        let mut c = c;
        c.last_done = Some(today());
        submit(
            ctx,
            Op::Update,
            c.id.clone(),
            Some(c.clone()),
            c.name.clone(),
            Some(list),
        );
    };
    view! {
        <section class="card security" aria-labelledby="sec-title">
            <div class="card-head">
                <h2 id="sec-title">{move || ctx.tr("安全例行检查", "Security routine")}</h2>
                <button type="button" class="btn" on:click=move |_| ctx.url().set(PARAM, "new")>{move || ctx.tr("添加检查项", "Add a check")}</button>
            </div>
            <div class="table-scroll">
                <table class="check-table">
                    <thead><tr>
                        <th scope="col">{move || ctx.tr("检查项", "Check")}</th>
                        <th scope="col">{move || ctx.tr("周期", "Every")}</th>
                        <th scope="col">{move || ctx.tr("上次完成", "Last done")}</th>
                        <th scope="col">{move || ctx.tr("到期日", "Due")}</th>
                        <th scope="col">{move || words::status(ctx.lang.get())}</th>
                        <th scope="col"><span class="sr-only">{move || ctx.tr("操作", "Actions")}</span></th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let lang = ctx.lang.get();
                            let t = today();
                            shown.get().into_iter().map(|s: Shown<SecurityCheck>| {
                                let c = s.item;
                                let (st, days) = state(&c, t);
                                let due = due_date(&c, t).map(|d| d.to_string()).unwrap_or_else(|| "—".into());
                                let status = match (st, days, lang) {
                                    (CheckState::Overdue, Some(d), Lang::Zh) if d < 0 => format!("{}({} 天)", st.label(lang), -d),
                                    (CheckState::Overdue, Some(d), Lang::En) if d < 0 => format!("{} ({} day(s))", st.label(lang), -d),
                                    _ => st.label(lang).to_string(),
                                };
                                let id = c.id.clone();
                                let done = c.clone();
                                let name = c.name.clone();
                                view! {
                                    <tr data-id=c.id.clone() class=format!("check-{}", st.id())>
                                        <th scope="row">
                                            <button type="button" class="link-btn" on:click=move |_| ctx.url().set(PARAM, &id)>{c.name.clone()}</button>
                                            <span class="muted small">" · "{c.kind.label(lang)}</span>
                                            {s.pending.clone().map(|state| view! { <PendingBadge state /> })}
                                        </th>
                                        <td>{match lang { Lang::Zh => format!("{} 天", c.interval_days), Lang::En => format!("{} days", c.interval_days) }}</td>
                                        <td>{c.last_done.map(|d| d.to_string()).unwrap_or_else(|| lang.tr("从未", "Never").to_string())}</td>
                                        <td>{due}</td>
                                        <td class=format!("status status-{}", st.id()) data-col="state">{status}</td>
                                        <td>
                                            <button type="button" class="btn btn-small" aria-label=format!("{}:{}", lang.tr("今天已完成", "Mark done today"), name)
                                                on:click=move |_| mark_done(done.clone())>{lang.tr("今天已完成", "Mark done today")}</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <Editor shown list />
        </section>
    }
}

#[component]
fn Editor(
    shown: Memo<Vec<Shown<SecurityCheck>>>,
    list: ListResource<SecurityCheck>,
) -> impl IntoView {
    let ctx = use_ctx();
    let selected = Memo::new(move |_| ctx.url().get(PARAM));
    move || {
        let id = selected.get()?;
        let item = if id == "new" {
            SecurityCheck {
                id: String::new(),
                name: String::new(),
                kind: SecurityCheckKind::Other,
                interval_days: 30,
                last_done: None,
                expires: None,
                owner: String::new(),
                note: String::new(),
            }
        } else {
            shown.with_untracked(|s| s.iter().find(|s| s.item.id == id).map(|s| s.item.clone()))?
        };
        Some(view! { <Form item list /> })
    }
}

#[component]
fn Form(item: SecurityCheck, list: ListResource<SecurityCheck>) -> impl IntoView {
    let ctx = use_ctx();
    let is_new = item.id.is_empty();
    let original = StoredValue::new(item.clone());
    let name = RwSignal::new(item.name.clone());
    let kind = RwSignal::new(item.kind);
    let interval = RwSignal::new(item.interval_days.to_string());
    let last_done = RwSignal::new(item.last_done);
    let expires = RwSignal::new(item.expires);
    let owner = RwSignal::new(item.owner.clone());
    let note = RwSignal::new(item.note.clone());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let on_close = Callback::new(move |()| close(ctx));
    let save = move || {
        let lang = ctx.lang.get_untracked();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            error.set(Some(lang.tr("请填写检查项名称。", "Enter a name.").into()));
            return;
        }
        let Ok(days) = interval.get_untracked().trim().parse::<u32>() else {
            error.set(Some(
                lang.tr(
                    "周期须为整数天数。",
                    "The interval must be a whole number of days.",
                )
                .into(),
            ));
            return;
        };
        let mut c = original.get_value();
        if c.id.is_empty() {
            c.id = new_id("sec");
        }
        c.name = n;
        c.kind = kind.get_untracked();
        c.interval_days = days;
        c.last_done = last_done.get_untracked();
        c.expires = expires.get_untracked();
        c.owner = owner.get_untracked().trim().to_string();
        c.note = note.get_untracked().trim().to_string();
        let op = if is_new { Op::Create } else { Op::Update };
        submit(
            ctx,
            op,
            c.id.clone(),
            Some(c.clone()),
            c.name.clone(),
            Some(list),
        );
        on_close.run(());
    };
    let delete = Callback::new(move |()| {
        let c = original.get_value();
        submit::<SecurityCheck>(
            ctx,
            Op::Delete,
            c.id.clone(),
            None,
            c.name.clone(),
            Some(list),
        );
        on_close.run(());
    });
    let heading = move || {
        if is_new {
            ctx.tr("添加检查项", "Add a check")
        } else {
            ctx.tr("编辑检查项", "Edit check")
        }
    };
    view! {
        <Dialog title_id="sec-dialog-title" title=heading on_close>
            <form class="content-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save() }>
                <Field id="sec-name" label=move || ctx.tr("检查项", "Check")><TextInput value=name required=true maxlength=120 autofocus=true /></Field>
                <div class="form-row">
                    <Field id="sec-kind" label=move || ctx.tr("类别", "Category")><EnumSelect value=kind /></Field>
                    <Field id="sec-interval" label=move || ctx.tr("周期(天)", "Interval (days)")><NumberInput value=interval step="1" /></Field>
                </div>
                <div class="form-row">
                    <Field id="sec-last" label=move || ctx.tr("上次完成", "Last done")><DateField value=last_done /></Field>
                    <Field id="sec-expires" label=move || ctx.tr("证书到期日(如有)", "Certificate expires (if any)")><DateField value=expires /></Field>
                </div>
                <Field id="sec-owner" label=move || words::owner(ctx.lang.get())><TextInput value=owner maxlength=60 /></Field>
                <Field id="sec-note" label=move || ctx.tr("备注", "Notes")><TextInput value=note maxlength=200 /></Field>
                {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{move || words::save(ctx.lang.get())}</button>
                    {(!is_new).then(|| view! {
                        <ConfirmDelete question=move || ctx.tr("确定删除这个检查项吗?", "Delete this check?") on_confirm=delete />
                    })}
                </div>
            </form>
        </Dialog>
    }
}
