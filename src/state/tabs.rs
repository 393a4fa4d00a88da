//! Tabs in step. Every tab hears the others' writes (the `storage` event)
//! and adopts them: the shared outbox, and on the embedded backend the
//! stored collections.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::context::{Ctx, OUTBOX_KEY};
use crate::data::config::BackendKind;
use crate::data::embedded::store;
use crate::data::storage;

/// Listens, for the page's lifetime, to other tabs' storage writes.
pub fn listen_other_tabs(ctx: Ctx) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
        // `key` is null when another tab cleared the whole storage.
        let full = js_sys::Reflect::get(&ev, &"key".into())
            .ok()
            .and_then(|k| k.as_string());
        let key = match &full {
            Some(f) => match storage::our_key(f) {
                Some(k) => Some(k),
                None => return,
            },
            None => None,
        };
        if key.is_none() || key == Some(OUTBOX_KEY) {
            ctx.adopt_stored_outbox();
        }
        let embedded = ctx
            .backend
            .with_untracked(|b| b.as_ref().map(|b| b.kind()) == Some(BackendKind::Embedded));
        let data = key.is_none_or(|k| k.starts_with("data."));
        if embedded && data && store::refresh_from_storage(key) {
            ctx.reload_all();
        }
    });
    let _ = window.add_event_listener_with_callback("storage", cb.as_ref().unchecked_ref());
    cb.forget();
}
