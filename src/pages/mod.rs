//! One module per area of the app.

pub mod cockpit;
pub mod feedback;
pub mod settings;
