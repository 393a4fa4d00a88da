//! The alert rules: each with its state on the evaluated day (OK, pending,
//! firing, resolved, no data), the day that state began and the measure,
//! and an editor (`rule=<id>` or `rule=new`) through the outbox. Saving
//! changes the shell's count at once: the shared evaluation reads the
//! outbox (state/alerts.rs).

use leptos::prelude::*;

use crate::domain::health::alert_rules::AlertRule;
use crate::domain::health::alerts::{breach_view, threshold_scale, RuleStatus};
use crate::domain::health::rule_eval::AlertState;
use crate::i18n::{words, Lang};
use crate::state::alerts::use_alerts;
use crate::state::context::{use_ctx, Ctx};
use crate::state::route::{Area, Route};

use super::rule_editor::Editor;
use super::{describe_value, watch_label};

pub(super) const PARAM: &str = "rule";

pub(super) fn close(ctx: Ctx) {
    ctx.url().clear([PARAM]);
}

/// A threshold in the unit the editor shows.
pub(super) fn shown_threshold(rule: &AlertRule, v: f64) -> String {
    let scaled = v * threshold_scale(&rule.watch, rule.condition.uses_baseline());
    // Trim float noise (0.02 × 100 = 2.0000000000000004).
    let rounded = (scaled * 1e6).round() / 1e6;
    format!("{rounded}")
}

fn condition_text(rule: &AlertRule, lang: Lang) -> String {
    let in_percent = rule.condition.uses_baseline() || threshold_scale(&rule.watch, false) > 1.0;
    let unit = if in_percent { "%" } else { "" };
    let clear = rule
        .clear_threshold
        .map(|c| {
            format!(
                " · {}{}{unit}",
                lang.tr("恢复线 ", "clears at "),
                shown_threshold(rule, c)
            )
        })
        .unwrap_or_default();
    let days = match lang {
        Lang::Zh => format!("连续 {} 天", rule.consecutive_days.max(1)),
        Lang::En => format!("{} day(s) in a row", rule.consecutive_days.max(1)),
    };
    format!(
        "{} {}{unit} · {days}{clear}",
        rule.condition.label(lang),
        shown_threshold(rule, rule.fire_threshold)
    )
}

#[component]
pub fn Rules() -> impl IntoView {
    let ctx = use_ctx();
    let alerts = use_alerts();
    let statuses = Memo::new(move |_| {
        let mut s: Vec<RuleStatus> = alerts
            .and_then(|a| a.statuses.try_get())
            .map(|s| s.as_ref().clone())
            .unwrap_or_default();
        // Firing first, then pending, then the rest by name.
        let rank = |s: &RuleStatus| match (s.rule.enabled, s.eval.state) {
            (true, AlertState::Firing) => 0,
            (true, AlertState::Pending) => 1,
            (true, _) => 2,
            (false, _) => 3,
        };
        s.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.rule.name.cmp(&b.rule.name))
        });
        s
    });
    let as_of = alerts.map(|a| a.as_of);
    view! {
        <section class="card rules" id="rules" aria-labelledby="rules-title">
            <div class="card-head">
                <h2 id="rules-title">{move || ctx.tr("告警规则", "Alert rules")}</h2>
                <button type="button" class="btn btn-primary" on:click=move |_| ctx.url().set(PARAM, "new")>{move || ctx.tr("新建规则", "New rule")}</button>
            </div>
            <p class="muted small">{move || match (ctx.lang.get(), as_of) {
                (Lang::Zh, Some(d)) => format!("按 {d}(昨天)的数据评估;在所有页面的顶栏显示正在告警的数量。"),
                (Lang::En, Some(d)) => format!("Evaluated on {d} (yesterday); the firing count shows in the top bar on every screen."),
                _ => String::new(),
            }}</p>
            <div class="table-scroll">
                <table class="rule-table">
                    <thead><tr>
                        <th scope="col">{move || words::name(ctx.lang.get())}</th>
                        <th scope="col">{move || ctx.tr("监控对象", "Watches")}</th>
                        <th scope="col">{move || ctx.tr("条件", "Condition")}</th>
                        <th scope="col">{move || ctx.tr("严重程度", "Severity")}</th>
                        <th scope="col">{move || words::status(ctx.lang.get())}</th>
                        <th scope="col">{move || ctx.tr("当前值", "Current value")}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let lang = ctx.lang.get();
                            statuses.get().into_iter().map(|s| {
                                let rule = s.rule.clone();
                                let id = rule.id.clone();
                                let state = s.eval.state;
                                let state_text = if rule.enabled { state.label(lang).to_string() } else { lang.tr("已暂停", "Paused").to_string() };
                                let since = s.eval.since.map(|d| d.to_string()).unwrap_or_default();
                                let link = as_of.map(|d| {
                                    let (area, params) = breach_view(&s, d);
                                    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
                                    Route::new(Area::from_slug(area).unwrap_or(Area::Health)).with_all(&pairs).to_hash()
                                });
                                view! {
                                    <tr data-id=rule.id.clone() data-state=if rule.enabled { state.id() } else { "paused" }>
                                        <th scope="row"><button type="button" class="link-btn" on:click=move |_| ctx.url().set(PARAM, &id)>{rule.name.clone()}</button></th>
                                        <td>{watch_label(&rule.watch, lang)}</td>
                                        <td>{condition_text(&rule, lang)}</td>
                                        <td>{rule.severity.label(lang)}</td>
                                        <td class=format!("status state-{}", state.id()) data-col="state">
                                            {state_text}
                                            {(!since.is_empty()).then(|| view! { <span class="muted small">" · "{lang.tr("自 ", "since ")}<span data-col="since">{since.clone()}</span></span> })}
                                        </td>
                                        <td>
                                            {match link {
                                                Some(href) => view! { <a href=href data-col="value">{describe_value(&rule, s.eval.value, lang)}</a> }.into_any(),
                                                None => view! { <span data-col="value">{describe_value(&rule, s.eval.value, lang)}</span> }.into_any(),
                                            }}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <Editor statuses />
        </section>
    }
}
