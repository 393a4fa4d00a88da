//! The embedded backend's state: the generated demo dataset, with the
//! editable collections persisted in localStorage across reloads.

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::generator::{generate, DEFAULT_SEED};
use crate::data::error::ApiError;
use crate::data::outbox::{apply_confirmed, Op};
use crate::data::resource::{decode_text, Record, Resource, Row};
use crate::data::storage;
use crate::domain::model::{
    Campaign, ContentItem, Dataset, Feedback, LocalEvent, RoadmapItem, Target,
};

struct Store {
    data: Dataset,
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

/// Replaces a generated collection with the user's stored copy, if any.
fn restore<T: Record>(store: &mut Store) {
    let Some(text) = storage::get(&storage_key(T::RESOURCE)) else {
        return;
    };
    match decode_text::<Vec<T>>(&text, None, T::RESOURCE) {
        Ok(rows) => *T::rows_mut(&mut store.data) = rows,
        Err(e) => {
            store.damaged.insert(T::RESOURCE, e);
        }
    }
}

fn load() -> Store {
    let mut store = Store {
        data: generate(DEFAULT_SEED, demo_end_date()),
        damaged: BTreeMap::new(),
    };
    restore::<Feedback>(&mut store);
    restore::<ContentItem>(&mut store);
    restore::<Campaign>(&mut store);
    restore::<RoadmapItem>(&mut store);
    restore::<Target>(&mut store);
    restore::<LocalEvent>(&mut store);
    store
}

fn with_store<R>(f: impl FnOnce(&mut Store) -> R) -> R {
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let store = slot.get_or_insert_with(load);
        f(store)
    })
}

pub fn list<T: Row>() -> Result<Vec<T>, ApiError> {
    with_store(|s| match s.damaged.get(&T::RESOURCE) {
        Some(e) => Err(e.clone()),
        None => Ok(T::rows(&s.data).clone()),
    })
}

/// Applies one edit and persists the whole collection.
pub fn save<T: Record>(op: Op, id: &str, value: Option<T>) -> Result<Option<T>, ApiError> {
    with_store(|s| {
        if let Some(e) = s.damaged.get(&T::RESOURCE) {
            return Err(e.clone());
        }
        let mut rows = T::rows(&s.data).clone();
        if op == Op::Update && !rows.iter().any(|r| r.id() == id) {
            return Err(ApiError::Http {
                status: 404,
                detail: format!("{} {id}", T::RESOURCE.key()),
            });
        }
        apply_confirmed(&mut rows, op, id, value.clone());
        let json = serde_json::to_string(&rows)
            .map_err(|e| ApiError::Storage(format!("cannot encode: {e}")))?;
        storage::set(&storage_key(T::RESOURCE), &json)?;
        *T::rows_mut(&mut s.data) = rows;
        Ok(value)
    })
}

/// Forgets every stored edit and regenerates the demo data.
pub fn reset() {
    storage::remove_prefixed("data.");
    STORE.with(|cell| *cell.borrow_mut() = None);
}
