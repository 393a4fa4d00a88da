//! Figures worked out by hand from tests/fixtures/wechat (see docs/wechat.md).

use super::*;
use crate::domain::wechat::dataset::WechatData;

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn data() -> WechatData {
    let root = format!("{}/tests/fixtures/wechat", env!("CARGO_MANIFEST_DIR"));
    let manifest: crate::domain::wechat::dataset::Manifest =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/index.json")).unwrap())
            .unwrap();
    let files: Vec<(String, String)> = manifest
        .files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(format!("{root}/{f}")).unwrap();
            (f, text)
        })
        .collect();
    WechatData::merge(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
}

fn close(a: Option<f64>, b: f64) {
    let a = a.unwrap_or(f64::NAN);
    assert!((a - b).abs() < 1e-4, "{a} ≠ {b}");
}

#[test]
fn a_week_with_gaps_sums_the_days_that_have_data() {
    let p = period(&data(), d(21), d(27));
    // 21, 22 never fetched; 26 is a 45009 errcode body.
    assert_eq!(p.missing_days, vec![d(21), d(22), d(26)]);
    assert_eq!(
        p.kpi(Kpi::Visitors),
        Figure::Provided(2890.0 + 2755.0 + 3010.0 + 3188.0)
    );
    assert_eq!(
        p.kpi(Kpi::Visits),
        Figure::Provided(20946.0),
        "session_cnt: 5120+4876+5342+5608"
    );
    assert_eq!(p.kpi(Kpi::NewVisitors), Figure::Provided(1748.0));
    assert_eq!(p.kpi(Kpi::PageViews), Figure::Provided(59747.0), "visit_pv");
    // (120.0×5120 + 115.9×4876 + 124.8×5342 + 127.5×5608) / 20946
    close(p.kpi(Kpi::AvgStay).value(), 2_561_230.0 / 20946.0);
    close(p.kpi(Kpi::VisitDepth).value(), 59747.4928 / 20946.0);
}

#[test]
fn what_wechat_lacks_is_not_provided_never_zero() {
    let p = period(&data(), d(21), d(27));
    for kpi in [
        Kpi::BounceRate,
        Kpi::Orders,
        Kpi::PayingUsers,
        Kpi::ConversionRate,
        Kpi::Aov,
        Kpi::Revenue,
        Kpi::ReturningShare,
        Kpi::RevenuePerCustomer,
    ] {
        assert_eq!(p.kpi(kpi), Figure::NotProvided, "{kpi:?}");
        assert_eq!(p.kpi(kpi).value(), None);
    }
    assert_eq!(not_provided_text(Lang::Zh), "微信数据不提供此指标");
    // A period without any data is a gap, not zero, and still says what is not provided.
    let empty = period(&data(), d(1), d(3));
    assert_eq!(empty.kpi(Kpi::Visitors), Figure::NoData);
    assert_eq!(empty.kpi(Kpi::AvgStay), Figure::NoData);
    assert_eq!(empty.kpi(Kpi::Orders), Figure::NotProvided);
    assert_eq!(empty.missing_days.len(), 3);
}

#[test]
fn derived_figures_carry_their_formula() {
    let data = data();
    assert_eq!(
        bounce_proxy(&data, d(27), d(27)),
        Figure::Derived(0.25, Formula::BounceProxy),
        "1402 / 5608"
    );
    // share_uv ÷ visit_uv on 24, 25, 27 (26 has no trend): 981 / 8953
    assert_eq!(
        share_rate(&data, d(21), d(27)),
        Figure::Derived(981.0 / 8953.0, Formula::ShareRate)
    );
    let p = period(&data, d(21), d(27));
    assert_eq!(
        p.derived[2],
        Figure::Derived(1748.0 / 11843.0, Formula::NewVisitorShare)
    );
    assert_eq!(bounce_proxy(&data, d(1), d(3)), Figure::NoData);
    assert!(Formula::BounceProxy.text(Lang::Zh).contains("推算"));
    assert!(Formula::ShareRate.text(Lang::En).contains("share_uv"));
}

#[test]
fn channels_from_access_sources_with_unknown_as_other() {
    let data = data();
    assert_eq!(
        channel_families(&data, d(27), d(27)),
        vec![
            (SourceFamily::Direct, 1650 + 420),
            (SourceFamily::Social, 1210 + 270),
            (SourceFamily::OfflineQr, 980),
            (SourceFamily::Content, 530),
            (SourceFamily::PaidAds, 310),
            (SourceFamily::Other, 100 + 138),
        ]
    );
    let src = sources(&data, d(27), d(27));
    assert!(
        src.contains(&(99, None, SourceFamily::Other, 138)),
        "unknown key 99 kept as other"
    );
    assert_eq!(
        src.iter().map(|s| s.3).sum::<u64>(),
        5608,
        "every session counted once"
    );
}

#[test]
fn retention_curves_are_shares_of_the_cohort() {
    let curves = retention_curves(&data());
    let c = &curves[0];
    assert_eq!((c.cohort, c.size), (RefDate::Day(d(20)), 398));
    assert_eq!(c.points.len(), 7);
    close(Some(c.points[0].1), 71.0 / 398.0);
    assert_eq!(c.points[6].0, 7);
    close(Some(c.points[6].1), 30.0 / 398.0);
    // The 27th's cohort is too young: no points, not zeros.
    assert!(curves[1].points.is_empty());
}

#[test]
fn portrait_without_genders_shows_the_rest_with_its_window() {
    let v = portrait(&data()).unwrap();
    assert_eq!((v.window.first(), v.window.last()), (d(21), d(27)));
    assert!(v.genders.is_empty());
    assert_eq!(
        v.platforms,
        vec![
            (Some(Platform::Ios), "iPhone".to_string(), 5210),
            (Some(Platform::Android), "Android".to_string(), 6480),
            (None, "其他".to_string(), 210),
        ]
    );
    assert_eq!(v.ages.len(), 6);
    assert_eq!(v.ages[1], ("18-24岁".to_string(), 2210));
    assert_eq!(v.cities[0], ("天津".to_string(), 9800));
    let g = |name: &str, id| {
        gender(&PortraitItem {
            id,
            name: name.into(),
            value: Some(1),
        })
    };
    assert_eq!(
        (
            g("男", Some(2)),
            g("女", None),
            g("x", Some(1)),
            g("未知", Some(0))
        ),
        (Gender::Male, Gender::Female, Gender::Male, Gender::Unknown)
    );
}
