//! Shared UI pieces every page uses.

mod chart;
mod chart_ids;
mod data_view;
pub mod document_listener;
mod download;
pub mod form;
mod metric;
mod on_screen;
pub mod page_boxes;
mod partial;
mod period_controls;
mod rows;
mod status;
mod unsynced;

pub use chart::{Chart, ChartClick};
pub use data_view::DataView;
pub use download::download;
pub use metric::{Bar, BarList, KpiTile, Sparkline};
pub use on_screen::{render_all_then, OnScreen};
pub use partial::{keep_optional, Missing, PartialNotice};
pub use period_controls::PeriodControls;
pub use rows::{field, EachRow};
pub use status::{EmptyState, ErrorPanel, Loading, NoWechatDays, PendingBadge, SelectFilter};
pub use unsynced::{ExportEdits, StorageFullBanner};
