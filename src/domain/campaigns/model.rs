//! The campaign rows (see docs/api.md): plan, targets and review.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::dimensions::{Channel, District};
use crate::domain::shared::dates::checked;
use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    CampaignType {
        Discount = "discount", "限时折扣", "Limited-time discount";
        GroupBuy = "group_buy", "拼团", "Group buy";
        FlashSale = "flash_sale", "秒杀", "Flash sale";
        CouponPack = "coupon_pack", "优惠券包", "Coupon pack";
        CheckIn = "check_in", "签到有礼", "Check-in reward";
        Points = "points", "积分兑换", "Points exchange";
        Lottery = "lottery", "互动抽奖", "Lottery";
    }
}

labelled_enum! {
    CampaignGoal {
        Acquisition = "acquisition", "拉新", "Acquisition";
        Activation = "activation", "促活", "Activation";
        ClearStock = "clear_stock", "清库存", "Clear stock";
        RaiseAov = "raise_aov", "提升客单价", "Raise AOV";
    }
}

labelled_enum! {
    Audience {
        New = "new", "新用户", "New users";
        Active = "active", "活跃用户", "Active users";
        Dormant = "dormant", "沉睡用户", "Dormant users";
        All = "all", "全部用户", "All users";
    }
}

labelled_enum! {
    CampaignStatus {
        Planned = "planned", "计划中", "Planned";
        Running = "running", "进行中", "Running";
        Ended = "ended", "已结束", "Ended";
        Reviewed = "reviewed", "已复盘", "Reviewed";
    }
}

/// Target or actual figures of a campaign.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignFigures {
    pub participants: u32,
    pub new_users: u32,
    pub orders: u32,
    pub revenue: f64,
}

/// The post-campaign review (复盘).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CampaignReview {
    pub actual: CampaignFigures,
    /// Money spent, in yuan.
    pub cost: f64,
    /// True when `actual` was derived from the metric facts.
    #[serde(default)]
    pub derived: bool,
    #[serde(default)]
    pub worked: String,
    #[serde(default)]
    pub to_change: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub kind: CampaignType,
    pub goal: CampaignGoal,
    pub audience: Audience,
    /// Empty means all districts.
    #[serde(default)]
    pub districts: Vec<District>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(deserialize_with = "checked")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "checked")]
    pub end: NaiveDate,
    pub budget: f64,
    pub targets: CampaignFigures,
    pub status: CampaignStatus,
    #[serde(default)]
    pub review: Option<CampaignReview>,
}
