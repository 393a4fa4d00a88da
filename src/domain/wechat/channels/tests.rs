//! Sessions per channel family worked out by hand from tests/fixtures/wechat
//! (getVisitDistribution: 25 Nov and 27 Nov hold data, 26 Nov is a 45009
//! errcode body, 21–24 Nov were never fetched).

use super::*;
use crate::domain::wechat::dataset::{Manifest, WechatData};

fn d(day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
}

fn files() -> Vec<(String, String)> {
    let root = format!("{}/tests/fixtures/wechat", env!("CARGO_MANIFEST_DIR"));
    let manifest: Manifest =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/index.json")).unwrap())
            .unwrap();
    manifest
        .files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(format!("{root}/{f}")).unwrap();
            (f, text)
        })
        .collect()
}

fn data() -> WechatData {
    let files = files();
    WechatData::merge(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
}

fn sessions(c: &ChannelSessions, f: SourceFamily) -> u64 {
    c.family(f).map(|f| f.sessions).unwrap_or(0)
}

#[test]
fn a_week_sums_each_family_over_the_days_with_a_file() {
    let c = channel_sessions(&data(), d(21), d(27));
    // 25 Nov: keys 1 (1500) + 2 (400); 27 Nov: 1 (1650) + 2 (420).
    assert_eq!(sessions(&c, SourceFamily::Direct), 1500 + 400 + 1650 + 420);
    // 25: 3 会话 1100 + 14 APP分享 42 + 46 朋友圈 250; 27: 3 1210 + 46 270.
    assert_eq!(
        sessions(&c, SourceFamily::Social),
        1100 + 42 + 250 + 1210 + 270
    );
    // 4 扫一扫二维码: 900 + 980.
    assert_eq!(sessions(&c, SourceFamily::OfflineQr), 900 + 980);
    // 25: 5 公众号主页 60 + 13 公众号菜单 40 + 18 公众号文章 500; 27: 18 530.
    assert_eq!(sessions(&c, SourceFamily::Content), 60 + 40 + 500 + 530);
    // 33 微信广告: 300 + 310.
    assert_eq!(sessions(&c, SourceFamily::PaidAds), 300 + 310);
    // 10 其他 (150 + 100) and the unpublished ids 77 (100) and 99 (138).
    assert_eq!(sessions(&c, SourceFamily::Other), 150 + 100 + 100 + 138);
    // Every session once: the two days' session_cnt, 5342 + 5608.
    assert_eq!(c.total, 10950);
    let order: Vec<SourceFamily> = c.families.iter().map(|f| f.family).collect();
    assert_eq!(
        order,
        vec![
            SourceFamily::Direct,
            SourceFamily::Social,
            SourceFamily::OfflineQr,
            SourceFamily::Content,
            SourceFamily::PaidAds,
            SourceFamily::Other
        ]
    );
    let share = c.family(SourceFamily::Direct).unwrap().share.unwrap();
    assert!((share - 3970.0 / 10950.0).abs() < 1e-12, "{share}");
}

#[test]
fn each_family_lists_its_sources_largest_first_unknown_ids_unnamed() {
    let c = channel_sessions(&data(), d(21), d(27));
    let social: Vec<(i64, Option<&str>, u64)> = c
        .family(SourceFamily::Social)
        .unwrap()
        .sources
        .iter()
        .map(|s| (s.key, s.name, s.sessions))
        .collect();
    assert_eq!(
        social,
        vec![
            (3, Some("会话"), 2310),
            (46, Some("朋友圈"), 520),
            (14, Some("APP分享"), 42)
        ]
    );
    let other = &c.family(SourceFamily::Other).unwrap().sources;
    assert_eq!(
        other
            .iter()
            .map(|s| (s.key, s.name, s.sessions))
            .collect::<Vec<_>>(),
        vec![(10, Some("其他"), 250), (99, None, 138), (77, None, 100)]
    );
}

#[test]
fn the_errcode_day_is_an_error_and_the_others_still_count() {
    let c = channel_sessions(&data(), d(21), d(27));
    let states: Vec<&DayState> = c.days.iter().map(|(_, s)| s).collect();
    assert_eq!(c.days.first().map(|x| x.0), Some(d(21)));
    assert_eq!(states.len(), 7);
    for s in &states[0..4] {
        assert_eq!(**s, DayState::Missing, "21–24 never fetched: a gap");
    }
    assert_eq!(*states[4], DayState::Sessions(5342));
    assert!(matches!(states[5], DayState::Error(e) if e.code() == Some(45009)));
    assert_eq!(*states[6], DayState::Sessions(5608));
    assert_eq!(
        c.errors().map(|(day, _)| day).collect::<Vec<_>>(),
        vec![d(26)]
    );
    // The errcode day alone: no family, no zero rows, the error said.
    let only = channel_sessions(&data(), d(26), d(26));
    assert!(only.families.is_empty());
    assert_eq!(only.total, 0);
    assert_eq!(only.errors().count(), 1);
}

#[test]
fn a_day_in_two_files_counts_once_and_the_later_file_wins() {
    let mut files = files();
    // A back-fill of the 27th (listed after the day file) saying 1000 for key 1.
    files.push((
        "backfill/getVisitDistribution/20261127.json".into(),
        r#"{"ref_date":"20261127","list":[{"index":"access_source_session_cnt","item_list":[{"key":1,"value":1000}]}]}"#.into(),
    ));
    let data = WechatData::merge(files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let c = channel_sessions(&data, d(27), d(27));
    assert_eq!(c.total, 1000);
    assert_eq!(sessions(&c, SourceFamily::Direct), 1000);
    assert_eq!(
        data.conflicts,
        vec![
            (Interface::DailyVisitTrend, d(25)),
            (Interface::VisitDistribution, d(27))
        ]
    );
    // The same file twice is no conflict and still counts once.
    let f = files
        .iter()
        .find(|(p, _)| p == "getVisitDistribution/20261127.json")
        .unwrap();
    let twice = WechatData::merge([(f.0.as_str(), f.1.as_str()), (f.0.as_str(), f.1.as_str())]);
    assert!(twice.conflicts.is_empty());
    assert_eq!(channel_sessions(&twice, d(27), d(27)).total, 5608);
}

#[test]
fn what_wechat_lacks_per_channel_is_listed_not_zero() {
    assert!(NOT_PROVIDED_COLUMNS.contains(&Column::Cost));
    assert!(NOT_PROVIDED_COLUMNS.contains(&Column::Revenue));
    assert!(NOT_PROVIDED_COLUMNS.contains(&Column::Roi));
    assert!(!NOT_PROVIDED_COLUMNS.contains(&Column::Visits));
    let none = channel_sessions(&data(), d(1), d(3));
    assert!(none.families.is_empty() && none.total == 0);
    assert!(none.days.iter().all(|(_, s)| *s == DayState::Missing));
}
