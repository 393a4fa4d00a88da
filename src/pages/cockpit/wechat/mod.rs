//! The cockpit over WeChat's own analytics files (config: `"shapes":
//! {"metrics": "wechat"}`): the figures WeChat provides, the derived ones
//! with their formula on hover, "微信数据不提供此指标" for the rest, the
//! as-of date (T+1) and the portrait's rolling window. A day whose file is an
//! errcode body shows that error in words beside the other days. Pages,
//! trends, retention and performance are listed below (`tables`). The
//! merchant's own `orders`, when served, fill the order tiles (`orders`).

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

mod orders;
mod tables;

use crate::components::{DataView, NoWechatDays};
use crate::data::error::ApiError;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::query::CockpitQuery;
use crate::domain::wechat::dataset::WechatData;
use crate::domain::wechat::figures::{
    self, not_provided_hint, not_provided_text, Figure, NOT_PROVIDED_VIEWS,
};
use crate::domain::wechat::orders::{combine, fill};
use crate::domain::wechat::Interface;
use crate::i18n::words;
use crate::i18n::{format_count, format_date, format_percent, Lang};
use crate::state::context::use_ctx;
use crate::state::loading::backend_resource;

/// WeChat's files, and the merchant's orders if there are any.
#[derive(Clone)]
struct Loaded {
    data: Arc<WechatData>,
    orders: orders::OrdersState,
}

#[component]
pub fn WechatCockpit() -> impl IntoView {
    let ctx = use_ctx();
    let data = backend_resource(
        ctx,
        |b| async move {
            let (data, orders) =
                futures::join!(crate::data::wechat::load(&b.config.rest), orders::load(&b));
            Ok(Loaded {
                data: Arc::new(data?),
                orders,
            })
        },
        || Err(ApiError::Config("no backend".into())),
    );
    view! { <DataView resource=data render={move |l: Loaded| view! { <WechatView data=l.data orders=l.orders /> }} /> }
}

#[component]
fn WechatView(data: Arc<WechatData>, orders: orders::OrdersState) -> impl IntoView {
    let ctx = use_ctx();
    let Some(as_of) = data.as_of() else {
        return view! { <NoWechatDays /> }.into_any();
    };
    let query = Memo::new(move |_| ctx.url().read(CockpitQuery::from_params));
    (move || {
        let lang = ctx.lang.get();
        let period = query.get().period(as_of);
        let mut f = figures::period(&data, period.start, period.end);
        let combined = match &orders {
            Some(Ok(by_day)) => {
                let c = combine(&data, by_day, period.start, period.end);
                fill(&mut f, &c);
                Some(c)
            }
            _ => None,
        };
        view! {
            <div class="cockpit-body wechat-cockpit">
                <p class="notice wechat-asof" role="status">
                    {format!(
                        "{}{}",
                        lang.tr("数据截至 ", "Data up to "),
                        format_date(as_of, lang)
                    )}
                    {lang.tr(
                        "(来源:微信小程序数据分析,次日更新)",
                        " (source: WeChat mini-program analytics, updated the next day)",
                    )}
                </p>
                {errors(&data, period.start, period.end, lang)}
                {orders::notice(&orders, combined.as_ref(), lang)}
                <section class="kpi-grid" aria-label=lang.tr("关键指标", "Key metrics")>
                    {f.kpis.iter().map(|(kpi, fig)| tile(*kpi, *fig, lang)).collect_view()}
                </section>
                <div class="cockpit-row even">
                    {derived(&f.derived, lang)}
                    {channels(&data, period.start, period.end, lang)}
                </div>
                {days(&data, period.start, period.end, lang)}
                {portrait(&data, lang)}
                {tables::pages(&data, period.start, period.end, lang)}
                {tables::trends(&data, lang)}
                {tables::retention(&data, lang)}
                {tables::performance(&data, period.start, period.end, lang)}
                <section class="card wechat-not-provided">
                    <h2>{lang.tr("微信数据不含的视图", "Views WeChat's data cannot fill")}</h2>
                    <ul>
                        {NOT_PROVIDED_VIEWS
                            .iter()
                            .map(|(id, zh, en)| view! {
                                <li data-view=*id>
                                    {lang.tr(zh, en)}": "
                                    <span class="not-provided" title=not_provided_hint(lang)>{not_provided_text(lang)}</span>
                                </li>
                            })
                            .collect_view()}
                    </ul>
                    <p class="muted">{not_provided_hint(lang)}</p>
                </section>
            </div>
        }
    })
    .into_any()
}

fn tile(kpi: Kpi, fig: Figure, lang: Lang) -> impl IntoView {
    // Figures from the merchant's orders, or combining both sources, say so.
    let (source, tag) = match fig {
        Figure::Merchant(_) => ("merchant", Some(lang.tr("商家后台", "your backend"))),
        Figure::Combined(..) => ("combined", Some(lang.tr("合并", "combined"))),
        _ => ("wechat", None),
    };
    let (text, class, title) = match fig {
        Figure::Provided(v) => (kpi.format(Some(v), lang), "kpi-value", None),
        Figure::Derived(v, formula) | Figure::Combined(v, formula) => (
            kpi.format(Some(v), lang),
            "kpi-value",
            Some(formula.text(lang)),
        ),
        Figure::Merchant(v) => (
            kpi.format(Some(v), lang),
            "kpi-value",
            Some(lang.tr(
                "来自商家后台的订单数据(orders)",
                "From your backend's orders",
            )),
        ),
        Figure::NoData => (
            "—".to_string(),
            "kpi-value",
            Some(lang.tr("所选期间没有微信数据", "No WeChat data in this period")),
        ),
        Figure::NotProvided => (
            not_provided_text(lang).to_string(),
            "kpi-value not-provided",
            Some(not_provided_hint(lang)),
        ),
    };
    view! {
        <div class="kpi-tile wechat-kpi" data-kpi=kpi.key() data-source=source>
            <span class="kpi-label">
                {kpi.label(lang)}
                {tag.map(|t| view! { " "<span class="tag-derived">{t}</span> })}
            </span>
            <span class=class data-testid="kpi-value" title=title>{text}</span>
        </div>
    }
}

fn interface_label(i: Option<Interface>, lang: Lang) -> &'static str {
    match i {
        Some(Interface::DailySummary) => lang.tr("概况", "Summary"),
        Some(Interface::DailyVisitTrend) => lang.tr("访问趋势", "Visit trend"),
        Some(Interface::WeeklyVisitTrend) => lang.tr("周趋势", "Weekly trend"),
        Some(Interface::MonthlyVisitTrend) => lang.tr("月趋势", "Monthly trend"),
        Some(Interface::UserPortrait) => lang.tr("用户画像", "User portrait"),
        Some(Interface::VisitDistribution) => lang.tr("访问分布", "Visit distribution"),
        Some(Interface::VisitPage) => lang.tr("访问页面", "Visited pages"),
        Some(Interface::DailyRetain | Interface::WeeklyRetain | Interface::MonthlyRetain) => {
            lang.tr("留存", "Retention")
        }
        Some(Interface::Performance) => lang.tr("性能", "Performance"),
        None => lang.tr("未知文件", "Unknown file"),
    }
}

fn errors(data: &WechatData, from: NaiveDate, to: NaiveDate, lang: Lang) -> impl IntoView {
    let items: Vec<_> = data
        .problems
        .iter()
        .filter(|p| p.covers.is_none_or(|c| c.first() <= to && from <= c.last()))
        .map(|p| {
            let when = p
                .covers
                .map(|c| format_date(c.first(), lang))
                .unwrap_or_else(|| p.file.clone());
            view! {
                <li data-file=p.file.clone()>
                    {format!("{when} {}:", interface_label(p.interface, lang))}
                    {p.error.message(lang)}
                </li>
            }
        })
        .collect();
    (!items.is_empty()).then(|| {
        view! {
            <div class="notice notice-error wechat-errors" role="alert">
                <p>{lang.tr("以下微信数据未能读取,其他日期照常显示:", "These WeChat files could not be used; the other days show as usual:")}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}

fn derived(list: &[Figure], lang: Lang) -> impl IntoView {
    let rows: Vec<_> = list
        .iter()
        .filter_map(|f| match f {
            Figure::Derived(v, formula) => Some(view! {
                <dt title=formula.text(lang)>{formula.label(lang)}" "<span class="tag-derived">{lang.tr("推算", "derived")}</span></dt>
                <dd data-derived=format!("{formula:?}")>{format_percent(Some(*v))}</dd>
            }),
            _ => None,
        })
        .collect();
    view! {
        <section class="card wechat-derived">
            <h2>{lang.tr("推算指标", "Derived figures")}</h2>
            <dl>{rows}</dl>
        </section>
    }
}

fn channels(data: &WechatData, from: NaiveDate, to: NaiveDate, lang: Lang) -> impl IntoView {
    let families = figures::channel_families(data, from, to);
    let total: u64 = families.iter().map(|(_, n)| n).sum();
    view! {
        <section class="card wechat-channels">
            <h2>{lang.tr("访问来源(打开次数)", "Where sessions came from")}</h2>
            <table>
                <tbody>
                    {families
                        .into_iter()
                        .map(|(family, n)| view! {
                            <tr data-family=family.id()>
                                <th scope="row">{family.label(lang)}</th>
                                <td>{format_count(n as f64, lang)}</td>
                                <td>{format_percent(Some(n as f64 / total.max(1) as f64))}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

fn days(data: &WechatData, from: NaiveDate, to: NaiveDate, lang: Lang) -> impl IntoView {
    let rows: Vec<_> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .map(|day| {
            let row = data.daily.get(&day);
            let count = |v: Option<u64>| {
                v.map(|n| format_count(n as f64, lang))
                    .unwrap_or_else(|| "—".into())
            };
            let problem = data
                .problems_on(Interface::DailyVisitTrend, day)
                .first()
                .map(|p| p.error.message(lang));
            let status = match (row, problem) {
                (Some(_), _) => String::new(),
                (None, Some(msg)) => msg,
                (None, None) => lang.tr("无数据", "No data").to_string(),
            };
            view! {
                <tr data-date=day.format("%Y-%m-%d").to_string() class:gap=row.is_none()>
                    <th scope="row">{format_date(day, lang)}</th>
                    <td>{count(row.and_then(|r| r.visit_uv))}</td>
                    <td>{count(row.and_then(|r| r.session_cnt))}</td>
                    <td>{count(row.and_then(|r| r.visit_pv))}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect();
    view! {
        <section class="card card-wide wechat-days">
            <h2>{lang.tr("每日访问", "Daily visits")}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{words::date(lang)}</th>
                        <th scope="col">{Kpi::Visitors.label(lang)}</th>
                        <th scope="col">{Kpi::Visits.label(lang)}</th>
                        <th scope="col">{Kpi::PageViews.label(lang)}</th>
                        <th scope="col">{words::status(lang)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

fn portrait(data: &WechatData, lang: Lang) -> Option<impl IntoView> {
    let pv = figures::portrait(data)?;
    let window = format!(
        "{}{}{}{}",
        lang.tr("近 ", "last "),
        pv.window.days(),
        lang.tr(" 天,截至 ", " days, up to "),
        format_date(pv.window.last(), lang)
    );
    let list = |items: Vec<(String, u64)>| {
        items
            .into_iter()
            .map(|(name, n)| view! { <li>{name}": "{format_count(n as f64, lang)}</li> })
            .collect_view()
    };
    let platforms = pv.platforms.iter().map(|(p, name, n)| {
        (
            p.map(|p| p.label(lang).to_string())
                .unwrap_or_else(|| name.clone()),
            *n,
        )
    });
    let genders: Vec<(String, u64)> = pv
        .genders
        .iter()
        .map(|(g, n)| (g.label(lang).to_string(), *n))
        .collect();
    let no_genders = genders.is_empty();
    Some(view! {
        <section class="card card-wide wechat-portrait">
            <h2>{lang.tr("用户画像(活跃用户)", "User portrait (active users)")}</h2>
            <p class="muted wechat-window">{window}</p>
            <div class="cockpit-row even">
                <div><h3>{lang.tr("平台", "Platform")}</h3><ul>{list(platforms.collect())}</ul></div>
                <div>
                    <h3>{lang.tr("性别", "Gender")}</h3>
                    {if no_genders {
                        view! { <p class="muted wechat-no-genders">{lang.tr("微信这次没有返回性别分布。", "WeChat sent no gender breakdown this time.")}</p> }.into_any()
                    } else {
                        view! { <ul>{list(genders)}</ul> }.into_any()
                    }}
                </div>
                <div><h3>{lang.tr("年龄(微信分段)", "Age (WeChat's bands)")}</h3><ul>{list(pv.ages)}</ul></div>
                <div><h3>{lang.tr("城市", "City")}</h3><ul>{list(pv.cities)}</ul></div>
            </div>
        </section>
    })
}
