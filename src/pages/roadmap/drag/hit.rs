//! The drop target under the pointer among the lanes' and cards' boxes
//! (`components::page_boxes`).

use crate::components::page_boxes::{index_at, PageRect};

/// What lies under a point: a card (by index), in its lower half or not, or
/// a lane (by index) outside its cards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hit {
    Card { index: usize, after: bool },
    Lane(usize),
}

/// The card under the point, else the lane; none outside every lane. Cards
/// lie inside their lanes and do not overlap, so this is what
/// `elementFromPoint` would have found.
pub fn hit(cards: &[PageRect], lanes: &[PageRect], point: (f64, f64)) -> Option<Hit> {
    if let Some(index) = index_at(cards, point) {
        let after = cards.get(index)?.lower_half(point);
        return Some(Hit::Card { index, after });
    }
    index_at(lanes, point).map(Hit::Lane)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_wins_over_its_lane_and_its_half_decides_before_or_after() {
        let lanes = [
            PageRect::new(0.0, 0.0, 100.0, 500.0),
            PageRect::new(110.0, 0.0, 210.0, 500.0),
        ];
        let cards = [
            PageRect::new(5.0, 40.0, 95.0, 80.0),
            PageRect::new(115.0, 40.0, 205.0, 80.0),
        ];
        let card = |index, after| Some(Hit::Card { index, after });
        assert_eq!(hit(&cards, &lanes, (50.0, 45.0)), card(0, false));
        assert_eq!(hit(&cards, &lanes, (150.0, 79.0)), card(1, true));
        // Between cards, or below the last: the lane's end.
        assert_eq!(hit(&cards, &lanes, (50.0, 300.0)), Some(Hit::Lane(0)));
        // The gap between lanes and outside the board: nothing.
        assert_eq!(hit(&cards, &lanes, (105.0, 60.0)), None);
        assert_eq!(hit(&cards, &lanes, (50.0, 600.0)), None);
    }
}
