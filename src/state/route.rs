//! The view state in the URL: `#/<area>?key=value&…`.
//!
//! Hash routing keeps every view a shareable link that reloads on any static
//! host under any sub-path, with no server rewrite rules. Parsing is pure and
//! never fails: unknown areas fall back to the default, bad escapes are kept.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Area {
    #[default]
    Cockpit,
    Feedback,
    Calendar,
    Campaigns,
    Experience,
    Channels,
    Health,
    Roadmap,
    Settings,
}

impl Area {
    pub const ALL: &'static [Area] = &[
        Area::Cockpit,
        Area::Feedback,
        Area::Calendar,
        Area::Campaigns,
        Area::Experience,
        Area::Channels,
        Area::Health,
        Area::Roadmap,
        Area::Settings,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Area::Cockpit => "cockpit",
            Area::Feedback => "feedback",
            Area::Calendar => "calendar",
            Area::Campaigns => "campaigns",
            Area::Experience => "experience",
            Area::Channels => "channels",
            Area::Health => "health",
            Area::Roadmap => "roadmap",
            Area::Settings => "settings",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Area> {
        Area::ALL.iter().copied().find(|a| a.slug() == slug)
    }
}

/// One view: the area plus its parameters (period, filters, selection).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    pub area: Area,
    pub params: BTreeMap<String, String>,
}

impl Route {
    pub fn new(area: Area) -> Self {
        Route {
            area,
            params: BTreeMap::new(),
        }
    }

    /// Parses `#/area?x=1` (the leading `#` and `/` are optional).
    pub fn parse(hash: &str) -> Route {
        let s = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = s.split_once('?').unwrap_or((s, ""));
        let area = Area::from_slug(path.trim_end_matches('/')).unwrap_or_default();
        let mut params = BTreeMap::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode(k), decode(v));
            if !k.is_empty() && !v.is_empty() {
                params.insert(k, v);
            }
        }
        Route { area, params }
    }

    /// The canonical hash, params sorted so equal views give equal links.
    pub fn to_hash(&self) -> String {
        let mut out = format!("#/{}", self.area.slug());
        let mut sep = '?';
        for (k, v) in &self.params {
            out.push(sep);
            out.push_str(&encode(k));
            out.push('=');
            out.push_str(&encode(v));
            sep = '&';
        }
        out
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.params.get(key).map(String::as_str)
    }

    /// The same view with one parameter set; an empty value removes it.
    pub fn with(&self, key: &str, value: &str) -> Route {
        let mut next = self.clone();
        if value.is_empty() {
            next.params.remove(key);
        } else {
            next.params.insert(key.to_string(), value.to_string());
        }
        next
    }

    pub fn without(&self, key: &str) -> Route {
        self.with(key, "")
    }

    /// The same view with several parameters set (empty values remove).
    pub fn with_all(&self, pairs: &[(&str, &str)]) -> Route {
        pairs.iter().fold(self.clone(), |r, (k, v)| r.with(k, v))
    }

    /// The same view without these parameters.
    pub fn without_all<'a>(&self, keys: impl IntoIterator<Item = &'a str>) -> Route {
        keys.into_iter().fold(self.clone(), |r, k| r.without(k))
    }

    /// Sets `key` to `value`, or removes it when it already holds `value`
    /// (clicking a selected bar again clears that filter).
    pub fn toggled(&self, key: &str, value: &str) -> Route {
        if self.get(key) == Some(value) {
            self.without(key)
        } else {
            self.with(key, value)
        }
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b',' | b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_unicode_and_reserved_characters() {
        let r = Route::new(Area::Feedback)
            .with("q", "煎饼 & 馃子=好")
            .with("status", "new");
        let hash = r.to_hash();
        assert_eq!(Route::parse(&hash), r);
        assert!(hash.starts_with("#/feedback?q="));
    }

    #[test]
    fn tolerates_garbage() {
        assert_eq!(Route::parse("").area, Area::Cockpit);
        assert_eq!(Route::parse("#/nowhere?x").area, Area::Cockpit);
        let r = Route::parse("#/settings?bad=%ZZ%E4&=x&y=");
        assert_eq!(r.area, Area::Settings);
        assert_eq!(r.get("bad"), Some("%ZZ\u{FFFD}"));
        assert_eq!(r.params.len(), 1);
    }

    #[test]
    fn set_toggle_and_clear() {
        let r = Route::new(Area::Cockpit).with_all(&[("sort", "pv"), ("asc", "1"), ("x", "")]);
        assert_eq!(r.to_hash(), "#/cockpit?asc=1&sort=pv");
        assert_eq!(
            r.without_all(["asc", "sort", "none"]),
            Route::new(Area::Cockpit)
        );
        let on = r.toggled("district", "heping");
        assert_eq!(on.get("district"), Some("heping"));
        assert_eq!(
            on.toggled("district", "nankai").get("district"),
            Some("nankai")
        );
        assert_eq!(on.toggled("district", "heping"), r);
    }

    #[test]
    fn empty_value_removes_a_param() {
        let r = Route::new(Area::Feedback).with("q", "a").with("q", "");
        assert!(r.params.is_empty());
    }
}
