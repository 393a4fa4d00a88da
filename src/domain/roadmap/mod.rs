//! The iteration roadmap: requirements by lane and status. Only the rows for now;
//! the logic joins them when the area is built.

pub mod model;
