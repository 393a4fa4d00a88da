//! Dragging roadmap cards with pointer events (mouse, pen and touch).
//!
//! A mouse or pen lifts a card once it moves a few pixels. A finger lifts it
//! only after a long press, so a swipe that starts on a card still scrolls the
//! board (the cards keep `touch-action: manipulation`); once a card is
//! lifted, a non-passive `touchmove` listener stops the page from scrolling
//! under it. Nothing reactive runs per pointer move: a copy of the card (the
//! ghost) follows the pointer by `transform`, the drop target is the element
//! under the pointer (`elementFromPoint`; the ghost lets the pointer through)
//! and the marker is a class written straight to the DOM.
//!
//! Why a ghost: moving the card itself made Chromium repaint the board every
//! frame, and `elementsFromPoint` walked every card on each move; with 500
//! cards that was about 10 ms a move (p50 50 ms a frame at 4× CPU
//! throttling, scripts/drag-bench.mjs). The ghost sits in `<body>` as a
//! layer of its own, which only the compositor moves.
//!
//! A lifted card held near the top or bottom edge of the window scrolls the
//! page, one step per animation frame, faster the closer it is: on a portrait
//! tablet the lanes are stacked, and a finger cannot scroll while it holds a
//! card. The ghost is fixed to the window, so it stays under the finger.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, HtmlElement, PointerEvent};

use crate::domain::roadmap::model::Lane;

/// How long a finger rests on a card before it lifts.
const LONG_PRESS: Duration = Duration::from_millis(350);
/// Pixels a mouse or pen moves before a press becomes a drag.
const MOUSE_SLOP: i32 = 6;
/// Pixels a finger may wander during the long press (beyond: a scroll).
const TOUCH_SLOP: i32 = 10;
/// The band at the window's top and bottom edge where a held card scrolls
/// the page, and the most it scrolls per frame.
const EDGE: f64 = 56.0;
const EDGE_STEP: f64 = 18.0;

thread_local! {
    /// A card is lifted by a finger: page scrolling is held.
    static HOLDING: Cell<bool> = const { Cell::new(false) };
    static GUARD_INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once per page load) the listener that cancels touch scrolling
/// while a card is held. It must be non-passive, which Leptos' delegated
/// listeners on the document are not.
fn install_touch_guard() {
    if GUARD_INSTALLED.with(Cell::get) {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let guard = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if HOLDING.with(Cell::get) && ev.cancelable() {
            ev.prevent_default();
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(false);
    let added = doc.add_event_listener_with_callback_and_add_event_listener_options(
        "touchmove",
        guard.as_ref().unchecked_ref(),
        &options,
    );
    if added.is_ok() {
        // One listener for the app's lifetime.
        guard.forget();
        GUARD_INSTALLED.with(|g| g.set(true));
    }
}

/// Where a dragged card would land: in `lane`, before or after `anchor`
/// (a card id), or at the end of the lane when there is no anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct Drop {
    pub lane: Lane,
    pub anchor: Option<(String, bool)>,
}

/// The board's shared drag state.
#[derive(Clone, Copy)]
pub struct DragState {
    /// The id of the lifted card (its look changes; nothing else re-renders).
    pub lifted: RwSignal<Option<String>>,
    /// Set on a drop so that the click ending the drag does not open the card.
    pub suppress_click: StoredValue<bool>,
    marker: StoredValue<Option<SendWrapper<Element>>>,
    /// The copy of the lifted card that follows the pointer.
    ghost: StoredValue<Option<SendWrapper<HtmlElement>>>,
    on_drop: Callback<(String, Drop)>,
}

#[derive(Clone, Copy, Debug)]
struct Press {
    pointer: i32,
    x: i32,
    y: i32,
    /// The latest pointer position, for the edge scroll between moves.
    at: (i32, i32),
    /// An edge-scroll frame is scheduled.
    scrolling: bool,
    touch: bool,
    lifted: bool,
    timer: Option<TimeoutHandle>,
}

/// Pixels per frame to scroll with the pointer at `y`: negative near the
/// top, positive near the bottom, 0 elsewhere.
fn edge_step(y: f64, height: f64) -> f64 {
    let closeness = if y < EDGE {
        -(EDGE - y.max(0.0))
    } else if y > height - EDGE {
        EDGE - (height - y).max(0.0)
    } else {
        return 0.0;
    };
    (closeness / EDGE * EDGE_STEP).round()
}

impl DragState {
    pub fn new(on_drop: Callback<(String, Drop)>) -> Self {
        install_touch_guard();
        let state = DragState {
            lifted: RwSignal::new(None),
            suppress_click: StoredValue::new(false),
            marker: StoredValue::new(None),
            ghost: StoredValue::new(None),
            on_drop,
        };
        // A board left mid-drag (another page, a reload of the data) must
        // not leave its ghost on the page.
        on_cleanup(move || state.drop_ghost());
        state
    }

    fn clear_marker(&self) {
        if let Some(el) = self.marker.try_update_value(Option::take).flatten() {
            let _ = el
                .class_list()
                .remove_3("drop-before", "drop-after", "drop-end");
        }
    }

    fn show_marker(&self, el: Element, class: &str) {
        let same = self
            .marker
            .with_value(|m| m.as_ref().is_some_and(|m| **m == el));
        if same && el.class_list().contains(class) {
            // Unchanged: touching the class list would still restyle it.
            return;
        }
        if !same {
            self.clear_marker();
        }
        let list = el.class_list();
        let _ = list.remove_3("drop-before", "drop-after", "drop-end");
        let _ = list.add_1(class);
        self.marker.set_value(Some(SendWrapper::new(el)));
    }

    /// The ghost of `card`, made on the first move after the lift: a deep
    /// copy fixed over the card's place, hidden from assistive technology
    /// and from clicks, without `data-card` (it is no card).
    fn ghost_of(&self, card: &HtmlElement) -> Option<HtmlElement> {
        if let Some(g) = self
            .ghost
            .try_with_value(|g| g.as_deref().cloned())
            .flatten()
        {
            return Some(g);
        }
        let body = web_sys::window()?.document()?.body()?;
        let ghost = card
            .clone_node_with_deep(true)
            .ok()?
            .dyn_into::<HtmlElement>()
            .ok()?;
        let rect = card.get_bounding_client_rect();
        let _ = ghost
            .class_list()
            .remove_3("lifted", "drop-before", "drop-after");
        let _ = ghost.class_list().add_1("rm-ghost");
        let _ = ghost.remove_attribute("data-card");
        let _ = ghost.set_attribute("aria-hidden", "true");
        let _ = ghost.set_attribute("inert", "");
        let style = ghost.style();
        for (key, value) in [
            ("left", rect.left()),
            ("top", rect.top()),
            ("width", rect.width()),
            ("height", rect.height()),
        ] {
            let _ = style.set_property(key, &format!("{value}px"));
        }
        body.append_child(&ghost).ok()?;
        self.ghost
            .try_set_value(Some(SendWrapper::new(ghost.clone())));
        Some(ghost)
    }

    fn drop_ghost(&self) {
        if let Some(g) = self.ghost.try_update_value(Option::take).flatten() {
            g.remove();
        }
    }
}

fn lane_of(el: &Element) -> Option<Lane> {
    let lane = el.closest("[data-lane]").ok()??;
    Lane::from_id(&lane.get_attribute("data-lane")?)
}

/// The drop under a screen point and the element to mark with the given
/// class; none over the dragged card's own place (dropping there moves
/// nothing) or outside the lanes. The ghost has `pointer-events: none`, so
/// the first element hit is what lies under it (`elementsFromPoint`, the
/// whole stack, cost a walk over every card).
fn drop_at(x: i32, y: i32, dragged: &str) -> Option<(Drop, Element, &'static str)> {
    let doc = web_sys::window()?.document()?;
    let el = doc.element_from_point(x as f32, y as f32)?;
    if let Some(card) = el.closest("[data-card]").ok().flatten() {
        let id = card.get_attribute("data-card").unwrap_or_default();
        if id == dragged {
            return None;
        }
        let rect = card.get_bounding_client_rect();
        let after = f64::from(y) > rect.top() + rect.height() / 2.0;
        let lane = lane_of(&card)?;
        let class = if after { "drop-after" } else { "drop-before" };
        return Some((
            Drop {
                lane,
                anchor: Some((id, after)),
            },
            card,
            class,
        ));
    }
    let lane = el.closest("[data-lane]").ok().flatten()?;
    let drop = Drop {
        lane: Lane::from_id(&lane.get_attribute("data-lane")?)?,
        anchor: None,
    };
    Some((drop, lane, "drop-end"))
}

fn card_element(ev: &PointerEvent) -> Option<HtmlElement> {
    ev.current_target()?.dyn_into::<HtmlElement>().ok()
}

fn set_offset(el: &HtmlElement, dx: i32, dy: i32) {
    let _ = el
        .style()
        .set_property("transform", &format!("translate({dx}px, {dy}px)"));
}

/// The pointer handlers of one card.
#[derive(Clone, Copy)]
pub struct CardDrag {
    id: StoredValue<String>,
    state: DragState,
    press: StoredValue<Option<Press>>,
}

impl CardDrag {
    pub fn new(id: String, state: DragState) -> Self {
        CardDrag {
            id: StoredValue::new(id),
            state,
            press: StoredValue::new(None),
        }
    }

    fn lift(&self) {
        if let Some(mut p) = self.press.get_value() {
            p.lifted = true;
            self.press.set_value(Some(p));
            HOLDING.with(|h| h.set(p.touch));
            self.state.lifted.set(Some(self.id.get_value()));
        }
    }

    fn end(&self) {
        if let Some(Some(p)) = self.press.try_get_value() {
            if let Some(t) = p.timer {
                t.clear();
            }
        }
        self.press.try_set_value(None);
        HOLDING.with(|h| h.set(false));
        self.state.clear_marker();
        self.state.drop_ghost();
        if self.state.lifted.try_get_untracked().flatten().is_some() {
            self.state.lifted.try_set(None);
        }
    }

    pub fn down(&self, ev: PointerEvent) {
        // Buttons and menus inside the card keep their own behaviour.
        let on_control = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| {
                t.closest("button, summary, a, input, select")
                    .ok()
                    .flatten()
            })
            .is_some_and(|c| !c.class_list().contains("rm-card-open"));
        if on_control || !ev.is_primary() || ev.button() != 0 {
            return;
        }
        // A ghost left over (its card re-rendered mid-drag, so no pointerup
        // reached it) goes before a new press.
        self.state.drop_ghost();
        let touch = ev.pointer_type() == "touch";
        if !touch {
            if let Some(el) = card_element(&ev) {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
        }
        let this = *self;
        let timer = touch
            .then(|| {
                set_timeout_with_handle(
                    move || {
                        if this.press.try_with_value(|p| p.is_some_and(|p| !p.lifted)) == Some(true)
                        {
                            this.lift();
                        }
                    },
                    LONG_PRESS,
                )
                .ok()
            })
            .flatten();
        self.press.set_value(Some(Press {
            pointer: ev.pointer_id(),
            x: ev.client_x(),
            y: ev.client_y(),
            at: (ev.client_x(), ev.client_y()),
            scrolling: false,
            touch,
            lifted: false,
            timer,
        }));
    }

    pub fn moved(&self, ev: PointerEvent) {
        let Some(mut p) = self.press.get_value() else {
            return;
        };
        if p.pointer != ev.pointer_id() {
            return;
        }
        let (dx, dy) = (ev.client_x() - p.x, ev.client_y() - p.y);
        if !p.lifted {
            let far = dx.abs() + dy.abs();
            if p.touch {
                // A swipe before the long press: the board scrolls instead.
                if far > TOUCH_SLOP {
                    self.end();
                }
                return;
            }
            if far <= MOUSE_SLOP {
                return;
            }
            self.lift();
            p.lifted = true;
        }
        ev.prevent_default();
        // Made on the first move after the lift; `follow` moves it.
        if let Some(card) = card_element(&ev) {
            self.state.ghost_of(&card);
        }
        p.at = (ev.client_x(), ev.client_y());
        self.press.set_value(Some(p));
        self.follow(p);
        if !p.scrolling {
            self.edge_scroll();
        }
    }

    /// Follows the pointer: the ghost's offset and the drop marker under it.
    fn follow(&self, p: Press) {
        let (x, y) = p.at;
        if let Some(ghost) = self
            .state
            .ghost
            .try_with_value(|g| g.as_deref().cloned())
            .flatten()
        {
            set_offset(&ghost, x - p.x, y - p.y);
        }
        let id = self.id.get_value();
        match drop_at(x, y, &id) {
            Some((_, el, class)) => self.state.show_marker(el, class),
            None => self.state.clear_marker(),
        }
    }

    /// Scrolls one step while the lifted card is held near an edge, then
    /// schedules the next frame; stops when it leaves the edge or drops.
    fn edge_scroll(self) {
        let Some(Some(mut p)) = self.press.try_get_value() else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let step = edge_step(f64::from(p.at.1), height);
        let before = window.scroll_y().unwrap_or(0.0);
        if p.lifted && step != 0.0 {
            window.scroll_by_with_x_and_y(0.0, step);
        }
        // At the page's end nothing moves: stop until the pointer moves.
        p.scrolling = p.lifted && step != 0.0 && window.scroll_y().unwrap_or(0.0) != before;
        self.press.set_value(Some(p));
        if p.scrolling {
            self.follow(p);
            request_animation_frame(move || self.edge_scroll());
        }
    }

    pub fn up(&self, ev: PointerEvent) {
        let Some(p) = self.press.get_value() else {
            return;
        };
        let id = self.id.get_value();
        let drop = p
            .lifted
            .then(|| drop_at(ev.client_x(), ev.client_y(), &id))
            .flatten();
        if p.lifted {
            // The click that may follow the drop must not open the card; if
            // none comes (the pointer ended elsewhere), clicks work again.
            let suppress = self.state.suppress_click;
            suppress.set_value(true);
            set_timeout(
                move || {
                    suppress.try_set_value(false);
                },
                Duration::from_millis(60),
            );
        }
        self.end();
        if let Some((drop, _, _)) = drop {
            self.state.on_drop.run((id, drop));
        }
    }

    pub fn cancel(&self, _ev: PointerEvent) {
        self.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edge_band_scrolls_faster_closer_to_the_edge() {
        assert_eq!(edge_step(500.0, 1024.0), 0.0);
        assert_eq!(edge_step(EDGE, 1024.0), 0.0);
        assert_eq!(edge_step(0.0, 1024.0), -EDGE_STEP);
        assert_eq!(edge_step(-20.0, 1024.0), -EDGE_STEP);
        assert_eq!(edge_step(1024.0, 1024.0), EDGE_STEP);
        assert_eq!(
            edge_step(1024.0 - EDGE / 2.0, 1024.0),
            (EDGE_STEP / 2.0).round()
        );
        // A window shorter than both bands: the top one wins.
        assert!(edge_step(10.0, 40.0) < 0.0);
    }
}
