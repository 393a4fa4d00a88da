//! Any JSON backend over HTTP, e.g. json-server serving the generated db.json.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::config::RestConfig;
use super::error::ApiError;
use super::outbox::Op;
use super::resource::{decode_text, unwrap_envelope, Record, Resource};
use super::Precondition;

thread_local! {
    /// The version of each record as the backend last reported it (a row's
    /// `version` field on a read, or a write's `ETag`), in `If-Match` form.
    static ETAGS: RefCell<HashMap<(Resource, String), String>> = RefCell::new(HashMap::new());
}

/// The version the last read or write reported for one record.
pub fn known_version(resource: Resource, id: &str) -> Option<String> {
    ETAGS.with(|m| m.borrow().get(&(resource, id.to_string())).cloned())
}

/// A row's `version` as an `If-Match` value: a strong entity tag (`"7"`);
/// a string that already is an entity tag is kept as it is.
pub fn row_version(row: &Value) -> Option<String> {
    match row.get("version")? {
        Value::Number(n) => Some(format!("\"{n}\"")),
        Value::String(s) if s.starts_with('"') || s.starts_with("W/\"") => Some(s.clone()),
        Value::String(s) if !s.is_empty() && !s.contains('"') => Some(format!("\"{s}\"")),
        _ => None,
    }
}

/// (id, version) of every row of a collection body that has both.
pub fn row_versions(
    body: &str,
    envelope: Option<&str>,
    resource: Resource,
) -> Vec<(String, String)> {
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        return Vec::new();
    };
    let Ok(Value::Array(rows)) = unwrap_envelope(value, envelope, resource) else {
        return Vec::new();
    };
    rows.iter()
        .filter_map(|row| {
            let id = row.get("id")?.as_str()?.to_string();
            Some((id, row_version(row)?))
        })
        .collect()
}

fn remember_version(resource: Resource, id: &str, version: Option<String>) {
    ETAGS.with(|m| {
        let mut m = m.borrow_mut();
        match version {
            Some(v) => m.insert((resource, id.to_string()), v),
            None => m.remove(&(resource, id.to_string())),
        };
    });
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
    let rows = decode_text(&text, config.envelope.as_deref(), resource)?;
    if resource.editable() {
        // What was read is what the user edits: its versions guard the writes.
        for (id, version) in row_versions(&text, config.envelope.as_deref(), resource) {
            remember_version(resource, &id, Some(version));
        }
    }
    Ok(rows)
}

/// What the backend holds now for one record: its `ETag`, else its `version`.
/// Used only to overwrite on purpose after a conflict.
async fn current_version(config: &RestConfig, resource: Resource, id: &str) -> Option<String> {
    let deadline = Deadline::new(config.timeout_ms);
    let builder = with_auth(Request::get(&config.item_url(resource, id)), config)
        .abort_signal(deadline.signal().as_ref());
    let (response, text) = send(builder.build(), &deadline, config).await.ok()?;
    response.headers().get("ETag").or_else(|| {
        let body: Value = serde_json::from_str(&text).ok()?;
        let row =
            unwrap_envelope(body.clone(), config.envelope.as_deref(), resource).unwrap_or(body);
        row_version(&row)
    })
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
    precondition: Precondition,
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
    let if_match = match (op, precondition) {
        (Op::Create, _) => None,
        (_, Precondition::Based(base)) => base.or_else(|| known_version(resource, id)),
        (_, Precondition::Overwrite) => current_version(config, resource, id).await,
    };
    if let Some(tag) = if_match {
        builder = builder.header("If-Match", &tag);
    }
    builder = with_auth(builder, config).abort_signal(deadline.signal().as_ref());
    let request = match value {
        Some(v) => builder.json(v),
        None => builder.build(),
    };
    let (response, text) = send(request, &deadline, config).await?;
    if op == Op::Delete {
        remember_version(resource, id, None);
        return Ok(None);
    }
    let body_version = serde_json::from_str::<Value>(&text).ok().and_then(|body| {
        let row =
            unwrap_envelope(body.clone(), config.envelope.as_deref(), resource).unwrap_or(body);
        row_version(&row)
    });
    remember_version(
        resource,
        id,
        response.headers().get("ETag").or(body_version),
    );
    // Prefer the backend's copy; a backend that answers with an empty or
    // different body still accepted the user's version.
    Ok(
        decode_text::<T>(&text, config.envelope.as_deref(), resource)
            .or_else(|_| decode_text::<T>(&text, None, resource))
            .ok()
            .or_else(|| value.cloned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn row_versions_become_strong_entity_tags() {
        assert_eq!(
            row_version(&json!({"version": 7})).as_deref(),
            Some("\"7\"")
        );
        assert_eq!(
            row_version(&json!({"version": "v17"})).as_deref(),
            Some("\"v17\"")
        );
        assert_eq!(
            row_version(&json!({"version": "\"a\""})).as_deref(),
            Some("\"a\"")
        );
        assert_eq!(
            row_version(&json!({"version": "W/\"a\""})).as_deref(),
            Some("W/\"a\"")
        );
        assert_eq!(row_version(&json!({"version": ""})), None);
        assert_eq!(row_version(&json!({"version": null})), None);
        assert_eq!(row_version(&json!({"updatedAt": "2026-01-01"})), None);
    }

    #[test]
    fn versions_are_read_from_rows_inside_the_envelope() {
        let body = r#"{"data":{"items":[{"id":"a","version":2},{"id":"b"},{"version":3}]}}"#;
        assert_eq!(
            row_versions(body, Some("data.items"), Resource::Feedback),
            vec![("a".to_string(), "\"2\"".to_string())]
        );
        assert!(row_versions("not json", None, Resource::Feedback).is_empty());
        assert!(row_versions(r#"{"a":1}"#, None, Resource::Feedback).is_empty());
    }
}
