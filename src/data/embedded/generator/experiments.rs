//! A/B experiments, concluded and running, with visitors and conversions
//! per variant from the traffic of their weeks, and each test's plan
//! (split, minimum detectable effect, daily traffic). The set covers every
//! verdict the read-out gives: winners, a loser, inconclusive, a sample-ratio
//! mismatch, a running test too early to call and one that can never reach
//! its sample.

use chrono::NaiveDate;

use super::common::to_u32;
use super::{Aggregates, S_EXPERIMENTS};
use crate::data::embedded::rng::Rng;
use crate::domain::experience::model::{Experiment, ExperimentStatus, ExperimentVariant};
use crate::domain::shared::dates::add_days;

/// One demo test's plan and truth.
struct Spec {
    name: &'static str,
    hypothesis: &'static str,
    metric: &'static str,
    /// Start and end as days from the last day; no end = running.
    from: i64,
    to: Option<i64>,
    /// Share of the day's visitors that enter the test.
    share: f64,
    base: f64,
    /// Planned relative minimum detectable effect.
    mde: f64,
    /// Variants with their true relative lift and planned weight.
    variants: &'static [(&'static str, f64, f64)],
    /// Visitors lost from the last variant (a broken assignment: SRM).
    lost: f64,
}

#[rustfmt::skip]
const SPECS: &[Spec] = &[
    Spec { name: "首页大图 vs 宫格", hypothesis: "首页用金刚区宫格替代大图轮播,用户更快进入菜单,下单率提升。", metric: "下单",
        from: -130, to: Some(-102), share: 0.5, base: 0.055, mde: 0.08, lost: 0.0,
        variants: &[("A 大图轮播(对照)", 1.0, 1.0), ("B 金刚区宫格", 1.09, 1.0)] },
    Spec { name: "一键下单按钮颜色", hypothesis: "红色按钮更醒目,确认订单页点击率更高。", metric: "点击下单",
        from: -88, to: Some(-67), share: 0.6, base: 0.42, mde: 0.03, lost: 0.0,
        variants: &[("A 橙色(对照)", 1.0, 1.0), ("B 红色", 1.04, 1.0), ("C 绿色", 0.97, 1.0)] },
    Spec { name: "支付成功页引导入会", hypothesis: "支付成功页引导开通会员,提升会员注册率。", metric: "会员注册",
        from: -60, to: Some(-32), share: 0.4, base: 0.08, mde: 0.10, lost: 0.0,
        variants: &[("A 无引导(对照)", 1.0, 1.0), ("B 弹窗引导", 1.35, 1.0), ("C 卡片引导", 1.22, 1.0)] },
    Spec { name: "结算页凑单提示", hypothesis: "提示“再买X元免配送费”会提高客单价,但可能打断下单。", metric: "下单",
        from: -75, to: Some(-54), share: 0.5, base: 0.06, mde: 0.08, lost: 0.0,
        variants: &[("A 无提示(对照)", 1.0, 1.0), ("B 凑单弹窗", 0.88, 1.0)] },
    Spec { name: "会员日推送时间", hypothesis: "周三会员日的推送在午餐前发出,领券率最高。", metric: "领券",
        from: -50, to: Some(-23), share: 0.6, base: 0.12, mde: 0.10, lost: 0.0,
        variants: &[("A 上午10点(对照)", 1.0, 2.0), ("B 11点半", 1.02, 1.0), ("C 下午5点", 0.99, 1.0), ("D 晚上8点", 1.01, 1.0)] },
    Spec { name: "优惠券入口位置", hypothesis: "把领券入口移到首页顶部,更多人领券。", metric: "领券",
        from: -40, to: Some(-19), share: 0.5, base: 0.10, mde: 0.10, lost: 0.06,
        variants: &[("A 我的页面(对照)", 1.0, 1.0), ("B 首页顶部", 1.12, 1.0)] },
    Spec { name: "新人券面额 10 vs 15", hypothesis: "15元新人券的首单转化提升能覆盖多出的5元成本。", metric: "首单支付",
        from: -14, to: None, share: 0.3, base: 0.06, mde: 0.15, lost: 0.0,
        variants: &[("A 10元(对照)", 1.0, 1.0), ("B 15元", 1.18, 1.0)] },
    Spec { name: "预约到店页提示文案", hypothesis: "写明“到店免排队”让更多人完成预约。", metric: "预约到店",
        from: -20, to: None, share: 0.01, base: 0.03, mde: 0.05, lost: 0.0,
        variants: &[("A 原文案(对照)", 1.0, 1.0), ("B 到店免排队", 1.03, 1.0)] },
    Spec { name: "菜单默认排序:推荐 vs 销量", hypothesis: "按销量排序让新用户更快找到招牌菜。", metric: "加入购物车",
        from: -9, to: None, share: 0.5, base: 0.16, mde: 0.05, lost: 0.0,
        variants: &[("A 推荐排序(对照)", 1.0, 1.0), ("B 销量排序", 1.06, 1.0)] },
];

pub(super) fn gen_experiments(seed: u64, end: NaiveDate, agg: &Aggregates) -> Vec<Experiment> {
    let mut rng = Rng::derive(seed, S_EXPERIMENTS);
    SPECS
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let start = add_days(end, spec.from);
            let stop = spec.to.map(|t| add_days(end, t));
            let (t, days) = agg.range(start, stop.unwrap_or(end));
            let entered = t.visitors as f64 * 0.4 * spec.share;
            let weights: f64 = spec.variants.iter().map(|v| v.2).sum();
            let last = spec.variants.len().saturating_sub(1);
            let variants = spec
                .variants
                .iter()
                .enumerate()
                .map(|(k, &(name, lift, weight))| {
                    let expected = entered * weight / weights.max(1.0);
                    // Random assignment varies by about √n, so a sound test
                    // never shows a mismatch by accident.
                    let noise = rng.normalish() * expected.max(1.0).sqrt();
                    let lost = if k == last { 1.0 - spec.lost } else { 1.0 };
                    let visitors = to_u32((expected + noise).max(1.0) * lost);
                    let rate = spec.base * lift;
                    let sd = (f64::from(visitors) * rate * (1.0 - rate)).sqrt();
                    let conversions = to_u32(f64::from(visitors) * rate + rng.normalish() * sd);
                    ExperimentVariant {
                        name: name.to_string(),
                        visitors,
                        conversions: conversions.min(visitors),
                    }
                })
                .collect::<Vec<_>>();
            let total: u32 = variants.iter().map(|v| v.visitors).sum();
            Experiment {
                id: format!("exp-{:02}", i + 1),
                name: spec.name.to_string(),
                hypothesis: spec.hypothesis.to_string(),
                metric: spec.metric.to_string(),
                start,
                end: stop,
                status: if stop.is_some() {
                    ExperimentStatus::Concluded
                } else {
                    ExperimentStatus::Running
                },
                variants,
                planned_split: spec.variants.iter().map(|v| v.2).collect(),
                minimum_detectable_effect: Some(spec.mde),
                daily_traffic: Some((f64::from(total) / f64::from(days.max(1))).round()),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::data;
    use crate::domain::experience::ab_test::Verdict;
    use crate::domain::experience::experiments::read_out;

    #[test]
    fn variants_are_consistent_with_their_status() {
        let all = &data().experiments;
        assert!(all.len() >= 8);
        for x in all {
            assert!((2..=4).contains(&x.variants.len()));
            assert_eq!(x.planned_split.len(), x.variants.len());
            assert!(x
                .variants
                .iter()
                .all(|v| v.conversions <= v.visitors && v.visitors > 0));
            assert_eq!(x.end.is_some(), x.status == ExperimentStatus::Concluded);
        }
    }

    #[test]
    fn the_demo_tests_cover_every_verdict() {
        let today = data().metrics.iter().map(|m| m.date).max().unwrap();
        let verdicts: Vec<(String, Verdict)> = data()
            .experiments
            .iter()
            .map(|x| (x.name.clone(), read_out(x, today).unwrap().verdict))
            .collect();
        let of = |name: &str| verdicts.iter().find(|(n, _)| n == name).unwrap().1;
        // Only the broken assignment is invalid.
        let invalid: Vec<&str> = verdicts
            .iter()
            .filter(|(_, v)| matches!(v, Verdict::Invalid { .. }))
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(invalid, ["优惠券入口位置"], "{verdicts:?}");
        assert!(
            matches!(of("预约到店页提示文案"), Verdict::Underpowered { .. }),
            "{verdicts:?}"
        );
        assert!(
            matches!(of("菜单默认排序:推荐 vs 销量"), Verdict::TooEarly { .. }),
            "{verdicts:?}"
        );
        assert!(
            matches!(of("支付成功页引导入会"), Verdict::Winner { .. }),
            "{verdicts:?}"
        );
        assert!(
            matches!(of("结算页凑单提示"), Verdict::Loser),
            "{verdicts:?}"
        );
        // Four variants, so the read-out applies Holm.
        assert_eq!(
            data()
                .experiments
                .iter()
                .filter(|x| x.variants.len() >= 3)
                .count(),
            3
        );
    }
}
