//! The QR-code registry's rows (see docs/api.md `qr_codes`, `qr_results`):
//! each printed code, and the visits that came through it per day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::dimensions::{Channel, District};
use crate::domain::shared::dates::checked;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    /// What the code is printed on.
    QrKind {
        TableCard = "table_card", "桌贴", "Table card";
        Poster = "poster", "海报", "Poster";
        Receipt = "receipt", "小票", "Receipt";
        Window = "window", "橱窗", "Shop window";
        Flyer = "flyer", "传单", "Flyer";
        Other = "other", "其他", "Other";
    }
}

labelled_enum! {
    QrStatus {
        Active = "active", "使用中", "Active";
        Retired = "retired", "已停用", "Retired";
    }
}

fn offline_qr() -> Channel {
    Channel::OfflineQr
}

/// One printed QR code (editable).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrCode {
    pub id: String,
    /// The store it hangs in, e.g. "和平路店".
    pub store: String,
    pub district: District,
    pub kind: QrKind,
    /// The promotion channel its cost and visits count towards.
    #[serde(default = "offline_qr")]
    pub channel: Channel,
    /// The channel table's placement, e.g. "和平路店桌贴".
    pub placement: String,
    /// The mini-program page the code opens, e.g. "pages/index/index".
    pub page_path: String,
    /// The `scene` the code carries (see `channels::scene`).
    pub scene: String,
    #[serde(deserialize_with = "checked")]
    pub created: NaiveDate,
    pub status: QrStatus,
    /// What printing and placing it cost, in yuan.
    #[serde(default)]
    pub print_cost: f64,
    #[serde(default)]
    pub notes: String,
}

/// Visits through one code on one day under one WeChat scene value
/// (read-only: the mini-program's launch log, aggregated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QrResult {
    pub code_id: String,
    #[serde(deserialize_with = "checked")]
    pub date: NaiveDate,
    /// WeChat's scene value: 1011/1047 camera, 1012/1013/1048/1049 image.
    pub wechat_scene: u32,
    pub visits: u32,
    pub new_users: u32,
    pub orders: u32,
    pub revenue: f64,
}
