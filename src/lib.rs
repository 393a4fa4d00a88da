//! Haihe (海河): the operations cockpit for WeChat mini-programs.
//!
//! `domain` holds the plain types and pure analytics (tested natively),
//! `data` the two data sources (embedded demo backend and REST), `app` the
//! shell and app-wide state, `components` the shared UI pieces and `pages`
//! one module per area.

pub mod app;
pub mod components;
pub mod data;
pub mod domain;
pub mod i18n;
pub mod pages;
pub mod route;
