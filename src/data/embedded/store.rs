//! The embedded backend's state: the demo dataset, each collection fetched
//! from the demo-data worker when first asked for, with the editable
//! collections persisted in localStorage across reloads.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};

use super::worker::generated_rows;
use crate::data::error::ApiError;
use crate::data::outbox::{apply_confirmed, Op};
use crate::data::resource::{decode_text, Record, RecordVisitor, Resource, Row};
use crate::data::storage;
use crate::domain::dataset::Dataset;

#[derive(Default)]
struct Store {
    data: Dataset,
    /// Collections that hold their rows (generated or restored); the rest
    /// are fetched from the worker on first use.
    loaded: BTreeSet<Resource>,
    /// Editable collections whose stored copy could not be read; they are
    /// reported instead of silently replaced, until the user resets them.
    damaged: BTreeMap<Resource, ApiError>,
}

thread_local! {
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
}

/// The last day with data: yesterday on the user's calendar.
pub fn demo_end_date() -> NaiveDate {
    let today = chrono::Local::now().date_naive();
    today.checked_sub_days(Days::new(1)).unwrap_or(today)
}

fn storage_key(resource: Resource) -> String {
    format!("data.{}", resource.key())
}

/// Replaces a collection with the user's stored copy, if any; returns
/// whether there was one (readable or not).
fn restore<T: Record>(store: &mut Store) -> bool {
    let Some(text) = storage::get(&storage_key(T::RESOURCE)) else {
        return false;
    };
    match decode_text::<Vec<T>>(&text, None, T::RESOURCE) {
        Ok(rows) => {
            *T::rows_mut(&mut store.data) = rows;
            store.loaded.insert(T::RESOURCE);
        }
        Err(e) => {
            store.damaged.insert(T::RESOURCE, e);
        }
    }
    true
}

/// Restores whichever editable collection it is given.
struct Restore<'a>(&'a mut Store);

impl RecordVisitor for Restore<'_> {
    type Output = bool;
    fn visit<T: Record>(self) -> bool {
        restore::<T>(self.0)
    }
}

fn with_store<R>(f: impl FnOnce(&mut Store) -> R) -> R {
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let store = slot.get_or_insert_with(Store::default);
        f(store)
    })
}

/// Makes `T`'s rows present: the stored copy of an editable collection,
/// else the generated rows from the worker.
async fn ensure_loaded<T: Row>() -> Result<(), ApiError> {
    let ready = with_store(|s| {
        s.loaded.contains(&T::RESOURCE)
            || s.damaged.contains_key(&T::RESOURCE)
            || T::RESOURCE.with_record(Restore(s)) == Some(true)
    });
    if ready {
        return Ok(());
    }
    let rows = generated_rows::<T>(demo_end_date()).await?;
    with_store(|s| {
        // Another request (or a restore from another tab's write) may
        // have filled it meanwhile: keep that.
        if s.loaded.insert(T::RESOURCE) {
            *T::rows_mut(&mut s.data) = rows;
        }
    });
    Ok(())
}

pub async fn list<T: Row>() -> Result<Vec<T>, ApiError> {
    ensure_loaded::<T>().await?;
    with_store(|s| match s.damaged.get(&T::RESOURCE) {
        Some(e) => Err(e.clone()),
        None => Ok(T::rows(&s.data).clone()),
    })
}

/// Applies one edit to the collection as stored right now (another tab may
/// have written it since this one read it), so only that record changes;
/// with no stored copy yet, to the generated rows. Pure.
pub fn apply_to_current<T: Record>(
    stored: Option<&str>,
    generated: &[T],
    op: Op,
    id: &str,
    value: Option<T>,
) -> Result<Vec<T>, ApiError> {
    let mut rows = match stored {
        Some(text) => decode_text::<Vec<T>>(text, None, T::RESOURCE)?,
        None => generated.to_vec(),
    };
    if op == Op::Update && !rows.iter().any(|r| r.id() == id) {
        return Err(ApiError::Http {
            status: 404,
            detail: format!("{} {id}", T::RESOURCE.key()),
        });
    }
    apply_confirmed(&mut rows, op, id, value);
    Ok(rows)
}

/// Applies one edit and persists its collection (read, change one record,
/// write). When storage refuses, nothing changes here and the edit stays in
/// the outbox.
pub async fn save<T: Record>(op: Op, id: &str, value: Option<T>) -> Result<Option<T>, ApiError> {
    ensure_loaded::<T>().await?;
    with_store(|s| {
        if let Some(e) = s.damaged.get(&T::RESOURCE) {
            return Err(e.clone());
        }
        let key = storage_key(T::RESOURCE);
        let stored = storage::get(&key);
        let rows = match stored {
            // This tab's copy is the generated one until something is stored.
            None => apply_to_current(None, T::rows(&s.data), op, id, value.clone())?,
            Some(text) => {
                apply_to_current(Some(&text), &[], op, id, value.clone()).map_err(|e| {
                    if matches!(e, ApiError::Decode { .. }) {
                        s.damaged.insert(T::RESOURCE, e.clone());
                    }
                    e
                })?
            }
        };
        let json = serde_json::to_string(&rows)
            .map_err(|e| ApiError::Storage(format!("cannot encode: {e}")))?;
        storage::set(&key, &json)?;
        *T::rows_mut(&mut s.data) = rows;
        s.loaded.insert(T::RESOURCE);
        Ok(value)
    })
}

/// Another tab changed stored data (`key` without our prefix, or `None` when
/// storage was cleared). Returns whether this tab's data changed, so the
/// pages load again.
pub fn refresh_from_storage(key: Option<&str>) -> bool {
    let loaded = STORE.with(|cell| cell.borrow().is_some());
    if !loaded {
        return false;
    }
    let resource = key
        .and_then(|k| k.strip_prefix("data."))
        .and_then(Resource::from_key);
    match (key, resource) {
        // A collection was written: take just that one.
        (Some(k), Some(r)) if storage::get(k).is_some() => {
            with_store(|s| {
                s.damaged.remove(&r);
                r.with_record(Restore(s));
            });
            true
        }
        // Removed (a reset) or everything cleared: start again from storage.
        (None, _) | (Some(_), Some(_)) => {
            STORE.with(|cell| *cell.borrow_mut() = None);
            true
        }
        (Some(_), None) => false,
    }
}

/// Which editable collections hold edits stored in this browser (what a
/// reset would delete).
pub fn stored_collections() -> Vec<Resource> {
    Resource::ALL
        .iter()
        .copied()
        .filter(|r| r.editable() && storage::get(&storage_key(*r)).is_some())
        .collect()
}

/// Forgets every stored edit and regenerates the demo data.
pub fn reset() {
    storage::remove_prefixed("data.");
    STORE.with(|cell| *cell.borrow_mut() = None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::model::Target;

    fn t(id: &str, target: f64) -> Target {
        Target {
            id: id.into(),
            target,
            warning: 0.0,
        }
    }

    #[test]
    fn a_write_applies_to_the_stored_rows_not_to_this_tabs_copy() {
        let generated = vec![t("a", 1.0)];
        // Tab A created "x" and stored the collection; tab B still holds the
        // generated rows in memory and creates "y".
        let after_a =
            apply_to_current(None, &generated, Op::Create, "x", Some(t("x", 2.0))).unwrap();
        let stored = serde_json::to_string(&after_a).unwrap();
        let after_b = apply_to_current(
            Some(&stored),
            &generated,
            Op::Create,
            "y",
            Some(t("y", 3.0)),
        )
        .unwrap();
        let ids: Vec<&str> = after_b.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["y", "x", "a"], "both tabs' items survive");
        // Update and delete touch only their record.
        let stored = serde_json::to_string(&after_b).unwrap();
        let updated =
            apply_to_current(Some(&stored), &[], Op::Update, "x", Some(t("x", 9.0))).unwrap();
        assert_eq!(updated, vec![t("y", 3.0), t("x", 9.0), t("a", 1.0)]);
        let stored = serde_json::to_string(&updated).unwrap();
        let deleted =
            apply_to_current::<Target>(Some(&stored), &[], Op::Delete, "y", None).unwrap();
        assert_eq!(deleted, vec![t("x", 9.0), t("a", 1.0)]);
    }

    #[test]
    fn updating_a_record_another_tab_deleted_is_a_404_and_damage_is_reported() {
        let stored = serde_json::to_string(&vec![t("a", 1.0)]).unwrap();
        let err = apply_to_current(Some(&stored), &[], Op::Update, "gone", Some(t("gone", 1.0)))
            .unwrap_err();
        assert_eq!(err.status(), Some(404));
        let err =
            apply_to_current(Some("{oops"), &[], Op::Create, "n", Some(t("n", 1.0))).unwrap_err();
        assert!(matches!(err, ApiError::Decode { .. }));
    }
}
