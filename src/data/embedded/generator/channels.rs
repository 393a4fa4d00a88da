//! Channel spend: each placement's monthly cost, reach and clicks, with
//! its share of the channel's visits, orders and revenue.

use super::common::{money, to_u32};
use super::{Aggregates, S_CHANNELS};
use crate::data::embedded::rng::Rng;
use crate::domain::channels::model::ChannelSpend;
use crate::domain::cockpit::dimensions::Channel;

/// How a placement is paid for.
#[derive(Clone, Copy)]
enum Cost {
    Free,
    /// A monthly fee range (creators, boosting, printing), prorated.
    Monthly(f64, f64),
    /// Cost per click range: follows the ad flights.
    PerClick(f64, f64),
}

/// (channel, placement, share of the channel's traffic, cost, click-through
/// of reach)
const PLACEMENTS: &[(Channel, &str, f64, Cost, f64)] = &[
    (
        Channel::PaidAds,
        "朋友圈广告",
        0.65,
        Cost::PerClick(0.5, 0.7),
        0.018,
    ),
    (
        Channel::PaidAds,
        "搜索广告",
        0.35,
        Cost::PerClick(0.4, 0.6),
        0.045,
    ),
    (Channel::Content, "公众号推文", 0.3, Cost::Free, 0.06),
    (
        Channel::Content,
        "视频号",
        0.2,
        Cost::Monthly(1_500.0, 3_000.0),
        0.03,
    ),
    (
        Channel::Content,
        "小红书笔记",
        0.3,
        Cost::Monthly(6_000.0, 10_000.0),
        0.04,
    ),
    (
        Channel::Content,
        "抖音短视频",
        0.2,
        Cost::Monthly(4_000.0, 8_000.0),
        0.02,
    ),
    (Channel::Social, "微信群", 0.55, Cost::Free, 0.15),
    (Channel::Social, "朋友圈转发", 0.45, Cost::Free, 0.1),
    (
        Channel::OfflineQr,
        "门店桌贴二维码",
        0.7,
        Cost::Monthly(600.0, 1_000.0),
        0.25,
    ),
    (Channel::OfflineQr, "支付后引流", 0.3, Cost::Free, 0.12),
];

pub(super) fn gen_channels(seed: u64, agg: &Aggregates) -> Vec<ChannelSpend> {
    let mut rng = Rng::derive(seed, S_CHANNELS);
    let mut out = Vec::new();
    for (month, m) in &agg.monthly {
        // A partial month spends a partial budget.
        let month_fraction = (f64::from(m.days) / 30.0).min(1.0);
        for &(channel, placement, share, pricing, ctr) in PLACEMENTS {
            let t = m.by_channel.get(&channel).copied().unwrap_or_default();
            let s = share * rng.jitter(0.06);
            let visits = to_u32(t.visits as f64 * s);
            // Some clicks never finish loading the mini-program.
            let clicks = to_u32(f64::from(visits) * rng.range(1.08, 1.35));
            let reach = to_u32(f64::from(clicks) / (ctr * rng.jitter(0.1)).max(0.005));
            let cost = match pricing {
                Cost::Free => 0.0,
                Cost::Monthly(lo, hi) => money(rng.range(lo, hi) * month_fraction),
                Cost::PerClick(lo, hi) => money(f64::from(clicks) * rng.range(lo, hi)),
            };
            out.push(ChannelSpend {
                month: month.clone(),
                channel,
                placement: placement.to_string(),
                cost,
                reach: reach.max(clicks),
                clicks,
                visits,
                new_users: to_u32(t.new_visitors as f64 * s).min(visits),
                orders: to_u32(t.orders as f64 * s),
                revenue: money(t.revenue * s),
            });
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::data;

    #[test]
    fn spend_funnel_is_consistent() {
        let ds = data();
        for c in &ds.channels {
            assert!(c.reach >= c.clicks && c.clicks >= c.visits, "{c:?}");
            assert!(c.visits >= c.new_users, "{c:?}");
            assert!(c.cost >= 0.0 && c.revenue >= 0.0);
        }
        assert!(ds.channels.iter().any(|c| c.cost == 0.0));
        assert_eq!(ds.channels.len(), 13 * PLACEMENTS.len());
    }
}
