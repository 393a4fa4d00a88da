//! Shared UI pieces every page uses.

mod data_view;
mod status;

pub use data_view::DataView;
pub use status::{EmptyState, ErrorPanel, Loading, PendingBadge, SelectFilter};
