//! The operations cockpit. Definitions are in docs/metrics.md.
//!
//! Layers, each importing only those below it: `model` and `dimensions`
//! (the rows); `totals` (sums and ratios); `kpi` and `filter` (the KPI and
//! filter types); `targets`, `period` (periods and the URL state),
//! `portrait`, `anomalies`; `aggregate` (the one-pass `Cockpit::compute`);
//! then the views on its result: `kpi_table`, `funnel`, `behaviour`,
//! `insights`.

pub mod aggregate;
pub mod anomalies;
pub mod behaviour;
pub mod dimensions;
pub mod filter;
pub mod funnel;
pub mod insights;
pub mod kpi;
pub mod kpi_table;
pub mod model;
pub mod portrait;
pub mod query;
pub mod targets;
#[cfg(test)]
pub(crate) mod test_support;
pub mod totals;
