//! Editing KPI targets and warning thresholds; saved through the data source.

use leptos::prelude::*;

use crate::components::DataView;
use crate::data::outbox::{overlay, Op};
use crate::domain::cockpit::kpi::{Kpi, ValueKind};
use crate::domain::cockpit::model::Target;
use crate::i18n::words;
use crate::state::context::use_ctx;
use crate::state::edits::submit;
use crate::state::loading::ListResource;

/// Percentages are typed as 0–100; everything else as is. A stored value
/// that cannot be shown (e.g. 1e308 from a backend) leaves the field empty
/// rather than printing "inf".
fn to_input(kpi: Kpi, v: f64) -> String {
    let Some(v) = kpi.shown(v) else {
        return String::new();
    };
    match kpi.kind() {
        ValueKind::Percent => format!("{}", (v * 1000.0).round() / 10.0),
        _ => format!("{}", (v * 100.0).round() / 100.0),
    }
}

fn from_input(kpi: Kpi, s: &str) -> Option<f64> {
    let v: f64 = s
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
    let v = match kpi.kind() {
        // Rounded so "5.8" gives back exactly the stored 0.058, not 0.0579999…
        ValueKind::Percent => (v * 1e4).round() / 1e6,
        _ => v,
    };
    kpi.shown(v)
}

#[component]
pub fn TargetEditor(targets: ListResource<Target>) -> impl IntoView {
    let ctx = use_ctx();
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    view! {
        <details class="card targets">
            <summary><h2>{move || ctx.tr("目标与预警值", "Targets and warning thresholds")}</h2></summary>
            <p class="muted small">{move || ctx.tr(
                "计数类与销售额按“每日”设定,统计时乘以天数;比率类直接比较。跳出率越低越好,其预警值应高于目标。",
                "Counts and revenue are set per day and multiplied by the period's days; ratios compare as they are. For bounce rate lower is better, so its warning sits above the target.",
            )}</p>
            // The form is rebuilt when a save is confirmed; the message lives
            // out here so the user still sees it afterwards.
            <DataView resource=targets render={move |rows: Vec<Target>| view! { <TargetForm rows targets message /> }} />
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "notice notice-ok" } else { "notice notice-error" } role="status">{text}</p>
            })}
        </details>
    }
}

/// One editable row: the KPI, its two inputs and the saved target, if any.
type TargetField = (Kpi, RwSignal<String>, RwSignal<String>, Option<Target>);

#[component]
fn TargetForm(
    rows: Vec<Target>,
    targets: ListResource<Target>,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let shown = ctx.outbox.with_untracked(|ob| overlay(&rows, ob));
    let current = move |kpi: Kpi| {
        shown
            .iter()
            .find(|s| s.item.id == kpi.key())
            .map(|s| s.item.clone())
    };
    let fields: Vec<TargetField> = Kpi::ALL
        .iter()
        .map(|&k| {
            let t = current(k);
            let target = RwSignal::new(
                t.as_ref()
                    .map(|t| to_input(k, t.target))
                    .unwrap_or_default(),
            );
            let warning = RwSignal::new(
                t.as_ref()
                    .map(|t| to_input(k, t.warning))
                    .unwrap_or_default(),
            );
            (k, target, warning, t)
        })
        .collect();
    let fields = StoredValue::new(fields);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        let mut changed = 0;
        let mut invalid = Vec::new();
        fields.with_value(|fields| {
            for (kpi, target, warning, old) in fields {
                let (t, w) = (target.get_untracked(), warning.get_untracked());
                if t.trim().is_empty() && w.trim().is_empty() {
                    continue;
                }
                let (Some(t), Some(w)) = (from_input(*kpi, &t), from_input(*kpi, &w)) else {
                    invalid.push(kpi.label(lang));
                    continue;
                };
                let next = Target {
                    id: kpi.key().to_string(),
                    target: t,
                    warning: w,
                };
                if old.as_ref() == Some(&next) {
                    continue;
                }
                let op = if old.is_some() {
                    Op::Update
                } else {
                    Op::Create
                };
                submit(
                    ctx,
                    op,
                    next.id.clone(),
                    Some(next),
                    kpi.label(lang).to_string(),
                    Some(targets),
                );
                changed += 1;
            }
        });
        message.set(Some(if invalid.is_empty() {
            (
                true,
                match lang {
                    crate::i18n::Lang::Zh => format!("已提交 {changed} 项修改。"),
                    crate::i18n::Lang::En => format!("{changed} change(s) submitted."),
                },
            )
        } else {
            (
                false,
                format!(
                    "{}{}",
                    lang.tr(
                        "请填写非负数字(小于 10^15):",
                        "Enter non-negative numbers (below 10^15) for: "
                    ),
                    invalid.join(", ")
                ),
            )
        }));
    };
    view! {
        <form class="target-form" on:submit=save>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move || ctx.tr("指标", "Metric")}</th>
                        <th scope="col">{move || words::target(ctx.lang.get())}</th>
                        <th scope="col">{move || words::warning(ctx.lang.get())}</th>
                    </tr>
                </thead>
                <tbody>
                    {fields.with_value(|f| f.iter().map(|(kpi, target, warning, _)| {
                        let (kpi, target, warning) = (*kpi, *target, *warning);
                        let unit = match kpi.kind() {
                            ValueKind::Percent => "%",
                            ValueKind::Money => "¥",
                            ValueKind::Seconds => "s",
                            _ => "",
                        };
                        let tid = format!("tg-{}", kpi.key());
                        let wid = format!("tw-{}", kpi.key());
                        view! {
                            <tr>
                                <th scope="row">{move || kpi.label(ctx.lang.get())}" "<span class="muted">{unit}</span></th>
                                <td>
                                    <label class="sr-only" for=tid.clone()>{move || format!("{} {}", kpi.label(ctx.lang.get()), ctx.tr("目标", "target"))}</label>
                                    <input id=tid type="number" step="any" min="0" inputmode="decimal" prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev)) />
                                </td>
                                <td>
                                    <label class="sr-only" for=wid.clone()>{move || format!("{} {}", kpi.label(ctx.lang.get()), ctx.tr("预警值", "warning"))}</label>
                                    <input id=wid type="number" step="any" min="0" inputmode="decimal" prop:value=move || warning.get() on:input=move |ev| warning.set(event_target_value(&ev)) />
                                </td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{move || ctx.tr("保存目标", "Save targets")}</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_inputs_round_trip() {
        assert_eq!(from_input(Kpi::BounceRate, "32"), Some(0.32));
        assert_eq!(
            from_input(Kpi::ConversionRate, &to_input(Kpi::ConversionRate, 0.058)),
            Some(0.058)
        );
        assert_eq!(to_input(Kpi::BounceRate, 0.32), "32");
        assert_eq!(from_input(Kpi::Revenue, "12000.5"), Some(12000.5));
        assert_eq!(from_input(Kpi::Orders, "-1"), None);
        assert_eq!(from_input(Kpi::Orders, "abc"), None);
        // Out of range: refused when typed, an empty field when stored.
        assert_eq!(from_input(Kpi::Orders, "1e308"), None);
        assert_eq!(from_input(Kpi::ConversionRate, "1e300"), None);
        assert_eq!(to_input(Kpi::ConversionRate, 1e308), "");
        assert_eq!(to_input(Kpi::Visitors, 1e308), "");
    }
}
