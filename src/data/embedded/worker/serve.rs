//! The worker's side: generates the demo dataset once per (seed, last day)
//! and answers each request with one collection's rows as JSON.
//!
//! Only `src/bin/demo_worker.rs` calls this, so the generator is linked into
//! the worker's wasm and not into the app's: a deploy that reads a REST
//! backend never downloads it.

use std::cell::RefCell;

use chrono::NaiveDate;

use super::packed::pack_metrics;
use super::protocol::{Generated, Request};
use crate::data::embedded::generator::generate;
use crate::data::resource::{Resource, Row, RowVisitor};
use crate::domain::dataset::Dataset;

thread_local! {
    static GENERATED: RefCell<Option<((u64, NaiveDate), Dataset)>> = const { RefCell::new(None) };
}

struct ToJson<'a>(&'a Dataset);

impl RowVisitor for ToJson<'_> {
    type Output = Result<String, String>;
    fn visit<T: Row>(self) -> Self::Output {
        serde_json::to_string(T::rows(self.0)).map_err(|e| e.to_string())
    }
}

/// The rows the request asks for, or why not.
pub fn respond(req: &Request) -> Result<Generated, String> {
    GENERATED.with(|cell| {
        let mut slot = cell.borrow_mut();
        let key = (req.seed, req.end);
        let data = match slot.take() {
            Some((k, data)) if k == key => data,
            _ => generate(req.seed, req.end),
        };
        let rows = match req.collection {
            Resource::Metrics => Ok(Generated::PackedMetrics(pack_metrics(&data.metrics))),
            other => other.with_row(ToJson(&data)).map(Generated::Json),
        };
        *slot = Some((key, data));
        rows
    })
}

/// Listens for requests on the worker's global scope (wasm only).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().as_string().unwrap_or_default();
        let Some(req) = Request::decode(&text) else {
            return;
        };
        let transfer = js_sys::Array::new();
        let (ok, body) = match respond(&req) {
            Ok(Generated::Json(json)) => (true, JsValue::from_str(&json)),
            Ok(Generated::PackedMetrics(numbers)) => {
                let array = js_sys::Float64Array::from(numbers.as_slice());
                transfer.push(&array.buffer());
                (true, array.into())
            }
            Err(why) => (false, JsValue::from_str(&why)),
        };
        let answer = js_sys::Array::of3(&JsValue::from(req.id), &JsValue::from(ok), &body);
        // Nothing to do if posting fails: the app's request then times out.
        let _ = reply_to.post_message_with_transfer(&answer, &transfer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(super::protocol::READY));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::DEFAULT_SEED;
    use crate::data::embedded::worker::packed::unpack_metrics;
    use crate::data::resource::decode_text;
    use crate::domain::cockpit::model::MetricFact;
    use crate::domain::roadmap::model::RoadmapItem;

    #[test]
    fn each_collection_comes_back_as_the_rows_the_generator_made() {
        let end = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let data = generate(DEFAULT_SEED, end);
        let ask = |collection| Request {
            id: 1,
            seed: DEFAULT_SEED,
            end,
            collection,
        };
        let metrics = |answer| match answer {
            Ok(Generated::PackedMetrics(numbers)) => unpack_metrics(&numbers).unwrap(),
            other => panic!("{other:?}"),
        };
        let json = |answer| match answer {
            Ok(Generated::Json(text)) => text,
            other => panic!("{other:?}"),
        };
        assert_eq!(metrics(respond(&ask(Resource::Metrics))), data.metrics);
        let roadmap: Vec<RoadmapItem> = decode_text(
            &json(respond(&ask(Resource::Roadmap))),
            None,
            Resource::Roadmap,
        )
        .unwrap();
        assert_eq!(roadmap, data.roadmap);
        // Every other collection serialises as JSON (the worker serves all).
        for r in Resource::ALL.iter().filter(|r| **r != Resource::Metrics) {
            assert!(json(respond(&ask(*r))).starts_with('['), "{}", r.key());
        }
        // Another last day is generated afresh, not served from the cache.
        let earlier = end.pred_opt().unwrap();
        let metrics: Vec<MetricFact> = metrics(respond(&Request {
            end: earlier,
            ..ask(Resource::Metrics)
        }));
        assert_eq!(
            metrics.iter().map(|m| m.date).max(),
            Some(earlier),
            "the last day follows the request"
        );
    }
}
