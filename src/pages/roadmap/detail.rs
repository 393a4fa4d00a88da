//! A card's detail as a dialog (`card=<id>` in the URL, so a deep link
//! reopens it; `card=new&from=<feedback id>` starts a requirement from a
//! feedback item): fields edited with the form kit, the score explained,
//! evidence listed (a missing feedback item or a non-cockpit link shows as
//! broken) and added by searching the inbox. Saving as done with a ship date
//! moves the linked feedback to "已上线 shipped" in the inbox.

use leptos::prelude::*;

use super::Roadmap;
use crate::components::form::{
    ConfirmDelete, DateField, Dialog, EnumSelect, Field, NumberInput, TextArea, TextInput,
};
use crate::data::outbox::Op;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::feedback::model::Feedback;
use crate::domain::roadmap::model::{Lane, RequirementSource, RoadmapItem, RoadmapStatus};
use crate::domain::roadmap::rank::above_all;
use crate::domain::roadmap::scoring::{explain, num, Ice, Rice, ScoreInputs};
use crate::domain::roadmap::snapshot::Quarter;
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::new_id;

fn close(ctx: Ctx) {
    ctx.url().clear(["card", "from"]);
}

/// A blank requirement, or one started from a feedback item.
fn fresh(rm: &Roadmap, from: Option<String>) -> RoadmapItem {
    let today = crate::state::clock::today();
    let source_fb = from.as_ref().and_then(|id| {
        rm.feedback
            .get_untracked()
            .and_then(|rows| rows.into_iter().find(|f| &f.id == id))
    });
    let rank = rm.items.with_untracked(|all| {
        above_all(
            all.iter()
                .filter(|s| s.item.lane == Lane::Short)
                .map(|s| s.item.rank),
        )
    });
    let source = if source_fb.is_some() {
        RequirementSource::Feedback
    } else {
        RequirementSource::Business
    };
    let title = source_fb
        .as_ref()
        .map(|f| f.text.chars().take(30).collect())
        .unwrap_or_default();
    let mut item = RoadmapItem::idea(String::new(), title, source, Quarter::of(today).id(), rank);
    if let Some(f) = source_fb {
        item.description = f.text.clone();
        item.feedback_ids = vec![f.id];
    }
    item
}

#[component]
pub fn CardDetail(rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let selected = Memo::new(move |_| ctx.url().get("card"));
    move || {
        let id = selected.get()?;
        let item = if id == "new" {
            fresh(&rm, ctx.url().read_untracked(|p| p.get("from").cloned()))
        } else {
            match rm.item(&id) {
                Some(item) => item,
                None => {
                    return Some(view! {
                        <Dialog title_id="rm-missing-title" title=move || ctx.tr("找不到这张卡片", "Card not found") on_close=Callback::new(move |()| close(ctx))>
                            <p>{move || ctx.tr("它可能已被删除。", "It may have been deleted.")}</p>
                        </Dialog>
                    }
                    .into_any())
                }
            }
        };
        Some(view! { <Form item rm /> }.into_any())
    }
}

fn score_text(s: &str) -> Option<u8> {
    s.trim().parse::<u8>().ok().filter(|v| (1..=5).contains(v))
}

fn opt_num(s: &str) -> Result<Option<f64>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(Some)
        .ok_or(())
}

fn text_of(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

#[component]
fn Form(item: RoadmapItem, rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let is_new = item.id.is_empty();
    let original = StoredValue::new(item.clone());
    let title = RwSignal::new(item.title.clone());
    let description = RwSignal::new(item.description.clone());
    let lane = RwSignal::new(item.lane);
    let status = RwSignal::new(item.status);
    let source = RwSignal::new(item.source);
    let owner = RwSignal::new(item.owner.clone());
    let quarter = RwSignal::new(item.quarter.clone());
    let ship_date = RwSignal::new(item.ship_date);
    let kpi = RwSignal::new(
        item.target_kpi
            .map(|k| k.id().to_string())
            .unwrap_or_default(),
    );
    let value = RwSignal::new(item.value.to_string());
    let relevance = RwSignal::new(item.relevance.to_string());
    let cost = RwSignal::new(item.cost.to_string());
    let rice = |f: fn(&Rice) -> f64| RwSignal::new(text_of(item.rice.as_ref().map(f)));
    let (reach, r_impact, r_conf, effort) = (
        rice(|r| r.reach),
        rice(|r| r.impact),
        rice(|r| r.confidence),
        rice(|r| r.effort),
    );
    let ice = |f: fn(&Ice) -> f64| RwSignal::new(text_of(item.ice.as_ref().map(f)));
    let (i_impact, i_conf, ease) = (ice(|i| i.impact), ice(|i| i.confidence), ice(|i| i.ease));
    let feedback_ids = RwSignal::new(item.feedback_ids.clone());
    let data_links = RwSignal::new(item.data_links.clone());
    let error = RwSignal::new(None::<String>);
    let on_close = Callback::new(move |()| close(ctx));

    let build = move || -> Result<RoadmapItem, String> {
        let lang = ctx.lang.get_untracked();
        let bad = |zh: &'static str, en: &'static str| lang.tr(zh, en).to_string();
        let t = title.get_untracked().trim().to_string();
        if t.is_empty() {
            return Err(bad("请填写需求标题。", "Enter a title."));
        }
        let axes = (
            score_text(&value.get_untracked()),
            score_text(&relevance.get_untracked()),
            score_text(&cost.get_untracked()),
        );
        let (Some(v), Some(r), Some(c)) = axes else {
            return Err(bad(
                "价值、相关度和成本须为 1–5 的整数。",
                "Value, relevance and cost must be whole numbers from 1 to 5.",
            ));
        };
        let q = quarter.get_untracked().trim().to_string();
        if Quarter::parse(&q).is_none() {
            return Err(bad("季度格式为 2026-Q4。", "Write the quarter as 2026-Q4."));
        }
        let nums = |sigs: &[RwSignal<String>]| -> Result<Vec<Option<f64>>, String> {
            sigs.iter()
                .map(|s| opt_num(&s.get_untracked()))
                .collect::<Result<_, _>>()
                .map_err(|()| {
                    bad(
                        "RICE / ICE 须为非负数字。",
                        "RICE / ICE figures must be non-negative numbers.",
                    )
                })
        };
        let rice_in = nums(&[reach, r_impact, r_conf, effort])?;
        let ice_in = nums(&[i_impact, i_conf, ease])?;
        let status_now = status.get_untracked();
        let ship = ship_date.get_untracked();
        if status_now == RoadmapStatus::Done && ship.is_none() {
            return Err(bad(
                "标记为已上线时请填写上线日期。",
                "Enter the ship date when marking it done.",
            ));
        }
        let mut item = original.get_value();
        if item.id.is_empty() {
            item.id = new_id("rm");
        }
        item.title = t;
        item.description = description.get_untracked().trim().to_string();
        item.lane = lane.get_untracked();
        item.status = status_now;
        item.source = source.get_untracked();
        item.owner = owner.get_untracked().trim().to_string();
        item.quarter = q;
        item.ship_date = ship;
        item.target_kpi = Kpi::from_key(&kpi.get_untracked());
        (item.value, item.relevance, item.cost) = (v, r, c);
        item.rice = match rice_in.as_slice() {
            [Some(reach), Some(impact), Some(confidence), Some(effort)] => Some(Rice {
                reach: *reach,
                impact: *impact,
                confidence: *confidence,
                effort: *effort,
            }),
            _ => None,
        };
        item.ice = match ice_in.as_slice() {
            [Some(impact), Some(confidence), Some(ease)] => Some(Ice {
                impact: *impact,
                confidence: *confidence,
                ease: *ease,
            }),
            _ => None,
        };
        item.feedback_ids = feedback_ids.get_untracked();
        item.data_links = data_links.get_untracked();
        Ok(item)
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match build() {
            Ok(next) => {
                let was_done = original.with_value(|o| o.status == RoadmapStatus::Done);
                if next.status == RoadmapStatus::Done && !was_done {
                    rm.ship_feedback(ctx, &next.feedback_ids, &next.title);
                }
                rm.save(ctx, if is_new { Op::Create } else { Op::Update }, next);
                on_close.run(());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let delete = Callback::new(move |()| {
        let item = original.get_value();
        crate::state::edits::submit::<RoadmapItem>(
            ctx,
            Op::Delete,
            item.id.clone(),
            None,
            item.title.clone(),
            Some(rm.list),
        );
        on_close.run(());
    });
    let explanation = move || {
        for s in [
            value, relevance, cost, reach, r_impact, r_conf, effort, i_impact, i_conf, ease,
        ] {
            s.track();
        }
        let scoring = rm.scoring.get();
        let lang = ctx.lang.get();
        match build() {
            Ok(item) => match explain(&scoring, &ScoreInputs::of(&item)) {
                Ok(e) => format!("{}: {}", scoring.method.label(lang), e.arithmetic),
                Err(e) => e.message(lang),
            },
            Err(e) => e,
        }
    };
    let number =
        move |id: &'static str, zh: &'static str, en: &'static str, v: RwSignal<String>| {
            view! { <Field id label=move || ctx.tr(zh, en)><NumberInput value=v /></Field> }
        };
    let heading = move || {
        if is_new {
            ctx.tr("新建需求", "New requirement")
        } else {
            ctx.tr("需求详情", "Requirement details")
        }
    };
    view! {
        <Dialog title_id="rm-detail-title" title=heading on_close wide=true>
            <form class="content-form rm-form" on:submit=save>
                <Field id="rm-title" label=move || ctx.tr("需求标题", "Requirement title")>
                    <TextInput value=title required=true maxlength=80 autofocus=true />
                </Field>
                <Field id="rm-desc" label=move || ctx.tr("描述", "Description")><TextArea value=description rows=2 maxlength=2000 /></Field>
                <div class="form-row">
                    <Field id="rm-lane" label=move || ctx.tr("阶段", "Lane")><EnumSelect value=lane /></Field>
                    <Field id="rm-status-f" label=move || ctx.tr("状态", "Status")><EnumSelect value=status /></Field>
                    <Field id="rm-source-f" label=move || ctx.tr("来源", "Source")><EnumSelect value=source /></Field>
                </div>
                <div class="form-row">
                    <Field id="rm-owner-f" label=move || ctx.tr("负责人", "Owner")><TextInput value=owner maxlength=40 /></Field>
                    <Field id="rm-quarter-f" label=move || ctx.tr("季度", "Quarter")><TextInput value=quarter maxlength=7 /></Field>
                    <Field id="rm-ship" label=move || ctx.tr("上线日期", "Ship date")><DateField value=ship_date /></Field>
                    <div class="field">
                        <label class="field-label" for="rm-kpi">{move || ctx.tr("目标指标", "Target KPI")}</label>
                        <select id="rm-kpi" on:change=move |ev| kpi.set(event_target_value(&ev))>
                            <option value="" selected=move || kpi.get().is_empty()>"—"</option>
                            {Kpi::ALL.iter().map(|k| {
                                let k = *k;
                                view! { <option value=k.id() selected=move || kpi.get() == k.id()>{move || k.label(ctx.lang.get())}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <fieldset>
                    <legend>{move || ctx.tr("评分(1–5)", "Scores (1–5)")}</legend>
                    <div class="form-row">
                        {number("rm-value", "价值", "Value", value)}
                        {number("rm-relevance", "相关度", "Relevance", relevance)}
                        {number("rm-cost", "成本", "Cost", cost)}
                    </div>
                    <details>
                        <summary>{move || ctx.tr("RICE 与 ICE(可选)", "RICE and ICE (optional)")}</summary>
                        <div class="form-row">
                            {number("rm-reach", "触达人数", "Reach", reach)}
                            {number("rm-r-impact", "影响力(0–3)", "Impact (0–3)", r_impact)}
                            {number("rm-r-conf", "信心(0–1)", "Confidence (0–1)", r_conf)}
                            {number("rm-effort", "工作量(人月)", "Effort (person-months)", effort)}
                        </div>
                        <div class="form-row">
                            {number("rm-i-impact", "ICE 影响力(1–10)", "ICE impact (1–10)", i_impact)}
                            {number("rm-i-conf", "ICE 信心(1–10)", "ICE confidence (1–10)", i_conf)}
                            {number("rm-ease", "易实现度(1–10)", "Ease (1–10)", ease)}
                        </div>
                    </details>
                    <p class="rm-explain" data-testid="explain" aria-live="polite">
                        <span class="muted">{move || ctx.tr("得分如何算出:", "How the score is reached: ")}</span>{explanation}
                    </p>
                </fieldset>
                <super::evidence::Evidence rm feedback_ids data_links />
                {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{move || ctx.tr("保存", "Save")}</button>
                    {(!is_new).then(|| view! {
                        <ConfirmDelete question=move || ctx.tr("确定删除这条需求吗?", "Delete this requirement?") on_confirm=delete />
                    })}
                </div>
            </form>
        </Dialog>
    }
}

/// A feedback row by id, for evidence lists.
pub(super) fn find_feedback<'a>(rows: &'a [Feedback], id: &str) -> Option<&'a Feedback> {
    rows.iter().find(|f| f.id == id)
}
