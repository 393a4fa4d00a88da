//! The campaign planner (活动策划): plan campaigns from templates, see them on
//! a timeline with holidays behind them and overlaps pointed out, review each
//! one afterwards (复盘), and compare ROI so the next plan starts from evidence.

mod bar_drag;
mod editor;
mod timeline;

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{keep_optional, Chart, DataView, Missing, PartialNotice};
use crate::data::outbox::overlay;
use crate::data::resource::Resource;
use crate::domain::calendar::model::LocalEvent;
use crate::domain::campaigns::model::{Campaign, CampaignStatus};
use crate::domain::campaigns::{
    derive_actuals, overlaps, sort_campaigns, CampaignSort, FactsByDate, ReviewFigures,
    MAX_OVERLAP_PAIRS,
};
use crate::domain::cockpit::model::MetricFact;
use crate::domain::shared::ratio::ratio;
use crate::i18n::words;
use crate::i18n::{format_count, format_money, format_percent, Lang};
use crate::state::context::use_ctx;
use crate::state::loading::{backend_resource, list_resource, ListResource};
use timeline::Timeline;

/// Overlapping pairs named in the notice; the rest are counted.
const SHOWN_OVERLAPS: usize = 20;

pub(crate) use crate::state::clock::today;

/// Review figures, using the baseline window when the actuals were derived
/// from the metric facts (so only the uplift counts as attributable).
pub(crate) fn figures(c: &Campaign, facts: &FactsByDate) -> Option<ReviewFigures> {
    let review = c.review.as_ref()?;
    let d = derive_actuals(c, facts);
    let has_data = d.baseline.visits > 0 || d.campaign.visits > 0;
    let mut f = ReviewFigures::compute(
        &review.actual,
        review.cost,
        (review.derived && has_data).then_some(&d.baseline),
        has_data.then_some(&d.campaign),
    );
    if !has_data {
        f.lift = None;
    } else if !review.derived {
        f.lift = ratio(d.campaign.revenue - d.baseline.revenue, d.baseline.revenue);
    }
    Some(f)
}

#[derive(Clone, Default)]
pub struct Context {
    pub facts: Arc<FactsByDate>,
    pub events: Arc<Vec<LocalEvent>>,
    /// Optional collections that failed (shown by PartialNotice).
    pub missing: Missing,
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Campaigns);
    let campaigns: ListResource<Campaign> = list_resource::<Campaign>(ctx);
    let extras = backend_resource(
        ctx,
        |b| async move {
            let (f, e) = futures::join!(b.list::<MetricFact>(), b.list::<LocalEvent>());
            let mut missing = Vec::new();
            Context {
                facts: Arc::new(FactsByDate::new(keep_optional(
                    f,
                    Resource::Metrics,
                    &mut missing,
                ))),
                events: Arc::new(keep_optional(e, Resource::Events, &mut missing)),
                missing,
            }
        },
        Context::default,
    );
    // Derived here, beside the resource, so they live as long as it does: a
    // Planner rebuilt by a reload must not leave children reading signals of
    // the old one while the resource notifies them.
    let facts = Signal::derive(move || extras.get().map(|x| x.facts).unwrap_or_default());
    let events = Signal::derive(move || extras.get().map(|x| x.events).unwrap_or_default());
    let missing = Signal::derive(move || extras.get().map(|x| x.missing).unwrap_or_default());
    view! {
        <section class="page campaigns" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("活动策划", "Campaign planner")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "定期活动策划制造峰值:明确拉新、促活、清库存或提升客单价的目标;每次活动后复盘参与人数、转化率和投入产出比,为下一次积累经验。",
                    "Campaigns make the peaks: give each a clear goal (acquisition, activation, clearing stock, raising AOV), and review participants, conversion and ROI afterwards so the next plan starts from evidence.",
                )}</p>
            </header>
            <DataView resource=campaigns render={move |rows: Vec<Campaign>| view! { <Planner rows campaigns extras facts events missing /> }} />
        </section>
    }
}

#[component]
fn Planner(
    rows: Vec<Campaign>,
    campaigns: ListResource<Campaign>,
    extras: LocalResource<Context>,
    facts: Signal<Arc<FactsByDate>>,
    events: Signal<Arc<Vec<LocalEvent>>>,
    missing: Signal<Missing>,
) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    let shown = Memo::new(move |_| rows.with_value(|r| ctx.outbox.with(|ob| overlay(r, ob))));
    let items =
        Memo::new(move |_| shown.with(|s| s.iter().map(|s| s.item.clone()).collect::<Vec<_>>()));
    let clashes = Memo::new(move |_| items.with(|i| overlaps(i)));
    let open = move |id: &str| {
        ctx.url().set_many(&[("id", id), ("tpl", "")]);
    };
    view! {
        <div class="cal-toolbar">
            <editor::TemplatePicker />
            <button type="button" class="btn" on:click=move |_| open("new")>{move || ctx.tr("空白新建", "Blank campaign")}</button>
        </div>
        {move || {
            let pairs = clashes.get();
            (!pairs.is_empty()).then(|| {
                let names: std::collections::HashMap<String, String> =
                    items.with(|all| all.iter().map(|c| (c.id.clone(), c.name.clone())).collect());
                let name = |id: &str| names.get(id).cloned().unwrap_or_default();
                let listed = pairs.iter().take(SHOWN_OVERLAPS)
                    .map(|(a, b)| format!("{} × {}", name(a), name(b)))
                    .collect::<Vec<_>>()
                    .join(words::list_separator(ctx.lang.get()));
                let more = (pairs.len() > SHOWN_OVERLAPS).then(|| {
                    let capped = if pairs.len() >= MAX_OVERLAP_PAIRS { "+" } else { "" };
                    match ctx.lang.get() {
                        Lang::Zh => format!(" 等共 {}{capped} 对", pairs.len()),
                        Lang::En => format!(" and more ({}{capped} pairs in all)", pairs.len()),
                    }
                });
                view! {
                    <p class="notice notice-warn" role="status" data-testid="overlaps">
                        <strong>{ctx.tr("同一人群同时段的活动重叠:", "Overlapping campaigns for the same audience: ")}</strong>{listed}{more}
                    </p>
                }
            })
        }}
        <PartialNotice
            missing=missing
            on_retry=Callback::new(move |_| extras.refetch())
            effect=("依赖它们的部分(时间线上的本地时节、从指标推算的复盘)暂不完整", "what uses them (local events on the timeline, reviews derived from the metrics) is incomplete")
        />
        <Timeline items campaigns clashes events today=today() />
        <editor::CampaignEditor shown campaigns facts />
        <Comparison items facts />
    }
}

/// Rows of the comparison table drawn at first, and added per "show more".
const TABLE_PAGE: usize = 100;
/// Reviewed campaigns pooled into the ROI charts at most: each one's figures are
/// derived from the metric facts, and a backend with tens of thousands must not
/// freeze the page.
const POOLED_LIMIT: usize = 2000;

/// The reviewed campaigns the ROI summaries pool: the most recently ended.
fn reviewed_sample(all: &[Campaign]) -> Vec<&Campaign> {
    let mut reviewed: Vec<&Campaign> = all
        .iter()
        .filter(|c| c.status == CampaignStatus::Reviewed)
        .collect();
    if reviewed.len() > POOLED_LIMIT {
        reviewed.sort_by_key(|c| std::cmp::Reverse(c.end));
        reviewed.truncate(POOLED_LIMIT);
    }
    reviewed
}

#[component]
fn Comparison(items: Memo<Vec<Campaign>>, facts: Signal<Arc<FactsByDate>>) -> impl IntoView {
    let ctx = use_ctx();
    let rows_shown = RwSignal::new(TABLE_PAGE);
    let sort = Memo::new(move |_| {
        ctx.url()
            .get("sort")
            .and_then(|s| CampaignSort::from_id(&s))
            .unwrap_or(CampaignSort::Start)
    });
    let desc = Memo::new(move |_| ctx.url().get("desc").as_deref() != Some("0"));
    let header = move |s: CampaignSort| {
        let aria = move || match (sort.get() == s, desc.get()) {
            (true, true) => "descending",
            (true, false) => "ascending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort-btn" on:click=move |_| {
                    let flip = sort.get_untracked() == s && desc.get_untracked();
                    ctx.url().set_many(&[("sort", s.id()), ("desc", if flip { "0" } else { "" })]);
                }>{move || s.label(ctx.lang.get())}</button>
            </th>
        }
    };
    // Pooled ROI per type and per goal over reviewed campaigns.
    let pooled = move |by_goal: bool| {
        let lang = ctx.lang.get();
        let f = facts.get();
        let mut groups: std::collections::BTreeMap<String, (f64, f64)> = Default::default();
        for c in reviewed_sample(&items.get()) {
            let (Some(r), Some(fig)) = (c.review.as_ref(), figures(c, &f)) else {
                continue;
            };
            let key = if by_goal {
                c.goal.label(lang)
            } else {
                c.kind.label(lang)
            };
            let e = groups.entry(key.to_string()).or_default();
            e.0 += fig.attributable_revenue - r.cost;
            e.1 += r.cost;
        }
        groups
            .into_iter()
            .map(|(k, (net, cost))| (k, ratio(net, cost)))
            .collect::<Vec<_>>()
    };
    let chart = move |by_goal: bool| {
        move || {
            use charming::component::{Axis, Grid};
            use charming::element::{AxisType, Tooltip, Trigger};
            use charming::series::Bar;
            let rows = pooled(by_goal);
            let names: Vec<String> = rows.iter().map(|(k, _)| k.clone()).collect();
            let values: Vec<charming::datatype::DataPoint> = rows
                .iter()
                .map(|(_, v)| match v {
                    Some(v) => ((v * 1000.0).round() / 10.0).into(),
                    None => "-".into(),
                })
                .collect();
            charming::Chart::new()
                .tooltip(Tooltip::new().trigger(Trigger::Axis))
                .grid(Grid::new().left(48).right(16).top(24).bottom(48))
                .x_axis(Axis::new().type_(AxisType::Category).data(names))
                .y_axis(Axis::new().type_(AxisType::Value).name("ROI %"))
                .series(Bar::new().data(values))
        }
    };
    view! {
        <section class="card comparison" aria-labelledby="cmp-title">
            <h2 id="cmp-title">{move || ctx.tr("活动对比", "Campaign comparison")}</h2>
            <div class="table-scroll">
                <table class="cmp-table">
                    <thead>
                        <tr>
                            {header(CampaignSort::Name)}
                            {header(CampaignSort::Type)}
                            <th scope="col">{move || words::goal(ctx.lang.get())}</th>
                            {header(CampaignSort::Start)}
                            <th scope="col">{move || words::status(ctx.lang.get())}</th>
                            {header(CampaignSort::Budget)}
                            <th scope="col">{move || ctx.tr("参与人数", "Participants")}</th>
                            {header(CampaignSort::Conversion)}
                            {header(CampaignSort::Roi)}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let lang = ctx.lang.get();
                            let f = facts.get();
                            let mut list = items.get();
                            sort_campaigns(&mut list, sort.get(), desc.get());
                            list.into_iter().take(rows_shown.get()).map(|c| {
                                let fig = figures(&c, &f);
                                let href = ctx.route.get_untracked().with("id", &c.id).to_hash();
                                view! {
                                    <tr data-id=c.id.clone()>
                                        <th scope="row"><a href=href>{c.name.clone()}</a></th>
                                        <td>{c.kind.label(lang)}</td>
                                        <td>{c.goal.label(lang)}</td>
                                        <td>{c.start.to_string()}</td>
                                        <td>{c.status.label(lang)}</td>
                                        <td>{format_money(c.budget, lang)}</td>
                                        <td>{c.review.as_ref().map(|r| format_count(f64::from(r.actual.participants), lang)).unwrap_or_else(|| "—".into())}</td>
                                        <td>{format_percent(fig.as_ref().and_then(|f| f.conversion_rate))}</td>
                                        <td class="roi">{format_percent(fig.as_ref().and_then(|f| f.roi))}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            {move || {
                let total = items.with(Vec::len);
                let shown = rows_shown.get().min(total);
                (total > shown).then(|| view! {
                    <p class="table-more">
                        <span class="muted">{move || match ctx.lang.get() {
                            Lang::Zh => format!("显示 {shown} 个,共 {total} 个活动"),
                            Lang::En => format!("Showing {shown} of {total} campaigns"),
                        }}</span>
                        <button type="button" class="btn" on:click=move |_| rows_shown.update(|n| *n += TABLE_PAGE)>
                            {move || ctx.tr("显示更多", "Show more")}
                        </button>
                    </p>
                })
            }}
            {move || {
                let n = items.with(|all| all.iter().filter(|c| c.status == CampaignStatus::Reviewed).count());
                (n > POOLED_LIMIT).then(|| view! {
                    <p class="notice" role="status" data-testid="pooled-capped">{move || match ctx.lang.get() {
                        Lang::Zh => format!("已复盘活动有 {n} 个,下面的 ROI 汇总只统计最近结束的 {POOLED_LIMIT} 个。"),
                        Lang::En => format!("{n} reviewed campaigns; the ROI summaries below pool the {POOLED_LIMIT} that ended most recently."),
                    }}</p>
                })
            }}
            <div class="cockpit-row even">
                <div>
                    <h3>{move || ctx.tr("按活动类型的 ROI(已复盘)", "ROI by campaign type (reviewed)")}</h3>
                    <Chart option=chart(false) label=Signal::derive(move || ctx.tr("按活动类型的投入产出比柱状图", "Bar chart of ROI by campaign type").to_string()) height=240 />
                </div>
                <div>
                    <h3>{move || ctx.tr("按活动目标的 ROI(已复盘)", "ROI by goal (reviewed)")}</h3>
                    <Chart option=chart(true) label=Signal::derive(move || ctx.tr("按活动目标的投入产出比柱状图", "Bar chart of ROI by goal").to_string()) height=240 />
                </div>
            </div>
        </section>
    }
}
