//! Loading from the current backend: one path for every page, fetched again
//! when the backend changes or the demo data is reset.

use leptos::prelude::*;

use super::context::Ctx;
use crate::data::error::ApiError;
use crate::data::outbox::overlay;
use crate::data::resource::{Record, Row};
use crate::data::Backend;

/// The list a page shows; patched in place when the backend confirms.
pub type ListResource<T> = LocalResource<Result<Vec<T>, ApiError>>;

/// Something loaded from the current backend, fetched again when the backend
/// changes or the data is reset. `none` answers before config.json is read.
pub fn backend_resource<T, Fut>(
    ctx: Ctx,
    load: impl Fn(Backend) -> Fut + 'static,
    none: impl Fn() -> T + 'static,
) -> LocalResource<T>
where
    T: 'static,
    Fut: std::future::Future<Output = T> + 'static,
{
    let load = std::rc::Rc::new(load);
    let none = std::rc::Rc::new(none);
    LocalResource::new(move || {
        ctx.generation.track();
        let backend = ctx.backend.get();
        let (load, none) = (load.clone(), none.clone());
        async move {
            match backend {
                Some(b) => load(b).await,
                None => none(),
            }
        }
    })
}

/// One collection from the current backend.
pub fn list_resource<T: Row>(ctx: Ctx) -> ListResource<T> {
    backend_resource(
        ctx,
        |b| async move { b.list::<T>().await },
        || Err(ApiError::Config("no backend".into())),
    )
}

/// An editable collection as this tab shows it: the backend's rows with the
/// outbox's unsynced edits laid over. `None` while loading or failed, so a
/// caller never mistakes "not known yet" for "empty".
pub fn live_rows<T: Record + PartialEq + Send + Sync>(
    ctx: Ctx,
    list: ListResource<T>,
) -> Memo<Option<Vec<T>>> {
    Memo::new(move |_| {
        let rows = list.get()?.ok()?;
        Some(ctx.outbox.with(|ob| {
            overlay(&rows, ob)
                .into_iter()
                .map(|s| s.item)
                .collect::<Vec<_>>()
        }))
    })
}
