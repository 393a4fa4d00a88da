//! Security and performance health: API endpoints' daily figures. Only the rows for now;
//! the logic joins them when the area is built.

pub mod model;
