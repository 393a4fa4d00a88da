//! The read-out of an A/B test, done the way experimentation tools do it:
//! per-variant rates with intervals, lifts against the control with intervals
//! and (Holm-adjusted) p-values, a sample-ratio-mismatch check that overrides
//! everything, the sample still needed, and a verdict in words. The sample
//! arithmetic and the planner (baseline, effect, power, α and traffic →
//! visitors and days) are in [`sample`].
//!
//! Pure and total: any input gives a typed error or a read-out, never a panic.

use chrono::NaiveDate;

use crate::domain::shared::stats::power::{self, MinimumEffect};
use crate::domain::shared::stats::proportions::{self, Counts, Interval};
use crate::domain::shared::stats::{chi_square, holm, StatsError};

pub mod sample;

use sample::{Progress, SampleNeeds};

/// A sample-ratio mismatch is flagged below this chi-square p-value: strict,
/// because with thousands of visitors a real mismatch gives far smaller p, and
/// a false alarm would throw away a good test.
pub const SRM_P_THRESHOLD: f64 = 0.001;

/// The usual horizon after which waiting for more traffic stops making sense.
pub const DEFAULT_HORIZON_DAYS: u32 = 90;

#[derive(Debug, Clone, PartialEq)]
pub struct VariantInput {
    pub name: String,
    pub visitors: u64,
    pub conversions: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Running,
    Concluded,
}

/// Everything a read-out needs.
#[derive(Debug, Clone, PartialEq)]
pub struct TestInput {
    pub variants: Vec<VariantInput>,
    /// Planned traffic weights, one per variant (e.g. 50/50 or 1:1:2); empty
    /// means an equal split.
    pub planned_split: Vec<f64>,
    /// Index of the control in `variants`.
    pub control: usize,
    pub minimum_effect: MinimumEffect,
    pub power: f64,
    pub alpha: f64,
    /// The planned baseline rate; `None` uses the control's observed rate.
    pub baseline: Option<f64>,
    /// Visitors a day across all arms; `None` uses the observed traffic
    /// (visitors so far / days run).
    pub daily_traffic: Option<f64>,
    pub phase: Phase,
    pub start: NaiveDate,
    pub today: NaiveDate,
    /// How long a test may run at most; beyond it the test is underpowered.
    pub horizon_days: u32,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadoutError {
    #[error("a test needs a control and at least one other variant")]
    TooFewVariants,
    #[error("the control is not one of the variants")]
    UnknownControl,
    #[error("variant {0} has more conversions than visitors")]
    MoreConversionsThanVisitors(String),
    #[error("the planned split does not give one positive share per variant")]
    BadSplit,
    #[error("the design is invalid: {0}")]
    Design(StatsError),
    #[error("daily traffic must be a number of visitors of at least zero")]
    BadTraffic,
}

/// One variant's numbers; rate and interval are `None` without visitors.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantReadout {
    pub name: String,
    pub visitors: u64,
    pub conversions: u64,
    pub rate: Option<f64>,
    /// Wilson interval at 1 − α.
    pub interval: Option<Interval>,
}

/// How one variant compares with the control at the test's α.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Better,
    Worse,
    NoDifference,
    /// One of the two arms has no visitors yet.
    NoData,
}

/// One variant against the control. Lifts are fractions (0.02 = 2 points,
/// or +2% for the relative lift).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Index of the variant in the input.
    pub variant: usize,
    pub absolute_lift: Option<f64>,
    pub absolute_interval: Option<Interval>,
    pub relative_lift: Option<f64>,
    /// `None` while either arm has no conversion (the ratio is undefined).
    pub relative_interval: Option<Interval>,
    pub p_value: Option<f64>,
    /// Holm-adjusted with three or more variants, else the raw p-value.
    pub adjusted_p_value: Option<f64>,
    pub outcome: Outcome,
}

/// The chi-square goodness-of-fit test of visitors against the planned split.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SrmCheck {
    pub statistic: f64,
    pub p_value: f64,
    /// p < [`SRM_P_THRESHOLD`]: the assignment is broken.
    pub mismatch: bool,
}

/// The read-out in words. The order of the checks is the order below.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Sample-ratio mismatch: the numbers can't be trusted, whatever they say.
    Invalid {
        srm_p_value: f64,
    },
    /// A running test can't reach its sample within the horizon (or a
    /// concluded one stopped short without a result): "at this traffic no
    /// effect smaller than `detectable` can be detected".
    Underpowered {
        detectable: Option<MinimumEffect>,
    },
    /// A running test under its planned sample: don't call it yet (peeking at
    /// a fixed-sample test again and again inflates false winners).
    TooEarly {
        days_left: Option<u64>,
    },
    /// The variant with the largest significant gain over the control.
    Winner {
        variant: usize,
    },
    /// Every variant did significantly worse than the control.
    Loser,
    Inconclusive,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    pub variants: Vec<VariantReadout>,
    /// One per non-control variant, in input order.
    pub comparisons: Vec<Comparison>,
    /// `None` before any visitor arrived.
    pub srm: Option<SrmCheck>,
    /// `None` when no baseline is known (no planned one, control rate 0 or 1).
    pub sample: Option<SampleNeeds>,
    pub verdict: Verdict,
}

/// Reads out an A/B test.
pub fn read_out(input: &TestInput) -> Result<Readout, ReadoutError> {
    let shares = validate(input)?;
    let counts: Vec<Option<Counts>> = input
        .variants
        .iter()
        .map(|v| Counts::new(v.conversions, v.visitors).ok())
        .collect();
    let variants = input
        .variants
        .iter()
        .zip(&counts)
        .map(|(variant, counts)| VariantReadout {
            name: variant.name.clone(),
            visitors: variant.visitors,
            conversions: variant.conversions,
            rate: counts.map(Counts::rate),
            interval: counts.and_then(|c| proportions::wilson_interval(c, input.alpha).ok()),
        })
        .collect();
    let control = counts.get(input.control).copied().flatten();
    let mut comparisons: Vec<Comparison> = counts
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != input.control)
        .map(|(index, treatment)| compare(index, control, *treatment, input.alpha))
        .collect();
    apply_holm(&mut comparisons, input.alpha);

    let visitors: Vec<u64> = input.variants.iter().map(|v| v.visitors).collect();
    let srm = chi_square::goodness_of_fit(&visitors, &shares)
        .ok()
        .map(|fit| SrmCheck {
            statistic: fit.statistic,
            p_value: fit.p_value,
            mismatch: fit.p_value < SRM_P_THRESHOLD,
        });
    let plan = Progress::new(input, &shares, control);
    let verdict = verdict(input, &comparisons, srm, &plan);
    Ok(Readout {
        variants,
        comparisons,
        srm,
        sample: plan.needs,
        verdict,
    })
}

/// Checks the input; returns the planned shares (equal when none given).
fn validate(input: &TestInput) -> Result<Vec<f64>, ReadoutError> {
    if input.variants.len() < 2 {
        return Err(ReadoutError::TooFewVariants);
    }
    if input.control >= input.variants.len() {
        return Err(ReadoutError::UnknownControl);
    }
    if let Some(variant) = input.variants.iter().find(|v| v.conversions > v.visitors) {
        return Err(ReadoutError::MoreConversionsThanVisitors(
            variant.name.clone(),
        ));
    }
    let shares = if input.planned_split.is_empty() {
        vec![1.0; input.variants.len()]
    } else {
        input.planned_split.clone()
    };
    if shares.len() != input.variants.len() || shares.iter().any(|s| !(s.is_finite() && *s > 0.0)) {
        return Err(ReadoutError::BadSplit);
    }
    for probability in [input.power, input.alpha] {
        if !(probability > 0.0 && probability < 1.0) {
            return Err(ReadoutError::Design(StatsError::ProbabilityOutOfRange));
        }
    }
    let effect = match input.minimum_effect {
        MinimumEffect::Absolute(value) | MinimumEffect::Relative(value) => value,
    };
    if !effect.is_finite() || effect == 0.0 {
        return Err(ReadoutError::Design(StatsError::EffectOutOfRange));
    }
    if input
        .daily_traffic
        .is_some_and(|t| !(t >= 0.0 && t.is_finite()))
    {
        return Err(ReadoutError::BadTraffic);
    }
    Ok(shares)
}

/// One variant against the control, before any multiple-comparison step.
fn compare(
    variant: usize,
    control: Option<Counts>,
    treatment: Option<Counts>,
    alpha: f64,
) -> Comparison {
    let (Some(control), Some(treatment)) = (control, treatment) else {
        return Comparison {
            variant,
            absolute_lift: None,
            absolute_interval: None,
            relative_lift: None,
            relative_interval: None,
            p_value: None,
            adjusted_p_value: None,
            outcome: Outcome::NoData,
        };
    };
    let test = proportions::two_proportion_z_test(control, treatment);
    let relative_lift = (control.rate() > 0.0).then(|| treatment.rate() / control.rate() - 1.0);
    Comparison {
        variant,
        absolute_lift: Some(treatment.rate() - control.rate()),
        absolute_interval: proportions::difference_interval(control, treatment, alpha).ok(),
        relative_lift,
        relative_interval: proportions::relative_lift_interval(control, treatment, alpha).ok(),
        p_value: Some(test.p_value),
        adjusted_p_value: Some(test.p_value),
        outcome: Outcome::NoData,
    }
}

/// Adjusts the p-values (Holm, with two or more comparisons) and sets each
/// outcome from the adjusted p-value.
fn apply_holm(comparisons: &mut [Comparison], alpha: f64) {
    let raw: Vec<f64> = comparisons.iter().filter_map(|c| c.p_value).collect();
    if raw.len() >= 2 {
        let mut adjusted = holm::adjusted(&raw).into_iter();
        for comparison in comparisons.iter_mut().filter(|c| c.p_value.is_some()) {
            comparison.adjusted_p_value = adjusted.next();
        }
    }
    for comparison in comparisons.iter_mut() {
        comparison.outcome = match (comparison.adjusted_p_value, comparison.absolute_lift) {
            (Some(p), Some(lift)) if p < alpha && lift > 0.0 => Outcome::Better,
            (Some(p), Some(lift)) if p < alpha && lift < 0.0 => Outcome::Worse,
            (Some(_), Some(_)) => Outcome::NoDifference,
            _ => Outcome::NoData,
        };
    }
}

/// The verdict: an SRM overrides everything; a running test under its sample
/// is too early (or underpowered when the horizon can't get it there); then
/// the adjusted p-values decide.
fn verdict(
    input: &TestInput,
    comparisons: &[Comparison],
    srm: Option<SrmCheck>,
    progress: &Progress,
) -> Verdict {
    if let Some(check) = srm.filter(|check| check.mismatch) {
        return Verdict::Invalid {
            srm_p_value: check.p_value,
        };
    }
    let reached = progress.needs.is_some_and(|needs| needs.reached);
    if input.phase == Phase::Running && !reached {
        if !progress.reachable {
            return Verdict::Underpowered {
                detectable: progress.detectable_in_horizon,
            };
        }
        return Verdict::TooEarly {
            days_left: progress.needs.and_then(|needs| needs.days_left),
        };
    }
    let best_gain = comparisons
        .iter()
        .filter(|c| c.outcome == Outcome::Better)
        .filter_map(|c| c.absolute_lift.map(|lift| (c.variant, lift)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((variant, _)) = best_gain {
        return Verdict::Winner { variant };
    }
    if !comparisons.is_empty() && comparisons.iter().all(|c| c.outcome == Outcome::Worse) {
        return Verdict::Loser;
    }
    if progress.needs.is_some_and(|needs| !needs.reached) {
        // Concluded short of its sample: "no difference" means little.
        let smallest = input.variants.iter().map(|v| v.visitors).min().unwrap_or(0);
        let detectable = progress.needs.and_then(|needs| {
            power::minimum_detectable_effect(needs.baseline, smallest, input.power, input.alpha)
        });
        return Verdict::Underpowered { detectable };
    }
    Verdict::Inconclusive
}

#[cfg(test)]
mod tests;
