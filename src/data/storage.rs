//! Browser storage. Everything is namespaced and versioned under `haihe.v1.`
//! so a future format can migrate instead of misreading old data.

use super::error::ApiError;

const PREFIX: &str = "haihe.v1.";

fn local() -> Result<web_sys::Storage, ApiError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| ApiError::Storage("localStorage is unavailable".into()))
}

fn session() -> Result<web_sys::Storage, ApiError> {
    web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .ok_or_else(|| ApiError::Storage("sessionStorage is unavailable".into()))
}

pub fn get(key: &str) -> Option<String> {
    local().ok()?.get_item(&format!("{PREFIX}{key}")).ok()?
}

/// The full key of one of ours, as other tabs see it in `storage` events.
pub fn full_key(key: &str) -> String {
    format!("{PREFIX}{key}")
}

/// Our key for a full key, if it is one of ours.
pub fn our_key(full: &str) -> Option<&str> {
    full.strip_prefix(PREFIX)
}

/// Writes one key. A refusal because the quota is used up is `StorageFull`
/// (the caller must then keep the data elsewhere and say so).
pub fn set(key: &str, value: &str) -> Result<(), ApiError> {
    local()?
        .set_item(&format!("{PREFIX}{key}"), value)
        .map_err(|e| {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
                ApiError::StorageFull(format!("{key} ({} characters)", value.len()))
            } else {
                ApiError::Storage(format!("could not save {key}: {name}"))
            }
        })
}

pub fn remove(key: &str) {
    if let Ok(s) = local() {
        let _ = s.remove_item(&format!("{PREFIX}{key}"));
    }
}

/// Removes every key of ours whose name starts with `prefix`.
pub fn remove_prefixed(prefix: &str) {
    let Ok(s) = local() else { return };
    let full = format!("{PREFIX}{prefix}");
    let len = s.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(&full))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}

/// Session storage: for the bearer token, which must never reach localStorage.
pub fn session_get(key: &str) -> Option<String> {
    session().ok()?.get_item(&format!("{PREFIX}{key}")).ok()?
}

pub fn session_set(key: &str, value: Option<&str>) {
    if let Ok(s) = session() {
        let k = format!("{PREFIX}{key}");
        let _ = match value {
            Some(v) => s.set_item(&k, v),
            None => s.remove_item(&k),
        };
    }
}
