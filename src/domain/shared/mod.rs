//! Pieces every area shares: statistics (and, after the restructure, ratios,
//! dates and CSV).

pub mod stats;
