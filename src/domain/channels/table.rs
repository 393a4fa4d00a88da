//! The channel table as the screen shows it: which months a period counts
//! (the rows are monthly), each family and placement with its comparison
//! figures and staff time, the sortable columns, and the free-vs-paid split.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::channels::model::{ChannelRef, ChannelSpend, StaffTime};
use crate::domain::channels::ratios::{by_channel, CostPer, Figures};
use crate::domain::channels::staff_time::{staff_cost, with_staff_time, CostBasis};
use crate::domain::shared::dates::{add_days, first_of_month};
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::period::{Comparison, Period};
use crate::domain::shared::ratio::change;

labelled_enum! {
    /// A sortable column of the channel table (its id is the URL's `sort`).
    Column {
        Cost = "cost", "成本", "Cost";
        Reach = "reach", "触达人数", "Reach";
        Clicks = "clicks", "点击", "Clicks";
        Ctr = "ctr", "点击率", "CTR";
        Visits = "visits", "访问次数", "Visits";
        NewUsers = "new_users", "新用户", "New users";
        Orders = "orders", "订单数", "Orders";
        Conversion = "conversion", "转化率", "Conversion rate";
        Revenue = "revenue", "销售额", "Revenue";
        Cpa = "cpa", "获客成本", "CPA";
        CostPerOrder = "cost_per_order", "单均成本", "Cost per order";
        Roas = "roas", "ROAS", "ROAS";
        Roi = "roi", "ROI", "ROI";
        Share = "share", "新客占比", "Share of new users";
        Change = "change", "新客变化", "New users vs comparison";
        Repeat = "repeat", "复购率", "Repeat purchase";
        ReturnD7 = "d7", "7日回访", "Day-7 return";
        ReturnD30 = "d30", "30日回访", "Day-30 return";
    }
}

/// `YYYY-MM` of a day.
fn month_of(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn month_start(month: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()
}

/// The months a period touches, oldest first: the rows are monthly, so a
/// period counts every month it overlaps (the screen names them).
pub fn period_months(period: &Period) -> Vec<String> {
    let mut out = Vec::new();
    let mut day = first_of_month(period.start);
    while day <= period.end && out.len() < 240 {
        out.push(month_of(day));
        match day.checked_add_months(Months::new(1)) {
            Some(next) => day = next,
            None => break,
        }
    }
    out
}

/// The months compared with `months`: as many just before them, or the
/// same months a year earlier; none without comparison.
pub fn comparison_months(months: &[String], compare: Comparison) -> Vec<String> {
    let back = match compare {
        Comparison::Previous => months.len() as u32,
        Comparison::YearAgo => 12,
        Comparison::None => return Vec::new(),
    };
    months
        .iter()
        .filter_map(|m| month_start(m)?.checked_sub_months(Months::new(back)))
        .map(month_of)
        .collect()
}

/// The `n` months ending with `last`, oldest first.
pub fn months_ending(last: &str, n: u32) -> Vec<String> {
    let Some(end) = month_start(last) else {
        return Vec::new();
    };
    (0..n)
        .rev()
        .filter_map(|k| end.checked_sub_months(Months::new(k)))
        .map(month_of)
        .collect()
}

/// The days `months` cover, up to `last_day` (the staff time is prorated
/// to these days, so the current month costs only its days so far).
fn months_span(months: &[String], last_day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = month_start(months.first()?)?;
    let last_start = month_start(months.last()?)?;
    let last_end = add_days(first_of_month(add_days(last_start, 32)), -1);
    Some((first, last_end.min(last_day)))
}

/// One placement in the table.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementRow {
    pub placement: String,
    /// Money cost, plus staff time when the basis counts it.
    pub figures: Figures,
    pub previous: Figures,
    /// The money cost alone (free-vs-paid goes by it).
    pub money_cost: f64,
}

/// One channel family and its placements.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub channel: ChannelRef,
    pub figures: Figures,
    pub previous: Figures,
    pub placements: Vec<PlacementRow>,
}

/// The table over `months` against `previous_months`, on the cost basis.
pub fn build(
    rows: &[ChannelSpend],
    staff: &[StaffTime],
    months: &[String],
    previous_months: &[String],
    basis: CostBasis,
    last_day: NaiveDate,
) -> Vec<GroupRow> {
    let of = |ms: &[String]| -> Vec<&ChannelSpend> {
        rows.iter().filter(|r| ms.contains(&r.month)).collect()
    };
    let current = by_channel(of(months));
    let previous = by_channel(of(previous_months));
    let staff_for = |channel: &ChannelRef, placement: &str, ms: &[String]| -> f64 {
        match months_span(ms, last_day) {
            Some((from, to)) => staff_cost(staff, channel, placement, from, to),
            None => 0.0,
        }
    };
    current
        .into_iter()
        .map(|g| {
            let prev_group = previous.iter().find(|p| p.channel == g.channel);
            let placements: Vec<PlacementRow> = g
                .placements
                .iter()
                .map(|p| {
                    let prev = prev_group
                        .and_then(|pg| pg.placements.iter().find(|q| q.placement == p.placement))
                        .map(|q| q.figures)
                        .unwrap_or_default();
                    let time_now = staff_for(&g.channel, &p.placement, months);
                    let time_before = if previous_months.is_empty() {
                        0.0
                    } else {
                        staff_for(&g.channel, &p.placement, previous_months)
                    };
                    PlacementRow {
                        placement: p.placement.clone(),
                        figures: with_staff_time(&p.figures, time_now, basis),
                        previous: with_staff_time(&prev, time_before, basis),
                        money_cost: p.figures.cost,
                    }
                })
                .collect();
            let mut figures = Figures::default();
            let mut prev = Figures::default();
            for p in &placements {
                figures.add(&p.figures);
                prev.add(&p.previous);
            }
            // Placements only in the comparison months still count in the
            // family's comparison figure.
            if let Some(pg) = prev_group {
                for q in &pg.placements {
                    if !placements.iter().any(|p| p.placement == q.placement) {
                        prev.add(&q.figures);
                    }
                }
            }
            GroupRow {
                channel: g.channel,
                figures,
                previous: prev,
                placements,
            }
        })
        .collect()
}

/// All new users of the table (the share denominator).
pub fn total_new_users(groups: &[GroupRow]) -> u64 {
    groups.iter().map(|g| g.figures.new_users).sum()
}

/// The value a column sorts by; `None` (not available) sorts last either
/// way. Free counts as the cheapest cost per unit; a return on nothing
/// spent has no value.
pub fn sort_value(col: Column, f: &Figures, previous: &Figures, total: u64) -> Option<f64> {
    let cost_per = |c: CostPer| match c {
        CostPer::Yuan(v) => Some(v),
        CostPer::Free => Some(0.0),
        CostPer::NotAvailable => None,
    };
    match col {
        Column::Cost => Some(f.cost),
        Column::Reach => Some(f.reach as f64),
        Column::Clicks => Some(f.clicks as f64),
        Column::Ctr => f.ctr(),
        Column::Visits => Some(f.visits as f64),
        Column::NewUsers => Some(f.new_users as f64),
        Column::Orders => Some(f.orders as f64),
        Column::Conversion => f.conversion(),
        Column::Revenue => Some(f.revenue),
        Column::Cpa => cost_per(f.cpa()),
        Column::CostPerOrder => cost_per(f.cost_per_order()),
        Column::Roas => f.roas().times(),
        Column::Roi => f.roi().times(),
        Column::Share => f.share_of_new_users(total),
        Column::Change => change(Some(f.new_users as f64), Some(previous.new_users as f64)),
        Column::Repeat => f.repeat_rate(),
        Column::ReturnD7 => f.return_d7(),
        Column::ReturnD30 => f.return_d30(),
    }
}

fn order(a: Option<f64>, b: Option<f64>, desc: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(x), Some(y)) => {
            if desc {
                y.total_cmp(&x)
            } else {
                x.total_cmp(&y)
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts the families, and the placements inside each, by `col`.
pub fn sort(groups: &mut [GroupRow], col: Column, desc: bool) {
    let total = total_new_users(groups);
    groups.sort_by(|a, b| {
        order(
            sort_value(col, &a.figures, &a.previous, total),
            sort_value(col, &b.figures, &b.previous, total),
            desc,
        )
    });
    for g in groups.iter_mut() {
        g.placements.sort_by(|a, b| {
            order(
                sort_value(col, &a.figures, &a.previous, total),
                sort_value(col, &b.figures, &b.previous, total),
                desc,
            )
        });
    }
}

/// Organic (no money spent in the months shown) against paid placements.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FreeVsPaid {
    pub free: Figures,
    pub paid: Figures,
}

pub fn free_vs_paid(groups: &[GroupRow]) -> FreeVsPaid {
    let mut out = FreeVsPaid::default();
    for p in groups.iter().flat_map(|g| &g.placements) {
        if p.money_cost > 0.0 {
            out.paid.add(&p.figures);
        } else {
            out.free.add(&p.figures);
        }
    }
    out
}

/// Per month: the share of new users that free placements (no money cost
/// that month) brought; `None` for a month without new users.
pub fn free_share_by_month(rows: &[ChannelSpend], months: &[String]) -> Vec<(String, Option<f64>)> {
    months
        .iter()
        .map(|m| {
            let mine: Vec<&ChannelSpend> = rows.iter().filter(|r| &r.month == m).collect();
            let free: f64 = mine
                .iter()
                .filter(|r| !(r.cost.is_finite() && r.cost > 0.0))
                .map(|r| f64::from(r.new_users))
                .sum();
            let all: f64 = mine.iter().map(|r| f64::from(r.new_users)).sum();
            (m.clone(), crate::domain::shared::ratio::ratio(free, all))
        })
        .collect()
}

/// The latest month with rows, if any.
pub fn last_month(rows: &[ChannelSpend]) -> Option<String> {
    rows.iter().map(|r| r.month.clone()).max()
}

/// The most recent whole month before `last_day` (the what-if's "recent").
pub fn last_whole_month(last_day: NaiveDate) -> String {
    let next = add_days(last_day, 1);
    if next.format("%d").to_string() == "01" {
        month_of(last_day)
    } else {
        month_of(add_days(first_of_month(last_day), -1))
    }
}

/// A staff-time assumption naming a placement that has no rows.
pub fn unknown_placement(a: &StaffTime, rows: &[ChannelSpend]) -> bool {
    !rows
        .iter()
        .any(|r| r.channel == a.channel && r.placement == a.placement)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::ratios::row;
    use crate::domain::cockpit::dimensions::Channel;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn months_of_periods_and_their_comparison() {
        let p = Period::new(d("2026-10-29"), d("2026-11-27"));
        assert_eq!(period_months(&p), vec!["2026-10", "2026-11"]);
        assert_eq!(
            comparison_months(&period_months(&p), Comparison::Previous),
            vec!["2026-08", "2026-09"]
        );
        assert_eq!(
            comparison_months(&["2026-01".to_string()], Comparison::YearAgo),
            vec!["2025-01"]
        );
        assert!(comparison_months(&period_months(&p), Comparison::None).is_empty());
        assert_eq!(
            months_ending("2026-02", 3),
            vec!["2025-12", "2026-01", "2026-02"]
        );
        assert_eq!(last_whole_month(d("2026-11-27")), "2026-10");
        assert_eq!(last_whole_month(d("2026-10-31")), "2026-10");
    }

    #[test]
    fn table_with_staff_time_comparison_and_sorting() {
        let rows = vec![
            // Ads: ¥1000 → 100 users; September ¥800 → 100 users.
            row(
                "2026-10",
                Channel::PaidAds,
                "朋友圈广告",
                [1000.0, 0.0, 0.0, 0.0, 100.0, 10.0, 3000.0],
            ),
            row(
                "2026-09",
                Channel::PaidAds,
                "朋友圈广告",
                [800.0, 0.0, 0.0, 0.0, 100.0, 10.0, 3000.0],
            ),
            // Groups: free, 300 users (50 in September).
            row(
                "2026-10",
                Channel::Social,
                "微信群",
                [0.0, 0.0, 0.0, 0.0, 300.0, 30.0, 900.0],
            ),
            row(
                "2026-09",
                Channel::Social,
                "微信群",
                [0.0, 0.0, 0.0, 0.0, 50.0, 3.0, 90.0],
            ),
        ];
        let staff = vec![StaffTime {
            id: "st".into(),
            channel: Channel::Social.into(),
            placement: "微信群".into(),
            hours_per_month: 10.0,
            hourly_rate: 60.0,
            note: String::new(),
        }];
        let months = vec!["2026-10".to_string()];
        let prev = comparison_months(&months, Comparison::Previous);
        let money = build(
            &rows,
            &staff,
            &months,
            &prev,
            CostBasis::MoneyOnly,
            d("2026-11-27"),
        );
        assert_eq!(money.len(), 2);
        let social = &money[0];
        assert_eq!(social.figures.cpa(), CostPer::Free);
        // New users 50 → 300: +500 %.
        assert_eq!(
            sort_value(Column::Change, &social.figures, &social.previous, 400),
            Some(5.0)
        );
        // Share 300 / 400.
        assert_eq!(
            sort_value(Column::Share, &social.figures, &social.previous, 400),
            Some(0.75)
        );
        // With staff time: October costs 10 h × ¥60 = ¥600 → CPA 600 / 300 = 2.
        let both = build(
            &rows,
            &staff,
            &months,
            &prev,
            CostBasis::MoneyAndTime,
            d("2026-11-27"),
        );
        assert_eq!(both[0].figures.cpa(), CostPer::Yuan(2.0));
        assert_eq!(both[0].placements[0].money_cost, 0.0);
        // Sorting by CPA ascending: social (2) before ads (10); descending reversed.
        let mut sorted = both.clone();
        sort(&mut sorted, Column::Cpa, false);
        assert_eq!(sorted[0].channel, Channel::Social);
        sort(&mut sorted, Column::Cpa, true);
        assert_eq!(sorted[0].channel, Channel::PaidAds);
        // Free vs paid goes by money: groups are free even with time counted.
        let split = free_vs_paid(&both);
        assert_eq!(split.free.new_users, 300);
        assert_eq!(split.paid.cost, 1000.0);
        // Free share per month: Sept 50 / 150, Oct 300 / 400.
        let shares = free_share_by_month(
            &rows,
            &["2026-09".into(), "2026-10".into(), "2026-11".into()],
        );
        assert_eq!(shares[0].1, Some(50.0 / 150.0));
        assert_eq!(shares[1].1, Some(0.75));
        assert_eq!(shares[2].1, None);
        assert!(!unknown_placement(&staff[0], &rows));
        let ghost = StaffTime {
            placement: "无此群".into(),
            ..staff[0].clone()
        };
        assert!(unknown_placement(&ghost, &rows));
    }

    #[test]
    fn not_available_sorts_last_both_ways() {
        let a = Figures {
            cost: 10.0,
            new_users: 0,
            ..Default::default()
        };
        let b = Figures {
            cost: 10.0,
            new_users: 5,
            ..Default::default()
        };
        let mk = |f: Figures, name: &str| GroupRow {
            channel: ChannelRef::Unknown(name.into()),
            figures: f,
            previous: Figures::default(),
            placements: vec![],
        };
        let mut groups = vec![mk(a, "a"), mk(b, "b")];
        sort(&mut groups, Column::Cpa, false);
        assert_eq!(groups[0].channel, ChannelRef::Unknown("b".into()));
        sort(&mut groups, Column::Cpa, true);
        assert_eq!(groups[0].channel, ChannelRef::Unknown("b".into()));
    }
}
