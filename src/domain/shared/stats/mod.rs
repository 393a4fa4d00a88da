//! Pure statistics for experiment read-outs: the normal and chi-square
//! distributions, intervals and tests for proportions, the Holm correction and
//! sample-size planning. Written by hand (each function is short) so the wasm
//! carries no statistics crate; every function returns `None` or a typed error
//! instead of panicking or producing NaN on bad input.

pub mod chi_square;
pub mod gamma;
pub mod holm;
pub mod normal;
pub mod power;
pub mod proportions;

/// Why a statistic could not be computed from its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    #[error("no trials: a rate needs at least one visitor")]
    NoTrials,
    #[error("more successes than trials")]
    MoreSuccessesThanTrials,
    #[error("a probability (α, power or rate) outside (0, 1)")]
    ProbabilityOutOfRange,
    #[error("an effect of zero, or one that moves the rate outside (0, 1)")]
    EffectOutOfRange,
    #[error("a ratio needs conversions in both groups")]
    NoSuccesses,
    #[error("observed counts and planned shares do not match")]
    SplitMismatch,
}

/// Checks that `p` lies strictly between 0 and 1 (NaN does not).
pub(crate) fn open_unit(p: f64) -> Result<f64, StatsError> {
    if p > 0.0 && p < 1.0 {
        Ok(p)
    } else {
        Err(StatsError::ProbabilityOutOfRange)
    }
}

#[cfg(test)]
pub(crate) fn assert_close(actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{actual} is not within {tolerance} of {expected}"
    );
}
