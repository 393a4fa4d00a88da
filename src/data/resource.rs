//! The resources of the JSON contract, declared once in [`collections!`],
//! and how their rows are decoded.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::ApiError;
use crate::domain::calendar::model::{ContentItem, LocalEvent};
use crate::domain::campaigns::model::Campaign;
use crate::domain::channels::model::{ChannelSpend, StaffTime};
use crate::domain::channels::qr::model::{QrCode, QrResult};
use crate::domain::cockpit::model::{
    HourlyVisits, MetricFact, PortraitRow, RetentionCohort, Target, TopPage,
};
use crate::domain::dataset::Dataset;
use crate::domain::experience::model::{ExperienceSample, Experiment, TaskTarget};
use crate::domain::feedback::model::Feedback;
use crate::domain::health::alert_rules::AlertRule;
use crate::domain::health::model::{HealthSample, Incident, SecurityCheck};
use crate::domain::roadmap::model::{RoadmapBoard, RoadmapItem};
use crate::domain::roadmap::plan::QuarterPlan;
use crate::domain::roadmap::snapshot::ReviewSnapshot;
use crate::domain::shared::json_decode::decode_json;
use crate::domain::wechat::orders::OrderDay;
use crate::i18n::Lang;

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

/// Work to do with an editable collection's row type (restore it from
/// storage, resend an edit of it). [`Resource::with_record`] runs it with
/// the right type; both come from the one declaration in [`collections!`],
/// so an editable collection cannot be missed by any of them.
pub trait RecordVisitor {
    type Output;
    fn visit<T: Record>(self) -> Self::Output;
}

/// Work to do with any collection's row type (serve the demo worker's
/// generated rows). [`Resource::with_row`] runs it with the right type.
pub trait RowVisitor {
    type Output;
    fn visit<T: Row>(self) -> Self::Output;
}

/// Declares every collection once: its variant, key (db.json, URL path,
/// `### key` in docs/api.md), row type, `Dataset` field, name for the user,
/// and `editable` if operators change it. The `Resource` enum, its lookups,
/// the `Row`/`Record` impls and the editable-collection dispatch
/// ([`Resource::with_record`]) are all generated from that list.
macro_rules! collections {
    ($($variant:ident => $key:literal, $row:ty, $field:ident, ($zh:literal, $en:literal) $(, $editable:ident)?;)*) => {
        /// One collection of the JSON contract (in the order of docs/api.md).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Resource {
            $($variant,)*
        }

        impl Resource {
            pub const ALL: &'static [Resource] = &[$(Resource::$variant,)*];

            /// The collection name: the key in db.json and the default URL path.
            pub fn key(self) -> &'static str {
                match self {
                    $(Resource::$variant => $key,)*
                }
            }

            /// The collection's name for the user (e.g. in "部分数据未能加载").
            pub fn label(self, lang: Lang) -> &'static str {
                let (zh, en) = match self {
                    $(Resource::$variant => ($zh, $en),)*
                };
                lang.tr(zh, en)
            }

            /// Operators edit these; the rest are measurements and read-only.
            pub fn editable(self) -> bool {
                match self {
                    $(Resource::$variant => collections!(@editable $($editable)?),)*
                }
            }

            /// Runs `visitor` with this collection's row type.
            pub fn with_row<V: RowVisitor>(self, visitor: V) -> V::Output {
                match self {
                    $(Resource::$variant => visitor.visit::<$row>(),)*
                }
            }

            /// Runs `visitor` with this collection's row type if it is
            /// editable; `None` for a read-only collection.
            pub fn with_record<V: RecordVisitor>(self, visitor: V) -> Option<V::Output> {
                match self {
                    $(Resource::$variant => collections!(@visit visitor, $row $(, $editable)?),)*
                }
            }
        }

        $(collections!(@row $variant, $row, $field $(, $editable)?);)*
    };
    (@editable editable) => { true };
    (@editable) => { false };
    (@visit $visitor:ident, $row:ty, editable) => { Some($visitor.visit::<$row>()) };
    (@visit $visitor:ident, $row:ty) => { None };
    (@row $variant:ident, $row:ty, $field:ident $(, $editable:ident)?) => {
        impl Row for $row {
            const RESOURCE: Resource = Resource::$variant;
            fn rows(d: &Dataset) -> &Vec<Self> {
                &d.$field
            }
            fn rows_mut(d: &mut Dataset) -> &mut Vec<Self> {
                &mut d.$field
            }
        }
        $(collections!(@record $editable, $row);)?
    };
    (@record editable, $row:ty) => {
        impl Record for $row {
            fn id(&self) -> &str {
                &self.id
            }
        }
    };
}

collections! {
    Metrics => "metrics", MetricFact, metrics, ("每日指标", "daily metrics");
    Retention => "retention", RetentionCohort, retention, ("留存", "retention");
    Portrait => "portrait", PortraitRow, portrait, ("用户画像", "user portrait");
    Hourly => "hourly", HourlyVisits, hourly, ("分时访问", "hourly visits");
    Pages => "pages", TopPage, pages, ("页面排行", "top pages");
    Feedback => "feedback", Feedback, feedback, ("用户反馈", "feedback"), editable;
    Content => "content", ContentItem, content, ("内容", "content"), editable;
    Campaigns => "campaigns", Campaign, campaigns, ("活动", "campaigns"), editable;
    Channels => "channels", ChannelSpend, channels, ("推广渠道", "promotion channels");
    Roadmap => "roadmap", RoadmapItem, roadmap, ("迭代规划", "roadmap"), editable;
    Experience => "experience", ExperienceSample, experience, ("用户体验", "experience");
    Health => "health", HealthSample, health, ("性能健康", "health");
    Experiments => "experiments", Experiment, experiments, ("A/B 实验", "experiments");
    Targets => "targets", Target, targets, ("目标与预警值", "targets"), editable;
    Events => "events", LocalEvent, events, ("天津本地时节", "local events"), editable;
    TaskTargets => "taskTargets", TaskTarget, task_targets, ("关键任务目标", "key-task targets"), editable;
    QrCodes => "qr_codes", QrCode, qr_codes, ("二维码台账", "QR code registry"), editable;
    QrResults => "qr_results", QrResult, qr_results, ("二维码效果", "QR code results");
    StaffTime => "staff_time", StaffTime, staff_time, ("人工时间假设", "staff-time assumptions"), editable;
    RoadmapBoards => "roadmapBoards", RoadmapBoard, roadmap_boards, ("路线图评分设置", "roadmap scoring"), editable;
    RoadmapReviews => "roadmapReviews", ReviewSnapshot, roadmap_reviews, ("季度复盘", "quarterly reviews"), editable;
    Incidents => "incidents", Incident, incidents, ("事故记录", "incidents"), editable;
    SecurityChecks => "security_checks", SecurityCheck, security_checks, ("安全检查清单", "security checklist"), editable;
    AlertRules => "alert_rules", AlertRule, alert_rules, ("告警规则", "alert rules"), editable;
    Orders => "orders", OrderDay, orders, ("每日订单", "daily orders");
    RoadmapPlans => "roadmapPlans", QuarterPlan, roadmap_plans, ("季度初计划", "start-of-quarter plans"), editable;
}

impl Resource {
    pub fn from_key(key: &str) -> Option<Resource> {
        Resource::ALL.iter().copied().find(|r| r.key() == key)
    }
}

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

/// Parses raw text and decodes it into `T`, naming the failing field (e.g.
/// `[3].visits`); malformed JSON is a decode error too. Without an envelope
/// the text goes straight into the rows, with no `Value` tree between.
pub fn decode_text<T: DeserializeOwned>(
    text: &str,
    envelope: Option<&str>,
    resource: Resource,
) -> Result<T, ApiError> {
    if envelope.map(str::trim).is_some_and(|p| !p.is_empty()) {
        let value: Value = serde_json::from_str(text).map_err(|e| ApiError::Decode {
            resource: resource.key().into(),
            path: "(root)".into(),
            detail: format!("not JSON: {e}"),
        })?;
        // Back to text: one decoder for every row type (each decoder is
        // compiled once per type, and the enveloped case is the rare one).
        let inner = unwrap_envelope(value, envelope, resource)?.to_string();
        return decode_plain(&inner, resource);
    }
    decode_plain(text, resource)
}

fn decode_plain<T: DeserializeOwned>(text: &str, resource: Resource) -> Result<T, ApiError> {
    decode_json(text).map_err(|e| ApiError::Decode {
        resource: resource.key().into(),
        path: if e.syntax || e.path == "." {
            "(root)".into()
        } else {
            e.path
        },
        detail: if e.syntax {
            format!("not JSON: {}", e.detail)
        } else {
            e.detail
        },
    })
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

    /// Answers which collection the row type it is given belongs to.
    struct WhichResource;
    impl RecordVisitor for WhichResource {
        type Output = Resource;
        fn visit<T: Record>(self) -> Resource {
            T::RESOURCE
        }
    }

    #[test]
    fn exactly_the_editable_collections_dispatch_to_their_own_row_type() {
        for r in Resource::ALL {
            let dispatched = r.with_record(WhichResource);
            assert_eq!(dispatched, r.editable().then_some(*r), "{r:?}");
        }
    }

    #[test]
    fn every_collection_is_documented_in_the_api_contract() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/api.md");
        let api = std::fs::read_to_string(path).unwrap();
        let headings: Vec<&str> = api
            .lines()
            .filter_map(|l| l.strip_prefix("### "))
            .map(str::trim)
            .collect();
        let missing: Vec<&str> = Resource::ALL
            .iter()
            .map(|r| r.key())
            .filter(|k| !headings.contains(k))
            .collect();
        assert!(
            missing.is_empty(),
            "docs/api.md has no `### name` section for {missing:?}"
        );
    }
}
