//! User experience of the last 90 days: starts and completions of the key
//! tasks with their load times, worse on the incident days; and each task's
//! target, set from its last four weeks.

use chrono::NaiveDate;

use super::common::to_u32;
use super::health::recent_days;
use super::{Aggregates, S_EXPERIENCE};
use crate::data::embedded::rng::Rng;
use crate::domain::experience::model::{ExperienceSample, TaskTarget};
use crate::domain::shared::ratio::ratio;

pub(super) fn gen_experience(
    seed: u64,
    end: NaiveDate,
    agg: &Aggregates,
    incidents: &(NaiveDate, NaiveDate),
) -> Vec<ExperienceSample> {
    let mut rng = Rng::derive(seed, S_EXPERIENCE);
    let (outage, slow) = *incidents;
    let mut out = Vec::new();
    for (date, t) in recent_days(end, agg) {
        let bad = date == outage || date == slow;
        for task in ["下单", "领券", "会员注册", "预约到店"] {
            let (starts, rate, pages) = match task {
                "下单" => (
                    t.carts as f64,
                    ratio(t.orders as f64, t.carts as f64).unwrap_or(0.0),
                    4.0,
                ),
                "领券" => (t.visits as f64 * 0.12, 0.9, 2.5),
                "会员注册" => (t.new_visitors as f64 * 0.35, 0.68, 3.0),
                _ => (t.visits as f64 * 0.015, 0.78, 3.5),
            };
            let starts = to_u32(starts * rng.jitter(0.05)).max(1);
            let rate = if date == outage && task == "下单" {
                rate * 0.7
            } else if bad {
                rate * 0.92
            } else {
                rate * rng.jitter(0.03)
            };
            let completions = to_u32(f64::from(starts) * rate).min(starts);
            let (p50, p95) = if date == slow {
                (rng.range(1_900.0, 2_400.0), rng.range(5_200.0, 6_800.0))
            } else if date == outage {
                (rng.range(1_400.0, 1_700.0), rng.range(4_200.0, 5_500.0))
            } else {
                (rng.range(800.0, 1_500.0), rng.range(2_000.0, 3_900.0))
            };
            let error_rate = if bad {
                rng.range(0.02, 0.05)
            } else {
                rng.range(0.002, 0.01)
            };
            out.push(ExperienceSample {
                date,
                task: task.to_string(),
                starts,
                completions,
                load_ms_p50: to_u32(p50),
                load_ms_p95: to_u32(p95),
                page_views: to_u32(f64::from(starts) * pages * rng.jitter(0.05)),
                errors: to_u32(f64::from(starts) * error_rate),
            });
        }
    }
    out
}

/// One target per task from its last 28 days: the completion rate a little
/// above what it was (a stretch for some tasks), the error rate and p95 load
/// time a little below, so the screen shows tasks on and off target.
pub(super) fn gen_task_targets(samples: &[ExperienceSample]) -> Vec<TaskTarget> {
    let Some(last) = samples.iter().map(|s| s.date).max() else {
        return Vec::new();
    };
    let from = crate::domain::shared::dates::add_days(last, -27);
    let mut tasks: Vec<&str> = samples.iter().map(|s| s.task.as_str()).collect();
    tasks.sort_unstable();
    tasks.dedup();
    tasks
        .into_iter()
        .enumerate()
        .map(|(i, task)| {
            let recent = samples.iter().filter(|s| s.task == task && s.date >= from);
            let (mut starts, mut done, mut views, mut errors, mut p95) =
                (0u64, 0u64, 0u64, 0u64, 0u32);
            for s in recent {
                starts += u64::from(s.starts);
                done += u64::from(s.completions);
                views += u64::from(s.page_views);
                errors += u64::from(s.errors);
                p95 = p95.max(s.load_ms_p95);
            }
            let completion = ratio(done as f64, starts as f64).unwrap_or(0.5);
            let error = ratio(errors as f64, views as f64).unwrap_or(0.01);
            // Every other task gets an ambitious completion goal.
            let stretch = if i % 2 == 0 { 1.04 } else { 0.98 };
            TaskTarget {
                id: task.to_string(),
                completion_rate: ((completion * stretch).min(0.99) * 100.0).round() / 100.0,
                load_ms_p95: (f64::from(p95) * 0.9 / 100.0).round() as u32 * 100,
                error_rate: ((error * 1.2) * 1000.0).round().max(1.0) / 1000.0,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::data::embedded::generator::fixture::data;

    #[test]
    fn every_task_has_one_target() {
        let ds = data();
        assert_eq!(ds.task_targets.len(), 4);
        for t in &ds.task_targets {
            assert!(ds.experience.iter().any(|e| e.task == t.id));
            assert!(t.completion_rate > 0.0 && t.completion_rate < 1.0, "{t:?}");
            assert!(t.error_rate > 0.0 && t.load_ms_p95 > 1_000, "{t:?}");
        }
    }

    #[test]
    fn tasks_are_consistent_and_the_slow_day_shows() {
        let ds = data();
        for e in &ds.experience {
            assert!(
                e.completions <= e.starts && e.load_ms_p50 < e.load_ms_p95,
                "{e:?}"
            );
        }
        assert_eq!(ds.experience.len(), 90 * 4);
        assert!(
            ds.experience
                .iter()
                .filter(|e| e.load_ms_p95 > 4_000)
                .count()
                >= 2
        );
    }
}
