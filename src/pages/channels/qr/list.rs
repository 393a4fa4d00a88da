//! The registry's table: one row per code with its results over the period,
//! camera scans against forwarded images, print cost and the stale flag;
//! then the codes the results name but the registry lacks, and the print
//! cost per placement against the new users its codes brought.

use std::sync::Arc;

use leptos::prelude::*;

use super::last_day;
use crate::data::outbox::Shown;
use crate::domain::channels::qr::model::{QrCode, QrResult, QrStatus};
use crate::domain::channels::qr::{
    placement_summaries, registry, stale_message, stores, Registry, STALE_DAYS,
};
use crate::domain::shared::period::{Period, PeriodQuery};
use crate::i18n::{format_count, format_date, format_money, format_percent, words, Lang};
use crate::state::context::use_ctx;

#[component]
pub fn CodeTable(
    shown: Memo<Vec<Shown<QrCode>>>,
    items: Memo<Vec<QrCode>>,
    rows: Signal<Arc<Vec<QrResult>>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let query = Memo::new(move |_| ctx.url().read(PeriodQuery::from_params));
    let figures = Memo::new(move |_| {
        let results = rows.get();
        let as_of = last_day(&results);
        let period = query.get().period(as_of);
        let reg = items.with(|codes| registry(codes, &results, &period, as_of));
        (reg, period)
    });
    let reg = Memo::new(move |_| figures.with(|(r, _)| r.clone()));
    let period = Memo::new(move |_| figures.with(|(_, p)| *p));
    let store_choice = RwSignal::new(String::new());
    let store_list = Memo::new(move |_| items.with(|c| stores(c)));
    let pending =
        move |id: &str| shown.with(|s| s.iter().any(|s| s.item.id == id && s.pending.is_some()));
    view! {
        <div class="cal-toolbar qr-toolbar">
            <button type="button" class="btn btn-primary" on:click=move |_| ctx.url().set("code", "new")>
                {move || ctx.tr("新建二维码", "New QR code")}
            </button>
            <label class="field field-inline" for="qr-store-pick">
                <span class="field-label">{move || ctx.tr("门店", "Store")}</span>
                <select id="qr-store-pick" on:change=move |ev| store_choice.set(event_target_value(&ev))>
                    {move || store_list.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="btn" data-testid="qr-open-sheet" on:click=move |_| {
                let chosen = store_choice.get_untracked();
                let store = if chosen.is_empty() { store_list.with_untracked(|s| s.first().cloned()).unwrap_or_default() } else { chosen };
                if !store.is_empty() {
                    ctx.url().set("store", &store);
                }
            }>{move || ctx.tr("门店打印物料", "Store print sheet")}</button>
        </div>
        <Summary reg period />
        <div class="table-scroll card">
            <table class="qr-table">
                <caption class="sr-only">{move || ctx.tr("门店二维码及其效果", "QR codes and their results")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || ctx.tr("编号", "ID")}</th>
                        <th scope="col">{move || ctx.tr("门店", "Store")}</th>
                        <th scope="col">{move || ctx.tr("类型", "Type")}</th>
                        <th scope="col">{move || ctx.tr("投放位", "Placement")}</th>
                        <th scope="col">"scene"</th>
                        <th scope="col" class="num">{move || ctx.tr("访问次数", "Visit count")}</th>
                        <th scope="col" class="num">{move || ctx.tr("扫码", "Camera scans")}</th>
                        <th scope="col" class="num">{move || ctx.tr("转发图片", "Forwarded image")}</th>
                        <th scope="col" class="num">{move || ctx.tr("新用户", "New users")}</th>
                        <th scope="col" class="num">{move || ctx.tr("订单数", "Order count")}</th>
                        <th scope="col" class="num">{move || ctx.tr("销售额", "Revenue")}</th>
                        <th scope="col" class="num">{move || ctx.tr("印制成本", "Print cost")}</th>
                        <th scope="col">{move || words::status(ctx.lang.get())}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = ctx.lang.get();
                        reg.get().rows.into_iter().map(|r| {
                            let c = r.code;
                            let t = r.totals;
                            let id = c.id.clone();
                            let open = c.id.clone();
                            let is_pending = pending(&c.id);
                            let label = match lang {
                                Lang::Zh => format!("编辑 {}", c.id),
                                Lang::En => format!("Edit {}", c.id),
                            };
                            let share = t.forwarded_share().map(|s| format!(" ({})", format_percent(Some(s)))).unwrap_or_default();
                            view! {
                                <tr data-id=id class:qr-retired=c.status == QrStatus::Retired>
                                    <th scope="row">
                                        <button type="button" class="link-btn" aria-label=label on:click=move |_| ctx.url().set("code", &open)>{c.id.clone()}</button>
                                        {is_pending.then(|| view! { <span class="muted small">{lang.tr(" 未同步", " unsynced")}</span> })}
                                    </th>
                                    <td>{c.store.clone()}<span class="muted small">{format!(" {}", c.district.label(lang))}</span></td>
                                    <td>{c.kind.label(lang)}</td>
                                    <td>{c.placement.clone()}</td>
                                    <td><code>{c.scene.clone()}</code></td>
                                    <td class="num" data-col="visits">{format_count(t.visits as f64, lang)}</td>
                                    <td class="num" data-col="camera">{format_count(t.camera as f64, lang)}</td>
                                    <td class="num" data-col="forwarded">{format_count(t.forwarded as f64, lang)}{share}</td>
                                    <td class="num">{format_count(t.new_users as f64, lang)}</td>
                                    <td class="num">{format_count(t.orders as f64, lang)}</td>
                                    <td class="num">{format_money(t.revenue, lang)}</td>
                                    <td class="num">{format_money(c.print_cost, lang)}</td>
                                    <td data-col="status">
                                        {c.status.label(lang)}
                                        {r.stale.then(|| {
                                            let since = r.last_visit.map(|d| format_date(d, lang));
                                            let detail = match (lang, since) {
                                                (Lang::Zh, Some(d)) => format!("最后访问 {d}"),
                                                (Lang::Zh, None) => format!("{STALE_DAYS} 天以上无访问"),
                                                (Lang::En, Some(d)) => format!("last visit {d}"),
                                                (Lang::En, None) => format!("no visit for {STALE_DAYS}+ days"),
                                            };
                                            view! {
                                                <p class="qr-stale" data-testid="qr-stale">
                                                    <strong>{stale_message(lang)}</strong>
                                                    <span class="small">{format!(" ({detail})")}</span>
                                                </p>
                                            }
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <Unknown reg />
        <Placements reg period />
    }
}

/// The totals line over the table.
#[component]
fn Summary(reg: Memo<Registry>, period: Memo<Period>) -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let lang = ctx.lang.get();
        let r = reg.get();
        let p = period.get();
        let active = r
            .rows
            .iter()
            .filter(|r| r.code.status == QrStatus::Active)
            .count();
        let stale = r.rows.iter().filter(|r| r.stale).count();
        let visits: u64 = r.rows.iter().map(|r| r.totals.visits).sum();
        let camera: u64 = r.rows.iter().map(|r| r.totals.camera).sum();
        let forwarded: u64 = r.rows.iter().map(|r| r.totals.forwarded).sum();
        let share =
            crate::domain::shared::ratio::ratio(forwarded as f64, (camera + forwarded) as f64);
        let range = format!(
            "{} – {}",
            format_date(p.start, lang),
            format_date(p.end, lang)
        );
        let text = match lang {
            Lang::Zh => format!(
                "{range}:{} 个二维码(使用中 {active} 个),访问 {},其中扫码 {}、转发图片 {}(转发占 {});{stale} 个超过 {STALE_DAYS} 天无访问。",
                r.rows.len(), format_count(visits as f64, lang), format_count(camera as f64, lang),
                format_count(forwarded as f64, lang), format_percent(share)
            ),
            Lang::En => format!(
                "{range}: {} QR codes ({active} active), {} visits: {} camera scans, {} from forwarded images ({} forwarded); {stale} without a visit for {STALE_DAYS} days.",
                r.rows.len(), format_count(visits as f64, lang), format_count(camera as f64, lang),
                format_count(forwarded as f64, lang), format_percent(share)
            ),
        };
        view! { <p class="qr-summary" data-testid="qr-summary">{text}</p> }
    }
}

/// Results naming codes the registry does not have: listed, not dropped.
#[component]
fn Unknown(reg: Memo<Registry>) -> impl IntoView {
    let ctx = use_ctx();
    move || {
        let unknown = reg.get().unknown;
        (!unknown.is_empty()).then(|| {
            let lang = ctx.lang.get();
            view! {
                <div class="notice notice-warn" role="status" data-testid="qr-unknown">
                    <p><strong>{lang.tr("未登记的二维码:", "Codes not in the registry: ")}</strong>{lang.tr(
                        "以下编号有访问数据,但台账中没有这个码(可能已被删除,或后台编号有误)。",
                        "these ids have visits but no code in the registry (deleted, or a wrong id in the backend).",
                    )}</p>
                    <ul>
                        {unknown.into_iter().map(|u| {
                            let last = u.last_visit.map(|d| format_date(d, lang)).unwrap_or_else(|| "—".into());
                            let text = match lang {
                                Lang::Zh => format!("本期访问 {},最后访问 {last}", format_count(u.totals.visits as f64, lang)),
                                Lang::En => format!("{} visits in the period, last visit {last}", format_count(u.totals.visits as f64, lang)),
                            };
                            view! { <li><code>{u.code_id}</code>" "{text}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Print cost per placement (codes printed in the period) against the new
/// users all its codes brought in the period.
#[component]
fn Placements(reg: Memo<Registry>, period: Memo<Period>) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="card qr-placements" aria-labelledby="qr-placements-title">
            <h3 id="qr-placements-title">{move || ctx.tr("各投放位的印制成本", "Print cost per placement")}</h3>
            <p class="muted small">{move || ctx.tr(
                "印制成本按二维码的创建日期计入当期,并计入推广渠道表中同一投放位的成本。",
                "A code's print cost counts in the period it was created, and in the same placement's cost in the channel table.",
            )}</p>
            <div class="table-scroll">
                <table class="qr-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || words::channel(ctx.lang.get())}</th>
                            <th scope="col">{move || ctx.tr("投放位", "Placement")}</th>
                            <th scope="col" class="num">{move || ctx.tr("印制成本", "Print cost")}</th>
                            <th scope="col" class="num">{move || ctx.tr("新用户", "New users")}</th>
                            <th scope="col" class="num">{move || ctx.tr("新用户获取成本", "Cost per new user")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = ctx.lang.get();
                            let p = period.get();
                            reg.with(|r| placement_summaries(r, &p)).into_iter().map(|s| {
                                let cpa = s.cost_per_new_user().map(|v| format_money(v, lang)).unwrap_or_else(|| "—".into());
                                view! {
                                    <tr data-placement=s.placement.clone()>
                                        <td>{s.channel.label(lang)}</td>
                                        <th scope="row">{s.placement.clone()}</th>
                                        <td class="num">{format_money(s.print_cost, lang)}</td>
                                        <td class="num">{format_count(s.totals.new_users as f64, lang)}</td>
                                        <td class="num">{cpa}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
