//! Promotion channels: spend and results per placement. Only the rows for now;
//! the logic joins them when the area is built.

pub mod model;
