//! One module per area of the app.

pub mod calendar;
pub mod campaigns;
pub mod channels;
pub mod cockpit;
pub mod experience;
pub mod feedback;
pub mod health;
pub mod roadmap;
pub mod settings;
