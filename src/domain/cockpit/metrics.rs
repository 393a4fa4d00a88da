//! The cockpit's KPIs: summing facts, the ratios built on the sums,
//! comparisons, target statuses, the cross-filtered aggregation and anomaly
//! flags. The tiles' rows and the CSV are in `kpi_table`, the funnel in
//! `funnel`. Definitions are in docs/metrics.md.
//!
//! Everything here runs on every filter change over ~90,000 facts in wasm,
//! so the aggregation is one pass over the date-sorted facts of the periods
//! involved, into fixed-size accumulators, without per-fact allocation.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
use crate::domain::cockpit::model::{MetricFact, PortraitRow, Target};
use crate::domain::cockpit::period::{CockpitQuery, Period};
use crate::domain::shared::labelled::labelled_enum;
use crate::i18n::{format_count, format_duration, format_money, format_percent, Lang};

const DISTRICTS: usize = District::ALL.len();
const CHANNELS: usize = Channel::ALL.len();
const PLATFORMS: usize = Platform::ALL.len();

/// Sums of the fact measures over some set of facts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    pub visits: u64,
    pub visitors: u64,
    pub new_visitors: u64,
    pub sessions: u64,
    pub stay_seconds: u64,
    pub page_views: u64,
    pub bounces: u64,
    pub product_views: u64,
    pub carts: u64,
    pub orders: u64,
    pub paying_users: u64,
    pub repeat_buyers: u64,
    /// Yuan.
    pub revenue: f64,
}

/// An estimated count, rounded to a whole number (never negative or NaN).
fn round_count(x: f64) -> u64 {
    let r = x.round();
    if r.is_finite() && r > 0.0 {
        r as u64
    } else {
        0
    }
}

impl Totals {
    pub fn add(&mut self, f: &MetricFact) {
        self.visits += u64::from(f.visits);
        self.visitors += u64::from(f.visitors);
        self.new_visitors += u64::from(f.new_visitors);
        self.sessions += u64::from(f.sessions);
        self.stay_seconds += f.stay_seconds;
        self.page_views += u64::from(f.page_views);
        self.bounces += u64::from(f.bounces);
        self.product_views += u64::from(f.product_views);
        self.carts += u64::from(f.carts);
        self.orders += u64::from(f.orders);
        self.paying_users += u64::from(f.paying_users);
        self.repeat_buyers += u64::from(f.repeat_buyers);
        self.revenue += f.revenue;
    }

    /// Adds `factor` × the fact, each count rounded. Rounding per call adds
    /// up over many small facts, so [`Cockpit::compute`] keeps unrounded sums
    /// and rounds once per output instead; this is for one-off estimates.
    pub fn add_scaled(&mut self, f: &MetricFact, factor: f64) {
        let s = |x: f64| round_count(x * factor);
        self.visits += s(f64::from(f.visits));
        self.visitors += s(f64::from(f.visitors));
        self.new_visitors += s(f64::from(f.new_visitors));
        self.sessions += s(f64::from(f.sessions));
        self.stay_seconds += s(f.stay_seconds as f64);
        self.page_views += s(f64::from(f.page_views));
        self.bounces += s(f64::from(f.bounces));
        self.product_views += s(f64::from(f.product_views));
        self.carts += s(f64::from(f.carts));
        self.orders += s(f64::from(f.orders));
        self.paying_users += s(f64::from(f.paying_users));
        self.repeat_buyers += s(f64::from(f.repeat_buyers));
        let r = f.revenue * factor;
        if r.is_finite() {
            self.revenue += r;
        }
    }

    pub fn merge(&mut self, o: &Totals) {
        self.visits += o.visits;
        self.visitors += o.visitors;
        self.new_visitors += o.new_visitors;
        self.sessions += o.sessions;
        self.stay_seconds += o.stay_seconds;
        self.page_views += o.page_views;
        self.bounces += o.bounces;
        self.product_views += o.product_views;
        self.carts += o.carts;
        self.orders += o.orders;
        self.paying_users += o.paying_users;
        self.repeat_buyers += o.repeat_buyers;
        self.revenue += o.revenue;
    }

    pub fn value(&self, kpi: Kpi) -> Option<f64> {
        kpi.value(self)
    }
}

/// The aggregation's accumulator: unrounded, so gender/age estimates are
/// rounded once per output rather than once per fact. Sums of u32 counts
/// stay exact in f64 far beyond any real volume (2^53).
#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    visits: f64,
    visitors: f64,
    new_visitors: f64,
    sessions: f64,
    stay_seconds: f64,
    page_views: f64,
    bounces: f64,
    product_views: f64,
    carts: f64,
    orders: f64,
    paying_users: f64,
    repeat_buyers: f64,
    revenue: f64,
}

impl Acc {
    #[inline]
    fn add(&mut self, f: &MetricFact, k: f64) {
        self.visits += f64::from(f.visits) * k;
        self.visitors += f64::from(f.visitors) * k;
        self.new_visitors += f64::from(f.new_visitors) * k;
        self.sessions += f64::from(f.sessions) * k;
        self.stay_seconds += f.stay_seconds as f64 * k;
        self.page_views += f64::from(f.page_views) * k;
        self.bounces += f64::from(f.bounces) * k;
        self.product_views += f64::from(f.product_views) * k;
        self.carts += f64::from(f.carts) * k;
        self.orders += f64::from(f.orders) * k;
        self.paying_users += f64::from(f.paying_users) * k;
        self.repeat_buyers += f64::from(f.repeat_buyers) * k;
        self.revenue += f.revenue * k;
    }

    fn merge(&mut self, o: &Acc) {
        self.visits += o.visits;
        self.visitors += o.visitors;
        self.new_visitors += o.new_visitors;
        self.sessions += o.sessions;
        self.stay_seconds += o.stay_seconds;
        self.page_views += o.page_views;
        self.bounces += o.bounces;
        self.product_views += o.product_views;
        self.carts += o.carts;
        self.orders += o.orders;
        self.paying_users += o.paying_users;
        self.repeat_buyers += o.repeat_buyers;
        self.revenue += o.revenue;
    }

    fn totals(&self) -> Totals {
        Totals {
            visits: round_count(self.visits),
            visitors: round_count(self.visitors),
            new_visitors: round_count(self.new_visitors),
            sessions: round_count(self.sessions),
            stay_seconds: round_count(self.stay_seconds),
            page_views: round_count(self.page_views),
            bounces: round_count(self.bounces),
            product_views: round_count(self.product_views),
            carts: round_count(self.carts),
            orders: round_count(self.orders),
            paying_users: round_count(self.paying_users),
            repeat_buyers: round_count(self.repeat_buyers),
            revenue: if self.revenue.is_finite() {
                self.revenue
            } else {
                0.0
            },
        }
    }
}

// ---------------------------------------------------------------- ratios --

/// `num / den`, or `None` when the denominator is zero (or the result would
/// not be a finite number), so no NaN or infinity ever reaches the screen.
pub fn ratio(num: f64, den: f64) -> Option<f64> {
    if den > 0.0 {
        Some(num / den).filter(|r| r.is_finite())
    } else {
        None
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

// ------------------------------------------------------------------ KPIs --

labelled_enum! {
    /// The cockpit's KPIs; the id (`key()`) is also the `Target` id. Ids
    /// stay stable when a label is corrected (`repurchaseRate` is the
    /// returning-customer share), so saved targets and links keep working.
    Kpi {
        Visitors = "visitors", "累计访问人数", "Visitors (daily UV sum)";
        Visits = "visits", "访问次数", "Visits";
        NewVisitors = "newVisitors", "新访客", "New visitors";
        PageViews = "pageViews", "浏览量(PV)", "Page views (PV)";
        AvgStay = "avgStay", "平均停留时长", "Avg. stay time";
        VisitDepth = "visitDepth", "访问深度", "Visit depth";
        BounceRate = "bounceRate", "跳出率", "Bounce rate";
        Orders = "orders", "订单数", "Orders";
        PayingUsers = "payingUsers", "累计支付人数", "Paying users (daily sum)";
        ConversionRate = "conversionRate", "转化率", "Conversion rate";
        RevenuePerCustomer = "revenuePerCustomer", "客单价", "Revenue per customer";
        Aov = "aov", "笔单价", "Average order value";
        Revenue = "revenue", "销售额", "Revenue";
        ReturningShare = "repurchaseRate", "老客占比", "Returning-customer share";
    }
}

/// How a KPI's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    Count,
    Money,
    /// A ratio in 0..1, shown as a percentage.
    Percent,
    Seconds,
    Decimal,
}

impl Kpi {
    /// The metric key used in URLs and target ids.
    pub fn key(self) -> &'static str {
        self.id()
    }

    pub fn from_key(key: &str) -> Option<Kpi> {
        Kpi::from_id(key)
    }

    /// The label without its aside, for running text.
    pub fn short_label(self, lang: Lang) -> &'static str {
        match self {
            Kpi::Visitors => lang.tr("累计访问人数", "Visitors"),
            Kpi::PayingUsers => lang.tr("累计支付人数", "Paying users"),
            Kpi::PageViews => lang.tr("浏览量", "Page views"),
            _ => self.label(lang),
        }
    }

    /// The KPI's value over `t`; `None` for a ratio with a zero denominator.
    pub fn value(self, t: &Totals) -> Option<f64> {
        let n = |x: u64| Some(x as f64);
        match self {
            Kpi::Visitors => n(t.visitors),
            Kpi::Visits => n(t.visits),
            Kpi::NewVisitors => n(t.new_visitors),
            Kpi::PageViews => n(t.page_views),
            Kpi::AvgStay => avg_stay(t),
            Kpi::VisitDepth => visit_depth(t),
            Kpi::BounceRate => bounce_rate(t),
            Kpi::Orders => n(t.orders),
            Kpi::PayingUsers => n(t.paying_users),
            Kpi::ConversionRate => conversion_rate(t),
            Kpi::RevenuePerCustomer => revenue_per_customer(t),
            Kpi::Aov => aov(t),
            Kpi::Revenue => Some(t.revenue).filter(|r| r.is_finite()),
            Kpi::ReturningShare => returning_share(t),
        }
    }

    /// False only for the bounce rate, where a rise is bad news.
    pub fn higher_is_better(self) -> bool {
        self != Kpi::BounceRate
    }

    pub fn kind(self) -> ValueKind {
        match self {
            Kpi::Visitors
            | Kpi::Visits
            | Kpi::NewVisitors
            | Kpi::PageViews
            | Kpi::Orders
            | Kpi::PayingUsers => ValueKind::Count,
            Kpi::AvgStay => ValueKind::Seconds,
            Kpi::VisitDepth => ValueKind::Decimal,
            Kpi::BounceRate | Kpi::ConversionRate | Kpi::ReturningShare => ValueKind::Percent,
            Kpi::RevenuePerCustomer | Kpi::Aov | Kpi::Revenue => ValueKind::Money,
        }
    }

    /// Whether values of two periods add up (counts and revenue), which is
    /// also when a daily target scales with the number of days.
    pub fn additive(self) -> bool {
        matches!(self.kind(), ValueKind::Count) || self == Kpi::Revenue
    }

    /// A rate (shown as a percentage), whose changes read in points.
    pub fn is_rate(self) -> bool {
        self.kind() == ValueKind::Percent
    }

    /// `v` if it can be shown: finite, and its displayed number (a
    /// percentage is ×100) within [`MAX_SHOWN`]. A backend's 1e308 would
    /// otherwise print as "inf%" or as a 309-digit number.
    pub fn shown(self, v: f64) -> Option<f64> {
        let display = if self.is_rate() { v * 100.0 } else { v };
        (display.is_finite() && display.abs() < MAX_SHOWN).then_some(v)
    }

    /// The tile text: "12.3万", "¥86.40", "3.4%", "2分05秒", "3.2"; "—" for
    /// none or a value that cannot be shown.
    pub fn format(self, value: Option<f64>, lang: Lang) -> String {
        let Some(v) = value.and_then(|v| self.shown(v)) else {
            return "—".into();
        };
        match self.kind() {
            ValueKind::Count => format_count(v, lang),
            ValueKind::Money => format_money(v, lang),
            ValueKind::Percent => format_percent(Some(v)),
            ValueKind::Seconds => format_duration(Some(v), lang),
            ValueKind::Decimal => format!("{v:.1}"),
        }
    }

    /// The unit of [`Kpi::plain`] numbers.
    pub fn unit(self, lang: Lang) -> &'static str {
        match self {
            Kpi::Visitors | Kpi::NewVisitors | Kpi::PayingUsers => lang.tr("人", "people"),
            Kpi::Visits => lang.tr("次", "visits"),
            Kpi::PageViews => lang.tr("次", "views"),
            Kpi::Orders => lang.tr("单", "orders"),
            Kpi::AvgStay => lang.tr("秒", "s"),
            Kpi::VisitDepth => lang.tr("页/次", "pages per session"),
            Kpi::BounceRate | Kpi::ConversionRate | Kpi::ReturningShare => "%",
            Kpi::RevenuePerCustomer | Kpi::Aov | Kpi::Revenue => lang.tr("元", "CNY"),
        }
    }

    /// The value as a plain number in [`Kpi::unit`] with fixed decimals, for
    /// export: counts whole, money to the fen, percentages as "3.45"
    /// (meaning 3.45 %), seconds to 0.1 s, depth to 0.01; empty for none.
    pub fn plain(self, value: Option<f64>) -> String {
        let Some(v) = value.and_then(|v| self.shown(v)) else {
            return String::new();
        };
        match self.kind() {
            ValueKind::Count => format!("{v:.0}"),
            ValueKind::Money => format!("{v:.2}"),
            ValueKind::Percent => format!("{:.2}", v * 100.0),
            ValueKind::Seconds => format!("{v:.1}"),
            ValueKind::Decimal => format!("{v:.2}"),
        }
    }

    /// This KPI's target, if one is set.
    pub fn target(self, targets: &[Target]) -> Option<&Target> {
        targets.iter().find(|t| t.id == self.key())
    }
}

/// The largest displayed number (10^15, 千万亿): beyond it f64 loses whole
/// numbers and no real figure of a mini-program gets there.
pub const MAX_SHOWN: f64 = 1e15;

// ----------------------------------------------------------- comparisons --

/// Relative change `(current − previous) / previous`; `None` when either is
/// missing or the previous value is zero.
pub fn change(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    let (c, p) = (current?, previous?);
    if p == 0.0 {
        return None;
    }
    Some((c - p) / p).filter(|r| r.is_finite())
}

/// Changes smaller than this (0.5 %) read as flat: noise, not news.
pub const FLAT_THRESHOLD: f64 = 0.005;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trend {
    Up,
    Down,
    Flat,
}

impl Trend {
    pub fn of(change: Option<f64>) -> Option<Trend> {
        let c = change?;
        Some(if c.abs() < FLAT_THRESHOLD {
            Trend::Flat
        } else if c > 0.0 {
            Trend::Up
        } else {
            Trend::Down
        })
    }
}

/// Whether a change is good news for this KPI; `None` when flat or unknown.
pub fn is_good(kpi: Kpi, change: Option<f64>) -> Option<bool> {
    match Trend::of(change)? {
        Trend::Flat => None,
        Trend::Up => Some(kpi.higher_is_better()),
        Trend::Down => Some(!kpi.higher_is_better()),
    }
}

// --------------------------------------------------------------- targets --

labelled_enum! {
    /// A KPI's standing against its target.
    TargetStatus {
        Met = "met", "达标", "On target";
        BelowTarget = "below", "未达标", "Off target";
        Alert = "alert", "预警", "Alert";
        NoTarget = "none", "无目标", "No target";
    }
}

/// The target and warning threshold for a period of `days` days: targets of
/// additive KPIs are per day and scale with the days; ratios don't.
pub fn scaled_target(kpi: Kpi, target: &Target, days: u32) -> (f64, f64) {
    if kpi.additive() {
        let n = f64::from(days);
        (target.target * n, target.warning * n)
    } else {
        (target.target, target.warning)
    }
}

/// [`scaled_target`], or `None` when either number cannot be shown (see
/// [`Kpi::shown`]; e.g. a stored 1e308): such a target is ignored rather
/// than judged against, so no "inf" reaches a tile, note or export.
pub fn usable_target(kpi: Kpi, target: &Target, days: u32) -> Option<(f64, f64)> {
    let (goal, warning) = scaled_target(kpi, target, days);
    Some((kpi.shown(goal)?, kpi.shown(warning)?))
}

/// Where `value` stands against `target` over a period of `days` days.
/// Meeting the target wins over the warning check, so a misconfigured pair
/// still gives a single answer.
pub fn target_status(
    kpi: Kpi,
    value: Option<f64>,
    target: Option<&Target>,
    days: u32,
) -> TargetStatus {
    let (Some(v), Some((goal, warning))) =
        (value, target.and_then(|t| usable_target(kpi, t, days)))
    else {
        return TargetStatus::NoTarget;
    };
    if kpi.higher_is_better() {
        if v >= goal {
            TargetStatus::Met
        } else if v < warning {
            TargetStatus::Alert
        } else {
            TargetStatus::BelowTarget
        }
    } else if v <= goal {
        TargetStatus::Met
    } else if v > warning {
        TargetStatus::Alert
    } else {
        TargetStatus::BelowTarget
    }
}

// ---------------------------------------------------------- cross-filter --

/// The cockpit's cross-filters. District, channel and platform are fact
/// dimensions; gender and age are estimated from the portrait (see
/// [`PortraitShares`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub district: Option<District>,
    pub channel: Option<Channel>,
    pub platform: Option<Platform>,
    pub gender: Option<Gender>,
    pub age: Option<AgeBand>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// True when figures are estimates (a gender or age filter is set).
    pub fn is_estimated(&self) -> bool {
        self.gender.is_some() || self.age.is_some()
    }

    /// Whether a fact passes the district, channel and platform filters.
    pub fn matches(&self, f: &MetricFact) -> bool {
        self.district.is_none_or(|d| f.district == d)
            && self.channel.is_none_or(|c| f.channel == c)
            && self.platform.is_none_or(|p| f.platform == p)
    }
}

/// Months as a running number, so "2026-11" needs no string per lookup.
fn month_number(year: i32, month: u32) -> i32 {
    year * 12 + month as i32 - 1
}

fn parse_month(s: &str) -> Option<i32> {
    let (y, m) = s.split_once('-')?;
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    (1..=12).contains(&m).then(|| month_number(y, m))
}

fn date_month(d: NaiveDate) -> i32 {
    month_number(d.year(), d.month())
}

/// For each (month, district): the share of the portrait's visitors in the
/// selected gender and/or age band. Facts have no gender or age, so a
/// gender/age filter scales each fact by this share. Absent → 0.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PortraitShares {
    /// Sorted by month number.
    months: Vec<(i32, [f64; DISTRICTS])>,
}

impl PortraitShares {
    pub fn build(portrait: &[PortraitRow], gender: Option<Gender>, age: Option<AgeBand>) -> Self {
        let mut sums: BTreeMap<i32, [(f64, f64); DISTRICTS]> = BTreeMap::new();
        for r in portrait {
            let Some(m) = parse_month(&r.month) else {
                continue;
            };
            let cells = sums.entry(m).or_insert([(0.0, 0.0); DISTRICTS]);
            if let Some((hit, all)) = cells.get_mut(r.district as usize) {
                let v = f64::from(r.visitors);
                *all += v;
                if gender.is_none_or(|g| g == r.gender) && age.is_none_or(|a| a == r.age_band) {
                    *hit += v;
                }
            }
        }
        let months = sums
            .into_iter()
            .map(|(m, cells)| (m, cells.map(|(hit, all)| ratio(hit, all).unwrap_or(0.0))))
            .collect();
        PortraitShares { months }
    }

    fn month_row(&self, date: NaiveDate) -> Option<&[f64; DISTRICTS]> {
        let m = date_month(date);
        let i = self.months.binary_search_by_key(&m, |(k, _)| *k).ok()?;
        self.months.get(i).map(|(_, row)| row)
    }

    /// The share for `district` in the month of `date`; 0 when unknown.
    pub fn share(&self, date: NaiveDate, district: District) -> f64 {
        self.month_row(date)
            .and_then(|row| row.get(district as usize))
            .copied()
            .unwrap_or(0.0)
    }
}

/// Portrait visitors by gender and by age band, every slice listed.
pub type PortraitSplit = (Vec<(Gender, u64)>, Vec<(AgeBand, u64)>);

/// Portrait visitors by gender and by age band over the months `period`
/// touches, for the district filter. Cross-filter rule: the gender split
/// applies the age filter but not its own, the age split the reverse, so
/// each chart keeps showing every slice. Channel and platform are not
/// portrait dimensions and do not apply.
pub fn portrait_breakdown(
    portrait: &[PortraitRow],
    period: &Period,
    filter: &Filter,
) -> PortraitSplit {
    let (first, last) = (date_month(period.start), date_month(period.end));
    let mut genders: Vec<(Gender, u64)> = Gender::ALL.iter().map(|g| (*g, 0)).collect();
    let mut ages: Vec<(AgeBand, u64)> = AgeBand::ALL.iter().map(|a| (*a, 0)).collect();
    for r in portrait {
        if filter.district.is_some_and(|d| d != r.district) {
            continue;
        }
        if !parse_month(&r.month).is_some_and(|m| first <= m && m <= last) {
            continue;
        }
        let v = u64::from(r.visitors);
        if filter.age.is_none_or(|a| a == r.age_band) {
            if let Some((_, n)) = genders.get_mut(r.gender as usize) {
                *n += v;
            }
        }
        if filter.gender.is_none_or(|g| g == r.gender) {
            if let Some((_, n)) = ages.get_mut(r.age_band as usize) {
                *n += v;
            }
        }
    }
    (genders, ages)
}

// ----------------------------------------------------------- aggregation --

/// Days of history each day is checked against for anomalies.
pub const ANOMALY_WINDOW: usize = 28;

/// Everything the cockpit page shows for one query.
#[derive(Debug, Clone, PartialEq)]
pub struct CockpitData {
    pub query: CockpitQuery,
    pub last_day: NaiveDate,
    pub period: Period,
    pub comparison: Option<Period>,
    pub current: Totals,
    /// `Some` whenever there is a comparison period (zero if it has no data).
    pub previous: Option<Totals>,
    /// One entry per bucket of the query's granularity, keyed by the
    /// bucket's first day (see `Granularity::buckets`).
    pub series: Vec<(NaiveDate, Totals)>,
    /// Same length as `series`, entry k holding the comparison days at the
    /// same positions as bucket k's days, so it overlays directly; keyed by
    /// the comparison date matching the first day of bucket k. Empty
    /// without a comparison.
    pub comparison_series: Vec<(NaiveDate, Totals)>,
    /// One entry per day, from `ANOMALY_WINDOW` days before the period
    /// (or the first day with data, if later) to the period's end.
    pub daily: Vec<(NaiveDate, Totals)>,
    /// Cross-filter rule: each breakdown applies every filter except its own
    /// dimension, so the chart keeps all its bars and the UI highlights the
    /// selected one. All 16 districts / 5 channels / 3 platforms, in `ALL`
    /// order, zeros included.
    pub by_district: Vec<(District, Totals)>,
    pub by_channel: Vec<(Channel, Totals)>,
    pub by_platform: Vec<(Platform, Totals)>,
    /// Comparison period by district (same rule); empty without comparison.
    pub previous_by_district: Vec<(District, Totals)>,
    /// Portrait visitors (see [`portrait_breakdown`]).
    pub by_gender: Vec<(Gender, u64)>,
    pub by_age: Vec<(AgeBand, u64)>,
    /// True when a gender/age filter made every figure an estimate.
    pub estimated: bool,
}

impl CockpitData {
    pub fn value(&self, kpi: Kpi) -> Option<f64> {
        kpi.value(&self.current)
    }

    pub fn previous_value(&self, kpi: Kpi) -> Option<f64> {
        self.previous.as_ref().and_then(|t| kpi.value(t))
    }

    /// Relative change against the comparison period.
    pub fn change(&self, kpi: Kpi) -> Option<f64> {
        change(self.value(kpi), self.previous_value(kpi))
    }

    /// Anomalous days inside the period (see [`anomalies`]).
    pub fn anomalies(&self, kpi: Kpi) -> Vec<(NaiveDate, f64, f64, f64)> {
        let mut out = anomalies(&self.daily, kpi);
        out.retain(|(d, ..)| self.period.contains(*d));
        out
    }
}

/// Namespace for the one-pass aggregation.
pub struct Cockpit;

/// The facts (sorted by date) dated within `from..=to`.
fn slice_dates(facts: &[MetricFact], from: NaiveDate, to: NaiveDate) -> &[MetricFact] {
    let a = facts.partition_point(|f| f.date < from);
    let b = facts.partition_point(|f| f.date <= to);
    facts.get(a..b).unwrap_or(&[])
}

fn day_offset(from: NaiveDate, d: NaiveDate) -> usize {
    usize::try_from((d - from).num_days()).unwrap_or(usize::MAX)
}

/// The accumulators of `p`'s days, `days` starting on `lo`.
fn day_range<'a>(days: &'a [Acc], lo: NaiveDate, p: &Period) -> &'a [Acc] {
    let a = day_offset(lo, p.start);
    let b = day_offset(lo, p.end).saturating_add(1);
    days.get(a..b).unwrap_or(&[])
}

fn sum_days(days: &[Acc]) -> Acc {
    let mut acc = Acc::default();
    for d in days {
        acc.merge(d);
    }
    acc
}

impl Cockpit {
    /// Aggregates `facts` (sorted by date, ascending) for `query`, with
    /// periods anchored on `last_day`, the last day with data.
    pub fn compute(
        facts: &[MetricFact],
        portrait: &[PortraitRow],
        query: &CockpitQuery,
        last_day: NaiveDate,
    ) -> CockpitData {
        let filter = query.filter;
        let period = query.period(last_day);
        let comparison = query.compare.period(&period);
        let estimated = filter.is_estimated();
        let shares = if estimated {
            PortraitShares::build(portrait, filter.gender, filter.age)
        } else {
            PortraitShares::default()
        };

        // Days before the data starts would only add zeros to the window.
        let window_start = period
            .start
            .checked_sub_days(chrono::Days::new(ANOMALY_WINDOW as u64))
            .unwrap_or(period.start);
        let first_data = facts.first().map_or(period.start, |f| f.date);
        let daily_start = window_start.max(first_data).min(period.start);

        // One accumulator per day from the earliest day needed to the end.
        let lo = comparison.map_or(daily_start, |c| c.start.min(daily_start));
        let span = day_offset(lo, period.end).saturating_add(1);
        let mut days = vec![Acc::default(); span];
        let mut by_district = [Acc::default(); DISTRICTS];
        let mut by_channel = [Acc::default(); CHANNELS];
        let mut by_platform = [Acc::default(); PLATFORMS];
        let mut prev_district = [Acc::default(); DISTRICTS];

        // The date ranges to read: the comparison, and the anomaly window
        // through the period's end; merged when they touch, so no fact is
        // read twice.
        let main = (daily_start, period.end);
        let ranges: [Option<(NaiveDate, NaiveDate)>; 2] = match comparison {
            Some(c) if c.end.succ_opt().is_some_and(|n| n >= daily_start) => [
                Some((c.start.min(daily_start), period.end.max(c.end))),
                None,
            ],
            Some(c) => [Some((c.start, c.end)), Some(main)],
            None => [Some(main), None],
        };

        for (from, to) in ranges.into_iter().flatten() {
            let mut date = None;
            let mut slot = usize::MAX;
            let (mut in_cur, mut in_cmp) = (false, false);
            let mut row: Option<&[f64; DISTRICTS]> = None;
            for f in slice_dates(facts, from, to) {
                let md = filter.district.is_none_or(|d| f.district == d);
                let mc = filter.channel.is_none_or(|c| f.channel == c);
                let mp = filter.platform.is_none_or(|p| f.platform == p);
                // A fact failing two filters counts nowhere.
                if u8::from(!md) + u8::from(!mc) + u8::from(!mp) > 1 {
                    continue;
                }
                if date != Some(f.date) {
                    date = Some(f.date);
                    slot = day_offset(lo, f.date);
                    in_cur = period.contains(f.date);
                    in_cmp = comparison.is_some_and(|c| c.contains(f.date));
                    if estimated {
                        row = shares.month_row(f.date);
                    }
                }
                let k = if estimated {
                    row.and_then(|r| r.get(f.district as usize))
                        .copied()
                        .unwrap_or(0.0)
                } else {
                    1.0
                };
                let d = f.district as usize;
                if md && mc && mp {
                    if let Some(acc) = days.get_mut(slot) {
                        acc.add(f, k);
                    }
                }
                if in_cur {
                    if mc && mp {
                        if let Some(acc) = by_district.get_mut(d) {
                            acc.add(f, k);
                        }
                    }
                    if md && mp {
                        if let Some(acc) = by_channel.get_mut(f.channel as usize) {
                            acc.add(f, k);
                        }
                    }
                    if md && mc {
                        if let Some(acc) = by_platform.get_mut(f.platform as usize) {
                            acc.add(f, k);
                        }
                    }
                }
                if in_cmp && mc && mp {
                    if let Some(acc) = prev_district.get_mut(d) {
                        acc.add(f, k);
                    }
                }
            }
        }

        // Everything below reads the per-day accumulators only.
        let cur_days = day_range(&days, lo, &period);
        let current = sum_days(cur_days).totals();

        let buckets = query.grain.buckets(&period);
        // bucket_of[i]: the bucket of the period's i-th day;
        // bucket_first[k]: the position of bucket k's first day.
        let mut bucket_of = Vec::with_capacity(cur_days.len());
        let mut bucket_first = Vec::with_capacity(buckets.len());
        let mut series_acc = vec![Acc::default(); buckets.len()];
        let mut k = 0usize;
        for (i, d) in period.iter_days().enumerate() {
            while buckets.get(k + 1).is_some_and(|next| *next <= d) {
                k += 1;
            }
            bucket_of.push(k);
            if bucket_first.len() <= k {
                bucket_first.push(i);
            }
            if let (Some(s), Some(day)) = (series_acc.get_mut(k), cur_days.get(i)) {
                s.merge(day);
            }
        }
        let series: Vec<(NaiveDate, Totals)> = buckets
            .iter()
            .zip(&series_acc)
            .map(|(b, a)| (*b, a.totals()))
            .collect();

        let (previous, comparison_series, previous_by_district) = match comparison {
            Some(c) => {
                let cmp_days = day_range(&days, lo, &c);
                let mut acc = vec![Acc::default(); buckets.len()];
                let last_bucket = bucket_of.len().saturating_sub(1);
                for (j, day) in cmp_days.iter().enumerate() {
                    // A year-ago period can be a day longer (Feb 29); the
                    // extra day joins the last bucket.
                    let b = bucket_of.get(j.min(last_bucket)).copied().unwrap_or(0);
                    if let Some(a) = acc.get_mut(b) {
                        a.merge(day);
                    }
                }
                // Key each bucket by the comparison date aligned with its first day.
                let last_pos = c.days().saturating_sub(1) as usize;
                let keyed = acc
                    .iter()
                    .zip(&bucket_first)
                    .map(|(a, first)| {
                        let offset = (*first).min(last_pos) as u64;
                        let key = c
                            .start
                            .checked_add_days(chrono::Days::new(offset))
                            .unwrap_or(c.start);
                        (key, a.totals())
                    })
                    .collect();
                let by_d = District::ALL
                    .iter()
                    .zip(&prev_district)
                    .map(|(d, a)| (*d, a.totals()))
                    .collect();
                (Some(sum_days(cmp_days).totals()), keyed, by_d)
            }
            None => (None, Vec::new(), Vec::new()),
        };

        let daily_period = Period {
            start: daily_start,
            end: period.end,
        };
        let daily = day_range(&days, lo, &daily_period)
            .iter()
            .zip(daily_start.iter_days())
            .map(|(a, d)| (d, a.totals()))
            .collect();

        let (by_gender, by_age) = portrait_breakdown(portrait, &period, &filter);

        CockpitData {
            query: query.clone(),
            last_day,
            period,
            comparison,
            current,
            previous,
            series,
            comparison_series,
            daily,
            by_district: District::ALL
                .iter()
                .zip(&by_district)
                .map(|(d, a)| (*d, a.totals()))
                .collect(),
            by_channel: Channel::ALL
                .iter()
                .zip(&by_channel)
                .map(|(c, a)| (*c, a.totals()))
                .collect(),
            by_platform: Platform::ALL
                .iter()
                .zip(&by_platform)
                .map(|(p, a)| (*p, a.totals()))
                .collect(),
            previous_by_district,
            by_gender,
            by_age,
            estimated,
        }
    }
}

/// (new, returning) visitors: returning = visitors − new, never below 0.
pub fn new_vs_returning(t: &Totals) -> (u64, u64) {
    (t.new_visitors, t.visitors.saturating_sub(t.new_visitors))
}

// ------------------------------------------------------------- anomalies --

/// Days whose `kpi` value lies outside the min..max of the preceding
/// [`ANOMALY_WINDOW`] days, as (day, value, window min, window max). A day
/// is only judged with a full window of days that have a value.
pub fn anomalies(daily: &[(NaiveDate, Totals)], kpi: Kpi) -> Vec<(NaiveDate, f64, f64, f64)> {
    let values: Vec<Option<f64>> = daily.iter().map(|(_, t)| kpi.value(t)).collect();
    let mut out = Vec::new();
    for (i, (date, _)) in daily.iter().enumerate().skip(ANOMALY_WINDOW) {
        let Some(v) = values.get(i).copied().flatten() else {
            continue;
        };
        let Some(window) = values.get(i - ANOMALY_WINDOW..i) else {
            continue;
        };
        let (mut lo, mut hi, mut n) = (f64::INFINITY, f64::NEG_INFINITY, 0usize);
        for x in window.iter().flatten() {
            lo = lo.min(*x);
            hi = hi.max(*x);
            n += 1;
        }
        if n == ANOMALY_WINDOW && (v < lo || v > hi) {
            out.push((*date, v, lo, hi));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::period::{Comparison, Granularity, Preset};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A fact with every measure derived from `n` so sums are easy to check.
    fn fact(
        date: NaiveDate,
        district: District,
        channel: Channel,
        platform: Platform,
        n: u32,
    ) -> MetricFact {
        MetricFact {
            date,
            district,
            channel,
            platform,
            visits: n * 2,
            visitors: n,
            new_visitors: n / 4,
            sessions: n * 2,
            stay_seconds: u64::from(n) * 200,
            page_views: n * 6,
            bounces: n / 2,
            product_views: n,
            carts: n / 5,
            orders: n / 10,
            paying_users: n / 20,
            repeat_buyers: n / 40,
            revenue: f64::from(n / 10) * 50.0,
        }
    }

    fn target(id: &str, t: f64, w: f64) -> Target {
        Target {
            id: id.into(),
            target: t,
            warning: w,
        }
    }

    fn query(preset: Preset, compare: Comparison) -> CockpitQuery {
        CockpitQuery {
            preset,
            compare,
            ..Default::default()
        }
    }

    /// Every day from `from` to `to`, every district × channel × platform.
    fn cube(from: NaiveDate, to: NaiveDate, n: u32) -> Vec<MetricFact> {
        let mut out = Vec::new();
        for day in Period::new(from, to).iter_days() {
            for dist in District::ALL {
                for c in Channel::ALL {
                    for p in Platform::ALL {
                        out.push(fact(day, *dist, *c, *p, n));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn kpi_keys_labels_and_kinds() {
        let keys: Vec<&str> = Kpi::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(
            keys,
            [
                "visitors",
                "visits",
                "newVisitors",
                "pageViews",
                "avgStay",
                "visitDepth",
                "bounceRate",
                "orders",
                "payingUsers",
                "conversionRate",
                "revenuePerCustomer",
                "aov",
                "revenue",
                "repurchaseRate"
            ]
        );
        for k in Kpi::ALL {
            assert_eq!(Kpi::from_key(k.key()), Some(*k));
        }
        assert_eq!(Kpi::from_key("likes"), None);
        // Labels say what the sums are: daily UV added up, per customer vs
        // per order, returning-customer share rather than repurchase rate.
        assert_eq!(Kpi::Visitors.label(Lang::Zh), "累计访问人数");
        assert_eq!(Kpi::Visitors.label(Lang::En), "Visitors (daily UV sum)");
        assert_eq!(Kpi::Visitors.short_label(Lang::En), "Visitors");
        assert_eq!(Kpi::PayingUsers.label(Lang::Zh), "累计支付人数");
        assert_eq!(Kpi::PageViews.label(Lang::Zh), "浏览量(PV)");
        assert_eq!(Kpi::RevenuePerCustomer.label(Lang::Zh), "客单价");
        assert_eq!(
            Kpi::RevenuePerCustomer.label(Lang::En),
            "Revenue per customer"
        );
        assert_eq!(Kpi::Aov.label(Lang::Zh), "笔单价");
        assert_eq!(Kpi::Aov.label(Lang::En), "Average order value");
        assert_eq!(Kpi::ReturningShare.label(Lang::Zh), "老客占比");
        assert_eq!(Kpi::ReturningShare.key(), "repurchaseRate");
        let rates: Vec<Kpi> = Kpi::ALL.iter().copied().filter(|k| k.is_rate()).collect();
        assert_eq!(
            rates,
            [Kpi::BounceRate, Kpi::ConversionRate, Kpi::ReturningShare]
        );
        assert!(!Kpi::BounceRate.higher_is_better());
        assert!(Kpi::ALL.iter().filter(|k| !k.higher_is_better()).count() == 1);
        let additive: Vec<Kpi> = Kpi::ALL.iter().copied().filter(|k| k.additive()).collect();
        assert_eq!(
            additive,
            [
                Kpi::Visitors,
                Kpi::Visits,
                Kpi::NewVisitors,
                Kpi::PageViews,
                Kpi::Orders,
                Kpi::PayingUsers,
                Kpi::Revenue
            ]
        );
        assert_eq!(Kpi::VisitDepth.kind(), ValueKind::Decimal);
        assert_eq!(Kpi::AvgStay.kind(), ValueKind::Seconds);
        assert_eq!(Kpi::Aov.kind(), ValueKind::Money);
        assert_eq!(Kpi::RevenuePerCustomer.kind(), ValueKind::Money);
    }

    #[test]
    fn formats_each_kind() {
        assert_eq!(Kpi::Visitors.format(Some(123_456.0), Lang::Zh), "12.3万");
        assert_eq!(Kpi::Visitors.format(Some(123_456.0), Lang::En), "123.5K");
        assert_eq!(Kpi::Revenue.format(Some(1234.5), Lang::Zh), "¥1,234.50");
        assert_eq!(Kpi::ConversionRate.format(Some(0.0345), Lang::Zh), "3.5%");
        assert_eq!(Kpi::AvgStay.format(Some(125.0), Lang::Zh), "2分05秒");
        assert_eq!(Kpi::VisitDepth.format(Some(3.24), Lang::En), "3.2");
        for k in Kpi::ALL {
            assert_eq!(k.format(None, Lang::Zh), "—");
            assert_eq!(k.format(Some(f64::NAN), Lang::En), "—");
            assert_eq!(k.plain(None), "");
        }
        assert_eq!(Kpi::ConversionRate.plain(Some(0.0345)), "3.45");
        assert_eq!(Kpi::Revenue.plain(Some(1234.5)), "1234.50");
        assert_eq!(Kpi::Visitors.plain(Some(123_456.0)), "123456");
        assert_eq!(Kpi::AvgStay.plain(Some(125.04)), "125.0");
        assert_eq!(Kpi::VisitDepth.plain(Some(3.0)), "3.00");
    }

    #[test]
    fn values_that_cannot_be_shown_are_dashes_never_inf() {
        for k in Kpi::ALL {
            for v in [1e308, -1e308, f64::INFINITY, f64::NAN, 1e15] {
                let text = k.format(Some(v), Lang::Zh);
                assert_eq!(text, "—", "{k:?} {v}");
                assert_eq!(k.plain(Some(v)), "", "{k:?} {v}");
            }
        }
        // A rate is checked as displayed: 1e13 is fine as a count, not as
        // a percentage (1e15 %).
        assert_eq!(Kpi::Orders.plain(Some(1e13)), "10000000000000");
        assert_eq!(Kpi::ConversionRate.plain(Some(1e13)), "");
        // A target of 1e308 is ignored: no status, no scaled target.
        let huge = target("visitors", 1e308, 1e308);
        assert_eq!(usable_target(Kpi::Visitors, &huge, 30), None);
        assert_eq!(
            target_status(Kpi::Visitors, Some(10.0), Some(&huge), 30),
            TargetStatus::NoTarget
        );
        let conv = target("conversionRate", 1e308, 1e308);
        assert_eq!(
            target_status(Kpi::ConversionRate, Some(0.03), Some(&conv), 1),
            TargetStatus::NoTarget
        );
        let fine = target("conversionRate", 0.03, 0.02);
        assert_eq!(
            usable_target(Kpi::ConversionRate, &fine, 30),
            Some((0.03, 0.02))
        );
    }

    #[test]
    fn empty_totals_have_zero_counts_and_no_ratios() {
        let t = Totals::default();
        for k in Kpi::ALL {
            let v = k.value(&t);
            if k.additive() {
                assert_eq!(v, Some(0.0), "{k:?}");
            } else {
                assert_eq!(v, None, "{k:?}");
                assert_eq!(k.format(v, Lang::Zh), "—");
            }
        }
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(ratio(0.0, 0.0), None);
        assert_eq!(ratio(f64::INFINITY, 1.0), None);
        assert_eq!(ratio(1.0, 4.0), Some(0.25));
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

    #[test]
    fn ratios_come_from_summed_counts_not_daily_averages() {
        let day1 = MetricFact {
            visitors: 100,
            paying_users: 10,
            sessions: 100,
            bounces: 50,
            orders: 1,
            revenue: 100.0,
            ..fact(
                d(2026, 11, 1),
                District::Heping,
                Channel::Direct,
                Platform::Ios,
                0,
            )
        };
        let day2 = MetricFact {
            date: d(2026, 11, 2),
            visitors: 900,
            paying_users: 9,
            sessions: 900,
            bounces: 90,
            orders: 9,
            revenue: 90.0,
            ..day1.clone()
        };
        let mut t = Totals::default();
        t.add(&day1);
        t.add(&day2);
        // Daily rates 10 % and 1 % average to 5.5 %; the true rate is 1.9 %.
        assert_eq!(conversion_rate(&t), Some(19.0 / 1000.0));
        // Bounce: 50 % and 10 % average to 30 %; the true rate is 14 %.
        assert_eq!(bounce_rate(&t), Some(0.14));
        // AOV: ¥100 and ¥10 average to ¥55; the true value is ¥19.
        assert_eq!(aov(&t), Some(19.0));
        // The cockpit sums the same way.
        let facts = vec![day1, day2];
        let q = CockpitQuery {
            preset: Preset::Custom,
            from: Some(d(2026, 11, 1)),
            to: Some(d(2026, 11, 2)),
            ..Default::default()
        };
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 11, 2));
        assert_eq!(data.value(Kpi::ConversionRate), Some(0.019));
        assert_eq!(data.current, t);
    }

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
    fn changes_trends_and_direction() {
        assert_eq!(change(Some(110.0), Some(100.0)), Some(0.1));
        assert_eq!(change(Some(90.0), Some(100.0)), Some(-0.1));
        assert_eq!(change(Some(5.0), Some(0.0)), None);
        assert_eq!(change(None, Some(1.0)), None);
        assert_eq!(change(Some(1.0), None), None);
        assert_eq!(Trend::of(Some(0.004)), Some(Trend::Flat));
        assert_eq!(Trend::of(Some(-0.004)), Some(Trend::Flat));
        assert_eq!(Trend::of(Some(0.006)), Some(Trend::Up));
        assert_eq!(Trend::of(Some(-0.2)), Some(Trend::Down));
        assert_eq!(Trend::of(None), None);
        assert_eq!(is_good(Kpi::Revenue, Some(0.1)), Some(true));
        assert_eq!(is_good(Kpi::Revenue, Some(-0.1)), Some(false));
        assert_eq!(is_good(Kpi::BounceRate, Some(0.12)), Some(false));
        assert_eq!(is_good(Kpi::BounceRate, Some(-0.12)), Some(true));
        assert_eq!(is_good(Kpi::BounceRate, Some(0.001)), None);
        assert_eq!(is_good(Kpi::Orders, None), None);
    }

    #[test]
    fn targets_scale_by_days_for_additive_kpis() {
        let visitors = target("visitors", 1000.0, 800.0);
        // 30 days: target 30,000, warning 24,000.
        assert_eq!(
            scaled_target(Kpi::Visitors, &visitors, 30),
            (30_000.0, 24_000.0)
        );
        let st = |v| target_status(Kpi::Visitors, Some(v), Some(&visitors), 30);
        assert_eq!(st(30_000.0), TargetStatus::Met);
        assert_eq!(st(25_000.0), TargetStatus::BelowTarget);
        assert_eq!(st(24_000.0), TargetStatus::BelowTarget);
        assert_eq!(st(23_999.0), TargetStatus::Alert);
        // One day: the daily figures.
        assert_eq!(
            target_status(Kpi::Visitors, Some(900.0), Some(&visitors), 1),
            TargetStatus::BelowTarget
        );
        // Ratios do not scale.
        let conv = target("conversionRate", 0.03, 0.02);
        assert_eq!(scaled_target(Kpi::ConversionRate, &conv, 30), (0.03, 0.02));
        assert_eq!(
            target_status(Kpi::ConversionRate, Some(0.031), Some(&conv), 30),
            TargetStatus::Met
        );
        assert_eq!(
            target_status(Kpi::ConversionRate, Some(0.019), Some(&conv), 90),
            TargetStatus::Alert
        );
        assert_eq!(
            target_status(Kpi::ConversionRate, None, Some(&conv), 30),
            TargetStatus::NoTarget
        );
        assert_eq!(
            target_status(Kpi::ConversionRate, Some(0.5), None, 30),
            TargetStatus::NoTarget
        );
        let targets = vec![visitors.clone(), conv.clone()];
        assert_eq!(Kpi::ConversionRate.target(&targets), Some(&conv));
        assert_eq!(Kpi::Orders.target(&targets), None);
    }

    #[test]
    fn bounce_rate_is_lower_is_better() {
        let b = target("bounceRate", 0.30, 0.40);
        let st = |v| target_status(Kpi::BounceRate, Some(v), Some(&b), 30);
        assert_eq!(st(0.25), TargetStatus::Met);
        assert_eq!(st(0.30), TargetStatus::Met);
        assert_eq!(st(0.35), TargetStatus::BelowTarget);
        assert_eq!(st(0.40), TargetStatus::BelowTarget);
        assert_eq!(st(0.41), TargetStatus::Alert);
        assert_eq!(TargetStatus::Met.label(Lang::Zh), "达标");
    }

    #[test]
    fn empty_period_computes_zeros_and_dashes() {
        let q = query(Preset::Last30, Comparison::Previous);
        let data = Cockpit::compute(&[], &[], &q, d(2026, 11, 25));
        assert_eq!(data.current, Totals::default());
        assert_eq!(data.previous, Some(Totals::default()));
        assert_eq!(data.series.len(), 30);
        assert_eq!(data.comparison_series.len(), 30);
        assert_eq!(data.by_district.len(), 16);
        assert_eq!(data.by_channel.len(), 5);
        assert_eq!(data.by_platform.len(), 3);
        assert_eq!(data.daily.len(), 30);
        for &k in Kpi::ALL {
            assert_eq!(data.change(k), None);
            if !k.additive() {
                assert_eq!(k.format(data.value(k), Lang::Zh), "—");
            }
        }
        assert!(crate::domain::cockpit::funnel::funnel(&data.current)
            .iter()
            .all(|s| s.from_first.is_none()));
        // Facts outside the period change nothing either.
        let far = cube(d(2020, 1, 1), d(2020, 1, 2), 10);
        let data = Cockpit::compute(&far, &[], &q, d(2026, 11, 25));
        assert_eq!(data.current, Totals::default());
    }

    #[test]
    fn single_day_and_previous_day() {
        let mut facts = cube(d(2026, 11, 24), d(2026, 11, 24), 10);
        facts.extend(cube(d(2026, 11, 25), d(2026, 11, 25), 20));
        let q = query(Preset::Yesterday, Comparison::Previous);
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 11, 25));
        assert_eq!(data.period.days(), 1);
        assert_eq!(data.current.visitors, 240 * 20);
        assert_eq!(data.previous.map(|p| p.visitors), Some(240 * 10));
        assert_eq!(data.change(Kpi::Visitors), Some(1.0));
        assert_eq!(data.series.len(), 1);
        assert_eq!(
            data.comparison_series,
            vec![(d(2026, 11, 24), data.previous.unwrap())]
        );
        // The daily window starts where the data does.
        assert_eq!(data.daily.first().map(|x| x.0), Some(d(2026, 11, 24)));
        assert_eq!(data.daily.len(), 2);
    }

    #[test]
    fn compute_filters_breakdowns_and_series() {
        let facts = cube(d(2026, 10, 1), d(2026, 11, 30), 40);
        let last = d(2026, 11, 30);
        let mut q = query(Preset::ThisMonth, Comparison::Previous);
        q.grain = Granularity::Week;
        let all = Cockpit::compute(&facts, &[], &q, last);
        assert_eq!(all.current.visitors, 30 * 240 * 40);
        let sum = |v: &[(NaiveDate, Totals)]| v.iter().map(|x| x.1.visitors).sum::<u64>();
        assert_eq!(sum(&all.series), all.current.visitors);
        assert_eq!(all.series.len(), 6);
        assert_eq!(all.series.first().map(|x| x.0), Some(d(2026, 10, 26)));
        // The previous period: Oct 2–31, aligned by position.
        assert_eq!(
            all.comparison,
            Some(Period::new(d(2026, 10, 2), d(2026, 10, 31)))
        );
        assert_eq!(all.comparison_series.len(), 6);
        assert_eq!(sum(&all.comparison_series), all.previous.unwrap().visitors);
        assert_eq!(
            all.comparison_series.first().map(|x| x.0),
            Some(d(2026, 10, 2))
        );
        // Bucket 0 (week of Oct 26) holds only Sunday Nov 1, so bucket 1
        // (Nov 2–8) starts at position 1: Oct 3 in the comparison.
        assert_eq!(
            all.comparison_series.get(1).map(|x| x.0),
            Some(d(2026, 10, 3))
        );
        assert_eq!(all.series.first().unwrap().1.visitors, 240 * 40);
        assert_eq!(all.comparison_series.first().unwrap().1.visitors, 240 * 40);
        // Breakdowns sum to the total without filters.
        let by = all.by_district.iter().map(|x| x.1.visitors).sum::<u64>();
        assert_eq!(by, all.current.visitors);
        assert_eq!(
            all.by_channel.iter().map(|x| x.1.orders).sum::<u64>(),
            all.current.orders
        );
        // The daily window: 28 days before Nov 1 through Nov 30.
        assert_eq!(all.daily.len(), 28 + 30);
        assert_eq!(all.daily.first().map(|x| x.0), Some(d(2026, 10, 4)));

        q.filter.district = Some(District::Heping);
        q.filter.platform = Some(Platform::Ios);
        let f = Cockpit::compute(&facts, &[], &q, last);
        assert_eq!(f.current.visitors, 30 * 5 * 40);
        // The district breakdown ignores its own filter, not the others.
        assert_eq!(f.by_district.len(), 16);
        assert!(f.by_district.iter().all(|(_, t)| t.visitors == 30 * 5 * 40));
        let heping = f
            .by_district
            .iter()
            .find(|x| x.0 == District::Heping)
            .unwrap();
        assert_eq!(heping.1, f.current);
        // Channels apply both filters; platforms ignore the platform one.
        assert_eq!(
            f.by_channel.iter().map(|x| x.1.visitors).sum::<u64>(),
            f.current.visitors
        );
        assert!(f.by_platform.iter().all(|(_, t)| t.visitors == 30 * 5 * 40));
        assert_eq!(f.previous_by_district.len(), 16);
        assert_eq!(sum(&f.daily), (28 + 30) * 5 * 40);
    }

    #[test]
    fn zero_districts_still_listed() {
        let facts = vec![fact(
            d(2026, 11, 25),
            District::Jizhou,
            Channel::Direct,
            Platform::Ios,
            8,
        )];
        let q = query(Preset::Last7, Comparison::None);
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 11, 25));
        assert_eq!(data.by_district.len(), 16);
        assert_eq!(
            data.by_district.iter().filter(|x| x.1.visitors > 0).count(),
            1
        );
        assert_eq!(data.previous, None);
        assert!(data.comparison_series.is_empty());
        assert!(data.previous_by_district.is_empty());
    }

    #[test]
    fn year_ago_comparison_reads_two_ranges() {
        let mut facts = cube(d(2025, 11, 1), d(2025, 11, 30), 10);
        facts.extend(cube(d(2026, 11, 1), d(2026, 11, 30), 30));
        let mut q = query(Preset::LastMonth, Comparison::YearAgo);
        q.grain = Granularity::Month;
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 12, 5));
        assert_eq!(data.period, Period::new(d(2026, 11, 1), d(2026, 11, 30)));
        assert_eq!(data.current.visitors, 30 * 240 * 30);
        assert_eq!(data.previous.unwrap().visitors, 30 * 240 * 10);
        assert_eq!(data.series.len(), 1);
        assert_eq!(
            data.comparison_series,
            vec![(d(2025, 11, 1), data.previous.unwrap())]
        );
        assert_eq!(data.change(Kpi::Visitors), Some(2.0));
        let prev_sum: u64 = data.previous_by_district.iter().map(|x| x.1.visitors).sum();
        assert_eq!(prev_sum, 30 * 240 * 10);
    }

    fn portrait_row(
        month: &str,
        district: District,
        gender: Gender,
        age: AgeBand,
        v: u32,
    ) -> PortraitRow {
        PortraitRow {
            month: month.into(),
            district,
            gender,
            age_band: age,
            visitors: v,
        }
    }

    #[test]
    fn gender_and_age_filters_estimate_from_portrait_shares() {
        let portrait = vec![
            portrait_row(
                "2026-11",
                District::Heping,
                Gender::Female,
                AgeBand::From25To34,
                60,
            ),
            portrait_row(
                "2026-11",
                District::Heping,
                Gender::Male,
                AgeBand::From25To34,
                30,
            ),
            portrait_row(
                "2026-11",
                District::Heping,
                Gender::Male,
                AgeBand::Over55,
                10,
            ),
            portrait_row(
                "2026-11",
                District::Hexi,
                Gender::Female,
                AgeBand::Over55,
                25,
            ),
            portrait_row("2026-11", District::Hexi, Gender::Male, AgeBand::Over55, 75),
            portrait_row(
                "bad-month",
                District::Hexi,
                Gender::Male,
                AgeBand::Over55,
                999,
            ),
        ];
        let shares = PortraitShares::build(&portrait, Some(Gender::Female), None);
        assert_eq!(shares.share(d(2026, 11, 3), District::Heping), 0.6);
        assert_eq!(shares.share(d(2026, 11, 3), District::Hexi), 0.25);
        assert_eq!(
            shares.share(d(2026, 11, 3), District::Nankai),
            0.0,
            "absent → 0"
        );
        assert_eq!(shares.share(d(2026, 10, 3), District::Heping), 0.0);
        let both = PortraitShares::build(&portrait, Some(Gender::Male), Some(AgeBand::Over55));
        assert_eq!(both.share(d(2026, 11, 30), District::Heping), 0.1);

        let facts = vec![
            fact(
                d(2026, 11, 2),
                District::Heping,
                Channel::Direct,
                Platform::Ios,
                100,
            ),
            fact(
                d(2026, 11, 2),
                District::Hexi,
                Channel::Direct,
                Platform::Ios,
                100,
            ),
            fact(
                d(2026, 11, 3),
                District::Heping,
                Channel::Social,
                Platform::Ios,
                100,
            ),
        ];
        let mut q = query(Preset::ThisMonth, Comparison::None);
        q.filter.gender = Some(Gender::Female);
        let data = Cockpit::compute(&facts, &portrait, &q, d(2026, 11, 3));
        assert!(data.estimated);
        // 100 × 0.6 + 100 × 0.25 + 100 × 0.6.
        assert_eq!(data.current.visitors, 145);
        // 10 × 0.6 + 10 × 0.25 + 10 × 0.6 = 14.5 orders, rounded once.
        assert_eq!(data.current.orders, 15);
        assert!((data.current.revenue - 725.0).abs() < 1e-9);
        // Small facts: four Hexi facts of 1 order × 0.25 make 1 order, where
        // rounding each fact would make 0.
        let small: Vec<MetricFact> = Channel::ALL[..4]
            .iter()
            .map(|c| fact(d(2026, 11, 2), District::Hexi, *c, Platform::Ios, 10))
            .collect();
        let s = Cockpit::compute(&small, &portrait, &q, d(2026, 11, 3));
        assert_eq!(s.current.orders, 1);
        let mut per_fact = Totals::default();
        for f in &small {
            per_fact.add_scaled(f, 0.25);
        }
        assert_eq!(per_fact.orders, 0);

        let (genders, ages) = portrait_breakdown(&portrait, &data.period, &q.filter);
        // The gender split ignores the gender filter.
        assert_eq!(
            genders,
            vec![
                (Gender::Female, 85),
                (Gender::Male, 115),
                (Gender::Unknown, 0)
            ]
        );
        // The age split applies it.
        let age = |a| ages.iter().find(|x| x.0 == a).unwrap().1;
        assert_eq!(age(AgeBand::From25To34), 60);
        assert_eq!(age(AgeBand::Over55), 25);
        assert_eq!(data.by_gender, genders);
        let heping = Filter {
            district: Some(District::Heping),
            ..Default::default()
        };
        let (g, _) = portrait_breakdown(&portrait, &data.period, &heping);
        assert_eq!(g.iter().map(|x| x.1).sum::<u64>(), 100);
        let oct = Period::new(d(2026, 10, 1), d(2026, 10, 31));
        let (g, _) = portrait_breakdown(&portrait, &oct, &Filter::default());
        assert!(g.iter().all(|x| x.1 == 0));
    }

    fn daily_of(values: &[u64]) -> Vec<(NaiveDate, Totals)> {
        d(2026, 9, 1)
            .iter_days()
            .zip(values)
            .map(|(day, v)| {
                (
                    day,
                    Totals {
                        visitors: *v,
                        ..Default::default()
                    },
                )
            })
            .collect()
    }

    #[test]
    fn anomalies_outside_trailing_range() {
        let mut values: Vec<u64> = (0..28).map(|i| 100 + (i % 7) * 10).collect(); // 100..160
        values.push(130); // inside
        values.push(99); // below the minimum
        values.push(161); // above the maximum
        values.push(160); // inside: the window now holds 99 and 161
        let daily = daily_of(&values);
        let a = anomalies(&daily, Kpi::Visitors);
        assert_eq!(
            a,
            vec![
                (d(2026, 9, 30), 99.0, 100.0, 160.0),
                (d(2026, 10, 1), 161.0, 99.0, 160.0)
            ]
        );
        // Not enough history: nothing judged.
        assert!(anomalies(&daily_of(&[1, 1000, 1]), Kpi::Visitors).is_empty());
        // Ratios: a day without sessions has no value, and a window with
        // such a gap judges nothing.
        let mut d2 = daily_of(&values);
        for (_, t) in d2.iter_mut() {
            t.sessions = 1000;
            t.bounces = t.visitors;
        }
        assert_eq!(anomalies(&d2, Kpi::BounceRate).len(), 2);
        d2[3].1.sessions = 0;
        assert!(anomalies(&d2, Kpi::BounceRate).is_empty());
    }

    #[test]
    fn cockpit_anomalies_only_within_period() {
        let mut facts = cube(d(2026, 10, 1), d(2026, 11, 30), 20);
        // A spike on Nov 20 in one district lifts that day above the range.
        for f in facts.iter_mut() {
            if f.date == d(2026, 11, 20) && f.district == District::Binhai {
                f.visitors = 400;
            }
        }
        let q = query(Preset::ThisMonth, Comparison::Previous);
        let data = Cockpit::compute(&facts, &[], &q, d(2026, 11, 30));
        let a = data.anomalies(Kpi::Visitors);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0, d(2026, 11, 20));
        // Nov 21 compares with a window holding the spike: no flag.
        assert!(data.anomalies(Kpi::Orders).is_empty());
    }

    #[test]
    #[ignore]
    fn bench_cockpit_compute() {
        use std::time::Instant;
        let first = d(2025, 10, 28);
        let last = first + chrono::Days::new(394);
        let mut facts = Vec::with_capacity(395 * 240);
        let mut seed = 7u64;
        for day in Period::new(first, last).iter_days() {
            for dist in District::ALL {
                for c in Channel::ALL {
                    for p in Platform::ALL {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        facts.push(fact(day, *dist, *c, *p, 20 + (seed >> 58) as u32 * 10));
                    }
                }
            }
        }
        assert_eq!(facts.len(), 94_800);
        let mut portrait = Vec::new();
        for m in Granularity::Month.buckets(&Period::new(first, last)) {
            for dist in District::ALL {
                for g in Gender::ALL {
                    for a in AgeBand::ALL {
                        portrait.push(portrait_row(
                            &m.format("%Y-%m").to_string(),
                            *dist,
                            *g,
                            *a,
                            50,
                        ));
                    }
                }
            }
        }
        let run = |label: &str, q: CockpitQuery| {
            let mut times = Vec::new();
            let mut sink = 0u64;
            for _ in 0..20 {
                let t = Instant::now();
                let data = Cockpit::compute(&facts, &portrait, &q, last);
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                sink += data.current.visitors;
            }
            times.sort_by(|a, b| a.partial_cmp(b).unwrap());
            eprintln!("{label:<40} median {:.3} ms (sink {sink})", times[10]);
        };
        let heping = Filter {
            district: Some(District::Heping),
            ..Default::default()
        };
        let female = Filter {
            gender: Some(Gender::Female),
            ..Default::default()
        };
        for preset in [Preset::Last30, Preset::Last90] {
            let base = CockpitQuery {
                preset,
                ..Default::default()
            };
            run(&format!("{} previous", preset.id()), base.clone());
            run(
                &format!("{} previous, district filter", preset.id()),
                CockpitQuery {
                    filter: heping,
                    ..base.clone()
                },
            );
            run(
                &format!("{} previous, gender filter (estimate)", preset.id()),
                CockpitQuery {
                    filter: female,
                    ..base.clone()
                },
            );
            run(
                &format!("{} year ago, week buckets", preset.id()),
                CockpitQuery {
                    compare: Comparison::YearAgo,
                    grain: Granularity::Week,
                    ..base.clone()
                },
            );
        }
    }
}
