//! The merchant's daily orders (`orders`, docs/api.md): the day totals of
//! the metric facts, so a demo that pairs them with WeChat's files tells
//! the same story as the cockpit.

use super::Aggregates;
use crate::domain::wechat::orders::OrderDay;

/// One row per day with data: orders, paying customers, revenue (to the fen).
pub(super) fn gen_orders(agg: &Aggregates) -> Vec<OrderDay> {
    agg.daily
        .iter()
        .map(|(date, t)| OrderDay {
            date: *date,
            orders: t.orders,
            paying_customers: t.paying_users,
            revenue: (t.revenue * 100.0).round() / 100.0,
            district: None,
            channel: None,
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::data::embedded::generator::fixture::{data, end};

    #[test]
    fn one_row_per_day_agreeing_with_the_metric_facts() {
        let ds = data();
        let last = ds.orders.last().unwrap();
        assert_eq!(last.date, end());
        let facts: Vec<_> = ds.metrics.iter().filter(|f| f.date == end()).collect();
        let orders: u64 = facts.iter().map(|f| u64::from(f.orders)).sum();
        let paying: u64 = facts.iter().map(|f| u64::from(f.paying_users)).sum();
        let revenue: f64 = facts.iter().map(|f| f.revenue).sum();
        assert_eq!((last.orders, last.paying_customers), (orders, paying));
        assert!(
            (last.revenue - revenue).abs() < 0.006,
            "{} vs {revenue}",
            last.revenue
        );
        let mut dates: Vec<_> = ds.orders.iter().map(|o| o.date).collect();
        dates.dedup();
        assert_eq!(dates.len(), ds.orders.len(), "one row per day");
        assert!(ds.orders.iter().all(|o| o.district.is_none()));
    }
}
