//! The product roadmap: requirements from feedback, data, business and
//! market, in short-, mid- and long-term lanes, dated by quarter.

use chrono::NaiveDate;

use super::common::quarter_key;
use super::S_ROADMAP;
use crate::data::embedded::rng::Rng;
use crate::domain::roadmap::model::{Lane, RequirementSource, RoadmapItem, RoadmapStatus};

pub(super) fn gen_roadmap(seed: u64, end: NaiveDate) -> Vec<RoadmapItem> {
    use Lane as L;
    use RequirementSource as Src;
    use RoadmapStatus as St;
    let mut rng = Rng::derive(seed, S_ROADMAP);
    // (title, description, lane, status, source, quarter offset)
    #[rustfmt::skip]
    let items: &[(&str, &str, Lane, RoadmapStatus, RequirementSource, i32)] = &[
        ("下单后推送取餐码订阅消息", "多条反馈下单后找不到取餐码,支付成功即推送订阅消息并在首页置顶。", L::Short, St::InProgress, Src::Feedback, 0),
        ("优惠券叠加规则说明页", "领券中心和确认订单页增加叠加规则说明,减少客服咨询。", L::Short, St::Done, Src::Feedback, -1),
        ("鸿蒙端菜单页加载优化", "鸿蒙用户菜单页p95加载超过4秒,图片改为分段懒加载。", L::Short, St::InProgress, Src::Data, 0),
        ("确认订单页减少一步", "确认订单到支付的转化偏低,合并配送方式和备注两步。", L::Short, St::Planned, Src::Data, 0),
        ("门店实时排队人数", "门店列表和详情显示当前排队人数与预计等待时间。", L::Short, St::Planned, Src::Feedback, 1),
        ("切换门店保留购物车", "切换门店时按新门店库存保留可售商品。", L::Short, St::Done, Src::Feedback, -1),
        ("会员生日礼", "会员生日当月发放炸糕兑换券,提升复购。", L::Short, St::Idea, Src::Feedback, 1),
        ("河西、津南配送范围扩展", "梅江、咸水沽一带订单需求高,评估新增前置仓。", L::Mid, St::Planned, Src::Feedback, 1),
        ("企业团餐预订与专票", "支持企业团餐预订、对公支付和增值税专票。", L::Mid, St::Idea, Src::Business, 2),
        ("积分商城改版", "扩充兑换品类,接入门店库存避免超兑。", L::Mid, St::InProgress, Src::Data, 0),
        ("夜宵时段上线", "中心城区门店延长至23点,小程序增加夜宵菜单。", L::Mid, St::Planned, Src::Market, 1),
        ("拼团玩法组件化", "拼团、秒杀、签到抽象为可配置的活动组件,缩短上线周期。", L::Mid, St::Done, Src::Business, -1),
        ("过敏原与营养标注", "菜单商品标注过敏原和热量。", L::Mid, St::Idea, Src::Feedback, 2),
        ("会员等级体系2.0", "按消费频次分级,配合沉睡会员召回。", L::Long, St::Planned, Src::Data, 3),
        ("天津话语音点单", "面向老年用户的语音点单,支持天津方言识别。", L::Long, St::Idea, Src::Feedback, 4),
        ("外区门店拓展评估", "根据小程序访问和配送需求热力,评估蓟州、宝坻开店。", L::Long, St::Idea, Src::Market, 3),
        ("中央厨房需求预测", "用历史订单、节假日和天气预测各门店备货量。", L::Long, St::InProgress, Src::Data, 2),
        ("品牌联名与文旅合作", "与五大道、古文化街等景区合作推出联名礼盒。", L::Long, St::Planned, Src::Market, 3),
    ];
    items
        .iter()
        .enumerate()
        .map(|(i, &(title, description, lane, status, source, q))| {
            let (value, relevance, cost) = match lane {
                L::Short => (
                    rng.range_u32(3, 5),
                    rng.range_u32(3, 5),
                    rng.range_u32(1, 3),
                ),
                L::Mid => (
                    rng.range_u32(3, 5),
                    rng.range_u32(2, 5),
                    rng.range_u32(2, 4),
                ),
                L::Long => (
                    rng.range_u32(2, 5),
                    rng.range_u32(2, 4),
                    rng.range_u32(3, 5),
                ),
            };
            RoadmapItem {
                id: format!("rm-{:02}", i + 1),
                title: title.to_string(),
                description: description.to_string(),
                lane,
                status,
                source,
                value: value as u8,
                relevance: relevance as u8,
                cost: cost as u8,
                quarter: quarter_key(end, q),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::data;

    #[test]
    fn every_lane_is_scored_and_dated() {
        let ds = data();
        assert!((15..=21).contains(&ds.roadmap.len()));
        for r in &ds.roadmap {
            for s in [r.value, r.relevance, r.cost] {
                assert!((1..=5).contains(&s));
            }
            assert!(r.quarter.starts_with("202") && r.quarter.contains("-Q"));
        }
        for lane in Lane::ALL {
            assert!(ds.roadmap.iter().any(|r| r.lane == *lane));
        }
    }
}
