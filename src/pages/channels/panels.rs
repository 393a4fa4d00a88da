//! Beside the table: free against paid placements, the findings in words,
//! and the budget what-if (a planning aid, and it says so).

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::table::cell;
use super::View;
use crate::components::Chart;
use crate::domain::channels::insights::{cpa_rises, spend_without_orders};
use crate::domain::channels::model::ChannelSpend;
use crate::domain::channels::ratios::{by_channel, by_placement, Figures};
use crate::domain::channels::table::{
    free_share_by_month, free_vs_paid, last_whole_month, total_new_users, Column, GroupRow,
};
use crate::domain::channels::what_if::{assumption, transfer, WhatIfError};
use crate::domain::cockpit::dimensions::Channel;
use crate::domain::shared::ratio::change;
use crate::i18n::{format_change, format_count, format_money, format_percent, Lang};
use crate::state::context::use_ctx;

#[component]
pub fn FreeVsPaid(
    groups: Memo<Vec<GroupRow>>,
    rows: Arc<Vec<ChannelSpend>>,
    months: Vec<String>,
) -> impl IntoView {
    let ctx = use_ctx();
    let split = Memo::new(move |_| groups.with(|g| free_vs_paid(g)));
    let total = Memo::new(move |_| groups.with(|g| total_new_users(g)));
    let side = move |paid: bool| {
        let (zh, en, class) = if paid {
            ("付费投放", "Paid placements", "fvp-paid")
        } else {
            ("免费投放", "Free placements", "fvp-free")
        };
        let fig = move || {
            let s = split.get();
            if paid {
                s.paid
            } else {
                s.free
            }
        };
        let none = Figures::default();
        view! {
            <div class=format!("fvp-side {class}")>
                <h3>{move || ctx.tr(zh, en)}</h3>
                <dl class="fvp-figures">
                    <dt>{move || ctx.tr("新客占比", "Share of new users")}</dt>
                    <dd data-col="share">{move || cell(Column::Share, &fig(), &none, total.get(), ctx.lang.get())}</dd>
                    <dt>{move || ctx.tr("新用户", "New users")}</dt>
                    <dd data-col="new_users">{move || cell(Column::NewUsers, &fig(), &none, total.get(), ctx.lang.get())}</dd>
                    <dt>{move || ctx.tr("获客成本", "CPA")}</dt>
                    <dd data-col="cpa">{move || cell(Column::Cpa, &fig(), &none, total.get(), ctx.lang.get())}</dd>
                    <dt>{move || ctx.tr("30日回访", "Day-30 return")}</dt>
                    <dd data-col="d30">{move || cell(Column::ReturnD30, &fig(), &none, total.get(), ctx.lang.get())}</dd>
                </dl>
            </div>
        }
    };
    let shares = free_share_by_month(&rows, &months);
    let shares = StoredValue::new(shares);
    let option = move || {
        use charming::component::{Axis, Grid};
        use charming::element::{AxisType, Tooltip, Trigger};
        use charming::series::Line;
        let lang = ctx.lang.get();
        shares.with_value(|s| {
            let labels: Vec<String> = s.iter().map(|(m, _)| m.clone()).collect();
            let free: Vec<charming::datatype::DataPoint> = s
                .iter()
                .map(|(_, v)| match v {
                    Some(v) => ((v * 1000.0).round() / 10.0).into(),
                    None => "-".into(),
                })
                .collect();
            let paid: Vec<charming::datatype::DataPoint> = s
                .iter()
                .map(|(_, v)| match v {
                    Some(v) => (((1.0 - v) * 1000.0).round() / 10.0).into(),
                    None => "-".into(),
                })
                .collect();
            charming::Chart::new()
                .tooltip(Tooltip::new().trigger(Trigger::Axis))
                .legend(charming::component::Legend::new().top(0))
                .grid(Grid::new().left(48).right(16).top(32).bottom(32))
                .x_axis(Axis::new().type_(AxisType::Category).data(labels))
                .y_axis(Axis::new().type_(AxisType::Value).name("%").max(100))
                .series(
                    Line::new()
                        .name(lang.tr("免费投放", "Free placements"))
                        .data(free),
                )
                .series(
                    Line::new()
                        .name(lang.tr("付费投放", "Paid placements"))
                        .data(paid),
                )
        })
    };
    view! {
        <section class="card free-vs-paid" aria-labelledby="fvp-title">
            <h2 id="fvp-title">{move || ctx.tr("免费与付费", "Free and paid")}</h2>
            <p class="muted small">{move || ctx.tr(
                "按本期是否花钱区分投放位;选择“现金加人工时间”时,免费投放位的人工时间也计入获客成本。",
                "Placements are split by whether money was spent in the period; with “money + staff time” the free placements' staff time counts in their CPA.",
            )}</p>
            <div class="fvp-grid">{side(false)}{side(true)}</div>
            <Chart
                option
                label=Signal::derive(move || ctx.tr("近13个月免费与付费投放带来的新客占比", "Share of new users from free and paid placements over the last 13 months").to_string())
                height=240
            />
        </section>
    }
}

fn channel_name(c: &crate::domain::channels::model::ChannelRef, lang: Lang) -> String {
    c.label(lang)
}

/// The findings, in the user's language.
fn findings(groups: &[GroupRow], rows: &[ChannelSpend], view: &View, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    // The cheapest placement against the dearest, by cost per new user.
    let mut priced: Vec<(String, f64, &crate::domain::channels::table::PlacementRow)> = groups
        .iter()
        .flat_map(|g| g.placements.iter())
        .filter(|p| p.figures.new_users >= 10)
        .filter_map(|p| Some((p.placement.clone(), p.figures.cpa().yuan()?, p)))
        .collect();
    priced.sort_by(|a, b| a.1.total_cmp(&b.1));
    if let (Some(cheap), Some(dear)) = (priced.first(), priced.last()) {
        if dear.1 > cheap.1 * 1.5 {
            let share = format_percent(Some(cheap.1 / dear.1));
            let users_change = change(
                Some(cheap.2.figures.new_users as f64),
                Some(cheap.2.previous.new_users as f64),
            );
            let trend = match (users_change, lang) {
                (Some(c), Lang::Zh) if c < 0.0 => {
                    format!(",但新客量比对比期下降 {}", format_percent(Some(-c)))
                }
                (Some(c), Lang::Zh) => format!(",新客量比对比期 {}", format_change(Some(c))),
                (Some(c), Lang::En) if c < 0.0 => format!(
                    ", but its new users fell {} against the comparison",
                    format_percent(Some(-c))
                ),
                (Some(c), Lang::En) => format!(
                    "; new users {} against the comparison",
                    format_change(Some(c))
                ),
                (None, _) => String::new(),
            };
            out.push(match lang {
                Lang::Zh => format!(
                    "{}的获客成本为 {},仅为{}({})的 {}{trend}。",
                    cheap.0,
                    format_money(cheap.1, lang),
                    dear.0,
                    format_money(dear.1, lang),
                    share
                ),
                Lang::En => format!(
                    "{} costs {} per new user, {} of {} ({}){trend}.",
                    cheap.0,
                    format_money(cheap.1, lang),
                    share,
                    dear.0,
                    format_money(dear.1, lang)
                ),
            });
        }
    }
    if let Some(month) = view.months.last() {
        for r in cpa_rises(rows, month).into_iter().take(3) {
            out.push(match lang {
                Lang::Zh => format!(
                    "{} · {} {} 的获客成本 {},比前三个月的中位数 {} 高 {}。",
                    channel_name(&r.channel, lang),
                    r.placement,
                    r.month,
                    format_money(r.cpa, lang),
                    format_money(r.baseline_median, lang),
                    format_percent(Some(r.rise))
                ),
                Lang::En => format!(
                    "{} · {} in {}: CPA {}, {} above the median of the three months before ({}).",
                    channel_name(&r.channel, lang),
                    r.placement,
                    r.month,
                    format_money(r.cpa, lang),
                    format_percent(Some(r.rise)),
                    format_money(r.baseline_median, lang)
                ),
            });
        }
    }
    let plain: Vec<crate::domain::channels::ratios::ChannelGroup> =
        by_channel(rows.iter().filter(|r| view.months.contains(&r.month)));
    for s in spend_without_orders(&plain) {
        out.push(match lang {
            Lang::Zh => format!(
                "{}本期花费 {},没有带来一笔订单。",
                channel_name(&s.channel, lang),
                format_money(s.cost, lang)
            ),
            Lang::En => format!(
                "{} spent {} in the period and brought no order.",
                channel_name(&s.channel, lang),
                format_money(s.cost, lang)
            ),
        });
    }
    out
}

#[component]
pub fn Insights(
    groups: Memo<Vec<GroupRow>>,
    rows: Arc<Vec<ChannelSpend>>,
    view_state: Memo<View>,
) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    let notes = Memo::new(move |_| {
        let lang = ctx.lang.get();
        let v = view_state.get();
        groups.with(|g| rows.with_value(|r| findings(g, r, &v, lang)))
    });
    view! {
        <section class="card insights" aria-labelledby="ch-insights-title">
            <h2 id="ch-insights-title">{move || ctx.tr("数据洞察", "Insights")}</h2>
            <Show
                when=move || notes.with(|n| !n.is_empty())
                fallback=move || view! { <p class="muted">{move || ctx.tr("本期没有值得注意的变化。", "Nothing notable in this period.")}</p> }
            >
                <ul class="insight-list" data-testid="ch-insights">
                    {move || notes.get().into_iter().map(|n| view! { <li class="insight">{n}</li> }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
pub fn WhatIf(rows: Arc<Vec<ChannelSpend>>, last_day: NaiveDate) -> impl IntoView {
    let ctx = use_ctx();
    let month = last_whole_month(last_day);
    let recent = by_placement(rows.iter().filter(|r| r.month == month));
    let channels: Vec<Channel> = Channel::ALL
        .iter()
        .copied()
        .filter(|c| recent.iter().any(|p| p.channel == *c))
        .collect();
    let first_paid = channels
        .iter()
        .copied()
        .find(|c| *c == Channel::PaidAds)
        .or_else(|| channels.first().copied());
    let first_other = channels.iter().copied().find(|c| Some(*c) != first_paid);
    let from = RwSignal::new(first_paid.map(|c| c.id().to_string()).unwrap_or_default());
    let to = RwSignal::new(first_other.map(|c| c.id().to_string()).unwrap_or_default());
    let amount = RwSignal::new(String::new());
    let recent = StoredValue::new(recent);
    let channels = StoredValue::new(channels);
    let result = move || {
        let lang = ctx.lang.get();
        let (Some(f), Some(t)) = (Channel::from_id(&from.get()), Channel::from_id(&to.get()))
        else {
            return view! { <p class="muted">{lang.tr("请选择两个渠道。", "Choose two channels.")}</p> }.into_any();
        };
        let text = amount.get();
        if text.trim().is_empty() {
            return view! { <p class="muted">{lang.tr("输入要转移的金额。", "Enter an amount to move.")}</p> }.into_any();
        }
        let value: f64 = text.trim().parse().unwrap_or(f64::NAN);
        match recent.with_value(|r| transfer(r, f, t, value)) {
            Err(e) => {
                let msg = match e {
                    WhatIfError::SameChannel => lang.tr("转出与转入渠道相同。", "The two channels are the same.").to_string(),
                    WhatIfError::InvalidAmount => lang.tr("请输入非负金额。", "Enter a non-negative amount.").to_string(),
                    WhatIfError::ExceedsBudget { available } => match lang {
                        Lang::Zh => format!("超过该渠道近期花费 {}。", format_money(available, lang)),
                        Lang::En => format!("More than the channel spent recently ({}).", format_money(available, lang)),
                    },
                    WhatIfError::NoSpendToScale => lang.tr("转入渠道近期没有花费,无从推算。", "The receiving channel spent nothing recently: there is nothing to scale from.").to_string(),
                };
                view! { <p class="notice notice-error" data-testid="wi-error">{msg}</p> }.into_any()
            }
            Ok(p) => {
                let line = |c: &crate::domain::channels::what_if::ChannelProjection| {
                    let name = c.channel.label(lang);
                    match lang {
                        Lang::Zh => format!(
                            "{name}:花费 {} → {},新用户 {} → {},订单 {} → {}",
                            format_money(c.spend_before, lang),
                            format_money(c.spend_after, lang),
                            format_count(c.new_users_before, lang),
                            format_count(c.new_users_after, lang),
                            format_count(c.orders_before, lang),
                            format_count(c.orders_after, lang)
                        ),
                        Lang::En => format!(
                            "{name}: spend {} → {}, new users {} → {}, orders {} → {}",
                            format_money(c.spend_before, lang),
                            format_money(c.spend_after, lang),
                            format_count(c.new_users_before, lang),
                            format_count(c.new_users_after, lang),
                            format_count(c.orders_before, lang),
                            format_count(c.orders_after, lang)
                        ),
                    }
                };
                let net = |v: f64| {
                    format!(
                        "{}{}",
                        if v >= 0.0 { "+" } else { "" },
                        format_count(v, lang)
                    )
                };
                view! {
                    <ul class="what-if-result" data-testid="wi-result">
                        <li>{line(&p.from)}</li>
                        <li>{line(&p.to)}</li>
                        <li class="what-if-net" data-testid="wi-net">
                            {match lang {
                                Lang::Zh => format!("合计:新用户 {},订单 {}", net(p.new_users_change), net(p.orders_change)),
                                Lang::En => format!("Net: new users {}, orders {}", net(p.new_users_change), net(p.orders_change)),
                            }}
                        </li>
                    </ul>
                }
                .into_any()
            }
        }
    };
    let select = move |id: &'static str,
                       zh: &'static str,
                       en: &'static str,
                       value: RwSignal<String>| {
        view! {
            <label class="field" for=id>
                <span class="field-label">{move || ctx.tr(zh, en)}</span>
                <select id=id prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    {move || channels.with_value(|cs| cs.iter().map(|c| {
                        let c = *c;
                        view! { <option value=c.id() selected=move || value.get() == c.id()>{move || c.label(ctx.lang.get())}</option> }
                    }).collect_view())}
                </select>
            </label>
        }
    };
    let month_label = month.clone();
    view! {
        <section class="card what-if" aria-labelledby="wi-title">
            <h2 id="wi-title">{move || ctx.tr("预算推演", "Budget what-if")}</h2>
            <p class="notice" data-testid="wi-assumption">
                <strong>{move || ctx.tr("规划参考", "Planning aid")}</strong>" "
                {move || assumption(ctx.lang.get())}
                {move || match ctx.lang.get() {
                    Lang::Zh => format!(" 近期数据取 {month_label} 整月。"),
                    Lang::En => format!(" Recent figures are those of {month_label}."),
                }}
            </p>
            <form class="what-if-form" on:submit=|ev| ev.prevent_default()>
                {select("ch-wi-from", "转出渠道", "Move from", from)}
                {select("ch-wi-to", "转入渠道", "Move to", to)}
                <label class="field" for="ch-wi-amount">
                    <span class="field-label">{move || ctx.tr("金额(元)", "Amount (¥)")}</span>
                    <input id="ch-wi-amount" type="number" min="0" step="any" inputmode="decimal"
                        prop:value=move || amount.get()
                        on:input=move |ev| amount.set(event_target_value(&ev)) />
                </label>
            </form>
            <div aria-live="polite">{result}</div>
        </section>
    }
}
