//! The staff-time assumptions (editable, through the outbox like every
//! editable collection): hours per month per placement × an hourly rate.
//! An assumption naming a placement without rows is marked, not hidden.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{DataView, PendingBadge};
use crate::data::outbox::{overlay, Op};
use crate::domain::channels::model::{ChannelRef, ChannelSpend, StaffTime};
use crate::domain::channels::table::unknown_placement;
use crate::domain::cockpit::dimensions::Channel;
use crate::i18n::{format_money, Lang};
use crate::state::context::use_ctx;
use crate::state::edits::{new_id, submit};
use crate::state::loading::ListResource;

/// A non-negative finite number typed in a form, or `None`.
pub fn parse_amount(s: &str) -> Option<f64> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0 && *v < 1e9)
}

#[component]
pub fn StaffEditor(staff: ListResource<StaffTime>, rows: Arc<Vec<ChannelSpend>>) -> impl IntoView {
    let ctx = use_ctx();
    let rows = StoredValue::new(rows);
    view! {
        <section class="card staff-time" aria-labelledby="st-title">
            <h2 id="st-title">{move || ctx.tr("人工时间假设", "Staff-time assumptions")}</h2>
            <p class="muted small">{move || ctx.tr(
                "免费渠道并不免费:社群运营、写笔记、巡检桌贴都要花人工。每月小时数 × 时薪按本期天数折算,在“现金加人工时间”口径下计入成本。",
                "Free is not free: running groups, writing notes and checking table cards take staff time. Hours per month × hourly rate, prorated to the period's days, count as cost under “money + staff time”.",
            )}</p>
            <DataView resource=staff render={move |server: Vec<StaffTime>| view! { <StaffList server staff rows=rows.get_value() /> }} />
        </section>
    }
}

#[component]
fn StaffList(
    server: Vec<StaffTime>,
    staff: ListResource<StaffTime>,
    rows: Arc<Vec<ChannelSpend>>,
) -> impl IntoView {
    let ctx = use_ctx();
    let server = StoredValue::new(server);
    let rows = StoredValue::new(rows);
    let shown = Memo::new(move |_| ctx.outbox.with(|ob| server.with_value(|s| overlay(s, ob))));
    // The form: editing an existing id, or a new one.
    let editing: RwSignal<Option<StaffTime>> = RwSignal::new(None);
    let channel = RwSignal::new(Channel::Social.id().to_string());
    let placement = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let rate = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let confirm_delete: RwSignal<Option<String>> = RwSignal::new(None);
    let fill = move |a: Option<StaffTime>| {
        channel.set(
            a.as_ref()
                .map(|a| a.channel.id().to_string())
                .unwrap_or_else(|| Channel::Social.id().to_string()),
        );
        placement.set(a.as_ref().map(|a| a.placement.clone()).unwrap_or_default());
        hours.set(
            a.as_ref()
                .map(|a| a.hours_per_month.to_string())
                .unwrap_or_default(),
        );
        rate.set(
            a.as_ref()
                .map(|a| a.hourly_rate.to_string())
                .unwrap_or_default(),
        );
        note.set(a.as_ref().map(|a| a.note.clone()).unwrap_or_default());
        error.set(None);
        editing.set(a);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        let name = placement.get_untracked().trim().to_string();
        let (Some(h), Some(r)) = (
            parse_amount(&hours.get_untracked()),
            parse_amount(&rate.get_untracked()),
        ) else {
            error.set(Some(lang.tr(
                "小时数与时薪须为非负数字。",
                "Hours and rate must be non-negative numbers.",
            )));
            return;
        };
        if name.is_empty() {
            error.set(Some(lang.tr("请填写投放位。", "Enter the placement.")));
            return;
        }
        let old = editing.get_untracked();
        let next = StaffTime {
            id: old
                .as_ref()
                .map(|o| o.id.clone())
                .unwrap_or_else(|| new_id("st")),
            channel: ChannelRef::from_id(&channel.get_untracked()),
            placement: name.clone(),
            hours_per_month: h,
            hourly_rate: r,
            note: note.get_untracked().trim().to_string(),
        };
        let op = if old.is_some() {
            Op::Update
        } else {
            Op::Create
        };
        submit(ctx, op, next.id.clone(), Some(next), name, Some(staff));
        fill(None);
    };
    let remove = move |a: StaffTime| {
        if confirm_delete.get_untracked().as_deref() == Some(a.id.as_str()) {
            confirm_delete.set(None);
            submit::<StaffTime>(
                ctx,
                Op::Delete,
                a.id.clone(),
                None,
                a.placement.clone(),
                Some(staff),
            );
        } else {
            confirm_delete.set(Some(a.id.clone()));
        }
    };
    let placements = move || {
        let mut names: Vec<String> =
            rows.with_value(|r| r.iter().map(|r| r.placement.clone()).collect());
        names.sort();
        names.dedup();
        names
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="st-title">
            <table class="st-table">
                <thead>
                    <tr>
                        <th scope="col">{move || ctx.tr("渠道", "Channel")}</th>
                        <th scope="col">{move || ctx.tr("投放位", "Placement")}</th>
                        <th scope="col">{move || ctx.tr("每月小时", "Hours / month")}</th>
                        <th scope="col">{move || ctx.tr("时薪", "Hourly rate")}</th>
                        <th scope="col">{move || ctx.tr("每月人工成本", "Staff cost / month")}</th>
                        <th scope="col">{move || ctx.tr("备注", "Notes")}</th>
                        <th scope="col">{move || ctx.tr("操作", "Actions")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || shown.get().into_iter().map(|s| {
                        let a = s.item.clone();
                        let unknown = rows.with_value(|r| unknown_placement(&a, r));
                        let (for_edit, for_delete) = (a.clone(), a.clone());
                        let id = a.id.clone();
                        let lang = ctx.lang.get();
                        view! {
                            <tr data-id=a.id.clone()>
                                <td>{a.channel.label(lang)}</td>
                                <td>
                                    {a.placement.clone()}
                                    {unknown.then(|| view! { <span class="badge badge-conflict">{lang.tr("未知投放位", "Unknown placement")}</span> })}
                                    {s.pending.map(|p| view! { <PendingBadge state=p /> })}
                                </td>
                                <td class="num">{a.hours_per_month.to_string()}</td>
                                <td class="num">{format_money(a.hourly_rate, lang)}</td>
                                <td class="num" data-col="monthly">{format_money(a.monthly_cost(), lang)}</td>
                                <td>{a.note.clone()}</td>
                                <td class="actions">
                                    <button type="button" class="btn" on:click=move |_| fill(Some(for_edit.clone()))>
                                        {lang.tr("编辑", "Edit")}
                                    </button>
                                    <button type="button" class="btn btn-danger" on:click=move |_| remove(for_delete.clone())>
                                        {move || if confirm_delete.get().as_deref() == Some(id.as_str()) {
                                            ctx.tr("确认删除", "Confirm delete")
                                        } else {
                                            ctx.tr("删除", "Delete")
                                        }}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <form class="st-form" on:submit=save>
            <h3>{move || if editing.get().is_some() { ctx.tr("编辑假设", "Edit assumption") } else { ctx.tr("新增假设", "New assumption") }}</h3>
            <label class="field" for="st-channel">
                <span class="field-label">{move || ctx.tr("渠道", "Channel")}</span>
                <select id="st-channel" prop:value=move || channel.get() on:change=move |ev| channel.set(event_target_value(&ev))>
                    {Channel::ALL.iter().map(|&c| view! {
                        <option value=c.id() selected=move || channel.get() == c.id()>{move || c.label(ctx.lang.get())}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field" for="st-placement">
                <span class="field-label">{move || ctx.tr("投放位", "Placement")}</span>
                <input id="st-placement" list="st-placements" prop:value=move || placement.get() on:input=move |ev| placement.set(event_target_value(&ev)) />
                <datalist id="st-placements">
                    {placements().into_iter().map(|p| view! { <option value=p.clone()></option> }).collect_view()}
                </datalist>
            </label>
            <label class="field" for="st-hours">
                <span class="field-label">{move || ctx.tr("每月小时", "Hours / month")}</span>
                <input id="st-hours" type="number" min="0" step="any" inputmode="decimal" prop:value=move || hours.get() on:input=move |ev| hours.set(event_target_value(&ev)) />
            </label>
            <label class="field" for="st-rate">
                <span class="field-label">{move || ctx.tr("时薪(元)", "Hourly rate (¥)")}</span>
                <input id="st-rate" type="number" min="0" step="any" inputmode="decimal" prop:value=move || rate.get() on:input=move |ev| rate.set(event_target_value(&ev)) />
            </label>
            <label class="field" for="st-note">
                <span class="field-label">{move || ctx.tr("备注", "Notes")}</span>
                <input id="st-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </label>
            {move || error.get().map(|e| view! { <p class="notice notice-error" role="alert">{e}</p> })}
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{move || ctx.tr("保存", "Save")}</button>
                <Show when=move || editing.get().is_some()>
                    <button type="button" class="btn" on:click=move |_| fill(None)>{move || ctx.tr("取消", "Cancel")}</button>
                </Show>
            </div>
        </form>
        <p class="muted small">{move || match ctx.lang.get() {
            Lang::Zh => "修改先保存在本机待发送队列,后端确认后生效;离线时不会丢失。",
            Lang::En => "Edits wait in this device's outbox until the backend confirms them; nothing is lost offline.",
        }}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_must_be_finite_and_non_negative() {
        assert_eq!(parse_amount(" 12.5 "), Some(12.5));
        assert_eq!(parse_amount("0"), Some(0.0));
        assert_eq!(parse_amount("-1"), None);
        assert_eq!(parse_amount("abc"), None);
        assert_eq!(parse_amount("1e308"), None);
        assert_eq!(parse_amount("NaN"), None);
    }
}
