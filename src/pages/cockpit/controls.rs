//! The cockpit's cross-filter chips and the CSV / print export.

use leptos::prelude::*;

use crate::domain::cockpit::aggregate::CockpitData;
use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
use crate::domain::cockpit::kpi_table::to_csv;
use crate::domain::cockpit::model::Target;
use crate::domain::cockpit::query::COCKPIT_PARAMS;
use crate::i18n::words;
use crate::i18n::Lang;
use crate::state::context::use_ctx;

/// A cross-filter dimension: its URL key, its name, and the label of a value id.
type FilterDim = (
    &'static str,
    &'static str,
    &'static str,
    fn(&str, Lang) -> Option<&'static str>,
);

/// The dimensions the cockpit cross-filters by, in chip order.
const FILTER_DIMS: &[FilterDim] = &[
    ("district", "区域", "District", |id, l| {
        District::from_id(id).map(|v| v.label(l))
    }),
    ("channel", "渠道", "Channel", |id, l| {
        Channel::from_id(id).map(|v| v.label(l))
    }),
    ("platform", "平台", "Platform", |id, l| {
        Platform::from_id(id).map(|v| v.label(l))
    }),
    ("gender", "性别", "Gender", |id, l| {
        Gender::from_id(id).map(|v| v.label(l))
    }),
    ("age", "年龄", "Age", |id, l| {
        AgeBand::from_id(id).map(|v| v.label(l))
    }),
];

/// The active cross-filters as removable chips.
#[component]
pub fn FilterChips(#[prop(into)] estimated: Signal<bool>) -> impl IntoView {
    let ctx = use_ctx();
    let chips = move || {
        let lang = ctx.lang.get();
        FILTER_DIMS
            .iter()
            .filter_map(|(key, zh, en, label)| {
                let value = ctx.url().get(key).and_then(|id| label(&id, lang))?;
                Some((*key, lang.tr(zh, en).to_string(), value.to_string()))
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !chips().is_empty()>
            <div class="chips" role="group" aria-label=move || ctx.tr("已选筛选", "Active filters")>
                {move || chips().into_iter().map(|(key, name, label)| {
                    let text = format!("{name}: {label}");
                    view! {
                        <button type="button" class="chip" data-filter=key on:click=move |_| {
                            ctx.url().clear([key]);
                        }>
                            <span>{text.clone()}</span>
                            <span class="chip-x" aria-hidden="true">"×"</span>
                            <span class="sr-only">{move || ctx.tr("(移除)", " (remove)")}</span>
                        </button>
                    }
                }).collect_view()}
                <button type="button" class="btn btn-ghost" on:click=move |_| {
                    ctx.url().clear(FILTER_DIMS.iter().map(|(key, ..)| *key));
                }>{move || ctx.tr("清除全部筛选", "Clear all filters")}</button>
                <Show when=move || estimated.get()>
                    <span class="muted estimate-note">{move || ctx.tr(
                        "性别/年龄筛选按用户画像占比估算。",
                        "Gender/age filters are estimated from the user portrait shares.",
                    )}</span>
                </Show>
            </div>
        </Show>
    }
}

/// CSV of the current view (what the tiles show: `to_csv` drops the
/// targets of a filtered view, as the tiles do) and an A4 print layout.
#[component]
pub fn Export(data: Memo<CockpitData>, #[prop(into)] rows: Signal<Vec<Target>>) -> impl IntoView {
    let ctx = use_ctx();
    let export_csv = move |_| {
        let lang = ctx.lang.get_untracked();
        let csv = data.with_untracked(|d| to_csv(d, &rows.get_untracked(), lang));
        let name = data
            .with_untracked(|d| format!("haihe-cockpit-{}-{}.csv", d.period.start, d.period.end));
        // The BOM makes Excel read the Chinese labels as UTF-8.
        let _ =
            crate::components::download(&name, "text/csv;charset=utf-8", &format!("\u{FEFF}{csv}"));
    };
    // Sections not scrolled to yet are rendered first: the print shows all.
    let print = move |_| {
        crate::components::render_all_then(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        })
    };
    let reset = move |_| ctx.url().clear(COCKPIT_PARAMS.iter().copied());
    let period_text = move || {
        data.with(|d| match ctx.lang.get() {
            Lang::Zh => format!("{} 至 {}", d.period.start, d.period.end),
            Lang::En => format!("{} to {}", d.period.start, d.period.end),
        })
    };
    view! {
        <div class="export-bar">
            <span class="muted">{move || ctx.tr("当前视图:", "This view: ")}{period_text}</span>
            <button type="button" class="btn" on:click=export_csv>{move || words::export_csv(ctx.lang.get())}</button>
            <button type="button" class="btn" on:click=print>{move || ctx.tr("打印(A4 横向)", "Print (A4 landscape)")}</button>
            <button type="button" class="btn btn-ghost" on:click=reset>{move || ctx.tr("恢复默认视图", "Reset view")}</button>
        </div>
    }
}
