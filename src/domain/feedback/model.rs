//! The feedback rows (see docs/api.md): what users told the business.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::dimensions::District;
use crate::domain::shared::dates::{checked, checked_opt};
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    FeedbackSource {
        InApp = "in_app", "小程序表单", "In-app form";
        CustomerService = "customer_service", "在线客服", "Customer service";
        SocialMedia = "social_media", "社交平台", "Social media";
        Store = "store", "门店", "Store";
    }
}

labelled_enum! {
    FeedbackCategory {
        Product = "product", "商品", "Product";
        Service = "service", "服务", "Service";
        Delivery = "delivery", "配送", "Delivery";
        Price = "price", "价格优惠", "Price & offers";
        AppIssue = "app_issue", "小程序故障", "App issue";
        Suggestion = "suggestion", "建议", "Suggestion";
    }
}

labelled_enum! {
    /// Triage state; `shipped` is set when a roadmap card the item feeds is
    /// marked done, so the team knows whom to tell.
    FeedbackStatus {
        New = "new", "新反馈", "New";
        Triaged = "triaged", "已分拣", "Triaged";
        Planned = "planned", "已排期", "Planned";
        Done = "done", "已解决", "Done";
        Shipped = "shipped", "已上线", "Shipped";
    }
}

/// Something a user told the business (the "feedback" half of 数据+反馈).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    pub id: String,
    #[serde(deserialize_with = "checked")]
    pub created_at: DateTime<Utc>,
    pub source: FeedbackSource,
    pub category: FeedbackCategory,
    #[serde(default)]
    pub district: Option<District>,
    /// 1–5 stars where the source has one.
    #[serde(default)]
    pub rating: Option<u8>,
    pub text: String,
    pub status: FeedbackStatus,
    /// The operator's triage note.
    #[serde(default)]
    pub note: String,
    #[serde(default, deserialize_with = "checked_opt")]
    pub updated_at: Option<DateTime<Utc>>,
}
