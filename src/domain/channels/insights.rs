//! Findings the channel screen puts into words: placements whose cost per
//! new user jumped, and channels that spend without selling. Plain structs,
//! so the wording (and its language) stays with the UI.

use chrono::{Months, NaiveDate};

use crate::domain::channels::model::{ChannelRef, ChannelSpend};
use crate::domain::channels::ratios::{by_placement, ChannelGroup};

/// A CPA above the baseline by more than this share (a third) is flagged:
/// month-to-month noise in small placements easily reaches 10–20 %.
pub const CPA_RISE_THRESHOLD: f64 = 1.0 / 3.0;

/// How many earlier months form the baseline, and how many of them must
/// have a CPA for the baseline to count (one month alone is too noisy).
pub const BASELINE_MONTHS: u32 = 3;
pub const MIN_BASELINE_MONTHS: usize = 2;

/// A placement whose CPA in `month` rose above the median of its previous
/// three months by more than a third.
#[derive(Debug, Clone, PartialEq)]
pub struct CpaRise {
    pub channel: ChannelRef,
    pub placement: String,
    pub month: String,
    pub cpa: f64,
    pub baseline_median: f64,
    /// `cpa / baseline_median − 1`, e.g. 0.5 for "50 % above".
    pub rise: f64,
}

/// A channel that spent money in the period and brought no order.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendWithoutOrders {
    pub channel: ChannelRef,
    pub cost: f64,
}

/// `YYYY-MM` moved back `n` months, or `None` for a malformed month.
fn months_before(month: &str, n: u32) -> Option<String> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    Some(
        first
            .checked_sub_months(Months::new(n))?
            .format("%Y-%m")
            .to_string(),
    )
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.retain(|v| v.is_finite());
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let upper = *values.get(n / 2)?;
    if n % 2 == 1 {
        Some(upper)
    } else {
        Some((values.get(n / 2 - 1)? + upper) / 2.0)
    }
}

/// Placements whose CPA in `month` exceeds their three-month median by more
/// than a third, largest rise first. Free months and months without new
/// users have no CPA and neither trigger nor form the baseline.
pub fn cpa_rises(rows: &[ChannelSpend], month: &str) -> Vec<CpaRise> {
    let current = by_placement(rows.iter().filter(|r| r.month == month));
    let earlier: Vec<String> = (1..=BASELINE_MONTHS)
        .filter_map(|n| months_before(month, n))
        .collect();
    let mut out = Vec::new();
    for placement in current {
        let Some(cpa) = placement.figures.cpa().yuan() else {
            continue;
        };
        let baseline: Vec<f64> = earlier
            .iter()
            .filter_map(|m| {
                let rows_of_month = rows.iter().filter(|r| {
                    &r.month == m
                        && r.channel == placement.channel
                        && r.placement == placement.placement
                });
                by_placement(rows_of_month)
                    .first()
                    .and_then(|p| p.figures.cpa().yuan())
            })
            .collect();
        if baseline.len() < MIN_BASELINE_MONTHS {
            continue;
        }
        let Some(baseline_median) = median(baseline) else {
            continue;
        };
        if baseline_median > 0.0 && cpa > baseline_median * (1.0 + CPA_RISE_THRESHOLD) {
            out.push(CpaRise {
                channel: placement.channel,
                placement: placement.placement,
                month: month.to_string(),
                cpa,
                baseline_median,
                rise: cpa / baseline_median - 1.0,
            });
        }
    }
    out.sort_by(|a, b| b.rise.total_cmp(&a.rise));
    out
}

/// Channels with cost and not a single order in the period, largest cost first.
pub fn spend_without_orders(groups: &[ChannelGroup]) -> Vec<SpendWithoutOrders> {
    let mut out: Vec<SpendWithoutOrders> = groups
        .iter()
        .filter(|g| g.figures.cost > 0.0 && g.figures.orders == 0)
        .map(|g| SpendWithoutOrders {
            channel: g.channel.clone(),
            cost: g.figures.cost,
        })
        .collect();
    out.sort_by(|a, b| b.cost.total_cmp(&a.cost));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::channels::ratios::{by_channel, row};
    use crate::domain::cockpit::dimensions::Channel;

    /// A month of a placement with `cost` and `users` new users, 1 order.
    fn month(m: &str, channel: Channel, name: &str, cost: f64, users: f64) -> ChannelSpend {
        row(m, channel, name, [cost, 0.0, 0.0, 0.0, users, 1.0, 0.0])
    }

    #[test]
    fn months_and_medians() {
        assert_eq!(months_before("2026-01", 1).as_deref(), Some("2025-12"));
        assert_eq!(months_before("2026-03", 3).as_deref(), Some("2025-12"));
        assert_eq!(months_before("bad", 1), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn a_cpa_above_its_median_by_more_than_a_third_is_flagged() {
        let ads = "朋友圈广告";
        let notes = "小红书探店笔记";
        let rows = vec![
            // 朋友圈广告 CPAs Aug–Oct: 10, 12, 20 → median 12; Nov: 1700 / 100 = 17.
            // 17 > 12 × 4/3 = 16 → flagged, rise 17 / 12 − 1 = 0.41666…
            month("2025-08", Channel::PaidAds, ads, 1000.0, 100.0),
            month("2025-09", Channel::PaidAds, ads, 1200.0, 100.0),
            month("2025-10", Channel::PaidAds, ads, 2000.0, 100.0),
            month("2025-11", Channel::PaidAds, ads, 1700.0, 100.0),
            // 小红书 CPAs 3, 3, 3 → median 3; Nov 4: 4 = 3 × 4/3 exactly, not *more* → not flagged.
            month("2025-08", Channel::Content, notes, 300.0, 100.0),
            month("2025-09", Channel::Content, notes, 300.0, 100.0),
            month("2025-10", Channel::Content, notes, 300.0, 100.0),
            month("2025-11", Channel::Content, notes, 400.0, 100.0),
            // A new placement with one earlier month: no baseline yet.
            month("2025-10", Channel::OfflineQr, "桌贴", 10.0, 10.0),
            month("2025-11", Channel::OfflineQr, "桌贴", 100.0, 10.0),
        ];
        let rises = cpa_rises(&rows, "2025-11");
        assert_eq!(rises.len(), 1);
        let r = &rises[0];
        assert_eq!(r.placement, ads);
        assert_eq!(r.cpa, 17.0);
        assert_eq!(r.baseline_median, 12.0);
        assert!((r.rise - 5.0 / 12.0).abs() < 1e-12);
        // A malformed month finds nothing rather than failing.
        assert!(cpa_rises(&rows, "November").is_empty());
    }

    #[test]
    fn free_months_neither_trigger_nor_form_the_baseline() {
        let rows = vec![
            // Two free months and one at CPA 5: only one baseline month → none.
            month("2025-08", Channel::Social, "老带新", 0.0, 50.0),
            month("2025-09", Channel::Social, "老带新", 0.0, 50.0),
            month("2025-10", Channel::Social, "老带新", 500.0, 100.0),
            month("2025-11", Channel::Social, "老带新", 5000.0, 100.0),
        ];
        assert!(cpa_rises(&rows, "2025-11").is_empty());
    }

    #[test]
    fn channels_with_spend_and_no_orders() {
        let rows = vec![
            // Paid ads: ¥800 and no order; content ¥300 and no order; social free.
            row(
                "2025-11",
                Channel::PaidAds,
                "抖音信息流",
                [800.0, 0.0, 0.0, 0.0, 5.0, 0.0, 0.0],
            ),
            row(
                "2025-11",
                Channel::Content,
                "小红书",
                [300.0, 0.0, 0.0, 0.0, 5.0, 0.0, 0.0],
            ),
            row(
                "2025-11",
                Channel::Social,
                "老带新",
                [0.0, 0.0, 0.0, 0.0, 5.0, 0.0, 0.0],
            ),
            row(
                "2025-11",
                Channel::OfflineQr,
                "桌贴",
                [50.0, 0.0, 0.0, 0.0, 5.0, 2.0, 60.0],
            ),
        ];
        let found = spend_without_orders(&by_channel(&rows));
        assert_eq!(
            found,
            vec![
                SpendWithoutOrders {
                    channel: Channel::PaidAds.into(),
                    cost: 800.0
                },
                SpendWithoutOrders {
                    channel: Channel::Content.into(),
                    cost: 300.0
                },
            ]
        );
    }
}
