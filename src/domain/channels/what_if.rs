//! The budget what-if: move an amount from one channel to another and
//! project new users and orders. A planning aid with one stated assumption,
//! not a forecast.
//!
//! The assumption: each placement's new users follow its spend to the power
//! 0.8, anchored at its recent point (spend s, new users u):
//! u' = u × (s' / s)^0.8. Doubling spend brings 2^0.8 ≈ 1.74 times the new
//! users, so each extra yuan buys a little less (diminishing returns), and
//! cutting spend loses users less than proportionally. Orders follow new
//! users at the placement's recent orders per new user. A channel's transfer
//! is spread over its placements in proportion to their recent spend, so the
//! mix inside a channel stays as it is.

use crate::domain::channels::ratios::PlacementFigures;
use crate::domain::cockpit::dimensions::Channel;
use crate::i18n::Lang;

/// The exponent of the diminishing-returns curve.
pub const RETURNS_EXPONENT: f64 = 0.8;

/// The sentence the screen shows beside the projection.
pub fn assumption(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "仅供规划参考,并非预测:假设每个投放位的新客数随花费的 0.8 次方变化(花费翻倍,新客约增加 74%),订单数按该投放位近期每位新客的订单数同比例变化。"
        }
        Lang::En => {
            "A planning aid, not a forecast: each placement's new users are assumed to follow its spend to the power 0.8 (doubling spend brings about 74% more new users), and its orders follow at its recent orders per new user."
        }
    }
}

/// Why a transfer cannot be projected.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WhatIfError {
    SameChannel,
    /// Zero is allowed (no change); negative or non-finite amounts are not.
    InvalidAmount,
    /// More than the source channel spent recently; refused, not clamped, so
    /// the planner sees the limit instead of a silently smaller move.
    ExceedsBudget {
        available: f64,
    },
    /// The destination spent nothing recently: no point to scale from.
    NoSpendToScale,
}

/// One channel before and after the transfer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChannelProjection {
    pub channel: Channel,
    pub spend_before: f64,
    pub spend_after: f64,
    pub new_users_before: f64,
    pub new_users_after: f64,
    pub orders_before: f64,
    pub orders_after: f64,
}

/// Both channels, and the net effect (after − before, both channels summed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub from: ChannelProjection,
    pub to: ChannelProjection,
    pub new_users_change: f64,
    pub orders_change: f64,
}

/// Projects moving `amount` yuan from `from` to `to`, using `recent` (each
/// placement's figures over a recent period, e.g. the last month).
pub fn transfer(
    recent: &[PlacementFigures],
    from: Channel,
    to: Channel,
    amount: f64,
) -> Result<Projection, WhatIfError> {
    if from == to {
        return Err(WhatIfError::SameChannel);
    }
    if !amount.is_finite() || amount < 0.0 {
        return Err(WhatIfError::InvalidAmount);
    }
    let available = channel_spend(recent, from);
    if amount > available {
        return Err(WhatIfError::ExceedsBudget { available });
    }
    if channel_spend(recent, to) <= 0.0 {
        return Err(WhatIfError::NoSpendToScale);
    }
    let from = project(recent, from, -amount);
    let to = project(recent, to, amount);
    Ok(Projection {
        new_users_change: (from.new_users_after - from.new_users_before)
            + (to.new_users_after - to.new_users_before),
        orders_change: (from.orders_after - from.orders_before)
            + (to.orders_after - to.orders_before),
        from,
        to,
    })
}

/// Recent spend of a channel's placements that can be scaled (spent > 0).
fn channel_spend(recent: &[PlacementFigures], channel: Channel) -> f64 {
    recent
        .iter()
        .filter(|p| p.channel == channel && p.figures.cost > 0.0)
        .map(|p| p.figures.cost)
        .sum()
}

/// The channel with `delta` yuan spread over its paid placements by spend
/// share. Free placements keep their users: spend does not drive them.
fn project(recent: &[PlacementFigures], channel: Channel, delta: f64) -> ChannelProjection {
    let total = channel_spend(recent, channel);
    let mut p = ChannelProjection {
        channel,
        spend_before: 0.0,
        spend_after: 0.0,
        new_users_before: 0.0,
        new_users_after: 0.0,
        orders_before: 0.0,
        orders_after: 0.0,
    };
    for placement in recent.iter().filter(|r| r.channel == channel) {
        let f = &placement.figures;
        let (users, orders) = (f.new_users as f64, f.orders as f64);
        let spend = f.cost.max(0.0);
        let (spend_after, factor) = if f.cost > 0.0 && total > 0.0 {
            let after = (f.cost + delta * f.cost / total).max(0.0);
            (after, (after / f.cost).powf(RETURNS_EXPONENT))
        } else {
            (spend, 1.0)
        };
        p.spend_before += spend;
        p.spend_after += spend_after;
        p.new_users_before += users;
        p.new_users_after += users * factor;
        p.orders_before += orders;
        p.orders_after += orders * factor;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::ratios::Figures;

    fn placement(
        channel: Channel,
        name: &str,
        cost: f64,
        users: u64,
        orders: u64,
    ) -> PlacementFigures {
        PlacementFigures {
            channel: channel.into(),
            placement: name.into(),
            figures: Figures {
                cost,
                new_users: users,
                orders,
                ..Default::default()
            },
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    fn recent() -> Vec<PlacementFigures> {
        vec![
            // Paid ads: ¥2000 → 200 new users, 100 orders.
            placement(Channel::PaidAds, "朋友圈广告", 2000.0, 200, 100),
            // Content: ¥1000 → 50 new users, 20 orders; plus a free placement.
            placement(Channel::Content, "小红书探店笔记", 1000.0, 50, 20),
            placement(Channel::Content, "公众号文章", 0.0, 30, 9),
        ]
    }

    #[test]
    fn moving_a_thousand_from_ads_to_content_worked_by_hand() {
        let p = transfer(&recent(), Channel::PaidAds, Channel::Content, 1000.0).unwrap();
        // Ads: ¥2000 → ¥1000, factor 0.5^0.8 = 0.574349…: 200 → 114.8698, 100 → 57.4349.
        let half = 0.5_f64.powf(0.8);
        assert!(close(half, 0.574_349_177_498_517_6));
        assert!(close(p.from.spend_after, 1000.0));
        assert!(close(p.from.new_users_after, 200.0 * half));
        assert!(close(p.from.orders_after, 100.0 * half));
        // Content: the paid placement ¥1000 → ¥2000, factor 2^0.8 = 1.741101…:
        // 50 → 87.0551, 20 → 34.8220; the free placement keeps 30 and 9.
        let double = 2.0_f64.powf(0.8);
        assert!(close(double, 1.741_101_126_592_248_4));
        assert!(close(p.to.spend_before, 1000.0));
        assert!(close(p.to.spend_after, 2000.0));
        assert!(close(p.to.new_users_after, 50.0 * double + 30.0));
        assert!(close(p.to.orders_after, 20.0 * double + 9.0));
        // Net: (114.87 − 200) + (87.06 − 50) = −48.08 new users.
        assert!(close(
            p.new_users_change,
            200.0 * half - 200.0 + 50.0 * double - 50.0
        ));
    }

    #[test]
    fn zero_transfer_changes_nothing() {
        let p = transfer(&recent(), Channel::PaidAds, Channel::Content, 0.0).unwrap();
        assert_eq!(p.from.new_users_after, p.from.new_users_before);
        assert_eq!(p.to.orders_after, p.to.orders_before);
        assert_eq!(p.new_users_change, 0.0);
        assert_eq!(p.orders_change, 0.0);
    }

    #[test]
    fn more_money_more_users_each_yuan_buying_less() {
        let rows = recent();
        let gains: Vec<f64> = [0.0, 250.0, 500.0, 750.0, 1000.0]
            .iter()
            .map(|a| {
                let p = transfer(&rows, Channel::PaidAds, Channel::Content, *a).unwrap();
                p.to.new_users_after
            })
            .collect();
        // Monotone: every step adds users …
        assert!(gains.windows(2).all(|w| w[1] > w[0]), "{gains:?}");
        // … and each ¥250 step adds fewer than the one before (concave).
        let steps: Vec<f64> = gains.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(steps.windows(2).all(|w| w[1] < w[0]), "{steps:?}");
        // The source loses users monotonically as it gives more away.
        let losses: Vec<f64> = [0.0, 500.0, 1000.0, 2000.0]
            .iter()
            .map(|a| {
                transfer(&rows, Channel::PaidAds, Channel::Content, *a)
                    .unwrap()
                    .from
                    .new_users_after
            })
            .collect();
        assert!(losses.windows(2).all(|w| w[1] < w[0]), "{losses:?}");
        // Giving away the whole budget leaves the paid placement at zero.
        assert_eq!(losses[3], 0.0);
    }

    #[test]
    fn impossible_transfers_are_refused_with_the_reason() {
        let rows = recent();
        assert_eq!(
            transfer(&rows, Channel::PaidAds, Channel::Content, 2000.01),
            Err(WhatIfError::ExceedsBudget { available: 2000.0 })
        );
        assert_eq!(
            transfer(&rows, Channel::PaidAds, Channel::PaidAds, 10.0),
            Err(WhatIfError::SameChannel)
        );
        assert_eq!(
            transfer(&rows, Channel::PaidAds, Channel::Content, -1.0),
            Err(WhatIfError::InvalidAmount)
        );
        assert_eq!(
            transfer(&rows, Channel::PaidAds, Channel::Content, f64::NAN),
            Err(WhatIfError::InvalidAmount)
        );
        // Social spent nothing: no curve to scale along.
        assert_eq!(
            transfer(&rows, Channel::PaidAds, Channel::Social, 100.0),
            Err(WhatIfError::NoSpendToScale)
        );
        // A free channel has no budget to give.
        assert_eq!(
            transfer(&rows, Channel::Social, Channel::PaidAds, 100.0),
            Err(WhatIfError::ExceedsBudget { available: 0.0 })
        );
    }

    #[test]
    fn the_assumption_is_stated_in_both_languages() {
        assert!(assumption(Lang::Zh).contains("0.8"));
        assert!(assumption(Lang::En).contains("0.8"));
        assert!(assumption(Lang::En).contains("not a forecast"));
        // "about 74 %" is 2^0.8 − 1 = 0.7411.
        assert_eq!(
            ((2.0_f64.powf(RETURNS_EXPONENT) - 1.0) * 100.0).round(),
            74.0
        );
    }
}
