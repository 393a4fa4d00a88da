//! Dates from outside (backend, stored data) are checked when they are
//! decoded: chrono holds years up to ±262,143, but the calendar arithmetic
//! and time-zone conversions overflow (and panic) near those limits. A date
//! outside [`MIN_YEAR`]..=[`MAX_YEAR`] is a decode error naming the field,
//! like any other value that does not fit the contract.
//!
//! Every date field of `model.rs` uses [`checked`] or [`checked_opt`] as its
//! `deserialize_with`; a test walks every collection to prove none is missed.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone};
use serde::de::{Deserialize, Deserializer, Error};

/// The accepted years: wide enough for any business record, narrow enough
/// that adding years, months or time zones can never overflow.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2200;

/// A date-like value with a calendar year.
pub trait HasYear {
    fn year_of(&self) -> i32;
}

impl HasYear for NaiveDate {
    fn year_of(&self) -> i32 {
        self.year()
    }
}

impl HasYear for NaiveDateTime {
    fn year_of(&self) -> i32 {
        self.year()
    }
}

impl<Tz: TimeZone> HasYear for DateTime<Tz> {
    fn year_of(&self) -> i32 {
        // The UTC year: a zone offset cannot move it across the bounds by
        // more than a day, which the margins above absorb.
        self.naive_utc().year()
    }
}

/// True when the value's year is inside the accepted range.
pub fn in_range<T: HasYear>(value: &T) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&value.year_of())
}

fn check<T: HasYear, E: Error>(value: T) -> Result<T, E> {
    if in_range(&value) {
        Ok(value)
    } else {
        Err(E::custom(format!(
            "year {} is outside the accepted range {MIN_YEAR}–{MAX_YEAR}",
            value.year_of()
        )))
    }
}

/// `deserialize_with` for a required date or date-time field.
pub fn checked<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + HasYear,
{
    check(T::deserialize(deserializer)?)
}

/// `deserialize_with` for an optional one (pair it with `#[serde(default)]`).
pub fn checked_opt<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + HasYear,
{
    Option::<T>::deserialize(deserializer)?
        .map(check)
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::generate;
    use crate::data::error::ApiError;
    use crate::data::resource::{decode_text, Resource, Row};
    use crate::domain::model::*;
    use serde_json::Value;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bounds_are_inclusive() {
        assert!(in_range(&d(MIN_YEAR, 1, 1)));
        assert!(in_range(&d(MAX_YEAR, 12, 31)));
        assert!(!in_range(&d(MIN_YEAR - 1, 12, 31)));
        assert!(!in_range(&d(MAX_YEAR + 1, 1, 1)));
        assert!(!in_range(&NaiveDate::MAX));
        assert!(!in_range(&NaiveDate::MIN));
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
        for part in path.split('.') {
            cur = match cur.get_mut(part) {
                Some(v) => v,
                None => return,
            };
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
}
