//! The feedback inbox: list, filter and search what users told the business,
//! and triage it (status plus a note). The "feedback" half of 数据+反馈.

use chrono::{Local, NaiveDate};
use leptos::prelude::*;

mod detail;
mod requirement;

use crate::components::{DataView, EmptyState, PendingBadge, SelectFilter};
use crate::data::outbox::{overlay, Shown};
use crate::domain::cockpit::dimensions::District;
use crate::domain::feedback::model::{Feedback, FeedbackCategory, FeedbackSource, FeedbackStatus};
use crate::domain::feedback::{count_by_status, FeedbackFilter};
use crate::domain::roadmap::model::RoadmapItem;
use crate::i18n::{format_count, format_date, words, Lang};
use crate::state::context::use_ctx;
use crate::state::loading::{list_resource, ListResource};
use detail::Detail;

/// Rows listed at once; "list more" adds another page.
const PAGE: usize = 200;

fn local_time(fb: &Feedback) -> chrono::NaiveDateTime {
    fb.created_at.with_timezone(&Local).naive_local()
}

fn local_date(fb: &Feedback) -> NaiveDate {
    local_time(fb).date()
}

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Feedback);
    let list: ListResource<Feedback> = list_resource::<Feedback>(ctx);
    // For "关联到需求": which requirement an item feeds.
    let roadmap: ListResource<RoadmapItem> = list_resource::<RoadmapItem>(ctx);
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("用户反馈", "User feedback")}</h1>
                <p class="page-lede">
                    {move || ctx.tr(
                        "数据+反馈双轮驱动:汇总小程序表单、在线客服、社交平台与门店收到的反馈,分拣、排期并跟进。",
                        "Data plus feedback: gather what users said through the in-app form, customer service, social media and stores, then triage, plan and follow up.",
                    )}
                </p>
            </header>
            <Filters />
            <DataView resource=list render={move |rows: Vec<Feedback>| view! { <Inbox rows list roadmap /> }} />
        </section>
    }
}

fn options<T: Copy + 'static>(
    all: &'static [T],
    id: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
    lang: Lang,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (id(*v).to_string(), label(*v, lang).to_string()))
        .collect()
}

#[component]
fn Filters() -> impl IntoView {
    let ctx = use_ctx();
    let param = move |k: &'static str| Signal::derive(move || ctx.url().get(k).unwrap_or_default());
    let set = move |k: &'static str| {
        Callback::new(move |v: String| ctx.url().set_many(&[(k, &v), ("id", "")]))
    };
    let all = Signal::derive(move || words::all(ctx.lang.get()).to_string());
    let lang = move || ctx.lang.get();
    let on_search = move |ev| ctx.url().set_in_place("q", &event_target_value(&ev));
    let has_filters = move || !ctx.url().read(FeedbackFilter::from_params).is_empty();
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="field field-search" for="fb-q">
                <span class="field-label">{move || ctx.tr("搜索", "Search")}</span>
                <input
                    id="fb-q"
                    type="search"
                    placeholder=move || ctx.tr("反馈内容或备注", "Text or note")
                    prop:value=param("q")
                    on:input=on_search
                />
            </label>
            <SelectFilter
                id="fb-source"
                label=Signal::derive(move || ctx.tr("来源", "Source").to_string())
                options=Signal::derive(move || options(FeedbackSource::ALL, FeedbackSource::id, FeedbackSource::label, lang()))
                value=param("source")
                on_change=set("source")
                all_label=all
            />
            <SelectFilter
                id="fb-category"
                label=Signal::derive(move || ctx.tr("类别", "Category").to_string())
                options=Signal::derive(move || options(FeedbackCategory::ALL, FeedbackCategory::id, FeedbackCategory::label, lang()))
                value=param("category")
                on_change=set("category")
                all_label=all
            />
            <SelectFilter
                id="fb-district"
                label=Signal::derive(move || words::district(ctx.lang.get()).to_string())
                options=Signal::derive(move || options(District::ALL, District::id, District::label, lang()))
                value=param("district")
                on_change=set("district")
                all_label=all
            />
            <label class="field" for="fb-from">
                <span class="field-label">{move || words::from_date(ctx.lang.get())}</span>
                <input id="fb-from" type="date" prop:value=param("from") on:change=move |ev| set("from").run(event_target_value(&ev)) />
            </label>
            <label class="field" for="fb-to">
                <span class="field-label">{move || words::to_date(ctx.lang.get())}</span>
                <input id="fb-to" type="date" prop:value=param("to") on:change=move |ev| set("to").run(event_target_value(&ev)) />
            </label>
            <Show when=has_filters>
                <button
                    type="button"
                    class="btn btn-ghost"
                    on:click=move |_| ctx.url().clear_all()
                >
                    {move || ctx.tr("清除筛选", "Clear filters")}
                </button>
            </Show>
        </form>
    }
}

#[component]
fn Inbox(
    rows: Vec<Feedback>,
    list: ListResource<Feedback>,
    roadmap: ListResource<RoadmapItem>,
) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    let filter = Memo::new(move |_| ctx.url().read(FeedbackFilter::from_params));
    // Server rows with the user's unsynced edits laid over, newest first.
    let shown = Memo::new(move |_| {
        let mut shown = rows.with_value(|r| ctx.outbox.with(|ob| overlay(r, ob)));
        shown.sort_by_key(|s| std::cmp::Reverse(s.item.created_at));
        shown
    });
    let visible = Memo::new(move |_| {
        let f = filter.get();
        shown.with(|s| {
            s.iter()
                .filter(|s| f.matches(&s.item, local_date(&s.item)))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let counts = Memo::new(move |_| {
        let f = filter.get();
        shown.with(|s| {
            count_by_status(
                s.iter()
                    .filter(|s| f.matches_except_status(&s.item, local_date(&s.item)))
                    .map(|s| &s.item),
            )
        })
    });
    // Tens of thousands of rows would take seconds to build: list a page at
    // a time (the count above still counts them all).
    let limit = RwSignal::new(PAGE);
    let listed = Memo::new(move |_| {
        let n = limit.get();
        visible.with(|v| v.iter().take(n).cloned().collect::<Vec<_>>())
    });
    let hidden = move || visible.with(Vec::len).saturating_sub(limit.get());
    let selected_id = Memo::new(move |_| ctx.url().get("id"));
    let selected = Memo::new(move |_| {
        let id = selected_id.get()?;
        shown.with(|s| s.iter().find(|s| s.item.id == id).cloned())
    });
    view! {
        <StatusTabs counts />
        <div class="inbox" class:has-detail=move || selected_id.get().is_some()>
            <div class="inbox-list">
                <p class="result-count" role="status" aria-live="polite">
                    {move || {
                        let (n, total) = (visible.with(Vec::len), shown.with(Vec::len));
                        match ctx.lang.get() {
                            Lang::Zh => format!("显示 {n} 条,共 {total} 条"),
                            Lang::En => format!("Showing {n} of {total}"),
                        }
                    }}
                </p>
                <Show
                    when=move || visible.with(|v| !v.is_empty())
                    fallback=move || view! {
                        <EmptyState title=Signal::derive(move || ctx.tr("没有符合条件的反馈", "No feedback matches these filters").to_string())>
                            <p>{move || ctx.tr("试试放宽筛选条件或清除搜索词。", "Try wider filters or clear the search.")}</p>
                        </EmptyState>
                    }
                >
                    {move || (hidden() > 0).then(|| {
                        let n = visible.with(Vec::len);
                        view! {
                            <p class="notice notice-warn" role="status" data-testid="fb-partial">
                                {move || match ctx.lang.get() {
                                    Lang::Zh => format!("反馈很多({} 条符合筛选),为保持流畅,先列出前 {} 条;可用筛选或搜索缩小范围。", format_count(n as f64, Lang::Zh), limit.get()),
                                    Lang::En => format!("There is a lot of feedback ({} match); the first {} are listed to keep the page quick. Filter or search to narrow it down.", format_count(n as f64, Lang::En), limit.get()),
                                }}
                            </p>
                        }
                    })}
                    <ul class="fb-list" aria-label=move || ctx.tr("反馈列表", "Feedback list")>
                        <For
                            each=move || listed.get()
                            key=|s| format!("{}|{}|{}|{:?}", s.item.id, s.item.status.id(), s.item.note, s.pending)
                            children={move |s: Shown<Feedback>| view! { <FeedbackRow shown=s selected_id /> }}
                        />
                    </ul>
                    <Show when=move || { hidden() > 0 }>
                        <button type="button" class="btn fb-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                            {move || match ctx.lang.get() {
                                Lang::Zh => format!("再列出 {} 条(还有 {} 条)", PAGE.min(hidden()), format_count(hidden() as f64, Lang::Zh)),
                                Lang::En => format!("List {} more ({} left)", PAGE.min(hidden()), format_count(hidden() as f64, Lang::En)),
                            }}
                        </button>
                    </Show>
                </Show>
            </div>
            {move || selected.get().map(|s| view! { <Detail shown=s list roadmap /> })}
            <Show when=move || selected_id.get().is_some() && selected.get().is_none()>
                <div class="detail">
                    <EmptyState title=Signal::derive(move || ctx.tr("找不到这条反馈,它可能已被删除。", "This feedback was not found; it may have been deleted.").to_string()) />
                </div>
            </Show>
        </div>
    }
}

#[component]
fn StatusTabs(counts: Memo<std::collections::BTreeMap<FeedbackStatus, usize>>) -> impl IntoView {
    let ctx = use_ctx();
    let current = Memo::new(move |_| ctx.url().get("status"));
    let tab = move |status: Option<FeedbackStatus>| {
        let id = status.map(|s| s.id().to_string());
        let id2 = id.clone();
        let href = move || {
            ctx.route
                .get()
                .with("status", id.as_deref().unwrap_or(""))
                .without("id")
                .to_hash()
        };
        let label = move || {
            let lang = ctx.lang.get();
            let n = counts.with(|c| match status {
                Some(s) => c.get(&s).copied().unwrap_or(0),
                None => c.values().sum(),
            });
            let name = status.map(|s| s.label(lang)).unwrap_or(words::all(lang));
            format!("{name} {n}")
        };
        view! {
            <a class="tab" href=href aria-current=move || (current.get() == id2).then_some("true")>
                {label}
            </a>
        }
    };
    view! {
        <nav class="tabs" aria-label=move || ctx.tr("按状态筛选", "Filter by status")>
            {tab(None)}
            {FeedbackStatus::ALL.iter().map(|s| tab(Some(*s))).collect_view()}
        </nav>
    }
}

fn stars(rating: Option<u8>) -> Option<String> {
    rating.map(|r| {
        let r = usize::from(r.min(5));
        format!("{}{}", "★".repeat(r), "☆".repeat(5 - r))
    })
}

#[component]
fn FeedbackRow(shown: Shown<Feedback>, selected_id: Memo<Option<String>>) -> impl IntoView {
    let ctx = use_ctx();
    let fb = shown.item;
    let id = fb.id.clone();
    let id_for_href = id.clone();
    let href = move || ctx.view_route().with("id", &id_for_href).to_hash();
    let is_selected = Memo::new(move |_| selected_id.get().as_deref() == Some(id.as_str()));
    let when = local_time(&fb);
    let status = fb.status;
    let (source, category, district) = (fb.source, fb.category, fb.district);
    let rating = fb.rating;
    view! {
        <li class="fb-row" class:selected=move || is_selected.get()>
            <a class="fb-link" href=href aria-current=move || is_selected.get().then_some("true")>
                <span class="fb-meta">
                    <span class=format!("status status-{}", status.id())>{move || status.label(ctx.lang.get())}</span>
                    <span>{move || source.label(ctx.lang.get())}</span>
                    <span>{move || category.label(ctx.lang.get())}</span>
                    {district.map(|d| view! { <span>{move || d.label(ctx.lang.get())}</span> })}
                    <time datetime=fb.created_at.to_rfc3339()>{move || format_date(when.date(), ctx.lang.get())}</time>
                    {stars(rating).map(|s| view! {
                        <span class="stars" aria-label=move || match ctx.lang.get() {
                            Lang::Zh => format!("{} 星", rating.unwrap_or(0)),
                            Lang::En => format!("{} stars", rating.unwrap_or(0)),
                        }>{s}</span>
                    })}
                    {shown.pending.map(|p| view! { <PendingBadge state=p /> })}
                </span>
                <span class="fb-text">{fb.text}</span>
            </a>
        </li>
    }
}
