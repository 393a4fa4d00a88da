//! Haihe's figures from WeChat's fields: which KPI comes from which field,
//! which are derived (with their formula), and which WeChat does not provide
//! at all (those are said, never shown as 0). Documented in docs/wechat.md.

use chrono::NaiveDate;

use super::dataset::WechatData;
use super::raw::{KeyValue, PortraitItem};
use super::scenes::{access_source, SourceFamily};
use super::RefDate;
use crate::domain::cockpit::dimensions::{Gender, Platform};
use crate::domain::cockpit::kpi::Kpi;
use crate::i18n::Lang;

/// One figure and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// Read from WeChat's fields (sums and session-weighted averages of them).
    Provided(f64),
    /// Computed from WeChat's fields where WeChat has no such figure.
    Derived(f64, Formula),
    /// From the merchant's own `orders` resource (docs/wechat.md §9).
    Merchant(f64),
    /// Combines the merchant's orders with WeChat's traffic (the formula on hover).
    Combined(f64, Formula),
    /// WeChat provides it, but no day of the period has it (a gap).
    NoData,
    /// WeChat's analytics do not have it; the merchant's own backend can.
    NotProvided,
}

impl Figure {
    pub fn value(self) -> Option<f64> {
        match self {
            Figure::Provided(v)
            | Figure::Derived(v, _)
            | Figure::Merchant(v)
            | Figure::Combined(v, _) => Some(v),
            Figure::NoData | Figure::NotProvided => None,
        }
    }
}

/// The derived figures and how each is computed (shown on hover).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Formula {
    BounceProxy,
    ShareRate,
    NewVisitorShare,
    Retention,
    /// The merchant's paying customers ÷ WeChat's visitors.
    CombinedConversion,
}

impl Formula {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Formula::BounceProxy => lang.tr(
                "单页访问占比(跳出率近似)",
                "Single-page sessions (bounce proxy)",
            ),
            Formula::ShareRate => lang.tr("分享率", "Share rate"),
            Formula::NewVisitorShare => lang.tr("新用户占比", "New-visitor share"),
            Formula::Retention => lang.tr("留存率", "Retention rate"),
            Formula::CombinedConversion => lang.tr("转化率(合并)", "Conversion (combined)"),
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Formula::BounceProxy => lang.tr(
                "推算:访问深度为 1 页的打开次数 ÷ 全部打开次数(access_depth_info key=1 ÷ 合计)",
                "Derived: sessions with depth 1 ÷ all sessions (access_depth_info key 1 ÷ total)",
            ),
            Formula::ShareRate => lang.tr(
                "推算:转发人数 ÷ 访问人数(share_uv ÷ visit_uv)",
                "Derived: sharers ÷ visitors (share_uv ÷ visit_uv)",
            ),
            Formula::NewVisitorShare => lang.tr(
                "推算:新用户数 ÷ 访问人数(visit_uv_new ÷ visit_uv)",
                "Derived: new users ÷ visitors (visit_uv_new ÷ visit_uv)",
            ),
            Formula::Retention => lang.tr(
                "推算:第 k 天仍访问的人数 ÷ 当天人数(key=k ÷ key=0)",
                "Derived: users back after k days ÷ the cohort (key k ÷ key 0)",
            ),
            Formula::CombinedConversion => lang.tr(
                "合并:商家后台的支付人数 ÷ 微信的访问人数(payingCustomers ÷ visit_uv),只计两边都有数据的日期",
                "Combined: paying customers from your backend ÷ WeChat's visitors (payingCustomers ÷ visit_uv), over the days both sources have",
            ),
        }
    }
}

/// The sentence shown in place of a figure WeChat does not have.
pub fn not_provided_text(lang: Lang) -> &'static str {
    lang.tr(
        "微信数据不提供此指标",
        "WeChat's data does not include this figure",
    )
}

/// Where such a figure can come from instead.
pub fn not_provided_hint(lang: Lang) -> &'static str {
    lang.tr(
        "可由商家自有后台补充:订单、支付人数和销售额按 docs/api.md 的 orders 格式提供,与微信流量按日期合并。",
        "Your own backend can add it: orders, paying customers and revenue in the orders shape of docs/api.md, merged by date with WeChat's traffic.",
    )
}

/// Breakdowns and views WeChat's analytics cannot fill.
pub const NOT_PROVIDED_VIEWS: &[(&str, &str, &str)] = &[
    ("district", "区县(城市以下)", "Districts (below city level)"),
    ("hourly", "时段分布", "Time of day"),
    ("funnel", "下单漏斗", "Order funnel"),
    ("experiments", "A/B 实验结果", "A/B test results"),
];

/// Sums of the daily trend and summary over the days that have them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Sums {
    days: u32,
    sessions: u64,
    page_views: u64,
    visitors: u64,
    new_visitors: u64,
    stay_seconds: f64,
    depth_pages: f64,
}

/// A period's figures: every KPI, and which days had no data.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodFigures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kpis: Vec<(Kpi, Figure)>,
    pub derived: Vec<Figure>,
    /// Days of the period with no daily visit trend (gaps, maybe errors).
    pub missing_days: Vec<NaiveDate>,
}

impl PeriodFigures {
    pub fn kpi(&self, kpi: Kpi) -> Figure {
        self.kpis
            .iter()
            .find(|(k, _)| *k == kpi)
            .map(|(_, f)| *f)
            .unwrap_or(Figure::NotProvided)
    }
}

pub fn period(data: &WechatData, from: NaiveDate, to: NaiveDate) -> PeriodFigures {
    let mut s = Sums::default();
    let mut missing_days = Vec::new();
    for day in from.iter_days().take_while(|d| *d <= to) {
        let Some(row) = data.daily.get(&day) else {
            missing_days.push(day);
            continue;
        };
        let sessions = row.session_cnt.unwrap_or(0);
        s.days += 1;
        s.sessions += sessions;
        s.page_views += row.visit_pv.unwrap_or(0);
        s.visitors += row.visit_uv.unwrap_or(0);
        s.new_visitors += row.visit_uv_new.unwrap_or(0);
        s.stay_seconds += row.stay_time_session.unwrap_or(0.0) * sessions as f64;
        s.depth_pages += row.visit_depth.unwrap_or(0.0) * sessions as f64;
    }
    let count = |n: u64| {
        if s.days == 0 {
            Figure::NoData
        } else {
            Figure::Provided(n as f64)
        }
    };
    let per_session = |total: f64| {
        if s.sessions == 0 {
            Figure::NoData
        } else {
            Figure::Provided(total / s.sessions as f64)
        }
    };
    let kpis = Kpi::ALL
        .iter()
        .map(|k| {
            let f = match k {
                Kpi::Visitors => count(s.visitors),
                Kpi::Visits => count(s.sessions),
                Kpi::NewVisitors => count(s.new_visitors),
                Kpi::PageViews => count(s.page_views),
                Kpi::AvgStay => per_session(s.stay_seconds),
                Kpi::VisitDepth => per_session(s.depth_pages),
                _ => Figure::NotProvided,
            };
            (*k, f)
        })
        .collect();
    let derived = vec![
        bounce_proxy(data, from, to),
        share_rate(data, from, to),
        ratio(s.new_visitors, s.visitors, Formula::NewVisitorShare),
    ];
    PeriodFigures {
        from,
        to,
        kpis,
        derived,
        missing_days,
    }
}

fn ratio(num: u64, den: u64, formula: Formula) -> Figure {
    if den == 0 {
        Figure::NoData
    } else {
        Figure::Derived(num as f64 / den as f64, formula)
    }
}

fn items<'a>(data: &'a WechatData, day: NaiveDate, index: &str) -> &'a [KeyValue] {
    data.distribution
        .get(&day)
        .and_then(|list| list.iter().find(|d| d.index == index))
        .map(|d| d.item_list.as_slice())
        .unwrap_or_default()
}

fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// Share of sessions that saw one page: the nearest WeChat gets to a bounce rate.
pub fn bounce_proxy(data: &WechatData, from: NaiveDate, to: NaiveDate) -> Figure {
    let (mut one, mut all) = (0, 0);
    for day in days(from, to) {
        for kv in items(data, day, "access_depth_info") {
            let v = kv.value.unwrap_or(0);
            all += v;
            if kv.key == Some(1) {
                one += v;
            }
        }
    }
    ratio(one, all, Formula::BounceProxy)
}

/// Sharers per visitor, over the days that have both the summary and the trend.
pub fn share_rate(data: &WechatData, from: NaiveDate, to: NaiveDate) -> Figure {
    let (mut sharers, mut visitors) = (0, 0);
    for day in days(from, to) {
        if let (Some(s), Some(t)) = (data.summary.get(&day), data.daily.get(&day)) {
            if let (Some(su), Some(vu)) = (s.share_uv, t.visit_uv) {
                sharers += su;
                visitors += vu;
            }
        }
    }
    ratio(sharers, visitors, Formula::ShareRate)
}

/// Sessions by access source over the period: (key, WeChat's name, family, sessions).
pub fn sources(
    data: &WechatData,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(i64, Option<&'static str>, SourceFamily, u64)> {
    let mut by_key: std::collections::BTreeMap<i64, u64> = Default::default();
    for day in days(from, to) {
        for kv in items(data, day, "access_source_session_cnt") {
            *by_key.entry(kv.key.unwrap_or(10)).or_default() += kv.value.unwrap_or(0);
        }
    }
    let mut out: Vec<_> = by_key
        .into_iter()
        .map(|(key, n)| {
            let (name, family) = access_source(key);
            (key, name, family, n)
        })
        .collect();
    out.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(&b.0)));
    out
}

/// Sessions by Haihe channel family (with `Other`), largest first.
pub fn channel_families(
    data: &WechatData,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(SourceFamily, u64)> {
    let mut totals: Vec<(SourceFamily, u64)> = SourceFamily::ALL.iter().map(|f| (*f, 0)).collect();
    for (_, _, family, n) in sources(data, from, to) {
        if let Some(t) = totals.iter_mut().find(|(f, _)| *f == family) {
            t.1 += n;
        }
    }
    totals.retain(|(_, n)| *n > 0);
    totals.sort_by_key(|t| std::cmp::Reverse(t.1));
    totals
}

/// One retention curve: the cohort and the share back after each key.
#[derive(Debug, Clone, PartialEq)]
pub struct RetentionCurve {
    pub cohort: RefDate,
    pub size: u64,
    /// (days/weeks/months later, share of the cohort), key 0 excluded.
    pub points: Vec<(i64, f64)>,
}

/// New-user retention curves of the daily cohorts (derived: key k ÷ key 0).
pub fn retention_curves(data: &WechatData) -> Vec<RetentionCurve> {
    data.daily_retain
        .iter()
        .filter_map(|(rd, r)| {
            let size = r.visit_uv_new.iter().find(|kv| kv.key == Some(0))?.value?;
            let points = r
                .visit_uv_new
                .iter()
                .filter_map(|kv| Some((kv.key.filter(|k| *k > 0)?, kv.value? as f64 / size as f64)))
                .filter(|_| size > 0)
                .collect();
            Some(RetentionCurve {
                cohort: *rd,
                size,
                points,
            })
        })
        .collect()
}

/// The latest portrait, mapped where Haihe has the dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct PortraitView {
    /// The rolling window WeChat computed it over ("数据截至" + window).
    pub window: RefDate,
    /// Haihe platform, or `None` for WeChat's "其他".
    pub platforms: Vec<(Option<Platform>, String, u64)>,
    /// Empty when WeChat sent no genders; the rest still shows.
    pub genders: Vec<(Gender, u64)>,
    /// WeChat's own age bands (17岁以下, 18-24岁, 25-29岁 …): they do not
    /// line up with Haihe's, so they are shown with WeChat's labels.
    pub ages: Vec<(String, u64)>,
    pub provinces: Vec<(String, u64)>,
    pub cities: Vec<(String, u64)>,
}

pub fn portrait(data: &WechatData) -> Option<PortraitView> {
    let (window, p) = data.latest_portrait()?;
    let g = &p.visit_uv;
    let named = |list: &[PortraitItem]| -> Vec<(String, u64)> {
        list.iter()
            .map(|i| (i.name.clone(), i.value.unwrap_or(0)))
            .collect()
    };
    Some(PortraitView {
        window,
        platforms: g
            .platforms
            .iter()
            .map(|i| (platform(&i.name), i.name.clone(), i.value.unwrap_or(0)))
            .collect(),
        genders: g
            .genders
            .iter()
            .map(|i| (gender(i), i.value.unwrap_or(0)))
            .collect(),
        ages: named(&g.ages),
        provinces: named(&g.province),
        cities: named(&g.city),
    })
}

fn platform(name: &str) -> Option<Platform> {
    let n = name.to_lowercase();
    if n.contains("iphone") || n.contains("ios") {
        Some(Platform::Ios)
    } else if n.contains("android") || n.contains("安卓") {
        Some(Platform::Android)
    } else if n.contains("harmony") || n.contains("鸿蒙") {
        Some(Platform::Harmony)
    } else {
        None
    }
}

fn gender(i: &PortraitItem) -> Gender {
    // The name decides; WeChat's ids (1 男, 2 女, 0 未知) only when it is unfamiliar.
    match (i.name.as_str(), i.id) {
        ("男", _) => Gender::Male,
        ("女", _) => Gender::Female,
        ("未知", _) => Gender::Unknown,
        (_, Some(1)) => Gender::Male,
        (_, Some(2)) => Gender::Female,
        _ => Gender::Unknown,
    }
}

#[cfg(test)]
mod tests;
