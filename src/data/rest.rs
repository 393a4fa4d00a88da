//! Any JSON backend over HTTP, e.g. json-server serving the generated db.json.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::config::RestConfig;
use super::error::ApiError;
use super::outbox::Op;
use super::resource::{decode_text, Record, Resource};

thread_local! {
    /// ETags the backend gave for single records, sent back as If-Match.
    static ETAGS: RefCell<HashMap<(Resource, String), String>> = RefCell::new(HashMap::new());
}

/// Aborts the request after the timeout, or when the caller's owner is
/// cleaned up (the user navigated away).
struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    fired: Rc<RefCell<bool>>,
    _callback: Option<Closure<dyn FnMut()>>,
}

impl Deadline {
    fn new(ms: u32) -> Deadline {
        let controller = web_sys::AbortController::new().ok();
        let fired = Rc::new(RefCell::new(false));
        let (timer, callback) = match (&controller, web_sys::window()) {
            (Some(c), Some(w)) => {
                let c = c.clone();
                let flag = fired.clone();
                let cb = Closure::<dyn FnMut()>::new(move || {
                    *flag.borrow_mut() = true;
                    c.abort();
                });
                let id = w
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        cb.as_ref().unchecked_ref(),
                        i32::try_from(ms).unwrap_or(i32::MAX),
                    )
                    .ok();
                (id, Some(cb))
            }
            _ => (None, None),
        };
        if let Some(c) = controller.clone() {
            let c = send_wrapper::SendWrapper::new(c);
            leptos::prelude::on_cleanup(move || c.abort());
        }
        Deadline {
            controller,
            timer,
            fired,
            _callback: callback,
        }
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    fn timed_out(&self) -> bool {
        *self.fired.borrow()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.timer, web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

fn with_auth(builder: RequestBuilder, config: &RestConfig) -> RequestBuilder {
    let builder = builder.header("Accept", "application/json");
    match config
        .token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
        None => builder,
    }
}

async fn send(
    request: Result<Request, gloo_net::Error>,
    deadline: &Deadline,
    config: &RestConfig,
) -> Result<(Response, String), ApiError> {
    let request = request.map_err(|e| ApiError::Network(e.to_string()))?;
    let response = match request.send().await {
        Ok(r) => r,
        Err(_) if deadline.timed_out() => {
            return Err(ApiError::Timeout {
                ms: config.timeout_ms,
            })
        }
        Err(e) => return Err(ApiError::Network(e.to_string())),
    };
    let text = match response.text().await {
        Ok(t) => t,
        Err(_) if deadline.timed_out() => {
            return Err(ApiError::Timeout {
                ms: config.timeout_ms,
            })
        }
        Err(e) => return Err(ApiError::Network(e.to_string())),
    };
    if !response.ok() {
        return Err(ApiError::Http {
            status: response.status(),
            detail: text.chars().take(200).collect(),
        });
    }
    Ok((response, text))
}

pub async fn list<T: DeserializeOwned>(
    config: &RestConfig,
    resource: Resource,
) -> Result<Vec<T>, ApiError> {
    config.validate()?;
    let deadline = Deadline::new(config.timeout_ms);
    let builder = with_auth(Request::get(&config.collection_url(resource)), config)
        .abort_signal(deadline.signal().as_ref());
    let (_, text) = send(builder.build(), &deadline, config).await?;
    decode_text(&text, config.envelope.as_deref(), resource)
}

/// The body of one GET as text (used for folders of WeChat files).
pub async fn get_text(config: &RestConfig, url: &str) -> Result<String, ApiError> {
    config.validate()?;
    let deadline = Deadline::new(config.timeout_ms);
    let builder = with_auth(Request::get(url), config).abort_signal(deadline.signal().as_ref());
    let (_, text) = send(builder.build(), &deadline, config).await?;
    Ok(text)
}

/// Creates, replaces or deletes one record; returns the backend's version.
pub async fn save<T: Record>(
    config: &RestConfig,
    op: Op,
    id: &str,
    value: Option<&T>,
    force: bool,
) -> Result<Option<T>, ApiError> {
    config.validate()?;
    let resource = T::RESOURCE;
    let deadline = Deadline::new(config.timeout_ms);
    let url = match op {
        Op::Create => config.collection_url(resource),
        Op::Update | Op::Delete => config.item_url(resource, id),
    };
    let mut builder = match op {
        Op::Create => Request::post(&url),
        Op::Update => Request::put(&url),
        Op::Delete => Request::delete(&url),
    };
    let etag = ETAGS.with(|m| m.borrow().get(&(resource, id.to_string())).cloned());
    if let (Some(tag), false, false) = (etag, force, op == Op::Create) {
        builder = builder.header("If-Match", &tag);
    }
    builder = with_auth(builder, config).abort_signal(deadline.signal().as_ref());
    let request = match value {
        Some(v) => builder.json(v),
        None => builder.build(),
    };
    let (response, text) = send(request, &deadline, config).await?;
    ETAGS.with(|m| {
        let mut m = m.borrow_mut();
        match (op, response.headers().get("ETag")) {
            (Op::Delete, _) | (_, None) => m.remove(&(resource, id.to_string())),
            (_, Some(tag)) => m.insert((resource, id.to_string()), tag),
        }
    });
    if op == Op::Delete {
        return Ok(None);
    }
    // Prefer the backend's copy; a backend that answers with an empty or
    // different body still accepted the user's version.
    Ok(
        decode_text::<T>(&text, config.envelope.as_deref(), resource)
            .or_else(|_| decode_text::<T>(&text, None, resource))
            .ok()
            .or_else(|| value.cloned()),
    )
}
