//! Every collection of the JSON contract in one value: the demo dataset
//! and `db.json`. Field names are camelCase on the wire; money is in yuan
//! (CNY), durations in seconds or milliseconds as the field name says, dates
//! are ISO 8601.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::model::{ContentItem, LocalEvent};
use crate::domain::campaigns::model::Campaign;
use crate::domain::channels::model::{ChannelSpend, StaffTime};
use crate::domain::channels::qr::model::{QrCode, QrResult};
use crate::domain::cockpit::model::{
    HourlyVisits, MetricFact, PortraitRow, RetentionCohort, Target, TopPage,
};
use crate::domain::experience::model::{ExperienceSample, Experiment, TaskTarget};
use crate::domain::feedback::model::Feedback;
use crate::domain::health::alert_rules::AlertRule;
use crate::domain::health::model::{HealthSample, Incident, SecurityCheck};
use crate::domain::roadmap::model::{RoadmapBoard, RoadmapItem};
use crate::domain::roadmap::plan::QuarterPlan;
use crate::domain::roadmap::snapshot::ReviewSnapshot;
use crate::domain::wechat::orders::OrderDay;

/// Every collection the demo dataset (and `db.json`) holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dataset {
    pub metrics: Vec<MetricFact>,
    pub retention: Vec<RetentionCohort>,
    pub portrait: Vec<PortraitRow>,
    pub hourly: Vec<HourlyVisits>,
    pub pages: Vec<TopPage>,
    pub feedback: Vec<Feedback>,
    pub content: Vec<ContentItem>,
    pub campaigns: Vec<Campaign>,
    pub channels: Vec<ChannelSpend>,
    pub roadmap: Vec<RoadmapItem>,
    pub experience: Vec<ExperienceSample>,
    pub health: Vec<HealthSample>,
    pub experiments: Vec<Experiment>,
    pub targets: Vec<Target>,
    pub events: Vec<LocalEvent>,
    /// Absent from an older db.json: the experience screen then shows no targets.
    #[serde(default)]
    pub task_targets: Vec<TaskTarget>,
    #[serde(rename = "qr_codes", default)]
    pub qr_codes: Vec<QrCode>,
    #[serde(rename = "qr_results", default)]
    pub qr_results: Vec<QrResult>,
    /// Absent from older db.json files: then no staff time is assumed.
    #[serde(default, rename = "staff_time")]
    pub staff_time: Vec<StaffTime>,
    /// The roadmap board's scoring choice (one row, `board`).
    #[serde(default)]
    pub roadmap_boards: Vec<RoadmapBoard>,
    /// Saved quarterly reviews of the roadmap.
    #[serde(default)]
    pub roadmap_reviews: Vec<ReviewSnapshot>,
    /// Health's editable collections (issue 11); absent in an older
    /// db.json, hence the defaults. Keys are snake_case like their URLs.
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default, rename = "security_checks")]
    pub security_checks: Vec<SecurityCheck>,
    #[serde(default, rename = "alert_rules")]
    pub alert_rules: Vec<AlertRule>,
    /// The merchant's daily orders, read beside WeChat's files; absent in
    /// an older db.json.
    #[serde(default)]
    pub orders: Vec<OrderDay>,
    /// The roadmap's start-of-quarter plans, which the quarterly review
    /// compares the board with; absent in an older db.json.
    #[serde(default)]
    pub roadmap_plans: Vec<QuarterPlan>,
}
