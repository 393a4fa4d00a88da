//! The promotion channels' rows (see docs/api.md): monthly spend and results.

use serde::{Deserialize, Serialize};

use crate::domain::cockpit::dimensions::Channel;

/// Monthly spend and results of one promotion placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelSpend {
    pub month: String,
    pub channel: Channel,
    /// The concrete placement, e.g. "朋友圈广告" or "和平路店桌贴".
    pub placement: String,
    pub cost: f64,
    /// People reached (impressions de-duplicated by the platform).
    pub reach: u32,
    pub clicks: u32,
    pub visits: u32,
    pub new_users: u32,
    pub orders: u32,
    pub revenue: f64,
}
