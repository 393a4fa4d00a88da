//! The embedded backend: a seeded demo generator plus browser persistence.

pub mod generator;
pub mod rng;
pub mod store;
