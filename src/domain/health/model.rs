//! The health rows (see docs/api.md): daily figures per API endpoint, the
//! incidents log and the security routine checklist.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::health::alert_rules::AlertSeverity;
use crate::domain::shared::dates::{checked, checked_opt};
use crate::domain::shared::labelled::labelled_enum;

/// Daily health of one API endpoint (or `page_load`, or a launch kind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthSample {
    #[serde(deserialize_with = "checked")]
    pub date: NaiveDate,
    pub endpoint: String,
    pub requests: u32,
    pub errors: u32,
    pub p50_ms: u32,
    pub p95_ms: u32,
}

/// One incident: something users noticed (or would have), from start to end.
/// Every field past the times and the title has a default, so a sparse
/// backend row still loads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Incident {
    pub id: String,
    pub title: String,
    #[serde(deserialize_with = "checked")]
    pub start: NaiveDateTime,
    /// `None` while the incident is still open.
    #[serde(default, deserialize_with = "checked_opt")]
    pub end: Option<NaiveDateTime>,
    #[serde(default = "warning")]
    pub severity: AlertSeverity,
    /// What was affected: endpoints (`/api/pay`), pages, features.
    #[serde(default)]
    pub affected: String,
    #[serde(default)]
    pub cause: String,
    #[serde(default)]
    pub fix: String,
    #[serde(default)]
    pub follow_up: String,
}

fn warning() -> AlertSeverity {
    AlertSeverity::Warning
}

labelled_enum! {
    /// The kinds of recurring security work the seed article asks for.
    SecurityCheckKind {
        VulnerabilityScan = "vulnerability_scan", "漏洞扫描", "Vulnerability scan";
        DependencyUpdates = "dependency_updates", "依赖更新", "Dependency updates";
        PermissionReview = "permission_review", "权限审查", "Permission review";
        BackupRestore = "backup_restore", "备份恢复演练", "Backup restore test";
        CertificateExpiry = "certificate_expiry", "HTTPS 证书到期", "HTTPS certificate expiry";
        Encryption = "encryption", "数据加密检查", "Data encryption check";
        Other = "other", "其他", "Other";
    }
}

/// One item of the security routine: done every `interval_days`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityCheck {
    pub id: String,
    pub name: String,
    #[serde(default = "other_kind")]
    pub kind: SecurityCheckKind,
    /// Days between two runs; 0 reads as "no schedule".
    pub interval_days: u32,
    /// `None`: never done.
    #[serde(default, deserialize_with = "checked_opt")]
    pub last_done: Option<NaiveDate>,
    /// For a certificate: the day it expires (the check is then due 30 days before).
    #[serde(default, deserialize_with = "checked_opt")]
    pub expires: Option<NaiveDate>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub note: String,
}

fn other_kind() -> SecurityCheckKind {
    SecurityCheckKind::Other
}
