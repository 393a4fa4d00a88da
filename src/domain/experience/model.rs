//! The user-experience rows (see docs/api.md): key-task samples and A/B tests.

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
}
