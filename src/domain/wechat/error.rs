//! What can go wrong with one saved WeChat response, in words.
//!
//! WeChat answers errors with HTTP 200 and a body `{"errcode": N, "errmsg":
//! "..."}` in place of the data. The meanings below follow WeChat's global
//! return-code list (全局返回码); `errmsg` is kept for diagnostics but the
//! sentence shown is ours, in the user's language.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
#[serde(tag = "kind", content = "info", rename_all = "camelCase")]
pub enum WechatError {
    /// WeChat refused the call: its `errcode` and `errmsg`.
    #[error("WeChat errcode {code}: {errmsg}")]
    Api { code: i64, errmsg: String },
    /// The file is not JSON or not the interface's shape; `path` names the field.
    #[error("cannot read {file} at {path}: {detail}")]
    Decode {
        file: String,
        path: String,
        detail: String,
    },
    /// The file listed in index.json could not be fetched (the reason, in words).
    #[error("cannot load {file}: {en}")]
    Unreachable {
        file: String,
        zh: String,
        en: String,
    },
    /// A `ref_date` (or a file name) that is not a date WeChat would send.
    #[error("bad date “{0}”")]
    BadDate(String),
}

impl WechatError {
    pub fn code(&self) -> Option<i64> {
        match self {
            WechatError::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// A sentence for the user: what happened and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (WechatError::Api { code, .. }, lang) => {
                format!("{}{}", code_meaning(*code, lang), code_suffix(*code, lang))
            }
            (WechatError::Decode { file, path, .. }, Lang::Zh) => {
                format!("微信数据文件“{file}”格式不对:字段 {path} 无法识别。")
            }
            (WechatError::Decode { file, path, .. }, Lang::En) => {
                format!("The WeChat data file “{file}” has an unexpected shape at field {path}.")
            }
            (WechatError::Unreachable { file, zh, .. }, Lang::Zh) => {
                format!("无法读取微信数据文件“{file}”:{zh}")
            }
            (WechatError::Unreachable { file, en, .. }, Lang::En) => {
                format!("Could not load the WeChat data file “{file}”: {en}")
            }
            (WechatError::BadDate(d), Lang::Zh) => format!("无法识别的日期“{d}”。"),
            (WechatError::BadDate(d), Lang::En) => format!("Unrecognised date “{d}”."),
        }
    }
}

fn code_suffix(code: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("(微信错误码 {code})"),
        Lang::En => format!(" (WeChat errcode {code})"),
    }
}

/// The meaning of a WeChat `errcode`, in words; unknown codes say so.
pub fn code_meaning(code: i64, lang: Lang) -> String {
    let known = match code {
        -1 => Some(lang.tr(
            "微信系统繁忙,稍后重试即可。",
            "WeChat was busy; retrying later is enough.",
        )),
        40001 => Some(lang.tr(
            "access_token 无效:AppSecret 不对,或令牌已被新令牌取代。",
            "The access token is invalid: a wrong AppSecret, or the token was replaced by a newer one.",
        )),
        42001 => Some(lang.tr(
            "access_token 已过期,需要重新获取。",
            "The access token has expired and must be fetched again.",
        )),
        45009 => Some(lang.tr(
            "今天的接口调用次数已用完(每日配额),这一天会在下次运行时补取。",
            "Today's API call quota is used up; this day is fetched again on the next run.",
        )),
        61500 => Some(lang.tr(
            "日期格式错误:begin_date/end_date 应为 yyyymmdd。",
            "Wrong date format: begin_date/end_date must be yyyymmdd.",
        )),
        61501 => Some(lang.tr(
            "日期范围错误:超出该接口允许的范围(如只能查询昨天及以前、只能查一天/一周/一个月)。",
            "Date range not allowed for this interface (e.g. only up to yesterday, or exactly one day/week/month).",
        )),
        _ => None,
    };
    match (known, lang) {
        (Some(s), _) => s.to_string(),
        (None, Lang::Zh) => "微信返回了一个未列出的错误码,这一天没有数据。".to_string(),
        (None, Lang::En) => {
            "WeChat returned an error code not listed here; this day has no data.".to_string()
        }
    }
}

/// Codes after which the same call may succeed later (busy, quota, token).
pub fn is_retryable(code: i64) -> bool {
    matches!(code, -1 | 40001 | 42001 | 45009)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: i64) -> WechatError {
        WechatError::Api {
            code,
            errmsg: "reach max api daily quota limit rid: 6747-1".into(),
        }
    }

    #[test]
    fn each_documented_code_has_its_own_words_in_both_languages() {
        let codes = [-1, 40001, 42001, 45009, 61500, 61501];
        let mut seen = std::collections::HashSet::new();
        for code in codes {
            for lang in [Lang::Zh, Lang::En] {
                let text = api(code).message(lang);
                assert!(text.contains(&code.to_string()), "{text}");
                assert!(
                    seen.insert(code_meaning(code, lang)),
                    "duplicate meaning for {code}"
                );
                // errmsg is diagnostics only, never shown.
                assert!(!text.contains("rid:"), "{text}");
            }
        }
        assert!(api(45009).message(Lang::Zh).contains("配额"));
        assert!(api(45009).message(Lang::En).contains("quota"));
        assert!(api(61500).message(Lang::En).contains("yyyymmdd"));
        assert!(api(40001).message(Lang::Zh).contains("access_token"));
    }

    #[test]
    fn unknown_codes_say_so() {
        let zh = api(48001).message(Lang::Zh);
        assert!(zh.contains("未列出") && zh.contains("48001"), "{zh}");
        assert!(api(48001).message(Lang::En).contains("not listed"));
        assert!(is_retryable(45009) && is_retryable(-1) && !is_retryable(61500));
    }

    #[test]
    fn decode_errors_name_the_file_and_field() {
        let e = WechatError::Decode {
            file: "getDailyVisitTrend/20261127.json".into(),
            path: "list[0].visit_uv".into(),
            detail: "invalid type".into(),
        };
        assert!(e.message(Lang::En).contains("list[0].visit_uv"));
        assert!(e
            .message(Lang::Zh)
            .contains("getDailyVisitTrend/20261127.json"));
    }
}
