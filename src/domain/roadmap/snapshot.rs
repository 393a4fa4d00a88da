//! The quarterly review (季度复盘) snapshot: for one quarter, what was
//! planned, what shipped, what moved to a later lane or quarter, and what was
//! dropped, with each shipped item's KPI review and the meeting's notes.
//!
//! A snapshot copies every value it shows (titles, lanes, scores, KPI
//! figures) instead of pointing at the live rows, so a saved review reads
//! the same after the board has changed. It is plain serde data, ready to be
//! a row of its own editable collection.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::roadmap::model::{Lane, RequirementSource, RoadmapItem, RoadmapStatus};
use crate::domain::roadmap::plan::{PlannedItem, QuarterPlan};
use crate::domain::roadmap::review::KpiReview;
use crate::domain::roadmap::scoring::{ScoreInputs, Scoring};
use crate::domain::shared::dates::{checked, checked_opt};
use crate::domain::shared::labelled::labelled_enum;

/// A calendar quarter, written `YYYY-Qn` as on the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub number: u8,
}

impl Quarter {
    /// `"2026-Q4"` → 2026 Q4; `None` for anything else (the rows come from a
    /// backend, so a typo must not panic).
    pub fn parse(s: &str) -> Option<Quarter> {
        let (year, q) = s.trim().split_once("-Q")?;
        let year: i32 = year.parse().ok()?;
        let number: u8 = q.parse().ok()?;
        ((1..=4).contains(&number) && (1000..=9999).contains(&year))
            .then_some(Quarter { year, number })
    }

    /// The quarter `d` falls in.
    pub fn of(d: NaiveDate) -> Quarter {
        Quarter {
            year: d.year(),
            number: u8::try_from((d.month0() / 3) + 1).unwrap_or(1),
        }
    }

    pub fn id(self) -> String {
        format!("{}-Q{}", self.year, self.number)
    }

    /// The first and last day of the quarter.
    pub fn days(self) -> Option<(NaiveDate, NaiveDate)> {
        let first_month = u32::from(self.number) * 3 - 2;
        let first = NaiveDate::from_ymd_opt(self.year, first_month, 1)?;
        let next = if self.number == 4 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(self.year, first_month + 3, 1)?
        };
        Some((first, next.pred_opt()?))
    }
}

labelled_enum! {
    /// What became of an item planned for the quarter.
    Outcome {
        Shipped = "shipped", "已上线", "Shipped";
        MovedLater = "moved_later", "推迟", "Moved later";
        Dropped = "dropped", "已放弃", "Dropped";
        Open = "open", "未完成", "Not finished";
    }
}

/// One item of a review, every value copied at the time of the snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    pub id: String,
    pub title: String,
    pub source: RequirementSource,
    /// The lane it was planned in.
    pub planned_lane: Lane,
    /// Where it is now; `None` once it has been deleted from the board.
    #[serde(default)]
    pub lane_now: Option<Lane>,
    #[serde(default)]
    pub status_now: Option<RoadmapStatus>,
    #[serde(default)]
    pub quarter_now: Option<String>,
    /// Its score under the board's method then; `None` when it had none.
    #[serde(default)]
    pub score: Option<f64>,
    pub outcome: Outcome,
    /// Not in the plan: added to the quarter after it was planned.
    #[serde(default)]
    pub added_during_quarter: bool,
    /// For a shipped item, its target KPI before and after the ship date.
    #[serde(default)]
    pub kpi: Option<KpiReview>,
    /// The meeting's notes and decision, edited after the snapshot is built.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub decision: String,
}

/// A saved quarterly review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewSnapshot {
    /// `review-YYYY-Qn`: one review per quarter, saved again to replace it.
    pub id: String,
    pub quarter: String,
    #[serde(deserialize_with = "checked")]
    pub taken_on: NaiveDate,
    pub items: Vec<ReviewItem>,
    #[serde(default)]
    pub note: String,
    /// The day the quarter's plan was frozen; `None` when no plan was
    /// stored and "planned" is the board as it was when the review was built.
    #[serde(default, deserialize_with = "checked_opt")]
    pub plan_taken_on: Option<NaiveDate>,
}

impl ReviewSnapshot {
    /// How many items had this outcome.
    pub fn count(&self, outcome: Outcome) -> usize {
        self.items.iter().filter(|i| i.outcome == outcome).count()
    }

    /// The items with this outcome, in the snapshot's order.
    pub fn with(&self, outcome: Outcome) -> impl Iterator<Item = &ReviewItem> {
        self.items.iter().filter(move |i| i.outcome == outcome)
    }
}

/// What became of `planned` (the card as planned) given `now` (the live row,
/// if it still exists), for quarter `q`: shipped when done; dropped when
/// deleted or sent back to the idea pool; moved later when its quarter or
/// lane is later than planned; else still open.
fn outcome(q: Quarter, planned: &PlannedItem, now: Option<&RoadmapItem>) -> Outcome {
    let Some(now) = now else {
        return Outcome::Dropped;
    };
    if now.status == RoadmapStatus::Done {
        return Outcome::Shipped;
    }
    if now.status == RoadmapStatus::Idea && planned.status != RoadmapStatus::Idea {
        return Outcome::Dropped;
    }
    let later_quarter = Quarter::parse(&now.quarter).is_some_and(|nq| nq > q);
    if later_quarter || now.lane > planned.lane {
        Outcome::MovedLater
    } else {
        Outcome::Open
    }
}

/// Builds the review of `quarter` (`YYYY-Qn`; `None` when it does not
/// parse).
///
/// `plan` is the quarter's plan as frozen when it began (`roadmapPlans`);
/// without one, today's cards of the quarter stand in for it, and only
/// shipped and open items can be told apart. `now` is the board today. A
/// planned card gone from `now` or sent back to the idea pool was dropped;
/// one whose quarter or lane moved later was moved; cards added to the
/// quarter since are listed too, marked as added. `kpi_of` gives a shipped
/// item's KPI review.
pub fn build_snapshot(
    quarter: &str,
    plan: Option<&QuarterPlan>,
    now: &[RoadmapItem],
    scoring: &Scoring,
    taken_on: NaiveDate,
    kpi_of: impl Fn(&RoadmapItem) -> Option<KpiReview>,
) -> Option<ReviewSnapshot> {
    let q = Quarter::parse(quarter)?;
    let planned: Vec<PlannedItem> = match plan {
        Some(p) => p.items.clone(),
        None => now.iter().map(PlannedItem::of).collect(),
    };
    let in_quarter = |quarter: &str| Quarter::parse(quarter) == Some(q);
    let planned_here: Vec<&PlannedItem> =
        planned.iter().filter(|p| in_quarter(&p.quarter)).collect();
    let added: Vec<PlannedItem> = now
        .iter()
        .filter(|n| in_quarter(&n.quarter))
        .filter(|n| !planned_here.iter().any(|p| p.id == n.id))
        .map(PlannedItem::of)
        .collect();
    let mut items: Vec<ReviewItem> = planned_here
        .into_iter()
        .map(|p| (p, false))
        .chain(added.iter().map(|a| (a, true)))
        .map(|(p, added_during_quarter)| {
            let live = now.iter().find(|n| n.id == p.id);
            let outcome = outcome(q, p, live);
            ReviewItem {
                id: p.id.clone(),
                title: live.map_or_else(|| p.title.clone(), |n| n.title.clone()),
                source: live.map_or(p.source, |n| n.source),
                planned_lane: p.lane,
                lane_now: live.map(|n| n.lane),
                status_now: live.map(|n| n.status),
                quarter_now: live.map(|n| n.quarter.clone()),
                score: live.and_then(|n| scoring.score(&ScoreInputs::of(n)).ok()),
                outcome,
                added_during_quarter,
                kpi: live
                    .filter(|_| outcome == Outcome::Shipped)
                    .and_then(&kpi_of),
                note: String::new(),
                decision: String::new(),
            }
        })
        .collect();
    // Outcome order (shipped first), then by id: a stable reading order.
    items.sort_by(|a, b| a.outcome.cmp(&b.outcome).then_with(|| a.id.cmp(&b.id)));
    Some(ReviewSnapshot {
        id: format!("review-{}", q.id()),
        quarter: q.id(),
        taken_on,
        items,
        note: String::new(),
        plan_taken_on: plan.map(|p| p.taken_on),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::kpi::Kpi;
    use crate::domain::cockpit::test_support::d;
    use crate::domain::roadmap::review::kpi_review;

    fn item(id: &str, lane: Lane, status: RoadmapStatus, quarter: &str) -> RoadmapItem {
        RoadmapItem {
            id: id.to_string(),
            title: format!("title {id}"),
            description: String::new(),
            lane,
            status,
            source: RequirementSource::Feedback,
            value: 4,
            relevance: 5,
            cost: 3,
            quarter: quarter.to_string(),
            rank: 0.0,
            owner: String::new(),
            ship_date: None,
            target_kpi: None,
            rice: None,
            ice: None,
            feedback_ids: Vec::new(),
            data_links: Vec::new(),
        }
    }

    /// The plan of 2026-Q4: a, b, c, d short-term and planned; e is for Q1.
    fn plan() -> Vec<RoadmapItem> {
        ["a", "b", "c", "d"]
            .iter()
            .map(|id| item(id, Lane::Short, RoadmapStatus::Planned, "2026-Q4"))
            .chain([item("e", Lane::Mid, RoadmapStatus::Idea, "2027-Q1")])
            .collect()
    }

    /// Today: a shipped, b pushed to mid, c deleted, d still in progress,
    /// f added to Q4 during the quarter, g moved to Q1.
    fn now() -> Vec<RoadmapItem> {
        vec![
            item("a", Lane::Short, RoadmapStatus::Done, "2026-Q4"),
            item("b", Lane::Mid, RoadmapStatus::Planned, "2026-Q4"),
            item("d", Lane::Short, RoadmapStatus::InProgress, "2026-Q4"),
            item("e", Lane::Mid, RoadmapStatus::Idea, "2027-Q1"),
            item("f", Lane::Short, RoadmapStatus::Done, "2026-Q4"),
        ]
    }

    /// The plan frozen on the quarter's first day from `plan`'s cards.
    fn frozen(plan: &[RoadmapItem]) -> QuarterPlan {
        QuarterPlan::freeze(Quarter::parse("2026-Q4").unwrap(), plan, d(2026, 10, 1))
    }

    fn build(plan: &[RoadmapItem], now: &[RoadmapItem]) -> ReviewSnapshot {
        build_snapshot(
            "2026-Q4",
            Some(&frozen(plan)),
            now,
            &Scoring::default(),
            d(2026, 11, 28),
            |_| None,
        )
        .unwrap()
    }

    #[test]
    fn quarters_parse_compare_and_span_their_days() {
        let q4 = Quarter::parse("2026-Q4").unwrap();
        assert_eq!(
            q4,
            Quarter {
                year: 2026,
                number: 4
            }
        );
        assert_eq!(q4.days(), Some((d(2026, 10, 1), d(2026, 12, 31))));
        assert_eq!(
            Quarter::parse("2024-Q1").unwrap().days(),
            Some((d(2024, 1, 1), d(2024, 3, 31)))
        );
        assert!(Quarter::parse("2027-Q1").unwrap() > q4);
        assert_eq!(Quarter::of(d(2026, 11, 28)), q4);
        assert_eq!(Quarter::of(d(2026, 4, 1)).id(), "2026-Q2");
        for bad in [
            "2026-Q5", "2026-Q0", "2026Q4", "Q4", "", "99999-Q1", "2026-Qx",
        ] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn planned_shipped_moved_dropped_and_added() {
        let s = build(&plan(), &now());
        assert_eq!(s.id, "review-2026-Q4");
        // planned: a b c d (e is another quarter); added: f
        let outcomes: Vec<(&str, Outcome, bool)> = s
            .items
            .iter()
            .map(|i| (i.id.as_str(), i.outcome, i.added_during_quarter))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("a", Outcome::Shipped, false),
                ("f", Outcome::Shipped, true),
                ("b", Outcome::MovedLater, false),
                ("c", Outcome::Dropped, false),
                ("d", Outcome::Open, false),
            ]
        );
        assert_eq!(s.count(Outcome::Shipped), 2);
        assert_eq!(s.with(Outcome::Dropped).count(), 1);
        // the dropped item keeps its planned title; it has no "now"
        let c = s.with(Outcome::Dropped).next().unwrap();
        assert_eq!(
            (c.title.as_str(), c.lane_now, c.status_now),
            ("title c", None, None)
        );
        // the moved one shows both lanes
        let b = s.with(Outcome::MovedLater).next().unwrap();
        assert_eq!((b.planned_lane, b.lane_now), (Lane::Short, Some(Lane::Mid)));
        // default score copied: (4 + 5) / 3 = 3
        assert_eq!(b.score, Some(3.0));
    }

    #[test]
    fn a_planned_card_sent_back_to_the_idea_pool_is_dropped() {
        let mut now = now();
        now[2].status = RoadmapStatus::Idea; // d, planned at the start
        let s = build(&plan(), &now);
        let d_item = s.items.iter().find(|i| i.id == "d").unwrap();
        assert_eq!(d_item.outcome, Outcome::Dropped);
        assert_eq!(d_item.status_now, Some(RoadmapStatus::Idea));
        assert_eq!(s.plan_taken_on, Some(d(2026, 10, 1)));
        // an idea that was an idea when planned and still is: open
        let mut plan = plan();
        plan[3].status = RoadmapStatus::Idea;
        let s = build(&plan, &now);
        let d_item = s.items.iter().find(|i| i.id == "d").unwrap();
        assert_eq!(d_item.outcome, Outcome::Open);
    }

    #[test]
    fn moving_the_quarter_later_counts_as_moved() {
        let mut now = now();
        now[2].quarter = "2027-Q1".into(); // d
        let s = build(&plan(), &now);
        let d_item = s.items.iter().find(|i| i.id == "d").unwrap();
        assert_eq!(d_item.outcome, Outcome::MovedLater);
        assert_eq!(d_item.quarter_now.as_deref(), Some("2027-Q1"));
    }

    #[test]
    fn without_a_plan_the_current_rows_are_the_plan() {
        let s = build_snapshot(
            "2026-Q4",
            None,
            &now(),
            &Scoring::default(),
            d(2026, 11, 28),
            |_| None,
        )
        .unwrap();
        assert_eq!(s.plan_taken_on, None);
        assert_eq!(s.count(Outcome::MovedLater) + s.count(Outcome::Dropped), 0);
        // a, f shipped; b, d open (nothing to compare lanes against)
        assert_eq!(s.count(Outcome::Shipped), 2);
        assert_eq!(s.count(Outcome::Open), 2);
        assert!(s.items.iter().all(|i| !i.added_during_quarter));
    }

    #[test]
    fn the_snapshot_does_not_change_when_the_board_does() {
        let mut board = now();
        let saved = build(&plan(), &board);
        let json = serde_json::to_string(&saved).unwrap();
        // the board changes afterwards: titles, lanes, scores, deletions
        board[0].title = "renamed".into();
        board[0].value = 1;
        board[1].lane = Lane::Long;
        board.clear();
        let reread: ReviewSnapshot = serde_json::from_str(&json).unwrap();
        assert_eq!(reread, saved);
        assert_eq!(reread.items[0].title, "title a");
        assert_eq!(reread.items[0].score, Some(3.0));
    }

    #[test]
    fn shipped_items_carry_their_kpi_review() {
        let facts: Vec<_> =
            crate::domain::shared::dates::days_between(d(2026, 9, 1), d(2026, 11, 27))
                .map(|day| {
                    crate::domain::cockpit::test_support::fact(
                        day,
                        crate::domain::cockpit::dimensions::District::Jizhou,
                        crate::domain::cockpit::dimensions::Channel::Direct,
                        crate::domain::cockpit::dimensions::Platform::Ios,
                        100,
                    )
                })
                .collect();
        let s = build_snapshot(
            "2026-Q4",
            Some(&frozen(&plan())),
            &now(),
            &Scoring::default(),
            d(2026, 11, 28),
            |i| (i.id == "a").then(|| kpi_review(&facts, Kpi::Visitors, d(2026, 10, 15))),
        )
        .unwrap();
        let a = s.items.iter().find(|i| i.id == "a").unwrap();
        // 100 visitors a day on both sides: no change
        assert_eq!(a.kpi.as_ref().and_then(|k| k.change), Some(0.0));
        // only shipped items are asked; f has none from the callback
        assert!(s
            .items
            .iter()
            .filter(|i| i.id != "a")
            .all(|i| i.kpi.is_none()));
    }

    #[test]
    fn a_bad_quarter_or_a_bad_row_does_not_panic() {
        assert!(build_snapshot(
            "Q4",
            Some(&frozen(&plan())),
            &now(),
            &Scoring::default(),
            d(2026, 11, 28),
            |_| None
        )
        .is_none());
        // a row with a garbled quarter and an out-of-range axis: not in the
        // quarter, and an unscored row elsewhere still builds
        let mut rows = now();
        rows.push(item("x", Lane::Short, RoadmapStatus::Planned, "soon"));
        rows[0].cost = 0;
        let s = build(&plan(), &rows);
        assert!(s.items.iter().all(|i| i.id != "x"));
        assert_eq!(s.items.iter().find(|i| i.id == "a").unwrap().score, None);
        // an old saved review without notes still decodes
        let old = r#"{"id":"review-2026-Q3","quarter":"2026-Q3","takenOn":"2026-09-30","items":[
            {"id":"a","title":"t","source":"data","plannedLane":"short","outcome":"shipped"}]}"#;
        let s: ReviewSnapshot = serde_json::from_str(old).unwrap();
        assert_eq!(s.items[0].note, "");
        assert_eq!(s.items[0].lane_now, None);
    }
}
