//! The iteration roadmap's rows (see docs/api.md): requirements, the board's
//! scoring choice, and (in `snapshot`) the saved quarterly reviews.
//!
//! Every field added after the first contract is `#[serde(default)]`, so a
//! backend that still serves the old roadmap shape decodes unchanged.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::kpi::Kpi;
use crate::domain::roadmap::scoring::{Ice, Rice, Scoring};
use crate::domain::shared::dates::checked_opt;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    Lane {
        Short = "short", "短期(周/月)", "Short term (weeks)";
        Mid = "mid", "中期(季度)", "Mid term (quarter)";
        Long = "long", "长期(年度)", "Long term (year)";
    }
}

labelled_enum! {
    RoadmapStatus {
        Idea = "idea", "待评估", "Idea";
        Planned = "planned", "已规划", "Planned";
        InProgress = "in_progress", "进行中", "In progress";
        Done = "done", "已上线", "Done";
    }
}

labelled_enum! {
    RequirementSource {
        Data = "data", "数据分析", "Data";
        Feedback = "feedback", "用户反馈", "User feedback";
        Market = "market", "市场竞争", "Market";
        Business = "business", "业务需要", "Business";
    }
}

/// A KPI anomaly or insight attached as evidence: a link to the cockpit view
/// that shows it (a `#/cockpit?…` hash, never an outside URL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataLink {
    pub label: String,
    /// The cockpit view, e.g. `#/cockpit?metric=conversionRate&preset=last28`.
    pub view: String,
}

impl DataLink {
    /// Only cockpit views are followed; anything else shows as a broken link.
    pub fn is_valid(&self) -> bool {
        self.view.starts_with("#/cockpit")
            && !self.view.contains(['<', '>', '"', ' '])
            && self.view.len() < 500
    }
}

/// A requirement on the iteration roadmap; scored 1–5 on each axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapItem {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub lane: Lane,
    pub status: RoadmapStatus,
    pub source: RequirementSource,
    pub value: u8,
    pub relevance: u8,
    pub cost: u8,
    /// Quarter it is reviewed in, `YYYY-Qn`.
    pub quarter: String,
    /// The team's order within the lane (ascending); 0 when the backend has
    /// none (such cards sort first, by id, until moved).
    #[serde(default)]
    pub rank: f64,
    #[serde(default)]
    pub owner: String,
    /// The day it shipped (status done).
    #[serde(default, deserialize_with = "checked_opt")]
    pub ship_date: Option<NaiveDate>,
    /// The KPI it is meant to move, reviewed around the ship date.
    #[serde(default)]
    pub target_kpi: Option<Kpi>,
    #[serde(default)]
    pub rice: Option<Rice>,
    #[serde(default)]
    pub ice: Option<Ice>,
    /// Ids of the feedback items this requirement answers.
    #[serde(default)]
    pub feedback_ids: Vec<String>,
    /// KPI anomalies or insights from the cockpit.
    #[serde(default)]
    pub data_links: Vec<DataLink>,
}

impl RoadmapItem {
    /// How much evidence is attached: feedback items plus cockpit links.
    pub fn evidence_count(&self) -> usize {
        self.feedback_ids.len() + self.data_links.len()
    }
}

/// A board's settings row (`roadmapBoards`): its scoring method and the
/// weighted score's weights, persisted like any other edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapBoard {
    /// `board` for the one board the app shows.
    pub id: String,
    #[serde(default)]
    pub scoring: Scoring,
}

/// The id of the board the app reads and writes.
pub const BOARD_ID: &str = "board";

impl RoadmapItem {
    /// A new idea in the short-term lane, scored 3 on each axis until the
    /// team scores it.
    pub fn idea(
        id: String,
        title: String,
        source: RequirementSource,
        quarter: String,
        rank: f64,
    ) -> Self {
        RoadmapItem {
            id,
            title,
            description: String::new(),
            lane: Lane::Short,
            status: RoadmapStatus::Idea,
            source,
            value: 3,
            relevance: 3,
            cost: 3,
            quarter,
            rank,
            owner: String::new(),
            ship_date: None,
            target_kpi: None,
            rice: None,
            ice: None,
            feedback_ids: Vec::new(),
            data_links: Vec::new(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_old_roadmap_shape_still_decodes() {
        let old = r#"{"id":"rm-1","title":"t","lane":"mid","status":"planned","source":"feedback",
            "value":5,"relevance":4,"cost":3,"quarter":"2026-Q1"}"#;
        let item: RoadmapItem = serde_json::from_str(old).unwrap();
        assert_eq!(item.rank, 0.0);
        assert!(item.feedback_ids.is_empty() && item.ship_date.is_none() && item.rice.is_none());
        let board: RoadmapBoard = serde_json::from_str(r#"{"id":"board"}"#).unwrap();
        assert_eq!(board.scoring, Scoring::default());
    }

    #[test]
    fn only_cockpit_views_are_valid_data_links() {
        let link = |v: &str| DataLink {
            label: "x".into(),
            view: v.into(),
        };
        assert!(link("#/cockpit?metric=orders").is_valid());
        assert!(!link("javascript:alert(1)").is_valid());
        assert!(!link("https://example.com").is_valid());
    }
}
