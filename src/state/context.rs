//! App-wide state shared through context: language, URL view, backend and
//! the outbox of unsynced edits. Each is persisted where it belongs.

use leptos::prelude::*;

use super::route::Route;
use crate::data::config::{BackendKind, Config};
use crate::data::outbox::Outbox;
use crate::data::{outbox_sync, storage, Backend};
use crate::i18n::Lang;

#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    /// None until config.json has been read.
    pub backend: RwSignal<Option<Backend>>,
    /// Why config.json could not be used, shown in Settings.
    pub config_error: RwSignal<Option<String>>,
    pub outbox: RwSignal<Outbox>,
    /// Bumped to make every page fetch again (backend switched, data reset).
    pub generation: RwSignal<u32>,
}

pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}

/// The URL as one page sees it: it stops changing once the user leaves that
/// page, so nothing on the outgoing page recomputes while it is torn down
/// (which would read state that is already disposed).
#[derive(Clone, Copy)]
pub struct PageRoute(pub Memo<Route>);

/// Gives the page being built its own view of the URL; call once per page.
pub fn provide_page_route(area: super::route::Area) {
    let ctx = use_ctx();
    let memo = Memo::new(move |prev: Option<&Route>| {
        let r = ctx.route.get();
        match prev {
            Some(p) if r.area != area => p.clone(),
            _ => r,
        }
    });
    provide_context(PageRoute(memo));
}

impl Ctx {
    pub fn tr(&self, zh: &'static str, en: &'static str) -> &'static str {
        self.lang.get().tr(zh, en)
    }

    /// The current view's URL state, tracked. Inside a page this is the
    /// page's own [`PageRoute`].
    pub fn view_route(&self) -> Route {
        match use_context::<PageRoute>() {
            Some(PageRoute(memo)) => memo.get(),
            None => self.route.get(),
        }
    }

    /// As [`Ctx::view_route`], read in place instead of cloned: a cockpit
    /// filter change has hundreds of such reads.
    pub fn with_view_route<T>(&self, f: impl FnOnce(&Route) -> T) -> T {
        match use_context::<PageRoute>() {
            Some(PageRoute(memo)) => memo.with(f),
            None => self.route.with(f),
        }
    }

    /// The view state in the URL, read and written by key.
    pub fn url(&self) -> super::url::ViewUrl {
        super::url::ViewUrl(*self)
    }

    pub fn reload_all(&self) {
        self.generation.update(|g| *g = g.wrapping_add(1));
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        let _ = storage::set("lang", lang.code());
    }

    /// Changes the outbox the way every tab must: on the copy stored right
    /// now (another tab may have added or removed entries), written back at
    /// once. What storage refuses stays in this page, marked unsaved.
    pub fn change_outbox<R>(&self, change: impl FnOnce(&mut Outbox) -> R) -> R {
        let stored = storage::get(OUTBOX_KEY);
        let memory = self.outbox.get_untracked();
        let (next, result, _) =
            outbox_sync::read_modify_write(stored.as_deref(), &memory, change, |json| {
                storage::set(OUTBOX_KEY, json)
            });
        self.outbox.set(next);
        result
    }

    /// Another tab changed the stored outbox.
    pub fn adopt_stored_outbox(&self) {
        let stored = storage::get(OUTBOX_KEY);
        let next = self
            .outbox
            .with_untracked(|memory| outbox_sync::adopt(stored.as_deref(), memory));
        if self.outbox.with_untracked(|m| *m != next) {
            self.outbox.set(next);
        }
    }
}

pub fn initial_lang() -> Lang {
    storage::get("lang")
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default()
}

/// The outbox's key in localStorage (`haihe.v1.outbox`).
pub const OUTBOX_KEY: &str = "outbox";

/// The stored outbox at start-up. Nothing is in flight after a reload, so
/// entries left "sending" are marked failed, in storage too (a tab still
/// sending one corrects it when its answer arrives).
pub fn initial_outbox() -> Outbox {
    let stored = storage::get(OUTBOX_KEY);
    let (outbox, (), _) = outbox_sync::read_modify_write(
        stored.as_deref(),
        &Outbox::default(),
        |ob| *ob = std::mem::take(ob).after_reload(),
        |json| match stored.as_deref() {
            Some(old) if old != json => storage::set(OUTBOX_KEY, json),
            _ => Ok(()),
        },
    );
    outbox
}

/// What the user saved on the Settings screen (never the token).
pub fn saved_settings() -> Option<Config> {
    storage::get("settings").and_then(|t| serde_json::from_str(&t).ok())
}

pub fn save_settings(config: &Config) {
    if let Ok(json) = serde_json::to_string(config) {
        let _ = storage::set("settings", &json);
    }
}

pub fn forget_settings() {
    storage::remove("settings");
}

/// The token typed on the Settings screen, if the user asked to keep it for
/// this tab; otherwise it lives only in memory.
pub fn session_token() -> Option<String> {
    storage::session_get("token")
}

pub fn remember_token(token: Option<&str>) {
    storage::session_set("token", token);
}

/// config.json, then the saved settings on top, then the session token.
pub async fn load_config() -> (Config, Option<String>) {
    let (base, error) = match fetch_config_json().await {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e)),
    };
    let mut config = saved_settings().unwrap_or(base.clone());
    config.rest.token = session_token().or(base.rest.token);
    if config.backend == BackendKind::Rest && config.rest.validate().is_err() {
        config.backend = BackendKind::Embedded;
    }
    (config, error)
}

async fn fetch_config_json() -> Result<Config, String> {
    let response = gloo_net::http::Request::get("config.json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if response.status() == 404 {
        // No config.json is a valid deployment: the embedded backend it is.
        return Ok(Config::default());
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    Config::from_json(&text).map_err(|e| e.to_string())
}
