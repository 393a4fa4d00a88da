//! The chi-square distribution's upper tail and Pearson's goodness-of-fit
//! test, used for the sample-ratio-mismatch check of an A/B test.

use super::gamma::upper_regularized;
use super::StatsError;

/// P(X ≥ x) for X chi-square distributed with `degrees_of_freedom`:
/// Q(k/2, x/2). `None` for zero degrees of freedom or NaN; 1 for x ≤ 0.
pub fn survival(x: f64, degrees_of_freedom: u32) -> Option<f64> {
    if degrees_of_freedom == 0 || x.is_nan() {
        return None;
    }
    if x <= 0.0 {
        return Some(1.0);
    }
    upper_regularized(f64::from(degrees_of_freedom) / 2.0, x / 2.0)
}

/// The outcome of a goodness-of-fit test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoodnessOfFit {
    /// Pearson's Σ (observed − expected)² / expected.
    pub statistic: f64,
    pub degrees_of_freedom: u32,
    pub p_value: f64,
}

/// Pearson's chi-square test of `observed` counts against the planned
/// `shares` (any positive weights, e.g. 50/50 or 1:1:2; normalised here).
/// Errors when the lengths differ, there are fewer than two categories, a
/// share is not a positive finite number, or nothing was observed.
pub fn goodness_of_fit(observed: &[u64], shares: &[f64]) -> Result<GoodnessOfFit, StatsError> {
    if observed.len() != shares.len() || observed.len() < 2 {
        return Err(StatsError::SplitMismatch);
    }
    if shares
        .iter()
        .any(|share| !(share.is_finite() && *share > 0.0))
    {
        return Err(StatsError::SplitMismatch);
    }
    let total: f64 = observed.iter().map(|count| *count as f64).sum();
    if total <= 0.0 {
        return Err(StatsError::NoTrials);
    }
    let share_sum: f64 = shares.iter().sum();
    let statistic = observed
        .iter()
        .zip(shares)
        .map(|(count, share)| {
            let expected = total * share / share_sum;
            let gap = *count as f64 - expected;
            gap * gap / expected
        })
        .sum();
    let degrees_of_freedom =
        u32::try_from(observed.len() - 1).map_err(|_| StatsError::SplitMismatch)?;
    let p_value = survival(statistic, degrees_of_freedom).ok_or(StatsError::SplitMismatch)?;
    Ok(GoodnessOfFit {
        statistic,
        degrees_of_freedom,
        p_value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::stats::assert_close;

    #[test]
    fn survival_matches_table_critical_values() {
        // Critical values from the chi-square table (NIST/SEMATECH e-Handbook
        // 1.3.6.7.4): 1 df at 0.001 → 10.828, 2 df at 0.05 → 5.991,
        // 3 df at 0.05 → 7.815, 10 df at 0.05 → 18.307 (3 decimals, hence the
        // tolerances).
        assert_close(survival(10.828, 1).unwrap(), 0.001, 1e-6);
        assert_close(survival(5.991, 2).unwrap(), 0.05, 3e-5);
        assert_close(survival(7.815, 3).unwrap(), 0.05, 3e-5);
        assert_close(survival(18.307, 10).unwrap(), 0.05, 3e-5);
    }

    #[test]
    fn survival_matches_closed_forms_and_r() {
        // 1 df: χ² = z², so the tail at 1.959963984540054² is 0.05.
        assert_close(
            survival(1.959_963_984_540_054f64.powi(2), 1).unwrap(),
            0.05,
            1e-13,
        );
        // 2 df: the tail is e^(−x/2), so at x = −2 ln 0.05 it is 0.05.
        assert_close(survival(-2.0 * 0.05f64.ln(), 2).unwrap(), 0.05, 1e-14);
        // R `prop.test` on four samples (statsmodels test_proportion.py,
        // TestProportion): X-squared = 11.11938768628861, df = 3,
        // p-value = 0.011097511366581344.
        assert_close(
            survival(11.119_387_686_288_61, 3).unwrap(),
            0.011_097_511_366_581_344,
            1e-13,
        );
    }

    #[test]
    fn survival_edge_cases() {
        assert_eq!(survival(1.0, 0), None);
        assert_eq!(survival(f64::NAN, 1), None);
        assert_eq!(survival(0.0, 3), Some(1.0));
        assert_eq!(survival(-4.0, 3), Some(1.0));
        assert_eq!(survival(f64::INFINITY, 3), Some(0.0));
    }

    #[test]
    fn goodness_of_fit_of_mendels_peas() {
        // Mendel's dihybrid cross: 315, 108, 101, 32 against 9:3:3:1; the
        // textbook result is χ² = 0.470, df 3, p = 0.925. By hand: expected
        // 312.75, 104.25, 104.25, 34.75 → 0.01619 + 0.13489 + 0.10132 + 0.21763.
        let fit = goodness_of_fit(&[315, 108, 101, 32], &[9.0, 3.0, 3.0, 1.0]).unwrap();
        assert_close(fit.statistic, 0.470_024, 1e-6);
        assert_eq!(fit.degrees_of_freedom, 3);
        assert_close(fit.p_value, 0.9254, 1e-4);
    }

    #[test]
    fn goodness_of_fit_of_the_r_documentation_example() {
        // R ?chisq.test: x <- c(A = 20, B = 15, C = 25); chisq.test(x) gives
        // X-squared = 2.5, df = 2, p-value = 0.2865 (= e^−1.25).
        let fit = goodness_of_fit(&[20, 15, 25], &[1.0, 1.0, 1.0]).unwrap();
        assert_close(fit.statistic, 2.5, 1e-12);
        assert_eq!(fit.degrees_of_freedom, 2);
        assert_close(fit.p_value, (-1.25f64).exp(), 1e-14);
        assert_close(fit.p_value, 0.2865, 1e-4);
    }

    #[test]
    fn goodness_of_fit_rejects_bad_input() {
        assert_eq!(
            goodness_of_fit(&[1, 2], &[1.0]),
            Err(StatsError::SplitMismatch)
        );
        assert_eq!(
            goodness_of_fit(&[1], &[1.0]),
            Err(StatsError::SplitMismatch)
        );
        assert_eq!(goodness_of_fit(&[], &[]), Err(StatsError::SplitMismatch));
        assert_eq!(
            goodness_of_fit(&[1, 2], &[1.0, 0.0]),
            Err(StatsError::SplitMismatch)
        );
        assert_eq!(
            goodness_of_fit(&[1, 2], &[1.0, f64::NAN]),
            Err(StatsError::SplitMismatch)
        );
        assert_eq!(
            goodness_of_fit(&[0, 0], &[1.0, 1.0]),
            Err(StatsError::NoTrials)
        );
    }
}
