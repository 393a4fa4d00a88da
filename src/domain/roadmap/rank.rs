//! Card ranks within a lane, and the warning when a lane's order disagrees
//! with the scores.
//!
//! Ranks are plain numbers sorted ascending (ties by id). A move gives the
//! moved card the midpoint between its new neighbours, so one drag writes one
//! row to the backend rather than renumbering the lane; only when two
//! neighbours get closer than [`MIN_GAP`] (after ~40 inserts at one spot) is
//! the whole lane renumbered [`STEP`] apart. Ranks from the backend may be
//! equal, missing (0) or not finite: sorting copes, and a move through such a
//! spot simply renumbers.

/// The spacing of freshly numbered ranks, and the distance a card moved to an
/// end of the lane keeps from its neighbour.
pub const STEP: f64 = 1024.0;

/// Below this gap a midpoint is no longer trusted to differ from both
/// neighbours after a round trip through JSON, so the lane is renumbered.
pub const MIN_GAP: f64 = 1e-6;

/// A card as ranking sees it: its id and its rank.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    pub id: String,
    pub rank: f64,
}

/// A rank to persist: the row `id` now has `rank`.
#[derive(Debug, Clone, PartialEq)]
pub struct RankChange {
    pub id: String,
    pub rank: f64,
}

/// Where a card goes within a lane (the keyboard and menu alternatives to
/// dragging, and the drop position of a drag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    First,
    Last,
    /// Before the card now at this index of the lane without the moved card
    /// (so `At(0)` is first; an index past the end means last).
    At(usize),
    /// One place towards the top (no change when already first).
    Up,
    /// One place towards the bottom (no change when already last).
    Down,
}

/// The lane's cards in rank order: by rank (`total_cmp`, so a NaN from the
/// backend sorts last instead of panicking), then by id.
pub fn sorted(cards: &[Ranked]) -> Vec<Ranked> {
    let mut v = cards.to_vec();
    v.sort_by(|a, b| a.rank.total_cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
    v
}

/// A rank strictly between `before` and `after` (either may be an end of
/// the lane), or `None` when there is no usable room and the lane must be
/// renumbered.
pub fn rank_between(before: Option<f64>, after: Option<f64>) -> Option<f64> {
    let r = match (before, after) {
        (None, None) => STEP,
        (Some(b), None) => b + STEP,
        (None, Some(a)) => a - STEP,
        // a NaN or a gap under MIN_GAP fails the check below
        (Some(b), Some(a)) => b + (a - b) / 2.0,
    };
    let fits = r.is_finite()
        && before.is_none_or(|b| r - b > MIN_GAP)
        && after.is_none_or(|a| a - r > MIN_GAP);
    fits.then_some(r)
}

/// Places card `id` in the lane `cards` at `position`, and returns the ranks
/// to persist: the moved card's alone, or every card whose rank changed when
/// the lane had to be renumbered; empty when nothing moves. `cards` may or
/// may not hold `id`: a card coming from another lane is not in it yet.
pub fn place(cards: &[Ranked], id: &str, position: Position) -> Vec<RankChange> {
    let lane = sorted(cards);
    let current = lane.iter().position(|c| c.id == id);
    let others: Vec<&Ranked> = lane.iter().filter(|c| c.id != id).collect();
    let index = match (position, current) {
        (Position::First, _) => 0,
        (Position::Last, _) => others.len(),
        (Position::At(i), _) => i.min(others.len()),
        // a card outside this lane has no "one up": it goes last / first
        (Position::Up, Some(i)) => i.saturating_sub(1),
        (Position::Up, None) => others.len(),
        (Position::Down, Some(i)) => (i + 1).min(others.len()),
        (Position::Down, None) => 0,
    };
    if current == Some(index) {
        return Vec::new();
    }
    let before = index
        .checked_sub(1)
        .and_then(|i| others.get(i))
        .map(|c| c.rank);
    let after = others.get(index).map(|c| c.rank);
    if let Some(rank) = rank_between(before, after) {
        return vec![RankChange {
            id: id.to_string(),
            rank,
        }];
    }
    // No room: renumber the lane in its new order, writing only what changed.
    let mut order: Vec<(&str, Option<f64>)> = others
        .iter()
        .map(|c| (c.id.as_str(), Some(c.rank)))
        .collect();
    let old = current.and_then(|i| lane.get(i)).map(|c| c.rank);
    order.insert(index, (id, old));
    renumber(&order)
}

/// Ranks `STEP, 2·STEP, …` in the given order, for the cards whose rank
/// differs (a card new to the lane, `None`, always gets one).
fn renumber(order: &[(&str, Option<f64>)]) -> Vec<RankChange> {
    order
        .iter()
        .enumerate()
        .filter_map(|(i, (id, old))| {
            let rank = (i as f64 + 1.0) * STEP;
            (*old != Some(rank)).then(|| RankChange {
                id: (*id).to_string(),
                rank,
            })
        })
        .collect()
}

/// Applies rank changes to a lane (for previews and tests): changed cards
/// take their new rank, new cards join.
pub fn apply(cards: &[Ranked], changes: &[RankChange]) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = cards
        .iter()
        .filter(|c| !changes.iter().any(|ch| ch.id == c.id))
        .cloned()
        .collect();
    out.extend(changes.iter().map(|ch| Ranked {
        id: ch.id.clone(),
        rank: ch.rank,
    }));
    sorted(&out)
}

/// Cards the team has ranked into the top third of a lane while their score
/// is in the bottom third: "a low-score item ranked first", which the board
/// flags so the override is a knowing one. Lanes under three scored cards
/// have no thirds and warn about nothing; unscored cards are left out. A card
/// counts as bottom third only when at least n − ⌊n/3⌋ cards score strictly
/// higher, so ties never warn.
pub fn order_warnings(cards: &[(Ranked, Option<f64>)]) -> Vec<String> {
    let mut scored: Vec<(&Ranked, f64)> = cards
        .iter()
        .filter_map(|(c, s)| s.filter(|s| s.is_finite()).map(|s| (c, s)))
        .collect();
    scored.sort_by(|(a, _), (b, _)| a.rank.total_cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
    let n = scored.len();
    let third = n / 3;
    if third == 0 {
        return Vec::new();
    }
    scored
        .iter()
        .take(third)
        .filter(|(_, s)| scored.iter().filter(|(_, o)| o > s).count() >= n - third)
        .map(|(c, _)| c.id.clone())
        .collect()
}

/// The share of card pairs whose rank order and score order disagree (0 =
/// the lane is sorted by score, 1 = exactly reversed): Kendall's distance,
/// for a "how far from the score order" gauge. Pairs with equal scores are
/// not counted; `None` when no pair can be compared.
pub fn disorder(cards: &[(Ranked, Option<f64>)]) -> Option<f64> {
    let mut scored: Vec<(&Ranked, f64)> = cards
        .iter()
        .filter_map(|(c, s)| s.filter(|s| s.is_finite()).map(|s| (c, s)))
        .collect();
    scored.sort_by(|(a, _), (b, _)| a.rank.total_cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
    let (mut pairs, mut inverted) = (0u64, 0u64);
    for (i, (_, hi)) in scored.iter().enumerate() {
        for (_, lo) in scored.iter().skip(i + 1) {
            if hi != lo {
                pairs += 1;
                // ranked higher but scored lower
                inverted += u64::from(hi < lo);
            }
        }
    }
    (pairs > 0).then(|| inverted as f64 / pairs as f64)
}

/// The rank that puts a new card above every card ranked `ranks`: new
/// ideas go to the top of their lane, where they are seen.
pub fn above_all(ranks: impl IntoIterator<Item = f64>) -> f64 {
    let first = ranks
        .into_iter()
        .filter(|r| r.is_finite())
        .fold(f64::INFINITY, f64::min);
    if first.is_finite() {
        first - STEP
    } else {
        STEP
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lane(cards: &[(&str, f64)]) -> Vec<Ranked> {
        cards
            .iter()
            .map(|(id, rank)| Ranked {
                id: (*id).to_string(),
                rank: *rank,
            })
            .collect()
    }

    fn ids(cards: &[Ranked]) -> Vec<&str> {
        cards.iter().map(|c| c.id.as_str()).collect()
    }

    fn one(id: &str, rank: f64) -> Vec<RankChange> {
        vec![RankChange {
            id: id.to_string(),
            rank,
        }]
    }

    /// a 1024, b 2048, c 3072
    fn abc() -> Vec<Ranked> {
        lane(&[("a", 1024.0), ("b", 2048.0), ("c", 3072.0)])
    }

    #[test]
    fn move_to_first_and_last_writes_one_rank() {
        // c to first: 1024 − 1024 = 0
        assert_eq!(place(&abc(), "c", Position::First), one("c", 0.0));
        // a to last: 3072 + 1024 = 4096
        assert_eq!(place(&abc(), "a", Position::Last), one("a", 4096.0));
    }

    #[test]
    fn move_between_two_cards_takes_the_midpoint() {
        // c between a and b: (1024 + 2048) / 2 = 1536
        let ch = place(&abc(), "c", Position::At(1));
        assert_eq!(ch, one("c", 1536.0));
        assert_eq!(ids(&apply(&abc(), &ch)), ["a", "c", "b"]);
    }

    #[test]
    fn moves_that_change_nothing_write_nothing() {
        assert!(place(&abc(), "a", Position::First).is_empty());
        assert!(place(&abc(), "c", Position::Last).is_empty());
        assert!(place(&abc(), "a", Position::Up).is_empty());
        assert!(place(&abc(), "c", Position::Down).is_empty());
        // b at index 1 of [a, c] is where it already is
        assert!(place(&abc(), "b", Position::At(1)).is_empty());
    }

    #[test]
    fn up_and_down_swap_with_the_neighbour() {
        // b up: before a → 1024 − 1024 = 0
        let up = place(&abc(), "b", Position::Up);
        assert_eq!(up, one("b", 0.0));
        assert_eq!(ids(&apply(&abc(), &up)), ["b", "a", "c"]);
        // a down: between b and c → (2048 + 3072) / 2 = 2560
        let down = place(&abc(), "a", Position::Down);
        assert_eq!(down, one("a", 2560.0));
        assert_eq!(ids(&apply(&abc(), &down)), ["b", "a", "c"]);
    }

    #[test]
    fn into_an_empty_lane_or_another_lane_at_a_position() {
        // empty lane: the first rank is STEP
        assert_eq!(place(&[], "x", Position::First), one("x", 1024.0));
        assert_eq!(place(&[], "x", Position::At(5)), one("x", 1024.0));
        // x from another lane, dropped before b: (1024 + 2048) / 2 = 1536
        assert_eq!(place(&abc(), "x", Position::At(1)), one("x", 1536.0));
        // an index past the end means last: 3072 + 1024
        assert_eq!(place(&abc(), "x", Position::At(9)), one("x", 4096.0));
        // "up" from outside the lane lands last, "down" first
        assert_eq!(place(&abc(), "x", Position::Up), one("x", 4096.0));
        assert_eq!(place(&abc(), "x", Position::Down), one("x", 0.0));
    }

    #[test]
    fn repeated_inserts_at_one_spot_renumber_when_the_gap_closes() {
        // Insert new cards right after a, again and again: the gap halves each
        // time (1024 → 512 → …), so after about log2(1024 / 1e-6) ≈ 30 inserts
        // it falls under MIN_GAP and the lane is renumbered once.
        let mut cards = lane(&[("a", 1024.0), ("z", 2048.0)]);
        let mut renumbered = 0;
        for i in 0..100 {
            let id = format!("n{i}");
            let ch = place(&cards, &id, Position::At(1));
            if ch.len() > 1 {
                renumbered += 1;
            }
            cards = apply(&cards, &ch);
            // the newest card always sits right after a
            assert_eq!(cards[1].id, id);
            assert_eq!(cards[0].id, "a");
            assert_eq!(cards.last().unwrap().id, "z");
        }
        assert_eq!(cards.len(), 102);
        assert!(
            (1..=4).contains(&renumbered),
            "renumbered {renumbered} times"
        );
        // all ranks distinct and increasing
        assert!(cards.windows(2).all(|w| w[1].rank - w[0].rank > MIN_GAP));
    }

    #[test]
    fn equal_or_broken_backend_ranks_are_renumbered_on_a_move() {
        // an old backend without ranks: every card 0, ordered by id
        let flat = lane(&[("a", 0.0), ("b", 0.0), ("c", 0.0)]);
        let ch = place(&flat, "c", Position::At(1));
        // no room between a (0) and b (0): renumber a 1024, c 2048, b 3072
        assert_eq!(
            ch,
            vec![
                RankChange {
                    id: "a".into(),
                    rank: 1024.0
                },
                RankChange {
                    id: "c".into(),
                    rank: 2048.0
                },
                RankChange {
                    id: "b".into(),
                    rank: 3072.0
                },
            ]
        );
        // NaN sorts last and a move past it renumbers instead of writing NaN
        let nan = lane(&[("a", 1024.0), ("b", f64::NAN)]);
        assert_eq!(ids(&sorted(&nan)), ["a", "b"]);
        let ch = place(&nan, "x", Position::Last);
        assert!(ch.iter().all(|c| c.rank.is_finite()));
        assert_eq!(ids(&apply(&nan, &ch)), ["a", "b", "x"]);
        // renumbering writes only the ranks that changed
        let ch = place(&lane(&[("a", 1024.0), ("b", 1024.0)]), "b", Position::First);
        assert_eq!(
            ch,
            vec![RankChange {
                id: "b".into(),
                rank: 0.0
            }]
        );
    }

    #[test]
    fn rank_between_needs_room() {
        assert_eq!(rank_between(None, None), Some(STEP));
        assert_eq!(rank_between(Some(1.0), Some(2.0)), Some(1.5));
        assert_eq!(rank_between(Some(1.0), Some(1.0 + 1e-7)), None);
        // neighbours out of order have no room either
        assert_eq!(rank_between(Some(2.0), Some(1.0)), None);
        assert_eq!(rank_between(Some(f64::MAX), None), None);
    }

    fn scored(cards: &[(&str, f64, Option<f64>)]) -> Vec<(Ranked, Option<f64>)> {
        cards
            .iter()
            .map(|(id, r, s)| {
                (
                    Ranked {
                        id: (*id).to_string(),
                        rank: *r,
                    },
                    *s,
                )
            })
            .collect()
    }

    #[test]
    fn a_low_score_card_ranked_first_is_flagged() {
        // six cards, thirds of two; "low" is ranked first with the lowest
        // score (5 cards score higher ≥ 6 − 2 = 4): flagged. "b" is ranked
        // second with score 9 (top): not flagged.
        let cards = scored(&[
            ("low", 1.0, Some(0.5)),
            ("b", 2.0, Some(9.0)),
            ("c", 3.0, Some(8.0)),
            ("d", 4.0, Some(7.0)),
            ("e", 5.0, Some(6.0)),
            ("f", 6.0, Some(5.0)),
        ]);
        assert_eq!(order_warnings(&cards), ["low"]);
    }

    #[test]
    fn sorted_small_tied_or_unscored_lanes_warn_about_nothing() {
        let sorted_lane = scored(&[
            ("a", 1.0, Some(9.0)),
            ("b", 2.0, Some(5.0)),
            ("c", 3.0, Some(1.0)),
        ]);
        assert!(order_warnings(&sorted_lane).is_empty());
        // two cards: no thirds
        assert!(
            order_warnings(&scored(&[("a", 1.0, Some(1.0)), ("b", 2.0, Some(9.0))])).is_empty()
        );
        // all tied: nobody is strictly beaten
        assert!(order_warnings(&scored(&[
            ("a", 1.0, Some(3.0)),
            ("b", 2.0, Some(3.0)),
            ("c", 3.0, Some(3.0))
        ]))
        .is_empty());
        // unscored cards do not count towards the thirds
        let unscored = scored(&[
            ("a", 1.0, Some(1.0)),
            ("b", 2.0, None),
            ("c", 3.0, Some(9.0)),
        ]);
        assert!(order_warnings(&unscored).is_empty());
    }

    #[test]
    fn disorder_counts_inverted_pairs() {
        // sorted by score: 0; reversed: 1
        let s = scored(&[
            ("a", 1.0, Some(3.0)),
            ("b", 2.0, Some(2.0)),
            ("c", 3.0, Some(1.0)),
        ]);
        assert_eq!(disorder(&s), Some(0.0));
        let r = scored(&[
            ("a", 1.0, Some(1.0)),
            ("b", 2.0, Some(2.0)),
            ("c", 3.0, Some(3.0)),
        ]);
        assert_eq!(disorder(&r), Some(1.0));
        // scores 2, 3, 1: pairs (2,3) inverted, (2,1) fine, (3,1) fine → 1/3
        let m = scored(&[
            ("a", 1.0, Some(2.0)),
            ("b", 2.0, Some(3.0)),
            ("c", 3.0, Some(1.0)),
        ]);
        assert_eq!(disorder(&m), Some(1.0 / 3.0));
        assert_eq!(disorder(&scored(&[("a", 1.0, Some(2.0))])), None);
    }

    #[test]
    fn a_new_card_goes_above_every_ranked_card() {
        assert_eq!(above_all([]), STEP);
        assert_eq!(above_all([3000.0, 2048.0, 5000.0]), 1024.0);
        assert_eq!(above_all([f64::NAN, 10.0]), 10.0 - STEP);
    }
}
