//! Channel spend: each placement's monthly cost, reach and clicks, with
//! its share of the channel's visits, orders and revenue.

use super::common::{money, to_u32};
use super::{Aggregates, S_CHANNELS};
use crate::data::embedded::rng::Rng;
use crate::domain::channels::model::{ChannelSpend, StaffTime};
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
/// of reach); the shares of one channel add up to 1.
const PLACEMENTS: &[(Channel, &str, f64, Cost, f64)] = &[
    (
        Channel::PaidAds,
        "朋友圈广告",
        0.55,
        Cost::PerClick(0.5, 0.7),
        0.018,
    ),
    (
        Channel::PaidAds,
        "搜索广告",
        0.3,
        Cost::PerClick(0.4, 0.6),
        0.045,
    ),
    (
        Channel::PaidAds,
        "抖音信息流广告",
        0.15,
        Cost::PerClick(0.8, 1.2),
        0.012,
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
    (Channel::Social, "微信群", 0.45, Cost::Free, 0.15),
    (Channel::Social, "朋友圈转发", 0.35, Cost::Free, 0.1),
    (
        Channel::Social,
        "老带新",
        0.2,
        Cost::Monthly(800.0, 1_500.0),
        0.2,
    ),
    (
        Channel::OfflineQr,
        "门店桌贴二维码",
        0.55,
        Cost::Monthly(600.0, 1_000.0),
        0.25,
    ),
    (
        Channel::OfflineQr,
        "门店海报",
        0.15,
        Cost::Monthly(300.0, 500.0),
        0.05,
    ),
    (Channel::OfflineQr, "支付后引流", 0.3, Cost::Free, 0.12),
];

/// Of a channel's new users: share who order again, return on day 7, on
/// day 30. Friends' recommendations and shoppers at the counter come back
/// more often than people who clicked an ad.
fn quality(channel: Channel) -> (f64, f64, f64) {
    match channel {
        Channel::Social => (0.34, 0.3, 0.18),
        Channel::Content => (0.22, 0.22, 0.12),
        Channel::OfflineQr => (0.4, 0.35, 0.24),
        Channel::PaidAds => (0.14, 0.15, 0.07),
        Channel::Direct => (0.25, 0.25, 0.15),
    }
}

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
            let new_users = to_u32(t.new_visitors as f64 * s).min(visits);
            let (repeat, d7, d30) = quality(channel);
            let mut share_of_new = |rate: f64| {
                Some(to_u32(f64::from(new_users) * rate * rng.jitter(0.08)).min(new_users))
            };
            let (repeat_buyers, returned_d7, returned_d30) =
                (share_of_new(repeat), share_of_new(d7), share_of_new(d30));
            out.push(ChannelSpend {
                month: month.clone(),
                channel: channel.into(),
                placement: placement.to_string(),
                cost,
                reach: reach.max(clicks),
                clicks,
                visits,
                new_users,
                orders: to_u32(t.orders as f64 * s),
                revenue: money(t.revenue * s),
                repeat_buyers,
                returned_d7,
                returned_d30,
            });
        }
    }
    out
}

/// The staff time behind the organic placements: community managers for
/// the groups, an editor for the articles and notes, store staff for cards.
pub(super) fn gen_staff_time() -> Vec<StaffTime> {
    let rows: &[(Channel, &str, f64, f64, &str)] = &[
        (
            Channel::Social,
            "微信群",
            20.0,
            45.0,
            "社群运营每天约 1 小时",
        ),
        (Channel::Social, "朋友圈转发", 6.0, 45.0, "转发文案与海报"),
        (Channel::Content, "公众号推文", 24.0, 60.0, "每周一篇推文"),
        (Channel::Content, "视频号", 16.0, 60.0, "拍摄与剪辑"),
        (Channel::Content, "小红书笔记", 10.0, 60.0, "对接达人与审稿"),
        (
            Channel::OfflineQr,
            "门店桌贴二维码",
            8.0,
            35.0,
            "店员巡检与更换",
        ),
        (Channel::OfflineQr, "支付后引流", 2.0, 35.0, "收银台话术"),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, &(channel, placement, hours, rate, note))| StaffTime {
            id: format!("st-{:02}", i + 1),
            channel: channel.into(),
            placement: placement.to_string(),
            hours_per_month: hours,
            hourly_rate: rate,
            note: note.to_string(),
        })
        .collect()
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
        for c in &ds.channels {
            assert!(c.repeat_buyers.unwrap() <= c.new_users, "{c:?}");
            assert!(c.returned_d30.unwrap() <= c.new_users, "{c:?}");
        }
        // Every channel family has placements, and each staff-time
        // assumption names a placement the data has.
        for ch in [
            Channel::Social,
            Channel::Content,
            Channel::OfflineQr,
            Channel::PaidAds,
        ] {
            assert!(ds.channels.iter().any(|c| c.channel == ch), "{ch:?}");
        }
        assert!(!ds.staff_time.is_empty());
        for a in &ds.staff_time {
            assert!(ds
                .channels
                .iter()
                .any(|c| c.channel == a.channel && c.placement == a.placement));
        }
    }
}
