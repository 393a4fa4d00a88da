//! Service health of the last 90 days per endpoint (API paths, page loading
//! and the four launch kinds WeChat sets targets for), and the bad days that
//! health, the user experience samples and the incidents log all show: a
//! payment-callback outage (on a public holiday when one falls in its
//! window), a slow image CDN day, and a coupon service that has been slow
//! for the last few days (still open, so an alert rule fires on the demo).

use chrono::{Datelike, NaiveDate};

use super::common::to_u32;
use super::{Aggregates, RECENT_DAYS, S_HEALTH, S_INCIDENTS};
use crate::data::embedded::rng::Rng;
use crate::domain::chinese_calendar::holidays::holidays;
use crate::domain::cockpit::totals::Totals;
use crate::domain::health::endpoints::{
    LAUNCH_ANDROID_DOWNLOAD, LAUNCH_ANDROID_LOCAL, LAUNCH_IOS_DOWNLOAD, LAUNCH_IOS_LOCAL,
};
use crate::domain::health::model::HealthSample;
use crate::domain::shared::dates::add_days;

/// Bad days in the recent window: (payment outage day, slow page-load day).
pub(super) fn incident_days(seed: u64, end: NaiveDate) -> (NaiveDate, NaiveDate) {
    let mut rng = Rng::derive(seed, S_INCIDENTS);
    let drawn = add_days(end, -i64::from(rng.range_u32(55, 75)));
    let slow = add_days(end, -i64::from(rng.range_u32(12, 25)));
    // The outage story is a holiday one: the public-holiday day nearest the
    // drawn day within the window, when there is one.
    let (from, to) = (add_days(end, -75), add_days(end, -55));
    let outage = (from.year()..=to.year())
        .flat_map(holidays)
        .flat_map(|h| h.days())
        .filter(|d| from <= *d && *d <= to)
        .min_by_key(|d| (*d - drawn).num_days().abs())
        .unwrap_or(drawn);
    (outage, slow)
}

/// Days before the last day that the coupon service has been slow (open
/// incident, firing rule).
pub(super) const COUPON_SLOW_DAYS: i64 = 3;
/// Days the Android first launch has been slow since the last release.
const ANDROID_SLOW_DAYS: i64 = 5;

pub(super) fn recent_days(end: NaiveDate, agg: &Aggregates) -> Vec<(NaiveDate, Totals)> {
    agg.daily
        .range(add_days(end, 1 - RECENT_DAYS)..=end)
        .map(|(d, t)| (*d, *t))
        .collect()
}

pub(super) fn gen_health(
    seed: u64,
    end: NaiveDate,
    agg: &Aggregates,
    incidents: &(NaiveDate, NaiveDate),
) -> Vec<HealthSample> {
    let mut rng = Rng::derive(seed, S_HEALTH);
    let (outage, slow) = *incidents;
    let mut out = Vec::new();
    for (date, t) in recent_days(end, agg) {
        // (endpoint, requests, base error rate, p50 range, p95 range)
        let endpoints = [
            (
                "/api/menu",
                t.page_views as f64 * 0.35,
                0.0015,
                (60.0, 90.0),
                (200.0, 350.0),
            ),
            (
                "/api/order",
                (t.carts + 2 * t.orders) as f64,
                0.003,
                (120.0, 180.0),
                (400.0, 700.0),
            ),
            (
                "/api/pay",
                t.orders as f64 * 1.3,
                0.004,
                (250.0, 350.0),
                (800.0, 1_400.0),
            ),
            (
                "/api/coupon",
                t.visits as f64 * 0.4,
                0.002,
                (70.0, 110.0),
                (250.0, 400.0),
            ),
            (
                "page_load",
                t.page_views as f64,
                0.006,
                (900.0, 1_300.0),
                (1_700.0, 2_400.0),
            ),
            // Launches: about one a visit, most from a local package.
            (
                LAUNCH_ANDROID_DOWNLOAD,
                t.visits as f64 * 0.06,
                0.004,
                (1_900.0, 2_300.0),
                (3_000.0, 3_500.0),
            ),
            (
                LAUNCH_IOS_DOWNLOAD,
                t.visits as f64 * 0.03,
                0.003,
                (1_000.0, 1_200.0),
                (1_450.0, 1_750.0),
            ),
            (
                LAUNCH_ANDROID_LOCAL,
                t.visits as f64 * 0.55,
                0.002,
                (1_200.0, 1_500.0),
                (2_100.0, 2_500.0),
            ),
            (
                LAUNCH_IOS_LOCAL,
                t.visits as f64 * 0.36,
                0.001,
                (450.0, 550.0),
                (700.0, 860.0),
            ),
        ];
        for (endpoint, requests, err, p50, p95) in endpoints {
            let requests = to_u32(requests * rng.jitter(0.03)).max(1);
            let mut error_rate = err * rng.jitter(0.3).max(0.4);
            let mut p50 = rng.range(p50.0, p50.1);
            let mut p95 = rng.range(p95.0, p95.1);
            // The payment gateway outage also slows ordering; the slow day is
            // a CDN problem that only hurts page loads.
            if date == outage && (endpoint == "/api/pay" || endpoint == "/api/order") {
                error_rate = rng.range(0.03, 0.06);
                p50 *= 1.8;
                p95 *= 3.0;
            } else if date == slow && endpoint == "page_load" {
                error_rate = rng.range(0.015, 0.025);
                p50 *= 1.7;
                p95 *= 1.9;
            } else if date > add_days(end, -COUPON_SLOW_DAYS) && endpoint == "/api/coupon" {
                // A slow query after the coupon table grew: p95 past 1 s.
                p50 *= 2.5;
                p95 *= 4.5;
            } else if date > add_days(end, -ANDROID_SLOW_DAYS)
                && endpoint == LAUNCH_ANDROID_DOWNLOAD
            {
                // The last release's code package grew: first launches on
                // Android now miss WeChat's 3.7 s target.
                p50 *= 1.2;
                p95 *= 1.25;
            }
            out.push(HealthSample {
                date,
                endpoint: endpoint.to_string(),
                requests,
                errors: to_u32(f64::from(requests) * error_rate).min(requests),
                p50_ms: to_u32(p50),
                p95_ms: to_u32(p95),
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
    fn samples_are_consistent_with_a_few_error_spikes() {
        let ds = data();
        for h in &ds.health {
            assert!(h.errors <= h.requests && h.p50_ms < h.p95_ms, "{h:?}");
        }
        assert_eq!(ds.health.len(), 90 * 9);
        let spikes = ds
            .health
            .iter()
            .filter(|h| h.errors as f64 > h.requests as f64 * 0.015)
            .count();
        assert!((1..=6).contains(&spikes), "spikes {spikes}");
    }
}
