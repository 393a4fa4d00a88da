//! Campaign planning and review (复盘): templates, clashes between
//! campaigns, actual figures from the metric facts, ROI and comparison.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod model;
pub mod reschedule;
pub mod timeline;

use crate::domain::campaigns::model::{
    Audience, Campaign, CampaignFigures, CampaignGoal, CampaignStatus, CampaignType,
};
use crate::domain::cockpit::dimensions::{Channel, District};
use crate::domain::cockpit::model::MetricFact;
use crate::domain::cockpit::totals::Totals;
use crate::domain::shared::dates::add_days;
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::ratio::ratio;

// ------------------------------------------------------------- templates --

/// Starting points for a new campaign, from the playbook of the seed
/// article, each starting a week from `today` (time to prepare material).
/// Names are the brand's own campaign names and stay Chinese in both
/// languages. Ids are empty: the caller assigns one on save.
pub fn templates(today: NaiveDate) -> Vec<Campaign> {
    let start = add_days(today, 7);
    let make = |name: &str,
                kind: CampaignType,
                goal: CampaignGoal,
                audience: Audience,
                channels: &[Channel],
                days: i64,
                budget: f64,
                targets: (u32, u32, u32, f64)| Campaign {
        id: String::new(),
        name: name.to_string(),
        kind,
        goal,
        audience,
        districts: Vec::new(),
        channels: channels.to_vec(),
        start,
        end: add_days(start, days - 1),
        budget,
        targets: CampaignFigures {
            participants: targets.0,
            new_users: targets.1,
            orders: targets.2,
            revenue: targets.3,
        },
        status: CampaignStatus::Planned,
        review: None,
    };
    vec![
        // New-user coupon pack: paid and social reach bring first visits.
        make(
            "津门新人礼",
            CampaignType::CouponPack,
            CampaignGoal::Acquisition,
            Audience::New,
            &[Channel::Social, Channel::PaidAds, Channel::OfflineQr],
            14,
            20_000.0,
            (4000, 2500, 1200, 48_000.0),
        ),
        // Weekday lunch (11:00–14:00) discount for office workers nearby.
        make(
            "午市特惠（工作日午餐）",
            CampaignType::Discount,
            CampaignGoal::Activation,
            Audience::Active,
            &[Channel::OfflineQr, Channel::Direct],
            30,
            15_000.0,
            (6000, 300, 4500, 135_000.0),
        ),
        // Three-person group buy: the bundle lifts the basket size.
        make(
            "三人拼团·津味套餐",
            CampaignType::GroupBuy,
            CampaignGoal::RaiseAov,
            Audience::All,
            &[Channel::Social],
            10,
            8_000.0,
            (2400, 600, 800, 64_000.0),
        ),
        // Flash sale of slow-moving stock before it expires.
        make(
            "周末限时秒杀",
            CampaignType::FlashSale,
            CampaignGoal::ClearStock,
            Audience::All,
            &[],
            3,
            5_000.0,
            (3000, 400, 1500, 30_000.0),
        ),
        make(
            "签到有礼",
            CampaignType::CheckIn,
            CampaignGoal::Activation,
            Audience::Active,
            &[],
            30,
            6_000.0,
            (5000, 0, 1000, 30_000.0),
        ),
        // Points exchange wakes up members who stopped buying.
        make(
            "积分兑换·老友回归",
            CampaignType::Points,
            CampaignGoal::Activation,
            Audience::Dormant,
            &[],
            21,
            10_000.0,
            (1500, 0, 600, 24_000.0),
        ),
        // Share-to-draw lottery: each share reaches friends who are new.
        make(
            "互动抽奖·分享赢好礼",
            CampaignType::Lottery,
            CampaignGoal::Acquisition,
            Audience::All,
            &[Channel::Social, Channel::Content],
            7,
            6_000.0,
            (5000, 1500, 500, 15_000.0),
        ),
    ]
}

// -------------------------------------------------------------- overlaps --

fn audiences_meet(a: Audience, b: Audience) -> bool {
    a == b || a == Audience::All || b == Audience::All
}

/// Empty means every district, which meets any other set.
fn districts_meet(a: &[District], b: &[District]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|d| b.contains(d))
}

/// Pairs of campaigns that compete for the same people: their dates share
/// at least one day (both ends inclusive), their audiences match (All
/// matches every audience) and their districts meet. Reviewed campaigns are
/// history and never clash. Pairs keep the input order: (earlier, later).
pub fn overlaps(campaigns: &[Campaign]) -> Vec<(String, String)> {
    let mut live: Vec<&Campaign> = campaigns
        .iter()
        .filter(|c| c.status != CampaignStatus::Reviewed)
        .collect();
    // Sorted by start, a campaign can only meet the ones that start before it
    // ends: a sweep instead of every pair, so thousands of campaigns stay fast.
    live.sort_by_key(|c| c.start);
    let mut out = Vec::new();
    for (i, a) in live.iter().enumerate() {
        for b in live.iter().skip(i + 1).take_while(|b| b.start <= a.end) {
            if a.start <= b.end
                && audiences_meet(a.audience, b.audience)
                && districts_meet(&a.districts, &b.districts)
            {
                out.push((a.id.clone(), b.id.clone()));
                if out.len() >= MAX_OVERLAP_PAIRS {
                    return out;
                }
            }
        }
    }
    out
}

/// Past this many clashing pairs the list stops: nobody reads more, and a
/// backend sending thousands of identical campaigns must not stall the page.
pub const MAX_OVERLAP_PAIRS: usize = 200;

// --------------------------------------------------------------- actuals --

/// A campaign's figures summed from the metric facts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Derived {
    /// The campaign's days, `start..=end`.
    pub campaign: Totals,
    /// The same number of days right before `start`: what would have
    /// happened anyway.
    pub baseline: Totals,
    pub days: u32,
}

/// Metric facts sorted by date, so a campaign's windows are read by binary
/// search instead of scanning every fact (a planner with thousands of
/// campaigns derives each one's figures).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactsByDate(Vec<MetricFact>);

impl FactsByDate {
    pub fn new(mut facts: Vec<MetricFact>) -> Self {
        facts.sort_by_key(|f| f.date);
        Self(facts)
    }

    /// The facts dated `from..=to`.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> &[MetricFact] {
        let lo = self.0.partition_point(|f| f.date < from);
        let hi = self.0.partition_point(|f| f.date <= to);
        self.0.get(lo..hi.max(lo)).unwrap_or_default()
    }

    pub fn all(&self) -> &[MetricFact] {
        &self.0
    }
}

/// Sums the facts of the campaign window and of the baseline window of
/// equal length just before it, both restricted to the campaign's districts
/// and channels (empty = all).
pub fn derive_actuals(c: &Campaign, facts: &FactsByDate) -> Derived {
    if c.end < c.start {
        return Derived::default();
    }
    let days = (c.end - c.start).num_days() + 1;
    let baseline_start = add_days(c.start, -days);
    let mut out = Derived {
        days: u32::try_from(days).unwrap_or(0),
        ..Derived::default()
    };
    for f in facts.between(baseline_start, c.end) {
        if !(c.districts.is_empty() || c.districts.contains(&f.district))
            || !(c.channels.is_empty() || c.channels.contains(&f.channel))
        {
            continue;
        }
        if c.start <= f.date && f.date <= c.end {
            out.campaign.add(f);
        } else if baseline_start <= f.date && f.date < c.start {
            out.baseline.add(f);
        }
    }
    out
}

/// Campaign figures from the facts: participants are the window's visitors
/// and new users its new visitors (both summed per day, so a person
/// visiting twice counts twice — the facts hold no user ids).
pub fn figures_from_derived(d: &Derived) -> CampaignFigures {
    let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    CampaignFigures {
        participants: count(d.campaign.visitors),
        new_users: count(d.campaign.new_visitors),
        orders: count(d.campaign.orders),
        revenue: d.campaign.revenue,
    }
}

// ---------------------------------------------------------------- review --

/// The review ratios. Each is `None` when its denominator is zero (or
/// negative), never NaN or infinite.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReviewFigures {
    /// Orders / participants.
    pub conversion_rate: Option<f64>,
    /// Revenue credited to the campaign: actual revenue minus the baseline
    /// revenue when a baseline is given.
    pub attributable_revenue: f64,
    /// (attributable revenue − cost) / cost.
    pub roi: Option<f64>,
    /// Cost / new users (CPA of acquisition).
    pub cost_per_new_user: Option<f64>,
    /// (campaign revenue − baseline revenue) / baseline revenue.
    pub lift: Option<f64>,
}

impl ReviewFigures {
    /// ROI is net of what would have been sold anyway: with a baseline
    /// (the same number of days right before the campaign) only the revenue
    /// above it is credited, so a campaign that merely rode a busy season
    /// does not look profitable. Without one, all actual revenue is credited
    /// (gross ROI), which overstates it; the UI should say which it shows.
    /// Pass a baseline only when `actual` comes from the same facts (a
    /// derived review); hand-entered campaign-only revenue minus a whole
    /// shop's baseline would mean nothing.
    ///
    /// Lift compares `campaign` totals (or, without them, the actual
    /// revenue) with the baseline, and needs a baseline with revenue.
    pub fn compute(
        actual: &CampaignFigures,
        cost: f64,
        baseline: Option<&Totals>,
        campaign: Option<&Totals>,
    ) -> ReviewFigures {
        let baseline_revenue = baseline.map(|b| b.revenue);
        let attributable_revenue = actual.revenue - baseline_revenue.unwrap_or(0.0);
        let campaign_revenue = campaign.map_or(actual.revenue, |t| t.revenue);
        ReviewFigures {
            conversion_rate: ratio(f64::from(actual.orders), f64::from(actual.participants)),
            attributable_revenue,
            roi: ratio(attributable_revenue - cost, cost),
            cost_per_new_user: ratio(cost, f64::from(actual.new_users)),
            lift: baseline_revenue.and_then(|b| ratio(campaign_revenue - b, b)),
        }
    }

    /// The figures of a campaign's stored review (no baseline is stored, so
    /// ROI is gross); `None` before it is reviewed.
    pub fn of(c: &Campaign) -> Option<ReviewFigures> {
        c.review
            .as_ref()
            .map(|r| ReviewFigures::compute(&r.actual, r.cost, None, None))
    }
}

/// Pooled ROI per group of reviewed campaigns (status Reviewed with a
/// review): Σ(revenue − cost) / Σcost, so a big campaign weighs more than a
/// small one (the mean of per-campaign ROIs would let a ¥500 test dominate).
/// Revenue is the review's actual revenue, since baselines are not stored.
/// `None` when the group spent nothing. Groups in key order, with counts.
pub fn roi_by<K: Ord>(
    campaigns: &[Campaign],
    key: impl Fn(&Campaign) -> K,
) -> Vec<(K, Option<f64>, usize)> {
    let mut groups: BTreeMap<K, (f64, f64, usize)> = BTreeMap::new();
    for c in campaigns {
        let Some(r) = c.review.as_ref() else {
            continue;
        };
        if c.status != CampaignStatus::Reviewed
            || !r.actual.revenue.is_finite()
            || !r.cost.is_finite()
        {
            continue;
        }
        let g = groups.entry(key(c)).or_insert((0.0, 0.0, 0));
        g.0 += r.actual.revenue;
        g.1 += r.cost;
        g.2 += 1;
    }
    groups
        .into_iter()
        .map(|(k, (revenue, cost, n))| (k, ratio(revenue - cost, cost), n))
        .collect()
}

// ----------------------------------------------------------------- table --

labelled_enum! {
    /// Columns the comparison table sorts by.
    CampaignSort {
        Name = "name", "名称", "Name";
        Type = "type", "类型", "Type";
        Start = "start", "开始日期", "Start";
        Budget = "budget", "预算", "Budget";
        Roi = "roi", "ROI", "ROI";
        Conversion = "conversion", "转化率", "Conversion";
    }
}

/// Sorts the table rows in place. Rows without the figure (no review yet)
/// go last in either direction; ties fall back to start date, then name.
/// Names compare by code point (no pinyin collation here).
pub fn sort_campaigns<T: Borrow<Campaign>>(rows: &mut [T], by: CampaignSort, descending: bool) {
    let figure = |c: &Campaign| -> Option<f64> {
        match by {
            CampaignSort::Roi => ReviewFigures::of(c).and_then(|f| f.roi),
            CampaignSort::Conversion => ReviewFigures::of(c).and_then(|f| f.conversion_rate),
            _ => None,
        }
    };
    let directed = |o: Ordering| if descending { o.reverse() } else { o };
    rows.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        let primary = match by {
            CampaignSort::Name => directed(a.name.cmp(&b.name)),
            CampaignSort::Type => directed(a.kind.cmp(&b.kind)),
            CampaignSort::Start => directed(a.start.cmp(&b.start)),
            CampaignSort::Budget => directed(a.budget.total_cmp(&b.budget)),
            CampaignSort::Roi | CampaignSort::Conversion => match (figure(a), figure(b)) {
                (Some(x), Some(y)) => directed(x.total_cmp(&y)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        primary
            .then_with(|| a.start.cmp(&b.start))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaigns::model::CampaignReview;
    use crate::domain::cockpit::dimensions::Platform;
    use crate::i18n::Lang;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn campaign(id: &str, start: NaiveDate, end: NaiveDate) -> Campaign {
        Campaign {
            id: id.into(),
            name: format!("活动{id}"),
            kind: CampaignType::Discount,
            goal: CampaignGoal::Activation,
            audience: Audience::Active,
            districts: Vec::new(),
            channels: Vec::new(),
            start,
            end,
            budget: 1000.0,
            targets: CampaignFigures::default(),
            status: CampaignStatus::Planned,
            review: None,
        }
    }

    fn reviewed(id: &str, kind: CampaignType, revenue: f64, cost: f64) -> Campaign {
        Campaign {
            kind,
            status: CampaignStatus::Reviewed,
            review: Some(CampaignReview {
                actual: CampaignFigures {
                    participants: 100,
                    new_users: 10,
                    orders: 20,
                    revenue,
                },
                cost,
                ..CampaignReview::default()
            }),
            ..campaign(id, d(2026, 1, 1), d(2026, 1, 7))
        }
    }

    fn fact(date: NaiveDate, district: District, channel: Channel, revenue: f64) -> MetricFact {
        MetricFact {
            date,
            district,
            channel,
            platform: Platform::Ios,
            visits: 20,
            visitors: 10,
            new_visitors: 3,
            sessions: 15,
            stay_seconds: 600,
            page_views: 40,
            bounces: 5,
            product_views: 9,
            carts: 4,
            orders: 2,
            paying_users: 2,
            repeat_buyers: 1,
            revenue,
        }
    }

    #[test]
    fn templates_are_planned_starting_points() {
        let today = d(2026, 5, 6);
        let t = templates(today);
        assert_eq!(t.len(), 7);
        assert!(t.iter().all(|c| c.id.is_empty()
            && c.status == CampaignStatus::Planned
            && c.review.is_none()
            && c.start == d(2026, 5, 13)
            && c.end >= c.start
            && c.budget > 0.0
            && c.targets.revenue > 0.0));
        let new_user = t.iter().find(|c| c.name == "津门新人礼").unwrap();
        assert_eq!(new_user.kind, CampaignType::CouponPack);
        assert_eq!(new_user.goal, CampaignGoal::Acquisition);
        assert_eq!(new_user.audience, Audience::New);
        assert_eq!((new_user.end - new_user.start).num_days() + 1, 14);
        let lunch = t.iter().find(|c| c.name.starts_with("午市特惠")).unwrap();
        assert_eq!(
            (lunch.kind, lunch.audience),
            (CampaignType::Discount, Audience::Active)
        );
        assert_eq!((lunch.end - lunch.start).num_days() + 1, 30);
        // One template per campaign type.
        for kind in CampaignType::ALL {
            assert_eq!(t.iter().filter(|c| c.kind == *kind).count(), 1, "{kind:?}");
        }
        let points = t.iter().find(|c| c.kind == CampaignType::Points).unwrap();
        assert_eq!(points.audience, Audience::Dormant);
        assert_eq!(
            t.iter()
                .find(|c| c.kind == CampaignType::FlashSale)
                .unwrap()
                .goal,
            CampaignGoal::ClearStock
        );
        assert_eq!(
            t.iter()
                .find(|c| c.kind == CampaignType::GroupBuy)
                .unwrap()
                .goal,
            CampaignGoal::RaiseAov
        );
    }

    #[test]
    fn overlaps_need_dates_audience_and_districts() {
        let a = campaign("a", d(2026, 3, 1), d(2026, 3, 10));
        // Same audience, touching on 3-10: both run that day.
        let b = campaign("b", d(2026, 3, 10), d(2026, 3, 20));
        // Starts the day after `a` ends.
        let c = campaign("c", d(2026, 3, 11), d(2026, 3, 12));
        assert_eq!(
            overlaps(&[a.clone(), b.clone()]),
            vec![("a".into(), "b".into())]
        );
        assert!(overlaps(&[a.clone(), c.clone()]).is_empty());

        // Different audiences do not compete…
        let dormant = Campaign {
            audience: Audience::Dormant,
            ..campaign("d", d(2026, 3, 5), d(2026, 3, 6))
        };
        assert!(overlaps(&[a.clone(), dormant.clone()]).is_empty());
        // …but All meets every audience.
        let all = Campaign {
            audience: Audience::All,
            ..campaign("e", d(2026, 3, 5), d(2026, 3, 6))
        };
        assert_eq!(
            overlaps(&[dormant, all.clone()]),
            vec![("d".into(), "e".into())]
        );

        // Disjoint districts do not clash; empty means every district.
        let heping = Campaign {
            districts: vec![District::Heping],
            ..campaign("h", d(2026, 3, 1), d(2026, 3, 31))
        };
        let binhai = Campaign {
            districts: vec![District::Binhai, District::Dongli],
            ..campaign("x", d(2026, 3, 1), d(2026, 3, 31))
        };
        let both = Campaign {
            districts: vec![District::Dongli, District::Heping],
            ..campaign("y", d(2026, 3, 1), d(2026, 3, 31))
        };
        assert!(overlaps(&[heping.clone(), binhai.clone()]).is_empty());
        assert_eq!(overlaps(&[heping.clone(), a.clone()]).len(), 1);
        assert_eq!(
            overlaps(&[heping, binhai, both]),
            vec![("h".into(), "y".into()), ("x".into(), "y".into())]
        );

        // Reviewed campaigns are history.
        let old = Campaign {
            status: CampaignStatus::Reviewed,
            ..b.clone()
        };
        assert!(overlaps(&[a.clone(), old]).is_empty());
        let ended = Campaign {
            status: CampaignStatus::Ended,
            ..b
        };
        assert_eq!(overlaps(&[a, ended]).len(), 1);
    }

    #[test]
    fn derive_actuals_sums_campaign_and_baseline_windows() {
        let c = Campaign {
            districts: vec![District::Heping],
            channels: vec![Channel::Social],
            ..campaign("a", d(2026, 3, 10), d(2026, 3, 16))
        };
        let facts = FactsByDate::new(vec![
            // Campaign window, both ends.
            fact(d(2026, 3, 10), District::Heping, Channel::Social, 100.0),
            fact(d(2026, 3, 16), District::Heping, Channel::Social, 200.0),
            // Baseline window 3-03..=3-09, both ends.
            fact(d(2026, 3, 3), District::Heping, Channel::Social, 40.0),
            fact(d(2026, 3, 9), District::Heping, Channel::Social, 60.0),
            // Outside both windows.
            fact(d(2026, 3, 2), District::Heping, Channel::Social, 1000.0),
            fact(d(2026, 3, 17), District::Heping, Channel::Social, 1000.0),
            // Other district / channel.
            fact(d(2026, 3, 12), District::Nankai, Channel::Social, 1000.0),
            fact(d(2026, 3, 12), District::Heping, Channel::PaidAds, 1000.0),
        ]);
        let out = derive_actuals(&c, &facts);
        assert_eq!(out.days, 7);
        assert_eq!(out.campaign.revenue, 300.0);
        assert_eq!(out.campaign.visitors, 20);
        assert_eq!(out.baseline.revenue, 100.0);
        assert_eq!(out.baseline.orders, 4);

        let fig = figures_from_derived(&out);
        assert_eq!(
            fig,
            CampaignFigures {
                participants: 20,
                new_users: 6,
                orders: 4,
                revenue: 300.0
            }
        );

        // Empty districts and channels take everything in the windows.
        let open = campaign("b", d(2026, 3, 10), d(2026, 3, 16));
        let out = derive_actuals(&open, &facts);
        assert_eq!(out.campaign.revenue, 2300.0);
        assert_eq!(out.baseline.revenue, 100.0);
        // A one-day campaign has a one-day baseline.
        let day = campaign("c", d(2026, 3, 10), d(2026, 3, 10));
        let out = derive_actuals(&day, &facts);
        assert_eq!(
            (out.days, out.campaign.revenue, out.baseline.revenue),
            (1, 100.0, 60.0)
        );
        // Reversed dates give nothing.
        let bad = campaign("d", d(2026, 3, 16), d(2026, 3, 10));
        assert_eq!(derive_actuals(&bad, &facts), Derived::default());
    }

    #[test]
    fn review_figures_roi_lift_and_cpa() {
        let actual = CampaignFigures {
            participants: 400,
            new_users: 50,
            orders: 100,
            revenue: 12_000.0,
        };
        // Gross: no baseline.
        let f = ReviewFigures::compute(&actual, 2000.0, None, None);
        assert_eq!(f.conversion_rate, Some(0.25));
        assert_eq!(f.attributable_revenue, 12_000.0);
        assert_eq!(f.roi, Some(5.0));
        assert_eq!(f.cost_per_new_user, Some(40.0));
        assert_eq!(f.lift, None);

        // Net of a baseline: only the revenue above it is credited.
        let baseline = Totals {
            revenue: 8000.0,
            ..Totals::default()
        };
        let window = Totals {
            revenue: 12_000.0,
            ..Totals::default()
        };
        let f = ReviewFigures::compute(&actual, 2000.0, Some(&baseline), Some(&window));
        assert_eq!(f.attributable_revenue, 4000.0);
        assert_eq!(f.roi, Some(1.0));
        assert_eq!(f.lift, Some(0.5));
        // A campaign that earned less than the baseline has negative ROI.
        let weak = Totals {
            revenue: 13_000.0,
            ..Totals::default()
        };
        let f = ReviewFigures::compute(&actual, 2000.0, Some(&weak), None);
        assert_eq!(f.roi, Some(-1.5));
        assert!((f.lift.unwrap() - (12_000.0 - 13_000.0) / 13_000.0).abs() < 1e-12);

        // Zero cost: no ROI (never infinity); acquiring users cost nothing.
        let f = ReviewFigures::compute(&actual, 0.0, None, None);
        assert_eq!((f.roi, f.cost_per_new_user), (None, Some(0.0)));
        // Empty baseline: no lift, ROI stays gross.
        let empty = Totals::default();
        let f = ReviewFigures::compute(&actual, 2000.0, Some(&empty), Some(&window));
        assert_eq!(f.lift, None);
        assert_eq!(f.roi, Some(5.0));
        // No participants / new users.
        let nobody = CampaignFigures::default();
        let f = ReviewFigures::compute(&nobody, 500.0, None, None);
        assert_eq!((f.conversion_rate, f.cost_per_new_user), (None, None));
        assert_eq!(f.roi, Some(-1.0));
        // Garbage cost never leaks NaN.
        let f = ReviewFigures::compute(&actual, f64::NAN, None, None);
        assert_eq!(f.roi, None);

        assert_eq!(
            ReviewFigures::of(&campaign("x", d(2026, 1, 1), d(2026, 1, 2))),
            None
        );
        let r = reviewed("r", CampaignType::Lottery, 3000.0, 1000.0);
        assert_eq!(ReviewFigures::of(&r).unwrap().roi, Some(2.0));
    }

    #[test]
    fn roi_by_pools_reviewed_campaigns() {
        let mut unreviewed = reviewed("u", CampaignType::Discount, 1e6, 1.0);
        unreviewed.status = CampaignStatus::Ended;
        let list = vec![
            reviewed("a", CampaignType::Discount, 3000.0, 1000.0),
            reviewed("b", CampaignType::Discount, 500.0, 1000.0),
            reviewed("c", CampaignType::Lottery, 100.0, 0.0),
            Campaign {
                goal: CampaignGoal::Acquisition,
                ..reviewed("d", CampaignType::FlashSale, 900.0, 300.0)
            },
            unreviewed,
            campaign("p", d(2026, 1, 1), d(2026, 1, 2)),
        ];
        let by_type = roi_by(&list, |c| c.kind);
        assert_eq!(
            by_type,
            vec![
                // (3500 − 2000) / 2000, not the mean of 2.0 and −0.5.
                (CampaignType::Discount, Some(0.75), 2),
                (CampaignType::FlashSale, Some(2.0), 1),
                (CampaignType::Lottery, None, 1),
            ]
        );
        let by_goal = roi_by(&list, |c| c.goal);
        assert_eq!(by_goal[0], (CampaignGoal::Acquisition, Some(2.0), 1));
        assert_eq!(by_goal[1].0, CampaignGoal::Activation);
        assert_eq!(by_goal[1].2, 3);
        // (3600 − 2000) / 2000
        assert_eq!(by_goal[1].1, Some(0.8));
        assert!(roi_by(&[], |c: &Campaign| c.kind).is_empty());
    }

    #[test]
    fn sorting_the_comparison_table() {
        let mut a = reviewed("a", CampaignType::Lottery, 3000.0, 1000.0); // ROI 2
        a.name = "乙".into();
        a.budget = 500.0;
        a.start = d(2026, 2, 1);
        let mut b = reviewed("b", CampaignType::Discount, 1500.0, 1000.0); // ROI 0.5
        b.name = "甲".into();
        b.budget = 900.0;
        let mut c = campaign("c", d(2026, 3, 1), d(2026, 3, 2)); // no review
        c.name = "丙".into();
        c.budget = 100.0;
        let rows = vec![a, b, c];
        let order = |by: CampaignSort, desc: bool| -> Vec<String> {
            let mut refs: Vec<&Campaign> = rows.iter().collect();
            sort_campaigns(&mut refs, by, desc);
            refs.iter().map(|c| c.id.clone()).collect()
        };
        assert_eq!(order(CampaignSort::Roi, true), vec!["a", "b", "c"]);
        assert_eq!(order(CampaignSort::Roi, false), vec!["b", "a", "c"]);
        assert_eq!(order(CampaignSort::Budget, false), vec!["c", "a", "b"]);
        assert_eq!(order(CampaignSort::Budget, true), vec!["b", "a", "c"]);
        assert_eq!(order(CampaignSort::Start, false), vec!["b", "a", "c"]);
        assert_eq!(order(CampaignSort::Type, false), vec!["b", "c", "a"]);
        // 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532
        assert_eq!(order(CampaignSort::Name, false), vec!["c", "a", "b"]);
        // Conversion 20/100 for both reviewed rows: ties fall back to start.
        assert_eq!(order(CampaignSort::Conversion, true), vec!["b", "a", "c"]);
        // Sorting owned rows works too.
        let mut owned = rows.clone();
        sort_campaigns(&mut owned, CampaignSort::Budget, true);
        assert_eq!(owned[0].id, "b");
        assert_eq!(CampaignSort::Roi.label(Lang::En), "ROI");
        assert_eq!(
            CampaignSort::from_id("conversion"),
            Some(CampaignSort::Conversion)
        );
    }
}
