//! What every part of the board reads and the edits it makes: the
//! requirements, the inbox and the scoring choice with unsynced edits laid
//! over; moving a card, shipping its feedback, saving the scoring.

use chrono::Utc;
use leptos::prelude::*;

use crate::data::outbox::{overlay, Op, Shown};
use crate::data::resource::Resource;
use crate::domain::feedback::model::{Feedback, FeedbackStatus};
use crate::domain::roadmap::model::{Lane, RoadmapBoard, RoadmapItem, BOARD_ID};
use crate::domain::roadmap::plan::QuarterPlan;
use crate::domain::roadmap::rank::{place, Position, RankChange, Ranked};
use crate::domain::roadmap::scoring::{ScoreInputs, Scoring};
use crate::state::context::Ctx;
use crate::state::edits::submit;
use crate::state::loading::ListResource;

/// What every part of the board reads: the collections (with unsynced edits
/// laid over) and the scoring choice.
#[derive(Clone, Copy)]
pub(super) struct Roadmap {
    pub list: ListResource<RoadmapItem>,
    pub feedback_list: ListResource<Feedback>,
    pub boards: ListResource<RoadmapBoard>,
    /// The start-of-quarter plans (`roadmapPlans`).
    pub plans: ListResource<QuarterPlan>,
    pub items: Memo<Vec<Shown<RoadmapItem>>>,
    /// `None` while the inbox is loading or failed: links are then not
    /// judged broken.
    pub feedback: Memo<Option<Vec<Feedback>>>,
    pub scoring: Memo<Scoring>,
}

impl Roadmap {
    /// The live row of `id`, with unsynced edits.
    pub fn item(&self, id: &str) -> Option<RoadmapItem> {
        self.items
            .with_untracked(|all| all.iter().find(|s| s.item.id == id).map(|s| s.item.clone()))
    }

    /// Saves a requirement through the outbox.
    pub fn save(&self, ctx: Ctx, op: Op, item: RoadmapItem) {
        submit(
            ctx,
            op,
            item.id.clone(),
            Some(item.clone()),
            item.title.clone(),
            Some(self.list),
        );
    }

    /// Moves card `id` to `lane` at `position`, writing the new rank (the
    /// midpoint between its new neighbours; the whole lane only when there
    /// is no room left).
    pub fn move_card(&self, ctx: Ctx, id: &str, lane: Lane, position: Position) {
        let Some(moved) = self.item(id) else { return };
        let lane_cards: Vec<Ranked> = self.items.with_untracked(|all| {
            all.iter()
                .filter(|s| s.item.lane == lane)
                .map(|s| Ranked {
                    id: s.item.id.clone(),
                    rank: s.item.rank,
                })
                .collect()
        });
        let changes: Vec<RankChange> = place(&lane_cards, id, position);
        if changes.is_empty() && moved.lane == lane {
            return;
        }
        for change in changes {
            let Some(mut row) = self.item(&change.id) else {
                continue;
            };
            row.rank = change.rank;
            if row.id == id {
                row.lane = lane;
            }
            self.save(ctx, Op::Update, row);
        }
    }

    /// Marks the feedback items `ids` as shipped (the card they feed is
    /// done), skipping ones already shipped or missing.
    pub fn ship_feedback(&self, ctx: Ctx, ids: &[String], title: &str) {
        let Some(rows) = self.feedback.get_untracked() else {
            return;
        };
        for f in rows.into_iter().filter(|f| ids.contains(&f.id)) {
            if f.status == FeedbackStatus::Shipped {
                continue;
            }
            let mut next = f;
            next.status = FeedbackStatus::Shipped;
            if next.note.is_empty() {
                next.note = format!("需求「{title}」已上线,待通知用户");
            }
            next.updated_at = Some(Utc::now());
            let label: String = next.text.chars().take(24).collect();
            submit(
                ctx,
                Op::Update,
                next.id.clone(),
                Some(next),
                label,
                Some(self.feedback_list),
            );
        }
    }

    /// Persists the board's scoring choice (creating its row if the backend
    /// has none yet).
    pub fn save_scoring(&self, ctx: Ctx, scoring: Scoring) {
        let exists = self
            .boards
            .get_untracked()
            .and_then(Result::ok)
            .is_some_and(|rows| rows.iter().any(|b| b.id == BOARD_ID))
            || ctx
                .outbox
                .with_untracked(|ob| ob.pending_for(Resource::RoadmapBoards, BOARD_ID).is_some());
        let row = RoadmapBoard {
            id: BOARD_ID.to_string(),
            scoring,
        };
        let op = if exists { Op::Update } else { Op::Create };
        submit(
            ctx,
            op,
            row.id.clone(),
            Some(row),
            "路线图评分".to_string(),
            Some(self.boards),
        );
    }
}

/// A card's score under the board's method; `None` when its inputs do not
/// allow one (e.g. no RICE figures).
pub(super) fn score_of(scoring: &Scoring, item: &RoadmapItem) -> Option<f64> {
    scoring.score(&ScoreInputs::of(item)).ok()
}

/// The requirements with unsynced edits laid over.
pub(super) fn live_items(ctx: Ctx, rows: Vec<RoadmapItem>) -> Memo<Vec<Shown<RoadmapItem>>> {
    let rows = StoredValue::new(rows);
    Memo::new(move |_| rows.with_value(|r| ctx.outbox.with(|ob| overlay(r, ob))))
}

/// The board's scoring choice, the default until one is stored.
pub(super) fn live_scoring(ctx: Ctx, boards: ListResource<RoadmapBoard>) -> Memo<Scoring> {
    Memo::new(move |_| {
        let server = boards.get().and_then(Result::ok).unwrap_or_default();
        ctx.outbox
            .with(|ob| overlay(&server, ob))
            .into_iter()
            .find(|s| s.item.id == BOARD_ID)
            .map(|s| s.item.scoring)
            .unwrap_or_default()
    })
}
