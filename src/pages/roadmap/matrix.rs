//! The value × cost matrix (`view=matrix`): each filtered card is a bubble
//! (its size the evidence attached) in one of four quadrants, 速赢 quick
//! wins, 重点投入 big bets, 填充 fill-ins and 暂缓 money pits. Dragging a
//! bubble (pointer events; mouse, pen or touch) to another cell re-scores
//! its value and cost; a tap opens the card, where the same numbers are
//! also editable.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent};

use super::{Filter, Roadmap};
use crate::data::outbox::Op;
use crate::domain::roadmap::model::RoadmapItem;
use crate::state::context::use_ctx;

/// The 1–5 axis value of a position `at` (0..1) along an axis.
fn axis_value(at: f64) -> u8 {
    let v = (at.clamp(0.0, 0.999) * 5.0).floor() + 1.0;
    v as u8
}

/// Left and top (percent) of a bubble: the middle of its cell, spread
/// around it by its index among the cell's cards so they do not hide
/// each other.
fn place(item: &RoadmapItem, nth: usize) -> (f64, f64) {
    let (cost, value) = (
        f64::from(item.cost.clamp(1, 5)),
        f64::from(item.value.clamp(1, 5)),
    );
    let angle = nth as f64 * 2.4;
    let r = if nth == 0 {
        0.0
    } else {
        3.0 + (nth as f64).sqrt() * 2.0
    };
    let left = (cost - 0.5) * 20.0 + r * angle.cos();
    let top = (5.5 - value) * 20.0 + r * angle.sin();
    (left.clamp(2.0, 98.0), top.clamp(2.0, 98.0))
}

#[derive(Clone, Copy, Debug)]
struct Grab {
    pointer: i32,
    x: i32,
    y: i32,
    moved: bool,
}

#[component]
pub fn Matrix(rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let filter = Memo::new(move |_| ctx.url().read(Filter::from_params));
    let bubbles = Memo::new(move |_| {
        let f = filter.get();
        let mut seen = std::collections::HashMap::<(u8, u8), usize>::new();
        rm.items.with(|all| {
            all.iter()
                .filter(|s| f.matches(&s.item))
                .map(|s| {
                    let n = seen.entry((s.item.value, s.item.cost)).or_default();
                    let at = place(&s.item, *n);
                    *n += 1;
                    (s.item.clone(), at)
                })
                .collect::<Vec<_>>()
        })
    });
    let quadrant = move |class: &'static str,
                         zh: &'static str,
                         en: &'static str,
                         hint_zh: &'static str,
                         hint_en: &'static str| {
        view! {
            <div class=format!("rm-quadrant {class}")>
                <strong>{move || ctx.tr(zh, en)}</strong>
                <span class="muted small">{move || ctx.tr(hint_zh, hint_en)}</span>
            </div>
        }
    };
    view! {
        <section class="card rm-matrix-card" aria-labelledby="rm-matrix-title">
            <h2 id="rm-matrix-title">{move || ctx.tr("价值 × 成本矩阵", "Value × cost matrix")}</h2>
            <p class="muted small">{move || ctx.tr(
                "气泡大小表示证据数量;拖动气泡可重新评定价值与成本,点按打开需求。",
                "Bubble size is the evidence attached; drag a bubble to re-score its value and cost, tap it to open the requirement.",
            )}</p>
            <div class="rm-matrix-wrap">
                <span class="rm-axis-y">{move || ctx.tr("价值 ↑", "Value ↑")}</span>
                <div class="rm-matrix" data-testid="matrix">
                    {quadrant("q-quick", "速赢", "Quick wins", "高价值 · 低成本", "high value · low cost")}
                    {quadrant("q-big", "重点投入", "Big bets", "高价值 · 高成本", "high value · high cost")}
                    {quadrant("q-fill", "填充", "Fill-ins", "低价值 · 低成本", "low value · low cost")}
                    {quadrant("q-pit", "暂缓", "Money pits", "低价值 · 高成本", "low value · high cost")}
                    <For
                        each=move || bubbles.get()
                        key=|(item, at)| format!("{}|{}|{}|{}|{:?}", item.id, item.value, item.cost, item.evidence_count(), at)
                        children=move |(item, at)| view! { <Bubble item at rm /> }
                    />
                </div>
                <span class="rm-axis-x">{move || ctx.tr("成本 →", "Cost →")}</span>
            </div>
        </section>
    }
}

#[component]
fn Bubble(item: RoadmapItem, at: (f64, f64), rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let grab: StoredValue<Option<Grab>> = StoredValue::new(None);
    let size = 44 + 6 * item.evidence_count().min(8);
    let style = format!(
        "left: {:.2}%; top: {:.2}%; width: {size}px; height: {size}px; margin: -{}px 0 0 -{}px;",
        at.0,
        at.1,
        size / 2,
        size / 2
    );
    let id = item.id.clone();
    let original = StoredValue::new(item.clone());
    let el_of = |ev: &PointerEvent| {
        ev.current_target()
            .and_then(|t| t.dyn_into::<HtmlElement>().ok())
    };
    let down = move |ev: PointerEvent| {
        if !ev.is_primary() || ev.button() != 0 {
            return;
        }
        if let Some(el) = el_of(&ev) {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        grab.set_value(Some(Grab {
            pointer: ev.pointer_id(),
            x: ev.client_x(),
            y: ev.client_y(),
            moved: false,
        }));
    };
    let moved = move |ev: PointerEvent| {
        let Some(mut g) = grab.get_value() else {
            return;
        };
        if g.pointer != ev.pointer_id() {
            return;
        }
        let (dx, dy) = (ev.client_x() - g.x, ev.client_y() - g.y);
        if !g.moved && dx.abs() + dy.abs() > 6 {
            g.moved = true;
            grab.set_value(Some(g));
        }
        if g.moved {
            ev.prevent_default();
            if let Some(el) = el_of(&ev) {
                let _ = el
                    .style()
                    .set_property("transform", &format!("translate({dx}px, {dy}px)"));
            }
        }
    };
    let up = move |ev: PointerEvent| {
        let Some(g) = grab.get_value() else { return };
        grab.set_value(None);
        let el = el_of(&ev);
        if let Some(el) = &el {
            let _ = el.style().set_property("transform", "");
        }
        if !g.moved {
            ctx.url()
                .set("card", &original.with_value(|o| o.id.clone()));
            return;
        }
        let Some(plot) = el
            .and_then(|e| e.closest(".rm-matrix").ok().flatten())
            .map(|p: Element| p.get_bounding_client_rect())
        else {
            return;
        };
        if plot.width() <= 0.0 || plot.height() <= 0.0 {
            return;
        }
        let fx = (f64::from(ev.client_x()) - plot.left()) / plot.width();
        let fy = (f64::from(ev.client_y()) - plot.top()) / plot.height();
        if !(0.0..=1.0).contains(&fx) || !(0.0..=1.0).contains(&fy) {
            return;
        }
        let cost = axis_value(fx);
        let value = 6 - axis_value(fy);
        let Some(mut next) = rm.item(&original.with_value(|o| o.id.clone())) else {
            return;
        };
        if next.cost == cost && next.value == value {
            return;
        }
        next.cost = cost;
        next.value = value;
        rm.save(ctx, Op::Update, next);
    };
    let cancel = move |ev: PointerEvent| {
        grab.set_value(None);
        if let Some(el) = el_of(&ev) {
            let _ = el.style().set_property("transform", "");
        }
    };
    let label = format!("{} ({}/{})", item.title, item.value, item.cost);
    let short: String = item.title.chars().take(4).collect();
    view! {
        <button type="button" class="rm-bubble" data-bubble=id style=style title=label.clone() aria-label=move || {
            format!("{label} {} {} {} {}", ctx.tr("价值", "value"), original.with_value(|o| o.value), ctx.tr("成本", "cost"), original.with_value(|o| o.cost))
        }
            on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=cancel>
            {short}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_to_axis_values() {
        assert_eq!(axis_value(0.0), 1);
        assert_eq!(axis_value(0.19), 1);
        assert_eq!(axis_value(0.21), 2);
        assert_eq!(axis_value(0.99), 5);
        assert_eq!(axis_value(1.0), 5);
        assert_eq!(axis_value(-3.0), 1);
    }
}
