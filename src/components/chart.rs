//! An ECharts chart built with charming. Created once when mounted, updated
//! (not re-created) when its option changes, resized when its box changes,
//! and disposed on cleanup — charming itself has no dispose, hence these
//! few bindings of our own.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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

fn echarts_loaded() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("echarts")).ok())
        .is_some_and(|v| !v.is_undefined())
}

fn to_js(chart: &charming::Chart) -> Option<JsValue> {
    let json = serde_json::to_string(chart).ok()?;
    js_sys::JSON::parse(&json).ok()
}

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

struct Live {
    instance: EchartsInstance,
    observer: Option<web_sys::ResizeObserver>,
    _on_resize: Closure<dyn FnMut()>,
    _on_click: Option<Closure<dyn FnMut(JsValue)>>,
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
    let node = NodeRef::<Div>::new();
    let id = format!("chart-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let live: Rc<RefCell<Option<Live>>> = Rc::new(RefCell::new(None));
    let failed = RwSignal::new(false);

    let live_for_effect = live.clone();
    // The script tag loads ECharts with `defer`; if it is not there yet, try
    // again shortly rather than fail.
    let retries = RwSignal::new(0u32);
    Effect::new(move |_| {
        retries.track();
        // No animation: a tablet re-filtering while a chart still animates
        // would pay for both.
        let chart = option().animation(false);
        let Some(el) = node.get() else { return };
        let mut slot = live_for_effect.borrow_mut();
        if slot.is_none() {
            if !echarts_loaded() {
                if retries.get_untracked() < 50 {
                    set_timeout(
                        // try_: the page may be gone before ECharts arrives.
                        move || {
                            retries.try_update(|r| *r += 1);
                        },
                        std::time::Duration::from_millis(100),
                    );
                } else {
                    failed.set(true);
                }
                return;
            }
            let opts = js_sys::JSON::parse(r#"{"renderer":"canvas"}"#).unwrap_or(JsValue::NULL);
            let Ok(instance) = echarts_init(&el, JsValue::NULL, opts) else {
                failed.set(true);
                return;
            };
            let instance_for_resize: EchartsInstance = instance.clone().unchecked_into();
            let on_resize = Closure::<dyn FnMut()>::new(move || {
                let _ = instance_for_resize.resize();
            });
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let Some(o) = &observer {
                o.observe(&el);
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
            *slot = Some(Live {
                instance,
                observer,
                _on_resize: on_resize,
                _on_click: click,
            });
        }
        if let (Some(live), Some(js)) = (slot.as_ref(), to_js(&chart)) {
            // Replace the data-bearing parts so a series or axis that
            // disappeared does not linger, but keep the tooltip and grid:
            // re-creating the HTML tooltip (as notMerge would) forces a
            // synchronous layout on every update.
            let opts = js_sys::JSON::parse(
                r#"{"replaceMerge":["series","xAxis","yAxis","visualMap","legend"]}"#,
            )
            .unwrap_or(JsValue::NULL);
            let _ = live.instance.set_option(js, opts);
        }
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

    view! {
        <div class="chart-box">
            <div
                id=id
                node_ref=node
                class="chart"
                role="img"
                aria-label=move || label.get()
                style=format!("height:{height}px")
            ></div>
            <Show when=move || failed.get()>
                <p class="muted">{move || label.get()}</p>
            </Show>
        </div>
    }
}
