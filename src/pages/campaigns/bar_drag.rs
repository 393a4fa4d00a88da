//! Rescheduling a campaign by dragging its bar on the timeline sideways, with
//! pointer events (mouse, pen and touch; a vertical swipe still scrolls, as
//! the bars allow only vertical panning). The bar follows the pointer by
//! `transform`, written straight to the DOM, so nothing reactive runs per
//! move; the drop moves start and end by whole days and saves through the
//! outbox. The click that ends a drag does not open the campaign. The edit
//! dialog's dates do the same without dragging.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, PointerEvent};

use crate::data::outbox::Op;
use crate::domain::campaigns::model::Campaign;
use crate::domain::campaigns::reschedule::{can_reschedule, drag_days, shifted_by};
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::submit;
use crate::state::loading::ListResource;

/// Pixels a press moves before it becomes a drag (below: a click).
const SLOP: i32 = 6;

#[derive(Clone, Copy, Debug)]
struct Press {
    pointer: i32,
    x: i32,
    /// Width of the rows in pixels: what the window's days span.
    width: f64,
    moved: bool,
}

/// The pointer handlers of one bar.
#[derive(Clone, Copy)]
pub struct BarDrag {
    ctx: Ctx,
    campaign: StoredValue<Campaign>,
    /// Days the timeline's window shows.
    days: i64,
    list: ListResource<Campaign>,
    press: StoredValue<Option<Press>>,
    /// Shared by the timeline's bars: the save re-renders them before the
    /// click that ends the drag arrives, so that click reaches a new bar.
    suppress_click: StoredValue<bool>,
    pub enabled: bool,
}

fn bar_of(ev: &PointerEvent) -> Option<HtmlElement> {
    ev.current_target()?.dyn_into::<HtmlElement>().ok()
}

/// Moves the bar by `dx` pixels. Only the transform: a label of the days
/// moved ("+3", from an attribute) made every frame lay out and repaint the
/// bar, which cost 60 fps at 4× CPU throttling (scripts/drag-bench.mjs).
fn show_offset(bar: &HtmlElement, dx: i32) {
    let _ = bar.style().set_property(
        "transform",
        &if dx == 0 {
            String::new()
        } else {
            format!("translateX({dx}px)")
        },
    );
}

impl BarDrag {
    pub fn new(
        campaign: Campaign,
        days: i64,
        list: ListResource<Campaign>,
        suppress_click: StoredValue<bool>,
    ) -> Self {
        BarDrag {
            ctx: use_ctx(),
            enabled: can_reschedule(&campaign),
            campaign: StoredValue::new(campaign),
            days,
            list,
            press: StoredValue::new(None),
            suppress_click,
        }
    }

    pub fn down(&self, ev: PointerEvent) {
        if !self.enabled || !ev.is_primary() || ev.button() != 0 {
            return;
        }
        let Some(bar) = bar_of(&ev) else { return };
        let width = bar
            .closest(".tl-rows")
            .ok()
            .flatten()
            .map(|rows| rows.get_bounding_client_rect().width())
            .unwrap_or(0.0);
        let _ = bar.set_pointer_capture(ev.pointer_id());
        self.press.set_value(Some(Press {
            pointer: ev.pointer_id(),
            x: ev.client_x(),
            width,
            moved: false,
        }));
    }

    pub fn moved(&self, ev: PointerEvent) {
        let Some(Some(mut p)) = self.press.try_get_value() else {
            return;
        };
        if p.pointer != ev.pointer_id() {
            return;
        }
        let dx = ev.client_x() - p.x;
        let Some(bar) = bar_of(&ev) else { return };
        if !p.moved {
            if dx.abs() <= SLOP {
                return;
            }
            p.moved = true;
            self.press.set_value(Some(p));
            let _ = bar.class_list().add_1("dragging");
        }
        ev.prevent_default();
        show_offset(&bar, dx);
    }

    pub fn up(&self, ev: PointerEvent) {
        let Some(Some(p)) = self.press.try_get_value() else {
            return;
        };
        self.end(&ev);
        if !p.moved {
            return;
        }
        // The click that follows the drop must not open the campaign; if
        // none comes (the pointer ended off the bar), clicks work again.
        let suppress = self.suppress_click;
        suppress.set_value(true);
        set_timeout(
            move || {
                suppress.try_set_value(false);
            },
            Duration::from_millis(60),
        );
        let days = drag_days(f64::from(ev.client_x() - p.x), p.width, self.days);
        if days == 0 {
            return;
        }
        let Some(moved) = self.campaign.with_value(|c| shifted_by(c, days)) else {
            return;
        };
        submit(
            self.ctx,
            Op::Update,
            moved.id.clone(),
            Some(moved.clone()),
            moved.name.clone(),
            Some(self.list),
        );
    }

    pub fn cancel(&self, ev: PointerEvent) {
        self.end(&ev);
    }

    fn end(&self, ev: &PointerEvent) {
        self.press.try_set_value(None);
        if let Some(bar) = bar_of(ev) {
            show_offset(&bar, 0);
            let _ = bar.class_list().remove_1("dragging");
        }
    }

    /// The bar is a link to the campaign: a click ending a drag is not one.
    pub fn click(&self, ev: web_sys::MouseEvent) {
        if self.suppress_click.try_get_value() == Some(true) {
            self.suppress_click.set_value(false);
            ev.prevent_default();
        }
    }
}
