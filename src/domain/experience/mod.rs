//! User experience: key-task figures and A/B tests (issue 11): the rows and
//! the A/B read-out; the screen joins them when the area is built.

pub mod ab_test;
pub mod model;
