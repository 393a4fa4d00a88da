//! The board's drag state: the drop marker, the ghost that follows the
//! pointer, and the drop target under a point (from the lanes' and cards'
//! boxes, measured when the card lifts: `hit`).

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::hit::{hit, Hit};
use super::touch::install_touch_guard;
use crate::components::page_boxes::{
    moved_since, of_class, page_point, page_rects, stamp, PageRect, Stamp,
};
use crate::domain::roadmap::model::Lane;

/// The lanes and cards where they lay when measured, with their boxes.
struct Targets {
    /// Each card's element, id and lane.
    cards: Vec<(Element, String, Lane)>,
    card_rects: Vec<PageRect>,
    lanes: Vec<(Element, Lane)>,
    lane_rects: Vec<PageRect>,
    measured: Stamp,
}

impl Targets {
    /// One read of the layout the last frame drew (no write comes before it).
    fn measure() -> Targets {
        let measured = stamp();
        let lanes: Vec<(Element, Lane)> = of_class("rm-lane")
            .into_iter()
            .filter_map(|el| {
                let lane = Lane::from_id(&el.get_attribute("data-lane")?)?;
                Some((el, lane))
            })
            .collect();
        // The ghost is no card: it has no `data-card`.
        let cards: Vec<(Element, String, Lane)> = of_class("rm-card")
            .into_iter()
            .filter_map(|el| {
                let id = el.get_attribute("data-card")?;
                let lane = lane_of(&el)?;
                Some((el, id, lane))
            })
            .collect();
        Targets {
            card_rects: page_rects(cards.iter().map(|(el, _, _)| el)),
            lane_rects: page_rects(lanes.iter().map(|(el, _)| el)),
            cards,
            lanes,
            measured,
        }
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
    pub(super) marker: StoredValue<Option<SendWrapper<Element>>>,
    /// The copy of the lifted card that follows the pointer.
    pub(super) ghost: StoredValue<Option<SendWrapper<HtmlElement>>>,
    pub(super) on_drop: Callback<(String, Drop)>,
    /// The boxes hit-tested while a card is lifted; measured on its first
    /// move, again after an element scrolled, and forgotten at the drop.
    targets: StoredValue<Option<SendWrapper<Targets>>>,
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
            targets: StoredValue::new(None),
        };
        // A board left mid-drag (another page, a reload of the data) must
        // not leave its ghost on the page.
        on_cleanup(move || state.drop_ghost());
        state
    }

    pub(super) fn clear_marker(&self) {
        if let Some(el) = self.marker.try_update_value(Option::take).flatten() {
            let _ = el
                .class_list()
                .remove_3("drop-before", "drop-after", "drop-end");
        }
    }

    pub(super) fn show_marker(&self, el: Element, class: &str) {
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
    pub(super) fn ghost_of(&self, card: &HtmlElement) -> Option<HtmlElement> {
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

    pub(super) fn forget_targets(&self) {
        self.targets.try_set_value(None);
    }

    /// The drop under a viewport point and the element to mark with the
    /// given class; none over the dragged card's own place (dropping there
    /// moves nothing) or outside the lanes.
    pub(super) fn drop_at(
        &self,
        x: i32,
        y: i32,
        dragged: &str,
    ) -> Option<(Drop, Element, &'static str)> {
        let stale = self
            .targets
            .with_value(|t| t.as_ref().is_none_or(|t| moved_since(t.measured)));
        if stale {
            self.targets
                .set_value(Some(SendWrapper::new(Targets::measure())));
        }
        self.targets.with_value(|t| {
            let t = t.as_deref()?;
            match hit(&t.card_rects, &t.lane_rects, page_point(x, y))? {
                Hit::Card { index, after } => {
                    let (card, id, lane) = t.cards.get(index)?;
                    if id == dragged {
                        return None;
                    }
                    let class = if after { "drop-after" } else { "drop-before" };
                    let drop = Drop {
                        lane: *lane,
                        anchor: Some((id.clone(), after)),
                    };
                    Some((drop, card.clone(), class))
                }
                Hit::Lane(index) => {
                    let (el, lane) = t.lanes.get(index)?;
                    let drop = Drop {
                        lane: *lane,
                        anchor: None,
                    };
                    Some((drop, el.clone(), "drop-end"))
                }
            }
        })
    }

    pub(super) fn drop_ghost(&self) {
        if let Some(g) = self.ghost.try_update_value(Option::take).flatten() {
            g.remove();
        }
    }
}

fn lane_of(el: &Element) -> Option<Lane> {
    let lane = el.closest("[data-lane]").ok()??;
    Lane::from_id(&lane.get_attribute("data-lane")?)
}
