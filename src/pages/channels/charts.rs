//! The channel charts, through the shared `Chart`: cost against new users
//! per placement (bubble size = revenue), the monthly new users per
//! channel, and the new-user mix by channel over the last 13 months.

use std::sync::Arc;

use charming::component::{Axis, Grid, Legend};
use charming::datatype::DataPoint;
use charming::element::{AxisType, Tooltip, Trigger};
use charming::series::{Bar, Line, Scatter};
use leptos::prelude::*;

use crate::components::Chart;
use crate::domain::channels::model::{ChannelRef, ChannelSpend};
use crate::domain::channels::ratios::by_channel;
use crate::domain::channels::table::GroupRow;
use crate::domain::shared::ratio::ratio;
use crate::state::context::use_ctx;

/// New users per channel per month: (channel, one value per month).
fn monthly_new_users(rows: &[ChannelSpend], months: &[String]) -> Vec<(ChannelRef, Vec<u64>)> {
    let channels: Vec<ChannelRef> = by_channel(rows.iter().filter(|r| months.contains(&r.month)))
        .into_iter()
        .map(|g| g.channel)
        .collect();
    channels
        .into_iter()
        .map(|c| {
            let values = months
                .iter()
                .map(|m| {
                    rows.iter()
                        .filter(|r| &r.month == m && r.channel == c)
                        .map(|r| u64::from(r.new_users))
                        .sum()
                })
                .collect();
            (c, values)
        })
        .collect()
}

#[component]
pub fn Charts(
    groups: Memo<Vec<GroupRow>>,
    rows: Arc<Vec<ChannelSpend>>,
    months: Vec<String>,
) -> impl IntoView {
    let ctx = use_ctx();
    let series = StoredValue::new(monthly_new_users(&rows, &months));
    let months = StoredValue::new(months);
    let bubbles = move || {
        let lang = ctx.lang.get();
        groups.with(|gs| {
            let placements: Vec<_> = gs.iter().flat_map(|g| g.placements.iter()).collect();
            let max_revenue = placements
                .iter()
                .map(|p| p.figures.revenue)
                .fold(0.0_f64, f64::max);
            let mut chart = charming::Chart::new()
                .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{a}: ¥{c}"))
                .grid(Grid::new().left(64).right(24).top(24).bottom(40))
                .x_axis(
                    Axis::new()
                        .type_(AxisType::Value)
                        .name(lang.tr("成本 (¥)", "Cost (¥)")),
                )
                .y_axis(
                    Axis::new()
                        .type_(AxisType::Value)
                        .name(lang.tr("新用户", "New users")),
                );
            for p in placements {
                // Area, not radius, follows revenue: radius ∝ √revenue.
                let size = 8.0 + 40.0 * ratio(p.figures.revenue, max_revenue).unwrap_or(0.0).sqrt();
                let point: Vec<f64> = vec![
                    (p.figures.cost * 100.0).round() / 100.0,
                    p.figures.new_users as f64,
                ];
                chart = chart.series(
                    Scatter::new()
                        .name(p.placement.clone())
                        .symbol_size(size)
                        .data(vec![point]),
                );
            }
            chart
        })
    };
    let trend = move || {
        let lang = ctx.lang.get();
        let mut chart = charming::Chart::new()
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .legend(Legend::new().top(0))
            .grid(Grid::new().left(56).right(16).top(40).bottom(32))
            .x_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .data(months.get_value()),
            )
            .y_axis(
                Axis::new()
                    .type_(AxisType::Value)
                    .name(lang.tr("新用户", "New users")),
            );
        for (c, values) in series.get_value() {
            let data: Vec<DataPoint> = values.iter().map(|v| DataPoint::from(*v as f64)).collect();
            chart = chart.series(Line::new().name(c.label(lang)).data(data));
        }
        chart
    };
    let mix = move || {
        let lang = ctx.lang.get();
        let all = series.get_value();
        let n = months.with_value(|m| m.len());
        let totals: Vec<u64> = (0..n)
            .map(|i| {
                all.iter()
                    .map(|(_, v)| v.get(i).copied().unwrap_or(0))
                    .sum()
            })
            .collect();
        let mut chart = charming::Chart::new()
            .tooltip(Tooltip::new().trigger(Trigger::Axis))
            .legend(Legend::new().top(0))
            .grid(Grid::new().left(48).right(16).top(40).bottom(32))
            .x_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .data(months.get_value()),
            )
            .y_axis(Axis::new().type_(AxisType::Value).name("%").max(100));
        for (c, values) in all.iter() {
            let data: Vec<DataPoint> = values
                .iter()
                .zip(&totals)
                .map(|(v, t)| match ratio(*v as f64, *t as f64) {
                    Some(s) => DataPoint::from((s * 1000.0).round() / 10.0),
                    None => "-".into(),
                })
                .collect();
            chart = chart.series(Bar::new().name(c.label(lang)).stack("mix").data(data));
        }
        chart
    };
    view! {
        <section class="card channel-charts" aria-labelledby="ch-charts-title">
            <h2 id="ch-charts-title">{move || ctx.tr("渠道图表", "Channel charts")}</h2>
            <div class="ch-chart-grid">
                <figure>
                    <figcaption>{move || ctx.tr("各投放位的成本与新用户(气泡大小 = 销售额)", "Cost against new users per placement (bubble size = revenue)")}</figcaption>
                    <Chart option=bubbles label=Signal::derive(move || ctx.tr("各投放位成本与新用户的气泡图", "Bubble chart of cost against new users per placement").to_string()) />
                </figure>
                <figure>
                    <figcaption>{move || ctx.tr("各渠道每月新用户", "New users per channel by month")}</figcaption>
                    <Chart option=trend label=Signal::derive(move || ctx.tr("近13个月各渠道新用户趋势", "Monthly new users per channel over the last 13 months").to_string()) />
                </figure>
                <figure>
                    <figcaption>{move || ctx.tr("新用户的渠道构成", "New-user mix by channel")}</figcaption>
                    <Chart option=mix label=Signal::derive(move || ctx.tr("近13个月新用户的渠道构成(%)", "Share of new users by channel over the last 13 months (%)").to_string()) />
                </figure>
            </div>
        </section>
    }
}
