//! Which daily series each alert rule watches, built from the loaded
//! collections, and every rule evaluated on one day: what the navigation
//! count, the alerts panel and the health screen show. Pure, so it runs in
//! the browser on a static deploy and in native tests alike.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::campaigns::model::Campaign;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::model::MetricFact;
use crate::domain::cockpit::totals::Totals;
use crate::domain::experience::model::ExperienceSample;
use crate::domain::feedback::model::{Feedback, FeedbackCategory};
use crate::domain::health::alert_rules::{
    baseline_skip_dates, AlertRule, AlertWatch, EndpointFigure, TaskFigure,
};
use crate::domain::health::model::HealthSample;
use crate::domain::health::rule_eval::{
    evaluate, AlertState, DailyPoint, Evaluation, BASELINE_LOOKBACK_DAYS, MAX_WALK_DAYS,
};
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::ratio::ratio;

/// China Standard Time, for the day a piece of feedback arrived.
const CST_SECONDS: i32 = 8 * 3600;

/// The collections the rules read, reduced to what the series need.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlertInputs {
    pub daily: BTreeMap<NaiveDate, Totals>,
    pub health: Vec<HealthSample>,
    pub experience: Vec<ExperienceSample>,
    /// Feedback items per (category, day in China time).
    pub feedback: BTreeMap<(FeedbackCategory, NaiveDate), u64>,
    /// The first and last day feedback was collected over.
    pub feedback_days: Option<(NaiveDate, NaiveDate)>,
    pub campaign_days: BTreeSet<NaiveDate>,
}

impl AlertInputs {
    pub fn new(
        facts: &[MetricFact],
        health: Vec<HealthSample>,
        experience: Vec<ExperienceSample>,
        feedback: &[Feedback],
        campaigns: &[Campaign],
    ) -> AlertInputs {
        let mut daily: BTreeMap<NaiveDate, Totals> = BTreeMap::new();
        for f in facts {
            daily.entry(f.date).or_default().add(f);
        }
        let cst = FixedOffset::east_opt(CST_SECONDS);
        let mut counts = BTreeMap::new();
        let mut first_last: Option<(NaiveDate, NaiveDate)> = None;
        for fb in feedback {
            let day = match cst {
                Some(tz) => fb.created_at.with_timezone(&tz).date_naive(),
                None => fb.created_at.date_naive(),
            };
            *counts.entry((fb.category, day)).or_insert(0) += 1;
            first_last = Some(match first_last {
                Some((a, b)) => (a.min(day), b.max(day)),
                None => (day, day),
            });
        }
        let mut campaign_days = BTreeSet::new();
        for c in campaigns {
            // A year at most per campaign: a stray end date must not loop for ages.
            for day in c.start.iter_days().take_while(|d| *d <= c.end).take(366) {
                campaign_days.insert(day);
            }
        }
        AlertInputs {
            daily,
            health,
            experience,
            feedback: counts,
            feedback_days: first_last,
            campaign_days,
        }
    }
}

labelled_enum! {
    /// The kinds of figure a rule can watch (the editor's first choice).
    WatchKind {
        Kpi = "kpi", "驾驶舱指标", "Cockpit KPI";
        Task = "task", "关键任务", "Key task";
        Endpoint = "endpoint", "接口", "Endpoint";
        Feedback = "feedback", "反馈条数", "Feedback volume";
    }
}

/// The kind of a watch.
pub fn watch_kind(watch: &AlertWatch) -> WatchKind {
    match watch {
        AlertWatch::Kpi { .. } => WatchKind::Kpi,
        AlertWatch::Task { .. } => WatchKind::Task,
        AlertWatch::Endpoint { .. } => WatchKind::Endpoint,
        AlertWatch::Feedback { .. } => WatchKind::Feedback,
    }
}

/// How a rule's thresholds are shown and typed: rates of an above/below
/// rule in percent (×100), everything else as stored.
pub fn threshold_scale(watch: &AlertWatch, baseline: bool) -> f64 {
    if watch.is_rate() && !baseline {
        100.0
    } else {
        1.0
    }
}

/// The daily series a watch reads: `(day, value, volume)`.
/// Feedback counts run to `as_of` (a day with none counts as zero).
pub fn series(watch: &AlertWatch, inputs: &AlertInputs, as_of: NaiveDate) -> Vec<DailyPoint> {
    match watch {
        AlertWatch::Kpi { kpi } => inputs
            .daily
            .iter()
            .map(|(d, t)| {
                let volume = if kpi.is_rate() {
                    t.visits
                } else {
                    kpi.value(t).unwrap_or(0.0).max(0.0) as u64
                };
                (*d, kpi.value(t), volume)
            })
            .collect(),
        AlertWatch::Endpoint { endpoint, figure } => inputs
            .health
            .iter()
            .filter(|h| &h.endpoint == endpoint)
            .map(|h| {
                let value = match figure {
                    EndpointFigure::Requests => Some(f64::from(h.requests)),
                    EndpointFigure::ErrorRate => ratio(f64::from(h.errors), f64::from(h.requests)),
                    EndpointFigure::LatencyP50 => Some(f64::from(h.p50_ms)),
                    EndpointFigure::LatencyP95 => Some(f64::from(h.p95_ms)),
                };
                (h.date, value, u64::from(h.requests))
            })
            .collect(),
        AlertWatch::Task { task, figure } => inputs
            .experience
            .iter()
            .filter(|e| &e.task == task)
            .map(|e| {
                let (value, volume) = match figure {
                    TaskFigure::CompletionRate => (
                        ratio(f64::from(e.completions), f64::from(e.starts)),
                        e.starts,
                    ),
                    TaskFigure::ErrorRate => (
                        ratio(f64::from(e.errors), f64::from(e.page_views)),
                        e.page_views,
                    ),
                    TaskFigure::LoadP50 => (Some(f64::from(e.load_ms_p50)), e.starts),
                    TaskFigure::LoadP95 => (Some(f64::from(e.load_ms_p95)), e.starts),
                };
                (e.date, value, u64::from(volume))
            })
            .collect(),
        AlertWatch::Feedback { category } => {
            let Some((first, last)) = inputs.feedback_days else {
                return Vec::new();
            };
            let last = last.max(as_of);
            // Days with no feedback of the category count as zero.
            first
                .iter_days()
                .take_while(|d| *d <= last)
                .take(MAX_WALK_DAYS as usize * 3)
                .map(|d| {
                    let n = inputs.feedback.get(&(*category, d)).copied().unwrap_or(0);
                    (d, Some(n as f64), n)
                })
                .collect()
        }
    }
}

/// One rule with its evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleStatus {
    pub rule: AlertRule,
    pub eval: Evaluation,
}

impl RuleStatus {
    pub fn firing(&self) -> bool {
        self.rule.enabled && self.eval.state == AlertState::Firing
    }
}

/// Every rule evaluated on `as_of`; paused rules are listed with the state
/// they would have, and never count as firing.
pub fn evaluate_all(
    rules: &[AlertRule],
    inputs: &AlertInputs,
    as_of: NaiveDate,
) -> Vec<RuleStatus> {
    let from = as_of
        .checked_sub_days(Days::new((MAX_WALK_DAYS + BASELINE_LOOKBACK_DAYS) as u64))
        .unwrap_or(NaiveDate::MIN);
    rules
        .iter()
        .map(|rule| {
            let skip = baseline_skip_dates(
                rule.baseline_skip,
                from,
                as_of,
                inputs.campaign_days.iter().copied(),
            );
            let eval = evaluate(rule, &series(&rule.watch, inputs, as_of), &skip, as_of);
            RuleStatus {
                rule: rule.clone(),
                eval,
            }
        })
        .collect()
}

/// Where the breach can be seen: an area slug and its URL parameters.
/// The window runs from two weeks before the state changed to `as_of`.
pub fn breach_view(
    status: &RuleStatus,
    as_of: NaiveDate,
) -> (&'static str, Vec<(&'static str, String)>) {
    let since = status.eval.since.unwrap_or(as_of);
    let from = since
        .checked_sub_days(Days::new(14))
        .unwrap_or(since)
        .to_string();
    let to = as_of.to_string();
    let period = |mut v: Vec<(&'static str, String)>| {
        v.push(("period", "custom".into()));
        v.push(("from", from.clone()));
        v.push(("to", to.clone()));
        v
    };
    match &status.rule.watch {
        AlertWatch::Kpi { kpi } => ("cockpit", period(vec![("metric", kpi_key(*kpi).into())])),
        AlertWatch::Endpoint { endpoint, .. } => {
            ("health", period(vec![("endpoint", endpoint.clone())]))
        }
        AlertWatch::Task { task, .. } => ("experience", period(vec![("task", task.clone())])),
        AlertWatch::Feedback { category } => (
            "feedback",
            vec![
                ("category", category.id().into()),
                ("from", from.clone()),
                ("to", to.clone()),
            ],
        ),
    }
}

fn kpi_key(kpi: Kpi) -> &'static str {
    kpi.key()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::domain::health::alert_rules::{AlertCondition, AlertSeverity, BaselineSkip};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn rule(
        watch: AlertWatch,
        condition: AlertCondition,
        fire: f64,
        clear: Option<f64>,
        n: u32,
        min_volume: u64,
    ) -> AlertRule {
        AlertRule {
            id: "r".into(),
            name: "r".into(),
            watch,
            condition,
            fire_threshold: fire,
            clear_threshold: clear,
            consecutive_days: n,
            severity: AlertSeverity::Critical,
            min_volume,
            baseline_skip: BaselineSkip::default(),
            enabled: true,
        }
    }

    fn pay(day: u32, requests: u32, errors: u32) -> HealthSample {
        HealthSample {
            date: d(11, day),
            endpoint: "/api/pay".into(),
            requests,
            errors,
            p50_ms: 300,
            p95_ms: 900,
        }
    }

    #[test]
    fn endpoint_error_rate_fires_after_two_days_and_respects_min_volume() {
        // 25th 0.5 %, 26th 3 %, 27th 4 %: two breaching days in a row → firing
        // since the 27th (pending on the 26th).
        let inputs = AlertInputs {
            health: vec![pay(25, 1000, 5), pay(26, 1000, 30), pay(27, 1000, 40)],
            ..AlertInputs::default()
        };
        let watch = AlertWatch::Endpoint {
            endpoint: "/api/pay".into(),
            figure: EndpointFigure::ErrorRate,
        };
        let r = rule(
            watch.clone(),
            AlertCondition::Above,
            0.02,
            Some(0.01),
            2,
            100,
        );
        let s = &evaluate_all(std::slice::from_ref(&r), &inputs, d(11, 27))[0];
        assert!(s.firing());
        assert_eq!(s.eval.since, Some(d(11, 27)));
        assert_eq!(s.eval.worst, Some((d(11, 27), 0.04)));
        // The same figures over 50 requests a day: below the minimum volume,
        // nothing can breach.
        let small = AlertInputs {
            health: vec![pay(25, 50, 0), pay(26, 50, 2), pay(27, 50, 3)],
            ..AlertInputs::default()
        };
        let s = &evaluate_all(std::slice::from_ref(&r), &small, d(11, 27))[0];
        assert!(!s.firing());
        // Paused: never counts.
        let mut paused = r;
        paused.enabled = false;
        assert!(!evaluate_all(&[paused], &inputs, d(11, 27))[0].firing());
        let (area, params) = breach_view(s, d(11, 27));
        assert_eq!(area, "health");
        assert!(params.contains(&("endpoint", "/api/pay".to_string())));
    }

    #[test]
    fn feedback_counts_fill_empty_days_with_zero() {
        let mut counts = BTreeMap::new();
        counts.insert((FeedbackCategory::Delivery, d(11, 2)), 4);
        let inputs = AlertInputs {
            feedback: counts,
            feedback_days: Some((d(11, 1), d(11, 3))),
            ..AlertInputs::default()
        };
        let s = series(
            &AlertWatch::Feedback {
                category: FeedbackCategory::Delivery,
            },
            &inputs,
            d(11, 2),
        );
        assert_eq!(
            s,
            vec![
                (d(11, 1), Some(0.0), 0),
                (d(11, 2), Some(4.0), 4),
                (d(11, 3), Some(0.0), 0)
            ]
        );
    }
}
