//! Experience & A/B tests (`#/experience`): a placeholder until the area's screen lands.

use leptos::prelude::*;

use crate::components::EmptyState;
use crate::state::context::use_ctx;

#[component]
pub fn ExperiencePage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Experience);
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("体验与A/B测试", "Experience & A/B tests")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "关键任务的完成率、加载速度与错误率,以及A/B测试的结论。",
                    "Key tasks' completion, load speed and error rate, and what the A/B tests show.",
                )}</p>
            </header>
            <EmptyState title=Signal::derive(move || ctx.tr("此页面正在建设中。", "This page is being built.").to_string()) />
        </section>
    }
}
