//! The campaign plan of the demo: the year's recurring campaigns, dated
//! relative to the last day with data or to the festivals around it, and
//! the next holiday campaigns a real team would already have planned.

use chrono::{Datelike, NaiveDate};

use super::super::common::{recent_yearly, ymd};
use super::super::seasonality::Calendar;
use super::Spec;
use crate::domain::campaigns::model::{Audience, CampaignGoal, CampaignType};
use crate::domain::chinese_calendar::holidays;
use crate::domain::cockpit::dimensions::{Channel, District};
use crate::domain::shared::dates::add_days;

pub(in super::super) fn campaign_specs(end: NaiveDate, cal: &Calendar) -> Vec<Spec> {
    use CampaignGoal as G;
    use CampaignType as T;
    use Channel as C;
    use District as D;

    let spec = |name, kind, goal, audience, (start, stop): (NaiveDate, NaiveDate), budget| Spec {
        name,
        kind,
        goal,
        audience,
        districts: Vec::new(),
        channels: Vec::new(),
        start,
        end: stop,
        budget,
        weekdays_only: false,
        review: true,
        notes: None,
    };

    let lny = cal
        .latest_lunar_new_year(end)
        .or_else(|| ymd(end.year(), 2, 1))
        .unwrap_or(end);
    let qixi = cal
        .retail
        .iter()
        .filter(|r| r.1 == "七夕" && add_days(r.0, -4) <= end)
        .map(|r| r.0)
        .max()
        .unwrap_or_else(|| recent_yearly(end, (8, 15), (8, 15)).0);
    let mid_autumn = cal
        .latest_holiday("中秋", end)
        .map(|h| h.start)
        .unwrap_or_else(|| recent_yearly(end, (9, 20), (9, 20)).0);

    vec![
        Spec {
            channels: vec![C::Social, C::PaidAds, C::OfflineQr],
            ..spec(
                "津门新人礼",
                T::CouponPack,
                G::Acquisition,
                Audience::New,
                (add_days(end, -20), add_days(end, 10)),
                36_000.0,
            )
        },
        Spec {
            districts: vec![D::Heping, D::Hexi, D::Nankai, D::Hedong],
            channels: vec![C::Direct, C::OfflineQr],
            weekdays_only: true,
            notes: Some((
                "工作日午市订单明显提升,小白楼、友谊路等写字楼周边门店效果最好;套餐预点单减少了排队。",
                "周五午市效果弱,下次只做周一到周四;套餐价格带需要再下探到25元以内。",
            )),
            ..spec(
                "午市特惠",
                T::Discount,
                G::Activation,
                Audience::Active,
                (add_days(end, -150), add_days(end, -95)),
                12_000.0,
            )
        },
        Spec {
            notes: Some((
                "秒杀场次定在11点和17点,正好赶上饭点,库存煎饼礼盒清掉九成。",
                "开抢时小程序排队页卡顿,需要提前压测;部分门店核销慢。",
            )),
            ..spec(
                "618年中秒杀",
                T::FlashSale,
                G::ClearStock,
                Audience::All,
                recent_yearly(end, (6, 1), (6, 18)),
                52_000.0,
            )
        },
        spec(
            "双11美食囤券节",
            T::CouponPack,
            G::RaiseAov,
            Audience::All,
            recent_yearly(end, (11, 1), (11, 11)),
            68_000.0,
        ),
        Spec {
            notes: Some((
                "津味礼盒拼团成团率高,企业团购订单约占三成,客单价明显提升。",
                "快递停运日期提示不清楚,春节前三天大量催单;下次提前十天截单。",
            )),
            ..spec(
                "年货节·津味礼盒拼团",
                T::GroupBuy,
                G::RaiseAov,
                Audience::All,
                (add_days(lny, -21), add_days(lny, -2)),
                75_000.0,
            )
        },
        Spec {
            channels: vec![C::Social],
            notes: Some((
                "三人成团门槛低,微信群转发带来大量新客,南开、河西两区成团最多。",
                "老用户开团占比偏高,新客专享团需要单独设置。",
            )),
            ..spec(
                "煎饼馃子拼团日",
                T::GroupBuy,
                G::Acquisition,
                Audience::New,
                recent_yearly(end, (3, 12), (3, 25)),
                8_000.0,
            )
        },
        Spec {
            review: false,
            ..spec(
                "春日签到领好礼",
                T::CheckIn,
                G::Activation,
                Audience::Active,
                recent_yearly(end, (4, 1), (4, 30)),
                5_000.0,
            )
        },
        spec(
            "520甜蜜双人餐",
            T::Discount,
            G::RaiseAov,
            Audience::All,
            recent_yearly(end, (5, 15), (5, 21)),
            9_000.0,
        ),
        Spec {
            channels: vec![C::Direct, C::Social, C::Content],
            notes: Some((
                "绿豆汤、酸梅汤秒杀带动午后时段访问,门店冷饮库存周转加快。",
                "高温天配送慢导致差评,冷饮订单需限制配送距离。",
            )),
            ..spec(
                "夏日冰饮秒杀",
                T::FlashSale,
                G::ClearStock,
                Audience::All,
                recent_yearly(end, (7, 10), (7, 31)),
                15_000.0,
            )
        },
        Spec {
            review: false,
            ..spec(
                "七夕心动抽奖",
                T::Lottery,
                G::Activation,
                Audience::All,
                (add_days(qixi, -4), qixi),
                6_000.0,
            )
        },
        Spec {
            notes: Some((
                "积分兑月饼唤醒了一批半年未下单的老会员,兑换后复购率高于预期。",
                "兑换页库存显示不实时,出现超兑,需要和门店库存打通。",
            )),
            ..spec(
                "中秋积分兑月饼",
                T::Points,
                G::Activation,
                Audience::Dormant,
                (add_days(mid_autumn, -20), add_days(mid_autumn, -1)),
                20_000.0,
            )
        },
        Spec {
            channels: vec![C::Direct],
            ..spec(
                "沉睡会员召回券",
                T::CouponPack,
                G::Activation,
                Audience::Dormant,
                (add_days(end, -70), add_days(end, -50)),
                10_000.0,
            )
        },
        spec(
            "双12会员积分翻倍",
            T::Points,
            G::Activation,
            Audience::Active,
            recent_yearly(end, (12, 8), (12, 12)),
            4_000.0,
        ),
        Spec {
            districts: vec![D::Heping, D::Hexi, D::Nankai, D::Hedong, D::Hebei, D::Hongqiao],
            ..spec(
                "海河冬日暖锅节",
                T::Discount,
                G::RaiseAov,
                Audience::All,
                (add_days(end, 14), add_days(end, 27)),
                18_000.0,
            )
        },
        spec(
            "会员日幸运大转盘",
            T::Lottery,
            G::Activation,
            Audience::Active,
            (add_days(end, 33), add_days(end, 46)),
            7_000.0,
        ),
    ]
    .into_iter()
    .chain(upcoming_holiday_specs(end, spec))
    .collect()
}

/// What a real plan holds in advance: the campaigns for the next New Year,
/// Spring Festival and Lantern Festival, planned (or already running) as of
/// `end`. In late November the Spring Festival plan is the biggest item on the
/// board, so the demo must have it.
fn upcoming_holiday_specs(
    end: NaiveDate,
    spec: impl Fn(
        &'static str,
        CampaignType,
        CampaignGoal,
        Audience,
        (NaiveDate, NaiveDate),
        f64,
    ) -> Spec,
) -> Vec<Spec> {
    use CampaignGoal as G;
    use CampaignType as T;
    use Channel as C;

    let next_after = |f: &dyn Fn(i32) -> Option<NaiveDate>| {
        (end.year()..=end.year() + 1)
            .filter_map(f)
            .find(|d| *d > end)
    };
    let mut out = Vec::new();
    let new_year_eve = next_after(&|y| ymd(y + 1, 1, 2));
    if let Some(last) = new_year_eve {
        out.push(Spec {
            districts: vec![
                District::Heping,
                District::Hexi,
                District::Nankai,
                District::Hebei,
            ],
            ..spec(
                "跨年夜宵套餐",
                T::Discount,
                G::Activation,
                Audience::Active,
                (add_days(last, -5), last),
                9_000.0,
            )
        });
    }
    if let Some(lny) = next_after(&holidays::lunar_new_year) {
        out.push(Spec {
            channels: vec![C::Social, C::Content, C::PaidAds, C::OfflineQr],
            ..spec(
                "新春年货节·津味礼盒预售",
                T::GroupBuy,
                G::RaiseAov,
                Audience::All,
                (add_days(lny, -24), add_days(lny, -3)),
                78_000.0,
            )
        });
        out.push(Spec {
            channels: vec![C::Direct, C::Social],
            ..spec(
                "元宵节汤圆拼团",
                T::GroupBuy,
                G::Activation,
                Audience::Active,
                (add_days(lny, 8), add_days(lny, 14)),
                8_000.0,
            )
        });
    }
    out
}
