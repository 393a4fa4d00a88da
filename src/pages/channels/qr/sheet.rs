//! The printable sheet of one store (`store=<name>` in the URL): a card per
//! active code with its QR image, where it goes and a short call to action,
//! laid out for A4 portrait (style: `.qr-sheet`, `@page qrsheet`).

use leptos::prelude::*;

use super::image::QrImage;
use crate::domain::channels::qr::model::{QrCode, QrKind};
use crate::domain::channels::qr::{encoded_text, sheet};
use crate::i18n::Lang;
use crate::state::context::use_ctx;

/// What the card asks the passer-by to do, by where it hangs.
fn call_to_action(kind: QrKind, lang: Lang) -> &'static str {
    match kind {
        QrKind::TableCard => lang.tr(
            "微信扫一扫 · 在座位上点单,积分自动累计",
            "Scan with WeChat to order from your seat and collect points",
        ),
        QrKind::Receipt => lang.tr(
            "扫码加入会员,下次到店享优惠",
            "Scan to join as a member and save on your next visit",
        ),
        QrKind::Window | QrKind::Poster | QrKind::Flyer => lang.tr(
            "扫码查看本店新品和活动",
            "Scan for this store's new dishes and offers",
        ),
        QrKind::Other => lang.tr(
            "微信扫一扫,进入津味坊小程序",
            "Scan with WeChat to open 津味坊",
        ),
    }
}

#[component]
pub fn PrintSheet(store: String, items: Memo<Vec<QrCode>>) -> impl IntoView {
    let ctx = use_ctx();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let title = store.clone();
    let cards = move || {
        let lang = ctx.lang.get();
        let codes: Vec<QrCode> =
            items.with(|all| sheet(all, &store).into_iter().cloned().collect());
        if codes.is_empty() {
            return view! {
                <p class="notice" role="status">{lang.tr("这家门店没有使用中的二维码。", "This store has no active QR codes.")}</p>
            }
            .into_any();
        }
        view! {
            <ul class="qr-cards">
                {codes.into_iter().map(|c| {
                    let text = encoded_text(&c);
                    let label = match lang {
                        Lang::Zh => format!("{} {}的小程序码", c.store, c.kind.label(lang)),
                        Lang::En => format!("Mini-program code: {} {}", c.store, c.kind.label(lang)),
                    };
                    view! {
                        <li class="qr-card" data-id=c.id.clone()>
                            <QrImage text label />
                            <p class="qr-cta">{call_to_action(c.kind, lang)}</p>
                            <p class="qr-where"><strong>{c.store.clone()}</strong>" · "{c.kind.label(lang)}</p>
                            <p class="qr-meta small"><code>{c.scene.clone()}</code>" · "{c.id.clone()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="qr-sheet" aria-labelledby="qr-sheet-title" data-testid="qr-sheet">
            <header class="qr-sheet-header">
                <h3 id="qr-sheet-title">{move || match ctx.lang.get() {
                    Lang::Zh => format!("{title} · 二维码打印物料"),
                    Lang::En => format!("{title} · QR codes to print"),
                }}</h3>
                <div class="form-actions qr-hide-print">
                    <button type="button" class="btn btn-primary" on:click=print>{move || ctx.tr("打印", "Print")}</button>
                    <button type="button" class="btn" on:click=move |_| ctx.url().clear(["store"])>{move || ctx.tr("返回台账", "Back to the registry")}</button>
                </div>
            </header>
            <p class="muted small qr-hide-print">{move || ctx.tr(
                "每张卡片一个使用中的二维码,按 A4 纵向排版;打印前请在打印设置中选择“实际大小”。",
                "One card per active code, laid out for A4 portrait; choose “actual size” when printing.",
            )}</p>
            {cards}
        </section>
    }
}
