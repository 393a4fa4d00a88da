//! Local events in Tianjin (festivals, fairs, the marathon): shown on the
//! content calendar, and lifting their district's traffic while they run.

use chrono::{Datelike, NaiveDate};

use super::common::ymd;
use super::seasonality::Calendar;
use crate::domain::calendar::model::LocalEvent;
use crate::domain::chinese_calendar::holidays;
use crate::domain::cockpit::dimensions::District;
use crate::domain::shared::dates::add_days;

pub(super) struct EventSpec {
    name: &'static str,
    pub(super) start: NaiveDate,
    pub(super) end: NaiveDate,
    pub(super) district: Option<District>,
    note: &'static str,
    /// Traffic multiplier for the event's district while it runs.
    pub(super) boost: f64,
}

impl EventSpec {
    pub(super) fn to_event(&self, index: usize) -> LocalEvent {
        LocalEvent {
            id: format!("ev-{:02}", index + 1),
            name: self.name.to_string(),
            start: self.start,
            end: self.end,
            district: self.district,
            note: self.note.to_string(),
        }
    }
}

/// Recurring Tianjin events overlapping `[from, until]`. Dates follow the
/// usual timing of each event; organisers publish the exact days late.
pub(super) fn event_specs(from: NaiveDate, until: NaiveDate, cal: &Calendar) -> Vec<EventSpec> {
    type Fixed = (
        &'static str,
        (u32, u32),
        (u32, u32),
        Option<District>,
        &'static str,
        f64,
    );
    #[rustfmt::skip]
    const FIXED: &[Fixed] = &[
        ("五大道海棠花节", (4, 3), (4, 20), Some(District::Heping), "民园广场一带赏花客流大,五大道周边门店加备茶饮和小吃。", 1.12),
        ("盘山登山节", (4, 25), (4, 27), Some(District::Jizhou), "蓟州盘山景区。蓟州暂无门店,登山节期间小程序访问明显上升,可评估快闪摊位。", 2.5),
        ("意风区啤酒节", (7, 15), (8, 15), Some(District::Hebei), "意式风情区夜间客流高峰,适合推夜宵套餐。", 1.15),
        ("北塘开海节", (9, 1), (9, 3), Some(District::Binhai), "伏季休渔结束,北塘海鲜季开锣。", 1.1),
        ("天津妈祖文化旅游节", (9, 19), (9, 23), Some(District::Binhai), "滨海新区妈祖文化园民俗巡游,日期以主办方公布为准。", 1.15),
        ("天津马拉松", (10, 18), (10, 18), None, "赛道沿海河两岸,比赛日中心城区交通管制,配送时效受影响。", 1.0),
        ("茶馆相声节", (11, 6), (11, 16), Some(District::Heping), "名流茶馆等老茶馆联合加场,晚场散场后夜宵需求上升。", 1.08),
    ];

    let mut out = Vec::new();
    for year in from.year()..=until.year() {
        for &(name, a, b, district, note, boost) in FIXED {
            if let (Some(start), Some(end)) = (ymd(year, a.0, a.1), ymd(year, b.0, b.1)) {
                out.push(EventSpec {
                    name,
                    start,
                    end,
                    district,
                    note,
                    boost,
                });
            }
        }
        // Summer Davos (Annual Meeting of the New Champions) alternates
        // between Tianjin (odd years) and Dalian.
        if year % 2 == 1 {
            if let (Some(start), Some(end)) = (ymd(year, 6, 24), ymd(year, 6, 26)) {
                out.push(EventSpec {
                    name: "天津夏季达沃斯",
                    start,
                    end,
                    district: Some(District::Hexi),
                    note: "会场周边交通管制,外卖配送受限;外地商务客流增加。",
                    boost: 1.05,
                });
            }
        }
        // The dragon-boat race is held over the Dragon Boat Festival holiday.
        if let Some(h) = cal
            .holidays
            .iter()
            .find(|h| h.start.year() == year && h.name_zh == "端午节")
        {
            out.push(EventSpec {
                name: "海河国际龙舟赛",
                start: h.start,
                end: h.end,
                district: None,
                note: "海河中心城区段,沿岸观赛人流大,粽子和冷饮备货。",
                boost: 1.0,
            });
        }
        if let Some(lny) = holidays::lunar_new_year(year) {
            out.push(EventSpec {
                name: "古文化街年货市集",
                start: add_days(lny, -20),
                end: add_days(lny, -1),
                district: Some(District::Nankai),
                note: "年货采购高峰,津味礼盒和大麻花铺货。",
                boost: 1.12,
            });
        }
        if let Some(lantern) = holidays::lantern_festival(year) {
            out.push(EventSpec {
                name: "元宵灯会",
                start: add_days(lantern, -2),
                end: add_days(lantern, 2),
                district: Some(District::Hebei),
                note: "古文化街、意式风情区灯会,晚间人流集中。",
                boost: 1.1,
            });
        }
    }
    out.retain(|e| e.end >= from && e.start <= until);
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.name.cmp(b.name)));
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::{data, end};
    use crate::data::embedded::generator::window_start;
    use std::collections::HashSet;

    #[test]
    fn events_recur_inside_the_window() {
        let ds = data();
        let names: HashSet<&str> = ds.events.iter().map(|e| e.name.as_str()).collect();
        for n in [
            "盘山登山节",
            "茶馆相声节",
            "天津妈祖文化旅游节",
            "海河国际龙舟赛",
        ] {
            assert!(names.contains(n), "{n}");
        }
        for e in &ds.events {
            assert!(e.start <= e.end);
            assert!(e.end >= window_start(end()) && e.start <= add_days(end(), 92));
        }
    }
}
