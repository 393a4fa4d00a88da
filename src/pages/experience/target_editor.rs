//! Editing one key task's target (completion rate, error rate, worst-day
//! p95) in a dialog; saved through the outbox like every editable collection.

use leptos::prelude::*;

use crate::components::form::{Dialog, Field, NumberInput};
use crate::data::outbox::Op;
use crate::domain::experience::model::TaskTarget;
use crate::i18n::Lang;
use crate::state::context::use_ctx;
use crate::state::edits::submit;
use crate::state::loading::ListResource;

/// A percentage typed as 0–100, rounded so "1.2" stores exactly 0.012.
fn percent_from_input(text: &str) -> Option<f64> {
    let value: f64 = text.trim().parse().ok()?;
    (value.is_finite() && (0.0..=100.0).contains(&value)).then(|| (value * 1e4).round() / 1e6)
}

fn percent_to_input(ratio: f64) -> String {
    if ratio.is_finite() {
        format!("{}", (ratio * 1e6).round() / 1e4)
    } else {
        String::new()
    }
}

/// Milliseconds: a whole number from 1 to 10 minutes.
fn ms_from_input(text: &str) -> Option<u32> {
    let value: f64 = text.trim().parse().ok()?;
    (value.is_finite() && (1.0..=600_000.0).contains(&value)).then(|| value.round() as u32)
}

/// The target the three fields describe, or which field is wrong.
pub fn parse_target(
    task: &str,
    completion: &str,
    p95: &str,
    errors: &str,
) -> Result<TaskTarget, &'static str> {
    Ok(TaskTarget {
        id: task.to_string(),
        completion_rate: percent_from_input(completion).ok_or("completion")?,
        load_ms_p95: ms_from_input(p95).ok_or("p95")?,
        error_rate: percent_from_input(errors).ok_or("errors")?,
    })
}

#[component]
pub fn TargetEditor(
    task: String,
    current: Option<TaskTarget>,
    targets: ListResource<TaskTarget>,
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let completion = RwSignal::new(
        current
            .as_ref()
            .map(|t| percent_to_input(t.completion_rate))
            .unwrap_or_default(),
    );
    let p95 = RwSignal::new(
        current
            .as_ref()
            .map(|t| t.load_ms_p95.to_string())
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(
        current
            .as_ref()
            .map(|t| percent_to_input(t.error_rate))
            .unwrap_or_default(),
    );
    let wrong: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let error_of = move |field: &'static str, zh: &'static str, en: &'static str| {
        Signal::derive(move || (wrong.get() == Some(field)).then(|| ctx.tr(zh, en).to_string()))
    };
    let existed = current.is_some();
    let title_task = task.clone();
    let task = StoredValue::new(task);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = task.with_value(|task| {
            parse_target(
                task,
                &completion.get_untracked(),
                &p95.get_untracked(),
                &errors.get_untracked(),
            )
        });
        match parsed {
            Err(field) => wrong.set(Some(field)),
            Ok(next) => {
                wrong.set(None);
                let op = if existed { Op::Update } else { Op::Create };
                let label = match ctx.lang.get_untracked() {
                    Lang::Zh => format!("{} 的目标", next.id),
                    Lang::En => format!("target of {}", next.id),
                };
                submit(ctx, op, next.id.clone(), Some(next), label, Some(targets));
                on_close.run(());
            }
        }
    };
    let title = move || match ctx.lang.get() {
        Lang::Zh => format!("“{title_task}”的目标"),
        Lang::En => format!("Target of “{title_task}”"),
    };
    view! {
        <Dialog title_id="ux-target-title" title=title on_close>
            <form class="content-form" on:submit=save>
                <Field id="ux-target-completion" label=move || ctx.tr("完成率不低于(%)", "Completion rate at least (%)")
                    error=error_of("completion", "请输入 0–100 之间的数字。", "Enter a number from 0 to 100.")>
                    <NumberInput value=completion />
                </Field>
                <Field id="ux-target-errors" label=move || ctx.tr("错误率不高于(%)", "Error rate at most (%)")
                    error=error_of("errors", "请输入 0–100 之间的数字。", "Enter a number from 0 to 100.")>
                    <NumberInput value=errors />
                </Field>
                <Field id="ux-target-p95" label=move || ctx.tr("最差一天 P95 不高于(ms)", "Worst-day p95 at most (ms)")
                    error=error_of("p95", "请输入 1–600000 之间的毫秒数。", "Enter milliseconds from 1 to 600000.")>
                    <NumberInput value=p95 min="1" step="1" />
                </Field>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{move || ctx.tr("保存", "Save")}</button>
                    <button type="button" class="btn" on:click=move |_| on_close.run(())>{move || ctx.tr("取消", "Cancel")}</button>
                </div>
            </form>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_fields_parse_and_round_trip() {
        let t = parse_target("下单", "82.5", "3500", "0.8").unwrap();
        assert_eq!(t.completion_rate, 0.825);
        assert_eq!(t.error_rate, 0.008);
        assert_eq!(t.load_ms_p95, 3500);
        assert_eq!(percent_to_input(0.825), "82.5");
        assert_eq!(parse_target("下单", "120", "3500", "1"), Err("completion"));
        assert_eq!(parse_target("下单", "80", "0", "1"), Err("p95"));
        assert_eq!(parse_target("下单", "80", "3000", "x"), Err("errors"));
    }
}
