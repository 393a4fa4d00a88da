//! The conversion funnel, with each step's unit. The facts count sessions
//! for the first three steps (sessions → sessions that viewed a product →
//! sessions that added to the cart), then orders, then paying people; a
//! ratio between steps of different units is not a conversion (payers per
//! order can exceed 100 % of nothing), so it is only computed within one
//! unit. Definitions: docs/metrics.md §9.

use serde::{Deserialize, Serialize};

use crate::domain::cockpit::totals::Totals;
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::ratio::ratio;

labelled_enum! {
    FunnelStage {
        Session = "session", "会话", "Sessions";
        ProductView = "product_view", "浏览商品", "Product view";
        AddToCart = "add_to_cart", "加入购物车", "Add to cart";
        Order = "order", "下单", "Order";
        Paid = "paid", "支付", "Paid";
    }
}

labelled_enum! {
    /// What a funnel step counts.
    FunnelUnit {
        Sessions = "sessions", "会话", "sessions";
        Orders = "orders", "单", "orders";
        People = "people", "人", "people";
    }
}

impl FunnelStage {
    pub fn unit(self) -> FunnelUnit {
        match self {
            FunnelStage::Session | FunnelStage::ProductView | FunnelStage::AddToCart => {
                FunnelUnit::Sessions
            }
            FunnelStage::Order => FunnelUnit::Orders,
            FunnelStage::Paid => FunnelUnit::People,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunnelStep {
    pub stage: FunnelStage,
    pub unit: FunnelUnit,
    pub count: u64,
    /// count / previous step's count, only when both count the same unit;
    /// `None` for the first step and across a change of unit.
    pub from_previous: Option<f64>,
    /// count / first step's count, only in the first step's unit.
    pub from_first: Option<f64>,
    /// 1 − from_previous: the share lost at this step.
    pub drop_off: Option<f64>,
}

/// Sessions → product-view sessions → cart sessions → orders → paying users.
pub fn funnel(t: &Totals) -> Vec<FunnelStep> {
    let counts = [
        (FunnelStage::Session, t.sessions),
        (FunnelStage::ProductView, t.product_views),
        (FunnelStage::AddToCart, t.carts),
        (FunnelStage::Order, t.orders),
        (FunnelStage::Paid, t.paying_users),
    ];
    let first = t.sessions as f64;
    let first_unit = FunnelStage::Session.unit();
    let mut prev: Option<(u64, FunnelUnit)> = None;
    counts
        .iter()
        .map(|&(stage, count)| {
            let unit = stage.unit();
            let from_previous = prev
                .filter(|(_, u)| *u == unit)
                .and_then(|(p, _)| ratio(count as f64, p as f64));
            prev = Some((count, unit));
            FunnelStep {
                stage,
                unit,
                count,
                from_previous,
                from_first: if unit == first_unit {
                    ratio(count as f64, first)
                } else {
                    None
                },
                drop_off: from_previous.map(|r| 1.0 - r),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn session_steps_convert_and_other_units_do_not() {
        let t = Totals {
            visits: 1200,
            sessions: 1000,
            product_views: 600,
            carts: 150,
            orders: 60,
            paying_users: 45,
            ..Default::default()
        };
        let f = funnel(&t);
        assert_eq!(f.len(), 5);
        assert_eq!(f[0].stage, FunnelStage::Session);
        assert_eq!(f[0].count, 1000, "the funnel starts at sessions, not opens");
        assert_eq!(f[0].from_previous, None);
        assert_eq!(f[0].from_first, Some(1.0));
        assert_eq!(f[0].drop_off, None);
        assert_eq!(f[1].from_previous, Some(0.6));
        assert!((f[1].drop_off.unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(f[2].from_previous, Some(0.25));
        assert_eq!(f[2].from_first, Some(0.15));
        // Orders are not sessions, payers are not orders: no "conversion".
        assert_eq!(f[3].unit, FunnelUnit::Orders);
        assert_eq!(f[3].count, 60);
        assert_eq!(
            (f[3].from_previous, f[3].from_first, f[3].drop_off),
            (None, None, None)
        );
        assert_eq!(f[4].stage, FunnelStage::Paid);
        assert_eq!(f[4].unit, FunnelUnit::People);
        assert_eq!(f[4].count, 45);
        assert_eq!(
            (f[4].from_previous, f[4].from_first, f[4].drop_off),
            (None, None, None)
        );
        let units: Vec<&str> = f.iter().map(|s| s.unit.label(Lang::Zh)).collect();
        assert_eq!(units, ["会话", "会话", "会话", "单", "人"]);
        // A zero step gives no ratios after it.
        let z = funnel(&Totals {
            sessions: 10,
            ..Default::default()
        });
        assert_eq!(z[1].from_previous, Some(0.0));
        assert_eq!(z[1].drop_off, Some(1.0));
        assert_eq!(z[2].from_previous, None);
        assert_eq!(z[2].drop_off, None);
        assert_eq!(z[2].from_first, Some(0.0));
    }
}
