//! Sums of the metric facts' measures ([`Totals`]), the aggregation's
//! unrounded accumulator and the ratios built on the sums. The measures are
//! listed once, in the `measures!` invocation.

use crate::domain::cockpit::model::MetricFact;
use crate::domain::shared::ratio::ratio;

/// An estimated count, rounded to a whole number (never negative or NaN).
fn round_count(x: f64) -> u64 {
    let r = x.round();
    if r.is_finite() && r > 0.0 {
        r as u64
    } else {
        0
    }
}

/// Declares [`Totals`] and the aggregation's accumulator `Acc` with their
/// add, scale, merge and rounding over the fact measures listed once in the
/// invocation below: a new measure is one line there (and its field in
/// `MetricFact`). Counts are whole numbers; the money field is yuan.
macro_rules! measures {
    (counts { $($count:ident,)+ } money { $(#[$money_doc:meta])* $money:ident }) => {
        /// Sums of the fact measures over some set of facts.
        #[derive(Debug, Clone, Copy, Default, PartialEq)]
        pub struct Totals {
            $(pub $count: u64,)+
            $(#[$money_doc])*
            pub $money: f64,
        }

        impl Totals {
            pub fn add(&mut self, f: &MetricFact) {
                $(self.$count += u64::from(f.$count);)+
                self.$money += f.$money;
            }

            /// Adds `factor` × the fact, each count rounded. Rounding per
            /// call adds up over many small facts, so `Cockpit::compute`
            /// keeps unrounded sums and rounds once per output instead;
            /// this is for one-off estimates.
            pub fn add_scaled(&mut self, f: &MetricFact, factor: f64) {
                let s = |x: f64| round_count(x * factor);
                $(self.$count += s(u64::from(f.$count) as f64);)+
                let r = f.$money * factor;
                if r.is_finite() {
                    self.$money += r;
                }
            }

            pub fn merge(&mut self, o: &Totals) {
                $(self.$count += o.$count;)+
                self.$money += o.$money;
            }
        }

        /// The aggregation's accumulator: unrounded, so gender/age estimates are
        /// rounded once per output rather than once per fact. Sums of u32 counts
        /// stay exact in f64 far beyond any real volume (2^53).
        #[derive(Debug, Clone, Copy, Default)]
        pub(super) struct Acc {
            $($count: f64,)+
            $money: f64,
        }

        impl Acc {
            #[inline]
            pub(super) fn add(&mut self, f: &MetricFact, k: f64) {
                $(self.$count += u64::from(f.$count) as f64 * k;)+
                self.$money += f.$money * k;
            }

            pub(super) fn merge(&mut self, o: &Acc) {
                $(self.$count += o.$count;)+
                self.$money += o.$money;
            }

            pub(super) fn totals(&self) -> Totals {
                Totals {
                    $($count: round_count(self.$count),)+
                    $money: if self.$money.is_finite() {
                        self.$money
                    } else {
                        0.0
                    },
                }
            }
        }
    };
}

measures! {
    counts {
        visits,
        visitors,
        new_visitors,
        sessions,
        stay_seconds,
        page_views,
        bounces,
        product_views,
        carts,
        orders,
        paying_users,
        repeat_buyers,
    }
    money {
        /// Yuan.
        revenue
    }
}

/// Paying users / visitors.
pub fn conversion_rate(t: &Totals) -> Option<f64> {
    ratio(t.paying_users as f64, t.visitors as f64)
}

/// Revenue / orders, in yuan: 笔单价 (average order value).
pub fn aov(t: &Totals) -> Option<f64> {
    ratio(t.revenue, t.orders as f64)
}

/// Revenue / paying users, in yuan: 客单价 (revenue per paying customer).
pub fn revenue_per_customer(t: &Totals) -> Option<f64> {
    ratio(t.revenue, t.paying_users as f64)
}

/// Repeat buyers / paying users: the share of paying users who had paid
/// before (老客占比). Not the standard repurchase rate (customers with two
/// or more orders in the period), which needs per-customer data.
pub fn returning_share(t: &Totals) -> Option<f64> {
    ratio(t.repeat_buyers as f64, t.paying_users as f64)
}

/// Bounces / sessions.
pub fn bounce_rate(t: &Totals) -> Option<f64> {
    ratio(t.bounces as f64, t.sessions as f64)
}

/// Page views / sessions.
pub fn visit_depth(t: &Totals) -> Option<f64> {
    ratio(t.page_views as f64, t.sessions as f64)
}

/// Stay seconds / sessions.
pub fn avg_stay(t: &Totals) -> Option<f64> {
    ratio(t.stay_seconds as f64, t.sessions as f64)
}

/// (new, returning) visitors: returning = visitors − new, never below 0.
pub fn new_vs_returning(t: &Totals) -> (u64, u64) {
    (t.new_visitors, t.visitors.saturating_sub(t.new_visitors))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::dimensions::{Channel, District, Platform};
    use crate::domain::cockpit::kpi::Kpi;
    use crate::domain::cockpit::test_support::{d, fact};

    #[test]
    fn totals_add_merge_and_scale() {
        let f = fact(
            d(2026, 1, 1),
            District::Hexi,
            Channel::Social,
            Platform::Android,
            100,
        );
        let mut a = Totals::default();
        a.add(&f);
        assert_eq!(a.visitors, 100);
        assert_eq!(a.visits, 200);
        assert_eq!(a.revenue, 500.0);
        let mut b = a;
        b.merge(&a);
        assert_eq!(b.visitors, 200);
        assert_eq!(b.revenue, 1000.0);
        let mut s = Totals::default();
        s.add_scaled(&f, 0.25);
        assert_eq!(s.visitors, 25);
        assert_eq!(s.orders, 3, "10 × 0.25 = 2.5 rounds to 3");
        assert_eq!(s.revenue, 125.0);
        let mut z = Totals::default();
        z.add_scaled(&f, f64::NAN);
        assert_eq!(z, Totals::default());
        assert_eq!(new_vs_returning(&a), (25, 75));
        let odd = Totals {
            visitors: 3,
            new_visitors: 5,
            ..Default::default()
        };
        assert_eq!(new_vs_returning(&odd), (5, 0));
    }

    #[test]
    fn each_ratio_from_its_counts() {
        let t = Totals {
            visits: 500,
            visitors: 400,
            sessions: 500,
            stay_seconds: 60_000,
            page_views: 1_600,
            bounces: 150,
            orders: 40,
            paying_users: 30,
            repeat_buyers: 12,
            revenue: 3_000.0,
            ..Default::default()
        };
        assert_eq!(conversion_rate(&t), Some(0.075));
        assert_eq!(aov(&t), Some(75.0));
        assert_eq!(revenue_per_customer(&t), Some(100.0));
        assert_eq!(Kpi::RevenuePerCustomer.value(&t), Some(100.0));
        assert_eq!(returning_share(&t), Some(0.4));
        assert_eq!(bounce_rate(&t), Some(0.3));
        assert_eq!(visit_depth(&t), Some(3.2));
        assert_eq!(avg_stay(&t), Some(120.0));
        assert_eq!(Kpi::ConversionRate.value(&t), conversion_rate(&t));
        assert_eq!(Kpi::Revenue.value(&t), Some(3_000.0));
        // A zero denominator alone makes a ratio unknown.
        let no_orders = Totals {
            revenue: 10.0,
            ..Default::default()
        };
        assert_eq!(aov(&no_orders), None);
        assert_eq!(revenue_per_customer(&no_orders), None);
    }
}
