//! Roadmap (`#/roadmap`): a placeholder until the area's screen lands.

use leptos::prelude::*;

use crate::components::EmptyState;
use crate::state::context::use_ctx;

#[component]
pub fn RoadmapPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Roadmap);
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("迭代路线图", "Roadmap")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "需求池按价值、相关性与成本排序,按季度复盘。",
                    "The requirement pool, prioritised by value, relevance and cost, reviewed each quarter.",
                )}</p>
            </header>
            <EmptyState title=Signal::derive(move || ctx.tr("此页面正在建设中。", "This page is being built.").to_string()) />
        </section>
    }
}
