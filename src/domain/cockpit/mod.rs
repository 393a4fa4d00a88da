//! The operations cockpit: the metric rows, their dimensions, reporting
//! periods, KPIs and the cross-filtered aggregation, the tiles' table, the
//! funnel, behaviour views and the computed notes. Definitions are in
//! docs/metrics.md.

pub mod behaviour;
pub mod dimensions;
pub mod funnel;
pub mod insights;
pub mod kpi_table;
pub mod metrics;
pub mod model;
pub mod period;
