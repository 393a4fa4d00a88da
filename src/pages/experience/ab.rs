//! The A/B tests: running and concluded, each with its verdict, and the
//! read-out of the one selected (`?test=<id>` in the URL, so a read-out is
//! a link to share).

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::readout::{verdict_class, verdict_short, ReadoutView};
use crate::components::EmptyState;
use crate::domain::experience::ab_test::{Readout, ReadoutError};
use crate::domain::experience::experiments::read_out;
use crate::domain::experience::model::{Experiment, ExperimentStatus};
use crate::i18n::format_date;
use crate::state::context::use_ctx;

/// The read-outs are judged as of the last full day of data.
fn judged_on() -> NaiveDate {
    crate::state::clock::last_data_day()
}

/// One test with its read-out (or why there is none).
pub type Judged = (Experiment, Result<Readout, ReadoutError>);

/// Running tests first (newest first), then concluded ones (latest end first).
fn ordered(mut rows: Vec<Experiment>) -> Vec<Experiment> {
    rows.sort_by(|a, b| {
        let running = |x: &Experiment| x.status == ExperimentStatus::Running;
        running(b)
            .cmp(&running(a))
            .then_with(|| b.end.unwrap_or(b.start).cmp(&a.end.unwrap_or(a.start)))
            .then_with(|| b.start.cmp(&a.start))
            .then_with(|| a.id.cmp(&b.id))
    });
    rows
}

#[component]
pub fn Tests(rows: Vec<Experiment>) -> impl IntoView {
    let ctx = use_ctx();
    let today = judged_on();
    let judged: Arc<Vec<Judged>> = Arc::new(
        ordered(rows)
            .into_iter()
            .map(|x| {
                let readout = read_out(&x, today);
                (x, readout)
            })
            .collect(),
    );
    if judged.is_empty() {
        return view! {
            <EmptyState title=Signal::derive(move || ctx.tr("还没有A/B测试。", "No A/B tests yet.").to_string()) />
        }
        .into_any();
    }
    let judged = StoredValue::new(judged);
    let selected = Memo::new(move |_| {
        let wanted = ctx.url().get("test");
        judged.with_value(|all| {
            wanted
                .and_then(|id| all.iter().position(|(x, _)| x.id == id))
                .unwrap_or(0)
        })
    });
    let group = move |status: ExperimentStatus| {
        let items: Vec<(usize, Judged)> = judged.with_value(|all| {
            all.iter()
                .enumerate()
                .filter(|(_, (x, _))| x.status == status)
                .map(|(i, j)| (i, j.clone()))
                .collect()
        });
        (!items.is_empty()).then(|| {
            view! {
                <h3 class="ux-test-group">{move || status.label(ctx.lang.get())}</h3>
                <ul class="ux-test-list">
                    {items.into_iter().map(|(index, (x, readout))| {
                        let id = x.id.clone();
                        let class = verdict_class(readout.as_ref().ok());
                        let dates = move || {
                            let lang = ctx.lang.get();
                            match x.end {
                                Some(end) => format!("{} – {}", format_date(x.start, lang), format_date(end, lang)),
                                None => format!("{} {}", format_date(x.start, lang), ctx.tr("起", "onwards")),
                            }
                        };
                        let readout = StoredValue::new(readout);
                        view! {
                            <li>
                                <button type="button" class="ux-test" data-test=id.clone()
                                    aria-pressed=move || (selected.get() == index).to_string()
                                    on:click=move |_| ctx.url().set("test", &id)>
                                    <span class="ux-test-name">{x.name.clone()}</span>
                                    <span class="muted small">{dates}</span>
                                    <span class=format!("badge ux-verdict-badge {class}")>{move || readout.with_value(|r| verdict_short(r.as_ref().ok(), ctx.lang.get()))}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <div class="ux-ab-body">
            <nav class="ux-tests" aria-label=move || ctx.tr("A/B测试列表", "List of A/B tests")>
                {group(ExperimentStatus::Running)}
                {group(ExperimentStatus::Concluded)}
            </nav>
            {move || {
                let index = selected.get();
                judged.with_value(|all| all.get(index).cloned()).map(|(x, readout)| view! { <ReadoutView experiment=x readout today /> })
            }}
        </div>
    }
    .into_any()
}
