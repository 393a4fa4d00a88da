//! User experience: key tasks and A/B tests (issue 11).

pub mod ab_test;
