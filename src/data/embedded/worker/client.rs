//! The app's side: starts the demo-data worker the first time the embedded
//! backend needs a collection, and awaits its answers.
//!
//! Trunk builds the worker (`data-type="worker"` in index.html) unhashed
//! beside index.html, with `scripts/web/demo-worker-start.js` to start it,
//! so the URL is fixed.
//! If the worker cannot start (its files missing, offline before they were
//! cached) every waiting request fails as a network error, which the pages
//! show with a retry; the next request starts a fresh worker.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, MessageEvent, Worker};

use super::protocol::{Generated, Request, FAILED, READY};
use crate::data::error::ApiError;

const WORKER_URL: &str = "./demo-worker-start.js";
/// Generous: a throttled tablet generates the year of demo data in seconds.
const TIMEOUT_MS: i32 = 60_000;

struct Pending {
    resolve: js_sys::Function,
    reject: js_sys::Function,
    timer: Option<i32>,
}

struct Client {
    worker: Worker,
    /// Requests wait here until the worker says it is listening: a message
    /// posted while its wasm still loads would be lost.
    queue: Option<Vec<String>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    static PENDING: RefCell<BTreeMap<u32, Pending>> = const { RefCell::new(BTreeMap::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn take_pending(id: u32) -> Option<Pending> {
    let pending = PENDING.with(|m| m.borrow_mut().remove(&id))?;
    if let (Some(timer), Some(window)) = (pending.timer, web_sys::window()) {
        window.clear_timeout_with_handle(timer);
    }
    Some(pending)
}

fn settle(id: u32, result: Result<JsValue, JsValue>) {
    let Some(pending) = take_pending(id) else {
        return;
    };
    let _ = match result {
        Ok(value) => pending.resolve.call1(&JsValue::NULL, &value),
        Err(why) => pending.reject.call1(&JsValue::NULL, &why),
    };
}

/// Fails every waiting request and lets the next one start a new worker.
fn fail_all(why: &str) {
    let ids: Vec<u32> = PENDING.with(|m| m.borrow().keys().copied().collect());
    for id in ids {
        settle(id, Err(JsValue::from_str(why)));
    }
    if let Some(client) = CLIENT.with(|c| c.borrow_mut().take()) {
        client.worker.terminate();
        // Dropped later: this may run inside one of its own closures.
        wasm_bindgen_futures::spawn_local(async move { drop(client) });
    }
}

/// The worker is listening: send what waited.
fn on_ready() {
    CLIENT.with(|cell| {
        if let Some(client) = cell.borrow_mut().as_mut() {
            for text in client.queue.take().unwrap_or_default() {
                let _ = client.worker.post_message(&JsValue::from_str(&text));
            }
        }
    });
}

fn on_answer(event: MessageEvent) {
    let data = event.data();
    match data.as_string() {
        Some(text) if text == READY => return on_ready(),
        Some(text) if text.starts_with(FAILED) => return fail_all(&text),
        _ => {}
    }
    let Ok(answer) = data.dyn_into::<js_sys::Array>() else {
        return;
    };
    let Some(id) = answer.get(0).as_f64() else {
        return;
    };
    let body = answer.get(2);
    let result = if answer.get(1).as_bool() == Some(true) {
        Ok(body)
    } else {
        Err(body)
    };
    settle(id as u32, result);
}

fn start() -> Result<Client, ApiError> {
    let worker = Worker::new(WORKER_URL)
        .map_err(|e| ApiError::Network(format!("demo data worker: {e:?}")))?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(on_answer);
    let on_error = Closure::<dyn FnMut(Event)>::new(|_: Event| {
        fail_all("the demo data worker failed to start");
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Client {
        worker,
        queue: Some(Vec::new()),
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn post(text: &str) -> Result<(), ApiError> {
    CLIENT.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(start()?);
        }
        match slot.as_mut() {
            Some(Client {
                queue: Some(queue), ..
            }) => {
                queue.push(text.to_owned());
                Ok(())
            }
            Some(client) => client
                .worker
                .post_message(&JsValue::from_str(text))
                .map_err(|e| ApiError::Network(format!("demo data worker: {e:?}"))),
            None => Err(ApiError::Network("demo data worker missing".into())),
        }
    })
}

/// The generated rows of one collection.
pub async fn generated(mut req: Request) -> Result<Generated, ApiError> {
    req.id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    });
    let id = req.id;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let timer = web_sys::window().and_then(|w| {
            let expire = Closure::once_into_js(move || {
                settle(
                    id,
                    Err(JsValue::from_str("the demo data worker did not answer")),
                )
            });
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                expire.unchecked_ref(),
                TIMEOUT_MS,
            )
            .ok()
        });
        PENDING.with(|m| {
            m.borrow_mut().insert(
                id,
                Pending {
                    resolve,
                    reject,
                    timer,
                },
            )
        });
    });
    if let Err(e) = post(&req.encode()) {
        // Never awaited, so it is dropped unsettled (no unhandled rejection).
        take_pending(id);
        return Err(e);
    }
    match JsFuture::from(promise).await {
        Ok(body) => match body.as_string() {
            Some(json) => Ok(Generated::Json(json)),
            None => body
                .dyn_into::<js_sys::Float64Array>()
                .map(|numbers| Generated::PackedMetrics(numbers.to_vec()))
                .map_err(|_| ApiError::Network("demo data worker: unreadable answer".into())),
        },
        Err(why) => Err(ApiError::Network(format!(
            "demo data worker: {}",
            why.as_string().unwrap_or_default()
        ))),
    }
}
