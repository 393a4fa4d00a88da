//! The iteration roadmap (issue 10): the rows (`model`), priority scores
//! (`scoring`), card ranks within lanes (`rank`), the before/after KPI
//! windows around a ship date (`review`), the start-of-quarter plan (`plan`)
//! and the quarterly review snapshot (`snapshot`). Pure logic; the screen builds on it.

pub mod evidence;
pub mod model;
pub mod plan;
pub mod rank;
pub mod review;
pub mod scoring;
pub mod snapshot;
