//! The seeded demo generator: 13 months of plausible data for 津味坊, a
//! Tianjin food & retail chain selling through its WeChat mini-program.
//!
//! Everything is derived from one seed and the last day with data, so the
//! same inputs always give the same `Dataset` (on native and on wasm).
//! Each collection draws from its own RNG stream, so tuning one collection
//! does not reshuffle the others. The daily metric facts are generated
//! first; the monthly and derived collections (portrait, hourly, pages,
//! channel spend, experience, health, targets, campaign reviews) are then
//! computed from them so every page of the app tells the same story.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::rng::Rng;
use crate::domain::calendar::model::{
    ContentChannel, ContentItem, ContentStatus, ContentType, LocalEvent, Recurrence,
};
use crate::domain::campaigns::model::{
    Audience, Campaign, CampaignFigures, CampaignGoal, CampaignReview, CampaignStatus, CampaignType,
};
use crate::domain::channels::model::ChannelSpend;
use crate::domain::chinese_calendar::holidays::{self, Holiday};
use crate::domain::cockpit::dimensions::{AgeBand, Channel, District, Gender, Platform};
use crate::domain::cockpit::model::{
    HourlyVisits, MetricFact, PortraitRow, RetentionCohort, Target, TopPage,
};
use crate::domain::cockpit::totals::Totals;
use crate::domain::dataset::Dataset;
use crate::domain::experience::model::{
    ExperienceSample, Experiment, ExperimentStatus, ExperimentVariant,
};
use crate::domain::feedback::model::{Feedback, FeedbackCategory, FeedbackSource, FeedbackStatus};
use crate::domain::health::model::HealthSample;
use crate::domain::roadmap::model::{Lane, RequirementSource, RoadmapItem, RoadmapStatus};

/// The seed the app uses unless the user picks another one.
pub const DEFAULT_SEED: u64 = 20_260_101;

/// Visits on an ordinary day at the start of the window, before the weekly,
/// seasonal, holiday and campaign factors.
const BASE_VISITS: f64 = 6_800.0;
/// Year-over-year traffic growth.
const GROWTH_PER_YEAR: f64 = 0.16;
/// Days of operational data (feedback, experience, health).
const RECENT_DAYS: i64 = 90;

// Salts for the per-collection RNG streams.
const S_METRICS: u64 = 1;
const S_RETENTION: u64 = 101;
const S_PORTRAIT: u64 = 2;
const S_HOURLY: u64 = 3;
const S_PAGES: u64 = 4;
const S_FEEDBACK: u64 = 5;
const S_CONTENT: u64 = 6;
const S_CAMPAIGNS: u64 = 7;
const S_CHANNELS: u64 = 8;
const S_ROADMAP: u64 = 9;
const S_EXPERIENCE: u64 = 10;
const S_HEALTH: u64 = 11;
const S_EXPERIMENTS: u64 = 12;
const S_INCIDENTS: u64 = 13;

/// First day with data: the 1st of the month twelve months before `end`'s
/// month, so the window always holds 12 full months plus the current one.
pub fn window_start(end: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(end.year(), end.month(), 1)
        .and_then(|d| d.checked_sub_months(Months::new(12)))
        .unwrap_or_else(|| shift(end, -395))
}

/// The whole demo dataset for `seed`, with data from [`window_start`]
/// through `end` (inclusive) and plans reaching a few weeks past it.
pub fn generate(seed: u64, end: NaiveDate) -> Dataset {
    let start = window_start(end);
    let days: Vec<NaiveDate> = start.iter_days().take_while(|d| *d <= end).collect();
    let calendar = Calendar::new(start, shift(end, 120));
    let specs = campaign_specs(end, &calendar);
    let events = event_specs(start, shift(end, 92), &calendar);

    let metrics = gen_metrics(seed, start, &days, &calendar, &specs, &events);
    let agg = Aggregates::from_facts(&metrics);
    let incidents = incident_days(seed, end);

    Dataset {
        retention: gen_retention(seed, end, &metrics),
        portrait: gen_portrait(seed, &agg),
        hourly: gen_hourly(seed, &agg),
        pages: gen_pages(seed, &agg),
        feedback: gen_feedback(seed, end),
        content: gen_content(seed, start, end, &specs, &calendar),
        campaigns: gen_campaigns(seed, end, &specs, &metrics),
        channels: gen_channels(seed, &agg),
        roadmap: gen_roadmap(seed, end),
        experience: gen_experience(seed, end, &agg, &incidents),
        health: gen_health(seed, end, &agg, &incidents),
        experiments: gen_experiments(seed, end, &agg),
        targets: gen_targets(&agg),
        events: events
            .iter()
            .enumerate()
            .map(|(i, e)| e.to_event(i))
            .collect(),
        metrics,
    }
}

// ---------------------------------------------------------------------------
// Small helpers

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(date)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

fn quarter_key(date: NaiveDate, offset: i32) -> String {
    let index = date.year() * 4 + (date.month0() / 3) as i32 + offset;
    format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
}

fn at(date: NaiveDate, hour: u32, minute: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default())
}

/// Money is shown in yuan with fen precision.
fn money(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 {
        num / den
    } else {
        0.0
    }
}

fn to_u32(x: f64) -> u32 {
    x.round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// Rounds to a "nice" target, e.g. 7,384 → 7,400 or 0.3163 → 0.32.
fn round_to(x: f64, step: f64) -> f64 {
    if step < 1.0 {
        // Divide by the inverse so 0.32 comes out as 0.32, not 0.32000000000000006.
        let inverse = (1.0 / step).round();
        (x * inverse).round() / inverse
    } else {
        (x / step).round() * step
    }
}

fn pick_or<T: Copy>(rng: &mut Rng, items: &[T], fallback: T) -> T {
    rng.pick(items).copied().unwrap_or(fallback)
}

/// The most recent occurrence (start not after `end`) of a yearly window
/// given as month/day pairs.
fn recent_yearly(end: NaiveDate, from: (u32, u32), to: (u32, u32)) -> (NaiveDate, NaiveDate) {
    for year in [end.year(), end.year() - 1] {
        if let (Some(s), Some(e)) = (ymd(year, from.0, from.1), ymd(year, to.0, to.1)) {
            if s <= end {
                return (s, e);
            }
        }
    }
    (shift(end, -30), shift(end, -20))
}

// ---------------------------------------------------------------------------
// Calendar: holidays, festivals and retail dates around the window

struct Calendar {
    holidays: Vec<Holiday>,
    makeup: BTreeSet<NaiveDate>,
    retail: Vec<(NaiveDate, &'static str)>,
    lunar_new_years: Vec<NaiveDate>,
}

impl Calendar {
    fn new(start: NaiveDate, until: NaiveDate) -> Self {
        let years = (start.year() - 1)..=(until.year() + 1);
        let holidays: Vec<Holiday> = years.clone().flat_map(holidays::holidays).collect();
        let makeup = holidays
            .iter()
            .flat_map(|h| h.makeup_workdays.iter().copied())
            .collect();
        let retail = years
            .clone()
            .flat_map(holidays::retail_dates)
            .map(|(d, zh, _)| (d, zh))
            .collect();
        let lunar_new_years = years.filter_map(holidays::lunar_new_year).collect();
        Calendar {
            holidays,
            makeup,
            retail,
            lunar_new_years,
        }
    }

    fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays.iter().find(|h| h.contains(date))
    }

    /// The latest holiday with this Chinese name that starts on or before
    /// `date` (names such as "国庆节、中秋节" match "国庆节").
    fn latest_holiday(&self, name: &str, date: NaiveDate) -> Option<&Holiday> {
        self.holidays
            .iter()
            .filter(|h| h.name_zh.contains(name) && h.start <= date)
            .max_by_key(|h| h.start)
    }

    fn retail_on(&self, date: NaiveDate) -> Option<&'static str> {
        self.retail.iter().find(|r| r.0 == date).map(|r| r.1)
    }

    /// Days from the nearest Lunar New Year (negative before it).
    fn lunar_offset(&self, date: NaiveDate) -> Option<i64> {
        self.lunar_new_years
            .iter()
            .map(|lny| (date - *lny).num_days())
            .min_by_key(|off| off.abs())
    }

    /// The latest Lunar New Year whose run-up (three weeks) has begun by `date`.
    fn latest_lunar_new_year(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.lunar_new_years
            .iter()
            .copied()
            .filter(|lny| shift(*lny, -21) <= date)
            .max()
    }
}

/// How busy a day is relative to an ordinary day at the window start.
fn day_factor(date: NaiveDate, start: NaiveDate, cal: &Calendar) -> f64 {
    let years = (date - start).num_days() as f64 / 365.0;
    let trend = 1.0 + GROWTH_PER_YEAR * years;

    let holiday = cal.holiday(date);
    let weekday = if holiday.is_some() {
        // Days off behave like weekends: families eat out and order in.
        1.18
    } else if cal.makeup.contains(&date) {
        0.95
    } else {
        match date.weekday() {
            Weekday::Mon => 0.92,
            Weekday::Tue => 0.90,
            Weekday::Wed => 0.93,
            Weekday::Thu => 0.96,
            Weekday::Fri => 1.06,
            Weekday::Sat => 1.28,
            Weekday::Sun => 1.22,
        }
    };

    // Summer is the peak for a snack and drinks chain; winter is quieter.
    let season = match date.month() {
        1 => 0.96,
        2 => 0.95,
        3 => 0.98,
        4 => 1.0,
        5 => 1.03,
        6 => 1.06,
        7 => 1.13,
        8 => 1.15,
        9 => 1.04,
        10 => 1.02,
        11 => 0.98,
        _ => 0.97,
    };

    let holiday_bonus = match holiday.map(|h| h.name_zh) {
        Some(name) if name.contains("国庆") => 1.2,
        Some(name) if name.contains("劳动") => 1.16,
        Some(name) if name.contains("中秋") => 1.12,
        Some(name) if name.contains("端午") => 1.1,
        Some(name) if name.contains("元旦") => 1.08,
        Some(name) if name.contains("清明") => 1.03,
        _ => 1.0,
    };

    // Spring Festival: the 年货 run-up peaks, the festival days stay busy,
    // then offices and schools restart slowly and traffic dips for weeks.
    let spring = match cal.lunar_offset(date) {
        Some(off @ -21..=-8) => 1.0 + 0.22 * (off + 21) as f64 / 13.0,
        Some(-7..=-2) => 1.25,
        Some(-1..=6) => 1.1,
        Some(off @ 7..=27) => 0.84 + 0.14 * (off - 7) as f64 / 20.0,
        _ => 1.0,
    };

    let retail = match cal.retail_on(date) {
        Some("双11") => 1.15,
        Some("618年中大促") => 1.12,
        Some("七夕") => 1.12,
        Some("520") => 1.1,
        Some(_) => 1.06,
        None => 1.0,
    };

    trend * weekday * season * holiday_bonus * spring * retail
}

// ---------------------------------------------------------------------------
// Dimensions: how traffic splits

/// Districts with at least one store. Without a store there are no table
/// QR codes and no delivery.
fn has_store(d: District) -> bool {
    !matches!(
        d,
        District::Baodi | District::Ninghe | District::Jinghai | District::Jizhou
    )
}

/// Paid ads are geo-targeted to the six central districts and Binhai, where
/// stores and delivery coverage are dense enough to pay back the clicks.
fn paid_targeted(d: District) -> bool {
    matches!(
        d,
        District::Heping
            | District::Hedong
            | District::Hexi
            | District::Nankai
            | District::Hebei
            | District::Hongqiao
            | District::Binhai
    )
}

/// A food chain's traffic follows its stores: the old city centre and the
/// dense inner districts are over-weighted against their population, the
/// outer districts (one store in Wuqing, none further out) far under.
fn district_weight(d: District) -> f64 {
    let centrality = match d {
        District::Heping => 3.4,
        District::Nankai => 2.3,
        District::Hexi => 2.3,
        District::Hedong => 1.5,
        District::Hebei => 1.4,
        District::Hongqiao => 1.3,
        District::Binhai => 1.0,
        District::Xiqing => 0.9,
        District::Dongli => 0.8,
        District::Beichen => 0.75,
        District::Jinnan => 0.7,
        District::Wuqing => 0.2,
        District::Jinghai => 0.02,
        District::Jizhou => 0.02,
        District::Ninghe => 0.02,
        District::Baodi => 0.02,
    };
    d.population_wan() * centrality
}

fn district_shares() -> Vec<(District, f64)> {
    let total: f64 = District::ALL.iter().map(|d| district_weight(*d)).sum();
    District::ALL
        .iter()
        .map(|d| (*d, ratio(district_weight(*d), total)))
        .collect()
}

/// Channel mix at `t` (0 = window start, 1 = a year later): content
/// platforms slowly take share from direct visits. Paid ads run on about
/// half the days (see [`paid_flight`]) and only in some districts, so their
/// share where they run is higher than the ~9% they average.
fn channel_share(c: Channel, t: f64) -> f64 {
    match c {
        Channel::Direct => 0.32 - 0.04 * t,
        Channel::Social => 0.25,
        Channel::Content => 0.18 + 0.04 * t,
        Channel::OfflineQr => 0.15,
        Channel::PaidAds => 0.22,
    }
}

/// Platform mix at `t`: HarmonyOS NEXT phones slowly replace Android ones.
fn platform_share(p: Platform, t: f64) -> f64 {
    match p {
        Platform::Android => 0.57 - 0.04 * t,
        Platform::Ios => 0.38,
        Platform::Harmony => 0.05 + 0.04 * t,
    }
}

/// Behaviour that differs by where a visit came from.
struct ChannelProfile {
    bounce: f64,
    new_share: f64,
    conversion: f64,
    repurchase: f64,
    aov: f64,
}

fn profile(c: Channel) -> ChannelProfile {
    match c {
        Channel::Direct => ChannelProfile {
            bounce: 0.26,
            new_share: 0.06,
            conversion: 0.075,
            repurchase: 0.48,
            aov: 1.0,
        },
        Channel::Social => ChannelProfile {
            bounce: 0.38,
            new_share: 0.28,
            conversion: 0.045,
            repurchase: 0.32,
            aov: 0.98,
        },
        Channel::Content => ChannelProfile {
            bounce: 0.44,
            new_share: 0.32,
            conversion: 0.028,
            repurchase: 0.28,
            aov: 1.02,
        },
        // Scanned at the table or counter: people are there to order.
        Channel::OfflineQr => ChannelProfile {
            bounce: 0.20,
            new_share: 0.30,
            conversion: 0.11,
            repurchase: 0.36,
            aov: 1.1,
        },
        Channel::PaidAds => ChannelProfile {
            bounce: 0.50,
            new_share: 0.45,
            conversion: 0.03,
            repurchase: 0.22,
            aov: 0.95,
        },
    }
}

fn platform_tweak(p: Platform) -> (f64, f64) {
    // (conversion, AOV) multipliers.
    match p {
        Platform::Ios => (1.05, 1.08),
        Platform::Android => (1.0, 0.97),
        Platform::Harmony => (0.97, 0.98),
    }
}

fn district_aov(d: District) -> f64 {
    match d {
        District::Heping => 1.1,
        District::Hexi | District::Nankai => 1.05,
        District::Binhai => 1.02,
        District::Baodi | District::Jizhou | District::Ninghe | District::Jinghai => 0.92,
        _ => 1.0,
    }
}

// ---------------------------------------------------------------------------
// Campaigns (specs first: the metrics depend on them)

/// Multipliers a campaign applies to the rows it covers.
#[derive(Debug, Clone, Copy)]
struct Effect {
    visits: f64,
    conversion: f64,
    new_share: f64,
    aov: f64,
}

impl Effect {
    const NONE: Effect = Effect {
        visits: 1.0,
        conversion: 1.0,
        new_share: 1.0,
        aov: 1.0,
    };

    fn combine(self, o: Effect) -> Effect {
        Effect {
            visits: self.visits * o.visits,
            conversion: self.conversion * o.conversion,
            new_share: self.new_share * o.new_share,
            aov: self.aov * o.aov,
        }
    }
}

struct Spec {
    name: &'static str,
    kind: CampaignType,
    goal: CampaignGoal,
    audience: Audience,
    districts: Vec<District>,
    channels: Vec<Channel>,
    start: NaiveDate,
    end: NaiveDate,
    budget: f64,
    /// Only Monday–Friday (e.g. weekday lunch offers).
    weekdays_only: bool,
    /// Reviewed once over; `notes` are the review's worked / to-change text.
    review: bool,
    notes: Option<(&'static str, &'static str)>,
}

impl Spec {
    fn active(&self, date: NaiveDate) -> bool {
        self.start <= date
            && date <= self.end
            && !(self.weekdays_only && date.weekday().number_from_monday() > 5)
    }

    fn covers(&self, d: District, c: Channel) -> bool {
        (self.districts.is_empty() || self.districts.contains(&d))
            && (self.channels.is_empty() || self.channels.contains(&c))
    }

    fn effect(&self) -> Effect {
        let (visits, conversion, new_share, aov) = match self.kind {
            CampaignType::Discount => (1.12, 1.18, 1.0, 0.93),
            CampaignType::GroupBuy => (1.2, 1.1, 1.3, 1.05),
            CampaignType::FlashSale => (1.28, 1.15, 1.1, 0.9),
            CampaignType::CouponPack => (1.15, 1.2, 1.15, 1.0),
            CampaignType::CheckIn => (1.12, 1.02, 1.0, 1.0),
            CampaignType::Points => (1.06, 1.05, 1.0, 1.02),
            CampaignType::Lottery => (1.15, 1.03, 1.15, 1.0),
        };
        let goal = match self.goal {
            CampaignGoal::Acquisition => Effect {
                new_share: 1.4,
                ..Effect::NONE
            },
            CampaignGoal::RaiseAov => Effect {
                aov: 1.1,
                ..Effect::NONE
            },
            CampaignGoal::ClearStock => Effect {
                conversion: 1.05,
                ..Effect::NONE
            },
            CampaignGoal::Activation => Effect::NONE,
        };
        Effect {
            visits,
            conversion,
            new_share,
            aov,
        }
        .combine(goal)
    }

    /// Share of the covered traffic that took part in the campaign.
    fn participation(&self) -> f64 {
        match self.kind {
            CampaignType::CheckIn | CampaignType::Lottery => 0.3,
            CampaignType::FlashSale | CampaignType::CouponPack => 0.22,
            _ => 0.15,
        }
    }
}

fn campaign_specs(end: NaiveDate, cal: &Calendar) -> Vec<Spec> {
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
        .filter(|r| r.1 == "七夕" && shift(r.0, -4) <= end)
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
                (shift(end, -20), shift(end, 10)),
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
                (shift(end, -150), shift(end, -95)),
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
                (shift(lny, -21), shift(lny, -2)),
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
                (shift(qixi, -4), qixi),
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
                (shift(mid_autumn, -20), shift(mid_autumn, -1)),
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
                (shift(end, -70), shift(end, -50)),
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
                (shift(end, 14), shift(end, 27)),
                18_000.0,
            )
        },
        spec(
            "会员日幸运大转盘",
            T::Lottery,
            G::Activation,
            Audience::Active,
            (shift(end, 33), shift(end, 46)),
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
                (shift(last, -5), last),
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
                (shift(lny, -24), shift(lny, -3)),
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
                (shift(lny, 8), shift(lny, 14)),
                8_000.0,
            )
        });
    }
    out
}

// ---------------------------------------------------------------------------
// Local events

struct EventSpec {
    name: &'static str,
    start: NaiveDate,
    end: NaiveDate,
    district: Option<District>,
    note: &'static str,
    /// Traffic multiplier for the event's district while it runs.
    boost: f64,
}

impl EventSpec {
    fn to_event(&self, index: usize) -> LocalEvent {
        LocalEvent {
            id: format!("ev-{:02}", index + 1),
            name: self.name.to_string(),
            start: self.start,
            end: self.end,
            district: self.district,
            note: self.note.to_string(),
        }
    }
}

/// Recurring Tianjin events overlapping `[from, until]`. Dates follow the
/// usual timing of each event; organisers publish the exact days late.
fn event_specs(from: NaiveDate, until: NaiveDate, cal: &Calendar) -> Vec<EventSpec> {
    type Fixed = (
        &'static str,
        (u32, u32),
        (u32, u32),
        Option<District>,
        &'static str,
        f64,
    );
    #[rustfmt::skip]
    const FIXED: &[Fixed] = &[
        ("五大道海棠花节", (4, 3), (4, 20), Some(District::Heping), "民园广场一带赏花客流大,五大道周边门店加备茶饮和小吃。", 1.12),
        ("盘山登山节", (4, 25), (4, 27), Some(District::Jizhou), "蓟州盘山景区。蓟州暂无门店,登山节期间小程序访问明显上升,可评估快闪摊位。", 2.5),
        ("意风区啤酒节", (7, 15), (8, 15), Some(District::Hebei), "意式风情区夜间客流高峰,适合推夜宵套餐。", 1.15),
        ("北塘开海节", (9, 1), (9, 3), Some(District::Binhai), "伏季休渔结束,北塘海鲜季开锣。", 1.1),
        ("天津妈祖文化旅游节", (9, 19), (9, 23), Some(District::Binhai), "滨海新区妈祖文化园民俗巡游,日期以主办方公布为准。", 1.15),
        ("天津马拉松", (10, 18), (10, 18), None, "赛道沿海河两岸,比赛日中心城区交通管制,配送时效受影响。", 1.0),
        ("茶馆相声节", (11, 6), (11, 16), Some(District::Heping), "名流茶馆等老茶馆联合加场,晚场散场后夜宵需求上升。", 1.08),
    ];

    let mut out = Vec::new();
    for year in from.year()..=until.year() {
        for &(name, a, b, district, note, boost) in FIXED {
            if let (Some(start), Some(end)) = (ymd(year, a.0, a.1), ymd(year, b.0, b.1)) {
                out.push(EventSpec {
                    name,
                    start,
                    end,
                    district,
                    note,
                    boost,
                });
            }
        }
        // Summer Davos (Annual Meeting of the New Champions) alternates
        // between Tianjin (odd years) and Dalian.
        if year % 2 == 1 {
            if let (Some(start), Some(end)) = (ymd(year, 6, 24), ymd(year, 6, 26)) {
                out.push(EventSpec {
                    name: "天津夏季达沃斯",
                    start,
                    end,
                    district: Some(District::Hexi),
                    note: "会场周边交通管制,外卖配送受限;外地商务客流增加。",
                    boost: 1.05,
                });
            }
        }
        // The dragon-boat race is held over the Dragon Boat Festival holiday.
        if let Some(h) = cal
            .holidays
            .iter()
            .find(|h| h.start.year() == year && h.name_zh == "端午节")
        {
            out.push(EventSpec {
                name: "海河国际龙舟赛",
                start: h.start,
                end: h.end,
                district: None,
                note: "海河中心城区段,沿岸观赛人流大,粽子和冷饮备货。",
                boost: 1.0,
            });
        }
        if let Some(lny) = holidays::lunar_new_year(year) {
            out.push(EventSpec {
                name: "古文化街年货市集",
                start: shift(lny, -20),
                end: shift(lny, -1),
                district: Some(District::Nankai),
                note: "年货采购高峰,津味礼盒和大麻花铺货。",
                boost: 1.12,
            });
        }
        if let Some(lantern) = holidays::lantern_festival(year) {
            out.push(EventSpec {
                name: "元宵灯会",
                start: shift(lantern, -2),
                end: shift(lantern, 2),
                district: Some(District::Hebei),
                note: "古文化街、意式风情区灯会,晚间人流集中。",
                boost: 1.1,
            });
        }
    }
    out.retain(|e| e.end >= from && e.start <= until);
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.name.cmp(b.name)));
    out
}

// ---------------------------------------------------------------------------
// Metric facts

fn gen_metrics(
    seed: u64,
    start: NaiveDate,
    days: &[NaiveDate],
    cal: &Calendar,
    specs: &[Spec],
    events: &[EventSpec],
) -> Vec<MetricFact> {
    let mut rng = Rng::derive(seed, S_METRICS);
    let districts = district_shares();
    let mut out = Vec::with_capacity(days.len() * 200);

    for &date in days {
        let t = (date - start).num_days() as f64 / 365.0;
        let total = BASE_VISITS * day_factor(date, start, cal) * rng.jitter(0.035);
        let active: Vec<(&Spec, Effect)> = specs
            .iter()
            .filter(|s| s.active(date))
            .map(|s| (s, s.effect()))
            .collect();
        let paid_on = paid_flight(date, &active);

        for &(district, d_share) in &districts {
            let event_boost: f64 = events
                .iter()
                .filter(|e| e.district == Some(district) && e.start <= date && date <= e.end)
                .map(|e| e.boost)
                .product();
            for &channel in Channel::ALL {
                let available = match channel {
                    Channel::OfflineQr => has_store(district),
                    Channel::PaidAds => paid_on && paid_targeted(district),
                    _ => true,
                };
                if !available {
                    continue;
                }
                for &platform in Platform::ALL {
                    let effect = active
                        .iter()
                        .filter(|(s, _)| s.covers(district, channel))
                        .fold(Effect::NONE, |acc, (_, e)| acc.combine(*e));
                    let expected = total
                        * d_share
                        * channel_share(channel, t)
                        * platform_share(platform, t)
                        * event_boost
                        * effect.visits
                        * rng.jitter(0.15);
                    let visits = rng.round_stochastic(expected);
                    if visits == 0 {
                        continue;
                    }
                    out.push(build_fact(
                        &mut rng, date, district, channel, platform, visits, effect,
                    ));
                }
            }
        }
    }
    out
}

/// Paid ads run in flights, not every day: the first ten days of each month
/// (the monthly brand push) and during campaigns that use them. Off-flight
/// days have no paid traffic at all.
fn paid_flight(date: NaiveDate, active: &[(&Spec, Effect)]) -> bool {
    date.day() <= 10
        || active
            .iter()
            .any(|(s, _)| s.channels.is_empty() || s.channels.contains(&Channel::PaidAds))
}

fn build_fact(
    rng: &mut Rng,
    date: NaiveDate,
    district: District,
    channel: Channel,
    platform: Platform,
    visits: u32,
    effect: Effect,
) -> MetricFact {
    let prof = profile(channel);
    let (conv_tweak, aov_tweak) = platform_tweak(platform);

    let visits_per_visitor = rng.range(1.1, 1.32);
    let visitors = rng
        .round_stochastic(f64::from(visits) / visits_per_visitor)
        .clamp(1, visits);
    let new_share = (prof.new_share * effect.new_share * rng.jitter(0.15)).clamp(0.0, 0.95);
    let new_visitors = rng
        .round_stochastic(f64::from(visitors) * new_share)
        .min(visitors);

    // One session per mini-program open.
    let sessions = visits;
    let bounce_rate = (prof.bounce * rng.jitter(0.1)).clamp(0.05, 0.85);
    let bounces = rng
        .round_stochastic(f64::from(sessions) * bounce_rate)
        .min(sessions);
    let engaged = sessions - bounces;
    let depth = rng.range(3.4, 5.6);
    let engaged_views = rng
        .round_stochastic(f64::from(engaged) * depth)
        .max(engaged);

    let conversion = prof.conversion * conv_tweak * effect.conversion * rng.jitter(0.12);
    let paying_users = rng
        .round_stochastic(f64::from(visitors) * conversion)
        .min(visitors)
        .min(engaged);
    // A few payers place a second order the same day.
    let second_orders = rng.range(0.03, 0.12);
    let orders = paying_users + rng.round_stochastic(f64::from(paying_users) * second_orders);
    // Abandoned carts on top of the ones that became orders.
    let abandoned = rng.range(0.06, 0.14);
    let carts = orders + rng.round_stochastic(f64::from(engaged) * abandoned);
    // Sessions that opened at least one product: a funnel step, so it never
    // exceeds the engaged sessions (and so the visits).
    let product_share = rng.range(0.55, 0.8);
    let product_views = rng
        .round_stochastic(f64::from(engaged) * product_share)
        .max(carts);
    let page_views = (bounces + engaged_views).max(bounces + product_views);

    let stay_seconds = f64::from(bounces) * rng.range(6.0, 22.0)
        + f64::from(page_views - bounces) * rng.range(26.0, 40.0);

    let repurchase = prof.repurchase * rng.jitter(0.12);
    let repeat_buyers = rng
        .round_stochastic(f64::from(paying_users) * repurchase)
        .min(paying_users);

    let aov =
        (62.0 * prof.aov * aov_tweak * district_aov(district) * effect.aov * rng.jitter(0.08))
            .clamp(45.0, 85.0);

    MetricFact {
        date,
        district,
        channel,
        platform,
        visits,
        visitors,
        new_visitors,
        sessions,
        stay_seconds: stay_seconds.round() as u64,
        page_views,
        bounces,
        product_views,
        carts,
        orders,
        paying_users,
        repeat_buyers,
        revenue: money(f64::from(orders) * aov),
    }
}

// ---------------------------------------------------------------------------
// Aggregates of the metric facts

#[derive(Default)]
struct MonthAgg {
    total: Totals,
    days: u32,
    by_district: BTreeMap<District, Totals>,
    by_channel: BTreeMap<Channel, Totals>,
    /// Visits by ISO weekday (1 = Monday).
    by_weekday: BTreeMap<u32, u64>,
}

struct Aggregates {
    daily: BTreeMap<NaiveDate, Totals>,
    monthly: BTreeMap<String, MonthAgg>,
}

impl Aggregates {
    fn from_facts(facts: &[MetricFact]) -> Self {
        let mut daily: BTreeMap<NaiveDate, Totals> = BTreeMap::new();
        let mut monthly: BTreeMap<String, MonthAgg> = BTreeMap::new();
        for f in facts {
            daily.entry(f.date).or_default().add(f);
            let m = monthly.entry(month_key(f.date)).or_default();
            m.by_district.entry(f.district).or_default().add(f);
            m.by_channel.entry(f.channel).or_default().add(f);
        }
        for (date, t) in &daily {
            let m = monthly.entry(month_key(*date)).or_default();
            m.total.merge(t);
            m.days += 1;
            *m.by_weekday
                .entry(date.weekday().number_from_monday())
                .or_default() += t.visits;
        }
        Aggregates { daily, monthly }
    }

    /// Summed totals of the days in `[from, to]`, and how many days had data.
    fn range(&self, from: NaiveDate, to: NaiveDate) -> (Totals, u32) {
        let mut sum = Totals::default();
        let mut n = 0;
        if from > to {
            return (sum, n);
        }
        for t in self.daily.range(from..=to).map(|(_, t)| t) {
            sum.merge(t);
            n += 1;
        }
        (sum, n)
    }

    fn last_days(&self, n: i64) -> (Totals, u32) {
        match self.daily.keys().next_back() {
            Some(last) => self.range(shift(*last, 1 - n), *last),
            None => (Totals::default(), 0),
        }
    }
}

// ---------------------------------------------------------------------------
// Portrait, hourly, pages

fn gen_portrait(seed: u64, agg: &Aggregates) -> Vec<PortraitRow> {
    let mut rng = Rng::derive(seed, S_PORTRAIT);
    let genders = [
        (Gender::Female, 0.55),
        (Gender::Male, 0.40),
        (Gender::Unknown, 0.05),
    ];
    let mut out = Vec::new();
    for (month, m) in &agg.monthly {
        for (district, t) in &m.by_district {
            // Daily visitors repeat across a month; roughly 40% are distinct.
            let monthly_uv = t.visitors as f64 * 0.4;
            let ages = age_mix(*district);
            let age_total: f64 = ages.iter().map(|a| a.1).sum();
            for &(gender, g_share) in &genders {
                for &(age, a_weight) in &ages {
                    let expected =
                        monthly_uv * g_share * ratio(a_weight, age_total) * rng.jitter(0.08);
                    out.push(PortraitRow {
                        month: month.clone(),
                        district: *district,
                        gender,
                        age_band: age,
                        visitors: rng.round_stochastic(expected),
                    });
                }
            }
        }
    }
    out
}

/// Age mix of a district's visitors: students around the university towns
/// (西青大学城, 海河教育园区 in 津南), office workers downtown, older users in
/// the outer districts.
fn age_mix(d: District) -> Vec<(AgeBand, f64)> {
    let (young, prime, older) = match d {
        District::Xiqing | District::Jinnan => (1.6, 1.0, 0.9),
        District::Heping | District::Hexi | District::Nankai => (1.0, 1.15, 0.9),
        District::Jizhou | District::Baodi | District::Ninghe | District::Jinghai => {
            (0.8, 0.9, 1.35)
        }
        _ => (1.0, 1.0, 1.0),
    };
    vec![
        (AgeBand::Under18, 0.04 * young),
        (AgeBand::From18To24, 0.18 * young),
        (AgeBand::From25To34, 0.34 * prime),
        (AgeBand::From35To44, 0.24),
        (AgeBand::From45To54, 0.12 * older),
        (AgeBand::Over55, 0.08 * older),
    ]
}

/// Relative visits by hour: breakfast, a lunch peak (11–13), a dinner peak
/// (17–20) and a late-evening bump for snacks (21–22).
const WEEKDAY_HOURS: [f64; 24] = [
    0.5, 0.3, 0.2, 0.15, 0.15, 0.4, 1.2, 2.8, 3.4, 2.6, 3.0, 6.8, 8.6, 5.2, 2.8, 2.6, 3.2, 6.0,
    8.0, 7.4, 5.0, 4.6, 4.0, 1.8,
];
/// Weekends start later and spread lunch into the afternoon.
const WEEKEND_HOURS: [f64; 24] = [
    0.8, 0.5, 0.3, 0.2, 0.15, 0.25, 0.6, 1.4, 2.6, 3.4, 4.4, 7.0, 8.4, 6.6, 4.2, 3.6, 4.0, 6.4,
    8.2, 7.8, 5.6, 5.0, 4.4, 2.4,
];

fn gen_hourly(seed: u64, agg: &Aggregates) -> Vec<HourlyVisits> {
    let mut rng = Rng::derive(seed, S_HOURLY);
    let mut out = Vec::new();
    for (month, m) in &agg.monthly {
        for weekday in 1..=7u32 {
            let visits = m.by_weekday.get(&weekday).copied().unwrap_or(0) as f64;
            let profile = if weekday >= 6 {
                &WEEKEND_HOURS
            } else {
                &WEEKDAY_HOURS
            };
            let total: f64 = profile.iter().sum();
            for (hour, w) in (0u8..).zip(profile.iter()) {
                let expected = visits * ratio(*w, total) * rng.jitter(0.05);
                out.push(HourlyVisits {
                    month: month.clone(),
                    weekday: weekday as u8,
                    hour,
                    visits: rng.round_stochastic(expected),
                });
            }
        }
    }
    out
}

/// (path, title, share of page views, seconds per view, exit rate, share of
/// the month's visitors who open it)
const PAGES: &[(&str, &str, f64, f64, f64, f64)] = &[
    ("pages/index/index", "首页", 0.24, 22.0, 0.30, 0.85),
    ("pages/menu/menu", "菜单", 0.18, 55.0, 0.16, 0.62),
    ("pages/goods/detail", "商品详情", 0.16, 38.0, 0.14, 0.45),
    ("pages/cart/cart", "购物车", 0.07, 28.0, 0.18, 0.2),
    ("pages/order/confirm", "确认订单", 0.04, 42.0, 0.22, 0.09),
    ("pages/order/result", "支付结果", 0.025, 12.0, 0.55, 0.07),
    ("pages/order/list", "我的订单", 0.04, 30.0, 0.3, 0.12),
    ("pages/order/detail", "订单详情", 0.035, 40.0, 0.45, 0.09),
    ("pages/coupon/center", "领券中心", 0.05, 34.0, 0.28, 0.2),
    ("pages/member/index", "会员中心", 0.035, 30.0, 0.3, 0.13),
    ("pages/member/points", "积分商城", 0.02, 45.0, 0.4, 0.05),
    ("pages/store/list", "门店列表", 0.04, 35.0, 0.2, 0.18),
    ("pages/store/detail", "门店详情", 0.025, 30.0, 0.25, 0.1),
    ("pages/activity/index", "活动专题", 0.03, 40.0, 0.35, 0.12),
    ("pages/search/index", "搜索", 0.025, 20.0, 0.15, 0.1),
    ("pages/mine/index", "我的", 0.02, 18.0, 0.3, 0.1),
];

fn gen_pages(seed: u64, agg: &Aggregates) -> Vec<TopPage> {
    let mut rng = Rng::derive(seed, S_PAGES);
    let share_total: f64 = PAGES.iter().map(|p| p.2).sum();
    let mut out = Vec::new();
    for (month, m) in &agg.monthly {
        let monthly_uv = m.total.visitors as f64 * 0.4;
        for &(path, title, share, secs, exit, reach) in PAGES {
            let (j_views, j_reach, j_stay, j_exit) = (
                rng.jitter(0.05),
                rng.jitter(0.05),
                rng.jitter(0.06),
                rng.jitter(0.08),
            );
            let page_views = rng
                .round_stochastic(m.total.page_views as f64 * ratio(share, share_total) * j_views);
            let visitors = rng
                .round_stochastic(monthly_uv * reach * j_reach)
                .min(page_views);
            let stay = f64::from(page_views) * secs * j_stay;
            let exits = rng
                .round_stochastic(f64::from(page_views) * exit * j_exit)
                .min(page_views);
            out.push(TopPage {
                month: month.clone(),
                path: path.to_string(),
                title: title.to_string(),
                page_views,
                visitors,
                stay_seconds: stay.round() as u64,
                exits,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Channel spend

/// How a placement is paid for.
#[derive(Clone, Copy)]
enum Cost {
    Free,
    /// A monthly fee range (creators, boosting, printing), prorated.
    Monthly(f64, f64),
    /// Cost per click range: follows the ad flights.
    PerClick(f64, f64),
}

/// (channel, placement, share of the channel's traffic, cost, click-through
/// of reach)
const PLACEMENTS: &[(Channel, &str, f64, Cost, f64)] = &[
    (
        Channel::PaidAds,
        "朋友圈广告",
        0.65,
        Cost::PerClick(0.5, 0.7),
        0.018,
    ),
    (
        Channel::PaidAds,
        "搜索广告",
        0.35,
        Cost::PerClick(0.4, 0.6),
        0.045,
    ),
    (Channel::Content, "公众号推文", 0.3, Cost::Free, 0.06),
    (
        Channel::Content,
        "视频号",
        0.2,
        Cost::Monthly(1_500.0, 3_000.0),
        0.03,
    ),
    (
        Channel::Content,
        "小红书笔记",
        0.3,
        Cost::Monthly(6_000.0, 10_000.0),
        0.04,
    ),
    (
        Channel::Content,
        "抖音短视频",
        0.2,
        Cost::Monthly(4_000.0, 8_000.0),
        0.02,
    ),
    (Channel::Social, "微信群", 0.55, Cost::Free, 0.15),
    (Channel::Social, "朋友圈转发", 0.45, Cost::Free, 0.1),
    (
        Channel::OfflineQr,
        "门店桌贴二维码",
        0.7,
        Cost::Monthly(600.0, 1_000.0),
        0.25,
    ),
    (Channel::OfflineQr, "支付后引流", 0.3, Cost::Free, 0.12),
];

fn gen_channels(seed: u64, agg: &Aggregates) -> Vec<ChannelSpend> {
    let mut rng = Rng::derive(seed, S_CHANNELS);
    let mut out = Vec::new();
    for (month, m) in &agg.monthly {
        // A partial month spends a partial budget.
        let month_fraction = (f64::from(m.days) / 30.0).min(1.0);
        for &(channel, placement, share, pricing, ctr) in PLACEMENTS {
            let t = m.by_channel.get(&channel).copied().unwrap_or_default();
            let s = share * rng.jitter(0.06);
            let visits = to_u32(t.visits as f64 * s);
            // Some clicks never finish loading the mini-program.
            let clicks = to_u32(f64::from(visits) * rng.range(1.08, 1.35));
            let reach = to_u32(f64::from(clicks) / (ctr * rng.jitter(0.1)).max(0.005));
            let cost = match pricing {
                Cost::Free => 0.0,
                Cost::Monthly(lo, hi) => money(rng.range(lo, hi) * month_fraction),
                Cost::PerClick(lo, hi) => money(f64::from(clicks) * rng.range(lo, hi)),
            };
            out.push(ChannelSpend {
                month: month.clone(),
                channel,
                placement: placement.to_string(),
                cost,
                reach: reach.max(clicks),
                clicks,
                visits,
                new_users: to_u32(t.new_visitors as f64 * s).min(visits),
                orders: to_u32(t.orders as f64 * s),
                revenue: money(t.revenue * s),
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Campaign records

fn gen_campaigns(seed: u64, end: NaiveDate, specs: &[Spec], facts: &[MetricFact]) -> Vec<Campaign> {
    let mut rng = Rng::derive(seed, S_CAMPAIGNS);
    let mut out = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        let scope = |from: NaiveDate, to: NaiveDate| {
            let mut t = Totals::default();
            for f in facts.iter().filter(|f| {
                from <= f.date
                    && f.date <= to
                    && s.covers(f.district, f.channel)
                    && !(s.weekdays_only && f.date.weekday().number_from_monday() > 5)
            }) {
                t.add(f);
            }
            t
        };
        let figures = |t: &Totals, scale: f64| CampaignFigures {
            participants: to_u32(t.visitors as f64 * s.participation() * scale),
            new_users: to_u32(t.new_visitors as f64 * 0.4 * scale),
            // Orders that used the campaign (its coupon, group or price): a
            // slice of all orders in scope, so ROI lands where real ones do.
            orders: to_u32(t.orders as f64 * 0.12 * scale),
            revenue: money(t.revenue * 0.12 * scale),
        };

        let status = if s.start > end {
            CampaignStatus::Planned
        } else if s.end >= end {
            CampaignStatus::Running
        } else if s.review && (end - s.end).num_days() > 7 {
            CampaignStatus::Reviewed
        } else {
            CampaignStatus::Ended
        };

        // Targets were set from the four weeks before the campaign, scaled
        // to its length and the hoped-for lift.
        let days = (s.end - s.start).num_days() + 1;
        let before = scope(shift(s.start.min(end), -28), shift(s.start.min(end), -1));
        let targets = figures(&before, days as f64 / 28.0 * s.effect().visits * 1.1);

        let review = (status == CampaignStatus::Reviewed).then(|| {
            let actual = figures(&scope(s.start, s.end), rng.jitter(0.05));
            let (worked, to_change) = s.notes.unwrap_or(("", ""));
            CampaignReview {
                actual,
                cost: money(s.budget * rng.range(0.82, 1.04)),
                derived: false,
                worked: worked.to_string(),
                to_change: to_change.to_string(),
            }
        });

        out.push(Campaign {
            id: format!("spec-{i:02}"),
            name: s.name.to_string(),
            kind: s.kind,
            goal: s.goal,
            audience: s.audience,
            districts: s.districts.clone(),
            channels: s.channels.clone(),
            start: s.start,
            end: s.end,
            budget: s.budget,
            targets,
            status,
            review,
        });
    }
    // Number them in start order, oldest first.
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
    for (i, c) in out.iter_mut().enumerate() {
        c.id = format!("cmp-{:02}", i + 1);
    }
    out
}

// ---------------------------------------------------------------------------
// Feedback

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
    }
}

/// (category, district, mood, text) before a time and status are assigned.
type FeedbackDraft = (FeedbackCategory, Option<District>, Mood, String);

fn gen_feedback(seed: u64, end: NaiveDate) -> Vec<Feedback> {
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
            let day = shift(end, -back.min(RECENT_DAYS - 1));
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

// ---------------------------------------------------------------------------
// Content calendar

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

fn gen_content(
    seed: u64,
    start: NaiveDate,
    end: NaiveDate,
    specs: &[Spec],
    cal: &Calendar,
) -> Vec<ContentItem> {
    let mut rng = Rng::derive(seed, S_CONTENT);
    let horizon = shift(end, 42);
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
        let date = shift(s.start, -3);
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
        let date = shift(h.start, -4);
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
        shift(start, 1),
        ContentType::MenuUpdate,
        "本月新品与限定菜单".into(),
        vec!["菜单".into(), "月度".into()],
        Recurrence::Monthly,
        "每月2日更新小程序首页和门店物料".into(),
    ));
    drafts.push((
        shift(start, 27),
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
            shift(start, offset),
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
            shift(end, 10 + 9 * k as i64),
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

// ---------------------------------------------------------------------------
// Roadmap

fn gen_roadmap(seed: u64, end: NaiveDate) -> Vec<RoadmapItem> {
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

// ---------------------------------------------------------------------------
// Experience and health (last 90 days)

/// Bad days in the recent window: (payment outage day, slow page-load day).
fn incident_days(seed: u64, end: NaiveDate) -> (NaiveDate, NaiveDate) {
    let mut rng = Rng::derive(seed, S_INCIDENTS);
    (
        shift(end, -i64::from(rng.range_u32(55, 75))),
        shift(end, -i64::from(rng.range_u32(12, 25))),
    )
}

fn recent_days(end: NaiveDate, agg: &Aggregates) -> Vec<(NaiveDate, Totals)> {
    agg.daily
        .range(shift(end, 1 - RECENT_DAYS)..=end)
        .map(|(d, t)| (*d, *t))
        .collect()
}

fn gen_experience(
    seed: u64,
    end: NaiveDate,
    agg: &Aggregates,
    incidents: &(NaiveDate, NaiveDate),
) -> Vec<ExperienceSample> {
    let mut rng = Rng::derive(seed, S_EXPERIENCE);
    let (outage, slow) = *incidents;
    let mut out = Vec::new();
    for (date, t) in recent_days(end, agg) {
        let bad = date == outage || date == slow;
        for task in ["下单", "领券", "会员注册", "预约到店"] {
            let (starts, rate, pages) = match task {
                "下单" => (t.carts as f64, ratio(t.orders as f64, t.carts as f64), 4.0),
                "领券" => (t.visits as f64 * 0.12, 0.9, 2.5),
                "会员注册" => (t.new_visitors as f64 * 0.35, 0.68, 3.0),
                _ => (t.visits as f64 * 0.015, 0.78, 3.5),
            };
            let starts = to_u32(starts * rng.jitter(0.05)).max(1);
            let rate = if date == outage && task == "下单" {
                rate * 0.7
            } else if bad {
                rate * 0.92
            } else {
                rate * rng.jitter(0.03)
            };
            let completions = to_u32(f64::from(starts) * rate).min(starts);
            let (p50, p95) = if date == slow {
                (rng.range(1_900.0, 2_400.0), rng.range(5_200.0, 6_800.0))
            } else if date == outage {
                (rng.range(1_400.0, 1_700.0), rng.range(4_200.0, 5_500.0))
            } else {
                (rng.range(800.0, 1_500.0), rng.range(2_000.0, 3_900.0))
            };
            let error_rate = if bad {
                rng.range(0.02, 0.05)
            } else {
                rng.range(0.002, 0.01)
            };
            out.push(ExperienceSample {
                date,
                task: task.to_string(),
                starts,
                completions,
                load_ms_p50: to_u32(p50),
                load_ms_p95: to_u32(p95),
                page_views: to_u32(f64::from(starts) * pages * rng.jitter(0.05)),
                errors: to_u32(f64::from(starts) * error_rate),
            });
        }
    }
    out
}

fn gen_health(
    seed: u64,
    end: NaiveDate,
    agg: &Aggregates,
    incidents: &(NaiveDate, NaiveDate),
) -> Vec<HealthSample> {
    let mut rng = Rng::derive(seed, S_HEALTH);
    let (outage, slow) = *incidents;
    let mut out = Vec::new();
    for (date, t) in recent_days(end, agg) {
        // (endpoint, requests, base error rate, p50 range, p95 range)
        let endpoints = [
            (
                "/api/menu",
                t.page_views as f64 * 0.35,
                0.0015,
                (60.0, 90.0),
                (200.0, 350.0),
            ),
            (
                "/api/order",
                (t.carts + 2 * t.orders) as f64,
                0.003,
                (120.0, 180.0),
                (400.0, 700.0),
            ),
            (
                "/api/pay",
                t.orders as f64 * 1.3,
                0.004,
                (250.0, 350.0),
                (800.0, 1_400.0),
            ),
            (
                "/api/coupon",
                t.visits as f64 * 0.4,
                0.002,
                (70.0, 110.0),
                (250.0, 400.0),
            ),
            (
                "page_load",
                t.page_views as f64,
                0.006,
                (900.0, 1_300.0),
                (2_200.0, 3_500.0),
            ),
        ];
        for (endpoint, requests, err, p50, p95) in endpoints {
            let requests = to_u32(requests * rng.jitter(0.03)).max(1);
            let mut error_rate = err * rng.jitter(0.3).max(0.4);
            let mut p50 = rng.range(p50.0, p50.1);
            let mut p95 = rng.range(p95.0, p95.1);
            // The payment gateway outage also slows ordering; the slow day is
            // a CDN problem that only hurts page loads.
            if date == outage && (endpoint == "/api/pay" || endpoint == "/api/order") {
                error_rate = rng.range(0.03, 0.06);
                p50 *= 1.8;
                p95 *= 3.0;
            } else if date == slow && endpoint == "page_load" {
                error_rate = rng.range(0.015, 0.025);
                p50 *= 1.7;
                p95 *= 1.9;
            }
            out.push(HealthSample {
                date,
                endpoint: endpoint.to_string(),
                requests,
                errors: to_u32(f64::from(requests) * error_rate).min(requests),
                p50_ms: to_u32(p50),
                p95_ms: to_u32(p95),
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Experiments and targets

/// (name, hypothesis, metric, start offset, end offset, traffic share, base
/// conversion, variants with relative lift)
type ExperimentSpec = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    Option<i64>,
    f64,
    f64,
    &'static [(&'static str, f64)],
);

fn gen_experiments(seed: u64, end: NaiveDate, agg: &Aggregates) -> Vec<Experiment> {
    let mut rng = Rng::derive(seed, S_EXPERIMENTS);
    // (name, hypothesis, metric, start offset, end offset (None = running),
    //  share of traffic, base conversion, variants with relative lift)
    #[rustfmt::skip]
    let specs: &[ExperimentSpec] = &[
        ("首页大图 vs 宫格", "首页用金刚区宫格替代大图轮播,用户更快进入菜单,下单率提升。", "下单", -130, Some(-102), 0.5, 0.055,
            &[("A 大图轮播(对照)", 1.0), ("B 金刚区宫格", 1.09)]),
        ("一键下单按钮颜色", "红色按钮更醒目,确认订单页点击率更高。", "点击下单", -88, Some(-67), 0.6, 0.42,
            &[("A 橙色(对照)", 1.0), ("B 红色", 1.04), ("C 绿色", 0.97)]),
        ("支付成功页引导入会", "支付成功页引导开通会员,提升会员注册率。", "会员注册", -60, Some(-32), 0.4, 0.08,
            &[("A 无引导(对照)", 1.0), ("B 弹窗引导", 1.35), ("C 卡片引导", 1.22)]),
        ("新人券面额 10 vs 15", "15元新人券的首单转化提升能覆盖多出的5元成本。", "首单支付", -14, None, 0.3, 0.06,
            &[("A 10元(对照)", 1.0), ("B 15元", 1.18)]),
        ("菜单默认排序:推荐 vs 销量", "按销量排序让新用户更快找到招牌菜。", "加入购物车", -9, None, 0.5, 0.16,
            &[("A 推荐排序(对照)", 1.0), ("B 销量排序", 1.06)]),
    ];
    specs
        .iter()
        .enumerate()
        .map(
            |(i, &(name, hypothesis, metric, from, to, share, base, variants))| {
                let start = shift(end, from);
                let stop = to.map(|t| shift(end, t));
                let (t, _) = agg.range(start, stop.unwrap_or(end));
                let per_variant = t.visitors as f64 * 0.4 * share / variants.len().max(1) as f64;
                let variants = variants
                    .iter()
                    .map(|&(vname, lift)| {
                        let visitors = to_u32(per_variant * rng.jitter(0.02));
                        ExperimentVariant {
                            name: vname.to_string(),
                            visitors,
                            conversions: to_u32(
                                f64::from(visitors) * base * lift * rng.jitter(0.03),
                            )
                            .min(visitors),
                        }
                    })
                    .collect();
                Experiment {
                    id: format!("exp-{:02}", i + 1),
                    name: name.to_string(),
                    hypothesis: hypothesis.to_string(),
                    metric: metric.to_string(),
                    start,
                    end: stop,
                    status: if stop.is_some() {
                        ExperimentStatus::Concluded
                    } else {
                        ExperimentStatus::Running
                    },
                    variants,
                }
            },
        )
        .collect()
}

/// Daily KPI targets a little above the last four weeks, with warning
/// thresholds below (or, for the bounce rate, above) them.
fn gen_targets(agg: &Aggregates) -> Vec<Target> {
    let (t, n) = agg.last_days(28);
    let days = f64::from(n.max(1));
    let per_day = |x: u64| x as f64 / days;
    // Ambition differs by KPI, as a real plan's would: some are already met,
    // some are stretch goals, and the repurchase goal sits past its warning
    // line, so the cockpit shows every status.
    let count = |id: &str, daily: f64, up: f64, step: f64| Target {
        id: id.to_string(),
        target: round_to(daily * up, step),
        warning: round_to(daily * (up - 0.2), step),
    };
    let rate = |id: &str, value: f64, up: f64, down: f64, step: f64| Target {
        id: id.to_string(),
        target: round_to(value * up, step),
        warning: round_to(value * down, step),
    };
    let bounce = ratio(t.bounces as f64, t.sessions as f64);
    vec![
        count("visitors", per_day(t.visitors), 0.95, 100.0),
        count("visits", per_day(t.visits), 1.08, 100.0),
        count("newVisitors", per_day(t.new_visitors), 0.9, 10.0),
        count("pageViews", per_day(t.page_views), 1.05, 1_000.0),
        rate(
            "avgStay",
            ratio(t.stay_seconds as f64, t.sessions as f64),
            0.95,
            0.8,
            5.0,
        ),
        rate(
            "visitDepth",
            ratio(t.page_views as f64, t.visits as f64),
            1.05,
            0.85,
            0.1,
        ),
        Target {
            id: "bounceRate".into(),
            target: round_to(bounce * 0.95, 0.01),
            warning: round_to(bounce + 0.06, 0.01),
        },
        count("orders", per_day(t.orders), 1.1, 10.0),
        count("payingUsers", per_day(t.paying_users), 1.1, 10.0),
        rate(
            "conversionRate",
            ratio(t.paying_users as f64, t.visitors as f64),
            1.1,
            0.85,
            0.001,
        ),
        rate("aov", ratio(t.revenue, t.orders as f64), 0.95, 0.85, 1.0),
        count("revenue", t.revenue / days, 1.12, 1_000.0),
        rate(
            "repurchaseRate",
            ratio(t.repeat_buyers as f64, t.paying_users as f64),
            1.3,
            1.05,
            0.01,
        ),
    ]
}

/// Weekly new-visitor cohorts per district and channel. Return rates depend
/// on the channel (offline QR users come back most, paid ads least) and a
/// cohort only reports day N once N days have passed since its last day.
fn gen_retention(seed: u64, end: NaiveDate, facts: &[MetricFact]) -> Vec<RetentionCohort> {
    let mut rng = Rng::derive(seed, S_RETENTION);
    let mut weeks: BTreeMap<(NaiveDate, District, Channel), u32> = BTreeMap::new();
    for f in facts {
        let monday = shift(f.date, -i64::from(f.date.weekday().num_days_from_monday()));
        *weeks.entry((monday, f.district, f.channel)).or_default() += f.new_visitors;
    }
    weeks
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|((week, district, channel), n)| {
            let (d1, d7, d30) = match channel {
                Channel::OfflineQr => (0.34, 0.24, 0.16),
                Channel::Social => (0.30, 0.20, 0.12),
                Channel::Content => (0.26, 0.16, 0.09),
                Channel::Direct => (0.28, 0.18, 0.11),
                Channel::PaidAds => (0.18, 0.10, 0.05),
            };
            let last_day = shift(week, 6);
            let known = |days: i64| shift(last_day, days) <= end;
            let mut returned = |rate: f64, days: i64| {
                known(days).then(|| {
                    let expected = f64::from(n) * rate * rng.jitter(0.12);
                    rng.round_stochastic(expected).min(n)
                })
            };
            let returned_d1 = returned(d1, 1);
            let returned_d7 = returned(d7, 7);
            let returned_d30 = returned(d30, 30);
            RetentionCohort {
                week,
                district,
                channel,
                new_visitors: n,
                returned_d1,
                returned_d7,
                returned_d30,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use std::sync::OnceLock;
    use std::time::Instant;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn end() -> NaiveDate {
        d(2026, 11, 24)
    }

    /// One generation shared by the tests (debug builds are slow).
    fn data() -> &'static Dataset {
        static DATA: OnceLock<Dataset> = OnceLock::new();
        DATA.get_or_init(|| {
            let t = Instant::now();
            let ds = generate(DEFAULT_SEED, end());
            eprintln!(
                "generate(): {:?} for {} metric rows",
                t.elapsed(),
                ds.metrics.len()
            );
            ds
        })
    }

    fn daily_visits(ds: &Dataset) -> BTreeMap<NaiveDate, u64> {
        let mut out = BTreeMap::new();
        for f in &ds.metrics {
            *out.entry(f.date).or_default() += u64::from(f.visits);
        }
        out
    }

    fn mean(xs: &[u64]) -> f64 {
        xs.iter().sum::<u64>() as f64 / xs.len().max(1) as f64
    }

    #[test]
    fn deterministic_for_the_same_seed_and_end() {
        let again = generate(DEFAULT_SEED, end());
        assert!(again == *data(), "same inputs must give the same dataset");
        let other = generate(DEFAULT_SEED + 1, end());
        assert_ne!(other.metrics, data().metrics);
        assert_ne!(other.feedback, data().feedback);
    }

    #[test]
    fn window_spans_thirteen_months() {
        assert_eq!(window_start(d(2026, 11, 24)), d(2025, 11, 1));
        assert_eq!(window_start(d(2026, 1, 1)), d(2025, 1, 1));
        assert_eq!(window_start(d(2024, 2, 29)), d(2023, 2, 1));
        let ds = data();
        let first = ds.metrics.iter().map(|f| f.date).min().unwrap();
        let last = ds.metrics.iter().map(|f| f.date).max().unwrap();
        assert_eq!((first, last), (d(2025, 11, 1), end()));
        let months: BTreeSet<String> = ds.metrics.iter().map(|f| month_key(f.date)).collect();
        assert_eq!(months.len(), 13);
        // Every day has data.
        assert_eq!(daily_visits(ds).len() as i64, (last - first).num_days() + 1);
        let hourly_months: BTreeSet<&str> = ds.hourly.iter().map(|h| h.month.as_str()).collect();
        assert_eq!(hourly_months.len(), 13);
    }

    #[test]
    fn every_metric_row_is_internally_consistent() {
        for f in &data().metrics {
            let ctx = || format!("{f:?}");
            assert!(f.visits > 0, "{}", ctx());
            assert!(f.visitors >= 1 && f.visitors <= f.visits, "{}", ctx());
            assert!(f.new_visitors <= f.visitors, "{}", ctx());
            assert!(f.sessions <= f.visits && f.sessions > 0, "{}", ctx());
            assert!(f.bounces <= f.sessions, "{}", ctx());
            assert!(f.page_views >= f.sessions, "{}", ctx());
            let per_session = f.stay_seconds as f64 / f64::from(f.sessions);
            assert!((1.0..=600.0).contains(&per_session), "{}", ctx());
            assert!(f.product_views <= f.page_views, "{}", ctx());
            assert!(f.carts <= f.product_views, "{}", ctx());
            assert!(f.orders <= f.carts, "{}", ctx());
            assert!(f.paying_users <= f.orders, "{}", ctx());
            assert!(f.paying_users <= f.visitors, "{}", ctx());
            assert!(f.repeat_buyers <= f.paying_users, "{}", ctx());
            if f.orders == 0 {
                assert_eq!(f.revenue, 0.0, "{}", ctx());
            } else {
                let aov = f.revenue / f64::from(f.orders);
                assert!((44.99..=85.01).contains(&aov), "{}", ctx());
            }
            assert_eq!(f.revenue, (f.revenue * 100.0).round() / 100.0, "{}", ctx());
        }
    }

    #[test]
    fn totals_and_rates_are_plausible() {
        let ds = data();
        for (date, v) in daily_visits(ds) {
            assert!((4_000..=20_000).contains(&v), "{date}: {v} visits");
        }
        let mut t = Totals::default();
        for f in &ds.metrics {
            t.add(f);
        }
        let conversion = t.paying_users as f64 / t.visitors as f64;
        let bounce = t.bounces as f64 / t.sessions as f64;
        let repurchase = t.repeat_buyers as f64 / t.paying_users as f64;
        let stay = t.stay_seconds as f64 / t.sessions as f64;
        let aov = t.revenue / t.orders as f64;
        let new_share = t.new_visitors as f64 / t.visitors as f64;
        eprintln!(
            "conversion {conversion:.4}, bounce {bounce:.3}, repurchase {repurchase:.3}, \
             stay {stay:.0}s, AOV {aov:.2}, new {new_share:.3}, revenue {:.0}",
            t.revenue
        );
        assert!(
            (0.03..=0.08).contains(&conversion),
            "conversion {conversion}"
        );
        assert!((0.25..=0.45).contains(&bounce), "bounce {bounce}");
        assert!(
            (0.25..=0.45).contains(&repurchase),
            "repurchase {repurchase}"
        );
        assert!((60.0..=240.0).contains(&stay), "stay {stay}");
        assert!((45.0..=85.0).contains(&aov), "aov {aov}");
        assert!(
            (0.08..=0.4).contains(&new_share),
            "new visitors {new_share}"
        );
    }

    #[test]
    fn districts_follow_stores_and_population() {
        let ds = data();
        let mut by_district: BTreeMap<District, u64> = BTreeMap::new();
        for f in &ds.metrics {
            *by_district.entry(f.district).or_default() += u64::from(f.visits);
        }
        assert_eq!(by_district.len(), 16);
        let per_capita = |d: District| by_district[&d] as f64 / d.population_wan();
        assert!(per_capita(District::Heping) > 2.0 * per_capita(District::Jizhou));
        assert!(per_capita(District::Nankai) > 2.0 * per_capita(District::Jizhou));
        assert!(per_capita(District::Hexi) > per_capita(District::Baodi));
        // Channel and platform mix close to the brief.
        let total: u64 = by_district.values().sum();
        let share = |pred: &dyn Fn(&MetricFact) -> bool| {
            ds.metrics
                .iter()
                .filter(|f| pred(f))
                .map(|f| u64::from(f.visits))
                .sum::<u64>() as f64
                / total as f64
        };
        let direct = share(&|f| f.channel == Channel::Direct);
        let paid = share(&|f| f.channel == Channel::PaidAds);
        let android = share(&|f| f.platform == Platform::Android);
        let harmony = share(&|f| f.platform == Platform::Harmony);
        assert!((0.25..0.35).contains(&direct), "direct {direct}");
        assert!((0.08..0.14).contains(&paid), "paid {paid}");
        assert!((0.5..0.6).contains(&android), "android {android}");
        assert!((0.04..0.1).contains(&harmony), "harmony {harmony}");
    }

    #[test]
    fn weekly_rhythm_and_holidays_show() {
        let daily = daily_visits(data());
        let pick = |pred: &dyn Fn(NaiveDate) -> bool| -> Vec<u64> {
            daily
                .iter()
                .filter(|(d, _)| pred(**d))
                .map(|(_, v)| *v)
                .collect()
        };
        let weekend = mean(&pick(&|d| d.weekday().number_from_monday() >= 6));
        let weekday = mean(&pick(&|d| d.weekday().number_from_monday() <= 5));
        assert!(
            weekend > weekday * 1.15,
            "weekend {weekend} weekday {weekday}"
        );

        let holiday = mean(&pick(&holidays::is_holiday));
        let workday = mean(&pick(&|d| holidays::is_workday(d)));
        assert!(
            holiday > workday * 1.2,
            "holiday {holiday} workday {workday}"
        );

        // National Day beats the ordinary weeks around it.
        let golden = mean(&pick(&|x| (d(2026, 10, 1)..=d(2026, 10, 7)).contains(&x)));
        let september = mean(&pick(&|x| (d(2026, 9, 1)..=d(2026, 9, 14)).contains(&x)));
        assert!(
            golden > september * 1.2,
            "golden {golden} september {september}"
        );

        // The weeks after Spring Festival dip below the run-up.
        let runup = mean(&pick(&|x| (d(2026, 2, 1)..=d(2026, 2, 14)).contains(&x)));
        let after = mean(&pick(&|x| (d(2026, 2, 26)..=d(2026, 3, 10)).contains(&x)));
        assert!(runup > after * 1.2, "run-up {runup} after {after}");
    }

    #[test]
    fn campaigns_lift_their_channels() {
        let ds = data();
        let c = ds
            .campaigns
            .iter()
            .find(|c| c.name == "津门新人礼")
            .unwrap();
        assert_eq!(c.status, CampaignStatus::Running);
        let covered = |f: &MetricFact| c.channels.contains(&f.channel);
        let ratio_in = |from: NaiveDate, to: NaiveDate| {
            let (mut inside, mut outside) = (0u64, 0u64);
            for f in ds.metrics.iter().filter(|f| from <= f.date && f.date <= to) {
                if covered(f) {
                    inside += u64::from(f.new_visitors);
                } else {
                    outside += u64::from(f.new_visitors);
                }
            }
            inside as f64 / outside as f64
        };
        let during = ratio_in(c.start, end());
        let before = ratio_in(shift(c.start, -28), shift(c.start, -1));
        assert!(during > before * 1.3, "during {during} before {before}");
    }

    #[test]
    fn campaign_records_cover_every_stage() {
        let ds = data();
        assert!((15..=20).contains(&ds.campaigns.len()));
        for status in CampaignStatus::ALL {
            assert!(
                ds.campaigns.iter().any(|c| c.status == *status),
                "no {status:?} campaign"
            );
        }
        for name in [
            "午市特惠",
            "618年中秒杀",
            "双11美食囤券节",
            "年货节·津味礼盒拼团",
        ] {
            assert!(ds.campaigns.iter().any(|c| c.name == name), "{name}");
        }
        // Late November: the next Spring Festival (2027-02-06) is planned.
        let spring = ds
            .campaigns
            .iter()
            .find(|c| c.name == "新春年货节·津味礼盒预售")
            .expect("the Spring Festival plan");
        assert_eq!(spring.status, CampaignStatus::Planned);
        assert!(spring.start > end() && spring.end < d(2027, 2, 6));
        assert!(ds
            .campaigns
            .iter()
            .any(|c| c.name == "元宵节汤圆拼团" && c.start > d(2027, 2, 6)));
        assert!(ds
            .campaigns
            .iter()
            .any(|c| c.name == "跨年夜宵套餐" && c.end == d(2027, 1, 2)));
        let mut ids = HashSet::new();
        for c in &ds.campaigns {
            assert!(ids.insert(c.id.clone()));
            assert!(c.start <= c.end);
            assert!((3_000.0..=80_000.0).contains(&c.budget));
            assert_eq!(
                c.review.is_some(),
                c.status == CampaignStatus::Reviewed,
                "{c:?}"
            );
            if c.status == CampaignStatus::Planned {
                assert!(c.start > end());
            }
            if let Some(r) = &c.review {
                assert!(r.actual.orders > 0 && r.actual.revenue > 0.0, "{c:?}");
                assert!(r.cost > 0.0 && r.cost <= c.budget * 1.05);
            }
            assert!(c.targets.participants > 0, "{c:?}");
        }
        assert!(ds
            .campaigns
            .iter()
            .any(|c| c.review.as_ref().is_some_and(|r| !r.worked.is_empty())));
    }

    #[test]
    fn feedback_is_recent_unique_and_triaged() {
        let ds = data();
        assert!((100..=140).contains(&ds.feedback.len()));
        let ids: HashSet<&str> = ds.feedback.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), ds.feedback.len());
        let texts: HashSet<&str> = ds.feedback.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts.len(), ds.feedback.len());
        assert_eq!(ds.feedback[0].id, "fb-0001");
        let first = (at(shift(end(), -RECENT_DAYS), 8, 0) - Duration::hours(8)).and_utc();
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
            assert!(c.publish_at.date() <= shift(end(), 42));
            if let Some(link) = &c.link {
                assert!(link.starts_with("https://"));
            }
        }
        assert!(ds.content.iter().any(|c| c.link.is_some()));
    }

    #[test]
    fn derived_collections_are_consistent() {
        let ds = data();
        for c in &ds.channels {
            assert!(c.reach >= c.clicks && c.clicks >= c.visits, "{c:?}");
            assert!(c.visits >= c.new_users, "{c:?}");
            assert!(c.cost >= 0.0 && c.revenue >= 0.0);
        }
        assert!(ds.channels.iter().any(|c| c.cost == 0.0));
        assert_eq!(ds.channels.len(), 13 * PLACEMENTS.len());
        for p in &ds.pages {
            assert!(
                p.visitors <= p.page_views && p.exits <= p.page_views,
                "{p:?}"
            );
        }
        assert_eq!(ds.pages.len(), 13 * PAGES.len());
        assert_eq!(ds.hourly.len(), 13 * 7 * 24);
        assert_eq!(ds.portrait.len(), 13 * 16 * 3 * 6);
        // Lunch beats mid-afternoon, dinner beats early morning.
        let hour_total = |h: u8| -> u64 {
            ds.hourly
                .iter()
                .filter(|x| x.hour == h)
                .map(|x| u64::from(x.visits))
                .sum()
        };
        assert!(hour_total(12) > 2 * hour_total(15));
        assert!(hour_total(18) > 4 * hour_total(4));
        assert!(hour_total(21) > hour_total(15));
        for e in &ds.experience {
            assert!(
                e.completions <= e.starts && e.load_ms_p50 < e.load_ms_p95,
                "{e:?}"
            );
        }
        assert_eq!(ds.experience.len(), 90 * 4);
        assert!(
            ds.experience
                .iter()
                .filter(|e| e.load_ms_p95 > 4_000)
                .count()
                >= 2
        );
        for h in &ds.health {
            assert!(h.errors <= h.requests && h.p50_ms < h.p95_ms, "{h:?}");
        }
        assert_eq!(ds.health.len(), 90 * 5);
        let spikes = ds
            .health
            .iter()
            .filter(|h| h.errors as f64 > h.requests as f64 * 0.015)
            .count();
        assert!((1..=6).contains(&spikes), "spikes {spikes}");
        for x in &ds.experiments {
            assert!((2..=3).contains(&x.variants.len()));
            assert!(x
                .variants
                .iter()
                .all(|v| v.conversions <= v.visitors && v.visitors > 0));
            assert_eq!(x.end.is_some(), x.status == ExperimentStatus::Concluded);
        }
    }

    #[test]
    fn targets_cover_every_kpi() {
        let ds = data();
        let keys = [
            "visitors",
            "visits",
            "newVisitors",
            "pageViews",
            "avgStay",
            "visitDepth",
            "bounceRate",
            "orders",
            "payingUsers",
            "conversionRate",
            "aov",
            "revenue",
            "repurchaseRate",
        ];
        assert_eq!(ds.targets.len(), keys.len());
        for (t, key) in ds.targets.iter().zip(keys) {
            assert_eq!(t.id, key);
            assert!(t.target > 0.0 && t.warning > 0.0, "{t:?}");
            if key == "bounceRate" {
                assert!(t.warning > t.target && t.target < 1.0);
            } else {
                assert!(t.warning < t.target, "{t:?}");
            }
        }
        let get = |k: &str| ds.targets.iter().find(|t| t.id == k).unwrap().target;
        assert!((0.02..0.1).contains(&get("conversionRate")));
        assert!((60.0..240.0).contains(&get("avgStay")));
        eprintln!("targets: {:?}", ds.targets);
    }

    #[test]
    fn events_and_roadmap() {
        let ds = data();
        let names: HashSet<&str> = ds.events.iter().map(|e| e.name.as_str()).collect();
        for n in [
            "盘山登山节",
            "茶馆相声节",
            "天津妈祖文化旅游节",
            "海河国际龙舟赛",
        ] {
            assert!(names.contains(n), "{n}");
        }
        for e in &ds.events {
            assert!(e.start <= e.end);
            assert!(e.end >= window_start(end()) && e.start <= shift(end(), 92));
        }
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
        assert_eq!(quarter_key(d(2026, 11, 24), 0), "2026-Q4");
        assert_eq!(quarter_key(d(2026, 11, 24), 1), "2027-Q1");
        assert_eq!(quarter_key(d(2026, 1, 5), -1), "2025-Q4");
    }

    #[test]
    fn json_round_trip_and_size() {
        let ds = data();
        let t = Instant::now();
        let metrics_json = serde_json::to_string(&ds.metrics).unwrap();
        let json = serde_json::to_string(ds).unwrap();
        eprintln!(
            "metrics: {} rows, {:.1} MB JSON; whole dataset {:.1} MB ({:?} to serialise)",
            ds.metrics.len(),
            metrics_json.len() as f64 / 1e6,
            json.len() as f64 / 1e6,
            t.elapsed()
        );
        assert!(metrics_json.len() < 20_000_000);
        let back: Dataset = serde_json::from_str(&json).unwrap();
        assert!(back == *ds, "round trip changed the dataset");

        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        let mut expected = vec![
            "metrics",
            "portrait",
            "hourly",
            "retention",
            "pages",
            "feedback",
            "content",
            "campaigns",
            "channels",
            "roadmap",
            "experience",
            "health",
            "experiments",
            "targets",
            "events",
        ];
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
        for (k, v) in value.as_object().unwrap() {
            assert!(!v.as_array().unwrap().is_empty(), "{k} is empty");
        }
    }

    /// `cargo test --release --lib bench_generate -- --ignored --nocapture`
    /// (run by scripts/bench): what the embedded backend costs at start-up,
    /// and what decoding the same data costs when a REST backend serves it.
    #[test]
    #[ignore]
    fn bench_generate_and_decode() {
        use std::time::Instant;
        let end = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let median = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let gen: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(generate(DEFAULT_SEED, end));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        let data = generate(DEFAULT_SEED, end);
        let json = serde_json::to_string(&data.metrics).unwrap();
        let decode: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let rows: Vec<MetricFact> = crate::data::resource::decode_text(
                    &json,
                    None,
                    crate::data::resource::Resource::Metrics,
                )
                .unwrap();
                std::hint::black_box(rows);
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        eprintln!(
            "generate demo dataset: median {:.1} ms ({} metric rows); decode metrics JSON ({:.1} MB): median {:.1} ms",
            median(gen),
            data.metrics.len(),
            json.len() as f64 / 1e6,
            median(decode)
        );
    }
}
