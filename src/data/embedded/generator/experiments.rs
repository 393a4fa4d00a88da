//! A/B experiments, concluded and running, with visitors and conversions
//! per variant from the traffic of their weeks.

use chrono::NaiveDate;

use super::common::to_u32;
use super::{Aggregates, S_EXPERIMENTS};
use crate::data::embedded::rng::Rng;
use crate::domain::experience::model::{Experiment, ExperimentStatus, ExperimentVariant};
use crate::domain::shared::dates::add_days;

/// (name, hypothesis, metric, start offset, end offset, traffic share, base
/// conversion, variants with relative lift)
type ExperimentSpec = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    Option<i64>,
    f64,
    f64,
    &'static [(&'static str, f64)],
);

pub(super) fn gen_experiments(seed: u64, end: NaiveDate, agg: &Aggregates) -> Vec<Experiment> {
    let mut rng = Rng::derive(seed, S_EXPERIMENTS);
    // (name, hypothesis, metric, start offset, end offset (None = running),
    //  share of traffic, base conversion, variants with relative lift)
    #[rustfmt::skip]
    let specs: &[ExperimentSpec] = &[
        ("首页大图 vs 宫格", "首页用金刚区宫格替代大图轮播,用户更快进入菜单,下单率提升。", "下单", -130, Some(-102), 0.5, 0.055,
            &[("A 大图轮播(对照)", 1.0), ("B 金刚区宫格", 1.09)]),
        ("一键下单按钮颜色", "红色按钮更醒目,确认订单页点击率更高。", "点击下单", -88, Some(-67), 0.6, 0.42,
            &[("A 橙色(对照)", 1.0), ("B 红色", 1.04), ("C 绿色", 0.97)]),
        ("支付成功页引导入会", "支付成功页引导开通会员,提升会员注册率。", "会员注册", -60, Some(-32), 0.4, 0.08,
            &[("A 无引导(对照)", 1.0), ("B 弹窗引导", 1.35), ("C 卡片引导", 1.22)]),
        ("新人券面额 10 vs 15", "15元新人券的首单转化提升能覆盖多出的5元成本。", "首单支付", -14, None, 0.3, 0.06,
            &[("A 10元(对照)", 1.0), ("B 15元", 1.18)]),
        ("菜单默认排序:推荐 vs 销量", "按销量排序让新用户更快找到招牌菜。", "加入购物车", -9, None, 0.5, 0.16,
            &[("A 推荐排序(对照)", 1.0), ("B 销量排序", 1.06)]),
    ];
    specs
        .iter()
        .enumerate()
        .map(
            |(i, &(name, hypothesis, metric, from, to, share, base, variants))| {
                let start = add_days(end, from);
                let stop = to.map(|t| add_days(end, t));
                let (t, _) = agg.range(start, stop.unwrap_or(end));
                let per_variant = t.visitors as f64 * 0.4 * share / variants.len().max(1) as f64;
                let variants = variants
                    .iter()
                    .map(|&(vname, lift)| {
                        let visitors = to_u32(per_variant * rng.jitter(0.02));
                        ExperimentVariant {
                            name: vname.to_string(),
                            visitors,
                            conversions: to_u32(
                                f64::from(visitors) * base * lift * rng.jitter(0.03),
                            )
                            .min(visitors),
                        }
                    })
                    .collect();
                Experiment {
                    id: format!("exp-{:02}", i + 1),
                    name: name.to_string(),
                    hypothesis: hypothesis.to_string(),
                    metric: metric.to_string(),
                    start,
                    end: stop,
                    status: if stop.is_some() {
                        ExperimentStatus::Concluded
                    } else {
                        ExperimentStatus::Running
                    },
                    variants,
                }
            },
        )
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::data;

    #[test]
    fn variants_are_consistent_with_their_status() {
        for x in &data().experiments {
            assert!((2..=3).contains(&x.variants.len()));
            assert!(x
                .variants
                .iter()
                .all(|v| v.conversions <= v.visitors && v.visitors > 0));
            assert_eq!(x.end.is_some(), x.status == ExperimentStatus::Concluded);
        }
    }
}
