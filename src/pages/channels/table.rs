//! The channel table: one row per family, its placements folding out
//! beneath it, every column sortable (the sort lives in the URL), and the
//! money-only / money + staff time switch.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::View;
use crate::domain::channels::model::ChannelRef;
use crate::domain::channels::ratios::{CostPer, Figures, Return};
use crate::domain::channels::staff_time::CostBasis;
use crate::domain::channels::table::{total_new_users, Column, GroupRow};
use crate::domain::shared::ratio::change;
use crate::i18n::{format_change, format_count, format_money, format_percent, Lang};
use crate::state::context::use_ctx;

fn free(lang: Lang) -> String {
    lang.tr("免费", "free").to_string()
}

fn not_available(lang: Lang) -> String {
    lang.tr("不可用", "n/a").to_string()
}

/// One cell's text. Zero cost reads "free", nothing bought "—", a missing
/// quality figure (older backends) "n/a"; never ∞ or NaN.
pub fn cell(col: Column, f: &Figures, previous: &Figures, total: u64, lang: Lang) -> String {
    let cost_per = |c: CostPer| match c {
        CostPer::Yuan(v) => format_money(v, lang),
        CostPer::Free => free(lang),
        CostPer::NotAvailable => "—".to_string(),
    };
    let quality = |v: Option<f64>| {
        if f.quality_users == 0 && f.new_users > 0 {
            not_available(lang)
        } else {
            format_percent(v)
        }
    };
    match col {
        Column::Cost if f.cost <= 0.0 => free(lang),
        Column::Cost => format_money(f.cost, lang),
        Column::Reach => format_count(f.reach as f64, lang),
        Column::Clicks => format_count(f.clicks as f64, lang),
        Column::Ctr => format_percent(f.ctr()),
        Column::Visits => format_count(f.visits as f64, lang),
        Column::NewUsers => format_count(f.new_users as f64, lang),
        Column::Orders => format_count(f.orders as f64, lang),
        Column::Conversion => format_percent(f.conversion()),
        Column::Revenue => format_money(f.revenue, lang),
        Column::Cpa => cost_per(f.cpa()),
        Column::CostPerOrder => cost_per(f.cost_per_order()),
        Column::Roas => match f.roas() {
            Return::Times(v) => format!("{v:.2}×"),
            Return::Free => free(lang),
        },
        Column::Roi => match f.roi() {
            Return::Times(v) => format_percent(Some(v)),
            Return::Free => free(lang),
        },
        Column::Share => format_percent(f.share_of_new_users(total)),
        Column::Change => format_change(change(
            Some(f.new_users as f64),
            Some(previous.new_users as f64),
        )),
        Column::Repeat => quality(f.repeat_rate()),
        Column::ReturnD7 => quality(f.return_d7()),
        Column::ReturnD30 => quality(f.return_d30()),
    }
}

#[component]
pub fn BasisToggle() -> impl IntoView {
    let ctx = use_ctx();
    let basis = move || {
        ctx.url()
            .get("cost")
            .and_then(|c| CostBasis::from_id(&c))
            .unwrap_or(CostBasis::MoneyOnly)
    };
    view! {
        <div class="segmented cost-basis" role="group" aria-label=move || ctx.tr("成本口径", "Cost basis")>
            {CostBasis::ALL.iter().map(|&b| view! {
                <button
                    type="button"
                    class="seg-btn"
                    data-basis=b.id()
                    aria-pressed=move || (basis() == b).to_string()
                    on:click=move |_| {
                        if b == CostBasis::MoneyOnly {
                            ctx.url().clear(["cost"]);
                        } else {
                            ctx.url().set("cost", b.id());
                        }
                    }
                >{move || b.label(ctx.lang.get())}</button>
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn ChannelTable(groups: Memo<Vec<GroupRow>>, view_state: Memo<View>) -> impl IntoView {
    let ctx = use_ctx();
    let open: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let header = move |col: Column| {
        let aria = move || {
            let v = view_state.get();
            match (v.sort == col, v.desc) {
                (true, true) => "descending",
                (true, false) => "ascending",
                _ => "none",
            }
        };
        view! {
            <th scope="col" aria-sort=aria data-col=col.id()>
                <button type="button" class="sort-btn" on:click=move |_| {
                    let v = view_state.get_untracked();
                    let flip = v.sort == col && v.desc;
                    ctx.url().set_many(&[("sort", col.id()), ("desc", if flip { "0" } else { "" })]);
                }>{move || col.label(ctx.lang.get())}</button>
            </th>
        }
    };
    let cells = move |f: Figures, previous: Figures, total: u64| {
        Column::ALL
            .iter()
            .map(|&col| {
                view! { <td class="num" data-col=col.id()>{move || cell(col, &f, &previous, total, ctx.lang.get())}</td> }
            })
            .collect_view()
    };
    let body = move || {
        let groups = groups.get();
        let total = total_new_users(&groups);
        groups
            .into_iter()
            .map(|g| {
                let id = g.channel.id().to_string();
                let channel: ChannelRef = g.channel.clone();
                let unknown = channel.known().is_none();
                let key = id.clone();
                let expanded = Memo::new(move |_| open.with(|o| o.contains(&key)));
                let key = id.clone();
                let toggle = move |_| {
                    open.update(|o| {
                        if !o.remove(&key) {
                            o.insert(key.clone());
                        }
                    })
                };
                let label = channel.clone();
                let placements = g.placements.clone();
                let count = placements.len();
                let head = view! {
                    <tr class="ch-family" class:unknown=unknown data-channel=id.clone()>
                        <th scope="row">
                            <button
                                type="button"
                                class="fold-btn"
                                aria-expanded=move || expanded.get().to_string()
                                on:click=toggle
                            >
                                <span aria-hidden="true" class="fold-mark">{move || if expanded.get() { "▾" } else { "▸" }}</span>
                                {move || label.label(ctx.lang.get())}
                                <span class="muted small">{move || match ctx.lang.get() {
                                    Lang::Zh => format!(" ({count} 个投放位)"),
                                    Lang::En => format!(" ({count} placements)"),
                                }}</span>
                            </button>
                        </th>
                        {cells(g.figures, g.previous, total)}
                    </tr>
                };
                let rows = placements
                    .into_iter()
                    .map(|p| {
                        view! {
                            <tr class="ch-placement" data-placement=p.placement.clone() hidden=move || !expanded.get()>
                                <th scope="row" class="placement-name">{p.placement.clone()}</th>
                                {cells(p.figures, p.previous, total)}
                            </tr>
                        }
                    })
                    .collect_view();
                view! { <tbody class="ch-group">{head}{rows}</tbody> }
            })
            .collect_view()
    };
    view! {
        <section class="card channel-table" aria-labelledby="ch-table-title">
            <h2 id="ch-table-title">{move || ctx.tr("渠道对比", "Channel comparison")}</h2>
            <p class="muted small">{move || ctx.tr(
                "点击率 = 点击 ÷ 触达人数;转化率 = 订单 ÷ 访问;获客成本 = 成本 ÷ 新用户;ROAS = 销售额 ÷ 成本;ROI = (销售额 − 成本) ÷ 成本。成本为零显示“免费”,没有成交显示“—”。",
                "CTR = clicks ÷ reach; conversion = orders ÷ visits; CPA = cost ÷ new users; ROAS = revenue ÷ cost; ROI = (revenue − cost) ÷ cost. Zero cost shows “free”, nothing bought “—”.",
            )}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="ch-table-title">
                <table class="ch-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || ctx.tr("渠道 / 投放位", "Channel / placement")}</th>
                            {Column::ALL.iter().map(|&c| header(c)).collect_view()}
                        </tr>
                    </thead>
                    {body}
                </table>
            </div>
        </section>
    }
}
