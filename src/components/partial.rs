//! "部分数据未能加载": the notice every page shows when an optional collection
//! (one the page can work without) failed, naming it, saying what is missing
//! on screen because of it, and offering Retry. Without it a failed optional
//! collection would look like an empty one.

use leptos::prelude::*;

use crate::data::error::ApiError;
use crate::data::resource::Resource;
use crate::i18n::words;
use crate::state::context::use_ctx;

/// The optional collections that failed, each with its reason.
pub type Missing = Vec<(Resource, ApiError)>;

/// An optional collection: on failure, empty, with the reason recorded.
pub fn keep_optional<T>(
    r: Result<Vec<T>, ApiError>,
    res: Resource,
    missing: &mut Missing,
) -> Vec<T> {
    r.unwrap_or_else(|e| {
        missing.push((res, e));
        Vec::new()
    })
}

/// Renders nothing while `missing` is empty. `effect` says what the user
/// sees less of (e.g. "related charts are empty").
#[component]
pub fn PartialNotice(
    #[prop(into)] missing: Signal<Missing>,
    #[prop(into)] on_retry: Callback<()>,
    effect: (&'static str, &'static str),
) -> impl IntoView {
    let ctx = use_ctx();
    move || {
        // try_: `missing` is usually derived in the parent page, which a reload
        // (another tab's write, Retry) can rebuild while this closure is
        // already scheduled by the longer-lived resource behind it.
        let missing = missing.try_get()?;
        let first = missing.first().map(|(_, e)| e.clone())?;
        let lang = ctx.lang.get();
        let names = missing
            .iter()
            .map(|(r, _)| r.label(lang))
            .collect::<Vec<_>>()
            .join(words::list_separator(lang));
        Some(view! {
            <div class="notice notice-error partial-notice" role="status" data-testid="partial-data">
                <p>
                    <strong>{lang.tr("部分数据未能加载:", "Some data could not be loaded: ")}</strong>
                    {names}
                    {lang.tr(",", ". ")}
                    {lang.tr(effect.0, effect.1)}
                    {lang.tr("。", ". ")}
                    {first.message(lang)}
                </p>
                <button type="button" class="btn" on:click=move |_| on_retry.run(())>
                    {words::retry(lang)}
                </button>
            </div>
        })
    }
}
