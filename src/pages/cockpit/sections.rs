//! Who the users are, the conversion funnel, retention cohorts and top pages.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{field, Bar, BarList, EachRow, EmptyState};
use crate::domain::cockpit::aggregate::CockpitData;
use crate::domain::cockpit::behaviour::{cohorts, top_pages, CohortRow, PageRow, PageSort};
use crate::domain::cockpit::funnel::{funnel, FunnelStep};
use crate::domain::cockpit::model::{RetentionCohort, TopPage};
use crate::domain::cockpit::totals::{new_vs_returning, Totals};
use crate::domain::shared::ratio::ratio;
use crate::i18n::{format_count, format_date, format_duration, format_percent, Lang};
use crate::state::context::use_ctx;

/// Bars of visitors with their share of the total.
fn visitor_bars<T: Copy>(
    rows: &[(T, u64)],
    id: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
    lang: Lang,
    sort: bool,
) -> Vec<Bar> {
    let total: u64 = rows.iter().map(|(_, v)| v).sum();
    let mut bars: Vec<Bar> = rows
        .iter()
        .map(|(k, v)| Bar {
            id: id(*k).to_string(),
            label: label(*k, lang).to_string(),
            value: *v as f64,
            value_text: format_count(*v as f64, lang),
            note: format_percent(ratio(*v as f64, total as f64)),
        })
        .collect();
    if sort {
        bars.sort_by(|a, b| b.value.total_cmp(&a.value));
    }
    bars
}

fn visitors_of<T: Copy>(rows: &[(T, Totals)]) -> Vec<(T, u64)> {
    rows.iter().map(|(k, t)| (*k, t.visitors)).collect()
}

#[component]
pub fn Who(data: Memo<CockpitData>) -> impl IntoView {
    let ctx = use_ctx();
    // Memos, not derived signals: each bar reads these, and a derived signal
    // would redo the work (and subscribe to `data`) once per bar.
    let selected = move |k: &'static str| Memo::new(move |_| ctx.url().get(k));
    let toggle = |k: &'static str| Callback::new(move |id: String| ctx.url().toggle(k, &id));
    use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
    let districts = Memo::new(move |_| {
        data.with(|d| {
            visitor_bars(
                &visitors_of(&d.by_district),
                District::id,
                District::label,
                ctx.lang.get(),
                true,
            )
        })
    });
    let channels = Memo::new(move |_| {
        data.with(|d| {
            visitor_bars(
                &visitors_of(&d.by_channel),
                Channel::id,
                Channel::label,
                ctx.lang.get(),
                true,
            )
        })
    });
    let platforms = Memo::new(move |_| {
        data.with(|d| {
            visitor_bars(
                &visitors_of(&d.by_platform),
                Platform::id,
                Platform::label,
                ctx.lang.get(),
                true,
            )
        })
    });
    let genders = Memo::new(move |_| {
        data.with(|d| {
            visitor_bars(
                &d.by_gender,
                Gender::id,
                Gender::label,
                ctx.lang.get(),
                false,
            )
        })
    });
    let ages = Memo::new(move |_| {
        data.with(|d| {
            visitor_bars(
                &d.by_age,
                AgeBand::id,
                AgeBand::label,
                ctx.lang.get(),
                false,
            )
        })
    });
    let split = Memo::new(move |_| data.with(|d| new_vs_returning(&d.current)));
    // "12,345 · 40.1%" for the new (or the returning) visitors.
    let share = move |new_ones: bool| {
        let ((new, ret), lang) = (split.get(), ctx.lang.get());
        let n = if new_ones { new } else { ret };
        format!(
            "{} · {}",
            format_count(n as f64, lang),
            format_percent(ratio(n as f64, (new + ret) as f64))
        )
    };
    let title = move |zh: &'static str, en: &'static str| {
        Signal::derive(move || ctx.tr(zh, en).to_string())
    };
    view! {
        <section class="card who" aria-labelledby="who-title">
            <h2 id="who-title">{move || ctx.tr("用户画像与来源", "Who the users are")}</h2>
            <p class="muted small">{move || ctx.tr("点击任一条形即可按其筛选全部指标,再次点击取消。", "Click a bar to filter every figure by it; click again to clear.")}</p>
            <div class="who-grid">
                <BarList title=title("天津各区累计访问人数(各日 UV 之和)", "Visitors by Tianjin district (daily UV sum)") bars=districts selected=selected("district") on_toggle=toggle("district") dimension="district" />
                <div class="who-col">
                    <BarList title=title("渠道", "Channel") bars=channels selected=selected("channel") on_toggle=toggle("channel") dimension="channel" />
                    <BarList title=title("平台", "Platform") bars=platforms selected=selected("platform") on_toggle=toggle("platform") dimension="platform" />
                    <figure class="barlist">
                        <figcaption>{move || ctx.tr("新老访客", "New vs returning")}</figcaption>
                        <div class="split" role="img" aria-label=move || {
                            let ((new, ret), lang) = (split.get(), ctx.lang.get());
                            format!("{} {} / {} {}", lang.tr("新访客", "New visitors"), format_count(new as f64, lang), lang.tr("老访客", "Returning visitors"), format_count(ret as f64, lang))
                        }>
                            <span class="split-new" style=move || {
                                let (new, ret) = split.get();
                                let pct = ratio(new as f64, (new + ret) as f64).unwrap_or(0.0) * 100.0;
                                format!("width:{pct:.1}%")
                            }></span>
                        </div>
                        <p class="split-legend">
                            <span><i class="dot dot-new"></i>{move || ctx.tr("新访客 ", "New ")}{move || share(true)}</span>
                            <span><i class="dot dot-ret"></i>{move || ctx.tr("老访客 ", "Returning ")}{move || share(false)}</span>
                        </p>
                    </figure>
                </div>
                <div class="who-col">
                    <BarList title=title("性别", "Gender") bars=genders selected=selected("gender") on_toggle=toggle("gender") dimension="gender" />
                    <BarList title=title("年龄段", "Age band") bars=ages selected=selected("age") on_toggle=toggle("age") dimension="age" />
                </div>
            </div>
        </section>
    }
}

/// A funnel step and the comparison period's conversion at that step.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FunnelRow(FunnelStep, Option<f64>);

#[component]
pub fn Funnel(data: Memo<CockpitData>) -> impl IntoView {
    let ctx = use_ctx();
    // Each step with the comparison period's conversion at that step.
    let steps = Memo::new(move |_| {
        data.with(|d| {
            let prev = d.previous.as_ref().map(funnel);
            funnel(&d.current)
                .into_iter()
                .enumerate()
                .map(|(i, s)| {
                    let prev_conv = prev
                        .as_ref()
                        .and_then(|p| p.get(i))
                        .and_then(|p| p.from_previous);
                    FunnelRow(s, prev_conv)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card funnel" aria-labelledby="funnel-title">
            <h2 id="funnel-title">{move || ctx.tr("转化漏斗", "Conversion funnel")}</h2>
            <table class="funnel-table">
                <thead>
                    <tr>
                        <th scope="col">{move || ctx.tr("环节", "Step")}</th>
                        <th scope="col">{move || ctx.tr("数量", "Count")}</th>
                        <th scope="col">{move || ctx.tr("单位", "Unit")}</th>
                        <th scope="col">{move || ctx.tr("环节转化", "Step conversion")}</th>
                        <th scope="col">{move || ctx.tr("流失", "Drop-off")}</th>
                        <th scope="col">{move || ctx.tr("对比期转化", "Comparison conversion")}</th>
                    </tr>
                </thead>
                <tbody>
                    <EachRow rows=steps children={move |step: Memo<Option<FunnelRow>>| {
                        let text = move |f: fn(&FunnelRow, Lang) -> String| field(step, move |r| f(r, ctx.lang.get()));
                        // Bars only within the first step's unit: an order is not a share of sessions.
                        let width = move || step.with(|r| r.as_ref().and_then(|r| r.0.from_first).unwrap_or(0.0) * 100.0);
                        view! {
                            <tr>
                                <th scope="row">
                                    <span class="funnel-bar" style=move || format!("width:{:.1}%", width())></span>
                                    <span class="funnel-name">{text(|r, l| r.0.stage.label(l).to_string())}</span>
                                </th>
                                <td>{text(|r, l| format_count(r.0.count as f64, l))}</td>
                                <td data-unit=move || step.with(|r| r.as_ref().map(|r| r.0.unit.id()).unwrap_or_default())>{text(|r, l| r.0.unit.label(l).to_string())}</td>
                                <td>{text(|r, _| format_percent(r.0.from_previous))}</td>
                                <td class="drop">{text(|r, _| format_percent(r.0.drop_off))}</td>
                                <td>{text(|r, _| format_percent(r.1))}</td>
                            </tr>
                        }
                    }} />
                </tbody>
            </table>
            <p class="muted small">{move || ctx.tr(
                "前三步均按会话计,环节转化在同一单位内计算;订单按单、支付按人计,与会话单位不同,不计转化(“—”)。人的转化见“转化率”,每单金额见“笔单价”。",
                "The first three steps count sessions, and step conversion is computed within that unit; orders count orders and payment counts people, so they have no conversion (“—”). For people see Conversion rate; per order see Average order value.",
            )}</p>
        </section>
    }
}

#[component]
pub fn Retention(rows: Arc<Vec<RetentionCohort>>, data: Memo<CockpitData>) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    let cohort_rows = Memo::new(move |_| {
        let (period, filter) = data.with(|d| (d.period, d.query.filter));
        let mut c = rows.with_value(|r| cohorts(r, &period, &filter));
        // The latest twelve weeks are what a weekly review looks at.
        let skip = c.len().saturating_sub(12);
        c.drain(..skip);
        c
    });
    // A rate cell, shaded by its value; light shades only, so the dark text
    // keeps its contrast.
    let cell = move |row: Memo<Option<CohortRow>>, rate: fn(&CohortRow) -> Option<f64>| {
        let v = move || row.with(|r| r.as_ref().and_then(rate));
        view! {
            <td style=move || {
                let alpha = v().map(|v| (v * 1.1).clamp(0.04, 0.35)).unwrap_or(0.0);
                format!("background:rgba(11,92,173,{alpha:.2})")
            }>{move || format_percent(v())}</td>
        }
    };
    view! {
        <section class="card retention" aria-labelledby="ret-title">
            <h2 id="ret-title">{move || ctx.tr("留存(新访客周群组)", "Retention (weekly new-visitor cohorts)")}</h2>
            <Show
                when=move || cohort_rows.with(|c| !c.is_empty())
                fallback=move || view! { <EmptyState title=Signal::derive(move || ctx.tr("所选时段内没有新访客群组。", "No new-visitor cohorts in this period.").to_string()) /> }
            >
                <table class="cohort-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || ctx.tr("首访周", "Cohort week")}</th>
                            <th scope="col">{move || ctx.tr("新访客", "New visitors")}</th>
                            <th scope="col">{move || ctx.tr("次日", "Day 1")}</th>
                            <th scope="col">{move || ctx.tr("7日", "Day 7")}</th>
                            <th scope="col">{move || ctx.tr("30日", "Day 30")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <EachRow rows=cohort_rows children={move |row: Memo<Option<CohortRow>>| view! {
                            <tr>
                                <th scope="row">{field(row, move |c| format_date(c.week, ctx.lang.get()))}</th>
                                <td>{field(row, move |c| format_count(c.new_visitors as f64, ctx.lang.get()))}</td>
                                {cell(row, |c| c.d1)}
                                {cell(row, |c| c.d7)}
                                {cell(row, |c| c.d30)}
                            </tr>
                        }} />
                    </tbody>
                </table>
                <p class="muted small">{move || ctx.tr("“—”表示群组尚未满该天数。", "“—”: the cohort is not that old yet.")}</p>
            </Show>
        </section>
    }
}

#[component]
pub fn Pages(rows: Arc<Vec<TopPage>>, data: Memo<CockpitData>) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    let sort = Memo::new(move |_| {
        ctx.url()
            .get("sort")
            .and_then(|s| PageSort::from_id(&s))
            .unwrap_or_default()
    });
    let ascending = Memo::new(move |_| ctx.url().get("asc").as_deref() == Some("1"));
    // The period alone decides the pages (not the filters): a filter change
    // leaves this memo, and so the table, as it is.
    let period = Memo::new(move |_| data.with(|d| d.period));
    let pages = Memo::new(move |_| {
        let mut p = rows.with_value(|r| top_pages(r, &period.get(), sort.get(), ascending.get()));
        p.truncate(15);
        p
    });
    let header = move |s: PageSort, zh: &'static str, en: &'static str| {
        let aria = move || match (sort.get() == s, ascending.get()) {
            (true, true) => "ascending",
            (true, false) => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort-btn" on:click=move |_| {
                    let flip = sort.get_untracked() == s && !ascending.get_untracked();
                    ctx.url().set_many(&[("sort", s.id()), ("asc", if flip { "1" } else { "" })]);
                }>
                    {move || ctx.tr(zh, en)}
                    <span aria-hidden="true">{move || match aria() { "ascending" => " ▲", "descending" => " ▼", _ => "" }}</span>
                </button>
            </th>
        }
    };
    view! {
        <section class="card pages" aria-labelledby="pages-title">
            <h2 id="pages-title">{move || ctx.tr("受访页面", "Top pages")}</h2>
            <p class="muted small">{move || ctx.tr("按所选时段涉及的月份汇总,不随筛选变化。", "Summed over the months of the period; not affected by the filters.")}</p>
            <div class="table-scroll">
                <table class="pages-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || ctx.tr("页面", "Page")}</th>
                            {header(PageSort::PageViews, "浏览量", "Page views")}
                            {header(PageSort::Visitors, "访问人数", "Visitors")}
                            {header(PageSort::AvgStay, "平均停留", "Avg. stay")}
                            {header(PageSort::ExitRate, "退出率", "Exit rate")}
                        </tr>
                    </thead>
                    <tbody>
                        <EachRow rows=pages children={move |p: Memo<Option<PageRow>>| view! {
                            <tr>
                                <th scope="row"><span class="page-title">{field(p, |p| p.title.clone())}</span><code class="page-path">{field(p, |p| p.path.clone())}</code></th>
                                <td>{field(p, move |p| format_count(p.page_views as f64, ctx.lang.get()))}</td>
                                <td>{field(p, move |p| format_count(p.visitors as f64, ctx.lang.get()))}</td>
                                <td>{field(p, move |p| format_duration(p.avg_stay, ctx.lang.get()))}</td>
                                <td>{field(p, |p| format_percent(p.exit_rate))}</td>
                            </tr>
                        }} />
                    </tbody>
                </table>
            </div>
        </section>
    }
}
