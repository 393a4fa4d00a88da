//! The firing-alerts count in the top bar (on every screen) and the panel it
//! opens: each firing rule with its value, since when, and a link to the
//! view that shows the breach.

use leptos::prelude::*;

use crate::components::form::Dialog;
use crate::domain::health::alerts::breach_view;
use crate::i18n::Lang;
use crate::pages::health::{describe_value, watch_label};
use crate::state::alerts::use_alerts;
use crate::state::context::use_ctx;
use crate::state::route::{Area, Route};

/// The hash a breach links to, built from the domain's area slug and params.
fn breach_href(area: &str, params: &[(&'static str, String)]) -> String {
    let area = Area::from_slug(area).unwrap_or(Area::Health);
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Route::new(area).with_all(&pairs).to_hash()
}

#[component]
pub fn AlertsButton() -> impl IntoView {
    let ctx = use_ctx();
    let alerts = use_alerts();
    let open = RwSignal::new(false);
    let count = Memo::new(move |_| alerts.map(|a| a.firing()).unwrap_or(0));
    let label = move || match ctx.lang.get() {
        Lang::Zh => format!("告警 {}", count.get()),
        Lang::En => format!("Alerts {}", count.get()),
    };
    // Read after the visible "告警 N": what N counts.
    let more = move || match ctx.lang.get() {
        Lang::Zh => "(正在告警的规则,查看列表)",
        Lang::En => " (rules firing: show the list)",
    };
    view! {
        <button
            type="button"
            class=move || { if count.get() > 0 { "alerts-btn alerts-firing" } else { "alerts-btn" } }
            aria-haspopup="dialog"
            data-testid="alerts-button"
            on:click=move |_| open.set(true)
        >
            <span>{label}</span>
            <span class="sr-only">{more}</span>
            <span class="alerts-count" data-testid="alert-count" hidden=true>{move || count.get().to_string()}</span>
        </button>
        <Show when=move || open.get()>
            <AlertsPanel on_close=Callback::new(move |()| open.set(false)) />
        </Show>
    }
}

/// The firing count beside the health entry of the navigation.
#[component]
pub fn NavCount() -> impl IntoView {
    let ctx = use_ctx();
    let alerts = use_alerts();
    let count = Memo::new(move |_| alerts.map(|a| a.firing()).unwrap_or(0));
    view! {
        <Show when=move || { count.get() > 0 }>
            <span class="nav-count" data-testid="nav-alert-count">
                <span aria-hidden="true">{move || count.get().to_string()}</span>
                <span class="sr-only">{move || match ctx.lang.get() {
                    Lang::Zh => format!("({} 条告警)", count.get()),
                    Lang::En => format!(" ({} firing)", count.get()),
                }}</span>
            </span>
        </Show>
    }
}

#[component]
fn AlertsPanel(on_close: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    let alerts = use_alerts();
    let rows = move || {
        let lang = ctx.lang.get();
        let Some(a) = alerts else {
            return Vec::new();
        };
        let statuses = a.statuses.try_get().unwrap_or_default();
        statuses
            .iter()
            .filter(|s| s.firing())
            .map(|s| {
                let (area, params) = breach_view(s, a.as_of);
                let href = breach_href(area, &params);
                let sev = s.rule.severity;
                let since = s.eval.since.map(|d| d.to_string()).unwrap_or_default();
                let value = describe_value(&s.rule, s.eval.value, lang);
                let what = watch_label(&s.rule.watch, lang);
                view! {
                    <li class=format!("alert-item sev-{}", sev.id()) data-rule=s.rule.id.clone()>
                        <span class="badge">{sev.label(lang)}</span>
                        <a href=href on:click=move |_| on_close.run(())>{s.rule.name.clone()}</a>
                        <span class="muted small">{what}" · "{value}" · "{lang.tr("告警开始于 ", "firing since ")}{since}</span>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Dialog title_id="alerts-title" title=move || ctx.tr("正在告警的规则", "Firing alerts") on_close>
            {move || {
                let items = rows();
                if items.is_empty() {
                    view! { <p class="muted" data-testid="no-alerts">{move || ctx.tr("当前没有告警。", "Nothing is firing.")}</p> }.into_any()
                } else {
                    view! { <ul class="alert-list" data-testid="alert-list">{items}</ul> }.into_any()
                }
            }}
            <p><a href="#/health?panel=rules" on:click=move |_| on_close.run(())>{move || ctx.tr("管理告警规则", "Manage alert rules")}</a></p>
        </Dialog>
    }
}
