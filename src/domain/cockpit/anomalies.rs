//! Anomalous days: a KPI value outside the range of the days before.

use chrono::NaiveDate;

use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::totals::Totals;

/// Days of history each day is checked against for anomalies.
pub const ANOMALY_WINDOW: usize = 28;

/// Days whose `kpi` value lies outside the min..max of the preceding
/// [`ANOMALY_WINDOW`] days, as (day, value, window min, window max). A day
/// is only judged with a full window of days that have a value.
pub fn anomalies(daily: &[(NaiveDate, Totals)], kpi: Kpi) -> Vec<(NaiveDate, f64, f64, f64)> {
    let values: Vec<Option<f64>> = daily.iter().map(|(_, t)| kpi.value(t)).collect();
    let mut out = Vec::new();
    for (i, (date, _)) in daily.iter().enumerate().skip(ANOMALY_WINDOW) {
        let Some(v) = values.get(i).copied().flatten() else {
            continue;
        };
        let Some(window) = values.get(i - ANOMALY_WINDOW..i) else {
            continue;
        };
        let (mut lo, mut hi, mut n) = (f64::INFINITY, f64::NEG_INFINITY, 0usize);
        for x in window.iter().flatten() {
            lo = lo.min(*x);
            hi = hi.max(*x);
            n += 1;
        }
        if n == ANOMALY_WINDOW && (v < lo || v > hi) {
            out.push((*date, v, lo, hi));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::test_support::d;

    fn daily_of(values: &[u64]) -> Vec<(NaiveDate, Totals)> {
        d(2026, 9, 1)
            .iter_days()
            .zip(values)
            .map(|(day, v)| {
                (
                    day,
                    Totals {
                        visitors: *v,
                        ..Default::default()
                    },
                )
            })
            .collect()
    }

    #[test]
    fn anomalies_outside_trailing_range() {
        let mut values: Vec<u64> = (0..28).map(|i| 100 + (i % 7) * 10).collect(); // 100..160
        values.push(130); // inside
        values.push(99); // below the minimum
        values.push(161); // above the maximum
        values.push(160); // inside: the window now holds 99 and 161
        let daily = daily_of(&values);
        let a = anomalies(&daily, Kpi::Visitors);
        assert_eq!(
            a,
            vec![
                (d(2026, 9, 30), 99.0, 100.0, 160.0),
                (d(2026, 10, 1), 161.0, 99.0, 160.0)
            ]
        );
        // Not enough history: nothing judged.
        assert!(anomalies(&daily_of(&[1, 1000, 1]), Kpi::Visitors).is_empty());
        // Ratios: a day without sessions has no value, and a window with
        // such a gap judges nothing.
        let mut d2 = daily_of(&values);
        for (_, t) in d2.iter_mut() {
            t.sessions = 1000;
            t.bounces = t.visitors;
        }
        assert_eq!(anomalies(&d2, Kpi::BounceRate).len(), 2);
        d2[3].1.sessions = 0;
        assert!(anomalies(&d2, Kpi::BounceRate).is_empty());
    }
}
