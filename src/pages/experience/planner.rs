//! The test planner: baseline rate, minimum detectable effect (in points),
//! power, α, daily traffic and variants → visitors per variant and the days
//! the test takes. Same formula as the read-outs (Evan Miller's calculator).

use leptos::prelude::*;

use crate::components::form::{Field, NumberInput};
use crate::domain::experience::ab_test::sample::{plan, Plan};
use crate::domain::shared::stats::power::MinimumEffect;
use crate::i18n::{format_count, Lang};
use crate::state::context::use_ctx;

/// The planner's inputs as typed: percentages 0–100, traffic, variants.
pub fn plan_from_inputs(
    baseline: &str,
    effect_points: &str,
    power: &str,
    alpha: &str,
    traffic: &str,
    variants: &str,
) -> Option<Plan> {
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let percent = |s: &str| number(s).map(|v| v / 100.0);
    let arms = number(variants).filter(|v| (2.0..=10.0).contains(v))? as usize;
    plan(
        percent(baseline)?,
        MinimumEffect::Absolute(percent(effect_points)?),
        percent(power)?,
        percent(alpha)?,
        number(traffic)?,
        arms,
    )
    .ok()
}

#[component]
pub fn Planner() -> impl IntoView {
    let ctx = use_ctx();
    let baseline = RwSignal::new("10".to_string());
    let effect = RwSignal::new("2".to_string());
    let power = RwSignal::new("80".to_string());
    let alpha = RwSignal::new("5".to_string());
    let traffic = RwSignal::new("1000".to_string());
    let variants = RwSignal::new("2".to_string());
    let result = Memo::new(move |_| {
        plan_from_inputs(
            &baseline.get(),
            &effect.get(),
            &power.get(),
            &alpha.get(),
            &traffic.get(),
            &variants.get(),
        )
    });
    let lang = move || ctx.lang.get();
    view! {
        <section class="card ux-planner" aria-labelledby="ux-planner-title" data-testid="ux-planner">
            <h2 id="ux-planner-title">{move || ctx.tr("测试规划", "Test planner")}</h2>
            <p class="muted small">{move || ctx.tr(
                "双侧双比例检验,各组均分流量。最小可检测效应按百分点填写(10% → 12% 即 2)。",
                "Two-sided two-proportion test, traffic split equally. Enter the minimum detectable effect in percentage points (10% → 12% is 2).",
            )}</p>
            <form class="ux-planner-form" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <Field id="ux-plan-baseline" label=move || ctx.tr("基线转化率(%)", "Baseline rate (%)")><NumberInput value=baseline /></Field>
                <Field id="ux-plan-effect" label=move || ctx.tr("最小可检测效应(百分点)", "Minimum detectable effect (points)")><NumberInput value=effect min="-100" /></Field>
                <Field id="ux-plan-power" label=move || ctx.tr("统计功效(%)", "Power (%)")><NumberInput value=power /></Field>
                <Field id="ux-plan-alpha" label=move || ctx.tr("显著性水平 α(%)", "Significance level α (%)")><NumberInput value=alpha /></Field>
                <Field id="ux-plan-traffic" label=move || ctx.tr("每日进入测试的访客", "Visitors a day in the test")><NumberInput value=traffic /></Field>
                <Field id="ux-plan-variants" label=move || ctx.tr("变体数(含对照)", "Variants (with the control)")><NumberInput value=variants min="2" step="1" /></Field>
            </form>
            <div role="status" aria-live="polite">
                {move || match result.get() {
                    None => view! { <p class="notice notice-error">{move || ctx.tr(
                        "请检查输入:比率在 0–100 之间,基线加效应也要在 0–100 之间,变体 2–10 个。",
                        "Check the inputs: rates between 0 and 100, baseline plus effect too, 2 to 10 variants.",
                    )}</p> }.into_any(),
                    Some(p) => view! {
                        <dl class="ux-plan-result">
                            <div><dt>{move || ctx.tr("每组访客", "Visitors per variant")}</dt><dd data-testid="ux-plan-per-arm">{move || format_count(p.per_arm as f64, lang())}</dd></div>
                            <div><dt>{move || ctx.tr("总访客", "Visitors in all")}</dt><dd data-testid="ux-plan-total">{move || format_count(p.total as f64, lang())}</dd></div>
                            <div><dt>{move || ctx.tr("所需天数", "Days needed")}</dt><dd data-testid="ux-plan-days">{move || match (p.days, lang()) {
                                (Some(d), Lang::Zh) => format!("{d} 天"),
                                (Some(d), Lang::En) => format!("{d} days"),
                                (None, _) => "—".to_string(),
                            }}</dd></div>
                        </dl>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planner_reads_percentages() {
        // 10% → 12%, 80% power, α 5%: (1.959964·√0.18 + 0.841621·√(0.09 +
        // 0.1056))² / 0.02² = 3,622.6 → 3,623 per variant (by hand; the
        // pooled textbook formula, R's power.prop.test, gives 3,841).
        let p = plan_from_inputs("10", "2", "80", "5", "1000", "2").unwrap();
        assert_eq!(p.per_arm, 3623);
        assert_eq!(p.total, 7246);
        assert_eq!(p.days, Some(8));
        assert_eq!(plan_from_inputs("10", "2", "80", "5", "1000", "1"), None);
        assert_eq!(plan_from_inputs("10", "95", "80", "5", "1000", "2"), None);
        assert_eq!(plan_from_inputs("x", "2", "80", "5", "1000", "2"), None);
    }
}
