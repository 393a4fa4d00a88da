//! Touch: while a finger holds a card the page must not scroll under it,
//! and holding the card near the window's top or bottom edge scrolls the
//! page instead (on a portrait tablet the lanes are stacked).

use std::cell::Cell;

use crate::components::document_listener::{listen_once, Listen};

/// The band at the window's top and bottom edge where a held card scrolls
/// the page, and the most it scrolls per frame.
const EDGE: f64 = 56.0;
const EDGE_STEP: f64 = 18.0;

thread_local! {
    /// A card is lifted by a finger: page scrolling is held.
    static HOLDING: Cell<bool> = const { Cell::new(false) };
    static GUARD_INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Holds (or releases) touch scrolling of the page.
pub(super) fn hold(holding: bool) {
    HOLDING.with(|h| h.set(holding));
}

/// Installs (once per page load) the listener that cancels touch scrolling
/// while a card is held. It must be non-passive, which Leptos' delegated
/// listeners on the document are not.
pub(super) fn install_touch_guard() {
    let how = Listen {
        capture: false,
        passive: false,
    };
    listen_once(&GUARD_INSTALLED, "touchmove", how, |ev: web_sys::Event| {
        if HOLDING.with(Cell::get) && ev.cancelable() {
            ev.prevent_default();
        }
    });
}

/// Pixels per frame to scroll with the pointer at `y`: negative near the
/// top, positive near the bottom, 0 elsewhere.
pub(super) fn edge_step(y: f64, height: f64) -> f64 {
    let closeness = if y < EDGE {
        -(EDGE - y.max(0.0))
    } else if y > height - EDGE {
        EDGE - (height - y).max(0.0)
    } else {
        return 0.0;
    };
    (closeness / EDGE * EDGE_STEP).round()
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
