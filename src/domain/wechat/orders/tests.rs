//! The merchant's orders (tests/fixtures/wechat-orders/orders.json) merged
//! by date with WeChat's traffic (tests/fixtures/wechat), worked out by hand.
//! Orders: 24, 25, 26, 27 Nov (27 in two district parts); WeChat's daily
//! trend: 23, 24, 25, 27 Nov (26 is a 45009 errcode body).

use super::*;
use crate::domain::wechat::dataset::Manifest;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn wechat() -> WechatData {
    let root = format!("{}/tests/fixtures/wechat", env!("CARGO_MANIFEST_DIR"));
    let manifest: Manifest =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/index.json")).unwrap())
            .unwrap();
    let files: Vec<(String, String)> = manifest
        .files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(format!("{root}/{f}")).unwrap();
            (f, text)
        })
        .collect();
    WechatData::merge(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
}

fn orders() -> Vec<OrderDay> {
    let path = format!(
        "{}/tests/fixtures/wechat-orders/orders.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn kpi(c: &Combined, k: Kpi) -> Figure {
    c.kpis.iter().find(|(x, _)| *x == k).unwrap().1
}

fn close(f: Figure, want: f64) {
    let v = f.value().unwrap_or(f64::NAN);
    assert!((v - want).abs() < 1e-9, "{f:?} ≠ {want}");
}

#[test]
fn parts_of_a_day_add_up_and_a_repeated_part_counts_once() {
    let days = by_day(&orders());
    assert_eq!(days.len(), 4);
    // 27 Nov: 和平 90 + 南开 78 orders, 84 + 72 customers, 6300 + 5460 yuan.
    assert_eq!(
        days[&d(27)],
        DayOrders {
            orders: 168,
            paying_customers: 156,
            revenue: 11760.0
        }
    );
    let mut rows = orders();
    // A back-fill of 24 Nov sent again with a correction: the later row wins.
    rows.push(OrderDay {
        date: d(24),
        orders: 150,
        paying_customers: 139,
        revenue: 10000.0,
        district: None,
        channel: None,
    });
    assert_eq!(by_day(&rows)[&d(24)].orders, 150);
    assert_eq!(by_day(&rows).len(), 4);
}

#[test]
fn a_week_fills_the_order_tiles_and_combines_conversion_over_shared_days() {
    let c = combine(&wechat(), &by_day(&orders()), d(21), d(27));
    // 142 + 156 + 149 + 168 orders; 131 + 144 + 137 + 156 customers.
    assert_eq!(kpi(&c, Kpi::Orders), Figure::Merchant(615.0));
    assert_eq!(kpi(&c, Kpi::PayingUsers), Figure::Merchant(568.0));
    // 9870.50 + 10920 + 10231.50 + 11760 yuan.
    close(kpi(&c, Kpi::Revenue), 42782.0);
    // 客单价 = revenue ÷ paying customers; 笔单价 = revenue ÷ orders.
    close(kpi(&c, Kpi::RevenuePerCustomer), 42782.0 / 568.0);
    close(kpi(&c, Kpi::Aov), 42782.0 / 615.0);
    // Conversion over 24, 25, 27 (in both): (131 + 144 + 156) ÷ (2755 + 3010 + 3188).
    assert_eq!(
        kpi(&c, Kpi::ConversionRate),
        Figure::Combined(431.0 / 8953.0, Formula::CombinedConversion)
    );
    assert_eq!(c.both, 3);
    assert_eq!(c.orders_only, vec![d(26)], "WeChat errored on the 26th");
    assert_eq!(c.traffic_only, vec![d(23)], "no orders row for the 23rd");
}

#[test]
fn without_orders_in_the_period_nothing_is_zero() {
    let c = combine(&wechat(), &by_day(&orders()), d(23), d(23));
    for k in [
        Kpi::Orders,
        Kpi::PayingUsers,
        Kpi::Revenue,
        Kpi::RevenuePerCustomer,
        Kpi::Aov,
        Kpi::ConversionRate,
    ] {
        assert_eq!(kpi(&c, k), Figure::NoData, "{k:?}");
    }
    assert_eq!(c.traffic_only, vec![d(23)]);
    // Only the 26th: orders, but no WeChat visitors to divide by.
    let c = combine(&wechat(), &by_day(&orders()), d(26), d(26));
    assert_eq!(kpi(&c, Kpi::Orders), Figure::Merchant(149.0));
    assert_eq!(kpi(&c, Kpi::ConversionRate), Figure::NoData);
}

#[test]
fn filling_replaces_only_the_order_kpis() {
    let data = wechat();
    let mut p = super::super::figures::period(&data, d(21), d(27));
    let before_visitors = p.kpi(Kpi::Visitors);
    fill(&mut p, &combine(&data, &by_day(&orders()), d(21), d(27)));
    assert_eq!(p.kpi(Kpi::Orders), Figure::Merchant(615.0));
    assert_eq!(p.kpi(Kpi::Visitors), before_visitors);
    assert_eq!(p.kpi(Kpi::BounceRate), Figure::NotProvided);
    assert_eq!(p.kpi(Kpi::ReturningShare), Figure::NotProvided);
    // Without an orders resource the tiles stay not provided.
    let plain = super::super::figures::period(&data, d(21), d(27));
    assert_eq!(plain.kpi(Kpi::Orders), Figure::NotProvided);
}

#[test]
fn the_row_shape_is_strict_on_dates_and_lenient_on_the_optional_parts() {
    let ok: Vec<OrderDay> = serde_json::from_str(
        r#"[{"date":"2026-11-27","orders":1,"payingCustomers":1,"revenue":9.9,"extra":true}]"#,
    )
    .unwrap();
    assert_eq!(ok[0].district, None);
    assert!(serde_json::from_str::<Vec<OrderDay>>(
        r#"[{"date":"27/11/2026","orders":1,"payingCustomers":1,"revenue":1}]"#
    )
    .is_err());
    assert!(serde_json::from_str::<Vec<OrderDay>>(
        r#"[{"date":"2026-11-27","orders":-1,"payingCustomers":1,"revenue":1}]"#
    )
    .is_err());
}
