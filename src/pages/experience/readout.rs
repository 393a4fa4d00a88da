//! The read-out of one A/B test: the verdict in words first (an SRM
//! overrides everything), then per-variant rates with 95% intervals, the
//! lifts against the control with intervals and (Holm-adjusted) p-values,
//! the sample-ratio check, and the sample still needed at the real traffic.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::format::{change_interval, p_equals, p_value, points, points_interval, rate_interval};
use crate::domain::experience::ab_test::{Outcome, Readout, ReadoutError, Verdict};
use crate::domain::experience::experiments::{days_run, planned_effect, ALPHA, POWER};
use crate::domain::experience::model::{Experiment, ExperimentStatus};
use crate::domain::shared::stats::power::MinimumEffect;
use crate::i18n::{format_change, format_count, format_percent, Lang};
use crate::state::context::use_ctx;

/// The CSS class of a verdict's badge and box.
pub fn verdict_class(readout: Option<&Readout>) -> &'static str {
    match readout.map(|r| r.verdict) {
        Some(Verdict::Invalid { .. }) | None => "ux-verdict-invalid",
        Some(Verdict::Underpowered { .. }) | Some(Verdict::TooEarly { .. }) => "ux-verdict-wait",
        Some(Verdict::Winner { .. }) => "ux-verdict-winner",
        Some(Verdict::Loser) => "ux-verdict-loser",
        Some(Verdict::Inconclusive) => "ux-verdict-none",
    }
}

/// The verdict in a few words, for the list.
pub fn verdict_short(readout: Option<&Readout>, lang: Lang) -> &'static str {
    match readout.map(|r| r.verdict) {
        Some(Verdict::Invalid { .. }) => {
            lang.tr("无效:样本比例失衡", "Invalid: sample ratio mismatch")
        }
        Some(Verdict::Underpowered { .. }) => lang.tr("流量不足", "Underpowered"),
        Some(Verdict::TooEarly { .. }) => lang.tr("还不能下结论", "Don't call it yet"),
        Some(Verdict::Winner { .. }) => lang.tr("有胜出者", "Winner"),
        Some(Verdict::Loser) => lang.tr("落败", "Loser"),
        Some(Verdict::Inconclusive) => lang.tr("无定论", "Inconclusive"),
        None => lang.tr("无法解读", "Cannot be read out"),
    }
}

/// An effect in points with its relative size at `baseline`.
fn effect_words(effect: MinimumEffect, baseline: f64, lang: Lang) -> String {
    let absolute = effect.absolute_at(baseline);
    let relative = effect.relative_at(baseline);
    match lang {
        Lang::Zh => format!(
            "{}(相对 {})",
            points(Some(absolute), lang),
            format_change(Some(relative))
        ),
        Lang::En => format!(
            "{} ({} relative)",
            points(Some(absolute), lang),
            format_change(Some(relative))
        ),
    }
}

/// The verdict's headline and explanation.
fn verdict_words(x: &Experiment, readout: &Readout, lang: Lang) -> (String, String) {
    let baseline = readout.sample.map(|s| s.baseline);
    match readout.verdict {
        Verdict::Invalid { srm_p_value } => (
            lang.tr("无效:样本比例失衡", "Invalid: sample ratio mismatch").to_string(),
            match lang {
                Lang::Zh => format!("各组访客数与计划分流比例不符(卡方检验 {},低于 0.001)。分流或埋点出了问题,无论 p 值和提升看起来如何,这些数字都不可信:先查明原因再重新测试。", p_equals(Some(srm_p_value))),
                Lang::En => format!("The visitors per variant do not match the planned split (chi-square {}, below 0.001). Assignment or tracking is broken, so whatever the p-values and lifts say, these numbers can't be trusted: find the cause and run the test again.", p_equals(Some(srm_p_value))),
            },
        ),
        Verdict::Underpowered { detectable } => {
            let smallest = match (detectable, baseline) {
                (Some(effect), Some(b)) => effect_words(effect, b, lang),
                _ => lang.tr("任何合理大小", "any plausible size").to_string(),
            };
            (
                match lang {
                    Lang::Zh => format!("流量不足:按目前流量,无法检测小于 {smallest} 的效应"),
                    Lang::En => format!("Underpowered: at this traffic no effect smaller than {smallest} can be detected"),
                },
                lang.tr(
                    "在 90 天内达不到计划的样本量。要么接受只能发现更大的效应,要么提高进入测试的流量、减少变体,或换一个更常发生的指标。",
                    "The planned sample can't be reached within 90 days. Accept that only larger effects can be found, or send more traffic into the test, use fewer variants, or pick a more frequent metric.",
                ).to_string(),
            )
        }
        Verdict::TooEarly { days_left } => (
            lang.tr("还不能下结论", "Don't call it yet").to_string(),
            {
                let days = days_left.map_or_else(|| "—".to_string(), |d| d.to_string());
                match lang {
                    Lang::Zh => format!("样本量还没有达到计划,按实际流量约还需 {days} 天。固定样本的测试在中途反复查看结果,会把 5% 的误判率抬高到约 20%:请等样本量达到后再判断。"),
                    Lang::En => format!("The test is short of its planned sample; at the real traffic it needs about {days} more days. Checking a fixed-sample test again and again turns a 5% false-winner rate into about 20%: wait for the sample before deciding."),
                }
            },
        ),
        Verdict::Winner { variant } => {
            let name = x.variants.get(variant).map(|v| v.name.clone()).unwrap_or_default();
            (
                match lang {
                    Lang::Zh => format!("胜出:{name}"),
                    Lang::En => format!("Winner: {name}"),
                },
                lang.tr(
                    "该变体的转化率显著高于对照(多个变体时已做 Holm 校正),可以全量上线。",
                    "This variant converts significantly better than the control (Holm-corrected with several variants); roll it out.",
                ).to_string(),
            )
        }
        Verdict::Loser => (
            lang.tr("落败:所有变体都显著差于对照", "Loser: every variant did significantly worse than the control").to_string(),
            lang.tr("保留对照方案。", "Keep the control.").to_string(),
        ),
        Verdict::Inconclusive => (
            lang.tr("无定论:各变体与对照无显著差异", "Inconclusive: no variant differs significantly from the control").to_string(),
            lang.tr(
                "样本量已达到计划,但没有发现大于最小可检测效应的差异;按成本或体验选择即可。",
                "The test reached its planned sample without finding a difference as large as the planned effect; choose on cost or experience.",
            ).to_string(),
        ),
    }
}

fn outcome_words(outcome: Outcome, lang: Lang) -> &'static str {
    match outcome {
        Outcome::Better => lang.tr("显著更好", "Significantly better"),
        Outcome::Worse => lang.tr("显著更差", "Significantly worse"),
        Outcome::NoDifference => lang.tr("无显著差异", "No significant difference"),
        Outcome::NoData => lang.tr("无数据", "No data"),
    }
}

#[component]
pub fn ReadoutView(
    experiment: Experiment,
    readout: Result<Readout, ReadoutError>,
    today: NaiveDate,
) -> impl IntoView {
    let ctx = use_ctx();
    let lang = move || ctx.lang.get();
    let x = StoredValue::new(experiment);
    let name = x.with_value(|x| x.name.clone());
    let heading = view! {
        <h3 id="ux-readout-title">{name}</h3>
        <p class="muted">{x.with_value(|x| x.hypothesis.clone())}</p>
    };
    let readout = match readout {
        Ok(readout) => readout,
        Err(error) => {
            return view! {
                <article class="ux-readout" aria-labelledby="ux-readout-title" data-testid="ux-readout">
                    {heading}
                    <p class="ux-verdict ux-verdict-invalid" data-testid="ux-verdict">
                        <strong>{move || ctx.tr("无法解读这个测试:数据不完整或不一致。", "This test cannot be read out: its data is incomplete or inconsistent.")}</strong>
                        " " <span class="muted small">{error.to_string()}</span>
                    </p>
                </article>
            }
            .into_any();
        }
    };
    let readout = StoredValue::new(readout);
    let holm = readout.with_value(|r| r.comparisons.len() >= 2);
    let class = readout.with_value(|r| verdict_class(Some(r)));
    let variant_name = move |index: usize| {
        x.with_value(|x| {
            x.variants
                .get(index)
                .map(|v| v.name.clone())
                .unwrap_or_default()
        })
    };
    let plan = move || {
        let lang = lang();
        x.with_value(|x| {
            let (effect, assumed) = planned_effect(x);
            let days = days_run(x, today);
            let total: u64 = x.variants.iter().map(|v| u64::from(v.visitors)).sum();
            let split = if x.planned_split.is_empty() {
                lang.tr("均分", "equal").to_string()
            } else {
                x.planned_split.iter().map(|w| format!("{w}")).collect::<Vec<_>>().join(":")
            };
            let traffic = x.daily_traffic.unwrap_or(total as f64 / days.max(1) as f64);
            let assumed = if assumed {
                lang.tr("(未提供,按默认值)", " (not given: the default)")
            } else {
                ""
            };
            match lang {
                Lang::Zh => format!(
                    "指标:{} · 已运行 {days} 天 · 计划分流 {split} · 最小可检测效应 相对 {}{assumed} · 每日流量 {} 人 · 功效 {:.0}% · α {:.0}%",
                    x.metric, format_change(Some(effect)), format_count(traffic, lang), POWER * 100.0, ALPHA * 100.0
                ),
                Lang::En => format!(
                    "Metric: {} · ran {days} days · planned split {split} · minimum detectable effect {} relative{assumed} · {} visitors a day · power {:.0}% · α {:.0}%",
                    x.metric, format_change(Some(effect)), format_count(traffic, lang), POWER * 100.0, ALPHA * 100.0
                ),
            }
        })
    };
    let srm_text = move || {
        let lang = lang();
        readout.with_value(|r| {
            let total: u64 = r.variants.iter().map(|v| v.visitors).sum();
            let shares = r
                .variants
                .iter()
                .map(|v| format_percent(Some(v.visitors as f64 / total.max(1) as f64)))
                .collect::<Vec<_>>()
                .join(" : ");
            match (r.srm, lang) {
                (None, _) => lang.tr("还没有访客,无法检验分流比例。", "No visitors yet: the split cannot be checked.").to_string(),
                (Some(s), Lang::Zh) => format!(
                    "样本比例检验(卡方,对照计划分流):χ² = {:.2},{}{}。实际分流 {shares}。",
                    s.statistic, p_equals(Some(s.p_value)),
                    if s.mismatch { ",低于 0.001:比例失衡" } else { ",比例正常" }
                ),
                (Some(s), Lang::En) => format!(
                    "Sample-ratio check (chi-square against the planned split): χ² = {:.2}, {}{}. Actual split {shares}.",
                    s.statistic, p_equals(Some(s.p_value)),
                    if s.mismatch { ", below 0.001: mismatch" } else { ": as planned" }
                ),
            }
        })
    };
    let concluded = x.with_value(|x| x.status == ExperimentStatus::Concluded);
    let sample_text = move || {
        let lang = lang();
        readout.with_value(|r| {
            let Some(needs) = r.sample else {
                return lang.tr("对照组还没有转化率,无法计算所需样本量。", "The control has no conversion rate yet, so the sample needed cannot be computed.").to_string();
            };
            let smallest = r.variants.iter().map(|v| v.visitors).min().unwrap_or(0);
            let per_arm = format_count(needs.per_arm as f64, lang);
            let have = format_count(smallest as f64, lang);
            let rest = if needs.reached {
                lang.tr("已达到。", "reached.").to_string()
            } else if concluded {
                lang.tr("测试结束时尚未达到。", "the test ended short of it.").to_string()
            } else {
                match (needs.days_left, lang) {
                    (Some(d), Lang::Zh) => format!("按实际流量还需约 {d} 天。"),
                    (Some(d), Lang::En) => format!("about {d} more days at the real traffic."),
                    (None, _) => lang.tr("没有流量,无法到达。", "no traffic, so never.").to_string(),
                }
            };
            match lang {
                Lang::Zh => format!("每组需要 {per_arm} 人(基线 {}),最少的一组已有 {have} 人;{rest}", format_percent(Some(needs.baseline))),
                Lang::En => format!("Each variant needs {per_arm} visitors (baseline {}); the smallest has {have}: {rest}", format_percent(Some(needs.baseline))),
            }
        })
    };
    view! {
        <article class="ux-readout" aria-labelledby="ux-readout-title" data-testid="ux-readout">
            {heading}
            <p class="muted small">{plan}</p>
            <div class=format!("ux-verdict {class}") data-testid="ux-verdict" role="status">
                {move || {
                    let (headline, detail) = x.with_value(|x| readout.with_value(|r| verdict_words(x, r, lang())));
                    view! { <strong class="ux-verdict-headline">{headline}</strong><p>{detail}</p> }
                }}
            </div>
            <div class="table-scroll">
                <table class="ux-variants" data-testid="ux-variants">
                    <caption>{move || ctx.tr("各变体(第一个为对照)", "Variants (the first is the control)")}</caption>
                    <thead><tr>
                        <th scope="col">{move || ctx.tr("变体", "Variant")}</th>
                        <th scope="col">{move || ctx.tr("访客数", "Visitors in the test")}</th>
                        <th scope="col">{move || ctx.tr("转化", "Conversions")}</th>
                        <th scope="col">{move || ctx.tr("转化率", "Conversion rate")}</th>
                        <th scope="col">{move || ctx.tr("95% 置信区间", "95% interval")}</th>
                    </tr></thead>
                    <tbody>
                        {readout.with_value(|r| r.variants.clone()).into_iter().map(|v| view! {
                            <tr>
                                <th scope="row">{v.name.clone()}</th>
                                <td>{move || format_count(v.visitors as f64, lang())}</td>
                                <td>{move || format_count(v.conversions as f64, lang())}</td>
                                <td data-testid="ux-rate">{format_percent(v.rate)}</td>
                                <td>{rate_interval(v.interval)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="table-scroll">
                <table class="ux-lifts" data-testid="ux-lifts">
                    <caption>{move || if holm {
                        ctx.tr("与对照相比(三个及以上变体,p 值经 Holm 校正)", "Against the control (three or more variants: Holm-corrected p-values)")
                    } else {
                        ctx.tr("与对照相比(双比例 z 检验)", "Against the control (two-proportion z-test)")
                    }}</caption>
                    <thead><tr>
                        <th scope="col">{move || ctx.tr("变体", "Variant")}</th>
                        <th scope="col">{move || ctx.tr("绝对提升", "Absolute lift")}</th>
                        <th scope="col">{move || ctx.tr("95% 置信区间", "95% interval")}</th>
                        <th scope="col">{move || ctx.tr("相对提升", "Relative lift")}</th>
                        <th scope="col">{move || ctx.tr("95% 置信区间", "95% interval")}</th>
                        <th scope="col">{move || ctx.tr("p 值", "p-value")}</th>
                        {holm.then(|| view! { <th scope="col">{move || ctx.tr("Holm 校正后 p 值", "Holm-adjusted p")}</th> })}
                        <th scope="col">{move || ctx.tr("结果", "Result")}</th>
                    </tr></thead>
                    <tbody>
                        {readout.with_value(|r| r.comparisons.clone()).into_iter().map(|c| view! {
                            <tr>
                                <th scope="row">{variant_name(c.variant)}</th>
                                <td data-testid="ux-abs-lift">{move || points(c.absolute_lift, lang())}</td>
                                <td>{move || points_interval(c.absolute_interval, lang())}</td>
                                <td data-testid="ux-rel-lift">{format_change(c.relative_lift)}</td>
                                <td>{change_interval(c.relative_interval)}</td>
                                <td data-testid="ux-p">{p_value(c.p_value)}</td>
                                {holm.then(|| view! { <td data-testid="ux-p-holm">{p_value(c.adjusted_p_value)}</td> })}
                                <td>{move || outcome_words(c.outcome, lang())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="ux-srm" data-testid="ux-srm">{srm_text}</p>
            <p class="ux-sample" data-testid="ux-sample">{sample_text}</p>
        </article>
    }
    .into_any()
}
