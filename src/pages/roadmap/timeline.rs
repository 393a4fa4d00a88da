//! The quarter timeline (`view=timeline`): one column per quarter, its
//! shipped items (with their ship dates) and the ones still planned there.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{cards_label, Filter, Roadmap};
use crate::domain::roadmap::model::{RoadmapItem, RoadmapStatus};
use crate::domain::roadmap::snapshot::Quarter;
use crate::i18n::format_date;
use crate::state::context::use_ctx;

#[component]
pub fn QuarterTimeline(rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let filter = Memo::new(move |_| ctx.url().read(Filter::from_params));
    // Quarters in order; a quarter that does not parse sorts last, as written.
    let columns = Memo::new(move |_| {
        let f = filter.get();
        let mut by_quarter: BTreeMap<(Option<Quarter>, String), Vec<RoadmapItem>> = BTreeMap::new();
        rm.items.with(|all| {
            for s in all.iter().filter(|s| f.matches(&s.item)) {
                let q = Quarter::parse(&s.item.quarter);
                by_quarter
                    .entry((q, s.item.quarter.clone()))
                    .or_default()
                    .push(s.item.clone());
            }
        });
        let mut cols: Vec<(String, Vec<RoadmapItem>)> = by_quarter
            .into_iter()
            .map(|((_, q), mut items)| {
                items.sort_by(|a, b| {
                    a.ship_date
                        .cmp(&b.ship_date)
                        .then_with(|| a.title.cmp(&b.title))
                });
                (q, items)
            })
            .collect();
        // Unparsable quarters (None) sort first in a BTreeMap: move them last.
        let unparsable = cols
            .iter()
            .take_while(|(q, _)| Quarter::parse(q).is_none())
            .count();
        cols.rotate_left(unparsable);
        cols
    });
    view! {
        <section class="card rm-timeline" aria-labelledby="rm-tl-title">
            <h2 id="rm-tl-title">{move || ctx.tr("季度时间线", "Quarter timeline")}</h2>
            <div class="rm-tl-columns">
                {move || columns.get().into_iter().map(|(quarter, items)| {
                    let (shipped, planned): (Vec<RoadmapItem>, Vec<RoadmapItem>) =
                        items.into_iter().partition(|i| i.status == RoadmapStatus::Done);
                    let n = shipped.len() + planned.len();
                    view! {
                        <section class="rm-tl-quarter" data-quarter=quarter.clone()>
                            <h3>{quarter.clone()}" "<span class="muted small">{move || cards_label(n, ctx.lang.get())}</span></h3>
                            <h4>{move || ctx.tr("已上线", "Shipped")}</h4>
                            <ul>{shipped.into_iter().map(|i| {
                                let when = i.ship_date;
                                view! { <li><a href=ctx.view_route().with("card", &i.id).to_hash()>{i.title.clone()}</a>
                                    " "<span class="muted small">{move || when.map(|d| format_date(d, ctx.lang.get())).unwrap_or_default()}</span></li> }
                            }).collect_view()}</ul>
                            <h4>{move || ctx.tr("计划中", "Planned")}</h4>
                            <ul>{planned.into_iter().map(|i| {
                                let status = i.status;
                                view! { <li><a href=ctx.view_route().with("card", &i.id).to_hash()>{i.title.clone()}</a>
                                    " "<span class=format!("status status-{}", status.id())>{move || status.label(ctx.lang.get())}</span></li> }
                            }).collect_view()}</ul>
                        </section>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
