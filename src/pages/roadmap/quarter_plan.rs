//! The start-of-quarter plan (`roadmapPlans`) that the quarterly review
//! compares against: frozen automatically, and settled when another device
//! froze it first.

use leptos::prelude::*;

use crate::data::outbox::{Op, Shown};
use crate::data::resource::Resource;
use crate::domain::roadmap::model::RoadmapItem;
use crate::domain::roadmap::plan::{plan_id, QuarterPlan};
use crate::domain::roadmap::snapshot::Quarter;
use crate::state::context::Ctx;
use crate::state::edits::submit;
use crate::state::loading::ListResource;

/// Freezes this quarter's plan the first time the board is opened in the
/// quarter: automatic, because a plan someone must remember to freeze is
/// missing exactly when the review needs it. Only once the stored plans have
/// loaded (a backend without the collection, or a failed load, writes
/// nothing), and only when neither the backend nor the outbox has one.
pub(super) fn freeze_this_quarters_plan(
    ctx: Ctx,
    plans: ListResource<QuarterPlan>,
    items: Memo<Vec<Shown<RoadmapItem>>>,
) {
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        if done.get_value() {
            return;
        }
        let Some(Ok(stored)) = plans.get() else {
            return;
        };
        done.set_value(true);
        let day = crate::state::clock::today();
        let q = Quarter::of(day);
        let id = plan_id(q);
        let known = stored.iter().any(|p| p.id == id)
            || ctx
                .outbox
                .with_untracked(|ob| ob.pending_for(Resource::RoadmapPlans, &id).is_some());
        if known {
            return;
        }
        let board: Vec<RoadmapItem> =
            items.with_untracked(|all| all.iter().map(|s| s.item.clone()).collect());
        let plan = QuarterPlan::freeze(q, &board, day);
        submit(
            ctx,
            Op::Create,
            id,
            Some(plan),
            format!("季度初计划 {}", q.id()),
            Some(plans),
        );
    });
}

/// Two devices opening the board at a quarter's start both freeze a plan;
/// the backend keeps the first and refuses the second create. When our
/// create of a plan is refused, the plans are fetched again, and if the plan
/// is stored there ours is dropped: either is the board at the quarter's
/// start, and the stored one must not be overwritten. A refusal with no
/// stored plan (offline, a server error) stays in the outbox, reported.
pub(super) fn settle_duplicate_plan(ctx: Ctx, plans: ListResource<QuarterPlan>) {
    let refused = Memo::new(move |_| {
        ctx.outbox.with(|ob| {
            ob.for_resource(Resource::RoadmapPlans)
                .find(|e| e.op == Op::Create && e.error().is_some())
                .map(|e| (e.seq, e.id.clone()))
        })
    });
    Effect::new(move |before: Option<Option<u64>>| {
        let now = refused.get().map(|(seq, _)| seq);
        if now.is_some() && before.flatten() != now {
            plans.refetch();
        }
        now
    });
    Effect::new(move |_| {
        let Some((seq, id)) = refused.get() else {
            return;
        };
        let stored = plans.with(|p| matches!(p, Some(Ok(rows)) if rows.iter().any(|p| p.id == id)));
        if stored {
            ctx.change_outbox(|ob| ob.discard(seq));
        }
    });
}
