//! Dragging roadmap cards with pointer events (mouse, pen and touch).
//!
//! A mouse or pen lifts a card once it moves a few pixels. A finger lifts it
//! only after a long press, so a swipe that starts on a card still scrolls the
//! board (the cards keep `touch-action: manipulation`); once a card is
//! lifted, a non-passive `touchmove` listener stops the page from scrolling
//! under it. Nothing reactive runs per pointer move: a copy of the card (the
//! ghost) follows the pointer by `transform`, the drop target is found among
//! the lanes' and cards' boxes measured when the card lifts (`hit`), and the
//! marker is a class written straight to the DOM.
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

mod hit;
mod state;
mod touch;

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent};

pub use state::{DragState, Drop};
use touch::edge_step;

/// How long a finger rests on a card before it lifts.
const LONG_PRESS: Duration = Duration::from_millis(350);
/// Pixels a mouse or pen moves before a press becomes a drag.
const MOUSE_SLOP: i32 = 6;
/// Pixels a finger may wander during the long press (beyond: a scroll).
const TOUCH_SLOP: i32 = 10;

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
            touch::hold(p.touch);
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
        touch::hold(false);
        self.state.clear_marker();
        self.state.drop_ghost();
        self.state.forget_targets();
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
        // Hit-test before writing anything: the first move measures the
        // boxes, and then the layout is still the one the last frame drew.
        let id = self.id.get_value();
        let target = self.state.drop_at(x, y, &id);
        if let Some(ghost) = self
            .state
            .ghost
            .try_with_value(|g| g.as_deref().cloned())
            .flatten()
        {
            set_offset(&ghost, x - p.x, y - p.y);
        }
        match target {
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
            .then(|| self.state.drop_at(ev.client_x(), ev.client_y(), &id))
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
