//! Making an edit: it shows at once, goes to the backend, and either is
//! confirmed or stays in the outbox with the reason, for retry or discard.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::context::Ctx;
use crate::data::error::ApiError;
use crate::data::outbox::{apply_confirmed, Op};
use crate::data::resource::{Record, Resource};
use crate::data::{Backend, Precondition};
use crate::domain::calendar::model::{ContentItem, LocalEvent};
use crate::domain::campaigns::model::Campaign;
use crate::domain::cockpit::model::Target;
use crate::domain::feedback::model::Feedback;
use crate::domain::roadmap::model::RoadmapItem;

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
pub fn list_resource<T: crate::data::resource::Row>(ctx: Ctx) -> ListResource<T> {
    backend_resource(
        ctx,
        |b| async move { b.list::<T>().await },
        || Err(ApiError::Config("no backend".into())),
    )
}

/// A fresh id for a record created here, e.g. `ct-18c2f…`: time plus
/// randomness, so two tabs (or a fast double click) never collide.
pub fn new_id(prefix: &str) -> String {
    let n = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e6) as u64;
    format!("{prefix}-{n:x}{r:05x}")
}

/// Records the edit in the outbox, then sends it.
pub fn submit<T: Record>(
    ctx: Ctx,
    op: Op,
    id: String,
    value: Option<T>,
    label: String,
    list: Option<ListResource<T>>,
) {
    let json = value.as_ref().and_then(|v| serde_json::to_value(v).ok());
    // The version the user saw: a write must not replace a newer one.
    let base = ctx
        .backend
        .get_untracked()
        .and_then(|b| b.known_version(T::RESOURCE, &id));
    let seq = ctx.change_outbox(|ob| ob.push(T::RESOURCE, op, &id, json, label, base));
    // A delete that cancelled an unsent create has nothing to send.
    let Some(seq) = seq else { return };
    send::<T>(ctx, seq, false, list);
}

/// Sends (or re-sends) one outbox entry.
fn send<T: Record>(ctx: Ctx, seq: u64, force: bool, list: Option<ListResource<T>>) {
    let Some(edit) = ctx.outbox.with_untracked(|ob| ob.get(seq).cloned()) else {
        return;
    };
    let Some(backend) = ctx.backend.get_untracked() else {
        return;
    };
    let value: Option<T> = edit
        .value
        .clone()
        .and_then(|v| serde_json::from_value(v).ok());
    ctx.change_outbox(|ob| ob.mark_sending(seq));
    let precondition = if force {
        Precondition::Overwrite
    } else {
        Precondition::Based(edit.base_version.clone())
    };
    spawn_local(async move {
        let result = backend
            .save::<T>(edit.op, &edit.id, value, precondition)
            .await;
        match result {
            Ok(saved) => {
                ctx.change_outbox(|ob| ob.confirm(seq));
                match list {
                    // The page that made the edit may be gone by now (try_):
                    // the confirmed outbox is what the next page loads anyway.
                    Some(list) => {
                        list.try_update(|current| {
                            if let Some(Ok(rows)) = current {
                                apply_confirmed(rows, edit.op, &edit.id, saved);
                            }
                        });
                    }
                    None => ctx.reload_all(),
                }
            }
            Err(error) => ctx.change_outbox(|ob| ob.fail(seq, error)),
        }
    });
}

/// Retries an outbox entry; `force` overwrites after a conflict.
pub fn retry(ctx: Ctx, seq: u64, force: bool) {
    let Some(key) = ctx
        .outbox
        .with_untracked(|ob| ob.get(seq).map(|e| e.resource.clone()))
    else {
        return;
    };
    match Resource::from_key(&key) {
        Some(Resource::Feedback) => send::<Feedback>(ctx, seq, force, None),
        Some(Resource::Content) => send::<ContentItem>(ctx, seq, force, None),
        Some(Resource::Campaigns) => send::<Campaign>(ctx, seq, force, None),
        Some(Resource::Roadmap) => send::<RoadmapItem>(ctx, seq, force, None),
        Some(Resource::Targets) => send::<Target>(ctx, seq, force, None),
        Some(Resource::Events) => send::<LocalEvent>(ctx, seq, force, None),
        // Not an editable collection: nothing could send it, so let it go.
        _ => discard(ctx, seq),
    }
}

/// The user gave up this edit; the server's version shows again.
pub fn discard(ctx: Ctx, seq: u64) {
    ctx.change_outbox(|ob| ob.discard(seq));
    ctx.reload_all();
}
