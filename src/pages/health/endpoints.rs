//! The endpoints table (worst first, sortable, sort in the URL) against the
//! thresholds, and the selected endpoint's trend charts with the incidents
//! marked (`endpoint=` in the URL; the worst one by default).

use std::sync::Arc;

use charming::component::{Axis, Grid, Legend};
use charming::element::{
    AxisType, ItemStyle, Label, LineStyle, LineStyleType, MarkArea, MarkAreaData, MarkLine,
    MarkLineData, MarkLineVariant, Tooltip, Trigger,
};
use charming::series::Line;
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::{Chart, EmptyState};
use crate::domain::health::endpoints::{
    endpoint_label, sort, summarise, EndpointSort, EndpointSummary,
};
use crate::domain::health::incidents::span;
use crate::domain::health::model::{HealthSample, Incident};
use crate::domain::shared::period::{Period, PeriodQuery};
use crate::domain::shared::ratio::ratio;
use crate::i18n::{format_count, format_percent, Lang};
use crate::state::context::use_ctx;

use super::today;

/// Incidents as shaded spans on a chart whose x axis is `days`.
pub(crate) fn incident_areas(
    incidents: &[Incident],
    days: &[NaiveDate],
    label: impl Fn(NaiveDate) -> String,
) -> Option<MarkArea> {
    let (first, last) = (days.first()?, days.last()?);
    let t = today();
    let data: Vec<(MarkAreaData, MarkAreaData)> = incidents
        .iter()
        .filter_map(|i| {
            let (a, b) = span(i, t);
            (a <= *last && b >= *first).then(|| {
                (
                    MarkAreaData::new()
                        .name(i.title.clone())
                        .x_axis(label(a.max(*first))),
                    MarkAreaData::new().x_axis(label(b.min(*last))),
                )
            })
        })
        .take(40)
        .collect();
    (!data.is_empty()).then(|| {
        MarkArea::new()
            .silent(true)
            .item_style(ItemStyle::new().color("rgba(196, 43, 28, 0.12)"))
            .label(Label::new().font_size(10).color("#8f1d12"))
            .data(data)
    })
}

fn threshold_line(value: f64, name: String) -> MarkLine {
    MarkLine::new()
        .silent(true)
        .symbol(vec![
            charming::element::Symbol::None,
            charming::element::Symbol::None,
        ])
        .line_style(
            LineStyle::new()
                .type_(LineStyleType::Dashed)
                .color("#b3261e"),
        )
        .label(Label::new().formatter("{b}").font_size(10))
        .data(vec![MarkLineVariant::Simple(
            MarkLineData::new().name(name).y_axis(value),
        )])
}

#[component]
pub fn Endpoints(rows: Vec<HealthSample>, incidents: Memo<Arc<Vec<Incident>>>) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(Arc::new(rows));
    let last_day = rows
        .with_value(|r| r.iter().map(|s| s.date).max())
        .unwrap_or_else(today);
    let period = Memo::new(move |_| ctx.url().read(PeriodQuery::from_params).period(last_day));
    let sort_by = Memo::new(move |_| {
        ctx.url()
            .get("sort")
            .and_then(|s| EndpointSort::from_id(&s))
            .unwrap_or(EndpointSort::Worst)
    });
    // Descending unless `desc=0`; names read A→Z by default.
    let desc = Memo::new(move |_| {
        let by = sort_by.get();
        match ctx.url().get("desc").as_deref() {
            Some("0") => false,
            Some("1") => true,
            _ => by != EndpointSort::Name,
        }
    });
    let summaries = Memo::new(move |_| {
        let p = period.get();
        let mut s = rows.with_value(|r| summarise(r, p.start, p.end));
        sort(&mut s, sort_by.get(), desc.get());
        s
    });
    let selected = Memo::new(move |_| {
        ctx.url()
            .get("endpoint")
            .filter(|e| summaries.with(|s| s.iter().any(|x| &x.endpoint == e)))
            .or_else(|| {
                let p = period.get();
                let mut worst = rows.with_value(|r| summarise(r, p.start, p.end));
                sort(&mut worst, EndpointSort::Worst, true);
                worst.first().map(|s| s.endpoint.clone())
            })
    });
    let header = move |s: EndpointSort| {
        let aria = move || match (sort_by.get() == s, desc.get()) {
            (true, true) => "descending",
            (true, false) => "ascending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort-btn" on:click=move |_| {
                    // Same key: reverse; a new key starts largest first (names A→Z).
                    let next = if sort_by.get_untracked() == s {
                        !desc.get_untracked()
                    } else {
                        s != EndpointSort::Name
                    };
                    ctx.url().set_many(&[("sort", s.id()), ("desc", if next { "1" } else { "0" })]);
                }>{move || s.label(ctx.lang.get())}</button>
            </th>
        }
    };
    let row_view = move |s: EndpointSummary, lang: Lang| {
        let endpoint = s.endpoint.clone();
        let is_selected = selected.get().as_deref() == Some(endpoint.as_str());
        let status_class = format!("status status-{}", s.status.id());
        let p95_over = s.p95_worst.is_some_and(|(_, p)| p > s.threshold.p95_ms);
        let err_over = s.error_rate.is_some_and(|r| r > s.threshold.error_rate);
        let href = ctx
            .route
            .get_untracked()
            .with("endpoint", &endpoint)
            .to_hash();
        view! {
            <tr data-endpoint=endpoint.clone() aria-selected=is_selected.to_string() class=if is_selected { "selected" } else { "" }>
                <th scope="row"><a href=href>{endpoint_label(&endpoint, lang == Lang::Zh)}</a>
                    {(endpoint_label(&endpoint, true) != endpoint).then(|| view! { <span class="muted small mono">" "{endpoint.clone()}</span> })}
                </th>
                <td class="num">{format_count(s.requests as f64, lang)}</td>
                <td class=if err_over { "num over" } else { "num" } data-col="error-rate">{format_percent(s.error_rate)}<span class="muted small">" / ≤ "{format_percent(Some(s.threshold.error_rate))}</span></td>
                <td class="num" data-col="p50">{s.p50_median_ms.map(|v| format!("{} ms", format_count(f64::from(v), lang))).unwrap_or_else(|| "—".into())}</td>
                <td class=if p95_over { "num over" } else { "num" } data-col="p95">
                    {s.p95_worst.map(|(d, v)| format!("{} ms ({})", format_count(f64::from(v), lang), d.format("%m-%d"))).unwrap_or_else(|| "—".into())}
                    <span class="muted small">" / ≤ "{format_count(f64::from(s.threshold.p95_ms), lang)}" ms"</span>
                </td>
                <td class=status_class data-col="status">{s.status.label(lang)}
                    {(s.breach_days > 0).then(|| match lang {
                        Lang::Zh => format!("({} 天)", s.breach_days),
                        Lang::En => format!(" ({} day(s))", s.breach_days),
                    })}
                </td>
            </tr>
        }
    };
    view! {
        <section class="card endpoints" aria-labelledby="ep-title">
            <h2 id="ep-title">{move || ctx.tr("接口与页面性能", "Endpoints and page loading")}</h2>
            <p class="muted small">{move || ctx.tr(
                "默认阈值取自微信官方的性能目标:启动耗时安卓 3.7 秒、iOS 1.8 秒(含代码包下载),本地代码包 2.6 秒 / 0.9 秒;网络请求 1 秒以内;错误率 1%(本系统的默认值)。错误率为期内错误数之和除以请求数之和;分位数不跨天平均:p50 为每日 p50 的中位数,p95 为最差一天。",
                "Default thresholds follow WeChat's published targets: launch within 3.7 s on Android and 1.8 s on iOS with a package download, 2.6 s / 0.9 s from a local package; network requests under 1 s; error rate 1 % (our default). The error rate is summed errors over summed requests; percentiles are not averaged across days: p50 is the median of the daily p50s, p95 the worst day's.",
            )}</p>
            <div class="table-scroll">
                <table class="endpoint-table">
                    <thead><tr>
                        {header(EndpointSort::Name)}
                        {header(EndpointSort::Requests)}
                        {header(EndpointSort::ErrorRate)}
                        {header(EndpointSort::P50)}
                        {header(EndpointSort::P95)}
                        {header(EndpointSort::Worst)}
                    </tr></thead>
                    <tbody>
                        {move || {
                            let lang = ctx.lang.get();
                            summaries.get().into_iter().map(|s| row_view(s, lang)).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            {move || match selected.get() {
                Some(endpoint) => view! { <Trend rows endpoint period incidents /> }.into_any(),
                None => view! { <EmptyState title=Signal::derive(move || ctx.tr("这段时间没有接口数据。", "No endpoint data in this period.").to_string()) /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Trend(
    rows: StoredValue<Arc<Vec<HealthSample>>>,
    endpoint: String,
    period: Memo<Period>,
    incidents: Memo<Arc<Vec<Incident>>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let endpoint = StoredValue::new(endpoint);
    let series = Memo::new(move |_| {
        let p = period.get();
        let mut days: Vec<HealthSample> = rows.with_value(|r| {
            endpoint.with_value(|e| {
                r.iter()
                    .filter(|s| &s.endpoint == e && p.contains(s.date))
                    .cloned()
                    .collect()
            })
        });
        days.sort_by_key(|s| s.date);
        days
    });
    let threshold =
        move || endpoint.with_value(|e| crate::domain::health::endpoints::default_threshold(e));
    let chart = move |errors: bool| {
        move || {
            let lang = ctx.lang.get();
            let days = series.get();
            let dates: Vec<NaiveDate> = days.iter().map(|s| s.date).collect();
            let labels: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
            let areas = incidents.with(|i| incident_areas(i, &dates, |d| d.to_string()));
            let t = threshold();
            let base = charming::Chart::new()
                .tooltip(Tooltip::new().trigger(Trigger::Axis))
                .legend(Legend::new().top(0))
                .grid(Grid::new().left(56).right(24).top(40).bottom(32))
                .x_axis(Axis::new().type_(AxisType::Category).data(labels));
            if errors {
                let values: Vec<charming::datatype::DataPoint> = days
                    .iter()
                    .map(
                        |s| match ratio(f64::from(s.errors), f64::from(s.requests)) {
                            Some(r) => ((r * 10_000.0).round() / 100.0).into(),
                            None => "-".into(),
                        },
                    )
                    .collect();
                let mut line = Line::new()
                    .name(lang.tr("错误率 %", "Error rate %"))
                    .data(values)
                    .show_symbol(false)
                    .mark_line(threshold_line(
                        t.error_rate * 100.0,
                        lang.tr("阈值", "Threshold").to_string(),
                    ));
                if let Some(a) = areas {
                    line = line.mark_area(a);
                }
                base.y_axis(Axis::new().type_(AxisType::Value).name("%"))
                    .series(line)
            } else {
                let p50: Vec<charming::datatype::DataPoint> =
                    days.iter().map(|s| f64::from(s.p50_ms).into()).collect();
                let p95: Vec<charming::datatype::DataPoint> =
                    days.iter().map(|s| f64::from(s.p95_ms).into()).collect();
                let mut p95_line = Line::new()
                    .name("p95")
                    .data(p95)
                    .show_symbol(false)
                    .mark_line(threshold_line(
                        f64::from(t.p95_ms),
                        lang.tr("阈值", "Threshold").to_string(),
                    ));
                if let Some(a) = areas {
                    p95_line = p95_line.mark_area(a);
                }
                base.y_axis(Axis::new().type_(AxisType::Value).name("ms"))
                    .series(Line::new().name("p50").data(p50).show_symbol(false))
                    .series(p95_line)
            }
        }
    };
    let name = move || endpoint.with_value(|e| endpoint_label(e, ctx.lang.get() == Lang::Zh));
    view! {
        <div class="cockpit-row even endpoint-trends" data-testid="endpoint-trend" data-endpoint=endpoint.get_value()>
            <div>
                <h3>{move || format!("{} · {}", name(), ctx.tr("响应耗时", "Latency"))}</h3>
                <Chart option=chart(false) label=Signal::derive(move || format!("{} {}", name(), ctx.tr("响应耗时趋势图(p50、p95、阈值,事故时段标出)", "latency trend (p50, p95, threshold, incidents shaded)"))) height=260 />
            </div>
            <div>
                <h3>{move || format!("{} · {}", name(), ctx.tr("错误率", "Error rate"))}</h3>
                <Chart option=chart(true) label=Signal::derive(move || format!("{} {}", name(), ctx.tr("错误率趋势图(阈值,事故时段标出)", "error-rate trend (threshold, incidents shaded)"))) height=260 />
            </div>
        </div>
    }
}
