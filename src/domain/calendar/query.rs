//! The calendar's view state as kept in the URL, and the content filter.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::calendar::grid::month_grid;
use crate::domain::calendar::model::{ContentChannel, ContentItem, ContentStatus, ContentType};
use crate::domain::shared::dates::week_start;
use crate::domain::shared::dates::{add_days, iso_date};
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    CalendarView {
        Month = "month", "月", "Month";
        Week = "week", "周", "Week";
        Agenda = "agenda", "列表", "Agenda";
    }
}

labelled_enum! {
    /// What the colour of an entry stands for.
    ColorBy {
        Type = "type", "按类型着色", "Colour by type";
        Channel = "channel", "按渠道着色", "Colour by channel";
    }
}

/// Which content the calendar shows. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContentFilter {
    pub channel: Option<ContentChannel>,
    pub kind: Option<ContentType>,
    pub status: Option<ContentStatus>,
    /// Matched exactly, ignoring surrounding spaces and ASCII case.
    pub owner: Option<String>,
}

impl ContentFilter {
    pub fn is_empty(&self) -> bool {
        *self == ContentFilter::default()
    }

    pub fn matches(&self, item: &ContentItem) -> bool {
        self.channel.is_none_or(|c| item.channels.contains(&c))
            && self.kind.is_none_or(|k| item.kind == k)
            && self.status.is_none_or(|s| item.status == s)
            && self
                .owner
                .as_deref()
                .is_none_or(|o| item.owner.trim().eq_ignore_ascii_case(o.trim()))
    }
}

/// The calendar's state as kept in the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarQuery {
    pub view: CalendarView,
    /// The day the view is anchored on (its month or week is shown).
    pub date: NaiveDate,
    pub filter: ContentFilter,
    pub color: ColorBy,
    /// The id of the item open in the side panel.
    pub selected: Option<String>,
}

impl CalendarQuery {
    /// Reads URL parameters; a missing or unknown value falls back to its
    /// default (the anchor to `today`), so a stale link still opens.
    pub fn from_params(params: &BTreeMap<String, String>, today: NaiveDate) -> CalendarQuery {
        let get = |k: &str| params.get(k).map(|v| v.trim()).unwrap_or("");
        let text = |k: &str| Some(get(k).to_string()).filter(|s| !s.is_empty());
        CalendarQuery {
            view: CalendarView::from_id(get("view")).unwrap_or(CalendarView::Month),
            // A date chrono can hold but the calendar cannot page around
            // (year 262142) is as unusable as a malformed one.
            date: NaiveDate::parse_from_str(get("date"), "%Y-%m-%d")
                .ok()
                .filter(crate::domain::shared::dates::in_range)
                .unwrap_or(today),
            filter: ContentFilter {
                channel: ContentChannel::from_id(get("channel")),
                kind: ContentType::from_id(get("type")),
                status: ContentStatus::from_id(get("status")),
                owner: text("owner"),
            },
            color: ColorBy::from_id(get("color")).unwrap_or(ColorBy::Type),
            selected: text("selected"),
        }
    }

    /// The parameters for this state. The anchor date is always written so
    /// a shared link opens on the same month; other defaults are left out.
    pub fn to_params(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            out.insert(k.to_string(), v);
        };
        if self.view != CalendarView::Month {
            put("view", self.view.id().into());
        }
        put("date", iso_date(self.date));
        if let Some(c) = self.filter.channel {
            put("channel", c.id().into());
        }
        if let Some(t) = self.filter.kind {
            put("type", t.id().into());
        }
        if let Some(s) = self.filter.status {
            put("status", s.id().into());
        }
        if let Some(o) = self.filter.owner.as_deref().map(str::trim) {
            if !o.is_empty() {
                put("owner", o.to_string());
            }
        }
        if self.color != ColorBy::Type {
            put("color", self.color.id().into());
        }
        if let Some(id) = self.selected.as_deref().filter(|s| !s.is_empty()) {
            put("selected", id.to_string());
        }
        out
    }

    /// The days the current view spans: the month grid, the week, or for the
    /// agenda the anchor day and the 4 weeks after it.
    pub fn range(&self) -> (NaiveDate, NaiveDate) {
        match self.view {
            CalendarView::Month => {
                let grid = month_grid(self.date.year(), self.date.month());
                let first = grid.first().and_then(|w| w.first()).copied();
                let last = grid.last().and_then(|w| w.last()).copied();
                (first.unwrap_or(self.date), last.unwrap_or(self.date))
            }
            CalendarView::Week => {
                let monday = week_start(self.date);
                (monday, add_days(monday, 6))
            }
            CalendarView::Agenda => (self.date, add_days(self.date, 27)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::test_support::{at, d, item};
    use crate::i18n::Lang;

    #[test]
    fn query_round_trips_and_ignores_junk() {
        let today = d(2026, 5, 6);
        let q = CalendarQuery::from_params(&BTreeMap::new(), today);
        assert_eq!(q.view, CalendarView::Month);
        assert_eq!(q.date, today);
        assert!(q.filter.is_empty());
        assert_eq!(q.color, ColorBy::Type);
        assert_eq!(q.to_params().len(), 1);

        let p: BTreeMap<String, String> = [
            ("view", "week"),
            ("date", "2026-10-01"),
            ("channel", "douyin"),
            ("type", "menu_update"),
            ("status", "draft"),
            ("owner", "李强"),
            ("color", "channel"),
            ("selected", "ct-12"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let q = CalendarQuery::from_params(&p, today);
        assert_eq!(q.view, CalendarView::Week);
        assert_eq!(q.date, d(2026, 10, 1));
        assert_eq!(q.filter.channel, Some(ContentChannel::Douyin));
        assert_eq!(q.filter.kind, Some(ContentType::MenuUpdate));
        assert_eq!(q.filter.status, Some(ContentStatus::Draft));
        assert_eq!(q.filter.owner.as_deref(), Some("李强"));
        assert_eq!(q.selected.as_deref(), Some("ct-12"));
        assert_eq!(q.to_params(), p);
        assert_eq!(CalendarQuery::from_params(&q.to_params(), today), q);
        assert_eq!(q.range(), (d(2026, 9, 28), d(2026, 10, 4)));

        let junk: BTreeMap<String, String> = [
            ("view", "year"),
            ("date", "2026-02-30"),
            ("channel", "weibo"),
            ("color", "rainbow"),
            ("owner", "  "),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            CalendarQuery::from_params(&junk, today),
            CalendarQuery::from_params(&BTreeMap::new(), today)
        );
        for edge in ["+262142-12-31", "-262143-01-01", "9999-01-01"] {
            let p: BTreeMap<String, String> = [("date".to_string(), edge.to_string())].into();
            assert_eq!(CalendarQuery::from_params(&p, today).date, today, "{edge}");
        }
        let month = CalendarQuery::from_params(&BTreeMap::new(), d(2026, 3, 15));
        assert_eq!(month.range(), (d(2026, 2, 23), d(2026, 4, 5)));
        assert_eq!(CalendarView::Agenda.label(Lang::Zh), "列表");
    }

    #[test]
    fn filter_matches_any_channel_type_status_owner() {
        let mut it = item("1", at(2026, 3, 3, 9, 0));
        it.channels = vec![ContentChannel::Douyin, ContentChannel::Xiaohongshu];
        assert!(ContentFilter::default().matches(&it));
        let by_channel = ContentFilter {
            channel: Some(ContentChannel::Xiaohongshu),
            ..ContentFilter::default()
        };
        assert!(by_channel.matches(&it));
        let other = ContentFilter {
            channel: Some(ContentChannel::InStore),
            ..ContentFilter::default()
        };
        assert!(!other.matches(&it));
        let all = ContentFilter {
            channel: Some(ContentChannel::Douyin),
            kind: Some(ContentType::ProductLaunch),
            status: Some(ContentStatus::Scheduled),
            owner: Some(" 王芳 ".into()),
        };
        assert!(all.matches(&it));
        let wrong_owner = ContentFilter {
            owner: Some("李强".into()),
            ..all.clone()
        };
        assert!(!wrong_owner.matches(&it));
        let wrong_status = ContentFilter {
            status: Some(ContentStatus::Published),
            ..all
        };
        assert!(!wrong_status.matches(&it));
    }
}
