//! The board's scoring switch: the seed's default score, RICE, ICE or a
//! weighted score with editable weights; the formula is shown, and the
//! choice persists (the `roadmapBoards` row, through the outbox) and
//! follows other tabs.

use leptos::prelude::*;

use super::Roadmap;
use crate::components::form::{Field, NumberInput};
use crate::domain::roadmap::model::RoadmapBoard;
use crate::domain::roadmap::scoring::{num, ScoringMethod, Weights};
use crate::state::context::{use_ctx, Ctx};
use crate::state::loading::ListResource;

fn weight(s: &str) -> Option<f64> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|w| w.is_finite() && *w >= 0.0)
}

#[component]
pub fn ScoringPanel(rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let current = rm.scoring;
    let set_method = move |ev| {
        let Some(method) = ScoringMethod::from_id(&event_target_value(&ev)) else {
            return;
        };
        let mut next = current.get_untracked();
        next.method = method;
        rm.save_scoring(ctx, next);
    };
    let w = current.get_untracked().weights;
    let (wv, wr, wc) = (
        RwSignal::new(num(w.value)),
        RwSignal::new(num(w.relevance)),
        RwSignal::new(num(w.cost)),
    );
    // Weights saved elsewhere (another tab) replace the inputs' values.
    Effect::new(move |_| {
        let w = current.get().weights;
        wv.set(num(w.value));
        wr.set(num(w.relevance));
        wc.set(num(w.cost));
    });
    let error = RwSignal::new(None::<String>);
    let save_weights = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = (
            weight(&wv.get_untracked()),
            weight(&wr.get_untracked()),
            weight(&wc.get_untracked()),
        );
        let (Some(value), Some(relevance), Some(cost)) = parsed else {
            error.set(Some(
                ctx.tr(
                    "权重须为非负数字。",
                    "Weights must be non-negative numbers.",
                )
                .into(),
            ));
            return;
        };
        if value + relevance + cost == 0.0 {
            error.set(Some(
                ctx.tr("权重不能全为 0。", "The weights cannot all be 0.")
                    .into(),
            ));
            return;
        }
        error.set(None);
        let mut next = current.get_untracked();
        next.weights = Weights {
            value,
            relevance,
            cost,
        };
        rm.save_scoring(ctx, next);
    };
    view! {
        <section class="card rm-scoring" aria-labelledby="rm-scoring-title">
            <h2 id="rm-scoring-title" class="sr-only">{move || ctx.tr("评分方法", "Scoring method")}</h2>
            <div class="rm-scoring-row">
                <label class="field field-inline" for="rm-method">
                    <span class="field-label">{move || ctx.tr("评分方法", "Scoring method")}</span>
                    <select id="rm-method" on:change=set_method prop:value=move || current.get().method.id()>
                        {ScoringMethod::ALL.iter().map(|m| {
                            let m = *m;
                            view! { <option value=m.id() selected=move || current.get().method == m>{move || m.label(ctx.lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <p class="rm-formula" data-testid="formula">
                    <span class="muted">{move || ctx.tr("公式:", "Formula: ")}</span>
                    {move || current.get().formula(ctx.lang.get())}
                </p>
            </div>
            <Show when=move || current.get().method == ScoringMethod::Weighted>
                <form class="rm-weights form-row" on:submit=save_weights>
                    <Field id="rm-w-value" label=move || ctx.tr("价值权重", "Value weight")><NumberInput value=wv /></Field>
                    <Field id="rm-w-relevance" label=move || ctx.tr("相关度权重", "Relevance weight")><NumberInput value=wr /></Field>
                    <Field id="rm-w-cost" label=move || ctx.tr("成本权重", "Cost weight")><NumberInput value=wc /></Field>
                    <button type="submit" class="btn">{move || ctx.tr("保存权重", "Save weights")}</button>
                    {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                </form>
            </Show>
            <Show when=move || matches!(current.get().method, ScoringMethod::Rice | ScoringMethod::Ice)>
                <p class="muted small">{move || ctx.tr(
                    "未填写 RICE / ICE 数值的卡片显示“—”,可在卡片详情中补充。",
                    "Cards without RICE / ICE figures show “—”; fill them in on the card.",
                )}</p>
            </Show>
        </section>
    }
}

/// Another tab's scoring change shows here at once (the shared outbox
/// overlays it); once that tab's save is confirmed its outbox entry goes,
/// so the row is fetched again rather than falling back to the stale one.
pub(super) fn follow_other_tabs_scoring(ctx: Ctx, boards: ListResource<RoadmapBoard>) {
    let pending = Memo::new(move |_| {
        ctx.outbox.with(|ob| {
            ob.for_resource(crate::data::resource::Resource::RoadmapBoards)
                .count()
        })
    });
    Effect::new(move |before: Option<usize>| {
        let now = pending.get();
        if before.is_some_and(|b| b > now) {
            boards.refetch();
        }
        now
    });
}
