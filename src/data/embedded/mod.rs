//! The embedded backend: a seeded demo generator (run in a web worker)
//! plus browser persistence.

pub mod generator;
pub mod rng;
pub mod store;
pub mod worker;
