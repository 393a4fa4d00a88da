//! Filtering and summarising the feedback inbox.

pub mod model;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::cockpit::dimensions::District;
use crate::domain::feedback::model::{Feedback, FeedbackCategory, FeedbackSource, FeedbackStatus};

/// The inbox filters, as they are kept in the URL.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedbackFilter {
    pub source: Option<FeedbackSource>,
    pub category: Option<FeedbackCategory>,
    pub district: Option<District>,
    pub status: Option<FeedbackStatus>,
    /// Free text, matched case-insensitively against text and note.
    pub query: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl FeedbackFilter {
    /// Reads the URL parameters; unknown values are ignored, never fatal.
    pub fn from_params(params: &BTreeMap<String, String>) -> Self {
        let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
        let date = |k: &str| NaiveDate::parse_from_str(get(k), "%Y-%m-%d").ok();
        FeedbackFilter {
            source: FeedbackSource::from_id(get("source")),
            category: FeedbackCategory::from_id(get("category")),
            district: District::from_id(get("district")),
            status: FeedbackStatus::from_id(get("status")),
            query: get("q").trim().to_string(),
            from: date("from"),
            to: date("to"),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == FeedbackFilter::default()
    }

    /// `local_date` is the day the feedback arrived on the user's calendar.
    pub fn matches(&self, fb: &Feedback, local_date: NaiveDate) -> bool {
        self.matches_except_status(fb, local_date) && self.status.is_none_or(|s| fb.status == s)
    }

    /// Every filter but status: the base for the per-status counts.
    pub fn matches_except_status(&self, fb: &Feedback, local_date: NaiveDate) -> bool {
        let q = self.query.to_lowercase();
        self.source.is_none_or(|s| fb.source == s)
            && self.category.is_none_or(|c| fb.category == c)
            && self.district.is_none_or(|d| fb.district == Some(d))
            && self.from.is_none_or(|f| local_date >= f)
            && self.to.is_none_or(|t| local_date <= t)
            && (q.is_empty()
                || fb.text.to_lowercase().contains(&q)
                || fb.note.to_lowercase().contains(&q)
                || fb.id.to_lowercase() == q)
    }
}

/// How many items are in each status (for the status tabs).
pub fn count_by_status<'a>(
    items: impl Iterator<Item = &'a Feedback>,
) -> BTreeMap<FeedbackStatus, usize> {
    let mut counts = BTreeMap::new();
    for fb in items {
        *counts.entry(fb.status).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn fb(id: &str, text: &str, status: FeedbackStatus, district: Option<District>) -> Feedback {
        Feedback {
            id: id.into(),
            created_at: Utc.with_ymd_and_hms(2026, 11, 1, 2, 0, 0).unwrap(),
            source: FeedbackSource::InApp,
            category: FeedbackCategory::Service,
            district,
            rating: Some(3),
            text: text.into(),
            status,
            note: "已联系店长".into(),
            updated_at: None,
        }
    }

    #[test]
    fn filters_from_url_params() {
        let mut p = BTreeMap::new();
        p.insert("status".to_string(), "triaged".to_string());
        p.insert("district".to_string(), "nankai".to_string());
        p.insert("from".to_string(), "2026-10-01".to_string());
        p.insert("category".to_string(), "bogus".to_string());
        let f = FeedbackFilter::from_params(&p);
        assert_eq!(f.status, Some(FeedbackStatus::Triaged));
        assert_eq!(f.district, Some(District::Nankai));
        assert_eq!(f.category, None);
        assert_eq!(f.from, NaiveDate::from_ymd_opt(2026, 10, 1));
        assert!(FeedbackFilter::from_params(&BTreeMap::new()).is_empty());
    }

    #[test]
    fn matches_text_note_district_status_and_dates() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let a = fb(
            "fb-1",
            "煎饼馃子排队太久",
            FeedbackStatus::New,
            Some(District::Nankai),
        );
        let mut f = FeedbackFilter {
            query: "排队".into(),
            ..Default::default()
        };
        assert!(f.matches(&a, day));
        f.query = "店长".into();
        assert!(f.matches(&a, day), "the triage note is searched too");
        f.district = Some(District::Hexi);
        assert!(!f.matches(&a, day));
        f.district = None;
        f.status = Some(FeedbackStatus::Done);
        assert!(!f.matches(&a, day));
        assert!(f.matches_except_status(&a, day));
        f.status = None;
        f.to = NaiveDate::from_ymd_opt(2026, 10, 31);
        assert!(!f.matches(&a, day));
    }

    #[test]
    fn counts_statuses() {
        let items = [
            fb("1", "", FeedbackStatus::New, None),
            fb("2", "", FeedbackStatus::New, None),
            fb("3", "", FeedbackStatus::Done, None),
        ];
        let c = count_by_status(items.iter());
        assert_eq!(c.get(&FeedbackStatus::New), Some(&2));
        assert_eq!(c.get(&FeedbackStatus::Triaged), None);
    }
}
