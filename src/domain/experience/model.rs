//! The user-experience rows (see docs/api.md): key-task samples, the
//! editable key-task targets and A/B tests.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::shared::dates::{checked, checked_opt};
use crate::domain::shared::labelled::labelled_enum;

/// Daily user-experience figures for one key task (e.g. 下单).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExperienceSample {
    #[serde(deserialize_with = "checked")]
    pub date: NaiveDate,
    pub task: String,
    pub starts: u32,
    pub completions: u32,
    pub load_ms_p50: u32,
    pub load_ms_p95: u32,
    pub page_views: u32,
    pub errors: u32,
}

/// The editable target of one key task; `id` is the task's name (e.g. 下单),
/// so there is one row per task. A task meets it when its completion rate is
/// at least `completionRate` and its error rate and worst-day p95 load time
/// are at most `errorRate` and `loadMsP95`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskTarget {
    pub id: String,
    /// Fraction, e.g. 0.8 = 80%.
    pub completion_rate: f64,
    pub load_ms_p95: u32,
    /// Fraction of page views, e.g. 0.01 = 1%.
    pub error_rate: f64,
}

labelled_enum! {
    ExperimentStatus {
        Running = "running", "进行中", "Running";
        Concluded = "concluded", "已结束", "Concluded";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExperimentVariant {
    pub name: String,
    pub visitors: u32,
    pub conversions: u32,
}

/// An A/B test; the first variant is the control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Experiment {
    pub id: String,
    pub name: String,
    pub hypothesis: String,
    /// What counts as a conversion, e.g. "下单".
    pub metric: String,
    #[serde(deserialize_with = "checked")]
    pub start: NaiveDate,
    #[serde(default, deserialize_with = "checked_opt")]
    pub end: Option<NaiveDate>,
    pub status: ExperimentStatus,
    pub variants: Vec<ExperimentVariant>,
    /// Planned traffic weights, one per variant (e.g. [1, 1] or [1, 1, 2]);
    /// empty (or absent, from an older backend) means an equal split.
    #[serde(default)]
    pub planned_split: Vec<f64>,
    /// The smallest effect the test was planned to detect, as a fraction of
    /// the control's rate (0.1 = +10%); absent: the screen assumes 10%.
    #[serde(default)]
    pub minimum_detectable_effect: Option<f64>,
    /// Visitors a day across all variants; absent: the observed average.
    #[serde(default)]
    pub daily_traffic: Option<f64>,
}
