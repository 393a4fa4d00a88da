//! Security & performance (`#/health`): a placeholder until the area's screen lands.

use leptos::prelude::*;

use crate::components::EmptyState;
use crate::state::context::use_ctx;

#[component]
pub fn HealthPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Health);
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("性能与安全监控", "Health monitoring")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "接口与页面的性能对照预警阈值,事故记录与安全例行检查。",
                    "Endpoints and pages against alert thresholds, incidents and the security routine.",
                )}</p>
            </header>
            <EmptyState title=Signal::derive(move || ctx.tr("此页面正在建设中。", "This page is being built.").to_string()) />
        </section>
    }
}
