//! Runtime configuration: `config.json` beside index.html (editable after
//! deployment), overridden by what the user saves on the Settings screen.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::resource::Resource;
use crate::domain::shared::labelled::labelled_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    #[default]
    Embedded,
    Rest,
}

labelled_enum! {
    /// The shape of a resource's responses: Haihe's own JSON contract, or the raw
    /// WeChat datacube files of docs/wechat.md (the path then names their folder).
    Shape {
        Haihe = "haihe", "海河 JSON 接口", "Haihe JSON";
        Wechat = "wechat", "微信数据文件", "WeChat files";
    }
}

// The macro derives everything but `Default`, which has to name its variant.
#[allow(clippy::derivable_impls)]
impl Default for Shape {
    fn default() -> Self {
        Shape::Haihe
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestConfig {
    pub base_url: String,
    /// Per-resource path overrides, e.g. `{"feedback": "/api/v1/feedback"}`.
    pub paths: BTreeMap<String, String>,
    /// Per-resource shapes beside the paths, e.g. `{"metrics": "wechat"}`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub shapes: BTreeMap<String, Shape>,
    /// Dotted path to the rows inside each response, e.g. `data.items`.
    pub envelope: Option<String>,
    pub timeout_ms: u32,
    /// Bearer token. Only ever held in memory or sessionStorage: `Settings`
    /// skips it when saving to localStorage.
    #[serde(skip_serializing)]
    pub token: Option<String>,
}

impl Default for RestConfig {
    fn default() -> Self {
        RestConfig {
            base_url: "http://127.0.0.1:3000".into(),
            paths: BTreeMap::new(),
            shapes: BTreeMap::new(),
            envelope: None,
            timeout_ms: 8000,
            token: None,
        }
    }
}

impl RestConfig {
    /// Full URL of a collection: base URL joined with its (overridable) path.
    pub fn collection_url(&self, resource: Resource) -> String {
        let path = self
            .paths
            .get(resource.key())
            .cloned()
            .unwrap_or_else(|| format!("/{}", resource.key()));
        if path.starts_with("http://") || path.starts_with("https://") {
            return path;
        }
        format!(
            "{}/{}",
            self.base_url.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }

    pub fn shape(&self, resource: Resource) -> Shape {
        self.shapes.get(resource.key()).copied().unwrap_or_default()
    }

    /// The "WeChat files" preset: traffic from a folder of WeChat datacube
    /// files written by scripts/wechat-fetch (e.g. `https://cdn.example.cn/haihe/wechat`).
    pub fn wechat_preset(base_url: &str, folder: &str) -> RestConfig {
        let mut rest = RestConfig {
            base_url: base_url.to_string(),
            ..RestConfig::default()
        };
        rest.paths
            .insert(Resource::Metrics.key().into(), folder.to_string());
        rest.shapes
            .insert(Resource::Metrics.key().into(), Shape::Wechat);
        rest
    }

    /// The preset plus the merchant's `orders` (docs/wechat.md §9), when a
    /// path is given: WeChat for traffic, the merchant's backend for orders.
    pub fn with_orders(mut self, path: &str) -> RestConfig {
        let path = path.trim();
        if !path.is_empty() {
            self.paths
                .insert(Resource::Orders.key().into(), path.to_string());
        }
        self
    }

    pub fn item_url(&self, resource: Resource, id: &str) -> String {
        format!(
            "{}/{}",
            self.collection_url(resource).trim_end_matches('/'),
            encode_path_segment(id)
        )
    }

    pub fn validate(&self) -> Result<(), ApiError> {
        let base = self.base_url.trim();
        if !(base.starts_with("http://") || base.starts_with("https://") || base.starts_with('/')) {
            return Err(ApiError::Config(format!(
                "base URL must start with http://, https:// or /: “{base}”"
            )));
        }
        if self.timeout_ms < 100 || self.timeout_ms > 120_000 {
            return Err(ApiError::Config(format!(
                "timeout must be 100–120000 ms, not {}",
                self.timeout_ms
            )));
        }
        Ok(())
    }
}

fn encode_path_segment(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Config {
    pub backend: BackendKind,
    pub rest: RestConfig,
}

impl Config {
    /// Parses config.json; every field is optional and falls back to a default.
    pub fn from_json(text: &str) -> Result<Config, ApiError> {
        let config: Config = serde_json::from_str(text)
            .map_err(|e| ApiError::Config(format!("config.json: {e}")))?;
        config.rest.validate()?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_config_with_defaults() {
        let c = Config::from_json(
            r#"{"backend":"rest","rest":{"baseUrl":"https://api.example.com/v1/"}}"#,
        )
        .unwrap();
        assert_eq!(c.backend, BackendKind::Rest);
        assert_eq!(c.rest.timeout_ms, 8000);
        assert_eq!(
            c.rest.collection_url(Resource::Feedback),
            "https://api.example.com/v1/feedback"
        );
        assert_eq!(Config::from_json("{}").unwrap(), Config::default());
    }

    #[test]
    fn path_overrides_and_item_urls() {
        let mut rest = RestConfig::default();
        rest.paths.insert("feedback".into(), "/api/fb".into());
        assert_eq!(
            rest.collection_url(Resource::Feedback),
            "http://127.0.0.1:3000/api/fb"
        );
        assert_eq!(
            rest.item_url(Resource::Feedback, "fb 1/2"),
            "http://127.0.0.1:3000/api/fb/fb%201%2F2"
        );
    }

    #[test]
    fn a_resource_can_be_wechat_shaped_beside_its_path() {
        let c = Config::from_json(
            r#"{"backend":"rest","rest":{"baseUrl":"https://cdn.example.cn/haihe","paths":{"metrics":"wechat"},"shapes":{"metrics":"wechat"}}}"#,
        )
        .unwrap();
        assert_eq!(c.rest.shape(Resource::Metrics), Shape::Wechat);
        assert_eq!(c.rest.shape(Resource::Feedback), Shape::Haihe);
        assert_eq!(
            c.rest.collection_url(Resource::Metrics),
            "https://cdn.example.cn/haihe/wechat"
        );
        assert_eq!(
            c.rest,
            RestConfig::wechat_preset("https://cdn.example.cn/haihe", "wechat")
        );
        assert!(Config::from_json(r#"{"rest":{"shapes":{"metrics":"csv"}}}"#).is_err());
        // The merchant's orders beside the WeChat folder; a blank path adds nothing.
        let both = RestConfig::wechat_preset("https://cdn.example.cn/haihe", "wechat")
            .with_orders(" /shop/orders.json ");
        assert_eq!(
            both.collection_url(Resource::Orders),
            "https://cdn.example.cn/haihe/shop/orders.json"
        );
        assert_eq!(both.shape(Resource::Orders), Shape::Haihe);
        assert_eq!(
            RestConfig::wechat_preset("/", "wechat").with_orders("  "),
            RestConfig::wechat_preset("/", "wechat")
        );
        // Plain configs do not grow a "shapes" key when saved.
        assert!(!serde_json::to_string(&Config::default())
            .unwrap()
            .contains("shapes"));
    }

    #[test]
    fn rejects_bad_values_and_never_serializes_the_token() {
        assert!(Config::from_json(r#"{"backend":"ftp"}"#).is_err());
        assert!(Config::from_json(r#"{"rest":{"baseUrl":"javascript:alert(1)"}}"#).is_err());
        assert!(Config::from_json(r#"{"rest":{"timeoutMs":5}}"#).is_err());
        let mut c = Config::default();
        c.rest.token = Some("secret".into());
        assert!(!serde_json::to_string(&c).unwrap().contains("secret"));
        let parsed = Config::from_json(r#"{"rest":{"token":"abc"}}"#).unwrap();
        assert_eq!(parsed.rest.token.as_deref(), Some("abc"));
    }
}
