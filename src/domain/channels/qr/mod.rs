//! The offline QR-code registry: each code's results over a period, scans
//! by camera told apart from codes forwarded as an image, codes that stopped
//! bringing visits (a table card torn or covered), print cost per placement
//! (so the channel table can count it), and the scene a code carries.

pub mod model;
pub mod print_cost;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::scene::{self, scan_kind, ScanKind, SceneError};
use crate::domain::cockpit::dimensions::Channel;
use crate::domain::shared::period::Period;
use crate::domain::shared::ratio::ratio;
use crate::i18n::Lang;
use model::{QrCode, QrKind, QrResult, QrStatus};

/// An active code with no visit for this many days is flagged.
pub const STALE_DAYS: i64 = 30;

/// What the stale flag says: the usual cause in a store.
pub fn stale_message(lang: Lang) -> &'static str {
    lang.tr(
        "桌贴可能已损坏或被遮挡",
        "The card may be damaged or covered",
    )
}

/// The placement code of a kind in scenes (two letters, to leave room for
/// the location).
pub fn placement_code(kind: QrKind) -> &'static str {
    match kind {
        QrKind::TableCard => "tc",
        QrKind::Poster => "po",
        QrKind::Receipt => "rc",
        QrKind::Window => "wd",
        QrKind::Flyer => "fl",
        QrKind::Other => "ot",
    }
}

/// `channel.placement.location`, e.g. `q.tc.hp03`, validated as WeChat
/// requires.
pub fn build_scene(channel: Channel, kind: QrKind, location: &str) -> Result<String, SceneError> {
    scene::build(channel, placement_code(kind), location.trim())
}

/// The location code of a scene built by [`build_scene`], for the form.
pub fn location_of(scene: &str) -> Option<&str> {
    scene::parse(scene).map(|(_, _, location)| location)
}

/// A code's results summed over some days.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CodeTotals {
    pub visits: u64,
    pub new_users: u64,
    pub orders: u64,
    pub revenue: f64,
    /// Visits scanned with the camera in front of the code (1011, 1047).
    pub camera: u64,
    /// Visits from the code forwarded as an image (1012, 1013, 1048, 1049).
    pub forwarded: u64,
}

impl CodeTotals {
    fn add(&mut self, r: &QrResult) {
        self.visits += u64::from(r.visits);
        self.new_users += u64::from(r.new_users);
        self.orders += u64::from(r.orders);
        self.revenue += r.revenue;
        match scan_kind(r.wechat_scene) {
            ScanKind::Camera => self.camera += u64::from(r.visits),
            ScanKind::ForwardedImage => self.forwarded += u64::from(r.visits),
            ScanKind::Other => {}
        }
    }

    /// Share of the scans that came from a forwarded image: the code
    /// travelled beyond its spot. `None` without scans.
    pub fn forwarded_share(&self) -> Option<f64> {
        ratio(self.forwarded as f64, (self.camera + self.forwarded) as f64)
    }

    /// Orders per visit.
    pub fn conversion(&self) -> Option<f64> {
        ratio(self.orders as f64, self.visits as f64)
    }
}

/// One code of the registry with its results.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryRow {
    pub code: QrCode,
    /// Over the period shown.
    pub totals: CodeTotals,
    /// The last day with a visit, over all the data.
    pub last_visit: Option<NaiveDate>,
    pub stale: bool,
}

/// Results naming a code the registry does not have (deleted, or a typo in
/// the backend): listed, not dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownCode {
    pub code_id: String,
    pub totals: CodeTotals,
    pub last_visit: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registry {
    pub rows: Vec<RegistryRow>,
    pub unknown: Vec<UnknownCode>,
}

/// Whether an active code has had no visit for [`STALE_DAYS`] by `as_of`
/// (a code younger than that is not flagged yet).
pub fn is_stale(code: &QrCode, last_visit: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    if code.status != QrStatus::Active {
        return false;
    }
    let since = last_visit.map_or(code.created, |v| v.max(code.created));
    (as_of - since).num_days() >= STALE_DAYS
}

/// The registry over `period`, flags judged at `as_of`. Rows keep the
/// order of `codes`; unknown codes are sorted by id.
pub fn registry(
    codes: &[QrCode],
    results: &[QrResult],
    period: &Period,
    as_of: NaiveDate,
) -> Registry {
    let mut totals: BTreeMap<&str, CodeTotals> = BTreeMap::new();
    let mut last: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    for r in results {
        if period.contains(r.date) {
            totals.entry(&r.code_id).or_default().add(r);
        }
        if r.visits > 0 && r.date <= as_of {
            let l = last.entry(&r.code_id).or_insert(r.date);
            *l = (*l).max(r.date);
        }
    }
    let known: std::collections::BTreeSet<&str> = codes.iter().map(|c| c.id.as_str()).collect();
    let rows = codes
        .iter()
        .map(|c| {
            let last_visit = last.get(c.id.as_str()).copied();
            RegistryRow {
                code: c.clone(),
                totals: totals.get(c.id.as_str()).copied().unwrap_or_default(),
                last_visit,
                stale: is_stale(c, last_visit, as_of),
            }
        })
        .collect();
    let mut unknown_ids: Vec<&str> = results
        .iter()
        .map(|r| r.code_id.as_str())
        .filter(|id| !known.contains(id))
        .collect();
    unknown_ids.sort_unstable();
    unknown_ids.dedup();
    let unknown = unknown_ids
        .into_iter()
        .map(|id| UnknownCode {
            code_id: id.to_string(),
            totals: totals.get(id).copied().unwrap_or_default(),
            last_visit: last.get(id).copied(),
        })
        .collect();
    Registry { rows, unknown }
}

/// The print cost of one channel placement's codes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementPrintCost {
    pub channel: Channel,
    pub placement: String,
    pub cost: f64,
    pub codes: usize,
}

/// Print cost per channel placement of the codes created in `[from, to]`
/// (printing is paid once, when the code is made; retired codes were paid
/// for too). The channel table adds `cost` to its offline-QR rows of the
/// same channel and placement. Sorted by channel, then placement.
pub fn print_cost_by_placement(
    codes: &[QrCode],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<PlacementPrintCost> {
    let mut sums: BTreeMap<(Channel, &str), (f64, usize)> = BTreeMap::new();
    for c in codes
        .iter()
        .filter(|c| c.created >= from && c.created <= to)
    {
        let cost = if c.print_cost.is_finite() && c.print_cost > 0.0 {
            c.print_cost
        } else {
            0.0
        };
        let e = sums.entry((c.channel, c.placement.as_str())).or_default();
        e.0 += cost;
        e.1 += 1;
    }
    sums.into_iter()
        .map(|((channel, placement), (cost, codes))| PlacementPrintCost {
            channel,
            placement: placement.to_string(),
            cost: (cost * 100.0).round() / 100.0,
            codes,
        })
        .collect()
}

/// One placement's line under the registry's table: what its codes printed
/// in the period cost against the new users all its codes brought.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacementSummary {
    pub channel: Channel,
    pub placement: String,
    pub print_cost: f64,
    pub totals: CodeTotals,
}

impl PlacementSummary {
    pub fn cost_per_new_user(&self) -> Option<f64> {
        ratio(self.print_cost, self.totals.new_users as f64)
    }
}

pub fn placement_summaries(reg: &Registry, period: &Period) -> Vec<PlacementSummary> {
    let codes: Vec<QrCode> = reg.rows.iter().map(|r| r.code.clone()).collect();
    let costs = print_cost_by_placement(&codes, period.start, period.end);
    let mut out: BTreeMap<(Channel, String), PlacementSummary> = BTreeMap::new();
    for r in &reg.rows {
        let key = (r.code.channel, r.code.placement.clone());
        let s = out.entry(key).or_insert_with(|| PlacementSummary {
            channel: r.code.channel,
            placement: r.code.placement.clone(),
            print_cost: 0.0,
            totals: CodeTotals::default(),
        });
        let t = &mut s.totals;
        t.visits += r.totals.visits;
        t.new_users += r.totals.new_users;
        t.orders += r.totals.orders;
        t.revenue += r.totals.revenue;
        t.camera += r.totals.camera;
        t.forwarded += r.totals.forwarded;
    }
    for c in costs {
        if let Some(s) = out.get_mut(&(c.channel, c.placement)) {
            s.print_cost = c.cost;
        }
    }
    out.into_values().collect()
}

/// The distinct stores of the codes in the order they first appear (the
/// print sheet's choices).
pub fn stores(codes: &[QrCode]) -> Vec<String> {
    let mut s: Vec<String> = Vec::new();
    for c in codes {
        if !s.contains(&c.store) {
            s.push(c.store.clone());
        }
    }
    s
}

/// The active codes of one store, for its print sheet.
pub fn sheet<'a>(codes: &'a [QrCode], store: &str) -> Vec<&'a QrCode> {
    codes
        .iter()
        .filter(|c| c.store == store && c.status == QrStatus::Active)
        .collect()
}

/// What a printed code encodes: the page path with the scene as its query,
/// e.g. `pages/index/index?scene=q.tc.hp03` (the unlimited code carries the
/// two apart; a printed QR has to carry both in one text).
pub fn encoded_text(code: &QrCode) -> String {
    format!("{}?scene={}", code.page_path.trim(), code.scene.trim())
}

#[cfg(test)]
mod tests;
