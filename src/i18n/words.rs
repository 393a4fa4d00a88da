//! Shared terms: words that several pages show, written once so that the same
//! thing is called the same in both languages everywhere.
//!
//! A page writes `words::district(lang)` instead of its own
//! `lang.tr("区域", "District")`. Text used by one page only stays inline
//! beside its view; `consistency` (the native test beside this file) checks
//! that no Chinese string has two English translations, or the reverse.

use super::Lang;

/// The span of days a page looks at (the cockpit's preset buttons).
pub fn period(lang: Lang) -> &'static str {
    lang.tr("时间范围", "Period")
}

/// First day of a date filter (cockpit custom period, feedback list).
pub fn from_date(lang: Lang) -> &'static str {
    lang.tr("起始日期", "From")
}

/// Last day of a date filter.
pub fn to_date(lang: Lang) -> &'static str {
    lang.tr("截止日期", "To")
}

/// When something (an event, a campaign) begins, as opposed to a filter's [`from_date`].
pub fn start(lang: Lang) -> &'static str {
    lang.tr("开始", "Start")
}

/// When something ends, as opposed to a filter's [`to_date`].
pub fn end(lang: Lang) -> &'static str {
    lang.tr("结束", "End")
}

/// A metric's target value (the cockpit's targets and tiles).
pub fn target(lang: Lang) -> &'static str {
    lang.tr("目标", "Target")
}

/// The level below which a metric is flagged (beside its [`target`]).
pub fn warning(lang: Lang) -> &'static str {
    lang.tr("预警值", "Warning")
}

/// What a campaign is for (new customers, reactivation …), not a metric's [`target`].
pub fn goal(lang: Lang) -> &'static str {
    lang.tr("活动目标", "Goal")
}

pub fn status(lang: Lang) -> &'static str {
    lang.tr("状态", "Status")
}

pub fn name(lang: Lang) -> &'static str {
    lang.tr("名称", "Name")
}

pub fn save(lang: Lang) -> &'static str {
    lang.tr("保存", "Save")
}

pub fn close(lang: Lang) -> &'static str {
    lang.tr("关闭", "Close")
}

pub fn delete(lang: Lang) -> &'static str {
    lang.tr("删除", "Delete")
}

/// Loads again after a failure.
pub fn retry(lang: Lang) -> &'static str {
    lang.tr("重试", "Retry")
}

/// The "no filter" choice of a select.
pub fn all(lang: Lang) -> &'static str {
    lang.tr("全部", "All")
}

/// A Tianjin district (和平区 …), the store-area filter.
pub fn district(lang: Lang) -> &'static str {
    lang.tr("区域", "District")
}

/// Where content is published (WeChat, Douyin …).
pub fn channel(lang: Lang) -> &'static str {
    lang.tr("渠道", "Channel")
}

pub fn owner(lang: Lang) -> &'static str {
    lang.tr("负责人", "Owner")
}

pub fn today(lang: Lang) -> &'static str {
    lang.tr("今天", "Today")
}

pub fn date(lang: Lang) -> &'static str {
    lang.tr("日期", "Date")
}

pub fn export_csv(lang: Lang) -> &'static str {
    lang.tr("导出 CSV", "Export CSV")
}

/// Between the items of a list in running text: 甲、乙 / A, B.
pub fn list_separator(lang: Lang) -> &'static str {
    lang.tr("、", ", ")
}
