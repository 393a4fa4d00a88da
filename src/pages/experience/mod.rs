//! Experience & A/B tests (体验与A/B测试, `#/experience`): how easily users
//! finish the key tasks (completion, errors, load time) against editable
//! targets, and what the A/B tests show, read out the way experimentation
//! tools do (intervals, Holm, sample-ratio mismatch, sample still needed),
//! with a planner. Each section loads its own collection, so a backend
//! without `taskTargets` (or without plans on its experiments) still shows
//! the rest.

mod ab;
mod format;
mod planner;
mod readout;
mod target_editor;
mod tasks;

use leptos::prelude::*;

use crate::components::{DataView, PeriodControls};
use crate::domain::experience::model::{ExperienceSample, Experiment, TaskTarget};
use crate::state::context::use_ctx;
use crate::state::loading::{list_resource, ListResource};

#[component]
pub fn ExperiencePage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Experience);
    let samples: ListResource<ExperienceSample> = list_resource::<ExperienceSample>(ctx);
    let targets: ListResource<TaskTarget> = list_resource::<TaskTarget>(ctx);
    let experiments: ListResource<Experiment> = list_resource::<Experiment>(ctx);
    view! {
        <section class="page experience" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("体验与A/B测试", "Experience & A/B tests")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "关键任务的完成率、加载速度与错误率,以及A/B测试的结论。",
                    "Key tasks' completion, load speed and error rate, and what the A/B tests show.",
                )}</p>
            </header>
            <PeriodControls id_prefix="ux" />
            <section class="card ux-tasks" aria-labelledby="ux-tasks-title" data-testid="ux-tasks">
                <h2 id="ux-tasks-title">{move || ctx.tr("关键任务", "Key tasks")}</h2>
                <DataView resource=samples render={move |rows: Vec<ExperienceSample>| view! { <tasks::TaskTable rows targets /> }} />
            </section>
            <section class="card ux-ab" aria-labelledby="ux-ab-title" data-testid="ux-ab">
                <h2 id="ux-ab-title">{move || ctx.tr("A/B 测试", "A/B tests")}</h2>
                <DataView resource=experiments render={move |rows: Vec<Experiment>| view! { <ab::Tests rows /> }} />
            </section>
            <planner::Planner />
        </section>
    }
}
