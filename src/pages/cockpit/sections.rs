//! Who the users are, the conversion funnel, retention cohorts and top pages.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{Bar, BarList, EmptyState};
use crate::domain::cockpit::aggregate::CockpitData;
use crate::domain::cockpit::behaviour::{cohorts, top_pages, PageSort};
use crate::domain::cockpit::funnel::funnel;
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
    let selected = move |k: &'static str| Signal::derive(move || ctx.url().get(k));
    let toggle = |k: &'static str| Callback::new(move |id: String| ctx.url().toggle(k, &id));
    use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
    let districts = Signal::derive(move || {
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
    let channels = Signal::derive(move || {
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
    let platforms = Signal::derive(move || {
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
    let genders = Signal::derive(move || {
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
    let ages = Signal::derive(move || {
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
    let split = move || data.with(|d| new_vs_returning(&d.current));
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
                        {move || {
                            let (new, ret) = split();
                            let total = (new + ret) as f64;
                            let pct = ratio(new as f64, total).unwrap_or(0.0) * 100.0;
                            let lang = ctx.lang.get();
                            view! {
                                <div class="split" role="img" aria-label=format!("{} {} / {} {}", lang.tr("新访客", "New visitors"), format_count(new as f64, lang), lang.tr("老访客", "Returning visitors"), format_count(ret as f64, lang))>
                                    <span class="split-new" style=format!("width:{pct:.1}%")></span>
                                </div>
                                <p class="split-legend">
                                    <span><i class="dot dot-new"></i>{lang.tr("新访客 ", "New ")}{format_count(new as f64, lang)}" · "{format_percent(ratio(new as f64, total))}</span>
                                    <span><i class="dot dot-ret"></i>{lang.tr("老访客 ", "Returning ")}{format_count(ret as f64, lang)}" · "{format_percent(ratio(ret as f64, total))}</span>
                                </p>
                            }
                        }}
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

#[component]
pub fn Funnel(data: Memo<CockpitData>) -> impl IntoView {
    let ctx = use_ctx();
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
                    {move || {
                        let lang = ctx.lang.get();
                        data.with(|d| {
                            let steps = funnel(&d.current);
                            let prev = d.previous.as_ref().map(funnel);
                            steps
                                .iter()
                                .enumerate()
                                .map(|(i, s)| {
                                    // Bars only within the first step's unit: an order is not a share of sessions.
                                    let width = s.from_first.unwrap_or(0.0) * 100.0;
                                    let prev_conv = prev
                                        .as_ref()
                                        .and_then(|p| p.get(i))
                                        .and_then(|p| p.from_previous);
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <span class="funnel-bar" style=format!("width:{width:.1}%")></span>
                                                <span class="funnel-name">{s.stage.label(lang)}</span>
                                            </th>
                                            <td>{format_count(s.count as f64, lang)}</td>
                                            <td data-unit=s.unit.id()>{s.unit.label(lang)}</td>
                                            <td>{format_percent(s.from_previous)}</td>
                                            <td class="drop">{format_percent(s.drop_off)}</td>
                                            <td>{format_percent(prev_conv)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        })
                    }}
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
    let cell = |v: Option<f64>| {
        // Light shades only, so the dark text keeps its contrast.
        let alpha = v.map(|v| (v * 1.1).clamp(0.04, 0.35)).unwrap_or(0.0);
        view! { <td style=format!("background:rgba(11,92,173,{alpha:.2})")>{format_percent(v)}</td> }
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
                        {move || {
                            let lang = ctx.lang.get();
                            cohort_rows.get().into_iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{format_date(c.week, lang)}</th>
                                    <td>{format_count(c.new_visitors as f64, lang)}</td>
                                    {cell(c.d1)}
                                    {cell(c.d7)}
                                    {cell(c.d30)}
                                </tr>
                            }).collect_view()
                        }}
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
    let pages = Memo::new(move |_| {
        let period = data.with(|d| d.period);
        rows.with_value(|r| top_pages(r, &period, sort.get(), ascending.get()))
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
                        {move || {
                            let lang = ctx.lang.get();
                            pages.get().into_iter().take(15).map(|p| view! {
                                <tr>
                                    <th scope="row"><span class="page-title">{p.title}</span><code class="page-path">{p.path}</code></th>
                                    <td>{format_count(p.page_views as f64, lang)}</td>
                                    <td>{format_count(p.visitors as f64, lang)}</td>
                                    <td>{format_duration(p.avg_stay, lang)}</td>
                                    <td>{format_percent(p.exit_rate)}</td>
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
