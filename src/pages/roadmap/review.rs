//! The quarterly review (季度复盘, `view=review&rq=YYYY-Qn`): what was
//! planned for the quarter (its plan frozen when it began, `roadmapPlans`;
//! without one, today's board, said on screen), what shipped, moved later
//! or was dropped; each
//! shipped item's target KPI four weeks before and after its ship date (from
//! the metric facts); notes and decisions per item. "Save snapshot" stores
//! the review as a `roadmapReviews` row that copies every value, so a saved
//! quarter reads the same after the board changes. Printable on A4.

use leptos::prelude::*;

use super::Roadmap;
use crate::components::form::Field;
use crate::data::outbox::{overlay, Op};
use crate::domain::cockpit::kpi_table::{format_points, points_change};
use crate::domain::cockpit::model::MetricFact;
use crate::domain::roadmap::plan::QuarterPlan;
use crate::domain::roadmap::review::{kpi_review, KpiReview};
use crate::domain::roadmap::scoring::num;
use crate::domain::roadmap::snapshot::{build_snapshot, Outcome, Quarter, ReviewSnapshot};
use crate::i18n::{format_change, format_date, Lang};
use crate::state::context::use_ctx;
use crate::state::edits::submit;
use crate::state::loading::{list_resource, ListResource};

use crate::state::clock::today;

/// The KPI's change across the ship date: percentage points for a rate
/// (a conversion rate going from 7.0 % to 6.2 % fell 0.8 points, not 10.6 %),
/// relative change for the rest.
fn kpi_change(k: &KpiReview, lang: Lang) -> String {
    if k.kpi.is_rate() {
        format_points(points_change(k.after.value, k.before.value), lang)
    } else {
        format_change(k.change)
    }
}

#[component]
pub fn Review(rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let reviews: ListResource<ReviewSnapshot> = list_resource::<ReviewSnapshot>(ctx);
    let facts: ListResource<MetricFact> = list_resource::<MetricFact>(ctx);
    let last_quarter = {
        let (first, _) = Quarter::of(today()).days().unwrap_or((today(), today()));
        Quarter::of(first.pred_opt().unwrap_or(first)).id()
    };
    let quarter = Memo::new(move |_| {
        ctx.url()
            .get("rq")
            .filter(|q| Quarter::parse(q).is_some())
            .unwrap_or_else(|| last_quarter.clone())
    });
    let quarters = Memo::new(move |_| {
        let mut v: Vec<String> = rm
            .items
            .with(|all| all.iter().map(|s| s.item.quarter.clone()).collect());
        v.retain(|q| Quarter::parse(q).is_some());
        v.push(quarter.get());
        v.sort();
        v.dedup();
        v
    });
    let saved = Memo::new(move |_| {
        let rows = reviews.get().and_then(Result::ok).unwrap_or_default();
        let q = quarter.get();
        ctx.outbox
            .with(|ob| overlay(&rows, ob))
            .into_iter()
            .map(|s| s.item)
            .find(|r| r.quarter == q)
    });
    // The saved snapshot if there is one, else the review built from the board now.
    let snapshot = Memo::new(move |_| {
        if let Some(s) = saved.get() {
            return Some(s);
        }
        // Until the saved reviews are in, a live build might be mistaken
        // for the saved one; a failed load falls back to the live build.
        let _loaded = reviews.get()?;
        // Likewise the plans: a failed load means no plan, said on screen.
        let plans = rm.plans.get()?.unwrap_or_default();
        let q = quarter.get();
        let plan = QuarterPlan::find(&plans, &q);
        let items: Vec<_> = rm
            .items
            .with(|all| all.iter().map(|s| s.item.clone()).collect());
        let facts = facts.get().and_then(Result::ok).unwrap_or_default();
        build_snapshot(&q, plan, &items, &rm.scoring.get(), today(), |i| {
            Some(kpi_review(&facts, i.target_kpi?, i.ship_date?))
        })
    });
    let save = move |_| {
        let Some(mut s) = snapshot.get_untracked() else {
            return;
        };
        let exists = saved.with_untracked(Option::is_some);
        s.id = format!("review-{}", s.quarter);
        // Notes typed in the table are read back from their inputs.
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            for item in &mut s.items {
                let read = |kind: &str| {
                    doc.get_element_by_id(&format!("rv-{kind}-{}", item.id))
                        .and_then(|e| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok()
                        })
                        .map(|e| e.value().trim().to_string())
                };
                if let Some(n) = read("note") {
                    item.note = n;
                }
                if let Some(d) = read("decision") {
                    item.decision = d;
                }
            }
        }
        let op = if exists { Op::Update } else { Op::Create };
        submit(
            ctx,
            op,
            s.id.clone(),
            Some(s.clone()),
            format!("季度复盘 {}", s.quarter),
            Some(reviews),
        );
    };
    let rebuild = move |_| {
        if let Some(s) = saved.get_untracked() {
            submit::<ReviewSnapshot>(
                ctx,
                Op::Delete,
                s.id.clone(),
                None,
                format!("季度复盘 {}", s.quarter),
                Some(reviews),
            );
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="card rm-review" aria-labelledby="rm-review-title">
            <h2 id="rm-review-title">{move || ctx.tr("季度复盘", "Quarterly review")}" "{move || quarter.get()}</h2>
            <div class="rm-review-bar">
                <Field id="rm-rq" label=move || ctx.tr("季度", "Quarter")>
                    <select id="rm-rq" on:change=move |ev| ctx.url().set("rq", &event_target_value(&ev))>
                        {move || quarters.get().into_iter().map(|q| {
                            let selected = q == quarter.get();
                            view! { <option value=q.clone() selected=selected>{q.clone()}</option> }
                        }).collect_view()}
                    </select>
                </Field>
                <button type="button" class="btn btn-primary" data-testid="save-review" on:click=save>{move || ctx.tr("保存快照", "Save snapshot")}</button>
                <Show when=move || saved.with(Option::is_some)>
                    <button type="button" class="btn" on:click=rebuild>{move || ctx.tr("按当前看板重新生成", "Rebuild from the board")}</button>
                </Show>
                <button type="button" class="btn" on:click=print>{move || ctx.tr("打印(A4)", "Print (A4)")}</button>
            </div>
            <p class="muted small" data-testid="review-state">{move || {
                let lang = ctx.lang.get();
                let state = match saved.get() {
                    Some(s) => format!("{}{}{}", ctx.tr("已保存的快照,保存于 ", "Saved snapshot, taken on "), format_date(s.taken_on, lang), ctx.tr("。", ". ")),
                    None => ctx.tr("尚未保存,按当前看板生成。", "Not saved yet: built from the board as it is now. ").to_string(),
                };
                let plan = match snapshot.get().map(|s| s.plan_taken_on) {
                    Some(Some(day)) => format!("{}{}{}", ctx.tr("“计划”是 ", "“Planned” is the plan frozen on "), format_date(day, lang), ctx.tr(" 冻结的季度初计划。", ".")),
                    Some(None) => ctx.tr(
                        "这个季度没有冻结的季度初计划:“计划”按当前看板列出,因此看不出推迟和放弃的需求。",
                        "No plan was frozen at the start of this quarter: “planned” lists today's board, so nothing can show as moved or dropped.",
                    ).to_string(),
                    None => String::new(),
                };
                format!("{state}{plan}")
            }}</p>
            {move || snapshot.get().map(|s| {
                let counts = Outcome::ALL.iter().map(|o| {
                    let (o, n) = (*o, s.count(*o));
                    view! { <li data-outcome=o.id()><strong>{n}</strong>" "{move || o.label(ctx.lang.get())}</li> }
                }).collect_view();
                let rows = s.items.iter().map(|i| {
                    let (outcome, planned, now) = (i.outcome, i.planned_lane, i.lane_now);
                    // A card moved to another quarter names it after its lane.
                    let moved_to = i.quarter_now.clone().filter(|q| *q != s.quarter).map(|q| format!(" · {q}")).unwrap_or_default();
                    let kpi = i.kpi.clone();
                    view! {
                        <tr data-item=i.id.clone() data-outcome=outcome.id()>
                            <th scope="row">{i.title.clone()}</th>
                            <td>{move || outcome.label(ctx.lang.get())}</td>
                            <td>{move || format!("{} → {}{}", planned.label(ctx.lang.get()), now.map(|l| l.label(ctx.lang.get())).unwrap_or("—"), moved_to)}</td>
                            <td data-testid="review-score">{i.score.map(num).unwrap_or_else(|| "—".into())}</td>
                            <td>{move || kpi.as_ref().map(|k| format!("{}: {} → {} ({})", k.kpi.short_label(ctx.lang.get()),
                                k.kpi.format(k.before.value, ctx.lang.get()), k.kpi.format(k.after.value, ctx.lang.get()), kpi_change(k, ctx.lang.get()))).unwrap_or_else(|| "—".into())}</td>
                            <td><input id=format!("rv-note-{}", i.id) aria-label=move || ctx.tr("备注", "Notes") value=i.note.clone() /></td>
                            <td><input id=format!("rv-decision-{}", i.id) aria-label=move || ctx.tr("决定", "Decision") value=i.decision.clone() /></td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <ul class="rm-review-counts">{counts}</ul>
                    <div class="table-scroll">
                        <table class="cmp-table rm-review-table">
                            <thead><tr>
                                <th scope="col">{move || ctx.tr("需求", "Requirement")}</th>
                                <th scope="col">{move || ctx.tr("完成情况", "Outcome")}</th>
                                <th scope="col">{move || ctx.tr("阶段(计划 → 现在)", "Lane (planned → now)")}</th>
                                <th scope="col">{move || ctx.tr("得分", "Score")}</th>
                                <th scope="col">{move || ctx.tr("目标指标:上线前4周 → 后4周", "Target KPI: 4 weeks before → after")}</th>
                                <th scope="col">{move || ctx.tr("备注", "Notes")}</th>
                                <th scope="col">{move || ctx.tr("决定", "Decision")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}
