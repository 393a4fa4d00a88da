//! The demo dataset is generated in a web worker of its own wasm
//! (`src/bin/demo_worker.rs`), so that the generator stays out of the app's
//! download and its work off the main thread. The app asks for one
//! collection at a time and decodes the answer like a REST response.

pub mod packed;
pub mod protocol;
pub mod serve;

#[cfg(target_arch = "wasm32")]
mod client;

use super::generator::DEFAULT_SEED;
use crate::data::error::ApiError;
use crate::data::resource::Resource;
use crate::data::resource::{decode_text, Row};
use chrono::NaiveDate;
use protocol::{Generated, Request};

/// The generated rows of `T`'s collection up to `end`.
pub async fn generated_rows<T: Row>(end: NaiveDate) -> Result<Vec<T>, ApiError> {
    match generated(T::RESOURCE, end).await? {
        Generated::Json(text) => decode_text::<Vec<T>>(&text, None, T::RESOURCE),
        Generated::PackedMetrics(numbers) => {
            let rows: Box<dyn std::any::Any> = Box::new(packed::unpack_metrics(&numbers)?);
            rows.downcast::<Vec<T>>()
                .map(|rows| *rows)
                .map_err(|_| ApiError::Decode {
                    resource: T::RESOURCE.key().into(),
                    path: String::new(),
                    detail: "packed rows for another collection".into(),
                })
        }
    }
}

async fn generated(collection: Resource, end: NaiveDate) -> Result<Generated, ApiError> {
    let req = Request {
        id: 0,
        seed: DEFAULT_SEED,
        end,
        collection,
    };
    #[cfg(target_arch = "wasm32")]
    {
        client::generated(req).await
    }
    // Native builds (tests, tools) have no worker: generate in place.
    #[cfg(not(target_arch = "wasm32"))]
    {
        serve::respond(&req).map_err(ApiError::Network)
    }
}
