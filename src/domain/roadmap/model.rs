//! The iteration roadmap's rows (see docs/api.md).

use serde::{Deserialize, Serialize};

use crate::domain::shared::labelled::labelled_enum;

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
