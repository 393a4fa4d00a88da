//! The iteration roadmap (迭代路线图, `#/roadmap`): the requirement pool in
//! short/mid/long lanes ordered by the team's rank, moved by dragging or from
//! each card's menu; filters, the selected card and the view live in the URL;
//! the scoring method and its weights persist as the `roadmapBoards` row.
//! The first time the board is opened in a quarter, the quarter's plan is
//! frozen (`roadmapPlans`) for the quarterly review to compare against.

mod board;
mod detail;
mod drag;
mod evidence;
mod matrix;
mod review;
mod scoring;
mod timeline;

use chrono::Utc;
use leptos::prelude::*;

use crate::components::{DataView, SelectFilter};
use crate::data::outbox::{overlay, Op, Shown};
use crate::domain::feedback::model::{Feedback, FeedbackStatus};
use crate::domain::roadmap::model::{
    Lane, RequirementSource, RoadmapBoard, RoadmapItem, RoadmapStatus, BOARD_ID,
};
use crate::domain::roadmap::plan::{plan_id, QuarterPlan};
use crate::domain::roadmap::rank::{place, Position, RankChange, Ranked};
use crate::domain::roadmap::scoring::{ScoreInputs, Scoring};
use crate::domain::roadmap::snapshot::Quarter;
use crate::i18n::{words, Lang};
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::submit;
use crate::state::loading::{list_resource, ListResource};

/// What every part of the board reads: the collections (with unsynced edits
/// laid over) and the scoring choice.
#[derive(Clone, Copy)]
pub(super) struct Roadmap {
    pub list: ListResource<RoadmapItem>,
    pub feedback_list: ListResource<Feedback>,
    pub boards: ListResource<RoadmapBoard>,
    /// The start-of-quarter plans (`roadmapPlans`).
    pub plans: ListResource<QuarterPlan>,
    pub items: Memo<Vec<Shown<RoadmapItem>>>,
    /// `None` while the inbox is loading or failed: links are then not
    /// judged broken.
    pub feedback: Memo<Option<Vec<Feedback>>>,
    pub scoring: Memo<Scoring>,
}

impl Roadmap {
    /// The live row of `id`, with unsynced edits.
    pub fn item(&self, id: &str) -> Option<RoadmapItem> {
        self.items
            .with_untracked(|all| all.iter().find(|s| s.item.id == id).map(|s| s.item.clone()))
    }

    /// Saves a requirement through the outbox.
    pub fn save(&self, ctx: Ctx, op: Op, item: RoadmapItem) {
        submit(
            ctx,
            op,
            item.id.clone(),
            Some(item.clone()),
            item.title.clone(),
            Some(self.list),
        );
    }

    /// Moves card `id` to `lane` at `position`, writing the new rank (the
    /// midpoint between its new neighbours; the whole lane only when there
    /// is no room left).
    pub fn move_card(&self, ctx: Ctx, id: &str, lane: Lane, position: Position) {
        let Some(moved) = self.item(id) else { return };
        let lane_cards: Vec<Ranked> = self.items.with_untracked(|all| {
            all.iter()
                .filter(|s| s.item.lane == lane)
                .map(|s| Ranked {
                    id: s.item.id.clone(),
                    rank: s.item.rank,
                })
                .collect()
        });
        let changes: Vec<RankChange> = place(&lane_cards, id, position);
        if changes.is_empty() && moved.lane == lane {
            return;
        }
        for change in changes {
            let Some(mut row) = self.item(&change.id) else {
                continue;
            };
            row.rank = change.rank;
            if row.id == id {
                row.lane = lane;
            }
            self.save(ctx, Op::Update, row);
        }
    }

    /// Marks the feedback items `ids` as shipped (the card they feed is
    /// done), skipping ones already shipped or missing.
    pub fn ship_feedback(&self, ctx: Ctx, ids: &[String], title: &str) {
        let Some(rows) = self.feedback.get_untracked() else {
            return;
        };
        for f in rows.into_iter().filter(|f| ids.contains(&f.id)) {
            if f.status == FeedbackStatus::Shipped {
                continue;
            }
            let mut next = f;
            next.status = FeedbackStatus::Shipped;
            if next.note.is_empty() {
                next.note = format!("需求「{title}」已上线,待通知用户");
            }
            next.updated_at = Some(Utc::now());
            let label: String = next.text.chars().take(24).collect();
            submit(
                ctx,
                Op::Update,
                next.id.clone(),
                Some(next),
                label,
                Some(self.feedback_list),
            );
        }
    }

    /// Persists the board's scoring choice (creating its row if the backend
    /// has none yet).
    pub fn save_scoring(&self, ctx: Ctx, scoring: Scoring) {
        let exists = self
            .boards
            .get_untracked()
            .and_then(Result::ok)
            .is_some_and(|rows| rows.iter().any(|b| b.id == BOARD_ID))
            || ctx.outbox.with_untracked(|ob| {
                ob.pending_for(crate::data::resource::Resource::RoadmapBoards, BOARD_ID)
                    .is_some()
            });
        let row = RoadmapBoard {
            id: BOARD_ID.to_string(),
            scoring,
        };
        let op = if exists { Op::Update } else { Op::Create };
        submit(
            ctx,
            op,
            row.id.clone(),
            Some(row),
            "路线图评分".to_string(),
            Some(self.boards),
        );
    }
}

/// A card's score under the board's method; `None` when its inputs do not
/// allow one (e.g. no RICE figures).
pub(super) fn score_of(scoring: &Scoring, item: &RoadmapItem) -> Option<f64> {
    scoring.score(&ScoreInputs::of(item)).ok()
}

/// The board's filters, read from the URL.
#[derive(Clone, Debug, PartialEq, Default)]
pub(super) struct Filter {
    pub source: Option<RequirementSource>,
    pub status: Option<RoadmapStatus>,
    pub owner: Option<String>,
    pub quarter: Option<String>,
    pub text: String,
}

impl Filter {
    fn from_params(p: &std::collections::BTreeMap<String, String>) -> Filter {
        let get = |k: &str| {
            p.get(k)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Filter {
            source: get("source").and_then(|s| RequirementSource::from_id(&s)),
            status: get("status").and_then(|s| RoadmapStatus::from_id(&s)),
            owner: get("owner"),
            quarter: get("quarter"),
            text: get("q").unwrap_or_default().to_lowercase(),
        }
    }

    pub fn matches(&self, item: &RoadmapItem) -> bool {
        self.source.is_none_or(|s| item.source == s)
            && self.status.is_none_or(|s| item.status == s)
            && self.owner.as_ref().is_none_or(|o| &item.owner == o)
            && self.quarter.as_ref().is_none_or(|q| &item.quarter == q)
            && (self.text.is_empty()
                || item.title.to_lowercase().contains(&self.text)
                || item.description.to_lowercase().contains(&self.text))
    }
}

#[component]
pub fn RoadmapPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Roadmap);
    let list: ListResource<RoadmapItem> = list_resource::<RoadmapItem>(ctx);
    let feedback_list: ListResource<Feedback> = list_resource::<Feedback>(ctx);
    let boards: ListResource<RoadmapBoard> = list_resource::<RoadmapBoard>(ctx);
    let plans: ListResource<QuarterPlan> = list_resource::<QuarterPlan>(ctx);
    view! {
        <section class="page roadmap" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("迭代路线图", "Roadmap")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "建立需求池,按相关性、价值和成本排序,分短期、中期、长期规划;每季度对照数据和用户反馈复盘。",
                    "Keep a requirement pool, sort it by relevance, value and cost, plan it in short-, mid- and long-term lanes, and review the plan each quarter against the data and the users' feedback.",
                )}</p>
            </header>
            <DataView resource=list render={move |rows: Vec<RoadmapItem>| view! { <Loaded rows list feedback_list boards plans /> }} />
        </section>
    }
}

#[component]
fn Loaded(
    rows: Vec<RoadmapItem>,
    list: ListResource<RoadmapItem>,
    feedback_list: ListResource<Feedback>,
    boards: ListResource<RoadmapBoard>,
    plans: ListResource<QuarterPlan>,
) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    let items = Memo::new(move |_| rows.with_value(|r| ctx.outbox.with(|ob| overlay(r, ob))));
    let feedback = Memo::new(move |_| {
        let server = feedback_list.get()?.ok()?;
        Some(ctx.outbox.with(|ob| {
            overlay(&server, ob)
                .into_iter()
                .map(|s| s.item)
                .collect::<Vec<_>>()
        }))
    });
    let scoring = Memo::new(move |_| {
        let server = boards.get().and_then(Result::ok).unwrap_or_default();
        ctx.outbox
            .with(|ob| overlay(&server, ob))
            .into_iter()
            .find(|s| s.item.id == BOARD_ID)
            .map(|s| s.item.scoring)
            .unwrap_or_default()
    });
    freeze_this_quarters_plan(ctx, plans, items);
    follow_other_tabs_scoring(ctx, boards);
    let rm = Roadmap {
        list,
        feedback_list,
        boards,
        plans,
        items,
        feedback,
        scoring,
    };
    let view = Memo::new(move |_| ctx.url().get("view").unwrap_or_default());
    let tab = move |id: &'static str, zh: &'static str, en: &'static str| {
        let href = move || ctx.view_route().with("view", id).without("card").to_hash();
        let current = move || (view.get() == id).then_some("page");
        view! { <a class="tab" href=href aria-current=current data-view=id>{move || ctx.tr(zh, en)}</a> }
    };
    view! {
        <nav class="tabs" aria-label=move || ctx.tr("视图", "View")>
            {tab("", "看板", "Board")}
            {tab("matrix", "价值×成本矩阵", "Value × cost matrix")}
            {tab("timeline", "季度时间线", "Quarter timeline")}
            {tab("review", "季度复盘", "Quarterly review")}
        </nav>
        <Filters rm />
        <scoring::ScoringPanel rm />
        {move || match view.get().as_str() {
            "matrix" => view! { <matrix::Matrix rm /> }.into_any(),
            "timeline" => view! { <timeline::QuarterTimeline rm /> }.into_any(),
            "review" => view! { <review::Review rm /> }.into_any(),
            _ => view! { <board::Board rm /> }.into_any(),
        }}
        <detail::CardDetail rm />
    }
}

/// Freezes this quarter's plan the first time the board is opened in the
/// quarter: automatic, because a plan someone must remember to freeze is
/// missing exactly when the review needs it. Only once the stored plans have
/// loaded (a backend without the collection, or a failed load, writes
/// nothing), and only when neither the backend nor the outbox has one.
fn freeze_this_quarters_plan(
    ctx: Ctx,
    plans: ListResource<QuarterPlan>,
    items: Memo<Vec<Shown<RoadmapItem>>>,
) {
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        if done.get_value() {
            return;
        }
        let Some(Ok(stored)) = plans.get() else {
            return;
        };
        done.set_value(true);
        let day = crate::state::clock::today();
        let q = Quarter::of(day);
        let id = plan_id(q);
        let known = stored.iter().any(|p| p.id == id)
            || ctx.outbox.with_untracked(|ob| {
                ob.pending_for(crate::data::resource::Resource::RoadmapPlans, &id)
                    .is_some()
            });
        if known {
            return;
        }
        let board: Vec<RoadmapItem> =
            items.with_untracked(|all| all.iter().map(|s| s.item.clone()).collect());
        let plan = QuarterPlan::freeze(q, &board, day);
        submit(
            ctx,
            Op::Create,
            id,
            Some(plan),
            format!("季度初计划 {}", q.id()),
            Some(plans),
        );
    });
}

/// Another tab's scoring change shows here at once (the shared outbox
/// overlays it); once that tab's save is confirmed its outbox entry goes,
/// so the row is fetched again rather than falling back to the stale one.
fn follow_other_tabs_scoring(ctx: Ctx, boards: ListResource<RoadmapBoard>) {
    let pending = Memo::new(move |_| {
        ctx.outbox.with(|ob| {
            ob.for_resource(crate::data::resource::Resource::RoadmapBoards)
                .count()
        })
    });
    Effect::new(move |before: Option<usize>| {
        let now = pending.get();
        if before.is_some_and(|b| b > now) {
            boards.refetch();
        }
        now
    });
}

#[component]
fn Filters(rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let param = move |k: &'static str| Signal::derive(move || ctx.url().get(k).unwrap_or_default());
    let set = move |k: &'static str| Callback::new(move |v: String| ctx.url().set(k, &v));
    let all = Signal::derive(move || words::all(ctx.lang.get()).to_string());
    let lang = move || ctx.lang.get();
    let distinct = move |f: fn(&RoadmapItem) -> &str| {
        Signal::derive(move || {
            let mut v: Vec<String> = rm.items.with(|all| {
                all.iter()
                    .map(|s| f(&s.item).to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            });
            v.sort();
            v.dedup();
            v.into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>()
        })
    };
    let has_filters = move || ctx.url().read(Filter::from_params) != Filter::default();
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="field field-search" for="rm-q">
                <span class="field-label">{move || ctx.tr("搜索", "Search")}</span>
                <input id="rm-q" type="search" placeholder=move || ctx.tr("需求标题或描述", "Title or description")
                    prop:value=param("q") on:input=move |ev| ctx.url().set_in_place("q", &event_target_value(&ev)) />
            </label>
            <SelectFilter id="rm-source" label=Signal::derive(move || ctx.tr("来源", "Source").to_string())
                options=Signal::derive(move || RequirementSource::ALL.iter().map(|s| (s.id().to_string(), s.label(lang()).to_string())).collect::<Vec<_>>())
                value=param("source") on_change=set("source") all_label=all />
            <SelectFilter id="rm-status" label=Signal::derive(move || words::status(ctx.lang.get()).to_string())
                options=Signal::derive(move || RoadmapStatus::ALL.iter().map(|s| (s.id().to_string(), s.label(lang()).to_string())).collect::<Vec<_>>())
                value=param("status") on_change=set("status") all_label=all />
            <SelectFilter id="rm-owner" label=Signal::derive(move || words::owner(ctx.lang.get()).to_string())
                options=distinct(|i| i.owner.as_str()) value=param("owner") on_change=set("owner") all_label=all />
            <SelectFilter id="rm-quarter" label=Signal::derive(move || ctx.tr("季度", "Quarter").to_string())
                options=distinct(|i| i.quarter.as_str()) value=param("quarter") on_change=set("quarter") all_label=all />
            <Show when=has_filters>
                <button type="button" class="btn btn-ghost" on:click=move |_| ctx.url().clear(["q", "source", "status", "owner", "quarter"])>
                    {move || ctx.tr("清除筛选", "Clear filters")}
                </button>
            </Show>
        </form>
    }
}

/// "3 张卡片" / "3 cards".
pub(super) fn cards_label(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 张卡片"),
        Lang::En if n == 1 => "1 card".to_string(),
        Lang::En => format!("{n} cards"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_from_the_url_match_cards() {
        let mut p = std::collections::BTreeMap::new();
        p.insert("source".to_string(), "feedback".to_string());
        p.insert("q".to_string(), " 配送 ".to_string());
        let f = Filter::from_params(&p);
        assert_eq!(f.source, Some(RequirementSource::Feedback));
        assert_eq!(f.text, "配送");
        let item: RoadmapItem = serde_json::from_str(
            r#"{"id":"a","title":"早高峰配送运力预警","lane":"short","status":"idea","source":"feedback",
            "value":3,"relevance":3,"cost":3,"quarter":"2026-Q4"}"#,
        )
        .unwrap();
        assert!(f.matches(&item));
        p.insert("status".to_string(), "done".to_string());
        assert!(!Filter::from_params(&p).matches(&item));
    }
}
