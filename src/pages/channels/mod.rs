//! Promotion channels (`#/channels`, 推广渠道): where next month's budget
//! should go. Two tabs in the URL (`tab=compare`, the default, and
//! `tab=qr`); the comparison reads the monthly `channels` rows and the
//! editable `staff_time` assumptions, and keeps its whole view (period,
//! sort, cost basis, folded-out families) in the URL.

mod charts;
mod panels;
pub mod qr;
mod staff;
mod table;
mod wechat;

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::{DataView, PeriodControls};
use crate::data::error::ApiError;
use crate::data::outbox::overlay;
use crate::data::Backend;
use crate::domain::channels::model::{ChannelSpend, StaffTime};
use crate::domain::channels::qr::model::QrCode;
use crate::domain::channels::qr::print_cost::add_print_costs;
use crate::domain::channels::staff_time::CostBasis;
use crate::domain::channels::table::{
    build, comparison_months, months_ending, period_months, Column, GroupRow,
};
use crate::domain::shared::period::PeriodQuery;
use crate::state::context::use_ctx;
use crate::state::loading::{backend_resource, list_resource, ListResource};

/// What the comparison reads: the spend rows, sorted by month.
#[derive(Clone)]
pub struct Sources {
    /// With the QR codes' print cost added to the offline-QR rows.
    pub rows: Arc<Vec<ChannelSpend>>,
    /// Print cost (yuan) of codes whose placement or month has no row.
    pub unmatched_print_cost: f64,
    /// The last day with data: yesterday (rows arrive a day late).
    pub last_day: NaiveDate,
}

async fn load(backend: Backend) -> Result<Sources, ApiError> {
    let mut rows = backend.list::<ChannelSpend>().await?;
    rows.sort_by(|a, b| a.month.cmp(&b.month));
    // A backend without the QR registry (older shape) simply adds no print cost.
    let codes = backend.list::<QrCode>().await.unwrap_or_default();
    let unmatched_print_cost = add_print_costs(&mut rows, &codes);
    let last_day = crate::state::clock::last_data_day();
    Ok(Sources {
        rows: Arc::new(rows),
        unmatched_print_cost,
        last_day,
    })
}

#[component]
pub fn ChannelsPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Channels);
    let qr = Memo::new(move |_| ctx.url().get("tab").as_deref() == Some("qr"));
    let tab = move |id: &'static str, zh: &'static str, en: &'static str| {
        let selected = move || (id == "qr") == qr.get();
        view! {
            <button
                type="button"
                role="tab"
                class="seg-btn"
                id=format!("ch-tab-{id}")
                aria-selected=move || selected().to_string()
                on:click=move |_| {
                    if id == "compare" {
                        ctx.url().clear(["tab"]);
                    } else {
                        ctx.url().set("tab", id);
                    }
                }
            >
                {move || ctx.tr(zh, en)}
            </button>
        }
    };
    view! {
        <section class="page channels" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("推广渠道", "Promotion channels")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "免费筑基,付费加速:比较各渠道的成本、触达与回报。",
                    "Free channels lay the foundation, paid ones accelerate: compare every channel on cost, reach and return.",
                )}</p>
            </header>
            <div class="segmented channel-tabs" role="tablist" aria-label=move || ctx.tr("推广渠道视图", "Channel views")>
                {tab("compare", "渠道对比", "Channel comparison")}
                {tab("qr", "门店二维码", "Offline QR codes")}
            </div>
            <Show when=move || qr.get() fallback=move || view! {
                // Over WeChat's files the comparison is sessions per channel family.
                <Show when=move || crate::data::wechat::is_wechat(ctx.backend.get().as_ref()) fallback=|| view! { <Compare /> }>
                    <wechat::WechatChannels />
                </Show>
            }>
                <qr::QrRegistry />
            </Show>
        </section>
    }
}

#[component]
fn Compare() -> impl IntoView {
    let ctx = use_ctx();
    let sources = backend_resource(ctx, load, || Err(ApiError::Config("no backend".into())));
    let staff: ListResource<StaffTime> = list_resource::<StaffTime>(ctx);
    view! {
        <div role="tabpanel" aria-labelledby="ch-tab-compare">
            <PeriodControls id_prefix="ch" />
            <DataView resource=sources render={move |s: Sources| view! { <CompareView sources=s staff /> }} />
        </div>
    }
}

/// The view state of the comparison, from the URL.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub months: Vec<String>,
    pub previous_months: Vec<String>,
    pub basis: CostBasis,
    pub sort: Column,
    pub desc: bool,
}

#[component]
fn CompareView(sources: Sources, staff: ListResource<StaffTime>) -> impl IntoView {
    let ctx = use_ctx();
    let last_day = sources.last_day;
    let rows = sources.rows.clone();
    let rows_sv = StoredValue::new(rows.clone());
    // The assumptions as the user sees them: pending edits laid over the
    // server's rows, so a changed rate shows in the table at once.
    let staff_rows: Memo<Vec<StaffTime>> = Memo::new(move |_| {
        let server = staff.get().and_then(Result::ok).unwrap_or_default();
        ctx.outbox
            .with(|ob| overlay(&server, ob))
            .into_iter()
            .map(|s| s.item)
            .collect()
    });
    let view_state = Memo::new(move |_| {
        ctx.url().read(|params| {
            let q = PeriodQuery::from_params(params);
            let months = period_months(&q.period(last_day));
            let previous_months = comparison_months(&months, q.compare);
            let get = |k: &str| params.get(k).map(String::as_str).unwrap_or("");
            View {
                months,
                previous_months,
                basis: CostBasis::from_id(get("cost")).unwrap_or(CostBasis::MoneyOnly),
                sort: Column::from_id(get("sort")).unwrap_or(Column::NewUsers),
                desc: get("desc") != "0",
            }
        })
    });
    let groups: Memo<Vec<GroupRow>> = Memo::new(move |_| {
        let v = view_state.get();
        let staff = staff_rows.get();
        rows_sv.with_value(|rows| {
            let mut g = build(
                rows,
                &staff,
                &v.months,
                &v.previous_months,
                v.basis,
                last_day,
            );
            crate::domain::channels::table::sort(&mut g, v.sort, v.desc);
            g
        })
    });
    let last_month = last_day.format("%Y-%m").to_string();
    let trend_months = months_ending(&last_month, 13);
    let months_note = move || {
        let v = view_state.get();
        let (first, last) = (
            v.months.first().cloned().unwrap_or_default(),
            v.months.last().cloned().unwrap_or_default(),
        );
        let span = if first == last {
            first
        } else {
            format!("{first} – {last}")
        };
        match ctx.lang.get() {
            crate::i18n::Lang::Zh => format!("渠道数据按月汇总,本期统计 {span} 整月。"),
            crate::i18n::Lang::En => {
                format!("Channel data is monthly: this view counts the whole months {span}.")
            }
        }
    };
    let unmatched = sources.unmatched_print_cost;
    view! {
        <p class="muted small" data-testid="ch-months">{months_note}</p>
        <p class="muted small" data-testid="ch-print-cost">{move || {
            let lang = ctx.lang.get();
            let base = lang.tr(
                "门店二维码的印刷费按制作月份计入对应投放位的成本。",
                "The QR codes' print cost counts in their placement's cost in the month they were made.",
            );
            if unmatched > 0.0 {
                format!("{base}{}{}", lang.tr("另有印刷费 ", " A further "), crate::i18n::format_money(unmatched, lang))
                    + lang.tr(" 找不到对应的投放位或月份,未计入。", " found no placement or month and is not counted.")
            } else {
                base.to_string()
            }
        }}</p>
        <table::BasisToggle />
        <Show
            when=move || groups.with(|g| !g.is_empty())
            fallback=move || view! {
                <crate::components::EmptyState title=Signal::derive(move || ctx.tr("所选时段没有渠道数据。", "No channel data in this period.").to_string()) />
            }
        >
            <table::ChannelTable groups view_state />
        </Show>
        <panels::FreeVsPaid groups rows=rows.clone() months=trend_months.clone() />
        <panels::Insights groups rows=rows.clone() view_state />
        <charts::Charts groups rows=rows.clone() months=trend_months.clone() />
        <panels::WhatIf rows=rows.clone() last_day />
        <staff::StaffEditor staff rows=rows.clone() />
    }
}
