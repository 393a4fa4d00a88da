//! Metric building blocks shared by every page: the KPI tile with its
//! sparkline, and the clickable ranked bar list used for breakdowns.

use leptos::prelude::*;

use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::kpi_table::KpiRow;
use crate::domain::cockpit::targets::TargetStatus;
use crate::domain::shared::ratio::Trend;
use crate::state::context::use_ctx;

/// The SVG path of a sparkline over a 120 × 32 box; gaps (None) break it.
fn spark_path(values: &[Option<f64>]) -> String {
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
    path
}

/// A tiny line of a series, redrawn in place when the series changes.
#[component]
pub fn Sparkline(
    #[prop(into)] values: Signal<Vec<Option<f64>>>,
    #[prop(into)] good: Signal<bool>,
) -> impl IntoView {
    view! {
        <svg class="spark" class:spark-good=move || good.get() viewBox="0 0 120 32" preserveAspectRatio="none" aria-hidden="true">
            <path d=move || values.with(|v| spark_path(v)) fill="none" stroke-width="2" vector-effect="non-scaling-stroke" />
        </svg>
    }
}

/// One KPI: value, change against the comparison, target status, sparkline.
/// Built once per KPI; its figures update in place, so a filter change does
/// not rebuild the grid (which is what made re-filtering slow on tablets).
/// `row` and `spark` are best memos, so a tile whose figures did not change
/// does no work at all.
#[component]
pub fn KpiTile(
    kpi: Kpi,
    #[prop(into)] row: Signal<Option<KpiRow>>,
    #[prop(into)] spark: Signal<Vec<Option<f64>>>,
    #[prop(into)] selected: Signal<bool>,
    #[prop(into)] on_select: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let good = Signal::derive(move || row.with(|r| r.as_ref().and_then(|r| r.good) == Some(true)));
    // The meta line keeps its elements: the change and the target status
    // appear or go with the comparison and the target, their texts update in
    // place.
    let text =
        move |f: fn(&KpiRow) -> String| move || row.with(|r| r.as_ref().map(f).unwrap_or_default());
    let compared =
        Memo::new(move |_| row.with(|r| r.as_ref().is_some_and(|r| r.comparison.is_some())));
    let status = Memo::new(move |_| {
        row.with(|r| {
            r.as_ref()
                .map(|r| r.status)
                .unwrap_or(TargetStatus::NoTarget)
        })
    });
    let change_class = move || match row.with(|r| r.as_ref().and_then(|r| r.good)) {
        Some(true) => "kpi-change good",
        Some(false) => "kpi-change bad",
        None => "kpi-change",
    };
    let arrow = move || match row.with(|r| r.as_ref().and_then(|r| r.trend)) {
        Some(Trend::Up) => "▲ ",
        Some(Trend::Down) => "▼ ",
        _ => "",
    };
    // A rate's change reads in points; its relative change is the hover.
    let change_title = move || {
        row.with(|r| {
            r.as_ref()
                .filter(|r| !r.change_title.is_empty())
                .map(|r| r.change_title.clone())
        })
    };
    let meta = view! {
        <Show when=move || compared.get()>
            <span class=change_class title=change_title>{arrow}{text(|r| r.change_text.clone())}</span>
            <span class="kpi-prev">{move || ctx.tr("对比 ", "vs ")}{text(|r| r.comparison_text.clone())}</span>
        </Show>
        <Show when=move || status.get() != TargetStatus::NoTarget>
            <span class=move || format!("kpi-status status-{}", status.get().id())>{move || status.get().label(ctx.lang.get())}</span>
        </Show>
    };
    view! {
        <button
            type="button"
            class="kpi-tile"
            class:selected=move || selected.get()
            aria-pressed=move || selected.get().to_string()
            data-kpi=kpi.key()
            on:click=move |_| on_select.run(())
        >
            <span class="kpi-label" title=move || kpi.note(ctx.lang.get())>{move || kpi.label(ctx.lang.get())}</span>
            <span class="kpi-value" data-testid="kpi-value">{text(|r| r.value_text.clone())}</span>
            <span class="kpi-meta">{meta}</span>
            <Sparkline values=spark good />
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
    let max = Memo::new(move |_| bars.with(|b| b.iter().map(|b| b.value).fold(0.0_f64, f64::max)));
    view! {
        <figure class="barlist" data-dimension=dimension>
            <figcaption>{move || title.get()}</figcaption>
            <ul>
                // Keyed by the filter value: bars move and update in place
                // rather than being rebuilt on every filter change.
                <For
                    each=move || bars.with(|b| b.iter().map(|b| b.id.clone()).collect::<Vec<_>>())
                    key=|id| id.clone()
                    children=move |id: String| {
                        let bar = {
                            let id = id.clone();
                            Memo::new(move |_| bars.with(|b| b.iter().find(|b| b.id == id).cloned()))
                        };
                        let is_selected = {
                            let id = id.clone();
                            Memo::new(move |_| selected.with(|s| s.as_deref() == Some(id.as_str())))
                        };
                        let dimmed = move || selected.with(Option::is_some) && !is_selected.get();
                        let pct = move || {
                            let (v, m) = (bar.with(|b| b.as_ref().map(|b| b.value).unwrap_or(0.0)), max.get());
                            if m > 0.0 { v / m * 100.0 } else { 0.0 }
                        };
                        let text = move |f: fn(&Bar) -> String| move || bar.with(|b| b.as_ref().map(f).unwrap_or_default());
                        let toggle_id = id.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="bar-row"
                                    class:selected=move || is_selected.get()
                                    class:dimmed=dimmed
                                    aria-pressed=move || is_selected.get().to_string()
                                    data-id=id.clone()
                                    on:click=move |_| on_toggle.run(toggle_id.clone())
                                >
                                    <span class="bar-label">{text(|b| b.label.clone())}</span>
                                    <span class="bar-track" aria-hidden="true">
                                        <span class="bar-fill" style=move || format!("width:{:.1}%", pct())></span>
                                    </span>
                                    <span class="bar-value">{text(|b| b.value_text.clone())}</span>
                                    <span class="bar-note">{text(|b| b.note.clone())}</span>
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
        </figure>
    }
}
