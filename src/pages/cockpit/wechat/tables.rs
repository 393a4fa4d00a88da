//! The WeChat tables below the cockpit's tiles: top pages of the period,
//! weekly and monthly trends, retention of new users by cohort, and WeChat's
//! own performance figures. Each section only appears when its files exist.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::domain::cockpit::kpi::Kpi;
use crate::domain::wechat::dataset::WechatData;
use crate::domain::wechat::raw::TrendRow;
use crate::domain::wechat::views::{
    performance_rows, retention_rows, top_pages, trend_rows, Cohort, RetentionRow,
};
use crate::domain::wechat::RefDate;
use crate::i18n::{format_count, format_date, format_duration, format_percent, words, Lang};

/// Pages listed at most; WeChat's own list is its top pages already.
const TOP_PAGES: usize = 10;

/// The period a WeChat `ref_date` covers, in words.
fn covers(rd: RefDate, lang: Lang) -> String {
    match (rd, lang) {
        (RefDate::Day(d), _) => format_date(d, lang),
        (RefDate::Range(a, b), _) => format!("{} – {}", format_date(a, lang), format_date(b, lang)),
        (RefDate::Month(d), Lang::Zh) => format!("{}年{}月", d.year(), d.month()),
        (RefDate::Month(d), Lang::En) => d.format("%b %Y").to_string(),
    }
}

fn count(v: Option<u64>, lang: Lang) -> String {
    v.map(|n| format_count(n as f64, lang))
        .unwrap_or_else(|| "—".into())
}

pub fn pages(
    data: &WechatData,
    from: NaiveDate,
    to: NaiveDate,
    lang: Lang,
) -> Option<impl IntoView> {
    let rows = top_pages(data, from, to);
    if rows.is_empty() {
        return None;
    }
    let body = rows
        .into_iter()
        .take(TOP_PAGES)
        .map(|p| {
            let exit = format_percent(p.exit_rate());
            view! {
                <tr data-page=p.path.clone()>
                    <th scope="row"><code>{p.path.clone()}</code></th>
                    <td>{format_count(p.page_views as f64, lang)}</td>
                    <td>{format_count(p.daily_visitors as f64, lang)}</td>
                    <td>{format_duration(p.stay_seconds, lang)}</td>
                    <td>{format_count(p.entries as f64, lang)}</td>
                    <td>{exit}</td>
                    <td>{format_count(p.shares as f64, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="card card-wide wechat-pages">
            <h2>{lang.tr("访问页面", "Visited pages")}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{lang.tr("页面路径", "Page path")}</th>
                            <th scope="col">{Kpi::PageViews.label(lang)}</th>
                            <th scope="col">{lang.tr("每日访问人数之和", "Sum of daily visitors")}</th>
                            <th scope="col">{lang.tr("次均停留", "Time per view")}</th>
                            <th scope="col">{lang.tr("入口次数", "Entries")}</th>
                            <th scope="col">{lang.tr("退出率", "Exit rate")}</th>
                            <th scope="col">{lang.tr("转发次数", "Shares")}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <p class="muted">{lang.tr(
                "访问人数按天去重后相加:同一用户在两天访问计为两人。退出率 = 退出次数 ÷ 浏览量。",
                "Visitors are de-duplicated per day and then added: someone visiting on two days counts twice. Exit rate = exits ÷ page views.",
            )}</p>
        </section>
    })
}

fn trend_table(title: &'static str, rows: Vec<(RefDate, TrendRow)>, lang: Lang) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|(rd, r)| {
            view! {
                <tr>
                    <th scope="row">{covers(rd, lang)}</th>
                    <td>{count(r.visit_uv, lang)}</td>
                    <td>{count(r.visit_uv_new, lang)}</td>
                    <td>{count(r.session_cnt, lang)}</td>
                    <td>{count(r.visit_pv, lang)}</td>
                    <td>{format_duration(r.stay_time_uv, lang)}</td>
                    <td>{r.visit_depth.filter(|d| d.is_finite()).map(|d| format!("{d:.2}")).unwrap_or_else(|| "—".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table>
                <caption>{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{words::period(lang)}</th>
                        <th scope="col">{Kpi::Visitors.label(lang)}</th>
                        <th scope="col">{Kpi::NewVisitors.label(lang)}</th>
                        <th scope="col">{Kpi::Visits.label(lang)}</th>
                        <th scope="col">{Kpi::PageViews.label(lang)}</th>
                        <th scope="col">{lang.tr("人均停留", "Time per visitor")}</th>
                        <th scope="col">{lang.tr("平均访问深度", "Average visit depth")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

pub fn trends(data: &WechatData, lang: Lang) -> Option<impl IntoView> {
    let (weekly, monthly) = (trend_rows(&data.weekly), trend_rows(&data.monthly));
    if weekly.is_empty() && monthly.is_empty() {
        return None;
    }
    Some(view! {
        <section class="card card-wide wechat-trends">
            <h2>{lang.tr("周趋势与月趋势", "Weekly and monthly trends")}</h2>
            {(!weekly.is_empty()).then(|| trend_table(lang.tr("按周", "By week"), weekly, lang))}
            {(!monthly.is_empty()).then(|| trend_table(lang.tr("按月", "By month"), monthly, lang))}
        </section>
    })
}

fn retention_table(
    title: &'static str,
    unit: (&'static str, &'static str),
    rows: Vec<RetentionRow>,
    lang: Lang,
) -> impl IntoView {
    let max_key = rows
        .iter()
        .flat_map(|r| r.shares.iter().map(|(k, _)| *k))
        .max()
        .unwrap_or(0)
        .clamp(0, 30);
    let heads = (1..=max_key)
        .map(|k| {
            let label = match lang {
                Lang::Zh => format!("{k}{}后", unit.0),
                Lang::En => format!("+{k} {}", unit.1),
            };
            view! { <th scope="col">{label}</th> }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|r| {
            let cells = (1..=max_key)
                .map(|k| {
                    let share = r
                        .shares
                        .iter()
                        .find(|(key, _)| *key == k)
                        .and_then(|(_, s)| *s);
                    view! { <td>{format_percent(share)}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{covers(r.cohort, lang)}</th>
                    <td>{count(r.size, lang)}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table>
                <caption>{title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.tr("新用户批次", "New-user cohort")}</th>
                        <th scope="col">{lang.tr("人数", "Users")}</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

pub fn retention(data: &WechatData, lang: Lang) -> Option<impl IntoView> {
    let daily = retention_rows(&data.daily_retain, Cohort::New);
    let weekly = retention_rows(&data.weekly_retain, Cohort::New);
    let monthly = retention_rows(&data.monthly_retain, Cohort::New);
    if daily.is_empty() && weekly.is_empty() && monthly.is_empty() {
        return None;
    }
    Some(view! {
        <section class="card card-wide wechat-retention">
            <h2>{lang.tr("新用户留存(微信)", "New-user retention (WeChat)")}</h2>
            <p class="muted">{lang.tr(
                "推算:第 k 期仍访问的人数 ÷ 该批新用户人数。最近的批次还没有后续数据。",
                "Derived: users still visiting k periods later ÷ the cohort's new users. The latest cohorts have no later data yet.",
            )}</p>
            {(!daily.is_empty()).then(|| retention_table(lang.tr("按日", "By day"), ("天", "days"), daily, lang))}
            {(!weekly.is_empty()).then(|| retention_table(lang.tr("按周", "By week"), ("周", "weeks"), weekly, lang))}
            {(!monthly.is_empty()).then(|| retention_table(lang.tr("按月", "By month"), ("月", "months"), monthly, lang))}
        </section>
    })
}

pub fn performance(
    data: &WechatData,
    from: NaiveDate,
    to: NaiveDate,
    lang: Lang,
) -> Option<impl IntoView> {
    let rows = performance_rows(data, from, to);
    if rows.is_empty() {
        return None;
    }
    let ms = |v: Option<f64>| {
        v.map(|x| format!("{} ms", format_count(x.round(), lang)))
            .unwrap_or_else(|| "—".into())
    };
    let body = rows
        .into_iter()
        .map(|r| {
            let latest = r.latest.map(|(d, v)| format!("{} ({})", ms(Some(v)), format_date(d, lang)));
            view! {
                <tr data-figure=r.id.clone()>
                    <th scope="row">{r.zh.clone()}<span class="muted">" · "{r.id.clone()}</span></th>
                    <td>{latest.unwrap_or_else(|| "—".into())}</td>
                    <td>{ms(r.mean)}</td>
                    <td>{r.days}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="card card-wide wechat-performance">
            <h2>{lang.tr("性能数据(微信)", "Performance (WeChat)")}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{lang.tr("指标", "Metric")}</th>
                            <th scope="col">{lang.tr("最近一天", "Latest day")}</th>
                            <th scope="col">{lang.tr("期间日均", "Daily mean in the period")}</th>
                            <th scope="col">{lang.tr("有数据的天数", "Days with data")}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    })
}
