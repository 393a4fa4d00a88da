//! The content calendar: campaign teasers, holiday notices, recurring
//! columns and evergreen pieces, published up to the last day with data and
//! planned (idea to scheduled) for the six weeks after it.

use chrono::{Datelike, NaiveDate, Weekday};

use super::campaigns::Spec;
use super::common::{at, pick_or};
use super::seasonality::Calendar;
use super::S_CONTENT;
use crate::data::embedded::rng::Rng;
use crate::domain::calendar::model::{
    ContentChannel, ContentItem, ContentStatus, ContentType, Recurrence,
};
use crate::domain::shared::dates::add_days;

const OWNERS: &[&str] = &["王敏", "李想", "张一鸣", "赵晓", "陈可"];

fn content_channels(kind: ContentType) -> Vec<ContentChannel> {
    use ContentChannel as C;
    match kind {
        ContentType::ProductLaunch => vec![C::MiniHome, C::OfficialAccount, C::Xiaohongshu],
        ContentType::MenuUpdate => vec![C::MiniHome, C::InStore, C::OfficialAccount],
        ContentType::BrandStory => vec![C::OfficialAccount, C::Channels],
        ContentType::Tutorial => vec![C::MiniHome, C::WechatGroups],
        ContentType::Knowledge => vec![C::Xiaohongshu, C::Douyin],
        ContentType::CampaignTeaser => vec![C::MiniHome, C::WechatGroups, C::Channels],
        ContentType::Notice => vec![C::MiniHome, C::InStore],
    }
}

/// Evergreen pieces in rotation: (kind, title, tags).
const EVERGREEN: &[(ContentType, &str, &[&str])] = &[
    (
        ContentType::ProductLaunch,
        "新品上市:桂花酒酿小圆子",
        &["新品", "甜品"],
    ),
    (
        ContentType::Knowledge,
        "天津早点地图:锅巴菜和老豆腐怎么吃才地道",
        &["天津早点", "科普"],
    ),
    (
        ContentType::BrandStory,
        "一套煎饼馃子的十二道工序",
        &["煎饼馃子", "匠心"],
    ),
    (
        ContentType::Tutorial,
        "三步学会小程序预约到店,不用排队",
        &["预约", "教程"],
    ),
    (
        ContentType::MenuUpdate,
        "早餐档上新:豆腐脑、茶汤回归",
        &["早餐", "菜单"],
    ),
    (
        ContentType::ProductLaunch,
        "秋梨膏热饮上市,润一冬",
        &["新品", "饮品"],
    ),
    (
        ContentType::Knowledge,
        "为什么天津人的煎饼馃子只放果篦儿",
        &["煎饼馃子", "科普"],
    ),
    (
        ContentType::BrandStory,
        "从鼓楼老街出发:津味坊第一家店的故事",
        &["品牌", "鼓楼"],
    ),
    (
        ContentType::Tutorial,
        "会员积分怎么用?一图看懂",
        &["会员", "积分"],
    ),
    (
        ContentType::ProductLaunch,
        "夏季限定:冰镇绿豆汤和麻酱凉面",
        &["新品", "夏季"],
    ),
    (
        ContentType::MenuUpdate,
        "夏季菜单调整:凉面回归,羊汤暂停",
        &["菜单", "夏季"],
    ),
    (
        ContentType::Knowledge,
        "耳朵眼炸糕的百年门道",
        &["炸糕", "老字号"],
    ),
    (
        ContentType::BrandStory,
        "我们和杨柳青的面粉师傅",
        &["供应链", "杨柳青"],
    ),
    (
        ContentType::Tutorial,
        "优惠券叠加规则说明",
        &["优惠券", "教程"],
    ),
    (
        ContentType::ProductLaunch,
        "新品:八珍豆腐盖饭",
        &["新品", "午市"],
    ),
    (
        ContentType::Knowledge,
        "天津卫的糖堆儿和北京的冰糖葫芦有嘛不一样",
        &["糖堆", "科普"],
    ),
    (
        ContentType::BrandStory,
        "凌晨四点的中央厨房",
        &["中央厨房", "品牌"],
    ),
    (
        ContentType::Tutorial,
        "如何在小程序开电子发票",
        &["发票", "教程"],
    ),
    (
        ContentType::MenuUpdate,
        "冬季暖胃菜单:羊汤、嘎巴菜加量不加价",
        &["冬季", "菜单"],
    ),
    (
        ContentType::ProductLaunch,
        "熟梨糕新口味:山楂、玫瑰豆沙",
        &["新品", "熟梨糕"],
    ),
];

fn content_link(rng: &mut Rng, channels: &[ContentChannel]) -> Option<String> {
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut token = |n: usize| -> String {
        (0..n)
            .filter_map(|_| rng.pick(ALNUM).map(|b| char::from(*b)))
            .collect()
    };
    if channels.contains(&ContentChannel::OfficialAccount) {
        Some(format!("https://mp.weixin.qq.com/s/{}", token(22)))
    } else if channels.contains(&ContentChannel::Xiaohongshu) {
        Some(format!("https://www.xiaohongshu.com/explore/{}", token(24)))
    } else if channels.contains(&ContentChannel::Douyin) {
        Some(format!("https://www.douyin.com/video/7{}", token(18)))
    } else {
        None
    }
}

pub(super) fn gen_content(
    seed: u64,
    start: NaiveDate,
    end: NaiveDate,
    specs: &[Spec],
    cal: &Calendar,
) -> Vec<ContentItem> {
    let mut rng = Rng::derive(seed, S_CONTENT);
    let horizon = add_days(end, 42);
    // (date, kind, title, tags, repeat, notes)
    let mut drafts: Vec<(
        NaiveDate,
        ContentType,
        String,
        Vec<String>,
        Recurrence,
        String,
    )> = Vec::new();

    // A teaser three days before each campaign.
    for s in specs {
        let date = add_days(s.start, -3);
        if start <= date && date <= horizon {
            drafts.push((
                date,
                ContentType::CampaignTeaser,
                format!("活动预告|{}即将开启", s.name),
                vec!["活动".into(), s.name.to_string()],
                Recurrence::None,
                format!("{} 至 {},配合门店海报同步", s.start, s.end),
            ));
        }
    }
    // A notice before each public holiday about opening hours and delivery.
    for h in &cal.holidays {
        let date = add_days(h.start, -4);
        if start <= date && date <= horizon {
            drafts.push((
                date,
                ContentType::Notice,
                format!("{}期间门店营业时间及配送安排", h.name_zh),
                vec!["通知".into(), h.name_zh.to_string()],
                Recurrence::None,
                if h.estimated {
                    "放假安排未正式公布,发布前核对".into()
                } else {
                    String::new()
                },
            ));
        }
    }
    // Recurring columns, dated at the window start.
    let first_wednesday = start
        .iter_days()
        .find(|d| d.weekday() == Weekday::Wed)
        .unwrap_or(start);
    drafts.push((
        first_wednesday,
        ContentType::CampaignTeaser,
        "每周三会员日:全场饮品第二杯半价".into(),
        vec!["会员日".into()],
        Recurrence::Weekly,
        "固定栏目,每周三早8点推送".into(),
    ));
    drafts.push((
        add_days(start, 1),
        ContentType::MenuUpdate,
        "本月新品与限定菜单".into(),
        vec!["菜单".into(), "月度".into()],
        Recurrence::Monthly,
        "每月2日更新小程序首页和门店物料".into(),
    ));
    drafts.push((
        add_days(start, 27),
        ContentType::Notice,
        "会员积分月底清零提醒".into(),
        vec!["会员".into(), "积分".into()],
        Recurrence::Monthly,
        String::new(),
    ));
    // Evergreen pieces roughly every ten days, plus extra ideas ahead.
    let span = (horizon - start).num_days().max(1);
    let slots = 36;
    for (k, &(kind, title, tags)) in (0..slots).zip(EVERGREEN.iter().cycle()) {
        let offset = span * k / slots + i64::from(rng.range_u32(0, 6));
        drafts.push((
            add_days(start, offset),
            kind,
            title.to_string(),
            tags.iter().map(|t| t.to_string()).collect(),
            Recurrence::None,
            String::new(),
        ));
    }
    for (k, (kind, title)) in [
        (ContentType::Knowledge, "冬至吃饺子还是馄饨?天津人的答案"),
        (ContentType::BrandStory, "年货节幕后:礼盒是怎么设计出来的"),
        (ContentType::Tutorial, "新版会员中心使用指南"),
    ]
    .into_iter()
    .enumerate()
    {
        drafts.push((
            add_days(end, 10 + 9 * k as i64),
            kind,
            title.to_string(),
            Vec::new(),
            Recurrence::None,
            "待补充素材".into(),
        ));
    }

    drafts.retain(|d| d.0 <= horizon);
    drafts.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));

    let mut future_rank = 0;
    drafts
        .into_iter()
        .enumerate()
        .map(|(i, (date, kind, title, tags, repeat, notes))| {
            let hour = pick_or(&mut rng, &[8, 10, 12, 17, 20], 10);
            let publish_at = at(date, hour, pick_or(&mut rng, &[0, 0, 30], 0));
            let status = if date <= end {
                ContentStatus::Published
            } else {
                future_rank += 1;
                // The nearest items are furthest along.
                match future_rank {
                    1 | 2 => ContentStatus::Scheduled,
                    3 | 4 => ContentStatus::Review,
                    5 | 6 => ContentStatus::Draft,
                    _ => ContentStatus::Idea,
                }
            };
            let mut channels = content_channels(kind);
            if rng.chance(0.3) {
                let extra = pick_or(&mut rng, ContentChannel::ALL, ContentChannel::MiniHome);
                if !channels.contains(&extra) {
                    channels.push(extra);
                }
            }
            let link = if status == ContentStatus::Published {
                content_link(&mut rng, &channels)
            } else {
                None
            };
            ContentItem {
                id: format!("ct-{:03}", i + 1),
                title,
                kind,
                channels,
                status,
                owner: pick_or(&mut rng, OWNERS, "王敏").to_string(),
                publish_at,
                notes,
                tags,
                link,
                repeat,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::{data, end};

    #[test]
    fn content_calendar_uses_every_value() {
        let ds = data();
        assert!(
            (45..=80).contains(&ds.content.len()),
            "{}",
            ds.content.len()
        );
        for k in ContentType::ALL {
            assert!(ds.content.iter().any(|c| c.kind == *k), "{k:?}");
        }
        for ch in ContentChannel::ALL {
            assert!(ds.content.iter().any(|c| c.channels.contains(ch)), "{ch:?}");
        }
        for s in ContentStatus::ALL {
            assert!(ds.content.iter().any(|c| c.status == *s), "{s:?}");
        }
        for r in Recurrence::ALL {
            assert!(ds.content.iter().any(|c| c.repeat == *r), "{r:?}");
        }
        for c in &ds.content {
            let past = c.publish_at.date() <= end();
            assert_eq!(past, c.status == ContentStatus::Published, "{c:?}");
            assert!(c.publish_at.date() <= add_days(end(), 42));
            if let Some(link) = &c.link {
                assert!(link.starts_with("https://"));
            }
        }
        assert!(ds.content.iter().any(|c| c.link.is_some()));
    }
}
