//! The resources of the JSON contract, and how their rows are decoded.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::ApiError;
use crate::domain::calendar::model::{ContentItem, LocalEvent};
use crate::domain::campaigns::model::Campaign;
use crate::domain::channels::model::ChannelSpend;
use crate::domain::cockpit::model::{
    HourlyVisits, MetricFact, PortraitRow, RetentionCohort, Target, TopPage,
};
use crate::domain::dataset::Dataset;
use crate::domain::experience::model::{ExperienceSample, Experiment};
use crate::domain::feedback::model::Feedback;
use crate::domain::health::model::HealthSample;
use crate::domain::roadmap::model::RoadmapItem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resource {
    Metrics,
    Retention,
    Portrait,
    Hourly,
    Pages,
    Feedback,
    Content,
    Campaigns,
    Channels,
    Roadmap,
    Experience,
    Health,
    Experiments,
    Targets,
    Events,
}

impl Resource {
    pub const ALL: &'static [Resource] = &[
        Resource::Metrics,
        Resource::Retention,
        Resource::Portrait,
        Resource::Hourly,
        Resource::Pages,
        Resource::Feedback,
        Resource::Content,
        Resource::Campaigns,
        Resource::Channels,
        Resource::Roadmap,
        Resource::Experience,
        Resource::Health,
        Resource::Experiments,
        Resource::Targets,
        Resource::Events,
    ];

    /// The collection name: the key in db.json and the default URL path.
    pub fn key(self) -> &'static str {
        match self {
            Resource::Metrics => "metrics",
            Resource::Retention => "retention",
            Resource::Portrait => "portrait",
            Resource::Hourly => "hourly",
            Resource::Pages => "pages",
            Resource::Feedback => "feedback",
            Resource::Content => "content",
            Resource::Campaigns => "campaigns",
            Resource::Channels => "channels",
            Resource::Roadmap => "roadmap",
            Resource::Experience => "experience",
            Resource::Health => "health",
            Resource::Experiments => "experiments",
            Resource::Targets => "targets",
            Resource::Events => "events",
        }
    }

    /// The collection's name for the user (e.g. in "部分数据未能加载").
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let (zh, en) = match self {
            Resource::Metrics => ("每日指标", "daily metrics"),
            Resource::Retention => ("留存", "retention"),
            Resource::Portrait => ("用户画像", "user portrait"),
            Resource::Hourly => ("分时访问", "hourly visits"),
            Resource::Pages => ("页面排行", "top pages"),
            Resource::Feedback => ("用户反馈", "feedback"),
            Resource::Content => ("内容", "content"),
            Resource::Campaigns => ("活动", "campaigns"),
            Resource::Channels => ("推广渠道", "promotion channels"),
            Resource::Roadmap => ("迭代规划", "roadmap"),
            Resource::Experience => ("用户体验", "experience"),
            Resource::Health => ("性能健康", "health"),
            Resource::Experiments => ("A/B 实验", "experiments"),
            Resource::Targets => ("目标与预警值", "targets"),
            Resource::Events => ("天津本地时节", "local events"),
        };
        lang.tr(zh, en)
    }

    pub fn from_key(key: &str) -> Option<Resource> {
        Resource::ALL.iter().copied().find(|r| r.key() == key)
    }

    /// Operators edit these; the rest are measurements and read-only.
    pub fn editable(self) -> bool {
        matches!(
            self,
            Resource::Feedback
                | Resource::Content
                | Resource::Campaigns
                | Resource::Roadmap
                | Resource::Targets
                | Resource::Events
        )
    }
}

/// A row type of one resource, and where it lives in the demo `Dataset`.
pub trait Row: Clone + PartialEq + serde::Serialize + DeserializeOwned + 'static {
    const RESOURCE: Resource;
    fn rows(d: &Dataset) -> &Vec<Self>;
    fn rows_mut(d: &mut Dataset) -> &mut Vec<Self>;
}

/// A row of an editable collection: it has a string id.
pub trait Record: Row {
    fn id(&self) -> &str;
}

macro_rules! row {
    ($t:ty, $r:expr, $field:ident) => {
        impl Row for $t {
            const RESOURCE: Resource = $r;
            fn rows(d: &Dataset) -> &Vec<Self> {
                &d.$field
            }
            fn rows_mut(d: &mut Dataset) -> &mut Vec<Self> {
                &mut d.$field
            }
        }
    };
    ($t:ty, $r:expr, $field:ident, editable) => {
        row!($t, $r, $field);
        impl Record for $t {
            fn id(&self) -> &str {
                &self.id
            }
        }
    };
}
row!(MetricFact, Resource::Metrics, metrics);
row!(RetentionCohort, Resource::Retention, retention);
row!(PortraitRow, Resource::Portrait, portrait);
row!(HourlyVisits, Resource::Hourly, hourly);
row!(TopPage, Resource::Pages, pages);
row!(ChannelSpend, Resource::Channels, channels);
row!(ExperienceSample, Resource::Experience, experience);
row!(HealthSample, Resource::Health, health);
row!(Experiment, Resource::Experiments, experiments);
row!(Feedback, Resource::Feedback, feedback, editable);
row!(ContentItem, Resource::Content, content, editable);
row!(Campaign, Resource::Campaigns, campaigns, editable);
row!(RoadmapItem, Resource::Roadmap, roadmap, editable);
row!(Target, Resource::Targets, targets, editable);
row!(LocalEvent, Resource::Events, events, editable);

/// Follows a dotted envelope path (`data.items`) into a response body.
pub fn unwrap_envelope(
    body: Value,
    envelope: Option<&str>,
    resource: Resource,
) -> Result<Value, ApiError> {
    let Some(path) = envelope.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(body);
    };
    let mut current = body;
    for part in path.split('.') {
        current = match current {
            Value::Object(mut map) => map.remove(part).ok_or_else(|| ApiError::Decode {
                resource: resource.key().into(),
                path: path.into(),
                detail: format!("the envelope has no “{part}”"),
            })?,
            _ => {
                return Err(ApiError::Decode {
                    resource: resource.key().into(),
                    path: path.into(),
                    detail: format!("“{part}” is not inside an object"),
                })
            }
        };
    }
    Ok(current)
}

/// Decodes a value into `T`, naming the failing field (e.g. `[3].visits`).
pub fn decode<T: DeserializeOwned>(value: Value, resource: Resource) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ApiError::Decode {
            resource: resource.key().into(),
            path: if path == "." { "(root)".into() } else { path },
            detail: e.into_inner().to_string(),
        }
    })
}

/// Parses raw text, then decodes it; malformed JSON is a decode error too.
pub fn decode_text<T: DeserializeOwned>(
    text: &str,
    envelope: Option<&str>,
    resource: Resource,
) -> Result<T, ApiError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ApiError::Decode {
        resource: resource.key().into(),
        path: "(root)".into(),
        detail: format!("not JSON: {e}"),
    })?;
    decode(unwrap_envelope(value, envelope, resource)?, resource)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn envelope_paths_are_followed() {
        let body = json!({"data": {"items": [1, 2]}});
        let v = unwrap_envelope(body, Some("data.items"), Resource::Feedback).unwrap();
        assert_eq!(v, json!([1, 2]));
        let missing = unwrap_envelope(json!({"data": []}), Some("data.items"), Resource::Feedback);
        assert!(matches!(missing, Err(ApiError::Decode { .. })));
        assert_eq!(
            unwrap_envelope(json!([3]), Some(" "), Resource::Feedback).unwrap(),
            json!([3])
        );
    }

    #[test]
    fn decode_errors_name_the_field() {
        let text =
            r#"[{"id":"t1","target":1.0,"warning":2.0},{"id":"t2","target":"high","warning":1}]"#;
        let err = decode_text::<Vec<Target>>(text, None, Resource::Targets).unwrap_err();
        match err {
            ApiError::Decode { path, resource, .. } => {
                assert_eq!(path, "[1].target");
                assert_eq!(resource, "targets");
            }
            other => panic!("unexpected {other:?}"),
        }
        let err = decode_text::<Vec<Target>>("{oops", None, Resource::Targets).unwrap_err();
        assert!(matches!(err, ApiError::Decode { ref path, .. } if path == "(root)"));
    }

    #[test]
    fn keys_round_trip() {
        for r in Resource::ALL {
            assert_eq!(Resource::from_key(r.key()), Some(*r));
        }
        assert!(Resource::Feedback.editable());
        assert!(!Resource::Metrics.editable());
    }
}
