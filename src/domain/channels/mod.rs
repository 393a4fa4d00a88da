//! Promotion channels: spend and results per placement, the ratios the
//! channel table shows, organic channels' staff time, the budget what-if,
//! the QR codes' `scene` strings, the QR-code registry and the insights put into words.

pub mod insights;
pub mod model;
pub mod qr;
pub mod ratios;
pub mod scene;
pub mod staff_time;
pub mod table;
pub mod what_if;
