//! Alert rules (issue 11, "Alert rules, app-wide"): what a rule watches, its
//! condition, severity and thresholds, as an editable row. Evaluation lives
//! in `rule_eval`; this file only says what a rule *is*, plus the helper that
//! turns the rule's baseline exclusions into a set of dates to skip.
//!
//! A rule watches one daily figure. Where the numbers come from (cockpit
//! totals, task or endpoint rows, feedback counts) is the caller's business:
//! it builds a daily series and hands it to `rule_eval::evaluate`, so the
//! evaluation can be tested without any of those rows.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::chinese_calendar::holidays::holidays;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::feedback::model::FeedbackCategory;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    /// How urgent a firing rule is; the navigation count can weigh by it.
    AlertSeverity {
        Info = "info", "提示", "Info";
        Warning = "warning", "注意", "Warning";
        Critical = "critical", "严重", "Critical";
    }
}

labelled_enum! {
    /// A key task's daily figure (from the experience rows).
    TaskFigure {
        CompletionRate = "completion_rate", "完成率", "Completion rate";
        LoadP50 = "load_p50", "加载耗时 p50", "Load time p50";
        LoadP95 = "load_p95", "加载耗时 p95", "Load time p95";
        ErrorRate = "error_rate", "错误率", "Error rate";
    }
}

labelled_enum! {
    /// An endpoint's daily figure (from the health rows).
    EndpointFigure {
        Requests = "requests", "请求数", "Requests";
        ErrorRate = "error_rate", "错误率", "Error rate";
        LatencyP50 = "latency_p50", "响应耗时 p50", "Latency p50";
        LatencyP95 = "latency_p95", "响应耗时 p95", "Latency p95";
    }
}

labelled_enum! {
    /// When a day breaches. The two baseline conditions compare the day with
    /// the median of the trailing 28 valid days and measure the change in
    /// percent; their thresholds are positive percentages ("fall of more than
    /// 30 %" is `FallVsBaseline` with a fire threshold of 30).
    AlertCondition {
        Above = "above", "高于", "Above";
        Below = "below", "低于", "Below";
        RiseVsBaseline = "rise_vs_baseline", "较基线上升", "Rise vs. baseline";
        FallVsBaseline = "fall_vs_baseline", "较基线下降", "Fall vs. baseline";
    }
}

impl AlertCondition {
    /// True when a higher measure is the bad direction (so the clear
    /// threshold sits at or below the fire threshold).
    pub fn fires_upward(self) -> bool {
        matches!(self, AlertCondition::Above | AlertCondition::RiseVsBaseline)
    }

    /// True for the conditions measured against the trailing baseline.
    pub fn uses_baseline(self) -> bool {
        matches!(
            self,
            AlertCondition::RiseVsBaseline | AlertCondition::FallVsBaseline
        )
    }
}

/// The one daily figure a rule watches. Tagged by `kind` on the wire so a
/// new kind of source is one more variant, not a new field on every rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AlertWatch {
    /// A cockpit KPI over the whole business, day by day.
    Kpi { kpi: Kpi },
    /// A key task's figure; `task` is the task name as in the rows (下单 …).
    Task { task: String, figure: TaskFigure },
    /// An endpoint's figure; `endpoint` as in the rows (`/api/pay`, `page_load`).
    Endpoint {
        endpoint: String,
        figure: EndpointFigure,
    },
    /// The number of feedback items of one category created that day.
    Feedback { category: FeedbackCategory },
}

impl AlertWatch {
    /// True when the figure is a rate, where a small day is noise; the editor
    /// can suggest a minimum volume for these.
    pub fn is_rate(&self) -> bool {
        match self {
            AlertWatch::Kpi { kpi } => matches!(
                kpi,
                Kpi::BounceRate | Kpi::ConversionRate | Kpi::ReturningShare
            ),
            AlertWatch::Task { figure, .. } => {
                matches!(figure, TaskFigure::CompletionRate | TaskFigure::ErrorRate)
            }
            AlertWatch::Endpoint { figure, .. } => *figure == EndpointFigure::ErrorRate,
            AlertWatch::Feedback { .. } => false,
        }
    }
}

/// Which special days a baseline condition leaves out of its baseline: a
/// Golden Week or a 双11 is not what a normal day looks like.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BaselineSkip {
    /// Statutory days off (国庆, 春节 …).
    pub holidays: bool,
    /// Weekend days worked to pay for the bridge days (调休上班).
    pub makeup_workdays: bool,
    /// Days when a campaign runs (the caller lists them).
    pub campaign_days: bool,
}

/// One alert rule. The wire row is camelCase; every field beyond what the
/// rule watches and how has a default, so a partial row still loads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertRule {
    pub id: String,
    pub name: String,
    pub watch: AlertWatch,
    pub condition: AlertCondition,
    /// A day breaches past this value (for baseline conditions: this many
    /// percent of change).
    pub fire_threshold: f64,
    /// A firing rule resolves only once a day is back past this value, so a
    /// figure hovering near the fire threshold does not flap. `None` means
    /// the fire threshold (no hysteresis).
    #[serde(default)]
    pub clear_threshold: Option<f64>,
    /// Breaching days in a row before the rule fires; 0 reads as 1.
    #[serde(default = "one_day")]
    pub consecutive_days: u32,
    #[serde(default = "warning")]
    pub severity: AlertSeverity,
    /// Days whose volume (requests, starts, visits …) is below this cannot
    /// breach or clear: 3 errors out of 5 requests is not an outage.
    #[serde(default)]
    pub min_volume: u64,
    #[serde(default)]
    pub baseline_skip: BaselineSkip,
    /// A paused rule is kept but not evaluated.
    #[serde(default = "enabled")]
    pub enabled: bool,
}

fn one_day() -> u32 {
    1
}

fn warning() -> AlertSeverity {
    AlertSeverity::Warning
}

fn enabled() -> bool {
    true
}

/// The dates a rule's baseline leaves out between `from` and `to`
/// (inclusive): the holidays and make-up workdays of the Chinese calendar
/// where the rule asks for them, and the given campaign days. Years without
/// a published schedule add no holidays (the calendar has none to give).
pub fn baseline_skip_dates(
    skip: BaselineSkip,
    from: NaiveDate,
    to: NaiveDate,
    campaign_days: impl IntoIterator<Item = NaiveDate>,
) -> BTreeSet<NaiveDate> {
    let in_range = |d: &NaiveDate| from <= *d && *d <= to;
    let mut out = BTreeSet::new();
    for year in from.year()..=to.year() {
        for holiday in holidays(year) {
            if skip.holidays {
                out.extend(holiday.days().into_iter().filter(in_range));
            }
            if skip.makeup_workdays {
                out.extend(holiday.makeup_workdays.iter().copied().filter(in_range));
            }
        }
    }
    if skip.campaign_days {
        out.extend(campaign_days.into_iter().filter(in_range));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_minimal_row_loads_with_defaults() {
        let json = r#"{"id":"r1","name":"支付错误率","watch":{"kind":"endpoint",
            "endpoint":"/api/pay","figure":"error_rate"},"condition":"above","fireThreshold":0.05}"#;
        let rule: AlertRule = serde_json::from_str(json).unwrap();
        assert_eq!(
            rule.watch,
            AlertWatch::Endpoint {
                endpoint: "/api/pay".into(),
                figure: EndpointFigure::ErrorRate
            }
        );
        assert_eq!(rule.clear_threshold, None);
        assert_eq!(rule.consecutive_days, 1);
        assert_eq!(rule.severity, AlertSeverity::Warning);
        assert_eq!(rule.min_volume, 0);
        assert_eq!(rule.baseline_skip, BaselineSkip::default());
        assert!(rule.enabled);
        assert!(rule.watch.is_rate());
    }

    #[test]
    fn a_rule_round_trips_through_json() {
        let rule = AlertRule {
            id: "r2".into(),
            name: "配送投诉激增".into(),
            watch: AlertWatch::Feedback {
                category: FeedbackCategory::Delivery,
            },
            condition: AlertCondition::RiseVsBaseline,
            fire_threshold: 50.0,
            clear_threshold: Some(20.0),
            consecutive_days: 2,
            severity: AlertSeverity::Critical,
            min_volume: 0,
            baseline_skip: BaselineSkip {
                holidays: true,
                makeup_workdays: true,
                campaign_days: false,
            },
            enabled: true,
        };
        let json = serde_json::to_string(&rule).unwrap();
        assert!(json.contains(r#""kind":"feedback","category":"delivery""#));
        assert!(json.contains(r#""condition":"rise_vs_baseline""#));
        assert_eq!(serde_json::from_str::<AlertRule>(&json).unwrap(), rule);
    }

    #[test]
    fn skip_dates_follow_the_rule_s_choices() {
        // National Day 2026 is 1–7 October with make-up workdays on Sunday
        // 20 September and Saturday 10 October (holidays.rs); Mid-Autumn is
        // 25–27 September. Range 15 Sep–15 Oct: holidays 3 + 7 = 10 days,
        // make-up workdays 2, campaign day 11-11 falls outside the range.
        let (from, to) = (d(2026, 9, 15), d(2026, 10, 15));
        let campaigns = [d(2026, 10, 12), d(2026, 11, 11)];
        let only_holidays = BaselineSkip {
            holidays: true,
            ..BaselineSkip::default()
        };
        let holidays_only = baseline_skip_dates(only_holidays, from, to, campaigns);
        assert_eq!(holidays_only.len(), 10);
        assert!(holidays_only.contains(&d(2026, 10, 1)));
        assert!(!holidays_only.contains(&d(2026, 10, 10)));

        let all = BaselineSkip {
            holidays: true,
            makeup_workdays: true,
            campaign_days: true,
        };
        let every = baseline_skip_dates(all, from, to, campaigns);
        assert_eq!(every.len(), 10 + 2 + 1);
        assert!(every.contains(&d(2026, 9, 20)) && every.contains(&d(2026, 10, 12)));
        assert!(baseline_skip_dates(BaselineSkip::default(), from, to, campaigns).is_empty());
    }
}
