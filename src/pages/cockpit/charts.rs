//! The cockpit's ECharts: the trend with its comparison overlay and markers,
//! and the hour × weekday heatmap.

use std::sync::Arc;

use charming::component::{Axis, Grid, Legend, VisualMap};
use charming::element::{
    AxisType, ItemStyle, Label, LineStyle, LineStyleType, MarkArea, MarkAreaData, MarkLine,
    MarkLineData, MarkLineVariant, Orient, Tooltip, Trigger,
};
use charming::series::{Heatmap as HeatmapSeries, Line};
use chrono::NaiveDate;
use leptos::prelude::*;

use super::Marker;
use crate::components::Chart;
use crate::domain::cockpit::aggregate::CockpitData;
use crate::domain::cockpit::behaviour::heatmap;
use crate::domain::cockpit::kpi::{Kpi, ValueKind};
use crate::domain::cockpit::model::HourlyVisits;
use crate::domain::shared::period::Granularity;
use crate::i18n::Lang;
use crate::state::context::use_ctx;

fn bucket_label(d: NaiveDate, grain: Granularity) -> String {
    match grain {
        Granularity::Month => d.format("%Y-%m").to_string(),
        _ => d.format("%m-%d").to_string(),
    }
}

/// Chart values in display units: percentages as 0–100.
fn chart_value(kpi: Kpi, v: Option<f64>) -> Option<f64> {
    v.map(|v| match kpi.kind() {
        ValueKind::Percent => (v * 1000.0).round() / 10.0,
        ValueKind::Money | ValueKind::Decimal | ValueKind::Seconds => (v * 100.0).round() / 100.0,
        ValueKind::Count => v.round(),
    })
}

fn series_data(
    kpi: Kpi,
    values: impl Iterator<Item = Option<f64>>,
) -> Vec<charming::datatype::DataPoint> {
    values
        .map(|v| match chart_value(kpi, v) {
            Some(v) => v.into(),
            // ECharts draws "-" as a gap, never as zero.
            None => "-".into(),
        })
        .collect()
}

fn kpi_axis_name(kpi: Kpi, lang: Lang) -> String {
    match kpi.kind() {
        ValueKind::Percent => format!("{} (%)", kpi.short_label(lang)),
        ValueKind::Money => format!("{} (¥)", kpi.short_label(lang)),
        _ => kpi.short_label(lang).to_string(),
    }
}

#[component]
pub fn TrendChart(data: Memo<CockpitData>, markers: Arc<Vec<Marker>>) -> impl IntoView {
    let ctx = use_ctx();
    let markers = StoredValue::new(markers);
    let option = move || {
        let lang = ctx.lang.get();
        data.with(|d| {
            let grain = d.query.grain;
            let labels: Vec<String> = d
                .series
                .iter()
                .map(|(b, _)| bucket_label(*b, grain))
                .collect();
            let kpi = d.query.metric;
            let current = series_data(kpi, d.series.iter().map(|(_, t)| kpi.value(t)));
            let mut chart = charming::Chart::new()
                .tooltip(Tooltip::new().trigger(Trigger::Axis))
                .legend(Legend::new().top(0))
                .grid(Grid::new().left(56).right(56).top(40).bottom(32))
                .x_axis(Axis::new().type_(AxisType::Category).data(labels.clone()))
                .y_axis(
                    Axis::new()
                        .type_(AxisType::Value)
                        .name(kpi_axis_name(kpi, lang)),
                );
            // Campaign and published-content markers on the time axis.
            let marks: Vec<MarkLineVariant> = markers.with_value(|m| {
                m.iter()
                    .filter(|m| !m.incident && d.period.contains(m.date))
                    .filter(|m| m.campaign || grain == Granularity::Day)
                    .take(24)
                    .map(|m| {
                        MarkLineVariant::Simple(
                            MarkLineData::new()
                                .name(m.name.clone())
                                .x_axis(bucket_label(grain.bucket(m.date), grain)),
                        )
                    })
                    .collect()
            });
            let mut main = Line::new()
                .name(format!(
                    "{} · {}",
                    kpi.short_label(lang),
                    lang.tr("本期", "this period")
                ))
                .data(current)
                .show_symbol(false);
            if !marks.is_empty() {
                main = main.mark_line(
                    MarkLine::new()
                        .silent(true)
                        .symbol(vec![
                            charming::element::Symbol::None,
                            charming::element::Symbol::None,
                        ])
                        .label(
                            Label::new()
                                .formatter("{b}")
                                .font_size(10)
                                .position(charming::element::LabelPosition::InsideEndTop),
                        )
                        .line_style(
                            LineStyle::new()
                                .type_(LineStyleType::Dotted)
                                .color("#8a5a00"),
                        )
                        .data(marks),
                );
            }
            // Incidents as shaded spans, clipped to the period.
            let areas: Vec<(MarkAreaData, MarkAreaData)> = markers.with_value(|m| {
                m.iter()
                    .filter(|m| m.incident)
                    .filter_map(|m| {
                        let end = m.end.unwrap_or(m.date).min(d.period.end);
                        let start = m.date.max(d.period.start);
                        (start <= end).then(|| {
                            (
                                MarkAreaData::new()
                                    .name(m.name.clone())
                                    .x_axis(bucket_label(grain.bucket(start), grain)),
                                MarkAreaData::new().x_axis(bucket_label(grain.bucket(end), grain)),
                            )
                        })
                    })
                    .take(24)
                    .collect()
            });
            if !areas.is_empty() {
                main = main.mark_area(
                    MarkArea::new()
                        .silent(true)
                        .item_style(ItemStyle::new().color("rgba(196, 43, 28, 0.12)"))
                        .label(Label::new().font_size(10).color("#8f1d12"))
                        .data(areas),
                );
            }
            chart = chart.series(main);
            if !d.comparison_series.is_empty() {
                let prev = series_data(kpi, d.comparison_series.iter().map(|(_, t)| kpi.value(t)));
                chart = chart.series(
                    Line::new()
                        .name(format!(
                            "{} · {}",
                            kpi.short_label(lang),
                            lang.tr("对比期", "comparison")
                        ))
                        .data(prev)
                        .show_symbol(false)
                        .line_style(LineStyle::new().type_(LineStyleType::Dashed)),
                );
            }
            if let Some(k2) = d.query.metric2.filter(|k| *k != kpi) {
                chart = chart
                    .y_axis(
                        Axis::new()
                            .type_(AxisType::Value)
                            .name(kpi_axis_name(k2, lang)),
                    )
                    .series(
                        Line::new()
                            .name(k2.short_label(lang))
                            .data(series_data(k2, d.series.iter().map(|(_, t)| k2.value(t))))
                            .y_axis_index(1)
                            .show_symbol(false),
                    );
            }
            chart
        })
    };
    let label = Signal::derive(move || {
        let lang = ctx.lang.get();
        data.with(|d| match lang {
            Lang::Zh => format!(
                "{}趋势图,{} 至 {}",
                d.query.metric.short_label(lang),
                d.period.start,
                d.period.end
            ),
            Lang::En => format!(
                "{} trend, {} to {}",
                d.query.metric.short_label(lang),
                d.period.start,
                d.period.end
            ),
        })
    });
    let metric2 = move || {
        data.with(|d| {
            d.query
                .metric2
                .map(|k| k.key().to_string())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card trend" aria-labelledby="trend-title">
            <div class="card-head">
                <h2 id="trend-title">{move || ctx.tr("趋势", "Trend")}</h2>
                <label class="field field-inline" for="ck-metric2">
                    <span class="field-label">{move || ctx.tr("叠加指标", "Second metric")}</span>
                    <select id="ck-metric2" on:change=move |ev| {
                        ctx.url().set("metric2", &event_target_value(&ev));
                    }>
                        <option value="" selected=move || metric2().is_empty()>{move || ctx.tr("无", "None")}</option>
                        {Kpi::ALL.iter().map(|k| {
                            let k = *k;
                            view! { <option value=k.key() selected=move || metric2() == k.key()>{move || k.label(ctx.lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <p class="muted small">{move || ctx.tr("点选上方指标卡切换主指标;虚线为对比期,点线为活动与内容发布。", "Pick a tile above to chart it; dashed: comparison period, dotted: campaigns and published content.")}</p>
            <Chart option label height=300 />
        </section>
    }
}

#[component]
pub fn Heatmap(rows: Arc<Vec<HourlyVisits>>, data: Memo<CockpitData>) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    // The period alone decides the grid: a filter change does no work here.
    let period = Memo::new(move |_| data.with(|d| d.period));
    let grid = Memo::new(move |_| rows.with_value(|r| heatmap(r, &period.get())));
    let option = move || {
        let lang = ctx.lang.get();
        let g = grid.get();
        let days: Vec<String> = (0..7)
            .map(|i| match lang {
                Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
                    .get(i)
                    .copied()
                    .unwrap_or("")
                    .to_string(),
                Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                    .get(i)
                    .copied()
                    .unwrap_or("")
                    .to_string(),
            })
            .collect();
        let hours: Vec<String> = (0..24).map(|h| format!("{h}")).collect();
        let mut points: Vec<charming::datatype::DataFrame> = Vec::new();
        let mut max = 0u64;
        for (d, row) in g.iter().enumerate() {
            for (h, v) in row.iter().enumerate() {
                max = max.max(*v);
                points.push(vec![
                    (h as i64).into(),
                    (d as i64).into(),
                    (*v as i64).into(),
                ]);
            }
        }
        charming::Chart::new()
            .tooltip(Tooltip::new())
            .grid(Grid::new().left(48).right(16).top(8).bottom(64))
            .x_axis(Axis::new().type_(AxisType::Category).data(hours))
            .y_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .data(days)
                    .inverse(true),
            )
            .visual_map(
                VisualMap::new()
                    .min(0)
                    .max(max.max(1) as f64)
                    .calculable(true)
                    .orient(Orient::Horizontal)
                    .left("center")
                    .bottom(0)
                    .in_range(
                        charming::component::VisualMapChannel::new()
                            .color(vec!["#eef4fb", "#0b5cad"]),
                    ),
            )
            .series(HeatmapSeries::new().data(points))
    };
    let label = Signal::derive(move || {
        ctx.tr(
            "按星期与小时的访问次数热力图",
            "Heatmap of visits by weekday and hour",
        )
        .to_string()
    });
    view! {
        <section class="card heat" aria-labelledby="heat-title">
            <h2 id="heat-title">{move || ctx.tr("访问时段", "When they come")}</h2>
            <p class="muted small">{move || ctx.tr("按所选时段涉及的月份汇总,不随区域等筛选变化。", "Summed over the months of the period; not affected by the district or other filters.")}</p>
            <Chart option label height=260 />
        </section>
    }
}
