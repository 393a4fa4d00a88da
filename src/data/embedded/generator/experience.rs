//! User experience of the last 90 days: starts and completions of the key
//! tasks with their load times, worse on the incident days.

use chrono::NaiveDate;

use super::common::to_u32;
use super::health::recent_days;
use super::{Aggregates, S_EXPERIENCE};
use crate::data::embedded::rng::Rng;
use crate::domain::experience::model::ExperienceSample;
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::data::embedded::generator::fixture::data;

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
