//! The JSON contract (see docs/api.md): one serde type per resource row.
//! Field names are camelCase on the wire; money is in yuan (CNY), durations
//! in seconds or milliseconds as the field name says, dates are ISO 8601.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::dates::{checked, checked_opt};
use super::dimensions::{labelled_enum, AgeBand, Channel, District, Gender, Platform};

/// One day of traffic and business for one district × channel × platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricFact {
    #[serde(deserialize_with = "checked")]
    pub date: NaiveDate,
    pub district: District,
    pub channel: Channel,
    pub platform: Platform,
    /// Times the mini-program was opened (访问次数).
    pub visits: u32,
    /// Distinct users that day (访问人数, UV).
    pub visitors: u32,
    pub new_visitors: u32,
    pub sessions: u32,
    /// Sum of all sessions' stay time, in seconds.
    pub stay_seconds: u64,
    pub page_views: u32,
    /// Sessions that saw one page only.
    pub bounces: u32,
    /// Sessions that viewed at least one product (a funnel step).
    pub product_views: u32,
    /// Sessions that added something to the cart.
    pub carts: u32,
    pub orders: u32,
    pub paying_users: u32,
    /// Paying users who had paid before.
    pub repeat_buyers: u32,
    /// Paid revenue in yuan.
    pub revenue: f64,
}

/// One weekly cohort of new visitors (week starting Monday) for a district
/// and channel, and how many of them came back on day 1, 7 and 30. A return
/// figure is absent while the cohort is too young to know it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionCohort {
    #[serde(deserialize_with = "checked")]
    pub week: NaiveDate,
    pub district: District,
    pub channel: Channel,
    pub new_visitors: u32,
    #[serde(default)]
    pub returned_d1: Option<u32>,
    #[serde(default)]
    pub returned_d7: Option<u32>,
    #[serde(default)]
    pub returned_d30: Option<u32>,
}

/// Visitors by month, district, gender and age band (user portrait).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortraitRow {
    /// `YYYY-MM`.
    pub month: String,
    pub district: District,
    pub gender: Gender,
    pub age_band: AgeBand,
    pub visitors: u32,
}

/// Visits by month, weekday (1 = Monday … 7 = Sunday) and hour (0–23).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HourlyVisits {
    pub month: String,
    pub weekday: u8,
    pub hour: u8,
    pub visits: u32,
}

/// Page-level traffic for one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopPage {
    pub month: String,
    pub path: String,
    pub title: String,
    pub page_views: u32,
    pub visitors: u32,
    pub stay_seconds: u64,
    pub exits: u32,
}

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
    FeedbackStatus {
        New = "new", "新反馈", "New";
        Triaged = "triaged", "已分拣", "Triaged";
        Planned = "planned", "已排期", "Planned";
        Done = "done", "已解决", "Done";
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

/// Monthly spend and results of one promotion placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelSpend {
    pub month: String,
    pub channel: Channel,
    /// The concrete placement, e.g. "朋友圈广告" or "和平路店桌贴".
    pub placement: String,
    pub cost: f64,
    /// People reached (impressions de-duplicated by the platform).
    pub reach: u32,
    pub clicks: u32,
    pub visits: u32,
    pub new_users: u32,
    pub orders: u32,
    pub revenue: f64,
}

labelled_enum! {
    Lane {
        Short = "short", "短期(周/月)", "Short term (weeks)";
        Mid = "mid", "中期(季度)", "Mid term (quarter)";
        Long = "long", "长期(年度)", "Long term (year)";
    }
}

labelled_enum! {
    RoadmapStatus {
        Idea = "idea", "待评估", "Idea";
        Planned = "planned", "已规划", "Planned";
        InProgress = "in_progress", "进行中", "In progress";
        Done = "done", "已上线", "Done";
    }
}

labelled_enum! {
    RequirementSource {
        Data = "data", "数据分析", "Data";
        Feedback = "feedback", "用户反馈", "User feedback";
        Market = "market", "市场竞争", "Market";
        Business = "business", "业务需要", "Business";
    }
}

/// A requirement on the iteration roadmap; scored 1–5 on each axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapItem {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub lane: Lane,
    pub status: RoadmapStatus,
    pub source: RequirementSource,
    pub value: u8,
    pub relevance: u8,
    pub cost: u8,
    /// Quarter it is reviewed in, `YYYY-Qn`.
    pub quarter: String,
}

/// Daily user-experience figures for one key task (e.g. 下单).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExperienceSample {
    #[serde(deserialize_with = "checked")]
    pub date: NaiveDate,
    pub task: String,
    pub starts: u32,
    pub completions: u32,
    pub load_ms_p50: u32,
    pub load_ms_p95: u32,
    pub page_views: u32,
    pub errors: u32,
}

/// Daily health of one API endpoint (or `page_load`).
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

labelled_enum! {
    ExperimentStatus {
        Running = "running", "进行中", "Running";
        Concluded = "concluded", "已结束", "Concluded";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExperimentVariant {
    pub name: String,
    pub visitors: u32,
    pub conversions: u32,
}

/// An A/B test; the first variant is the control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Experiment {
    pub id: String,
    pub name: String,
    pub hypothesis: String,
    /// What counts as a conversion, e.g. "下单".
    pub metric: String,
    #[serde(deserialize_with = "checked")]
    pub start: NaiveDate,
    #[serde(default, deserialize_with = "checked_opt")]
    pub end: Option<NaiveDate>,
    pub status: ExperimentStatus,
    pub variants: Vec<ExperimentVariant>,
}

/// A KPI target and its warning threshold; `id` is the metric key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    pub id: String,
    pub target: f64,
    pub warning: f64,
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

/// Every collection the demo dataset (and `db.json`) holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dataset {
    pub metrics: Vec<MetricFact>,
    pub retention: Vec<RetentionCohort>,
    pub portrait: Vec<PortraitRow>,
    pub hourly: Vec<HourlyVisits>,
    pub pages: Vec<TopPage>,
    pub feedback: Vec<Feedback>,
    pub content: Vec<ContentItem>,
    pub campaigns: Vec<Campaign>,
    pub channels: Vec<ChannelSpend>,
    pub roadmap: Vec<RoadmapItem>,
    pub experience: Vec<ExperienceSample>,
    pub health: Vec<HealthSample>,
    pub experiments: Vec<Experiment>,
    pub targets: Vec<Target>,
    pub events: Vec<LocalEvent>,
}
