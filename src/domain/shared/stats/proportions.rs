//! Rates, their intervals and the two-proportion z-test, as an A/B read-out
//! needs them. Counts are validated once, in [`Counts::new`], so every
//! function below works on numbers that make sense.

use super::{normal, open_unit, StatsError};

/// Successes out of trials (conversions out of visitors), at least one trial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    successes: u64,
    trials: u64,
}

impl Counts {
    pub fn new(successes: u64, trials: u64) -> Result<Self, StatsError> {
        if trials == 0 {
            Err(StatsError::NoTrials)
        } else if successes > trials {
            Err(StatsError::MoreSuccessesThanTrials)
        } else {
            Ok(Self { successes, trials })
        }
    }

    pub fn successes(self) -> u64 {
        self.successes
    }

    pub fn trials(self) -> u64 {
        self.trials
    }

    /// The observed rate, successes / trials.
    pub fn rate(self) -> f64 {
        self.successes as f64 / self.trials as f64
    }
}

/// A two-sided confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn contains(self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }
}

/// The critical value z with P(|Z| > z) = α.
fn critical_z(alpha: f64) -> Result<f64, StatsError> {
    normal::quantile(1.0 - open_unit(alpha)? / 2.0).ok_or(StatsError::ProbabilityOutOfRange)
}

/// The Wilson score interval at confidence 1 − α.
///
/// Wilson rather than Wald: Wald (p ± z·√(p(1−p)/n)) collapses to a zero-width
/// interval at 0 or all conversions, can leave [0, 1], and covers far less than
/// 95% at small counts or low rates, which early A/B arms and 1–3% conversion
/// rates are (Brown, Cai & DasGupta 2001, "Interval Estimation for a Binomial
/// Proportion", recommend Wilson).
pub fn wilson_interval(counts: Counts, alpha: f64) -> Result<Interval, StatsError> {
    let z = critical_z(alpha)?;
    let n = counts.trials as f64;
    let p = counts.rate();
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half_width = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Ok(Interval {
        low: (centre - half_width).max(0.0),
        high: (centre + half_width).min(1.0),
    })
}

/// A z statistic with its two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZTest {
    /// Positive when the treatment's rate is above the control's.
    pub z: f64,
    pub p_value: f64,
}

/// The two-proportion z-test of "both rates are equal", with the pooled
/// standard error that this null hypothesis implies (the same test as a 2×2
/// chi-square without continuity correction: z² = χ²). When no arm has a
/// conversion (or every visitor converted) the rates are equal and p = 1.
pub fn two_proportion_z_test(control: Counts, treatment: Counts) -> ZTest {
    let n_control = control.trials as f64;
    let n_treatment = treatment.trials as f64;
    let pooled =
        (control.successes as f64 + treatment.successes as f64) / (n_control + n_treatment);
    let standard_error = (pooled * (1.0 - pooled) * (1.0 / n_control + 1.0 / n_treatment)).sqrt();
    let difference = treatment.rate() - control.rate();
    if standard_error.is_nan() || standard_error <= 0.0 {
        return ZTest {
            z: 0.0,
            p_value: 1.0,
        };
    }
    let z = difference / standard_error;
    ZTest {
        z,
        p_value: normal::two_sided_p(z).unwrap_or(1.0),
    }
}

/// The interval for the absolute difference treatment − control (Wald, with
/// the unpooled standard error: the interval estimates the difference, it does
/// not assume the rates are equal).
pub fn difference_interval(
    control: Counts,
    treatment: Counts,
    alpha: f64,
) -> Result<Interval, StatsError> {
    let z = critical_z(alpha)?;
    let variance = |c: Counts| c.rate() * (1.0 - c.rate()) / c.trials as f64;
    let standard_error = (variance(control) + variance(treatment)).sqrt();
    let difference = treatment.rate() - control.rate();
    Ok(Interval {
        low: difference - z * standard_error,
        high: difference + z * standard_error,
    })
}

/// The interval for the relative lift treatment / control − 1.
///
/// The delta method on the log of the rate ratio (Katz et al. 1978, the
/// "Katz log" interval): ln(r) ± z·√(1/x_t − 1/n_t + 1/x_c − 1/n_c). On the
/// log scale the ratio is close to normal, so the interval is asymmetric like
/// the ratio itself and never falls below −100%; the plain delta method on r
/// is symmetric and can. Fieller's interval needs no log but becomes
/// unbounded when the control rate is itself uncertain, which early tests are.
/// Needs at least one conversion in each arm.
pub fn relative_lift_interval(
    control: Counts,
    treatment: Counts,
    alpha: f64,
) -> Result<Interval, StatsError> {
    let z = critical_z(alpha)?;
    if control.successes == 0 || treatment.successes == 0 {
        return Err(StatsError::NoSuccesses);
    }
    let term = |c: Counts| 1.0 / c.successes as f64 - 1.0 / c.trials as f64;
    let standard_error = (term(control) + term(treatment)).sqrt();
    let log_ratio = (treatment.rate() / control.rate()).ln();
    Ok(Interval {
        low: (log_ratio - z * standard_error).exp() - 1.0,
        high: (log_ratio + z * standard_error).exp() - 1.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::stats::assert_close;

    fn counts(successes: u64, trials: u64) -> Counts {
        Counts::new(successes, trials).unwrap()
    }

    #[test]
    fn counts_are_validated() {
        assert_eq!(Counts::new(0, 0), Err(StatsError::NoTrials));
        assert_eq!(Counts::new(3, 2), Err(StatsError::MoreSuccessesThanTrials));
        assert_close(counts(1, 4).rate(), 0.25, 0.0);
    }

    #[test]
    fn wilson_matches_r_binom_confint() {
        // R binom::binom.confint(x, n, methods = "wilson"), as recorded in
        // statsmodels stats/tests/results/results_proportion.py.
        let interval = wilson_interval(counts(18, 20), 0.05).unwrap();
        assert_close(interval.low, 0.698_966_354_771_512_8, 1e-9);
        assert_close(interval.high, 0.972_133_518_786_232, 1e-9);
        let interval = wilson_interval(counts(4, 20), 0.05).unwrap();
        assert_close(interval.low, 0.080_657_662_579_798_1, 1e-9);
        assert_close(interval.high, 0.416_017_432_251_893_5, 1e-9);
    }

    #[test]
    fn wilson_stays_informative_at_zero_conversions() {
        // With no success the Wilson upper bound is z²/(n + z²) (closed form):
        // 3.841459/(10 + 3.841459) = 0.277532, where Wald gives [0, 0].
        let interval = wilson_interval(counts(0, 10), 0.05).unwrap();
        assert_close(interval.low, 0.0, 1e-15);
        let z2 = 1.959_963_984_540_054f64.powi(2);
        assert_close(interval.high, z2 / (10.0 + z2), 1e-12);
        assert!(wilson_interval(counts(10, 10), 0.05).unwrap().contains(1.0));
        assert_eq!(
            wilson_interval(counts(1, 10), 1.0),
            Err(StatsError::ProbabilityOutOfRange)
        );
        assert_eq!(
            wilson_interval(counts(1, 10), f64::NAN),
            Err(StatsError::ProbabilityOutOfRange)
        );
    }

    #[test]
    fn z_test_matches_statsmodels() {
        // statsmodels proportions_ztest([5, 12], [83, 99]) (GH 2969 test):
        // z = -1.4078304151258787, p = 0.15918129181156992 (first minus second).
        let test = two_proportion_z_test(counts(12, 99), counts(5, 83));
        assert_close(test.z, -1.407_830_415_125_878_7, 1e-12);
        assert_close(test.p_value, 0.159_181_291_811_569_92, 1e-12);
    }

    #[test]
    fn z_test_matches_r_prop_test_pairs() {
        // The pooled z-test equals R prop.test(..., correct = FALSE) on two
        // groups; pairwise p-values for 73/86, 90/93, 114/136, 75/82 from
        // statsmodels test_proportion.py (TestProportion.res_ppt_pvals_raw).
        let groups = [
            counts(73, 86),
            counts(90, 93),
            counts(114, 136),
            counts(75, 82),
        ];
        let expected = [
            ((0, 1), 0.005_338_248_865_031_31),
            ((0, 2), 0.832_757_484_975_356_6),
            ((0, 3), 0.188_057_372_672_251_6),
            ((1, 2), 0.002_026_764_254_350_234),
            ((1, 3), 0.130_948_751_633_431_8),
            ((2, 3), 0.107_611_873_063_173_1),
        ];
        for ((a, b), p) in expected {
            let test = two_proportion_z_test(groups[a], groups[b]);
            assert_close(test.p_value, p, 1e-12);
        }
    }

    #[test]
    fn z_test_without_any_spread_is_not_significant() {
        let none = two_proportion_z_test(counts(0, 50), counts(0, 80));
        assert_eq!(
            none,
            ZTest {
                z: 0.0,
                p_value: 1.0
            }
        );
        let all = two_proportion_z_test(counts(50, 50), counts(80, 80));
        assert_eq!(all.p_value, 1.0);
    }

    #[test]
    fn difference_interval_matches_fagerland() {
        // Fagerland, Lydersen & Laake (2015), "Recommended confidence intervals
        // for two independent binomial proportions", 7/34 vs 1/34: Wald
        // interval 0.029 to 0.32 (statsmodels test_confint_2indep asserts
        // [0.029, 0.324]). By hand: d = 0.176471, SE = 0.075155, ±0.147300.
        let interval = difference_interval(counts(1, 34), counts(7, 34), 0.05).unwrap();
        assert_close(interval.low, 0.029, 5e-4);
        assert_close(interval.high, 0.324, 5e-4);
    }

    #[test]
    fn relative_lift_interval_matches_katz_log() {
        // Same source and data: Katz log interval for the ratio 0.91 to 54,
        // i.e. a lift of −9% to +5,300%. By hand: ln 7 ± 1.96·√(1/7 − 1/34 +
        // 1/1 − 1/34) = 1.94591 ± 2.04066 → ratio 0.9096 to 53.86.
        let interval = relative_lift_interval(counts(1, 34), counts(7, 34), 0.05).unwrap();
        assert_close(interval.low + 1.0, 0.91, 0.005);
        assert_close((interval.high + 1.0) / 54.0, 1.0, 0.01);
        assert_close(interval.high + 1.0, 53.86, 0.01);
        assert_eq!(
            relative_lift_interval(counts(0, 34), counts(7, 34), 0.05),
            Err(StatsError::NoSuccesses)
        );
    }
}
