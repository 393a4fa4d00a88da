//! Security and performance health: API endpoints' daily figures and the
//! app-wide alert rules (issue 11): what a rule is (`alert_rules`) and how
//! it is evaluated over a daily series (`rule_eval`). The screen and the
//! navigation count join them when the area is built.

pub mod alert_rules;
pub mod model;
pub mod rule_eval;
