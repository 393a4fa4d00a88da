//! The merchant's own orders beside WeChat's traffic. WeChat's analytics
//! never see an order, so a merchant with a small backend (or a static
//! `orders` file) serves one row per day (docs/api.md `orders`): date,
//! orders, paying customers and revenue, optionally split by district or
//! channel. Merged here by date with the WeChat files: the order tiles come
//! from the orders alone, and conversion combines both sources over the
//! days that are in both. A day present in one source only is listed, never
//! counted as zero in the other.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dataset::WechatData;
use super::figures::{Figure, Formula, PeriodFigures};
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::shared::dates::checked;

/// One day of the merchant's orders, or one district/channel part of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderDay {
    #[serde(deserialize_with = "checked")]
    pub date: NaiveDate,
    /// Paid orders.
    pub orders: u64,
    /// Distinct customers who paid that day.
    pub paying_customers: u64,
    /// Paid revenue in yuan (CNY).
    pub revenue: f64,
    /// A part of the day: the rows of one date are summed, so a total row
    /// must not be sent beside its parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

/// One date's orders, summed over its parts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DayOrders {
    pub orders: u64,
    pub paying_customers: u64,
    pub revenue: f64,
}

/// Rows by date. The same (date, district, channel) twice counts once, the
/// later row winning (a back-fill corrects a day); different parts add up.
pub fn by_day(rows: &[OrderDay]) -> BTreeMap<NaiveDate, DayOrders> {
    let mut parts: BTreeMap<(NaiveDate, Option<&str>, Option<&str>), &OrderDay> = BTreeMap::new();
    for row in rows {
        parts.insert(
            (row.date, row.district.as_deref(), row.channel.as_deref()),
            row,
        );
    }
    let mut days: BTreeMap<NaiveDate, DayOrders> = BTreeMap::new();
    for ((date, ..), row) in parts {
        let day = days.entry(date).or_default();
        day.orders += row.orders;
        day.paying_customers += row.paying_customers;
        if row.revenue.is_finite() {
            day.revenue += row.revenue;
        }
    }
    days
}

/// The order figures of a period and which days only one source has.
#[derive(Debug, Clone, PartialEq)]
pub struct Combined {
    pub kpis: Vec<(Kpi, Figure)>,
    /// Days with orders but no WeChat daily trend (not in the conversion).
    pub orders_only: Vec<NaiveDate>,
    /// Days with WeChat traffic but no orders row (not in the conversion).
    pub traffic_only: Vec<NaiveDate>,
    /// Days in both sources: the conversion's days.
    pub both: usize,
}

/// The order KPIs between `from` and `to`: orders, paying customers and
/// revenue summed over the days that have orders; 客单价 = revenue ÷ paying
/// customers and 笔单价 = revenue ÷ orders from the same days; conversion =
/// paying customers ÷ WeChat visitors (`visit_uv`) over the days in both.
pub fn combine(
    data: &WechatData,
    orders: &BTreeMap<NaiveDate, DayOrders>,
    from: NaiveDate,
    to: NaiveDate,
) -> Combined {
    let mut sum = DayOrders::default();
    let mut order_days = 0;
    let (mut both_paying, mut both_visitors, mut both) = (0u64, 0u64, 0usize);
    let (mut orders_only, mut traffic_only) = (Vec::new(), Vec::new());
    for day in from.iter_days().take_while(|d| *d <= to) {
        let traffic = data.daily.get(&day).and_then(|r| r.visit_uv);
        match (orders.get(&day), traffic) {
            (Some(o), visitors) => {
                order_days += 1;
                sum.orders += o.orders;
                sum.paying_customers += o.paying_customers;
                sum.revenue += o.revenue;
                match visitors {
                    Some(v) => {
                        both += 1;
                        both_paying += o.paying_customers;
                        both_visitors += v;
                    }
                    None => orders_only.push(day),
                }
            }
            (None, Some(_)) => traffic_only.push(day),
            (None, None) => {}
        }
    }
    let merchant = |v: f64| {
        if order_days == 0 {
            Figure::NoData
        } else {
            Figure::Merchant(v)
        }
    };
    let per = |num: f64, den: u64| {
        if order_days == 0 || den == 0 {
            Figure::NoData
        } else {
            Figure::Merchant(num / den as f64)
        }
    };
    let conversion = if both_visitors == 0 {
        Figure::NoData
    } else {
        Figure::Combined(
            both_paying as f64 / both_visitors as f64,
            Formula::CombinedConversion,
        )
    };
    Combined {
        kpis: vec![
            (Kpi::Orders, merchant(sum.orders as f64)),
            (Kpi::PayingUsers, merchant(sum.paying_customers as f64)),
            (Kpi::Revenue, merchant(sum.revenue)),
            (
                Kpi::RevenuePerCustomer,
                per(sum.revenue, sum.paying_customers),
            ),
            (Kpi::Aov, per(sum.revenue, sum.orders)),
            (Kpi::ConversionRate, conversion),
        ],
        orders_only,
        traffic_only,
        both,
    }
}

/// The period's figures with the order KPIs filled from `combined`; the
/// rest (bounce rate, returning share) stay as WeChat has them.
pub fn fill(period: &mut PeriodFigures, combined: &Combined) {
    for (kpi, figure) in &mut period.kpis {
        if let Some((_, f)) = combined.kpis.iter().find(|(k, _)| k == kpi) {
            *figure = *f;
        }
    }
}

#[cfg(test)]
mod tests;
