//! Settings: language, the data source (embedded or REST), the unsynced
//! edits, and resetting the demo data.

mod demo;
mod wechat;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::ExportEdits;
use crate::components::{EmptyState, PendingBadge};
use crate::data::config::{BackendKind, Config, RestConfig};
use crate::data::outbox::Op;
use crate::data::resource::Resource;
use crate::data::Backend;
use crate::domain::feedback::model::Feedback;
use crate::i18n::words;
use crate::i18n::Lang;
use crate::state::context::{forget_settings, remember_token, save_settings, use_ctx};
use crate::state::edits::{discard, retry};
use demo::DemoDataCard;
use wechat::{with_shape, ShapeFields, SourceForm, WechatPreset};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Settings);
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("设置", "Settings")}</h1>
            </header>
            <div class="settings-grid">
                <LanguageCard />
                <DataSourceCard />
                <SyncCard />
                <DemoDataCard />
            </div>
        </section>
    }
}

#[component]
fn LanguageCard() -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <section class="card" aria-labelledby="lang-title">
            <h2 id="lang-title">{move || ctx.tr("界面语言", "Display language")}</h2>
            <label class="field" for="lang-select">
                <span class="field-label">{move || ctx.tr("语言", "Language")}</span>
                <select
                    id="lang-select"
                    on:change=move |ev| {
                        if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
                            ctx.set_lang(l);
                        }
                    }
                    prop:value=move || ctx.lang.get().code()
                >
                    <option value="zh" selected=move || ctx.lang.get() == Lang::Zh>"简体中文"</option>
                    <option value="en" selected=move || ctx.lang.get() == Lang::En>"English"</option>
                </select>
            </label>
        </section>
    }
}

/// Turns "feedback=/api/fb" lines into per-resource path overrides.
fn parse_paths(text: &str) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut out = std::collections::BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (k, v) = line
            .split_once('=')
            .ok_or_else(|| format!("“{line}”: expected resource=/path"))?;
        let (k, v) = (k.trim(), v.trim());
        if Resource::from_key(k).is_none() {
            return Err(format!("“{k}” is not a resource"));
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

fn format_paths(paths: &std::collections::BTreeMap<String, String>) -> String {
    paths
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[component]
fn DataSourceCard() -> impl IntoView {
    let ctx = use_ctx();
    let current = ctx
        .backend
        .get_untracked()
        .map(|b| b.config)
        .unwrap_or_default();
    let kind = RwSignal::new(current.backend);
    let base_url = RwSignal::new(current.rest.base_url.clone());
    let envelope = RwSignal::new(current.rest.envelope.clone().unwrap_or_default());
    let timeout = RwSignal::new(current.rest.timeout_ms.to_string());
    let paths = RwSignal::new(format_paths(&current.rest.paths));
    let shapes = StoredValue::new(current.rest.shapes.clone());
    let metrics_shape = RwSignal::new(current.rest.shape(Resource::Metrics));
    let token = RwSignal::new(current.rest.token.clone().unwrap_or_default());
    let keep_token = RwSignal::new(crate::state::context::session_token().is_some());
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let testing = RwSignal::new(false);

    let build = move || -> Result<Config, String> {
        let lang = ctx.lang.get_untracked();
        let timeout_ms = timeout.get_untracked().trim().parse::<u32>().map_err(|_| {
            lang.tr("超时须为整数毫秒", "Timeout must be whole milliseconds")
                .to_string()
        })?;
        let rest = RestConfig {
            base_url: base_url.get_untracked().trim().to_string(),
            paths: parse_paths(&paths.get_untracked())?,
            envelope: Some(envelope.get_untracked().trim().to_string()).filter(|e| !e.is_empty()),
            timeout_ms,
            token: Some(token.get_untracked().trim().to_string()).filter(|t| !t.is_empty()),
            // Shapes of resources Settings offers no control for stay as they are.
            shapes: with_shape(
                shapes.get_value(),
                Resource::Metrics,
                metrics_shape.get_untracked(),
            ),
        };
        rest.validate().map_err(|e| e.message(lang))?;
        Ok(Config {
            backend: kind.get_untracked(),
            rest,
        })
    };

    let apply = move |_| match build() {
        Ok(config) => {
            save_settings(&config);
            remember_token(if keep_token.get_untracked() {
                config.rest.token.as_deref()
            } else {
                None
            });
            ctx.backend.set(Some(Backend { config }));
            ctx.reload_all();
            message.set(Some((
                true,
                ctx.tr(
                    "已保存,数据将从新的数据源加载。",
                    "Saved. Data now loads from this source.",
                )
                .into(),
            )));
        }
        Err(e) => message.set(Some((false, e))),
    };

    let test = move |_| match build() {
        Ok(config) => {
            testing.set(true);
            message.set(None);
            spawn_local(async move {
                let backend = Backend { config };
                let result = backend.list::<Feedback>().await;
                let lang = ctx.lang.get_untracked();
                message.set(Some(match result {
                    Ok(rows) => (
                        true,
                        match lang {
                            Lang::Zh => format!("连接成功:读取到 {} 条反馈。", rows.len()),
                            Lang::En => format!("Connected: read {} feedback items.", rows.len()),
                        },
                    ),
                    Err(e) => (false, e.message(lang)),
                }));
                testing.set(false);
            });
        }
        Err(e) => message.set(Some((false, e))),
    };

    let restore = move |_| {
        forget_settings();
        remember_token(None);
        spawn_local(async move {
            let (config, error) = crate::state::context::load_config().await;
            ctx.config_error.set(error);
            kind.set(config.backend);
            base_url.set(config.rest.base_url.clone());
            envelope.set(config.rest.envelope.clone().unwrap_or_default());
            timeout.set(config.rest.timeout_ms.to_string());
            paths.set(format_paths(&config.rest.paths));
            shapes.set_value(config.rest.shapes.clone());
            metrics_shape.set(config.rest.shape(Resource::Metrics));
            token.set(String::new());
            ctx.backend.set(Some(Backend { config }));
            ctx.reload_all();
        });
    };

    let text_input = move |id: &'static str,
                           zh: &'static str,
                           en: &'static str,
                           sig: RwSignal<String>,
                           kind_attr: &'static str| {
        view! {
            <label class="field" for=id>
                <span class="field-label">{move || ctx.tr(zh, en)}</span>
                <input id=id type=kind_attr prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev)) autocomplete="off" />
            </label>
        }
    };

    let form = SourceForm {
        kind,
        base_url,
        paths,
        metrics_shape,
        message,
    };

    view! {
        <section class="card card-wide" aria-labelledby="source-title">
            <h2 id="source-title">{move || ctx.tr("数据源", "Data source")}</h2>
            {move || ctx.config_error.get().map(|e| view! {
                <p class="error-message" role="alert">{move || ctx.tr("config.json 无法使用,已改用默认设置:", "config.json could not be used; defaults apply: ")}{e.clone()}</p>
            })}
            <fieldset>
                <legend>{move || ctx.tr("使用哪个数据源", "Which data source")}</legend>
                <label class="radio">
                    <input type="radio" name="backend" prop:checked=move || kind.get() == BackendKind::Embedded on:change=move |_| kind.set(BackendKind::Embedded) />
                    <span>{move || ctx.tr("内置演示数据(无需服务器,保存在本浏览器)", "Embedded demo data (no server; kept in this browser)")}</span>
                </label>
                <label class="radio">
                    <input type="radio" name="backend" prop:checked=move || kind.get() == BackendKind::Rest on:change=move |_| kind.set(BackendKind::Rest) />
                    <span>{move || ctx.tr("REST / JSON 数据服务", "REST / JSON backend")}</span>
                </label>
            </fieldset>
            <WechatPreset form parse_paths format_paths />
            <div class="rest-fields" hidden=move || kind.get() != BackendKind::Rest>
                {text_input("rest-base", "服务地址", "Base URL", base_url, "url")}
                {text_input("rest-envelope", "数据所在路径(可选,如 data.items)", "Envelope path (optional, e.g. data.items)", envelope, "text")}
                {text_input("rest-timeout", "超时(毫秒)", "Timeout (ms)", timeout, "number")}
                <label class="field" for="rest-paths">
                    <span class="field-label">{move || ctx.tr("资源路径覆盖(每行 资源=路径)", "Resource paths (one resource=/path per line)")}</span>
                    <textarea id="rest-paths" rows="3" placeholder="feedback=/api/v1/feedback" prop:value=move || paths.get() on:input=move |ev| paths.set(event_target_value(&ev))></textarea>
                </label>
                <ShapeFields form />
                {text_input("rest-token", "访问令牌(可选,Bearer)", "Access token (optional, Bearer)", token, "password")}
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || keep_token.get() on:change=move |ev| keep_token.set(event_target_checked(&ev)) />
                    <span>{move || ctx.tr("在本标签页会话中记住令牌(不会写入长期存储)", "Remember the token for this tab session (never in long-term storage)")}</span>
                </label>
            </div>
            <div class="form-actions">
                <button type="button" class="btn btn-primary" on:click=apply>{move || ctx.tr("保存并使用", "Save and use")}</button>
                <button type="button" class="btn" on:click=test disabled=move || testing.get() || kind.get() != BackendKind::Rest>
                    {move || if testing.get() { ctx.tr("正在测试…", "Testing…") } else { ctx.tr("测试连接", "Test connection") }}
                </button>
                <button type="button" class="btn btn-ghost" on:click=restore>{move || ctx.tr("恢复 config.json 默认值", "Restore config.json defaults")}</button>
            </div>
            {move || message.get().map(|(ok, text)| view! {
                <p class=if ok { "notice notice-ok" } else { "notice notice-error" } role="status">{text}</p>
            })}
        </section>
    }
}

#[component]
fn SyncCard() -> impl IntoView {
    let ctx = use_ctx();
    let edits = Memo::new(move |_| ctx.outbox.with(|ob| ob.edits.clone()));
    view! {
        <section class="card card-wide" id="sync" aria-labelledby="sync-title">
            <h2 id="sync-title">{move || ctx.tr("未同步的修改", "Unsynced edits")}</h2>
            <Show
                when=move || edits.with(|e| !e.is_empty())
                fallback=move || view! { <EmptyState title=Signal::derive(move || ctx.tr("所有修改都已同步。", "Every edit is synced.").to_string()) /> }
            >
                <p class="muted">{move || ctx.tr(
                    "可将这些修改复制或下载保存到别处(JSON),以防本浏览器无法保存它们。",
                    "Copy or download these edits (JSON) to keep them elsewhere, in case this browser cannot hold them.",
                )}</p>
                <ExportEdits />
                <ul class="outbox-list">
                    <For
                        each=move || edits.get()
                        key=|e| (e.seq, format!("{:?}", e.state), e.unsaved)
                        children=move |e| {
                            let seq = e.seq;
                            let unsaved = e.unsaved;
                            let conflict = matches!(e.state, crate::data::outbox::EditState::Conflict { .. });
                            let op = e.op;
                            let resource = e.resource.clone();
                            let error = e.error().cloned();
                            view! {
                                <li class="outbox-item">
                                    <div>
                                        <strong>{e.label.clone()}</strong>
                                        " "
                                        <span class="muted">
                                            {move || {
                                                let verb = match op {
                                                    Op::Create => ctx.tr("新建", "create"),
                                                    Op::Update => ctx.tr("修改", "update"),
                                                    Op::Delete => ctx.tr("删除", "delete"),
                                                };
                                                format!("{verb} · {resource}")
                                            }}
                                        </span>
                                        " "
                                        <PendingBadge state=e.state.clone() />
                                        {unsaved.then(|| view! {
                                            <span class="badge badge-failed unsaved-badge">{move || ctx.tr("仅在此页面,存储已满", "Only in this page: storage full")}</span>
                                        })}
                                        {error.map(|err| view! { <p class="muted">{move || err.message(ctx.lang.get())}</p> })}
                                    </div>
                                    <div class="form-actions">
                                        <button type="button" class="btn" on:click=move |_| retry(ctx, seq, conflict)>
                                            {move || if conflict { ctx.tr("覆盖", "Overwrite") } else { words::retry(ctx.lang.get()) }}
                                        </button>
                                        <button type="button" class="btn btn-ghost" on:click=move |_| discard(ctx, seq)>
                                            {move || ctx.tr("放弃", "Discard")}
                                        </button>
                                    </div>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
        </section>
    }
}
