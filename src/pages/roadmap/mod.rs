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
mod filters;
mod matrix;
mod quarter_plan;
mod review;
mod scoring;
mod state;
mod timeline;

use leptos::prelude::*;

use filters::Filter;
use state::{score_of, Roadmap};

use crate::components::DataView;
use crate::domain::feedback::model::Feedback;
use crate::domain::roadmap::model::{RoadmapBoard, RoadmapItem};
use crate::domain::roadmap::plan::QuarterPlan;
use crate::i18n::Lang;
use crate::state::context::use_ctx;
use crate::state::loading::{list_resource, live_rows, ListResource};

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
    let items = state::live_items(ctx, rows);
    let feedback = live_rows(ctx, feedback_list);
    let scoring = state::live_scoring(ctx, boards);
    quarter_plan::freeze_this_quarters_plan(ctx, plans, items);
    quarter_plan::settle_duplicate_plan(ctx, plans);
    scoring::follow_other_tabs_scoring(ctx, boards);
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
        <filters::Filters rm />
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

/// "3 张卡片" / "3 cards".
pub(super) fn cards_label(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 张卡片"),
        Lang::En if n == 1 => "1 card".to_string(),
        Lang::En => format!("{n} cards"),
    }
}
