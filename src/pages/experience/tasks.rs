//! The key-task table: per task over the chosen period, completion rate and
//! error rate (ratios of sums) with their change in points, the daily range
//! of p50 and p95 load times and the worst day, a completion trend, and the
//! standing against the task's editable target. Worst task first.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::format::{fine_percent, ms, points};
use super::target_editor::TargetEditor;
use crate::components::Sparkline;
use crate::data::outbox::overlay;
use crate::domain::experience::model::{ExperienceSample, TaskTarget};
use crate::domain::experience::tasks::{last_day, task_rows, TaskRow, TaskStatus};
use crate::domain::shared::period::PeriodQuery;
use crate::i18n::{format_change, format_date, format_percent, words, Lang};
use crate::state::context::use_ctx;
use crate::state::loading::ListResource;

/// The day before today: where a period ends when there is no data at all.
fn yesterday() -> NaiveDate {
    crate::state::clock::last_data_day()
}

#[component]
pub fn TaskTable(rows: Vec<ExperienceSample>, targets: ListResource<TaskTarget>) -> impl IntoView {
    let ctx = use_ctx();
    let end = last_day(&rows).unwrap_or_else(yesterday);
    let samples = StoredValue::new(rows);
    let query = Memo::new(move |_| ctx.url().read(PeriodQuery::from_params));
    // The saved targets with the pending edits laid over them; a backend
    // without the collection still gets its pending edits shown.
    let target_failed = Memo::new(move |_| matches!(targets.get(), Some(Err(_))));
    let target_rows = Memo::new(move |_| {
        let server = match targets.get() {
            Some(Ok(rows)) => rows,
            _ => Vec::new(),
        };
        ctx.outbox.with(|ob| {
            overlay(&server, ob)
                .into_iter()
                .map(|s| s.item)
                .collect::<Vec<_>>()
        })
    });
    let table = Memo::new(move |_| {
        let q = query.get();
        let period = q.period(end);
        let comparison = q.comparison_period(end);
        target_rows.with(|t| {
            samples.with_value(|s| task_rows(s, t, &period, comparison.as_ref(), q.grain))
        })
    });
    let editing: RwSignal<Option<String>> = RwSignal::new(None);
    let period_text = move || {
        let q = query.get();
        let p = q.period(end);
        let lang = ctx.lang.get();
        format!(
            "{} – {}",
            format_date(p.start, lang),
            format_date(p.end, lang)
        )
    };
    view! {
        <p class="muted small">
            {period_text}" · "
            {move || ctx.tr(
                "完成率 = 完成次数之和 ÷ 发起次数之和;错误率 = 错误数之和 ÷ 页面浏览之和。加载时间为每日分位数的范围(最低–最高),不对多日分位数取平均;P95 目标按最差一天判断。变化为与对比期相差的百分点。",
                "Completion rate = Σcompletions ÷ Σstarts; error rate = Σerrors ÷ Σpage views. Load times are the range of the daily percentiles (lowest–highest), never an average of daily percentiles; the p95 target is judged on the worst day. Changes are in percentage points against the comparison period.",
            )}
        </p>
        <Show when=move || target_failed.get()>
            <p class="notice notice-warn" role="status">{move || ctx.tr(
                "关键任务目标未能加载,各任务显示为“无目标”;修改的目标会在连接恢复后同步。",
                "The key-task targets could not be loaded, so tasks show “No target”; edited targets sync once the backend accepts them.",
            )}</p>
        </Show>
        <div class="table-scroll">
            <table class="ux-task-table" data-testid="ux-task-table">
                <thead>
                    <tr>
                        <th scope="col">{move || ctx.tr("任务", "Task")}</th>
                        <th scope="col">{move || ctx.tr("完成率", "Completion rate")}</th>
                        <th scope="col">{move || ctx.tr("错误率", "Error rate")}</th>
                        <th scope="col">{move || ctx.tr("加载 P50(每日范围)", "Load p50 (daily range)")}</th>
                        <th scope="col">{move || ctx.tr("加载 P95(每日范围 · 最差一天)", "Load p95 (daily range · worst day)")}</th>
                        <th scope="col">{move || ctx.tr("完成率趋势", "Completion trend")}</th>
                        <th scope="col">{move || words::target(ctx.lang.get())}</th>
                        <th scope="col">{move || words::status(ctx.lang.get())}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || table.get()
                        key=|row: &TaskRow| format!("{row:?}")
                        children=move |row: TaskRow| view! { <TaskLine row editing /> }
                    />
                </tbody>
            </table>
        </div>
        {move || editing.get().map(|task| {
            let current = target_rows.with(|t| t.iter().find(|t| t.id == task).cloned());
            view! { <TargetEditor task current targets on_close=Callback::new(move |()| editing.set(None)) /> }
        })}
    }
}

/// Which target parts a missed task fails, e.g. "P95".
fn missed_parts(row: &TaskRow, lang: Lang) -> String {
    let mut parts = Vec::new();
    if row.check.completion_ok == Some(false) {
        parts.push(lang.tr("完成率", "Completion rate"));
    }
    if row.check.error_ok == Some(false) {
        parts.push(lang.tr("错误率", "Error rate"));
    }
    if row.check.p95_ok == Some(false) {
        parts.push("P95");
    }
    parts.join(words::list_separator(lang))
}

/// Good when the change goes the right way: up for completion, down for errors.
fn change_class(diff: Option<f64>, higher_is_better: bool) -> &'static str {
    match diff {
        Some(d) if d.abs() < 1e-4 => "ux-change",
        Some(d) if (d > 0.0) == higher_is_better => "ux-change good",
        Some(_) => "ux-change bad",
        None => "ux-change",
    }
}

#[component]
fn TaskLine(row: TaskRow, editing: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = use_ctx();
    let row = StoredValue::new(row);
    let get = move |f: fn(&TaskRow) -> String| row.with_value(f);
    let task = get(|r| r.task.clone());
    let status = row.with_value(|r| r.check.status);
    let trend = row.with_value(|r| r.trend.clone());
    let good = status == TaskStatus::Met;
    let lang = move || ctx.lang.get();
    let range = move |range: Option<(u32, u32)>, lang: Lang| {
        range.map_or_else(
            || "—".to_string(),
            |(lo, hi)| format!("{} – {}", ms(lo, lang), ms(hi, lang)),
        )
    };
    let edit_label = {
        let task = task.clone();
        move || match lang() {
            Lang::Zh => format!("编辑目标:{task}"),
            Lang::En => format!("Edit target: {task}"),
        }
    };
    let open = {
        let task = task.clone();
        move |_| editing.set(Some(task.clone()))
    };
    view! {
        <tr data-task=task.clone()>
            <th scope="row">{task.clone()}</th>
            <td>
                <span class="ux-figure" data-testid="ux-completion">{move || row.with_value(|r| format_percent(r.current.completion_rate()))}</span>
                <span class=move || row.with_value(|r| change_class(r.completion_change, true))>{move || row.with_value(|r| points(r.completion_change, lang()))}</span>
            </td>
            <td>
                <span class="ux-figure" data-testid="ux-errors">{move || row.with_value(|r| fine_percent(r.current.error_rate()))}</span>
                <span class=move || row.with_value(|r| change_class(r.error_change, false))>{move || row.with_value(|r| points(r.error_change, lang()))}</span>
            </td>
            <td>{move || row.with_value(|r| range(r.current.p50_range, lang()))}</td>
            <td>
                <span>{move || row.with_value(|r| range(r.current.p95_range, lang()))}</span>
                <span class="muted small ux-worst" data-testid="ux-worst">{move || row.with_value(|r| {
                    let lang = lang();
                    match (r.current.worst_p95(), r.current.p95_worst_day) {
                        (Some(p), Some(day)) => format!("{}{} {}", lang.tr("最差:", "Worst: "), ms(p, lang), format_date(day, lang)),
                        _ => String::new(),
                    }
                })}</span>
                <span class=move || row.with_value(|r| change_class(r.p95_change, false))>{move || row.with_value(|r| format_change(r.p95_change))}</span>
            </td>
            <td class="ux-trend"><Sparkline values=Signal::stored(trend) good=Signal::stored(good) /></td>
            <td class="ux-target">{move || row.with_value(|r| {
                let lang = lang();
                r.target.as_ref().map_or_else(
                    || "—".to_string(),
                    |t| format!(
                        "≥ {} · ≤ {} · P95 ≤ {}",
                        format_percent(Some(t.completion_rate)),
                        fine_percent(Some(t.error_rate)),
                        ms(t.load_ms_p95, lang)
                    ),
                )
            })}</td>
            <td>
                <span class=format!("badge ux-status ux-status-{}", status.id()) data-testid="ux-status">{move || status.label(lang())}</span>
                <span class="muted small">{move || row.with_value(|r| missed_parts(r, lang()))}</span>
                <button type="button" class="btn btn-ghost ux-edit" aria-label=edit_label on:click=open>{move || ctx.tr("编辑目标", "Edit target")}</button>
            </td>
        </tr>
    }
}
