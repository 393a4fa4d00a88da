//! The campaign timeline (Gantt): campaigns as bars over the months, holidays,
//! retail dates and Tianjin events behind them, overlaps outlined. The window
//! moves and zooms (month / quarter / half-year / fit all) and lives in the
//! URL (`tl`, `tlfrom`), so a planner can share "the Spring Festival plan".
//! Planned and running campaigns are rescheduled by dragging their bar
//! sideways (`bar_drag`).

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::domain::calendar::markers::{markers, MarkerKind};
use crate::domain::calendar::model::LocalEvent;
use crate::domain::campaigns::model::Campaign;
use crate::domain::campaigns::timeline::{TimelineView, Window, Zoom};
use crate::i18n::words;
use crate::i18n::Lang;
use crate::state::context::use_ctx;
use crate::state::loading::ListResource;

use super::bar_drag::BarDrag;

/// Bars drawn at most in one window; more would be unreadable and slow, and the
/// user is told to narrow the window instead.
const MAX_BARS: usize = 200;

fn month_label(m: NaiveDate, lang: Lang, with_year: bool) -> String {
    match (lang, with_year) {
        (Lang::Zh, true) => format!("{}年{}月", m.year(), m.month()),
        (Lang::Zh, false) => format!("{}月", m.month()),
        (Lang::En, true) => m.format("%b %Y").to_string(),
        (Lang::En, false) => m.format("%b").to_string(),
    }
}

#[component]
pub fn Timeline(
    items: Memo<Vec<Campaign>>,
    campaigns: ListResource<Campaign>,
    clashes: Memo<Vec<(String, String)>>,
    events: Signal<Arc<Vec<LocalEvent>>>,
    today: NaiveDate,
) -> impl IntoView {
    let ctx = use_ctx();
    let view_state = Memo::new(move |_| {
        let url = ctx.url();
        let (zoom, from) = (url.get("tl"), url.get("tlfrom"));
        TimelineView::parse(zoom.as_deref(), from.as_deref(), today)
    });
    let window = Memo::new(move |_| items.with(|i| view_state.get().window(i)));
    let go = move |next: TimelineView| {
        ctx.url()
            .set_many(&[("tl", next.zoom.id()), ("tlfrom", &next.from_param())]);
    };
    let step = move |n: i64| go(items.with_untracked(|i| view_state.get_untracked().shifted(n, i)));
    let range_label = move || {
        let w = window.get();
        let lang = ctx.lang.get();
        let (a, b) = (
            month_label(w.start, lang, true),
            month_label(w.end, lang, true),
        );
        if a == b {
            a
        } else {
            format!("{a} – {b}")
        }
    };

    view! {
        <section class="card timeline" aria-labelledby="tl-title">
            <div class="tl-head">
                <h2 id="tl-title">{move || ctx.tr("活动时间线", "Campaign timeline")}</h2>
                <div class="tl-controls">
                    <div class="segmented presets" role="group" aria-label=move || ctx.tr("时间跨度", "Time span")>
                        {Zoom::ALL.iter().map(|z| {
                            let z = *z;
                            view! {
                                <button type="button" class="seg-btn" data-zoom=z.id()
                                    aria-pressed=move || (view_state.get().zoom == z).to_string()
                                    on:click=move |_| go(view_state.get_untracked().zoomed(z))>
                                    {move || z.label(ctx.lang.get())}
                                </button>
                            }
                        }).collect_view()}
                    </div>
                    <div class="cal-nav">
                        <button type="button" class="btn" data-testid="tl-prev" on:click=move |_| step(-1)
                            aria-label=move || ctx.tr("更早", "Earlier")>"‹"</button>
                        <button type="button" class="btn" on:click=move |_| go(TimelineView::default_for(today))>
                            {move || words::today(ctx.lang.get())}</button>
                        <button type="button" class="btn" data-testid="tl-next" on:click=move |_| step(1)
                            aria-label=move || ctx.tr("更晚", "Later")>"›"</button>
                        <span class="tl-range" data-testid="tl-range" aria-live="polite">{range_label}</span>
                    </div>
                </div>
            </div>
            {move || {
                let w = window.get();
                view! { <Gantt window=w items campaigns clashes events today /> }
            }}
            <p class="muted small">{move || ctx.tr("背景竖线:节假日(红)、营销节点(橙)、天津本地活动(绿);红框:与其他活动重叠。", "Background lines: holidays (red), retail dates (orange), Tianjin events (green); red outline: overlaps another campaign.")}</p>
        </section>
    }
}

/// The bars of one window.
#[component]
fn Gantt(
    window: Window,
    items: Memo<Vec<Campaign>>,
    campaigns: ListResource<Campaign>,
    clashes: Memo<Vec<(String, String)>>,
    events: Signal<Arc<Vec<LocalEvent>>>,
    today: NaiveDate,
) -> impl IntoView {
    let ctx = use_ctx();
    let w = window;
    let shown = Memo::new(move |_| {
        items.with(|all| {
            let mut list: Vec<Campaign> = all
                .iter()
                .filter(|c| w.contains_any(c.start, c.end))
                .cloned()
                .collect();
            list.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
            list
        })
    });
    let months = w.months();
    let many_years = w.start.year() != w.end.year();
    let suppress_click = StoredValue::new(false);
    view! {
        <div class="tl">
            <div class="tl-scale" aria-hidden="true">
                {months.into_iter().map(|m| view! {
                    <span class="tl-month" style=format!("left:{:.2}%", w.position(m))>{move || {
                        let lang = ctx.lang.get();
                        month_label(m, lang, many_years && (m.month() == 1 || m == w.start))
                    }}</span>
                }).collect_view()}
            </div>
            <div class="tl-body">
                {w.contains_any(today, today).then(|| view! {
                    <span class="tl-today" style=format!("left:{:.2}%", w.position(today)) title=move || words::today(ctx.lang.get())></span>
                })}
                <div class="tl-markers" aria-hidden="true">
                    {move || {
                        let span = w.days() as f64;
                        markers(w.start, w.end, &events.get(), &[], ctx.lang.get())
                            .into_iter()
                            .filter(|m| matches!(m.kind, MarkerKind::Holiday | MarkerKind::Retail | MarkerKind::LocalEvent))
                            .map(|m| view! {
                                <span class=format!("tl-mark marker-{}", m.kind.id()) style=format!("left:{:.2}%;width:{:.2}%", w.position(m.date), 100.0 / span) title=m.name.clone()></span>
                            })
                            .collect_view()
                    }}
                </div>
                <ol class="tl-rows">
                    {move || {
                        let clash = clashes.get();
                        shown.get().into_iter().take(MAX_BARS).map(|c| {
                            let (left, width) = w.bar(c.start, c.end);
                            let overlapping = clash.iter().any(|(a, b)| *a == c.id || *b == c.id);
                            let href = ctx.route.get_untracked().with("id", &c.id).to_hash();
                            let label = format!("{} · {} – {}", c.name, c.start, c.end);
                            let drag = BarDrag::new(c.clone(), w.days(), campaigns, suppress_click);
                            view! {
                                <li class="tl-row">
                                    <a class=format!("tl-bar status-{}", c.status.id()) class:overlap=overlapping
                                        class:draggable=drag.enabled draggable="false"
                                        data-id=c.id.clone() href=href style=format!("left:{left:.2}%;width:{width:.2}%")
                                        title=label.clone() aria-label=label
                                        on:pointerdown=move |ev| drag.down(ev)
                                        on:pointermove=move |ev| drag.moved(ev)
                                        on:pointerup=move |ev| drag.up(ev)
                                        on:pointercancel=move |ev| drag.cancel(ev)
                                        on:click=move |ev| drag.click(ev)>
                                        <span>{c.name.clone()}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()
                    }}
                </ol>
                {move || {
                    let n = shown.with(Vec::len);
                    (n == 0).then(|| view! {
                        <p class="tl-empty muted">{move || ctx.tr("这段时间没有活动。", "No campaigns in this period.")}</p>
                    })
                }}
            </div>
            {move || {
                let n = shown.with(Vec::len);
                (n > MAX_BARS).then(|| view! {
                    <p class="notice notice-warn" role="status" data-testid="tl-capped">{move || match ctx.lang.get() {
                        Lang::Zh => format!("这段时间有 {n} 个活动,只画出最早的 {MAX_BARS} 个;请缩短时间范围查看其余活动。"),
                        Lang::En => format!("{n} campaigns in this period; only the first {MAX_BARS} are drawn. Choose a shorter span to see the rest."),
                    }}</p>
                })
            }}
        </div>
    }
}
