//! One outbox shared by every open tab. Each tab keeps a copy in memory, but
//! a change is never written from that copy: it is applied to the outbox as
//! stored right now (read, change that one entry, write), so an edit another
//! tab stored in the meantime survives, and removing an entry removes only
//! that entry. Other tabs adopt the stored outbox when it changes (the
//! `storage` event). An entry that storage refused stays in this tab's memory,
//! marked `unsaved`, so it remains on screen and can be exported.
//!
//! Pure: the browser storage is passed in as text and a write function.

use super::error::ApiError;
use super::outbox::Outbox;

/// The stored outbox; unreadable text counts as empty (there is nothing in it
/// that could be shown or sent).
pub fn decode_stored(text: Option<&str>) -> Outbox {
    text.and_then(|t| serde_json::from_str::<Outbox>(t).ok())
        .unwrap_or_default()
}

/// What this tab should hold: the stored entries, plus this tab's entries
/// that storage refused (unless a newer edit of the same record is stored).
pub fn rebase(stored: Outbox, memory: &Outbox) -> Outbox {
    let mut out = stored;
    for mine in memory.edits.iter().filter(|e| e.unsaved) {
        match out.edits.iter_mut().find(|s| s.same_record(mine)) {
            Some(s) if s.seq >= mine.seq => {}
            Some(s) => *s = mine.clone(),
            None => {
                let mut mine = mine.clone();
                // Its number was chosen without seeing the other tabs' entries.
                if out.edits.iter().any(|s| s.seq == mine.seq) {
                    mine.seq = out.next_seq();
                }
                out.edits.push(mine);
            }
        }
    }
    out.edits.sort_by_key(|e| e.seq);
    out
}

/// Applies `change` to the stored outbox (with this tab's unsaved entries on
/// top) and writes the result back. Returns what this tab should hold now,
/// the change's result, and the write's error: then the entries storage does
/// not hold are marked `unsaved`.
pub fn read_modify_write<R>(
    stored: Option<&str>,
    memory: &Outbox,
    change: impl FnOnce(&mut Outbox) -> R,
    write: impl FnOnce(&str) -> Result<(), ApiError>,
) -> (Outbox, R, Result<(), ApiError>) {
    let stored = decode_stored(stored);
    let mut next = rebase(stored.clone(), memory);
    let result = change(&mut next);
    let written = serde_json::to_string(&next)
        .map_err(|e| ApiError::Storage(format!("cannot encode the outbox: {e}")))
        .and_then(|json| write(&json));
    let ok = written.is_ok();
    for e in &mut next.edits {
        // Same record and number means the same edit (a new edit gets a new
        // number); only its state may differ, which is not worth losing it.
        e.unsaved = !ok
            && !stored
                .edits
                .iter()
                .any(|s| s.same_record(e) && s.seq == e.seq);
    }
    (next, result, written)
}

/// The stored outbox changed in another tab.
pub fn adopt(stored: Option<&str>, memory: &Outbox) -> Outbox {
    rebase(decode_stored(stored), memory)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::outbox::{EditState, Op};
    use crate::data::resource::Resource;
    use serde_json::json;
    use std::cell::RefCell;

    /// localStorage stand-in: one key, optionally refusing writes (full).
    #[derive(Default)]
    struct Disk {
        text: RefCell<Option<String>>,
        full: RefCell<bool>,
    }

    impl Disk {
        fn stored(&self) -> Outbox {
            decode_stored(self.text.borrow().as_deref())
        }
    }

    /// One tab: its memory and the shared disk.
    struct Tab<'a> {
        disk: &'a Disk,
        memory: Outbox,
    }

    impl<'a> Tab<'a> {
        fn open(disk: &'a Disk) -> Self {
            Tab {
                disk,
                memory: disk.stored(),
            }
        }

        fn change<R>(&mut self, f: impl FnOnce(&mut Outbox) -> R) -> R {
            let text = self.disk.text.borrow().clone();
            let (next, r, _) = read_modify_write(text.as_deref(), &self.memory, f, |json| {
                if *self.disk.full.borrow() {
                    return Err(ApiError::StorageFull("outbox".into()));
                }
                *self.disk.text.borrow_mut() = Some(json.into());
                Ok(())
            });
            self.memory = next;
            r
        }

        fn edit(&mut self, id: &str, v: i64) -> u64 {
            self.change(|ob| {
                ob.push(
                    Resource::Feedback,
                    Op::Update,
                    id,
                    Some(json!({ "id": id, "v": v })),
                    id.into(),
                    Some(format!("\"{v}\"")),
                )
            })
            .unwrap_or(0)
        }

        /// The `storage` event.
        fn hear(&mut self) {
            self.memory = adopt(self.disk.text.borrow().as_deref(), &self.memory);
        }

        fn ids(&self) -> Vec<String> {
            self.memory.edits.iter().map(|e| e.id.clone()).collect()
        }
    }

    fn ids(ob: &Outbox) -> Vec<String> {
        ob.edits.iter().map(|e| e.id.clone()).collect()
    }

    #[test]
    fn two_tabs_editing_different_records_keep_both() {
        let disk = Disk::default();
        let mut a = Tab::open(&disk);
        let mut b = Tab::open(&disk);
        let sa = a.edit("fb-1", 1);
        // B has not heard of A's edit: its own change must not erase it.
        let sb = b.edit("fb-2", 2);
        assert_ne!(sa, sb, "numbers stay unique across tabs");
        assert_eq!(ids(&disk.stored()), ["fb-1", "fb-2"]);
        assert_eq!(b.ids(), ["fb-1", "fb-2"], "B picked A's edit up on write");
        a.hear();
        assert_eq!(a.ids(), ["fb-1", "fb-2"]);
    }

    #[test]
    fn update_replaces_only_that_entry_and_remove_removes_only_it() {
        let disk = Disk::default();
        let mut a = Tab::open(&disk);
        let mut b = Tab::open(&disk);
        a.edit("fb-1", 1);
        b.edit("fb-2", 2);
        // A fails and re-marks its own entry: state changes are per entry.
        let s1 = a.memory.edits[0].seq;
        a.change(|ob| {
            ob.fail(s1, ApiError::Network("offline".into()));
        });
        let stored = disk.stored();
        assert!(matches!(stored.edits[0].state, EditState::Failed { .. }));
        assert!(matches!(stored.edits[1].state, EditState::Sending));
        // A confirms its entry: B's stays.
        a.change(|ob| ob.confirm(s1));
        assert_eq!(ids(&disk.stored()), ["fb-2"]);
        assert_eq!(a.ids(), ["fb-2"]);
        // B had never heard of the removal; its next change keeps it removed.
        b.edit("fb-3", 3);
        assert_eq!(ids(&disk.stored()), ["fb-2", "fb-3"]);
    }

    #[test]
    fn same_record_in_two_tabs_keeps_the_latest_edit_and_its_base_version() {
        let disk = Disk::default();
        let mut a = Tab::open(&disk);
        let mut b = Tab::open(&disk);
        let sa = a.edit("fb-1", 1);
        let sb = b.edit("fb-1", 2);
        assert!(sb > sa);
        let stored = disk.stored();
        assert_eq!(stored.edits.len(), 1, "one entry per record");
        assert_eq!(stored.edits[0].value, Some(json!({"id": "fb-1", "v": 2})));
        // The backend never accepted A's edit: the version both were based
        // on is still the one to check.
        assert_eq!(stored.edits[0].base_version.as_deref(), Some("\"1\""));
        // A's late confirmation of its older edit does not drop B's newer one.
        a.change(|ob| ob.confirm(sa));
        assert_eq!(disk.stored().edits.len(), 1);
        assert_eq!(disk.stored().edits[0].seq, sb);
    }

    #[test]
    fn a_refused_write_keeps_the_edit_in_memory_marked_unsaved() {
        let disk = Disk::default();
        let mut a = Tab::open(&disk);
        let mut b = Tab::open(&disk);
        b.edit("fb-0", 0);
        *disk.full.borrow_mut() = true;
        a.edit("fb-1", 1);
        assert_eq!(ids(&disk.stored()), ["fb-0"]);
        assert_eq!(a.ids(), ["fb-0", "fb-1"]);
        assert!(!a.memory.edits[0].unsaved, "fb-0 is stored");
        assert!(a.memory.edits[1].unsaved, "fb-1 lives only in this page");
        // Another tab's change does not drop it from A's memory.
        *disk.full.borrow_mut() = false;
        b.edit("fb-2", 2);
        a.hear();
        // fb-1's number collided with fb-2's and was renumbered (later).
        assert_eq!(a.ids(), ["fb-0", "fb-2", "fb-1"]);
        let seqs: std::collections::BTreeSet<u64> = a.memory.edits.iter().map(|e| e.seq).collect();
        assert_eq!(seqs.len(), 3, "numbers unique after adopting");
        // Space again: A's next change stores it.
        a.edit("fb-3", 3);
        assert_eq!(ids(&disk.stored()), ["fb-0", "fb-2", "fb-1", "fb-3"]);
        assert!(a.memory.edits.iter().all(|e| !e.unsaved));
    }

    #[test]
    fn unreadable_storage_counts_as_empty() {
        assert_eq!(decode_stored(Some("{oops")), Outbox::default());
        assert_eq!(decode_stored(None), Outbox::default());
    }
}
