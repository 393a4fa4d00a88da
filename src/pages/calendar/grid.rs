//! The month, week and agenda views, the weekly rhythm strip, and
//! drag-to-reschedule with pointer events (mouse, pen and touch alike).

use chrono::{Datelike, NaiveDate, Timelike};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::drag::{Drag, DragState};
use super::today;
use crate::components::PendingBadge;
use crate::data::outbox::{Op, Shown};
use crate::domain::calendar::editing::move_to;
use crate::domain::calendar::grid::{month_grid, week_days};
use crate::domain::calendar::markers::{on_day, Marker, MarkerKind};
use crate::domain::calendar::model::ContentItem;
use crate::domain::calendar::occurrences::Occurrence;
use crate::domain::calendar::query::{CalendarQuery, ColorBy};
use crate::i18n::{format_date, Lang};
use crate::state::context::use_ctx;
use crate::state::edits::submit;
use crate::state::loading::ListResource;

#[component]
pub fn Rhythm(weeks: Memo<Vec<(NaiveDate, u32)>>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <figure class="rhythm">
            <figcaption>{move || ctx.tr("每周内容数(近12周与未来4周)", "Items per week (last 12 and next 4 weeks)")}</figcaption>
            <ol class="rhythm-bars">
                {move || {
                    let w = weeks.get();
                    let max = w.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
                    let this_week = crate::domain::shared::dates::week_start(today());
                    w.into_iter().map(|(monday, n)| {
                        let h = f64::from(n) / f64::from(max) * 100.0;
                        let label = match ctx.lang.get() {
                            Lang::Zh => format!("{}月{}日那周:{} 条", monday.month(), monday.day(), n),
                            Lang::En => format!("Week of {}: {} item(s)", monday.format("%d %b"), n),
                        };
                        view! {
                            <li class:current=monday == this_week class:empty=n == 0 title=label.clone() aria-label=label>
                                <span class="rhythm-bar" style=format!("height:{h:.0}%")></span>
                                <span class="rhythm-n" aria-hidden="true">{n}</span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
        </figure>
    }
}

fn item_class(item: &ContentItem, color: ColorBy) -> String {
    match color {
        ColorBy::Type => format!("cal-item type-{}", item.kind.id()),
        ColorBy::Channel => format!(
            "cal-item chan-{}",
            item.channels.first().map(|c| c.id()).unwrap_or("none")
        ),
    }
}

fn marker_class(m: &Marker) -> String {
    format!("marker marker-{}", m.kind.id())
}

/// One content occurrence as a chip: click (or Enter) opens it, dragging it
/// onto another day reschedules it. Repeats move with their series, so only
/// the series' own first occurrence is draggable.
#[component]
fn ItemChip(
    occ: Occurrence,
    shown: Memo<Vec<Shown<ContentItem>>>,
    color: ColorBy,
    state: DragState,
    #[prop(optional)] content: Option<ListResource<ContentItem>>,
    #[prop(optional)] show_time: bool,
) -> impl IntoView {
    let ctx = use_ctx();
    let Some(s) = shown.with_untracked(|s| s.iter().find(|s| s.item.id == occ.item_id).cloned())
    else {
        return ().into_any();
    };
    let item = s.item.clone();
    let pending_id = item.id.clone();
    let draggable = !occ.is_repeat && content.is_some();
    let drag: StoredValue<Option<Drag>> = StoredValue::new(None);
    let dragging = RwSignal::new(false);
    let id = item.id.clone();
    let open = {
        let id = id.clone();
        move |_| {
            if state.suppress_click.get_value() {
                state.suppress_click.set_value(false);
                return;
            }
            ctx.url().set("selected", &id);
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if !draggable || ev.button() != 0 {
            return;
        }
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        drag.set_value(Some(Drag {
            pointer: ev.pointer_id(),
            x: ev.client_x(),
            y: ev.client_y(),
            moved: false,
        }));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(mut d) = drag.get_value() else {
            return;
        };
        if d.pointer != ev.pointer_id() {
            return;
        }
        if !d.moved && ((ev.client_x() - d.x).abs() + (ev.client_y() - d.y).abs()) > 6 {
            d.moved = true;
            drag.set_value(Some(d));
            dragging.set(true);
        }
        if d.moved {
            ev.prevent_default();
            // Only a new day under the pointer notifies: every day cell of
            // the view watches `over`, and a mouse sends a move per frame.
            let over = state.date_at(ev.client_x(), ev.client_y());
            if state.over.try_get_untracked() != Some(over) {
                state.over.try_set(over);
            }
        }
    };
    let item_for_drop = item.clone();
    let on_up = move |ev: web_sys::PointerEvent| {
        let Some(d) = drag.get_value() else { return };
        drag.set_value(None);
        dragging.set(false);
        state.over.set(None);
        if !d.moved {
            return;
        }
        state.suppress_click.set_value(true);
        let target = state.date_at(ev.client_x(), ev.client_y());
        state.forget_cells();
        let Some(target) = target else {
            return;
        };
        if target == item_for_drop.publish_at.date() {
            return;
        }
        if let Some(list) = content {
            let moved = move_to(&item_for_drop, target);
            submit(
                ctx,
                Op::Update,
                moved.id.clone(),
                Some(moved.clone()),
                moved.title.clone(),
                Some(list),
            );
        }
    };
    let on_cancel = move |_: web_sys::PointerEvent| {
        drag.set_value(None);
        dragging.set(false);
        state.over.set(None);
        state.forget_cells();
    };
    let time = format!("{:02}:{:02}", occ.date_time.hour(), occ.date_time.minute());
    let title = item.title.clone();
    view! {
        <button
            type="button"
            class=item_class(&item, color)
            class:dragging=move || dragging.get()
            class:draggable=draggable
            data-id=id.clone()
            data-status=item.status.id()
            on:click=open
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_cancel
        >
            {show_time.then(|| view! { <span class="cal-time">{time.clone()}</span> })}
            <span class="cal-item-title">{title}</span>
            {occ.is_repeat.then(|| view! { <span class="cal-repeat" aria-label=move || ctx.tr("重复发布", "Repeats")>"↻"</span> })}
            // The sync state changes without the item changing, so read it live.
            {move || {
                shown
                    .with(|all| all.iter().find(|s| s.item.id == pending_id).and_then(|s| s.pending.clone()))
                    .map(|p| view! { <PendingBadge state=p /> })
            }}
            <span class="sr-only">{move || item.status.label(ctx.lang.get())}</span>
        </button>
    }
    .into_any()
}

fn day_items(occurrences: &[Occurrence], day: NaiveDate) -> Vec<Occurrence> {
    let mut v: Vec<Occurrence> = occurrences
        .iter()
        .filter(|o| o.date_time.date() == day)
        .cloned()
        .collect();
    v.sort_by_key(|o| o.date_time);
    v
}

#[component]
pub fn MonthGrid(
    query: Memo<CalendarQuery>,
    occurrences: Memo<Vec<Occurrence>>,
    marks: Memo<Vec<Marker>>,
    shown: Memo<Vec<Shown<ContentItem>>>,
    content: ListResource<ContentItem>,
) -> impl IntoView {
    let ctx = use_ctx();
    let state = DragState::new();
    let weekdays = move || match ctx.lang.get() {
        Lang::Zh => ["一", "二", "三", "四", "五", "六", "日"],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    };
    view! {
        <div class="month-grid" role="grid" aria-label=move || ctx.tr("月视图", "Month view")>
            <div class="month-head" role="row">
                {move || weekdays().into_iter().map(|d| view! { <div role="columnheader">{d}</div> }).collect_view()}
            </div>
            {move || {
                let q = query.get();
                let color = q.color;
                let month = q.date.month();
                let t = today();
                month_grid(q.date.year(), month).into_iter().map(|week| view! {
                    <div class="month-row" role="row">
                        {week.into_iter().map(|day| {
                            let items = occurrences.with(|o| day_items(o, day));
                            let day_marks: Vec<Marker> = marks.with(|m| on_day(m, day).to_vec());
                            let holiday = day_marks.iter().any(|m| m.kind == MarkerKind::Holiday);
                            let count = items.len();
                            view! {
                                <div
                                    role="gridcell"
                                    class="day-cell"
                                    class:other-month=day.month() != month
                                    class:today=day == t
                                    class:holiday=holiday
                                    class:drop-target=move || state.over.get() == Some(day)
                                    data-date=day.format("%Y-%m-%d").to_string()
                                >
                                    <span class="day-num" aria-hidden="true">{day.day()}</span>
                                    <span class="sr-only">{move || format_date(day, ctx.lang.get())}</span>
                                    <ul class="day-markers">
                                        {day_marks.into_iter().take(2).map(|m| view! { <li class=marker_class(&m) title=m.name.clone()>{m.name.clone()}</li> }).collect_view()}
                                    </ul>
                                    <div class="day-items">
                                        {items.into_iter().take(4).map(|occ| view! { <ItemChip occ shown color state content /> }).collect_view()}
                                        {(count > 4).then(|| view! { <span class="more">{format!("+{}", count - 4)}</span> })}
                                    </div>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                }).collect_view()
            }}
        </div>
    }
}

#[component]
pub fn WeekGrid(
    query: Memo<CalendarQuery>,
    occurrences: Memo<Vec<Occurrence>>,
    marks: Memo<Vec<Marker>>,
    shown: Memo<Vec<Shown<ContentItem>>>,
    content: ListResource<ContentItem>,
) -> impl IntoView {
    let ctx = use_ctx();
    let state = DragState::new();
    view! {
        <div class="week-grid">
            {move || {
                let q = query.get();
                let t = today();
                week_days(q.date).into_iter().map(|day| {
                    let items = occurrences.with(|o| day_items(o, day));
                    let day_marks: Vec<Marker> = marks.with(|m| on_day(m, day).to_vec());
                    view! {
                        <section class="week-day day-cell" class:today=day == t class:drop-target=move || state.over.get() == Some(day)
                            data-date=day.format("%Y-%m-%d").to_string()>
                            <h3>{move || format_date(day, ctx.lang.get())}</h3>
                            <ul class="day-markers">
                                {day_marks.into_iter().map(|m| view! { <li class=marker_class(&m)>{m.name.clone()}</li> }).collect_view()}
                            </ul>
                            <div class="day-items">
                                {items.into_iter().map(|occ| view! { <ItemChip occ shown color=q.color state content show_time=true /> }).collect_view()}
                            </div>
                        </section>
                    }
                }).collect_view()
            }}
        </div>
    }
}

#[component]
pub fn Agenda(
    query: Memo<CalendarQuery>,
    occurrences: Memo<Vec<Occurrence>>,
    marks: Memo<Vec<Marker>>,
    shown: Memo<Vec<Shown<ContentItem>>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let state = DragState::new();
    view! {
        <div class="agenda">
            {move || {
                let q = query.get();
                let (from, to) = q.range();
                let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
                let rows: Vec<_> = days.into_iter().filter_map(|day| {
                    let items = occurrences.with(|o| day_items(o, day));
                    let day_marks: Vec<Marker> = marks.with(|m| on_day(m, day).iter().filter(|m| m.kind != MarkerKind::MakeupWorkday).cloned().collect());
                    (!items.is_empty() || !day_marks.is_empty()).then(|| view! {
                        <li class="agenda-day">
                            <h3>{move || format_date(day, ctx.lang.get())}</h3>
                            <ul class="day-markers">
                                {day_marks.into_iter().map(|m| view! { <li class=marker_class(&m)>{m.name.clone()}</li> }).collect_view()}
                            </ul>
                            <div class="day-items">
                                {items.into_iter().map(|occ| view! { <ItemChip occ shown color=q.color state show_time=true /> }).collect_view()}
                            </div>
                        </li>
                    })
                }).collect();
                if rows.is_empty() {
                    view! { <p class="empty">{move || ctx.tr("这段时间没有内容或节点。", "Nothing planned and no markers in this span.")}</p> }.into_any()
                } else {
                    view! { <ol class="agenda-list">{rows}</ol> }.into_any()
                }
            }}
        </div>
    }
}
