//! The Chinese calendar: public holidays with their make-up workdays,
//! retail dates and the 24 solar terms.

pub mod holidays;
pub mod solar_terms;
