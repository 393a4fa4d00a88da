//! The QR-code registry (二维码台账) of `#/channels?tab=qr`: every offline
//! code with its results over the shared period, scans by camera against
//! codes forwarded as an image, print cost, and codes that stopped bringing
//! visits; create, edit, retire and delete through the outbox; and a
//! printable A4 sheet per store. URL: `code=<id|new>` opens the editor,
//! `store=<name>` the print sheet; the period is the shared controls' one.

mod editor;
mod image;
mod list;
mod sheet;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::{keep_optional, DataView, Missing, PartialNotice, PeriodControls};
use crate::data::outbox::overlay;
use crate::data::resource::Resource;
use crate::domain::channels::qr::model::{QrCode, QrResult};
use crate::state::context::use_ctx;
use crate::state::loading::{backend_resource, list_resource, ListResource};

/// The results and what failed to load of them (the registry works without).
#[derive(Clone, Default)]
pub struct Results {
    pub rows: std::sync::Arc<Vec<QrResult>>,
    pub missing: Missing,
}

/// The last day the figures can speak for: the newest result, else yesterday.
pub(crate) fn last_day(results: &[QrResult]) -> NaiveDate {
    let today = crate::state::clock::today();
    results
        .iter()
        .map(|r| r.date)
        .filter(|d| *d <= today)
        .max()
        .unwrap_or_else(|| today.pred_opt().unwrap_or(today))
}

/// The registry, as its own component: the channels page mounts it under
/// `tab=qr`.
#[component]
pub fn QrRegistry() -> impl IntoView {
    let ctx = use_ctx();
    let codes: ListResource<QrCode> = list_resource::<QrCode>(ctx);
    let results = backend_resource(
        ctx,
        |b| async move {
            let mut missing = Vec::new();
            let rows = keep_optional(
                b.list::<QrResult>().await,
                Resource::QrResults,
                &mut missing,
            );
            Results {
                rows: std::sync::Arc::new(rows),
                missing,
            }
        },
        Results::default,
    );
    // Beside the resource, so they live as long as it does.
    let rows = Signal::derive(move || results.get().map(|r| r.rows).unwrap_or_default());
    let missing = Signal::derive(move || results.get().map(|r| r.missing).unwrap_or_default());
    let printing = Memo::new(move |_| ctx.url().get("store").filter(|s| !s.is_empty()));
    view! {
        <section class="qr-registry" aria-labelledby="qr-title">
            <h2 id="qr-title" class:qr-hide-print=true>{move || ctx.tr("门店二维码台账", "Store QR-code registry")}</h2>
            <p class="muted qr-hide-print">{move || ctx.tr(
                "每张桌贴、海报、小票和橱窗上的小程序码:扫码带来的访问、新用户与订单,印制成本,以及超过 30 天没有访问的码。",
                "Every mini-program code on a table card, poster, receipt or shop window: the visits, new users and orders it brought, what it cost to print, and codes without a visit for 30 days.",
            )}</p>
            <Show when=move || printing.get().is_none()>
                <PeriodControls id_prefix="qr" />
            </Show>
            <PartialNotice
                missing=missing
                on_retry=Callback::new(move |_| results.refetch())
                effect=("各二维码的访问与转化数据暂缺", "the codes' visits and conversions are missing")
            />
            <DataView resource=codes render={move |server: Vec<QrCode>| view! { <Registry server codes rows printing /> }} />
        </section>
    }
}

#[component]
fn Registry(
    server: Vec<QrCode>,
    codes: ListResource<QrCode>,
    rows: Signal<std::sync::Arc<Vec<QrResult>>>,
    printing: Memo<Option<String>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let server = StoredValue::new(server);
    // What the user sees: the server's codes with unsent edits laid over.
    let shown = Memo::new(move |_| server.with_value(|s| ctx.outbox.with(|ob| overlay(s, ob))));
    let items =
        Memo::new(move |_| shown.with(|s| s.iter().map(|s| s.item.clone()).collect::<Vec<_>>()));
    view! {
        {move || match printing.get() {
            Some(store) => view! { <sheet::PrintSheet store items /> }.into_any(),
            None => view! { <list::CodeTable shown items rows /> }.into_any(),
        }}
        <editor::CodeEditor items codes />
    }
}
