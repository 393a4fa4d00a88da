//! From an `experiments` row to the A/B read-out: the planned split, effect
//! and traffic the row carries (or the defaults an older backend implies),
//! at 80% power and α = 0.05 as the issue asks.

use chrono::NaiveDate;

use super::ab_test::{self, Phase, Readout, ReadoutError, TestInput, VariantInput};
use super::model::{Experiment, ExperimentStatus};
use crate::domain::shared::stats::power::MinimumEffect;

pub const POWER: f64 = 0.8;
pub const ALPHA: f64 = 0.05;
/// The effect assumed when a row names none: +10% of the control's rate.
pub const DEFAULT_RELATIVE_EFFECT: f64 = 0.10;

/// The planned relative effect, or the default; `true` when it is the default.
pub fn planned_effect(x: &Experiment) -> (f64, bool) {
    match x.minimum_detectable_effect {
        Some(effect) if effect.is_finite() && effect != 0.0 => (effect, false),
        _ => (DEFAULT_RELATIVE_EFFECT, true),
    }
}

/// The read-out's input. A concluded test is judged at its last day, a
/// running one at `today` (the last day with data).
pub fn test_input(x: &Experiment, today: NaiveDate) -> TestInput {
    let (phase, day) = match (x.status, x.end) {
        (ExperimentStatus::Concluded, Some(end)) => (Phase::Concluded, end),
        (ExperimentStatus::Concluded, None) => (Phase::Concluded, today),
        (ExperimentStatus::Running, _) => (Phase::Running, today),
    };
    TestInput {
        variants: x
            .variants
            .iter()
            .map(|v| VariantInput {
                name: v.name.clone(),
                visitors: u64::from(v.visitors),
                conversions: u64::from(v.conversions),
            })
            .collect(),
        planned_split: x.planned_split.clone(),
        control: 0,
        minimum_effect: MinimumEffect::Relative(planned_effect(x).0),
        power: POWER,
        alpha: ALPHA,
        baseline: None,
        daily_traffic: x.daily_traffic.filter(|t| t.is_finite() && *t >= 0.0),
        phase,
        start: x.start,
        today: day.max(x.start),
        horizon_days: ab_test::DEFAULT_HORIZON_DAYS,
    }
}

pub fn read_out(x: &Experiment, today: NaiveDate) -> Result<Readout, ReadoutError> {
    ab_test::read_out(&test_input(x, today))
}

/// Days the test has run (inclusive) by `today`, or by its end.
pub fn days_run(x: &Experiment, today: NaiveDate) -> i64 {
    let last = x.end.unwrap_or(today).min(today);
    (last - x.start).num_days().max(0) + 1
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::domain::experience::ab_test::Verdict;
    use crate::domain::experience::model::ExperimentVariant;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn experiment(variants: &[(u32, u32)], split: Vec<f64>) -> Experiment {
        Experiment {
            id: "x".into(),
            name: "x".into(),
            hypothesis: String::new(),
            metric: "下单".into(),
            start: d(10, 1),
            end: Some(d(10, 28)),
            status: ExperimentStatus::Concluded,
            variants: variants
                .iter()
                .map(|&(visitors, conversions)| ExperimentVariant {
                    name: format!("{visitors}"),
                    visitors,
                    conversions,
                })
                .collect(),
            planned_split: split,
            minimum_detectable_effect: Some(0.1),
            daily_traffic: None,
        }
    }

    #[test]
    fn an_old_row_without_a_plan_uses_the_defaults() {
        let mut x = experiment(&[(10_000, 1_000), (10_000, 1_100)], vec![]);
        x.minimum_detectable_effect = None;
        assert_eq!(planned_effect(&x), (0.10, true));
        let input = test_input(&x, d(11, 27));
        assert_eq!(input.minimum_effect, MinimumEffect::Relative(0.10));
        assert!(input.planned_split.is_empty());
        // Judged at its end, not today.
        assert_eq!(input.today, d(10, 28));
        assert_eq!(days_run(&x, d(11, 27)), 28);
    }

    #[test]
    fn a_planned_uneven_split_is_not_a_mismatch_but_an_even_one_is() {
        // 10,000 vs 20,000 visitors: exactly the planned 1:2 split.
        let planned = experiment(&[(10_000, 1_000), (20_000, 2_200)], vec![1.0, 2.0]);
        let readout = read_out(&planned, d(11, 27)).unwrap();
        assert!(!readout.srm.unwrap().mismatch);
        // The same visitors against an assumed 50/50 split: broken.
        let even = experiment(&[(10_000, 1_000), (20_000, 2_200)], vec![]);
        let readout = read_out(&even, d(11, 27)).unwrap();
        assert!(matches!(readout.verdict, Verdict::Invalid { .. }));
    }

    #[test]
    fn a_running_test_is_judged_today() {
        let mut x = experiment(&[(1_000, 100), (1_000, 130)], vec![]);
        x.status = ExperimentStatus::Running;
        x.end = None;
        x.daily_traffic = Some(2_000.0);
        let input = test_input(&x, d(10, 10));
        assert_eq!(input.phase, Phase::Running);
        assert_eq!(input.today, d(10, 10));
        assert_eq!(input.daily_traffic, Some(2_000.0));
        // 10% → 11% needs (1.959964·√0.18 + 0.841621·√(0.09 + 0.0979))² /
        // 0.01² ≈ 14,313 per arm, far beyond 1,000, but 1,000 a day per arm
        // gets there in 14 more days: too early.
        let readout = read_out(&x, d(10, 10)).unwrap();
        assert!(matches!(readout.verdict, Verdict::TooEarly { .. }));
        assert_eq!(readout.sample.unwrap().per_arm, 14_313);
        assert_eq!(
            readout.verdict,
            Verdict::TooEarly {
                days_left: Some(14)
            }
        );
        // At 200 a day it would take 134 days, past the 90-day horizon.
        x.daily_traffic = Some(200.0);
        let readout = read_out(&x, d(10, 10)).unwrap();
        assert!(matches!(readout.verdict, Verdict::Underpowered { .. }));
    }
}
