//! Shared UI pieces every page uses.

mod chart;
mod data_view;
mod download;
pub mod form;
mod metric;
mod partial;
mod period_controls;
mod status;
mod unsynced;

pub use chart::{Chart, ChartClick};
pub use data_view::DataView;
pub use download::download;
pub use metric::{Bar, BarList, KpiTile, Sparkline};
pub use partial::{keep_optional, Missing, PartialNotice};
pub use period_controls::PeriodControls;
pub use status::{EmptyState, ErrorPanel, Loading, PendingBadge, SelectFilter};
pub use unsynced::{ExportEdits, StorageFullBanner};
