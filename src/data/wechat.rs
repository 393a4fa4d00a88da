//! A folder of raw WeChat datacube files (docs/wechat.md) as a data source:
//! `index.json` first (a static server cannot list folders), then every file
//! it names, merged by the pure `domain::wechat::dataset`. A file that cannot
//! be fetched is a problem of its days, not of the whole screen.

use futures::future::join_all;

use super::config::{BackendKind, RestConfig, Shape};
use super::error::ApiError;
use super::resource::Resource;
use super::rest;
use super::Backend;
use crate::domain::wechat::dataset::{classify, FileProblem, Manifest, WechatData};
use crate::domain::wechat::error::WechatError;
use crate::i18n::Lang;

/// Traffic comes from a folder of WeChat datacube files: the cockpit and
/// the channel screen then read WeChat's shapes (docs/wechat.md).
pub fn is_wechat(backend: Option<&Backend>) -> bool {
    backend.is_some_and(|b| {
        b.kind() == BackendKind::Rest && b.config.rest.shape(Resource::Metrics) == Shape::Wechat
    })
}

/// Only plain relative paths are followed: index.json cannot send the app
/// to another origin or up the tree.
pub fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains("..")
        && !path.contains(':')
        && !path.contains('\\')
        && path.ends_with(".json")
}

pub async fn load(config: &RestConfig) -> Result<WechatData, ApiError> {
    let folder = config.collection_url(Resource::Metrics);
    let folder = folder.trim_end_matches('/');
    let index = rest::get_text(config, &format!("{folder}/index.json")).await?;
    let manifest: Manifest = serde_json::from_str(&index).map_err(|e| ApiError::Decode {
        resource: "wechat/index.json".into(),
        path: "(root)".into(),
        detail: e.to_string(),
    })?;
    let files: Vec<String> = manifest
        .files
        .into_iter()
        .filter(|f| safe_path(f))
        .collect();
    let urls: Vec<String> = files.iter().map(|f| format!("{folder}/{f}")).collect();
    let bodies = join_all(urls.iter().map(|url| rest::get_text(config, url))).await;
    let mut data = WechatData::default();
    for (file, body) in files.iter().zip(bodies) {
        match body {
            Ok(text) => data.add(file, &text),
            Err(e) => {
                let (interface, covers) = classify(file);
                data.problems.push(FileProblem {
                    file: file.clone(),
                    interface,
                    covers,
                    error: WechatError::Unreachable {
                        file: file.clone(),
                        zh: e.message(Lang::Zh),
                        en: e.message(Lang::En),
                    },
                });
            }
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::safe_path;

    #[test]
    fn only_relative_json_paths_are_followed() {
        assert!(safe_path("getDailyVisitTrend/20261127.json"));
        for bad in [
            "",
            "/etc/passwd.json",
            "../secret.json",
            "https://evil.example/x.json",
            "getVisitPage/20261127.txt",
            "a\\b.json",
        ] {
            assert!(!safe_path(bad), "{bad}");
        }
    }
}
