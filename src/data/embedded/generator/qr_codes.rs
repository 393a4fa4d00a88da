//! The QR-code registry: the codes printed for the chain's stores (table
//! cards, windows, receipts, posters, flyers) and the visits through each
//! per day and WeChat scene value. A few codes stop bringing visits weeks
//! before the end (a torn table card), one is retired, and one code that
//! was deleted from the registry still has results, so the registry's
//! "unknown code" list is not empty.

use chrono::NaiveDate;

use super::common::{money, to_u32};
use crate::data::embedded::rng::Rng;
use crate::domain::channels::qr::build_scene;
use crate::domain::channels::qr::model::{QrCode, QrKind, QrResult, QrStatus};
use crate::domain::cockpit::dimensions::{Channel, District};
use crate::domain::shared::dates::add_days;

const S_QR: u64 = 14;

/// Days of per-code results before the end (enough for 90 days and the
/// comparison before them).
const RESULT_DAYS: i64 = 180;

/// (store, district, location code, size: 1 small … 3 flagship)
const STORES: &[(&str, District, &str, u32)] = &[
    ("和平路店", District::Heping, "hpl", 3),
    ("滨江道店", District::Heping, "bjd", 3),
    ("鼓楼店", District::Nankai, "gl", 2),
    ("南开大学店", District::Nankai, "nkdx", 2),
    ("友谊路店", District::Hexi, "yyl", 2),
    ("大直沽店", District::Hedong, "dzg", 1),
    ("意式风情区店", District::Hebei, "ysfq", 2),
    ("西站店", District::Hongqiao, "xz", 1),
    ("东丽湖店", District::Dongli, "dlh", 1),
    ("杨柳青店", District::Xiqing, "ylq", 1),
    ("咸水沽店", District::Jinnan, "xsg", 1),
    ("北辰店", District::Beichen, "bc", 1),
    ("武清店", District::Wuqing, "wq", 1),
    ("泰达店", District::Binhai, "td", 2),
    ("塘沽店", District::Binhai, "tg", 1),
];

/// The channel table's placement a kind of code counts towards.
fn placement(kind: QrKind) -> &'static str {
    match kind {
        QrKind::Receipt => "支付后引流",
        _ => "门店桌贴二维码",
    }
}

/// Print cost range per code, in yuan.
fn print_cost(kind: QrKind) -> (f64, f64) {
    match kind {
        QrKind::TableCard => (6.0, 12.0),
        QrKind::Poster => (35.0, 60.0),
        QrKind::Receipt => (0.0, 0.0),
        QrKind::Window => (80.0, 150.0),
        QrKind::Flyer => (120.0, 200.0),
        QrKind::Other => (10.0, 30.0),
    }
}

/// Visits a day a code of this kind brings in a store of size 1.
fn daily_visits(kind: QrKind) -> f64 {
    match kind {
        QrKind::TableCard => 6.0,
        QrKind::Poster => 2.5,
        QrKind::Receipt => 3.0,
        QrKind::Window => 1.5,
        QrKind::Flyer => 1.2,
        QrKind::Other => 0.8,
    }
}

fn page_path(kind: QrKind) -> &'static str {
    match kind {
        QrKind::TableCard => "pages/order/index",
        QrKind::Receipt => "pages/member/join",
        QrKind::Flyer | QrKind::Poster => "pages/activity/index",
        QrKind::Window | QrKind::Other => "pages/index/index",
    }
}

/// The codes of the registry and their daily results.
pub(super) fn gen_qr(seed: u64, start: NaiveDate, end: NaiveDate) -> (Vec<QrCode>, Vec<QrResult>) {
    let mut rng = Rng::derive(seed, S_QR);
    let mut codes = Vec::new();
    for &(store, district, location, size) in STORES {
        let mut kinds = vec![QrKind::TableCard, QrKind::Receipt, QrKind::Window];
        if size >= 2 {
            kinds.push(QrKind::TableCard);
            kinds.push(QrKind::Poster);
        }
        if size >= 3 {
            kinds.push(QrKind::Flyer);
        }
        for (n, kind) in kinds.into_iter().enumerate() {
            let id = format!("qr-{:04}", codes.len() + 1);
            let loc = format!("{location}{}", n + 1);
            let scene = build_scene(Channel::OfflineQr, kind, &loc).unwrap_or_default();
            let age = rng.range_u32(10, 380);
            let created = add_days(end, -i64::from(age)).max(start);
            let (lo, hi) = print_cost(kind);
            codes.push(QrCode {
                id,
                store: store.to_string(),
                district,
                kind,
                channel: Channel::OfflineQr,
                placement: placement(kind).to_string(),
                page_path: page_path(kind).to_string(),
                scene,
                created,
                status: QrStatus::Active,
                print_cost: money(rng.range(lo, hi)),
                notes: String::new(),
            });
        }
    }
    // One retired code, and three whose visits stop weeks before the end.
    let mut silent: Vec<(usize, NaiveDate)> = Vec::new();
    if let Some(c) = codes.get_mut(7) {
        c.status = QrStatus::Retired;
        c.notes = "门店装修,橱窗海报已撤下".into();
    }
    for (i, days) in [(2usize, 45i64), (15, 38), (30, 60)] {
        if let Some(c) = codes.get_mut(i) {
            c.created = c.created.min(add_days(end, -days - 60));
            c.notes = "店员反馈二维码被餐具或海报遮挡".into();
            silent.push((i, add_days(end, -days)));
        }
    }
    let retired_from = add_days(end, -50);
    let size_of = |store: &str| {
        STORES
            .iter()
            .find(|s| s.0 == store)
            .map_or(1.0, |s| f64::from(s.3))
    };
    let mut results = Vec::new();
    let first = add_days(end, 1 - RESULT_DAYS).max(start);
    for (i, c) in codes.iter().enumerate() {
        let stop = silent
            .iter()
            .find(|(j, _)| *j == i)
            .map(|(_, d)| *d)
            .or((c.status == QrStatus::Retired).then_some(retired_from));
        let base = daily_visits(c.kind) * size_of(&c.store) * rng.jitter(0.3);
        // Posters and flyers get photographed and forwarded more.
        let forwarded_share = match c.kind {
            QrKind::Poster | QrKind::Flyer => 0.25,
            QrKind::Window => 0.15,
            _ => 0.06,
        };
        let mut day = first.max(c.created);
        while day <= end && stop.is_none_or(|s| day < s) {
            let expected = base * rng.jitter(0.35);
            let visits = rng.round_stochastic(expected);
            let forwarded = (0..visits).filter(|_| rng.chance(forwarded_share)).count() as u32;
            let camera = visits - forwarded;
            let scan_rows = [
                (if rng.chance(0.8) { 1047 } else { 1011 }, camera),
                (if rng.chance(0.7) { 1048 } else { 1012 }, forwarded),
            ];
            for (scene_value, v) in scan_rows {
                if v == 0 {
                    continue;
                }
                let new_users = to_u32(f64::from(v) * rng.range(0.15, 0.45));
                let order_rate = rng.range(0.2, 0.4);
                let orders = rng.round_stochastic(f64::from(v) * order_rate);
                results.push(QrResult {
                    code_id: c.id.clone(),
                    date: day,
                    wechat_scene: scene_value,
                    visits: v,
                    new_users,
                    orders,
                    revenue: money(f64::from(orders) * rng.range(28.0, 46.0)),
                });
            }
            day = add_days(day, 1);
        }
    }
    // A code deleted from the registry whose visits still arrive.
    for back in 1..=12 {
        results.push(QrResult {
            code_id: "qr-0000".into(),
            date: add_days(end, -back * 3),
            wechat_scene: 1047,
            visits: 2,
            new_users: 1,
            orders: 1,
            revenue: 32.0,
        });
    }
    (codes, results)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::data::embedded::generator::fixture::{data, end};
    use crate::domain::channels::qr::model::QrStatus;
    use crate::domain::channels::qr::{registry, stale_message};
    use crate::domain::channels::scene::validate;
    use crate::domain::shared::dates::add_days;
    use crate::domain::shared::period::Period;
    use crate::i18n::Lang;

    #[test]
    fn registry_has_forty_codes_with_valid_scenes_stale_and_retired_ones() {
        let ds = data();
        assert!(ds.qr_codes.len() >= 40, "{} codes", ds.qr_codes.len());
        let districts: std::collections::BTreeSet<_> =
            ds.qr_codes.iter().map(|c| c.district).collect();
        assert!(districts.len() >= 10);
        for c in &ds.qr_codes {
            assert_eq!(validate(&c.scene), Ok(()), "{}", c.scene);
        }
        let mut scenes: Vec<&str> = ds.qr_codes.iter().map(|c| c.scene.as_str()).collect();
        scenes.sort_unstable();
        scenes.dedup();
        assert_eq!(scenes.len(), ds.qr_codes.len(), "scenes are unique");
        assert!(ds.qr_codes.iter().any(|c| c.status == QrStatus::Retired));

        let period = Period::new(add_days(end(), -29), end());
        let reg = registry(&ds.qr_codes, &ds.qr_results, &period, end());
        let stale = reg.rows.iter().filter(|r| r.stale).count();
        assert!((1..=5).contains(&stale), "{stale} stale codes");
        assert_eq!(stale_message(Lang::Zh), "桌贴可能已损坏或被遮挡");
        assert_eq!(reg.unknown.len(), 1);
        // Camera scans dominate; some travel as images.
        let camera: u64 = reg.rows.iter().map(|r| r.totals.camera).sum();
        let forwarded: u64 = reg.rows.iter().map(|r| r.totals.forwarded).sum();
        assert!(
            camera > forwarded * 3 && forwarded > 0,
            "{camera} vs {forwarded}"
        );
        for r in &ds.qr_results {
            assert!(r.new_users <= r.visits, "{r:?}");
        }
    }
}
