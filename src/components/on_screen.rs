//! Renders a section only once it is about to scroll into view: until then a
//! placeholder of about its height keeps the page's length (and the scroll
//! bar) steady. Once rendered it stays, and updates like any other view.
//!
//! Why: a section nobody has scrolled to costs nothing on first paint nor on
//! every filter change (the cockpit's lower rows were most of the re-render
//! work on a throttled tablet). Printing must show everything, so the
//! browser's `beforeprint` renders every waiting section, and
//! [`render_all_then`] does the same before the app's own Print button opens
//! the dialog.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    // Bound here rather than through web-sys features: a new web-sys
    // feature rebuilds every crate that depends on web-sys.
    type IntersectionObserver;

    #[wasm_bindgen(catch, constructor)]
    fn new(callback: &js_sys::Function, options: &JsValue)
        -> Result<IntersectionObserver, JsValue>;

    #[wasm_bindgen(method)]
    fn observe(this: &IntersectionObserver, target: &web_sys::Element);

    #[wasm_bindgen(method)]
    fn disconnect(this: &IntersectionObserver);
}

thread_local! {
    // Set for good once the page is printed (or about to be): owned by no
    // component, so it outlives the sections that read it.
    static PRINTING: RefCell<Option<ArcRwSignal<bool>>> = const { RefCell::new(None) };
}

/// True once printing started; the first call listens for `beforeprint`.
fn printing() -> ArcRwSignal<bool> {
    PRINTING.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let flag = ArcRwSignal::new(false);
                let set = flag.clone();
                let on_print = Closure::<dyn FnMut()>::new(move || set.set(true));
                if let Some(w) = web_sys::window() {
                    let _ = w.add_event_listener_with_callback(
                        "beforeprint",
                        on_print.as_ref().unchecked_ref(),
                    );
                }
                // The listener lives as long as the page.
                on_print.forget();
                flag
            })
            .clone()
    })
}

/// Renders every waiting section, then runs `then` once they are on the
/// page and their charts drawn (charts wait to be scrolled to as well, and
/// may still need ECharts): `window.print()` called straight from a click
/// would lay out the print before any of that. Gives up waiting after 3 s.
pub fn render_all_then(then: impl FnOnce() + 'static) {
    let flag = printing();
    if flag.get_untracked() {
        then();
        return;
    }
    flag.set(true);
    when_charts_drawn(then, 60);
}

/// A chart not drawn yet: on the page, not failed, no option drawn.
fn chart_pending() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(r#".chart[data-draws="0"]:not([hidden])"#)
                .ok()
        })
        .flatten()
        .is_some()
}

/// Effects run in microtasks; a timer fires after them, and after a chart's
/// draw (one animation frame and a timer later).
fn when_charts_drawn(then: impl FnOnce() + 'static, tries_left: u32) {
    set_timeout(
        move || {
            if tries_left == 0 || !chart_pending() {
                then();
            } else {
                when_charts_drawn(then, tries_left - 1);
            }
        },
        Duration::from_millis(50),
    );
}

/// Sees whether `el` is within `margin_px` of the viewport; calls `on_seen`
/// the first time it is. The observer is returned so it can be dropped.
fn watch(el: &web_sys::Element, margin_px: u32, on_seen: impl Fn() + 'static) -> Option<Watch> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let seen = entries.iter().any(|e| {
            js_sys::Reflect::get(&e, &JsValue::from_str("isIntersecting"))
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
        });
        if seen {
            on_seen();
        }
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &JsValue::from_str("rootMargin"),
        &JsValue::from_str(&format!("{margin_px}px 0px")),
    );
    let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref(), &options).ok()?;
    observer.observe(el);
    Some(Watch {
        observer,
        _callback: callback,
    })
}

struct Watch {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

/// Turns true, for good, once `node`'s element comes within `margin` pixels
/// of the viewport, or when the page is printed; at once without
/// IntersectionObserver. For anything costly that nobody has scrolled to yet:
/// a lower section ([`OnScreen`]), a chart (`chart.rs`).
pub fn seen(node: NodeRef<Div>, margin: u32) -> Memo<bool> {
    let near = RwSignal::new(false);
    let print = printing();
    let shown = Memo::new(move |_| near.get() || print.get());
    let watching: Rc<RefCell<Option<Watch>>> = Rc::new(RefCell::new(None));
    let for_effect = watching.clone();
    Effect::new(move |_| {
        if shown.get() {
            if let Some(w) = for_effect.borrow_mut().take() {
                w.observer.disconnect();
            }
            return;
        }
        let Some(el) = node.get() else { return };
        if for_effect.borrow().is_some() {
            return;
        }
        let w = watch(&el, margin, move || {
            let _ = near.try_set(true);
        });
        if w.is_none() {
            near.set(true);
        }
        *for_effect.borrow_mut() = w;
    });
    let for_cleanup = send_wrapper::SendWrapper::new(watching);
    on_cleanup(move || {
        if let Some(w) = for_cleanup.borrow_mut().take() {
            w.observer.disconnect();
        }
    });
    shown
}

/// The children, rendered when the placeholder comes within `margin` pixels
/// of the viewport (or when printing). Without IntersectionObserver they
/// render at once.
#[component]
pub fn OnScreen(
    /// A class of the placeholder that gives it about the section's height
    /// (in CSS, so that it can follow the layout's breakpoints).
    placeholder: &'static str,
    #[prop(default = 300)] margin: u32,
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let shown = seen(node, margin);
    view! {
        <Show
            when=move || shown.get()
            fallback=move || view! {
                <div class=format!("on-screen-placeholder {placeholder}") node_ref=node aria-hidden="true"></div>
            }
        >
            {children()}
        </Show>
    }
}
