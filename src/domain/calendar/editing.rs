//! Editing content: rescheduling and checking links.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::model::ContentItem;
use crate::domain::shared::labelled::labelled_enum;
use crate::i18n::Lang;

/// `item` rescheduled to `new_date` at the same time of day (drag and drop).
pub fn move_to(item: &ContentItem, new_date: NaiveDate) -> ContentItem {
    ContentItem {
        publish_at: new_date.and_time(item.publish_at.time()),
        ..item.clone()
    }
}

labelled_enum! {
    /// Why a link was refused.
    LinkError {
        Scheme = "scheme", "仅支持 http:// 或 https:// 开头的链接", "Only http:// and https:// links are allowed";
        NoHost = "no_host", "链接缺少域名", "The link has no host";
        Whitespace = "whitespace", "链接中不能有空格或换行", "Links cannot contain spaces or line breaks";
        TooLong = "too_long", "链接过长(最多 2000 个字符)", "The link is too long (2,000 characters at most)";
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

impl std::error::Error for LinkError {}

/// Checks a link typed by an operator. Empty means no link. Only absolute
/// http(s) URLs with a host pass: `javascript:` and `data:` would run or
/// smuggle content when clicked, and a relative link resolves against the
/// cockpit, not the article. Returns the trimmed link.
pub fn validate_link(s: &str) -> Result<Option<String>, LinkError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > 2000 {
        return Err(LinkError::TooLong);
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(LinkError::Whitespace);
    }
    let lower = s.to_ascii_lowercase();
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| s.get(p.len()..)).flatten())
        .ok_or(LinkError::Scheme)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // Credentials in a link (`user@host`) are a phishing trick; the host is
    // what follows the last `@`.
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        // IPv6 literal, e.g. [::1]:8080
        host_port
            .split(']')
            .next()
            .map_or("", |h| h.trim_start_matches('['))
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let valid = !host.is_empty()
        && !host.starts_with('.')
        && !host.starts_with('-')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    if !valid {
        return Err(LinkError::NoHost);
    }
    Ok(Some(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::test_support::{at, d, item};

    #[test]
    fn moving_keeps_the_time_of_day() {
        let it = item("1", at(2026, 3, 3, 18, 45));
        let moved = move_to(&it, d(2026, 3, 10));
        assert_eq!(moved.publish_at, at(2026, 3, 10, 18, 45));
        assert_eq!(moved.title, it.title);
        assert_eq!(moved.id, "1");
    }

    #[test]
    fn links_must_be_absolute_http() {
        assert_eq!(validate_link(""), Ok(None));
        assert_eq!(validate_link("   "), Ok(None));
        assert_eq!(
            validate_link(" https://mp.weixin.qq.com/s/abc?x=1#top "),
            Ok(Some("https://mp.weixin.qq.com/s/abc?x=1#top".into()))
        );
        assert!(validate_link("HTTP://Example.com").is_ok());
        assert!(validate_link("http://localhost:8080/a").is_ok());
        assert!(validate_link("http://[::1]:8080/").is_ok());
        assert!(validate_link("https://天津.中国/活动").is_ok());
        assert_eq!(validate_link("javascript:alert(1)"), Err(LinkError::Scheme));
        assert_eq!(
            validate_link("JavaScript://example.com/%0aalert(1)"),
            Err(LinkError::Scheme)
        );
        assert_eq!(
            validate_link("data:text/html,<b>x</b>"),
            Err(LinkError::Scheme)
        );
        assert_eq!(validate_link("/relative/path"), Err(LinkError::Scheme));
        assert_eq!(validate_link("//example.com"), Err(LinkError::Scheme));
        assert_eq!(validate_link("ftp://example.com"), Err(LinkError::Scheme));
        assert_eq!(validate_link("www.example.com"), Err(LinkError::Scheme));
        assert_eq!(validate_link("https://"), Err(LinkError::NoHost));
        assert_eq!(validate_link("https:///path"), Err(LinkError::NoHost));
        assert_eq!(validate_link("http://:80/"), Err(LinkError::NoHost));
        assert_eq!(
            validate_link("https://exa<mple.com"),
            Err(LinkError::NoHost)
        );
        assert_eq!(
            validate_link("https://a.com/x y"),
            Err(LinkError::Whitespace)
        );
        assert_eq!(
            validate_link("https://a.com/\r\nX: y"),
            Err(LinkError::Whitespace)
        );
        let long = format!("https://a.com/{}", "x".repeat(2000));
        assert_eq!(validate_link(&long), Err(LinkError::TooLong));
        assert!(!LinkError::Scheme.label(Lang::Zh).is_empty());
        assert_eq!(LinkError::NoHost.to_string(), "The link has no host");
    }
}
