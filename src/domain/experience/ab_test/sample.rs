//! The sample an A/B test needs and what its traffic delivers: the visitors
//! per arm for the planned effect, the days still needed at the real daily
//! traffic, the effect detectable within the horizon, and the planner.

use crate::domain::shared::stats::power::{self, MinimumEffect};
use crate::domain::shared::stats::proportions::Counts;

use super::{ReadoutError, TestInput};

/// The sample the planned effect needs, and how far the test is from it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleNeeds {
    /// The baseline the sample was computed for.
    pub baseline: f64,
    pub per_arm: u64,
    /// Every arm has its sample.
    pub reached: bool,
    /// Days until the last arm has its sample at the daily traffic; `None`
    /// when an arm that still needs visitors gets no traffic.
    pub days_left: Option<u64>,
}

/// The needed sample and what the traffic can deliver.
pub(super) struct Progress {
    pub(super) needs: Option<SampleNeeds>,
    /// The effect the sample reachable within the horizon can detect.
    pub(super) detectable_in_horizon: Option<MinimumEffect>,
    /// The test reaches its sample within the horizon.
    pub(super) reachable: bool,
}

impl Progress {
    pub(super) fn new(input: &TestInput, shares: &[f64], control: Option<Counts>) -> Self {
        let days_run = input
            .today
            .signed_duration_since(input.start)
            .num_days()
            .max(0)
            + 1;
        let total: u64 = input.variants.iter().map(|v| v.visitors).sum();
        // Before the first visitor the observed traffic says nothing yet.
        let traffic = input
            .daily_traffic
            .or_else(|| (total > 0).then(|| total as f64 / days_run as f64));
        let baseline = input
            .baseline
            .or(control.map(Counts::rate))
            .filter(|b| *b > 0.0 && *b < 1.0);
        let (Some(baseline), Some(traffic)) = (baseline, traffic) else {
            let needs = baseline.and_then(|baseline| {
                let effect = input.minimum_effect;
                let per_arm =
                    power::sample_size_per_arm(baseline, effect, input.power, input.alpha).ok()?;
                Some(SampleNeeds {
                    baseline,
                    per_arm,
                    reached: input.variants.iter().all(|v| v.visitors >= per_arm),
                    days_left: None,
                })
            });
            return Self {
                needs,
                detectable_in_horizon: None,
                reachable: true,
            };
        };
        let share_sum: f64 = shares.iter().sum();
        let arm_traffic: Vec<f64> = shares.iter().map(|s| traffic * s / share_sum).collect();
        // Days left in the horizon, and the smallest arm at its end.
        let horizon_left = (i64::from(input.horizon_days) - days_run).max(0) as f64;
        let smallest_at_horizon = input
            .variants
            .iter()
            .zip(&arm_traffic)
            .map(|(v, daily)| (v.visitors as f64 + daily * horizon_left).floor())
            .fold(f64::INFINITY, f64::min);
        let detectable_in_horizon = power::minimum_detectable_effect(
            baseline,
            smallest_at_horizon as u64,
            input.power,
            input.alpha,
        );
        let Ok(per_arm) =
            power::sample_size_per_arm(baseline, input.minimum_effect, input.power, input.alpha)
        else {
            return Self {
                needs: None,
                detectable_in_horizon,
                reachable: true,
            };
        };
        let days_per_arm: Vec<Option<u64>> = input
            .variants
            .iter()
            .zip(&arm_traffic)
            .map(|(v, daily)| {
                let missing = per_arm.saturating_sub(v.visitors);
                if missing == 0 {
                    Some(0)
                } else if *daily > 0.0 {
                    Some((missing as f64 / daily).ceil() as u64)
                } else {
                    None
                }
            })
            .collect();
        let days_left = days_per_arm
            .iter()
            .try_fold(0, |most, days| days.map(|d| most.max(d)));
        let reached = days_left == Some(0);
        let reachable = days_left.is_some_and(|days| {
            days_run.saturating_add_unsigned(days) <= i64::from(input.horizon_days)
        });
        Self {
            needs: Some(SampleNeeds {
                baseline,
                per_arm,
                reached,
                days_left,
            }),
            detectable_in_horizon,
            reachable: reached || reachable,
        }
    }
}

/// What the planner returns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    pub per_arm: u64,
    pub total: u64,
    /// `None` without traffic.
    pub days: Option<u64>,
}

/// The planner: visitors per arm (equal split over `arms`) and the days the
/// whole test needs at `daily_traffic` visitors a day.
pub fn plan(
    baseline: f64,
    effect: MinimumEffect,
    power: f64,
    alpha: f64,
    daily_traffic: f64,
    arms: usize,
) -> Result<Plan, ReadoutError> {
    if arms < 2 {
        return Err(ReadoutError::TooFewVariants);
    }
    if !(daily_traffic >= 0.0 && daily_traffic.is_finite()) {
        return Err(ReadoutError::BadTraffic);
    }
    let per_arm =
        power::sample_size_per_arm(baseline, effect, power, alpha).map_err(ReadoutError::Design)?;
    let total = per_arm.saturating_mul(arms as u64);
    let days = (daily_traffic > 0.0).then(|| (total as f64 / daily_traffic).ceil() as u64);
    Ok(Plan {
        per_arm,
        total,
        days,
    })
}
