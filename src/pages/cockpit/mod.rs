//! The KPI cockpit (数据驾驶舱): what the operator reads every morning. The
//! whole view — period, comparison, granularity, chosen metrics and
//! cross-filters — lives in the URL, so every view is a shareable link.

mod attach;
mod charts;
mod controls;
mod sections;
mod targets;
mod wechat;

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::{
    field, DataView, EachRow, KpiTile, OnScreen, PartialNotice, PeriodControls,
};
use crate::data::error::ApiError;
use crate::data::resource::Resource;
use crate::data::wechat::is_wechat;
use crate::data::Backend;
use crate::domain::calendar::model::{ContentItem, ContentStatus};
use crate::domain::campaigns::model::Campaign;
use crate::domain::cockpit::aggregate::CockpitData;
use crate::domain::cockpit::insights::{insights, Insight};
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::kpi_table::kpi_rows;
use crate::domain::cockpit::model::{
    HourlyVisits, MetricFact, PortraitRow, RetentionCohort, Target, TopPage,
};
use crate::domain::cockpit::query::CockpitQuery;
use crate::domain::health::model::Incident;
use crate::state::context::use_ctx;
use crate::state::loading::{backend_resource, list_resource, ListResource};

/// A dated marker on the trend chart: a campaign or published content,
/// or an incident (drawn as a shaded span).
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub date: NaiveDate,
    pub end: Option<NaiveDate>,
    pub name: String,
    pub campaign: bool,
    pub incident: bool,
}

/// Everything the cockpit reads. Only the metric facts are essential; the
/// other collections degrade to an empty section with a notice.
#[derive(Clone)]
pub struct Sources {
    pub facts: Arc<Vec<MetricFact>>,
    pub portrait: Arc<Vec<PortraitRow>>,
    pub hourly: Arc<Vec<HourlyVisits>>,
    pub pages: Arc<Vec<TopPage>>,
    pub retention: Arc<Vec<RetentionCohort>>,
    pub markers: Arc<Vec<Marker>>,
    /// The last day with data (facts arrive a day late).
    pub last_day: NaiveDate,
    /// Optional collections that could not be loaded.
    pub missing: Vec<(Resource, ApiError)>,
}

/// An optional collection: on failure, empty, with the reason recorded.
fn keep<T>(
    r: Result<Vec<T>, ApiError>,
    res: Resource,
    missing: &mut Vec<(Resource, ApiError)>,
) -> Vec<T> {
    r.unwrap_or_else(|e| {
        missing.push((res, e));
        Vec::new()
    })
}

async fn load(backend: Backend) -> Result<Sources, ApiError> {
    if is_wechat(Some(&backend)) {
        // Shown by `wechat::WechatCockpit` instead; nothing to fetch here.
        return Err(ApiError::Config("wechat".into()));
    }
    let (facts, (portrait, hourly, pages), (retention, campaigns, content)) = futures::join!(
        backend.list::<MetricFact>(),
        async {
            futures::join!(
                backend.list::<PortraitRow>(),
                backend.list::<HourlyVisits>(),
                backend.list::<TopPage>()
            )
        },
        async {
            futures::join!(
                backend.list::<RetentionCohort>(),
                backend.list::<Campaign>(),
                backend.list::<ContentItem>()
            )
        }
    );
    // Incidents are optional and not reported missing: an older backend
    // has none.
    let incidents = backend.list::<Incident>().await.unwrap_or_default();
    let mut facts = facts?;
    // Slicing a period by binary search needs date order; a backend may not keep it.
    facts.sort_by_key(|f| f.date);
    let mut missing = Vec::new();
    let portrait: Vec<PortraitRow> = keep(portrait, Resource::Portrait, &mut missing);
    let hourly: Vec<HourlyVisits> = keep(hourly, Resource::Hourly, &mut missing);
    let pages: Vec<TopPage> = keep(pages, Resource::Pages, &mut missing);
    let retention: Vec<RetentionCohort> = keep(retention, Resource::Retention, &mut missing);
    let campaigns: Vec<Campaign> = keep(campaigns, Resource::Campaigns, &mut missing);
    let content: Vec<ContentItem> = keep(content, Resource::Content, &mut missing);
    let mut markers: Vec<Marker> = campaigns
        .into_iter()
        .map(|c| Marker {
            date: c.start,
            end: Some(c.end),
            name: c.name,
            campaign: true,
            incident: false,
        })
        .chain(
            content
                .into_iter()
                .filter(|c| c.status == ContentStatus::Published)
                .map(|c| Marker {
                    date: c.publish_at.date(),
                    end: None,
                    name: c.title,
                    campaign: false,
                    incident: false,
                }),
        )
        .chain(incidents.into_iter().map(|i| {
            let today = crate::state::clock::today();
            let (start, end) = crate::domain::health::incidents::span(&i, today);
            Marker {
                date: start,
                end: Some(end),
                name: i.title,
                campaign: false,
                incident: true,
            }
        }))
        .collect();
    markers.sort_by_key(|m| m.date);
    let yesterday = crate::state::clock::last_data_day();
    let last_day = facts.last().map(|f| f.date).unwrap_or(yesterday);
    Ok(Sources {
        facts: Arc::new(facts),
        portrait: Arc::new(portrait),
        hourly: Arc::new(hourly),
        pages: Arc::new(pages),
        retention: Arc::new(retention),
        markers: Arc::new(markers),
        last_day,
        missing,
    })
}

#[component]
pub fn CockpitPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Cockpit);
    let sources = backend_resource(ctx, load, || Err(ApiError::Config("no backend".into())));
    let targets: ListResource<Target> = list_resource::<Target>(ctx);
    view! {
        <section class="page cockpit" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("数据驾驶舱", "KPI cockpit")}</h1>
                <p class="page-lede">
                    {move || ctx.tr(
                        "像驾驶舱的仪表盘一样看清小程序的运行状态:用户从哪里来、在小程序内做了什么、是否完成了目标。",
                        "The instrument panel of the mini-program: where users come from, what they do inside it, and whether they complete the goals.",
                    )}
                </p>
            </header>
            <PeriodControls id_prefix="ck" />
            <Show
                when=move || is_wechat(ctx.backend.get().as_ref())
                fallback=move || view! { <DataView resource=sources render={move |s: Sources| view! { <CockpitView sources=s targets /> }} /> }
            >
                <wechat::WechatCockpit />
            </Show>
        </section>
    }
}

#[component]
fn CockpitView(sources: Sources, targets: ListResource<Target>) -> impl IntoView {
    let ctx = use_ctx();
    let sources = StoredValue::new(sources);
    let query = Memo::new(move |_| ctx.url().read(CockpitQuery::from_params));
    let data: Memo<CockpitData> = Memo::new(move |_| {
        let q = query.get();
        sources.with_value(|s| {
            crate::domain::cockpit::aggregate::Cockpit::compute(
                &s.facts,
                &s.portrait,
                &q,
                s.last_day,
            )
        })
    });
    let target_rows =
        Signal::derive(move || targets.get().and_then(Result::ok).unwrap_or_default());
    // Targets are set for the whole business: the tiles, the notes and the
    // CSV of a filtered slice (one district, one channel) drop them
    // (`kpi_table::applicable_targets`).
    let rows = Memo::new(move |_| data.with(|d| kpi_rows(d, &target_rows.get(), ctx.lang.get())));
    let notes = Memo::new(move |_| data.with(|d| insights(d, &target_rows.get(), ctx.lang.get())));
    let missing = sources.with_value(|s| s.missing.clone());

    // Signals the browser benchmark waits on: bumped after each recompute.
    let renders = RwSignal::new(0u32);
    Effect::new(move |_| {
        data.track();
        renders.update(|r| *r = r.wrapping_add(1));
    });

    view! {
        <div class="cockpit-body" data-renders=move || renders.get().to_string()>
            <PartialNotice
                missing=Signal::stored(missing)
                on_retry=Callback::new(move |_| ctx.reload_all())
                effect=("相关图表为空", "their charts are empty")
            />
            <controls::FilterChips estimated=Signal::derive(move || data.with(|d| d.estimated)) />
            <section class="kpi-grid" aria-label=move || ctx.tr("关键指标", "Key metrics")>
                {Kpi::ALL
                    .iter()
                    .map(|&kpi| {
                        view! {
                            <KpiTile
                                kpi
                                row=Memo::new(move |_| rows.with(|rs| rs.iter().find(|r| r.kpi == kpi).cloned()))
                                spark=Memo::new(move |_| data.with(|d| d.series.iter().map(|(_, t)| kpi.value(t)).collect::<Vec<_>>()))
                                selected=Signal::derive(move || query.with(|q| q.metric) == kpi)
                                on_select=Callback::new(move |_| {
                                    ctx.url().set("metric", kpi.key());
                                })
                            />
                        }
                    })
                    .collect_view()}
            </section>
            <div class="cockpit-row">
                <charts::TrendChart data markers=sources.with_value(|s| s.markers.clone()) />
                <section class="card insights" aria-labelledby="insights-title">
                    <h2 id="insights-title">{move || ctx.tr("数据洞察", "Insights")}</h2>
                    <Show
                        when=move || notes.with(|n| !n.is_empty())
                        fallback=move || view! { <p class="muted">{move || ctx.tr("与对比期相比没有明显变化。", "No notable change against the comparison period.")}</p> }
                    >
                        <ul class="insight-list">
                            <EachRow rows=notes children={move |n: Memo<Option<Insight>>| {
                                let sev = move || n.with(|n| n.as_ref().map(|n| n.severity));
                                view! {
                                    <li
                                        class=move || sev().map(|s| format!("insight insight-{}", s.id())).unwrap_or_default()
                                        title=move || n.with(|n| n.as_ref().and_then(|n| n.title.clone()))
                                    >
                                        <span class="insight-tag">{move || sev().map(|s| s.label(ctx.lang.get())).unwrap_or_default()}</span>
                                        <span class="insight-text">{field(n, |n| n.text.clone())}</span>
                                        <attach::AttachInsight text=Signal::derive(move || n.with(|n| n.as_ref().map(|n| n.text.clone()).unwrap_or_default())) />
                                    </li>
                                }
                            }} />
                        </ul>
                    </Show>
                </section>
            </div>
            <sections::Who data />
            // Below the fold: built when scrolled to (or printed), so a
            // filter change does not pay for rows nobody has looked at yet.
            <OnScreen placeholder="cockpit-funnel-row">
                <div class="cockpit-row even">
                    <sections::Funnel data />
                    <sections::Retention rows=sources.with_value(|s| s.retention.clone()) data />
                </div>
            </OnScreen>
            <OnScreen placeholder="cockpit-heat-row">
                <div class="cockpit-row narrow-first">
                    <charts::Heatmap rows=sources.with_value(|s| s.hourly.clone()) data />
                    <sections::Pages rows=sources.with_value(|s| s.pages.clone()) data />
                </div>
            </OnScreen>
            <targets::TargetEditor targets />
            <controls::Export data rows=Signal::derive(move || target_rows.get()) />
        </div>
    }
}
