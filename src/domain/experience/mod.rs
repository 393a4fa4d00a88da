//! User experience: key-task figures and A/B tests. Only the rows for now;
//! the logic joins them when the area is built.

pub mod model;
