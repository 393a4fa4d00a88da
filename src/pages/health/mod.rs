//! Security & performance (`#/health`, 性能与安全监控): endpoints against
//! their thresholds (WeChat's published targets by default) with trend
//! charts that mark the incidents, the incidents log, the security routine
//! with its overdue items, and the alert rules with their states. The rules
//! are evaluated app-wide (state/alerts.rs); this screen lists and edits them.

mod endpoints;
mod incidents;
mod rule_editor;
mod rules;
mod security;

use std::sync::Arc;

use chrono::Local;
use leptos::prelude::*;

use crate::components::{DataView, PeriodControls};
use crate::data::outbox::overlay;
use crate::domain::health::alert_rules::{AlertRule, AlertWatch};
use crate::domain::health::endpoints::endpoint_label;
use crate::domain::health::incidents::days_since_last;
use crate::domain::health::model::{HealthSample, Incident, SecurityCheck};
use crate::domain::health::security::{state as check_state, CheckState};
use crate::i18n::{format_count, format_percent, Lang};
use crate::state::alerts::use_alerts;
use crate::state::context::use_ctx;
use crate::state::loading::{list_resource, ListResource};

pub(crate) use crate::state::clock::today;

/// What a rule watches, in words (also used by the shell's alerts panel).
pub fn watch_label(watch: &AlertWatch, lang: Lang) -> String {
    match watch {
        AlertWatch::Kpi { kpi } => kpi.label(lang).to_string(),
        AlertWatch::Task { task, figure } => format!("{task} · {}", figure.label(lang)),
        AlertWatch::Endpoint { endpoint, figure } => format!(
            "{} · {}",
            endpoint_label(endpoint, lang == Lang::Zh),
            figure.label(lang)
        ),
        AlertWatch::Feedback { category } => match lang {
            Lang::Zh => format!("{}反馈条数", category.label(lang)),
            Lang::En => format!("{} feedback items", category.label(lang)),
        },
    }
}

/// A rule's measure on the evaluated day, formatted for its kind: a change
/// in percent for baseline conditions, a percentage for rates, ms for
/// latencies, a count otherwise.
pub fn describe_value(rule: &AlertRule, value: Option<f64>, lang: Lang) -> String {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return "—".into();
    };
    if rule.condition.uses_baseline() {
        return format!("{v:+.1}% {}", lang.tr("较基线", "vs. baseline"));
    }
    describe_figure(&rule.watch, v, lang)
}

/// A figure of the watched series (not a change), formatted.
pub fn describe_figure(watch: &AlertWatch, v: f64, lang: Lang) -> String {
    use crate::domain::health::alert_rules::{EndpointFigure, TaskFigure};
    match watch {
        AlertWatch::Kpi { kpi } => kpi.format(Some(v), lang),
        AlertWatch::Endpoint { figure, .. } => match figure {
            EndpointFigure::ErrorRate => format_percent(Some(v)),
            EndpointFigure::Requests => format_count(v, lang),
            _ => format!("{} ms", format_count(v, lang)),
        },
        AlertWatch::Task { figure, .. } => match figure {
            TaskFigure::CompletionRate | TaskFigure::ErrorRate => format_percent(Some(v)),
            _ => format!("{} ms", format_count(v, lang)),
        },
        AlertWatch::Feedback { .. } => format_count(v, lang),
    }
}

#[component]
pub fn HealthPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Health);
    let health: ListResource<HealthSample> = list_resource::<HealthSample>(ctx);
    let incidents: ListResource<Incident> = list_resource::<Incident>(ctx);
    let checks: ListResource<SecurityCheck> = list_resource::<SecurityCheck>(ctx);
    // The incidents as shown (pending edits included), for the list and the charts.
    let shown_incidents = Memo::new(move |_| {
        let server = incidents.get().and_then(Result::ok).unwrap_or_default();
        ctx.outbox.with(|ob| overlay(&server, ob))
    });
    let incident_rows = Memo::new(move |_| {
        Arc::new(
            shown_incidents
                .get()
                .into_iter()
                .map(|s| s.item)
                .collect::<Vec<_>>(),
        )
    });
    view! {
        <section class="page health" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("性能与安全监控", "Health monitoring")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "监控加载时间、接口响应时间和错误率,对照预警阈值,在用户察觉之前处理问题;漏洞检查、数据加密和权限管理按计划例行进行。",
                    "Watch load time, API response time and error rates against alert thresholds and act before users notice; keep the security routine (vulnerability checks, encryption, permissions) on schedule.",
                )}</p>
            </header>
            <Summary incident_rows checks />
            <PeriodControls id_prefix="hl" />
            <DataView resource=health render={move |rows: Vec<HealthSample>| view! { <endpoints::Endpoints rows incidents=incident_rows /> }} />
            <rules::Rules />
            <incidents::Incidents shown=shown_incidents list=incidents />
            <security::Checklist list=checks />
        </section>
    }
}

/// The strip at the top: firing rules, days since the last incident and
/// overdue security checks.
#[component]
fn Summary(
    incident_rows: Memo<Arc<Vec<Incident>>>,
    checks: ListResource<SecurityCheck>,
) -> impl IntoView {
    let ctx = use_ctx();
    let alerts = use_alerts();
    let firing = Memo::new(move |_| alerts.map(|a| a.firing()).unwrap_or(0));
    let since = Memo::new(move |_| {
        let now = Local::now().naive_local();
        incident_rows.with(|rows| days_since_last(rows, now))
    });
    let overdue = Memo::new(move |_| {
        let server = checks.get().and_then(Result::ok).unwrap_or_default();
        let t = today();
        ctx.outbox.with(|ob| {
            overlay(&server, ob)
                .iter()
                .filter(|s| check_state(&s.item, t).0 == CheckState::Overdue)
                .count()
        })
    });
    view! {
        <dl class="health-summary" aria-label=move || ctx.tr("概况", "Summary")>
            <div class=move || { if firing.get() > 0 { "stat stat-bad" } else { "stat" } }>
                <dt>{move || ctx.tr("正在告警", "Firing")}</dt>
                <dd data-testid="firing-count">{move || firing.get().to_string()}</dd>
            </div>
            <div class="stat">
                <dt>{move || ctx.tr("距上次事故", "Since the last incident")}</dt>
                <dd data-testid="days-since">{move || match (since.get(), ctx.lang.get()) {
                    (Some(n), Lang::Zh) => format!("{n} 天"),
                    (Some(n), Lang::En) => format!("{n} day(s)"),
                    (None, _) => ctx.tr("无事故记录", "No incidents recorded").to_string(),
                }}</dd>
            </div>
            <div class=move || { if overdue.get() > 0 { "stat stat-warn" } else { "stat" } }>
                <dt>{move || ctx.tr("逾期的安全检查", "Overdue security checks")}</dt>
                <dd data-testid="overdue-count">{move || overdue.get().to_string()}</dd>
            </div>
        </dl>
    }
}
