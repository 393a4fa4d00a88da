//! The promotion channels' rows (see docs/api.md): monthly spend and results
//! per placement, and the editable staff-time assumptions.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::cockpit::dimensions::Channel;
use crate::i18n::Lang;

/// A row's channel: one of ours, or an id this version does not know. An
/// unknown id is kept (and shown as such) rather than failing the whole
/// collection or dropping the row silently.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChannelRef {
    Known(Channel),
    Unknown(String),
}

impl ChannelRef {
    pub fn known(&self) -> Option<Channel> {
        match self {
            ChannelRef::Known(c) => Some(*c),
            ChannelRef::Unknown(_) => None,
        }
    }

    /// The id on the wire (and in the URL).
    pub fn id(&self) -> &str {
        match self {
            ChannelRef::Known(c) => c.id(),
            ChannelRef::Unknown(s) => s,
        }
    }

    pub fn from_id(id: &str) -> ChannelRef {
        match Channel::from_id(id) {
            Some(c) => ChannelRef::Known(c),
            None => ChannelRef::Unknown(id.to_string()),
        }
    }

    /// The name for the user; an unknown id says so.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            ChannelRef::Known(c) => c.label(lang).to_string(),
            ChannelRef::Unknown(s) => format!("{}: {s}", lang.tr("未知渠道", "Unknown channel")),
        }
    }
}

impl From<Channel> for ChannelRef {
    fn from(c: Channel) -> ChannelRef {
        ChannelRef::Known(c)
    }
}

impl PartialEq<Channel> for ChannelRef {
    fn eq(&self, other: &Channel) -> bool {
        self.known() == Some(*other)
    }
}

impl Serialize for ChannelRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for ChannelRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ChannelRef, D::Error> {
        let id = String::deserialize(d)?;
        Ok(ChannelRef::from_id(&id))
    }
}

/// Monthly spend and results of one promotion placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelSpend {
    pub month: String,
    pub channel: ChannelRef,
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
    /// Of this month's new users: how many ordered again within 30 days.
    /// Optional so a backend serving the older shape still decodes; the
    /// screen then marks the quality columns "not available".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_buyers: Option<u32>,
    /// Of this month's new users: how many came back on day 7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_d7: Option<u32>,
    /// Of this month's new users: how many came back on day 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_d30: Option<u32>,
}

/// The staff time an organic placement costs (editable): hours per month ×
/// an hourly rate. See `staff_time` for how it becomes a cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffTime {
    pub id: String,
    pub channel: ChannelRef,
    pub placement: String,
    pub hours_per_month: f64,
    /// Yuan per hour.
    pub hourly_rate: f64,
    #[serde(default)]
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_rows_decode_and_unknown_channels_are_kept() {
        let old = r#"{"month":"2025-10","channel":"tv_ads","placement":"电视","cost":1,
            "reach":2,"clicks":1,"visits":1,"newUsers":1,"orders":0,"revenue":0}"#;
        let row: ChannelSpend = serde_json::from_str(old).unwrap();
        assert_eq!(row.channel, ChannelRef::Unknown("tv_ads".into()));
        assert_eq!(row.repeat_buyers, None);
        assert_eq!(row.channel.label(Lang::En), "Unknown channel: tv_ads");
        // Written back, the unknown id is kept and the absent fields stay absent.
        let json = serde_json::to_string(&row).unwrap();
        assert!(json.contains("\"channel\":\"tv_ads\""));
        assert!(!json.contains("repeatBuyers"));
        let known = ChannelRef::from_id("paid_ads");
        assert_eq!(known, Channel::PaidAds);
        assert_eq!(serde_json::to_string(&known).unwrap(), "\"paid_ads\"");
    }
}
