//! Plain domain types and pure logic, free of any browser API.

pub mod behaviour;
pub mod calendar;
pub mod campaigns;
pub mod csv;
pub mod dates;
pub mod dimensions;
pub mod experience;
pub mod feedback;
pub mod funnel;
pub mod holidays;
pub mod ics;
pub mod insights;
pub mod kpi_table;
pub mod metrics;
pub mod model;
pub mod period;
pub mod shared;
pub mod solar_terms;
pub mod wechat;
