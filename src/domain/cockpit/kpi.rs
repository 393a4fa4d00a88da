//! The cockpit's KPIs: their ids, labels, kinds, formats and values over
//! [`Totals`], and whether a change is good news. With `filter` it is the
//! bottom of the cockpit: nothing it imports imports it back.

use serde::{Deserialize, Serialize};

use crate::domain::cockpit::model::Target;
use crate::domain::cockpit::totals::{
    aov, avg_stay, bounce_rate, conversion_rate, returning_share, revenue_per_customer,
    visit_depth, Totals,
};
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::ratio::Trend;
use crate::i18n::{format_count, format_duration, format_money, format_percent, Lang};

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

// `Totals::value` lives here, beside `Kpi::value`, so that `totals` need
// not import `kpi` back.
impl Totals {
    pub fn value(&self, kpi: Kpi) -> Option<f64> {
        kpi.value(self)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::ratio::{change, ratio};

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
}
