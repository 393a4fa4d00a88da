//! The content calendar's rows (see docs/api.md): content items and the
//! Tianjin local events shown beside them.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::dimensions::District;
use crate::domain::shared::dates::checked;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    ContentType {
        ProductLaunch = "product_launch", "商品上新", "Product launch";
        MenuUpdate = "menu_update", "菜单更新", "Menu update";
        BrandStory = "brand_story", "品牌故事", "Brand story";
        Tutorial = "tutorial", "使用教程", "Tutorial";
        Knowledge = "knowledge", "行业知识", "Industry knowledge";
        CampaignTeaser = "campaign_teaser", "活动预告", "Campaign teaser";
        Notice = "notice", "通知公告", "Notice";
    }
}

labelled_enum! {
    ContentChannel {
        MiniHome = "mini_home", "小程序首页", "Mini-program home";
        OfficialAccount = "official_account", "公众号", "Official account";
        Channels = "channels", "视频号", "Channels";
        Xiaohongshu = "xiaohongshu", "小红书", "Xiaohongshu";
        Douyin = "douyin", "抖音", "Douyin";
        WechatGroups = "wechat_groups", "微信群/朋友圈", "WeChat groups & Moments";
        InStore = "in_store", "门店物料", "In-store material";
    }
}

labelled_enum! {
    ContentStatus {
        Idea = "idea", "创意", "Idea";
        Draft = "draft", "草稿", "Draft";
        Review = "review", "审核中", "In review";
        Scheduled = "scheduled", "已排期", "Scheduled";
        Published = "published", "已发布", "Published";
    }
}

labelled_enum! {
    Recurrence {
        None = "none", "不重复", "Does not repeat";
        Weekly = "weekly", "每周", "Weekly";
        Monthly = "monthly", "每月", "Monthly";
    }
}

/// One planned or published piece of content on the content calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentItem {
    pub id: String,
    pub title: String,
    pub kind: ContentType,
    pub channels: Vec<ContentChannel>,
    pub status: ContentStatus,
    pub owner: String,
    /// Local (Asia/Shanghai) wall-clock time.
    #[serde(deserialize_with = "checked")]
    pub publish_at: NaiveDateTime,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default = "no_recurrence")]
    pub repeat: Recurrence,
}

fn no_recurrence() -> Recurrence {
    Recurrence::None
}

/// A Tianjin local event shown on the content calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LocalEvent {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "checked")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "checked")]
    pub end: NaiveDate,
    #[serde(default)]
    pub district: Option<District>,
    #[serde(default)]
    pub note: String,
}
