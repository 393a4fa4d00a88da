//! The messages between the app and the demo-data worker: one request per
//! collection, answered with that collection's generated rows as the same
//! JSON a REST backend would send.
//!
//! A request is one line of text, `"<id> <seed> <yyyy-mm-dd> <collection>"`,
//! so neither side needs more than `split` to read it; the answer is a JS
//! array `[id, ok, body]`: the rows as JSON text (the daily metrics as a
//! `Float64Array`, see `packed`), or the error in words.

use chrono::NaiveDate;

use crate::data::resource::Resource;

/// What the worker posts once it listens; requests sent before would be
/// lost while its wasm loads, so the app holds them until then.
pub const READY: &str = "ready";

/// What `scripts/web/demo-worker-start.js` posts, followed by the reason,
/// when the worker's wasm cannot load.
pub const FAILED: &str = "failed";

/// One collection's generated rows as they cross to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Generated {
    Json(String),
    /// The daily metric facts, `packed::WIDTH` numbers per row.
    PackedMetrics(Vec<f64>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    pub id: u32,
    pub seed: u64,
    /// The last day with data (the app's "yesterday", which a test's pinned
    /// clock sets: the worker's own clock is not pinned).
    pub end: NaiveDate,
    pub collection: Resource,
}

impl Request {
    pub fn encode(&self) -> String {
        format!(
            "{} {} {} {}",
            self.id,
            self.seed,
            self.end.format("%Y-%m-%d"),
            self.collection.key()
        )
    }

    /// `None` for anything that is not a request this version sends.
    pub fn decode(text: &str) -> Option<Request> {
        let mut parts = text.split(' ');
        let id = parts.next()?.parse().ok()?;
        let seed = parts.next()?.parse().ok()?;
        let end = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
        let collection = Resource::from_key(parts.next()?)?;
        if parts.next().is_some() {
            return None;
        }
        Some(Request {
            id,
            seed,
            end,
            collection,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_reads_back_as_sent_and_garbage_is_refused() {
        let req = Request {
            id: 7,
            seed: 20_251_128,
            end: NaiveDate::from_ymd_opt(2027, 2, 28).unwrap(),
            collection: Resource::RoadmapReviews,
        };
        assert_eq!(req.encode(), "7 20251128 2027-02-28 roadmapReviews");
        assert_eq!(Request::decode(&req.encode()), Some(req));
        for bad in [
            "",
            "7",
            "x 1 2027-02-28 metrics",
            "7 1 2027-02-30 metrics",
            "7 1 2027-02-28 nothing",
            "7 1 2027-02-28 metrics extra",
        ] {
            assert_eq!(Request::decode(bad), None, "{bad:?}");
        }
    }
}
