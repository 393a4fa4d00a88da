//! Haihe (海河): the operations cockpit for WeChat mini-programs.
//!
//! Layers, each importing only those below it: `app` the shell (the only
//! module that knows the pages), `pages` one module per area, `components`
//! the shared UI pieces, `state` the app-wide context, URL view state,
//! loading and edits, `data` the two data sources (embedded demo backend and
//! REST), `domain` the plain types and pure analytics (tested natively) and
//! `i18n` the language.

pub mod app;
pub mod components;
pub mod data;
pub mod domain;
pub mod i18n;
pub mod pages;
pub mod state;

#[cfg(test)]
mod layering_tests;
