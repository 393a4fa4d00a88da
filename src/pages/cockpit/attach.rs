//! "关联到需求" on a cockpit insight: a small dialog that finds a roadmap
//! requirement by title (or creates one) and adds the insight to its
//! evidence as a link to this cockpit view, the URL hash with its period and
//! filters, so the card can reopen exactly what was seen. The roadmap is
//! loaded only when the dialog opens, and saved through the outbox.

use leptos::portal::Portal;
use leptos::prelude::*;

use crate::components::form::Dialog;
use crate::data::outbox::Op;
use crate::domain::roadmap::evidence::truncate;
use crate::domain::roadmap::model::{DataLink, Lane, RequirementSource, RoadmapItem};
use crate::domain::roadmap::rank::above_all;
use crate::domain::roadmap::snapshot::Quarter;
use crate::state::clock::today;
use crate::state::context::{use_ctx, Ctx};
use crate::state::edits::{new_id, submit};
use crate::state::loading::{list_resource, live_rows, ListResource};

/// Requirements offered for one search.
const RESULTS: usize = 8;
/// Characters of the insight kept as the link's label and a new title.
const LABEL_CHARS: usize = 60;
const TITLE_CHARS: usize = 30;

/// The button beside one insight, and its dialog while open.
#[component]
pub(super) fn AttachInsight(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let ctx = use_ctx();
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="btn btn-small btn-ghost insight-attach" data-testid="attach-insight"
            aria-label=move || format!("{}{}{}", ctx.tr("关联到需求", "Link to a requirement"), ctx.tr(":", ": "), text.get())
            on:click=move |_| open.set(true)>
            {move || ctx.tr("关联到需求", "Link to a requirement")}
        </button>
        // In <body>: the insight sits in a `.card`, whose `contain: layout`
        // would confine a fixed dialog to the card.
        <Show when=move || open.get()>
            <Portal>
                <AttachDialog text=text.get_untracked() on_close=Callback::new(move |()| open.set(false)) />
            </Portal>
        </Show>
    }
}

/// The link saved on the requirement: the insight and this very view.
fn link_here(ctx: Ctx, text: &str) -> DataLink {
    DataLink {
        label: truncate(text, LABEL_CHARS),
        view: untrack(|| ctx.view_route().to_hash()),
    }
}

#[component]
fn AttachDialog(text: String, on_close: Callback<()>) -> impl IntoView {
    let ctx = use_ctx();
    let roadmap: ListResource<RoadmapItem> = list_resource::<RoadmapItem>(ctx);
    let items = live_rows(ctx, roadmap);
    let link = StoredValue::new(link_here(ctx, &text));
    let query = RwSignal::new(String::new());
    let new_title = RwSignal::new(truncate(&text, TITLE_CHARS));
    // The requirement the insight was attached to: (id, title).
    let attached = RwSignal::new(None::<(String, String)>);
    let results = move || {
        let q = query.get().trim().to_lowercase();
        let link = link.get_value();
        let mut v: Vec<RoadmapItem> = items
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|i| q.is_empty() || i.title.to_lowercase().contains(&q))
            .filter(|i| !i.data_links.contains(&link))
            .collect();
        v.sort_by(|a, b| a.title.cmp(&b.title));
        v.truncate(RESULTS);
        v
    };
    let attach = move |id: String| {
        let Some(mut item) = items.with_untracked(|all| {
            all.as_ref()
                .and_then(|all| all.iter().find(|i| i.id == id).cloned())
        }) else {
            return;
        };
        item.data_links.push(link.get_value());
        attached.set(Some((item.id.clone(), item.title.clone())));
        submit(
            ctx,
            Op::Update,
            item.id.clone(),
            Some(item.clone()),
            item.title.clone(),
            Some(roadmap),
        );
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = new_title.get_untracked().trim().to_string();
        if title.is_empty() {
            return;
        }
        let rank = items.with_untracked(|all| {
            above_all(
                all.iter()
                    .flatten()
                    .filter(|i| i.lane == Lane::Short)
                    .map(|i| i.rank),
            )
        });
        let mut item = RoadmapItem::idea(
            new_id("rm"),
            title,
            RequirementSource::Data,
            Quarter::of(today()).id(),
            rank,
        );
        item.data_links = vec![link.get_value()];
        attached.set(Some((item.id.clone(), item.title.clone())));
        submit(
            ctx,
            Op::Create,
            item.id.clone(),
            Some(item.clone()),
            item.title.clone(),
            Some(roadmap),
        );
    };
    view! {
        <Dialog title_id="attach-title" title=move || ctx.tr("关联到需求", "Link to a requirement") on_close>
            <p class="muted small">{move || ctx.tr("洞察:", "Insight: ")}{text.clone()}</p>
            {move || attached.get().map(|(id, title)| view! {
                <p class="notice notice-ok" role="status" data-testid="attached">
                    {move || ctx.tr("已关联到 ", "Attached to ")}
                    <a href=format!("#/roadmap?card={id}")>{title}</a>
                </p>
            })}
            <label class="field" for="attach-q">
                <span class="field-label">{move || ctx.tr("按标题搜索需求", "Search requirements by title")}</span>
                <input id="attach-q" type="search" data-autofocus="" prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev)) />
            </label>
            <Show when=move || items.with(Option::is_some) fallback=move || view! {
                <p class="muted small">{move || ctx.tr("正在加载路线图……", "Loading the roadmap…")}</p>
            }>
                <ul class="rm-search-results" data-testid="attach-results">
                    {move || results().into_iter().map(|i| {
                        let id = i.id.clone();
                        view! {
                            <li>
                                <span>{i.title.clone()}</span>
                                <button type="button" class="btn btn-small" data-attach=i.id.clone()
                                    on:click=move |_| attach(id.clone())>{move || ctx.tr("关联", "Link")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <form class="form-row" on:submit=create>
                    <label class="field" for="attach-new">
                        <span class="field-label">{move || ctx.tr("或新建需求", "Or a new requirement")}</span>
                        <input id="attach-new" prop:value=move || new_title.get()
                            on:input=move |ev| new_title.set(event_target_value(&ev)) />
                    </label>
                    <button type="submit" class="btn" data-testid="attach-new">{move || ctx.tr("新建并关联", "Create and attach")}</button>
                </form>
            </Show>
        </Dialog>
    }
}
