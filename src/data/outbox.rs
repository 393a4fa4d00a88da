//! Edits not yet accepted by the backend. Nothing the user changed is ever
//! dropped silently: a failed or offline edit stays here (and in browser
//! storage) until it is retried successfully or the user discards it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::ApiError;
use super::resource::{Record, Resource};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Op {
    Create,
    Update,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum EditState {
    /// On its way; shown at once, confirmed or failed shortly.
    Sending,
    /// Refused or unreachable; retry or discard.
    Failed { error: ApiError },
    /// The backend holds a newer version (409/412); the user's is kept.
    Conflict { error: ApiError },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingEdit {
    /// Local sequence number, unique within the outbox.
    pub seq: u64,
    pub resource: String,
    pub op: Op,
    pub id: String,
    /// The user's version of the record (none for a delete).
    pub value: Option<Value>,
    pub state: EditState,
    /// A human label for the outbox list, e.g. the record's title.
    #[serde(default)]
    pub label: String,
    /// The record's version when the user edited it (what the last read
    /// said), sent as `If-Match` so a change made elsewhere is not overwritten.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<String>,
    /// Held only by this page: browser storage refused to keep it, so it is
    /// gone if the page closes (see `outbox_sync`).
    #[serde(skip)]
    pub unsaved: bool,
}

impl PendingEdit {
    pub fn is_for(&self, resource: Resource, id: &str) -> bool {
        self.resource == resource.key() && self.id == id
    }

    /// Same record (resource and id) as `other`.
    pub fn same_record(&self, other: &PendingEdit) -> bool {
        self.resource == other.resource && self.id == other.id
    }

    pub fn is_sending(&self) -> bool {
        matches!(self.state, EditState::Sending)
    }

    pub fn error(&self) -> Option<&ApiError> {
        match &self.state {
            EditState::Failed { error } | EditState::Conflict { error } => Some(error),
            EditState::Sending => None,
        }
    }
}

/// The pending edits, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub edits: Vec<PendingEdit>,
}

impl Outbox {
    pub fn next_seq(&self) -> u64 {
        self.edits.iter().map(|e| e.seq).max().unwrap_or(0) + 1
    }

    /// Records an edit as sending and returns its sequence number. A second
    /// edit of the same record replaces the first, keeping "create" (the
    /// backend has never seen it) and the first edit's base version (the
    /// backend has not accepted anything since), and letting a delete of an
    /// unsent create simply cancel it.
    pub fn push(
        &mut self,
        resource: Resource,
        op: Op,
        id: &str,
        value: Option<Value>,
        label: String,
        base_version: Option<String>,
    ) -> Option<u64> {
        let seq = self.next_seq();
        let earlier = self.edits.iter().position(|e| e.is_for(resource, id));
        let base_version = earlier
            .and_then(|i| self.edits.get(i))
            .and_then(|e| e.base_version.clone())
            .or(base_version);
        let op = match earlier.and_then(|i| self.edits.get(i)).map(|e| e.op) {
            Some(Op::Create) if op == Op::Delete => {
                if let Some(i) = earlier {
                    self.edits.remove(i);
                }
                return None;
            }
            Some(Op::Create) => Op::Create,
            _ => op,
        };
        if let Some(i) = earlier {
            self.edits.remove(i);
        }
        self.edits.push(PendingEdit {
            seq,
            resource: resource.key().into(),
            op,
            id: id.into(),
            value,
            state: EditState::Sending,
            label,
            base_version,
            unsaved: false,
        });
        Some(seq)
    }

    pub fn get(&self, seq: u64) -> Option<&PendingEdit> {
        self.edits.iter().find(|e| e.seq == seq)
    }

    /// The backend accepted it.
    pub fn confirm(&mut self, seq: u64) {
        self.edits.retain(|e| e.seq != seq);
    }

    pub fn discard(&mut self, seq: u64) {
        self.confirm(seq);
    }

    pub fn fail(&mut self, seq: u64, error: ApiError) {
        if let Some(e) = self.edits.iter_mut().find(|e| e.seq == seq) {
            e.state = if error.is_conflict() {
                EditState::Conflict { error }
            } else {
                EditState::Failed { error }
            };
        }
    }

    pub fn mark_sending(&mut self, seq: u64) {
        if let Some(e) = self.edits.iter_mut().find(|e| e.seq == seq) {
            e.state = EditState::Sending;
        }
    }

    /// After a reload nothing is in flight: whatever was sending has to be
    /// retried, so it shows as failed (offline) rather than spinning forever.
    pub fn after_reload(mut self) -> Self {
        for e in &mut self.edits {
            if e.is_sending() {
                e.state = EditState::Failed {
                    error: ApiError::Network("interrupted by a reload".into()),
                };
            }
        }
        self
    }

    pub fn for_resource(&self, resource: Resource) -> impl Iterator<Item = &PendingEdit> {
        self.edits
            .iter()
            .filter(move |e| e.resource == resource.key())
    }

    pub fn pending_for(&self, resource: Resource, id: &str) -> Option<&PendingEdit> {
        self.edits.iter().find(|e| e.is_for(resource, id))
    }
}

/// A record as the user should see it: the server's copy with their pending
/// edit applied, and that edit's state when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown<T> {
    pub item: T,
    pub pending: Option<EditState>,
}

/// Lays the pending edits over the server's rows: updates replace rows,
/// creates are added first, deletes are hidden (the outbox still lists them).
pub fn overlay<T: Record>(server: &[T], outbox: &Outbox) -> Vec<Shown<T>> {
    let edits: Vec<&PendingEdit> = outbox.for_resource(T::RESOURCE).collect();
    let decode = |e: &PendingEdit| -> Option<T> {
        e.value
            .clone()
            .and_then(|v| serde_json::from_value::<T>(v).ok())
    };
    let mut shown: Vec<Shown<T>> = edits
        .iter()
        .filter(|e| e.op == Op::Create && !server.iter().any(|s| s.id() == e.id))
        .filter_map(|e| {
            decode(e).map(|item| Shown {
                item,
                pending: Some(e.state.clone()),
            })
        })
        .collect();
    for row in server {
        match edits.iter().find(|e| e.id == row.id()) {
            Some(e) if e.op == Op::Delete => {}
            Some(e) => shown.push(Shown {
                item: decode(e).unwrap_or_else(|| row.clone()),
                pending: Some(e.state.clone()),
            }),
            None => shown.push(Shown {
                item: row.clone(),
                pending: None,
            }),
        }
    }
    shown
}

/// Replaces (or inserts, or removes) one row of a cached list after the
/// backend confirmed an edit, so the screen needs no refetch.
pub fn apply_confirmed<T: Record>(rows: &mut Vec<T>, op: Op, id: &str, value: Option<T>) {
    match (op, value) {
        (Op::Delete, _) => rows.retain(|r| r.id() != id),
        (_, Some(v)) => match rows.iter_mut().find(|r| r.id() == id) {
            Some(slot) => *slot = v,
            None => rows.insert(0, v),
        },
        (_, None) => {}
    }
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

    fn val(x: &Target) -> Option<Value> {
        serde_json::to_value(x).ok()
    }

    #[test]
    fn overlay_applies_updates_creates_and_deletes() {
        let server = vec![t("a", 1.0), t("b", 2.0), t("c", 3.0)];
        let mut ob = Outbox::default();
        ob.push(
            Resource::Targets,
            Op::Update,
            "a",
            val(&t("a", 10.0)),
            "a".into(),
            None,
        );
        ob.push(Resource::Targets, Op::Delete, "b", None, "b".into(), None);
        ob.push(
            Resource::Targets,
            Op::Create,
            "n",
            val(&t("n", 5.0)),
            "n".into(),
            None,
        );
        let shown = overlay(&server, &ob);
        let ids: Vec<&str> = shown.iter().map(|s| s.item.id.as_str()).collect();
        assert_eq!(ids, ["n", "a", "c"]);
        assert_eq!(shown[1].item.target, 10.0);
        assert_eq!(shown[1].pending, Some(EditState::Sending));
        assert_eq!(shown[2].pending, None);
    }

    #[test]
    fn later_edit_replaces_earlier_and_delete_cancels_unsent_create() {
        let mut ob = Outbox::default();
        ob.push(
            Resource::Targets,
            Op::Create,
            "n",
            val(&t("n", 1.0)),
            "n".into(),
            None,
        );
        ob.push(
            Resource::Targets,
            Op::Update,
            "n",
            val(&t("n", 2.0)),
            "n".into(),
            None,
        );
        assert_eq!(ob.edits.len(), 1);
        assert_eq!(ob.edits[0].op, Op::Create);
        assert_eq!(
            ob.push(Resource::Targets, Op::Delete, "n", None, "n".into(), None),
            None
        );
        assert!(ob.edits.is_empty());
    }

    #[test]
    fn failures_are_kept_and_classified() {
        let mut ob = Outbox::default();
        let seq = ob
            .push(
                Resource::Targets,
                Op::Update,
                "a",
                val(&t("a", 1.0)),
                "a".into(),
                None,
            )
            .unwrap();
        ob.fail(
            seq,
            ApiError::Http {
                status: 412,
                detail: String::new(),
            },
        );
        assert!(matches!(ob.edits[0].state, EditState::Conflict { .. }));
        ob.mark_sending(seq);
        let restored = ob.clone().after_reload();
        assert!(matches!(restored.edits[0].state, EditState::Failed { .. }));
        // Survives a round trip through storage.
        let json = serde_json::to_string(&restored).unwrap();
        assert_eq!(serde_json::from_str::<Outbox>(&json).unwrap(), restored);
        ob.confirm(seq);
        assert!(ob.edits.is_empty());
    }

    #[test]
    fn confirmed_edits_patch_the_cached_rows() {
        let mut rows = vec![t("a", 1.0), t("b", 2.0)];
        apply_confirmed(&mut rows, Op::Update, "b", Some(t("b", 9.0)));
        apply_confirmed(&mut rows, Op::Create, "c", Some(t("c", 3.0)));
        apply_confirmed(&mut rows, Op::Delete, "a", None);
        assert_eq!(rows, vec![t("c", 3.0), t("b", 9.0)]);
    }
}
