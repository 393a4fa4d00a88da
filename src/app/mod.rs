//! The app shell: contexts, navigation, language switch and the page switch.
//! The pages themselves come from the app's binary (src/bin/haihe/areas.rs),
//! which splits each area's code into a wasm module of its own.

mod alerts;
pub mod panic;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{Loading, StorageFullBanner};
use crate::data::config::BackendKind;
use crate::data::Backend;
use crate::i18n::Lang;
use crate::state::context::{initial_lang, initial_outbox, load_config, use_ctx, Ctx};
use crate::state::route::{Area, Route};
use crate::state::{tabs, url};

/// Each area's page, from the app's binary, so that each area's code can be
/// a wasm module of its own (src/bin/haihe/areas.rs).
#[derive(Clone, Copy)]
pub struct AreaCode {
    /// What the shell shows for an area.
    pub page: fn(Area) -> AnyView,
    /// Starts fetching an area's code, when the pointer or focus reaches its
    /// link: the download overlaps the user's reach for the click.
    pub prefetch: fn(Area),
}

#[component]
pub fn App(areas: AreaCode) -> impl IntoView {
    let ctx = Ctx {
        lang: RwSignal::new(initial_lang()),
        route: RwSignal::new(url::current()),
        backend: RwSignal::new(None),
        config_error: RwSignal::new(None),
        outbox: RwSignal::new(initial_outbox()),
        generation: RwSignal::new(0),
    };
    provide_context(ctx);
    crate::state::alerts::provide_alerts(ctx);
    url::listen(ctx.route);
    tabs::listen_other_tabs(ctx);

    Effect::new(move |_| {
        let lang = ctx.lang.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.html_lang());
            }
            doc.set_title(lang.tr(
                "海河 · 小程序运营驾驶舱",
                "Haihe · Mini-program operations cockpit",
            ));
        }
    });

    spawn_local(async move {
        let (config, error) = load_config().await;
        ctx.config_error.set(error);
        ctx.backend.set(Some(Backend { config }));
    });

    view! { <Shell areas=areas /> }
}

/// A navigation entry: the area and its labels.
struct NavItem {
    area: Area,
    zh: &'static str,
    en: &'static str,
}

/// Grouped by the six jobs of the seed article; only built areas appear.
const NAV: &[(&str, &str, &[NavItem])] = &[
    (
        "数据监控与反馈",
        "Monitoring & feedback",
        &[
            NavItem {
                area: Area::Cockpit,
                zh: "数据驾驶舱",
                en: "KPI cockpit",
            },
            NavItem {
                area: Area::Feedback,
                zh: "用户反馈",
                en: "User feedback",
            },
        ],
    ),
    (
        "内容与活动",
        "Content & campaigns",
        &[
            NavItem {
                area: Area::Calendar,
                zh: "内容日历",
                en: "Content calendar",
            },
            NavItem {
                area: Area::Campaigns,
                zh: "活动策划",
                en: "Campaign planner",
            },
        ],
    ),
    (
        "用户体验",
        "User experience",
        &[NavItem {
            area: Area::Experience,
            zh: "体验与A/B测试",
            en: "Experience & A/B tests",
        }],
    ),
    (
        "推广与引流",
        "Promotion",
        &[NavItem {
            area: Area::Channels,
            zh: "推广渠道",
            en: "Promotion channels",
        }],
    ),
    (
        "安全与性能",
        "Security & performance",
        &[NavItem {
            area: Area::Health,
            zh: "性能与安全监控",
            en: "Health monitoring",
        }],
    ),
    (
        "长期迭代",
        "Long-term iteration",
        &[NavItem {
            area: Area::Roadmap,
            zh: "迭代路线图",
            en: "Roadmap",
        }],
    ),
    (
        "系统",
        "System",
        &[NavItem {
            area: Area::Settings,
            zh: "设置",
            en: "Settings",
        }],
    ),
];

#[component]
fn Shell(areas: AreaCode) -> impl IntoView {
    let ctx = use_ctx();
    let area = Memo::new(move |_| ctx.route.get().area);
    // Only whether config.json has been read picks the view: switching the
    // backend must not remount the page (Settings would lose its notice).
    let ready = Memo::new(move |_| ctx.backend.with(Option::is_some));
    let focus_main = move |_| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
        {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    view! {
        <div class="app" data-app-ready="true">
            <button class="skip-link" on:click=focus_main>
                {move || ctx.tr("跳到主要内容", "Skip to main content")}
            </button>
            <header class="topbar">
                <a class="brand" href="#/cockpit">
                    <svg class="brand-mark" aria-hidden="true" viewBox="0 0 32 32" width="26" height="26"><path d="M3 19c4-5 8 5 13 0s9 5 13 0" stroke="currentColor" stroke-width="3" fill="none" stroke-linecap="round"/></svg>
                    <span class="brand-name">{move || ctx.tr("海河", "Haihe")}</span>
                    <span class="brand-sub">{move || ctx.tr("小程序运营驾驶舱", "Mini-program ops cockpit")}</span>
                </a>
                <div class="topbar-tools">
                    <alerts::AlertsButton />
                    <OutboxIndicator />
                    <BackendBadge />
                    <LangSwitch />
                </div>
            </header>
            <nav class="sidebar" aria-label=move || ctx.tr("主导航", "Main navigation")>
                {NAV
                    .iter()
                    .map(|(gzh, gen, items)| {
                        view! {
                            <div class="nav-group">
                                <p class="nav-group-title">{move || ctx.tr(gzh, gen)}</p>
                                <ul>
                                    {items
                                        .iter()
                                        .map(|item| {
                                            let target = item.area;
                                            let href = Route::new(target).to_hash();
                                            view! {
                                                <li>
                                                    <a
                                                        class="nav-link"
                                                        href=href
                                                        aria-current=move || (area.get() == target).then_some("page")
                                                        on:pointerenter=move |_| (areas.prefetch)(target)
                                                        on:focus=move |_| (areas.prefetch)(target)
                                                    >
                                                        <span>{move || ctx.tr(item.zh, item.en)}</span>
                                                        {(target == Area::Health).then(|| view! { <alerts::NavCount /> })}
                                                    </a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
                    .collect_view()}
            </nav>
            <main id="main" class="main" tabindex="-1">
                <StorageFullBanner />
                {move || match ready.get() {
                    false => view! { <Loading /> }.into_any(),
                    true => (areas.page)(area.get()),
                }}
            </main>
        </div>
    }
}

#[component]
fn LangSwitch() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <div class="lang-switch" role="group" aria-label="语言 / Language">
            {[(Lang::Zh, "中文"), (Lang::En, "EN")]
                .into_iter()
                .map(|(lang, label)| {
                    view! {
                        <button
                            class="lang-btn"
                            lang=lang.html_lang()
                            aria-pressed=move || (ctx.lang.get() == lang).to_string()
                            on:click=move |_| ctx.set_lang(lang)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn BackendBadge() -> impl IntoView {
    let ctx = use_ctx();
    let label = move || match ctx.backend.get().map(|b| b.kind()) {
        Some(BackendKind::Embedded) => ctx.tr("内置演示数据", "Embedded demo data"),
        Some(BackendKind::Rest) => ctx.tr("REST 数据服务", "REST backend"),
        None => ctx.tr("正在读取配置…", "Reading configuration…"),
    };
    view! {
        <a class="backend-badge" href="#/settings" title=move || ctx.tr("数据源设置", "Data source settings")>
            {label}
        </a>
    }
}

/// How many edits are not yet accepted by the backend; links to the list.
#[component]
fn OutboxIndicator() -> impl IntoView {
    let ctx = use_ctx();
    let waiting = Memo::new(move |_| {
        ctx.outbox
            .with(|ob| ob.edits.iter().filter(|e| !e.is_sending()).count())
    });
    view! {
        <Show when=move || { waiting.get() > 0 }>
            <a class="outbox-indicator" href="#/settings?panel=sync" role="status">
                {move || match ctx.lang.get() {
                    Lang::Zh => format!("{} 条修改未同步", waiting.get()),
                    Lang::En => format!("{} unsynced edit(s)", waiting.get()),
                }}
            </a>
        </Show>
    }
}
