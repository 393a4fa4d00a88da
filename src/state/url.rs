//! The view state in the URL's hash query: one small API every page reads
//! and writes it through ([`ViewUrl`]), and the code that keeps the `route`
//! signal and the address bar in step.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::context::Ctx;
use super::route::Route;

/// The current view's query parameters, read and changed by key. Reads are
/// tracked and see the page's own view of the URL ([`Ctx::view_route`]);
/// writes start from the address bar's view and open a new history entry
/// (back returns to the previous view), except [`ViewUrl::set_in_place`].
/// An empty value removes its key.
#[derive(Clone, Copy)]
pub struct ViewUrl(pub(super) Ctx);

impl ViewUrl {
    /// One parameter, if present.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0.with_view_route(|r| r.get(key).map(str::to_string))
    }

    /// The parameters through a parser that never fails (unknown or bad
    /// values fall back to its defaults), e.g. `CockpitQuery::from_params`.
    pub fn read<T>(&self, parse: impl FnOnce(&BTreeMap<String, String>) -> T) -> T {
        self.0.with_view_route(|r| parse(&r.params))
    }

    /// As [`ViewUrl::read`], from the address bar and untracked: for event
    /// handlers that change the view relative to what it is now.
    pub fn read_untracked<T>(&self, parse: impl FnOnce(&BTreeMap<String, String>) -> T) -> T {
        self.0.route.with_untracked(|r| parse(&r.params))
    }

    pub fn set(&self, key: &str, value: &str) {
        self.push(|r| r.with(key, value));
    }

    /// Several parameters in one history entry.
    pub fn set_many(&self, pairs: &[(&str, &str)]) {
        self.push(|r| r.with_all(pairs));
    }

    /// Changes the current history entry instead of adding one, e.g. on
    /// every keystroke in a search box.
    pub fn set_in_place(&self, key: &str, value: &str) {
        let next = self.0.route.get_untracked().with(key, value);
        replace(self.0.route, next);
    }

    /// Sets `key` to `value`, or removes it when it holds `value` already.
    pub fn toggle(&self, key: &str, value: &str) {
        self.push(|r| r.toggled(key, value));
    }

    pub fn clear<'a>(&self, keys: impl IntoIterator<Item = &'a str>) {
        self.push(|r| r.without_all(keys));
    }

    /// Every parameter: the area's default view.
    pub fn clear_all(&self) {
        self.push(|r| Route::new(r.area));
    }

    /// The whole query at once, for a page that writes its state as one
    /// typed query (keys it does not write are dropped).
    pub fn set_query(&self, params: BTreeMap<String, String>) {
        self.push(|r| Route {
            area: r.area,
            params,
        });
    }

    fn push(&self, change: impl FnOnce(&Route) -> Route) {
        let next = self.0.route.with_untracked(change);
        push(self.0.route, next);
    }
}

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
fn push(route: RwSignal<Route>, next: Route) {
    write(&next, false);
    route.set(next);
}

/// Changes the current entry in place, e.g. while typing in a search box.
fn replace(route: RwSignal<Route>, next: Route) {
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
