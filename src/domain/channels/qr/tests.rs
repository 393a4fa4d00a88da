//! Native tests of the registry's figures.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::model::*;
use super::*;
use crate::domain::cockpit::dimensions::District;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn code(id: &str, kind: QrKind, placement: &str, created: NaiveDate, cost: f64) -> QrCode {
    QrCode {
        id: id.into(),
        store: "和平路店".into(),
        district: District::Heping,
        kind,
        channel: Channel::OfflineQr,
        placement: placement.into(),
        page_path: "pages/index/index".into(),
        scene: format!("q.{}.hp01", placement_code(kind)),
        created,
        status: QrStatus::Active,
        print_cost: cost,
        notes: String::new(),
    }
}

fn result(code_id: &str, date: NaiveDate, scene: u32, visits: u32, new: u32) -> QrResult {
    QrResult {
        code_id: code_id.into(),
        date,
        wechat_scene: scene,
        visits,
        new_users: new,
        orders: visits / 4,
        revenue: f64::from(visits) * 10.0,
    }
}

#[test]
fn totals_split_camera_from_forwarded_and_keep_to_the_period() {
    let codes = [code(
        "a",
        QrKind::TableCard,
        "门店桌贴二维码",
        d(1, 1),
        12.0,
    )];
    let results = [
        result("a", d(11, 1), 1011, 40, 8),
        result("a", d(11, 2), 1047, 20, 2),
        result("a", d(11, 2), 1048, 15, 5),
        result("a", d(11, 3), 1013, 5, 1),
        result("a", d(11, 3), 1001, 4, 0), // neither: counted as a visit only
        result("a", d(10, 31), 1011, 100, 50), // before the period
    ];
    let period = Period::new(d(11, 1), d(11, 27));
    let reg = registry(&codes, &results, &period, d(11, 27));
    let t = reg.rows[0].totals;
    assert_eq!((t.visits, t.camera, t.forwarded), (84, 60, 20));
    assert_eq!(t.new_users, 16);
    assert_eq!(t.forwarded_share(), Some(0.25));
    assert_eq!(t.orders, 10 + 5 + 3 + 1 + 1);
    assert!((t.revenue - 840.0).abs() < 1e-9);
    assert_eq!(reg.rows[0].last_visit, Some(d(11, 3)));
    assert!(reg.unknown.is_empty());
    assert_eq!(CodeTotals::default().forwarded_share(), None);
    assert_eq!(CodeTotals::default().conversion(), None);
}

#[test]
fn stale_after_thirty_days_without_visits_only_when_active() {
    let as_of = d(11, 27);
    let mut c = code("a", QrKind::TableCard, "p", d(1, 1), 0.0);
    // Last visit 29 days before: not yet; 30 days: flagged.
    assert!(!is_stale(&c, Some(d(10, 29)), as_of));
    assert!(is_stale(&c, Some(d(10, 28)), as_of));
    // Never visited, created long ago: flagged; created 10 days ago: not yet.
    assert!(is_stale(&c, None, as_of));
    c.created = d(11, 17);
    assert!(!is_stale(&c, None, as_of));
    // A retired code is never flagged.
    c.created = d(1, 1);
    c.status = QrStatus::Retired;
    assert!(!is_stale(&c, None, as_of));
    assert_eq!(stale_message(Lang::Zh), "桌贴可能已损坏或被遮挡");

    // Through the registry: zero-visit rows do not count as a visit.
    let codes = [code("a", QrKind::TableCard, "p", d(1, 1), 0.0)];
    let results = [
        result("a", d(10, 1), 1011, 3, 1),
        result("a", d(11, 20), 1011, 0, 0),
    ];
    let reg = registry(&codes, &results, &Period::new(d(11, 1), as_of), as_of);
    assert_eq!(reg.rows[0].last_visit, Some(d(10, 1)));
    assert!(reg.rows[0].stale);
}

#[test]
fn unknown_codes_are_listed_not_dropped() {
    let codes = [code("a", QrKind::TableCard, "p", d(1, 1), 0.0)];
    let results = [
        result("ghost", d(11, 5), 1011, 7, 2),
        result("ghost", d(11, 6), 1012, 3, 0),
        result("a", d(11, 5), 1011, 1, 0),
        result("b-old", d(9, 1), 1011, 2, 0),
    ];
    let reg = registry(
        &codes,
        &results,
        &Period::new(d(11, 1), d(11, 27)),
        d(11, 27),
    );
    let ids: Vec<&str> = reg.unknown.iter().map(|u| u.code_id.as_str()).collect();
    assert_eq!(ids, ["b-old", "ghost"]);
    assert_eq!(reg.unknown[1].totals.visits, 10);
    assert_eq!(reg.unknown[1].totals.forwarded, 3);
    // Outside the period: listed with zero figures and its last visit.
    assert_eq!(reg.unknown[0].totals.visits, 0);
    assert_eq!(reg.unknown[0].last_visit, Some(d(9, 1)));
}

#[test]
fn print_cost_is_summed_per_placement_for_codes_made_in_the_window() {
    let mut retired = code("c", QrKind::TableCard, "门店桌贴二维码", d(11, 3), 8.5);
    retired.status = QrStatus::Retired;
    let mut bad = code("e", QrKind::Receipt, "支付后引流", d(11, 4), f64::NAN);
    bad.notes = "cost unknown".into();
    let codes = [
        code("a", QrKind::TableCard, "门店桌贴二维码", d(11, 1), 12.0),
        code("b", QrKind::Poster, "门店桌贴二维码", d(10, 31), 30.0),
        retired,
        code("d", QrKind::Receipt, "支付后引流", d(11, 2), 0.2),
        bad,
    ];
    let costs = print_cost_by_placement(&codes, d(11, 1), d(11, 30));
    assert_eq!(
        costs,
        vec![
            PlacementPrintCost {
                channel: Channel::OfflineQr,
                placement: "支付后引流".into(),
                cost: 0.2,
                codes: 2
            },
            PlacementPrintCost {
                channel: Channel::OfflineQr,
                placement: "门店桌贴二维码".into(),
                cost: 20.5,
                codes: 2
            },
        ]
    );
    assert!(print_cost_by_placement(&codes, d(12, 1), d(12, 31)).is_empty());

    let results = [
        result("a", d(11, 5), 1011, 10, 5),
        result("b", d(11, 5), 1011, 10, 5),
    ];
    let period = Period::new(d(11, 1), d(11, 30));
    let reg = registry(&codes, &results, &period, d(11, 30));
    let s = placement_summaries(&reg, &period);
    let table = s.iter().find(|s| s.placement == "门店桌贴二维码").unwrap();
    assert_eq!(table.totals.new_users, 10);
    assert_eq!(table.cost_per_new_user(), Some(2.05));
    let receipt = s.iter().find(|s| s.placement == "支付后引流").unwrap();
    assert_eq!(receipt.cost_per_new_user(), None, "no new users: no CPA");
}

#[test]
fn scenes_are_built_from_channel_placement_and_location() {
    assert_eq!(
        build_scene(Channel::OfflineQr, QrKind::TableCard, "hp03").as_deref(),
        Ok("q.tc.hp03")
    );
    assert_eq!(
        build_scene(Channel::OfflineQr, QrKind::Window, " nk01 ").as_deref(),
        Ok("q.wd.nk01")
    );
    assert!(matches!(
        build_scene(Channel::OfflineQr, QrKind::Flyer, "和平"),
        Err(SceneError::Cjk { .. })
    ));
    assert_eq!(
        build_scene(Channel::OfflineQr, QrKind::Flyer, &"x".repeat(28)),
        Err(SceneError::TooLong { length: 33 })
    );
    assert_eq!(location_of("q.tc.hp03"), Some("hp03"));
    assert_eq!(location_of("free-text"), None);
    let mut kinds: Vec<&str> = QrKind::ALL.iter().map(|k| placement_code(*k)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(
        kinds.len(),
        QrKind::ALL.len(),
        "placement codes are distinct"
    );
}

#[test]
fn sheets_hold_a_stores_active_codes_and_encode_path_and_scene() {
    let mut retired = code("r", QrKind::Poster, "p", d(1, 1), 0.0);
    retired.status = QrStatus::Retired;
    let mut other = code("o", QrKind::Poster, "p", d(1, 1), 0.0);
    other.store = "友谊路店".into();
    let codes = [
        code("a", QrKind::TableCard, "p", d(1, 1), 0.0),
        retired,
        other,
    ];
    let ids: Vec<&str> = sheet(&codes, "和平路店")
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(ids, ["a"]);
    assert_eq!(stores(&codes), ["和平路店", "友谊路店"]);
    assert_eq!(encoded_text(&codes[0]), "pages/index/index?scene=q.tc.hp01");
}

#[test]
fn old_backends_without_the_optional_fields_still_decode() {
    let json = r#"{"id":"x","store":"s","district":"heping","kind":"poster","placement":"p",
        "pagePath":"pages/a","scene":"q.po.a","created":"2026-01-02","status":"active"}"#;
    let c: QrCode = serde_json::from_str(json).unwrap();
    assert_eq!(c.channel, Channel::OfflineQr);
    assert_eq!(c.print_cost, 0.0);
    assert!(c.notes.is_empty());
}
