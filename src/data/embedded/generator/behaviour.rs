//! Visit behaviour beyond the daily facts, as the cockpit's behaviour
//! section shows it: visits by hour and weekday, the most used pages, and
//! whether weekly cohorts of new visitors come back.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{Aggregates, S_HOURLY, S_PAGES, S_RETENTION};
use crate::data::embedded::rng::Rng;
use crate::domain::cockpit::dimensions::{Channel, District};
use crate::domain::cockpit::model::{HourlyVisits, MetricFact, RetentionCohort, TopPage};
use crate::domain::shared::dates::add_days;
use crate::domain::shared::ratio::ratio;

/// Relative visits by hour: breakfast, a lunch peak (11–13), a dinner peak
/// (17–20) and a late-evening bump for snacks (21–22).
const WEEKDAY_HOURS: [f64; 24] = [
    0.5, 0.3, 0.2, 0.15, 0.15, 0.4, 1.2, 2.8, 3.4, 2.6, 3.0, 6.8, 8.6, 5.2, 2.8, 2.6, 3.2, 6.0,
    8.0, 7.4, 5.0, 4.6, 4.0, 1.8,
];
/// Weekends start later and spread lunch into the afternoon.
const WEEKEND_HOURS: [f64; 24] = [
    0.8, 0.5, 0.3, 0.2, 0.15, 0.25, 0.6, 1.4, 2.6, 3.4, 4.4, 7.0, 8.4, 6.6, 4.2, 3.6, 4.0, 6.4,
    8.2, 7.8, 5.6, 5.0, 4.4, 2.4,
];

pub(super) fn gen_hourly(seed: u64, agg: &Aggregates) -> Vec<HourlyVisits> {
    let mut rng = Rng::derive(seed, S_HOURLY);
    let mut out = Vec::new();
    for (month, m) in &agg.monthly {
        for weekday in 1..=7u32 {
            let visits = m.by_weekday.get(&weekday).copied().unwrap_or(0) as f64;
            let profile = if weekday >= 6 {
                &WEEKEND_HOURS
            } else {
                &WEEKDAY_HOURS
            };
            let total: f64 = profile.iter().sum();
            for (hour, w) in (0u8..).zip(profile.iter()) {
                let expected = visits * ratio(*w, total).unwrap_or(0.0) * rng.jitter(0.05);
                out.push(HourlyVisits {
                    month: month.clone(),
                    weekday: weekday as u8,
                    hour,
                    visits: rng.round_stochastic(expected),
                });
            }
        }
    }
    out
}

/// (path, title, share of page views, seconds per view, exit rate, share of
/// the month's visitors who open it)
const PAGES: &[(&str, &str, f64, f64, f64, f64)] = &[
    ("pages/index/index", "首页", 0.24, 22.0, 0.30, 0.85),
    ("pages/menu/menu", "菜单", 0.18, 55.0, 0.16, 0.62),
    ("pages/goods/detail", "商品详情", 0.16, 38.0, 0.14, 0.45),
    ("pages/cart/cart", "购物车", 0.07, 28.0, 0.18, 0.2),
    ("pages/order/confirm", "确认订单", 0.04, 42.0, 0.22, 0.09),
    ("pages/order/result", "支付结果", 0.025, 12.0, 0.55, 0.07),
    ("pages/order/list", "我的订单", 0.04, 30.0, 0.3, 0.12),
    ("pages/order/detail", "订单详情", 0.035, 40.0, 0.45, 0.09),
    ("pages/coupon/center", "领券中心", 0.05, 34.0, 0.28, 0.2),
    ("pages/member/index", "会员中心", 0.035, 30.0, 0.3, 0.13),
    ("pages/member/points", "积分商城", 0.02, 45.0, 0.4, 0.05),
    ("pages/store/list", "门店列表", 0.04, 35.0, 0.2, 0.18),
    ("pages/store/detail", "门店详情", 0.025, 30.0, 0.25, 0.1),
    ("pages/activity/index", "活动专题", 0.03, 40.0, 0.35, 0.12),
    ("pages/search/index", "搜索", 0.025, 20.0, 0.15, 0.1),
    ("pages/mine/index", "我的", 0.02, 18.0, 0.3, 0.1),
];

pub(super) fn gen_pages(seed: u64, agg: &Aggregates) -> Vec<TopPage> {
    let mut rng = Rng::derive(seed, S_PAGES);
    let share_total: f64 = PAGES.iter().map(|p| p.2).sum();
    let mut out = Vec::new();
    for (month, m) in &agg.monthly {
        let monthly_uv = m.total.visitors as f64 * 0.4;
        for &(path, title, share, secs, exit, reach) in PAGES {
            let (j_views, j_reach, j_stay, j_exit) = (
                rng.jitter(0.05),
                rng.jitter(0.05),
                rng.jitter(0.06),
                rng.jitter(0.08),
            );
            let page_views = rng.round_stochastic(
                m.total.page_views as f64 * ratio(share, share_total).unwrap_or(0.0) * j_views,
            );
            let visitors = rng
                .round_stochastic(monthly_uv * reach * j_reach)
                .min(page_views);
            let stay = f64::from(page_views) * secs * j_stay;
            let exits = rng
                .round_stochastic(f64::from(page_views) * exit * j_exit)
                .min(page_views);
            out.push(TopPage {
                month: month.clone(),
                path: path.to_string(),
                title: title.to_string(),
                page_views,
                visitors,
                stay_seconds: stay.round() as u64,
                exits,
            });
        }
    }
    out
}

/// Weekly new-visitor cohorts per district and channel. Return rates depend
/// on the channel (offline QR users come back most, paid ads least) and a
/// cohort only reports day N once N days have passed since its last day.
pub(super) fn gen_retention(
    seed: u64,
    end: NaiveDate,
    facts: &[MetricFact],
) -> Vec<RetentionCohort> {
    let mut rng = Rng::derive(seed, S_RETENTION);
    let mut weeks: BTreeMap<(NaiveDate, District, Channel), u32> = BTreeMap::new();
    for f in facts {
        let monday = add_days(f.date, -i64::from(f.date.weekday().num_days_from_monday()));
        *weeks.entry((monday, f.district, f.channel)).or_default() += f.new_visitors;
    }
    weeks
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|((week, district, channel), n)| {
            let (d1, d7, d30) = match channel {
                Channel::OfflineQr => (0.34, 0.24, 0.16),
                Channel::Social => (0.30, 0.20, 0.12),
                Channel::Content => (0.26, 0.16, 0.09),
                Channel::Direct => (0.28, 0.18, 0.11),
                Channel::PaidAds => (0.18, 0.10, 0.05),
            };
            let last_day = add_days(week, 6);
            let known = |days: i64| add_days(last_day, days) <= end;
            let mut returned = |rate: f64, days: i64| {
                known(days).then(|| {
                    let expected = f64::from(n) * rate * rng.jitter(0.12);
                    rng.round_stochastic(expected).min(n)
                })
            };
            let returned_d1 = returned(d1, 1);
            let returned_d7 = returned(d7, 7);
            let returned_d30 = returned(d30, 30);
            RetentionCohort {
                week,
                district,
                channel,
                new_visitors: n,
                returned_d1,
                returned_d7,
                returned_d30,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::data;

    #[test]
    fn hours_and_pages_are_consistent() {
        let ds = data();
        for p in &ds.pages {
            assert!(
                p.visitors <= p.page_views && p.exits <= p.page_views,
                "{p:?}"
            );
        }
        assert_eq!(ds.pages.len(), 13 * PAGES.len());
        assert_eq!(ds.hourly.len(), 13 * 7 * 24);
        // Lunch beats mid-afternoon, dinner beats early morning.
        let hour_total = |h: u8| -> u64 {
            ds.hourly
                .iter()
                .filter(|x| x.hour == h)
                .map(|x| u64::from(x.visits))
                .sum()
        };
        assert!(hour_total(12) > 2 * hour_total(15));
        assert!(hour_total(18) > 4 * hour_total(4));
        assert!(hour_total(21) > hour_total(15));
    }
}
