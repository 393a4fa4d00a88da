//! The board: three lanes (short, mid, long) as columns, stacked on a
//! portrait tablet, each card in rank order (or by score on request). Cards
//! move by dragging (see `drag`) or from their "移动" menu, which is the
//! keyboard way: move up/down, to the top, or to another lane. A card's face
//! carries its evidence in brief: the count, the latest linked quote and the
//! districts the feedback came from.

use leptos::prelude::*;

use super::drag::{CardDrag, DragState, Drop};
use super::{cards_label, score_of, Filter, Roadmap};
use crate::components::PendingBadge;
use crate::data::outbox::Shown;
use crate::data::resource::Resource;
use crate::domain::roadmap::evidence::{card_evidence, districts_label};
use crate::domain::roadmap::model::{Lane, RoadmapItem};
use crate::domain::roadmap::rank::{order_warnings, sorted, Position, Ranked};
use crate::domain::roadmap::scoring::{explain, num, ScoreInputs};
use crate::i18n::Lang;
use crate::state::context::{use_ctx, Ctx};

/// Where a drop lands in the lane's full order (the filter may hide cards):
/// before or after the anchor card, else last.
fn drop_position(rm: &Roadmap, id: &str, drop: &Drop) -> Position {
    let Some((anchor, after)) = &drop.anchor else {
        return Position::Last;
    };
    let others: Vec<Ranked> = rm.items.with_untracked(|all| {
        sorted(
            &all.iter()
                .filter(|s| s.item.lane == drop.lane && s.item.id != id)
                .map(|s| Ranked {
                    id: s.item.id.clone(),
                    rank: s.item.rank,
                })
                .collect::<Vec<_>>(),
        )
    });
    match others.iter().position(|c| &c.id == anchor) {
        Some(i) => Position::At(if *after { i + 1 } else { i }),
        None => Position::Last,
    }
}

/// The card last moved from its menu takes the focus back each time it is
/// rendered anew (the board re-renders when the edit is shown and again
/// when the server confirms it), until shortly after that confirmation,
/// however long it takes on a slow link; at most for half a minute.
struct Refocus {
    id: String,
    moved_at: f64,
    confirmed_at: Option<f64>,
}

const REFOCUS_AFTER_CONFIRM_MS: f64 = 1500.0;
const REFOCUS_AT_MOST_MS: f64 = 30_000.0;

thread_local! {
    static REFOCUS: std::cell::RefCell<Option<Refocus>> = const { std::cell::RefCell::new(None) };
}

fn refocus_later(id: &str) {
    let moved_at = js_sys::Date::now();
    REFOCUS.with(|r| {
        *r.borrow_mut() = Some(Refocus {
            id: id.to_string(),
            moved_at,
            confirmed_at: None,
        })
    });
}

fn should_refocus(id: &str) -> bool {
    let now = js_sys::Date::now();
    REFOCUS.with(|r| {
        r.borrow().as_ref().is_some_and(|f| {
            f.id == id
                && now < f.moved_at + REFOCUS_AT_MOST_MS
                && f.confirmed_at
                    .is_none_or(|c| now < c + REFOCUS_AFTER_CONFIRM_MS)
        })
    })
}

/// Notes when the moved card's edit has left the outbox (confirmed, or
/// discarded), which starts the short refocus window after it.
fn track_refocus_confirmation(ctx: Ctx) {
    Effect::new(move |_| {
        let pending: Vec<String> = ctx.outbox.with(|ob| {
            ob.for_resource(Resource::Roadmap)
                .map(|e| e.id.clone())
                .collect()
        });
        REFOCUS.with(|r| {
            if let Some(f) = r.borrow_mut().as_mut() {
                if f.confirmed_at.is_none() && !pending.contains(&f.id) {
                    f.confirmed_at = Some(js_sys::Date::now());
                }
            }
        });
    });
}

#[component]
pub fn Board(rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let filter = Memo::new(move |_| ctx.url().read(Filter::from_params));
    let by_score = Memo::new(move |_| ctx.url().get("sort").as_deref() == Some("score"));
    let on_drop = Callback::new(move |(id, drop): (String, Drop)| {
        let position = drop_position(&rm, &id, &drop);
        rm.move_card(ctx, &id, drop.lane, position);
    });
    let drag = DragState::new(on_drop);
    track_refocus_confirmation(ctx);
    view! {
        <div class="rm-sortbar">
            <label class="field field-inline" for="rm-sort">
                <span class="field-label">{move || ctx.tr("卡片顺序", "Card order")}</span>
                <select id="rm-sort" on:change=move |ev| ctx.url().set("sort", &event_target_value(&ev))
                    prop:value=move || if by_score.get() { "score" } else { "" }>
                    <option value="">{move || ctx.tr("团队排序", "Team's rank")}</option>
                    <option value="score">{move || ctx.tr("按评分", "By score")}</option>
                </select>
            </label>
            <p class="muted small">{move || ctx.tr(
                "拖动卡片可调整顺序和所属阶段(触屏:长按后拖动);也可用卡片上的“移动”菜单。",
                "Drag a card to reorder it or change its lane (touch: press and hold, then drag), or use the card's Move menu.",
            )}</p>
        </div>
        <div class="rm-board" class:dragging=move || drag.lifted.get().is_some()>
            {Lane::ALL.iter().map(|lane| view! { <LaneColumn lane=*lane rm filter by_score drag /> }).collect_view()}
        </div>
    }
}

#[component]
fn LaneColumn(
    lane: Lane,
    rm: Roadmap,
    filter: Memo<Filter>,
    by_score: Memo<bool>,
    drag: DragState,
) -> impl IntoView {
    let ctx = use_ctx();
    // The whole lane in rank order (ties by id), then filtered for display.
    let ranked = Memo::new(move |_| {
        let mut v: Vec<Shown<RoadmapItem>> = rm.items.with(|all| {
            all.iter()
                .filter(|s| s.item.lane == lane)
                .cloned()
                .collect()
        });
        v.sort_by(|a, b| {
            a.item
                .rank
                .total_cmp(&b.item.rank)
                .then_with(|| a.item.id.cmp(&b.item.id))
        });
        v
    });
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let scoring = rm.scoring.get();
        let mut v: Vec<(Shown<RoadmapItem>, Option<f64>)> = ranked.with(|r| {
            r.iter()
                .filter(|s| f.matches(&s.item))
                .map(|s| (s.clone(), score_of(&scoring, &s.item)))
                .collect()
        });
        if by_score.get() {
            v.sort_by(|a, b| b.1.unwrap_or(f64::MIN).total_cmp(&a.1.unwrap_or(f64::MIN)));
        }
        v
    });
    // Low-score cards the team ranked into the top third of the lane.
    let warned = Memo::new(move |_| {
        let scoring = rm.scoring.get();
        ranked.with(|r| {
            let cards: Vec<(Ranked, Option<f64>)> = r
                .iter()
                .map(|s| {
                    (
                        Ranked {
                            id: s.item.id.clone(),
                            rank: s.item.rank,
                        },
                        score_of(&scoring, &s.item),
                    )
                })
                .collect();
            order_warnings(&cards)
        })
    });
    let title_id = format!("rm-lane-{}", lane.id());
    let labelled_by = title_id.clone();
    view! {
        <section class="rm-lane" data-lane=lane.id() aria-labelledby=labelled_by>
            <header class="rm-lane-header">
                <h2 id=title_id>{move || lane.label(ctx.lang.get())}</h2>
                <span class="muted small" data-testid="lane-count">{move || cards_label(shown.with(Vec::len), ctx.lang.get())}</span>
            </header>
            {move || {
                let n = warned.with(Vec::len);
                (n > 0).then(|| view! {
                    <p class="notice notice-warn small" role="status" data-testid="order-warning">{move || match ctx.lang.get() {
                        Lang::Zh => format!("排序与评分明显不符:{n} 张低分卡片排在本阶段前三分之一。"),
                        Lang::En => format!("Order disagrees with the score: {n} low-scoring cards are in this lane's top third."),
                    }}</p>
                })
            }}
            <ol class="rm-cards" aria-label=move || lane.label(ctx.lang.get())>
                <For
                    each=move || shown.get()
                    key=|(s, score)| format!("{}|{}|{}|{}|{}|{:?}|{}|{:?}|{:?}", s.item.id, s.item.rank, s.item.title, s.item.status.id(), s.item.owner, score, s.item.quarter, s.item.evidence_count(), s.pending)
                    children=move |(s, score)| view! { <Card shown=s score rm drag warned /> }
                />
            </ol>
        </section>
    }
}

#[component]
fn Card(
    shown: Shown<RoadmapItem>,
    score: Option<f64>,
    rm: Roadmap,
    drag: DragState,
    warned: Memo<Vec<String>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let item = shown.item;
    let id = item.id.clone();
    let handlers = CardDrag::new(id.clone(), drag);
    let lifted = {
        let id = id.clone();
        move || drag.lifted.with(|l| l.as_deref() == Some(id.as_str()))
    };
    let is_warned = {
        let id = id.clone();
        move || warned.with(|w| w.contains(&id))
    };
    let open = {
        let id = id.clone();
        move |_| {
            if drag.suppress_click.get_value() {
                drag.suppress_click.set_value(false);
                return;
            }
            ctx.url().set("card", &id);
        }
    };
    let explanation = explain(&rm.scoring.get_untracked(), &ScoreInputs::of(&item))
        .map(|e| e.arithmetic)
        .unwrap_or_default();
    let menu = NodeRef::<leptos::html::Details>::new();
    let summary = NodeRef::<leptos::html::Summary>::new();
    let lane = item.lane;
    let move_to = {
        let id = id.clone();
        move |target: Lane, position: Position| {
            refocus_later(&id);
            if let Some(m) = menu.get_untracked() {
                m.set_open(false);
            }
            rm.move_card(ctx, &id, target, position);
        }
    };
    {
        let id = id.clone();
        Effect::new(move |_| {
            if should_refocus(&id) {
                if let Some(s) = summary.get() {
                    let _ = s.focus();
                }
            }
        });
    }
    let mv = move_to.clone();
    let mv2 = move_to.clone();
    let mv3 = move_to.clone();
    let other_lanes = Lane::ALL
        .iter()
        .copied()
        .filter(|l| *l != lane)
        .map(|target| {
            let mv = move_to.clone();
            view! {
                <button type="button" class="btn btn-small" data-move=format!("lane-{}", target.id())
                    on:click=move |_| mv(target, Position::First)>
                    {move || match ctx.lang.get() {
                        Lang::Zh => format!("移到{}", target.label(Lang::Zh)),
                        Lang::En => format!("Move to {}", target.label(Lang::En).to_lowercase()),
                    }}
                </button>
            }
        })
        .collect_view();
    let (source, status) = (item.source, item.status);
    let evidence = item.evidence_count();
    let title = item.title.clone();
    // The latest quote and the districts, once the inbox has loaded (a
    // card whose feedback is gone shows only its count).
    let feedback_ids = item.feedback_ids.clone();
    let brief = move || {
        rm.feedback
            .with(|rows| rows.as_ref().map(|r| card_evidence(&feedback_ids, r)))
            .filter(|e| e.latest_quote.is_some() || !e.districts.is_empty())
    };
    view! {
        <li class="rm-card" data-card=id.clone() data-status=status.id()
            class:lifted=lifted class:warned=is_warned
            on:pointerdown=move |ev| handlers.down(ev)
            on:pointermove=move |ev| handlers.moved(ev)
            on:pointerup=move |ev| handlers.up(ev)
            on:pointercancel=move |ev| handlers.cancel(ev)
            on:contextmenu=|ev| ev.prevent_default()>
            <button type="button" class="rm-card-open" on:click=open>
                <span class="rm-card-title">{title}</span>
            </button>
            <div class="rm-card-meta">
                <span class="rm-score" title=explanation.clone()>
                    <span class="sr-only">{move || ctx.tr("得分", "Score")}" "</span>
                    <span data-testid="score">{score.map(num).unwrap_or_else(|| "—".into())}</span>
                </span>
                <span class=format!("status status-{}", status.id())>{move || status.label(ctx.lang.get())}</span>
                <span class="rm-source">{move || source.label(ctx.lang.get())}</span>
                <span>{item.owner.clone()}</span>
                <span>{item.quarter.clone()}</span>
                <span class="rm-evidence" data-testid="evidence" title=move || ctx.tr("证据", "Evidence")>
                    {move || match ctx.lang.get() {
                        Lang::Zh => format!("证据 {evidence}"),
                        Lang::En => format!("{evidence} evidence"),
                    }}
                </span>
                {shown.pending.map(|p| view! { <PendingBadge state=p /> })}
            </div>
            {move || brief().map(|e| {
                let quote = e.latest_quote.clone();
                view! {
                    <p class="rm-card-brief" data-testid="card-brief">
                        {quote.map(|q| view! { <q class="rm-card-quote" data-testid="card-quote" title=q.clone()>{q.clone()}</q> })}
                        <span class="rm-card-districts" data-testid="card-districts">{move || districts_label(&e.districts, ctx.lang.get())}</span>
                    </p>
                }
            })}
            <details class="rm-move" node_ref=menu>
                <summary node_ref=summary aria-label=move || format!("{} {}", ctx.tr("移动", "Move"), item.title)>{move || ctx.tr("移动", "Move")}</summary>
                <div class="rm-move-menu">
                    <button type="button" class="btn btn-small" data-move="up" on:click=move |_| mv(lane, Position::Up)>{move || ctx.tr("上移", "Move up")}</button>
                    <button type="button" class="btn btn-small" data-move="down" on:click=move |_| mv2(lane, Position::Down)>{move || ctx.tr("下移", "Move down")}</button>
                    <button type="button" class="btn btn-small" data-move="first" on:click=move |_| mv3(lane, Position::First)>{move || ctx.tr("移到最前", "Move to top")}</button>
                    {other_lanes}
                </div>
            </details>
        </li>
    }
}
