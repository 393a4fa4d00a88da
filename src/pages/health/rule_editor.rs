//! The alert-rule editor (`rule=<id>` or `rule=new`): what the rule
//! watches, its condition, fire and clear thresholds, days, minimum volume,
//! severity and baseline exclusions, saved through the outbox.

use leptos::prelude::*;

use crate::components::form::{ConfirmDelete, Dialog, EnumSelect, Field, NumberInput, TextInput};
use crate::data::outbox::Op;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::feedback::model::FeedbackCategory;
use crate::domain::health::alert_rules::{
    AlertCondition, AlertRule, AlertSeverity, AlertWatch, BaselineSkip, EndpointFigure, TaskFigure,
};
use crate::domain::health::alerts::{threshold_scale, watch_kind, RuleStatus, WatchKind};
use crate::i18n::words;
use crate::state::alerts::use_alerts;
use crate::state::context::use_ctx;
use crate::state::edits::{new_id, submit};

use super::rules::{close, shown_threshold, PARAM};

#[component]
pub fn Editor(statuses: Memo<Vec<RuleStatus>>) -> impl IntoView {
    let ctx = use_ctx();
    let selected = Memo::new(move |_| ctx.url().get(PARAM));
    move || {
        let id = selected.get()?;
        let rule = if id == "new" {
            AlertRule {
                id: String::new(),
                name: String::new(),
                watch: AlertWatch::Endpoint {
                    endpoint: "/api/pay".into(),
                    figure: EndpointFigure::ErrorRate,
                },
                condition: AlertCondition::Above,
                fire_threshold: 0.02,
                clear_threshold: Some(0.01),
                consecutive_days: 1,
                severity: AlertSeverity::Warning,
                min_volume: 100,
                baseline_skip: BaselineSkip::default(),
                enabled: true,
            }
        } else {
            statuses
                .with_untracked(|s| s.iter().find(|s| s.rule.id == id).map(|s| s.rule.clone()))?
        };
        Some(view! { <Form rule /> })
    }
}

fn parse_num(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

#[component]
fn Form(rule: AlertRule) -> impl IntoView {
    let ctx = use_ctx();
    let alerts = use_alerts();
    let is_new = rule.id.is_empty();
    let original = StoredValue::new(rule.clone());
    let name = RwSignal::new(rule.name.clone());
    let kind = RwSignal::new(watch_kind(&rule.watch));
    let (kpi0, task0, task_fig0, endpoint0, ep_fig0, cat0) = match &rule.watch {
        AlertWatch::Kpi { kpi } => (
            *kpi,
            "下单".to_string(),
            TaskFigure::CompletionRate,
            "/api/pay".to_string(),
            EndpointFigure::ErrorRate,
            FeedbackCategory::AppIssue,
        ),
        AlertWatch::Task { task, figure } => (
            Kpi::Visits,
            task.clone(),
            *figure,
            "/api/pay".to_string(),
            EndpointFigure::ErrorRate,
            FeedbackCategory::AppIssue,
        ),
        AlertWatch::Endpoint { endpoint, figure } => (
            Kpi::Visits,
            "下单".to_string(),
            TaskFigure::CompletionRate,
            endpoint.clone(),
            *figure,
            FeedbackCategory::AppIssue,
        ),
        AlertWatch::Feedback { category } => (
            Kpi::Visits,
            "下单".to_string(),
            TaskFigure::CompletionRate,
            "/api/pay".to_string(),
            EndpointFigure::ErrorRate,
            *category,
        ),
    };
    let kpi = RwSignal::new(kpi0);
    let task = RwSignal::new(task0);
    let task_figure = RwSignal::new(task_fig0);
    let endpoint = RwSignal::new(endpoint0);
    let endpoint_figure = RwSignal::new(ep_fig0);
    let category = RwSignal::new(cat0);
    let condition = RwSignal::new(rule.condition);
    let fire = RwSignal::new(shown_threshold(&rule, rule.fire_threshold));
    let clear = RwSignal::new(
        rule.clear_threshold
            .map(|c| shown_threshold(&rule, c))
            .unwrap_or_default(),
    );
    let days = RwSignal::new(rule.consecutive_days.max(1).to_string());
    let severity = RwSignal::new(rule.severity);
    let min_volume = RwSignal::new(rule.min_volume.to_string());
    let skip_holidays = RwSignal::new(rule.baseline_skip.holidays);
    let skip_makeup = RwSignal::new(rule.baseline_skip.makeup_workdays);
    let skip_campaigns = RwSignal::new(rule.baseline_skip.campaign_days);
    let enabled = RwSignal::new(rule.enabled);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let on_close = Callback::new(move |()| close(ctx));
    let watch = move || match kind.get() {
        WatchKind::Kpi => AlertWatch::Kpi { kpi: kpi.get() },
        WatchKind::Task => AlertWatch::Task {
            task: task.get().trim().to_string(),
            figure: task_figure.get(),
        },
        WatchKind::Endpoint => AlertWatch::Endpoint {
            endpoint: endpoint.get().trim().to_string(),
            figure: endpoint_figure.get(),
        },
        WatchKind::Feedback => AlertWatch::Feedback {
            category: category.get(),
        },
    };
    let in_percent = move || {
        threshold_scale(&watch(), condition.get().uses_baseline()) > 1.0
            || condition.get().uses_baseline()
    };
    let save = move || {
        let lang = ctx.lang.get_untracked();
        let bad = |zh: &'static str, en: &'static str| Some(lang.tr(zh, en).to_string());
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            error.set(bad("请填写规则名称。", "Enter a rule name."));
            return;
        }
        let w = untrack(watch);
        let cond = condition.get_untracked();
        let scale = threshold_scale(&w, cond.uses_baseline());
        let Some(fire_v) = parse_num(&fire.get_untracked()) else {
            error.set(bad(
                "触发阈值须为数字。",
                "The fire threshold must be a number.",
            ));
            return;
        };
        let clear_text = clear.get_untracked();
        let clear_v = if clear_text.trim().is_empty() {
            None
        } else {
            match parse_num(&clear_text) {
                Some(v) => Some(v / scale),
                None => {
                    error.set(bad(
                        "恢复阈值须为数字或留空。",
                        "The clear threshold must be a number or empty.",
                    ));
                    return;
                }
            }
        };
        let Ok(n_days) = days.get_untracked().trim().parse::<u32>() else {
            error.set(bad(
                "连续天数须为整数。",
                "Days in a row must be a whole number.",
            ));
            return;
        };
        let Ok(volume) = min_volume.get_untracked().trim().parse::<u64>() else {
            error.set(bad(
                "最小样本量须为整数。",
                "The minimum volume must be a whole number.",
            ));
            return;
        };
        let mut r = original.get_value();
        if r.id.is_empty() {
            r.id = new_id("ar");
        }
        r.name = n;
        r.watch = w;
        r.condition = cond;
        r.fire_threshold = fire_v / scale;
        r.clear_threshold = clear_v;
        r.consecutive_days = n_days.max(1);
        r.severity = severity.get_untracked();
        r.min_volume = volume;
        r.baseline_skip = BaselineSkip {
            holidays: skip_holidays.get_untracked(),
            makeup_workdays: skip_makeup.get_untracked(),
            campaign_days: skip_campaigns.get_untracked(),
        };
        r.enabled = enabled.get_untracked();
        let op = if is_new { Op::Create } else { Op::Update };
        submit(
            ctx,
            op,
            r.id.clone(),
            Some(r.clone()),
            r.name.clone(),
            alerts.map(|a| a.rules),
        );
        on_close.run(());
    };
    let delete = Callback::new(move |()| {
        let r = original.get_value();
        submit::<AlertRule>(
            ctx,
            Op::Delete,
            r.id.clone(),
            None,
            r.name.clone(),
            alerts.map(|a| a.rules),
        );
        on_close.run(());
    });
    let check = move |id: &'static str,
                      value: RwSignal<bool>,
                      zh: &'static str,
                      en: &'static str| {
        view! {
            <label class="checkbox" for=id>
                <input id=id type="checkbox" prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev)) />
                <span>{move || ctx.tr(zh, en)}</span>
            </label>
        }
    };
    let heading = move || {
        if is_new {
            ctx.tr("新建规则", "New rule")
        } else {
            ctx.tr("编辑告警规则", "Edit alert rule")
        }
    };
    view! {
        <Dialog title_id="rule-dialog-title" title=heading on_close wide=true>
            <form class="content-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save() }>
                <Field id="rule-name" label=move || words::name(ctx.lang.get())><TextInput value=name required=true maxlength=80 autofocus=true /></Field>
                <div class="form-row">
                    <Field id="rule-kind" label=move || ctx.tr("监控对象", "Watches")><EnumSelect value=kind /></Field>
                    {move || match kind.get() {
                        WatchKind::Kpi => view! { <Field id="rule-kpi" label=move || ctx.tr("指标", "Metric")><EnumSelect value=kpi /></Field> }.into_any(),
                        WatchKind::Task => view! {
                            <Field id="rule-task" label=move || ctx.tr("任务", "Task")><TextInput value=task maxlength=40 /></Field>
                            <Field id="rule-task-figure" label=move || ctx.tr("数据项", "Figure")><EnumSelect value=task_figure /></Field>
                        }.into_any(),
                        WatchKind::Endpoint => view! {
                            <Field id="rule-endpoint" label=move || ctx.tr("接口", "Endpoint")><TextInput value=endpoint maxlength=120 /></Field>
                            <Field id="rule-endpoint-figure" label=move || ctx.tr("数据项", "Figure")><EnumSelect value=endpoint_figure /></Field>
                        }.into_any(),
                        WatchKind::Feedback => view! { <Field id="rule-category" label=move || ctx.tr("反馈类别", "Feedback category")><EnumSelect value=category /></Field> }.into_any(),
                    }}
                </div>
                <div class="form-row">
                    <Field id="rule-condition" label=move || ctx.tr("条件", "Condition")><EnumSelect value=condition /></Field>
                    <Field id="rule-fire" label=move || { if in_percent() { ctx.tr("触发阈值(%)", "Fire threshold (%)") } else { ctx.tr("触发阈值", "Fire threshold") } }><NumberInput value=fire min="-1e12" /></Field>
                    <Field id="rule-clear" label=move || { if in_percent() { ctx.tr("恢复阈值(%,可空)", "Clear threshold (%, optional)") } else { ctx.tr("恢复阈值(可空)", "Clear threshold (optional)") } }><NumberInput value=clear min="-1e12" /></Field>
                    <Field id="rule-days" label=move || ctx.tr("连续天数", "Days in a row")><NumberInput value=days step="1" /></Field>
                </div>
                <div class="form-row">
                    <Field id="rule-severity" label=move || ctx.tr("严重程度", "Severity")><EnumSelect value=severity /></Field>
                    <Field id="rule-volume" label=move || ctx.tr("最小样本量", "Minimum volume")><NumberInput value=min_volume step="1" /></Field>
                </div>
                <fieldset>
                    <legend>{move || ctx.tr("基线排除(仅较基线条件)", "Leave out of the baseline (baseline conditions only)")}</legend>
                    {check("rule-skip-holidays", skip_holidays, "法定节假日", "Public holidays")}
                    {check("rule-skip-makeup", skip_makeup, "调休上班日", "Make-up workdays")}
                    {check("rule-skip-campaigns", skip_campaigns, "活动日", "Campaign days")}
                </fieldset>
                {check("rule-enabled", enabled, "启用", "Enabled")}
                <p class="muted small">{move || ctx.tr(
                    "低于最小样本量(请求数、任务开始数、访问次数)的日子既不触发也不恢复。",
                    "Days below the minimum volume (requests, task starts, visits) neither fire nor clear.",
                )}</p>
                {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{move || words::save(ctx.lang.get())}</button>
                    {(!is_new).then(|| view! {
                        <ConfirmDelete question=move || ctx.tr("确定删除这条告警规则吗?", "Delete this alert rule?") on_confirm=delete />
                    })}
                </div>
            </form>
        </Dialog>
    }
}
