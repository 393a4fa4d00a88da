//! Pieces every area shares: checked dates and date helpers, the CSV
//! writer, ratios and changes, statistics and the `labelled_enum!`
//! declaration.

pub mod csv;
pub mod dates;
pub mod json_decode;
pub mod labelled;
pub mod period;
pub mod ratio;
pub mod stats;
