//! The product roadmap: 60 requirements from feedback, data, business and
//! market in short-, mid- and long-term lanes over eight quarters, ranked,
//! owned and scored, linked to the feedback items that asked for them (by
//! keywords of their texts), plus the board's scoring choice, the plans
//! frozen at the start of the recent quarters and one saved quarterly review.

use chrono::NaiveDate;

use super::common::quarter_key;
use super::S_ROADMAP;
use crate::data::embedded::rng::Rng;
use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::model::MetricFact;
use crate::domain::feedback::model::{Feedback, FeedbackStatus};
use crate::domain::roadmap::model::{
    DataLink, Lane, RequirementSource, RoadmapBoard, RoadmapItem, RoadmapStatus, BOARD_ID,
};
use crate::domain::roadmap::plan::{PlannedItem, QuarterPlan};
use crate::domain::roadmap::rank::STEP;
use crate::domain::roadmap::review::kpi_review;
use crate::domain::roadmap::scoring::{Ice, Rice, Scoring};
use crate::domain::roadmap::snapshot::{build_snapshot, Quarter, ReviewSnapshot};
use crate::domain::shared::dates::add_days;

const OWNERS: &[&str] = &["王磊", "李静", "张伟", "刘洋", "陈晨", "赵敏"];

/// (title, description, lane, status, source, quarter offset, target KPI,
/// keywords of the feedback it answers, `|`-separated).
type Spec = (
    &'static str,
    &'static str,
    Lane,
    RoadmapStatus,
    RequirementSource,
    i32,
    Kpi,
    &'static str,
);

#[rustfmt::skip]
const SPECS: &[Spec] = &[
    ("下单后推送取餐码订阅消息", "多条反馈下单后找不到取餐码,支付成功即推送订阅消息并在首页置顶。", Lane::Short, RoadmapStatus::InProgress, RequirementSource::Feedback, 0, Kpi::ConversionRate, "取餐码"),
    ("优惠券叠加规则说明页", "领券中心和确认订单页增加叠加规则说明,减少客服咨询。", Lane::Short, RoadmapStatus::Done, RequirementSource::Feedback, -1, Kpi::ConversionRate, "叠加"),
    ("鸿蒙端菜单页加载优化", "鸿蒙用户菜单页p95加载超过4秒,图片改为分段懒加载。", Lane::Short, RoadmapStatus::InProgress, RequirementSource::Data, 0, Kpi::BounceRate, "鸿蒙"),
    ("确认订单页减少一步", "确认订单到支付的转化偏低,合并配送方式和备注两步。", Lane::Short, RoadmapStatus::Planned, RequirementSource::Data, 0, Kpi::ConversionRate, ""),
    ("门店实时排队人数", "门店列表和详情显示当前排队人数与预计等待时间。", Lane::Short, RoadmapStatus::Planned, RequirementSource::Feedback, 1, Kpi::Orders, "排队|收银台"),
    ("切换门店保留购物车", "切换门店时按新门店库存保留可售商品。", Lane::Short, RoadmapStatus::Done, RequirementSource::Feedback, -1, Kpi::ConversionRate, "购物车"),
    ("会员生日礼", "会员生日当月发放炸糕兑换券,提升复购。", Lane::Short, RoadmapStatus::Idea, RequirementSource::Feedback, 1, Kpi::ReturningShare, "生日"),
    ("早高峰配送运力预警", "早高峰(7–9点)订单激增时提前调度骑手,送达超时自动补券。", Lane::Short, RoadmapStatus::InProgress, RequirementSource::Feedback, 0, Kpi::Orders, "凉了|配送一个多小时|实际等了"),
    ("外卖封口贴与保温袋", "汤品统一封口贴,冬季加保温袋,减少洒漏和变凉。", Lane::Short, RoadmapStatus::Done, RequirementSource::Feedback, -1, Kpi::ReturningShare, "洒了|凉了"),
    ("支付状态同步修复", "支付回调延迟时订单页轮询支付结果,避免重复付款。", Lane::Short, RoadmapStatus::Done, RequirementSource::Feedback, 0, Kpi::ConversionRate, "待支付"),
    ("领券中心iOS点击无响应修复", "iPhone上“立即领取”按钮被遮挡,调整层级并补自动化用例。", Lane::Short, RoadmapStatus::Done, RequirementSource::Feedback, 0, Kpi::ConversionRate, "立即领取"),
    ("门店定位纠偏", "定位失败时回退到手动选区,按区展示最近门店。", Lane::Short, RoadmapStatus::Planned, RequirementSource::Feedback, 0, Kpi::Visits, "定位"),
    ("会员码亮度与离线码", "会员码页自动调亮并提供离线码,门店扫码失败率降低。", Lane::Short, RoadmapStatus::InProgress, RequirementSource::Feedback, 0, Kpi::PayingUsers, "会员码"),
    ("新人券周末可用", "新人券取消仅工作日限制,周末到店也能用。", Lane::Short, RoadmapStatus::Done, RequirementSource::Feedback, -1, Kpi::NewVisitors, "新人券"),
    ("小程序与门店价格一致", "同款套餐小程序价与门店菜单价统一,差价自动退回。", Lane::Short, RoadmapStatus::Planned, RequirementSource::Feedback, 0, Kpi::Aov, "贵了2元|菜单价"),
    ("秒杀名额与预约提醒", "秒杀按门店分配名额,开抢前推送预约提醒。", Lane::Short, RoadmapStatus::Idea, RequirementSource::Feedback, 1, Kpi::PayingUsers, "秒杀"),
    ("月卡续费提醒", "会员月卡自动续费前3天发送订阅消息提醒。", Lane::Short, RoadmapStatus::Done, RequirementSource::Feedback, -1, Kpi::ReturningShare, "自动扣款|续费"),
    ("午市特惠延长至14点", "写字楼午休较晚,午市特惠延长到下午两点。", Lane::Short, RoadmapStatus::Planned, RequirementSource::Feedback, 0, Kpi::Orders, "午市特惠"),
    ("预约时间控件适配小屏", "预约到店的时间选择改为整屏弹层,小屏手机完整显示。", Lane::Short, RoadmapStatus::InProgress, RequirementSource::Feedback, 0, Kpi::ConversionRate, "小屏"),
    ("发票入口前置", "订单详情页直接开票,个人中心增加发票入口。", Lane::Short, RoadmapStatus::Planned, RequirementSource::Feedback, 1, Kpi::RevenuePerCustomer, "发票"),
    ("取餐叫号屏与语音播报", "门店叫号屏显示订单尾号并语音播报,小程序同步提醒。", Lane::Short, RoadmapStatus::Idea, RequirementSource::Feedback, 1, Kpi::ReturningShare, "叫号"),
    ("自提门店下单校验", "下单时二次确认自提门店,防止做到别的店。", Lane::Short, RoadmapStatus::Planned, RequirementSource::Feedback, 0, Kpi::ConversionRate, "别的店"),
    ("河西、津南配送范围扩展", "梅江、咸水沽一带订单需求高,评估新增前置仓。", Lane::Mid, RoadmapStatus::Planned, RequirementSource::Feedback, 1, Kpi::Orders, "配送范围|咸水沽"),
    ("企业团餐预订与专票", "支持企业团餐预订、对公支付和增值税专票。", Lane::Mid, RoadmapStatus::Idea, RequirementSource::Business, 2, Kpi::Revenue, "团餐"),
    ("会员积分商城改版", "扩充兑换品类,接入门店库存避免超兑,积分可抵现。", Lane::Mid, RoadmapStatus::InProgress, RequirementSource::Data, 0, Kpi::ReturningShare, "积分"),
    ("夜宵时段上线", "中心城区门店延长至23点,小程序增加夜宵菜单。", Lane::Mid, RoadmapStatus::Planned, RequirementSource::Market, 1, Kpi::Orders, "夜宵"),
    ("拼团玩法组件化", "拼团、秒杀、签到抽象为可配置的活动组件,缩短上线周期。", Lane::Mid, RoadmapStatus::Done, RequirementSource::Business, -1, Kpi::NewVisitors, ""),
    ("过敏原与营养标注", "菜单商品标注过敏原和热量。", Lane::Mid, RoadmapStatus::Idea, RequirementSource::Feedback, 2, Kpi::ConversionRate, "过敏原"),
    ("武清配送开通", "杨村一带只能自取,与第三方配送合作开通武清配送。", Lane::Mid, RoadmapStatus::Planned, RequirementSource::Feedback, 1, Kpi::Orders, "武清"),
    ("配送费分区统一", "滨海新区配送费与市区统一,差额由满减活动承担。", Lane::Mid, RoadmapStatus::Idea, RequirementSource::Feedback, 1, Kpi::Orders, "配送费"),
    ("早点组合套餐", "煎饼馃子+豆浆+茶叶蛋等天津早点组合,早高峰主推。", Lane::Mid, RoadmapStatus::Done, RequirementSource::Feedback, -1, Kpi::Aov, "早点"),
    ("门店营业时间同步", "门店实际停止接单时间与小程序展示同步,提前30分钟提示。", Lane::Mid, RoadmapStatus::Done, RequirementSource::Feedback, -2, Kpi::Orders, "营业时间"),
    ("长辈模式与代客点单", "大字号长辈模式,店员可代客扫码点单。", Lane::Mid, RoadmapStatus::InProgress, RequirementSource::Feedback, 0, Kpi::Visitors, "老人"),
    ("店员会员价培训与收银提示", "收银系统识别小程序会员并提示会员价。", Lane::Mid, RoadmapStatus::Done, RequirementSource::Feedback, -1, Kpi::PayingUsers, "会员价"),
    ("小份装与单人餐", "热门单品推出小份装,满足一人食。", Lane::Mid, RoadmapStatus::Planned, RequirementSource::Feedback, 1, Kpi::Aov, "小份装"),
    ("单品备货预警", "下午售罄率高的单品按历史销量提醒门店补货。", Lane::Mid, RoadmapStatus::InProgress, RequirementSource::Data, 0, Kpi::Revenue, "卖完了"),
    ("会员日折扣扩品", "会员日折扣覆盖更多天津特色单品。", Lane::Mid, RoadmapStatus::Idea, RequirementSource::Feedback, 2, Kpi::ReturningShare, "会员日"),
    ("外卖漏送自动补偿", "骑手确认出餐清单,漏送时一键补送或退款。", Lane::Mid, RoadmapStatus::Planned, RequirementSource::Feedback, 1, Kpi::ReturningShare, "少送了"),
    ("出餐保温与复热标准", "门店出餐保温柜与复热标准,减少没热透的投诉。", Lane::Mid, RoadmapStatus::Done, RequirementSource::Feedback, -2, Kpi::ReturningShare, "没热透|放久了"),
    ("首页转化漏斗优化", "首页到商品详情的跳出率偏高,首屏改为分时段推荐。", Lane::Mid, RoadmapStatus::Planned, RequirementSource::Data, 1, Kpi::BounceRate, ""),
    ("老客召回订阅消息", "沉睡30天以上的老客定向推送回归券。", Lane::Mid, RoadmapStatus::Done, RequirementSource::Data, -1, Kpi::ReturningShare, ""),
    ("竞品积分互通调研", "调研本地连锁会员积分互通的做法与成本。", Lane::Mid, RoadmapStatus::Idea, RequirementSource::Market, 2, Kpi::ReturningShare, ""),
    ("门店桌面清洁巡检", "高峰期增加桌面清洁巡检并在小程序公示。", Lane::Mid, RoadmapStatus::Planned, RequirementSource::Feedback, 0, Kpi::ReturningShare, "干净座位|没有座位"),
    ("塘沽店早开门", "塘沽店早上6:30开门,小程序同步早餐预订。", Lane::Mid, RoadmapStatus::Idea, RequirementSource::Feedback, 1, Kpi::Orders, "六点半"),
    ("会员等级体系2.0", "按消费频次分级,配合沉睡会员召回。", Lane::Long, RoadmapStatus::Planned, RequirementSource::Data, 3, Kpi::ReturningShare, "会员"),
    ("天津话语音点单", "面向老年用户的语音点单,支持天津方言识别。", Lane::Long, RoadmapStatus::Idea, RequirementSource::Feedback, 4, Kpi::Visitors, "语音"),
    ("外区门店拓展评估", "根据小程序访问和配送需求热力,评估蓟州、宝坻开店。", Lane::Long, RoadmapStatus::Idea, RequirementSource::Market, 3, Kpi::Visitors, "蓟州|宝坻"),
    ("中央厨房需求预测", "用历史订单、节假日和天气预测各门店备货量。", Lane::Long, RoadmapStatus::InProgress, RequirementSource::Data, 2, Kpi::Revenue, ""),
    ("品牌联名与文旅合作", "与五大道、古文化街等景区合作推出联名礼盒。", Lane::Long, RoadmapStatus::Planned, RequirementSource::Market, 3, Kpi::Revenue, "礼盒"),
    ("口味定制与少糖版", "甜品支持少糖、卤子咸淡等口味备注。", Lane::Long, RoadmapStatus::Idea, RequirementSource::Feedback, 3, Kpi::ReturningShare, "太甜|太咸"),
    ("出品标准数字化", "分量、口感标准拍照留档,门店出品抽检数据化。", Lane::Long, RoadmapStatus::Planned, RequirementSource::Business, 3, Kpi::ReturningShare, "分量|皮有点厚"),
    ("自有配送团队试点", "早高峰配送依赖第三方导致超时,评估中心城区自有骑手。", Lane::Long, RoadmapStatus::Idea, RequirementSource::Data, 4, Kpi::Orders, "送到了隔壁|凉了"),
    ("全渠道会员打通", "门店、小程序、外卖平台会员与积分统一。", Lane::Long, RoadmapStatus::Planned, RequirementSource::Business, 2, Kpi::ReturningShare, "积分"),
    ("熟梨糕口味扩充", "于家堡等门店熟梨糕口味扩充到8种以上。", Lane::Long, RoadmapStatus::Done, RequirementSource::Feedback, -2, Kpi::Aov, "熟梨糕"),
    ("直播带货与社群团购", "借视频号直播和社群团购推广礼盒与半成品。", Lane::Long, RoadmapStatus::Idea, RequirementSource::Market, 4, Kpi::NewVisitors, ""),
    ("数据中台与经营看板", "统一门店、小程序与外卖数据口径,管理层周报自动化。", Lane::Long, RoadmapStatus::InProgress, RequirementSource::Business, 1, Kpi::Revenue, ""),
    ("门店自助点单机", "高峰门店增加自助点单机,缓解收银排队。", Lane::Long, RoadmapStatus::Planned, RequirementSource::Data, 3, Kpi::Orders, "排队"),
    ("半成品零售与冷链", "麻花、炸糕半成品冷链到家,拓展外地礼品市场。", Lane::Long, RoadmapStatus::Idea, RequirementSource::Market, 4, Kpi::Revenue, ""),
    ("绿色包装替换", "外卖包装替换为可降解材料,符合限塑要求。", Lane::Long, RoadmapStatus::Done, RequirementSource::Business, -3, Kpi::Revenue, ""),
    ("老店故事内容专栏", "小程序内容专栏讲老字号故事,带动分享与新客。", Lane::Long, RoadmapStatus::Done, RequirementSource::Market, -2, Kpi::NewVisitors, ""),
];

/// Feedback ids whose text mentions one of `keywords`, oldest first, at most
/// eight (a card shows a handful of quotes, not a list).
fn linked_feedback(keywords: &str, feedback: &[Feedback]) -> Vec<String> {
    let words: Vec<&str> = keywords.split('|').filter(|k| !k.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    feedback
        .iter()
        .filter(|f| words.iter().any(|w| f.text.contains(w)))
        .take(8)
        .map(|f| f.id.clone())
        .collect()
}

/// A cockpit view showing what a data-driven requirement is about.
fn data_link(kpi: Kpi) -> DataLink {
    DataLink {
        label: format!("{}:近90天趋势", kpi.label(crate::i18n::Lang::Zh)),
        view: format!("#/cockpit?metric={}&period=90d", kpi.key()),
    }
}

pub(super) fn gen_roadmap(seed: u64, end: NaiveDate, feedback: &[Feedback]) -> Vec<RoadmapItem> {
    let mut rng = Rng::derive(seed, S_ROADMAP);
    let mut next_rank = [0.0f64; 3];
    SPECS
        .iter()
        .enumerate()
        .map(
            |(i, &(title, description, lane, status, source, q, kpi, keywords))| {
                let (value, relevance, cost) = match lane {
                    Lane::Short => (
                        rng.range_u32(3, 5),
                        rng.range_u32(3, 5),
                        rng.range_u32(1, 3),
                    ),
                    Lane::Mid => (
                        rng.range_u32(3, 5),
                        rng.range_u32(2, 5),
                        rng.range_u32(2, 4),
                    ),
                    Lane::Long => (
                        rng.range_u32(2, 5),
                        rng.range_u32(2, 4),
                        rng.range_u32(3, 5),
                    ),
                };
                // Shipped items: a day in their quarter, before the data ends.
                let ship_date = (status == RoadmapStatus::Done).then(|| {
                    let back = i64::from(-q.min(0)) * 91 + i64::from(rng.range_u32(8, 70));
                    add_days(end, -back)
                });
                let quarter =
                    ship_date.map_or_else(|| quarter_key(end, q), |d| Quarter::of(d).id());
                let lane_index = Lane::ALL.iter().position(|l| *l == lane).unwrap_or(0);
                let rank = next_rank.get_mut(lane_index).map_or(STEP, |r| {
                    *r += STEP;
                    *r
                });
                // The team fills RICE in for about half the cards, ICE for all.
                let rice = rng.chance(0.5).then(|| Rice {
                    reach: f64::from(rng.range_u32(5, 200)) * 100.0,
                    impact: [0.5, 1.0, 2.0, 3.0]
                        .get(usize::from(value.saturating_sub(2) as u8).min(3))
                        .copied()
                        .unwrap_or(1.0),
                    confidence: [0.5, 0.8, 1.0]
                        .get(rng.range_u32(0, 2) as usize)
                        .copied()
                        .unwrap_or(0.8),
                    effort: f64::from(cost) * 0.5,
                });
                let ice = Some(Ice {
                    impact: f64::from(value * 2),
                    confidence: f64::from(relevance * 2),
                    ease: f64::from((6 - cost.min(5)) * 2),
                });
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
                    quarter,
                    rank,
                    owner: OWNERS
                        .get(i % OWNERS.len())
                        .copied()
                        .unwrap_or("")
                        .to_string(),
                    ship_date,
                    target_kpi: Some(kpi),
                    rice,
                    ice,
                    feedback_ids: linked_feedback(keywords, feedback),
                    data_links: if source == RequirementSource::Data {
                        vec![data_link(kpi)]
                    } else {
                        Vec::new()
                    },
                }
            },
        )
        .collect()
}

/// Linked feedback of shipped items that arrived before the ship date is
/// marked shipped, as the board does when a card is marked done.
pub(super) fn mark_shipped_feedback(roadmap: &[RoadmapItem], feedback: &mut [Feedback]) {
    for item in roadmap {
        let Some(ship) = item.ship_date else { continue };
        for f in feedback.iter_mut() {
            if item.feedback_ids.contains(&f.id) && f.created_at.date_naive() <= ship {
                f.status = FeedbackStatus::Shipped;
            }
        }
    }
}

/// The board's scoring choice: the seed's default score.
pub(super) fn gen_boards() -> Vec<RoadmapBoard> {
    vec![RoadmapBoard {
        id: BOARD_ID.to_string(),
        scoring: Scoring::default(),
    }]
}

/// The plans frozen on the first day of the last four quarters and this
/// one: the cards of each quarter as they stood then (a card done since was
/// still planned). Last quarter's plan also holds what went another way:
/// cards moved to a later quarter or lane, one sent back to the idea pool
/// and one deleted since, so its review shows them.
pub(super) fn gen_plans(end: NaiveDate, roadmap: &[RoadmapItem]) -> Vec<QuarterPlan> {
    let last_quarter = quarter_key(end, -1);
    (-4..=0)
        .filter_map(|offset| {
            let q = Quarter::parse(&quarter_key(end, offset))?;
            let (first_day, _) = q.days()?;
            let mut plan = QuarterPlan::freeze(q, roadmap, first_day);
            for item in &mut plan.items {
                if item.status == RoadmapStatus::Done {
                    item.status = RoadmapStatus::Planned;
                }
            }
            if q.id() == last_quarter {
                plan.items.extend(went_another_way(&last_quarter, roadmap));
            }
            // A quarter the demo has no cards for had no plan either.
            (!plan.items.is_empty()).then_some(plan)
        })
        .collect()
}

/// Last quarter's cards that did not stay there: (title, lane then, status
/// then), found on today's board by title, plus one card deleted since.
fn went_another_way(quarter: &str, roadmap: &[RoadmapItem]) -> Vec<PlannedItem> {
    const AS_PLANNED: &[(&str, Lane, RoadmapStatus)] = &[
        // now this quarter: the delivery work slipped
        ("早高峰配送运力预警", Lane::Short, RoadmapStatus::InProgress),
        // now mid-term and next quarter
        (
            "河西、津南配送范围扩展",
            Lane::Short,
            RoadmapStatus::Planned,
        ),
        // now back in the idea pool
        ("会员生日礼", Lane::Short, RoadmapStatus::Planned),
    ];
    AS_PLANNED
        .iter()
        .filter_map(|&(title, lane, status)| {
            let now = roadmap.iter().find(|r| r.title == title)?;
            Some(PlannedItem {
                lane,
                status,
                quarter: quarter.to_string(),
                ..PlannedItem::of(now)
            })
        })
        .chain([PlannedItem {
            id: format!("rm-{:02}", SPECS.len() + 1),
            title: "签到小游戏".to_string(),
            source: RequirementSource::Business,
            lane: Lane::Short,
            quarter: quarter.to_string(),
            status: RoadmapStatus::Planned,
        }])
        .collect()
}

/// Last quarter's saved review (季度复盘), built against its plan.
pub(super) fn gen_reviews(
    end: NaiveDate,
    roadmap: &[RoadmapItem],
    plans: &[QuarterPlan],
    facts: &[MetricFact],
) -> Vec<ReviewSnapshot> {
    let last_quarter = quarter_key(end, -1);
    let taken_on = Quarter::parse(&last_quarter)
        .and_then(Quarter::days)
        .map_or(end, |(_, last)| add_days(last, 5));
    build_snapshot(
        &last_quarter,
        QuarterPlan::find(plans, &last_quarter),
        roadmap,
        &Scoring::default(),
        taken_on,
        |item| Some(kpi_review(facts, item.target_kpi?, item.ship_date?)),
    )
    .map(|mut s| {
        s.note = "上季度短期需求基本按计划上线;配送相关需求推迟到本季度,签到小游戏放弃。".into();
        // Short decimals, so the figures read back from JSON text exactly.
        let round = |x: &mut Option<f64>| *x = x.map(|v| (v * 1e6).round() / 1e6);
        for item in &mut s.items {
            round(&mut item.score);
            if let Some(k) = item.kpi.as_mut() {
                round(&mut k.before.value);
                round(&mut k.after.value);
                round(&mut k.change);
            }
        }
        s
    })
    .into_iter()
    .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::data::embedded::generator::fixture::data;
    use crate::domain::roadmap::snapshot::Outcome;

    #[test]
    fn sixty_requirements_across_lanes_and_quarters_with_sensible_links() {
        let ds = data();
        assert!(ds.roadmap.len() >= 60);
        for r in &ds.roadmap {
            for s in [r.value, r.relevance, r.cost] {
                assert!((1..=5).contains(&s));
            }
            assert!(Quarter::parse(&r.quarter).is_some(), "{}", r.quarter);
            assert_eq!(r.status == RoadmapStatus::Done, r.ship_date.is_some());
            for id in &r.feedback_ids {
                assert!(ds.feedback.iter().any(|f| &f.id == id), "{id}");
            }
        }
        for lane in Lane::ALL {
            assert!(ds.roadmap.iter().filter(|r| r.lane == *lane).count() >= 15);
        }
        let quarters: std::collections::BTreeSet<&str> =
            ds.roadmap.iter().map(|r| r.quarter.as_str()).collect();
        assert!(quarters.len() >= 6, "{quarters:?}");
        // The peak-hour delivery card is fed by delivery complaints.
        let peak = ds
            .roadmap
            .iter()
            .find(|r| r.title.contains("早高峰配送"))
            .unwrap();
        assert!(!peak.feedback_ids.is_empty());
        let linked = ds
            .roadmap
            .iter()
            .filter(|r| !r.feedback_ids.is_empty())
            .count();
        assert!(linked >= 30, "{linked}");
        assert!(ds
            .feedback
            .iter()
            .any(|f| f.status == FeedbackStatus::Shipped));
        assert_eq!(ds.roadmap_boards.len(), 1);
        let review = &ds.roadmap_reviews[0];
        assert!(!review.items.is_empty());
        // Last quarter's review against its plan: a moved and a dropped card.
        assert!(review.plan_taken_on.is_some());
        let titles =
            |o: Outcome| -> Vec<&str> { review.with(o).map(|i| i.title.as_str()).collect() };
        assert!(titles(Outcome::MovedLater).contains(&"早高峰配送运力预警"));
        assert!(titles(Outcome::MovedLater).contains(&"河西、津南配送范围扩展"));
        assert!(titles(Outcome::Dropped).contains(&"签到小游戏"));
        assert!(titles(Outcome::Dropped).contains(&"会员生日礼"));
        assert!(review.count(Outcome::Shipped) > 0);
        // A plan for this quarter too, so opening the board writes nothing.
        let this_quarter = quarter_key(crate::data::embedded::generator::fixture::end(), 0);
        assert!(QuarterPlan::find(&ds.roadmap_plans, &this_quarter).is_some());
        assert!(ds.roadmap_plans.len() >= 4);
    }
}
