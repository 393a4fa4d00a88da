//! Typed errors of every data source, and their wording for the user.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::Lang;

/// Serializable so that a failed edit keeps its reason across reloads.
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", content = "info", rename_all = "camelCase")]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, DNS, CORS, refused).
    #[error("network error: {0}")]
    Network(String),
    #[error("timed out after {ms} ms")]
    Timeout { ms: u32 },
    #[error("HTTP {status}")]
    Http { status: u16, detail: String },
    /// The answer arrived but does not fit the contract.
    #[error("cannot decode {resource} at {path}: {detail}")]
    Decode {
        resource: String,
        path: String,
        detail: String,
    },
    /// Browser storage is unavailable or holds something unreadable.
    #[error("storage: {0}")]
    Storage(String),
    /// Browser storage refused a write: it is full (its quota is used up).
    #[error("storage full: {0}")]
    StorageFull(String),
    /// The settings or config.json are unusable.
    #[error("configuration: {0}")]
    Config(String),
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Someone else changed the record since we read it (409 or 412).
    pub fn is_conflict(&self) -> bool {
        matches!(self.status(), Some(409 | 412))
    }

    /// Worth retrying as it is: nothing in the request itself was wrong.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network(_) | ApiError::Timeout { .. } => true,
            ApiError::Http { status, .. } => *status >= 500 || *status == 429 || *status == 408,
            _ => false,
        }
    }

    /// A sentence for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ApiError::Network(_), Lang::Zh) => {
                "无法连接到数据服务,请检查网络或服务器地址。".into()
            }
            (ApiError::Network(_), Lang::En) => {
                "Cannot reach the data service. Check the network or the server address.".into()
            }
            (ApiError::Timeout { ms }, Lang::Zh) => {
                format!("数据服务在 {} 秒内没有响应。", f64::from(*ms) / 1000.0)
            }
            (ApiError::Timeout { ms }, Lang::En) => format!(
                "The data service did not answer within {} s.",
                f64::from(*ms) / 1000.0
            ),
            (ApiError::Http { status, .. }, lang) => http_message(*status, lang),
            (ApiError::Decode { resource, path, .. }, Lang::Zh) => {
                format!("“{resource}”的数据格式不对:字段 {path} 无法识别。")
            }
            (ApiError::Decode { resource, path, .. }, Lang::En) => {
                format!("The “{resource}” data has an unexpected shape at field {path}.")
            }
            // No advice to reset here: a reset would also erase the edits.
            (ApiError::Storage(_), Lang::Zh) => "浏览器本地存储不可用或其中的数据无法读取。".into(),
            (ApiError::Storage(_), Lang::En) => {
                "Browser storage is unavailable, or what it holds cannot be read.".into()
            }
            (ApiError::StorageFull(_), Lang::Zh) => {
                "浏览器存储空间已满,这条修改无法写入本机存储。".into()
            }
            (ApiError::StorageFull(_), Lang::En) => {
                "The browser storage is full: this edit could not be written to it.".into()
            }
            (ApiError::Config(d), Lang::Zh) => format!("数据源配置有误:{d}"),
            (ApiError::Config(d), Lang::En) => format!("The data source settings are invalid: {d}"),
        }
    }
}

fn http_message(status: u16, lang: Lang) -> String {
    let (zh, en) = match status {
        401 => (
            "需要登录:访问令牌缺失或已过期。",
            "Sign-in needed: the access token is missing or expired.",
        ),
        403 => (
            "没有权限访问这些数据。",
            "You do not have permission for this data.",
        ),
        404 => (
            "数据服务上找不到这个资源,请检查资源路径。",
            "The data service has no such resource. Check the resource path.",
        ),
        409 | 412 => (
            "这条记录已被其他人修改。你的版本已保留,可覆盖或放弃。",
            "Someone else changed this record. Your version is kept: overwrite or discard it.",
        ),
        s if s >= 500 => (
            "数据服务出错了,请稍后重试。",
            "The data service failed. Try again shortly.",
        ),
        _ => (
            "数据服务拒绝了请求。",
            "The data service refused the request.",
        ),
    };
    format!("{} (HTTP {status})", lang.tr(zh, en))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_errors() {
        let conflict = ApiError::Http {
            status: 412,
            detail: String::new(),
        };
        assert!(conflict.is_conflict());
        assert!(!conflict.is_transient());
        assert!(ApiError::Timeout { ms: 8000 }.is_transient());
        assert!(ApiError::Http {
            status: 503,
            detail: String::new()
        }
        .is_transient());
    }

    #[test]
    fn messages_are_translated_and_name_the_field() {
        let e = ApiError::Decode {
            resource: "feedback".into(),
            path: "[2].status".into(),
            detail: "unknown variant".into(),
        };
        assert!(e.message(Lang::Zh).contains("[2].status"));
        assert!(e.message(Lang::En).contains("feedback"));
        let e = ApiError::Http {
            status: 401,
            detail: String::new(),
        };
        assert!(e.message(Lang::Zh).contains("令牌"));
        assert!(e.message(Lang::En).contains("HTTP 401"));
        let full = ApiError::StorageFull("outbox".into());
        assert!(full.message(Lang::Zh).contains("已满"));
        assert!(!full.message(Lang::Zh).contains("重置"));
        assert!(!ApiError::Storage("x".into())
            .message(Lang::Zh)
            .contains("重置"));
    }
}
