//! Listeners on the document that live as long as the app, added once per
//! page load. Leptos' own listeners are delegated, bubbling and passive;
//! these are for what they cannot do: a non-passive `touchmove` guard, a
//! capturing `scroll` watch (scroll events do not bubble).

use std::cell::Cell;
use std::thread::LocalKey;

use wasm_bindgen::{closure::Closure, JsCast};

/// How the listener is added.
#[derive(Debug, Clone, Copy)]
pub struct Listen {
    pub capture: bool,
    pub passive: bool,
}

/// Adds `handler` for `event` unless `installed` says it was added already;
/// sets `installed` once it is.
pub fn listen_once(
    installed: &'static LocalKey<Cell<bool>>,
    event: &str,
    how: Listen,
    handler: impl Fn(web_sys::Event) + 'static,
) {
    if installed.with(Cell::get) {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(how.capture);
    options.set_passive(how.passive);
    let added = doc.add_event_listener_with_callback_and_add_event_listener_options(
        event,
        handler.as_ref().unchecked_ref(),
        &options,
    );
    if added.is_ok() {
        // One listener for the app's lifetime.
        handler.forget();
        installed.with(|i| i.set(true));
    }
}
