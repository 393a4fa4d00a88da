//! The period controls every area shares: presets, custom range,
//! comparison and granularity, all kept in the URL (`period`, `from`, `to`,
//! `compare`, `grain`; read them with `PeriodQuery::from_params`).

use leptos::prelude::*;

use crate::domain::shared::period::{Comparison, Granularity, Preset};
use crate::i18n::words;
use crate::state::context::use_ctx;

#[component]
pub fn PeriodControls(
    /// Prefixes the inputs' ids (`{prefix}-from`, …), unique per page.
    id_prefix: &'static str,
) -> impl IntoView {
    let id = move |name: &str| format!("{id_prefix}-{name}");
    let ctx = use_ctx();
    let param = move |k: &'static str| ctx.url().get(k).unwrap_or_default();
    let preset = move || Preset::from_id(&param("period")).unwrap_or_default();
    view! {
        <form class="controls" on:submit=|ev| ev.prevent_default() aria-label=move || ctx.tr("时间与对比", "Period and comparison")>
            <div class="segmented presets" role="group" aria-label=move || words::period(ctx.lang.get())>
                {Preset::ALL
                    .iter()
                    .map(|p| {
                        let p = *p;
                        view! {
                            <button
                                type="button"
                                class="seg-btn"
                                aria-pressed=move || (preset() == p).to_string()
                                on:click=move |_| ctx.url().set("period", p.id())
                            >
                                {move || p.label(ctx.lang.get())}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <Show when=move || preset() == Preset::Custom>
                <label class="field" for=id("from")>
                    <span class="field-label">{move || words::from_date(ctx.lang.get())}</span>
                    <input id=id("from") type="date" prop:value=move || param("from") on:change=move |ev| ctx.url().set("from", &event_target_value(&ev)) />
                </label>
                <label class="field" for=id("to")>
                    <span class="field-label">{move || words::to_date(ctx.lang.get())}</span>
                    <input id=id("to") type="date" prop:value=move || param("to") on:change=move |ev| ctx.url().set("to", &event_target_value(&ev)) />
                </label>
            </Show>
            <label class="field" for=id("compare")>
                <span class="field-label">{move || ctx.tr("对比", "Compare with")}</span>
                <select id=id("compare") on:change=move |ev| ctx.url().set("compare", &event_target_value(&ev))>
                    {Comparison::ALL.iter().map(|c| {
                        let c = *c;
                        view! {
                            <option value=c.id() selected=move || Comparison::from_id(&param("compare")).unwrap_or_default() == c>
                                {move || c.label(ctx.lang.get())}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
            <label class="field" for=id("grain")>
                <span class="field-label">{move || ctx.tr("粒度", "Granularity")}</span>
                <select id=id("grain") on:change=move |ev| ctx.url().set("grain", &event_target_value(&ev))>
                    {Granularity::ALL.iter().map(|g| {
                        let g = *g;
                        view! {
                            <option value=g.id() selected=move || Granularity::from_id(&param("grain")).unwrap_or_default() == g>
                                {move || g.label(ctx.lang.get())}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </label>
        </form>
    }
}
