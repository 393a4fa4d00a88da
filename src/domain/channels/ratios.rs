//! Per placement and per channel figures: counts are summed first and the
//! ratios computed from the sums, never averaged (an average of CPAs would
//! weigh a ¥50 test placement like a ¥18 000 campaign).
//!
//! Definitions (the table's column notes say the same):
//! - CTR = clicks / reach. The rows carry reach (people, de-duplicated by the
//!   platform), not impressions, so this is clicks per person reached.
//! - Conversion = orders / visits (visit-to-order rate).
//! - CPA = cost / new users; cost per order = cost / orders.
//! - ROAS = revenue / cost; ROI = (revenue − cost) / cost.
//! - Share = this row's new users / all rows' new users.
//!
//! - Quality: repeat-purchase rate and day-7/day-30 return of the new users,
//!   over the rows that carry them (older backends do not: "not available").
//!
//! Zero cost is "free" (a marker, not ¥0 per user or an infinite ROAS); a
//! cost with nothing bought (no new users, no orders) is "not available".
//! Nothing here yields NaN or infinity.

use crate::domain::channels::model::{ChannelRef, ChannelSpend};
use crate::domain::cockpit::dimensions::Channel;
use crate::domain::shared::ratio::{change, ratio};

/// Summed counts of one placement, one channel or everything.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub cost: f64,
    pub reach: u64,
    pub clicks: u64,
    pub visits: u64,
    pub new_users: u64,
    pub orders: u64,
    pub revenue: f64,
    /// New users of the rows that carry quality figures, and of them: who
    /// ordered again, came back on day 7, on day 30.
    pub quality_users: u64,
    pub repeat_buyers: u64,
    pub returned_d7: u64,
    pub returned_d30: u64,
}

impl Figures {
    /// Adds one row. Non-finite money from outside data counts as zero so one
    /// bad row cannot turn a whole channel's sum into NaN.
    pub fn add_row(&mut self, row: &ChannelSpend) {
        self.cost += finite_or_zero(row.cost);
        self.reach += u64::from(row.reach);
        self.clicks += u64::from(row.clicks);
        self.visits += u64::from(row.visits);
        self.new_users += u64::from(row.new_users);
        self.orders += u64::from(row.orders);
        self.revenue += finite_or_zero(row.revenue);
        if let (Some(repeat), Some(d7), Some(d30)) =
            (row.repeat_buyers, row.returned_d7, row.returned_d30)
        {
            self.quality_users += u64::from(row.new_users);
            self.repeat_buyers += u64::from(repeat.min(row.new_users));
            self.returned_d7 += u64::from(d7.min(row.new_users));
            self.returned_d30 += u64::from(d30.min(row.new_users));
        }
    }

    pub fn add(&mut self, other: &Figures) {
        self.cost += other.cost;
        self.reach += other.reach;
        self.clicks += other.clicks;
        self.visits += other.visits;
        self.new_users += other.new_users;
        self.orders += other.orders;
        self.revenue += other.revenue;
        self.quality_users += other.quality_users;
        self.repeat_buyers += other.repeat_buyers;
        self.returned_d7 += other.returned_d7;
        self.returned_d30 += other.returned_d30;
    }

    pub fn from_rows<'a>(rows: impl IntoIterator<Item = &'a ChannelSpend>) -> Figures {
        let mut sum = Figures::default();
        for row in rows {
            sum.add_row(row);
        }
        sum
    }

    /// Clicks per person reached.
    pub fn ctr(&self) -> Option<f64> {
        ratio(self.clicks as f64, self.reach as f64)
    }

    /// Orders per visit.
    pub fn conversion(&self) -> Option<f64> {
        ratio(self.orders as f64, self.visits as f64)
    }

    /// Cost per new user.
    pub fn cpa(&self) -> CostPer {
        CostPer::of(self.cost, self.new_users)
    }

    pub fn cost_per_order(&self) -> CostPer {
        CostPer::of(self.cost, self.orders)
    }

    /// Revenue per yuan spent.
    pub fn roas(&self) -> Return {
        Return::of(self.cost, |cost| ratio(self.revenue, cost))
    }

    /// Profit over cost, before the cost of goods (revenue − spend) / spend.
    pub fn roi(&self) -> Return {
        Return::of(self.cost, |cost| ratio(self.revenue - cost, cost))
    }

    /// Share of the new users who ordered again; `None` without quality data.
    pub fn repeat_rate(&self) -> Option<f64> {
        ratio(self.repeat_buyers as f64, self.quality_users as f64)
    }

    pub fn return_d7(&self) -> Option<f64> {
        ratio(self.returned_d7 as f64, self.quality_users as f64)
    }

    pub fn return_d30(&self) -> Option<f64> {
        ratio(self.returned_d30 as f64, self.quality_users as f64)
    }

    /// This row's share of `total_new_users` (all rows of the period).
    pub fn share_of_new_users(&self, total_new_users: u64) -> Option<f64> {
        ratio(self.new_users as f64, total_new_users as f64)
    }
}

fn finite_or_zero(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// A cost per unit (CPA, cost per order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CostPer {
    Yuan(f64),
    /// Nothing was spent: the units came free (the UI shows "free").
    Free,
    /// Money was spent and no unit came of it (the UI shows "—").
    NotAvailable,
}

impl CostPer {
    fn of(cost: f64, units: u64) -> CostPer {
        if cost <= 0.0 {
            // Negative cost (a refund month) reads as free rather than a
            // negative CPA nobody can interpret.
            return CostPer::Free;
        }
        match ratio(cost, units as f64) {
            Some(v) => CostPer::Yuan(v),
            None => CostPer::NotAvailable,
        }
    }

    pub fn yuan(self) -> Option<f64> {
        match self {
            CostPer::Yuan(v) => Some(v),
            CostPer::Free | CostPer::NotAvailable => None,
        }
    }
}

/// A return on spend (ROAS, ROI): without spend there is nothing to return on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Return {
    Times(f64),
    Free,
}

impl Return {
    fn of(cost: f64, compute: impl Fn(f64) -> Option<f64>) -> Return {
        match compute(cost) {
            Some(v) if cost > 0.0 => Return::Times(v),
            _ => Return::Free,
        }
    }

    pub fn times(self) -> Option<f64> {
        match self {
            Return::Times(v) => Some(v),
            Return::Free => None,
        }
    }
}

/// Relative changes against the comparison period; `None` where either side
/// has no value or the earlier one is zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Changes {
    pub cost: Option<f64>,
    pub new_users: Option<f64>,
    pub orders: Option<f64>,
    pub revenue: Option<f64>,
    pub cpa: Option<f64>,
    pub roas: Option<f64>,
}

impl Changes {
    pub fn between(current: &Figures, previous: &Figures) -> Changes {
        let count = |c: u64, p: u64| change(Some(c as f64), Some(p as f64));
        Changes {
            cost: change(Some(current.cost), Some(previous.cost)),
            new_users: count(current.new_users, previous.new_users),
            orders: count(current.orders, previous.orders),
            revenue: change(Some(current.revenue), Some(previous.revenue)),
            cpa: change(current.cpa().yuan(), previous.cpa().yuan()),
            roas: change(current.roas().times(), previous.roas().times()),
        }
    }
}

/// One placement's sum over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementFigures {
    pub channel: ChannelRef,
    pub placement: String,
    pub figures: Figures,
}

/// One channel family: its placements' sums and their total.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelGroup {
    pub channel: ChannelRef,
    pub figures: Figures,
    /// Sorted by placement name so the fold-out order is stable.
    pub placements: Vec<PlacementFigures>,
}

/// The rows whose month lies in `first..=last` (`YYYY-MM` compares as text).
pub fn in_months<'a>(
    rows: &'a [ChannelSpend],
    first: &'a str,
    last: &'a str,
) -> impl Iterator<Item = &'a ChannelSpend> + 'a {
    rows.iter()
        .filter(move |r| r.month.as_str() >= first && r.month.as_str() <= last)
}

/// Sums rows per (channel, placement): a placement spread over months is one row.
pub fn by_placement<'a>(rows: impl IntoIterator<Item = &'a ChannelSpend>) -> Vec<PlacementFigures> {
    let mut out: Vec<PlacementFigures> = Vec::new();
    for row in rows {
        match out
            .iter_mut()
            .find(|p| p.channel == row.channel && p.placement == row.placement)
        {
            Some(p) => p.figures.add_row(row),
            None => {
                let mut figures = Figures::default();
                figures.add_row(row);
                out.push(PlacementFigures {
                    channel: row.channel.clone(),
                    placement: row.placement.clone(),
                    figures,
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.channel, &a.placement).cmp(&(&b.channel, &b.placement)));
    out
}

/// Folds placements into their channel family (sum counts, then ratios), in
/// the channels' declared order, unknown channel ids last; channels without
/// rows are left out.
pub fn by_channel<'a>(rows: impl IntoIterator<Item = &'a ChannelSpend>) -> Vec<ChannelGroup> {
    let placements = by_placement(rows);
    let mut channels: Vec<ChannelRef> = Channel::ALL.iter().map(|&c| c.into()).collect();
    for p in &placements {
        if !channels.contains(&p.channel) {
            channels.push(p.channel.clone());
        }
    }
    channels
        .into_iter()
        .filter_map(|channel| {
            let mine: Vec<PlacementFigures> = placements
                .iter()
                .filter(|p| p.channel == channel)
                .cloned()
                .collect();
            if mine.is_empty() {
                return None;
            }
            let mut figures = Figures::default();
            for p in &mine {
                figures.add(&p.figures);
            }
            Some(ChannelGroup {
                channel,
                figures,
                placements: mine,
            })
        })
        .collect()
}

/// Everything summed, e.g. for the share-of-new-users denominator.
pub fn total(groups: &[ChannelGroup]) -> Figures {
    let mut sum = Figures::default();
    for g in groups {
        sum.add(&g.figures);
    }
    sum
}

#[cfg(test)]
pub(crate) fn row(
    month: &str,
    channel: Channel,
    placement: &str,
    counts: [f64; 7],
) -> ChannelSpend {
    let [cost, reach, clicks, visits, new_users, orders, revenue] = counts;
    ChannelSpend {
        month: month.into(),
        channel: channel.into(),
        placement: placement.into(),
        cost,
        reach: reach as u32,
        clicks: clicks as u32,
        visits: visits as u32,
        new_users: new_users as u32,
        orders: orders as u32,
        revenue,
        repeat_buyers: None,
        returned_d7: None,
        returned_d30: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn every_ratio_of_the_api_doc_example() {
        // docs/api.md: cost 18000, reach 412000, clicks 9630, visits 7210,
        // new users 2384, orders 1166, revenue 45890.4.
        let r = row(
            "2025-10",
            Channel::PaidAds,
            "朋友圈广告",
            [18000.0, 412000.0, 9630.0, 7210.0, 2384.0, 1166.0, 45890.4],
        );
        let f = Figures::from_rows([&r]);
        // CTR 9630 / 412000 = 0.023373786...
        assert!(close(f.ctr().unwrap(), 9630.0 / 412000.0));
        // Conversion 1166 / 7210 = 0.161719...
        assert!(close(f.conversion().unwrap(), 1166.0 / 7210.0));
        // CPA 18000 / 2384 = 7.5503...; per order 18000 / 1166 = 15.4374...
        assert!(close(f.cpa().yuan().unwrap(), 18000.0 / 2384.0));
        assert!(close(f.cost_per_order().yuan().unwrap(), 18000.0 / 1166.0));
        // ROAS 45890.4 / 18000 = 2.5494666...; ROI 27890.4 / 18000 = 1.5494666...
        assert!(close(f.roas().times().unwrap(), 2.549_466_666_666_667));
        assert!(close(f.roi().times().unwrap(), 1.549_466_666_666_667));
        // Share of 4768 new users in all = 0.5.
        assert_eq!(f.share_of_new_users(4768), Some(0.5));
    }

    #[test]
    fn zero_cost_is_free_and_zero_results_are_not_available() {
        // An organic placement: no cost, 40 new users, 10 orders, ¥300.
        let free = Figures::from_rows([&row(
            "2025-10",
            Channel::Social,
            "老带新",
            [0.0, 0.0, 0.0, 90.0, 40.0, 10.0, 300.0],
        )]);
        assert_eq!(free.cpa(), CostPer::Free);
        assert_eq!(free.cost_per_order(), CostPer::Free);
        assert_eq!(free.roas(), Return::Free);
        assert_eq!(free.roi(), Return::Free);
        // Zero reach → CTR not available (not 0/0 = NaN).
        assert_eq!(free.ctr(), None);
        // ¥500 spent, 1000 reached, 0 clicks, nothing converted.
        let dud = Figures::from_rows([&row(
            "2025-10",
            Channel::PaidAds,
            "测试",
            [500.0, 1000.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        )]);
        assert_eq!(dud.ctr(), Some(0.0));
        assert_eq!(dud.conversion(), None);
        assert_eq!(dud.cpa(), CostPer::NotAvailable);
        assert_eq!(dud.cost_per_order(), CostPer::NotAvailable);
        // ROAS 0 / 500 = 0; ROI (0 − 500) / 500 = −1: a loss, shown as such.
        assert_eq!(dud.roas(), Return::Times(0.0));
        assert_eq!(dud.roi(), Return::Times(-1.0));
        assert_eq!(dud.share_of_new_users(0), None);
    }

    #[test]
    fn placements_fold_into_channels_by_summing_counts_not_averaging_ratios() {
        let rows = vec![
            // 朋友圈广告 over two months: ¥1000 → 100 users (CPA 10), ¥3000 → 50 (CPA 60).
            row(
                "2025-09",
                Channel::PaidAds,
                "朋友圈广告",
                [1000.0, 0.0, 0.0, 0.0, 100.0, 50.0, 2000.0],
            ),
            row(
                "2025-10",
                Channel::PaidAds,
                "朋友圈广告",
                [3000.0, 0.0, 0.0, 0.0, 50.0, 50.0, 2000.0],
            ),
            // A second ad placement: ¥100 → 100 users.
            row(
                "2025-10",
                Channel::PaidAds,
                "公众号广告",
                [100.0, 0.0, 0.0, 0.0, 100.0, 0.0, 0.0],
            ),
            row(
                "2025-10",
                Channel::Social,
                "老带新",
                [0.0, 0.0, 0.0, 0.0, 100.0, 0.0, 0.0],
            ),
        ];
        let groups = by_channel(&rows);
        assert_eq!(groups.len(), 2);
        // Declared order: social before paid_ads.
        assert_eq!(groups[0].channel, Channel::Social);
        let ads = &groups[1];
        assert_eq!(ads.placements.len(), 2);
        assert_eq!(ads.placements[0].placement, "公众号广告");
        // 朋友圈广告: 4000 / 150 = 26.67, not the mean of 10 and 60 = 35.
        assert!(close(
            ads.placements[1].figures.cpa().yuan().unwrap(),
            4000.0 / 150.0
        ));
        // Channel: 4100 / 250 = 16.4 (averaging placements would give (26.67 + 1) / 2).
        assert!(close(ads.figures.cpa().yuan().unwrap(), 16.4));
        let all = total(&groups);
        assert_eq!(all.new_users, 350);
        // Paid ads' share: 250 / 350 = 5/7.
        assert!(close(
            ads.figures.share_of_new_users(all.new_users).unwrap(),
            5.0 / 7.0
        ));
        // Month filter: only October → 朋友圈广告 ¥3000 / 50 = 60.
        let october = by_placement(in_months(&rows, "2025-10", "2025-10"));
        let moments = october
            .iter()
            .find(|p| p.placement == "朋友圈广告")
            .unwrap();
        assert_eq!(moments.figures.cpa(), CostPer::Yuan(60.0));
    }

    #[test]
    fn changes_against_the_comparison_period() {
        // Before: ¥1000, 100 users, 20 orders, ¥3000 (CPA 10, ROAS 3).
        // Now:    ¥1500, 100 users, 30 orders, ¥3000 (CPA 15, ROAS 2).
        let before = Figures {
            cost: 1000.0,
            new_users: 100,
            orders: 20,
            revenue: 3000.0,
            ..Default::default()
        };
        let now = Figures {
            cost: 1500.0,
            new_users: 100,
            orders: 30,
            revenue: 3000.0,
            ..Default::default()
        };
        let c = Changes::between(&now, &before);
        assert_eq!(c.cost, Some(0.5));
        assert_eq!(c.new_users, Some(0.0));
        assert_eq!(c.orders, Some(0.5));
        assert_eq!(c.revenue, Some(0.0));
        // CPA 10 → 15: +50 %; ROAS 3 → 2: −33.3 %.
        assert!(close(c.cpa.unwrap(), 0.5));
        assert!(close(c.roas.unwrap(), -1.0 / 3.0));
        // Against a free period there is no CPA change to speak of.
        let free = Figures {
            new_users: 10,
            ..Default::default()
        };
        let c = Changes::between(&now, &free);
        assert_eq!(c.cpa, None);
        assert_eq!(c.roas, None);
        assert_eq!(c.cost, None);
    }

    #[test]
    fn non_finite_money_from_outside_counts_as_zero() {
        let bad = row(
            "2025-10",
            Channel::Content,
            "小红书",
            [f64::NAN, 0.0, 0.0, 0.0, 5.0, 1.0, f64::INFINITY],
        );
        let f = Figures::from_rows([&bad]);
        assert_eq!(f.cost, 0.0);
        assert_eq!(f.revenue, 0.0);
        assert_eq!(f.cpa(), CostPer::Free);
    }

    #[test]
    fn quality_over_the_rows_that_carry_it_and_unknown_channels_last() {
        let mut a = row(
            "2025-10",
            Channel::Social,
            "微信群",
            [0.0, 0.0, 0.0, 0.0, 100.0, 0.0, 0.0],
        );
        a.repeat_buyers = Some(30);
        a.returned_d7 = Some(40);
        a.returned_d30 = Some(20);
        // An old-shape row of the same placement: its 50 users do not dilute the rates.
        let b = row(
            "2025-11",
            Channel::Social,
            "微信群",
            [0.0, 0.0, 0.0, 0.0, 50.0, 0.0, 0.0],
        );
        let mut c = row(
            "2025-11",
            Channel::Social,
            "微信群",
            [0.0, 0.0, 0.0, 0.0, 100.0, 0.0, 0.0],
        );
        c.channel = ChannelRef::Unknown("tv".into());
        let groups = by_channel([&a, &b, &c]);
        assert_eq!(groups.len(), 2);
        let social = &groups[0].figures;
        // 30 / 100, 40 / 100, 20 / 100.
        assert_eq!(social.repeat_rate(), Some(0.3));
        assert_eq!(social.return_d7(), Some(0.4));
        assert_eq!(social.return_d30(), Some(0.2));
        assert_eq!(social.new_users, 150);
        // The unknown channel is listed (after the known ones), with no quality data.
        assert_eq!(groups[1].channel, ChannelRef::Unknown("tv".into()));
        assert_eq!(groups[1].figures.repeat_rate(), None);
    }
}
