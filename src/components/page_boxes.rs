//! Drop targets found from boxes measured once when a drag starts, instead
//! of asking the browser what lies under the pointer on every move: with
//! hundreds of items, Chromium's `elementFromPoint` walked every item's layer
//! (about 4 ms a move at 4× CPU throttling, 40 % of a board drag's
//! main-thread time), where a scan over the boxes costs microseconds.
//!
//! The boxes are in page coordinates (viewport plus the window's scroll), so
//! a window scroll during the drag leaves them valid; an element's scroll
//! marks them stale (`moved_since`), and the owner measures again.

use std::cell::Cell;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::document_listener::{listen_once, Listen};

/// A box in page coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageRect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl PageRect {
    pub const fn new(left: f64, top: f64, right: f64, bottom: f64) -> Self {
        PageRect {
            left,
            top,
            right,
            bottom,
        }
    }

    pub fn holds(&self, (x, y): (f64, f64)) -> bool {
        x >= self.left && x < self.right && y >= self.top && y < self.bottom
    }

    /// Whether the point lies in the lower half.
    pub fn lower_half(&self, (_, y): (f64, f64)) -> bool {
        y > self.top + (self.bottom - self.top) / 2.0
    }
}

/// The first box that holds the point (boxes of one kind do not overlap).
pub fn index_at(rects: &[PageRect], point: (f64, f64)) -> Option<usize> {
    rects.iter().position(|r| r.holds(point))
}

thread_local! {
    /// Bumped when something other than the window scrolls.
    static SCROLLS: Cell<u32> = const { Cell::new(0) };
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Counts element scrolls, from the first `stamp()` on. A window scroll (its
/// target is the document) does not count.
fn watch_scrolls() {
    let how = Listen {
        capture: true,
        passive: true,
    };
    listen_once(&WATCHING, "scroll", how, |ev: web_sys::Event| {
        let of_window = ev
            .target()
            .is_some_and(|t| t.dyn_into::<web_sys::Document>().is_ok());
        if !of_window {
            SCROLLS.with(|s| s.set(s.get().wrapping_add(1)));
        }
    });
}

/// A mark to compare with later: boxes measured at `stamp()` are stale once
/// `moved_since(stamp)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stamp(u32);

/// Starts watching (once) and returns the current mark.
pub fn stamp() -> Stamp {
    watch_scrolls();
    Stamp(SCROLLS.with(Cell::get))
}

/// Whether an element scrolled since the mark.
pub fn moved_since(s: Stamp) -> bool {
    SCROLLS.with(Cell::get) != s.0
}

fn scroll_offset() -> (f64, f64) {
    web_sys::window()
        .map(|w| (w.scroll_x().unwrap_or(0.0), w.scroll_y().unwrap_or(0.0)))
        .unwrap_or((0.0, 0.0))
}

/// A viewport point (a pointer event's client x and y) in page coordinates.
pub fn page_point(x: i32, y: i32) -> (f64, f64) {
    let (sx, sy) = scroll_offset();
    (f64::from(x) + sx, f64::from(y) + sy)
}

/// The elements' boxes in page coordinates, the window's scroll read once.
/// Read before any write of the same frame, they cost no layout pass.
pub fn page_rects<'a>(els: impl IntoIterator<Item = &'a Element>) -> Vec<PageRect> {
    let (sx, sy) = scroll_offset();
    els.into_iter()
        .map(|el| {
            let r = el.get_bounding_client_rect();
            PageRect::new(r.left() + sx, r.top() + sy, r.right() + sx, r.bottom() + sy)
        })
        .collect()
}

/// The document's elements of a class (a live collection, no selector
/// engine), copied out.
pub fn of_class(class: &str) -> Vec<Element> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let list = doc.get_elements_by_class_name(class);
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_box_holding_the_point_and_its_half() {
        let rects = [
            PageRect::new(0.0, 0.0, 100.0, 50.0),
            PageRect::new(0.0, 50.0, 100.0, 100.0),
        ];
        assert_eq!(index_at(&rects, (10.0, 10.0)), Some(0));
        // The bottom and right edges belong to the next box.
        assert_eq!(index_at(&rects, (10.0, 50.0)), Some(1));
        assert_eq!(index_at(&rects, (100.0, 10.0)), None);
        assert_eq!(index_at(&rects, (10.0, 120.0)), None);
        assert_eq!(index_at(&[], (0.0, 0.0)), None);
        assert!(!rects[0].lower_half((10.0, 25.0)));
        assert!(rects[0].lower_half((10.0, 26.0)));
    }
}
