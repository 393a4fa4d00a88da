//! User feedback of the last 90 days: fixed texts about real places and
//! dishes plus templated ones, triaged further the older they are.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::common::{at, pick_or, quarter_key};
use super::{RECENT_DAYS, S_FEEDBACK};
use crate::data::embedded::rng::Rng;
use crate::domain::cockpit::dimensions::District;
use crate::domain::feedback::model::{Feedback, FeedbackCategory, FeedbackSource, FeedbackStatus};
use crate::domain::shared::dates::add_days;

const STORES: &[(&str, District)] = &[
    ("滨江道", District::Heping),
    ("和平路", District::Heping),
    ("小白楼", District::Heping),
    ("南开大悦城", District::Nankai),
    ("鼓楼", District::Nankai),
    ("河西万象城", District::Hexi),
    ("友谊路", District::Hexi),
    ("梅江", District::Hexi),
    ("大直沽", District::Hedong),
    ("天津站", District::Hedong),
    ("意式风情区", District::Hebei),
    ("西北角", District::Hongqiao),
    ("东丽万达", District::Dongli),
    ("大学城", District::Xiqing),
    ("杨柳青", District::Xiqing),
    ("咸水沽", District::Jinnan),
    ("北辰大悦城", District::Beichen),
    ("杨村", District::Wuqing),
    ("于家堡", District::Binhai),
    ("塘沽", District::Binhai),
    ("开发区", District::Binhai),
];

const ITEMS: &[&str] = &[
    "煎饼馃子",
    "锅巴菜",
    "耳朵眼炸糕",
    "大麻花",
    "熟梨糕",
    "老豆腐",
    "羊汤",
    "包子",
    "卷圈",
    "糖堆",
    "茶汤",
    "豆腐脑",
];

/// Sentiment of a feedback text, which drives its rating.
#[derive(Clone, Copy, PartialEq)]
enum Mood {
    Negative,
    Neutral,
    Positive,
}

type FixedFeedback = (FeedbackCategory, Option<District>, Mood, &'static str);

#[rustfmt::skip]
const FIXED_FEEDBACK: &[FixedFeedback] = &[
    (FeedbackCategory::Service, Some(District::Nankai), Mood::Negative, "南开大悦城店的煎饼馃子排队太久,午高峰等了二十多分钟"),
    (FeedbackCategory::AppIssue, None, Mood::Negative, "小程序下单后没收到取餐码,到店报手机号才拿到"),
    (FeedbackCategory::Delivery, Some(District::Hexi), Mood::Neutral, "希望增加河西区的配送范围,梅江会展中心那边送不到"),
    (FeedbackCategory::Price, None, Mood::Negative, "优惠券叠加规则看不懂,满减券和会员折扣到底能不能一起用"),
    (FeedbackCategory::Product, Some(District::Heping), Mood::Negative, "滨江道店的锅巴菜卤子太咸了,希望能调淡一点"),
    (FeedbackCategory::Product, Some(District::Hexi), Mood::Negative, "友谊路店的炸糕外皮不够脆,像是放久了"),
    (FeedbackCategory::Product, Some(District::Hongqiao), Mood::Positive, "西北角店的老豆腐还是小时候那个味儿,每周都来"),
    (FeedbackCategory::Product, None, Mood::Neutral, "新出的桂花酒酿小圆子太甜了,能不能出少糖版"),
    (FeedbackCategory::Product, Some(District::Hedong), Mood::Negative, "大直沽店的羊汤分量比以前少了"),
    (FeedbackCategory::Product, Some(District::Binhai), Mood::Neutral, "于家堡店的熟梨糕口味太少,只有三种"),
    (FeedbackCategory::Product, Some(District::Heping), Mood::Positive, "五大道店的麻花礼盒包装很好看,送外地朋友很合适"),
    (FeedbackCategory::Product, Some(District::Nankai), Mood::Negative, "鼓楼店的包子皮有点厚,馅儿偏少"),
    (FeedbackCategory::Product, Some(District::Xiqing), Mood::Positive, "大学城店的早餐套餐性价比很高,学生党友好"),
    (FeedbackCategory::Service, Some(District::Heping), Mood::Positive, "小白楼店店员主动帮老人扫码点单,服务很暖心,点赞"),
    (FeedbackCategory::Service, Some(District::Hexi), Mood::Negative, "河西万象城店取餐叫号听不清,错过了两次"),
    (FeedbackCategory::Service, Some(District::Hebei), Mood::Neutral, "意式风情区店周末没有座位,建议增加打包台"),
    (FeedbackCategory::Service, Some(District::Heping), Mood::Negative, "和平路店只能扫码点单,不会用手机的老人很不方便"),
    (FeedbackCategory::Service, Some(District::Dongli), Mood::Negative, "东丽万达店店员不知道小程序会员价,结账时没给折扣"),
    (FeedbackCategory::Service, Some(District::Beichen), Mood::Negative, "北辰大悦城店晚上九点就停止接单,比小程序上写的营业时间早"),
    (FeedbackCategory::Delivery, Some(District::Jinnan), Mood::Negative, "咸水沽下单后配送一个多小时,豆腐脑都凉了"),
    (FeedbackCategory::Delivery, Some(District::Binhai), Mood::Negative, "开发区的配送费比市区贵4块,能不能统一"),
    (FeedbackCategory::Delivery, Some(District::Nankai), Mood::Negative, "外卖袋没封口,羊汤洒了一半"),
    (FeedbackCategory::Delivery, Some(District::Wuqing), Mood::Neutral, "武清杨村只能到店自取,希望开通配送"),
    (FeedbackCategory::Delivery, Some(District::Hedong), Mood::Negative, "骑手把餐送到了隔壁楼,打电话也没人接"),
    (FeedbackCategory::Delivery, Some(District::Xiqing), Mood::Negative, "下雪天预计30分钟送达,实际等了70分钟"),
    (FeedbackCategory::Price, None, Mood::Negative, "新人券只能工作日用,周末来了用不了"),
    (FeedbackCategory::Price, Some(District::Heping), Mood::Negative, "同样的套餐小程序比门店菜单价贵了2元"),
    (FeedbackCategory::Price, None, Mood::Neutral, "积分商城能换的东西太少,攒了3000分不知道换什么"),
    (FeedbackCategory::Price, None, Mood::Negative, "秒杀一开始就显示售罄,感觉名额太少了"),
    (FeedbackCategory::Price, None, Mood::Negative, "会员月卡续费前没有提醒,直接自动扣款了"),
    (FeedbackCategory::Price, None, Mood::Neutral, "午市特惠能不能延长到下午两点,我们单位一点半才午休"),
    (FeedbackCategory::AppIssue, None, Mood::Negative, "支付成功了订单还显示待支付,差点重复付款"),
    (FeedbackCategory::AppIssue, Some(District::Hongqiao), Mood::Negative, "鸿蒙手机上打开菜单页一直转圈"),
    (FeedbackCategory::AppIssue, None, Mood::Negative, "iPhone上领券中心点“立即领取”没反应"),
    (FeedbackCategory::AppIssue, None, Mood::Negative, "门店列表定位不准,显示最近的店在十公里外"),
    (FeedbackCategory::AppIssue, None, Mood::Neutral, "预约到店选时间的控件在小屏手机上显示不全"),
    (FeedbackCategory::AppIssue, None, Mood::Neutral, "开发票的入口太深了,找了好久"),
    (FeedbackCategory::AppIssue, None, Mood::Negative, "会员码在门店扫不出来,亮度调最高也不行"),
    (FeedbackCategory::AppIssue, None, Mood::Negative, "切换门店后购物车被清空了,只能重新加"),
    (FeedbackCategory::Suggestion, None, Mood::Neutral, "希望出个天津早点组合:煎饼馃子+豆浆+茶叶蛋"),
    (FeedbackCategory::Suggestion, Some(District::Jizhou), Mood::Neutral, "蓟州能不能开一家店?盘山和下营的游客很多"),
    (FeedbackCategory::Suggestion, None, Mood::Neutral, "建议增加夜宵时段,晚上十点以后想吃点热乎的"),
    (FeedbackCategory::Suggestion, None, Mood::Neutral, "希望菜单能标注过敏原,比如花生、芝麻"),
    (FeedbackCategory::Suggestion, None, Mood::Positive, "小程序能不能加个天津话语音点单,老人用着方便,也挺有意思"),
    (FeedbackCategory::Suggestion, Some(District::Baodi), Mood::Neutral, "宝坻什么时候开店?每次都要跑到市里"),
    (FeedbackCategory::Suggestion, None, Mood::Positive, "建议会员生日当天送一个炸糕,仪式感拉满"),
    (FeedbackCategory::Suggestion, None, Mood::Neutral, "能不能显示每家店的实时排队人数"),
    (FeedbackCategory::Suggestion, None, Mood::Neutral, "希望支持企业团餐预订和开专票"),
    (FeedbackCategory::Suggestion, Some(District::Binhai), Mood::Neutral, "塘沽店能不能早上六点半开门,赶班车来不及"),
    (FeedbackCategory::Suggestion, Some(District::Jizhou), Mood::Neutral, "来盘山爬山想买套煎饼馃子当早点,蓟州一家店都没有"),
];

/// (category, mood, template): `{s}` is a store, `{i}` a dish.
const FEEDBACK_TEMPLATES: &[(FeedbackCategory, Mood, &str)] = &[
    (
        FeedbackCategory::Product,
        Mood::Negative,
        "{s}店今天的{i}没热透",
    ),
    (
        FeedbackCategory::Product,
        Mood::Negative,
        "{s}店的{i}分量明显比上个月少",
    ),
    (
        FeedbackCategory::Product,
        Mood::Positive,
        "{s}店的{i}做得地道,给个好评",
    ),
    (
        FeedbackCategory::Product,
        Mood::Neutral,
        "{s}店的{i}经常下午就卖完了,能不能多备点",
    ),
    (
        FeedbackCategory::Service,
        Mood::Negative,
        "{s}店高峰期只开一个收银台,取{i}排了很久",
    ),
    (
        FeedbackCategory::Service,
        Mood::Positive,
        "{s}店店员帮忙把{i}重新加热了,服务很好",
    ),
    (
        FeedbackCategory::Service,
        Mood::Negative,
        "{s}店桌子没人收拾,吃{i}找不到干净座位",
    ),
    (
        FeedbackCategory::Delivery,
        Mood::Negative,
        "从{s}店点的{i}送到时已经凉了",
    ),
    (
        FeedbackCategory::Delivery,
        Mood::Negative,
        "{s}店的外卖少送了一份{i}",
    ),
    (
        FeedbackCategory::Price,
        Mood::Neutral,
        "{s}店的{i}能不能也参加会员日折扣",
    ),
    (
        FeedbackCategory::AppIssue,
        Mood::Negative,
        "在小程序选了{s}店自提,{i}却被做到了别的店",
    ),
    (
        FeedbackCategory::Suggestion,
        Mood::Neutral,
        "希望{s}店的{i}能出小份装,一个人吃不完",
    ),
];

fn feedback_source(rng: &mut Rng, category: FeedbackCategory) -> FeedbackSource {
    use FeedbackSource as S;
    let options: &[S] = match category {
        FeedbackCategory::AppIssue => &[S::InApp, S::InApp, S::CustomerService],
        FeedbackCategory::Delivery => &[S::InApp, S::CustomerService, S::CustomerService],
        FeedbackCategory::Service => &[S::Store, S::InApp, S::SocialMedia],
        FeedbackCategory::Product => &[S::InApp, S::Store, S::SocialMedia],
        FeedbackCategory::Price => &[S::InApp, S::CustomerService, S::SocialMedia],
        FeedbackCategory::Suggestion => &[S::InApp, S::Store, S::SocialMedia],
    };
    pick_or(rng, options, S::InApp)
}

fn feedback_note(category: FeedbackCategory, status: FeedbackStatus, quarter: &str) -> String {
    use FeedbackCategory as C;
    use FeedbackStatus as S;
    match (status, category) {
        (S::New, _) => String::new(),
        (S::Triaged, C::Product) => "已转品控部,抽检该门店当日出品".into(),
        (S::Triaged, C::Service) => "已转门店督导跟进,本周内电话回访".into(),
        (S::Triaged, C::Delivery) => "已与配送服务商核对轨迹,等待回复".into(),
        (S::Triaged, C::Price) => "已转活动运营,核实规则后统一答复".into(),
        (S::Triaged, C::AppIssue) => "已复现,提交技术排查,待定位原因".into(),
        (S::Triaged, C::Suggestion) => "已记录到需求池,待季度评审".into(),
        (S::Planned, C::Product) => "已排入下月菜单调整".into(),
        (S::Planned, C::Service) => "已排入门店SOP培训(下周二)".into(),
        (S::Planned, C::Delivery) => format!("配送范围调整已排入{quarter}计划"),
        (S::Planned, C::Price) => "规则说明页已排期,下个版本上线".into(),
        (S::Planned, C::AppIssue) => "修复已排期,预计下个版本上线".into(),
        (S::Planned, C::Suggestion) => format!("已纳入路线图,{quarter}评估"),
        (S::Done, C::Product) => "已调整出品标准并回访,用户表示满意".into(),
        (S::Done, C::Service) => "已完成门店培训并电话回访".into(),
        (S::Done, C::Delivery) => "已致歉并补偿5元无门槛券".into(),
        (S::Done, C::Price) => "领券中心已上线叠加规则说明".into(),
        (S::Done, C::AppIssue) => "已修复并发布,已回访确认".into(),
        (S::Done, C::Suggestion) => "已上线,已通知用户".into(),
        (S::Shipped, _) => "相关需求已上线,待通知用户".into(),
    }
}

/// (category, district, mood, text) before a time and status are assigned.
type FeedbackDraft = (FeedbackCategory, Option<District>, Mood, String);

pub(super) fn gen_feedback(seed: u64, end: NaiveDate) -> Vec<Feedback> {
    const COUNT: usize = 120;
    let mut rng = Rng::derive(seed, S_FEEDBACK);

    // (category, district, mood, text): all fixed texts, then templated
    // ones with distinct store/dish combinations.
    let mut drafts: Vec<FeedbackDraft> = FIXED_FEEDBACK
        .iter()
        .map(|&(c, d, m, t)| (c, d, m, t.to_string()))
        .collect();
    let mut seen: HashSet<String> = drafts.iter().map(|d| d.3.clone()).collect();
    let mut attempts = 0;
    while drafts.len() < COUNT && attempts < 10_000 {
        attempts += 1;
        let (Some(&(category, mood, template)), Some(&(store, district)), Some(item)) = (
            rng.pick(FEEDBACK_TEMPLATES),
            rng.pick(STORES),
            rng.pick(ITEMS),
        ) else {
            break;
        };
        let text = template.replace("{s}", store).replace("{i}", item);
        if seen.insert(text.clone()) {
            drafts.push((category, Some(district), mood, text));
        }
    }
    rng.shuffle(&mut drafts);

    // Creation times spread over the last 90 days, busier recently.
    let mut stamped: Vec<(NaiveDateTime, FeedbackDraft)> = drafts
        .into_iter()
        .map(|d| {
            // u·√u skews towards recent days; sqrt (unlike powf) is exact
            // on every platform, which keeps wasm and native output equal.
            let u = rng.next_f64();
            let back = (u * u.sqrt() * RECENT_DAYS as f64) as i64;
            let day = add_days(end, -back.min(RECENT_DAYS - 1));
            let hour = pick_or(
                &mut rng,
                &[8, 9, 11, 12, 12, 13, 14, 17, 18, 19, 20, 21, 22, 23],
                12,
            );
            (at(day, hour, rng.range_u32(0, 59)), d)
        })
        .collect();
    stamped.sort_by_key(|s| s.0);

    let quarter = quarter_key(end, 1);
    // Nothing is updated after the last day with data.
    let last_instant = (at(end, 23, 59) - Duration::hours(8)).and_utc();
    stamped
        .into_iter()
        .enumerate()
        .map(|(i, (local, (category, district, mood, text)))| {
            let age = (end - local.date()).num_days();
            let roll = rng.next_f64();
            // Older feedback has had time to be worked through.
            let status = match age {
                a if a > 45 => match roll {
                    r if r < 0.15 => FeedbackStatus::New,
                    r if r < 0.5 => FeedbackStatus::Triaged,
                    r if r < 0.75 => FeedbackStatus::Planned,
                    _ => FeedbackStatus::Done,
                },
                a if a > 14 => match roll {
                    r if r < 0.35 => FeedbackStatus::New,
                    r if r < 0.75 => FeedbackStatus::Triaged,
                    r if r < 0.88 => FeedbackStatus::Planned,
                    _ => FeedbackStatus::Done,
                },
                _ => {
                    if roll < 0.7 {
                        FeedbackStatus::New
                    } else {
                        FeedbackStatus::Triaged
                    }
                }
            };
            let source = feedback_source(&mut rng, category);
            let rated = match source {
                FeedbackSource::InApp | FeedbackSource::SocialMedia => true,
                FeedbackSource::Store => rng.chance(0.5),
                FeedbackSource::CustomerService => false,
            };
            let rating = rated.then(|| match mood {
                Mood::Negative => pick_or(&mut rng, &[1, 1, 2, 2, 2, 3], 2),
                Mood::Neutral => pick_or(&mut rng, &[3, 3, 4, 4, 5], 4),
                Mood::Positive => pick_or(&mut rng, &[4, 5, 5, 5], 5),
            });
            // Tianjin is UTC+8.
            let created_at = (local - Duration::hours(8)).and_utc();
            let updated_at = (status != FeedbackStatus::New).then(|| {
                let hours = rng.range_u32(2, 24 * (age.clamp(1, 6) as u32));
                (created_at + Duration::hours(i64::from(hours))).clamp(created_at, last_instant)
            });
            Feedback {
                id: format!("fb-{:04}", i + 1),
                created_at,
                source,
                category,
                district,
                rating,
                text,
                status,
                note: feedback_note(category, status, &quarter),
                updated_at,
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
    fn feedback_is_recent_unique_and_triaged() {
        let ds = data();
        assert!((100..=140).contains(&ds.feedback.len()));
        let ids: HashSet<&str> = ds.feedback.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), ds.feedback.len());
        let texts: HashSet<&str> = ds.feedback.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts.len(), ds.feedback.len());
        assert_eq!(ds.feedback[0].id, "fb-0001");
        let first = (at(add_days(end(), -RECENT_DAYS), 8, 0) - Duration::hours(8)).and_utc();
        let last = (at(end(), 23, 59) - Duration::hours(8)).and_utc();
        for f in &ds.feedback {
            assert!(first <= f.created_at && f.created_at <= last, "{f:?}");
            assert_eq!(f.note.is_empty(), f.status == FeedbackStatus::New, "{f:?}");
            assert_eq!(f.updated_at.is_some(), f.status != FeedbackStatus::New);
            if let Some(u) = f.updated_at {
                assert!(f.created_at <= u && u <= last);
            }
            if let Some(r) = f.rating {
                assert!((1..=5).contains(&r));
            }
        }
        let count = |s: FeedbackStatus| ds.feedback.iter().filter(|f| f.status == s).count();
        let open = count(FeedbackStatus::New) + count(FeedbackStatus::Triaged);
        assert!(open * 2 > ds.feedback.len(), "mostly new/triaged");
        assert!(count(FeedbackStatus::Planned) > 0 && count(FeedbackStatus::Done) > 0);
        for c in FeedbackCategory::ALL {
            assert!(ds.feedback.iter().any(|f| f.category == *c));
        }
        for s in FeedbackSource::ALL {
            assert!(ds.feedback.iter().any(|f| f.source == *s));
        }
    }
}
