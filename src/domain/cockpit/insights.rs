//! The cockpit's "what changed" notes, computed from the figures rather than
//! written: notable KPI changes and target alerts, shifts in the districts'
//! shares, and days outside their trailing range. Rates change in
//! percentage points (the relative change goes in the note's title).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::aggregate::CockpitData;
use crate::domain::cockpit::anomalies::ANOMALY_WINDOW;
use crate::domain::cockpit::dimensions::District;
use crate::domain::cockpit::kpi::{is_good, Kpi};
use crate::domain::cockpit::kpi_table::{applicable_targets, points_change};
use crate::domain::cockpit::model::Target;
use crate::domain::cockpit::targets::{target_status, usable_target, TargetStatus};
use crate::domain::cockpit::totals::Totals;
use crate::domain::shared::labelled::labelled_enum;
use crate::domain::shared::period::Comparison;
use crate::domain::shared::ratio::ratio;
use crate::i18n::{format_change, Lang};

labelled_enum! {
    Severity {
        Good = "good", "利好", "Good news";
        Info = "info", "提示", "Info";
        Warning = "warning", "注意", "Warning";
        Alert = "alert", "警报", "Alert";
    }
}

impl Severity {
    /// Display order: problems first, then good news, then the rest.
    pub fn rank(self) -> u8 {
        match self {
            Severity::Alert => 3,
            Severity::Warning => 2,
            Severity::Good => 1,
            Severity::Info => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Insight {
    pub severity: Severity,
    pub kpi: Option<Kpi>,
    /// Set for district share notes, so the UI can link to the district.
    pub district: Option<District>,
    /// Set for anomaly notes.
    pub date: Option<NaiveDate>,
    /// What ranks notes of equal severity: the relative change, the share
    /// change (0.023 = 2.3 points) or how far outside its range a day was.
    pub magnitude: f64,
    pub text: String,
    /// A hover text: the relative change of a rate whose note reads in points.
    pub title: Option<String>,
}

pub const MAX_INSIGHTS: usize = 8;
/// Smaller KPI changes are not news.
pub const MIN_CHANGE: f64 = 0.05;
/// Smaller share shifts (in 0..1, so 0.01 = 1 point) are not news.
pub const MIN_SHARE_CHANGE: f64 = 0.01;
/// A rate's change must also show as at least 0.1 point.
pub const MIN_POINTS: f64 = 0.001;

/// The KPIs whose district shares are watched.
const SHARE_KPIS: [Kpi; 2] = [Kpi::Orders, Kpi::Visitors];
/// The KPIs checked for anomalous days; the rest mostly move with these.
const ANOMALY_KPIS: [Kpi; 6] = [
    Kpi::Visitors,
    Kpi::Orders,
    Kpi::Revenue,
    Kpi::ConversionRate,
    Kpi::Aov,
    Kpi::BounceRate,
];

/// Whether `x` reaches `min` as displayed (one decimal of a percentage or
/// point), so a note never says "5.0%" while the threshold rejected it.
fn reaches(x: f64, min: f64) -> bool {
    (x.abs() * 1000.0).round() >= (min * 1000.0).round()
}

/// At most [`MAX_INSIGHTS`] notes, most severe first, larger first within
/// a severity.
/// Targets apply as on the tiles: none for a filtered view.
pub fn insights(data: &CockpitData, targets: &[Target], lang: Lang) -> Vec<Insight> {
    let targets = applicable_targets(data, targets);
    let mut out = Vec::new();
    kpi_notes(data, targets, lang, &mut out);
    share_notes(data, lang, &mut out);
    anomaly_notes(data, lang, &mut out);
    out.sort_by(|a, b| {
        b.severity
            .rank()
            .cmp(&a.severity.rank())
            .then(b.magnitude.total_cmp(&a.magnitude))
    });
    out.truncate(MAX_INSIGHTS);
    out
}

fn kpi_notes(data: &CockpitData, targets: &[Target], lang: Lang, out: &mut Vec<Insight>) {
    let days = data.period.days();
    for &kpi in Kpi::ALL {
        let value = data.value(kpi);
        let target = kpi.target(targets);
        let status = target_status(kpi, value, target, days);
        let points = if kpi.is_rate() {
            points_change(value, data.previous_value(kpi))
        } else {
            None
        };
        let change = data
            .change(kpi)
            .filter(|c| reaches(*c, MIN_CHANGE))
            .filter(|_| !kpi.is_rate() || points.is_some_and(|p| reaches(p, MIN_POINTS)));
        if let Some(c) = change {
            let good = is_good(kpi, Some(c)).unwrap_or(false);
            let severity = if status == TargetStatus::Alert {
                Severity::Alert
            } else if good {
                Severity::Good
            } else {
                Severity::Warning
            };
            out.push(Insight {
                severity,
                kpi: Some(kpi),
                district: None,
                date: None,
                magnitude: c.abs(),
                text: change_text(kpi, c, points, data.query.compare, status, good, lang),
                title: points.map(|_| {
                    format!(
                        "{}{}",
                        lang.tr("相对变化 ", "Relative change "),
                        format_change(Some(c))
                    )
                }),
            });
        } else if let (TargetStatus::Alert, Some(v), Some((_, warning))) = (
            status,
            value,
            target.and_then(|t| usable_target(kpi, t, days)),
        ) {
            // No notable change, but the KPI sits past its warning threshold.
            out.push(Insight {
                severity: Severity::Alert,
                kpi: Some(kpi),
                district: None,
                date: None,
                magnitude: ratio((v - warning).abs(), warning.abs()).unwrap_or(0.0),
                text: alert_text(kpi, v, warning, lang),
                title: None,
            });
        }
    }
}

/// "转化率比上期下降 3.4 个百分点,低于预警值": a rate's change in points
/// (`points`), any other KPI's relative change (`c`).
fn change_text(
    kpi: Kpi,
    c: f64,
    points: Option<f64>,
    compare: Comparison,
    status: TargetStatus,
    good: bool,
    lang: Lang,
) -> String {
    let pct = match points {
        Some(p) => format!("{:.1}{}", p.abs() * 100.0, lang.tr(" 个百分点", " pp")),
        None => format!("{:.1}%", c.abs() * 100.0),
    };
    let up = c > 0.0;
    let higher = kpi.higher_is_better();
    let label = kpi.short_label(lang);
    match lang {
        Lang::Zh => {
            let base = if compare == Comparison::YearAgo {
                "去年同期"
            } else {
                "上期"
            };
            let dir = if up { "上升" } else { "下降" };
            let suffix = match (status, higher, good) {
                (TargetStatus::Alert, true, false) => ",低于预警值",
                (TargetStatus::Alert, true, true) => ",仍低于预警值",
                (TargetStatus::Alert, false, false) => ",超过预警值",
                (TargetStatus::Alert, false, true) => ",仍超过预警值",
                (TargetStatus::BelowTarget, _, false) => ",未达目标",
                (TargetStatus::Met, _, true) => ",已达目标",
                _ => "",
            };
            format!("{label}比{base}{dir} {pct}{suffix}")
        }
        Lang::En => {
            let base = if compare == Comparison::YearAgo {
                "the same period last year"
            } else {
                "the last period"
            };
            let dir = if up { "up" } else { "down" };
            let suffix = match (status, higher, good) {
                (TargetStatus::Alert, true, false) => ", below its warning threshold",
                (TargetStatus::Alert, true, true) => ", still below its warning threshold",
                (TargetStatus::Alert, false, false) => ", above its warning threshold",
                (TargetStatus::Alert, false, true) => ", still above its warning threshold",
                (TargetStatus::BelowTarget, _, false) => ", short of its target",
                (TargetStatus::Met, _, true) => ", on target",
                _ => "",
            };
            format!("{label} {dir} {pct} on {base}{suffix}")
        }
    }
}

fn alert_text(kpi: Kpi, value: f64, warning: f64, lang: Lang) -> String {
    let label = kpi.short_label(lang);
    let v = kpi.format(Some(value), lang);
    let w = kpi.format(Some(warning), lang);
    match (lang, kpi.higher_is_better()) {
        (Lang::Zh, true) => format!("{label} {v},低于预警值 {w}"),
        (Lang::Zh, false) => format!("{label} {v},超过预警值 {w}"),
        (Lang::En, true) => format!("{label} at {v}, below its warning threshold of {w}"),
        (Lang::En, false) => format!("{label} at {v}, above its warning threshold of {w}"),
    }
}

/// Each district's share of the total, or `None` without a total.
fn shares(rows: &[(District, Totals)], kpi: Kpi) -> Option<Vec<(District, f64)>> {
    let value = |t: &Totals| kpi.value(t).unwrap_or(0.0);
    let total: f64 = rows.iter().map(|(_, t)| value(t)).sum();
    rows.iter()
        .map(|(d, t)| ratio(value(t), total).map(|s| (*d, s)))
        .collect()
}

fn share_notes(data: &CockpitData, lang: Lang, out: &mut Vec<Insight>) {
    for kpi in SHARE_KPIS {
        let (Some(now), Some(before)) = (
            shares(&data.by_district, kpi),
            shares(&data.previous_by_district, kpi),
        ) else {
            continue;
        };
        for ((district, s), (_, p)) in now.iter().zip(&before) {
            let diff = s - p;
            if !reaches(diff, MIN_SHARE_CHANGE) {
                continue;
            }
            let pts = format!("{:.1}", diff.abs() * 100.0);
            let name = district.label(lang);
            let text = match lang {
                Lang::Zh => {
                    let what = if kpi == Kpi::Orders {
                        "订单"
                    } else {
                        "累计访问人数"
                    };
                    let dir = if diff > 0.0 { "上升" } else { "下降" };
                    format!("{name}{what}占比{dir} {pts} 个百分点")
                }
                Lang::En => {
                    let what = if kpi == Kpi::Orders {
                        "orders"
                    } else {
                        "visitors"
                    };
                    let dir = if diff > 0.0 { "rose" } else { "fell" };
                    format!("{name}'s share of {what} {dir} {pts} pp")
                }
            };
            out.push(Insight {
                severity: Severity::Info,
                kpi: Some(kpi),
                district: Some(*district),
                date: None,
                magnitude: diff.abs(),
                text,
                title: None,
            });
        }
    }
}

fn short_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}月{}日", d.month(), d.day()),
        Lang::En => format!("{} {}", d.day(), d.format("%b")),
    }
}

fn anomaly_notes(data: &CockpitData, lang: Lang, out: &mut Vec<Insight>) {
    for kpi in ANOMALY_KPIS {
        let found = data.anomalies(kpi);
        // One note per KPI: its most extreme day, with a count of the others.
        let excess = |&(_, v, lo, hi): &(NaiveDate, f64, f64, f64)| {
            if v < lo {
                ratio(lo - v, lo.abs()).unwrap_or(0.0)
            } else {
                ratio(v - hi, hi.abs()).unwrap_or(0.0)
            }
        };
        let Some(worst) = found.iter().max_by(|a, b| excess(a).total_cmp(&excess(b))) else {
            continue;
        };
        let (date, v, lo, _) = *worst;
        let low = v < lo;
        let good = low != kpi.higher_is_better();
        let label = kpi.short_label(lang);
        let day = short_date(date, lang);
        let n = ANOMALY_WINDOW;
        let mut text = match (lang, low) {
            (Lang::Zh, true) => format!("{day} {label} 异常偏低(低于近{n}天最低值)"),
            (Lang::Zh, false) => format!("{day} {label} 异常偏高(高于近{n}天最高值)"),
            (Lang::En, true) => format!("{day}: {label} unusually low (below the {n}-day minimum)"),
            (Lang::En, false) => {
                format!("{day}: {label} unusually high (above the {n}-day maximum)")
            }
        };
        if found.len() > 1 {
            text.push_str(&match lang {
                Lang::Zh => format!(",本期共 {} 天超出范围", found.len()),
                Lang::En => format!("; {} days out of range this period", found.len()),
            });
        }
        out.push(Insight {
            severity: if good {
                Severity::Good
            } else {
                Severity::Warning
            },
            kpi: Some(kpi),
            district: None,
            date: Some(date),
            magnitude: excess(worst),
            text,
            title: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::query::CockpitQuery;
    use crate::domain::cockpit::totals::Totals;
    use crate::domain::shared::period::Period;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn target(id: &str, t: f64, w: f64) -> Target {
        Target {
            id: id.into(),
            target: t,
            warning: w,
        }
    }

    /// Cockpit figures with only totals set (Nov 1–30, previous period).
    fn data(current: Totals, previous: Option<Totals>) -> CockpitData {
        let period = Period::new(d(2026, 11, 1), d(2026, 11, 30));
        CockpitData {
            query: CockpitQuery::default(),
            last_day: period.end,
            period,
            comparison: previous.map(|_| period.previous()),
            current,
            previous,
            series: Vec::new(),
            comparison_series: Vec::new(),
            daily: Vec::new(),
            by_district: Vec::new(),
            by_channel: Vec::new(),
            by_platform: Vec::new(),
            previous_by_district: Vec::new(),
            by_gender: Vec::new(),
            by_age: Vec::new(),
            estimated: false,
        }
    }

    fn bounces(sessions: u64, bounces: u64) -> Totals {
        Totals {
            sessions,
            bounces,
            ..Default::default()
        }
    }

    #[test]
    fn bounce_rate_rise_past_warning_in_both_languages() {
        let x = data(bounces(1000, 448), Some(bounces(1000, 400)));
        let targets = [target("bounceRate", 0.30, 0.40)];
        let zh = insights(&x, &targets, Lang::Zh);
        assert_eq!(zh.len(), 1);
        assert_eq!(zh[0].severity, Severity::Alert);
        assert_eq!(zh[0].kpi, Some(Kpi::BounceRate));
        // 40 % → 44.8 %: 4.8 points (a 12.0 % relative rise, on hover).
        assert_eq!(zh[0].text, "跳出率比上期上升 4.8 个百分点,超过预警值");
        assert_eq!(zh[0].title.as_deref(), Some("相对变化 +12.0%"));
        let en = insights(&x, &targets, Lang::En);
        assert_eq!(
            en[0].text,
            "Bounce rate up 4.8 pp on the last period, above its warning threshold"
        );
        assert_eq!(en[0].title.as_deref(), Some("Relative change +12.0%"));
        // Without a target it is a plain warning.
        let plain = insights(&x, &[], Lang::En);
        assert_eq!(plain[0].severity, Severity::Warning);
        assert_eq!(plain[0].text, "Bounce rate up 4.8 pp on the last period");
        // A falling bounce rate is good news.
        let better = data(bounces(1000, 400), Some(bounces(1000, 448)));
        let g = insights(&better, &targets, Lang::Zh);
        assert_eq!(g[0].severity, Severity::Good);
        // 40.0 % is not past the 40 % warning: off target, no suffix.
        assert_eq!(g[0].text, "跳出率比上期下降 4.8 个百分点");
        assert_eq!(g[0].title.as_deref(), Some("相对变化 -10.7%"));
        // Improving but still past the warning.
        let still = data(bounces(1000, 430), Some(bounces(1000, 480)));
        let s = insights(&still, &targets, Lang::Zh);
        assert_eq!(s[0].severity, Severity::Alert);
        assert_eq!(s[0].text, "跳出率比上期下降 5.0 个百分点,仍超过预警值");
        assert_eq!(
            insights(&still, &targets, Lang::En)[0].text,
            "Bounce rate down 5.0 pp on the last period, still above its warning threshold"
        );
        // A relative change over 5 % that shows as 0.0 point is not news:
        // 0.54 % → 0.50 % is -7.4 % relative but -0.04 point.
        let tiny = data(bounces(10_000, 50), Some(bounces(10_000, 54)));
        assert!(insights(&tiny, &[], Lang::Zh).is_empty());
        // Counts keep relative changes and have no hover text.
        let o = data(
            Totals {
                orders: 1100,
                ..Default::default()
            },
            Some(Totals {
                orders: 1000,
                ..Default::default()
            }),
        );
        assert_eq!(insights(&o, &[], Lang::Zh)[0].title, None);
    }

    #[test]
    fn year_ago_wording_and_target_suffixes() {
        let mut x = data(
            Totals {
                orders: 1100,
                ..Default::default()
            },
            Some(Totals {
                orders: 1000,
                ..Default::default()
            }),
        );
        x.query.compare = Comparison::YearAgo;
        // 30 days × 30 a day = 900: met.
        let targets = [target("orders", 30.0, 20.0)];
        let zh = insights(&x, &targets, Lang::Zh);
        assert_eq!(zh[0].text, "订单数比去年同期上升 10.0%,已达目标");
        let en = insights(&x, &targets, Lang::En);
        assert_eq!(
            en[0].text,
            "Orders up 10.0% on the same period last year, on target"
        );
        // Falling short: 40 a day → 1,200 target, 1,000 warning.
        let mut y = data(
            Totals {
                orders: 1050,
                ..Default::default()
            },
            Some(Totals {
                orders: 1200,
                ..Default::default()
            }),
        );
        y.query.compare = Comparison::Previous;
        let t = [target("orders", 40.0, 33.0)];
        let zh = insights(&y, &t, Lang::Zh);
        assert_eq!(zh[0].severity, Severity::Warning);
        assert_eq!(zh[0].text, "订单数比上期下降 12.5%,未达目标");
        assert_eq!(
            insights(&y, &t, Lang::En)[0].text,
            "Orders down 12.5% on the last period, short of its target"
        );
    }

    #[test]
    fn small_changes_are_not_news() {
        // +4.9 %: below the threshold; +5.0 %: reported.
        let t = |v| Totals {
            visitors: v,
            ..Default::default()
        };
        assert!(insights(&data(t(1049), Some(t(1000))), &[], Lang::Zh).is_empty());
        let five = insights(&data(t(1050), Some(t(1000))), &[], Lang::Zh);
        assert_eq!(five.len(), 1);
        assert_eq!(five[0].text, "累计访问人数比上期上升 5.0%");
        // No comparison: no change notes at all.
        assert!(insights(&data(t(1050), None), &[], Lang::Zh).is_empty());
    }

    #[test]
    fn target_alert_without_a_change() {
        let conv = Totals {
            visitors: 1000,
            paying_users: 10,
            ..Default::default()
        };
        let x = data(conv, None);
        let targets = [target("conversionRate", 0.03, 0.02)];
        let zh = insights(&x, &targets, Lang::Zh);
        assert_eq!(zh.len(), 1);
        assert_eq!(zh[0].severity, Severity::Alert);
        assert_eq!(zh[0].text, "转化率 1.0%,低于预警值 2.0%");
        assert_eq!(
            insights(&x, &targets, Lang::En)[0].text,
            "Conversion rate at 1.0%, below its warning threshold of 2.0%"
        );
        // A filtered view is not held against company-wide targets.
        let mut filtered = data(conv, None);
        filtered.query.filter.district = Some(District::Heping);
        assert!(insights(&filtered, &targets, Lang::Zh).is_empty());
    }

    #[test]
    fn a_target_of_1e308_never_shows_inf() {
        let conv = Totals {
            visitors: 1000,
            paying_users: 10,
            ..Default::default()
        };
        let targets: Vec<Target> = Kpi::ALL
            .iter()
            .map(|k| target(k.key(), 1e308, 1e308))
            .collect();
        for lang in [Lang::Zh, Lang::En] {
            for i in insights(&data(conv, Some(conv)), &targets, lang) {
                let t = i.text.to_lowercase();
                assert!(!t.contains("inf") && !t.contains("nan"), "{t}");
            }
        }
        // Such a target is ignored rather than judged against.
        assert!(insights(&data(conv, None), &targets, Lang::Zh).is_empty());
    }

    fn orders(n: u64) -> Totals {
        Totals {
            orders: n,
            ..Default::default()
        }
    }

    #[test]
    fn district_share_shifts() {
        let mut x = data(orders(1000), Some(orders(1000)));
        x.by_district = vec![
            (District::Heping, orders(77)),
            (District::Hexi, orders(923)),
        ];
        x.previous_by_district = vec![
            (District::Heping, orders(100)),
            (District::Hexi, orders(900)),
        ];
        let zh = insights(&x, &[], Lang::Zh);
        let texts: Vec<&str> = zh.iter().map(|i| i.text.as_str()).collect();
        assert!(
            texts.contains(&"和平区订单占比下降 2.3 个百分点"),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"河西区订单占比上升 2.3 个百分点"),
            "{texts:?}"
        );
        assert!(zh.iter().all(|i| i.severity == Severity::Info));
        let heping = zh
            .iter()
            .find(|i| i.district == Some(District::Heping))
            .unwrap();
        assert_eq!(heping.kpi, Some(Kpi::Orders));
        let en = insights(&x, &[], Lang::En);
        assert!(en
            .iter()
            .any(|i| i.text == "Heping's share of orders fell 2.3 pp"));
        // Under a point: nothing.
        x.by_district = vec![
            (District::Heping, orders(95)),
            (District::Hexi, orders(905)),
        ];
        assert!(insights(&x, &[], Lang::Zh).is_empty());
    }

    #[test]
    fn anomaly_days_in_both_languages() {
        let mut x = data(Totals::default(), None);
        x.period = Period::new(d(2026, 11, 1), d(2026, 11, 5));
        let visitors = |v| Totals {
            visitors: v,
            ..Default::default()
        };
        x.daily = Period::new(d(2026, 10, 4), d(2026, 11, 5))
            .iter_days()
            .map(|day| {
                (
                    day,
                    visitors(if day == d(2026, 11, 3) { 500 } else { 1000 }),
                )
            })
            .collect();
        x.current = visitors(4500);
        let zh = insights(&x, &[], Lang::Zh);
        assert_eq!(zh.len(), 1);
        assert_eq!(
            zh[0].text,
            "11月3日 累计访问人数 异常偏低(低于近28天最低值)"
        );
        assert_eq!(zh[0].severity, Severity::Warning);
        assert_eq!(zh[0].date, Some(d(2026, 11, 3)));
        assert_eq!(zh[0].magnitude, 0.5);
        let en = insights(&x, &[], Lang::En);
        assert_eq!(
            en[0].text,
            "3 Nov: Visitors unusually low (below the 28-day minimum)"
        );
        // A second, smaller spike upward: one note, with the count.
        if let Some(day) = x.daily.iter_mut().find(|(day, _)| *day == d(2026, 11, 5)) {
            day.1 = visitors(1100);
        }
        let zh = insights(&x, &[], Lang::Zh);
        assert_eq!(zh.len(), 1);
        assert_eq!(
            zh[0].text,
            "11月3日 累计访问人数 异常偏低(低于近28天最低值),本期共 2 天超出范围"
        );
        assert_eq!(
            insights(&x, &[], Lang::En)[0].text,
            "3 Nov: Visitors unusually low (below the 28-day minimum); 2 days out of range this period"
        );
    }

    #[test]
    fn ranked_by_severity_then_size_and_capped() {
        let cur = Totals {
            visitors: 2000,
            visits: 3000,
            new_visitors: 1300,
            page_views: 4000,
            orders: 160,
            paying_users: 150,
            carts: 10,
            sessions: 1000,
            bounces: 500,
            stay_seconds: 100_000,
            repeat_buyers: 30,
            revenue: 10_000.0,
            product_views: 1,
        };
        let prev = Totals {
            visitors: 1000,
            visits: 2000,
            new_visitors: 1000,
            page_views: 3000,
            orders: 100,
            paying_users: 100,
            sessions: 1000,
            bounces: 400,
            stay_seconds: 90_000,
            repeat_buyers: 10,
            revenue: 9_000.0,
            carts: 0,
            product_views: 0,
        };
        let x = data(cur, Some(prev));
        let targets = [target("bounceRate", 0.3, 0.4)];
        let all = insights(&x, &targets, Lang::En);
        assert_eq!(all.len(), MAX_INSIGHTS);
        assert_eq!(all[0].kpi, Some(Kpi::BounceRate));
        assert_eq!(all[0].severity, Severity::Alert);
        for w in all.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert!(
                a.severity.rank() > b.severity.rank()
                    || (a.severity == b.severity && a.magnitude >= b.magnitude),
                "{a:?} before {b:?}"
            );
        }
        // Visitors doubled: the biggest good change comes right after the alerts.
        let first_good = all.iter().find(|i| i.severity == Severity::Good).unwrap();
        assert!(
            first_good.kpi == Some(Kpi::Visitors) || first_good.kpi == Some(Kpi::ReturningShare)
        );
    }
}
