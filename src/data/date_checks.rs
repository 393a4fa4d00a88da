//! Every date field of every collection is checked when decoded: a row with
//! a year outside `MIN_YEAR..=MAX_YEAR` (see `domain/shared/dates.rs`) fails
//! with a decode error naming the field. It walks the demo dataset's rows, so
//! it lives in `data` (domain does not import data, not even in tests).

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::Value;

use crate::data::embedded::generator::generate;
use crate::data::error::ApiError;
use crate::data::resource::{decode_text, Resource, Row};
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
use crate::domain::wechat::orders::OrderDay;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every JSON path (e.g. `createdAt`, `review.actual`) of a row whose
/// value is a string that chrono reads as a date or date-time.
fn date_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                date_paths(v, &p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                date_paths(v, &format!("{prefix}[{i}]"), out);
            }
        }
        Value::String(s) if year_span(s).is_some() => out.push(prefix.to_string()),
        _ => {}
    }
}

/// Where the year is in a date string, if the string is a chrono date.
fn year_span(s: &str) -> Option<usize> {
    let is_date = NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || s.parse::<NaiveDateTime>().is_ok()
        || DateTime::parse_from_rfc3339(s).is_ok();
    is_date.then(|| s.find('-')).flatten()
}

fn set_year(value: &mut Value, path: &str, year: &str) {
    let mut cur = value;
    // `items[0].kpi.before.covered[1]`: keys, each followed by any indices.
    for part in path.split('.') {
        let mut pieces = part.split('[');
        let key = pieces.next().unwrap_or_default();
        if !key.is_empty() {
            cur = match cur.get_mut(key) {
                Some(v) => v,
                None => return,
            };
        }
        for index in pieces {
            let i: usize = index.trim_end_matches(']').parse().unwrap();
            cur = match cur.get_mut(i) {
                Some(v) => v,
                None => return,
            };
        }
    }
    if let Value::String(s) = cur {
        let at = year_span(s).unwrap();
        *s = format!("{year}{}", &s[at..]);
    }
}

/// For each date field found in the generated rows of `T` (and in
/// `extra`, rows that fill optional dates the demo leaves empty), a
/// row with that field at chrono's limits must fail to decode, with
/// the error naming that field. Returns the fields checked.
fn rejects_edge_years<T: Row>(data: &Dataset, extra: &[Value]) -> Vec<String> {
    // The first rows are enough to meet every field (the rest repeat it).
    let mut rows: Vec<Value> = T::rows(data)
        .iter()
        .take(300)
        .map(|r| serde_json::to_value(r).unwrap())
        .collect();
    rows.extend(extra.iter().cloned());
    assert!(!rows.is_empty(), "no rows of {:?}", T::RESOURCE);
    let mut checked = Vec::new();
    for row in &rows {
        let mut paths = Vec::new();
        date_paths(row, "", &mut paths);
        for path in paths {
            if checked.contains(&path) {
                continue;
            }
            // The untouched row decodes.
            let ok = serde_json::to_string(&[row]).unwrap();
            assert!(decode_text::<Vec<T>>(&ok, None, T::RESOURCE).is_ok());
            for year in ["+262142", "-262143", "9999", "1899", "2201"] {
                let mut bad = row.clone();
                set_year(&mut bad, &path, year);
                let text = serde_json::to_string(&[bad]).unwrap();
                match decode_text::<Vec<T>>(&text, None, T::RESOURCE) {
                    Err(ApiError::Decode {
                        path: p,
                        resource,
                        detail,
                    }) => {
                        assert_eq!(p, format!("[0].{path}"), "{year} in {resource}");
                        assert_eq!(resource, T::RESOURCE.key());
                        assert!(!detail.is_empty());
                    }
                    other => panic!("{:?}.{path} = {year}: {:?}", T::RESOURCE, other.err()),
                }
            }
            checked.push(path);
        }
    }
    checked.sort();
    checked
}

#[test]
fn every_date_field_of_every_collection_is_checked() {
    let data = generate(7, d(2026, 11, 27));
    let fb_update = serde_json::json!({
        "id": "fb-x", "createdAt": "2026-01-02T03:04:05Z", "source": "store",
        "category": "service", "text": "t", "status": "new",
        "updatedAt": "2026-01-03T00:00:00Z"
    });
    let exp_end = serde_json::json!({
        "id": "x", "name": "n", "hypothesis": "h", "metric": "m", "start": "2026-01-01",
        "end": "2026-02-01", "status": "concluded", "variants": []
    });
    let fields: Vec<(Resource, Vec<String>)> = vec![
        (
            Resource::Metrics,
            rejects_edge_years::<MetricFact>(&data, &[]),
        ),
        (
            Resource::Retention,
            rejects_edge_years::<RetentionCohort>(&data, &[]),
        ),
        (
            Resource::Portrait,
            rejects_edge_years::<PortraitRow>(&data, &[]),
        ),
        (
            Resource::Hourly,
            rejects_edge_years::<HourlyVisits>(&data, &[]),
        ),
        (Resource::Pages, rejects_edge_years::<TopPage>(&data, &[])),
        (
            Resource::Feedback,
            rejects_edge_years::<Feedback>(&data, &[fb_update]),
        ),
        (
            Resource::Content,
            rejects_edge_years::<ContentItem>(&data, &[]),
        ),
        (
            Resource::Campaigns,
            rejects_edge_years::<Campaign>(&data, &[]),
        ),
        (
            Resource::Channels,
            rejects_edge_years::<ChannelSpend>(&data, &[]),
        ),
        (
            Resource::Roadmap,
            rejects_edge_years::<RoadmapItem>(&data, &[]),
        ),
        (
            Resource::Experience,
            rejects_edge_years::<ExperienceSample>(&data, &[]),
        ),
        (
            Resource::Health,
            rejects_edge_years::<HealthSample>(&data, &[]),
        ),
        (
            Resource::Experiments,
            rejects_edge_years::<Experiment>(&data, &[exp_end]),
        ),
        (Resource::Targets, rejects_edge_years::<Target>(&data, &[])),
        (
            Resource::Events,
            rejects_edge_years::<LocalEvent>(&data, &[]),
        ),
        (
            Resource::TaskTargets,
            rejects_edge_years::<TaskTarget>(&data, &[]),
        ),
        (Resource::QrCodes, rejects_edge_years::<QrCode>(&data, &[])),
        (
            Resource::QrResults,
            rejects_edge_years::<QrResult>(&data, &[]),
        ),
        (
            Resource::StaffTime,
            rejects_edge_years::<StaffTime>(&data, &[]),
        ),
        (
            Resource::RoadmapBoards,
            rejects_edge_years::<RoadmapBoard>(&data, &[]),
        ),
        (
            Resource::RoadmapReviews,
            rejects_edge_years::<ReviewSnapshot>(&data, &[]),
        ),
        (
            Resource::Incidents,
            rejects_edge_years::<Incident>(&data, &[]),
        ),
        (
            Resource::SecurityChecks,
            rejects_edge_years::<SecurityCheck>(&data, &[]),
        ),
        (
            Resource::AlertRules,
            rejects_edge_years::<AlertRule>(&data, &[]),
        ),
        (Resource::Orders, rejects_edge_years::<OrderDay>(&data, &[])),
        (
            Resource::RoadmapPlans,
            rejects_edge_years::<QuarterPlan>(&data, &[]),
        ),
    ];
    // Every collection was walked, and the known date fields were found
    // (so the walk itself cannot silently find nothing).
    assert_eq!(fields.len(), Resource::ALL.len());
    let of = |r: Resource| {
        fields
            .iter()
            .find(|(k, _)| *k == r)
            .map(|(_, f)| f.join(","))
            .unwrap()
    };
    assert_eq!(of(Resource::Metrics), "date");
    assert_eq!(of(Resource::Retention), "week");
    assert_eq!(of(Resource::Feedback), "createdAt,updatedAt");
    assert_eq!(of(Resource::Content), "publishAt");
    assert_eq!(of(Resource::Campaigns), "end,start");
    assert_eq!(of(Resource::Experience), "date");
    assert_eq!(of(Resource::Health), "date");
    assert_eq!(of(Resource::Experiments), "end,start");
    assert_eq!(of(Resource::Events), "end,start");
    assert_eq!(of(Resource::Targets), "");
    assert_eq!(of(Resource::TaskTargets), "");
    assert_eq!(of(Resource::QrCodes), "created");
    assert_eq!(of(Resource::QrResults), "date");
    assert_eq!(of(Resource::StaffTime), "");
    assert_eq!(of(Resource::Roadmap), "shipDate");
    let review = of(Resource::RoadmapReviews);
    assert!(
        review.contains("takenOn") && review.contains("kpi.before.covered[0]"),
        "{review}"
    );
    assert_eq!(of(Resource::Incidents), "end,start");
    assert_eq!(of(Resource::SecurityChecks), "expires,lastDone");
    assert_eq!(of(Resource::AlertRules), "");
    assert_eq!(of(Resource::Orders), "date");
    assert_eq!(of(Resource::RoadmapPlans), "takenOn");
}

#[test]
fn the_whole_dataset_round_trips_and_a_null_optional_date_is_fine() {
    let data = generate(7, d(2026, 11, 27));
    let text = serde_json::to_string(&data.feedback).unwrap();
    let back: Vec<Feedback> = decode_text(&text, None, Resource::Feedback).unwrap();
    assert_eq!(back, data.feedback);
    let row = r#"[{"id":"f","createdAt":"2026-01-02T03:04:05+08:00","source":"store",
        "category":"service","text":"t","status":"new","updatedAt":null}]"#;
    let rows: Vec<Feedback> = decode_text(row, None, Resource::Feedback).unwrap();
    assert_eq!(rows[0].updated_at, None);
}
