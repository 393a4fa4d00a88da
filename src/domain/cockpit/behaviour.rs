//! Visit behaviour beyond the daily facts: when users come (hour × weekday),
//! whether new visitors return (weekly cohorts) and which pages they use.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::cockpit::filter::Filter;
use crate::domain::cockpit::model::{HourlyVisits, RetentionCohort, TopPage};
use crate::domain::shared::period::Period;
use crate::domain::shared::ratio::ratio;

/// `YYYY-MM` of every month the period touches.
pub fn months_of(period: &Period) -> Vec<String> {
    let mut months: Vec<String> = period
        .iter_days()
        .map(|d| d.format("%Y-%m").to_string())
        .collect();
    months.dedup();
    months
}

/// Visits by weekday (0 = Monday) × hour, summed over the period's months.
pub fn heatmap(rows: &[HourlyVisits], period: &Period) -> [[u64; 24]; 7] {
    let months = months_of(period);
    let mut grid = [[0u64; 24]; 7];
    for r in rows.iter().filter(|r| months.contains(&r.month)) {
        let day = usize::from(r.weekday.clamp(1, 7) - 1);
        if let Some(cell) = grid
            .get_mut(day)
            .and_then(|row| row.get_mut(usize::from(r.hour)))
        {
            *cell += u64::from(r.visits);
        }
    }
    grid
}

/// One week's cohort, summed over the filtered districts and channels.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortRow {
    pub week: NaiveDate,
    pub new_visitors: u64,
    pub d1: Option<f64>,
    pub d7: Option<f64>,
    pub d30: Option<f64>,
}

/// Weekly cohorts that start inside the period. A return rate is `None` when
/// any contributing row does not know it yet (the cohort is too young).
pub fn cohorts(rows: &[RetentionCohort], period: &Period, filter: &Filter) -> Vec<CohortRow> {
    #[derive(Default)]
    struct Acc {
        n: u64,
        r: [u64; 3],
        known: [bool; 3],
    }
    let mut weeks: BTreeMap<NaiveDate, Acc> = BTreeMap::new();
    for c in rows.iter().filter(|c| {
        period.contains(c.week)
            && filter.district.is_none_or(|d| d == c.district)
            && filter.channel.is_none_or(|ch| ch == c.channel)
    }) {
        let acc = weeks.entry(c.week).or_insert_with(|| Acc {
            known: [true; 3],
            ..Acc::default()
        });
        acc.n += u64::from(c.new_visitors);
        for (i, v) in [c.returned_d1, c.returned_d7, c.returned_d30]
            .into_iter()
            .enumerate()
        {
            match (v, acc.r.get_mut(i), acc.known.get_mut(i)) {
                (Some(v), Some(sum), _) => *sum += u64::from(v),
                (None, _, Some(known)) => *known = false,
                _ => {}
            }
        }
    }
    weeks
        .into_iter()
        .map(|(week, a)| {
            let rate = |i: usize| match (a.known.get(i), a.r.get(i)) {
                (Some(true), Some(&r)) => ratio(r as f64, a.n as f64),
                _ => None,
            };
            CohortRow {
                week,
                new_visitors: a.n,
                d1: rate(0),
                d7: rate(1),
                d30: rate(2),
            }
        })
        .collect()
}

/// A page's traffic over the months the period touches.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRow {
    pub path: String,
    pub title: String,
    pub page_views: u64,
    pub visitors: u64,
    pub avg_stay: Option<f64>,
    pub exit_rate: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSort {
    #[default]
    PageViews,
    Visitors,
    AvgStay,
    ExitRate,
}

impl PageSort {
    pub fn id(self) -> &'static str {
        match self {
            PageSort::PageViews => "pv",
            PageSort::Visitors => "uv",
            PageSort::AvgStay => "stay",
            PageSort::ExitRate => "exit",
        }
    }

    pub fn from_id(id: &str) -> Option<PageSort> {
        [
            PageSort::PageViews,
            PageSort::Visitors,
            PageSort::AvgStay,
            PageSort::ExitRate,
        ]
        .into_iter()
        .find(|s| s.id() == id)
    }
}

/// Pages summed over the period's months, sorted descending by `sort`
/// (ascending when `ascending`); average stay is per page view.
pub fn top_pages(
    rows: &[TopPage],
    period: &Period,
    sort: PageSort,
    ascending: bool,
) -> Vec<PageRow> {
    let months = months_of(period);
    let mut by_path: BTreeMap<&str, (&str, u64, u64, u64, u64)> = BTreeMap::new();
    for r in rows.iter().filter(|r| months.contains(&r.month)) {
        let e = by_path.entry(&r.path).or_insert((&r.title, 0, 0, 0, 0));
        e.1 += u64::from(r.page_views);
        e.2 += u64::from(r.visitors);
        e.3 += r.stay_seconds;
        e.4 += u64::from(r.exits);
    }
    let mut out: Vec<PageRow> = by_path
        .into_iter()
        .map(|(path, (title, pv, uv, stay, exits))| PageRow {
            path: path.to_string(),
            title: title.to_string(),
            page_views: pv,
            visitors: uv,
            avg_stay: ratio(stay as f64, pv as f64),
            exit_rate: ratio(exits as f64, pv as f64),
        })
        .collect();
    let key = |p: &PageRow| -> f64 {
        match sort {
            PageSort::PageViews => p.page_views as f64,
            PageSort::Visitors => p.visitors as f64,
            PageSort::AvgStay => p.avg_stay.unwrap_or(-1.0),
            PageSort::ExitRate => p.exit_rate.unwrap_or(-1.0),
        }
    };
    out.sort_by(|a, b| {
        let o = key(b).total_cmp(&key(a));
        if ascending {
            o.reverse()
        } else {
            o
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::dimensions::{Channel, District};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn heatmap_sums_months_in_period() {
        let rows = vec![
            HourlyVisits {
                month: "2026-10".into(),
                weekday: 1,
                hour: 12,
                visits: 5,
            },
            HourlyVisits {
                month: "2026-11".into(),
                weekday: 1,
                hour: 12,
                visits: 7,
            },
            HourlyVisits {
                month: "2026-09".into(),
                weekday: 1,
                hour: 12,
                visits: 100,
            },
            HourlyVisits {
                month: "2026-11".into(),
                weekday: 9,
                hour: 30,
                visits: 1,
            },
        ];
        let g = heatmap(&rows, &Period::new(d("2026-10-20"), d("2026-11-05")));
        assert_eq!(g[0][12], 12);
        assert_eq!(
            g.iter().flatten().sum::<u64>(),
            12,
            "out-of-range cells are dropped"
        );
    }

    #[test]
    fn cohorts_sum_and_hide_unknown_returns() {
        let mk = |week: &str, district, n, d30| RetentionCohort {
            week: d(week),
            district,
            channel: Channel::Social,
            new_visitors: n,
            returned_d1: Some(n / 2),
            returned_d7: Some(n / 4),
            returned_d30: d30,
        };
        let rows = vec![
            mk("2026-11-02", District::Heping, 100, Some(10)),
            mk("2026-11-02", District::Hexi, 100, None),
            mk("2026-10-26", District::Heping, 40, Some(4)),
        ];
        let p = Period::new(d("2026-10-26"), d("2026-11-08"));
        let all = cohorts(&rows, &p, &Filter::default());
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].new_visitors, 200);
        assert_eq!(all[1].d1, Some(0.5));
        assert_eq!(all[1].d30, None);
        let heping = cohorts(
            &rows,
            &p,
            &Filter {
                district: Some(District::Heping),
                ..Filter::default()
            },
        );
        assert_eq!(heping[1].d30, Some(0.1));
        assert!(cohorts(&[], &p, &Filter::default()).is_empty());
    }

    #[test]
    fn top_pages_aggregate_and_sort() {
        let page = |path: &str, pv, exits| TopPage {
            month: "2026-11".into(),
            path: path.into(),
            title: path.into(),
            page_views: pv,
            visitors: pv / 2,
            stay_seconds: u64::from(pv) * 10,
            exits,
        };
        let rows = vec![page("a", 100, 50), page("b", 300, 30), page("a", 100, 0)];
        let p = Period::new(d("2026-11-01"), d("2026-11-03"));
        let by_pv = top_pages(&rows, &p, PageSort::PageViews, false);
        assert_eq!(by_pv[0].path, "b");
        assert_eq!(by_pv[1].page_views, 200);
        assert_eq!(by_pv[1].exit_rate, Some(0.25));
        let by_exit = top_pages(&rows, &p, PageSort::ExitRate, false);
        assert_eq!(by_exit[0].path, "a");
        let asc = top_pages(&rows, &p, PageSort::PageViews, true);
        assert_eq!(asc[0].path, "a");
        assert_eq!(PageSort::from_id("stay"), Some(PageSort::AvgStay));
    }
}
