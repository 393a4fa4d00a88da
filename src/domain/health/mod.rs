//! Security and performance health (issue 11): API endpoints' daily figures
//! against their thresholds (`endpoints`), incidents (`incidents`), the
//! security routine (`security`), and the app-wide alert rules: what a rule
//! is (`alert_rules`), how it is evaluated over a daily series
//! (`rule_eval`) and which series each rule watches (`alerts`).

pub mod alert_rules;
pub mod alerts;
pub mod endpoints;
pub mod incidents;
pub mod model;
pub mod rule_eval;
pub mod security;
