//! The Holm–Bonferroni step-down correction for several comparisons against
//! one control: it keeps the family-wise error rate at α like Bonferroni but
//! rejects more, and needs no assumption about how the tests correlate.

/// Holm-adjusted p-values, in the order given: the i-th smallest p is
/// multiplied by (m − i + 1), made monotone, and capped at 1. Compare each
/// with α directly. A NaN p-value counts as 1 (it can never reject).
pub fn adjusted(p_values: &[f64]) -> Vec<f64> {
    let count = p_values.len();
    let clean: Vec<f64> = p_values
        .iter()
        .map(|p| if p.is_nan() { 1.0 } else { p.clamp(0.0, 1.0) })
        .collect();
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|a, b| {
        let pa = clean.get(*a).copied().unwrap_or(1.0);
        let pb = clean.get(*b).copied().unwrap_or(1.0);
        pa.total_cmp(&pb)
    });
    let mut result = vec![1.0; count];
    let mut running_max: f64 = 0.0;
    for (rank, index) in order.iter().enumerate() {
        let p = clean.get(*index).copied().unwrap_or(1.0);
        let scaled = (p * (count - rank) as f64).min(1.0);
        running_max = running_max.max(scaled);
        if let Some(slot) = result.get_mut(*index) {
            *slot = running_max;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::stats::assert_close;

    fn assert_all_close(actual: &[f64], expected: &[f64]) {
        assert_eq!(actual.len(), expected.len());
        for (a, e) in actual.iter().zip(expected) {
            assert_close(*a, *e, 1e-12);
        }
    }

    #[test]
    fn three_p_values_by_hand() {
        // Holm (1979), worked by hand: sorted 0.01, 0.03, 0.04 are multiplied
        // by 3, 2, 1 → 0.03, 0.06, 0.04, made monotone → 0.03, 0.06, 0.06.
        // At α = 0.05 only the first hypothesis is rejected (Bonferroni's
        // 0.05/3 would reject it too; 0.03 and 0.04 are not below 0.05/2).
        let adjusted = adjusted(&[0.01, 0.04, 0.03]);
        assert_all_close(&adjusted, &[0.03, 0.06, 0.06]);
        let rejected: Vec<bool> = adjusted.iter().map(|p| *p < 0.05).collect();
        assert_eq!(rejected, [true, false, false]);
    }

    #[test]
    fn matches_r_p_adjust_holm() {
        // statsmodels test_proportion.py, TestProportion: the six pairwise
        // prop.test p-values and their R p.adjust(method = "holm").
        let raw = [
            0.005_338_248_865_031_31,
            0.832_757_484_975_356_6,
            0.188_057_372_672_251_6,
            0.002_026_764_254_350_234,
            0.130_948_751_633_431_8,
            0.107_611_873_063_173_1,
        ];
        let holm = [
            0.026_691_244_325_156_54,
            0.832_757_484_975_356_6,
            0.430_447_492_252_692_6,
            0.012_160_585_526_101_4,
            0.430_447_492_252_692_6,
            0.430_447_492_252_692_6,
        ];
        assert_all_close(&adjusted(&raw), &holm);
    }

    #[test]
    fn edge_cases() {
        assert!(adjusted(&[]).is_empty());
        assert_all_close(&adjusted(&[0.2]), &[0.2]);
        // NaN can never reject; out-of-range values are clamped.
        assert_all_close(&adjusted(&[f64::NAN, 0.01]), &[1.0, 0.02]);
        assert_all_close(&adjusted(&[1.5, -0.1]), &[1.0, 0.0]);
    }
}
