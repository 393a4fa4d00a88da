//! Data sources: the embedded demo backend and any REST/JSON backend, behind
//! one `Backend` that the pages talk to.

pub mod config;
pub mod embedded;
pub mod error;
pub mod outbox;
pub mod resource;
pub mod rest;
pub mod storage;
pub mod wechat;

use config::{BackendKind, Config};
use error::ApiError;
use outbox::Op;
use resource::{Record, Row};

/// The backend in use, chosen by config.json and the Settings screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Backend {
    pub config: Config,
}

impl Backend {
    pub fn kind(&self) -> BackendKind {
        self.config.backend
    }

    pub async fn list<T: Row>(&self) -> Result<Vec<T>, ApiError> {
        match self.config.backend {
            BackendKind::Embedded => embedded::store::list::<T>(),
            BackendKind::Rest => rest::list::<T>(&self.config.rest, T::RESOURCE).await,
        }
    }

    /// `force` skips If-Match: the user chose to overwrite after a conflict.
    pub async fn save<T: Record>(
        &self,
        op: Op,
        id: &str,
        value: Option<T>,
        force: bool,
    ) -> Result<Option<T>, ApiError> {
        match self.config.backend {
            BackendKind::Embedded => embedded::store::save(op, id, value),
            BackendKind::Rest => rest::save(&self.config.rest, op, id, value.as_ref(), force).await,
        }
    }
}
