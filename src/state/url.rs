//! Keeps the `route` signal and the address bar in step.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::route::Route;

pub fn current() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

/// Updates the signal on back/forward and on hand-edited links.
pub fn listen(route: RwSignal<Route>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let cb = Closure::<dyn FnMut()>::new(move || {
        let next = current();
        if route.get_untracked() != next {
            route.set(next);
        }
    });
    let _ = window.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    cb.forget();
}

/// Opens a view as a new history entry (back returns to the previous one).
pub fn push(route: RwSignal<Route>, next: Route) {
    write(&next, false);
    route.set(next);
}

/// Changes the current entry in place, e.g. while typing in a search box.
pub fn replace(route: RwSignal<Route>, next: Route) {
    write(&next, true);
    route.set(next);
}

fn write(next: &Route, replace: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = next.to_hash();
    if window.location().hash().ok().as_deref() == Some(hash.as_str()) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash))
        };
    }
}
