//! Promotion channels (`#/channels`): a placeholder until the area's screen lands;
//! it shows the QR-code registry meanwhile (the channel table mounts it under `tab=qr`).

pub mod qr;

use leptos::prelude::*;

use crate::state::context::use_ctx;

#[component]
pub fn ChannelsPage() -> impl IntoView {
    let ctx = use_ctx();
    crate::state::context::provide_page_route(crate::state::route::Area::Channels);
    view! {
        <section class="page" aria-labelledby="page-title">
            <header class="page-header">
                <h1 id="page-title">{move || ctx.tr("推广渠道", "Promotion channels")}</h1>
                <p class="page-lede">{move || ctx.tr(
                    "免费筑基,付费加速:比较各渠道的成本、触达与回报。",
                    "Free channels lay the foundation, paid ones accelerate: compare every channel on cost, reach and return.",
                )}</p>
            </header>
            <qr::QrRegistry />
        </section>
    }
}
