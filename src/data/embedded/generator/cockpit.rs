//! The daily metric facts behind the cockpit: one row per day, district,
//! channel and platform, from the day's expected traffic (seasonality,
//! events, campaigns) and each channel's behaviour.

use chrono::{Datelike, NaiveDate};

use super::campaigns::{Effect, Spec};
use super::common::money;
use super::districts::{
    channel_share, district_aov, district_shares, has_store, paid_targeted, platform_share,
    platform_tweak, profile,
};
use super::events::EventSpec;
use super::seasonality::{day_factor, Calendar};
use super::S_METRICS;
use crate::data::embedded::rng::Rng;
use crate::domain::cockpit::dimensions::{Channel, District, Platform};
use crate::domain::cockpit::model::MetricFact;

/// Visits on an ordinary day at the start of the window, before the weekly,
/// seasonal, holiday and campaign factors.
const BASE_VISITS: f64 = 6_800.0;

pub(super) fn gen_metrics(
    seed: u64,
    start: NaiveDate,
    days: &[NaiveDate],
    cal: &Calendar,
    specs: &[Spec],
    events: &[EventSpec],
) -> Vec<MetricFact> {
    let mut rng = Rng::derive(seed, S_METRICS);
    let districts = district_shares();
    let mut out = Vec::with_capacity(days.len() * 200);

    for &date in days {
        let t = (date - start).num_days() as f64 / 365.0;
        let total = BASE_VISITS * day_factor(date, start, cal) * rng.jitter(0.035);
        let active: Vec<(&Spec, Effect)> = specs
            .iter()
            .filter(|s| s.active(date))
            .map(|s| (s, s.effect()))
            .collect();
        let paid_on = paid_flight(date, &active);

        for &(district, d_share) in &districts {
            let event_boost: f64 = events
                .iter()
                .filter(|e| e.district == Some(district) && e.start <= date && date <= e.end)
                .map(|e| e.boost)
                .product();
            for &channel in Channel::ALL {
                let available = match channel {
                    Channel::OfflineQr => has_store(district),
                    Channel::PaidAds => paid_on && paid_targeted(district),
                    _ => true,
                };
                if !available {
                    continue;
                }
                for &platform in Platform::ALL {
                    let effect = active
                        .iter()
                        .filter(|(s, _)| s.covers(district, channel))
                        .fold(Effect::NONE, |acc, (_, e)| acc.combine(*e));
                    let expected = total
                        * d_share
                        * channel_share(channel, t)
                        * platform_share(platform, t)
                        * event_boost
                        * effect.visits
                        * rng.jitter(0.15);
                    let visits = rng.round_stochastic(expected);
                    if visits == 0 {
                        continue;
                    }
                    out.push(build_fact(
                        &mut rng, date, district, channel, platform, visits, effect,
                    ));
                }
            }
        }
    }
    out
}

/// Paid ads run in flights, not every day: the first ten days of each month
/// (the monthly brand push) and during campaigns that use them. Off-flight
/// days have no paid traffic at all.
fn paid_flight(date: NaiveDate, active: &[(&Spec, Effect)]) -> bool {
    date.day() <= 10
        || active
            .iter()
            .any(|(s, _)| s.channels.is_empty() || s.channels.contains(&Channel::PaidAds))
}

fn build_fact(
    rng: &mut Rng,
    date: NaiveDate,
    district: District,
    channel: Channel,
    platform: Platform,
    visits: u32,
    effect: Effect,
) -> MetricFact {
    let prof = profile(channel);
    let (conv_tweak, aov_tweak) = platform_tweak(platform);

    let visits_per_visitor = rng.range(1.1, 1.32);
    let visitors = rng
        .round_stochastic(f64::from(visits) / visits_per_visitor)
        .clamp(1, visits);
    let new_share = (prof.new_share * effect.new_share * rng.jitter(0.15)).clamp(0.0, 0.95);
    let new_visitors = rng
        .round_stochastic(f64::from(visitors) * new_share)
        .min(visitors);

    // One session per mini-program open.
    let sessions = visits;
    let bounce_rate = (prof.bounce * rng.jitter(0.1)).clamp(0.05, 0.85);
    let bounces = rng
        .round_stochastic(f64::from(sessions) * bounce_rate)
        .min(sessions);
    let engaged = sessions - bounces;
    let depth = rng.range(3.4, 5.6);
    let engaged_views = rng
        .round_stochastic(f64::from(engaged) * depth)
        .max(engaged);

    let conversion = prof.conversion * conv_tweak * effect.conversion * rng.jitter(0.12);
    let paying_users = rng
        .round_stochastic(f64::from(visitors) * conversion)
        .min(visitors)
        .min(engaged);
    // A few payers place a second order the same day.
    let second_orders = rng.range(0.03, 0.12);
    let orders = paying_users + rng.round_stochastic(f64::from(paying_users) * second_orders);
    // Abandoned carts on top of the ones that became orders.
    let abandoned = rng.range(0.06, 0.14);
    let carts = orders + rng.round_stochastic(f64::from(engaged) * abandoned);
    // Sessions that opened at least one product: a funnel step, so it never
    // exceeds the engaged sessions (and so the visits).
    let product_share = rng.range(0.55, 0.8);
    let product_views = rng
        .round_stochastic(f64::from(engaged) * product_share)
        .max(carts);
    let page_views = (bounces + engaged_views).max(bounces + product_views);

    let stay_seconds = f64::from(bounces) * rng.range(6.0, 22.0)
        + f64::from(page_views - bounces) * rng.range(26.0, 40.0);

    let repurchase = prof.repurchase * rng.jitter(0.12);
    let repeat_buyers = rng
        .round_stochastic(f64::from(paying_users) * repurchase)
        .min(paying_users);

    let aov =
        (62.0 * prof.aov * aov_tweak * district_aov(district) * effect.aov * rng.jitter(0.08))
            .clamp(45.0, 85.0);

    MetricFact {
        date,
        district,
        channel,
        platform,
        visits,
        visitors,
        new_visitors,
        sessions,
        stay_seconds: stay_seconds.round() as u64,
        page_views,
        bounces,
        product_views,
        carts,
        orders,
        paying_users,
        repeat_buyers,
        revenue: money(f64::from(orders) * aov),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::data::embedded::generator::fixture::{daily_visits, data};
    use crate::domain::cockpit::totals::Totals;

    #[test]
    fn every_metric_row_is_internally_consistent() {
        for f in &data().metrics {
            let ctx = || format!("{f:?}");
            assert!(f.visits > 0, "{}", ctx());
            assert!(f.visitors >= 1 && f.visitors <= f.visits, "{}", ctx());
            assert!(f.new_visitors <= f.visitors, "{}", ctx());
            assert!(f.sessions <= f.visits && f.sessions > 0, "{}", ctx());
            assert!(f.bounces <= f.sessions, "{}", ctx());
            assert!(f.page_views >= f.sessions, "{}", ctx());
            let per_session = f.stay_seconds as f64 / f64::from(f.sessions);
            assert!((1.0..=600.0).contains(&per_session), "{}", ctx());
            assert!(f.product_views <= f.page_views, "{}", ctx());
            assert!(f.carts <= f.product_views, "{}", ctx());
            assert!(f.orders <= f.carts, "{}", ctx());
            assert!(f.paying_users <= f.orders, "{}", ctx());
            assert!(f.paying_users <= f.visitors, "{}", ctx());
            assert!(f.repeat_buyers <= f.paying_users, "{}", ctx());
            if f.orders == 0 {
                assert_eq!(f.revenue, 0.0, "{}", ctx());
            } else {
                let aov = f.revenue / f64::from(f.orders);
                assert!((44.99..=85.01).contains(&aov), "{}", ctx());
            }
            assert_eq!(f.revenue, (f.revenue * 100.0).round() / 100.0, "{}", ctx());
        }
    }

    #[test]
    fn totals_and_rates_are_plausible() {
        let ds = data();
        for (date, v) in daily_visits(ds) {
            assert!((4_000..=20_000).contains(&v), "{date}: {v} visits");
        }
        let mut t = Totals::default();
        for f in &ds.metrics {
            t.add(f);
        }
        let conversion = t.paying_users as f64 / t.visitors as f64;
        let bounce = t.bounces as f64 / t.sessions as f64;
        let repurchase = t.repeat_buyers as f64 / t.paying_users as f64;
        let stay = t.stay_seconds as f64 / t.sessions as f64;
        let aov = t.revenue / t.orders as f64;
        let new_share = t.new_visitors as f64 / t.visitors as f64;
        eprintln!(
            "conversion {conversion:.4}, bounce {bounce:.3}, repurchase {repurchase:.3}, \
             stay {stay:.0}s, AOV {aov:.2}, new {new_share:.3}, revenue {:.0}",
            t.revenue
        );
        assert!(
            (0.03..=0.08).contains(&conversion),
            "conversion {conversion}"
        );
        assert!((0.25..=0.45).contains(&bounce), "bounce {bounce}");
        assert!(
            (0.25..=0.45).contains(&repurchase),
            "repurchase {repurchase}"
        );
        assert!((60.0..=240.0).contains(&stay), "stay {stay}");
        assert!((45.0..=85.0).contains(&aov), "aov {aov}");
        assert!(
            (0.08..=0.4).contains(&new_share),
            "new visitors {new_share}"
        );
    }
}
