//! The app-wide alerts: every alert rule evaluated in the browser over the
//! loaded collections, provided once by the shell so the navigation count,
//! the alerts panel and the health screen agree. Rules are shown with their
//! unsent edits laid over them (the outbox), so saving a rule changes the
//! count at once, before the backend answers.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::context::Ctx;
use super::loading::{backend_resource, list_resource, ListResource};
use crate::data::outbox::overlay;
use crate::data::resource::Row;
use crate::data::Backend;
use crate::domain::campaigns::model::Campaign;
use crate::domain::cockpit::model::MetricFact;
use crate::domain::experience::model::ExperienceSample;
use crate::domain::feedback::model::Feedback;
use crate::domain::health::alert_rules::AlertRule;
use crate::domain::health::alerts::{evaluate_all, watch_kind, AlertInputs, RuleStatus, WatchKind};
use crate::domain::health::model::HealthSample;

/// The shared alert state (`Copy`: signals and resources only).
#[derive(Clone, Copy)]
pub struct Alerts {
    /// The rules as the backend has them (edits patch it on confirmation).
    pub rules: ListResource<AlertRule>,
    /// Every rule with its evaluation, rules with pending edits included.
    pub statuses: Memo<Arc<Vec<RuleStatus>>>,
    /// The evaluated day: yesterday (daily figures arrive a day late).
    pub as_of: NaiveDate,
}

impl Alerts {
    pub fn firing(&self) -> usize {
        self.statuses
            .try_with(|s| s.iter().filter(|s| s.firing()).count())
            .unwrap_or(0)
    }
}

/// The day rules are evaluated on.
pub fn alert_day() -> NaiveDate {
    super::clock::last_data_day()
}

/// Loads what the rules read and provides [`Alerts`]; called by the shell.
/// Collections that fail to load leave their rules with no data.
pub fn provide_alerts(ctx: Ctx) -> Alerts {
    let rules = list_resource::<AlertRule>(ctx);
    let inputs = backend_resource(
        ctx,
        |b| async move {
            // Only what the rules read: a backend without rules (or without
            // rules on feedback) gets no extra requests from every screen.
            let rules = b.list::<AlertRule>().await.unwrap_or_default();
            let needs = |kind: WatchKind| rules.iter().any(|r| watch_kind(&r.watch) == kind);
            let campaign_days = rules.iter().any(|r| r.baseline_skip.campaign_days);
            let (facts, health, experience, (feedback, campaigns)) = futures::join!(
                list_if::<MetricFact>(&b, needs(WatchKind::Kpi)),
                list_if::<HealthSample>(&b, needs(WatchKind::Endpoint)),
                list_if::<ExperienceSample>(&b, needs(WatchKind::Task)),
                async {
                    futures::join!(
                        list_if::<Feedback>(&b, needs(WatchKind::Feedback)),
                        list_if::<Campaign>(&b, campaign_days)
                    )
                }
            );
            Arc::new(AlertInputs::new(
                &facts, health, experience, &feedback, &campaigns,
            ))
        },
        || Arc::new(AlertInputs::default()),
    );
    let as_of = alert_day();
    let statuses = Memo::new(move |_| {
        let server = rules.get().and_then(Result::ok).unwrap_or_default();
        let shown: Vec<AlertRule> = ctx
            .outbox
            .with(|ob| overlay(&server, ob))
            .into_iter()
            .map(|s| s.item)
            .collect();
        let Some(inputs) = inputs.get() else {
            return Arc::new(Vec::new());
        };
        Arc::new(evaluate_all(&shown, &inputs, as_of))
    });
    let alerts = Alerts {
        rules,
        statuses,
        as_of,
    };
    provide_context(alerts);
    alerts
}

/// A collection when a rule needs it; nothing (and no request) otherwise. A
/// collection that fails to load leaves its rules with no data.
async fn list_if<T: Row>(backend: &Backend, needed: bool) -> Vec<T> {
    if needed {
        backend.list::<T>().await.unwrap_or_default()
    } else {
        Vec::new()
    }
}

/// The shared alerts, when the shell provided them.
pub fn use_alerts() -> Option<Alerts> {
    use_context::<Alerts>()
}
