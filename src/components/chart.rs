//! An ECharts chart built with charming. Created once when mounted, updated
//! (not re-created) when its option changes, resized when its box changes,
//! and disposed on cleanup — charming itself has no dispose, hence these
//! few bindings of our own.
//!
//! ECharts is not part of the first load: Haihe's own build of it
//! (scripts/echarts-entry.mjs, named by `<meta name="haihe-echarts">` in
//! index.html) is fetched with a `<script src>` when the first chart comes
//! near the viewport, so the shell and the KPI tiles paint without waiting for
//! it. A failed load shows a message with Retry in the chart's place.
//!
//! A chart is drawn once it comes within [`NEAR_PX`] of the viewport (or the
//! page is printed), not before: on a phone-sized screen the cockpit's trend
//! chart is below the tiles, and drawing it (with ECharts' evaluation) was
//! over a second of blocked main thread at 4× CPU throttling during the load.
//! Its box keeps its height meanwhile, so nothing shifts.
//!
//! An update reaches ECharts after the browser has painted the rest of the
//! screen: a filter click shows its tiles and bars in the next frame, and the
//! chart (tens of milliseconds on a throttled tablet) follows one frame later
//! instead of holding that frame back. Updates that arrive meanwhile are
//! merged into the last one.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::words;
use crate::state::context::use_ctx;

#[wasm_bindgen]
extern "C" {
    type EchartsInstance;

    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn echarts_init(
        el: &web_sys::Element,
        theme: JsValue,
        opts: JsValue,
    ) -> Result<EchartsInstance, JsValue>;

    #[wasm_bindgen(catch, method, js_name = setOption)]
    fn set_option(this: &EchartsInstance, option: JsValue, opts: JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    fn resize(this: &EchartsInstance) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    fn dispose(this: &EchartsInstance) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    fn on(this: &EchartsInstance, event: &str, handler: &js_sys::Function) -> Result<(), JsValue>;
}

/// What the user clicked: the category name (x axis label or item name).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartClick {
    pub name: String,
}

/// Where the ECharts script is, for every chart on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Library {
    Loading,
    Ready,
    Failed,
}

thread_local! {
    // An Arc signal: owned by no component, so it outlives the first chart.
    static LIBRARY: RefCell<Option<ArcRwSignal<Library>>> = const { RefCell::new(None) };
}

fn echarts_loaded() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("echarts")).ok())
        .is_some_and(|v| !v.is_undefined())
}

/// The ECharts file, as the build hook named it (relative to the document).
fn library_url() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(r#"meta[name="haihe-echarts"]"#)
        .ok()??
        .get_attribute("content")
        .filter(|s| !s.is_empty())
}

/// Appends the `<script src>` (allowed by `script-src 'self'`, unlike an
/// inline script) and reports its outcome into `state`.
fn load_library(state: &ArcRwSignal<Library>) {
    if echarts_loaded() {
        state.set(Library::Ready);
        return;
    }
    state.set(Library::Loading);
    let script = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| Some((d.create_element("script").ok()?, d.head()?)));
    let (Some(url), Some((script, head))) = (library_url(), script) else {
        state.set(Library::Failed);
        return;
    };
    let (ok, err) = (state.clone(), state.clone());
    // Each fires at most once per script element; one of the two never
    // does, so they are handed to JS for good (a few bytes per attempt).
    let on_load = Closure::once_into_js(move || {
        ok.set(if echarts_loaded() {
            Library::Ready
        } else {
            Library::Failed
        })
    });
    let on_error = Closure::once_into_js(move || err.set(Library::Failed));
    let _ = script.set_attribute("src", &url);
    let _ = script.add_event_listener_with_callback("load", on_load.unchecked_ref());
    let _ = script.add_event_listener_with_callback("error", on_error.unchecked_ref());
    if head.append_child(&script).is_err() {
        state.set(Library::Failed);
    }
}

/// The shared load state; the first call starts the download.
fn library() -> ArcRwSignal<Library> {
    LIBRARY.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let state = ArcRwSignal::new(Library::Loading);
                load_library(&state);
                state
            })
            .clone()
    })
}

/// The option as ECharts gets it: with ids that let it update what it drew
/// (`chart_ids`).
fn to_json(chart: &charming::Chart) -> Option<String> {
    let mut option = serde_json::to_value(chart).ok()?;
    super::chart_ids::add_stable_ids(&mut option);
    serde_json::to_string(&option).ok()
}

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

/// How far below (or above) the viewport a chart starts drawing: a tablet
/// user scrolling finds it drawn.
const NEAR_PX: u32 = 200;

struct Live {
    instance: EchartsInstance,
    observer: Option<web_sys::ResizeObserver>,
    _on_resize: Closure<dyn FnMut()>,
    _on_click: Option<Closure<dyn FnMut(JsValue)>>,
    /// The option last handed to ECharts, as JSON: an update that would
    /// draw the same thing is skipped (no redraw when the data did not change).
    drawn: String,
    /// The newest option not yet handed over, and whether a hand-over is
    /// already scheduled.
    pending: Option<String>,
    scheduled: bool,
}

fn create(el: &web_sys::HtmlElement, on_click: Option<Callback<ChartClick>>) -> Option<Live> {
    let opts = js_sys::JSON::parse(r#"{"renderer":"canvas"}"#).unwrap_or(JsValue::NULL);
    let instance = echarts_init(el, JsValue::NULL, opts).ok()?;
    let instance_for_resize: EchartsInstance = instance.clone().unchecked_into();
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let _ = instance_for_resize.resize();
    });
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        o.observe(el);
    }
    let click = on_click.map(|cb| {
        let handler = Closure::<dyn FnMut(JsValue)>::new(move |params: JsValue| {
            let name = js_sys::Reflect::get(&params, &JsValue::from_str("name"))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            cb.run(ChartClick { name });
        });
        let _ = instance.on("click", handler.as_ref().unchecked_ref());
        handler
    });
    Some(Live {
        instance,
        observer,
        _on_resize: on_resize,
        _on_click: click,
        drawn: String::new(),
        pending: None,
        scheduled: false,
    })
}

/// What `setOption` is told besides the option: replace the data-bearing
/// parts so a series or axis that disappeared does not linger, but keep the
/// tooltip and grid (re-creating the HTML tooltip, as notMerge would, forces
/// a synchronous layout on every update). A part whose id (kind, position,
/// shape) is unchanged is updated in place.
fn merge_options() -> JsValue {
    serde_json::to_string(&serde_json::json!({
        "replaceMerge": super::chart_ids::REPLACED
    }))
    .ok()
    .and_then(|s| js_sys::JSON::parse(&s).ok())
    .unwrap_or(JsValue::NULL)
}

/// Hands the pending option to ECharts; `draws` counts the options drawn
/// (the `data-draws` attribute, which tests and the benchmark wait on).
fn draw_pending(live: &RefCell<Option<Live>>, draws: RwSignal<u32>) {
    let mut slot = live.borrow_mut();
    // Disposed meanwhile: the page moved on.
    let Some(live) = slot.as_mut() else { return };
    live.scheduled = false;
    let Some(json) = live.pending.take() else {
        return;
    };
    if json == live.drawn {
        return;
    }
    let Ok(js) = js_sys::JSON::parse(&json) else {
        return;
    };
    if live.instance.set_option(js, merge_options()).is_ok() {
        live.drawn = json;
        drop(slot);
        draws.try_update(|n| *n = n.wrapping_add(1));
    }
}

#[component]
pub fn Chart<F>(
    /// Builds the option; re-run whenever a signal it reads changes.
    /// (A closure because charming's `Chart` is not `Send`.)
    option: F,
    /// Read by screen readers: what the chart shows, in words.
    #[prop(into)]
    label: Signal<String>,
    #[prop(default = 280)] height: u32,
    #[prop(optional)] on_click: Option<Callback<ChartClick>>,
) -> impl IntoView
where
    F: Fn() -> charming::Chart + 'static,
{
    let ctx = use_ctx();
    let node = NodeRef::<Div>::new();
    let id = format!("chart-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let live: Rc<RefCell<Option<Live>>> = Rc::new(RefCell::new(None));
    let near = super::on_screen::seen(node, NEAR_PX);
    // The library's state once the chart is near (the first call starts the
    // download); `None` before.
    let lib = Memo::new(move |_| near.get().then(|| library().get()));
    // The chart could not be drawn: ECharts did not load, or refused it.
    let broken = RwSignal::new(false);
    let draws = RwSignal::new(0u32);
    let failed = Memo::new(move |_| broken.get() || lib.get() == Some(Library::Failed));

    let live_for_effect = live.clone();
    Effect::new(move |_| {
        // Nothing (not even the option) before the chart is near and ECharts
        // is here; this effect runs again when both are.
        if lib.get() != Some(Library::Ready) {
            return;
        }
        // No animation: a tablet re-filtering while a chart still animates
        // would pay for both.
        let chart = option().animation(false);
        let Some(el) = node.get() else { return };
        let mut slot = live_for_effect.borrow_mut();
        if slot.is_none() {
            *slot = create(&el, on_click);
            broken.set(slot.is_none());
        }
        let Some(live) = slot.as_mut() else { return };
        let Some(json) = to_json(&chart) else { return };
        if live.pending.is_none() && json == live.drawn {
            return;
        }
        live.pending = Some(json);
        if live.scheduled {
            return;
        }
        live.scheduled = true;
        // After the frame that shows the rest of the update: the animation
        // frame runs before that paint, the timeout after it.
        let live = live_for_effect.clone();
        request_animation_frame(move || {
            set_timeout(
                move || draw_pending(&live, draws),
                std::time::Duration::ZERO,
            )
        });
    });

    let live_for_cleanup = send_wrapper::SendWrapper::new(live);
    on_cleanup(move || {
        if let Some(l) = live_for_cleanup.borrow_mut().take() {
            if let Some(o) = &l.observer {
                o.disconnect();
            }
            let _ = l.instance.dispose();
        }
    });

    let retry = move |_| {
        broken.set(false);
        load_library(&library());
    };
    view! {
        <div class="chart-box">
            <div
                id=id
                node_ref=node
                class="chart"
                role="img"
                aria-label=move || label.get()
                hidden=move || failed.get()
                data-draws=move || draws.get().to_string()
                style:height=format!("{height}px")
            ></div>
            <Show when=move || failed.get()>
                <div class="error-panel" role="alert">
                    <p class="error-message">
                        {move || ctx.tr("图表未能加载。", "The chart could not be loaded.")}
                        " " {move || label.get()}
                    </p>
                    <button type="button" class="btn" on:click=retry>
                        {move || words::retry(ctx.lang.get())}
                    </button>
                </div>
            </Show>
        </div>
    }
}
