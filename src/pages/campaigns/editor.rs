//! Planning a campaign (from a template or blank) and reviewing it (复盘).
//! Opened by `id=<id>` or `id=new&tpl=<n>` in the URL.

use std::sync::Arc;

use leptos::prelude::*;

use super::{figures, today};
use crate::components::form::{
    ConfirmDelete, DateField, Dialog, EnumChecks, EnumSelect, Field, NumberInput, TextArea,
    TextInput,
};
use crate::data::outbox::{Op, Shown};
use crate::domain::campaigns::model::{
    Audience, Campaign, CampaignFigures, CampaignGoal, CampaignReview, CampaignStatus, CampaignType,
};
use crate::domain::campaigns::{derive_actuals, figures_from_derived, templates, FactsByDate};
use crate::i18n::{format_change, format_money, format_percent};
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::{new_id, submit};
use crate::state::loading::ListResource;

fn close(ctx: Ctx) {
    ctx.url().clear(["id", "tpl"]);
}

#[component]
pub fn TemplatePicker() -> impl IntoView {
    let ctx = use_ctx();
    let choice = RwSignal::new(String::from("0"));
    let list = templates(today());
    view! {
        <div class="template-picker">
            <label class="field field-inline" for="cp-template">
                <span class="field-label">{move || ctx.tr("活动模板", "Template")}</span>
                <select id="cp-template" on:change=move |ev| choice.set(event_target_value(&ev))>
                    {list.into_iter().enumerate().map(|(i, t)| view! { <option value=i.to_string()>{t.name}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="btn btn-primary" on:click=move |_| {
                ctx.url().set_many(&[("id", "new"), ("tpl", &choice.get_untracked())]);
            }>{move || ctx.tr("从模板新建", "New from template")}</button>
        </div>
    }
}

#[component]
pub fn CampaignEditor(
    shown: Memo<Vec<Shown<Campaign>>>,
    campaigns: ListResource<Campaign>,
    facts: Signal<Arc<FactsByDate>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let on_close = Callback::new(move |()| close(ctx));
    let selected = Memo::new(move |_| {
        let url = ctx.url();
        url.get("id")
            .map(|id| (id, url.get("tpl").and_then(|t| t.parse::<usize>().ok())))
    });
    move || {
        let (id, tpl) = selected.get()?;
        let item = if id == "new" {
            let mut c = templates(today())
                .into_iter()
                .nth(tpl.unwrap_or(0))
                .unwrap_or_else(|| {
                    let mut c = templates(today()).into_iter().next().unwrap_or_else(blank);
                    c.name = String::new();
                    c
                });
            if tpl.is_none() {
                c = blank();
            }
            c
        } else {
            shown.with_untracked(|s| s.iter().find(|s| s.item.id == id).map(|s| s.item.clone()))?
        };
        Some(view! { <Form item campaigns facts on_close /> })
    }
}

fn blank() -> Campaign {
    let t = today();
    Campaign {
        id: String::new(),
        name: String::new(),
        kind: CampaignType::Discount,
        goal: CampaignGoal::Activation,
        audience: Audience::All,
        districts: Vec::new(),
        channels: Vec::new(),
        start: t.checked_add_days(chrono::Days::new(7)).unwrap_or(t),
        end: t.checked_add_days(chrono::Days::new(21)).unwrap_or(t),
        budget: 10_000.0,
        targets: CampaignFigures::default(),
        status: CampaignStatus::Planned,
        review: None,
    }
}

fn num(s: &str) -> Option<f64> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
}

fn count(s: &str) -> Option<u32> {
    s.trim().parse::<u32>().ok()
}

#[component]
fn Form(
    item: Campaign,
    campaigns: ListResource<Campaign>,
    facts: Signal<Arc<FactsByDate>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = use_ctx();
    let is_new = item.id.is_empty();
    let original = StoredValue::new(item.clone());
    let name = RwSignal::new(item.name.clone());
    let kind = RwSignal::new(item.kind);
    let goal = RwSignal::new(item.goal);
    let audience = RwSignal::new(item.audience);
    let districts = RwSignal::new(item.districts.clone());
    let channels = RwSignal::new(item.channels.clone());
    let start = RwSignal::new(Some(item.start));
    let end = RwSignal::new(Some(item.end));
    let budget = RwSignal::new(item.budget.to_string());
    let status = RwSignal::new(item.status);
    let t = &item.targets;
    let t_part = RwSignal::new(t.participants.to_string());
    let t_new = RwSignal::new(t.new_users.to_string());
    let t_orders = RwSignal::new(t.orders.to_string());
    let t_rev = RwSignal::new(t.revenue.to_string());
    // The review's figures as text; empty while there is no review yet.
    let reviewed = |f: fn(&CampaignReview) -> String| {
        RwSignal::new(item.review.as_ref().map(f).unwrap_or_default())
    };
    let a_part = reviewed(|r| r.actual.participants.to_string());
    let a_new = reviewed(|r| r.actual.new_users.to_string());
    let a_orders = reviewed(|r| r.actual.orders.to_string());
    let a_rev = reviewed(|r| r.actual.revenue.to_string());
    let cost = reviewed(|r| r.cost.to_string());
    let worked = reviewed(|r| r.worked.clone());
    let to_change = reviewed(|r| r.to_change.clone());
    let derived = RwSignal::new(item.review.as_ref().is_some_and(|r| r.derived));
    let error: RwSignal<Option<String>> = RwSignal::new(None);

    let build = move |mark_reviewed: bool| -> Result<Campaign, String> {
        let lang = ctx.lang.get_untracked();
        let bad = |zh: &'static str, en: &'static str| lang.tr(zh, en).to_string();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            return Err(bad("请填写活动名称。", "Enter a campaign name."));
        }
        let s = start
            .get_untracked()
            .ok_or_else(|| bad("开始日期无效。", "Invalid start date."))?;
        let e = end
            .get_untracked()
            .ok_or_else(|| bad("结束日期无效。", "Invalid end date."))?;
        if e < s {
            return Err(bad(
                "结束日期不能早于开始日期。",
                "The end date is before the start date.",
            ));
        }
        let budget = num(&budget.get_untracked()).ok_or_else(|| {
            bad(
                "预算须为非负数字。",
                "Budget must be a non-negative number.",
            )
        })?;
        let targets = CampaignFigures {
            participants: count(&t_part.get_untracked()).unwrap_or(0),
            new_users: count(&t_new.get_untracked()).unwrap_or(0),
            orders: count(&t_orders.get_untracked()).unwrap_or(0),
            revenue: num(&t_rev.get_untracked()).unwrap_or(0.0),
        };
        let any_actual = [a_part, a_new, a_orders, a_rev, cost]
            .iter()
            .any(|s| !s.get_untracked().trim().is_empty());
        let review = if any_actual || mark_reviewed {
            Some(CampaignReview {
                actual: CampaignFigures {
                    participants: count(&a_part.get_untracked()).ok_or_else(|| {
                        bad(
                            "实际参与人数须为整数。",
                            "Actual participants must be a whole number.",
                        )
                    })?,
                    new_users: count(&a_new.get_untracked()).ok_or_else(|| {
                        bad(
                            "实际新用户须为整数。",
                            "Actual new users must be a whole number.",
                        )
                    })?,
                    orders: count(&a_orders.get_untracked()).ok_or_else(|| {
                        bad(
                            "实际订单须为整数。",
                            "Actual orders must be a whole number.",
                        )
                    })?,
                    revenue: num(&a_rev.get_untracked()).ok_or_else(|| {
                        bad("实际销售额须为数字。", "Actual revenue must be a number.")
                    })?,
                },
                cost: num(&cost.get_untracked())
                    .ok_or_else(|| bad("实际花费须为数字。", "Actual cost must be a number."))?,
                derived: derived.get_untracked(),
                worked: worked.get_untracked().trim().to_string(),
                to_change: to_change.get_untracked().trim().to_string(),
            })
        } else {
            None
        };
        let mut c = original.get_value();
        if c.id.is_empty() {
            c.id = new_id("cmp");
        }
        c.name = n;
        c.kind = kind.get_untracked();
        c.goal = goal.get_untracked();
        c.audience = audience.get_untracked();
        c.districts = districts.get_untracked();
        c.channels = channels.get_untracked();
        c.start = s;
        c.end = e;
        c.budget = budget;
        c.targets = targets;
        c.status = if mark_reviewed {
            CampaignStatus::Reviewed
        } else {
            status.get_untracked()
        };
        c.review = review;
        Ok(c)
    };
    let commit = move |mark_reviewed: bool| match build(mark_reviewed) {
        Ok(c) => {
            let op = if is_new { Op::Create } else { Op::Update };
            submit(
                ctx,
                op,
                c.id.clone(),
                Some(c.clone()),
                c.name.clone(),
                Some(campaigns),
            );
            on_close.run(());
        }
        Err(e) => error.set(Some(e)),
    };
    let derive = move |_| {
        let Ok(c) = build(false) else {
            error.set(Some(
                ctx.tr(
                    "请先填好活动的基本信息。",
                    "Fill in the campaign basics first.",
                )
                .into(),
            ));
            return;
        };
        let d = derive_actuals(&c, &facts.get_untracked());
        let f = figures_from_derived(&d);
        a_part.set(f.participants.to_string());
        a_new.set(f.new_users.to_string());
        a_orders.set(f.orders.to_string());
        a_rev.set(format!("{:.2}", f.revenue));
        if cost.get_untracked().trim().is_empty() {
            cost.set(c.budget.to_string());
        }
        derived.set(true);
    };
    let preview = move || {
        // `build` reads untracked; track the inputs so the figures follow typing.
        for sig in [name, budget, a_part, a_new, a_orders, a_rev, cost] {
            sig.track();
        }
        start.track();
        end.track();
        derived.track();
        let c = build(false).ok()?;
        figures(&c, &facts.get())
    };
    let delete = Callback::new(move |()| {
        let c = original.get_value();
        submit::<Campaign>(
            ctx,
            Op::Delete,
            c.id.clone(),
            None,
            c.name.clone(),
            Some(campaigns),
        );
        on_close.run(());
    });
    let lang = move || ctx.lang.get();
    let heading = move || {
        if is_new {
            ctx.tr("策划新活动", "Plan a campaign")
        } else {
            ctx.tr("活动详情与复盘", "Campaign and review")
        }
    };
    // One labelled number input; the many figures differ only in these.
    let number =
        move |id: &'static str, zh: &'static str, en: &'static str, value: RwSignal<String>| {
            view! { <Field id label=move || ctx.tr(zh, en)><NumberInput value /></Field> }
        };
    view! {
        <Dialog title_id="cp-title" title=heading on_close wide=true>
            <form class="content-form" on:submit={move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); commit(false) }}>
                <Field id="cp-name" label=move || ctx.tr("活动名称", "Campaign name")>
                    <TextInput value=name required=true maxlength=80 autofocus=true />
                </Field>
                <div class="form-row">
                    <Field id="cp-type" label=move || ctx.tr("活动形式", "Campaign type")><EnumSelect value=kind /></Field>
                    <Field id="cp-goal" label=move || ctx.tr("活动目标", "Goal")><EnumSelect value=goal /></Field>
                    <Field id="cp-audience" label=move || ctx.tr("目标人群", "Audience")><EnumSelect value=audience /></Field>
                    <Field id="cp-status" label=move || ctx.tr("状态", "Status")><EnumSelect value=status /></Field>
                </div>
                <div class="form-row">
                    <Field id="cp-start" label=move || ctx.tr("开始日期", "Start date")><DateField value=start /></Field>
                    <Field id="cp-end" label=move || ctx.tr("结束日期", "End date")><DateField value=end /></Field>
                    {number("cp-budget", "预算(元)", "Budget (¥)", budget)}
                </div>
                <fieldset>
                    <legend>{move || ctx.tr("投放渠道(不选即全部)", "Channels (none = all)")}</legend>
                    <EnumChecks values=channels />
                </fieldset>
                <details>
                    <summary>{move || ctx.tr("限定区域(不选即全天津)", "Limit to districts (none = all of Tianjin)")}</summary>
                    <EnumChecks values=districts />
                </details>
                <fieldset>
                    <legend>{move || ctx.tr("目标值", "Targets")}</legend>
                    <div class="form-row">
                        {number("cp-t-part", "参与人数", "Participants", t_part)}
                        {number("cp-t-new", "新用户", "New users", t_new)}
                        {number("cp-t-orders", "订单", "Orders", t_orders)}
                        {number("cp-t-rev", "销售额(元)", "Revenue (¥)", t_rev)}
                    </div>
                </fieldset>
                <fieldset class="review">
                    <legend>{move || ctx.tr("活动复盘", "Post-campaign review (复盘)")}</legend>
                    <p class="muted small">{move || ctx.tr(
                        "可手动填写实际数据,或按活动期间的指标数据推算(与活动前同等长度的基线期对比)。",
                        "Enter the actual figures, or derive them from the metric facts in the campaign window against a baseline window of the same length before it.",
                    )}</p>
                    <button type="button" class="btn" on:click=derive>{move || ctx.tr("用数据推算实际值", "Derive actuals from data")}</button>
                    <div class="form-row">
                        {number("cp-a-part", "实际参与人数", "Participants", a_part)}
                        {number("cp-a-new", "实际新用户", "New users", a_new)}
                        {number("cp-a-orders", "实际订单", "Orders", a_orders)}
                        {number("cp-a-rev", "实际销售额(元)", "Revenue (¥)", a_rev)}
                        {number("cp-cost", "实际花费(元)", "Cost (¥)", cost)}
                    </div>
                    {move || preview().map(|f| {
                        let l = lang();
                        view! {
                            <dl class="facts review-figures" aria-live="polite">
                                <dt>{l.tr("转化率(订单/参与)", "Conversion (orders / participants)")}</dt><dd data-testid="conv">{format_percent(f.conversion_rate)}</dd>
                                <dt>{l.tr("可归因销售额", "Attributable revenue")}</dt><dd>{format_money(f.attributable_revenue, l)}</dd>
                                <dt>"ROI"</dt><dd data-testid="roi">{format_percent(f.roi)}</dd>
                                <dt>{l.tr("新用户获取成本", "Cost per new user")}</dt><dd>{f.cost_per_new_user.map(|v| format_money(v, l)).unwrap_or_else(|| "—".into())}</dd>
                                <dt>{l.tr("销售额相对基线提升", "Revenue lift over baseline")}</dt><dd>{format_change(f.lift)}</dd>
                            </dl>
                        }
                    })}
                    <Field id="cp-worked" label=move || ctx.tr("成功经验", "What worked")><TextArea value=worked rows=2 /></Field>
                    <Field id="cp-change" label=move || ctx.tr("待改进之处", "What to change")><TextArea value=to_change rows=2 /></Field>
                </fieldset>
                {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{move || ctx.tr("保存", "Save")}</button>
                    <button type="button" class="btn" on:click=move |_| commit(true)>{move || ctx.tr("保存并标记为已复盘", "Save as reviewed")}</button>
                    {(!is_new).then(|| view! {
                        <ConfirmDelete question=move || ctx.tr("确定删除这个活动吗?", "Delete this campaign?") on_confirm=delete />
                    })}
                </div>
            </form>
        </Dialog>
    }
}
