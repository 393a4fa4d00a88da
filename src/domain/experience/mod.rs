//! User experience: key-task figures against their targets and A/B tests
//! (issue 11): the rows, the task table, and the A/B read-out.

pub mod ab_test;
pub mod experiments;
pub mod model;
pub mod tasks;
