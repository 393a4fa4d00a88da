//! Plain domain types and pure logic, free of any browser API: one folder
//! per area (its rows in `model.rs`, its logic beside them), the pieces
//! every area shares in `shared`, the Chinese calendar in `chinese_calendar`.

pub mod calendar;
pub mod campaigns;
pub mod channels;
pub mod chinese_calendar;
pub mod cockpit;
pub mod dataset;
pub mod experience;
pub mod feedback;
pub mod health;
pub mod roadmap;
pub mod shared;
pub mod wechat;
