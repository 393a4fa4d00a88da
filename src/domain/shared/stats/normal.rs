//! The standard normal distribution: CDF Φ and its inverse Φ⁻¹.
//!
//! Φ comes from the incomplete gamma function (Φ(−x) = Q(½, x²/2) / 2), which
//! keeps far tails accurate, instead of 1 − erf(x) that cancels to zero.
//! Φ⁻¹ is Acklam's rational approximation (relative error 1.15e−9), refined by
//! one Halley step against Φ to full double precision.

use super::gamma::upper_regularized;

/// Φ(x), the probability that a standard normal variable is at most `x`.
/// `None` for NaN.
pub fn cdf(x: f64) -> Option<f64> {
    if x.is_nan() {
        return None;
    }
    let half_tail = 0.5 * upper_regularized(0.5, 0.5 * x * x)?;
    Some(if x < 0.0 { half_tail } else { 1.0 - half_tail })
}

/// The two-sided tail probability P(|Z| ≥ |z|).
pub fn two_sided_p(z: f64) -> Option<f64> {
    if z.is_nan() {
        return None;
    }
    upper_regularized(0.5, 0.5 * z * z)
}

// Acklam's coefficients (central region a/b, tails c/d).
const A: [f64; 6] = [
    -3.969_683_028_665_376e1,
    2.209_460_984_245_205e2,
    -2.759_285_104_469_687e2,
    1.383_577_518_672_69e2,
    -3.066_479_806_614_716e1,
    2.506_628_277_459_239,
];
const B: [f64; 5] = [
    -5.447_609_879_822_406e1,
    1.615_858_368_580_409e2,
    -1.556_989_798_598_866e2,
    6.680_131_188_771_972e1,
    -1.328_068_155_288_572e1,
];
const C: [f64; 6] = [
    -7.784_894_002_430_293e-3,
    -3.223_964_580_411_365e-1,
    -2.400_758_277_161_838,
    -2.549_732_539_343_734,
    4.374_664_141_464_968,
    2.938_163_982_698_783,
];
const D: [f64; 4] = [
    7.784_695_709_041_462e-3,
    3.224_671_290_700_398e-1,
    2.445_134_137_142_996,
    3.754_408_661_907_416,
];
/// Below this probability (and above its complement) the tail formula applies.
const P_LOW: f64 = 0.024_25;

/// Evaluates a polynomial with coefficients from the highest power down.
fn horner(coefficients: &[f64], x: f64) -> f64 {
    coefficients.iter().fold(0.0, |sum, c| sum * x + c)
}

/// Φ⁻¹(p), the z with Φ(z) = p, for 0 < p < 1; `None` outside (and for NaN).
pub fn quantile(p: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0) {
        return None;
    }
    let tail = |q: f64| horner(&C, q) / (horner(&D, q) * q + 1.0);
    let first = if p < P_LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - P_LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        horner(&A, r) * q / (horner(&B, r) * r + 1.0)
    };
    // One Halley step: e is the error in probability, u the step in z.
    let error = cdf(first)? - p;
    let u = error * (2.0 * std::f64::consts::PI).sqrt() * (0.5 * first * first).exp();
    let refined = first - u / (1.0 + 0.5 * first * u);
    Some(if refined.is_finite() { refined } else { first })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::stats::assert_close;

    // Reference values: R 4.x `pnorm` / `qnorm` (printed with 16 digits), the
    // same as the tables of Abramowitz & Stegun 26.2 to the digits they give.

    #[test]
    fn cdf_matches_published_values() {
        assert_close(cdf(1.96).unwrap(), 0.975_002_104_851_779_5, 1e-13);
        assert_close(cdf(0.0).unwrap(), 0.5, 1e-15);
        assert_close(cdf(-1.0).unwrap(), 0.158_655_253_931_457_07, 1e-13);
        assert_close(cdf(1.0).unwrap(), 0.841_344_746_068_542_9, 1e-13);
        assert_close(cdf(-3.0).unwrap(), 0.001_349_898_031_630_095, 1e-15);
        // Far tails keep their relative accuracy (no 1 − erf cancellation):
        // pnorm(-5) = 2.866515718791939e-07, pnorm(-10) = 7.619853024160527e-24.
        assert_close(cdf(-5.0).unwrap() / 2.866_515_718_791_939e-7, 1.0, 1e-9);
        assert_close(cdf(-10.0).unwrap() / 7.619_853_024_160_527e-24, 1.0, 1e-9);
        assert_eq!(cdf(f64::NAN), None);
        assert_eq!(cdf(f64::INFINITY), Some(1.0));
        assert_eq!(cdf(f64::NEG_INFINITY), Some(0.0));
    }

    #[test]
    fn two_sided_p_of_the_usual_critical_values() {
        // 1.959963984540054 is qnorm(0.975): two-sided p = 0.05 exactly.
        assert_close(two_sided_p(1.959_963_984_540_054).unwrap(), 0.05, 1e-13);
        assert_close(two_sided_p(-2.575_829_303_548_901).unwrap(), 0.01, 1e-13);
        assert_eq!(two_sided_p(f64::NAN), None);
    }

    #[test]
    fn quantile_matches_published_values() {
        assert_close(quantile(0.975).unwrap(), 1.959_963_984_540_054, 1e-12);
        assert_close(quantile(0.025).unwrap(), -1.959_963_984_540_054, 1e-12);
        assert_close(quantile(0.8).unwrap(), 0.841_621_233_572_914_3, 1e-12);
        assert_close(quantile(0.5).unwrap(), 0.0, 1e-15);
        assert_close(quantile(0.999).unwrap(), 3.090_232_306_167_813, 1e-11);
        assert_close(quantile(0.995).unwrap(), 2.575_829_303_548_901, 1e-11);
        // qnorm(1e-10) = -6.361340902404056 (tail branch of the approximation).
        assert_close(quantile(1e-10).unwrap(), -6.361_340_902_404_056, 1e-9);
    }

    #[test]
    fn quantile_is_none_outside_the_open_unit_interval() {
        for p in [0.0, 1.0, -0.1, 1.5, f64::NAN, f64::INFINITY] {
            assert_eq!(quantile(p), None, "p = {p}");
        }
        // Extreme but valid probabilities still give a finite z.
        assert!(quantile(1e-300).unwrap().is_finite());
        assert!(quantile(1.0 - 1e-16).unwrap().is_finite());
    }
}
