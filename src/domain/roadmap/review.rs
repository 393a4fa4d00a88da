//! The before/after KPI windows around a shipped item's ship date, for the
//! quarterly review: did the KPI the card was meant to move, move?
//!
//! The windows are the four weeks before and the four weeks after the ship
//! day; the ship day itself is in neither (half a day of each). Both are
//! clamped to the days the metric facts cover. When the data ends before the
//! after-window does, the review says so (`after_complete` false, with the
//! days seen so far) instead of comparing a short window as if it were whole.
//!
//! Counts and revenue are compared as daily averages, so a clamped window of
//! 20 days still compares fairly with one of 28; ratios (conversion, AOV …)
//! are the cockpit's own [`Kpi::value`] over each window's [`Totals`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::cockpit::kpi::Kpi;
use crate::domain::cockpit::model::MetricFact;
use crate::domain::cockpit::totals::Totals;
use crate::domain::shared::dates::{add_days, checked};
use crate::domain::shared::ratio::{change, ratio};

/// Days in each window: four weeks.
pub const WINDOW_DAYS: i64 = 28;

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Window {
    /// The window as asked for (28 days).
    #[serde(deserialize_with = "checked")]
    pub from: NaiveDate,
    #[serde(deserialize_with = "checked")]
    pub to: NaiveDate,
    /// The days of it the data covers; `None` when it covers none.
    #[serde(default, deserialize_with = "checked_pair")]
    pub covered: Option<(NaiveDate, NaiveDate)>,
    /// Calendar days in `covered`.
    pub days: u32,
    /// The KPI over the covered days: a daily average for counts and
    /// revenue, the ratio itself otherwise. `None` with no days or a zero
    /// denominator.
    pub value: Option<f64>,
}

/// A shipped item's KPI before and after its ship date. Plain data, so it can
/// sit in a saved review snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiReview {
    pub kpi: Kpi,
    #[serde(deserialize_with = "checked")]
    pub ship_date: NaiveDate,
    pub before: Window,
    pub after: Window,
    /// False while the after-window is still filling (or the data stops
    /// early): the screen shows "days so far / 28" and reads the change as
    /// provisional.
    pub after_complete: bool,
    /// Relative change after vs before; `None` when either side is missing.
    pub change: Option<f64>,
    /// Whether the change is good news for this KPI (a falling bounce rate
    /// is); `None` without a change.
    pub improved: Option<bool>,
}

/// A date checked like every other date of the contract, inside a pair.
#[derive(Deserialize)]
struct CheckedDate(#[serde(deserialize_with = "checked")] NaiveDate);

/// `deserialize_with` for `covered`: both days checked, the failing one
/// named by its index.
fn checked_pair<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<(NaiveDate, NaiveDate)>, D::Error> {
    let pair = Option::<(CheckedDate, CheckedDate)>::deserialize(deserializer)?;
    Ok(pair.map(|(a, b)| (a.0, b.0)))
}

/// The first and last day the facts cover.
fn data_span(facts: &[MetricFact]) -> Option<(NaiveDate, NaiveDate)> {
    let first = facts.iter().map(|f| f.date).min()?;
    let last = facts.iter().map(|f| f.date).max()?;
    Some((first, last))
}

/// `from..=to` clamped to `span`, or `None` when they do not overlap.
fn clamp(
    from: NaiveDate,
    to: NaiveDate,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Option<(NaiveDate, NaiveDate)> {
    let (first, last) = span?;
    let (a, b) = (from.max(first), to.min(last));
    (a <= b).then_some((a, b))
}

/// The window `from..=to` of `facts` for `kpi`.
fn window(
    facts: &[MetricFact],
    kpi: Kpi,
    from: NaiveDate,
    to: NaiveDate,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Window {
    let covered = clamp(from, to, span);
    let days = covered.map_or(0, |(a, b)| {
        u32::try_from((b - a).num_days() + 1).unwrap_or(0)
    });
    let value = covered.and_then(|(a, b)| {
        let mut totals = Totals::default();
        for f in facts.iter().filter(|f| f.date >= a && f.date <= b) {
            totals.add(f);
        }
        let v = kpi.value(&totals)?;
        if kpi.additive() {
            ratio(v, f64::from(days))
        } else {
            Some(v)
        }
    });
    Window {
        from,
        to,
        covered,
        days,
        value,
    }
}

/// `kpi` over the four weeks before and after `ship_date`, from `facts`
/// (already filtered to the districts / channels the item concerns).
pub fn kpi_review(facts: &[MetricFact], kpi: Kpi, ship_date: NaiveDate) -> KpiReview {
    let span = data_span(facts);
    let before = window(
        facts,
        kpi,
        add_days(ship_date, -WINDOW_DAYS),
        add_days(ship_date, -1),
        span,
    );
    let after = window(
        facts,
        kpi,
        add_days(ship_date, 1),
        add_days(ship_date, WINDOW_DAYS),
        span,
    );
    let after_complete = span.is_some_and(|(_, last)| last >= after.to);
    let change = change(after.value, before.value);
    let improved = change
        .filter(|c| *c != 0.0)
        .map(|c| (c > 0.0) == kpi.higher_is_better());
    KpiReview {
        kpi,
        ship_date,
        before,
        after,
        after_complete,
        change,
        improved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cockpit::dimensions::{Channel, District, Platform};
    use crate::domain::cockpit::test_support::{d, fact};
    use crate::domain::shared::dates::days_between;

    /// One fact a day from `from` to `to`: visitors `n` (so paying users
    /// n/20, sessions 2n, bounces n/2), and `n_ship` on the ship day.
    fn facts(
        from: NaiveDate,
        to: NaiveDate,
        ship: NaiveDate,
        before: u32,
        after: u32,
        n_ship: u32,
    ) -> Vec<MetricFact> {
        days_between(from, to)
            .map(|day| {
                let n = if day < ship {
                    before
                } else if day > ship {
                    after
                } else {
                    n_ship
                };
                fact(day, District::Jizhou, Channel::Direct, Platform::Ios, n)
            })
            .collect()
    }

    const SHIP: (i32, u32, u32) = (2026, 10, 1);

    fn ship() -> NaiveDate {
        d(SHIP.0, SHIP.1, SHIP.2)
    }

    #[test]
    fn four_weeks_each_side_ship_day_excluded() {
        // visitors 100/day before, 200/day after; the ship day's 10 000 must
        // not count on either side
        let f = facts(d(2026, 8, 1), d(2026, 11, 27), ship(), 100, 200, 10_000);
        let r = kpi_review(&f, Kpi::Visitors, ship());
        // 1 Oct − 28 days = 3 Sep; − 1 day = 30 Sep
        assert_eq!(
            (r.before.from, r.before.to),
            (d(2026, 9, 3), d(2026, 9, 30))
        );
        assert_eq!(
            (r.after.from, r.after.to),
            (d(2026, 10, 2), d(2026, 10, 29))
        );
        assert_eq!(r.before.days, 28);
        assert_eq!(r.after.days, 28);
        // daily averages: 2800 / 28 = 100 and 5600 / 28 = 200 → +100 %
        assert_eq!(r.before.value, Some(100.0));
        assert_eq!(r.after.value, Some(200.0));
        assert_eq!(r.change, Some(1.0));
        assert_eq!(r.improved, Some(true));
        assert!(r.after_complete);
    }

    #[test]
    fn ratios_use_the_cockpit_formula_over_the_window() {
        let f = facts(d(2026, 8, 1), d(2026, 11, 27), ship(), 100, 200, 10_000);
        // conversion = paying / visitors = (100/20) / 100 = 5 % on both sides:
        // no change, neither good nor bad news
        let r = kpi_review(&f, Kpi::ConversionRate, ship());
        assert_eq!(r.before.value, Some(0.05));
        assert_eq!(r.after.value, Some(0.05));
        assert_eq!(r.change, Some(0.0));
        assert_eq!(r.improved, None);
    }

    #[test]
    fn a_falling_bounce_rate_is_an_improvement() {
        let mut f = facts(d(2026, 8, 1), d(2026, 11, 27), ship(), 100, 100, 100);
        // before: bounces 50 / sessions 200 = 25 %; after: 20 / 200 = 10 %
        for x in f.iter_mut().filter(|x| x.date > ship()) {
            x.bounces = 20;
        }
        let r = kpi_review(&f, Kpi::BounceRate, ship());
        assert_eq!(r.before.value, Some(0.25));
        assert_eq!(r.after.value, Some(0.1));
        // (0.1 − 0.25) / 0.25 = −60 %, good news for a bounce rate
        assert!((r.change.unwrap() + 0.6).abs() < 1e-12);
        assert_eq!(r.improved, Some(true));
    }

    #[test]
    fn an_after_window_still_filling_is_flagged_and_averaged_over_its_days() {
        // data ends 10 Oct: the after-window covers 2–10 Oct, 9 days
        let f = facts(d(2026, 8, 1), d(2026, 10, 10), ship(), 100, 200, 0);
        let r = kpi_review(&f, Kpi::Visitors, ship());
        assert!(!r.after_complete);
        assert_eq!(r.after.covered, Some((d(2026, 10, 2), d(2026, 10, 10))));
        assert_eq!(r.after.days, 9);
        // 9 × 200 / 9 = 200 per day, still comparable with 100 before
        assert_eq!(r.after.value, Some(200.0));
        assert_eq!(r.change, Some(1.0));
    }

    #[test]
    fn windows_are_clamped_to_the_data() {
        // data starts 20 Sep: the before-window covers 20–30 Sep, 11 days
        let f = facts(d(2026, 9, 20), d(2026, 11, 27), ship(), 100, 200, 0);
        let r = kpi_review(&f, Kpi::Revenue, ship());
        assert_eq!(r.before.covered, Some((d(2026, 9, 20), d(2026, 9, 30))));
        assert_eq!(r.before.days, 11);
        // revenue per day: (100/10) × 50 = 500 before, (200/10) × 50 = 1000 after
        assert_eq!(r.before.value, Some(500.0));
        assert_eq!(r.after.value, Some(1000.0));
    }

    #[test]
    fn no_data_after_the_ship_date_gives_no_change() {
        // shipped on the last day of data: nothing after it yet
        let f = facts(d(2026, 8, 1), ship(), ship(), 100, 200, 100);
        let r = kpi_review(&f, Kpi::Visitors, ship());
        assert_eq!(r.after.covered, None);
        assert_eq!(r.after.days, 0);
        assert_eq!(r.after.value, None);
        assert_eq!(r.change, None);
        assert_eq!(r.improved, None);
        assert!(!r.after_complete);
        // and no facts at all: nothing anywhere, no panic
        let empty = kpi_review(&[], Kpi::Aov, ship());
        assert_eq!(
            (empty.before.value, empty.after.value, empty.change),
            (None, None, None)
        );
    }

    #[test]
    fn a_review_round_trips_through_json() {
        let f = facts(d(2026, 8, 1), d(2026, 11, 27), ship(), 100, 200, 0);
        let r = kpi_review(&f, Kpi::Orders, ship());
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"shipDate\":\"2026-10-01\""));
        assert_eq!(serde_json::from_str::<KpiReview>(&json).unwrap(), r);
    }
}
