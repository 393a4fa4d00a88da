//! The KPI table behind the tiles and the CSV export: each KPI's value,
//! comparison, change and target status with the exact texts shown.
//!
//! Changes of rates (conversion, bounce, returning-customer share) read in
//! percentage points, as analytics tools show them: a conversion rate
//! going from 12.1 % to 8.7 % fell 3.4 points, which a relative "-28.2%"
//! makes look like a collapse. The relative change stays available as a
//! hover text and its own CSV column. Definitions: docs/metrics.md §4, §12.

use crate::domain::cockpit::aggregate::CockpitData;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::model::Target;
use crate::domain::cockpit::targets::{target_status, usable_target, TargetStatus};
use crate::domain::shared::csv;
use crate::domain::shared::ratio::{change, Trend, FLAT_THRESHOLD};
use crate::i18n::words;
use crate::i18n::{format_change, Lang};

/// A rate change smaller than this (0.05 points) shows as "0.0" points, so
/// it is flat whatever its relative size.
pub const FLAT_POINTS: f64 = 0.0005;

impl Kpi {
    /// What the figure is, for a hover title where the label alone could
    /// mislead; `None` where the label says it all.
    pub fn note(self, lang: Lang) -> Option<&'static str> {
        Some(match self {
            Kpi::Visitors => lang.tr(
                "各日访问人数(UV)之和:同一人在多天访问按天各计一次;单日即当天 UV。数据源不提供期间去重人数。",
                "The sum of each day's unique visitors: someone visiting on several days counts once per day; for a single day it is that day's UV. The data has no de-duplicated count for a period.",
            ),
            Kpi::PayingUsers => lang.tr(
                "各日支付人数之和:同一人在多天支付按天各计一次。",
                "The sum of each day's paying users: someone paying on several days counts once per day.",
            ),
            Kpi::ConversionRate => lang.tr(
                "累计支付人数 ÷ 累计访问人数(均按天计人)。",
                "Paying users ÷ visitors, both counted per day.",
            ),
            Kpi::RevenuePerCustomer => lang.tr(
                "销售额 ÷ 累计支付人数:每位支付用户(按天计)的消费额。按订单计见“笔单价”。",
                "Revenue ÷ paying users (counted per day). Per order: see Average order value.",
            ),
            Kpi::Aov => lang.tr(
                "销售额 ÷ 订单数:平均每笔订单的金额。按人计见“客单价”。",
                "Revenue ÷ orders: the average value of one order. Per customer: see Revenue per customer.",
            ),
            Kpi::ReturningShare => lang.tr(
                "支付人数中此前已支付过的用户占比(按天统计后汇总)。不是复购率(期内下单 ≥2 次的客户占比):数据没有到客户级,无法计算。",
                "Share of paying users who had paid before (counted per day). Not the repurchase rate (customers with 2+ orders in the period), which needs per-customer data.",
            ),
            _ => return None,
        })
    }
}

/// The targets that apply to `data`'s view: all of them for the whole
/// business, none for a filtered slice (a district or channel is not held
/// against company-wide targets).
pub fn applicable_targets<'a>(data: &CockpitData, targets: &'a [Target]) -> &'a [Target] {
    if data.query.filter.is_empty() {
        targets
    } else {
        &[]
    }
}

/// The change of a rate in points, as a fraction (0.034 = 3.4 points).
pub fn points_change(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    Some(current? - previous?).filter(|p| p.is_finite())
}

/// "+3.4 个百分点" / "-3.4 pp"; "—" for none.
pub fn format_points(points: Option<f64>, lang: Lang) -> String {
    match points.map(|p| p * 100.0).filter(|p| p.is_finite()) {
        Some(p) => format!("{p:+.1}{}", lang.tr(" 个百分点", " pp")),
        None => "—".into(),
    }
}

/// A rate's trend: flat when either the points or the relative change are
/// too small to be news, so "+0.0 pp" never carries an arrow.
pub fn rate_trend(points: Option<f64>, relative: Option<f64>) -> Option<Trend> {
    let p = points?;
    let flat = p.abs() < FLAT_POINTS || relative.is_some_and(|r| r.abs() < FLAT_THRESHOLD);
    Some(if flat {
        Trend::Flat
    } else if p > 0.0 {
        Trend::Up
    } else {
        Trend::Down
    })
}

/// One KPI tile / CSV row, with the texts the tile shows.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiRow {
    pub kpi: Kpi,
    pub value: Option<f64>,
    pub comparison: Option<f64>,
    /// Relative change.
    pub change: Option<f64>,
    /// Change in points (a fraction), for rates only.
    pub points: Option<f64>,
    pub trend: Option<Trend>,
    /// Whether the change is good news (`None`: flat or unknown).
    pub good: Option<bool>,
    /// (target, warning) scaled to the period's days.
    pub target: Option<(f64, f64)>,
    pub status: TargetStatus,
    pub value_text: String,
    pub comparison_text: String,
    /// Points for a rate ("-3.4 个百分点"), relative otherwise ("+12.5%").
    pub change_text: String,
    /// The other reading of a rate's change, for a hover title
    /// ("相对变化 -28.2%"); empty for other KPIs.
    pub change_title: String,
}

/// Every KPI of `data`, in [`Kpi::ALL`] order, judged against the targets
/// that apply to its view ([`applicable_targets`]).
pub fn kpi_rows(data: &CockpitData, targets: &[Target], lang: Lang) -> Vec<KpiRow> {
    let targets = applicable_targets(data, targets);
    let days = data.period.days();
    Kpi::ALL
        .iter()
        .map(|&kpi| {
            let value = data.value(kpi);
            let comparison = data.previous_value(kpi);
            let ch = change(value, comparison);
            let target = kpi.target(targets);
            let (points, trend, change_text, change_title) = if kpi.is_rate() {
                let p = points_change(value, comparison);
                let title = format!(
                    "{}{}",
                    lang.tr("相对变化 ", "Relative change "),
                    format_change(ch)
                );
                (p, rate_trend(p, ch), format_points(p, lang), title)
            } else {
                (None, Trend::of(ch), format_change(ch), String::new())
            };
            let good = match trend {
                Some(Trend::Up) => Some(kpi.higher_is_better()),
                Some(Trend::Down) => Some(!kpi.higher_is_better()),
                _ => None,
            };
            KpiRow {
                kpi,
                value,
                comparison,
                change: ch,
                points,
                trend,
                good,
                target: target.and_then(|t| usable_target(kpi, t, days)),
                status: target_status(kpi, value, target, days),
                value_text: kpi.format(value, lang),
                comparison_text: kpi.format(comparison, lang),
                change_text,
                change_title,
            }
        })
        .collect()
}

/// A fraction as a plain percentage number with two decimals ("-3.40");
/// empty for none or a number too large to mean anything.
fn plain_percent(x: Option<f64>) -> String {
    x.map(|x| x * 100.0)
        .filter(|x| x.is_finite() && x.abs() < crate::domain::cockpit::kpi::MAX_SHOWN)
        .map(|x| format!("{x:.2}"))
        .unwrap_or_default()
}

/// The export: the KPI table (header + one row per KPI), an empty line, and
/// the trend series at the query's granularity (header + one row per
/// bucket). Numbers are plain (see [`Kpi::plain`], unit in its own column);
/// the `*_display` columns hold the exact tile texts. A filtered view
/// carries no targets (as its tiles). Written with the shared
/// [`csv`] writer (CRLF, formulas neutralised); a UI saving it for Excel
/// should prepend a UTF-8 BOM.
pub fn to_csv(data: &CockpitData, targets: &[Target], lang: Lang) -> String {
    let filtered = !data.query.filter.is_empty();
    let mut out = String::with_capacity(4096);
    csv::line(
        &mut out,
        match lang {
            Lang::Zh => [
                "指标",
                "键",
                "单位",
                "本期",
                "对比期",
                "相对变化(%)",
                "变化(百分点)",
                "目标",
                "预警值",
                "目标状态",
                "本期(显示)",
                "对比期(显示)",
                "变化(显示)",
            ],
            Lang::En => [
                "Metric",
                "Key",
                "Unit",
                "Current",
                "Comparison",
                "Relative change (%)",
                "Change (pp)",
                "Target",
                "Warning",
                "Target status",
                "Current (display)",
                "Comparison (display)",
                "Change (display)",
            ],
        },
    );
    for r in kpi_rows(data, targets, lang) {
        let k = r.kpi;
        let (target, warning) = match r.target {
            Some((t, w)) => (k.plain(Some(t)), k.plain(Some(w))),
            None => (String::new(), String::new()),
        };
        let status = if filtered {
            lang.tr("不适用(筛选视图)", "n/a (filtered view)")
        } else {
            r.status.label(lang)
        };
        csv::line(
            &mut out,
            [
                k.label(lang),
                k.key(),
                k.unit(lang),
                &k.plain(r.value),
                &k.plain(r.comparison),
                &plain_percent(r.change),
                &plain_percent(r.points),
                &target,
                &warning,
                status,
                &r.value_text,
                &r.comparison_text,
                &r.change_text,
            ],
        );
    }
    out.push_str("\r\n");
    let date_header = format!("{} ({})", words::date(lang), data.query.grain.label(lang));
    let mut header = vec![date_header];
    header.extend(
        Kpi::ALL
            .iter()
            .map(|k| format!("{} ({})", k.label(lang), k.unit(lang))),
    );
    csv::line(&mut out, &header);
    let mut cells: Vec<String> = Vec::with_capacity(Kpi::ALL.len() + 1);
    for (date, t) in &data.series {
        cells.clear();
        cells.push(date.format("%Y-%m-%d").to_string());
        cells.extend(Kpi::ALL.iter().map(|k| k.plain(k.value(t))));
        csv::line(&mut out, &cells);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::aggregate::Cockpit;
    use crate::domain::cockpit::dimensions::{Channel, District, Platform};
    use crate::domain::cockpit::model::MetricFact;
    use crate::domain::cockpit::query::CockpitQuery;
    use crate::domain::shared::period::Preset;
    use chrono::NaiveDate;

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

    /// One fact: `visitors` visitors, 1,000 sessions with `bounces`
    /// bounces, `payers` paying users of whom `returning` paid before,
    /// `orders` orders worth 50 yuan each.
    fn fact(
        date: NaiveDate,
        district: District,
        visitors: u32,
        bounces: u32,
        payers: u32,
        returning: u32,
        orders: u32,
    ) -> MetricFact {
        MetricFact {
            date,
            district,
            channel: Channel::Direct,
            platform: Platform::Ios,
            visits: visitors,
            visitors,
            new_visitors: 0,
            sessions: 1000,
            stay_seconds: 100_000,
            page_views: 3000,
            bounces,
            product_views: 500,
            carts: 100,
            orders,
            paying_users: payers,
            repeat_buyers: returning,
            revenue: f64::from(orders) * 50.0,
        }
    }

    /// Nov 1 is the comparison day, Nov 2 the current day (Heping and Hexi).
    fn two_days(filter_heping: bool) -> CockpitData {
        let facts = vec![
            fact(d(2026, 11, 1), District::Heping, 1000, 400, 121, 40, 150),
            fact(d(2026, 11, 1), District::Hexi, 1000, 400, 121, 40, 150),
            fact(d(2026, 11, 2), District::Heping, 1000, 448, 87, 40, 120),
            fact(d(2026, 11, 2), District::Hexi, 1000, 448, 87, 40, 120),
        ];
        let mut q = CockpitQuery {
            preset: Preset::Yesterday,
            ..Default::default()
        };
        if filter_heping {
            q.filter.district = Some(District::Heping);
        }
        Cockpit::compute(&facts, &[], &q, d(2026, 11, 2))
    }

    fn row(rows: &[KpiRow], kpi: Kpi) -> KpiRow {
        rows.iter().find(|r| r.kpi == kpi).unwrap().clone()
    }

    #[test]
    fn rate_changes_read_in_points_with_the_relative_change_on_hover() {
        let data = two_days(false);
        let rows = kpi_rows(&data, &[], Lang::Zh);
        assert_eq!(rows.len(), 14);
        // Conversion 174 / 2000 = 8.7 % against 242 / 2000 = 12.1 %:
        // -3.4 points, relative (8.7 - 12.1) / 12.1 = -28.1 %.
        let conv = row(&rows, Kpi::ConversionRate);
        assert_eq!(conv.value_text, "8.7%");
        assert_eq!(conv.comparison_text, "12.1%");
        assert!((conv.points.unwrap() + 0.034).abs() < 1e-12);
        assert_eq!(conv.change_text, "-3.4 个百分点");
        assert_eq!(conv.change_title, "相对变化 -28.1%");
        assert_eq!(conv.trend, Some(Trend::Down));
        assert_eq!(conv.good, Some(false));
        // Bounce 44.8 % against 40 %: +4.8 points (relative +12.0 %), bad.
        let bounce = row(&rows, Kpi::BounceRate);
        assert_eq!(bounce.change_text, "+4.8 个百分点");
        assert_eq!(bounce.change_title, "相对变化 +12.0%");
        assert_eq!(bounce.good, Some(false));
        let en = kpi_rows(&data, &[], Lang::En);
        assert_eq!(row(&en, Kpi::ConversionRate).change_text, "-3.4 pp");
        assert_eq!(
            row(&en, Kpi::BounceRate).change_title,
            "Relative change +12.0%"
        );
        // Counts and money keep relative changes, with no hover text.
        let orders = row(&rows, Kpi::Orders);
        assert_eq!(orders.change_text, "-20.0%");
        assert_eq!(orders.points, None);
        assert_eq!(orders.change_title, "");
        // 客单价 per paying customer vs 笔单价 per order:
        // 12,000 / 174 = ¥68.97; 12,000 / 240 = ¥50.00.
        assert_eq!(row(&rows, Kpi::RevenuePerCustomer).value_text, "¥68.97");
        assert_eq!(row(&rows, Kpi::Aov).value_text, "¥50.00");
        // Returning share 80 / 174 = 46.0 % against 80 / 242 = 33.1 %.
        let ret = row(&rows, Kpi::ReturningShare);
        assert_eq!(ret.change_text, "+12.9 个百分点");
    }

    #[test]
    fn rate_trends_are_flat_below_a_displayed_point() {
        // +0.04 points: shows "+0.0", so no arrow.
        assert_eq!(rate_trend(Some(0.0004), Some(0.1)), Some(Trend::Flat));
        // +1 point on a 90 % rate is a 1.1 % relative change: news.
        assert_eq!(rate_trend(Some(0.01), Some(0.011)), Some(Trend::Up));
        // +0.1 point on a 50 % rate is 0.2 % relative: flat.
        assert_eq!(rate_trend(Some(0.001), Some(0.002)), Some(Trend::Flat));
        // From 0 %: no relative change, the points still count.
        assert_eq!(rate_trend(Some(-0.02), None), Some(Trend::Down));
        assert_eq!(rate_trend(None, Some(0.5)), None);
        assert_eq!(format_points(None, Lang::Zh), "—");
        assert_eq!(format_points(Some(f64::INFINITY), Lang::En), "—");
        assert_eq!(format_points(Some(0.0), Lang::En), "+0.0 pp");
        assert_eq!(points_change(Some(0.05), Some(0.02)), Some(0.05 - 0.02));
        assert_eq!(points_change(Some(0.05), None), None);
    }

    #[test]
    fn csv_has_points_relative_change_and_display_texts() {
        let data = two_days(false);
        let targets = vec![
            target("visitors", 3_000.0, 2_500.0),
            target("bounceRate", 0.2, 0.3),
        ];
        let csv = to_csv(&data, &targets, Lang::Zh);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "指标,键,单位,本期,对比期,相对变化(%),变化(百分点),目标,预警值,目标状态,本期(显示),对比期(显示),变化(显示)"
        );
        // Tile texts with commas are quoted; counts have no points.
        assert_eq!(
            lines[1],
            "累计访问人数,visitors,人,2000,2000,0.00,,3000,2500,预警,\"2,000\",\"2,000\",'+0.0%"
        );
        assert!(
            lines.contains(&"跳出率,bounceRate,%,44.80,40.00,12.00,4.80,20.00,30.00,预警,44.8%,40.0%,'+4.8 个百分点"),
            "{csv}"
        );
        // A negative change stays a number; the display text, which a
        // spreadsheet would read as a formula, gets the ' prefix.
        assert!(
            lines.contains(&"转化率,conversionRate,%,8.70,12.10,-28.10,-3.40,,,无目标,8.7%,12.1%,'-3.4 个百分点"),
            "{csv}"
        );
        assert!(
            lines.contains(
                &"客单价,revenuePerCustomer,元,68.97,61.98,11.26,,,,无目标,¥68.97,¥61.98,'+11.3%"
            ),
            "{csv}"
        );
        assert_eq!(lines[15], "");
        assert!(lines[16].starts_with("日期 (按日),累计访问人数 (人),"));
        assert!(lines[17].starts_with("2026-11-02,2000,2000,"));
        assert_eq!(lines.len(), 19, "17 lines + the day + the trailing CRLF");

        let en = to_csv(&data, &[], Lang::En);
        assert!(
            en.starts_with("Metric,Key,Unit,Current,Comparison,Relative change (%),Change (pp),")
        );
        assert!(en.contains(
            "\r\nAverage order value,aov,CNY,50.00,50.00,0.00,,,,No target,¥50.00,¥50.00,'+0.0%\r\n"
        ));
    }

    #[test]
    fn filtered_views_carry_no_company_targets() {
        let targets = vec![
            target("visitors", 3_000.0, 2_500.0),
            target("bounceRate", 0.2, 0.3),
        ];
        let data = two_days(true);
        assert!(applicable_targets(&data, &targets).is_empty());
        assert_eq!(applicable_targets(&two_days(false), &targets).len(), 2);
        let rows = kpi_rows(&data, &targets, Lang::Zh);
        assert!(rows
            .iter()
            .all(|r| r.status == TargetStatus::NoTarget && r.target.is_none()));
        let csv = to_csv(&data, &targets, Lang::Zh);
        let visitors = csv.lines().nth(1).unwrap();
        assert_eq!(
            visitors,
            "累计访问人数,visitors,人,1000,1000,0.00,,,,不适用(筛选视图),\"1,000\",\"1,000\",'+0.0%"
        );
        // Target, warning and status of every KPI row: empty, empty, n/a.
        for line in csv.lines().skip(1).take(Kpi::ALL.len()) {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells[7..10], ["", "", "不适用(筛选视图)"], "{line}");
        }
    }

    #[test]
    fn a_huge_target_never_prints_inf() {
        let targets: Vec<Target> = Kpi::ALL
            .iter()
            .map(|k| target(k.key(), 1e308, 1e308))
            .collect();
        let data = two_days(false);
        for lang in [Lang::Zh, Lang::En] {
            for r in kpi_rows(&data, &targets, lang) {
                assert_eq!(r.target, None, "{:?}", r.kpi);
                assert_eq!(r.status, TargetStatus::NoTarget, "{:?}", r.kpi);
            }
            let csv = to_csv(&data, &targets, lang).to_lowercase();
            assert!(!csv.contains("inf") && !csv.contains("nan"), "{csv}");
        }
    }

    #[test]
    fn notes_explain_the_misleading_labels() {
        for k in [
            Kpi::Visitors,
            Kpi::PayingUsers,
            Kpi::RevenuePerCustomer,
            Kpi::Aov,
            Kpi::ReturningShare,
        ] {
            assert!(k.note(Lang::Zh).is_some() && k.note(Lang::En).is_some());
        }
        assert!(Kpi::ReturningShare
            .note(Lang::Zh)
            .unwrap()
            .contains("不是复购率"));
        assert_eq!(Kpi::Orders.note(Lang::En), None);
    }
}
