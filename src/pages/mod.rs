//! One module per area of the app.

pub mod feedback;
pub mod settings;
