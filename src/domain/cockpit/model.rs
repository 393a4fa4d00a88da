//! The cockpit's rows (see docs/api.md): daily metric facts, retention
//! cohorts, the user portrait, hourly visits, top pages and KPI targets.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
use crate::domain::shared::dates::checked;

/// One day of traffic and business for one district × channel × platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricFact {
    #[serde(deserialize_with = "checked")]
    pub date: NaiveDate,
    pub district: District,
    pub channel: Channel,
    pub platform: Platform,
    /// Times the mini-program was opened (访问次数).
    pub visits: u32,
    /// Distinct users that day (访问人数, UV).
    pub visitors: u32,
    pub new_visitors: u32,
    pub sessions: u32,
    /// Sum of all sessions' stay time, in seconds.
    pub stay_seconds: u64,
    pub page_views: u32,
    /// Sessions that saw one page only.
    pub bounces: u32,
    /// Sessions that viewed at least one product (a funnel step).
    pub product_views: u32,
    /// Sessions that added something to the cart.
    pub carts: u32,
    pub orders: u32,
    pub paying_users: u32,
    /// Paying users who had paid before.
    pub repeat_buyers: u32,
    /// Paid revenue in yuan.
    pub revenue: f64,
}

/// One weekly cohort of new visitors (week starting Monday) for a district
/// and channel, and how many of them came back on day 1, 7 and 30. A return
/// figure is absent while the cohort is too young to know it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionCohort {
    #[serde(deserialize_with = "checked")]
    pub week: NaiveDate,
    pub district: District,
    pub channel: Channel,
    pub new_visitors: u32,
    #[serde(default)]
    pub returned_d1: Option<u32>,
    #[serde(default)]
    pub returned_d7: Option<u32>,
    #[serde(default)]
    pub returned_d30: Option<u32>,
}

/// Visitors by month, district, gender and age band (user portrait).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortraitRow {
    /// `YYYY-MM`.
    pub month: String,
    pub district: District,
    pub gender: Gender,
    pub age_band: AgeBand,
    pub visitors: u32,
}

/// Visits by month, weekday (1 = Monday … 7 = Sunday) and hour (0–23).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HourlyVisits {
    pub month: String,
    pub weekday: u8,
    pub hour: u8,
    pub visits: u32,
}

/// Page-level traffic for one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopPage {
    pub month: String,
    pub path: String,
    pub title: String,
    pub page_views: u32,
    pub visitors: u32,
    pub stay_seconds: u64,
    pub exits: u32,
}

/// A KPI target and its warning threshold; `id` is the metric key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub id: String,
    pub target: f64,
    pub warning: f64,
}
