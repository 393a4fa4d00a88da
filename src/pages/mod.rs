//! One module per area of the app.

pub mod calendar;
pub mod campaigns;
pub mod cockpit;
pub mod feedback;
pub mod settings;
