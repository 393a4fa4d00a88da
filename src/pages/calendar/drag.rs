//! Dragging a calendar item onto another day: the day under the pointer,
//! found among the day cells' boxes measured when the drag starts
//! (`components::page_boxes`: asking the browser what lies under the pointer
//! on every move walked every chip).

use chrono::NaiveDate;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::components::page_boxes::{
    index_at, moved_since, of_class, page_point, page_rects, stamp, PageRect, Stamp,
};

/// The view's day cells (`data-date`) and their boxes.
struct Cells {
    dates: Vec<NaiveDate>,
    rects: Vec<PageRect>,
    measured: Stamp,
}

impl Cells {
    fn measure() -> Cells {
        let measured = stamp();
        let (dates, days) = of_class("day-cell")
            .into_iter()
            .filter_map(|el| {
                let date =
                    NaiveDate::parse_from_str(&el.get_attribute("data-date")?, "%Y-%m-%d").ok()?;
                Some((date, el))
            })
            .unzip::<_, _, Vec<_>, Vec<_>>();
        Cells {
            dates,
            rects: page_rects(&days),
            measured,
        }
    }
}

/// A press on an item: the pointer, where it went down, and whether it has
/// moved far enough to be a drag.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Drag {
    pub(super) pointer: i32,
    pub(super) x: i32,
    pub(super) y: i32,
    pub(super) moved: bool,
}

/// Shared drag state of one view: which day is under the dragged item.
#[derive(Clone, Copy)]
pub(super) struct DragState {
    pub(super) over: RwSignal<Option<NaiveDate>>,
    pub(super) suppress_click: StoredValue<bool>,
    /// Measured on a drag's first move, forgotten when it ends.
    cells: StoredValue<Option<SendWrapper<Cells>>>,
}

impl DragState {
    pub(super) fn new() -> Self {
        DragState {
            over: RwSignal::new(None),
            suppress_click: StoredValue::new(false),
            cells: StoredValue::new(None),
        }
    }

    /// The day cell under a viewport point, if any.
    pub(super) fn date_at(&self, x: i32, y: i32) -> Option<NaiveDate> {
        let stale = self
            .cells
            .try_with_value(|c| c.as_ref().is_none_or(|c| moved_since(c.measured)))?;
        if stale {
            self.cells
                .try_set_value(Some(SendWrapper::new(Cells::measure())));
        }
        self.cells.try_with_value(|c| {
            let c = c.as_deref()?;
            c.dates.get(index_at(&c.rects, page_point(x, y))?).copied()
        })?
    }

    pub(super) fn forget_cells(&self) {
        self.cells.try_set_value(None);
    }
}
