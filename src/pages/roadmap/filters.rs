//! The board's filters (source, status, owner, quarter, text), kept in the
//! URL so that a filtered board is a link.

use leptos::prelude::*;

use super::Roadmap;
use crate::components::SelectFilter;
use crate::domain::roadmap::model::{RequirementSource, RoadmapItem, RoadmapStatus};
use crate::i18n::words;
use crate::state::context::use_ctx;

/// The board's filters, read from the URL.
#[derive(Clone, Debug, PartialEq, Default)]
pub(super) struct Filter {
    pub source: Option<RequirementSource>,
    pub status: Option<RoadmapStatus>,
    pub owner: Option<String>,
    pub quarter: Option<String>,
    pub text: String,
}

impl Filter {
    pub fn from_params(p: &std::collections::BTreeMap<String, String>) -> Filter {
        let get = |k: &str| {
            p.get(k)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        Filter {
            source: get("source").and_then(|s| RequirementSource::from_id(&s)),
            status: get("status").and_then(|s| RoadmapStatus::from_id(&s)),
            owner: get("owner"),
            quarter: get("quarter"),
            text: get("q").unwrap_or_default().to_lowercase(),
        }
    }

    pub fn matches(&self, item: &RoadmapItem) -> bool {
        self.source.is_none_or(|s| item.source == s)
            && self.status.is_none_or(|s| item.status == s)
            && self.owner.as_ref().is_none_or(|o| &item.owner == o)
            && self.quarter.as_ref().is_none_or(|q| &item.quarter == q)
            && (self.text.is_empty()
                || item.title.to_lowercase().contains(&self.text)
                || item.description.to_lowercase().contains(&self.text))
    }
}

#[component]
pub(super) fn Filters(rm: Roadmap) -> impl IntoView {
    let ctx = use_ctx();
    let param = move |k: &'static str| Signal::derive(move || ctx.url().get(k).unwrap_or_default());
    let set = move |k: &'static str| Callback::new(move |v: String| ctx.url().set(k, &v));
    let all = Signal::derive(move || words::all(ctx.lang.get()).to_string());
    let lang = move || ctx.lang.get();
    let distinct = move |f: fn(&RoadmapItem) -> &str| {
        Signal::derive(move || {
            let mut v: Vec<String> = rm.items.with(|all| {
                all.iter()
                    .map(|s| f(&s.item).to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            });
            v.sort();
            v.dedup();
            v.into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>()
        })
    };
    let has_filters = move || ctx.url().read(Filter::from_params) != Filter::default();
    view! {
        <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
            <label class="field field-search" for="rm-q">
                <span class="field-label">{move || ctx.tr("搜索", "Search")}</span>
                <input id="rm-q" type="search" placeholder=move || ctx.tr("需求标题或描述", "Title or description")
                    prop:value=param("q") on:input=move |ev| ctx.url().set_in_place("q", &event_target_value(&ev)) />
            </label>
            <SelectFilter id="rm-source" label=Signal::derive(move || ctx.tr("来源", "Source").to_string())
                options=Signal::derive(move || RequirementSource::ALL.iter().map(|s| (s.id().to_string(), s.label(lang()).to_string())).collect::<Vec<_>>())
                value=param("source") on_change=set("source") all_label=all />
            <SelectFilter id="rm-status" label=Signal::derive(move || words::status(ctx.lang.get()).to_string())
                options=Signal::derive(move || RoadmapStatus::ALL.iter().map(|s| (s.id().to_string(), s.label(lang()).to_string())).collect::<Vec<_>>())
                value=param("status") on_change=set("status") all_label=all />
            <SelectFilter id="rm-owner" label=Signal::derive(move || words::owner(ctx.lang.get()).to_string())
                options=distinct(|i| i.owner.as_str()) value=param("owner") on_change=set("owner") all_label=all />
            <SelectFilter id="rm-quarter" label=Signal::derive(move || ctx.tr("季度", "Quarter").to_string())
                options=distinct(|i| i.quarter.as_str()) value=param("quarter") on_change=set("quarter") all_label=all />
            <Show when=has_filters>
                <button type="button" class="btn btn-ghost" on:click=move |_| ctx.url().clear(["q", "source", "status", "owner", "quarter"])>
                    {move || ctx.tr("清除筛选", "Clear filters")}
                </button>
            </Show>
        </form>
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_from_the_url_match_cards() {
        let mut p = std::collections::BTreeMap::new();
        p.insert("source".to_string(), "feedback".to_string());
        p.insert("q".to_string(), " 配送 ".to_string());
        let f = Filter::from_params(&p);
        assert_eq!(f.source, Some(RequirementSource::Feedback));
        assert_eq!(f.text, "配送");
        let item: RoadmapItem = serde_json::from_str(
            r#"{"id":"a","title":"早高峰配送运力预警","lane":"short","status":"idea","source":"feedback",
            "value":3,"relevance":3,"cost":3,"quarter":"2026-Q4"}"#,
        )
        .unwrap();
        assert!(f.matches(&item));
        p.insert("status".to_string(), "done".to_string());
        assert!(!Filter::from_params(&p).matches(&item));
    }
}
