//! The incidents log: newest first with duration, and create / edit /
//! delete in a dialog (`incident=<id>` or `incident=new` in the URL),
//! through the outbox like every editable collection.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use leptos::prelude::*;

use crate::components::form::{
    ConfirmDelete, DateField, Dialog, EnumSelect, Field, TextArea, TextInput,
};
use crate::components::PendingBadge;
use crate::data::outbox::{Op, Shown};
use crate::domain::health::alert_rules::AlertSeverity;
use crate::domain::health::incidents::{duration_minutes, newest_first};
use crate::domain::health::model::Incident;
use crate::i18n::{words, Lang};
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::{new_id, submit};
use crate::state::loading::ListResource;

use super::today;

const PARAM: &str = "incident";

fn close(ctx: Ctx) {
    ctx.url().clear([PARAM]);
}

/// "1 小时 25 分钟" / "1 h 25 min"; "进行中" while open.
fn duration_text(i: &Incident, lang: Lang) -> String {
    match duration_minutes(i) {
        None if i.end.is_none() => lang.tr("进行中", "Ongoing").to_string(),
        None => "—".into(),
        Some(m) => {
            let (h, m) = (m / 60, m % 60);
            match (lang, h) {
                (Lang::Zh, 0) => format!("{m} 分钟"),
                (Lang::Zh, _) => format!("{h} 小时 {m} 分钟"),
                (Lang::En, 0) => format!("{m} min"),
                (Lang::En, _) => format!("{h} h {m} min"),
            }
        }
    }
}

fn stamp(d: NaiveDateTime) -> String {
    d.format("%Y-%m-%d %H:%M").to_string()
}

#[component]
pub fn Incidents(shown: Memo<Vec<Shown<Incident>>>, list: ListResource<Incident>) -> impl IntoView {
    let ctx = use_ctx();
    let sorted = Memo::new(move |_| {
        let mut items: Vec<Shown<Incident>> = shown.get();
        let mut plain: Vec<Incident> = items.iter().map(|s| s.item.clone()).collect();
        newest_first(&mut plain);
        plain
            .into_iter()
            .filter_map(|i| {
                let pos = items.iter().position(|s| s.item.id == i.id)?;
                Some(items.swap_remove(pos))
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card incidents" aria-labelledby="inc-title">
            <div class="card-head">
                <h2 id="inc-title">{move || ctx.tr("事故记录", "Incidents")}</h2>
                <button type="button" class="btn btn-primary" data-testid="new-incident" on:click=move |_| ctx.url().set(PARAM, "new")>
                    {move || ctx.tr("记录事故", "Record an incident")}
                </button>
            </div>
            <ul class="incident-list">
                {move || {
                    let lang = ctx.lang.get();
                    sorted.get().into_iter().map(|s| {
                        let i = s.item;
                        let id = i.id.clone();
                        let sev = i.severity;
                        view! {
                            <li class=format!("incident sev-{}", sev.id()) data-id=i.id.clone()>
                                <div class="incident-head">
                                    <span class="badge">{sev.label(lang)}</span>
                                    <button type="button" class="link-btn" on:click=move |_| ctx.url().set(PARAM, &id)>{i.title.clone()}</button>
                                    {s.pending.clone().map(|state| view! { <PendingBadge state /> })}
                                </div>
                                <p class="muted small">
                                    {stamp(i.start)}" → "{i.end.map(stamp).unwrap_or_else(|| lang.tr("尚未结束", "not over").to_string())}
                                    " · "<span data-col="duration">{duration_text(&i, lang)}</span>
                                    {(!i.affected.is_empty()).then(|| format!(" · {}{}", lang.tr("影响:", "Affected: "), i.affected))}
                                </p>
                                {(!i.cause.is_empty()).then(|| view! { <p class="small">{lang.tr("原因:", "Cause: ")}{i.cause.clone()}</p> })}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <Editor shown list />
        </section>
    }
}

#[component]
fn Editor(shown: Memo<Vec<Shown<Incident>>>, list: ListResource<Incident>) -> impl IntoView {
    let ctx = use_ctx();
    let selected = Memo::new(move |_| ctx.url().get(PARAM));
    move || {
        let id = selected.get()?;
        let item = if id == "new" {
            let start = today().and_time(NaiveTime::MIN);
            Incident {
                id: String::new(),
                title: String::new(),
                start,
                end: None,
                severity: AlertSeverity::Warning,
                affected: String::new(),
                cause: String::new(),
                fix: String::new(),
                follow_up: String::new(),
            }
        } else {
            shown.with_untracked(|s| s.iter().find(|s| s.item.id == id).map(|s| s.item.clone()))?
        };
        Some(view! { <Form item list /> })
    }
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

fn join(date: Option<NaiveDate>, time: &str) -> Option<NaiveDateTime> {
    Some(date?.and_time(parse_time(time)?))
}

#[component]
fn Form(item: Incident, list: ListResource<Incident>) -> impl IntoView {
    let ctx = use_ctx();
    let is_new = item.id.is_empty();
    let original = StoredValue::new(item.clone());
    let title = RwSignal::new(item.title.clone());
    let severity = RwSignal::new(item.severity);
    let start_day = RwSignal::new(Some(item.start.date()));
    let start_time = RwSignal::new(item.start.format("%H:%M").to_string());
    let end_day = RwSignal::new(item.end.map(|e| e.date()));
    let end_time = RwSignal::new(
        item.end
            .map(|e| e.format("%H:%M").to_string())
            .unwrap_or_default(),
    );
    let affected = RwSignal::new(item.affected.clone());
    let cause = RwSignal::new(item.cause.clone());
    let fix = RwSignal::new(item.fix.clone());
    let follow_up = RwSignal::new(item.follow_up.clone());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let on_close = Callback::new(move |()| close(ctx));
    let build = move || -> Result<Incident, String> {
        let lang = ctx.lang.get_untracked();
        let bad = |zh: &'static str, en: &'static str| lang.tr(zh, en).to_string();
        let t = title.get_untracked().trim().to_string();
        if t.is_empty() {
            return Err(bad("请填写事故标题。", "Enter a title."));
        }
        let start =
            join(start_day.get_untracked(), &start_time.get_untracked()).ok_or_else(|| {
                bad(
                    "开始时间无效(日期与 时:分)。",
                    "Invalid start (date and HH:MM).",
                )
            })?;
        let end = match (end_day.get_untracked(), end_time.get_untracked().trim()) {
            (None, "") => None,
            (day, time) => {
                let time = if time.is_empty() { "00:00" } else { time };
                Some(join(day, time).ok_or_else(|| {
                    bad(
                        "结束时间无效(日期与 时:分)。",
                        "Invalid end (date and HH:MM).",
                    )
                })?)
            }
        };
        if end.is_some_and(|e| e < start) {
            return Err(bad(
                "结束时间不能早于开始时间。",
                "The end is before the start.",
            ));
        }
        let mut i = original.get_value();
        if i.id.is_empty() {
            i.id = new_id("inc");
        }
        i.title = t;
        i.severity = severity.get_untracked();
        i.start = start;
        i.end = end;
        i.affected = affected.get_untracked().trim().to_string();
        i.cause = cause.get_untracked().trim().to_string();
        i.fix = fix.get_untracked().trim().to_string();
        i.follow_up = follow_up.get_untracked().trim().to_string();
        Ok(i)
    };
    let save = move || match build() {
        Ok(i) => {
            let op = if is_new { Op::Create } else { Op::Update };
            submit(
                ctx,
                op,
                i.id.clone(),
                Some(i.clone()),
                i.title.clone(),
                Some(list),
            );
            on_close.run(());
        }
        Err(e) => error.set(Some(e)),
    };
    let delete = Callback::new(move |()| {
        let i = original.get_value();
        submit::<Incident>(
            ctx,
            Op::Delete,
            i.id.clone(),
            None,
            i.title.clone(),
            Some(list),
        );
        on_close.run(());
    });
    let heading = move || {
        if is_new {
            ctx.tr("记录事故", "Record an incident")
        } else {
            ctx.tr("编辑事故", "Edit incident")
        }
    };
    view! {
        <Dialog title_id="inc-dialog-title" title=heading on_close wide=true>
            <form class="content-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save() }>
                <Field id="inc-title-input" label=move || ctx.tr("事故标题", "Incident title")>
                    <TextInput value=title required=true maxlength=120 autofocus=true />
                </Field>
                <div class="form-row">
                    <Field id="inc-severity" label=move || ctx.tr("严重程度", "Severity")><EnumSelect value=severity /></Field>
                    <Field id="inc-start-day" label=move || words::start(ctx.lang.get())><DateField value=start_day required=true /></Field>
                    <Field id="inc-start-time" label=move || ctx.tr("开始时刻(时:分)", "Start time (HH:MM)")><TextInput value=start_time maxlength=5 inputmode="numeric" /></Field>
                    <Field id="inc-end-day" label=move || words::end(ctx.lang.get())><DateField value=end_day /></Field>
                    <Field id="inc-end-time" label=move || ctx.tr("结束时刻(时:分)", "End time (HH:MM)")><TextInput value=end_time maxlength=5 inputmode="numeric" /></Field>
                </div>
                <Field id="inc-affected" label=move || ctx.tr("影响范围", "Affected")><TextInput value=affected maxlength=200 /></Field>
                <Field id="inc-cause" label=move || ctx.tr("原因", "Cause")><TextArea value=cause rows=2 /></Field>
                <Field id="inc-fix" label=move || ctx.tr("处理措施", "Fix")><TextArea value=fix rows=2 /></Field>
                <Field id="inc-follow-up" label=move || ctx.tr("后续改进", "Follow-up")><TextArea value=follow_up rows=2 /></Field>
                {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{move || words::save(ctx.lang.get())}</button>
                    {(!is_new).then(|| view! {
                        <ConfirmDelete question=move || ctx.tr("确定删除这条事故记录吗?", "Delete this incident?") on_confirm=delete />
                    })}
                </div>
            </form>
        </Dialog>
    }
}
