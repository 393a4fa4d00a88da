//! Metric building blocks shared by every page: the KPI tile with its
//! sparkline, and the clickable ranked bar list used for breakdowns.

use leptos::prelude::*;

use crate::app::context::use_ctx;
use crate::domain::metrics::{KpiRow, TargetStatus};

/// A tiny SVG line of a series; gaps (None) break the line.
#[component]
pub fn Sparkline(values: Vec<Option<f64>>, #[prop(default = false)] good: bool) -> impl IntoView {
    let (w, h) = (120.0_f64, 32.0_f64);
    let finite: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if max > min { max - min } else { 1.0 };
    let step = if values.len() > 1 {
        w / (values.len() - 1) as f64
    } else {
        w
    };
    let mut path = String::new();
    let mut pen_down = false;
    for (i, v) in values.iter().enumerate() {
        match v.filter(|v| v.is_finite()) {
            Some(v) => {
                let x = i as f64 * step;
                let y = h - 2.0 - (v - min) / span * (h - 4.0);
                path.push_str(&format!(
                    "{}{x:.1},{y:.1} ",
                    if pen_down { "L" } else { "M" }
                ));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let class = if good { "spark spark-good" } else { "spark" };
    view! {
        <svg class=class viewBox=format!("0 0 {w} {h}") preserveAspectRatio="none" aria-hidden="true">
            <path d=path fill="none" stroke-width="2" vector-effect="non-scaling-stroke" />
        </svg>
    }
}

/// One KPI: value, change against the comparison, target status, sparkline.
#[component]
pub fn KpiTile(
    row: KpiRow,
    spark: Vec<Option<f64>>,
    #[prop(into)] selected: Signal<bool>,
    #[prop(into)] on_select: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let kpi = row.kpi;
    let change_class = match row.good {
        Some(true) => "kpi-change good",
        Some(false) => "kpi-change bad",
        None => "kpi-change",
    };
    let arrow = match row.trend {
        Some(crate::domain::metrics::Trend::Up) => "▲ ",
        Some(crate::domain::metrics::Trend::Down) => "▼ ",
        _ => "",
    };
    let status = row.status;
    let status_class = format!("kpi-status status-{}", status.id());
    let has_comparison = row.comparison.is_some();
    let (value_text, change_text, comparison_text) =
        (row.value_text, row.change_text, row.comparison_text);
    view! {
        <button
            type="button"
            class="kpi-tile"
            class:selected=move || selected.get()
            aria-pressed=move || selected.get().to_string()
            data-kpi=kpi.key()
            on:click=move |_| on_select.run(())
        >
            <span class="kpi-label">{move || kpi.label(ctx.lang.get())}</span>
            <span class="kpi-value" data-testid="kpi-value">{value_text}</span>
            <span class="kpi-meta">
                {has_comparison.then(|| view! {
                    <span class=change_class>{arrow}{change_text.clone()}</span>
                    <span class="kpi-prev">{move || ctx.tr("对比 ", "vs ")}{comparison_text.clone()}</span>
                })}
                {(status != TargetStatus::NoTarget).then(|| view! {
                    <span class=status_class.clone()>{move || status.label(ctx.lang.get())}</span>
                })}
            </span>
            <Sparkline values=spark good=row.good.unwrap_or(false) />
        </button>
    }
}

/// One bar of a breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The filter value (an id) this bar applies when clicked.
    pub id: String,
    pub label: String,
    pub value: f64,
    pub value_text: String,
    /// e.g. the share, "12.3%".
    pub note: String,
}

/// A ranked horizontal bar chart in HTML: every bar is a button that toggles
/// a cross-filter, so it works with a mouse, a finger and a keyboard alike.
#[component]
pub fn BarList(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] bars: Signal<Vec<Bar>>,
    /// The id currently filtered on, if any.
    #[prop(into)]
    selected: Signal<Option<String>>,
    #[prop(into)] on_toggle: Callback<String>,
    /// Dimension name for tests and styling.
    dimension: &'static str,
) -> impl IntoView {
    view! {
        <figure class="barlist" data-dimension=dimension>
            <figcaption>{move || title.get()}</figcaption>
            <ul>
                {move || {
                    let bars = bars.get();
                    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
                    let current = selected.get();
                    bars.into_iter()
                        .map(|b| {
                            let pct = if max > 0.0 { b.value / max * 100.0 } else { 0.0 };
                            let is_selected = current.as_deref() == Some(b.id.as_str());
                            let dimmed = current.is_some() && !is_selected;
                            let id = b.id.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="bar-row"
                                        class:selected=is_selected
                                        class:dimmed=dimmed
                                        aria-pressed=is_selected.to_string()
                                        data-id=b.id.clone()
                                        on:click=move |_| on_toggle.run(id.clone())
                                    >
                                        <span class="bar-label">{b.label}</span>
                                        <span class="bar-track" aria-hidden="true">
                                            <span class="bar-fill" style=format!("width:{pct:.1}%")></span>
                                        </span>
                                        <span class="bar-value">{b.value_text}</span>
                                        <span class="bar-note">{b.note}</span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </figure>
    }
}
