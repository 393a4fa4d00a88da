//! Security and performance health: API endpoints' daily figures and the
//! app-wide alert rules (issue 11): what a rule is (`alert_rules`). The
//! screen and the navigation count join them when the area is built.

pub mod alert_rules;
pub mod model;
