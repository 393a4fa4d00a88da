//! The start-of-quarter plan (`roadmapPlans`): what was planned for a
//! quarter when it began, frozen so that the quarterly review can tell what
//! moved to a later lane or quarter and what was dropped since. Without it
//! the review can only compare today's board with itself.
//!
//! A plan keeps a few fields per card (id, title, source, lane, quarter,
//! status), enough to name a card that has since been deleted and to judge
//! how it moved; the scores and evidence stay on the live rows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::roadmap::model::{Lane, RequirementSource, RoadmapItem, RoadmapStatus};
use crate::domain::roadmap::snapshot::Quarter;
use crate::domain::shared::dates::checked;

/// One card as it stood when the quarter's plan was frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedItem {
    pub id: String,
    pub title: String,
    pub source: RequirementSource,
    pub lane: Lane,
    /// `YYYY-Qn`: the quarter it was planned for.
    pub quarter: String,
    pub status: RoadmapStatus,
}

impl PlannedItem {
    pub fn of(item: &RoadmapItem) -> PlannedItem {
        PlannedItem {
            id: item.id.clone(),
            title: item.title.clone(),
            source: item.source,
            lane: item.lane,
            quarter: item.quarter.clone(),
            status: item.status,
        }
    }
}

/// The plan of one quarter: one row per quarter, id `plan-YYYY-Qn`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuarterPlan {
    pub id: String,
    pub quarter: String,
    /// The day it was frozen: the quarter's first day, or the first day the
    /// board was opened in the quarter.
    #[serde(deserialize_with = "checked")]
    pub taken_on: NaiveDate,
    pub items: Vec<PlannedItem>,
}

/// The row id of quarter `q`'s plan.
pub fn plan_id(q: Quarter) -> String {
    format!("plan-{}", q.id())
}

impl QuarterPlan {
    /// Freezes the cards of `board` planned for quarter `q` (any status: an
    /// idea for the quarter is part of the plan too, and one that stays an
    /// idea is simply not started).
    pub fn freeze(q: Quarter, board: &[RoadmapItem], taken_on: NaiveDate) -> QuarterPlan {
        QuarterPlan {
            id: plan_id(q),
            quarter: q.id(),
            taken_on,
            items: board
                .iter()
                .filter(|i| Quarter::parse(&i.quarter) == Some(q))
                .map(PlannedItem::of)
                .collect(),
        }
    }

    /// The plan of `quarter` among `plans` (`None` when none was stored).
    pub fn find<'a>(plans: &'a [QuarterPlan], quarter: &str) -> Option<&'a QuarterPlan> {
        let q = Quarter::parse(quarter)?;
        plans.iter().find(|p| Quarter::parse(&p.quarter) == Some(q))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::domain::cockpit::test_support::d;

    fn item(id: &str, quarter: &str) -> RoadmapItem {
        serde_json::from_str(&format!(
            r#"{{"id":"{id}","title":"t {id}","lane":"short","status":"planned","source":"data",
            "value":3,"relevance":3,"cost":3,"quarter":"{quarter}"}}"#
        ))
        .unwrap()
    }

    #[test]
    fn freezing_keeps_only_the_quarters_cards() {
        let q = Quarter::parse("2026-Q4").unwrap();
        let board = [
            item("a", "2026-Q4"),
            item("b", "2027-Q1"),
            item("c", "soon"),
        ];
        let plan = QuarterPlan::freeze(q, &board, d(2026, 10, 1));
        assert_eq!(plan.id, "plan-2026-Q4");
        assert_eq!(plan.items.len(), 1);
        assert_eq!(plan.items[0].title, "t a");
        assert_eq!(plan.items[0].status, RoadmapStatus::Planned);
        let plans = [plan];
        assert!(QuarterPlan::find(&plans, "2026-Q4").is_some());
        assert!(QuarterPlan::find(&plans, "2026-Q3").is_none());
        assert!(QuarterPlan::find(&plans, "Q4").is_none());
        // round trip through JSON, as stored
        let json = serde_json::to_string(&plans[0]).unwrap();
        assert!(json.contains(r#""takenOn":"2026-10-01""#), "{json}");
        assert_eq!(
            serde_json::from_str::<QuarterPlan>(&json).unwrap(),
            plans[0]
        );
    }
}
