//! Plain domain types and pure logic, free of any browser API.

pub mod behaviour;
pub mod dimensions;
pub mod feedback;
pub mod holidays;
pub mod insights;
pub mod metrics;
pub mod model;
pub mod period;
