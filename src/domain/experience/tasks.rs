//! The key tasks over a period: completion rate = Σcompletions / Σstarts and
//! error rate = Σerrors / Σpage views (ratios of sums, never averages of
//! daily ratios), load time as the range of the daily percentiles and the
//! worst day's p95 (daily percentiles cannot be averaged into a period's
//! percentile), the change against the comparison period, and the standing
//! against the task's target. Worst task first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{ExperienceSample, TaskTarget};
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::period::{Granularity, Period};
use crate::domain::shared::ratio::{change, ratio};

labelled_enum! {
    /// A task's standing against its target.
    TaskStatus {
        Missed = "missed", "未达标", "Off target";
        Met = "met", "达标", "On target";
        NoTarget = "none", "无目标", "No target";
        NoData = "nodata", "无数据", "No data";
    }
}

/// One task's sums and percentile ranges over some days.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TaskFigures {
    /// Days with a row.
    pub days: u32,
    pub starts: u64,
    pub completions: u64,
    pub page_views: u64,
    pub errors: u64,
    /// Lowest and highest daily p50 (ms).
    pub p50_range: Option<(u32, u32)>,
    /// Lowest and highest daily p95 (ms); the highest is the worst day.
    pub p95_range: Option<(u32, u32)>,
    pub p95_worst_day: Option<NaiveDate>,
}

impl TaskFigures {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a ExperienceSample>) -> TaskFigures {
        let mut f = TaskFigures::default();
        let widen = |range: Option<(u32, u32)>, v: u32| {
            Some(range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
        };
        for row in rows {
            f.days += 1;
            f.starts += u64::from(row.starts);
            f.completions += u64::from(row.completions);
            f.page_views += u64::from(row.page_views);
            f.errors += u64::from(row.errors);
            f.p50_range = widen(f.p50_range, row.load_ms_p50);
            if f.p95_range.is_none_or(|(_, worst)| row.load_ms_p95 > worst) {
                f.p95_worst_day = Some(row.date);
            }
            f.p95_range = widen(f.p95_range, row.load_ms_p95);
        }
        f
    }

    pub fn completion_rate(&self) -> Option<f64> {
        ratio(self.completions as f64, self.starts as f64)
    }

    pub fn error_rate(&self) -> Option<f64> {
        ratio(self.errors as f64, self.page_views as f64)
    }

    /// The worst day's p95 (ms).
    pub fn worst_p95(&self) -> Option<u32> {
        self.p95_range.map(|(_, worst)| worst)
    }
}

/// Which of a target's three parts the task meets (`None`: no figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetCheck {
    pub status: TaskStatus,
    pub completion_ok: Option<bool>,
    pub error_ok: Option<bool>,
    pub p95_ok: Option<bool>,
}

impl TargetCheck {
    /// Parts of the target missed.
    pub fn misses(&self) -> usize {
        [self.completion_ok, self.error_ok, self.p95_ok]
            .iter()
            .filter(|ok| **ok == Some(false))
            .count()
    }
}

/// The standing of `figures` against `target`: met when every part with a
/// figure is met; the p95 part is judged on the worst day.
pub fn check(figures: &TaskFigures, target: Option<&TaskTarget>) -> TargetCheck {
    let Some(target) = target else {
        return TargetCheck {
            status: if figures.days == 0 {
                TaskStatus::NoData
            } else {
                TaskStatus::NoTarget
            },
            completion_ok: None,
            error_ok: None,
            p95_ok: None,
        };
    };
    let completion_ok = figures
        .completion_rate()
        .map(|r| r >= target.completion_rate);
    let error_ok = figures.error_rate().map(|r| r <= target.error_rate);
    let p95_ok = figures.worst_p95().map(|p| p <= target.load_ms_p95);
    let parts = [completion_ok, error_ok, p95_ok];
    let status = if parts.iter().all(Option::is_none) {
        TaskStatus::NoData
    } else if parts.contains(&Some(false)) {
        TaskStatus::Missed
    } else {
        TaskStatus::Met
    };
    TargetCheck {
        status,
        completion_ok,
        error_ok,
        p95_ok,
    }
}

/// One row of the key-task table.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    pub task: String,
    pub current: TaskFigures,
    pub previous: Option<TaskFigures>,
    /// Difference in completion rate (0.02 = +2 percentage points).
    pub completion_change: Option<f64>,
    /// Difference in error rate, in the same points.
    pub error_change: Option<f64>,
    /// Relative change of the worst day's p95.
    pub p95_change: Option<f64>,
    /// Completion rate per bucket of the period.
    pub trend: Vec<Option<f64>>,
    pub target: Option<TaskTarget>,
    pub check: TargetCheck,
}

fn difference(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    Some(current? - previous?)
}

/// Every task seen in `samples` over `period`, worst first: most target
/// parts missed, then lowest completion rate, then name.
pub fn task_rows(
    samples: &[ExperienceSample],
    targets: &[TaskTarget],
    period: &Period,
    comparison: Option<&Period>,
    grain: Granularity,
) -> Vec<TaskRow> {
    let mut tasks: Vec<&str> = samples.iter().map(|s| s.task.as_str()).collect();
    tasks.sort_unstable();
    tasks.dedup();
    let buckets = grain.buckets(period);
    let mut rows: Vec<TaskRow> = tasks
        .into_iter()
        .map(|task| {
            let of_task = |p: &Period| {
                TaskFigures::of(
                    samples
                        .iter()
                        .filter(|s| s.task == task && p.contains(s.date)),
                )
            };
            let current = of_task(period);
            let previous = comparison.map(of_task).filter(|f| f.days > 0);
            let before = |f: fn(&TaskFigures) -> Option<f64>| previous.as_ref().and_then(f);
            let trend = buckets
                .iter()
                .map(|b| {
                    TaskFigures::of(samples.iter().filter(|s| {
                        s.task == task && period.contains(s.date) && grain.bucket(s.date) == *b
                    }))
                    .completion_rate()
                })
                .collect();
            let target = targets.iter().find(|t| t.id == task).cloned();
            TaskRow {
                task: task.to_string(),
                completion_change: difference(
                    current.completion_rate(),
                    before(TaskFigures::completion_rate),
                ),
                error_change: difference(current.error_rate(), before(TaskFigures::error_rate)),
                p95_change: change(
                    current.worst_p95().map(f64::from),
                    previous.and_then(|p| p.worst_p95()).map(f64::from),
                ),
                check: check(&current, target.as_ref()),
                current,
                previous,
                trend,
                target,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.check
            .misses()
            .cmp(&a.check.misses())
            .then_with(|| {
                let rate = |r: &TaskRow| r.current.completion_rate().unwrap_or(f64::INFINITY);
                rate(a).total_cmp(&rate(b))
            })
            .then_with(|| a.task.cmp(&b.task))
    });
    rows
}

/// The last day any task has figures for.
pub fn last_day(samples: &[ExperienceSample]) -> Option<NaiveDate> {
    samples.iter().map(|s| s.date).max()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        day: u32,
        task: &str,
        starts: u32,
        done: u32,
        views: u32,
        errors: u32,
        p50: u32,
        p95: u32,
    ) -> ExperienceSample {
        ExperienceSample {
            date: d(day),
            task: task.into(),
            starts,
            completions: done,
            load_ms_p50: p50,
            load_ms_p95: p95,
            page_views: views,
            errors,
        }
    }

    fn target(task: &str, completion: f64, p95: u32, error: f64) -> TaskTarget {
        TaskTarget {
            id: task.into(),
            completion_rate: completion,
            load_ms_p95: p95,
            error_rate: error,
        }
    }

    fn samples() -> Vec<ExperienceSample> {
        vec![
            // Last week (1–3) and this week (4–6) of 下单 and 领券.
            row(1, "下单", 1000, 800, 4000, 20, 900, 2500),
            row(2, "下单", 1000, 820, 4000, 20, 950, 2600),
            row(3, "下单", 1000, 780, 4000, 20, 1000, 2400),
            row(4, "下单", 1000, 700, 4000, 40, 1100, 3000),
            row(5, "下单", 3000, 2400, 12000, 80, 1200, 4800),
            row(6, "下单", 1000, 900, 4000, 0, 800, 2200),
            row(4, "领券", 500, 450, 1000, 5, 600, 1500),
            row(5, "领券", 500, 460, 1000, 5, 650, 1600),
            row(6, "领券", 500, 470, 1000, 5, 700, 1700),
        ]
    }

    #[test]
    fn rates_are_ratios_of_sums_not_averages_of_daily_rates() {
        let rows = task_rows(
            &samples(),
            &[],
            &Period::new(d(4), d(6)),
            None,
            Granularity::Day,
        );
        let order = rows.iter().find(|r| r.task == "下单").unwrap();
        // (700 + 2400 + 900) / (1000 + 3000 + 1000) = 4000 / 5000 = 80%;
        // the mean of the daily rates (70%, 80%, 90%) is also 80% only by
        // chance, so check the error rate, where they differ:
        assert_eq!(order.current.completion_rate(), Some(0.8));
        // (40 + 80 + 0) / 20,000 = 0.6%, while the mean of the daily rates
        // (1%, 0.667%, 0%) is 0.556%.
        assert_eq!(order.current.error_rate(), Some(0.006));
        // Percentiles: the daily range and the worst day, never a mean.
        assert_eq!(order.current.p95_range, Some((2200, 4800)));
        assert_eq!(order.current.p50_range, Some((800, 1200)));
        assert_eq!(order.current.p95_worst_day, Some(d(5)));
        assert_eq!(order.trend, vec![Some(0.7), Some(0.8), Some(0.9)]);
    }

    #[test]
    fn changes_are_in_points_against_the_comparison_period() {
        let rows = task_rows(
            &samples(),
            &[],
            &Period::new(d(4), d(6)),
            Some(&Period::new(d(1), d(3))),
            Granularity::Day,
        );
        let order = rows.iter().find(|r| r.task == "下单").unwrap();
        // Before: 2400 / 3000 = 80%; now 80%: no change. Errors 60 / 12,000
        // = 0.5% → 0.6%: +0.1 point. Worst p95 2,600 → 4,800: +84.6%.
        assert!(order.completion_change.unwrap().abs() < 1e-12);
        assert!((order.error_change.unwrap() - 0.001).abs() < 1e-12);
        assert!((order.p95_change.unwrap() - 2200.0 / 2600.0).abs() < 1e-12);
        // 领券 has no rows before: no change rather than a made-up one.
        let coupons = rows.iter().find(|r| r.task == "领券").unwrap();
        assert_eq!(coupons.previous, None);
        assert_eq!(coupons.completion_change, None);
    }

    #[test]
    fn status_against_target_and_worst_first() {
        let targets = [
            target("下单", 0.75, 4000, 0.01),
            target("领券", 0.9, 2000, 0.01),
        ];
        let rows = task_rows(
            &samples(),
            &targets,
            &Period::new(d(4), d(6)),
            None,
            Granularity::Day,
        );
        // 下单: 80% ≥ 75%, 0.6% ≤ 1%, but worst-day p95 4,800 > 4,000: missed.
        assert_eq!(rows[0].task, "下单");
        assert_eq!(rows[0].check.status, TaskStatus::Missed);
        assert_eq!(rows[0].check.p95_ok, Some(false));
        assert_eq!(rows[0].check.misses(), 1);
        // 领券: 1,380 / 1,500 = 92% ≥ 90%, 15 / 3,000 = 0.5%, p95 1,700: met.
        assert_eq!(rows[1].check.status, TaskStatus::Met);
        // Without targets, the lower completion rate comes first.
        let plain = task_rows(
            &samples(),
            &[],
            &Period::new(d(4), d(6)),
            None,
            Granularity::Day,
        );
        assert_eq!(plain[0].task, "下单");
        assert_eq!(plain[0].check.status, TaskStatus::NoTarget);
    }

    #[test]
    fn an_empty_period_has_no_rates_and_no_data_status() {
        let targets = [target("下单", 0.75, 4000, 0.01)];
        let rows = task_rows(
            &samples(),
            &targets,
            &Period::new(d(20), d(21)),
            None,
            Granularity::Day,
        );
        let order = rows.iter().find(|r| r.task == "下单").unwrap();
        assert_eq!(order.current.completion_rate(), None);
        assert_eq!(order.current.worst_p95(), None);
        assert_eq!(order.check.status, TaskStatus::NoData);
        assert_eq!(last_day(&samples()), Some(d(6)));
        assert_eq!(last_day(&[]), None);
    }
}
