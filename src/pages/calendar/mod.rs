//! The content calendar (内容日历): keeps the mini-program warm with a steady
//! rhythm of content, planned around holidays, solar terms, retail dates and
//! Tianjin's own events. View, date, filters and selection live in the URL.

mod drag;
mod editor;
mod events;
mod grid;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Datelike, Months, Utc};
use leptos::prelude::*;

use crate::components::{keep_optional, DataView, Missing, PartialNotice, SelectFilter};
use crate::data::outbox::{overlay, Shown};
use crate::data::resource::Resource;
use crate::domain::calendar::export::content_csv;
use crate::domain::calendar::ics::to_ics;
use crate::domain::calendar::markers::{markers, Marker, MAX_MARKERS_PER_DAY};
use crate::domain::calendar::model::{
    ContentChannel, ContentItem, ContentStatus, ContentType, LocalEvent,
};
use crate::domain::calendar::occurrences::expand;
use crate::domain::calendar::planning::{
    cadence_gaps, default_max_gaps, unplanned_markers, weekly_counts,
};
use crate::domain::calendar::query::{CalendarQuery, CalendarView, ColorBy};
use crate::domain::campaigns::model::Campaign;
use crate::i18n::words;
use crate::i18n::{format_count, format_date, Lang};
use crate::state::context::use_ctx;
use crate::state::loading::{backend_resource, list_resource, ListResource};

pub(crate) use crate::state::clock::today;

/// The unplanned occasions as one line: the first dozen named, the rest
/// counted (a flood of local events must not become a page of text).
fn unplanned_text(unplanned: &[Marker], lang: Lang) -> String {
    const SHOWN: usize = 12;
    let mut text = unplanned
        .iter()
        .take(SHOWN)
        .map(|m| format!("{} {}", format_date(m.date, lang), m.name))
        .collect::<Vec<_>>()
        .join(words::list_separator(lang));
    if let Some(more) = unplanned.len().checked_sub(SHOWN).filter(|n| *n > 0) {
        text.push_str(&match lang {
            Lang::Zh => format!(" 等,另有 {more} 个"),
            Lang::En => format!(", and {more} more"),
        });
    }
    text
}

/// Changes the calendar's query and writes it back whole (normalised).
fn change_query(f: impl FnOnce(&mut CalendarQuery)) {
    let url = use_ctx().url();
    let mut q = url.read_untracked(|p| CalendarQuery::from_params(p, today()));
    f(&mut q);
    url.set_query(q.to_params());
}

/// The optional collections behind the markers. Shared, not copied: there
/// may be tens of thousands of events.
#[derive(Clone, Default)]
pub(crate) struct Extras {
    events: Arc<Vec<LocalEvent>>,
    campaigns: Arc<Vec<Campaign>>,
    missing: Missing,
}

/// Above this many local events the calendar says it shows only part of them.
pub(crate) const MANY_EVENTS: usize = 1_000;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Calendar);
    let content: ListResource<ContentItem> = list_resource::<ContentItem>(ctx);
    // Markers come from these; if they fail the calendar still works, and
    // says so (PartialNotice).
    let extras = backend_resource(
        ctx,
        |b| async move {
            let (e, c) = futures::join!(b.list::<LocalEvent>(), b.list::<Campaign>());
            let mut missing = Vec::new();
            Extras {
                events: Arc::new(keep_optional(e, Resource::Events, &mut missing)),
                campaigns: Arc::new(keep_optional(c, Resource::Campaigns, &mut missing)),
                missing,
            }
        },
        Extras::default,
    );
    view! {
        <section class="page calendar" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("内容日历", "Content calendar")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "日常内容更新维持温度:结合节假日、节气、营销节点和天津本地时节规划内容,保持更新的节奏感,避免长期“静默”。",
                    "Regular content keeps the mini-program warm: plan around holidays, solar terms, retail dates and Tianjin's own events, and keep a steady rhythm instead of long silences.",
                )}</p>
            </header>
            <DataView resource=content render={move |rows: Vec<ContentItem>| view! { <Calendar rows content extras /> }} />
        </section>
    }
}

#[component]
fn Calendar(
    rows: Vec<ContentItem>,
    content: ListResource<ContentItem>,
    extras: LocalResource<Extras>,
) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    let query = Memo::new(move |_| ctx.url().read(|p| CalendarQuery::from_params(p, today())));
    let shown: Memo<Vec<Shown<ContentItem>>> =
        Memo::new(move |_| rows.with_value(|r| ctx.outbox.with(|ob| overlay(r, ob))));
    let items =
        Memo::new(move |_| shown.with(|s| s.iter().map(|s| s.item.clone()).collect::<Vec<_>>()));
    let filtered = Memo::new(move |_| {
        let f = query.with(|q| q.filter.clone());
        items.with(|i| {
            i.iter()
                .filter(|i| f.matches(i))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let range = Memo::new(move |_| query.with(CalendarQuery::range));
    let occurrences = Memo::new(move |_| {
        let (from, to) = range.get();
        filtered.with(|f| expand(f, from, to))
    });
    let events_campaigns = move || extras.get().unwrap_or_default();
    let marks = Memo::new(move |_| {
        let (from, to) = range.get();
        let x = events_campaigns();
        markers(from, to, &x.events, &x.campaigns, ctx.lang.get())
    });
    let owners = Memo::new(move |_| {
        items.with(|i| {
            i.iter()
                .map(|i| i.owner.clone())
                .filter(|o| !o.is_empty())
                .collect::<BTreeSet<_>>()
        })
    });
    // Alerts look ahead from today, independent of the page shown.
    let alerts = Memo::new(move |_| {
        let t = today();
        let horizon = t.checked_add_days(chrono::Days::new(17)).unwrap_or(t);
        let x = events_campaigns();
        let upcoming = markers(t, horizon, &x.events, &x.campaigns, ctx.lang.get());
        let occ = items.with(|i| {
            expand(
                i,
                t.checked_sub_days(chrono::Days::new(3)).unwrap_or(t),
                horizon,
            )
        });
        let unplanned = unplanned_markers(t, &upcoming, &occ, 14);
        let gaps = items.with(|i| cadence_gaps(i, t, &default_max_gaps()));
        (unplanned, gaps)
    });
    let rhythm = Memo::new(move |_| {
        let t = today();
        let from = t.checked_sub_days(chrono::Days::new(7 * 11)).unwrap_or(t);
        let to = t.checked_add_days(chrono::Days::new(7 * 4)).unwrap_or(t);
        let occ = items.with(|i| expand(i, from, to));
        weekly_counts(&occ, from, to)
    });

    let param = move |k: &'static str| Signal::derive(move || ctx.url().get(k).unwrap_or_default());
    let set_filter = move |k: &'static str| {
        Callback::new(move |v: String| {
            ctx.url().set(k, &v);
        })
    };
    let all = Signal::derive(move || words::all(ctx.lang.get()).to_string());
    let lang = move || ctx.lang.get();
    let step = move |dir: i32| {
        change_query(|q| {
            q.date =
                match q.view {
                    CalendarView::Month if dir > 0 => q.date.checked_add_months(Months::new(1)),
                    CalendarView::Month => q.date.checked_sub_months(Months::new(1)),
                    _ if dir > 0 => q.date.checked_add_days(chrono::Days::new(
                        if q.view == CalendarView::Week { 7 } else { 28 },
                    )),
                    _ => q.date.checked_sub_days(chrono::Days::new(
                        if q.view == CalendarView::Week { 7 } else { 28 },
                    )),
                }
                .unwrap_or(q.date);
        })
    };
    let title = move || {
        let q = query.get();
        let (from, to) = q.range();
        match (q.view, ctx.lang.get()) {
            (CalendarView::Month, Lang::Zh) => format!("{}年{}月", q.date.year(), q.date.month()),
            (CalendarView::Month, Lang::En) => q.date.format("%B %Y").to_string(),
            (_, lang) => format!("{} – {}", format_date(from, lang), format_date(to, lang)),
        }
    };
    let export_ics = move |_| {
        let x = extras.get_untracked().unwrap_or_default();
        let text =
            items.with_untracked(|i| to_ics(i, &x.campaigns, ctx.lang.get_untracked(), Utc::now()));
        let _ =
            crate::components::download("haihe-content.ics", "text/calendar;charset=utf-8", &text);
    };
    let export_csv = move |_| {
        let text = filtered.with_untracked(|i| content_csv(i, ctx.lang.get_untracked()));
        let _ = crate::components::download(
            "haihe-content.csv",
            "text/csv;charset=utf-8",
            &format!("\u{FEFF}{text}"),
        );
    };
    let new_item = move |_| {
        ctx.url().set("selected", "new");
    };

    view! {
        <div class="cal-toolbar">
            <div class="segmented" role="group" aria-label=move || ctx.tr("视图", "View")>
                {CalendarView::ALL.iter().map(|v| {
                    let v = *v;
                    view! {
                        <button type="button" class="seg-btn" aria-pressed=move || (query.with(|q| q.view) == v).to_string()
                            on:click=move |_| change_query(|q| q.view = v)>
                            {move || v.label(ctx.lang.get())}
                        </button>
                    }
                }).collect_view()}
            </div>
            <div class="cal-nav">
                <button type="button" class="btn" on:click=move |_| step(-1) aria-label=move || ctx.tr("上一页", "Previous")>"‹"</button>
                <button type="button" class="btn" on:click=move |_| change_query(|q| q.date = today())>{move || words::today(ctx.lang.get())}</button>
                <button type="button" class="btn" on:click=move |_| step(1) aria-label=move || ctx.tr("下一页", "Next")>"›"</button>
                <h2 class="cal-title" aria-live="polite">{title}</h2>
            </div>
            <div class="cal-actions">
                <button type="button" class="btn btn-primary" on:click=new_item>{move || ctx.tr("新建内容", "New content")}</button>
                <button type="button" class="btn" on:click=export_ics>{move || ctx.tr("导出日历 (.ics)", "Export .ics")}</button>
                <button type="button" class="btn" on:click=export_csv>{move || words::export_csv(ctx.lang.get())}</button>
            </div>
        </div>
        <form class="filters" on:submit=|ev| ev.prevent_default()>
            <SelectFilter id="cal-channel" label=Signal::derive(move || words::channel(ctx.lang.get()).to_string())
                options=Signal::derive(move || ContentChannel::ALL.iter().map(|c| (c.id().to_string(), c.label(lang()).to_string())).collect())
                value=param("channel") on_change=set_filter("channel") all_label=all />
            <SelectFilter id="cal-type" label=Signal::derive(move || ctx.tr("类型", "Type").to_string())
                options=Signal::derive(move || ContentType::ALL.iter().map(|c| (c.id().to_string(), c.label(lang()).to_string())).collect())
                value=param("type") on_change=set_filter("type") all_label=all />
            <SelectFilter id="cal-status" label=Signal::derive(move || words::status(ctx.lang.get()).to_string())
                options=Signal::derive(move || ContentStatus::ALL.iter().map(|c| (c.id().to_string(), c.label(lang()).to_string())).collect())
                value=param("status") on_change=set_filter("status") all_label=all />
            <SelectFilter id="cal-owner" label=Signal::derive(move || words::owner(ctx.lang.get()).to_string())
                options=Signal::derive(move || owners.get().into_iter().map(|o| (o.clone(), o)).collect())
                value=param("owner") on_change=set_filter("owner") all_label=all />
            <SelectFilter id="cal-color" label=Signal::derive(move || ctx.tr("颜色区分", "Colour by").to_string())
                options=Signal::derive(move || ColorBy::ALL.iter().filter(|c| **c != ColorBy::Type).map(|c| (c.id().to_string(), c.label(lang()).to_string())).collect())
                value=param("color") on_change=set_filter("color") all_label=Signal::derive(move || ColorBy::Type.label(lang()).to_string()) />
        </form>
        <div class="cal-alerts">
            <PartialNotice
                missing=Signal::derive(move || extras.get().map(|x| x.missing).unwrap_or_default())
                on_retry=Callback::new(move |_| extras.refetch())
                effect=("日历上暂不显示它们的标记", "their markers are not shown on the calendar")
            />
            {move || {
                let n = extras.get().map(|x| x.events.len()).unwrap_or(0);
                (n > MANY_EVENTS).then(|| view! {
                    <p class="notice notice-warn" role="status" data-testid="many-events">
                        {move || match ctx.lang.get() {
                            Lang::Zh => format!(
                                "本地时节数据量很大({} 条):日历每天最多显示 {MAX_MARKERS_PER_DAY} 个,其余合并为“另有 N 个”;下方列表只列出当前视图内的时节。",
                                format_count(n as f64, Lang::Zh)
                            ),
                            Lang::En => format!(
                                "There are very many local events ({}): each day shows at most {MAX_MARKERS_PER_DAY}, the rest as “N more”; the list below shows only those in the current view.",
                                format_count(n as f64, Lang::En)
                            ),
                        }}
                    </p>
                })
            }}
            {move || {
                let (unplanned, gaps) = alerts.get();
                let lang = ctx.lang.get();
                view! {
                    {(!unplanned.is_empty()).then(|| view! {
                        <div class="notice notice-warn" role="status" data-testid="unplanned">
                            <strong>{lang.tr("14 天内的节点还没有安排内容:", "Coming up within 14 days with no content planned: ")}</strong>
                            {unplanned_text(&unplanned, lang)}
                        </div>
                    })}
                    {(!gaps.is_empty()).then(|| view! {
                        <div class="notice notice-warn" role="status" data-testid="gaps">
                            <strong>{lang.tr("更新间隔过长:", "Channels silent for too long: ")}</strong>
                            {gaps.iter().map(|g| match lang {
                                Lang::Zh => format!("{} 已 {} 天未发布(上限 {} 天)", g.channel.label(lang), g.days_silent, g.max_gap),
                                Lang::En => format!("{}: {} days without a post (limit {})", g.channel.label(lang), g.days_silent, g.max_gap),
                            }).collect::<Vec<_>>().join(lang.tr(";", "; "))}
                        </div>
                    })}
                }
            }}
        </div>
        <grid::Rhythm weeks=rhythm />
        {move || match query.with(|q| q.view) {
            CalendarView::Month => view! { <grid::MonthGrid query occurrences marks shown content /> }.into_any(),
            CalendarView::Week => view! { <grid::WeekGrid query occurrences marks shown content /> }.into_any(),
            CalendarView::Agenda => view! { <grid::Agenda query occurrences marks shown /> }.into_any(),
        }}
        <events::LocalEvents />
        <editor::Editor shown content owners />
    }
}
