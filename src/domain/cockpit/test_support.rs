//! Facts, targets and queries the cockpit's tests build on.

use chrono::NaiveDate;

use crate::domain::cockpit::dimensions::{Channel, District, Platform};
use crate::domain::cockpit::model::{MetricFact, Target};
use crate::domain::cockpit::query::CockpitQuery;
use crate::domain::shared::period::{Comparison, Period, Preset};

pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A fact with every measure derived from `n` so sums are easy to check.
pub(crate) fn fact(
    date: NaiveDate,
    district: District,
    channel: Channel,
    platform: Platform,
    n: u32,
) -> MetricFact {
    MetricFact {
        date,
        district,
        channel,
        platform,
        visits: n * 2,
        visitors: n,
        new_visitors: n / 4,
        sessions: n * 2,
        stay_seconds: u64::from(n) * 200,
        page_views: n * 6,
        bounces: n / 2,
        product_views: n,
        carts: n / 5,
        orders: n / 10,
        paying_users: n / 20,
        repeat_buyers: n / 40,
        revenue: f64::from(n / 10) * 50.0,
    }
}

pub(crate) fn target(id: &str, t: f64, w: f64) -> Target {
    Target {
        id: id.into(),
        target: t,
        warning: w,
    }
}

pub(crate) fn query(preset: Preset, compare: Comparison) -> CockpitQuery {
    CockpitQuery {
        preset,
        compare,
        ..Default::default()
    }
}

/// Every day from `from` to `to`, every district × channel × platform.
pub(crate) fn cube(from: NaiveDate, to: NaiveDate, n: u32) -> Vec<MetricFact> {
    let mut out = Vec::new();
    for day in Period::new(from, to).iter_days() {
        for dist in District::ALL {
            for c in Channel::ALL {
                for p in Platform::ALL {
                    out.push(fact(day, *dist, *c, *p, n));
                }
            }
        }
    }
    out
}
