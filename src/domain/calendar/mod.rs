//! The content calendar: what falls on which day (holidays, solar terms,
//! retail dates, local events, campaigns), where planned content repeats,
//! which occasions still have nothing planned, which channels have gone
//! quiet, the calendar's URL state, its CSV and its iCalendar export.

pub mod editing;
pub mod export;
pub mod grid;
pub mod ics;
pub mod markers;
pub mod model;
pub mod occurrences;
pub mod planning;
pub mod query;
#[cfg(test)]
pub(crate) mod test_support;
