//! The channel comparison over WeChat's own files (`"shapes": {"metrics":
//! "wechat"}` or the Settings preset): sessions per channel family for the
//! period from getVisitDistribution, each family's share and the access
//! sources that make it up (folding out like the placements of the regular
//! table), the columns WeChat cannot fill said in words with a pointer to the
//! merchant's backend, and each day's state (data, an error in words, or a
//! gap). The pure work is `domain::wechat::channels`.

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{DataView, NoWechatDays, PeriodControls};
use crate::data::error::ApiError;
use crate::domain::channels::table::Column;
use crate::domain::shared::period::PeriodQuery;
use crate::domain::wechat::channels::{
    channel_sessions, ChannelSessions, DayState, FamilySessions, NOT_PROVIDED_COLUMNS,
};
use crate::domain::wechat::dataset::WechatData;
use crate::domain::wechat::figures::not_provided_text;
use crate::i18n::{format_count, format_date, format_percent, words, Lang};
use crate::state::context::use_ctx;
use crate::state::loading::backend_resource;

/// Where the columns WeChat lacks can come from.
fn backend_pointer(lang: Lang) -> &'static str {
    lang.tr(
        "微信只统计各来源的打开次数;成本、新用户、订单、销售额和 ROI 请看商家自己的后台,或由后台按 docs/api.md 的 channels 格式提供。",
        "WeChat only counts sessions per source; cost, new users, orders, revenue and ROI live in your own backend, which can serve them in the channels shape of docs/api.md.",
    )
}

#[component]
pub fn WechatChannels() -> impl IntoView {
    let ctx = use_ctx();
    let data = backend_resource(
        ctx,
        |b| async move {
            crate::data::wechat::load(&b.config.rest)
                .await
                .map(Arc::new)
        },
        || Err(ApiError::Config("no backend".into())),
    );
    view! {
        <div role="tabpanel" aria-labelledby="ch-tab-compare" class="wechat-channels-page">
            <PeriodControls id_prefix="ch" />
            <DataView resource=data render={move |d: Arc<WechatData>| view! { <WechatChannelsView data=d /> }} />
        </div>
    }
}

#[component]
fn WechatChannelsView(data: Arc<WechatData>) -> impl IntoView {
    let ctx = use_ctx();
    let Some(as_of) = data.as_of() else {
        return view! { <NoWechatDays /> }.into_any();
    };
    let open: RwSignal<BTreeSet<&'static str>> = RwSignal::new(BTreeSet::new());
    let figures = Memo::new(move |_| {
        let period = ctx
            .url()
            .read(|params| PeriodQuery::from_params(params).period(as_of));
        channel_sessions(&data, period.start, period.end)
    });
    (move || {
        let lang = ctx.lang.get();
        let c = figures.get();
        view! {
            <p class="notice wechat-asof" role="status">
                {format!("{}{}", lang.tr("数据截至 ", "Data up to "), format_date(as_of, lang))}
                {lang.tr(
                    "(来源:微信小程序数据分析的访问来源,次日更新)",
                    " (source: the access sources of WeChat mini-program analytics, updated the next day)",
                )}
            </p>
            {errors(&c, lang)}
            {family_table(&c, open, lang)}
            {days(&c, lang)}
        }
    })
    .into_any()
}

fn errors(c: &ChannelSessions, lang: Lang) -> impl IntoView {
    let items: Vec<_> = c
        .errors()
        .map(|(day, e)| {
            view! {
                <li data-date=day.format("%Y-%m-%d").to_string()>
                    {format!("{}:", format_date(day, lang))}
                    {e.message(lang)}
                </li>
            }
        })
        .collect();
    (!items.is_empty()).then(|| {
        view! {
            <div class="notice notice-error wechat-errors" role="alert">
                <p>{lang.tr(
                    "以下日期的访问来源未能读取,其他日期照常计入:",
                    "The access sources of these days could not be read; the other days count as usual:",
                )}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}

fn family_table(
    c: &ChannelSessions,
    open: RwSignal<BTreeSet<&'static str>>,
    lang: Lang,
) -> impl IntoView {
    let not_provided = NOT_PROVIDED_COLUMNS.len();
    let body = if c.families.is_empty() {
        view! {
            <tbody>
                <tr><td colspan={3 + not_provided} class="muted">{lang.tr("所选时段没有访问来源数据。", "No access-source data in this period.")}</td></tr>
            </tbody>
        }
        .into_any()
    } else {
        c.families
            .iter()
            .map(|f| family_rows(f, open, lang))
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card channel-table wechat-channel-table" aria-labelledby="wx-ch-title">
            <h2 id="wx-ch-title">{lang.tr("各渠道打开次数(微信访问来源)", "Sessions per channel (WeChat access sources)")}</h2>
            <p class="muted small">{lang.tr(
                "访问次数 = 微信的打开次数(access_source_session_cnt);占比 = 该渠道 ÷ 本期有数据日期的合计。来源按海河的渠道分类归并,未公布的来源编号计入“其他来源”。",
                "Visits = WeChat's sessions (access_source_session_cnt); share = the channel ÷ the total of the period's days with data. Sources are grouped into Haihe's channel families; unpublished source ids count as “Other sources”.",
            )}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="wx-ch-title">
                <table class="ch-table">
                    <thead>
                        <tr>
                            <th scope="col">{lang.tr("渠道 / 访问来源", "Channel / access source")}</th>
                            <th scope="col" data-col="visits">{Column::Visits.label(lang)}</th>
                            <th scope="col" data-col="share">{lang.tr("占比", "Share")}</th>
                            {NOT_PROVIDED_COLUMNS
                                .iter()
                                .map(|col| view! { <th scope="col" data-col=col.id()>{col.label(lang)}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    {body}
                    <tfoot>
                        <tr class="wx-ch-total">
                            <th scope="row">{lang.tr("合计", "Total")}</th>
                            <td class="num">{format_count(c.total as f64, lang)}</td>
                            <td class="num">{if c.total > 0 { format_percent(Some(1.0)) } else { "—".into() }}</td>
                            <td colspan=not_provided></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="muted small wechat-ch-pointer">{backend_pointer(lang)}</p>
        </section>
    }
}

fn family_rows(
    f: &FamilySessions,
    open: RwSignal<BTreeSet<&'static str>>,
    lang: Lang,
) -> impl IntoView {
    let id = f.family.id();
    let expanded = move || open.with(|o| o.contains(id));
    let toggle = move |_| {
        open.update(|o| {
            if !o.remove(id) {
                o.insert(id);
            }
        })
    };
    let count = f.sources.len();
    let sources = f
        .sources
        .iter()
        .map(|s| {
            let name = match s.name {
                Some(name) => name.to_string(),
                None => format!(
                    "{} {}",
                    lang.tr("未公布的来源", "Unpublished source"),
                    s.key
                ),
            };
            view! {
                <tr class="ch-placement" data-source=s.key hidden=move || !expanded()>
                    <th scope="row" class="placement-name">{name}</th>
                    <td class="num">{format_count(s.sessions as f64, lang)}</td>
                    <td class="num"></td>
                    <td colspan=NOT_PROVIDED_COLUMNS.len()></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <tbody class="ch-group">
            <tr class="ch-family" data-family=id>
                <th scope="row">
                    <button type="button" class="fold-btn" aria-expanded=move || expanded().to_string() on:click=toggle>
                        <span aria-hidden="true" class="fold-mark">{move || if expanded() { "▾" } else { "▸" }}</span>
                        {f.family.label(lang)}
                        <span class="muted small">{match lang {
                            Lang::Zh => format!(" ({count} 个来源)"),
                            Lang::En => format!(" ({count} sources)"),
                        }}</span>
                    </button>
                </th>
                <td class="num" data-col="visits">{format_count(f.sessions as f64, lang)}</td>
                <td class="num" data-col="share">{format_percent(f.share)}</td>
                <td colspan=NOT_PROVIDED_COLUMNS.len() class="not-provided" title=backend_pointer(lang)>{not_provided_text(lang)}</td>
            </tr>
            {sources}
        </tbody>
    }
}

fn days(c: &ChannelSessions, lang: Lang) -> impl IntoView {
    let rows: Vec<_> = c
        .days
        .iter()
        .map(|(day, state)| {
            let (sessions, status) = match state {
                DayState::Sessions(n) => (format_count(*n as f64, lang), String::new()),
                DayState::Error(e) => ("—".to_string(), e.message(lang)),
                DayState::Missing => ("—".to_string(), lang.tr("无数据", "No data").to_string()),
            };
            view! {
                <tr data-date=day.format("%Y-%m-%d").to_string() class:gap=!matches!(state, DayState::Sessions(_))>
                    <th scope="row">{format_date(*day, lang)}</th>
                    <td class="num">{sessions}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect();
    view! {
        <section class="card wechat-ch-days" aria-labelledby="wx-ch-days">
            <h2 id="wx-ch-days">{lang.tr("每日访问来源文件", "Access sources by day")}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="wx-ch-days">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{words::date(lang)}</th>
                            <th scope="col">{Column::Visits.label(lang)}</th>
                            <th scope="col">{words::status(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
