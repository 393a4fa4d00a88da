//! The health rows (see docs/api.md): daily figures per API endpoint.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::shared::dates::checked;

/// Daily health of one API endpoint (or `page_load`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthSample {
    #[serde(deserialize_with = "checked")]
    pub date: NaiveDate,
    pub endpoint: String,
    pub requests: u32,
    pub errors: u32,
    pub p50_ms: u32,
    pub p95_ms: u32,
}
