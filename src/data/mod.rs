//! Data sources: the embedded demo backend and any REST/JSON backend, behind
//! one `Backend` that the pages talk to.

pub mod config;
#[cfg(test)]
mod date_checks;
pub mod embedded;
pub mod error;
pub mod outbox;
pub mod outbox_sync;
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
            BackendKind::Embedded => embedded::store::list::<T>().await,
            BackendKind::Rest => rest::list::<T>(&self.config.rest, T::RESOURCE).await,
        }
    }

    /// The version of a record the last read or write reported, if the
    /// backend gives versions (REST only: `version` field or `ETag`).
    pub fn known_version(&self, resource: resource::Resource, id: &str) -> Option<String> {
        match self.config.backend {
            BackendKind::Embedded => None,
            BackendKind::Rest => rest::known_version(resource, id),
        }
    }

    pub async fn save<T: Record>(
        &self,
        op: Op,
        id: &str,
        value: Option<T>,
        precondition: Precondition,
    ) -> Result<Option<T>, ApiError> {
        match self.config.backend {
            BackendKind::Embedded => embedded::store::save(op, id, value).await,
            BackendKind::Rest => {
                rest::save(&self.config.rest, op, id, value.as_ref(), precondition).await
            }
        }
    }
}

/// Which version of the record a write may replace.
#[derive(Debug, Clone, PartialEq)]
pub enum Precondition {
    /// The version the user's edit was based on (sent as `If-Match`), if
    /// the backend ever reported one.
    Based(Option<String>),
    /// The user chose to overwrite, after a conflict, whatever the backend
    /// holds now.
    Overwrite,
}
