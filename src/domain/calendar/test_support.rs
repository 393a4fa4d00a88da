//! Dates, items, campaigns and events the calendar's tests build on.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::markers::{Marker, MarkerKind};
use crate::domain::calendar::model::{
    ContentChannel, ContentItem, ContentStatus, ContentType, LocalEvent, Recurrence,
};
use crate::domain::campaigns::model::{
    Audience, Campaign, CampaignFigures, CampaignGoal, CampaignStatus, CampaignType,
};

pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(crate) fn at(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).unwrap()
}

pub(crate) fn item(id: &str, publish_at: NaiveDateTime) -> ContentItem {
    ContentItem {
        id: id.into(),
        title: format!("标题 {id}"),
        kind: ContentType::ProductLaunch,
        channels: vec![ContentChannel::OfficialAccount],
        status: ContentStatus::Scheduled,
        owner: "王芳".into(),
        publish_at,
        notes: String::new(),
        tags: Vec::new(),
        link: None,
        repeat: Recurrence::None,
    }
}

pub(crate) fn campaign(id: &str, name: &str, start: NaiveDate, end: NaiveDate) -> Campaign {
    Campaign {
        id: id.into(),
        name: name.into(),
        kind: CampaignType::Discount,
        goal: CampaignGoal::Activation,
        audience: Audience::All,
        districts: Vec::new(),
        channels: Vec::new(),
        start,
        end,
        budget: 1000.0,
        targets: CampaignFigures::default(),
        status: CampaignStatus::Planned,
        review: None,
    }
}

pub(crate) fn event(name: &str, start: NaiveDate, end: NaiveDate) -> LocalEvent {
    LocalEvent {
        id: "e1".into(),
        name: name.into(),
        start,
        end,
        district: None,
        note: String::new(),
    }
}

pub(crate) fn at_date(ms: &[Marker], date: NaiveDate) -> Vec<(MarkerKind, &str)> {
    ms.iter()
        .filter(|m| m.date == date)
        .map(|m| (m.kind, m.name.as_str()))
        .collect()
}
