//! Each area's page in a wasm chunk of its own, loaded when the area is first
//! opened (issue 13: the first load carries the shell and the cockpit, not all
//! nine areas, and stays so as areas are added). The cockpit, where the app
//! opens, stays in the main module: its page needs no second download, and one
//! file compresses better than the dozens of shared chunks a split of it makes.
//!
//! Each `#[wasm_split]` function below is a split point: `scripts/app-build.mjs`
//! (a Trunk hook) moves the code reachable only from it into its own `.wasm`,
//! fetched by the function's `preload`. Native builds and tests call the
//! functions directly. Loads are `fallible`: a chunk that cannot be fetched
//! (offline, a deploy replaced mid-session) is an error in words with Retry
//! and Reload, never a panic.
//!
//! The split points live in the app's binary, not in the library: each is an
//! exported function, and an export keeps its code alive in every binary that
//! links it, so in the library they would put all nine pages into the
//! demo-data worker's wasm too (293 KB → 1.19 MB).

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use haihe::components::Loading;
use haihe::i18n::words;
use haihe::pages::{
    calendar::CalendarPage, campaigns::CampaignsPage, channels::ChannelsPage, cockpit::CockpitPage,
    experience::ExperiencePage, feedback::FeedbackPage, health::HealthPage, roadmap::RoadmapPage,
    settings::SettingsPage,
};
use haihe::state::context::use_ctx;
use haihe::state::route::Area;

type Page = Result<AnyView, SplitLoaderError>;

/// One split point per area, in a module named after its wasm module
/// (`split_area_calendar.wasm`): `render` makes the page, `preload` fetches
/// the module without rendering.
macro_rules! area_chunk {
    ($module:ident, $page:ident) => {
        mod $module {
            use super::*;

            #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, preload(preload), fallible)]
            pub fn render() -> Page {
                Ok(view! { <$page /> }.into_any())
            }
        }
    };
}

area_chunk!(area_feedback, FeedbackPage);
area_chunk!(area_calendar, CalendarPage);
area_chunk!(area_campaigns, CampaignsPage);
area_chunk!(area_experience, ExperiencePage);
area_chunk!(area_channels, ChannelsPage);
area_chunk!(area_health, HealthPage);
area_chunk!(area_roadmap, RoadmapPage);
area_chunk!(area_settings, SettingsPage);

async fn preload(area: Area) -> Result<(), SplitLoaderError> {
    match area {
        Area::Cockpit => Ok(()),
        Area::Feedback => area_feedback::preload().await,
        Area::Calendar => area_calendar::preload().await,
        Area::Campaigns => area_campaigns::preload().await,
        Area::Experience => area_experience::preload().await,
        Area::Channels => area_channels::preload().await,
        Area::Health => area_health::preload().await,
        Area::Roadmap => area_roadmap::preload().await,
        Area::Settings => area_settings::preload().await,
    }
}

/// Renders a loaded area now, in the caller's reactive owner (so the page
/// finds the app's context). Only called after its `preload` succeeded, when
/// the split function's future is ready on its first poll.
fn render_loaded(area: Area) -> Option<Page> {
    match area {
        Area::Cockpit => Some(Ok(view! { <CockpitPage /> }.into_any())),
        Area::Feedback => ready_now(area_feedback::render()),
        Area::Calendar => ready_now(area_calendar::render()),
        Area::Campaigns => ready_now(area_campaigns::render()),
        Area::Experience => ready_now(area_experience::render()),
        Area::Channels => ready_now(area_channels::render()),
        Area::Health => ready_now(area_health::render()),
        Area::Roadmap => ready_now(area_roadmap::render()),
        Area::Settings => ready_now(area_settings::render()),
    }
}

fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

thread_local! {
    /// Areas whose chunk has loaded: they render at once, with no loading step.
    static LOADED: Cell<u16> = const { Cell::new(0) };
}

fn bit(area: Area) -> u16 {
    1 << (area as u16)
}

fn is_loaded(area: Area) -> bool {
    area == Area::Cockpit || LOADED.with(|loaded| loaded.get() & bit(area) != 0)
}

/// Fetches `area`'s module and remembers that it is here.
async fn load(area: Area) -> Result<(), SplitLoaderError> {
    let outcome = preload(area).await;
    if outcome.is_ok() {
        LOADED.with(|loaded| loaded.set(loaded.get() | bit(area)));
    }
    outcome
}

/// Starts fetching `area`'s module ahead of a click (`haihe::app::AreaCode`).
/// A click meanwhile waits for the same download (the loader runs one at a
/// time); a failure is left for the click to show, with Retry.
pub fn prefetch(area: Area) {
    if !is_loaded(area) {
        spawn_local(async move {
            let _ = load(area).await;
        });
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Chunk {
    Loading,
    Loaded,
    Failed,
}

/// What the shell shows for `area` (`haihe::app::AreaCode::page`).
pub fn area_page(area: Area) -> AnyView {
    view! { <AreaPage area=area /> }.into_any()
}

/// The page of `area`: at once if its chunk is here, else a loading state
/// while it is fetched, or an error with Retry and Reload if that fails.
#[component]
fn AreaPage(area: Area) -> impl IntoView {
    let chunk = RwSignal::new(if is_loaded(area) {
        Chunk::Loaded
    } else {
        Chunk::Loading
    });
    let fetch = move || {
        chunk.set(Chunk::Loading);
        spawn_local(async move {
            let outcome = load(area).await;
            // The user may have left the area meanwhile: the signal is gone then.
            let _ = chunk.try_set(if outcome.is_ok() {
                Chunk::Loaded
            } else {
                Chunk::Failed
            });
        });
    };
    if chunk.get_untracked() == Chunk::Loading {
        fetch();
    }
    let failed = move || view! { <ChunkFailed on_retry=move |()| fetch() /> }.into_any();
    move || match chunk.get() {
        Chunk::Loading => view! { <Loading /> }.into_any(),
        Chunk::Failed => failed(),
        Chunk::Loaded => match render_loaded(area) {
            Some(Ok(page)) => page,
            _ => failed(),
        },
    }
}

/// A download of the area's code failed (offline, or a deploy replaced the
/// files mid-session): said in words, with a retry, and a reload for the case
/// where the files this tab knows are gone (a new version was deployed).
#[component]
fn ChunkFailed(#[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    let reload = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <div class="error-panel" role="alert">
            <p class="error-message">
                {move || ctx.tr(
                    "这个页面的程序未能下载,请检查网络后重试。",
                    "This page's code could not be downloaded. Check the network and retry.",
                )}
            </p>
            <p>
                {move || ctx.tr(
                    "如果刚发布了新版本,请刷新页面。",
                    "If a new version was just deployed, reload the page.",
                )}
            </p>
            <div class="form-actions">
                <button class="btn" on:click=move |_| on_retry.run(())>
                    {move || words::retry(ctx.lang.get())}
                </button>
                <button class="btn" on:click=reload>
                    {move || ctx.tr("刷新页面", "Reload")}
                </button>
            </div>
        </div>
    }
}
