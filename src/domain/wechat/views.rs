//! The WeChat figures the cockpit lists below its tiles: the top pages of a
//! period (getVisitPage), the weekly and monthly trend rows, the retention
//! tables of new and active users (get{Daily,Weekly,Monthly}Retain) and
//! WeChat's own performance figures (getPerformanceData).
//!
//! WeChat's per-page visitor counts are per day, so a sum over several days
//! counts a returning visitor once per day; the screen says so.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::dataset::WechatData;
use super::raw::{KeyValue, RetainResponse, TrendRow};
use super::RefDate;
use crate::domain::shared::ratio::ratio;

/// One page over a period, summed from the daily getVisitPage files.
#[derive(Debug, Clone, PartialEq)]
pub struct PageFigures {
    pub path: String,
    pub page_views: u64,
    /// Σ of daily visitors (a visitor on two days counts twice).
    pub daily_visitors: u64,
    /// Seconds per page view, weighted by each day's page views.
    pub stay_seconds: Option<f64>,
    pub entries: u64,
    pub exits: u64,
    pub shares: u64,
}

impl PageFigures {
    /// Exits per page view: how often the visit ended on this page.
    pub fn exit_rate(&self) -> Option<f64> {
        ratio(self.exits as f64, self.page_views as f64)
    }
}

/// The pages seen between `from` and `to`, most viewed first.
pub fn top_pages(data: &WechatData, from: NaiveDate, to: NaiveDate) -> Vec<PageFigures> {
    // path → (figures, Σ stay × pv, Σ pv with a stay time)
    let mut by_path: BTreeMap<&str, (PageFigures, f64, u64)> = BTreeMap::new();
    for (_, rows) in data.pages.range(from..=to) {
        for row in rows {
            let (f, stay_sum, stay_pv) =
                by_path.entry(row.page_path.as_str()).or_insert_with(|| {
                    let empty = PageFigures {
                        path: row.page_path.clone(),
                        page_views: 0,
                        daily_visitors: 0,
                        stay_seconds: None,
                        entries: 0,
                        exits: 0,
                        shares: 0,
                    };
                    (empty, 0.0, 0)
                });
            let pv = row.page_visit_pv.unwrap_or(0);
            f.page_views += pv;
            f.daily_visitors += row.page_visit_uv.unwrap_or(0);
            f.entries += row.entrypage_pv.unwrap_or(0);
            f.exits += row.exitpage_pv.unwrap_or(0);
            f.shares += row.page_share_pv.unwrap_or(0);
            if let Some(stay) = row.page_staytime_pv.filter(|s| s.is_finite()) {
                *stay_sum += stay * pv as f64;
                *stay_pv += pv;
            }
        }
    }
    let mut out: Vec<PageFigures> = by_path
        .into_values()
        .map(|(mut f, stay_sum, stay_pv)| {
            f.stay_seconds = ratio(stay_sum, stay_pv as f64);
            f
        })
        .collect();
    out.sort_by(|a, b| b.page_views.cmp(&a.page_views).then(a.path.cmp(&b.path)));
    out
}

/// The weekly or monthly trend rows, latest first.
pub fn trend_rows(rows: &BTreeMap<RefDate, TrendRow>) -> Vec<(RefDate, TrendRow)> {
    rows.iter().rev().map(|(k, v)| (*k, v.clone())).collect()
}

/// One cohort's retention: its size (key 0) and the share still there after
/// each later key (days, weeks or months).
#[derive(Debug, Clone, PartialEq)]
pub struct RetentionRow {
    pub cohort: RefDate,
    pub size: Option<u64>,
    /// (key, share of the cohort); `None` where the cohort is empty.
    pub shares: Vec<(i64, Option<f64>)>,
}

/// Whose retention: the period's new users or all its active users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cohort {
    New,
    Active,
}

/// Retention rows of every cohort in `map`, latest first.
pub fn retention_rows(map: &BTreeMap<RefDate, RetainResponse>, who: Cohort) -> Vec<RetentionRow> {
    map.iter()
        .rev()
        .map(|(cohort, r)| {
            let list: &[KeyValue] = match who {
                Cohort::New => &r.visit_uv_new,
                Cohort::Active => &r.visit_uv,
            };
            let size = list
                .iter()
                .find(|kv| kv.key == Some(0))
                .and_then(|kv| kv.value);
            let mut shares: Vec<(i64, Option<f64>)> = list
                .iter()
                .filter_map(|kv| {
                    let key = kv.key.filter(|k| *k > 0)?;
                    let share = size.and_then(|s| ratio(kv.value? as f64, s as f64));
                    Some((key, share))
                })
                .collect();
            shares.sort_by_key(|(k, _)| *k);
            RetentionRow {
                cohort: *cohort,
                size,
                shares,
            }
        })
        .collect()
}

/// One of WeChat's performance figures over a period (milliseconds).
#[derive(Debug, Clone, PartialEq)]
pub struct PerformanceRow {
    pub id: String,
    /// WeChat's own Chinese name of the figure.
    pub zh: String,
    /// The latest day in the period that has a value.
    pub latest: Option<(NaiveDate, f64)>,
    /// Mean of the period's daily values (WeChat gives one value a day).
    pub mean: Option<f64>,
    pub days: usize,
}

/// WeChat's performance figures between `from` and `to`, in id order.
pub fn performance_rows(data: &WechatData, from: NaiveDate, to: NaiveDate) -> Vec<PerformanceRow> {
    data.performance
        .iter()
        .map(|(id, (zh, by_day))| {
            let values: Vec<(NaiveDate, f64)> = by_day
                .range(from..=to)
                .filter(|(_, v)| v.is_finite())
                .map(|(d, v)| (*d, *v))
                .collect();
            let sum: f64 = values.iter().map(|(_, v)| v).sum();
            PerformanceRow {
                id: id.clone(),
                zh: zh.clone(),
                latest: values.last().copied(),
                mean: ratio(sum, values.len() as f64),
                days: values.len(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn page(path: &str, pv: u64, uv: u64, stay: Option<f64>, exits: u64) -> String {
        let stay = stay
            .map(|s| format!(",\"page_staytime_pv\":{s}"))
            .unwrap_or_default();
        format!(
            "{{\"page_path\":\"{path}\",\"page_visit_pv\":{pv},\"page_visit_uv\":{uv}{stay},\
             \"entrypage_pv\":1,\"exitpage_pv\":{exits},\"page_share_pv\":2,\"page_share_uv\":1}}"
        )
    }

    fn pages_file(date: &str, rows: &[String]) -> String {
        format!("{{\"ref_date\":\"{date}\",\"list\":[{}]}}", rows.join(","))
    }

    #[test]
    fn pages_sum_over_days_and_weight_stay_time_by_page_views() {
        let d1 = pages_file(
            "20261126",
            &[
                page("a", 100, 50, Some(10.0), 20),
                page("b", 10, 9, None, 5),
            ],
        );
        let d2 = pages_file("20261127", &[page("a", 300, 120, Some(30.0), 30)]);
        let data = WechatData::merge([
            ("getVisitPage/20261126.json", d1.as_str()),
            ("getVisitPage/20261127.json", d2.as_str()),
        ]);
        let pages = top_pages(&data, day("2026-11-26"), day("2026-11-27"));
        assert_eq!(pages.len(), 2);
        let a = &pages[0];
        assert_eq!(
            (a.path.as_str(), a.page_views, a.daily_visitors),
            ("a", 400, 170)
        );
        // (10 × 100 + 30 × 300) / 400 = 25 s, not the plain mean 20 s.
        assert!((a.stay_seconds.unwrap() - 25.0).abs() < 1e-9);
        assert_eq!((a.entries, a.exits, a.shares), (2, 50, 4));
        assert!((a.exit_rate().unwrap() - 0.125).abs() < 1e-9);
        // A page with no stay time says so rather than 0 s.
        assert_eq!(pages[1].stay_seconds, None);
        // The period filter: only the 27th.
        let one = top_pages(&data, day("2026-11-27"), day("2026-11-27"));
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].page_views, 300);
    }

    #[test]
    fn retention_rows_divide_by_key_zero_and_survive_an_empty_cohort() {
        let w = r#"{"ref_date":"20261116-20261122","visit_uv_new":[{"key":1,"value":402},{"key":0,"value":2870}],"visit_uv":[{"key":0,"value":0},{"key":1,"value":3}]}"#;
        let data = WechatData::merge([("getWeeklyRetain/20261116-20261122.json", w)]);
        let new = retention_rows(&data.weekly_retain, Cohort::New);
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].size, Some(2870));
        // 402 / 2870 = 14.007 %, keys sorted whatever the file's order.
        assert_eq!(new[0].shares.len(), 1);
        assert_eq!(new[0].shares[0].0, 1);
        assert!((new[0].shares[0].1.unwrap() - 402.0 / 2870.0).abs() < 1e-12);
        let active = retention_rows(&data.weekly_retain, Cohort::Active);
        assert_eq!(
            active[0].shares,
            vec![(1, None)],
            "an empty cohort has no share, not ∞"
        );
    }

    #[test]
    fn performance_rows_take_the_latest_day_and_the_mean() {
        let f = |d: &str, v: &str| {
            format!(
                r#"{{"errcode":0,"data":{{"body":{{"tables":[{{"id":"startup_total_cost","zh":"启动总耗时","lines":[{{"fields":[{{"refdate":"{d}","value":"{v}"}}]}}]}}]}}}}}}"#
            )
        };
        let (a, b) = (f("20261126", "1800"), f("20261127", "2000"));
        let data = WechatData::merge([
            ("getPerformanceData/20261126.json", a.as_str()),
            ("getPerformanceData/20261127.json", b.as_str()),
        ]);
        let rows = performance_rows(&data, day("2026-11-20"), day("2026-11-27"));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].zh, "启动总耗时");
        assert_eq!(rows[0].latest, Some((day("2026-11-27"), 2000.0)));
        assert_eq!(rows[0].mean, Some(1900.0));
        assert_eq!(rows[0].days, 2);
        let none = performance_rows(&data, day("2026-10-01"), day("2026-10-31"));
        assert_eq!(
            (none[0].latest, none[0].mean, none[0].days),
            (None, None, 0)
        );
    }

    #[test]
    fn trend_rows_come_latest_first() {
        let w1 = r#"{"list":[{"ref_date":"20261109-20261115","visit_uv":10}]}"#;
        let w2 = r#"{"list":[{"ref_date":"20261116-20261122","visit_uv":20}]}"#;
        let data = WechatData::merge([
            ("getWeeklyVisitTrend/20261109-20261115.json", w1),
            ("getWeeklyVisitTrend/20261116-20261122.json", w2),
        ]);
        let rows = trend_rows(&data.weekly);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1.visit_uv, Some(20));
        assert_eq!(rows[1].1.visit_uv, Some(10));
    }
}
