//! WeChat mini-program analytics (the "datacube" interfaces behind
//! 小程序数据助手 / We分析), read as WeChat returns them, with no backend in
//! between. Pure: parsing ([`raw`]), error codes ([`error`]), the scene-value
//! dictionary ([`scenes`]), merging many saved files ([`dataset`]) and the
//! mapping into Haihe's figures ([`figures`]). See docs/wechat.md.
//!
//! Field names and shapes were checked against WeChat's published server API
//! docs (developers.weixin.qq.com/miniprogram/dev/server/API/data-analysis/…):
//! getDailySummary, get{Daily,Weekly,Monthly}VisitTrend, getUserPortrait,
//! getVisitDistribution, getVisitPage, get{Daily,Weekly,Monthly}Retain and
//! getPerformanceData.

pub mod channels;
pub mod dataset;
pub mod error;
pub mod figures;
mod lenient;
pub mod orders;
pub mod raw;
pub mod scenes;
pub mod views;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One datacube interface. Its [`Interface::dir`] names the folder its saved
/// responses live in (`<dir>/<yyyymmdd>.json` or `<dir>/<begin>-<end>.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Interface {
    DailySummary,
    DailyVisitTrend,
    WeeklyVisitTrend,
    MonthlyVisitTrend,
    UserPortrait,
    VisitDistribution,
    VisitPage,
    DailyRetain,
    WeeklyRetain,
    MonthlyRetain,
    Performance,
}

impl Interface {
    pub const ALL: &'static [Interface] = &[
        Interface::DailySummary,
        Interface::DailyVisitTrend,
        Interface::WeeklyVisitTrend,
        Interface::MonthlyVisitTrend,
        Interface::UserPortrait,
        Interface::VisitDistribution,
        Interface::VisitPage,
        Interface::DailyRetain,
        Interface::WeeklyRetain,
        Interface::MonthlyRetain,
        Interface::Performance,
    ];

    /// The folder name: WeChat's English interface name (接口英文名).
    pub fn dir(self) -> &'static str {
        match self {
            Interface::DailySummary => "getDailySummary",
            Interface::DailyVisitTrend => "getDailyVisitTrend",
            Interface::WeeklyVisitTrend => "getWeeklyVisitTrend",
            Interface::MonthlyVisitTrend => "getMonthlyVisitTrend",
            Interface::UserPortrait => "getUserPortrait",
            Interface::VisitDistribution => "getVisitDistribution",
            Interface::VisitPage => "getVisitPage",
            Interface::DailyRetain => "getDailyRetain",
            Interface::WeeklyRetain => "getWeeklyRetain",
            Interface::MonthlyRetain => "getMonthlyRetain",
            Interface::Performance => "getPerformanceData",
        }
    }

    /// The HTTPS path WeChat serves it on (POST, `?access_token=`).
    pub fn api_path(self) -> &'static str {
        match self {
            Interface::DailySummary => "/datacube/getweanalysisappiddailysummarytrend",
            Interface::DailyVisitTrend => "/datacube/getweanalysisappiddailyvisittrend",
            Interface::WeeklyVisitTrend => "/datacube/getweanalysisappidweeklyvisittrend",
            Interface::MonthlyVisitTrend => "/datacube/getweanalysisappidmonthlyvisittrend",
            Interface::UserPortrait => "/datacube/getweanalysisappiduserportrait",
            Interface::VisitDistribution => "/datacube/getweanalysisappidvisitdistribution",
            Interface::VisitPage => "/datacube/getweanalysisappidvisitpage",
            Interface::DailyRetain => "/datacube/getweanalysisappiddailyretaininfo",
            Interface::WeeklyRetain => "/datacube/getweanalysisappidweeklyretaininfo",
            Interface::MonthlyRetain => "/datacube/getweanalysisappidmonthlyretaininfo",
            Interface::Performance => "/wxa/business/performance/boot",
        }
    }

    pub fn from_dir(dir: &str) -> Option<Interface> {
        Interface::ALL.iter().copied().find(|i| i.dir() == dir)
    }
}

/// WeChat's `ref_date`: `yyyymmdd` (a day), `yyyymmdd-yyyymmdd` (a week or a
/// portrait window) or `yyyymm` (a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RefDate {
    Day(NaiveDate),
    Range(NaiveDate, NaiveDate),
    Month(NaiveDate),
}

impl RefDate {
    pub fn parse(text: &str) -> Option<RefDate> {
        let t = text.trim();
        if let Some((a, b)) = t.split_once('-') {
            let (a, b) = (parse_ymd(a)?, parse_ymd(b)?);
            return (a <= b).then_some(RefDate::Range(a, b));
        }
        match t.len() {
            8 => parse_ymd(t).map(RefDate::Day),
            6 => {
                let y: i32 = t.get(0..4)?.parse().ok()?;
                let m: u32 = t.get(4..6)?.parse().ok()?;
                NaiveDate::from_ymd_opt(y, m, 1).map(RefDate::Month)
            }
            _ => None,
        }
    }

    pub fn first(self) -> NaiveDate {
        match self {
            RefDate::Day(d) | RefDate::Range(d, _) | RefDate::Month(d) => d,
        }
    }

    pub fn last(self) -> NaiveDate {
        match self {
            RefDate::Day(d) | RefDate::Range(_, d) => d,
            RefDate::Month(d) => last_of_month(d),
        }
    }

    /// Number of calendar days covered (1 for a day).
    pub fn days(self) -> i64 {
        (self.last() - self.first()).num_days() + 1
    }
}

/// `yyyymmdd` → date; anything else → `None`.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(t, "%Y%m%d").ok()
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ref_dates_in_all_three_shapes() {
        assert_eq!(
            RefDate::parse("20261127"),
            Some(RefDate::Day(d(2026, 11, 27)))
        );
        let week = RefDate::parse("20261116-20261122").unwrap();
        assert_eq!(
            (week.first(), week.last(), week.days()),
            (d(2026, 11, 16), d(2026, 11, 22), 7)
        );
        let month = RefDate::parse("202602").unwrap();
        assert_eq!(
            (month.first(), month.last(), month.days()),
            (d(2026, 2, 1), d(2026, 2, 28), 28)
        );
        assert_eq!(RefDate::parse("202612").unwrap().last(), d(2026, 12, 31));
        for bad in [
            "",
            "2026-11-27",
            "20261131",
            "20261127-20261120",
            "2026113",
            "abcdefgh",
        ] {
            assert_eq!(RefDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn interface_dirs_round_trip() {
        for i in Interface::ALL {
            assert_eq!(Interface::from_dir(i.dir()), Some(*i));
        }
        assert_eq!(Interface::from_dir("getSomethingElse"), None);
    }
}
