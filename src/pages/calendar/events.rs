//! Tianjin's local events (盘山登山节, 茶馆相声节, …): an editable collection
//! whose days show as markers on the calendar and the campaign timeline.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::{DataView, PendingBadge};
use crate::data::outbox::{overlay, Op};
use crate::domain::calendar::model::LocalEvent;
use crate::domain::calendar::query::CalendarQuery;
use crate::domain::cockpit::dimensions::District;
use crate::i18n::words;
use crate::i18n::{format_count, format_date, Lang};
use crate::state::context::use_ctx;
use crate::state::edits::{new_id, submit};
use crate::state::loading::{list_resource, ListResource};

use super::MANY_EVENTS;

/// The most events listed at once when there are very many.
const LIST_CAP: usize = 200;

#[component]
pub fn LocalEvents() -> impl IntoView {
    let ctx = use_ctx();
    let events: ListResource<LocalEvent> = list_resource::<LocalEvent>(ctx);
    view! {
        <details class="card local-events">
            <summary><h2>{move || ctx.tr("天津本地时节", "Tianjin local events")}</h2></summary>
            <DataView resource=events render={move |rows: Vec<LocalEvent>| view! { <EventList rows events /> }} />
        </details>
    }
}

#[component]
fn EventList(rows: Vec<LocalEvent>, events: ListResource<LocalEvent>) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    let shown = Memo::new(move |_| {
        let mut s = rows.with_value(|r| ctx.outbox.with(|ob| overlay(r, ob)));
        s.sort_by_key(|s| s.item.start);
        s
    });
    // A long list would take seconds to build: past MANY_EVENTS, list only
    // the events the calendar is showing, at most LIST_CAP of them.
    let listed = Memo::new(move |_| {
        let (from, to) = ctx
            .url()
            .read(|p| CalendarQuery::from_params(p, super::today()))
            .range();
        shown.with(|all| {
            if all.len() <= MANY_EVENTS {
                return (all.clone(), None);
            }
            let in_view: Vec<_> = all
                .iter()
                .filter(|s| s.item.end >= from && s.item.start <= to)
                .collect();
            let n = in_view.len();
            let list = in_view.into_iter().take(LIST_CAP).cloned().collect();
            (list, Some((n, all.len())))
        })
    });
    let name = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let district = RwSignal::new(String::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        let n = name.get_untracked().trim().to_string();
        let s = NaiveDate::parse_from_str(&start.get_untracked(), "%Y-%m-%d").ok();
        let e = NaiveDate::parse_from_str(&end.get_untracked(), "%Y-%m-%d")
            .ok()
            .or(s);
        match (n.is_empty(), s, e) {
            (false, Some(s), Some(e)) if e >= s => {
                let id = new_id("ev");
                let event = LocalEvent {
                    id: id.clone(),
                    name: n.clone(),
                    start: s,
                    end: e,
                    district: District::from_id(&district.get_untracked()),
                    note: String::new(),
                };
                submit(ctx, Op::Create, id, Some(event), n, Some(events));
                name.set(String::new());
                error.set(None);
            }
            _ => error.set(Some(
                lang.tr(
                    "请填写名称和有效的起止日期。",
                    "Enter a name and valid start and end dates.",
                )
                .into(),
            )),
        }
    };
    view! {
        {move || listed.with(|(_, part)| *part).map(|(in_view, total)| view! {
            <p class="notice notice-warn" role="status" data-testid="events-partial">
                {move || match ctx.lang.get() {
                    Lang::Zh => format!(
                        "共 {} 条本地时节,只列出当前视图内的 {} 条{}。",
                        format_count(total as f64, Lang::Zh),
                        format_count(in_view.min(LIST_CAP) as f64, Lang::Zh),
                        if in_view > LIST_CAP { format!("(视图内共 {in_view} 条)") } else { String::new() },
                    ),
                    Lang::En => format!(
                        "{} local events in all; listing the {} in the current view{}.",
                        format_count(total as f64, Lang::En),
                        format_count(in_view.min(LIST_CAP) as f64, Lang::En),
                        if in_view > LIST_CAP { format!(" (of {in_view} there)") } else { String::new() },
                    ),
                }}
            </p>
        })}
        <ul class="event-list">
            {move || listed.get().0.into_iter().map(|s| {
                let ev = s.item.clone();
                let (id, label) = (ev.id.clone(), ev.name.clone());
                view! {
                    <li>
                        <span class="event-name">{ev.name.clone()}</span>
                        <span class="muted">
                            {move || format!("{} – {}", format_date(ev.start, ctx.lang.get()), format_date(ev.end, ctx.lang.get()))}
                            {move || ev.district.map(|d| format!(" · {}", d.label(ctx.lang.get()))).unwrap_or_default()}
                        </span>
                        {s.pending.map(|p| view! { <PendingBadge state=p /> })}
                        <button type="button" class="btn btn-ghost" on:click=move |_| {
                            submit::<LocalEvent>(ctx, Op::Delete, id.clone(), None, label.clone(), Some(events));
                        }>{move || words::delete(ctx.lang.get())}<span class="sr-only">{ev.name.clone()}</span></button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <form class="event-form" on:submit=add>
            <label class="field" for="ev-name">
                <span class="field-label">{move || words::name(ctx.lang.get())}</span>
                <input id="ev-name" maxlength="60" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <label class="field" for="ev-start">
                <span class="field-label">{move || words::start(ctx.lang.get())}</span>
                <input id="ev-start" type="date" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev)) />
            </label>
            <label class="field" for="ev-end">
                <span class="field-label">{move || words::end(ctx.lang.get())}</span>
                <input id="ev-end" type="date" prop:value=move || end.get() on:input=move |ev| end.set(event_target_value(&ev)) />
            </label>
            <label class="field" for="ev-district">
                <span class="field-label">{move || words::district(ctx.lang.get())}</span>
                <select id="ev-district" on:change=move |ev| district.set(event_target_value(&ev))>
                    <option value="">{move || ctx.tr("全市", "City-wide")}</option>
                    {District::ALL.iter().map(|d| { let d = *d; view! { <option value=d.id()>{move || d.label(ctx.lang.get())}</option> } }).collect_view()}
                </select>
            </label>
            <button type="submit" class="btn btn-primary">{move || ctx.tr("添加本地时节", "Add local event")}</button>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
        </form>
    }
}
